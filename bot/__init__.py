"""The application: composition root, router, actions, dialogue, replies, API and CLI."""
