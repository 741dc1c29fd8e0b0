"""Benchmark: analyse one-hour generated calls (English and Chinese) and time it."""
