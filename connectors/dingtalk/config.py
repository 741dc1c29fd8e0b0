"""Plain configuration for the DingTalk (钉钉) enterprise robot connector."""

from __future__ import annotations

from dataclasses import dataclass

DINGTALK_API_BASE = "https://api.dingtalk.com"
DINGTALK_OAPI_BASE = "https://oapi.dingtalk.com"


@dataclass(frozen=True, slots=True)
class DingTalkConfig:
    """App credentials (AppKey = Client ID, AppSecret = Client Secret) and limits."""

    app_key: str
    app_secret: str
    # The robot's code; for an enterprise-internal app it is usually the AppKey.
    robot_code: str = ""
    api_base: str = DINGTALK_API_BASE
    # Legacy base: `gettoken` and `media/upload` (images sent as media ids).
    oapi_base: str = DINGTALK_OAPI_BASE
    max_body_bytes: int = 1_048_576
    timestamp_window_ms: int = 3_600_000
    # No official size figure: keep messages modest and make it configurable.
    max_message_chars: int = 3500
    per_conversation_per_minute: int = 20
    # Treat the session webhook as expired this long before DingTalk's stated expiry.
    webhook_margin_s: int = 60
    max_attempts: int = 4
    backoff_base_s: float = 2.0
    # DingTalk blocks a flooding robot for 10 minutes (130101); never wait longer than this.
    max_backoff_s: float = 600.0
    request_timeout_s: float = 10.0
    token_margin_s: int = 300

    @property
    def effective_robot_code(self) -> str:
        return self.robot_code or self.app_key
