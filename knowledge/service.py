"""KnowledgeBase: add / replace / remove collateral atomically and search it with citations."""

from __future__ import annotations

import builtins
import hashlib
import logging
import re
import shutil
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from knowledge.answer import extractive_answer
from knowledge.chunking import DEFAULT_TARGET, chunk_blocks
from knowledge.classify import infer_doc_type, infer_product
from knowledge.embedding import Encoder
from knowledge.errors import DocumentNotFoundError, EmptyDocumentError, NoTextError
from knowledge.index import HybridIndex, Mode, limit_blas_threads
from knowledge.loaders import DEFAULT_MAX_BYTES, check_file, load_file
from knowledge.registry import Registry
from knowledge.search import run_search
from knowledge.store import ChromaSettings, VectorStore
from knowledge.textnorm import detect_language
from knowledge.tokens import tokenize
from knowledge.types import (
    PUBLIC,
    Answer,
    Chunk,
    Document,
    DocumentMeta,
    Filters,
    Hit,
    IngestResult,
)

log = logging.getLogger(__name__)

ViewerTeams = str | Iterable[str] | None


def _slug(stem: str) -> str:
    slug = re.sub(r"[^\w.-]+", "-", stem.strip(), flags=re.UNICODE).strip("-.")
    return slug[:120] or "document"


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def embed_text(title: str, chunk: Chunk) -> str:
    """What gets embedded and BM25-indexed: title and heading give a passage its context."""
    parts = [title] if title else []
    if chunk.heading and chunk.heading != title:
        parts.append(chunk.heading)
    parts.append(chunk.text)
    return "\n".join(parts)


def _teams(viewer_team: ViewerTeams) -> frozenset[str]:
    if viewer_team is None:
        return frozenset()
    if isinstance(viewer_team, str):
        return frozenset({viewer_team})
    return frozenset(viewer_team)


