"""Ranking: plain baselines, glossary translation, document-level fusion and its priors."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from knowledge import ranking
from knowledge.classify import query_doc_types
from knowledge.embedding import Encoder
from knowledge.index import HybridIndex
from knowledge.lexicon import expand_query
from knowledge.service import KnowledgeBase
from knowledge.tokens import tokenize
from knowledge.types import Chunk, Document
from tests.knowledge.corpus import write_corpus


def _document(doc_id: str, doc_type: str, chunks: int) -> Document:
    return Document(
        doc_id=doc_id,
        title=doc_id,
        doc_type=doc_type,
        product="",
        language="en",
        visibility="all",
        uploaded_by="",
        version=1,
        content_hash=doc_id,
        filename=f"{doc_id}.md",
        file_path="",
        size_bytes=0,
        page_count=0,
        chunk_count=chunks,
        created_at="",
        updated_at="",
    )


def _index(docs: dict[str, tuple[str, list[str]]]) -> HybridIndex:
    """Documents of passages given as text; unit vectors along one axis (dense is neutral)."""
    index = HybridIndex(dimension=4)
    for doc_id, (doc_type, texts) in docs.items():
        chunks = [Chunk(f"{doc_id}::v1::{i}", doc_id, i, t) for i, t in enumerate(texts)]
        vectors = np.tile(np.array([1, 0, 0, 0], dtype=np.float32), (len(texts), 1))
        index.put(
            _document(doc_id, doc_type, len(texts)), chunks, [tokenize(t) for t in texts], vectors
        )
    return index


def _ranked_docs(
    index: HybridIndex, query: str, tuning: ranking.Tuning, hints: dict[str, float] | None = None
) -> list[str]:
    snap = index.snapshot()
    signals = index.signals(snap, None, tokenize(query), mask=None, mode="bm25")
    order: list[str] = []
    for scored in ranking.fuse(snap, signals, tuning=tuning, type_hints=hints):
        doc_id = snap.chunks[scored.row].doc_id
        if doc_id not in order:
            order.append(doc_id)
    return order


def test_document_with_more_supporting_passages_wins_in_hybrid_only() -> None:
    filler = "general notes about onboarding meetings and agendas for the team"
    index = _index(
        {
            "narrow": ("faq", ["renewal renewal uplift cap", filler, filler]),
            "broad": (
                "playbook",
                ["renewal uplift cap and timing", "renewal health review", "renewal pricing"],
            ),
        }
    )
    query = "renewal uplift cap"
    assert _ranked_docs(index, query, ranking.SINGLE)[0] == "narrow"
    assert _ranked_docs(index, query, ranking.HYBRID)[0] == "broad"


def test_type_prior_breaks_a_tie_towards_the_asked_for_type() -> None:
    text = "enterprise edition seats and annual terms"
    index = _index({"a-sheet": ("faq", [text]), "b-sheet": ("pricing", [text])})
    no_prior = _ranked_docs(index, "enterprise seats", ranking.HYBRID)
    assert no_prior[0] == "a-sheet"  # tie: the stable order keeps the first document
    hinted = _ranked_docs(index, "enterprise seats", ranking.HYBRID, {"pricing": 1.0})
    assert hinted[0] == "b-sheet"


def test_query_doc_types_reads_the_question_not_the_topic() -> None:
    assert set(query_doc_types("how much is the enterprise edition per seat")) == {"pricing"}
    assert set(query_doc_types("客户说明年再说，怎么应对")) == {"talk_track"}
    assert set(query_doc_types("有没有零售行业的客户案例")) == {"case_study"}
    assert query_doc_types("hello there") == {}
    mixed = query_doc_types("price comparison against the rival")
    assert set(mixed) == {"pricing", "battlecard"} and sum(mixed.values()) == 1.0


def test_glossary_renders_the_query_in_the_other_language() -> None:
    zh = "私有化部署要多少钱"
    expansion = expand_query(tokenize(zh), zh)
    assert "private deployment" in expansion.translation
    assert {"private", "deployment"} <= set(expansion.tokens)
    en = "who approves a discount"
    back = expand_query(tokenize(en), en)
    assert "折扣" in back.translation and "审批" in back.translation
    assert expand_query(tokenize("zebra"), "zebra").translation == ""


def test_bm25_baseline_is_plain_while_hybrid_crosses_languages(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    for path in sorted(write_corpus(tmp_path / "corpus").iterdir()):
        kb.add(path)
    query = "数据是怎么加密的"
    plain = kb.search(query, k=5, mode="bm25", max_per_doc=1)
    assert "security-overview" not in {h.doc_id for h in plain}
    assert kb.search(query, k=1)[0].doc_id == "security-overview"


def test_file_name_makes_a_document_a_candidate(kb: KnowledgeBase, tmp_path: Path) -> None:
    card = tmp_path / "battlecard-zylo.md"
    card.write_text(
        "# Competitive notes\n\n## Their weak spots\n\nSlow rollouts and costly services.\n",
        encoding="utf-8",
    )
    other = tmp_path / "release-notes.md"
    other.write_text("# Release notes\n\nNew dashboard filters and exports.\n", "utf-8")
    kb.add(card)
    kb.add(other)
    hits = kb.search("zylo", k=2)
    assert hits and hits[0].doc_id == "battlecard-zylo"


def test_encode_queries_matches_encode_and_caches(encoder: Encoder) -> None:
    texts = ["price list for the enterprise edition", "企业版的价格"]
    batch = encoder.encode_queries(texts)
    direct = encoder.encode(texts)
    assert np.allclose(batch, direct, atol=1e-5)
    again = encoder.encode_queries(list(reversed(texts)))
    assert np.allclose(again[0], batch[1], atol=1e-6)
