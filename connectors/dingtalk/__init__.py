"""DingTalk (钉钉) enterprise robot connector: HTTP callback or Stream mode in, markdown out."""

from connectors.dingtalk.config import DingTalkConfig
from connectors.dingtalk.parse import parse_callback
from connectors.dingtalk.render import render_parts
from connectors.dingtalk.routes import build_router
from connectors.dingtalk.sender import DingTalkSender
from connectors.dingtalk.stream import DingTalkStreamRunner

__all__ = [
    "DingTalkConfig",
    "DingTalkSender",
    "DingTalkStreamRunner",
    "build_router",
    "parse_callback",
    "render_parts",
]
