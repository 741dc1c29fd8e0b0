"""Alembic migration scripts for the CRM schema."""
