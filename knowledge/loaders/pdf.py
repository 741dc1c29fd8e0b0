"""PDF loader (pypdf): page numbers, headings from font size, repaired line wraps."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from knowledge.errors import CorruptDocumentError, EncryptedDocumentError
from knowledge.textnorm import join_pieces, normalize_text
from knowledge.types import Block, LoadedDocument

logging.getLogger("pypdf").setLevel(logging.ERROR)

_SENTENCE_END = tuple("。！？.!?；;:：")


@dataclass
class _Line:
    text: str
    size: float
    page: int


def _page_lines(page: Any, page_no: int) -> list[_Line]:
    lines: list[_Line] = []
    current: list[str] = []
    sizes: list[float] = []
    last_y: list[float | None] = [None]

    def flush() -> None:
        text = "".join(current).strip()
        if text:
            lines.append(_Line(text, max(sizes) if sizes else 0.0, page_no))
        current.clear()
        sizes.clear()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if not text:
            return
        y = (
            float(tm[5]) * float(cm[3]) + float(cm[5])
            if tm is not None and cm is not None
            else None
        )
        scale = abs(float(tm[3])) if tm is not None and float(tm[3]) else 1.0
        effective = round(float(size) * scale, 1)
        if last_y[0] is not None and y is not None and abs(y - last_y[0]) > 1.0 and current:
            flush()
        last_y[0] = y
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i > 0:
                flush()
            if piece.strip():
                current.append(piece)
                sizes.append(effective)

    page.extract_text(visitor_text=visit)
    flush()
    return lines


def _body_size(lines: list[_Line]) -> float:
    # Prose lines are long; table cells are short and often set smaller, so they do not vote.
    weights: Counter[float] = Counter()
    for line in lines:
        if _width(line.text) >= 50:
            weights[line.size] += len(line.text)
    if not weights:
        for line in lines:
            weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


_HEADING_STOP = tuple("。！？.!?；;，,")


def _full_widths(lines: list[_Line]) -> dict[float, int]:
    by_size: dict[float, list[int]] = {}
    for line in lines:
        by_size.setdefault(line.size, []).append(_width(line.text))
    return {size: sorted(ws)[int(len(ws) * 0.9)] for size, ws in by_size.items()}


def _blocks(lines: list[_Line], body: float) -> list[Block]:
    blocks: list[Block] = []
    para = ""
    para_page = 0
    full = _full_widths(lines)
    prev: _Line | None = None

    def end_para() -> None:
        nonlocal para
        text = normalize_text(para)
        if text:
            blocks.append(Block(text=text, page=para_page))
        para = ""

    for line in lines:
        is_heading = (
            body > 0
            and line.size >= body * 1.15
            and len(line.text) <= 80
            and not line.text.endswith(_HEADING_STOP)
        )
        if is_heading:
            end_para()
            if blocks and blocks[-1].is_heading and prev is not None and prev.size == line.size:
                # A heading wrapped over two lines.
                merged = join_pieces(blocks[-1].text, normalize_text(line.text))
                blocks[-1] = Block(text=merged, page=blocks[-1].page, is_heading=True)
            else:
                blocks.append(
                    Block(text=normalize_text(line.text), page=line.page, is_heading=True)
                )
            prev = line
            continue
        wrapped = prev is not None and _width(prev.text) >= full.get(prev.size, 80) * 0.85
        new_para = (
            prev is None
            or prev.page != line.page
            or prev.size != line.size
            or (prev.text.endswith(_SENTENCE_END) and not wrapped)
        )
        if new_para or not para:
            end_para()
            para_page = line.page
            para = line.text
        elif wrapped:
            para = join_pieces(para, line.text)
        else:
            para = para + "\n" + line.text
        prev = line
    end_para()
    return blocks


def load_pdf(path: Path, name: str) -> LoadedDocument:
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise EncryptedDocumentError(str(exc), name=name) from exc
            if not ok:
                raise EncryptedDocumentError(name=name)
        lines: list[_Line] = []
        for number, page in enumerate(reader.pages, start=1):
            lines.extend(_page_lines(page, number))
        page_count = len(reader.pages)
        meta_title = ""
        try:
            meta = reader.metadata
            meta_title = str(meta.title) if meta is not None and meta.title else ""
        except Exception:  # noqa: BLE001 - broken info dictionaries are common and harmless
            meta_title = ""
    except (EncryptedDocumentError, CorruptDocumentError):
        raise
    except FileNotDecryptedError as exc:
        raise EncryptedDocumentError(str(exc), name=name) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise CorruptDocumentError(str(exc), name=name, kind="PDF") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on malformed input
        raise CorruptDocumentError(repr(exc), name=name, kind="PDF") from exc
    blocks = _blocks(lines, _body_size(lines))
    title = normalize_text(meta_title)
    if not title:
        title = next((b.text for b in blocks if b.is_heading), "")
    return LoadedDocument(blocks=tuple(blocks), title=title, page_count=page_count)
