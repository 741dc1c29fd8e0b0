"""Markdown, plain-text and HTML loaders (stdlib only)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from knowledge.errors import CorruptDocumentError
from knowledge.textnorm import normalize_text
from knowledge.types import Block, LoadedDocument


def decode_bytes(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (common for Chinese files)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CorruptDocumentError("undecodable text", name=name, kind="text")


def _check_text(text: str, name: str) -> None:
    if "\x00" in text:
        raise CorruptDocumentError("binary content", name=name, kind="text")


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def _md_inline(line: str) -> str:
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPHASIS.sub("", line)
    if line.startswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return " | ".join(c for c in cells if c)
    return line.lstrip("> ").rstrip()


def load_markdown(path: Path, name: str) -> LoadedDocument:
    text = normalize_text(decode_bytes(path.read_bytes(), name))
    _check_text(text, name)
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            lines = lines[end + 1 :]
    blocks: list[Block] = []
    para: list[str] = []
    in_fence = False

    def flush() -> None:
        joined = normalize_text("\n".join(para))
        if joined:
            blocks.append(Block(text=joined))
        para.clear()

    for raw in lines:
        if raw.strip().startswith("```"):
            in_fence = not in_fence
            continue
        heading = None if in_fence else _MD_HEADING.match(raw)
        if heading:
            flush()
            blocks.append(Block(text=_md_inline(heading.group(2)), is_heading=True))
        elif not raw.strip():
            flush()
        elif _MD_TABLE_RULE.match(raw.strip()):
            continue
        else:
            line = raw if in_fence else _MD_LIST.sub("", _md_inline(raw))
            if line.strip():
                para.append(line)
    flush()
    title = next((b.text for b in blocks if b.is_heading), "")
    return LoadedDocument(blocks=tuple(blocks), title=title, page_count=0)


def load_txt(path: Path, name: str) -> LoadedDocument:
    text = normalize_text(decode_bytes(path.read_bytes(), name))
    _check_text(text, name)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    blocks = tuple(Block(text=p) for p in paragraphs)
    first = paragraphs[0].split("\n")[0] if paragraphs else ""
    return LoadedDocument(blocks=blocks, title=first[:120], page_count=0)


_BLOCK_TAGS = {"p", "div", "li", "tr", "td", "th", "section", "article", "br", "pre", "table"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}


class _HtmlCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._buf: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_heading = False

    def _flush(self) -> None:
        text = normalize_text(" ".join(self._buf))
        self._buf.clear()
        if text:
            self.blocks.append(Block(text=text, is_heading=self._in_heading))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _HEADING_TAGS:
            self._flush()
            self._in_heading = True
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _HEADING_TAGS:
            self._flush()
            self._in_heading = False
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip and data.strip():
            self._buf.append(data.strip())

    def close(self) -> None:
        super().close()
        self._flush()


def load_html(path: Path, name: str) -> LoadedDocument:
    text = decode_bytes(path.read_bytes(), name)
    _check_text(text, name)
    collector = _HtmlCollector()
    collector.feed(text)
    collector.close()
    title = normalize_text(collector.title) or next(
        (b.text for b in collector.blocks if b.is_heading), ""
    )
    return LoadedDocument(blocks=tuple(collector.blocks), title=title, page_count=0)
