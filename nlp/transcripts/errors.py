"""Typed errors for transcripts the analysis refuses, each with a stable code the bot translates."""

from __future__ import annotations

from enum import StrEnum


class TranscriptErrorCode(StrEnum):
    EMPTY = "transcript_empty"
    TOO_LARGE = "transcript_too_large"
    BINARY = "transcript_binary"
    NO_SPEAKERS = "transcript_no_speakers"
    SINGLE_SPEAKER = "transcript_single_speaker"
    UNSUPPORTED_LANGUAGE = "transcript_unsupported_language"


class TranscriptError(ValueError):
    """A transcript that cannot be analysed; `code` is stable, `message` is for logs."""

    def __init__(self, code: TranscriptErrorCode, message: str, **details: object) -> None:
        super().__init__(f"{code.value}: {message}")
        self.code = code
        self.message = message
        self.details = details
