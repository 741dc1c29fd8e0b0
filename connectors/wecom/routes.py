"""FastAPI routes for WeCom: GET URL check and encrypted POST pushes."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from connectors.common.errors import RequestRejected
from connectors.common.webhook import (
    InboxUnavailable,
    hand_over,
    read_body,
    reject_xml_declarations,
)
from connectors.types import InboundMessage
from connectors.wecom.config import WeComConfig
from connectors.wecom.parse import to_inbound
from connectors.wecom.sdk import WeComCrypto, read_message

Accept = Callable[[InboundMessage], Awaitable[bool]]


def _params(request: Request, *names: str) -> list[str]:
    values = [request.query_params.get(n) for n in names]
    if not all(values):
        raise RequestRejected(400, "missing query parameters")
    return [v for v in values if v]


def _check_time(config: WeComConfig, timestamp: str, clock: Callable[[], float]) -> None:
    if not timestamp.isdigit():
        raise RequestRejected(400, "bad timestamp")
    window = config.timestamp_window_s
    if window is not None and abs(clock() - int(timestamp)) > window:
        raise RequestRejected(403, "stale timestamp")


def build_router(
    config: WeComConfig,
    accept: Accept,
    *,
    clock: Callable[[], float] = time.time,
) -> APIRouter:
    """`GET` and `POST /webhooks/wecom`; `accept` is the bot's durable-inbox enqueue."""
    if not config.token or not config.corp_id:
        raise ValueError("WeCom callback needs the token and the CorpID")
    crypto = WeComCrypto(config.token, config.encoding_aes_key, config.corp_id)
    router = APIRouter()

    @router.get("/webhooks/wecom")
    async def wecom_url_check(request: Request) -> Response:
        try:
            signature, timestamp, nonce, echostr = _params(
                request, "msg_signature", "timestamp", "nonce", "echostr"
            )
            _check_time(config, timestamp, clock)
            plain = crypto.check_url(signature, timestamp, nonce, echostr)
        except RequestRejected as exc:
            return PlainTextResponse(exc.reason, status_code=exc.status)
        # WeCom compares the body byte for byte: no quotes, no newline.
        return Response(content=plain.encode("utf-8"), media_type="text/plain")

    @router.post("/webhooks/wecom")
    async def wecom_push(request: Request) -> Response:
        try:
            signature, timestamp, nonce = _params(request, "msg_signature", "timestamp", "nonce")
            _check_time(config, timestamp, clock)
            body = await read_body(request, config.max_body_bytes)
            reject_xml_declarations(body)
            inner = crypto.decrypt(body, signature, timestamp, nonce)
            reject_xml_declarations(inner.encode("utf-8"))
            messages = to_inbound(read_message(inner), config.corp_id)
            await hand_over(accept, messages)
        except RequestRejected as exc:
            return JSONResponse({"error": exc.reason}, status_code=exc.status)
        except InboxUnavailable:
            return JSONResponse({"error": "inbox unavailable"}, status_code=503)
        # Empty 200: received, no passive reply; the answer goes out via message/send.
        return Response(status_code=200)

    return router
