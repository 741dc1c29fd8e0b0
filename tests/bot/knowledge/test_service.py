"""Building the knowledge base from settings, visibility rules and signed links."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot.knowledge.links import signed_file_url, verify_signature
from bot.knowledge.service import (
    KB_KEY,
    can_view,
    chroma_settings,
    knowledge_base,
    knowledge_dir,
    viewer_team,
)
from bot.services import Services
from bot.settings import Settings
from crm_store.enums import Role
from knowledge import Document, KnowledgeBase


def _doc(visibility: str) -> Document:
    return Document(
        doc_id="d", title="t", doc_type="other", product="", language="en",
        visibility=visibility, uploaded_by="", version=1, content_hash="h", filename="d.md",
        file_path="/x", size_bytes=1, page_count=0, chunk_count=1, created_at="", updated_at="",
    )  # fmt: skip


def test_knowledge_base_is_built_once_from_settings(services: Services) -> None:
    services.extras.pop(KB_KEY, None)
    first = knowledge_base(services)
    try:
        assert isinstance(first, KnowledgeBase)
        assert knowledge_base(services) is first
        assert first.data_dir == knowledge_dir(services.settings)
        assert first.max_bytes == 50 * 1024 * 1024
        assert (services.settings.data_dir / "knowledge" / "registry.sqlite3").exists()
    finally:
        first.close()


def test_chroma_url_becomes_server_settings() -> None:
    assert chroma_settings(None) is None
    remote = chroma_settings("https://vectors.internal:9443")
    assert remote is not None and (remote.host, remote.port, remote.ssl) == (
        "vectors.internal",
        9443,
        True,
    )
    plain = chroma_settings("http://chroma")
    assert plain is not None and (plain.port, plain.ssl) == (8000, False)
    with pytest.raises(ValueError, match="CHROMA_URL"):
        chroma_settings("chroma:8000")


def test_visibility_rules() -> None:
    assert viewer_team(Role.ENABLEMENT, None) == "*"
    assert viewer_team(Role.ADMIN, None) == "*"
    assert viewer_team(Role.REP, "east") == "east"
    assert can_view(_doc("all"), None)
    assert can_view(_doc("east, west"), "west")
    assert not can_view(_doc("east"), "west")
    assert not can_view(_doc("east"), None)
    assert can_view(_doc("east"), "*")


def test_signed_links_are_per_document_and_expire(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, public_base_url="https://sb.example.com/")
    url = signed_file_url(settings, "price list", now=1000.0)
    assert url.startswith("https://sb.example.com/knowledge/files/price%20list?exp=")
    expires = int(url.split("exp=")[1].split("&")[0])
    sig = url.split("sig=")[1]
    assert verify_signature(settings, "price list", expires, sig, now=1000.0)
    assert not verify_signature(settings, "price list", expires, sig, now=expires + 1.0)
    assert not verify_signature(settings, "other", expires, sig, now=1000.0)
    assert not verify_signature(settings, "price list", expires + 1, sig, now=1000.0)
    key = knowledge_dir(settings) / "link.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    # Another deployment (another key) does not accept this link.
    other = Settings(data_dir=tmp_path / "other")
    assert not verify_signature(other, "price list", expires, sig, now=1000.0)
