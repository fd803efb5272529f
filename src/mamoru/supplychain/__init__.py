"""Supply chain: the map (products, items, sources through the tiers), its analysis, and early warning.

Everything in this package is pure: plain data in, plain data out (``graph.SupplyMap``).
Storage lives in ``store/models/supplychain.py``, use cases in ``services/supplychain*.py``.
"""
