"""Bring-your-own model: a local Hugging Face model directory replaces the built-in classifier.

Two kinds of directory work (extra `hf`: torch + transformers, loaded offline):
- an encoder (e.g. a sentence-transformers MiniLM): we embed our own training utterances with
  it and fit small logistic-regression heads for sentiment, objections and buying signals;
- a sequence-classification model whose labels name sentiments (positive / neutral /
  negative): it gives the sentiment, the heads on its encoder give the rest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.linear_model import LogisticRegression

from nlp.transcripts.training_data import LabelledUtterance, data_fingerprint, load_utterances
from nlp.transcripts.types import OBJECTIONS, SENTIMENTS, UtteranceScores

log = logging.getLogger(__name__)


def _sentiment_label(name: str) -> str | None:
    low = name.lower()
    for key, label in (("neg", "negative"), ("neu", "neutral"), ("pos", "positive")):
        if key in low:
            return label
    return None


class HFUtteranceModel:
    """Utterance scores from a local transformers model plus heads trained on our data."""

    def __init__(
        self,
        model_dir: Path | str,
        *,
        cache_dir: Path | str | None = None,
        rows: list[LabelledUtterance] | None = None,
        max_length: int = 128,
        batch_size: int = 32,
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from transformers import (
            AutoConfig,
            AutoModel,
            AutoModelForSequenceClassification,
            AutoTokenizer,
        )

        self.model_dir = Path(model_dir)
        if not (self.model_dir / "config.json").exists():
            raise FileNotFoundError(f"{self.model_dir} has no config.json (not a model dir)")
        self.max_length = max_length
        self.batch_size = batch_size
        self._torch = torch
        config = AutoConfig.from_pretrained(self.model_dir, local_files_only=True)
        self.tokenizer = AutoTokenizer.from_pretrained(self.model_dir, local_files_only=True)
        labels = {int(k): _sentiment_label(v) for k, v in (config.id2label or {}).items()}
        archs = config.architectures or []
        self.sentiment_index: dict[str, int] = {}
        if any(a.endswith("ForSequenceClassification") for a in archs) and set(labels.values()) >= {
            "positive",
            "negative",
        }:
            self.classifier: Any = AutoModelForSequenceClassification.from_pretrained(
                self.model_dir, local_files_only=True
            ).eval()
            self.sentiment_index = {v: k for k, v in labels.items() if v}
            self.encoder: Any = self.classifier.base_model
        else:
            self.classifier = None
            self.encoder = AutoModel.from_pretrained(self.model_dir, local_files_only=True).eval()
        self.heads = self._load_or_train_heads(cache_dir, rows)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled, L2-normalised last hidden states."""
        torch = self._torch
        out = []
        with torch.inference_mode():
            for i in range(0, len(texts), self.batch_size):
                batch = self.tokenizer(
                    list(texts[i : i + self.batch_size]),
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                hidden = self.encoder(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-6)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
                out.append(pooled.cpu().numpy())
        return np.vstack(out) if out else np.zeros((0, 1), dtype=np.float32)

    def _cache_path(self, cache_dir: Path | str) -> Path:
        digest = hashlib.sha1(str(self.model_dir.resolve()).encode())
        weights = sorted(self.model_dir.glob("*.safetensors")) + sorted(
            self.model_dir.glob("*.bin")
        )
        for w in weights:
            digest.update(f"{w.name}:{w.stat().st_size}:{w.stat().st_mtime_ns}".encode())
        digest.update(data_fingerprint().encode())
        return Path(cache_dir) / f"transcript-hf-heads-{digest.hexdigest()[:16]}.joblib"

    def _load_or_train_heads(
        self, cache_dir: Path | str | None, rows: list[LabelledUtterance] | None
    ) -> dict[str, LogisticRegression]:
        path = self._cache_path(cache_dir) if cache_dir is not None and rows is None else None
        if path is not None and path.exists():
            try:
                cached = joblib.load(path)
                if isinstance(cached, dict):
                    return {str(k): v for k, v in cached.items()}
            except Exception:
                log.warning("could not load %s, retraining", path, exc_info=True)
        rows = rows if rows is not None else load_utterances()
        x = self.embed([r.text for r in rows])
        heads: dict[str, LogisticRegression] = {}
        targets: dict[str, list[Any]] = {"sentiment": [r.sentiment for r in rows]}
        targets.update({f"obj:{c}": [c in r.objections for r in rows] for c in OBJECTIONS})
        targets["signal"] = [r.buying_signal for r in rows]
        for name, y in targets.items():
            if len(set(y)) < 2:
                continue  # a head needs both classes in the training rows
            clf = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
            clf.fit(x, y)
            heads[name] = clf
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            joblib.dump(heads, path)
        return heads

    def _classifier_sentiment(self, texts: Sequence[str]) -> np.ndarray:
        torch = self._torch
        probs = []
        with torch.inference_mode():
            for i in range(0, len(texts), self.batch_size):
                batch = self.tokenizer(
                    list(texts[i : i + self.batch_size]),
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                probs.append(torch.softmax(self.classifier(**batch).logits, -1).cpu().numpy())
        return np.vstack(probs)

    def score(self, texts: Sequence[str]) -> list[UtteranceScores]:
        if not texts:
            return []
        x = self.embed(texts)
        if self.classifier is not None:
            raw = self._classifier_sentiment(texts)
            sent = [
                {s: float(raw[i, self.sentiment_index[s]]) if s in self.sentiment_index else 0.0
                 for s in SENTIMENTS}
                for i in range(len(texts))
            ]  # fmt: skip
        else:
            head = self.heads["sentiment"]
            p = head.predict_proba(x)
            classes = list(head.classes_)
            sent = [
                {s: float(p[i, classes.index(s)]) if s in classes else 0.0 for s in SENTIMENTS}
                for i in range(len(texts))
            ]
        obj = {
            c: (self.heads[f"obj:{c}"].predict_proba(x)[:, 1] if f"obj:{c}" in self.heads
                else np.zeros(len(texts)))
            for c in OBJECTIONS
        }  # fmt: skip
        sig = (
            self.heads["signal"].predict_proba(x)[:, 1]
            if "signal" in self.heads
            else np.zeros(len(texts))
        )
        return [
            UtteranceScores(
                sentiment=sent[i],
                objections={c: float(v[i]) for c, v in obj.items()},
                buying_signal=float(sig[i]),
            )
            for i in range(len(texts))
        ]


def describe(model_dir: Path | str) -> dict[str, Any]:
    """What kind of model a directory holds, without loading the weights."""
    config = json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8"))
    return {
        "model_type": config.get("model_type"),
        "architectures": config.get("architectures"),
        "labels": config.get("id2label"),
    }
