"""Whole-app integration tests: real signed HTTP through the ASGI app, real database."""
