"""NLU step: asks the parser what a message means and dispatches to the intent's handler."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.context import MessageContext
from connectors.types import Reply
from nlp.types import Intent, Parser, ParseResult

IntentHandler = Callable[[MessageContext, ParseResult], list[Reply]]


class NluStep:
    """Runs the parser, then the handler registered for the intent (if any)."""

    def __init__(self, *, parser: Parser | None, handlers: Mapping[Intent, IntentHandler]) -> None:
        self._parser = parser
        self._handlers = dict(handlers)

    def handle(self, ctx: MessageContext) -> list[Reply] | None:
        if self._parser is None or not ctx.text:
            return None
        result = self._parser.parse(
            ctx.text, now_iso=ctx.now.isoformat(), timezone=ctx.user.timezone
        )
        handler = self._handlers.get(result.intent)
        return handler(ctx, result) if handler is not None else None
