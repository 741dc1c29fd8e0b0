"""Database fixtures: every store test runs on SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from crm_store import migrate
from crm_store.actor import Actor
from crm_store.db import make_engine, make_session_factory, transaction
from crm_store.enums import Language, Role
from crm_store.schema import metadata
from crm_store.tenant import create_tenant
from crm_store.user import User, create_user

PG_URL = os.environ.get("SALESBRAIN_TEST_DATABASE_URL")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (much faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_engine() -> Iterator[Engine]:
    if not PG_URL:
        pytest.skip("SALESBRAIN_TEST_DATABASE_URL not set")
    engine = make_engine(PG_URL)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def _truncate_all(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def engine(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[Engine]:
    """A clean, migrated database for one test, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "crm.db"
        shutil.copy(sqlite_template, path)
        eng = make_engine(f"sqlite:///{path}")
        yield eng
        eng.dispose()
    else:
        eng = request.getfixturevalue("pg_engine")
        _truncate_all(eng)
        yield eng


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@dataclass(frozen=True)
class Org:
    """A tenant with one user per role; reps a and b share team east with the manager."""

    tenant_id: int
    admin: Actor
    manager: Actor
    rep_a: Actor
    rep_b: Actor
    rep_west: Actor
    enablement: Actor
    other_tenant_admin: Actor


def _actor(user: User) -> Actor:
    return user.as_actor()


@pytest.fixture
def org(session_factory: sessionmaker[Session]) -> Org:
    with transaction(session_factory) as s:
        tenant = create_tenant(s, slug="acme-soft", name="Acme Soft")
        other = create_tenant(s, slug="other", name="Other Vendor")
        system = Actor.system(tenant.id)

        def mk(name: str, role: Role, team: str | None, lang: Language = Language.ZH) -> Actor:
            return _actor(
                create_user(
                    s,
                    actor=system,
                    username=name,
                    display_name=name.title(),
                    role=role,
                    team=team,
                    language=lang,
                )
            )

        result = Org(
            tenant_id=tenant.id,
            admin=mk("admin", Role.ADMIN, None),
            manager=mk("boss", Role.MANAGER, "east"),
            rep_a=mk("wang", Role.REP, "east"),
            rep_b=mk("emma", Role.REP, "east", Language.EN),
            rep_west=mk("zhao", Role.REP, "west"),
            enablement=mk("enable", Role.ENABLEMENT, None),
            other_tenant_admin=_actor(
                create_user(
                    s,
                    actor=Actor.system(other.id),
                    username="x",
                    display_name="X",
                    role=Role.ADMIN,
                )
            ),
        )
    return result
