"""Migrations upgrade from empty, downgrade to empty, and match the models."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import inspect

from crm_store import migrate
from crm_store.db import make_engine
from crm_store.schema import metadata


def _fresh_engines(tmp_path: Path) -> list:
    engines = [make_engine(f"sqlite:///{tmp_path / 'm.db'}")]
    url = os.environ.get("SALESBRAIN_TEST_DATABASE_URL")
    if url:
        pg = make_engine(url)
        migrate.downgrade(pg, "base")
        engines.append(pg)
    return engines


@pytest.mark.postgres
def test_upgrade_from_empty_then_downgrade_to_empty(tmp_path: Path) -> None:
    for engine in _fresh_engines(tmp_path):
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision(engine)
        tables = set(inspect(engine).get_table_names())
        assert {t.name for t in metadata.sorted_tables} <= tables
        migrate.downgrade(engine, "base")
        assert migrate.current_revision(engine) is None
        remaining = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()
        migrate.upgrade(engine)  # leave PostgreSQL migrated for the other tests
        engine.dispose()


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    """Autogenerate against a migrated database finds nothing left to migrate."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
