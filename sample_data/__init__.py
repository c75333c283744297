"""Deterministic synthetic data for demos, tests and benchmarks (示例数据)."""
