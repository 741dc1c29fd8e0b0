"""Slack Socket Mode runner: same parse and accept as HTTP, no public URL needed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from connectors.common.errors import RequestRejected
from connectors.slack.config import SlackConfig
from connectors.slack.parse import parse_command, parse_event_callback, parse_interaction
from connectors.types import InboundMessage

log = logging.getLogger(__name__)
Accept = Callable[[InboundMessage], Awaitable[bool]]


def parse_envelope(config: SlackConfig, kind: str, payload: dict[str, Any]) -> list[InboundMessage]:
    """Messages carried by one Socket Mode envelope (`events_api`, `slash_commands`, ...)."""
    if kind == "events_api":
        return parse_event_callback(payload) if payload.get("type") == "event_callback" else []
    if kind == "slash_commands":
        return parse_command({k: str(v) for k, v in payload.items()}, command=config.command)
    if kind == "interactive":
        return parse_interaction(payload)
    return []


class SlackSocketModeRunner:
    """Connects with the app-level token and feeds envelopes to `accept`, acking after it.

    An envelope whose `accept` raised is not acked, so Slack delivers it again.
    """

    def __init__(self, config: SlackConfig, accept: Accept) -> None:
        if not config.app_token:
            raise ValueError("Socket Mode needs the app-level token (xapp-...)")
        self.config = config
        self.accept = accept
        self.client = SocketModeClient(
            app_token=config.app_token,
            web_client=AsyncWebClient(token=config.bot_token, base_url=config.api_base),
        )
        self.client.socket_mode_request_listeners.append(self.on_request)

    async def on_request(self, client: AsyncBaseSocketModeClient, req: SocketModeRequest) -> None:
        try:
            messages = parse_envelope(self.config, req.type, req.payload)
        except RequestRejected as exc:
            log.warning("slack socket mode: dropped malformed envelope: %s", exc.reason)
            messages = []
        try:
            for message in messages:
                await self.accept(message)
        except Exception:
            log.exception("slack socket mode: inbox refused envelope %s", req.envelope_id)
            return
        await client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))

    async def start(self) -> None:
        """Open the connection (returns once connected; the client keeps reconnecting)."""
        await self.client.connect()  # type: ignore[no-untyped-call]

    async def close(self) -> None:
        await self.client.close()  # type: ignore[no-untyped-call]

    async def run(self) -> None:
        """Connect and stay connected until cancelled."""
        await self.start()
        try:
            await asyncio.Event().wait()
        finally:
            await self.close()
