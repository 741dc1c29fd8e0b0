"""Router steps: each looks at a message and either answers it or passes it on."""

from __future__ import annotations

from typing import Protocol

from bot.context import MessageContext
from bot.i18n import t
from connectors.types import Reply

MAX_TEXT_CHARS = 8000


class Step(Protocol):
    """One link of the router chain; None means 'not mine, ask the next step'."""

    def handle(self, ctx: MessageContext) -> list[Reply] | None: ...


class InputGuard:
    """Empty and oversized messages get a helpful answer before anything else runs."""

    def handle(self, ctx: MessageContext) -> list[Reply] | None:
        m = ctx.message
        if m.reply_context.get("event") == "enter_agent":
            return [Reply(text=t("welcome", ctx.lang, name=ctx.user.display_name))]
        if not ctx.text and not m.attachments and m.action is None:
            return [Reply(text=t("empty", ctx.lang))]
        # Pasted transcripts are long; only reject text nobody could mean as a message.
        if len(ctx.text) > MAX_TEXT_CHARS * 4:
            return [Reply(text=t("too_long", ctx.lang, limit=MAX_TEXT_CHARS * 4))]
        return None


class FallbackStep:
    """Last link: nothing understood the message."""

    def handle(self, ctx: MessageContext) -> list[Reply] | None:
        return [Reply(text=t("not_understood", ctx.lang))]
