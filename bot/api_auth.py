"""REST authentication: each call names its CRM user in the X-Salesbrain-User header."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import anyio
from fastapi import Header, HTTPException

from bot.context import UserInfo
from bot.services import Services
from crm_store.tenant import get_tenant_by_slug
from crm_store.user import find_user

USER_HEADER = "X-Salesbrain-User"


def user_lookup(services: Services) -> Callable[[str], UserInfo | None]:
    """Find an active user of the configured tenant by username."""

    def lookup(username: str) -> UserInfo | None:
        with services.session_factory() as session:
            tenant = get_tenant_by_slug(session, slug=services.settings.tenant)
            if tenant is None:
                return None
            user = find_user(session, tenant_id=tenant.id, username=username)
            return UserInfo.from_row(user) if user is not None and user.active else None

    return lookup


def current_user_dependency(services: Services) -> Callable[..., Awaitable[UserInfo]]:
    """A FastAPI dependency answering 401 when the header names no active user."""
    lookup = user_lookup(services)

    async def current_user(
        x_salesbrain_user: Annotated[str | None, Header()] = None,
    ) -> UserInfo:
        username = (x_salesbrain_user or "").strip()
        user = await anyio.to_thread.run_sync(lookup, username) if username else None
        if user is None:
            raise HTTPException(
                status_code=401,
                detail={
                    "code": "unauthenticated",
                    "message": f"Send the {USER_HEADER} header with a CRM username.",
                },
            )
        return user

    return current_user
