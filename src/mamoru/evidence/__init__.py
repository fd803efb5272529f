"""The evidence package (証拠パッケージ) for a lawyer or investigator: pure builders, no database.

``services/evidence.py`` gathers the records; the modules here turn them into files: the audit
excerpt and its standalone verifier, CSV tables, the manifest, the README and the PDF summary.
"""
