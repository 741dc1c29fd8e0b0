"""Plain configuration for the Slack connector (the bot maps its settings onto it)."""

from __future__ import annotations

from dataclasses import dataclass

SLACK_API_BASE = "https://slack.com/api/"


@dataclass(frozen=True, slots=True)
class SlackConfig:
    """Slack app credentials and limits; secrets are plain strings here."""

    signing_secret: str
    bot_token: str = ""
    # App-level token (xapp-...) used only by Socket Mode.
    app_token: str = ""
    api_base: str = SLACK_API_BASE
    command: str = "/sb"
    reply_in_thread: bool = True
    max_body_bytes: int = 1_048_576
    timestamp_window_s: int = 300
    # chat.postMessage allows about one message per second per channel.
    per_channel_per_second: int = 1
    max_retries: int = 3
    request_timeout_s: int = 30
