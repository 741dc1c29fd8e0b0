"""`salesbrain` entry point: wires the subcommand groups together."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from datetime import UTC, datetime

import httpx
import typer
import uvicorn

from bot.app import create_app
from bot.background import run_background
from bot.cli import eval_intents, eval_retrieval, eval_transcripts
from bot.cli.analytics_cmd import register as register_analytics
from bot.cli.context import open_services
from bot.cli.db_cmd import db_app
from bot.cli.knowledge_cmd import knowledge_app
from bot.cli.users_cmd import users_app
from bot.composition import build_router, build_worker, parser_of
from bot.knowledge import seed_demo_collateral
from bot.platforms import build_platforms
from bot.services import Services
from connectors.console.chat import run_console
from crm_store.demo import seed_demo

app = typer.Typer(
    help="Salesbrain: chat-first sales assistant and CRM.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Evaluation runners (end with one JSON line).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(knowledge_app, name="knowledge")
app.add_typer(eval_app, name="eval")
eval_intents.register(eval_app)
eval_retrieval.register(eval_app)
eval_transcripts.register(eval_app)
register_analytics(app)


@app.command()
def serve(
    host: str | None = typer.Option(None),
    port: int | None = typer.Option(None),
) -> None:
    """Run the HTTP server (webhooks, REST API, worker) in the foreground."""
    services = open_services()
    settings = services.settings
    uvicorn.run(
        create_app(services=services, warm_up=True),
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level.lower(),
    )


@app.command()
def worker() -> None:
    """Process the inbox, reminders and digests without serving HTTP (scaled out)."""
    services = open_services()
    inbox_worker = build_worker(services, build_router(services))

    async def run() -> None:
        platforms = build_platforms(services.settings, inbox_worker.accept)
        for name, sender in platforms.senders.items():
            inbox_worker.add_sender(name, sender)
        await run_background(services, inbox_worker, platforms, asyncio.Event())

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())


@app.command()
def chat(username: str = typer.Option(..., "--as", help="CRM username to chat as")) -> None:
    """Chat with the bot in this terminal, through the same router as the messengers."""
    services = open_services()
    router = build_router(services)
    typer.echo(f"Salesbrain console — chatting as {username}. Type 'help', or 'exit' to leave.")
    run_console(router.handle, username=username, tenant=services.settings.tenant)


@app.command()
def demo() -> None:
    """Seed the demo tenant (idempotent)."""
    services = open_services()
    summary = seed_demo(services.session_factory)
    state = "created" if summary.created else "already present"
    typer.echo(
        f"demo data {state}: {summary.users} users, {summary.accounts} accounts, "
        f"{summary.deals} deals, {summary.activities} activities, {summary.tasks} tasks"
    )
    typer.echo(f"demo collateral: {seed_demo_collateral(services).total} documents")


def _serve_in_background(services: Services) -> None:
    settings = services.settings
    config = uvicorn.Config(
        create_app(services=services, warm_up=True),
        host=settings.host,
        port=settings.port,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, name="salesbrain-http", daemon=True).start()
    url = f"http://{settings.host}:{settings.port}"
    for _ in range(100):
        try:
            if httpx.get(f"{url}/healthz", timeout=0.5).status_code == 200:
                typer.echo(f"HTTP server on {url} (API docs at {url}/docs)")
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    typer.secho(f"HTTP server did not come up on {url} (port in use?)", err=True)


@app.command()
def start(
    username: str = typer.Option("wang", "--as", help="demo user to chat as"),
    server: bool = typer.Option(True, help="also serve HTTP on localhost"),
) -> None:
    """Everything on embedded defaults: migrate, seed demo data, serve HTTP, open the chat."""
    services = open_services()
    summary = seed_demo(services.session_factory)
    typer.echo(f"demo tenant ready ({summary.deals} deals, {summary.accounts} accounts)")
    typer.echo(f"demo collateral: {seed_demo_collateral(services).total} documents")
    typer.echo("preparing the language models (the first start trains them, ~30 s)...")
    parser_of(services).parse("hello", now_iso=datetime.now(UTC).isoformat(), timezone="UTC")
    if server:
        _serve_in_background(services)
    router = build_router(services)
    typer.echo(f"Chatting as {username}. Type 'help' / '帮助', or 'exit' to leave.")
    run_console(router.handle, username=username, tenant=services.settings.tenant)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
