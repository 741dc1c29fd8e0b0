"""Known customer names found in a message: well-known brands (a tagger feature) and the
caller's own account names (e.g. from the CRM), which are trusted as accounts outright."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from nlp.data.names import EN_FICTIONAL, EN_REAL, ZH_BRANDS
from nlp.lexicons import COMPETITORS, CONTEXT_COMPETITORS

# Brands that are also everyday words or given names; marking them would mislead the tagger.
AMBIGUOUS: frozenset[str] = frozenset(
    "统一 理想 光明 平安 长城 长安 小米 贝壳 飞猪 如家 达达 朴朴 太二 自如 元祖 思念 白象 三全 "
    "旺旺 达利 众安 东风 大华 虎牙 中金 绿地 金山 曙光 得到 知乎 微博 国美 同程 "
    "delta visa grab monarch aperture oceanic zara puma echo unity soylent".split()
)


class Gazetteer:
    """Finds whole-name occurrences (case-insensitive, longest first, no overlaps)."""

    def __init__(self, names: Iterable[str]) -> None:
        unique = sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=len, reverse=True)
        self.names = tuple(unique)
        self._pattern = (
            re.compile(
                r"(?<![A-Za-z0-9])(?:"
                + "|".join(re.escape(n) for n in unique)
                + r")(?![A-Za-z0-9])",
                re.IGNORECASE,
            )
            if unique
            else None
        )

    def find(self, text: str) -> list[tuple[int, int]]:
        if self._pattern is None:
            return []
        return [(m.start(), m.end()) for m in self._pattern.finditer(text)]


def _builtin_names() -> list[str]:
    rivals = {c.lower() for c in COMPETITORS + CONTEXT_COMPETITORS}
    return [
        n
        for n in (*ZH_BRANDS, *EN_FICTIONAL, *EN_REAL)
        if n.lower() not in AMBIGUOUS and n.lower() not in rivals
    ]


BUILTIN = Gazetteer(_builtin_names())


@lru_cache(maxsize=16)
def for_names(names: tuple[str, ...]) -> Gazetteer:
    """A gazetteer for the caller's names, cached because callers pass the same list often."""
    return Gazetteer(names)
