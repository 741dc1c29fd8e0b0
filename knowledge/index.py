"""In-memory hybrid index: exact dense search on a normalised matrix + bm25s, plus a
document-level title field and mean passage vectors; ``signals`` gathers them per query.

Chroma is the durable store; this mirror answers queries because exact numpy search with
boolean masks is fast and exact, while chroma's filtered HNSW query was measured at ~320 ms
at 100k chunks. Mutations mark the index dirty; flat arrays and BM25 are rebuilt lazily.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import bm25s
import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.tokens import tokenize
from knowledge.types import ANY_TEAM, FILTER_FIELDS, PUBLIC, Chunk, Document, Filters

Mode = Literal["hybrid", "bm25", "dense"]
COARSE_MIN_ROWS = 20_000
COARSE_DIM = 128
COARSE_SHORTLIST = 1000
TITLE_DOCS = 5


@dataclass(frozen=True, slots=True)
class Scored:
    """A ranked chunk position with its fused score (see knowledge.ranking)."""

    row: int
    score: float


@dataclass
class _DocEntry:
    document: Document
    chunks: list[Chunk]
    tokens: list[list[str]]
    vectors: npt.NDArray[np.float32]


@dataclass
class _Snapshot:
    chunks: list[Chunk] = field(default_factory=list)
    matrix: npt.NDArray[np.float32] = field(
        default_factory=lambda: np.zeros((0, 512), dtype=np.float32)
    )
    codes: dict[str, npt.NDArray[np.int32]] = field(default_factory=dict)
    vocab: dict[str, dict[str, int]] = field(default_factory=dict)
    bm25: bm25s.BM25 | None = None
    # (first letter, length) -> indexed English terms, for cheap typo repair.
    ascii_terms: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    # Coarse stage for large indexes: centred vectors projected on the top principal axes.
    coarse: npt.NDArray[np.float32] | None = None
    projection: npt.NDArray[np.float32] | None = None
    # Document level: row -> document number, ids, types, a title/file-name BM25 field and
    # each document's mean passage vector.
    row_doc: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    doc_start: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    doc_ids: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    title_bm25: bm25s.BM25 | None = None
    centroids: npt.NDArray[np.float32] | None = None


@dataclass(frozen=True, slots=True)
class Signals:
    """Evidence for the candidate passages of one query, each signal aligned with ``rows``.

    ``dense`` and ``bm25`` hold per-passage scores (None when that retriever did not run or
    found nothing); ``title`` and ``centroid`` are per-document scores indexed by document
    number.
    """

    rows: npt.NDArray[np.int64]
    dense: npt.NDArray[np.float32] | None
    bm25: npt.NDArray[np.float32] | None
    title: npt.NDArray[np.float32] | None
    centroid: npt.NDArray[np.float32] | None


def _visibility_allows(visibility: str, teams: frozenset[str]) -> bool:
    if ANY_TEAM in teams:
        return True
    allowed = {v.strip() for v in visibility.split(",") if v.strip()}
    return PUBLIC in allowed or bool(allowed & teams)


class HybridIndex:
    """Thread-safe for one writer and many readers; readers use an immutable snapshot."""

    def __init__(self, dimension: int = 512) -> None:
        self._dimension = dimension
        self._docs: dict[str, _DocEntry] = {}
        self._lock = threading.RLock()
        self._snapshot = _Snapshot(matrix=np.zeros((0, dimension), dtype=np.float32))
        self._dirty = False

    # -- mutation ---------------------------------------------------------------------------
    def put(
        self,
        document: Document,
        chunks: Sequence[Chunk],
        tokens: Sequence[list[str]],
        vectors: npt.NDArray[np.float32],
    ) -> None:
        """Add or replace one document's passages."""
        with self._lock:
            self._docs[document.doc_id] = _DocEntry(
                document, list(chunks), [list(t) for t in tokens], np.asarray(vectors, np.float32)
            )
            self._dirty = True

    def drop(self, doc_id: str) -> None:
        with self._lock:
            if self._docs.pop(doc_id, None) is not None:
                self._dirty = True

    def document(self, doc_id: str) -> Document | None:
        entry = self._docs.get(doc_id)
        return entry.document if entry else None

    def __len__(self) -> int:
        return sum(len(e.chunks) for e in self._docs.values())

    def refresh(self) -> None:
        """Rebuild the flat arrays and BM25 now (else done on the next search)."""
        with self._lock:
            if not self._dirty:
                return
            entries = list(self._docs.values())
            snap = _Snapshot()
            vectors: list[npt.NDArray[np.float32]] = []
            corpus_tokens: list[list[str]] = []
            field_values: dict[str, list[str]] = {name: [] for name in FILTER_FIELDS}
            row_doc: list[npt.NDArray[np.int32]] = []
            title_tokens: list[list[str]] = []
            centroids: list[npt.NDArray[np.float32]] = []
            for number, entry in enumerate(entries):
                doc = entry.document
                n = len(entry.chunks)
                row_doc.append(np.full(n, number, dtype=np.int32))
                snap.doc_ids.append(doc.doc_id)
                snap.doc_types.append(doc.doc_type)
                title_tokens.append(title_field(doc) or [""])
                centroids.append(
                    _unit(entry.vectors.mean(axis=0))
                    if n
                    else np.zeros(self._dimension, dtype=np.float32)
                )
                snap.chunks.extend(entry.chunks)
                vectors.append(entry.vectors)
                corpus_tokens.extend(entry.tokens)
                for name in FILTER_FIELDS:
                    field_values[name].extend([str(getattr(doc, name))] * n)
            snap.matrix = (
                np.ascontiguousarray(np.concatenate(vectors), dtype=np.float32)
                if vectors
                else np.zeros((0, self._dimension), dtype=np.float32)
            )
            if entries:
                snap.row_doc = np.concatenate(row_doc)
                sizes = [len(e.chunks) for e in entries]
                snap.doc_start = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
                snap.centroids = np.ascontiguousarray(np.stack(centroids), dtype=np.float32)
                titles = bm25s.BM25(k1=1.2, b=0.5)
                titles.index(title_tokens, show_progress=False)
                snap.title_bm25 = titles
            for name, values in field_values.items():
                vocab: dict[str, int] = {}
                snap.codes[name] = np.fromiter(
                    (vocab.setdefault(v, len(vocab)) for v in values), np.int32, len(values)
                )
                snap.vocab[name] = vocab
            if corpus_tokens:
                retriever = bm25s.BM25(k1=1.2, b=0.75)
                retriever.index([t if t else [""] for t in corpus_tokens], show_progress=False)
                snap.bm25 = retriever
                for term in retriever.vocab_dict:
                    if term.isascii() and len(term) >= 4 and not term.isdigit():
                        snap.ascii_terms.setdefault((term[0], len(term)), []).append(term)
            if len(snap.chunks) >= COARSE_MIN_ROWS:
                snap.projection, snap.coarse = _coarse_stage(snap.matrix)
            self._snapshot = snap
            self._dirty = False

    # -- search -----------------------------------------------------------------------------
    def snapshot(self) -> _Snapshot:
        if self._dirty:
            self.refresh()
        return self._snapshot

    def mask(
        self, snap: _Snapshot, filters: Filters | None, viewer_teams: frozenset[str]
    ) -> npt.NDArray[np.bool_] | None:
        """Boolean row mask for metadata filters and visibility; None means every row."""
        mask: npt.NDArray[np.bool_] | None = None
        conditions: list[tuple[str, set[str] | None]] = []
        for name, wanted in (filters or {}).items():
            if name not in FILTER_FIELDS:
                raise ValueError(f"unknown filter field {name!r}; use one of {FILTER_FIELDS}")
            values: set[str] | None = {wanted} if isinstance(wanted, str) else set(wanted)
            conditions.append((name, values))
        if ANY_TEAM not in viewer_teams:
            conditions.append(("visibility", None))
        for name, values in conditions:
            vocab = snap.vocab.get(name, {})
            lut = np.zeros(max(len(vocab), 1), dtype=bool)
            for value, code in vocab.items():
                ok = _visibility_allows(value, viewer_teams) if values is None else value in values
                lut[code] = ok
            part = lut[snap.codes[name]] if name in snap.codes else np.zeros(0, dtype=bool)
            mask = part if mask is None else mask & part
        return mask

    def correct_tokens(self, snap: _Snapshot, tokens: Iterable[str]) -> dict[str, str]:
        """Map misspelled English query words to a close indexed term (OSA distance)."""
        fixes: dict[str, str] = {}
        if snap.bm25 is None:
            return fixes
        vocab = snap.bm25.vocab_dict
        for token in tokens:
            if token in vocab or not token.isascii() or len(token) < 5 or token.isdigit():
                continue
            cutoff = 1 if len(token) < 8 else 2
            # Typos rarely hit the first letter; bucketing by it keeps this sub-millisecond.
            pool = [
                term
                for size in range(len(token) - cutoff, len(token) + cutoff + 1)
                for term in snap.ascii_terms.get((token[0], size), ())
            ]
            match = process.extractOne(token, pool, scorer=OSA.distance, score_cutoff=cutoff)
            if match is not None:
                fixes[token] = match[0]
        return fixes

    def dense_rows(
        self,
        snap: _Snapshot,
        query_vector: npt.NDArray[np.float32],
        mask: npt.NDArray[np.bool_] | None,
        k: int,
    ) -> list[int]:
        """The ``k`` rows nearest to ``query_vector`` by the fast path search uses."""
        return _dense_top(snap, query_vector, mask, k)

    def signals(
        self,
        snap: _Snapshot,
        query_vector: npt.NDArray[np.float32] | None,
        tokens: Sequence[str],
        expansion: Sequence[str] = (),
        *,
        mask: npt.NDArray[np.bool_] | None,
        mode: Mode = "hybrid",
        candidates: int = 100,
        expansion_weight: float = 1.0,
    ) -> Signals:
        """Candidate passages (top dense + top BM25) with every signal's score for them."""
        empty = np.zeros(0, dtype=np.int64)
        dense_rows: list[int] = []
        bm25_all: npt.NDArray[np.float32] | None = None
        bm25_rows: list[int] = []
        if mode in ("hybrid", "dense") and query_vector is not None:
            dense_rows = _dense_top(snap, query_vector, mask, candidates)
        if mode in ("hybrid", "bm25") and snap.bm25 is not None:
            bm25_all = _bm25_scores(snap.bm25, tokens, expansion, expansion_weight)
            if bm25_all is not None:
                keep = bm25_all > 0 if mask is None else (bm25_all > 0) & mask
                bm25_rows = _top(np.where(keep, bm25_all, -np.inf), candidates)
        title = centroid = None
        title_rows: list[int] = []
        if mode == "hybrid" and snap.title_bm25 is not None:
            title = _bm25_scores(snap.title_bm25, tokens, expansion, expansion_weight)
            if title is not None:
                # A document whose title names the query's subject is a candidate even when
                # none of its passages made either list.
                for doc in _top(np.where(title > 0, title, -np.inf), TITLE_DOCS):
                    title_rows.extend(range(snap.doc_start[doc], snap.doc_start[doc + 1]))
                if mask is not None:
                    title_rows = [r for r in title_rows if mask[r]]
        rows = np.asarray(
            sorted(set(dense_rows) | set(bm25_rows) | set(title_rows)), dtype=np.int64
        )
        if len(rows) == 0:
            return Signals(empty, None, None, None, None)
        dense = None
        if query_vector is not None and mode != "bm25":
            dense = (snap.matrix[rows] @ query_vector).astype(np.float32)
        bm25 = bm25_all[rows].astype(np.float32) if bm25_all is not None and bm25_rows else None
        if mode == "hybrid" and snap.centroids is not None and query_vector is not None:
            docs = np.unique(snap.row_doc[rows])
            centroid = np.zeros(len(snap.doc_ids), dtype=np.float32)
            centroid[docs] = snap.centroids[docs] @ query_vector
        return Signals(rows, dense, bm25, title, centroid)


