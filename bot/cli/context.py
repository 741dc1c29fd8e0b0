"""Shared CLI plumbing: settings and services with clear errors instead of tracebacks."""

from __future__ import annotations

import logging

import typer

from bot.services import Services, build_services
from bot.settings import Settings, SettingsError, load_settings


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        typer.secho(str(error), fg=typer.colors.RED, err=True)
        raise typer.Exit(code=2) from None


def open_services(*, upgrade: bool = True) -> Services:
    """Settings + database (migrated) for a CLI command; exits 2 on bad configuration."""
    settings = settings_or_exit()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    # Migration chatter on every command start is noise for a chat user.
    for noisy in ("alembic", "httpx", "bm25s", "chromadb"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return build_services(settings, upgrade=upgrade)
    except Exception as error:  # the database may be down or the URL wrong
        typer.secho(
            f"cannot open the database at {settings.database_url!r}: {error}",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(code=2) from None
