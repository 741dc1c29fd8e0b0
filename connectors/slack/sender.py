"""Send Replies to Slack through AsyncWebClient with per-channel pacing and bounded retries."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from connectors.common.errors import DeliveryError
from connectors.common.ratelimit import RateLimiter
from connectors.common.retry import parse_retry_after
from connectors.slack.config import SlackConfig
from connectors.slack.render import SlackMessage, render_reply
from connectors.types import Destination, Reply

log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]
# Errors where the bot cannot post into the channel but a slash command's response_url works.
_USE_RESPONSE_URL = {"not_in_channel", "channel_not_found", "is_archived"}
_TRANSIENT = {
    "internal_error",
    "fatal_error",
    "service_unavailable",
    "request_timeout",
    "ratelimited",
}


class RetryAfterHandler(AsyncRateLimitErrorRetryHandler):
    """Retry HTTP 429 after the server's Retry-After, with an injectable sleep for tests."""

    def __init__(self, max_retry_count: int, sleep: Sleep = asyncio.sleep) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self._sleep = sleep

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:  # pragma: no cover - only 429 responses reach here
            raise error or RuntimeError("no response")
        state.next_attempt_requested = True
        header = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), None)
        value = header[0] if isinstance(header, list) and header else header
        retry_after = parse_retry_after(value if isinstance(value, str) else None)
        await self._sleep((retry_after if retry_after is not None else 1.0) + random.random() / 10)
        state.increment_current_attempt()


class SlackSender:
    """`send(destination, reply)`: Block Kit via chat.postMessage, response_url as fallback."""

    platform = "slack"

    def __init__(
        self,
        config: SlackConfig,
        *,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self._retry_handlers: list[AsyncRetryHandler] = [
            RetryAfterHandler(config.max_retries, sleep),
            AsyncConnectionErrorRetryHandler(max_retry_count=config.max_retries),
            AsyncServerErrorRetryHandler(max_retry_count=config.max_retries),
        ]
        self.client = AsyncWebClient(
            token=config.bot_token,
            base_url=config.api_base,
            timeout=config.request_timeout_s,
            retry_handlers=self._retry_handlers,
        )
        self._limiter = RateLimiter(
            max_events=config.per_channel_per_second, period_s=1.0, clock=clock, sleep=sleep
        )

    def _thread(self, destination: Destination) -> str | None:
        ctx = destination.reply_context
        if ctx.get("thread_ts"):
            return ctx["thread_ts"]
        in_channel = not destination.channel.startswith("D")
        if self.config.reply_in_thread and in_channel and ctx.get("source") == "event":
            return ctx.get("ts") or None
        return None

    async def send(self, destination: Destination, reply: Reply) -> None:
        """Deliver `reply`; raise DeliveryError when Slack still refuses after retries."""
        image = reply.image_path
        image_url = image if image and image.startswith(("https://", "http://")) else None
        thread_ts = self._thread(destination)
        for message in render_reply(reply, image_url=image_url):
            await self._post(destination, message, thread_ts)
        if image and not image_url:
            await self._upload(destination, image, thread_ts)

    async def _post(
        self, destination: Destination, message: SlackMessage, thread_ts: str | None
    ) -> None:
        await self._limiter.acquire(destination.channel)
        try:
            await self.client.chat_postMessage(
                channel=destination.channel,
                text=message.text,
                blocks=list(message.blocks),
                thread_ts=thread_ts,
                unfurl_links=False,
            )
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "")
            response_url = destination.reply_context.get("response_url")
            if error in _USE_RESPONSE_URL and response_url:
                await self._respond(response_url, message)
                return
            raise self._delivery_error(exc.response.status_code, error) from exc
        except (aiohttp.ClientError, TimeoutError, SlackRequestError) as exc:
            raise DeliveryError(
                "slack", f"network: {exc!r}", retryable=True, attempts=self.config.max_retries + 1
            ) from exc

    def _delivery_error(self, status: int, error: str) -> DeliveryError:
        attempts = self.config.max_retries + 1 if status == 429 else 1
        return DeliveryError(
            "slack",
            "rate limited" if status == 429 else f"chat.postMessage failed ({status})",
            code=error or str(status),
            retryable=status == 429 or status >= 500 or error in _TRANSIENT,
            attempts=attempts,
        )

    async def _respond(self, response_url: str, message: SlackMessage) -> None:
        webhook = AsyncWebhookClient(
            response_url,
            timeout=self.config.request_timeout_s,
            retry_handlers=self._retry_handlers,
        )
        try:
            result = await webhook.send(
                text=message.text, blocks=list(message.blocks), response_type="ephemeral"
            )
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryError("slack", f"response_url: {exc!r}", retryable=True) from exc
        if result.status_code != 200:
            raise DeliveryError(
                "slack",
                "response_url refused the reply",
                code=str(result.status_code),
                retryable=result.status_code == 429 or result.status_code >= 500,
            )

    async def _upload(self, destination: Destination, path: str, thread_ts: str | None) -> None:
        if not await asyncio.to_thread(Path(path).is_file):
            log.warning("slack: image %s not found, sent text only", path)
            return
        await self._limiter.acquire(destination.channel)
        kwargs: dict[str, Any] = {"channel": destination.channel, "file": path}
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        try:
            await self.client.files_upload_v2(**kwargs)
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "")
            raise self._delivery_error(exc.response.status_code, error) from exc
        except (aiohttp.ClientError, TimeoutError, SlackRequestError) as exc:
            raise DeliveryError("slack", f"upload: {exc!r}", retryable=True) from exc
