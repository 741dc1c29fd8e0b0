"""Who is acting: the identity every repository call is checked and audited against."""

from __future__ import annotations

from dataclasses import dataclass

from crm_store.enums import Role


@dataclass(frozen=True, slots=True)
class Actor:
    """A CRM user acting in one tenant; `SYSTEM` actors run seeding and schedulers."""

    tenant_id: int
    user_id: int | None
    role: Role
    team: str | None = None

    @classmethod
    def system(cls, tenant_id: int) -> Actor:
        return cls(tenant_id=tenant_id, user_id=None, role=Role.ADMIN, team=None)
