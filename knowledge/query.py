"""Query preparation: tokens with typo repair and bilingual expansion, plus the dense vector."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from knowledge.embedding import Encoder
from knowledge.index import HybridIndex, Mode, _Snapshot
from knowledge.lexicon import expand_tokens
from knowledge.textnorm import normalize_text
from knowledge.tokens import tokenize


@dataclass(frozen=True, slots=True)
class QueryPlan:
    text: str
    tokens: list[str]
    vector: npt.NDArray[np.float32] | None
    weights: dict[str, float]


def plan_query(
    query: str, index: HybridIndex, snap: _Snapshot, encoder: Encoder, mode: Mode
) -> QueryPlan:
    text = normalize_text(query)
    tokens = tokenize(text, normalized=True)
    fixes = index.correct_tokens(snap, tokens)
    for wrong, right in fixes.items():
        text = re.sub(re.escape(wrong), right, text, flags=re.IGNORECASE)
    tokens = [fixes.get(t, t) for t in tokens]
    expanded = expand_tokens(tokens, text) if mode != "dense" else []
    vector = encoder.encode_query(text) if mode != "bm25" else None
    return QueryPlan(text=text, tokens=tokens + expanded, vector=vector, weights={})
