"""DingTalk Stream mode runner: robot messages over a WebSocket, no public URL needed."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote_plus

import httpx
import websockets
from dingtalk_stream import AckMessage, ChatbotHandler, ChatbotMessage, Credential
from dingtalk_stream.frames import CallbackMessage
from dingtalk_stream.stream import DingTalkStreamClient

from connectors.common.errors import RequestRejected
from connectors.dingtalk.config import DingTalkConfig
from connectors.dingtalk.parse import parse_callback
from connectors.types import InboundMessage

log = logging.getLogger(__name__)
Accept = Callable[[InboundMessage], Awaitable[bool]]
OPEN_CONNECTION_PATH = "/v1.0/gateway/connections/open"


class InboxChatbotHandler(ChatbotHandler):  # type: ignore[misc]
    """Parses each robot frame with the HTTP parser and awaits `accept` before the ACK."""

    def __init__(self, accept: Accept) -> None:
        super().__init__()
        self._accept = accept

    async def process(self, callback: CallbackMessage) -> tuple[int, str]:
        data = callback.data
        try:
            messages = parse_callback(data if isinstance(data, dict) else {})
        except RequestRejected as exc:
            log.warning("dingtalk stream: malformed robot frame: %s", exc.reason)
            return AckMessage.STATUS_BAD_REQUEST, exc.reason
        try:
            for message in messages:
                await self._accept(message)
        except Exception:
            log.exception("dingtalk stream: inbox refused message")
            return AckMessage.STATUS_SYSTEM_EXCEPTION, "inbox unavailable"
        return AckMessage.STATUS_OK, "OK"


class DingTalkStreamRunner:
    """Opens a Stream connection with the app credentials and keeps it open until cancelled.

    Connection setup is done here with httpx (the SDK's own `start` opens the connection
    with blocking `requests` and swallows cancellation); frames are routed through the
    SDK's callback handling so ACKs follow its format.
    """

    def __init__(
        self,
        config: DingTalkConfig,
        accept: Accept,
        *,
        client: httpx.AsyncClient | None = None,
        reconnect_delay_s: float = 3.0,
    ) -> None:
        self.config = config
        self._http = client or httpx.AsyncClient(timeout=config.request_timeout_s)
        self._reconnect_delay_s = reconnect_delay_s
        self.sdk = DingTalkStreamClient(Credential(config.app_key, config.app_secret))
        self.sdk.register_callback_handler(ChatbotMessage.TOPIC, InboxChatbotHandler(accept))
        self.sdk.pre_start()

    async def open_connection(self) -> str:
        """Ask the gateway for an endpoint + ticket; return the WebSocket URI."""
        resp = await self._http.post(
            f"{self.config.api_base}{OPEN_CONNECTION_PATH}",
            json={
                "clientId": self.config.app_key,
                "clientSecret": self.config.app_secret,
                "subscriptions": [{"type": "CALLBACK", "topic": ChatbotMessage.TOPIC}],
                "ua": "salesbrain",
                "localIp": "",
            },
        )
        resp.raise_for_status()
        data = resp.json()
        return f"{data['endpoint']}?ticket={quote_plus(data['ticket'])}"

    async def handle_frame(self, ws: Any, frame: dict[str, Any]) -> bool:
        """Route one frame and send its ACK; False when the server asked us to reconnect."""
        headers = frame.get("headers") or {}
        if frame.get("type") == "SYSTEM":
            # The SDK's SystemMessage.from_dict is unusable in 0.24.x (nested in __init__),
            # so system frames (ping, disconnect) are answered here.
            if headers.get("topic") == "disconnect":
                return False
            ack = {
                "code": AckMessage.STATUS_OK,
                "headers": {
                    "contentType": "application/json",
                    "messageId": headers.get("messageId"),
                },
                "message": "OK",
                "data": frame.get("data", ""),
            }
            await ws.send(json.dumps(ack))
            return True
        self.sdk.websocket = ws
        try:
            await self.sdk.route_message(frame)
        except (ValueError, TypeError, AttributeError):
            log.warning("dingtalk stream: unreadable frame %s", headers.get("messageId"))
            ack = {
                "code": AckMessage.STATUS_BAD_REQUEST,
                "headers": {
                    "contentType": "application/json",
                    "messageId": headers.get("messageId"),
                },
                "message": "bad frame",
                "data": "{}",
            }
            await ws.send(json.dumps(ack))
        return True

    async def run_once(self) -> None:
        """One connection: open, serve frames until the server closes or says disconnect."""
        uri = await self.open_connection()
        async with websockets.connect(uri) as ws:
            async for raw in ws:
                try:
                    frame = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(frame, dict) and not await self.handle_frame(ws, frame):
                    break

    async def run(self) -> None:
        """Serve forever, reconnecting after errors; stops only when cancelled."""
        while True:
            try:
                await self.run_once()
            except (OSError, httpx.HTTPError, websockets.WebSocketException, KeyError) as exc:
                log.warning("dingtalk stream: connection lost (%r), reconnecting", exc)
            await asyncio.sleep(self._reconnect_delay_s)
