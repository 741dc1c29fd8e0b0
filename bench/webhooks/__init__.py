"""Webhook acknowledgement benchmark: the real app against a bare endpoint, over real TCP."""
