"""Entity tagger for accounts, contacts and rivals: hashed context features, a linear model
and constrained Viterbi over BIO labels. Chinese is tagged per character, English per word."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import SGDClassifier

from nlp.gazetteer import BUILTIN
from nlp.lexicons import (
    CN_SURNAMES,
    CN_TITLES,
    COMMON_EN_WORDS,
    COMPANY_SUFFIXES,
    COMPETITORS,
    FIRST_NAMES,
)
from nlp.slots import Entity

LABELS = ("account", "contact", "competitor")
TAGS = ("O",) + tuple(f"{p}-{lab}" for lab in LABELS for p in ("B", "I"))
MAX_CHARS = 400

_TOKEN = re.compile(
    r"(?:Mr|Ms|Mrs|Dr|Prof)\.|[A-Za-z][A-Za-z0-9]*(?:[.&\-][A-Za-z0-9]+)*|\d+(?:[.,]\d+)*"
    r"|['’]s\b|[\u4e00-\u9fff]|\S"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-z]{2}")
_ALWAYS_KNOWN = COMMON_EN_WORDS | frozenset(ENGLISH_STOP_WORDS)
_TITLES = sorted(CN_TITLES, key=len, reverse=True)
_SUFFIX_SET = frozenset(s.lower() for s in COMPANY_SUFFIXES)
_COMPETITOR_SET = frozenset(c.lower() for c in COMPETITORS)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text[:MAX_CHARS])]


def _shape(tok: str) -> str:
    if _CJK.match(tok):
        return "C"
    if tok[0].isdigit():
        return "d"
    if tok[0].isalpha():
        if tok.isupper() and len(tok) > 1:
            return "XX"
        return "Xx" if tok[0].isupper() else "x"
    return "p"


def _known_marks(
    marks: list[set[str]], tokens: list[Token], spans: Sequence[tuple[int, int]]
) -> None:
    """Flags around known customer names: first token, inside, the tokens just outside."""
    for start, end in spans:
        inside = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
        if not inside:
            continue
        marks[inside[0]].add("kb")
        for i in inside[1:]:
            marks[i].add("ki")
        if inside[0] > 0:
            marks[inside[0] - 1].add("kp")
        if inside[-1] + 1 < len(tokens):
            marks[inside[-1] + 1].add("ka")


def _gazetteer_marks(
    text: str,
    tokens: list[Token],
    known: Sequence[tuple[int, int]] = (),
    vocab: frozenset[str] | None = None,
) -> list[set[str]]:
    """Per-token flags from word lists: known rival, CN title after a surname, company suffix,
    known customer name, a Latin word never seen as an ordinary word in training."""
    marks: list[set[str]] = [set() for _ in tokens]
    lowered = text.lower()
    starts = {t.start: i for i, t in enumerate(tokens)}
    _known_marks(marks, tokens, known)
    for i, tok in enumerate(tokens):
        low = tok.text.lower()
        if vocab is not None and _LATIN.match(low) and not _known_word(low, vocab):
            marks[i].add("oov")
        if low in FIRST_NAMES:
            marks[i].add("fname")
        if low in _SUFFIX_SET:
            marks[i].add("suffix")
        if len(tok.text) == 1 and tok.text in CN_SURNAMES:
            marks[i].add("sur")
            rest = text[tok.end : tok.end + 3]
            for title in _TITLES:
                if rest.startswith(title):
                    marks[i].add("sur+title")
                    for j in range(i + 1, min(len(tokens), i + 1 + len(title))):
                        marks[j].add("title")
                    break
    for name in _COMPETITOR_SET:
        pos = lowered.find(name)
        while pos >= 0:
            first = starts.get(pos)
            if first is not None:
                marks[first].add("comp")
                j = first + 1
                while j < len(tokens) and tokens[j].end <= pos + len(name):
                    marks[j].add("comp_i")
                    j += 1
            pos = lowered.find(name, pos + 1)
    for suffix in ("银行", "集团", "科技", "公司", "股份", "控股", "物流", "医疗", "汽车"):
        pos = text.find(suffix)
        while pos >= 0:
            at = starts.get(pos)
            if at is not None:
                marks[at].add("cnsuf")
                if at + 1 < len(tokens):
                    marks[at + 1].add("cnsuf")
            pos = text.find(suffix, pos + 1)
    return marks


def features(
    text: str,
    tokens: list[Token],
    known: Sequence[tuple[int, int]] = (),
    vocab: frozenset[str] | None = None,
) -> list[list[str]]:
    words = [t.text.lower() for t in tokens]
    shapes = [_shape(t.text) for t in tokens]
    marks = _gazetteer_marks(text, tokens, known, vocab)

    def w(i: int) -> str:
        return words[i] if 0 <= i < len(words) else ("<s>" if i < 0 else "</s>")

    def s(i: int) -> str:
        return shapes[i] if 0 <= i < len(shapes) else "_"

    out: list[list[str]] = []
    for i, tok in enumerate(tokens):
        space_before = tok.start > 0 and text[tok.start - 1].isspace()
        space_after = tok.end < len(text) and text[tok.end].isspace()
        f = [
            "b",
            "w=" + w(i),
            "s=" + s(i),
            "p1=" + w(i - 1),
            "n1=" + w(i + 1),
            "p2=" + w(i - 2),
            "n2=" + w(i + 2),
            "p1w=" + w(i - 1) + "|" + w(i),
            "wn1=" + w(i) + "|" + w(i + 1),
            "p2p1=" + w(i - 2) + "|" + w(i - 1),
            "n1n2=" + w(i + 1) + "|" + w(i + 2),
            "p3p2p1=" + w(i - 3) + w(i - 2) + w(i - 1),
            "n1n2n3=" + w(i + 1) + w(i + 2) + w(i + 3),
            "sh=" + s(i - 1) + s(i) + s(i + 1),
            "sb=" + str(space_before),
            "sa=" + str(space_after),
            "cap=" + str(tok.text[:1].isupper()),
        ]
        f.extend("m=" + m for m in marks[i])
        f.extend("pm=" + m for m in (marks[i - 1] if i > 0 else ()))
        f.extend("nm=" + m for m in (marks[i + 1] if i + 1 < len(tokens) else ()))
        out.append(f)
    return out


def _known_word(low: str, vocab: frozenset[str]) -> bool:
    # "multi-year", "follow-up": a compound of known words is an ordinary word too.
    return low in vocab or all(part in vocab for part in low.split("-") if part)


def _vocab(rows: Sequence[dict[str, Any]]) -> frozenset[str]:
    """Latin words seen at least twice outside entity spans."""
    counts: dict[str, int] = {}
    for row in rows:
        spans = row.get("spans", [])
        for tok in tokenize(row["text"]):
            low = tok.text.lower()
            if _LATIN.match(low) and not any(s <= tok.start < e for s, e, _ in spans):
                counts[low] = counts.get(low, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 2) | _ALWAYS_KNOWN


def _snap(entities: list[Entity], known: Sequence[tuple[int, int]], text: str) -> list[Entity]:
    """An account cut short inside a known name (美的 -> 美) takes the known name's bounds;
    a one-character Chinese account (蔚 of 蔚来) takes the next character too, as Chinese
    customer names are never one character long."""
    out: list[Entity] = []
    for e in entities:
        for start, end in known:
            if e.label == "account" and start <= e.start < end and e.end < end:
                e = Entity(start, end, e.label, text[start:end])
                break
        else:
            if e.label == "account" and e.end - e.start == 1 and _CJK.match(e.text):
                if e.end < len(text) and _CJK.match(text[e.end]):
                    e = Entity(e.start, e.end + 1, e.label, text[e.start : e.end + 1])
                else:
                    continue
        out.append(e)
    return _join_honorifics([e for e in out if not _acronym_contact(e)], text)


_HONORIFIC = re.compile(r"(?:Mr|Ms|Mrs|Dr|Prof)\.?", re.IGNORECASE)
_HONORIFIC_BEFORE = re.compile(r"(?<![A-Za-z])(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+$", re.IGNORECASE)
_NEXT_NAME = re.compile(r"\.?\s+([A-Za-z][A-Za-z'\-]+)")


def _join_honorifics(entities: list[Entity], text: str) -> list[Entity]:
    """A title alone ('Mr.') is never an entity: it joins the name after it into a contact."""
    out: list[Entity] = []
    for e in entities:
        prev = out[-1] if out else None
        if (
            prev is not None
            and e.label == "contact"
            and _HONORIFIC.fullmatch(prev.text)
            and not text[prev.end : e.start].strip(" .")
        ):
            out[-1] = Entity(prev.start, e.end, "contact", text[prev.start : e.end])
            continue
        title = _HONORIFIC_BEFORE.search(text, 0, e.start)
        if e.label == "contact" and title is not None and (not out or out[-1].end <= title.start()):
            e = Entity(title.start(), e.end, "contact", text[title.start() : e.end])
        out.append(e)
    joined: list[Entity] = []
    for e in out:
        if _HONORIFIC.fullmatch(e.text):
            follower = _NEXT_NAME.match(text, e.end)
            if follower is None or follower.group(1).lower() in _ALWAYS_KNOWN:
                continue
            e = Entity(e.start, follower.end(), "contact", text[e.start : follower.end()])
        joined.append(e)
    return joined


_TITLE_ACRONYMS = frozenset({"CEO", "CTO", "CFO", "CIO", "COO", "CMO", "CPO", "CISO", "VP", "GM"})


def _acronym_contact(e: Entity) -> bool:
    """'HQ', 'IT', 'PO' next to a company look like the bare titles reps use as contacts."""
    word = e.text.strip()
    return (
        e.label == "contact" and word.isupper() and len(word) <= 4 and word not in _TITLE_ACRONYMS
    )


def _cjk_gap(text: str, end: int, start: int) -> bool:
    return (
        start > end
        and bool(_CJK.match(text[end - 1]))
        and bool(_CJK.match(text[start]))
        and text[end:start].isspace()
    )


def _bio(tokens: list[Token], spans: Sequence[Sequence[Any]]) -> list[str]:
    tags = ["O"] * len(tokens)
    for start, end, label in spans:
        inside = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
        for k, i in enumerate(inside):
            tags[i] = ("B-" if k == 0 else "I-") + str(label)
    return tags


def _allowed_transitions() -> np.ndarray:
    allowed = np.zeros((len(TAGS), len(TAGS)), dtype=bool)
    for a, prev in enumerate(TAGS):
        for b, cur in enumerate(TAGS):
            allowed[a, b] = not cur.startswith("I-") or prev[2:] == cur[2:]
    return allowed


class EntityTagger:
    """Trained from span-labelled messages; `tag` returns entity spans of one message."""

    def __init__(self) -> None:
        self.hasher = FeatureHasher(n_features=2**20, input_type="string", alternate_sign=False)
        self.model = SGDClassifier(
            loss="log_loss", alpha=2e-6, max_iter=12, tol=None, average=True, random_state=0
        )
        self._allowed = _allowed_transitions()
        self.vocab: frozenset[str] = frozenset()
        self._start_ok = np.array([not t.startswith("I-") for t in TAGS])

    def fit(self, rows: Sequence[dict[str, Any]]) -> EntityTagger:
        feats: list[list[str]] = []
        tags: list[str] = []
        rng = random.Random(5)
        # Each half sees the other half's vocabulary, so rare ordinary words are sometimes
        # unknown in training too and "unknown word" stays a hint rather than a certainty.
        halves = (_vocab(rows[1::2]), _vocab(rows[0::2]))
        self.vocab = _vocab(rows)
        for k, row in enumerate(rows):
            text = row["text"]
            tokens = tokenize(text)
            # Hide the known-name flags now and then so context alone must also find accounts.
            known = BUILTIN.find(text) if rng.random() < 0.7 else []
            feats.extend(features(text, tokens, known, halves[k % 2]))
            tags.extend(_bio(tokens, [s for s in row.get("spans", []) if s[1] <= MAX_CHARS]))
        self.model.fit(self.hasher.transform(feats), tags)
        self._prepare()
        return self

    def _prepare(self) -> None:
        # sklearn multiplies by a transposed (non-contiguous) coef_ on every call: ~10 ms a
        # message. A contiguous copy in TAGS order makes scoring sparse x dense and cheap.
        classes = list(self.model.classes_)
        cols = [classes.index(t) if t in classes else -1 for t in TAGS]
        weights = np.zeros((self.model.coef_.shape[1], len(TAGS)))
        bias = np.full(len(TAGS), -30.0)
        for k, col in enumerate(cols):
            if col >= 0:
                weights[:, k] = self.model.coef_[col]
                bias[k] = self.model.intercept_[col]
        self._weights = np.ascontiguousarray(weights)
        self._bias = bias

    def tag(self, text: str, known: Sequence[tuple[int, int]] | None = None) -> list[Entity]:
        """Entity spans of `text`; `known` overrides where known customer names occur."""
        tokens = tokenize(text)
        if not tokens:
            return []
        spans = BUILTIN.find(text) if known is None else known
        feats = features(text, tokens, spans, self.vocab or None)
        raw = self.hasher.transform(feats) @ self._weights + self._bias
        # One-vs-rest logistic scores, normalised per token as sklearn's predict_proba does.
        proba = 1.0 / (1.0 + np.exp(-np.clip(raw, -30, 30)))
        proba /= proba.sum(axis=1, keepdims=True)
        scores = np.log(proba + 1e-9)
        path = self._viterbi(scores)
        return _snap(self._spans(text, tokens, [TAGS[k] for k in path]), spans, text)

    def _viterbi(self, scores: np.ndarray) -> list[int]:
        n, k = scores.shape
        penalty = np.where(self._allowed, 0.0, -1e9)
        best = np.where(self._start_ok, scores[0], -1e9)
        back = np.zeros((n, k), dtype=int)
        for i in range(1, n):
            total = best[:, None] + penalty
            back[i] = total.argmax(axis=0)
            best = total.max(axis=0) + scores[i]
        path = [int(best.argmax())]
        for i in range(n - 1, 0, -1):
            path.append(int(back[i, path[-1]]))
        return path[::-1]

    @staticmethod
    def _spans(text: str, tokens: list[Token], tags: list[str]) -> list[Entity]:
        entities: list[Entity] = []
        start = end = -1
        label = ""
        for tok, tag in [*zip(tokens, tags, strict=True), (Token(len(text), len(text), ""), "O")]:
            if tag.startswith("I-") and label == tag[2:]:
                if not _cjk_gap(text, end, tok.start):
                    end = tok.end
                    continue
                # A Chinese name never spans a space: "良品铺子 门店" is a name and a word.
                entities.append(Entity(start, end, label, text[start:end]))
                label = ""
                continue
            if label:
                entities.append(Entity(start, end, label, text[start:end]))
                label = ""
            if tag.startswith("B-"):
                start, end, label = tok.start, tok.end, tag[2:]
        return entities
