"""Matchers: one module per kind of mention, run in order over one text."""
