"""The chat message behind a write, kept on activities and audit rows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceMessage:
    """`ref` is platform:tenant:channel:event_id; `text` the message as typed."""

    ref: str
    text: str
