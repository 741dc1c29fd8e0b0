"""Document registry in SQLite (stdlib): ids, versions, hashes, stored files and passages."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from knowledge.types import Chunk, Document

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    product TEXT NOT NULL,
    language TEXT NOT NULL,
    visibility TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    filename TEXT NOT NULL,
    file_path TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    page_count INTEGER NOT NULL,
    chunk_count INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents (content_hash);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    heading TEXT NOT NULL,
    page INTEGER,
    slide INTEGER,
    language TEXT NOT NULL,
    tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks (doc_id, ordinal);
"""

_DOC_FIELDS = [f.name for f in dataclasses.fields(Document)]


class Registry:
    """One SQLite file; every write is one transaction."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.executescript(_SCHEMA)
        self._lock = threading.RLock()

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _row_to_doc(self, row: Sequence[object]) -> Document:
        return Document(**dict(zip(_DOC_FIELDS, row, strict=True)))  # type: ignore[arg-type]

    def get(self, doc_id: str) -> Document | None:
        with self._lock:
            cur = self._conn.execute(
                f"SELECT {', '.join(_DOC_FIELDS)} FROM documents WHERE doc_id = ?", (doc_id,)
            )
            row = cur.fetchone()
        return self._row_to_doc(row) if row else None

    def find_by_hash(self, content_hash: str) -> Document | None:
        with self._lock:
            cur = self._conn.execute(
                f"SELECT {', '.join(_DOC_FIELDS)} FROM documents WHERE content_hash = ?",
                (content_hash,),
            )
            row = cur.fetchone()
        return self._row_to_doc(row) if row else None

    def documents(self) -> list[Document]:
        with self._lock:
            cur = self._conn.execute(
                f"SELECT {', '.join(_DOC_FIELDS)} FROM documents ORDER BY doc_id"
            )
            rows = cur.fetchall()
        return [self._row_to_doc(r) for r in rows]

    def chunks(self, doc_id: str) -> list[tuple[Chunk, list[str]]]:
        with self._lock:
            cur = self._conn.execute(
                "SELECT chunk_id, doc_id, ordinal, text, heading, page, slide, language, tokens "
                "FROM chunks WHERE doc_id = ? ORDER BY ordinal",
                (doc_id,),
            )
            rows = cur.fetchall()
        return [(Chunk(*row[:8]), json.loads(row[8])) for row in rows]

    def chunk_ids(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._conn.execute("SELECT chunk_id FROM chunks")}

    def save(
        self, document: Document, chunks: Sequence[Chunk], tokens: Sequence[list[str]]
    ) -> None:
        """Insert or replace a document and all its passages atomically."""
        values = [getattr(document, f) for f in _DOC_FIELDS]
        with self._transaction() as conn:
            conn.execute("DELETE FROM chunks WHERE doc_id = ?", (document.doc_id,))
            conn.execute(
                f"INSERT OR REPLACE INTO documents ({', '.join(_DOC_FIELDS)}) "
                f"VALUES ({', '.join('?' * len(_DOC_FIELDS))})",
                values,
            )
            conn.executemany(
                "INSERT INTO chunks (chunk_id, doc_id, ordinal, text, heading, page, slide, "
                "language, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.chunk_id,
                        c.doc_id,
                        c.ordinal,
                        c.text,
                        c.heading,
                        c.page,
                        c.slide,
                        c.language,
                        json.dumps(t, ensure_ascii=False),
                    )
                    for c, t in zip(chunks, tokens, strict=True)
                ],
            )

    def delete(self, doc_id: str) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
            conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
