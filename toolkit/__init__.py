"""Comparative film criticism toolkit: reviews in many languages → languages, statements on budget,
historical accuracy and geopolitics → reception by place."""
__version__ = "0.1.0"
