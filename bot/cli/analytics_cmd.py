"""`salesbrain forecast backtest`, `salesbrain digest --preview` and `salesbrain usage import`."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import typer

from bot.cli.context import open_services
from bot.digests.scheduler import preview_digest
from crm_store.analytics.backtest import BacktestResult, backtest_fresh_demo, run_backtest
from crm_store.analytics.usage_import import import_csv
from crm_store.db import transaction, utcnow
from crm_store.digest_pref import KINDS, DigestKind
from crm_store.errors import CrmError
from crm_store.tenant import get_tenant_by_slug
from crm_store.user import find_user

forecast_app = typer.Typer(help="Win probability and forecast tools.", no_args_is_help=True)
usage_app = typer.Typer(help="Product-usage signals for customer health.", no_args_is_help=True)


def _moment(value: str | None) -> datetime:
    if not value:
        return utcnow()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        typer.secho(f"--now must be an ISO date or datetime, not {value!r}", err=True)
        raise typer.Exit(code=2) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _print_backtest(result: BacktestResult) -> None:
    def fmt(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    typer.echo(f"cutoffs: {', '.join(result.cutoffs) or 'none'}")
    typer.echo(f"trained on {result.n_train} closed deals; scored {result.n_test} predictions")
    typer.echo(f"model       AUC {fmt(result.auc)}  Brier {fmt(result.brier)}")
    typer.echo(f"stage prior AUC {fmt(result.prior_auc)}  Brier {fmt(result.prior_brier)}")
    typer.echo(json.dumps(result.as_json(), ensure_ascii=False))


@forecast_app.command("backtest")
def backtest_cmd(
    tenant: str | None = typer.Option(None, help="tenant slug (default: the configured one)"),
    now: str | None = typer.Option(None, help="evaluate as of this moment (ISO)"),
    demo: bool = typer.Option(False, "--demo", help="backtest a freshly seeded demo tenant"),
    seed: int = typer.Option(7, help="demo seed (with --demo)"),
) -> None:
    """Train before each cutoff, score the deals open then; ends with one JSON line."""
    moment = _moment(now)
    if demo:
        with tempfile.TemporaryDirectory() as folder:
            result = backtest_fresh_demo(Path(folder), seed=seed, now=moment)
        _print_backtest(result)
        return
    services = open_services()
    slug = tenant or services.settings.tenant
    with services.session_factory() as session:
        found = get_tenant_by_slug(session, slug=slug)
        if found is None:
            typer.secho(f"tenant {slug!r} does not exist (run `salesbrain demo`?)", err=True)
            raise typer.Exit(code=2)
        result = run_backtest(session, tenant_id=found.id, now=moment)
    if not result.n_test:
        typer.secho(
            "not enough closed deals before the cutoffs to train and test a model", err=True
        )
    _print_backtest(result)


def digest_cmd(
    user: str = typer.Option(..., "--user", "-u", help="username to build the digest for"),
    preview: bool = typer.Option(False, "--preview", help="print instead of sending"),
    kind: str | None = typer.Option(None, help="daily, weekly or brief (default by role)"),
    tenant: str | None = typer.Option(None, help="tenant slug (default: the configured one)"),
    out: Path | None = typer.Option(None, help="folder for chart images"),
    now: str | None = typer.Option(None, help="build as of this moment (ISO)"),
) -> None:
    """Print a user's digest and write its chart, without sending anything."""
    if not preview:
        typer.secho(
            "digests are sent by the worker's scheduler; use --preview to see one here", err=True
        )
        raise typer.Exit(code=2)
    if kind is not None and kind not in KINDS:
        typer.secho(f"--kind must be one of {', '.join(KINDS)}", err=True)
        raise typer.Exit(code=2)
    services = open_services()
    chart_dir = out or services.settings.data_dir / "charts"
    chosen: DigestKind | None = kind  # type: ignore[assignment]
    try:
        reply = preview_digest(
            services.session_factory,
            username=user,
            kind=chosen,
            now=_moment(now),
            chart_dir=chart_dir,
            tenant_slug=tenant or services.settings.tenant,
        )
    except LookupError as error:
        typer.secho(str(error), err=True)
        raise typer.Exit(code=2) from None
    if reply.title:
        typer.echo(reply.title)
        typer.echo("=" * 40)
    for name, value in reply.fields:
        typer.echo(f"{name}: {value}")
    typer.echo("")
    typer.echo(reply.text)
    typer.echo("")
    typer.echo(f"chart: {reply.image_path or '(none)'}")


@usage_app.command("import")
def usage_import_cmd(
    file: Path = typer.Argument(..., help="CSV: account,date[,period],logins,active_users,..."),
    tenant: str | None = typer.Option(None, help="tenant slug (default: the configured one)"),
    as_user: str = typer.Option("admin", "--as", help="CRM user the import is audited as"),
) -> None:
    """Import usage rows; bad rows are listed with their line numbers, good rows are kept."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        typer.secho(f"cannot read {file}: {error}", err=True)
        raise typer.Exit(code=2) from None
    services = open_services()
    slug = tenant or services.settings.tenant
    try:
        with transaction(services.session_factory) as session:
            found = get_tenant_by_slug(session, slug=slug)
            actor_user = find_user(session, tenant_id=found.id, username=as_user) if found else None
            if actor_user is None:
                typer.secho(f"no user {as_user!r} in tenant {slug!r}", err=True)
                raise typer.Exit(code=2)
            result = import_csv(session, actor=actor_user.as_actor(), text=text)
    except CrmError as error:
        typer.secho(f"import refused: {error}", err=True)
        raise typer.Exit(code=2) from None
    if result.fatal:
        typer.secho(f"{file}: {result.fatal}; nothing imported", err=True)
        raise typer.Exit(code=2)
    for row_error in result.errors:
        typer.secho(f"{file}:{row_error.line}: {row_error.message}", err=True)
    typer.echo(f"imported {result.imported} rows, skipped {len(result.errors)}")
    if result.errors:
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add `forecast`, `digest` and `usage` to the top-level CLI."""
    app.add_typer(forecast_app, name="forecast")
    app.add_typer(usage_app, name="usage")
    app.command("digest")(digest_cmd)
