"""Entry point: analyse one call transcript into a CallAnalysis."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from nlp.transcripts.aggregate import (
    DEFAULT_THRESHOLDS,
    CallThresholds,
    sentiment_arc,
    turn_objections,
    utterance_label,
)
from nlp.transcripts.competitors import CompetitorTracker, ExtraCompetitors
from nlp.transcripts.cues import BUYING_SIGNAL, is_question
from nlp.transcripts.errors import TranscriptError, TranscriptErrorCode
from nlp.transcripts.lang import count_units, detect_language
from nlp.transcripts.metrics import longest_monologue, talk_ratio
from nlp.transcripts.model import UtteranceModel, load_builtin_model
from nlp.transcripts.next_steps import find_next_steps, sentences
from nlp.transcripts.parse import DEFAULT_MAX_BYTES, format_seconds, parse_transcript
from nlp.transcripts.parse import read_transcript_bytes as _read_bytes
from nlp.transcripts.roles import assign_sides
from nlp.transcripts.summary import extractive_summary
from nlp.transcripts.types import (
    CallAnalysis,
    CompetitorHit,
    ObjectionHit,
    Side,
    Turn,
    UtteranceAnalysis,
)

_CHUNK_UNITS = 80
_MIN_UNITS = 6


def _validate_text(text: str, max_bytes: int) -> None:
    if not text or not text.strip():
        raise TranscriptError(TranscriptErrorCode.EMPTY, "the transcript is empty")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise TranscriptError(
            TranscriptErrorCode.TOO_LARGE,
            f"transcript is {size} bytes, the limit is {max_bytes}",
            size=size,
            limit=max_bytes,
        )
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if "\x00" in sample or controls > 0.01 * len(sample) + 2:
        raise TranscriptError(TranscriptErrorCode.BINARY, "the transcript is binary, not text")


def _chunks(text: str) -> list[str]:
    """Sentences of a turn (objections sit in one sentence); fragments join their neighbour."""
    out: list[str] = []
    for sent in sentences(text):
        if out and (count_units(out[-1]) < _MIN_UNITS or count_units(sent) < _MIN_UNITS):
            if count_units(out[-1]) + count_units(sent) <= _CHUNK_UNITS:
                out[-1] = f"{out[-1]} {sent}"
                continue
        out.append(sent)
    return out or [text]


def analyze_turns(
    turns: Sequence[Turn],
    *,
    vendor_names: Iterable[str] = (),
    customer_speakers: Iterable[str] | None = None,
    tracker: CompetitorTracker | None = None,
    lang: str,
    model: UtteranceModel,
    thresholds: CallThresholds = DEFAULT_THRESHOLDS,
) -> CallAnalysis:
    sides = assign_sides(turns, vendor_names=vendor_names, customer_speakers=customer_speakers)
    tracker = tracker or CompetitorTracker()
    name_words = {w for sp in sides for w in sp.split()} | set(sides)
    # Only customer turns are classified (the call's verdict is the customer's attitude),
    # sentence by sentence since an objection sits in one sentence.
    chunked = [_chunks(t.text) if sides[t.speaker] is Side.CUSTOMER else [] for t in turns]
    flat = [c for cs in chunked for c in cs]
    flat_scores = model.score(flat)
    utts: list[UtteranceAnalysis] = []
    objections: list[ObjectionHit] = []
    comp_hits: dict[str, list[tuple[int, str, bool]]] = {}
    signals: list[str] = []
    pos = 0
    for idx, (turn, chunks) in enumerate(zip(turns, chunked, strict=True)):
        scores = flat_scores[pos : pos + len(chunks)]
        pos += len(chunks)
        side = sides[turn.speaker]
        comps = tracker.find(turn.text, ignore=name_words)
        for c in comps:
            comp_hits.setdefault(c, []).append((idx, turn.text, side is Side.CUSTOMER))
        sizes = [max(1, count_units(c)) for c in chunks]
        s_score = sum(
            (sc.sentiment["positive"] - sc.sentiment["negative"]) * w
            for sc, w in zip(scores, sizes, strict=True)
        ) / max(1, sum(sizes))
        cats: dict[str, str] = {}
        signal = False
        if side is Side.CUSTOMER:
            cats = turn_objections(chunks, scores, comps, thresholds)
            best_signal = max(sc.buying_signal for sc in scores)
            signal = best_signal >= 0.8 or (
                best_signal >= 0.5 and bool(BUYING_SIGNAL.search(turn.text))
            )
            if signal:
                signals.append(turn.text)
        for cat, quote in cats.items():
            objections.append(
                ObjectionHit(cat, quote, turn.speaker, format_seconds(turn.start), idx)
            )
        label = utterance_label(s_score, thresholds)
        utts.append(
            UtteranceAnalysis(
                index=idx, speaker=turn.speaker, side=side, text=turn.text, start=turn.start,
                sentiment=label, sentiment_score=round(s_score, 3), objections=tuple(cats),
                buying_signal=signal, is_question=is_question(turn.text), competitors=tuple(comps),
            )
        )  # fmt: skip
    has_steps, steps = find_next_steps(turns, sides)
    competitors = tuple(
        CompetitorHit(name, len(hits), hits[0][1], any(h[2] for h in hits))
        for name, hits in comp_hits.items()
    )
    questions = {
        side.value: sum(1 for u in utts if u.side is side and u.is_question) for side in Side
    }
    return CallAnalysis(
        lang=lang,
        customer_speakers=tuple(sp for sp, s in sides.items() if s is Side.CUSTOMER),
        vendor_speakers=tuple(sp for sp, s in sides.items() if s is Side.VENDOR),
        sentiment=sentiment_arc(utts, next_steps=has_steps, th=thresholds),
        objections=tuple(objections),
        competitors=competitors,
        next_steps=has_steps,
        next_step_items=tuple(steps),
        talk_ratio=talk_ratio(turns, sides, lang),
        longest_monologue=longest_monologue(turns, sides),
        questions=questions,
        buying_signals=tuple(signals),
        summary=extractive_summary(utts, objections, steps),
        utterances=tuple(utts),
    )


def analyze_transcript(
    text: str,
    *,
    vendor_names: Iterable[str] = (),
    customer_speakers: Iterable[str] | None = None,
    extra_competitors: ExtraCompetitors | None = None,
    own_products: Iterable[str] = (),
    lang_hint: str | None = None,
    model: UtteranceModel | None = None,
    cache_dir: Path | str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    thresholds: CallThresholds = DEFAULT_THRESHOLDS,
) -> CallAnalysis:
    """Analyse a call transcript (plain lines, WebVTT, SRT or docx text) in Chinese or English.

    vendor_names: the CRM users (the vendor's people); customer_speakers overrides the
    side detection; extra_competitors adds tenant tracker entries ({name: [aliases]} or
    names); own_products drops the tenant's own names from the default tracker; model
    replaces the built-in utterance classifier (trained at first use, cached in cache_dir).
    Raises TranscriptError for input it cannot analyse.
    """
    _validate_text(text, max_bytes)
    turns = parse_transcript(text)
    if not turns:
        raise TranscriptError(TranscriptErrorCode.NO_SPEAKERS, "no 'Name: text' speaker lines")
    speakers = {t.speaker for t in turns}
    if len(speakers) < 2:
        raise TranscriptError(
            TranscriptErrorCode.SINGLE_SPEAKER,
            f"only one speaker ({next(iter(speakers))}); a call needs two sides",
        )
    lang = (
        lang_hint if lang_hint in ("zh", "en") else detect_language(" ".join(t.text for t in turns))
    )
    if lang not in ("zh", "en"):
        raise TranscriptError(
            TranscriptErrorCode.UNSUPPORTED_LANGUAGE,
            "the transcript is neither Chinese nor English",
            lang=lang_hint or lang,
        )
    tracker = CompetitorTracker(extra=extra_competitors, exclude=own_products)
    return analyze_turns(
        turns,
        vendor_names=vendor_names,
        customer_speakers=customer_speakers,
        tracker=tracker,
        lang=lang,
        model=model or load_builtin_model(cache_dir),
        thresholds=thresholds,
    )


def analyze_transcript_file(
    data: bytes, *, filename: str = "", max_bytes: int = DEFAULT_MAX_BYTES, **kwargs: object
) -> CallAnalysis:
    """Same as analyze_transcript for an uploaded .txt/.vtt/.srt file's bytes."""
    text = _read_bytes(data, filename=filename, max_bytes=max_bytes)
    return analyze_transcript(text, max_bytes=max_bytes, **kwargs)  # type: ignore[arg-type]
