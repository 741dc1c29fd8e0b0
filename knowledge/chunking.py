"""Turn loaded blocks into passages that keep their heading and page/slide, dropping repeats."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from knowledge.textnorm import detect_language, language_shares, split_sentences
from knowledge.types import Block, Chunk

DEFAULT_TARGET = 220
"""Passage size in 'units': one CJK character or half an English word each."""


def text_units(text: str) -> int:
    cjk, words = language_shares(text)
    return cjk + 2 * words + 1


@dataclass
class _Open:
    heading: str
    page: int | None
    slide: int | None
    parts: list[str]
    units: int


def _pieces(text: str, target: int) -> list[str]:
    """Split an over-long block at sentence boundaries into pieces of at most ``target``."""
    if text_units(text) <= target:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in split_sentences(text):
        candidate = f"{current}\n{sentence}" if current else sentence
        if current and text_units(candidate) > target:
            pieces.append(current)
            current = sentence
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).lower().encode("utf-8")).hexdigest()[:24]


def chunk_blocks(
    blocks: tuple[Block, ...] | list[Block],
    doc_id: str,
    version: int,
    *,
    target: int = DEFAULT_TARGET,
) -> list[Chunk]:
    """Group consecutive blocks under one heading and page/slide into passages near ``target``."""
    chunks: list[Chunk] = []
    seen: set[str] = set()
    heading = ""
    heading_used = True
    current: _Open | None = None

    def emit(block: _Open) -> None:
        text = "\n".join(block.parts).strip()
        if not text:
            return
        digest = content_hash(text)
        if digest in seen:  # repeated boilerplate (footers, disclaimers) is indexed once
            return
        seen.add(digest)
        chunks.append(
            Chunk(
                chunk_id=f"{doc_id}::v{version}::{len(chunks)}",
                doc_id=doc_id,
                ordinal=len(chunks),
                text=text,
                heading=block.heading,
                page=block.page,
                slide=block.slide,
                language=detect_language(text),
            )
        )

    for block in blocks:
        if block.is_heading:
            if current is not None:
                emit(current)
                current = None
            if not heading_used and heading:
                # A heading with nothing under it (a title slide) is still searchable.
                emit(_Open(heading, block.page, block.slide, [heading], text_units(heading)))
            heading = block.text
            heading_used = False
            continue
        heading_used = True
        for piece in _pieces(block.text, target):
            units = text_units(piece)
            same_place = (
                current is not None
                and current.heading == heading
                and current.page == block.page
                and current.slide == block.slide
            )
            if current is not None and (not same_place or current.units + units > target):
                emit(current)
                current = None
            if current is None:
                current = _Open(heading, block.page, block.slide, [piece], units)
            else:
                current.parts.append(piece)
                current.units += units
    if current is not None:
        emit(current)
    if not heading_used and heading:
        emit(_Open(heading, None, None, [heading], text_units(heading)))
    return chunks
