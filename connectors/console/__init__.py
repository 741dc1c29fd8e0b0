"""Console connector: a local terminal chat that uses the same router as the messengers."""
