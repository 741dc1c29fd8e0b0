"""`salesbrain eval intents`: score the message parser on an NLP_SPEC intents file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from nlp.evaluation.intents import evaluate, format_miss, load_examples
from nlp.local_parser import LocalParser


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "salesbrain" / "nlp"


def register(eval_app: typer.Typer) -> None:
    """Add the ``intents`` subcommand to the ``eval`` group."""

    @eval_app.command("intents")
    def intents(
        data: Path = typer.Option(..., "--data", exists=True, dir_okay=False),
        errors: bool = typer.Option(False, "--errors", help="Print every miss."),
        cache_dir: Path | None = typer.Option(
            None, "--cache-dir", help="Where trained models are kept (default: user cache)."
        ),
    ) -> None:
        """Intent accuracy, slot micro P/R/F1 and latency; ends with one JSON line."""
        parser = LocalParser(cache_dir or _default_cache())
        parser.warm_up()
        report = evaluate(parser, load_examples(data))
        if errors:
            for miss in report.misses:
                typer.echo(format_miss(miss))
        typer.echo(f"{report.n} messages, {len(report.misses)} with a miss")
        typer.echo(json.dumps(report.figures(), ensure_ascii=False))
