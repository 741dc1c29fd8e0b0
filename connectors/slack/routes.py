"""FastAPI route for Slack: events, the slash command and interactivity on one URL."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from connectors.common.errors import RequestRejected
from connectors.common.webhook import InboxUnavailable, hand_over, read_body
from connectors.slack.config import SlackConfig
from connectors.slack.parse import parse_event_callback, parse_form
from connectors.slack.verify import verify_request
from connectors.types import InboundMessage

Accept = Callable[[InboundMessage], Awaitable[bool]]


def _parse_json(body: bytes) -> dict[str, object]:
    try:
        data = json.loads(body)
    except ValueError:
        raise RequestRejected(400, "malformed json") from None
    if not isinstance(data, dict):
        raise RequestRejected(400, "json body is not an object")
    return data


async def handle_slack_request(
    config: SlackConfig,
    accept: Accept,
    request: Request,
    *,
    clock: Callable[[], float] = time.time,
) -> Response:
    """Verify, parse and hand over one Slack HTTP request; the answer goes out after accept."""
    body = await read_body(request, config.max_body_bytes)
    verify_request(
        config.signing_secret,
        body,
        request.headers,
        window_s=config.timestamp_window_s,
        clock=clock,
    )
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        data = _parse_json(body)
        if data.get("type") == "url_verification":
            return JSONResponse({"challenge": str(data.get("challenge", ""))})
        if data.get("type") != "event_callback":
            return Response(status_code=200)
        messages = parse_event_callback(data)
    else:
        parsed = parse_form(body, command=config.command)
        if parsed is None:
            return Response(status_code=200)
        messages = parsed
    await hand_over(accept, messages)
    return Response(status_code=200)


def build_router(
    config: SlackConfig,
    accept: Accept,
    *,
    clock: Callable[[], float] = time.time,
) -> APIRouter:
    """`POST /webhooks/slack`; `accept` is the bot's durable-inbox enqueue."""
    router = APIRouter()

    @router.post("/webhooks/slack")
    async def slack_webhook(request: Request) -> Response:
        try:
            return await handle_slack_request(config, accept, request, clock=clock)
        except RequestRejected as exc:
            return JSONResponse({"error": exc.reason}, status_code=exc.status)
        except InboxUnavailable:
            return JSONResponse({"error": "inbox unavailable"}, status_code=503)

    return router
