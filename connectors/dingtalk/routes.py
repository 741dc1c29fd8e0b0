"""FastAPI route for DingTalk's HTTP robot callback."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from connectors.common.errors import RequestRejected
from connectors.common.webhook import InboxUnavailable, hand_over, read_body
from connectors.dingtalk.config import DingTalkConfig
from connectors.dingtalk.parse import parse_callback
from connectors.dingtalk.verify import verify_request
from connectors.types import InboundMessage

Accept = Callable[[InboundMessage], Awaitable[bool]]


def build_router(
    config: DingTalkConfig,
    accept: Accept,
    *,
    clock: Callable[[], float] = time.time,
) -> APIRouter:
    """`POST /webhooks/dingtalk`; `accept` is the bot's durable-inbox enqueue."""
    router = APIRouter()

    @router.post("/webhooks/dingtalk")
    async def dingtalk_webhook(request: Request) -> Response:
        try:
            verify_request(
                config.app_secret,
                request.headers,
                window_ms=config.timestamp_window_ms,
                clock=clock,
            )
            body = await read_body(request, config.max_body_bytes)
            try:
                data = json.loads(body)
            except ValueError:
                raise RequestRejected(400, "malformed json") from None
            if not isinstance(data, dict):
                raise RequestRejected(400, "json body is not an object")
            await hand_over(accept, parse_callback(data))
        except RequestRejected as exc:
            return JSONResponse({"error": exc.reason}, status_code=exc.status)
        except InboxUnavailable:
            return JSONResponse({"error": "inbox unavailable"}, status_code=503)
        # The reply goes out later over sessionWebhook / OpenAPI, not in this response.
        return JSONResponse({})

    return router
