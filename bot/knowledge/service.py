"""Builds the deployment's KnowledgeBase once from settings and answers who may see what."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from bot.services import Services
from bot.settings import Settings
from crm_store.enums import Role

if TYPE_CHECKING:
    from knowledge import ChromaSettings, Document, KnowledgeBase

log = logging.getLogger(__name__)

KB_KEY = "knowledge"
PUBLIC = "all"  # mirrors knowledge.PUBLIC without importing the package at start-up
ANY_TEAM = "*"  # mirrors knowledge.ANY_TEAM
_BUILD_LOCK = threading.Lock()


def knowledge_dir(settings: Settings) -> Path:
    return settings.data_dir / "knowledge"


def max_upload_bytes(settings: Settings) -> int:
    return settings.knowledge.max_upload_mb * 1024 * 1024


def chroma_settings(url: str | None) -> ChromaSettings | None:
    """`http(s)://host:port` of a Chroma server, or None for the embedded folder."""
    if not url:
        return None
    from knowledge import ChromaSettings

    parts = urlsplit(url)
    if not parts.hostname:
        raise ValueError(f"SALESBRAIN_KNOWLEDGE__CHROMA_URL is not a URL: {url!r}")
    ssl = parts.scheme == "https"
    return ChromaSettings(host=parts.hostname, port=parts.port or (443 if ssl else 8000), ssl=ssl)


def build_knowledge_base(settings: Settings) -> KnowledgeBase:
    # Imported here: chromadb and the encoder take seconds, and most commands never need them.
    from knowledge import KnowledgeBase

    start = time.perf_counter()
    kb = KnowledgeBase(
        knowledge_dir(settings),
        chroma=chroma_settings(settings.knowledge.chroma_url),
        max_bytes=max_upload_bytes(settings),
    )
    log.debug("knowledge base ready in %.1fs", time.perf_counter() - start)
    return kb


def knowledge_base(services: Services) -> KnowledgeBase:
    """The one KnowledgeBase of this process, built on first use and kept in services.extras."""
    kb = services.extras.get(KB_KEY)
    if kb is None:
        with _BUILD_LOCK:
            kb = services.extras.get(KB_KEY)
            if kb is None:
                kb = build_knowledge_base(services.settings)
                services.extras[KB_KEY] = kb
    return kb  # type: ignore[return-value]


def viewer_team(role: Role, team: str | None) -> str | None:
    """What `KnowledgeBase.search` gets as viewer: collateral managers see every document."""
    if role in (Role.ADMIN, Role.ENABLEMENT):
        return ANY_TEAM
    return team


def can_view(document: Document, viewer: str | None) -> bool:
    """Same rule as the search: public, or one of the document's comma-separated teams."""
    if viewer == ANY_TEAM:
        return True
    allowed = {v.strip() for v in document.visibility.split(",") if v.strip()}
    return PUBLIC in allowed or (viewer is not None and viewer in allowed)


def file_url(settings: Settings, doc_id: str) -> str:
    return f"{settings.public_base_url.rstrip('/')}/knowledge/files/{quote(doc_id, safe='')}"
