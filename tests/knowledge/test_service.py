"""KnowledgeBase end to end on a real chromadb PersistentClient in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.embedding import Encoder
from knowledge.errors import DocumentNotFoundError, StorageError
from knowledge.registry import Registry
from knowledge.service import KnowledgeBase
from knowledge.store import ChromaSettings, VectorStore
from knowledge.types import ANY_TEAM, DocumentMeta
from tests.knowledge.corpus import write_corpus


def _vectors(kb: KnowledgeBase) -> set[str]:
    return set(VectorStore(ChromaSettings(path=kb.data_dir / "chroma")).iter_ids())


def _add_all(kb: KnowledgeBase, folder: Path) -> None:
    for path in sorted(folder.iterdir()):
        kb.add(path)


def test_add_infers_metadata_and_stores_file(kb: KnowledgeBase, tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "corpus")
    result = kb.add(folder / "pricing-2030.md", DocumentMeta(uploaded_by="amy"))
    doc = result.document
    assert result.status == "added" and doc.doc_id == "pricing-2030" and doc.version == 1
    assert (doc.doc_type, doc.language, doc.visibility) == ("pricing", "zh", "all")
    assert doc.title == "2030 价格表" and doc.uploaded_by == "amy"
    assert Path(doc.file_path).read_bytes() == (folder / "pricing-2030.md").read_bytes()
    assert Path(doc.file_path).is_relative_to(kb.files_dir)
    assert len(_vectors(kb)) == doc.chunk_count > 0


def test_cross_lingual_search_both_ways(kb: KnowledgeBase, tmp_path: Path) -> None:
    _add_all(kb, write_corpus(tmp_path / "corpus"))
    en_to_zh = kb.search("how much does the professional edition cost per seat", k=3)
    assert en_to_zh[0].doc_id == "pricing-2030"
    assert en_to_zh[0].heading == "订阅价格" and "¥199" in en_to_zh[0].text
    zh_to_en = kb.search("数据是怎么加密的", k=3)
    assert zh_to_en[0].doc_id == "security-overview"
    assert zh_to_en[0].heading == "Encryption"
    store_story = kb.search("retail customer repeat purchase results", k=2)
    assert store_story[0].doc_id == "case-study-bakery"


def test_dense_alone_also_crosses_languages(kb: KnowledgeBase, tmp_path: Path) -> None:
    _add_all(kb, write_corpus(tmp_path / "corpus"))
    hits = kb.search("怎么安装 slack 应用", k=1, mode="dense")
    assert hits[0].doc_id == "integration-slack"


def test_answer_quotes_the_passage(kb: KnowledgeBase, tmp_path: Path) -> None:
    _add_all(kb, write_corpus(tmp_path / "corpus"))
    answer = kb.answer("which certifications do we hold")
    assert "ISO 27001" in answer.text
    assert answer.language == "en" and answer.sources[0].doc_id == "security-overview"


def test_visibility_and_metadata_filters(kb: KnowledgeBase, tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "corpus")
    kb.add(folder / "security-overview.md", DocumentMeta(visibility="presales"))
    kb.add(folder / "integration-slack.md")
    query = "ISO 27001 certification"
    assert {h.doc_id for h in kb.search(query, viewer_team=None)} == {"integration-slack"}
    assert {h.doc_id for h in kb.search(query, viewer_team="east")} == {"integration-slack"}
    assert "security-overview" in {h.doc_id for h in kb.search(query, viewer_team="presales")}
    assert "security-overview" in {h.doc_id for h in kb.search(query, viewer_team=ANY_TEAM)}
    only = kb.search(query, filters={"doc_type": "integration"}, viewer_team=ANY_TEAM)
    assert {h.doc_id for h in only} == {"integration-slack"}
    with pytest.raises(ValueError):
        kb.search(query, filters={"colour": "red"})


def test_reupload_replaces_old_version(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "faq.md"
    path.write_text("# FAQ\n\nThe trial lasts 14 days.\n", encoding="utf-8")
    first = kb.add(path).document
    old_ids = _vectors(kb)
    path.write_text("# FAQ\n\nThe trial lasts 30 days and needs no card.\n", encoding="utf-8")
    second = kb.add(path)
    assert second.status == "replaced" and second.version == 2
    assert second.document.created_at == first.created_at
    assert not (old_ids & _vectors(kb)) and _vectors(kb)
    assert not Path(first.file_path).exists() and Path(second.document.file_path).exists()
    hit = kb.search("how long is the trial", k=1)[0]
    assert "30 days" in hit.text and hit.chunk_id.startswith("faq::v2::")
    assert [d.doc_id for d in kb.list()] == ["faq"]


def test_same_bytes_are_deduplicated(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "faq.md"
    path.write_text("# FAQ\n\nThe trial lasts 14 days.\n", encoding="utf-8")
    kb.add(path)
    again = kb.add(path)
    assert again.status == "unchanged" and again.version == 1
    copy = tmp_path / "faq-copy.md"
    copy.write_bytes(path.read_bytes())
    dup = kb.add(copy)
    assert dup.status == "duplicate" and dup.duplicate_of == "faq"
    assert [d.doc_id for d in kb.list()] == ["faq"]
    moved = kb.add(path, DocumentMeta(visibility="sales"))  # same bytes, new visibility
    assert moved.status == "replaced" and moved.document.visibility == "sales"


def test_remove_deletes_vectors_and_files(kb: KnowledgeBase, tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "corpus")
    _add_all(kb, folder)
    doc = kb.remove("security-overview")
    assert not Path(doc.file_path).exists()
    assert not any(i.startswith("security-overview::") for i in _vectors(kb))
    assert all(h.doc_id != "security-overview" for h in kb.search("ISO 27001 AES-256", k=5))
    with pytest.raises(DocumentNotFoundError) as info:
        kb.remove("security-overview")
    assert info.value.code == "document_not_found"


def test_failed_write_leaves_previous_version(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "faq.md"
    path.write_text("# FAQ\n\nThe trial lasts 14 days.\n", encoding="utf-8")
    kb.add(path)
    before_ids, before_files = _vectors(kb), sorted(kb.files_dir.rglob("*"))
    path.write_text("# FAQ\n\nThe trial lasts 30 days.\n", encoding="utf-8")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise StorageError("disk full")

    monkeypatch.setattr(Registry, "save", disk_full)  # inject a failure at the last step
    with pytest.raises(StorageError):
        kb.add(path)
    assert _vectors(kb) == before_ids and sorted(kb.files_dir.rglob("*")) == before_files
    assert kb.get("faq").version == 1
    assert "14 days" in kb.search("trial length", k=1)[0].text


def test_reopen_restores_index(tmp_path: Path, encoder: Encoder) -> None:
    folder = write_corpus(tmp_path / "corpus")
    first = KnowledgeBase(tmp_path / "kb", encoder=encoder)
    _add_all(first, folder)
    first.close()
    second = KnowledgeBase(tmp_path / "kb", encoder=encoder)
    assert len(second.list()) == 4
    assert second.search("Slack channel alerts", k=1)[0].doc_id == "integration-slack"
    second.close()
