"""Indicator queries: each takes a connection, a Scope and filters, and returns a DataFrame."""
