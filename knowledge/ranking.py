"""Document-level fusion: passage scores -> per-document evidence -> weighted sum + type prior.

People (and the evaluation) judge documents, so each passage signal is first aggregated per
document (best passage plus a share of the next ones), scaled to [0, 1] over the candidates
and summed with the document-level signals (title field, mean passage vector). Ranking whole
documents keeps one long document from crowding the others out. Passages inside a document
keep the order of their own rank fusion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from knowledge.index import Scored, Signals, _Snapshot


@dataclass(frozen=True, slots=True)
class Tuning:
    """Signal weights; measured on our own bilingual query sets, flat around these values."""

    dense: float = 1.0
    bm25: float = 1.0
    title: float = 0.25
    centroid: float = 0.3
    # Share of the 2nd..(1 + extra_passages) best passage scores added to the best one.
    sum_bonus: float = 0.5
    extra_passages: int = 2
    # Boost for documents of the type the question asks for ("how much" -> pricing).
    type_prior: float = 0.2
    passage_rrf_k: float = 5.0


HYBRID = Tuning()
# One retriever alone (the baselines): a document is as good as its best passage.
SINGLE = Tuning(title=0.0, centroid=0.0, sum_bonus=0.0, type_prior=0.0)


def _ranks(scores: npt.NDArray[np.float32]) -> npt.NDArray[np.int64]:
    """0-based rank of each score (best first)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = np.arange(len(scores))
    return ranks


def _aggregate(
    scores: npt.NDArray[np.float64], groups: npt.NDArray[np.int64], n: int, tuning: Tuning
) -> npt.NDArray[np.float64]:
    """Per document: best passage + ``sum_bonus`` x the next ``extra_passages`` ones."""
    order = np.lexsort((-scores, groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    # Position of each passage inside its document's run, best first.
    place = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    weight = np.where(
        place == 0, 1.0, np.where(place <= tuning.extra_passages, tuning.sum_bonus, 0.0)
    )
    totals: npt.NDArray[np.float64] = np.bincount(
        sorted_groups, weights=scores[order] * weight, minlength=n
    ).astype(np.float64)
    return totals


def _scaled(
    values: npt.NDArray[np.float64], found: npt.NDArray[np.bool_], shift: bool
) -> npt.NDArray[np.float64]:
    """Scores of the documents with evidence mapped to (0, 1]; cosines are min-max scaled
    (their floor is not zero), BM25 is divided by its best."""
    out = np.zeros(len(values), dtype=np.float64)
    if not found.any():
        return out
    top = float(values[found].max())
    low = float(values[found].min()) if shift and found.sum() > 1 else 0.0
    span = top - low
    if span <= 0:
        out[found] = 1.0
        return out
    # A small floor keeps the weakest candidate above documents with no evidence at all.
    out[found] = 0.05 + 0.95 * (values[found] - low) / span
    return out


def fuse(
    snap: _Snapshot,
    signals: Signals,
    *,
    tuning: Tuning = HYBRID,
    type_hints: Mapping[str, float] | None = None,
) -> list[Scored]:
    """Candidate passages ordered by their document's fused score, then by their own."""
    rows = signals.rows
    if len(rows) == 0:
        return []
    docs, inverse = np.unique(snap.row_doc[rows], return_inverse=True)
    groups = inverse.astype(np.int64)
    n_docs = len(docs)
    doc_score = np.zeros(n_docs, dtype=np.float64)
    passage = np.zeros(len(rows), dtype=np.float64)
    for values, weight, shift in (
        (signals.dense, tuning.dense, True),
        (signals.bm25, tuning.bm25, False),
    ):
        if values is None or weight == 0:
            continue
        valid = values > 0
        passage += np.where(valid, weight / (tuning.passage_rrf_k + _ranks(values) + 1), 0.0)
        per_doc = _aggregate(
            np.where(valid, values, 0.0).astype(np.float64), groups, n_docs, tuning
        )
        doc_score += weight * _scaled(per_doc, per_doc > 0, shift)
    for values, weight, shift in (
        (signals.title, tuning.title, False),
        (signals.centroid, tuning.centroid, True),
    ):
        if values is None or weight == 0:
            continue
        per_doc = values[docs].astype(np.float64)
        doc_score += weight * _scaled(per_doc, per_doc > 0, shift)
    if type_hints and tuning.type_prior:
        boost = np.array([type_hints.get(snap.doc_types[d], 0.0) for d in docs])
        doc_score *= 1.0 + tuning.type_prior * boost
    best = np.zeros(n_docs, dtype=np.float64)
    np.maximum.at(best, groups, passage)
    relative = passage / np.maximum(best[groups], 1e-12)
    # The best passage carries its document's score; the others up to half less.
    final = doc_score[groups] * (0.5 + 0.5 * relative)
    order = np.lexsort((-passage, -final))
    return [Scored(int(rows[i]), float(final[i])) for i in order]
