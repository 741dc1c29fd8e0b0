"""Durable vector store on chromadb: PersistentClient in a folder, or HttpClient to a server."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
import numpy.typing as npt
from chromadb.config import DEFAULT_DATABASE, DEFAULT_TENANT, Settings

from knowledge.errors import StorageError

COLLECTION = "salesbrain-knowledge"
_BATCH = 2000


@dataclass(frozen=True, slots=True)
class ChromaSettings:
    """Where vectors live: a local folder (default) or a Chroma server when ``host`` is set."""

    path: Path | None = None
    host: str | None = None
    port: int = 8000
    ssl: bool = False
    headers: Mapping[str, str] | None = None
    tenant: str = DEFAULT_TENANT
    database: str = DEFAULT_DATABASE
    collection: str = COLLECTION


Metadata = Mapping[str, str | int | float | bool]


class VectorStore:
    """The only module that talks to chromadb."""

    def __init__(self, settings: ChromaSettings) -> None:
        chroma_settings = Settings(anonymized_telemetry=False)
        client: Any
        if settings.host:
            client = chromadb.HttpClient(
                host=settings.host,
                port=settings.port,
                ssl=settings.ssl,
                headers=dict(settings.headers or {}),
                settings=chroma_settings,
                tenant=settings.tenant,
                database=settings.database,
            )
        else:
            if settings.path is None:
                raise ValueError("ChromaSettings needs a path or a host")
            settings.path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(
                path=str(settings.path),
                settings=chroma_settings,
                tenant=settings.tenant,
                database=settings.database,
            )
        self._client = client
        self._collection = client.get_or_create_collection(
            settings.collection, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    def upsert(
        self,
        ids: Sequence[str],
        vectors: npt.NDArray[np.float32],
        texts: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        try:
            for start in range(0, len(ids), _BATCH):
                end = start + _BATCH
                self._collection.upsert(
                    ids=list(ids[start:end]),
                    embeddings=vectors[start:end],
                    documents=list(texts[start:end]),
                    metadatas=[dict(m) for m in metadatas[start:end]],
                )
        except Exception as exc:
            raise StorageError(repr(exc)) from exc

    def delete(self, ids: Sequence[str]) -> None:
        try:
            for start in range(0, len(ids), _BATCH):
                self._collection.delete(ids=list(ids[start : start + _BATCH]))
        except Exception as exc:
            raise StorageError(repr(exc)) from exc

    def vectors(self, ids: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embeddings for ``ids`` in the same order (rows of zeros for unknown ids)."""
        out = np.zeros((len(ids), 0), dtype=np.float32)
        rows: dict[str, npt.NDArray[np.float32]] = {}
        for start in range(0, len(ids), _BATCH):
            got = self._collection.get(
                ids=list(ids[start : start + _BATCH]), include=["embeddings"]
            )
            embeddings = got["embeddings"]
            if embeddings is None:
                continue
            for chunk_id, vector in zip(got["ids"], embeddings, strict=True):
                rows[chunk_id] = np.asarray(vector, dtype=np.float32)
        if not rows:
            return out
        dim = len(next(iter(rows.values())))
        out = np.zeros((len(ids), dim), dtype=np.float32)
        for i, chunk_id in enumerate(ids):
            vector = rows.get(chunk_id)
            if vector is not None:
                out[i] = vector
        return out

    def iter_ids(self) -> Iterator[str]:
        offset = 0
        while True:
            got = self._collection.get(include=[], limit=_BATCH * 5, offset=offset)
            if not got["ids"]:
                return
            yield from got["ids"]
            offset += len(got["ids"])

    def count(self) -> int:
        return int(self._collection.count())
