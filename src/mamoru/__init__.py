"""mamoru (守る): technology-protection workbench for manufacturers."""

__version__ = "0.1.0"
