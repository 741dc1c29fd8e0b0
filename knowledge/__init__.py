"""Collateral knowledge base: load -> chunk -> embed -> store (chromadb) -> hybrid search."""

from knowledge.errors import KnowledgeError
from knowledge.service import KnowledgeBase
from knowledge.store import ChromaSettings
from knowledge.types import ANY_TEAM, PUBLIC, Answer, Document, DocumentMeta, Hit, IngestResult

__all__ = [
    "ANY_TEAM",
    "PUBLIC",
    "Answer",
    "ChromaSettings",
    "Document",
    "DocumentMeta",
    "Hit",
    "IngestResult",
    "KnowledgeBase",
    "KnowledgeError",
]
