"""`salesbrain knowledge`: add, list, remove and search collateral from the terminal."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.text import Text

from bot.cli.context import open_services
from bot.context import UserInfo
from bot.knowledge.chat_search import location
from bot.knowledge.chat_upload import outcome_text
from bot.knowledge.seed import seed_demo_collateral
from bot.knowledge.service import ANY_TEAM, PUBLIC, can_view, knowledge_base, viewer_team
from bot.services import Services
from crm_store.errors import PermissionDenied
from crm_store.permissions import require_collateral_manager
from crm_store.tenant import get_tenant_by_slug
from crm_store.user import find_user

knowledge_app = typer.Typer(help="Collateral knowledge base.", no_args_is_help=True)


def _user(services: Services, username: str) -> UserInfo:
    with services.session_factory() as session:
        tenant = get_tenant_by_slug(session, slug=services.settings.tenant)
        user = find_user(session, tenant_id=tenant.id, username=username) if tenant else None
        if user is None or not user.active:
            typer.secho(
                f"no active user {username!r} in tenant {services.settings.tenant!r}",
                fg=typer.colors.RED,
                err=True,
            )
            raise typer.Exit(code=2)
        return UserInfo.from_row(user)


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given; folders contribute their non-hidden files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        else:
            files.append(path)
    return files


@knowledge_app.command("add")
def add(
    paths: list[Path] = typer.Argument(..., help="files or folders to add"),
    visibility: str = typer.Option(PUBLIC, help="'all' or comma-separated teams"),
    doc_type: str | None = typer.Option(None, "--doc-type", help="e.g. battlecard, pricing"),
    username: str | None = typer.Option(None, "--as", help="enablement/admin user uploading"),
) -> None:
    """Add or replace documents; a file that fails is reported and the rest go on."""
    from knowledge import DocumentMeta, KnowledgeError

    services = open_services()
    uploader = "cli"
    if username is not None:
        user = _user(services, username)
        try:
            require_collateral_manager(user.actor)
        except PermissionDenied:
            typer.secho(
                f"{username} ({user.role}) may not add collateral: enablement or admin only",
                fg=typer.colors.RED,
                err=True,
            )
            raise typer.Exit(code=1) from None
        uploader = user.username
    files = _expand(paths)
    kb = knowledge_base(services)
    failed = 0
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("adding", total=len(files))
        for path in files:
            progress.update(task, description=path.name[:40])
            meta = DocumentMeta(
                doc_type=doc_type, visibility=visibility, uploaded_by=uploader, filename=path.name
            )
            try:
                result = kb.add(path, meta)
            except KnowledgeError as error:
                failed += 1
                line = Text(f"✗ {path}: {error.message('en')}", style="red")
            else:
                line = Text(f"✓ {path}: {outcome_text(result, path.name, 'en')}")
            # Text, not markup: file names and messages may contain brackets.
            progress.console.print(line, soft_wrap=True)
            progress.advance(task)
    typer.echo(f"{len(files) - failed} of {len(files)} files added or up to date, {failed} failed")
    if failed:
        raise typer.Exit(code=1)


@knowledge_app.command("list")
def list_documents() -> None:
    """Every document with its id, type, version and visibility."""
    services = open_services()
    documents = knowledge_base(services).list()
    for d in documents:
        typer.echo(
            f"{d.doc_id:32} v{d.version:<3} {d.doc_type:16} {d.language:3} "
            f"{d.visibility:10} {d.chunk_count:4} passages  {d.title}"
        )
    typer.echo(f"{len(documents)} documents")


@knowledge_app.command("remove")
def remove(doc_id: str) -> None:
    """Delete a document, its passages and its stored file."""
    from knowledge import KnowledgeError

    services = open_services()
    try:
        document = knowledge_base(services).remove(doc_id)
    except KnowledgeError as error:
        typer.secho(error.message("en"), fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"removed {document.doc_id} ({document.title})")


@knowledge_app.command("search")
def search(
    query: str,
    k: int = typer.Option(5, min=1, max=20),
    username: str | None = typer.Option(None, "--as", help="search as this user (their team)"),
) -> None:
    """Top passages with their citations and a short extractive answer."""
    services = open_services()
    viewer: str | None = ANY_TEAM
    if username is not None:
        user = _user(services, username)
        viewer = viewer_team(user.role, user.team)
    kb = knowledge_base(services)
    hits = kb.search(query, k=k, viewer_team=viewer)
    if not hits:
        visible = any(can_view(d, viewer) for d in kb.list())
        typer.echo("no matching passages" if visible else "no documents visible")
        return
    answer = kb.answer(query, viewer_team=viewer)
    if answer.text:
        typer.echo(f"answer: {answer.text}\n")
    for number, hit in enumerate(hits, start=1):
        place = location(hit, "en")
        where = f" · {place}" if place else ""
        typer.echo(f"{number}. [{hit.score:.3f}] {hit.title}{where}  ({hit.doc_id})")
        typer.echo(f"   {hit.snippet}")


@knowledge_app.command("demo")
def demo() -> None:
    """Add the built-in demo collateral (idempotent)."""
    summary = seed_demo_collateral(open_services())
    typer.echo(f"demo collateral: {summary.added} added or updated, {summary.unchanged} unchanged")
