"""Retrieval benchmark: 100k-chunk search latency (with/without filter), fast-path recall@10
against exact float64 search, BM25 build time, and ingestion pages per second.

How the 100k chunks are made: a few thousand template passages (zh/en sales collateral) are
really embedded with the USE model; each chunk reuses one of those vectors plus small Gaussian
noise (renormalised) and the passage's BM25 tokens plus a per-document token, so the matrix and
the BM25 index have the real shapes and sizes without embedding 100k texts.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.retrieval.passages import passage, query
from knowledge.embedding import Encoder
from knowledge.index import HybridIndex, limit_blas_threads
from knowledge.search import run_search
from knowledge.service import KnowledgeBase
from knowledge.tokens import tokenize
from knowledge.types import ANY_TEAM, Chunk, DocType, Document

DOC_TYPES = [t.value for t in DocType if t is not DocType.OTHER]
TEAMS = ["all", "all", "all", "team-a", "team-b", "team-c"]


def build_index(encoder: Encoder, chunks: int, base_count: int, per_doc: int, seed: int):
    rng = random.Random(seed)
    base = [passage(rng) for _ in range(base_count)]
    start = time.perf_counter()
    base_vectors = encoder.encode([t for t, _ in base])
    embed_s = time.perf_counter() - start
    base_tokens = [tokenize(t) for t, _ in base]
    noise = np.random.default_rng(seed)
    index = HybridIndex(encoder.dimension)
    for doc_no in range(chunks // per_doc):
        doc_id = f"doc-{doc_no:06d}"
        picks = [(doc_no * per_doc + j) % base_count for j in range(per_doc)]
        vectors = base_vectors[picks] + noise.normal(0, 0.015, (per_doc, encoder.dimension))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        doc_chunks = [
            Chunk(
                f"{doc_id}::v1::{j}",
                doc_id,
                j,
                base[p][0],
                "Section",
                page=j + 1,
                language=base[p][1],
            )
            for j, p in enumerate(picks)
        ]
        document = Document(
            doc_id=doc_id,
            title=f"Document {doc_no}",
            doc_type=DOC_TYPES[doc_no % len(DOC_TYPES)],
            product="",
            language=base[picks[0]][1],
            visibility=TEAMS[doc_no % len(TEAMS)],
            uploaded_by="bench",
            version=1,
            content_hash=doc_id,
            filename=f"{doc_id}.pdf",
            file_path="",
            size_bytes=0,
            page_count=per_doc,
            chunk_count=per_doc,
            created_at="",
            updated_at="",
        )
        tokens = [base_tokens[p] + [f"d{doc_no}"] for p in picks]
        index.put(document, doc_chunks, tokens, vectors.astype(np.float32))
    start = time.perf_counter()
    index.refresh()
    build_s = time.perf_counter() - start
    return index, embed_s, build_s


def latencies(index, encoder, queries, filters, teams) -> list[float]:
    times = []
    for q in queries:
        start = time.perf_counter()
        run_search(index, encoder, q, k=5, filters=filters, viewer_teams=teams)
        times.append((time.perf_counter() - start) * 1000)
    return times


def fast_path_recall(index, encoder, queries, filters, teams, k: int = 10) -> float:
    snap = index.snapshot()
    exact_matrix = snap.matrix.astype(np.float64)
    mask = index.mask(snap, filters, teams)
    rows = np.arange(len(snap.chunks)) if mask is None else np.flatnonzero(mask)
    scores = []
    for q in queries:
        vector = encoder.encode_query(q)
        fast = index.dense_rows(snap, vector, mask, k)
        exact_scores = exact_matrix[rows] @ vector.astype(np.float64)
        exact = set(rows[np.argsort(-exact_scores, kind="stable")[:k]].tolist())
        scores.append(len(exact & set(fast[:k])) / k)
    return float(np.mean(scores))


def pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2)


def ingestion(encoder: Encoder, seed: int) -> dict[str, float]:
    """Ingest generated PDF/DOCX/MD files through KnowledgeBase (real chroma on disk)."""
    import docx
    from fpdf import FPDF

    rng = random.Random(seed)
    pages = 0
    with tempfile.TemporaryDirectory(prefix="salesbrain-bench-") as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        english = [t for t, lang in (passage(rng) for _ in range(3000)) if t.isascii()]
        for n in range(12):  # 12 PDFs x 8 pages
            pdf = FPDF()
            for page in range(8):
                pdf.add_page()
                pdf.set_font("helvetica", size=16)
                pdf.cell(text=f"Section {page + 1}", new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("helvetica", size=10)
                pdf.multi_cell(w=0, text=" ".join(rng.sample(english, 14)))
            pdf.output(str(folder / f"pdf-{n}.pdf"))
            pages += 8
        # DOCX and Markdown have no pages; one page is counted per 3,000 characters.
        for n in range(8):
            document = docx.Document()
            text_chars = 0
            for section in range(6):
                document.add_heading(f"Part {section + 1}", level=2)
                body = " ".join(rng.sample(english, 8))
                document.add_paragraph(body)
                text_chars += len(body)
            document.save(str(folder / f"docx-{n}.docx"))
            pages += max(1, round(text_chars / 3000))
        for n in range(8):
            parts = [f"# Playbook {n}"]
            for section in range(6):
                parts.append(f"## Step {section + 1}\n\n" + " ".join(rng.sample(english, 8)))
            text = "\n\n".join(parts)
            (folder / f"md-{n}.md").write_text(text, encoding="utf-8")
            pages += max(1, round(len(text) / 3000))
        kb = KnowledgeBase(Path(tmp) / "kb", encoder=encoder)
        start = time.perf_counter()
        for path in sorted(folder.iterdir()):
            kb.add(path)
        elapsed = time.perf_counter() - start
        kb.close()
    return {"pages": pages, "seconds": round(elapsed, 2), "pages_per_s": round(pages / elapsed, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=4000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    limit_blas_threads(1)  # as KnowledgeBase does by default
    encoder = Encoder(query_cache_size=0)
    index, embed_s, build_s = build_index(encoder, args.chunks, args.base, 10, args.seed)
    print(
        f"embedded {args.base} base passages in {embed_s:.1f} s; "
        f"index of {len(index)} chunks built in {build_s:.1f} s"
    )
    rng = random.Random(args.seed + 1)
    queries = [f"{query(rng)} {rng.randint(1, 99)}" for _ in range(args.queries)]
    every = frozenset({ANY_TEAM})
    latencies(index, encoder, queries[:20], None, every)  # warm caches and jieba
    plain = latencies(index, encoder, queries, None, every)
    team = frozenset({"team-a"})
    filtered = latencies(index, encoder, queries, {"doc_type": "pricing"}, team)
    recall = fast_path_recall(index, encoder, queries[:100], None, every)
    recall_filtered = fast_path_recall(index, encoder, queries[:100], {"doc_type": "pricing"}, team)
    print(
        f"search p50/p95 {pct(plain, 50)}/{pct(plain, 95)} ms; with filter "
        f"{pct(filtered, 50)}/{pct(filtered, 95)} ms; mean {statistics.mean(plain):.1f} ms"
    )
    print(f"fast-path recall@10 vs exact float64: {recall:.3f} (filtered {recall_filtered:.3f})")
    ingest = ingestion(encoder, args.seed)
    print(f"ingested {ingest['pages']} pages in {ingest['seconds']} s")
    result = {
        "chunks": len(index),
        "p50_ms": pct(plain, 50),
        "p95_ms": pct(plain, 95),
        "filtered_p50_ms": pct(filtered, 50),
        "filtered_p95_ms": pct(filtered, 95),
        "recall_at_10_vs_exact": round(recall, 4),
        "filtered_recall_at_10_vs_exact": round(recall_filtered, 4),
        "index_build_s": round(build_s, 2),
        "ingest_pages_per_s": ingest["pages_per_s"],
        "ingest_pages": ingest["pages"],
        "queries": len(queries),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
