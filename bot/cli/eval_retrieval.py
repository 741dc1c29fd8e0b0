"""`salesbrain eval retrieval`: score collateral search on a corpus folder and a query file."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from knowledge.evaluation import evaluate_retrieval


def register(eval_app: typer.Typer) -> None:
    """Add the ``retrieval`` subcommand to the ``eval`` group."""

    @eval_app.command("retrieval")
    def retrieval(
        corpus: Path = typer.Option(..., "--corpus", exists=True, file_okay=False),
        data: Path = typer.Option(..., "--data", exists=True, dir_okay=False),
        baseline: str | None = typer.Option(
            None, "--baseline", help="Run one retriever alone: bm25 or dense."
        ),
    ) -> None:
        """Recall@5, MRR@10 and latency; ends with one JSON line."""
        if baseline not in (None, "bm25", "dense"):
            raise typer.BadParameter("use bm25 or dense", param_hint="--baseline")
        result = evaluate_retrieval(corpus, data, baseline=baseline)
        typer.echo(
            f"{result['n']} queries over {result['documents']} documents "
            f"({result['mode']}), ingest {result['ingest_s']} s"
        )
        typer.echo(json.dumps(result, ensure_ascii=False))
