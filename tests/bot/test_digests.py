"""Digests rendered in zh and en with charts, bad inputs, the scheduler and the CLI glue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from bot.cli import analytics_cmd
from bot.digests.scheduler import DigestJob, DigestScheduler, preview_digest
from bot.services import Services
from bot.settings import Settings
from crm_store.analytics.model_cache import forget
from crm_store.db import transaction
from crm_store.digest_pref import get_preference
from crm_store.enums import Role
from crm_store.user import User, create_user
from tests.conftest import Org
from tests.demo_fixtures import DEMO_NOW as NOW
from tests.demo_fixtures import (  # noqa: F401 - fixtures
    DemoDb,
    demo_db_fixture,
    demo_sqlite_template_fixture,
)


def _png(path: str | None) -> bool:
    return path is not None and Path(path).read_bytes()[:4] == b"\x89PNG"


def test_manager_digest_in_chinese_and_english_with_chart(demo_db: DemoDb, tmp_path: Path) -> None:
    session_factory = demo_db.factory
    zh = preview_digest(
        session_factory, username="manager", kind="daily", now=NOW, chart_dir=tmp_path
    )
    assert zh.title is not None and zh.title.startswith("销售日报")
    for header in ("【管道】", "【预测 vs 目标】", "【停滞商机】", "【风险客户】", "【即将续约】"):
        assert header in zh.text
    assert "目标 ¥" in zh.text and dict(zh.fields)["停滞"].isdigit()
    assert _png(zh.image_path)

    with transaction(session_factory) as s:
        manager = s.scalars(select(User).where(User.username == "manager")).one()
        manager.language = "en"
        manager.timezone = "America/New_York"
    en = preview_digest(
        session_factory, username="manager", kind="weekly", now=NOW, chart_dir=tmp_path
    )
    assert en.title is not None and en.title.startswith("Weekly sales digest")
    assert "*Forecast vs quota*" in en.text and "*Rep activity*" in en.text
    assert "【" not in en.text
    assert _png(en.image_path) and en.image_path != zh.image_path

    brief = preview_digest(session_factory, username="emma", kind=None, now=NOW, chart_dir=None)
    assert brief.title is not None and brief.title.startswith("Good morning, Emma")
    assert "*Tasks for today*" in brief.text and brief.image_path is None
    wang = preview_digest(session_factory, username="wang", kind=None, now=NOW, chart_dir=None)
    assert "【今日待办】" in wang.text
    with pytest.raises(LookupError):
        preview_digest(session_factory, username="enable", kind=None, now=NOW, chart_dir=None)
    with pytest.raises(LookupError):
        preview_digest(session_factory, username="nobody", kind=None, now=NOW, chart_dir=None)


def test_empty_pipeline_no_team_no_quota(
    session_factory: sessionmaker[Session], org: Org, tmp_path: Path
) -> None:
    forget()
    with transaction(session_factory) as s:
        create_user(s, actor=org.admin, username="lonely", display_name="Lonely", role=Role.MANAGER)
    boss = preview_digest(
        session_factory,
        username="boss",
        kind="daily",
        now=NOW,
        chart_dir=tmp_path,
        tenant_slug="acme-soft",
    )
    assert "目前没有进行中的商机" in boss.text
    assert "未设置" in boss.text and boss.image_path is None
    lonely = preview_digest(
        session_factory,
        username="lonely",
        kind="daily",
        now=NOW,
        chart_dir=tmp_path,
        tenant_slug="acme-soft",
    )
    assert "还没有加入团队" in lonely.text
    admin = preview_digest(
        session_factory,
        username="admin",
        kind="weekly",
        now=NOW,
        chart_dir=tmp_path,
        tenant_slug="acme-soft",
    )
    assert "全公司" in (admin.title or "")
    emma = preview_digest(
        session_factory,
        username="emma",
        kind="brief",
        now=NOW,
        chart_dir=tmp_path,
        tenant_slug="acme-soft",
    )
    assert "• none" in emma.text and "No open deals yet" in emma.text


def test_scheduler_builds_delivers_and_marks(demo_db: DemoDb, tmp_path: Path) -> None:
    session_factory = demo_db.factory
    moment = NOW.replace(hour=1, minute=30)  # 09:30 in Shanghai, Monday
    delivered: list[DigestJob] = []

    def deliver(session: Session, job: DigestJob) -> None:
        if job.username == "li":
            raise RuntimeError("platform down")
        delivered.append(job)

    scheduler = DigestScheduler(session_factory, chart_dir=tmp_path)
    jobs = scheduler.due_digests(moment, deliver=deliver)
    kinds = {(j.username, j.kind) for j in jobs}
    assert {("manager", "daily"), ("manager", "weekly"), ("admin", "weekly")} <= kinds
    assert {("wang", "brief"), ("zhao", "brief")} <= kinds
    assert ("li", "brief") not in kinds and ("emma", "brief") in kinds
    manager_job = next(j for j in jobs if j.username == "manager" and j.kind == "daily")
    assert ("slack", "", "U0DEMOMGR") in manager_job.identities
    assert _png(manager_job.reply.image_path)
    assert delivered == jobs
    again = scheduler.due_digests(moment.replace(minute=45), deliver=deliver)
    assert again == []  # li's failure is retried, but it fails again
    with session_factory() as s:
        manager = s.scalars(select(User).where(User.username == "manager")).one()
        pref = get_preference(s, user_id=manager.id)
        assert pref is not None and pref.last_daily_at == moment
        assert pref.last_snapshot["total"] > 0


@pytest.fixture
def cli(demo_db: DemoDb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    engine = demo_db.engine
    settings = Settings(
        data_dir=tmp_path / "data",
        tenant="demo",
        database={"url": engine.url.render_as_string(hide_password=False)},  # type: ignore[arg-type]
    )
    services = Services(settings=settings, engine=engine, session_factory=sessionmaker(engine))
    monkeypatch.setattr(analytics_cmd, "open_services", lambda: services)
    app = typer.Typer()
    analytics_cmd.register(app)
    return app


def test_cli_usage_import_digest_preview_and_backtest(cli: typer.Typer, tmp_path: Path) -> None:
    runner = CliRunner()
    good_and_bad = tmp_path / "usage.csv"
    good_and_bad.write_text(
        "account,date,logins,active_users,seats\n"
        "远航物流,2026-06-10,30,12,40\n"
        "No Such Co,2026-06-10,1,1,1\n"
        "Acme,2026-06-11,3,1,10\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["usage", "import", str(good_and_bad)])
    assert result.exit_code == 1
    assert "imported 2 rows, skipped 1" in result.output
    assert "usage.csv:3: unknown account 'No Such Co'" in result.output

    broken = tmp_path / "broken.csv"
    broken.write_text("hello,world\n1,2\n", encoding="utf-8")
    result = runner.invoke(cli, ["usage", "import", str(broken)])
    assert result.exit_code == 2 and "missing columns" in result.output
    result = runner.invoke(cli, ["usage", "import", str(tmp_path / "absent.csv")])
    assert result.exit_code == 2 and "cannot read" in result.output

    result = runner.invoke(
        cli,
        [
            "digest",
            "--preview",
            "--user",
            "manager",
            "--out",
            str(tmp_path / "charts"),
            "--now",
            NOW.isoformat(),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "【管道】" in result.output and "chart: " in result.output
    assert list((tmp_path / "charts").glob("*.png"))
    assert runner.invoke(cli, ["digest", "--user", "manager"]).exit_code == 2
    assert runner.invoke(cli, ["digest", "--preview", "--user", "ghost"]).exit_code == 2

    result = runner.invoke(cli, ["forecast", "backtest", "--now", NOW.isoformat()])
    assert result.exit_code == 0, result.output
    line = json.loads(result.output.strip().splitlines()[-1])
    assert line["n_test"] > 0 and line["auc"] > line["prior_auc"]
