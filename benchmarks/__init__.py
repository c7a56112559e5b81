"""Benchmarks: speed and memory targets, measured on this machine (never timed tests)."""
