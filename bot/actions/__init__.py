"""Intent actions: the CRM work behind each understood message."""
