"""`eval transcripts` CLI glue: options, figures, and one JSON line at the end."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from bot.cli.eval_transcripts import register
from nlp.transcripts.model import BuiltinUtteranceModel

from .samples import EN_CALL, ZH_CALL


def test_eval_transcripts_command(
    tmp_path: Path, cache_dir: Path, model: BuiltinUtteranceModel
) -> None:
    en_labels = {
        "customer_sentiment": "neutral",
        "objections": ["price", "competitor", "security", "authority"],
        "competitors": ["Zoho"],
        "next_steps": True,
    }
    zh_labels = {
        "customer_sentiment": "neutral",
        "objections": ["price", "competitor", "integration", "authority"],
        "competitors": ["纷享", "金蝶"],
        "next_steps": True,
    }
    rows = [
        {"id": "t-en", "lang": "en", "transcript": EN_CALL, "customer_speakers": ["Tom Berg"],
         "labels": en_labels},
        {"id": "t-zh", "lang": "zh", "transcript": ZH_CALL, "customer_speakers": ["刘总"],
         "labels": zh_labels},
    ]  # fmt: skip
    data = tmp_path / "calls.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    app = typer.Typer()
    register(app)

    @app.command("other")
    def other() -> None:  # a second command keeps Typer from collapsing the group
        pass

    args = ["transcripts", "--data", str(data), "--baseline", "--cache-dir", str(cache_dir)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    last = json.loads(result.output.strip().splitlines()[-1])
    assert last["n"] == 2
    assert last["competitor_f1"] == 1.0  # "纷享" is scored as its canonical 纷享销客
    assert last["next_steps_accuracy"] == 1.0
    assert 0.0 <= last["objection_f1"] <= 1.0 and 0.0 <= last["sentiment_accuracy"] <= 1.0
    assert "baseline_snownlp_sentiment_accuracy" in last
    assert "baseline_vader_sentiment_accuracy" in last
