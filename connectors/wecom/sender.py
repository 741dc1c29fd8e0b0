"""Send Replies through WeCom message/send with a cached token, pacing and bounded retries."""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from connectors.common.errors import DeliveryError
from connectors.common.ratelimit import LimiterChain, RateLimiter
from connectors.common.retry import Backoff
from connectors.types import Destination, Reply
from connectors.wecom.config import WeComConfig
from connectors.wecom.render import Payload, render_reply

log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]

TOKEN_INVALID = {40014, 42001}  # invalid / expired access_token: fetch a new one
TOO_FREQUENT = 45009
SYSTEM_BUSY = -1


class WeComSender:
    """`send(destination, reply)`; the destination's user is the WeCom UserID."""

    platform = "wecom"

    def __init__(
        self,
        config: WeComConfig,
        *,
        client: httpx.AsyncClient | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.config = config
        self._client = client or httpx.AsyncClient(timeout=config.request_timeout_s)
        self._owns_client = client is None
        self._clock = clock
        self._sleep = sleep
        self._backoff = Backoff(base_s=config.backoff_base_s, max_attempts=config.max_attempts)
        self._limiter = LimiterChain(
            RateLimiter(
                max_events=config.per_user_per_minute, period_s=60, clock=clock, sleep=sleep
            ),
            RateLimiter(
                max_events=config.per_user_per_hour, period_s=3600, clock=clock, sleep=sleep
            ),
        )
        self._token: str | None = None
        self._token_expires_at = 0.0
        self._token_lock = asyncio.Lock()
        self.token_fetches = 0

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def send(self, destination: Destination, reply: Reply) -> None:
        """Deliver every part of `reply`; raise DeliveryError when WeCom keeps refusing."""
        user = destination.user or destination.channel
        payloads = render_reply(
            reply, use_markdown=self.config.use_markdown, max_bytes=self.config.max_message_bytes
        )
        if reply.image_path:
            media_id = await self._upload_image(reply.image_path)
            if media_id:
                payloads.append({"msgtype": "image", "image": {"media_id": media_id}})
        for payload in payloads:
            await self._deliver(user, payload)

    async def _access_token(self) -> str:
        async with self._token_lock:
            if self._token and self._clock() < self._token_expires_at:
                return self._token
            try:
                resp = await self._client.get(
                    f"{self.config.api_base}/gettoken",
                    params={"corpid": self.config.corp_id, "corpsecret": self.config.secret},
                )
                data = resp.json()
            except (httpx.HTTPError, ValueError) as exc:
                raise DeliveryError("wecom", f"gettoken failed: {exc!r}", retryable=True) from exc
            self.token_fetches += 1
            if (
                not isinstance(data, dict)
                or data.get("errcode", 0) != 0
                or not data.get("access_token")
            ):
                code = str(data.get("errcode")) if isinstance(data, dict) else None
                raise DeliveryError("wecom", "gettoken refused", code=code, retryable=code == "-1")
            expires_in = int(data.get("expires_in") or 7200)
            self._token = str(data["access_token"])
            self._token_expires_at = self._clock() + max(
                60, expires_in - self.config.token_margin_s
            )
            return self._token

    def _forget_token(self, token: str) -> None:
        if self._token == token:  # another send may already have refreshed it
            self._token = None

    async def _deliver(self, user: str, payload: Payload) -> None:
        body: dict[str, Any] = {"touser": user, "agentid": self.config.agent_id, **payload}
        last = "no attempt"
        code: str | None = None
        attempts = self._backoff.max_attempts
        for attempt in range(1, attempts + 1):
            await self._limiter.acquire(user)
            token = await self._access_token()
            try:
                resp = await self._client.post(
                    f"{self.config.api_base}/message/send",
                    params={"access_token": token},
                    json=body,
                )
                data = resp.json() if resp.status_code < 500 else None
            except (httpx.HTTPError, ValueError) as exc:
                last, code = f"network: {exc!r}", None
                await self._sleep(self._backoff.delay(attempt))
                continue
            if not isinstance(data, dict):
                last, code = f"http {resp.status_code}", str(resp.status_code)
                await self._sleep(self._backoff.delay(attempt))
                continue
            errcode = data.get("errcode", 0)
            if errcode == 0:
                if user in str(data.get("invaliduser") or "").split("|"):
                    raise DeliveryError("wecom", f"unknown user {user}", code="invaliduser")
                return
            code, last = str(errcode), str(data.get("errmsg") or "")
            if errcode in TOKEN_INVALID:
                self._forget_token(token)
                continue
            if errcode == TOO_FREQUENT:
                delay = self._backoff.delay(attempt)
                log.warning("wecom 45009 for %s: backing off %.0fs", user, delay)
                self._limiter.pause(user, delay)
                continue
            if errcode == SYSTEM_BUSY:
                await self._sleep(self._backoff.delay(attempt))
                continue
            raise DeliveryError("wecom", f"message/send refused: {last}", code=code)
        raise DeliveryError(
            "wecom",
            f"gave up after {attempts} attempts: {last}",
            code=code,
            retryable=True,
            attempts=attempts,
        )

    async def _upload_image(self, path: str) -> str | None:
        file = Path(path)
        if path.startswith(("http://", "https://")) or not await asyncio.to_thread(file.is_file):
            log.warning("wecom: image %s is not a local file, sent text only", path)
            return None
        content = await asyncio.to_thread(file.read_bytes)
        mime = mimetypes.guess_type(file.name)[0] or "image/png"
        token = await self._access_token()
        try:
            resp = await self._client.post(
                f"{self.config.api_base}/media/upload",
                params={"access_token": token, "type": "image"},
                files={"media": (file.name, content, mime)},
            )
            data = resp.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise DeliveryError("wecom", f"media/upload failed: {exc!r}", retryable=True) from exc
        if not isinstance(data, dict) or data.get("errcode", 0) != 0 or not data.get("media_id"):
            code = str(data.get("errcode")) if isinstance(data, dict) else None
            raise DeliveryError("wecom", "media/upload refused", code=code)
        return str(data["media_id"])
