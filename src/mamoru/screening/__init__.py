"""Partner screening against sanctions and end-user lists.

The engine (normalisation, transliteration, candidate index, scoring) is pure and
works without a database, so it can be tested on tables of names and benchmarked
on real lists. Parsers turn official list files into plain ``ListEntry`` records.
Storage and use cases live in ``models`` and ``mamoru.services.screening``.
"""
