"""Intent parser benchmarks."""
