"""Publication and patent watch: compare what others publish with what we protect.

Pure parts (no database): ``tokenize`` (Japanese and English words as comparable base
forms), ``features`` (words, codebook terms and operating conditions of a text),
``match`` (``score_text``: which protected elements a passage reveals, with the evidence)
and ``sources`` (patent gazettes and other publications read into plain sections).
The store, alerts and events live in ``services/watch.py``.
"""
