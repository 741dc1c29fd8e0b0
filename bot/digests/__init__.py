"""Digests: manager daily/weekly digests and the rep morning brief, rendered as Replies."""
