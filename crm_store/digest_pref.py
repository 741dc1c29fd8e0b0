"""Digest preferences per user (what, when) and what the last digest showed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store import audit
from crm_store.actor import Actor
from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.enums import Role
from crm_store.errors import InvalidInput, PermissionDenied
from crm_store.snapshot import snapshot
from crm_store.user import User

DigestKind = Literal["daily", "weekly", "brief"]
KINDS: tuple[DigestKind, ...] = ("daily", "weekly", "brief")
_UPDATABLE = frozenset(
    {
        "daily_enabled",
        "daily_time",
        "weekly_enabled",
        "weekly_weekday",
        "weekly_time",
        "brief_enabled",
        "brief_time",
    }
)


class DigestPreference(Base):
    __tablename__ = "digest_preference"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), unique=True)
    daily_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    daily_time: Mapped[str] = mapped_column(String(5), default="08:30")
    weekly_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    weekly_weekday: Mapped[int] = mapped_column(Integer, default=0)  # Monday
    weekly_time: Mapped[str] = mapped_column(String(5), default="09:00")
    brief_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    brief_time: Mapped[str] = mapped_column(String(5), default="08:00")
    last_daily_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    last_weekly_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    last_brief_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    # Pipeline by stage as the last manager digest showed it, for "movement since".
    last_snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


@dataclass(frozen=True, slots=True)
class DueDigest:
    tenant_id: int
    user_id: int
    kind: DigestKind
    last_sent_at: datetime | None


def defaults_for(role: Role) -> dict[str, Any]:
    """Managers get daily and weekly digests, reps a morning brief, admins a weekly one."""
    return {
        "daily_enabled": role == Role.MANAGER,
        "daily_time": "08:30",
        "weekly_enabled": role in (Role.MANAGER, Role.ADMIN),
        "weekly_weekday": 0,
        "weekly_time": "09:00",
        "brief_enabled": role == Role.REP,
        "brief_time": "08:00",
    }


def _parse_hhmm(value: str) -> time:
    try:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        raise InvalidInput(f"time must look like 08:30, not {value!r}") from None


def user_zone(name: str | None) -> ZoneInfo:
    """The user's time zone; an unknown name falls back to Asia/Shanghai."""
    try:
        return ZoneInfo(name or "Asia/Shanghai")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def get_preference(session: Session, *, user_id: int) -> DigestPreference | None:
    return session.scalars(
        select(DigestPreference).where(DigestPreference.user_id == user_id)
    ).first()


def _ensure(session: Session, user: User) -> DigestPreference:
    row = get_preference(session, user_id=user.id)
    if row is None:
        row = DigestPreference(
            tenant_id=user.tenant_id, user_id=user.id, last_snapshot={}, **defaults_for(user.role)
        )
        session.add(row)
        session.flush()
    return row


def set_preference(
    session: Session, *, actor: Actor, user_id: int, changes: dict[str, Any]
) -> DigestPreference:
    """Change a user's digest settings (the user themself or an admin); audited."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise InvalidInput(f"cannot update digest fields: {sorted(unknown)}")
    user = session.get(User, user_id)
    if user is None or user.tenant_id != actor.tenant_id:
        raise InvalidInput(f"user {user_id} not found")
    if actor.role != Role.ADMIN and actor.user_id != user_id:
        raise PermissionDenied("only the user or an admin changes digest settings")
    for key in ("daily_time", "weekly_time", "brief_time"):
        if key in changes:
            _parse_hhmm(str(changes[key]))
    if "weekly_weekday" in changes and not 0 <= int(changes["weekly_weekday"]) <= 6:
        raise InvalidInput("weekday must be 0 (Monday) to 6 (Sunday)")
    row = _ensure(session, user)
    before = snapshot(row)
    for key, value in changes.items():
        setattr(row, key, value)
    row.updated_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="update",
        entity="digest_preference",
        entity_id=row.id,
        before=before,
        after=snapshot(row),
        source=None,
    )
    return row


def _is_due(
    settings: dict[str, Any], kind: DigestKind, last: datetime | None, now: datetime, tz: ZoneInfo
) -> bool:
    if not settings[f"{kind}_enabled"]:
        return False
    local = now.astimezone(tz)
    at = _parse_hhmm(str(settings[f"{kind}_time"]))
    if kind == "weekly" and local.weekday() != int(settings["weekly_weekday"]):
        return False
    if local.time() < at:
        return False
    if last is None:
        return True
    # Once per local day (per local week for weekly), even if the worker was down at the hour.
    window = timedelta(days=7 if kind == "weekly" else 1)
    slot = datetime.combine(local.date(), at, tzinfo=tz)
    return last.astimezone(tz) < slot and now - last > window / 2


def due_digests(session: Session, *, now: datetime | None = None) -> list[DueDigest]:
    """Every digest due at `now` across tenants, in one pass (the worker calls this each minute)."""
    moment = now or utcnow()
    users = session.execute(
        select(User, DigestPreference)
        .outerjoin(DigestPreference, DigestPreference.user_id == User.id)
        .where(User.active.is_(True))
        .order_by(User.tenant_id, User.id)
    ).all()
    due: list[DueDigest] = []
    for user, pref in users:
        settings = (
            defaults_for(user.role)
            if pref is None
            else {key: getattr(pref, key) for key in _UPDATABLE}
        )
        tz = user_zone(user.timezone)
        for kind in KINDS:
            if kind == "brief" and user.role == Role.ENABLEMENT:
                continue
            last = getattr(pref, f"last_{kind}_at") if pref is not None else None
            if _is_due(settings, kind, last, moment, tz):
                due.append(DueDigest(user.tenant_id, user.id, kind, last))
    return due


def mark_sent(
    session: Session,
    *,
    user_id: int,
    kind: DigestKind,
    at: datetime,
    snapshot_data: dict[str, Any] | None = None,
) -> None:
    """Scheduler bookkeeping after a digest went out (not a user write, so not audited)."""
    user = session.get(User, user_id)
    if user is None:
        return
    row = _ensure(session, user)
    setattr(row, f"last_{kind}_at", at)
    if snapshot_data is not None:
        row.last_snapshot = snapshot_data
    session.flush()
