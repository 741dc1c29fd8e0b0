"""Send Replies to DingTalk: sessionWebhook while valid, else the robot OpenAPI."""

from __future__ import annotations

import asyncio
import json
import logging
import mimetypes
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from connectors.common.errors import DeliveryError
from connectors.common.ratelimit import RateLimiter
from connectors.common.retry import Backoff, parse_retry_after
from connectors.dingtalk.config import DingTalkConfig
from connectors.dingtalk.render import Part, openapi_message, render_parts, webhook_payload
from connectors.types import Destination, Reply

log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]

SEND_TOO_FAST = 130101
_RATE_CODES = {"send.too.fast", "Forbidden.AccessDenied.QpsLimitForApi", "Throttling", "130101"}
_TOKEN_CODES = {"InvalidAuthentication", "invalidAuthentication", "40014", "88"}


class _Retry(Exception):
    def __init__(self, reason: str, code: str | None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.code, self.retry_after = reason, code, retry_after


class _WebhookUnusable(Exception):
    """The session webhook refused for a reason other than rate limiting: use the OpenAPI."""


class DingTalkSender:
    """`send(destination, reply)`; reply_context comes from the inbound message."""

    platform = "dingtalk"

    def __init__(
        self,
        config: DingTalkConfig,
        *,
        client: httpx.AsyncClient | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.config = config
        self._client = client or httpx.AsyncClient(timeout=config.request_timeout_s)
        self._owns_client = client is None
        self._clock = clock
        self._sleep = sleep
        self._backoff = Backoff(
            base_s=config.backoff_base_s,
            max_s=config.max_backoff_s,
            max_attempts=config.max_attempts,
        )
        self._limiter = RateLimiter(
            max_events=config.per_conversation_per_minute, period_s=60, clock=clock, sleep=sleep
        )
        self._token: str | None = None
        self._token_expires_at = 0.0
        self._token_lock = asyncio.Lock()
        self.token_fetches = 0

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def send(self, destination: Destination, reply: Reply) -> None:
        """Deliver `reply`; raise DeliveryError when DingTalk keeps refusing."""
        image = reply.image_path
        image_url = image if image and image.startswith(("https://", "http://")) else None
        for part in render_parts(
            reply, max_chars=self.config.max_message_chars, image_url=image_url
        ):
            await self._send_part(destination, part)
        if image and not image_url:
            media_id = await self._upload_image(image)
            if media_id:
                await self._with_retries(
                    destination.channel,
                    lambda: self._openapi_call(
                        destination, "sampleImageMsg", json.dumps({"photoURL": media_id})
                    ),
                )

    def _webhook(self, ctx: Any) -> str | None:
        url = ctx.get("sessionWebhook")
        expires = ctx.get("sessionWebhookExpiredTime", "")
        if not url or not str(expires).isdigit():
            return None
        if self._clock() * 1000 >= int(expires) - self.config.webhook_margin_s * 1000:
            return None
        return str(url)

    async def _send_part(self, destination: Destination, part: Part) -> None:
        ctx = destination.reply_context
        webhook = self._webhook(ctx)
        if webhook is not None:
            at = destination.user if ctx.get("conversationType") == "2" else None
            payload = webhook_payload(part, at_user=at)
            try:
                await self._with_retries(
                    destination.channel, lambda: self._webhook_call(webhook, payload)
                )
                return
            except _WebhookUnusable as exc:
                log.info("dingtalk: session webhook unusable (%s), using the OpenAPI", exc)
        msg_key, msg_param = openapi_message(part)
        await self._with_retries(
            destination.channel, lambda: self._openapi_call(destination, msg_key, msg_param)
        )

    async def _with_retries(self, key: str, call: Callable[[], Awaitable[None]]) -> None:
        attempts = self._backoff.max_attempts
        last: _Retry | None = None
        for attempt in range(1, attempts + 1):
            await self._limiter.acquire(key)
            try:
                await call()
                return
            except _Retry as exc:
                last = exc
                if exc.code in _TOKEN_CODES:
                    continue  # token dropped; the next attempt fetches a fresh one
                delay = self._backoff.delay(attempt, exc.retry_after)
                log.warning("dingtalk %s (%s): retry in %.0fs", exc.reason, exc.code, delay)
                self._limiter.pause(key, delay)
        assert last is not None
        raise DeliveryError(
            "dingtalk",
            f"gave up after {attempts} attempts: {last.reason}",
            code=last.code,
            retryable=True,
            attempts=attempts,
        )

    async def _webhook_call(self, url: str, payload: dict[str, Any]) -> None:
        try:
            resp = await self._client.post(url, json=payload)
        except httpx.HTTPError as exc:
            raise _WebhookUnusable(repr(exc)) from exc
        try:
            data = resp.json()
        except ValueError:
            data = None
        errcode = data.get("errcode") if isinstance(data, dict) else None
        if resp.status_code == 200 and errcode == 0:
            return
        if errcode == SEND_TOO_FAST or resp.status_code == 429:
            retry_after = parse_retry_after(resp.headers.get("retry-after"))
            raise _Retry("send too fast", str(SEND_TOO_FAST), retry_after)
        raise _WebhookUnusable(f"http {resp.status_code} errcode {errcode}")

    async def _access_token(self) -> str:
        async with self._token_lock:
            if self._token and self._clock() < self._token_expires_at:
                return self._token
            try:
                resp = await self._client.post(
                    f"{self.config.api_base}/v1.0/oauth2/accessToken",
                    json={"appKey": self.config.app_key, "appSecret": self.config.app_secret},
                )
                data = resp.json()
            except (httpx.HTTPError, ValueError) as exc:
                raise DeliveryError(
                    "dingtalk", f"accessToken failed: {exc!r}", retryable=True
                ) from exc
            self.token_fetches += 1
            if resp.status_code != 200 or not isinstance(data, dict) or not data.get("accessToken"):
                code = str(data.get("code")) if isinstance(data, dict) else str(resp.status_code)
                raise DeliveryError(
                    "dingtalk", "accessToken refused", code=code, retryable=resp.status_code >= 500
                )
            expires_in = int(data.get("expireIn") or 7200)
            self._token = str(data["accessToken"])
            self._token_expires_at = self._clock() + max(
                60, expires_in - self.config.token_margin_s
            )
            return self._token

    async def _openapi_call(self, destination: Destination, msg_key: str, msg_param: str) -> None:
        ctx = destination.reply_context
        robot = ctx.get("robotCode") or self.config.effective_robot_code
        body: dict[str, Any] = {"robotCode": robot, "msgKey": msg_key, "msgParam": msg_param}
        if ctx.get("conversationType") == "2":
            path = "/v1.0/robot/groupMessages/send"
            body["openConversationId"] = destination.channel
        else:
            path = "/v1.0/robot/oToMessages/batchSend"
            body["userIds"] = [ctx.get("senderStaffId") or destination.user]
        token = await self._access_token()
        try:
            resp = await self._client.post(
                f"{self.config.api_base}{path}",
                json=body,
                headers={"x-acs-dingtalk-access-token": token},
            )
        except httpx.HTTPError as exc:
            raise _Retry(f"network: {exc!r}", None) from exc
        try:
            data = resp.json()
        except ValueError:
            data = {}
        data = data if isinstance(data, dict) else {}
        code = str(data.get("code") or data.get("errcode") or resp.status_code)
        if resp.status_code == 200 and not data.get("code"):
            users = body.get("userIds") or []
            if any(u in (data.get("invalidStaffIdList") or []) for u in users):
                raise DeliveryError("dingtalk", "unknown staff id", code="invalidStaffId")
            if any(u in (data.get("flowControlledStaffIdList") or []) for u in users):
                raise _Retry("flow controlled", "flowControlled")
            return
        if resp.status_code == 401 or code in _TOKEN_CODES:
            if self._token == token:
                self._token = None
            raise _Retry("access token rejected", "InvalidAuthentication")
        if resp.status_code == 429 or code in _RATE_CODES:
            raise _Retry("rate limited", code, parse_retry_after(resp.headers.get("retry-after")))
        if resp.status_code >= 500:
            raise _Retry(f"http {resp.status_code}", code)
        raise DeliveryError(
            "dingtalk", f"{path} refused: {data.get('message') or resp.status_code}", code=code
        )

    async def _upload_image(self, path: str) -> str | None:
        file = Path(path)
        if not await asyncio.to_thread(file.is_file):
            log.warning("dingtalk: image %s not found, sent text only", path)
            return None
        content = await asyncio.to_thread(file.read_bytes)
        mime = mimetypes.guess_type(file.name)[0] or "image/png"
        token = await self._access_token()
        try:
            resp = await self._client.post(
                f"{self.config.oapi_base}/media/upload",
                params={"access_token": token, "type": "image"},
                files={"media": (file.name, content, mime)},
            )
            data = resp.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise DeliveryError(
                "dingtalk", f"media/upload failed: {exc!r}", retryable=True
            ) from exc
        if not isinstance(data, dict) or data.get("errcode", 0) != 0 or not data.get("media_id"):
            code = str(data.get("errcode")) if isinstance(data, dict) else None
            raise DeliveryError("dingtalk", "media/upload refused", code=code)
        return str(data["media_id"])
