"""`salesbrain chat` as a real process: type a message, read the reply."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crm_store import migrate
from crm_store.actor import Actor
from crm_store.db import make_engine, make_session_factory, transaction
from crm_store.enums import Language, Role
from crm_store.tenant import create_tenant
from crm_store.user import create_user


def _prepare(db: Path) -> None:
    engine = make_engine(f"sqlite:///{db}")
    migrate.upgrade(engine)
    with transaction(make_session_factory(engine)) as s:
        tenant = create_tenant(s, slug="e2e", name="E2E Soft")
        create_user(
            s,
            actor=Actor.system(tenant.id),
            username="lin",
            display_name="Lin",
            role=Role.REP,
            team="east",
            language=Language.ZH,
        )
    engine.dispose()


def _run_chat(tmp_path: Path, user: str, lines: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SALESBRAIN_DATA_DIR": str(tmp_path / "data"),
        "SALESBRAIN_DATABASE__URL": f"sqlite:///{tmp_path / 'e2e.db'}",
        "SALESBRAIN_TENANT": "e2e",
    }
    return subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "chat", "--as", user],
        input=lines,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_console_chat_answers_help_in_chinese(tmp_path: Path) -> None:
    _prepare(tmp_path / "e2e.db")
    result = _run_chat(tmp_path, "lin", "帮助\n我的商机\nexit\n")
    assert result.returncode == 0, result.stderr
    assert "我能帮你做这些" in result.stdout
    assert "你目前没有进行中的商机" in result.stdout


def test_console_unknown_user_gets_onboarding(tmp_path: Path) -> None:
    _prepare(tmp_path / "e2e.db")
    result = _run_chat(tmp_path, "nobody", "hello\n")
    assert result.returncode == 0, result.stderr
    assert "not linked" in result.stdout


def test_bad_configuration_names_the_variable(tmp_path: Path) -> None:
    env = {**os.environ, "SALESBRAIN_DATABASE__URL": "mysql://nope"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "chat", "--as", "x"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        input="",
    )
    assert result.returncode == 2
    assert "SALESBRAIN_DATABASE__URL" in result.stderr
    assert "Traceback" not in result.stderr
