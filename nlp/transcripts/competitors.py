"""Competitor tracker: canonical vendor names with aliases, extendable per tenant."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from nlp.transcripts.lang import CJK

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "transcripts"
DEFAULT_TRACKER_FILE = DATA_DIR / "competitors.tsv"

ExtraCompetitors = Mapping[str, Sequence[str]] | Iterable[str]


@dataclass(frozen=True, slots=True)
class Alias:
    canonical: str
    text: str
    case_sensitive: bool


def load_default_entries(path: Path = DEFAULT_TRACKER_FILE) -> dict[str, list[str]]:
    entries: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, aliases = line.partition("\t")
        entries.setdefault(name.strip(), []).extend(
            a.strip() for a in aliases.split("|") if a.strip()
        )
    return entries


class CompetitorTracker:
    """Finds tracked vendors in text and maps every alias to one canonical name."""

    def __init__(
        self,
        entries: Mapping[str, Sequence[str]] | None = None,
        *,
        extra: ExtraCompetitors | None = None,
        exclude: Iterable[str] = (),
    ) -> None:
        table = {k: list(v) for k, v in (entries or load_default_entries()).items()}
        for name, aliases in _normalise_extra(extra).items():
            table.setdefault(name, []).extend([name, *aliases])
        excluded = {e.casefold() for e in exclude}
        self._aliases: list[Alias] = []
        for name, aliases in table.items():
            if name.casefold() in excluded:
                continue
            for raw in set(aliases):
                case_sensitive = raw.startswith("=")
                text = raw.lstrip("=")
                if text:
                    self._aliases.append(Alias(name, text, case_sensitive))
        # Latin aliases are looked up by word sequence (fast on hour-long calls); aliases
        # with Chinese characters or unusual symbols are searched as substrings / regexes.
        self._by_fold = {a.text.casefold(): a.canonical for a in self._aliases}
        self._words: dict[tuple[str, ...], list[Alias]] = {}
        self._substrings: list[Alias] = []
        special: list[Alias] = []
        for a in sorted(self._aliases, key=lambda a: -len(a.text)):
            if CJK.search(a.text):
                self._substrings.append(a)
            elif _ODD.search(a.text):
                special.append(a)
            else:
                self._words.setdefault(_pieces(a.text.casefold()), []).append(a)
        self._max_words = max((len(k) for k in self._words), default=0)
        self._first_words = {k[0] for k in self._words}
        self._special = [
            (a, re.compile(rf"(?<![A-Za-z0-9]){re.escape(a.text)}(?![A-Za-z0-9])",
                           0 if a.case_sensitive else re.IGNORECASE))
            for a in special
        ]  # fmt: skip

    def canonical(self, name: str) -> str:
        """Canonical name for an alias (or the name itself when it is not tracked)."""
        return self._by_fold.get(name.strip().casefold(), name.strip())

    def _word_hits(self, text: str, ignored: set[str]) -> list[tuple[int, str]]:
        hits: list[tuple[int, str]] = []
        tokens = list(_WORD.finditer(text))
        i = 0
        while i < len(tokens):
            matched = 0
            if tokens[i].group(0).casefold() not in self._first_words:
                i += 1
                continue
            for n in range(min(self._max_words, len(tokens) - i), 0, -1):
                span = tokens[i : i + n]
                # Words of one name sit next to each other ("Sales Cloud", "monday.com").
                if any(
                    len(text[a.end() : b.start()]) > 2 for a, b in zip(span, span[1:], strict=False)
                ):
                    continue
                key = tuple(t.group(0).casefold() for t in span)
                aliases = self._words.get(key)
                if not aliases:
                    continue
                surface = text[span[0].start() : span[-1].end()]
                if surface.casefold() in ignored:
                    continue
                for alias in aliases:
                    if alias.case_sensitive and _pieces(surface) != _pieces(alias.text):
                        continue
                    hits.append((span[0].start(), alias.canonical))
                    matched = n
                    break
                if matched:
                    break
            i += matched or 1
        return hits

    def find(self, text: str, *, ignore: Iterable[str] = ()) -> list[str]:
        """Canonical names mentioned in text, in order of first mention, without repeats."""
        ignored = {i.casefold() for i in ignore}
        hits = self._word_hits(text, ignored)
        folded = text.casefold()
        for alias in self._substrings:
            at = folded.find(alias.text.casefold())
            if at >= 0:
                hits.append((at, alias.canonical))
        for alias, pattern in self._special:
            m = pattern.search(text)
            if m and m.group(0).casefold() not in ignored:
                hits.append((m.start(), alias.canonical))
        return list(dict.fromkeys(name for _, name in sorted(hits)))


_WORD = re.compile(r"[A-Za-z0-9]+")
_ODD = re.compile(r"[^A-Za-z0-9 .\-]")


def _pieces(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _normalise_extra(extra: ExtraCompetitors | None) -> dict[str, list[str]]:
    if extra is None:
        return {}
    if isinstance(extra, Mapping):
        return {str(k): [str(a) for a in v] for k, v in extra.items()}
    return {str(name): [] for name in extra}
