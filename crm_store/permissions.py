"""Row-level permission rules: reps own, managers see their team, admins see all."""

from __future__ import annotations

from crm_store.actor import Actor
from crm_store.enums import Role
from crm_store.errors import NotFound, PermissionDenied

SALES_ROLES = frozenset({Role.REP, Role.MANAGER, Role.ADMIN})


def check_tenant(actor: Actor, tenant_id: int) -> None:
    # Another tenant's rows are reported as missing, not forbidden, to leak nothing.
    if actor.tenant_id != tenant_id:
        raise NotFound("record not found in this tenant")


def can_access_owned(actor: Actor, *, owner_id: int | None, owner_team: str | None) -> bool:
    """Whether the actor may read or write a record owned by `owner_id`."""
    if actor.role == Role.ADMIN:
        return True
    if actor.role == Role.ENABLEMENT:
        return False
    if owner_id is not None and owner_id == actor.user_id:
        return True
    return actor.role == Role.MANAGER and actor.team is not None and owner_team == actor.team


def require_owned(
    actor: Actor, *, tenant_id: int, owner_id: int | None, owner_team: str | None, what: str
) -> None:
    check_tenant(actor, tenant_id)
    if not can_access_owned(actor, owner_id=owner_id, owner_team=owner_team):
        raise PermissionDenied(f"{actor.role} {actor.user_id} may not access this {what}")


def require_sales_role(actor: Actor, what: str) -> None:
    if actor.role not in SALES_ROLES:
        raise PermissionDenied(f"role {actor.role} may not write {what}")


def require_collateral_manager(actor: Actor) -> None:
    """Only enablement and admins add or remove collateral."""
    if actor.role not in (Role.ENABLEMENT, Role.ADMIN):
        raise PermissionDenied(f"role {actor.role} may not manage collateral")


def require_admin(actor: Actor) -> None:
    if actor.role != Role.ADMIN:
        raise PermissionDenied("admin role required")
