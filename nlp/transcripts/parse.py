"""Read transcript files (plain text, WebVTT, SRT, docx text) into speaker turns."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp.transcripts.errors import TranscriptError, TranscriptErrorCode
from nlp.transcripts.types import Turn

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_CUE_TIMING = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})")
_LEAD_STAMP = re.compile(rf"^\s*[\[(（]?\s*({_TIME})\s*[\])）]?\s*[-–—]?\s*")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>]{1,40}>")
# "Name: text", "Name (role): text", "Name（role）：text"; a name has no sentence punctuation.
_SPEAKER = re.compile(
    r"^\s*(?P<name>[^\s:：()（）\[\]<>?？!！。，,.][^:：()（）\[\]<>?？!！。，]{0,38}?)\s*"
    r"(?:[(（](?P<role>[^()（）]{1,40})[)）])?\s*[:：]\s*(?P<text>.*)$"
)
# Otter-style header line: "Dana Whitfield  12:03" followed by the text on the next lines.
_NAME_STAMP = re.compile(rf"^\s*(?P<name>[^\d:：]{{1,38}}?)\s{{1,4}}(?P<time>{_TIME})\s*$")
_GENERIC_ROLES = {
    "rep", "sales rep", "salesperson", "sales", "vendor", "seller", "ae", "se", "csm",
    "customer", "client", "prospect", "buyer", "客户", "销售", "甲方", "乙方", "供应商",
}  # fmt: skip


def to_seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def format_seconds(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def read_transcript_bytes(
    data: bytes, *, filename: str = "", max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """Decode an uploaded transcript file, refusing oversize and binary files."""
    if len(data) > max_bytes:
        raise TranscriptError(
            TranscriptErrorCode.TOO_LARGE,
            f"{filename or 'file'} is {len(data)} bytes, the limit is {max_bytes}",
            size=len(data),
            limit=max_bytes,
        )
    if filename.lower().endswith(".docx") or data[:4] == b"PK\x03\x04":
        raise TranscriptError(
            TranscriptErrorCode.BINARY,
            "a .docx/.zip file must be converted to text first (see from_docx_text)",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        if b"\x00" in data[:8192]:
            raise TranscriptError(TranscriptErrorCode.BINARY, "the file is binary, not text")
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise TranscriptError(TranscriptErrorCode.BINARY, "the file is not readable text")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192) + 2:
        raise TranscriptError(TranscriptErrorCode.BINARY, "the file is binary, not text")
    return text


def from_docx_text(paragraphs: str | Iterable[str]) -> str:
    """Turn text already extracted from a .docx (paragraphs) into transcript text."""
    items = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
    lines: list[str] = []
    for item in items:
        # Word soft line breaks and non-breaking spaces come through extraction as these.
        for line in item.replace("\v", "\n").replace("\xa0", " ").splitlines():
            if line.strip():
                lines.append(line.strip())
    return "\n".join(lines)


def _split_label(name: str, role: str | None) -> tuple[str, str | None]:
    name = name.strip()
    role = role.strip() if role else None
    if role and name.lower() in _GENERIC_ROLES:
        # "Customer (Dana, CTO)": the word outside is the role, the person is inside.
        person = re.split(r"[,，、/]", role, maxsplit=1)[0]
        extra = role[len(person) :].strip(" ,，、/")
        return person.strip(), f"{name}, {extra}" if extra else name
    return name, role


def _speaker_line(line: str) -> tuple[str, str | None, str] | None:
    m = _SPEAKER.match(line)
    if not m:
        return None
    name = m.group("name").strip()
    if len(name.split()) > 5 or name.lower().startswith(("http", "www")):
        return None
    speaker, role = _split_label(name, m.group("role"))
    if not speaker:
        return None
    return speaker, role, m.group("text").strip()


def _merge(turns: list[Turn]) -> list[Turn]:
    return [t for t in turns if t.text.strip()]


def _parse_cues(text: str) -> list[Turn]:
    """WebVTT or SRT: blocks with a timing line; speaker from <v Name> or a Name: prefix."""
    turns: list[Turn] = []
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    for block in blocks:
        lines = [ln for ln in block.split("\n") if ln.strip()]
        idx = next((i for i, ln in enumerate(lines) if _CUE_TIMING.match(ln)), None)
        if idx is None:
            continue
        timing = _CUE_TIMING.match(lines[idx])
        assert timing is not None
        start, end = to_seconds(timing.group(1)), to_seconds(timing.group(2))
        body = " ".join(lines[idx + 1 :]).strip()
        if not body:
            continue
        for piece in _voice_pieces(body):
            speaker, role, said = piece
            if speaker is None and turns:
                last = turns[-1]
                turns[-1] = Turn(last.speaker, f"{last.text} {said}", last.role, last.start, end)
            elif speaker is not None:
                turns.append(Turn(speaker, said, role, start, end))
    return _merge(turns)


def _voice_pieces(body: str) -> list[tuple[str | None, str | None, str]]:
    voices = list(_VOICE.finditer(body))
    if voices:
        out: list[tuple[str | None, str | None, str]] = []
        for i, v in enumerate(voices):
            stop = voices[i + 1].start() if i + 1 < len(voices) else len(body)
            said = _TAG.sub("", body[v.end() : stop]).strip()
            name, role = _split_label(*_name_role(v.group(1)))
            out.append((name, role, said))
        return out
    plain = _TAG.sub("", body).strip()
    found = _speaker_line(plain)
    if found:
        return [found]
    return [(None, None, plain)]


def _name_role(label: str) -> tuple[str, str | None]:
    m = re.match(r"^(.*?)\s*[(（]([^()（）]+)[)）]\s*$", label.strip())
    return (m.group(1), m.group(2)) if m else (label.strip(), None)


def _parse_lines(text: str) -> list[Turn]:
    turns: list[Turn] = []
    pending: tuple[str, float | None] | None = None  # Otter-style header waiting for its text
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        stamp = _LEAD_STAMP.match(line)
        start = None
        if stamp and stamp.end() < len(line):
            start = to_seconds(stamp.group(1))
            line = line[stamp.end() :]
        header = _NAME_STAMP.match(raw.strip())
        if header and not _speaker_line(raw.strip()):
            pending = (header.group("name").strip(), to_seconds(header.group("time")))
            continue
        found = _speaker_line(line)
        if found:
            speaker, role, said = found
            turns.append(Turn(speaker, said, role, start))
            pending = None
        elif pending is not None:
            turns.append(Turn(pending[0], line, None, pending[1]))
            pending = None
        elif turns:
            last = turns[-1]
            turns[-1] = Turn(last.speaker, f"{last.text}\n{line}", last.role, last.start)
    return _merge(turns)


def parse_transcript(text: str) -> list[Turn]:
    """Split a transcript into speaker turns; the format is recognised from the content."""
    body = text.lstrip("\ufeff").strip()
    if body.upper().startswith("WEBVTT") or any(
        _CUE_TIMING.match(ln) for ln in body.split("\n")[:12]
    ):
        return _parse_cues(body)
    return _parse_lines(body)
