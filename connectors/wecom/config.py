"""Plain configuration for the WeCom (企业微信) self-built app connector."""

from __future__ import annotations

from dataclasses import dataclass

WECOM_API_BASE = "https://qyapi.weixin.qq.com/cgi-bin"


@dataclass(frozen=True, slots=True)
class WeComConfig:
    """Callback credentials (token, EncodingAESKey) and the app's send credentials."""

    corp_id: str
    token: str
    encoding_aes_key: str
    agent_id: int = 0
    secret: str = ""
    api_base: str = WECOM_API_BASE
    # Markdown renders only in the WeCom client, not in the WeChat plug-in.
    use_markdown: bool = True
    max_body_bytes: int = 1_048_576
    # WeCom retries within seconds; older timestamps are replays. None disables the check.
    timestamp_window_s: int | None = 3600
    per_user_per_minute: int = 30
    per_user_per_hour: int = 1000
    max_message_bytes: int = 2048
    max_attempts: int = 4
    backoff_base_s: float = 2.0
    request_timeout_s: float = 10.0
    # Refresh the 7200 s token this long before WeCom says it expires.
    token_margin_s: int = 300
