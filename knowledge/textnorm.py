"""Text cleanup for mixed Chinese/English collateral: width folding, line joins, language."""

from __future__ import annotations

import re
import unicodedata

# Full-width punctuation that is normal in Chinese prose; NFKC would turn it into ASCII
# and change how a snippet reads, so it is kept as written.
_KEEP_FULLWIDTH = set("，；：！？（）［］｛｝～｜")


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII variants (letters, digits, ￥, ％ ...), half-width katakana, ligatures.
    ranges = [(0xFF01, 0xFFEE), (0xFB00, 0xFB06)]
    for start, end in ranges:
        for code in range(start, end + 1):
            char = chr(code)
            if char in _KEEP_FULLWIDTH:
                continue
            folded = unicodedata.normalize("NFKC", char)
            if folded != char:
                table[code] = folded
    for code in (0x00A0, 0x3000, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2009, 0x202F):
        table[code] = " "
    for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
        table[code] = ""
    table[0xFFE5] = "¥"  # ￥ full-width yen/yuan sign
    table[0x2028] = "\n"
    table[0x2029] = "\n"
    return table


_TABLE = _build_table()
_SPACES = re.compile(r"[ \t\f\v]+")
_BLANKS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Fold width variants (NFKC where safe), drop invisible characters, tidy spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


def is_cjk(char: str) -> bool:
    """True for CJK ideographs and CJK punctuation (no spaces between them when joining)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2A6DF
        or 0xF900 <= code <= 0xFAFF
    )


def join_pieces(left: str, right: str) -> str:
    """Join two wrapped line pieces: no space next to CJK, undo hyphenation, else a space."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if is_cjk(a) or is_cjk(b):
        return left + right
    if a == "-" and len(left) > 1 and left[-2].isalpha() and b.islower():
        return left[:-1] + right
    if a == " " or b == " ":
        return left + right
    return left + " " + right


_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]{2,}")


def language_shares(text: str) -> tuple[int, int]:
    """Count CJK ideographs and Latin words."""
    return len(_CJK_RE.findall(text)), len(_LATIN_WORD_RE.findall(text))


def detect_language(text: str) -> str:
    """'zh', 'en' or 'mixed' (bilingual documents), from CJK characters versus Latin words.

    One English word carries about as much as two Chinese characters, hence the weight.
    """
    cjk, words = language_shares(text)
    if cjk == 0 and words == 0:
        return "en"
    share = cjk / (cjk + 2.0 * words)
    if share >= 0.6:
        return "zh"
    if share <= 0.25:
        return "en"
    return "mixed"


def query_language(text: str) -> str:
    """Language of a short query or sentence: any real Chinese makes it 'zh'."""
    cjk, words = language_shares(text)
    return "zh" if cjk >= 2 and cjk >= words else "en"


_EN_SENT_END = re.compile(r"(?<=[a-z0-9\)\]\"'%])\.(?=\s+[A-Z0-9(]|\s*[\u4e00-\u9fff])")


def split_sentences(text: str) -> list[str]:
    """Split on Chinese and English sentence ends and line breaks; keep the punctuation."""
    marked = _EN_SENT_END.sub(".\n", text)
    parts = re.split(r"(?<=[。！？!?；])|\n", marked)
    return [p.strip() for p in parts if p and p.strip()]
