"""Outgoing-document guard: find what must not leave, code-name it, mark it, record it.

Layers, inner to outer: ``normalize`` (folding with offsets) -> ``terms`` (Aho-Corasick
codebook matcher) and ``conditions`` (operating-condition patterns) -> ``scanner``
(findings) -> ``policy``/``bands``/``marking`` (what replaces what) -> ``formats``
(one plug-in per file type) -> ``engine`` (files, atomic output, re-scan). Storage is
in ``models``/``repository``; use cases in ``mamoru.services.guard``.
"""
