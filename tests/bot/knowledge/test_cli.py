"""`salesbrain knowledge` commands through typer's CliRunner on the test database."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.knowledge_cmd import knowledge_app
from bot.services import Services
from tests.bot.knowledge.conftest import BATTLECARD, WEST_PLAYBOOK
from tests.conftest import Org


@pytest.fixture
def cli_env(services: Services, org: Org, monkeypatch: pytest.MonkeyPatch) -> Path:
    settings = services.settings
    monkeypatch.setenv("SALESBRAIN_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SALESBRAIN_TENANT", "acme-soft")
    monkeypatch.setenv("SALESBRAIN_DATABASE__URL", settings.database_url)
    monkeypatch.setenv("SALESBRAIN_LOG_LEVEL", "WARNING")
    return settings.data_dir


def test_add_continues_past_a_bad_file_and_exits_1(cli_env: Path, tmp_path: Path) -> None:
    good = tmp_path / "kestrel.md"
    good.write_text(BATTLECARD, encoding="utf-8")
    west = tmp_path / "west.md"
    west.write_text(WEST_PLAYBOOK, encoding="utf-8")
    bad = tmp_path / "notes.exe"
    bad.write_bytes(b"MZ\x00")
    runner = CliRunner()

    result = runner.invoke(knowledge_app, ["add", str(bad), str(good), "--as", "enable"])
    assert result.exit_code == 1, result.output
    assert f"✗ {bad}: Unsupported file type '.exe'" in result.output
    assert f"✓ {good}: Added “Battlecard: Orbitly vs Kestrel CRM”" in result.output
    assert "1 of 2 files added or up to date, 1 failed" in result.output

    west_only = runner.invoke(knowledge_app, ["add", str(west), "--visibility", "west"])
    assert west_only.exit_code == 0, west_only.output

    listing = runner.invoke(knowledge_app, ["list"])
    assert listing.exit_code == 0
    assert "kestrel" in listing.output and "west" in listing.output
    assert "2 documents" in listing.output

    as_east = runner.invoke(
        knowledge_app, ["search", "renewal talks with utilities", "--as", "wang"]
    )
    as_west = runner.invoke(
        knowledge_app, ["search", "renewal talks with utilities", "--as", "zhao"]
    )
    assert "West region renewal playbook" not in as_east.output
    assert "1. [" in as_west.output and "West region renewal playbook" in as_west.output

    removed = runner.invoke(knowledge_app, ["remove", "kestrel"])
    assert removed.exit_code == 0 and "removed kestrel" in removed.output
    missing = runner.invoke(knowledge_app, ["remove", "kestrel"])
    assert missing.exit_code == 1 and "No document with id 'kestrel'" in missing.output


def test_add_as_a_rep_is_refused(cli_env: Path, tmp_path: Path) -> None:
    good = tmp_path / "kestrel.md"
    good.write_text(BATTLECARD, encoding="utf-8")
    result = CliRunner().invoke(knowledge_app, ["add", str(good), "--as", "wang"])
    assert result.exit_code == 1
    assert "enablement or admin only" in result.output
    listing = CliRunner().invoke(knowledge_app, ["list"])
    assert "0 documents" in listing.output
