"""Digest benchmark: build a 100k-deal / 1M-activity tenant, then time every manager's digest.

The world is bulk-inserted with SQLAlchemy core (`crm_store.bulk`, no audit rows). Timed:
training the tenant's win model (once a day in production), then computing the daily digest
of every manager plus the admin's weekly one from one batched tenant load, and rendering
them as text replies (charts timed separately). SQLite always; PostgreSQL too when
SALESBRAIN_TEST_DATABASE_URL or --pg names a scratch database (it is wiped).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.digests.render import render_manager_digest
from bot.digests.scheduler import build_reply
from crm_store import migrate
from crm_store.analytics.digest import build_manager_digest
from crm_store.analytics.model_cache import forget, tenant_model
from crm_store.analytics.pipeline import load_tenant_data
from crm_store.bulk import BulkSummary, build_bench_world
from crm_store.db import make_engine, make_session_factory
from crm_store.enums import Role
from crm_store.user import User

GOAL_SECONDS = 3.0


def _existing(engine: Any) -> tuple[BulkSummary, datetime] | None:
    """A bench world left by an earlier run with --db (reused to skip the slow setup)."""
    from sqlalchemy import func

    from crm_store.activity import Activity
    from crm_store.deal import Deal
    from crm_store.stage_history import StageHistory
    from crm_store.tenant import Tenant

    with make_session_factory(engine)() as s:
        tenant = s.scalars(select(Tenant).where(Tenant.slug == "bench")).first()
        if tenant is None:
            return None

        def count(model: Any) -> int:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)

        managers = s.scalar(select(func.count()).select_from(User).where(User.role == "manager"))
        reps = s.scalar(select(func.count()).select_from(User).where(User.role == "rep"))
        world = BulkSummary(
            tenant.id,
            int(managers or 0),
            int(reps or 0),
            0,
            count(Deal),
            count(Activity),
            count(StageHistory),
        )
        return world, tenant.created_at


def run_backend(url: str, *, deals: int, activities: int, wipe: bool) -> dict[str, Any]:
    engine = make_engine(url)
    if wipe:
        migrate.downgrade(engine, "base")
    migrate.upgrade(engine)
    now = datetime.now(UTC).replace(hour=1, minute=0, second=0, microsecond=0)
    started = time.perf_counter()
    reused = None if wipe else _existing(engine)
    if reused is not None:
        world, now = reused
    else:
        world = build_bench_world(engine, now=now, deals=deals, activities=activities)
    setup = time.perf_counter() - started
    factory = make_session_factory(engine)
    forget(world.tenant_id)
    with factory() as session:
        started = time.perf_counter()
        model = tenant_model(session, tenant_id=world.tenant_id, now=now)
        train = time.perf_counter() - started

        started = time.perf_counter()
        data = load_tenant_data(session, tenant_id=world.tenant_id, now=now, model=model)
        loaded = time.perf_counter() - started
        recipients = list(
            session.scalars(
                select(User).where(
                    User.tenant_id == world.tenant_id,
                    User.role.in_([Role.MANAGER.value, Role.ADMIN.value]),
                )
            )
        )
        digests = [
            build_manager_digest(
                session, data, user, kind="weekly" if user.role == Role.ADMIN else "daily"
            )
            for user in recipients
        ]
        compute = time.perf_counter() - started
        owners = {uid: name for uid, (name, _) in data.users.items()}
        started = time.perf_counter()
        replies = [render_manager_digest(d, owners, None) for d in digests]
        render = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as charts:
            started = time.perf_counter()
            reply, _ = build_reply(session, data, recipients[-1], "daily", Path(charts))
            chart = time.perf_counter() - started
            chart_ok = bool(reply.image_path and Path(reply.image_path).exists())
    engine.dispose()
    return {
        "deals": world.deals,
        "activities": world.activities,
        "stage_rows": world.stage_rows,
        "managers": world.managers,
        "digests": len(replies),
        "open_deals": len(data.open_deals),
        "model": model.method,
        "setup_s": round(setup, 1),
        "train_s": round(train, 2),
        "load_s": round(loaded, 3),
        "digest_s": round(compute, 3),
        "render_s": round(render, 3),
        "one_chart_s": round(chart, 3),
        "chart_written": chart_ok,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--pg", default=os.environ.get("SALESBRAIN_TEST_DATABASE_URL"))
    parser.add_argument("--db", type=Path, help="keep the SQLite world here and reuse it")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "bench.db"
        results["sqlite"] = run_backend(
            f"sqlite:///{path}", deals=args.deals, activities=args.activities, wipe=False
        )
        print("sqlite:", json.dumps(results["sqlite"]), file=sys.stderr)
    if args.pg:
        results["postgres"] = run_backend(
            args.pg, deals=args.deals, activities=args.activities, wipe=True
        )
        print("postgres:", json.dumps(results["postgres"]), file=sys.stderr)
    sqlite = results["sqlite"]
    line: dict[str, Any] = {
        "deals": sqlite["deals"],
        "activities": sqlite["activities"],
        "digests": sqlite["digests"],
        "sqlite_digest_s": sqlite["digest_s"],
        "sqlite_render_s": sqlite["render_s"],
        "sqlite_train_s": sqlite["train_s"],
        "goal_s": GOAL_SECONDS,
        "ok": sqlite["digest_s"] + sqlite["render_s"] < GOAL_SECONDS,
    }
    if "postgres" in results:
        line["pg_digest_s"] = results["postgres"]["digest_s"]
        line["pg_render_s"] = results["postgres"]["render_s"]
        line["pg_train_s"] = results["postgres"]["train_s"]
    print(json.dumps(line))


if __name__ == "__main__":
    main()
