"""One search over the in-memory index: plan the query, mask, gather signals, fuse, cite."""

from __future__ import annotations

from knowledge import ranking
from knowledge.answer import make_snippet
from knowledge.classify import query_doc_types
from knowledge.embedding import Encoder
from knowledge.index import HybridIndex, Mode
from knowledge.query import plan_query
from knowledge.types import Filters, Hit

# Glossary words are evidence, but weaker than the words the user typed.
EXPANSION_WEIGHT = 0.6


def run_search(
    index: HybridIndex,
    encoder: Encoder,
    query: str,
    *,
    k: int = 5,
    filters: Filters | None = None,
    viewer_teams: frozenset[str] = frozenset(),
    mode: Mode = "hybrid",
    max_per_doc: int = 2,
) -> list[Hit]:
    """Top ``k`` passages, at most ``max_per_doc`` from one document, best first."""
    snap = index.snapshot()
    if not snap.chunks or not query.strip():
        return []
    plan = plan_query(query, index, snap, encoder, mode)
    mask = index.mask(snap, filters, viewer_teams)
    signals = index.signals(
        snap,
        plan.vector,
        plan.tokens,
        plan.expansion,
        mask=mask,
        mode=mode,
        expansion_weight=EXPANSION_WEIGHT,
    )
    # A retriever alone (the baselines) ranks documents by their best passage.
    tuning = ranking.HYBRID if mode == "hybrid" else ranking.SINGLE
    hints = query_doc_types(plan.text) if mode == "hybrid" else None
    ranked = ranking.fuse(snap, signals, tuning=tuning, type_hints=hints)
    hits: list[Hit] = []
    per_doc: dict[str, int] = {}
    for scored in ranked:
        chunk = snap.chunks[scored.row]
        if per_doc.get(chunk.doc_id, 0) >= max_per_doc:
            continue
        document = index.document(chunk.doc_id)
        if document is None:
            continue
        per_doc[chunk.doc_id] = per_doc.get(chunk.doc_id, 0) + 1
        hits.append(
            Hit(
                doc_id=chunk.doc_id,
                title=document.title,
                doc_type=document.doc_type,
                chunk_id=chunk.chunk_id,
                heading=chunk.heading,
                page=chunk.page,
                slide=chunk.slide,
                snippet=make_snippet(chunk.text, plan.tokens + plan.expansion),
                text=chunk.text,
                score=round(scored.score, 6),
                file_path=document.file_path,
                language=chunk.language,
            )
        )
        if len(hits) >= k:
            break
    return hits
