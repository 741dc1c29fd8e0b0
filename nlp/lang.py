"""Tell whether a message is Chinese or English, for the reply language."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]+")


def detect_lang(text: str, default: str = "zh") -> str:
    """'zh' when Chinese characters carry the message, 'en' when English words do."""
    cjk = len(_CJK.findall(text))
    latin_words = len(_LATIN.findall(text))
    if cjk == 0 and latin_words == 0:
        return default
    # One Chinese character weighs about half an English word.
    return "zh" if cjk >= 2 and cjk * 0.5 >= latin_words * 0.4 else "en" if latin_words else "zh"