def _unit(vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm else vector).astype(np.float32)


def title_field(document: Document) -> list[str]:
    """Tokens of a document's title and file name (the words people search collateral by)."""
    stem = document.filename.rsplit(".", 1)[0] if document.filename else document.doc_id
    return tokenize(f"{document.title} {re.sub(r'[-_.]+', ' ', stem)}")


def _bm25_scores(
    retriever: bm25s.BM25,
    tokens: Sequence[str],
    expansion: Sequence[str],
    expansion_weight: float,
) -> npt.NDArray[np.float32] | None:
    """BM25 of the query words plus (down-weighted) glossary expansion words; None if none hit."""
    ids = retriever.get_tokens_ids(list(tokens))
    extra = retriever.get_tokens_ids(list(expansion)) if expansion else []
    if not ids and not extra:
        return None
    scores = np.zeros(retriever.scores["num_docs"], dtype=np.float32)
    if ids:
        scores += retriever.get_scores_from_ids(ids)
    if extra:
        scores += expansion_weight * retriever.get_scores_from_ids(extra)
    return scores


def limit_blas_threads(threads: int) -> None:
    """Cap numpy's BLAS thread pool (process-wide)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads, user_api="blas")


def _coarse_stage(
    matrix: npt.NDArray[np.float32],
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Principal axes of a sample and the projected matrix (a quarter of the bytes to scan)."""
    rng = np.random.default_rng(0)
    sample = matrix[rng.choice(len(matrix), min(len(matrix), 20_000), replace=False)]
    mean = sample.mean(axis=0)
    centred = sample - mean
    _, vectors = np.linalg.eigh(centred.T @ centred)
    projection = np.ascontiguousarray(vectors[:, ::-1][:, :COARSE_DIM], dtype=np.float32)
    coarse = np.ascontiguousarray((matrix - mean) @ projection, dtype=np.float32)
    return projection, coarse


