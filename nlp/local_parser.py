"""The offline parser: rules for transcripts and injections, tagger, classifier, slot rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nlp.classifier import normalise
from nlp.dates import resolve_now
from nlp.gazetteer import BUILTIN, for_names
from nlp.lang import detect_lang
from nlp.model_store import DEFAULT_DATA, Models, load_or_train
from nlp.slots import Entity, build_slots
from nlp.types import Intent, ParseResult

MAX_INPUT = 4000
_SPEAKER_LINE = re.compile(
    r"^\s*(?:\[?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\]?\s*)?"
    r"[^\s:：]{1,24}(?:\s?[(（][^)）]{1,30}[)）])?\s*[:：]\s*\S",
    re.MULTILINE,
)
_TIMECODE = re.compile(r"\d{2}:\d{2}:\d{2}[.,]\d{3}\s*-->")
_INJECTION = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above) (?:instructions|rules|prompts?)"
    r"|disregard (?:all |any )?(?:previous |prior )?(?:instructions|rules)|system prompt"
    r"|忽略(?:之前|以上|前面)?的?(?:所有)?(?:指令|指示|规则)|系统提示词?|越狱|jailbreak",
    re.IGNORECASE,
)
_HAS_WORD = re.compile(r"[A-Za-z0-9\u3400-\u9fff]")


def looks_like_transcript(text: str) -> bool:
    """A pasted call: several speaker lines ('Name: ...', '张总：...') or subtitle timecodes."""
    if _TIMECODE.search(text) or text.lstrip().startswith("WEBVTT"):
        return True
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) < 3:
        return False
    return len(_SPEAKER_LINE.findall(text)) >= 2


def _merge_known(
    builtin: list[tuple[int, int]], own: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    kept = [b for b in builtin if not any(b[0] < e and b[1] > s for s, e in own)]
    return sorted(own + kept)


def _force_accounts(entities: list[Entity], own: list[tuple[int, int]], text: str) -> list[Entity]:
    """The caller's account names win over whatever the tagger saw at the same place."""
    kept = [e for e in entities if not any(e.start < end and e.end > start for start, end in own)]
    forced = [Entity(start, end, "account", text[start:end]) for start, end in own]
    return sorted(kept + forced, key=lambda e: e.start)


class LocalParser:
    """Parser protocol implementation that runs on the CPU without any network.

    `cache_dir` keeps the trained models between runs (keyed by the training data's hash);
    without it the models are trained in memory on first use.
    """

    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        data_path: Path = DEFAULT_DATA,
        models: Models | None = None,
    ) -> None:
        self._cache_dir = cache_dir
        self._data_path = data_path
        self._models = models

    @property
    def models(self) -> Models:
        if self._models is None:
            self._models = load_or_train(self._cache_dir, self._data_path)
        return self._models

    def warm_up(self) -> None:
        self.parse("hello", now_iso="2026-01-01T00:00:00+00:00", timezone="UTC")

    def parse(
        self,
        text: str,
        *,
        now_iso: str,
        timezone: str,
        accounts: Sequence[str] | None = None,
    ) -> ParseResult:
        """Intent and slots of `text`; `accounts` are known customer names (e.g. the CRM's)."""
        text = (text or "")[:MAX_INPUT]
        lang = detect_lang(text)
        if not _HAS_WORD.search(text):
            return ParseResult(Intent.OTHER, {}, confidence=0.0, lang=lang)
        if _INJECTION.search(text):
            return ParseResult(Intent.OTHER, {}, confidence=0.3, lang=lang)
        now = resolve_now(now_iso, timezone)
        models = self.models
        known = BUILTIN.find(text)
        own = for_names(tuple(accounts)).find(text) if accounts else []
        entities = models.tagger.tag(text, _merge_known(known, own))
        if own:
            entities = _force_accounts(entities, own, text)
        if looks_like_transcript(text):
            slots = build_slots(Intent.ANALYZE_TRANSCRIPT, text, now, entities)
            return ParseResult(Intent.ANALYZE_TRANSCRIPT, slots, confidence=0.95, lang=lang)
        proba = models.classifier.predict_proba(normalise(text, entities))
        order = np.argsort(proba)[::-1]
        classes = models.classifier.classes
        intent = Intent(classes[int(order[0])])
        alternatives = tuple(
            (Intent(classes[int(i)]), round(float(proba[i]), 4)) for i in order[1:4]
        )
        slots = build_slots(intent, text, now, entities)
        return ParseResult(
            intent,
            slots,
            confidence=round(float(proba[order[0]]), 4),
            lang=lang,
            alternatives=alternatives,
        )
