"""Deal aggregate: opportunities on the funnel with amount, close date and requirements."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import JSON, Date, ForeignKey, Numeric, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crm_store import audit
from crm_store.account import get_account
from crm_store.actor import Actor
from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.enums import CLOSED_STAGES, OPEN_STAGES, DealType, Role, Stage
from crm_store.errors import InvalidInput, NotFound
from crm_store.permissions import require_owned, require_sales_role
from crm_store.snapshot import snapshot
from crm_store.source import SourceMessage
from crm_store.stage_history import open_stage, remove_last_transition
from crm_store.user import User, owner_team

DealScope = Literal["mine", "team", "all"]

UPDATABLE_FIELDS = frozenset(
    {
        "name",
        "stage",
        "lost_reason",
        "amount",
        "currency",
        "close_date",
        "probability",
        "products",
        "competitors",
        "owner_id",
        "deal_type",
        "req_business",
        "req_technical",
        "req_procurement",
        "risk_flags",
    }
)


class Deal(Base):
    __tablename__ = "deal"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    stage: Mapped[Stage] = mapped_column(String(20), index=True)
    lost_reason: Mapped[str | None] = mapped_column(String(300), nullable=True)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(16, 2), nullable=True)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    close_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    probability: Mapped[float | None] = mapped_column(nullable=True)
    products: Mapped[list[str]] = mapped_column(JSON, default=list)
    competitors: Mapped[list[str]] = mapped_column(JSON, default=list)
    owner_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    deal_type: Mapped[DealType] = mapped_column(String(10), default=DealType.NEW)
    req_business: Mapped[str | None] = mapped_column(Text, nullable=True)
    req_technical: Mapped[str | None] = mapped_column(Text, nullable=True)
    req_procurement: Mapped[str | None] = mapped_column(Text, nullable=True)
    risk_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


def _check(session: Session, actor: Actor, deal: Deal) -> None:
    require_owned(
        actor,
        tenant_id=deal.tenant_id,
        owner_id=deal.owner_id,
        owner_team=owner_team(session, deal.owner_id),
        what="deal",
    )


def _validate(changes: dict[str, Any]) -> dict[str, Any]:
    clean = dict(changes)
    if "stage" in clean:
        clean["stage"] = Stage(clean["stage"])
    if "deal_type" in clean:
        clean["deal_type"] = DealType(clean["deal_type"])
    if clean.get("amount") is not None:
        amount = Decimal(str(clean["amount"]))
        if amount < 0:
            raise InvalidInput("amount must not be negative")
        clean["amount"] = amount
    probability = clean.get("probability")
    if probability is not None and not 0.0 <= float(probability) <= 1.0:
        raise InvalidInput("probability must be between 0 and 1")
    if clean.get("currency") is not None:
        clean["currency"] = str(clean["currency"]).upper()[:3]
    return clean


def create_deal(
    session: Session,
    *,
    actor: Actor,
    account_id: int,
    name: str,
    stage: Stage = Stage.LEAD,
    amount: Decimal | float | int | None = None,
    currency: str = "CNY",
    close_date: date | None = None,
    owner_id: int | None = None,
    deal_type: DealType = DealType.NEW,
    products: list[str] | None = None,
    competitors: list[str] | None = None,
    source: SourceMessage | None = None,
    at: datetime | None = None,
) -> Deal:
    """Open a deal on an account; the owner defaults to the actor and must be reachable."""
    require_sales_role(actor, "deals")
    get_account(session, actor=actor, account_id=account_id)
    owner = owner_id if owner_id is not None else actor.user_id
    if owner is None:
        raise InvalidInput("a deal needs an owner")
    require_owned(
        actor,
        tenant_id=actor.tenant_id,
        owner_id=owner,
        owner_team=owner_team(session, owner),
        what="deal",
    )
    fields = _validate({"stage": stage, "amount": amount, "currency": currency})
    when = at or utcnow()
    deal = Deal(
        tenant_id=actor.tenant_id,
        account_id=account_id,
        name=name.strip() or "deal",
        stage=fields["stage"],
        amount=fields["amount"],
        currency=fields["currency"],
        close_date=close_date,
        owner_id=owner,
        deal_type=DealType(deal_type),
        products=list(products or []),
        competitors=list(competitors or []),
        risk_flags=[],
        created_at=when,
        updated_at=when,
        closed_at=when if fields["stage"] in CLOSED_STAGES else None,
    )
    session.add(deal)
    session.flush()
    open_stage(
        session,
        tenant_id=actor.tenant_id,
        deal_id=deal.id,
        stage=deal.stage,
        at=when,
        actor_id=actor.user_id,
    )
    audit.record(
        session,
        actor=actor,
        action="create",
        entity="deal",
        entity_id=deal.id,
        before=None,
        after=snapshot(deal),
        source=source,
        at=at,
    )
    return deal


def get_deal(session: Session, *, actor: Actor, deal_id: int) -> Deal:
    deal = session.get(Deal, deal_id)
    if deal is None:
        raise NotFound(f"deal {deal_id} not found")
    _check(session, actor, deal)
    return deal


def update_deal(
    session: Session,
    *,
    actor: Actor,
    deal_id: int,
    changes: dict[str, Any],
    source: SourceMessage | None = None,
    at: datetime | None = None,
) -> Deal:
    """Apply field changes; a stage change closes the old stage row and opens a new one."""
    unknown = set(changes) - UPDATABLE_FIELDS
    if unknown:
        raise InvalidInput(f"cannot update deal fields: {sorted(unknown)}")
    deal = get_deal(session, actor=actor, deal_id=deal_id)
    clean = _validate(changes)
    if "owner_id" in clean:
        require_owned(
            actor,
            tenant_id=actor.tenant_id,
            owner_id=clean["owner_id"],
            owner_team=owner_team(session, clean["owner_id"]),
            what="deal",
        )
    before = snapshot(deal)
    when = at or utcnow()
    new_stage = clean.get("stage")
    for key, value in clean.items():
        setattr(deal, key, value)
    if new_stage is not None and Stage(before["stage"]) != new_stage:
        open_stage(
            session,
            tenant_id=deal.tenant_id,
            deal_id=deal.id,
            stage=new_stage,
            at=when,
            actor_id=actor.user_id,
        )
        deal.closed_at = when if new_stage in CLOSED_STAGES else None
    deal.updated_at = when
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="update",
        entity="deal",
        entity_id=deal.id,
        before=before,
        after=snapshot(deal),
        source=source,
        at=at,
    )
    return deal


def list_deals(
    session: Session,
    *,
    actor: Actor,
    scope: DealScope = "mine",
    open_only: bool = False,
    account_id: int | None = None,
) -> list[Deal]:
    """Deals the actor may see, narrowed to their own, their team's or everything."""
    if actor.role == Role.ENABLEMENT:
        return []
    effective = scope
    if actor.role == Role.REP:
        effective = "mine"
    elif actor.role == Role.MANAGER and scope == "all":
        effective = "team"
    stmt = select(Deal).where(Deal.tenant_id == actor.tenant_id)
    if effective == "mine":
        stmt = stmt.where(Deal.owner_id == actor.user_id)
    elif effective == "team":
        if actor.team is None:
            stmt = stmt.where(Deal.owner_id == actor.user_id)
        else:
            team_ids = select(User.id).where(
                User.tenant_id == actor.tenant_id, User.team == actor.team
            )
            stmt = stmt.where(Deal.owner_id.in_(team_ids))
    if open_only:
        stmt = stmt.where(Deal.stage.in_([s.value for s in OPEN_STAGES]))
    if account_id is not None:
        stmt = stmt.where(Deal.account_id == account_id)
    return list(session.scalars(stmt.order_by(Deal.updated_at.desc(), Deal.id.desc())))


def restore_deal(
    session: Session,
    *,
    actor: Actor,
    deal_id: int,
    before: dict[str, Any],
    source: SourceMessage | None = None,
) -> Deal:
    """Put a deal back to an audited `before` state (used by undo)."""
    deal = get_deal(session, actor=actor, deal_id=deal_id)
    current = snapshot(deal)
    restorable = {k: v for k, v in before.items() if k in UPDATABLE_FIELDS}
    if "close_date" in restorable and restorable["close_date"]:
        restorable["close_date"] = date.fromisoformat(restorable["close_date"])
    clean = _validate(restorable)
    if clean.get("stage") is not None and Stage(current["stage"]) != clean["stage"]:
        remove_last_transition(session, deal_id=deal.id)
    for key, value in clean.items():
        setattr(deal, key, value)
    deal.closed_at = (
        datetime.fromisoformat(before["closed_at"]) if before.get("closed_at") else None
    )
    deal.updated_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="undo",
        entity="deal",
        entity_id=deal.id,
        before=current,
        after=snapshot(deal),
        source=source,
    )
    return deal
