"""Language detection (zh / en / other) and the counting units used for talk ratios."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+(?:[.,]\d+)*")
OTHER_SCRIPT = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\u0590-\u05ff\u0e00-\u0e7f\u0900-\u097f]")
ACCENTED = re.compile(r"[àâäáãåçéèêëíìîïñóòôöõúùûüÿßœæ]", re.IGNORECASE)

# Frequent English function words: text in another Latin-script language has few of them.
EN_STOPWORDS = frozenset(
    """the a an and or but of to in on at for with is are was were be been it this that
    we you i they he she our your my their us me them not no do does did have has had will
    would can could should what how when where why which who if so just about there here
    from as by up out all any some more very yeah okay ok thanks thank yes""".split()
)


def count_units(text: str) -> int:
    """Chinese characters count one each, Latin words and numbers one each."""
    return len(CJK.findall(text)) + len(LATIN_WORD.findall(text))


def detect_language(text: str) -> str:
    """Return "zh", "en" or "other" for a transcript body (speaker names included is fine)."""
    cjk = len(CJK.findall(text))
    kana = len(KANA_HANGUL.findall(text))
    other = len(OTHER_SCRIPT.findall(text))
    words = [w.lower() for w in LATIN_WORD.findall(text) if not w[0].isdigit()]
    if kana > max(10, 0.1 * (cjk + kana)):
        return "other"  # Japanese or Korean
    if other > max(20, 0.3 * (cjk + len(words) * 4)):
        return "other"
    if cjk >= 20 and cjk >= 0.5 * len(words):
        return "zh"
    if not words:
        return "zh" if cjk else "other"
    stop_share = sum(w in EN_STOPWORDS for w in words) / len(words)
    accented = len(ACCENTED.findall(text)) / max(1, sum(len(w) for w in words))
    if stop_share >= 0.12 and accented < 0.02:
        return "en"
    if cjk >= 5:
        return "zh"
    return "other"
