"""Health and readiness endpoints through the real ASGI app."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from bot.app import create_app
from bot.services import Services
from bot.settings import Settings
from crm_store.db import make_engine, make_session_factory


async def _get(app, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.get(path)


async def test_health_ready_and_openapi(services: Services) -> None:
    app = create_app(services=services, run_worker=False)
    assert (await _get(app, "/healthz")).json() == {"status": "ok"}
    ready = await _get(app, "/readyz")
    assert ready.status_code == 200 and ready.json()["database"] == "ok"
    assert "/readyz" in (await _get(app, "/openapi.json")).json()["paths"]


async def test_readyz_503_when_database_unreachable(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine("postgresql://nobody@127.0.0.1:1/none")
    settings = Settings(data_dir=tmp_path)
    services = Services(
        settings=settings, engine=engine, session_factory=make_session_factory(engine)
    )
    app = create_app(services=services, run_worker=False)
    response = await _get(app, "/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert "database unreachable" in caplog.text
