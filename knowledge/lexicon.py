"""Bilingual query expansion from the glossary in data/glossary.txt (zh <-> en bridge)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from knowledge.tokens import tokenize

_CJK_MIN = "\u3400"


def _is_cjk(term: str) -> bool:
    return any(ch >= _CJK_MIN for ch in term)


@dataclass(frozen=True, slots=True)
class _Glossary:
    groups: tuple[tuple[str, ...], ...]  # expansion tokens per concept
    terms: tuple[tuple[str, ...], ...]  # the concept's terms as written, in file order
    cjk: re.Pattern[str] | None  # any Chinese term, longest first
    cjk_groups: dict[str, tuple[int, ...]]
    english: dict[str, tuple[tuple[tuple[str, ...], int], ...]]  # first token -> (tokens, group)


@dataclass(frozen=True, slots=True)
class Expansion:
    """What the glossary adds to a query: BM25 tokens and a rendering in the other language."""

    tokens: list[str]
    translation: str


@lru_cache(maxsize=1)
def _glossary() -> _Glossary:
    text = resources.files("knowledge").joinpath("data/glossary.txt").read_text("utf-8")
    groups: list[tuple[str, ...]] = []
    all_terms: list[tuple[str, ...]] = []
    cjk_groups: dict[str, list[int]] = {}
    english: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        number = len(groups)
        tokens: list[str] = []
        terms = tuple(t for t in (t.strip().lower() for t in line.split("|")) if t)
        for term in terms:
            term_tokens = tuple(tokenize(term))
            tokens.extend(t for t in term_tokens if t not in tokens)
            if _is_cjk(term):
                cjk_groups.setdefault(term, []).append(number)
            elif term_tokens:
                english.setdefault(term_tokens[0], []).append((term_tokens, number))
        groups.append(tuple(tokens))
        all_terms.append(terms)
    ordered = sorted(cjk_groups, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(t) for t in ordered)) if ordered else None
    return _Glossary(
        groups=tuple(groups),
        terms=tuple(all_terms),
        cjk=pattern,
        cjk_groups={k: tuple(v) for k, v in cjk_groups.items()},
        english={k: tuple(v) for k, v in english.items()},
    )


def _concepts(tokens: list[str], text: str) -> tuple[list[int], bool]:
    """Glossary concepts the query names, in order of appearance; and whether any was zh."""
    glossary = _glossary()
    present = set(tokens)
    found: dict[int, int] = {}  # concept -> first position (English ones after Chinese)
    for position, token in enumerate(tokens):
        for term_tokens, number in glossary.english.get(token, ()):
            if all(t in present for t in term_tokens):
                found.setdefault(number, 10_000 + position)
    zh = False
    if glossary.cjk is not None and text:
        lowered = text.lower()
        # Overlapping matches matter ("私有化部署" also names "部署"), so scan every offset.
        for start in range(len(lowered)):
            if lowered[start] < _CJK_MIN:
                continue
            match = glossary.cjk.match(lowered, start)
            if match:
                zh = True
                for number in glossary.cjk_groups[match.group(0)]:
                    found.setdefault(number, start)
    return sorted(found, key=lambda n: found[n]), zh


def expand_query(tokens: list[str], text: str = "") -> Expansion:
    """Tokens of the other-language (and synonym) terms of every concept the query names,
    plus the concepts written in the query's other language (for the dense encoder)."""
    glossary = _glossary()
    concepts, _ = _concepts(tokens, text)
    present = set(tokens)
    extra: list[str] = []
    for number in concepts:
        for token in glossary.groups[number]:
            if token not in present:
                present.add(token)
                extra.append(token)
    query_is_zh = sum(1 for ch in text if ch >= _CJK_MIN) >= 2
    rendered: list[str] = []
    for number in concepts:
        other = [t for t in glossary.terms[number] if _is_cjk(t) != query_is_zh]
        if other and other[0] not in rendered:
            rendered.append(other[0])
    return Expansion(tokens=extra, translation=" ".join(rendered))
