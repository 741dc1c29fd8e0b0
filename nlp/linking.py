"""Resolve a surface form (account or person as the rep wrote it) to candidate records."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

_SUFFIXES = re.compile(
    r"(?:有限责任公司|股份有限公司|有限公司|集团|公司|股份|"
    r"\b(?:inc|corp|corporation|co|ltd|llc|gmbh|plc|group|holdings)\b\.?)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A record that a surface form may refer to."""

    id: str
    name: str
    aliases: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Match:
    """A ranked candidate: how it matched (exact, alias, fuzzy) and a 0..1 score."""

    id: str
    name: str
    surface: str
    score: float
    method: str


def normalise_name(text: str) -> str:
    """Case-fold, width-fold, drop punctuation, possessives and company-type words."""
    value = unicodedata.normalize("NFKC", text).casefold().strip()
    value = re.sub(r"(?:'s|’s|的)$", "", value)
    previous = None
    while previous != value:
        previous = value
        value = _SUFFIXES.sub("", value).strip(" .,-")
    return re.sub(r"[\s\.\-_,'’()（）]+", "", value)


def link(
    surface: str,
    candidates: Iterable[Candidate],
    *,
    limit: int = 3,
    min_score: float = 0.6,
) -> list[Match]:
    """Best matches for `surface`, best first: exact name, then alias, then fuzzy."""
    key = normalise_name(surface)
    if not key:
        return []
    matches: list[Match] = []
    for cand in candidates:
        names = [(cand.name, "exact")] + [(alias, "alias") for alias in cand.aliases]
        best: Match | None = None
        for name, method in names:
            other = normalise_name(name)
            if not other:
                continue
            if other == key:
                score = 1.0 if method == "exact" else 0.98
            else:
                method = "fuzzy"
                ratio = fuzz.ratio(key, other) / 100
                # A short form inside the full name (华为 / 华为技术) is strong evidence.
                contained = (key in other or other in key) and min(len(key), len(other)) >= 2
                score = max(ratio, 0.85 * fuzz.partial_ratio(key, other) / 100 if contained else 0)
                score = min(score, 0.95)
            if best is None or score > best.score:
                best = Match(cand.id, cand.name, surface, round(score, 4), method)
        if best is not None and best.score >= min_score:
            matches.append(best)
    matches.sort(key=lambda m: (-m.score, m.name))
    return matches[:limit]
