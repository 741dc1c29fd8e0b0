"""Bot fixtures: services on the per-test database and a message factory."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.services import Services
from bot.settings import Settings
from connectors.types import ButtonAction, InboundMessage
from crm_store.db import make_session_factory
from nlp.local_parser import LocalParser

MessageFactory = Callable[..., InboundMessage]


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Trained models are shared by the session's tests (training is the slow part)."""
    override = os.environ.get("SALESBRAIN_TEST_MODEL_CACHE")
    return Path(override) if override else tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def parser(model_cache: Path) -> LocalParser:
    """The real offline parser, trained once per test session."""
    return LocalParser(model_cache)


@pytest.fixture
def services(engine: Engine, tmp_path: Path, parser: LocalParser, model_cache: Path) -> Services:
    settings = Settings(
        data_dir=tmp_path / "data",
        models_dir=model_cache,
        tenant="acme-soft",
        database={"url": engine.url.render_as_string(hide_password=False)},  # type: ignore[arg-type]
    )
    return Services(
        settings=settings,
        engine=engine,
        session_factory=make_session_factory(engine),
        extras={"parser": parser},
    )


@pytest.fixture
def make_message() -> MessageFactory:
    counter = itertools.count(1)

    def build(
        text: str,
        *,
        sender: str = "wang",
        platform: str = "console",
        channel: str = "c1",
        action: ButtonAction | None = None,
    ) -> InboundMessage:
        return InboundMessage(
            platform=platform,
            tenant="acme-soft" if platform == "console" else "T1",
            channel=channel,
            sender=sender,
            text=text,
            event_id=f"ev-{next(counter)}",
            received_at=datetime.now(UTC),
            action=action,
        )

    return build
