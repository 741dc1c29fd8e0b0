"""The `eval intents` subcommand on a small invented file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from bot.cli.eval_intents import register
from nlp.evaluation.intents import slot_pairs

ROWS = [
    {
        "id": "t1",
        "lang": "zh",
        "now": "2026-11-18T10:00:00+08:00",
        "text": "帮助",
        "intent": "help",
        "slots": {},
    },
    {
        "id": "t2",
        "lang": "en",
        "now": "2026-11-18T10:00:00+08:00",
        "text": "remind me tomorrow to call Brightmoor Foods",
        "intent": "create_task",
        "slots": {"account": "Brightmoor Foods", "due_date": "2026-11-19"},
    },
    {
        "id": "t3",
        "lang": "en",
        "now": "2026-11-18T10:00:00+08:00",
        "text": "thanks!!",
        "intent": "help",
        "slots": {},
    },
]


def test_eval_intents_prints_misses_and_one_json_line(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = tmp_path / "intents.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in ROWS), encoding="utf-8")
    app = typer.Typer()
    eval_app = typer.Typer()
    register(eval_app)
    app.add_typer(eval_app, name="eval")
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "intents",
            "--data",
            str(data),
            "--errors",
            "--cache-dir",
            str(tmp_path_factory.getbasetemp() / "nlp-model-cache"),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    figures = json.loads(lines[-1])
    assert set(figures) == {
        "n",
        "intent_accuracy",
        "slot_precision",
        "slot_recall",
        "slot_f1",
        "p50_ms",
        "p95_ms",
    }
    assert figures["n"] == 3
    assert abs(figures["intent_accuracy"] - 2 / 3) < 1e-3
    assert "[t3]" in result.output


def test_slot_pairs_normalise_strings_and_numbers() -> None:
    assert slot_pairs({"account": " Acme ", "amount": 500000.0}) == {
        ("account", "acme"),
        ("amount", 500000),
    }
