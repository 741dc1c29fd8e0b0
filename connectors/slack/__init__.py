"""Slack connector: signed HTTP webhook or Socket Mode in, Block Kit replies out."""

from connectors.slack.config import SlackConfig
from connectors.slack.parse import parse_command, parse_event_callback, parse_interaction
from connectors.slack.render import render_reply
from connectors.slack.routes import build_router
from connectors.slack.sender import SlackSender
from connectors.slack.socket_mode import SlackSocketModeRunner

__all__ = [
    "SlackConfig",
    "SlackSender",
    "SlackSocketModeRunner",
    "build_router",
    "parse_command",
    "parse_event_callback",
    "parse_interaction",
    "render_reply",
]
