"""Maps settings onto the connectors: routers, senders and long-connection runners."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter

from bot.settings import DINGTALK_API_BASE, Settings
from bot.worker import Sender
from connectors import dingtalk, slack, wecom
from connectors.dingtalk.config import DINGTALK_OAPI_BASE
from connectors.types import InboundMessage

Accept = Callable[[InboundMessage], Awaitable[bool]]


@dataclass
class Platforms:
    """Everything the configured platforms contribute to one process."""

    routers: list[APIRouter] = field(default_factory=list)
    senders: dict[str, Sender] = field(default_factory=dict)
    runners: list[Callable[[], Coroutine[Any, Any, None]]] = field(default_factory=list)
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return sorted(self.senders)


def _secret(value: Any) -> str:
    return value.get_secret_value() if value is not None else ""


def build_platforms(settings: Settings, accept: Accept) -> Platforms:
    """Serve every platform whose settings are present, all in this one process."""
    out = Platforms()
    if settings.slack.enabled:
        config = slack.SlackConfig(
            signing_secret=_secret(settings.slack.signing_secret),
            bot_token=_secret(settings.slack.bot_token),
            app_token=_secret(settings.slack.app_token),
            api_base=settings.slack.api_base_url,
        )
        out.routers.append(slack.build_router(config, accept))
        out.senders["slack"] = slack.SlackSender(config)
        if config.app_token:
            out.runners.append(slack.SlackSocketModeRunner(config, accept).run)
    if settings.wecom.enabled:
        wecom_config = wecom.WeComConfig(
            corp_id=settings.wecom.corp_id or "",
            token=_secret(settings.wecom.token),
            encoding_aes_key=_secret(settings.wecom.encoding_aes_key),
            agent_id=settings.wecom.agent_id or 0,
            secret=_secret(settings.wecom.secret),
            api_base=settings.wecom.api_base_url,
        )
        out.routers.append(wecom.build_router(wecom_config, accept))
        wecom_sender = wecom.WeComSender(wecom_config)
        out.senders["wecom"] = wecom_sender
        out.closers.append(wecom_sender.aclose)
    if settings.dingtalk.enabled:
        ding_config = dingtalk.DingTalkConfig(
            app_key=settings.dingtalk.app_key or "",
            app_secret=_secret(settings.dingtalk.app_secret),
            robot_code=settings.dingtalk.robot_code or "",
            api_base=settings.dingtalk.api_base_url,
            # A local fake of the platform stands in for both DingTalk API hosts.
            oapi_base=settings.dingtalk.api_base_url
            if settings.dingtalk.api_base_url != DINGTALK_API_BASE
            else DINGTALK_OAPI_BASE,
        )
        out.routers.append(dingtalk.build_router(ding_config, accept))
        ding_sender = dingtalk.DingTalkSender(ding_config)
        out.senders["dingtalk"] = ding_sender
        out.closers.append(ding_sender.aclose)
        if settings.dingtalk.stream:
            out.runners.append(dingtalk.DingTalkStreamRunner(ding_config, accept).run)
    return out
