"""WeCom (企业微信) self-built app connector: encrypted callback in, message/send out."""

from connectors.wecom.config import WeComConfig
from connectors.wecom.parse import to_inbound
from connectors.wecom.render import render_reply
from connectors.wecom.routes import build_router
from connectors.wecom.sdk import WeComCrypto, WeComMessage, read_message
from connectors.wecom.sender import WeComSender

__all__ = [
    "WeComConfig",
    "WeComCrypto",
    "WeComMessage",
    "WeComSender",
    "build_router",
    "read_message",
    "render_reply",
    "to_inbound",
]
