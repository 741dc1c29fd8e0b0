"""BM25 tokens: jieba words for Chinese, lowercased (lightly stemmed) words for English."""

from __future__ import annotations

import logging
import re
import threading

import jieba

from knowledge.textnorm import normalize_text

_lock = threading.Lock()
_ready = False

_EN_STOP = frozenset(
    """a an and are as at be but by can could do does did for from has have how i if in into is
    it its me my no not of on or our so than that the their them then there these they this to
    us was we were what when where which who why will with would you your yours about also any
    after before up out over just should may might more most much such only own same very""".split()
)
_ZH_STOP = frozenset(
    """的 了 是 在 和 与 及 或 也 都 就 而 吗 呢 吧 啊 呀 嘛 么 着 过 给 把 被 让 对 从 向 到
    为 以 于 之 其 这 那 这个 那个 哪 些 个 一 一个 有 没 没有 我 我们 你 你们 他 她 它 他们 要
    会 能 可以 什么 怎么 怎么样 如何 吗 多少 一下 一般 还是 还 又 很 最 更 得 地 等""".split()
)
_WORD_RE = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]")


def _ensure_jieba() -> None:
    global _ready
    if _ready:
        return
    with _lock:
        if not _ready:
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _ready = True


def _stem(word: str) -> str:
    # Plural folding only; heavier stemmers hurt product names and acronyms.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text: str, *, normalized: bool = False) -> list[str]:
    """Tokens for BM25 over mixed zh/en text (search-mode jieba, stopwords dropped)."""
    _ensure_jieba()
    if not normalized:
        text = normalize_text(text)
    out: list[str] = []
    for raw in jieba.cut_for_search(text.lower()):
        word = raw.strip()
        if not word or not _WORD_RE.search(word):
            continue
        if word in _EN_STOP or word in _ZH_STOP:
            continue
        if word.isascii():
            word = _stem(word)
        out.append(word)
    return out
