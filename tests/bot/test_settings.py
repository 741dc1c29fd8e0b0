"""Settings: env prefix, nested sections, secrets and clear errors."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings


def test_nested_settings_and_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESBRAIN_SLACK__SIGNING_SECRET", "s3cr3t")
    monkeypatch.setenv("SALESBRAIN_WECOM__CORP_ID", "ww123")
    monkeypatch.setenv("SALESBRAIN_DINGTALK__STREAM", "true")
    monkeypatch.setenv("SALESBRAIN_DINGTALK__APP_KEY", "key")
    settings = load_settings()
    assert settings.slack.enabled and settings.wecom.enabled and settings.dingtalk.stream
    assert settings.slack.signing_secret is not None
    assert "s3cr3t" not in repr(settings)
    assert settings.slack.signing_secret.get_secret_value() == "s3cr3t"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SALESBRAIN_PORT", "not-a-port"),
        ("SALESBRAIN_DATABASE__URL", "mysql://x"),
        ("SALESBRAIN_WECOM__ENCODING_AES_KEY", "too-short"),
        ("SALESBRAIN_DINGTALK__STREAM", "maybe"),
    ],
)
def test_invalid_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=name):
        load_settings()


def test_placeholder_secret_refused_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESBRAIN_ENV", "production")
    monkeypatch.setenv("SALESBRAIN_SLACK__SIGNING_SECRET", "changeme")
    with pytest.raises(SettingsError, match="SALESBRAIN_SLACK__SIGNING_SECRET"):
        load_settings()


def test_public_url_follows_the_port_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESBRAIN_PORT", "8123")
    assert load_settings().public_base_url == "http://127.0.0.1:8123"
    monkeypatch.setenv("SALESBRAIN_PUBLIC_BASE_URL", "https://crm.example.com")
    assert load_settings().public_base_url == "https://crm.example.com"
