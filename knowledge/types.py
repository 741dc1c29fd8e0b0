"""Knowledge-base vocabulary: document metadata, blocks, chunks, hits and results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


class DocType(StrEnum):
    BATTLECARD = "battlecard"
    PRICING = "pricing"
    CASE_STUDY = "case_study"
    PLAYBOOK = "playbook"
    TALK_TRACK = "talk_track"
    SECURITY = "security"
    INTEGRATION = "integration"
    FAQ = "faq"
    PRODUCT_OVERVIEW = "product_overview"
    POLICY = "policy"
    IMPLEMENTATION = "implementation"
    OTHER = "other"


PUBLIC = "all"
"""Visibility value meaning every team may see the document."""

ANY_TEAM = "*"
"""Viewer value that sees every document (administrators, evaluation)."""

FILTER_FIELDS = ("doc_id", "doc_type", "product", "language", "visibility")

Filters = Mapping[str, str | Sequence[str]]
"""Metadata filters: field (one of FILTER_FIELDS) -> allowed value or values."""


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What the uploader tells us; anything left as None is inferred."""

    doc_id: str | None = None
    title: str | None = None
    doc_type: str | None = None
    product: str | None = None
    language: str | None = None
    visibility: str = PUBLIC
    uploaded_by: str | None = None
    # Original file name when ``path`` is a temporary upload file.
    filename: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One registered document (its current version)."""

    doc_id: str
    title: str
    doc_type: str
    product: str
    language: str
    visibility: str
    uploaded_by: str
    version: int
    content_hash: str
    filename: str
    file_path: str
    size_bytes: int
    page_count: int
    chunk_count: int
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of extracted text with where it came from."""

    text: str
    page: int | None = None
    slide: int | None = None
    heading: str = ""
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """What a loader returns: blocks in reading order plus the title it found."""

    blocks: tuple[Block, ...]
    title: str = ""
    page_count: int = 0


@dataclass(frozen=True, slots=True)
class Chunk:
    """A searchable passage of one document."""

    chunk_id: str
    doc_id: str
    ordinal: int
    text: str
    heading: str = ""
    page: int | None = None
    slide: int | None = None
    language: str = "en"


IngestStatus = Literal["added", "replaced", "unchanged", "duplicate"]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Outcome of ``KnowledgeBase.add``; ``duplicate_of`` names the doc with identical bytes."""

    status: IngestStatus
    document: Document
    duplicate_of: str | None = None

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    @property
    def version(self) -> int:
        return self.document.version

    @property
    def chunk_count(self) -> int:
        return self.document.chunk_count


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result with its citation."""

    doc_id: str
    title: str
    doc_type: str
    chunk_id: str
    heading: str
    page: int | None
    slide: int | None
    snippet: str
    text: str
    score: float
    file_path: str
    language: str

    @property
    def location(self) -> str:
        """Human citation such as 'p. 3', 'slide 4' or the heading."""
        if self.page is not None:
            return f"p. {self.page}"
        if self.slide is not None:
            return f"slide {self.slide}"
        return self.heading


@dataclass(frozen=True, slots=True)
class Answer:
    """Extractive answer: best sentences from the top passages, with their sources."""

    text: str
    language: str
    sources: tuple[Hit, ...] = field(default_factory=tuple)
