"""PPTX (python-pptx, slide numbers and titles) and DOCX (python-docx, heading styles) loaders."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from knowledge.errors import CorruptDocumentError, EncryptedDocumentError
from knowledge.textnorm import normalize_text
from knowledge.types import Block, LoadedDocument

# Password-protected OOXML files are OLE compound files, not zip archives.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _check_container(path: Path, name: str, kind: str) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        raise EncryptedDocumentError(name=name)
    if not zipfile.is_zipfile(path):
        raise CorruptDocumentError("not a zip container", name=name, kind=kind)


def _table_rows(table: Any) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = normalize_text(cell.text).replace("\n", " ")
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _shape_texts(shapes: Any) -> Iterator[tuple[Any, str]]:
    ordered = sorted(shapes, key=lambda s: ((s.top or 0), (s.left or 0)))
    for shape in ordered:
        if getattr(shape, "shape_type", None) == 6 and hasattr(shape, "shapes"):  # group
            yield from _shape_texts(shape.shapes)
        elif getattr(shape, "has_table", False):
            rows = _table_rows(shape.table)
            if rows:
                yield shape, "\n".join(rows)
        elif getattr(shape, "has_text_frame", False):
            text = normalize_text(shape.text_frame.text)
            if text:
                yield shape, text


def _is_title(shape: Any) -> bool:
    if not getattr(shape, "is_placeholder", False):
        return False
    try:
        return "TITLE" in str(shape.placeholder_format.type)
    except ValueError:
        return False


def load_pptx(path: Path, name: str) -> LoadedDocument:
    _check_container(path, name, "PowerPoint")
    try:
        from pptx import Presentation

        deck = Presentation(str(path))
        slides = list(deck.slides)
        blocks: list[Block] = []
        for number, slide in enumerate(slides, start=1):
            items = list(_shape_texts(slide.shapes))
            title_index = next((i for i, (s, _) in enumerate(items) if _is_title(s)), None)
            if title_index is None and items:
                first = items[0][1]
                # Decks built from text boxes: a short first line acts as the slide title.
                if len(first) <= 80 and "\n" not in first:
                    title_index = 0
            for i, (_, text) in enumerate(items):
                blocks.append(Block(text=text, slide=number, is_heading=i == title_index))
            if slide.has_notes_slide:
                notes = normalize_text(slide.notes_slide.notes_text_frame.text)
                if notes:
                    blocks.append(Block(text=notes, slide=number))
        title = normalize_text(deck.core_properties.title or "")
    except (KeyError, ValueError, zipfile.BadZipFile, AttributeError, TypeError) as exc:
        raise CorruptDocumentError(repr(exc), name=name, kind="PowerPoint") from exc
    except Exception as exc:  # noqa: BLE001 - python-pptx/lxml raise many types on bad input
        raise CorruptDocumentError(repr(exc), name=name, kind="PowerPoint") from exc
    if not title:
        title = next((b.text for b in blocks if b.is_heading), "")
    return LoadedDocument(blocks=tuple(blocks), title=title, page_count=len(slides))


def _docx_items(document: Any) -> Iterator[tuple[str, str]]:
    """(kind, text) in body order; kind is 'heading', 'title' or 'text'."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = normalize_text(item.text)
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if style == "Title":
                yield "title", text
            elif style.startswith("Heading"):
                yield "heading", text
            else:
                yield "text", text
        elif isinstance(item, Table):
            rows = _table_rows(item)
            if rows:
                yield "text", "\n".join(rows)


def load_docx(path: Path, name: str) -> LoadedDocument:
    _check_container(path, name, "Word")
    try:
        import docx

        document = docx.Document(str(path))
        items = list(_docx_items(document))
        title = normalize_text(document.core_properties.title or "")
    except (KeyError, ValueError, zipfile.BadZipFile, AttributeError, TypeError) as exc:
        raise CorruptDocumentError(repr(exc), name=name, kind="Word") from exc
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types on bad input
        raise CorruptDocumentError(repr(exc), name=name, kind="Word") from exc
    blocks = [Block(text=t, is_heading=k != "text") for k, t in items]
    if not title:
        title = next((t for k, t in items if k == "title"), "") or next(
            (b.text for b in blocks if b.is_heading), ""
        )
    return LoadedDocument(blocks=tuple(blocks), title=title, page_count=0)
