"""Digest scheduling: which digests are due, built in one batch per tenant, then handed on."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.digests.render import render_manager_digest, render_rep_brief
from connectors.types import Reply
from crm_store.analytics.digest import build_manager_digest, build_rep_brief
from crm_store.analytics.pipeline import TenantData, load_tenant_data
from crm_store.db import transaction, utcnow
from crm_store.digest_pref import DigestKind, DueDigest, due_digests, mark_sent
from crm_store.enums import Role
from crm_store.user import Identity, User

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DigestJob:
    """A rendered digest and where its recipient can be reached."""

    tenant_id: int
    user_id: int
    username: str
    kind: DigestKind
    reply: Reply
    identities: tuple[tuple[str, str, str], ...]  # (platform, workspace, external id)


def build_reply(
    session: Session,
    data: TenantData,
    user: User,
    kind: DigestKind,
    out_dir: Path | None,
    since: datetime | None = None,
) -> tuple[Reply, dict[str, object] | None]:
    """The reply for one user and kind, plus the snapshot to remember (manager digests)."""
    owners = {uid: name for uid, (name, _) in data.users.items()}
    if kind == "brief" or user.role == Role.REP:
        return render_rep_brief(build_rep_brief(session, data, user), owners, out_dir), None
    digest = build_manager_digest(session, data, user, kind=kind, since=since)
    return render_manager_digest(digest, owners, out_dir), digest.snapshot()


class DigestScheduler:
    """Call `due_digests(now)` every minute; due digests are built, delivered and marked."""

    def __init__(self, factory: sessionmaker[Session], *, chart_dir: Path | None) -> None:
        self.factory = factory
        self.chart_dir = chart_dir

    def due_digests(
        self,
        now: datetime | None = None,
        deliver: Callable[[Session, DigestJob], None] | None = None,
    ) -> list[DigestJob]:
        """Build every digest due at `now`; `deliver` (e.g. an outbox write) runs in the same
        transaction as the bookkeeping, so a digest is marked sent only if it was handed on."""
        moment = now or utcnow()
        jobs: list[DigestJob] = []
        with transaction(self.factory) as session:
            due = due_digests(session, now=moment)
            by_tenant: dict[int, list[DueDigest]] = defaultdict(list)
            for item in due:
                by_tenant[item.tenant_id].append(item)
            for tenant_id, items in by_tenant.items():
                data = load_tenant_data(session, tenant_id=tenant_id, now=moment)
                for item in items:
                    job = self._one(session, data, item, deliver)
                    if job is not None:
                        jobs.append(job)
        return jobs

    def _one(
        self,
        session: Session,
        data: TenantData,
        item: DueDigest,
        deliver: Callable[[Session, DigestJob], None] | None,
    ) -> DigestJob | None:
        user = session.get(User, item.user_id)
        if user is None:
            return None
        try:
            with session.begin_nested():
                reply, snapshot = build_reply(
                    session, data, user, item.kind, self.chart_dir, since=item.last_sent_at
                )
                identities = tuple(
                    (i.platform, i.workspace, i.external_id)
                    for i in session.scalars(select(Identity).where(Identity.user_id == user.id))
                )
                job = DigestJob(
                    user.tenant_id, user.id, user.username, item.kind, reply, identities
                )
                if deliver is not None:
                    deliver(session, job)
                mark_sent(
                    session, user_id=user.id, kind=item.kind, at=data.now, snapshot_data=snapshot
                )
        except Exception:  # one user's failure must not hold back the others' digests
            log.exception("digest %s for user %s failed", item.kind, item.user_id)
            return None
        return job


def preview_digest(
    factory: sessionmaker[Session],
    *,
    username: str,
    kind: DigestKind | None,
    now: datetime | None,
    chart_dir: Path | None,
    tenant_slug: str | None = None,
) -> Reply:
    """Render a user's digest without sending it or touching the bookkeeping."""
    from crm_store.tenant import get_tenant_by_slug

    moment = now or utcnow()
    with factory() as session:
        stmt = select(User).where(User.username == username)
        if tenant_slug:
            tenant = get_tenant_by_slug(session, slug=tenant_slug)
            if tenant is None:
                raise LookupError(f"no tenant {tenant_slug!r}")
            stmt = stmt.where(User.tenant_id == tenant.id)
        users = list(session.scalars(stmt))
        if not users:
            raise LookupError(f"no user {username!r}")
        if len(users) > 1:
            raise LookupError(f"user {username!r} exists in several tenants; pass --tenant")
        user = users[0]
        if user.role == Role.ENABLEMENT:
            raise LookupError(f"{username!r} is in enablement and gets no sales digest")
        chosen: DigestKind = kind or ("brief" if user.role == Role.REP else "daily")
        data = load_tenant_data(session, tenant_id=user.tenant_id, now=moment)
        reply, _ = build_reply(session, data, user, chosen, chart_dir)
        return reply
