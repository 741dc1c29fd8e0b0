"""In-memory hybrid index: exact dense search on a normalised matrix + bm25s, fused by RRF.

Chroma is the durable store; this mirror answers queries because exact numpy search with
boolean masks is fast and exact, while chroma's filtered HNSW query was measured at ~320 ms
at 100k chunks. Mutations mark the index dirty; flat arrays and BM25 are rebuilt lazily.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import bm25s
import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.types import ANY_TEAM, FILTER_FIELDS, PUBLIC, Chunk, Document, Filters

Mode = Literal["hybrid", "bm25", "dense"]
# Small corpora give long chunk lists from few documents; a small k lets the first ranks lead.
RRF_K = 5
# Lexical evidence (with the bilingual glossary) is the sharper signal for product terms.
BM25_WEIGHT = 1.5
COARSE_MIN_ROWS = 20_000
COARSE_DIM = 128
COARSE_SHORTLIST = 1000


@dataclass(frozen=True, slots=True)
class Scored:
    """A ranked chunk position with its fused score."""

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
            for entry in entries:
                doc = entry.document
                n = len(entry.chunks)
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

    def search(
        self,
        snap: _Snapshot,
        query_vector: npt.NDArray[np.float32] | None,
        query_tokens: Sequence[str],
        *,
        mask: npt.NDArray[np.bool_] | None,
        candidates: int = 100,
        mode: Mode = "hybrid",
        weights: Mapping[str, float] | None = None,
    ) -> list[Scored]:
        """Rows ranked by reciprocal-rank fusion of dense and BM25 rankings (or one alone)."""
        n = len(snap.chunks)
        if n == 0:
            return []
        fused: dict[int, float] = {}
        dense_weight = (weights or {}).get("dense", 1.0)
        bm25_weight = (weights or {}).get("bm25", BM25_WEIGHT)
        rrf_k = (weights or {}).get("rrf_k", RRF_K)
        if mode in ("hybrid", "dense") and query_vector is not None:
            for rank, row in enumerate(_dense_top(snap, query_vector, mask, candidates)):
                fused[row] = fused.get(row, 0.0) + dense_weight / (rrf_k + rank + 1)
        if mode in ("hybrid", "bm25") and snap.bm25 is not None:
            ids = snap.bm25.get_tokens_ids(list(query_tokens))
            if ids:
                scores = snap.bm25.get_scores_from_ids(ids)
                keep = scores > 0 if mask is None else (scores > 0) & mask
                scores = np.where(keep, scores, -np.inf)
                for rank, row in enumerate(_top(scores, candidates)):
                    fused[row] = fused.get(row, 0.0) + bm25_weight / (rrf_k + rank + 1)
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])
        return [Scored(row, score) for row, score in ranked]


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
