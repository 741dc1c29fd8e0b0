"""Composition root: everything built once at start-up and passed explicitly."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from crm_store import migrate
from crm_store.db import make_engine, make_session_factory

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    extras: dict[str, object] = field(default_factory=dict)

    def close(self) -> None:
        """Release what start-up opened: extras with a close() (knowledge base), the engine."""
        for extra in self.extras.values():
            close = getattr(extra, "close", None)
            if callable(close):
                close()
        self.engine.dispose()


def build_services(settings: Settings, *, upgrade: bool = True) -> Services:
    """Open the database (upgrading its schema unless told not to) and wire services."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    if upgrade:
        migrate.upgrade(engine)
    return Services(settings=settings, engine=engine, session_factory=make_session_factory(engine))
