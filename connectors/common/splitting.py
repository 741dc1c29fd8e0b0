"""Split long text into chunks under a character and/or UTF-8 byte limit, never mid-character."""

from __future__ import annotations


def _fit(text: str, start: int, max_chars: int | None, max_bytes: int | None) -> int:
    """Return the largest end index such that text[start:end] fits both limits."""
    end = len(text) if max_chars is None else min(len(text), start + max_chars)
    if max_bytes is not None:
        raw = text[start:end].encode("utf-8")
        if len(raw) > max_bytes:
            # Decoding a cut byte string with errors="ignore" drops only the partial
            # trailing character, so the result is the longest whole-character prefix.
            end = start + len(raw[:max_bytes].decode("utf-8", errors="ignore"))
    return end


def split_text(
    text: str, *, max_chars: int | None = None, max_bytes: int | None = None
) -> list[str]:
    """Split `text` into chunks that each fit `max_chars` characters and `max_bytes` UTF-8 bytes.

    Prefers to cut after a newline, then after whitespace, then after CJK sentence
    punctuation, in the second half of the window; otherwise cuts hard at a character
    boundary. Empty text yields an empty list.
    """
    if max_chars is not None and max_chars < 1:
        raise ValueError("max_chars must be positive")
    if max_bytes is not None and max_bytes < 4:
        raise ValueError("max_bytes must fit one UTF-8 character")
    chunks: list[str] = []
    pos = 0
    n = len(text)
    while pos < n:
        end = _fit(text, pos, max_chars, max_bytes)
        cut = end
        if end < n:
            floor = pos + (end - pos) // 2
            for seps in ("\n", " \t", "。！？；.!?;，,、"):
                best = max(text.rfind(s, floor, end) for s in seps)
                if best >= floor:
                    cut = best + 1
                    break
        chunk = text[pos:cut].rstrip("\n") if cut < n else text[pos:cut]
        if chunk.strip():
            chunks.append(chunk)
        pos = cut
    return chunks
