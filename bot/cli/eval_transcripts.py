"""`salesbrain eval transcripts`: score call-transcript analysis on a labelled JSONL file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def register(eval_app: typer.Typer) -> None:
    """Add the `transcripts` subcommand to the `eval` group."""

    @eval_app.command("transcripts")
    def transcripts(
        data: Annotated[Path, typer.Option("--data", exists=True, dir_okay=False, readable=True)],
        baseline: Annotated[
            bool, typer.Option("--baseline", help="also score snownlp (zh) and VADER (en)")
        ] = False,
        cache_dir: Annotated[
            Path | None, typer.Option("--cache-dir", help="where the trained model is cached")
        ] = None,
        hf_model: Annotated[
            Path | None, typer.Option("--hf-model", help="local Hugging Face model directory")
        ] = None,
    ) -> None:
        """Sentiment accuracy, objection F1, competitor F1 and next-step accuracy."""
        from nlp.transcripts.evaluate import evaluate_file
        from nlp.transcripts.model import UtteranceModel

        cache = cache_dir or Path(".salesbrain") / "models"
        model: UtteranceModel | None = None
        if hf_model is not None:
            from nlp.transcripts.hf_model import HFUtteranceModel

            model = HFUtteranceModel(hf_model, cache_dir=cache)
        result = evaluate_file(data, cache_dir=cache, model=model, baseline=baseline)
        typer.echo(f"transcripts: {result['n']} calls from {data}")
        for key, value in result.items():
            if key != "n":
                typer.echo(f"  {key:<40} {value}")
        typer.echo(json.dumps(result, ensure_ascii=False))
