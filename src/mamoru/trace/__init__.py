"""Leak tracing: what makes every outgoing copy name its recipient, and finding that recipient again.

Pure modules (no database): ``marks`` (zero-width marks), ``wording`` (choices among equivalent
wordings), ``codenames`` (per-partner code names), ``fingerprint`` (what the guard adds to a
copy), ``rank`` (evidence to a verdict). ``services/trace.py`` is the door to the data.
"""
