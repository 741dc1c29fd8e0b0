"""Retrieval evaluation: ingest a corpus folder into a temporary store and score the queries."""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.embedding import Encoder
from knowledge.index import Mode
from knowledge.loaders import SUPPORTED_SUFFIXES
from knowledge.service import KnowledgeBase
from knowledge.textnorm import query_language
from knowledge.types import ANY_TEAM, DocumentMeta


@dataclass(frozen=True, slots=True)
class RetrievalQuery:
    id: str
    lang: str
    query: str
    relevant: tuple[str, ...]


def read_queries(path: Path) -> list[RetrievalQuery]:
    """JSON Lines as in NLP_SPEC section 3."""
    rows: list[RetrievalQuery] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            rows.append(
                RetrievalQuery(
                    id=str(raw.get("id", len(rows))),
                    lang=str(raw.get("lang") or query_language(raw["query"])),
                    query=str(raw["query"]),
                    relevant=tuple(raw["relevant"]),
                )
            )
    return rows


def ingest_folder(kb: KnowledgeBase, corpus: Path) -> int:
    """Add every supported file; the document id is the file name without extension."""
    count = 0
    for path in sorted(corpus.iterdir()):
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
            kb.add(path, DocumentMeta(doc_id=path.stem))
            count += 1
    return count


def _doc_ranking(kb: KnowledgeBase, query: str, mode: Mode, depth: int) -> list[str]:
    hits = kb.search(query, k=depth, viewer_team=ANY_TEAM, mode=mode, max_per_doc=1)
    return [h.doc_id for h in hits]


def score_queries(
    kb: KnowledgeBase, queries: Sequence[RetrievalQuery], mode: Mode = "hybrid"
) -> dict[str, Any]:
    doc_lang = {d.doc_id: d.language for d in kb.list()}
    recalls, hits5, rrs, times = [], [], [], []
    cross: list[bool] = []
    for q in queries:
        start = time.perf_counter()
        ranking = _doc_ranking(kb, q.query, mode, 10)
        times.append((time.perf_counter() - start) * 1000)
        relevant = set(q.relevant)
        top5 = set(ranking[:5])
        recalls.append(len(relevant & top5) / max(len(relevant), 1))
        hits5.append(float(bool(relevant & top5)))
        rrs.append(next((1 / (i + 1) for i, d in enumerate(ranking[:10]) if d in relevant), 0.0))
        lang = "zh" if q.lang.startswith("zh") else "en"
        for doc_id in relevant:
            # Bilingual ("mixed") documents are not cross-lingual for either language.
            if doc_lang.get(doc_id) in ("zh", "en") and doc_lang[doc_id] != lang:
                cross.append(doc_id in top5)
    return {
        "n": len(queries),
        "recall_at_5": round(float(np.mean(recalls)), 4) if recalls else 0.0,
        "mrr_at_10": round(float(np.mean(rrs)), 4) if rrs else 0.0,
        "p50_ms": round(float(np.percentile(times, 50)), 2) if times else 0.0,
        "p95_ms": round(float(np.percentile(times, 95)), 2) if times else 0.0,
        "mode": mode,
        "hit_at_5": round(float(np.mean(hits5)), 4) if hits5 else 0.0,
        "cross_lingual_recall_at_5": round(float(np.mean(cross)), 4) if cross else 0.0,
        "cross_lingual_pairs": len(cross),
    }


def evaluate_retrieval(
    corpus: Path,
    data: Path,
    *,
    baseline: str | None = None,
    encoder: Encoder | None = None,
) -> dict[str, Any]:
    """Run the whole evaluation; ``baseline`` 'bm25' or 'dense' runs that retriever alone."""
    if baseline not in (None, "", "bm25", "dense", "hybrid"):
        raise ValueError("baseline must be 'bm25' or 'dense'")
    mode: Mode = "hybrid" if not baseline else baseline  # type: ignore[assignment]
    queries = read_queries(data)
    with tempfile.TemporaryDirectory(prefix="salesbrain-eval-") as tmp:
        kb = KnowledgeBase(Path(tmp), encoder=encoder)
        try:
            start = time.perf_counter()
            documents = ingest_folder(kb, corpus)
            kb.warm()
            ingest_s = time.perf_counter() - start
            # One untimed query so lazy initialisation is not counted as latency.
            kb.search("warm up", k=1, viewer_team=ANY_TEAM, mode=mode)
            result = score_queries(kb, queries, mode)
        finally:
            kb.close()
    result["documents"] = documents
    result["ingest_s"] = round(ingest_s, 2)
    return result