class KnowledgeBase:
    """Collateral store for one deployment. Configuration comes in as arguments only.

    ``data_dir`` holds ``registry.sqlite3``, ``files/`` (served to users) and, unless
    ``chroma`` points at a server, ``chroma/``. Writes are serialised; searches are not.
    ``blas_threads`` caps numpy's BLAS pool for the process: the dense scan is memory-bound,
    and several BLAS threads fighting for two shared cores triple its tail latency.
    """

    def __init__(
        self,
        data_dir: Path | str,
        *,
        chroma: ChromaSettings | None = None,
        encoder: Encoder | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        products: Mapping[str, Sequence[str]] | None = None,
        chunk_target: int = DEFAULT_TARGET,
        blas_threads: int | None = 1,
    ) -> None:
        if blas_threads is not None:
            limit_blas_threads(blas_threads)
        self.data_dir = Path(data_dir)
        self.files_dir = self.data_dir / "files"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self._products = dict(products or {})
        self._chunk_target = chunk_target
        self._encoder = encoder or Encoder()
        self._registry = Registry(self.data_dir / "registry.sqlite3")
        self._store = VectorStore(chroma or ChromaSettings(path=self.data_dir / "chroma"))
        self._index = HybridIndex(self._encoder.dimension)
        self._write_lock = threading.Lock()
        self._load()

    # -- start-up -----------------------------------------------------------------------------
    def _load(self) -> None:
        """Mirror the registry + chroma into memory; repair what a crash may have left."""
        known: set[str] = set()
        for document in self._registry.documents():
            rows = self._registry.chunks(document.doc_id)
            chunks = [c for c, _ in rows]
            tokens = [t for _, t in rows]
            ids = [c.chunk_id for c in chunks]
            known.update(ids)
            vectors = self._store.vectors(ids)
            missing = [i for i in range(len(ids)) if vectors.shape[1] == 0 or not vectors[i].any()]
            if missing:
                texts = [embed_text(document.title, c) for c in chunks]
                vectors = self._encoder.encode(texts)
                self._store.upsert(
                    ids, vectors, [c.text for c in chunks], self._metas(document, chunks)
                )
            self._index.put(document, chunks, tokens, vectors)
        orphans = [i for i in self._store.iter_ids() if i not in known]
        if orphans:
            log.warning("removing %d orphaned vectors", len(orphans))
            self._store.delete(orphans)
        referenced = {Path(d.file_path).resolve() for d in self._registry.documents()}
        for stored in self.files_dir.glob("*/*"):
            if stored.resolve() not in referenced:
                stored.unlink(missing_ok=True)

    # -- documents ----------------------------------------------------------------------------
    def list(self) -> builtins.list[Document]:
        return self._registry.documents()

    def get(self, doc_id: str) -> Document:
        document = self._registry.get(doc_id)
        if document is None:
            raise DocumentNotFoundError(doc_id=doc_id)
        return document

    def add(self, path: Path | str, metadata: DocumentMeta | None = None) -> IngestResult:
        """Ingest one file; re-adding a doc id replaces its previous version atomically.

        Raises a ``KnowledgeError`` subclass (with ``code``) for bad input; on any error
        nothing is stored and an earlier version stays as it was.
        """
        path = Path(path)
        meta = metadata or DocumentMeta()
        name = meta.filename or path.name
        size = check_file(path, name, self.max_bytes)
        content_hash = _file_hash(path)
        doc_id = meta.doc_id or _slug(Path(name).stem)
        with self._write_lock:
            existing = self._registry.get(doc_id)
            if existing is not None and existing.content_hash == content_hash:
                if self._same_meta(existing, meta):
                    return IngestResult(status="unchanged", document=existing)
            duplicate = self._registry.find_by_hash(content_hash)
            if duplicate is not None and duplicate.doc_id != doc_id:
                return IngestResult(
                    status="duplicate", document=duplicate, duplicate_of=duplicate.doc_id
                )
            return self._ingest(path, name, size, content_hash, doc_id, meta, existing)

    def _same_meta(self, existing: Document, meta: DocumentMeta) -> bool:
        given = {
            "title": meta.title,
            "doc_type": meta.doc_type,
            "product": meta.product,
            "language": meta.language,
            "uploaded_by": meta.uploaded_by,
        }
        if meta.visibility != existing.visibility:
            return False
        return all(v is None or getattr(existing, k) == v for k, v in given.items())

    def _ingest(
        self,
        path: Path,
        name: str,
        size: int,
        content_hash: str,
        doc_id: str,
        meta: DocumentMeta,
        existing: Document | None,
    ) -> IngestResult:
        loaded = load_file(path, name, self.max_bytes)
        version = existing.version + 1 if existing else 1
        chunks = chunk_blocks(loaded.blocks, doc_id, version, target=self._chunk_target)
        if not chunks:
            raise (
                NoTextError(name=name)
                if name.lower().endswith(".pdf")
                else EmptyDocumentError(name=name)
            )
        full_text = "\n".join(c.text for c in chunks)
        title = meta.title or loaded.title or Path(name).stem
        now = datetime.now(UTC).isoformat(timespec="seconds")
        suffix = Path(name).suffix.lower()
        target = self.files_dir / doc_id / f"v{version}{suffix}"
        document = Document(
            doc_id=doc_id,
            title=title,
            doc_type=meta.doc_type or infer_doc_type(name, title, full_text),
            product=meta.product
            if meta.product is not None
            else infer_product(name, title, full_text, self._products),
            language=meta.language or detect_language(full_text),
            visibility=meta.visibility or PUBLIC,
            uploaded_by=meta.uploaded_by or "",
            version=version,
            content_hash=content_hash,
            filename=name,
            file_path=str(target),
            size_bytes=size,
            page_count=loaded.page_count,
            chunk_count=len(chunks),
            created_at=existing.created_at if existing else now,
            updated_at=now,
        )
        texts = [embed_text(title, c) for c in chunks]
        tokens = [tokenize(t) for t in texts]
        vectors = self._encoder.encode(texts)
        ids = [c.chunk_id for c in chunks]
        old_ids = [c.chunk_id for c, _ in self._registry.chunks(doc_id)] if existing else []

        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.partial")
        stored_vectors = False
        try:
            shutil.copyfile(path, staging)
            staging.replace(target)
            self._store.upsert(
                ids, vectors, [c.text for c in chunks], self._metas(document, chunks)
            )
            stored_vectors = True
            self._registry.save(document, chunks, tokens)
        except BaseException:
            if stored_vectors:
                self._store.delete(ids)
            staging.unlink(missing_ok=True)
            if existing is None or Path(existing.file_path) != target:
                target.unlink(missing_ok=True)
            raise
        self._index.put(document, chunks, tokens, vectors)
        if existing is not None:
            stale = [i for i in old_ids if i not in set(ids)]
            if stale:
                self._store.delete(stale)
            if Path(existing.file_path) != target:
                Path(existing.file_path).unlink(missing_ok=True)
        return IngestResult(status="replaced" if existing else "added", document=document)

    def _metas(
        self, document: Document, chunks: Sequence[Chunk]
    ) -> builtins.list[dict[str, str | int]]:
        return [
            {
                "doc_id": document.doc_id,
                "title": document.title,
                "doc_type": document.doc_type,
                "product": document.product,
                "language": document.language,
                "visibility": document.visibility,
                "version": document.version,
                "heading": c.heading,
                "page": c.page if c.page is not None else -1,
                "slide": c.slide if c.slide is not None else -1,
                "ordinal": c.ordinal,
            }
            for c in chunks
        ]

    def remove(self, doc_id: str) -> Document:
        """Delete a document, its vectors and its stored file."""
        with self._write_lock:
            document = self.get(doc_id)
            ids = [c.chunk_id for c, _ in self._registry.chunks(doc_id)]
            self._registry.delete(doc_id)
            self._index.drop(doc_id)
            try:
                self._store.delete(ids)
            except Exception:  # noqa: BLE001 - orphans are removed at the next start
                log.exception("vector delete failed for %s", doc_id)
            shutil.rmtree(self.files_dir / doc_id, ignore_errors=True)
            return document

    # -- search -------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        k: int = 5,
        filters: Filters | None = None,
        viewer_team: ViewerTeams = None,
        *,
        mode: Mode = "hybrid",
        max_per_doc: int = 2,
    ) -> builtins.list[Hit]:
        """Best passages for ``query`` that ``viewer_team`` may see.

        ``viewer_team``: a team name or several; None sees only public ("all") documents;
        ``ANY_TEAM`` ("*") sees everything. ``filters`` maps doc_id / doc_type / product /
        language / visibility to a value or a list of values.
        """
        return run_search(
            self._index,
            self._encoder,
            query,
            k=k,
            filters=filters,
            viewer_teams=_teams(viewer_team),
            mode=mode,
            max_per_doc=max_per_doc,
        )

    def answer(
        self,
        query: str,
        k: int = 3,
        filters: Filters | None = None,
        viewer_team: ViewerTeams = None,
    ) -> Answer:
        """Short extractive answer from the top passages, with those passages as sources."""
        hits = self.search(query, k=k, filters=filters, viewer_team=viewer_team)
        return extractive_answer(query, hits, self._encoder)

    def close(self) -> None:
        self._registry.close()

    def warm(self) -> float:
        """Build the in-memory index now (else the first search does); returns seconds."""
        start = time.perf_counter()
        self._index.refresh()
        return time.perf_counter() - start
