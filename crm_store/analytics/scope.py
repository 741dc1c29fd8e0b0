"""Which deals an actor's analytics cover: their own, their team's or the whole tenant."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from crm_store.actor import Actor
from crm_store.enums import Role
from crm_store.user import User

Scope = Literal["mine", "team", "all"]


@dataclass(frozen=True, slots=True)
class ScopeFilter:
    """`owner_ids` None means every owner in the tenant; () means nothing is visible."""

    tenant_id: int
    label: Scope
    team: str | None
    owner_ids: tuple[int, ...] | None

    def covers(self, owner_id: int | None) -> bool:
        return self.owner_ids is None or owner_id in self.owner_ids

    def clause(
        self, column: InstrumentedAttribute[int] | InstrumentedAttribute[int | None]
    ) -> ColumnElement[bool]:
        if self.owner_ids is None:
            return true()
        if not self.owner_ids:
            return false()
        return column.in_(self.owner_ids)


def resolve_scope(session: Session, *, actor: Actor, scope: Scope) -> ScopeFilter:
    """Narrow the asked scope to what the actor may see (same rules as `list_deals`)."""
    if actor.role == Role.ENABLEMENT:
        return ScopeFilter(actor.tenant_id, "mine", None, ())
    effective: Scope = scope
    if actor.role == Role.REP:
        effective = "mine"
    elif actor.role == Role.MANAGER and scope == "all":
        effective = "team"
    if effective == "team" and actor.team is None:
        effective = "all" if actor.role == Role.ADMIN else "mine"
    if effective == "all":
        return ScopeFilter(actor.tenant_id, "all", None, None)
    if effective == "mine":
        mine = (actor.user_id,) if actor.user_id is not None else ()
        return ScopeFilter(actor.tenant_id, "mine", actor.team, mine)
    ids = session.scalars(
        select(User.id).where(User.tenant_id == actor.tenant_id, User.team == actor.team)
    ).all()
    return ScopeFilter(actor.tenant_id, "team", actor.team, tuple(sorted(ids)))
