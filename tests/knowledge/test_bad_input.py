"""Bad uploads raise typed errors with zh/en messages and leave nothing stored."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from knowledge.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    FileTooLargeError,
    KnowledgeError,
    NoTextError,
    UnsupportedFileTypeError,
)
from knowledge.service import KnowledgeBase
from knowledge.store import ChromaSettings, VectorStore
from tests.knowledge.docgen import english_pdf, image_only_pdf


def _assert_nothing_stored(kb: KnowledgeBase) -> None:
    assert kb.list() == []
    assert [p for p in kb.files_dir.rglob("*") if p.is_file()] == []
    assert kb.search("anything at all", viewer_team="*") == []
    assert VectorStore(ChromaSettings(path=kb.data_dir / "chroma")).count() == 0


def _expect(kb: KnowledgeBase, path: Path, error: type[KnowledgeError], code: str) -> None:
    with pytest.raises(error) as info:
        kb.add(path)
    assert info.value.code == code
    assert info.value.message("zh") != info.value.message("en")
    assert info.value.message("zh") and info.value.message("en")
    _assert_nothing_stored(kb)


def test_corrupt_pdf(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref")
    _expect(kb, path, CorruptDocumentError, "corrupt_file")


def test_encrypted_pdf(kb: KnowledgeBase, tmp_path: Path) -> None:
    plain = english_pdf(tmp_path / "plain.pdf", [("Secret", ["Price list for partners."])])
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="s3cret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    _expect(kb, locked, EncryptedDocumentError, "encrypted_file")


def test_image_only_scan(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = image_only_pdf(tmp_path / "scan.pdf", tmp_path)
    _expect(kb, path, NoTextError, "no_text")


def test_too_large_is_refused_before_reading(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:  # sparse 200 MB file: only its size is looked at
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(FileTooLargeError) as info:
        kb.add(path)
    assert "200.0 MB" in info.value.message("en") and "50 MB" in info.value.message("zh")
    _assert_nothing_stored(kb)


def test_size_limit_is_an_argument(tmp_path: Path, encoder: object) -> None:
    small = KnowledgeBase(tmp_path / "small", encoder=encoder, max_bytes=10)  # type: ignore[arg-type]
    path = tmp_path / "note.md"
    path.write_text("# Note\n\nMore than ten bytes of text.", encoding="utf-8")
    with pytest.raises(FileTooLargeError):
        small.add(path)
    small.close()


def test_unsupported_type(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"PK\x03\x04whatever")
    _expect(kb, path, UnsupportedFileTypeError, "unsupported_type")


def test_empty_file(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    _expect(kb, path, EmptyDocumentError, "empty_file")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n ", encoding="utf-8")
    _expect(kb, blank, EmptyDocumentError, "empty_file")


def test_corrupt_docx_and_pptx(kb: KnowledgeBase, tmp_path: Path) -> None:
    docx = tmp_path / "policy.docx"
    docx.write_bytes(b"this is not a zip archive")
    _expect(kb, docx, CorruptDocumentError, "corrupt_file")
    pptx = tmp_path / "deck.pptx"
    pptx.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)  # OLE = protected
    _expect(kb, pptx, EncryptedDocumentError, "encrypted_file")
