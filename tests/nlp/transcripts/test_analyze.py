"""End-to-end analysis of transcripts written for the tests, and refusal of bad input."""

from __future__ import annotations

import json

import pytest

from nlp.transcripts import TranscriptError, TranscriptErrorCode, analyze_transcript
from nlp.transcripts.model import BuiltinUtteranceModel

from .samples import EN_CALL, ZH_CALL


def test_english_call(model: BuiltinUtteranceModel) -> None:
    result = analyze_transcript(EN_CALL, vendor_names=["Maya Lopez"], model=model)
    assert result.lang == "en"
    assert result.customer_speakers == ("Tom Berg",)
    assert {"price", "competitor", "security", "authority"} <= set(result.objection_categories)
    assert "integration" not in result.objection_categories
    price = next(o for o in result.objections if o.category == "price")
    assert "budget" in price.quote and price.speaker == "Tom Berg"
    assert [c.name for c in result.competitors] == ["Zoho"]
    assert result.competitors[0].mentioned_by_customer
    assert result.next_steps is True
    step = result.next_step_items[-1]
    assert "Thursday" in (step.due or "")
    assert result.questions["vendor"] >= 3
    assert result.summary and all(": " in line for line in result.summary)


def test_chinese_call(model: BuiltinUtteranceModel) -> None:
    result = analyze_transcript(ZH_CALL, model=model)
    assert result.lang == "zh"
    assert result.customer_speakers == ("刘总",)
    assert {"price", "competitor", "integration", "authority"} <= set(result.objection_categories)
    assert [c.name for c in result.competitors] == ["纷享销客", "金蝶"]
    assert result.next_steps is True
    assert any("周三" in (s.due or "") for s in result.next_step_items)
    assert result.talk_ratio.unit == "chars"


def test_no_next_step_when_customer_puts_it_off(model: BuiltinUtteranceModel) -> None:
    text = (
        "Rep: Thanks for the time, Leo. Could we set up a pilot with your team?\n"
        "Leo: Honestly, not this year. We just renewed our current tool and the budget is gone.\n"
        "Rep: Understood. Could I check back in the spring?\n"
        "Leo: You can try. No promises, we'll reach out if we need anything.\n"
    )
    result = analyze_transcript(text, vendor_names=["Rep"], model=model)
    assert result.next_steps is False
    assert "timing" in result.objection_categories
    assert result.sentiment.overall.value in ("negative", "neutral")


def test_positive_call_is_positive(model: BuiltinUtteranceModel) -> None:
    text = (
        "Ivy (AE): How did the trial go?\n"
        "Sam (Customer): Really well, the team loves it and it saves us hours every week.\n"
        "Ivy (AE): Great to hear. Anything missing?\n"
        "Sam (Customer): Nothing really, it does everything we need. Let's move forward.\n"
        "Ivy (AE): I'll send the order form today and we kick off on Monday at 9am?\n"
        "Sam (Customer): Perfect, Monday at 9 works. Thanks!\n"
    )
    result = analyze_transcript(text, model=model)
    assert result.sentiment.overall.value == "positive"
    assert result.next_steps is True
    assert result.objection_categories == ()


def test_customer_override_and_tenant_competitor(model: BuiltinUtteranceModel) -> None:
    text = "A: We are comparing you with Brightdesk, they are cheaper.\nB: What do they charge?\n"
    result = analyze_transcript(
        text, customer_speakers=["A"], extra_competitors={"Brightdesk": []}, model=model
    )
    assert result.customer_speakers == ("A",)
    assert [c.name for c in result.competitors] == ["Brightdesk"]


def test_to_dict_is_json_serialisable(model: BuiltinUtteranceModel) -> None:
    data = analyze_transcript(EN_CALL, model=model).to_dict(with_utterances=True)
    again = json.loads(json.dumps(data, ensure_ascii=False))
    assert again["customer_sentiment"] in ("positive", "neutral", "negative")
    assert again["talk_ratio"]["customer"] + again["talk_ratio"]["vendor"] > 100
    assert len(again["utterances"]) == 13


@pytest.mark.parametrize(
    ("text", "kwargs", "code"),
    [
        ("", {}, TranscriptErrorCode.EMPTY),
        (
            "just some notes about the meeting\nwith no speakers",
            {},
            TranscriptErrorCode.NO_SPEAKERS,
        ),
        ("Ann: hello\nAnn: anyone there?", {}, TranscriptErrorCode.SINGLE_SPEAKER),
        ("Ann: hello\nBob: hi\n" * 50, {"max_bytes": 200}, TranscriptErrorCode.TOO_LARGE),
        (
            "Ann: \x00\x01\x02\x03\x04\x05\x06\nBob: \x07\x08\x0e\x0f",
            {},
            TranscriptErrorCode.BINARY,
        ),
        (
            "Ana: Buenos días, ¿qué tal la prueba con el equipo de ventas?\n"
            "Luis: Muy bien, pero el precio es demasiado alto para nosotros este año.\n",
            {},
            TranscriptErrorCode.UNSUPPORTED_LANGUAGE,
        ),
    ],
)
def test_bad_input(
    text: str, kwargs: dict[str, object], code: TranscriptErrorCode, model: BuiltinUtteranceModel
) -> None:
    with pytest.raises(TranscriptError) as err:
        analyze_transcript(text, model=model, **kwargs)  # type: ignore[arg-type]
    assert err.value.code is code
    assert code.value in str(err.value)
