"""The router: resolves the sender, then runs an ordered chain of steps to get replies."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.context import MessageContext, UserInfo
from bot.i18n import detect_language, t
from bot.steps import Step
from connectors.types import InboundMessage, Reply
from crm_store.errors import CrmError, InvalidInput
from crm_store.tenant import get_tenant_by_slug
from crm_store.user import find_user, resolve_identity

log = logging.getLogger(__name__)


class Router:
    """Turns one InboundMessage into Replies; the same for console and every messenger."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        steps: Sequence[Step],
        console_tenant: str = "demo",
    ) -> None:
        self._factory = session_factory
        self._steps = list(steps)
        self._console_tenant = console_tenant

    def identify(self, message: InboundMessage) -> UserInfo | None:
        with self._factory() as session:
            if message.platform == "console":
                # Whoever runs the console already holds the database; --as picks the user.
                tenant = get_tenant_by_slug(session, slug=self._console_tenant)
                if tenant is None:
                    return None
                user = find_user(session, tenant_id=tenant.id, username=message.sender)
            else:
                user = resolve_identity(
                    session,
                    platform=message.platform,
                    external_id=message.sender,
                    workspace=message.tenant,
                )
            return UserInfo.from_row(user) if user is not None and user.active else None

    def handle(self, message: InboundMessage, *, now: datetime | None = None) -> list[Reply]:
        """Answer a message; never raises for bad input, unknown senders or store errors."""
        user = self.identify(message)
        if user is None:
            lang = detect_language(message.text, default="zh")
            return [
                Reply(
                    text=t(
                        "onboarding",
                        lang,
                        platform=message.platform,
                        external_id=message.sender,
                    )
                )
            ]
        lang = detect_language(message.text, default=user.language)
        ctx = MessageContext(message=message, user=user, lang=lang, now=now or datetime.now(UTC))
        try:
            for step in self._steps:
                replies = step.handle(ctx)
                if replies is not None:
                    return replies
        except InvalidInput as error:
            return [Reply(text=t("invalid_input", lang, detail=str(error)))]
        except CrmError as error:
            return [Reply(text=t(error.code, lang))]
        except Exception:
            log.exception("router failed on %s event %s", message.platform, message.event_id)
            return [Reply(text=t("internal_error", lang))]
        return [Reply(text=t("not_understood", lang))]
