"""Signed, expiring file links for chat: a browser click carries no user header."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path
from urllib.parse import quote

from bot.knowledge.service import file_url, knowledge_dir
from bot.settings import Settings

LINK_TTL_S = 7 * 24 * 3600
_KEY_FILE = "link.key"


def _secret(settings: Settings) -> bytes:
    """Per-deployment key kept beside the collateral (shared by replicas that share the files)."""
    path = knowledge_dir(settings) / _KEY_FILE
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return _read_when_written(path)
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def _read_when_written(path: Path) -> bytes:
    for _ in range(50):
        key = path.read_bytes()
        if len(key) == 32:
            return key
        time.sleep(0.01)
    raise RuntimeError(f"link key {path} is incomplete")


def _signature(settings: Settings, doc_id: str, expires: int) -> str:
    message = f"{doc_id}\n{expires}".encode()
    return hmac.new(_secret(settings), message, hashlib.sha256).hexdigest()[:32]


def signed_file_url(settings: Settings, doc_id: str, *, now: float | None = None) -> str:
    """`{public_base_url}/knowledge/files/{doc_id}?exp=...&sig=...`, valid for a week."""
    expires = int((now if now is not None else time.time()) + LINK_TTL_S)
    sig = _signature(settings, doc_id, expires)
    return f"{file_url(settings, doc_id)}?exp={expires}&sig={quote(sig)}"


def verify_signature(
    settings: Settings, doc_id: str, expires: int, sig: str, *, now: float | None = None
) -> bool:
    if expires < (now if now is not None else time.time()):
        return False
    return hmac.compare_digest(_signature(settings, doc_id, expires), sig)
