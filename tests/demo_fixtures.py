"""A demo tenant seeded once per test session and copied per test (SQLite), or seeded afresh
on PostgreSQL; import `demo_db_fixture` and `demo_sqlite_template_fixture` into a test
module, then ask for `demo_db`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from crm_store.analytics.model_cache import forget
from crm_store.db import make_engine, make_session_factory
from crm_store.demo import demo_now, seed_demo
from tests.conftest import BACKENDS, _truncate_all

DEMO_NOW = demo_now(datetime(2026, 6, 15, tzinfo=UTC))  # a Monday


@dataclass(frozen=True)
class DemoDb:
    engine: Engine
    factory: sessionmaker[Session]
    tenant_id: int


@pytest.fixture(scope="session", name="demo_sqlite_template")
def demo_sqlite_template_fixture(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    seed_demo(make_session_factory(engine), now=DEMO_NOW)
    engine.dispose()
    return path


@pytest.fixture(params=BACKENDS, name="demo_db")
def demo_db_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DemoDb]:
    """The demo tenant as of DEMO_NOW on a private database."""
    forget()
    if request.param == "sqlite":
        path = tmp_path / "demo.db"
        shutil.copy(request.getfixturevalue("demo_sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
        factory = make_session_factory(engine)
        tenant_id = seed_demo(factory, now=DEMO_NOW).tenant_id  # already there: reads only
        yield DemoDb(engine, factory, tenant_id)
        engine.dispose()
    else:
        engine = request.getfixturevalue("pg_engine")
        _truncate_all(engine)
        factory = make_session_factory(engine)
        yield DemoDb(engine, factory, seed_demo(factory, now=DEMO_NOW).tenant_id)
