"""Call transcript analysis: parse, tell sides apart, score utterances, summarise the call."""

from nlp.transcripts.analyze import analyze_transcript, analyze_transcript_file, analyze_turns
from nlp.transcripts.competitors import CompetitorTracker
from nlp.transcripts.errors import TranscriptError, TranscriptErrorCode
from nlp.transcripts.model import UtteranceModel, load_builtin_model
from nlp.transcripts.parse import from_docx_text, parse_transcript, read_transcript_bytes
from nlp.transcripts.types import CallAnalysis

__all__ = [
    "CallAnalysis",
    "CompetitorTracker",
    "TranscriptError",
    "TranscriptErrorCode",
    "UtteranceModel",
    "analyze_transcript",
    "analyze_transcript_file",
    "analyze_turns",
    "from_docx_text",
    "load_builtin_model",
    "parse_transcript",
    "read_transcript_bytes",
]
