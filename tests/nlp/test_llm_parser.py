"""LLM backend wiring with LangChain's fake chat models, and the local fallback."""

from __future__ import annotations

import json
import time

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessage

from nlp.llm_parser import FallbackParser, LLMParseError, LLMParser, answer_to_result
from nlp.types import Intent, ParseResult

NOW = "2026-11-18T10:00:00+08:00"


class StubLocal:
    """A Parser that records calls; stands in for the local parser in wiring tests."""

    def __init__(self) -> None:
        self.calls = 0

    def parse(self, text: str, *, now_iso: str, timezone: str) -> ParseResult:
        self.calls += 1
        return ParseResult(Intent.OTHER, {}, confidence=0.1, lang="zh")


class Boom:
    def parse(self, text: str, *, now_iso: str, timezone: str) -> ParseResult:
        raise ConnectionError("endpoint down")


class Slow:
    def parse(self, text: str, *, now_iso: str, timezone: str) -> ParseResult:
        time.sleep(1.0)
        return ParseResult(Intent.HELP)


def test_llm_answer_becomes_parse_result_with_only_allowed_slots() -> None:
    answer = {
        "intent": "update_deal",
        "slots": {
            "account": "华为",
            "amount": "1,200,000",
            "contact": "王工",
            "stage": "won",
            "close_date": "2026-12-31",
            "currency": "cny",
        },
        "confidence": 0.9,
    }
    model = FakeListChatModel(
        responses=["```json\n" + json.dumps(answer, ensure_ascii=False) + "\n```"]
    )
    result = LLMParser(model).parse("华为签了 120万", now_iso=NOW, timezone="UTC")
    assert result.intent is Intent.UPDATE_DEAL
    assert result.slots == {
        "account": "华为",
        "amount": 1200000,
        "stage": "won",
        "close_date": "2026-12-31",
        "currency": "CNY",
    }
    assert result.confidence == 0.9


def test_invalid_slot_values_are_dropped() -> None:
    content = json.dumps(
        {
            "intent": "log_activity",
            "slots": {
                "stage": "almost",
                "activity_type": "lunch",
                "close_date": "soon",
                "account": "Acme",
            },
        }
    )
    assert answer_to_result(content, lang="en").slots == {"account": "Acme"}


def test_fallback_on_malformed_answer() -> None:
    local = StubLocal()
    model = FakeListChatModel(responses=["sorry, I cannot help with that"])
    parser = FallbackParser(LLMParser(model), local)
    assert parser.parse("hi", now_iso=NOW, timezone="UTC").intent is Intent.OTHER
    assert local.calls == 1
    assert parser.last_error is not None and "LLMParseError" in parser.last_error


def test_fallback_on_unknown_intent() -> None:
    local = StubLocal()
    model = FakeListChatModel(responses=[json.dumps({"intent": "order_pizza", "slots": {}})])
    FallbackParser(LLMParser(model), local).parse("x", now_iso=NOW, timezone="UTC")
    assert local.calls == 1


def test_fallback_on_exception_and_timeout() -> None:
    local = StubLocal()
    FallbackParser(Boom(), local).parse("x", now_iso=NOW, timezone="UTC")
    parser = FallbackParser(Slow(), local, timeout_s=0.1)
    assert parser.parse("x", now_iso=NOW, timezone="UTC").intent is Intent.OTHER
    assert parser.last_error == "timeout"
    assert local.calls == 2


def test_primary_used_when_valid_with_generic_fake_model() -> None:
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

    local = StubLocal()
    reply = AIMessage(content=json.dumps({"intent": "help", "slots": {}, "confidence": 0.7}))
    model = GenericFakeChatModel(messages=iter([reply]))
    result = FallbackParser(LLMParser(model), local).parse("help", now_iso=NOW, timezone="UTC")
    assert result.intent is Intent.HELP and local.calls == 0


def test_malformed_json_raises() -> None:
    try:
        answer_to_result("{not json", lang="en")
    except LLMParseError:
        return
    raise AssertionError("expected LLMParseError")
