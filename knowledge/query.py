"""Query preparation: tokens with typo repair and bilingual expansion, plus the dense vector."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from knowledge.embedding import Encoder
from knowledge.index import HybridIndex, Mode, _Snapshot
from knowledge.lexicon import expand_query
from knowledge.textnorm import normalize_text
from knowledge.tokens import tokenize

# How much the glossary rendering of a query in the other language pulls its dense vector.
TRANSLATION_WEIGHT = 1.0


@dataclass(frozen=True, slots=True)
class QueryPlan:
    text: str
    tokens: list[str]
    vector: npt.NDArray[np.float32] | None
    expansion: list[str] = field(default_factory=list)
    translation: str = ""


def plan_query(
    query: str,
    index: HybridIndex,
    snap: _Snapshot,
    encoder: Encoder,
    mode: Mode,
    translation_weight: float = TRANSLATION_WEIGHT,
) -> QueryPlan:
    """``bm25`` and ``dense`` run their retriever alone on the query as typed (the baselines);
    ``hybrid`` adds typo repair, the glossary expansion and the translated dense query."""
    text = normalize_text(query)
    tokens = tokenize(text, normalized=True)
    if mode != "hybrid":
        vector = encoder.encode_query(text) if mode == "dense" else None
        return QueryPlan(text=text, tokens=tokens, vector=vector)
    fixes = index.correct_tokens(snap, tokens)
    for wrong, right in fixes.items():
        text = re.sub(re.escape(wrong), right, text, flags=re.IGNORECASE)
    tokens = [fixes.get(t, t) for t in tokens]
    expansion = expand_query(tokens, text)
    if expansion.translation and translation_weight > 0:
        # One vector near both renderings: the encoder aligns languages only roughly.
        both = encoder.encode_queries([text, expansion.translation])
        combined = both[0] + translation_weight * both[1]
        vector = (combined / max(float(np.linalg.norm(combined)), 1e-12)).astype(np.float32)
    else:
        vector = encoder.encode_query(text)
    return QueryPlan(
        text=text,
        tokens=tokens,
        vector=vector,
        expansion=expansion.tokens,
        translation=expansion.translation,
    )
