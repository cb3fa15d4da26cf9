"""The shipped corpus as package data: installed as ``toolkit._corpus``, read with ``importlib.resources``
through ``toolkit.datasets`` (this file only makes the folder importable; it holds no code)."""
