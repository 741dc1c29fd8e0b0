"""A local HTTP server standing in for a platform's Web API; it records every request."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    json: Any = None
    form: dict[str, str] = field(default_factory=dict)


@dataclass
class Answer:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Recorded], Answer | Awaitable[Answer]]


class FakeAPI:
    """Answers each path with a scripted handler (default: `{"ok": true}`) and records calls."""

    def __init__(self) -> None:
        self.calls: list[Recorded] = []
        self.handlers: dict[str, Handler] = {}
        self.ws_handlers: dict[str, Callable[[web.WebSocketResponse], Awaitable[None]]] = {}
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.client: Any = None

    def on(self, path: str, handler: Handler) -> None:
        self.handlers[path] = handler

    def calls_to(self, path: str) -> list[Recorded]:
        return [c for c in self.calls if c.path == path]

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        if request.path in self.ws_handlers:
            ws = web.WebSocketResponse()
            await ws.prepare(request)
            await self.ws_handlers[request.path](ws)
            return ws
        body = await request.read()
        rec = Recorded(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            headers=dict(request.headers),
            body=body,
        )
        ctype = request.headers.get("Content-Type", "")
        if "json" in ctype and body:
            rec.json = json.loads(body)
        elif "form-urlencoded" in ctype and body:
            rec.form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        self.calls.append(rec)
        handler = self.handlers.get(request.path)
        answer = Answer(body={"ok": True}) if handler is None else handler(rec)
        if not isinstance(answer, Answer):
            answer = await answer
        return web.json_response(answer.body, status=answer.status, headers=answer.headers)

    async def start(self) -> str:
        app = web.Application(client_max_size=10 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


class FakeClock:
    """Monotonic time that only moves when the code under test sleeps."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)
