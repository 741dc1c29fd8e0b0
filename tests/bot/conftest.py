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
def parser() -> LocalParser:
    """The real offline parser, trained once per machine (cached by training-data hash)."""
    cache = Path(
        os.environ.get("SALESBRAIN_TEST_MODEL_CACHE", Path.home() / ".cache" / "salesbrain-test")
    )
    return LocalParser(cache)


@pytest.fixture
def services(engine: Engine, tmp_path: Path, parser: LocalParser) -> Services:
    settings = Settings(
        data_dir=tmp_path / "data",
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
