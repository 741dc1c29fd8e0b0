"""REST import of product-usage signals (JSON records or a CSV body) for customer health.

No `from __future__ import annotations`: FastAPI must see the local `User` alias itself.
"""

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Body, Depends, HTTPException, Request

from bot.api_auth import current_user_dependency
from bot.context import UserInfo
from bot.services import Services
from crm_store.analytics.usage_import import ImportResult, import_csv, import_records
from crm_store.db import transaction
from crm_store.enums import Role

MAX_CSV_BYTES = 10 * 1024 * 1024
IMPORTERS = (Role.ADMIN, Role.MANAGER)


def _result(result: ImportResult) -> dict[str, Any]:
    if result.fatal:
        raise HTTPException(status_code=422, detail={"code": "bad_input", "message": result.fatal})
    return {
        "imported": result.imported,
        "errors": [{"line": e.line, "message": e.message} for e in result.errors],
    }


def build_usage_router(services: Services) -> APIRouter:
    User = Annotated[UserInfo, Depends(current_user_dependency(services))]
    router = APIRouter(prefix="/usage", tags=["customer health"])

    def allowed(user: UserInfo) -> None:
        if user.role not in IMPORTERS:
            raise HTTPException(
                status_code=403,
                detail={"code": "forbidden", "message": "admins and managers import usage"},
            )

    @router.post("/records")
    async def post_records(
        user: User, records: Annotated[list[dict[str, Any]], Body(max_length=100_000)]
    ) -> dict[str, Any]:
        """Usage rows as JSON (account, date, logins, active_users, seats, tickets...); bad
        rows are reported by position and the good ones are kept."""
        allowed(user)

        def run() -> ImportResult:
            with transaction(services.session_factory) as session:
                return import_records(session, actor=user.actor, records=records)

        return _result(await anyio.to_thread.run_sync(run))

    @router.post("/csv")
    async def post_csv(user: User, request: Request) -> dict[str, Any]:
        """The same as a CSV body (text/csv, UTF-8, header row first)."""
        allowed(user)
        body = await request.body()
        if len(body) > MAX_CSV_BYTES:
            raise HTTPException(status_code=413, detail={"code": "too_large", "message": "10 MB"})
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPException(
                status_code=422, detail={"code": "bad_encoding", "message": "send UTF-8"}
            ) from None

        def run() -> ImportResult:
            with transaction(services.session_factory) as session:
                return import_csv(session, actor=user.actor, text=text)

        return _result(await anyio.to_thread.run_sync(run))

    return router
