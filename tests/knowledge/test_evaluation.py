"""The retrieval evaluation and its CLI glue on a tiny corpus."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from bot.cli.eval_retrieval import register
from tests.knowledge.corpus import write_corpus

QUERIES = [
    {
        "id": "a",
        "lang": "en",
        "query": "price of the enterprise edition",
        "relevant": ["pricing-2030"],
    },
    {"id": "b", "lang": "zh", "query": "我们有哪些安全认证", "relevant": ["security-overview"]},
    {"id": "c", "lang": "zh", "query": "slack 怎么配置", "relevant": ["integration-slack"]},
]


def _run(tmp_path: Path, *extra: str) -> dict[str, object]:
    corpus = write_corpus(tmp_path / "corpus")
    data = tmp_path / "queries.jsonl"
    data.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUERIES), "utf-8")
    app, eval_app = typer.Typer(), typer.Typer()
    register(eval_app)
    app.add_typer(eval_app, name="eval")
    args = ["eval", "retrieval", "--corpus", str(corpus), "--data", str(data), *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    parsed: dict[str, object] = json.loads(result.output.strip().splitlines()[-1])
    return parsed


def test_hybrid_json_line(tmp_path: Path) -> None:
    result = _run(tmp_path)
    assert list(result)[:5] == ["n", "recall_at_5", "mrr_at_10", "p50_ms", "p95_ms"]
    assert result["n"] == 3 and result["recall_at_5"] == 1.0
    assert result["cross_lingual_pairs"] == 3


def test_baseline_option(tmp_path: Path) -> None:
    result = _run(tmp_path, "--baseline", "bm25")
    assert result["mode"] == "bm25" and result["n"] == 3