def _dense_top(
    snap: _Snapshot,
    query_vector: npt.NDArray[np.float32],
    mask: npt.NDArray[np.bool_] | None,
    k: int,
) -> list[int]:
    """Exact cosine top-k; large indexes shortlist on the projection, then score exactly.

    Scanning 100k x 512 floats costs ~20 ms of memory bandwidth; the 128-d projection is a
    quarter of that, and exact re-scoring of a generous shortlist keeps recall near 1.
    """
    if snap.coarse is None or snap.projection is None:
        scores = snap.matrix @ query_vector
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        return _top(scores, k)
    rough = snap.coarse @ (query_vector @ snap.projection)
    if mask is not None:
        rough = np.where(mask, rough, -np.inf)
    shortlist = np.asarray(_top(rough, max(k * 4, COARSE_SHORTLIST)), dtype=np.int64)
    if len(shortlist) == 0:
        return []
    exact = snap.matrix[shortlist] @ query_vector
    order = np.argsort(-exact, kind="stable")[:k]
    return [int(i) for i in shortlist[order]]


def _top(scores: npt.NDArray[np.floating], k: int) -> list[int]:
    """Indices of the k best finite scores, best first."""
    k = min(k, len(scores))
    if k <= 0:
        return []
    part = np.argpartition(-scores, k - 1)[:k]
    order = part[np.argsort(-scores[part], kind="stable")]
    valid = np.isfinite(scores[order])
    return [int(i) for i in order[valid]]
