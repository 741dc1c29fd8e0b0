"""Retrieval benchmark: search latency at 100k chunks, fast-path recall, ingestion speed."""
