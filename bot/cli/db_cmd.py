"""`salesbrain db`: schema migrations."""

from __future__ import annotations

import typer

from bot.cli.context import open_services
from crm_store import migrate

db_app = typer.Typer(help="Database schema migrations.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(revision: str = typer.Argument("head")) -> None:
    """Upgrade the schema (default: to the newest revision)."""
    services = open_services(upgrade=False)
    migrate.upgrade(services.engine, revision)
    typer.echo(f"database at revision {migrate.current_revision(services.engine)}")


@db_app.command("downgrade")
def downgrade(revision: str = typer.Argument(...)) -> None:
    """Downgrade the schema to a revision ('base' removes everything)."""
    services = open_services(upgrade=False)
    migrate.downgrade(services.engine, revision)
    typer.echo(f"database at revision {migrate.current_revision(services.engine)}")


@db_app.command("current")
def current() -> None:
    services = open_services(upgrade=False)
    typer.echo(str(migrate.current_revision(services.engine)))
