"""Every transcript format the spec names parses into the right speakers, text and times."""

from __future__ import annotations

import pytest

from nlp.transcripts.errors import TranscriptError, TranscriptErrorCode
from nlp.transcripts.parse import from_docx_text, parse_transcript, read_transcript_bytes


def test_plain_name_colon_lines_and_continuations() -> None:
    turns = parse_transcript("Ann: Hello there.\nBob: Hi Ann.\nsecond line of Bob\nAnn: Bye.")
    assert [(t.speaker, t.text) for t in turns] == [
        ("Ann", "Hello there."),
        ("Bob", "Hi Ann.\nsecond line of Bob"),
        ("Ann", "Bye."),
    ]


def test_role_in_parentheses_ascii_and_fullwidth() -> None:
    turns = parse_transcript("Lee Park (Account Executive): Hi.\n王芳（采购经理）：你好。")
    assert (turns[0].speaker, turns[0].role) == ("Lee Park", "Account Executive")
    assert (turns[1].speaker, turns[1].role, turns[1].text) == ("王芳", "采购经理", "你好。")


def test_generic_role_outside_person_inside() -> None:
    turns = parse_transcript("Rep (Omar): Morning.\nCustomer (Dana, CTO): Morning, Omar.")
    assert [(t.speaker, t.role) for t in turns] == [("Omar", "Rep"), ("Dana", "Customer, CTO")]


def test_bracketed_timestamps() -> None:
    turns = parse_transcript("[00:12:03] Raj: Start.\n[01:00:00] Kim: Later.")
    assert [(t.speaker, t.start) for t in turns] == [("Raj", 723.0), ("Kim", 3600.0)]


def test_chinese_colon() -> None:
    turns = parse_transcript("张总：价格有点高。\n李明：我们可以再谈。")
    assert [(t.speaker, t.text) for t in turns] == [
        ("张总", "价格有点高。"),
        ("李明", "我们可以再谈。"),
    ]


def test_webvtt_voice_tags_and_name_prefix() -> None:
    vtt = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.500\n<v Sam Okafor>Hello Helen.</v>\n\n"
        "00:00:05.000 --> 00:00:09.000\n<v.loud Helen Osei>Hi Sam.\n\n"
        "00:00:09.500 --> 00:00:12.000\nHelen Osei: Second cue.\n"
    )
    turns = parse_transcript(vtt)
    assert [(t.speaker, t.text, t.start, t.end) for t in turns] == [
        ("Sam Okafor", "Hello Helen.", 1.0, 4.5),
        ("Helen Osei", "Hi Sam.", 5.0, 9.0),
        ("Helen Osei", "Second cue.", 9.5, 12.0),
    ]


def test_srt_with_comma_milliseconds() -> None:
    srt = (
        "1\n00:00:02,500 --> 00:00:06,000\nAmy: Hi Greg.\n\n"
        "2\n00:01:00,000 --> 00:01:03,250\nGreg: Hey.\n"
    )
    turns = parse_transcript(srt)
    assert [(t.speaker, t.start, t.end) for t in turns] == [
        ("Amy", 2.5, 6.0),
        ("Greg", 60.0, 63.25),
    ]


def test_docx_text_paragraphs() -> None:
    text = from_docx_text(["Ann: Hello\vstill Ann", "", "Bob:\xa0Hi"])
    assert [(t.speaker, t.text) for t in parse_transcript(text)] == [
        ("Ann", "Hello\nstill Ann"),
        ("Bob", "Hi"),
    ]


def test_read_bytes_decodes_utf8_gb18030_utf16() -> None:
    body = "张总：你好\n李明：您好"
    for data in (body.encode("utf-8"), body.encode("gb18030"), body.encode("utf-16")):
        assert read_transcript_bytes(data) == body


@pytest.mark.parametrize(
    ("data", "kwargs", "code"),
    [
        (b"A: hi\n" * 100, {"max_bytes": 100}, TranscriptErrorCode.TOO_LARGE),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", {}, TranscriptErrorCode.BINARY),
        (b"PK\x03\x04rest-of-a-docx", {"filename": "call.docx"}, TranscriptErrorCode.BINARY),
        (bytes(range(1, 32)) * 20, {}, TranscriptErrorCode.BINARY),
    ],
)
def test_read_bytes_refuses(
    data: bytes, kwargs: dict[str, object], code: TranscriptErrorCode
) -> None:
    with pytest.raises(TranscriptError) as err:
        read_transcript_bytes(data, **kwargs)  # type: ignore[arg-type]
    assert err.value.code is code
