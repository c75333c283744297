"""Summary tables: indicator counts per base unit, kept in step with the facts.

`read` answers indicator queries from them; `build` fills and refreshes them.
"""
