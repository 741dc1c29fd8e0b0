"""Stage history: when each deal entered and left each stage (time in stage, conversion)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store.db import Base, UtcDateTime
from crm_store.enums import Stage


class StageHistory(Base):
    __tablename__ = "stage_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    stage: Mapped[Stage] = mapped_column(String(20))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime())
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)

    def days_in_stage(self, now: datetime) -> float:
        end = self.left_at or now
        return max(0.0, (end - self.entered_at).total_seconds() / 86400)


def open_stage(
    session: Session,
    *,
    tenant_id: int,
    deal_id: int,
    stage: Stage,
    at: datetime,
    actor_id: int | None,
) -> StageHistory:
    """Close the deal's current stage row (if any) at `at` and open one for `stage`."""
    current = current_stage_row(session, deal_id=deal_id)
    if current is not None:
        current.left_at = at
    row = StageHistory(
        tenant_id=tenant_id,
        deal_id=deal_id,
        stage=Stage(stage),
        entered_at=at,
        actor_id=actor_id,
    )
    session.add(row)
    session.flush()
    return row


def current_stage_row(session: Session, *, deal_id: int) -> StageHistory | None:
    stmt = (
        select(StageHistory)
        .where(StageHistory.deal_id == deal_id, StageHistory.left_at.is_(None))
        .order_by(StageHistory.id.desc())
    )
    return session.scalars(stmt).first()


def history_of(session: Session, *, deal_id: int) -> list[StageHistory]:
    stmt = select(StageHistory).where(StageHistory.deal_id == deal_id)
    return list(session.scalars(stmt.order_by(StageHistory.entered_at, StageHistory.id)))


def remove_last_transition(session: Session, *, deal_id: int) -> None:
    """Undo the newest stage change: drop its row and reopen the previous one."""
    rows = history_of(session, deal_id=deal_id)
    if len(rows) < 2:
        return
    session.delete(rows[-1])
    rows[-2].left_at = None
    session.flush()
