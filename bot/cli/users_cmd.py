"""`salesbrain users`: list users and link messenger identities."""

from __future__ import annotations

import typer

from bot.cli.context import open_services
from crm_store import tenant as tenants
from crm_store import user as users
from crm_store.actor import Actor
from crm_store.db import transaction
from crm_store.enums import IdentityPlatform, Language, Role
from crm_store.errors import CrmError

users_app = typer.Typer(help="Users and their messenger identities.", no_args_is_help=True)


def _tenant_id(slug: str) -> int:
    services = open_services()
    with services.session_factory() as session:
        tenant = tenants.get_tenant_by_slug(session, slug=slug)
    if tenant is None:
        typer.secho(f"tenant {slug!r} does not exist (run `salesbrain demo`?)", err=True)
        raise typer.Exit(code=2)
    return tenant.id


@users_app.command("list")
def list_users() -> None:
    services = open_services()
    tenant_id = _tenant_id(services.settings.tenant)
    with services.session_factory() as session:
        for u in users.list_users(session, tenant_id=tenant_id):
            ids = ", ".join(f"{i.platform}:{i.external_id}" for i in u.identities)
            typer.echo(f"{u.username:12} {u.role:11} team={u.team or '-':6} {u.language} {ids}")


@users_app.command("add")
def add_user(
    username: str,
    display_name: str = typer.Option(..., "--name"),
    role: Role = typer.Option(Role.REP),
    team: str | None = typer.Option(None),
    language: Language = typer.Option(Language.ZH),
    timezone: str = typer.Option("Asia/Shanghai"),
) -> None:
    services = open_services()
    tenant_id = _tenant_id(services.settings.tenant)
    try:
        with transaction(services.session_factory) as session:
            users.create_user(
                session,
                actor=Actor.system(tenant_id),
                username=username,
                display_name=display_name,
                role=role,
                team=team,
                language=language,
                timezone=timezone,
            )
    except CrmError as error:
        typer.secho(str(error), fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"added {username}")


@users_app.command("link")
def link(
    platform: IdentityPlatform = typer.Option(..., help="slack, wecom or dingtalk"),
    external_id: str = typer.Option(..., "--id", help="the user's id on that platform"),
    username: str = typer.Option(..., "--user", help="CRM username"),
    workspace: str = typer.Option("", help="Slack team / corp id, when several are served"),
) -> None:
    """Link a messenger account to a CRM user so the bot knows who is talking."""
    services = open_services()
    tenant_id = _tenant_id(services.settings.tenant)
    try:
        with transaction(services.session_factory) as session:
            user = users.find_user(session, tenant_id=tenant_id, username=username)
            if user is None:
                raise CrmError(f"no user {username!r}")
            users.link_identity(
                session,
                actor=Actor.system(tenant_id),
                user_id=user.id,
                platform=platform,
                external_id=external_id,
                workspace=workspace,
            )
    except CrmError as error:
        typer.secho(str(error), fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"linked {platform}:{external_id} to {username}")
