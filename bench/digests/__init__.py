"""Digest benchmark: every manager's digest over 100k deals and 1M activities."""
