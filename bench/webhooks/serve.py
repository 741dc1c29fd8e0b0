"""Servers for the webhook benchmark, one per process: the real app, a bare app, a fake Slack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fastapi import FastAPI, Request, Response  # noqa: E402


def serve_real(port: int) -> None:
    """Exactly what `salesbrain serve` runs, configured from SALESBRAIN_* variables."""
    import uvicorn

    from bot.app import create_app
    from bot.services import build_services
    from bot.settings import load_settings

    settings = load_settings()
    app = create_app(services=build_services(settings))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def bare_app() -> FastAPI:
    """The floor: a FastAPI route that reads the body and answers 200."""
    app = FastAPI()

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/webhooks/slack")
    async def webhook(request: Request) -> Response:
        await request.body()
        return Response(status_code=200)

    return app


def serve_bare(port: int) -> None:
    """The bare app, served exactly like the real one."""
    import uvicorn

    uvicorn.run(bare_app(), host="127.0.0.1", port=port, log_level="warning")


def serve_fake_slack(port: int) -> None:
    """Slack's Web API stand-in: answers chat.postMessage with ok and counts the calls."""
    from aiohttp import web

    count = 0

    async def post_message(request: web.Request) -> web.Response:
        nonlocal count
        await request.read()
        count += 1
        return web.json_response({"ok": True, "ts": f"1700000000.{count:06d}"})

    async def calls(_: web.Request) -> web.Response:
        return web.json_response({"calls": count})

    app = web.Application()
    app.router.add_post("/api/chat.postMessage", post_message)
    app.router.add_get("/calls", calls)
    web.run_app(app, host="127.0.0.1", port=port, print=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["real", "bare", "fake-slack"])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    {"real": serve_real, "bare": serve_bare, "fake-slack": serve_fake_slack}[args.kind](args.port)


if __name__ == "__main__":
    main()
