"""FastAPI application factory: health, readiness, webhooks and the background worker."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio
from fastapi import FastAPI, Response
from sqlalchemy.exc import SQLAlchemyError

from bot.background import run_background
from bot.composition import build_router, build_worker, parser_of
from bot.knowledge import build_knowledge_router
from bot.knowledge.service import knowledge_base
from bot.platforms import build_platforms
from bot.services import Services, build_services
from bot.settings import Settings, load_settings
from bot.transcripts.api import build_transcripts_router
from bot.usage_api import build_usage_router
from crm_store.db import ping

log = logging.getLogger(__name__)


def _warm_up(services: Services) -> None:
    try:
        parser_of(services).parse("hi", now_iso="2026-01-01T00:00:00+00:00", timezone="UTC")
        knowledge_base(services)
    except Exception:  # warming is an optimisation; the first request will retry
        log.exception("warming up models failed")


def create_app(
    settings: Settings | None = None,
    *,
    services: Services | None = None,
    run_worker: bool = True,
    warm_up: bool = False,
) -> FastAPI:
    """Build the app; services are created here unless the caller passes its own."""
    settings = settings or (services.settings if services else load_settings())
    svc = services or build_services(settings)
    router = build_router(svc)
    worker = build_worker(svc, router)
    platforms = build_platforms(svc.settings, worker.accept)
    for name, sender in platforms.senders.items():
        worker.add_sender(name, sender)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        stop = asyncio.Event()
        # Under load the inbox worker belongs in its own process (`salesbrain worker`):
        # it competes with acknowledgements for the CPU otherwise.
        inline = run_worker and svc.settings.worker_in_api
        background = asyncio.create_task(
            run_background(svc, worker, platforms, stop, process_inbox=inline)
        )
        warming = asyncio.create_task(anyio.to_thread.run_sync(_warm_up, svc)) if warm_up else None
        try:
            yield
        finally:
            stop.set()
            await background
            if warming is not None:
                await warming
            if services is None:  # this app opened them, so it closes them
                svc.close()

    app = FastAPI(
        title="Salesbrain",
        version="0.1.0",
        lifespan=lifespan,
        description="Chat-first sales assistant and CRM: webhooks for Slack, WeCom and "
        "DingTalk, health probes and REST endpoints.",
    )
    app.state.services = svc
    app.state.router = router
    app.state.worker = worker
    for platform_router in platforms.routers:
        app.include_router(platform_router, tags=["webhooks"])
    app.include_router(build_knowledge_router(svc))
    app.include_router(build_transcripts_router(svc))
    app.include_router(build_usage_router(svc))

    @app.get("/healthz", tags=["ops"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"])
    async def readyz(response: Response) -> dict[str, Any]:
        try:
            await anyio.to_thread.run_sync(ping, svc.engine)
        except (SQLAlchemyError, OSError) as error:
            log.error("readiness check failed: database unreachable (%s)", type(error).__name__)
            response.status_code = 503
            return {"status": "unavailable", "database": "unreachable"}
        return {"status": "ready", "database": "ok"}

    return app
