"""Load a file into text blocks, after size/type/emptiness checks that read nothing heavy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from knowledge.errors import (
    EmptyDocumentError,
    FileMissingError,
    FileTooLargeError,
    NoTextError,
    UnsupportedFileTypeError,
)
from knowledge.loaders.office import load_docx, load_pptx
from knowledge.loaders.pdf import load_pdf
from knowledge.loaders.text import load_html, load_markdown, load_txt
from knowledge.types import LoadedDocument

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

Loader = Callable[[Path, str], LoadedDocument]

LOADERS: dict[str, Loader] = {
    ".pdf": load_pdf,
    ".pptx": load_pptx,
    ".docx": load_docx,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_txt,
    ".text": load_txt,
    ".html": load_html,
    ".htm": load_html,
}

SUPPORTED_SUFFIXES = tuple(sorted(LOADERS))


def check_file(path: Path, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Validate existence, type and size from the file system only; returns the size."""
    suffix = Path(name).suffix.lower()
    if suffix not in LOADERS:
        raise UnsupportedFileTypeError(suffix=suffix or name)
    if not path.is_file():
        raise FileMissingError(name=name)
    size = path.stat().st_size
    if size > max_bytes:
        raise FileTooLargeError(size_mb=size / 1024 / 1024, limit_mb=max_bytes / 1024 / 1024)
    if size == 0:
        raise EmptyDocumentError(name=name)
    return size


def load_file(
    path: Path, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> LoadedDocument:
    """Check then parse ``path``; ``name`` is the original file name (decides the type)."""
    name = name or path.name
    check_file(path, name, max_bytes)
    loaded = LOADERS[Path(name).suffix.lower()](path, name)
    if not any(block.text.strip() for block in loaded.blocks):
        if Path(name).suffix.lower() == ".pdf":
            raise NoTextError(name=name)
        raise EmptyDocumentError(name=name)
    return loaded
