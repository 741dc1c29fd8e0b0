"""Settings from SALESBRAIN_* environment variables, nested per platform with `__`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "SALESBRAIN_"
_PLACEHOLDERS = frozenset({"", "changeme", "change-me", "secret", "xxx", "todo", "placeholder"})


class SettingsError(Exception):
    """Configuration is invalid; the message names the environment variable."""


class DatabaseSettings(BaseModel):
    url: str = ""

    @field_validator("url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must start with sqlite:// or postgresql://")
        return value


class SlackSettings(BaseModel):
    signing_secret: SecretStr | None = None
    bot_token: SecretStr | None = None
    app_token: SecretStr | None = None
    api_base_url: str = "https://slack.com/api/"

    @property
    def enabled(self) -> bool:
        return self.signing_secret is not None or self.app_token is not None


class WecomSettings(BaseModel):
    corp_id: str | None = None
    agent_id: int | None = None
    secret: SecretStr | None = None
    token: SecretStr | None = None
    encoding_aes_key: SecretStr | None = None
    api_base_url: str = "https://qyapi.weixin.qq.com/cgi-bin"

    @field_validator("encoding_aes_key")
    @classmethod
    def _aes_key_length(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) != 43:
            raise ValueError("EncodingAESKey must be exactly 43 characters")
        return value

    @property
    def enabled(self) -> bool:
        return self.corp_id is not None


DINGTALK_API_BASE = "https://api.dingtalk.com"


class DingtalkSettings(BaseModel):
    app_key: str | None = None
    app_secret: SecretStr | None = None
    robot_code: str | None = None
    stream: bool = False
    api_base_url: str = DINGTALK_API_BASE

    @property
    def enabled(self) -> bool:
        return self.app_key is not None


class KnowledgeSettings(BaseModel):
    chroma_url: str | None = None
    max_upload_mb: int = Field(default=50, ge=1, le=1024)


class LlmSettings(BaseModel):
    enabled: bool = False
    base_url: str | None = None
    model: str = "gpt-4o-mini"
    api_key: SecretStr | None = None
    timeout_s: float = 8.0


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="ignore",
    )

    env: Literal["development", "production", "test"] = "development"
    data_dir: Path = Path(".salesbrain")
    # Trained model caches; defaults to <data_dir>/models.
    models_dir: Path | None = None
    tenant: str = "demo"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_base_url: str = "http://127.0.0.1:8000"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    dialogue_ttl_minutes: int = Field(default=30, ge=1)
    # False when a separate `salesbrain worker` process drains the inbox.
    worker_in_api: bool = True
    database: DatabaseSettings = DatabaseSettings()
    slack: SlackSettings = SlackSettings()
    wecom: WecomSettings = WecomSettings()
    dingtalk: DingtalkSettings = DingtalkSettings()
    knowledge: KnowledgeSettings = KnowledgeSettings()
    llm: LlmSettings = LlmSettings()

    @property
    def model_cache(self) -> Path:
        return self.models_dir or self.data_dir / "models"

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{(self.data_dir / 'salesbrain.db').resolve()}"

    @model_validator(mode="after")
    def _default_public_url(self) -> Settings:
        # Links in replies must point at this server when only host/port were changed.
        if "public_base_url" not in self.model_fields_set:
            self.public_base_url = f"http://{self.host}:{self.port}"
        return self

    @model_validator(mode="after")
    def _no_placeholder_secrets(self) -> Settings:
        if self.env != "production":
            return self
        secrets = {
            "SLACK__SIGNING_SECRET": self.slack.signing_secret,
            "SLACK__BOT_TOKEN": self.slack.bot_token,
            "WECOM__SECRET": self.wecom.secret,
            "WECOM__TOKEN": self.wecom.token,
            "DINGTALK__APP_SECRET": self.dingtalk.app_secret,
            "LLM__API_KEY": self.llm.api_key,
        }
        for name, secret in secrets.items():
            if secret is not None and secret.get_secret_value().lower() in _PLACEHOLDERS:
                raise ValueError(f"{ENV_PREFIX}{name} is a placeholder; set a real secret")
        return self


def _env_name(loc: tuple[int | str, ...]) -> str:
    return ENV_PREFIX + "__".join(str(part).upper() for part in loc)


def load_settings() -> Settings:
    """Build settings, turning validation errors into one message per bad variable."""
    try:
        return Settings()
    except ValidationError as error:
        lines = []
        for item in error.errors():
            name = _env_name(item["loc"]) if item["loc"] else ENV_PREFIX + "*"
            lines.append(f"{name}: {item['msg']}")
        raise SettingsError("invalid configuration: " + "; ".join(lines)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
