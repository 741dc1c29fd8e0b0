"""Snippets and a short extractive answer: the passage sentences that best match the query."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from knowledge.embedding import Encoder
from knowledge.textnorm import detect_language, split_sentences
from knowledge.tokens import tokenize
from knowledge.types import Answer, Hit

SNIPPET_CHARS = 220


def _overlap(sentence_tokens: Sequence[str], query_tokens: set[str]) -> float:
    if not query_tokens:
        return 0.0
    return len(query_tokens & set(sentence_tokens)) / len(query_tokens)


def make_snippet(text: str, query_tokens: Sequence[str], limit: int = SNIPPET_CHARS) -> str:
    """The sentence with the most query words, followed by its neighbour, cut to ``limit``."""
    sentences = split_sentences(text)
    if not sentences:
        return text[:limit]
    wanted = [t for t in set(query_tokens) if len(t) > 1 or not t.isascii()]
    # Substring counting instead of re-tokenising keeps this off the search hot path.
    scores = [sum(1 for t in wanted if t in s.lower()) for s in sentences]
    best = int(np.argmax(scores)) if max(scores) > 0 else 0
    snippet = sentences[best]
    for extra in sentences[best + 1 :]:
        if len(snippet) + len(extra) + 1 > limit:
            break
        snippet = f"{snippet} {extra}"
    return snippet if len(snippet) <= limit else snippet[: limit - 1].rstrip() + "…"


def extractive_answer(
    query: str,
    hits: Sequence[Hit],
    encoder: Encoder,
    *,
    max_sentences: int = 3,
    passages: int = 3,
) -> Answer:
    """Pick the best sentences (meaning + shared words) from the top passages.

    Sentences are quoted as written, so the answer is in each passage's own language.
    """
    top = list(hits[:passages])
    if not top:
        return Answer(text="", language=detect_language(query), sources=())
    candidates: list[tuple[int, int, str]] = []  # (hit index, sentence index, sentence)
    for h_index, hit in enumerate(top):
        for s_index, sentence in enumerate(split_sentences(hit.text)):
            if len(sentence) >= 4:
                candidates.append((h_index, s_index, sentence))
    if not candidates:
        return Answer(text=top[0].snippet, language=top[0].language, sources=tuple(top[:1]))
    query_vector = encoder.encode_query(query)
    vectors = encoder.encode([c[2] for c in candidates])
    wanted = set(tokenize(query))
    scores = []
    for (h_index, _, sentence), vector in zip(candidates, vectors, strict=True):
        semantic = float(vector @ query_vector)
        lexical = _overlap(tokenize(sentence, normalized=True), wanted)
        # Earlier passages ranked higher overall, so they get a small head start.
        scores.append(semantic + 0.5 * lexical - 0.03 * h_index)
    order = np.argsort(-np.asarray(scores))[:max_sentences]
    best_hit = candidates[int(order[0])][0]
    # Keep sentences from the best passage's document together, in reading order.
    chosen = sorted(
        (candidates[i] for i in order if candidates[i][0] == best_hit or scores[i] > 0.45),
        key=lambda c: (c[0], c[1]),
    )
    text = " ".join(c[2] for c in chosen)
    used = sorted({c[0] for c in chosen})
    return Answer(text=text, language=detect_language(text), sources=tuple(top[i] for i in used))
