"""Account spans: names with function characters, names at the start or after a verb,
lower-case English names, the bare-title contact case and the caller's own account list."""

from __future__ import annotations

import pytest

from nlp.gazetteer import Gazetteer
from nlp.local_parser import LocalParser
from nlp.slots import clean_surface
from nlp.types import Intent

NOW = "2026-03-02T10:00:00+08:00"


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> LocalParser:
    # Same cache folder as test_local_parser, so the models are trained once per session.
    local = LocalParser(tmp_path_factory.getbasetemp() / "nlp-model-cache")
    local.warm_up()
    return local


def parse(parser: LocalParser, text: str) -> tuple[Intent, dict[str, object]]:
    result = parser.parse(text, now_iso=NOW, timezone="Asia/Shanghai")
    return result.intent, dict(result.slots)


@pytest.mark.parametrize(
    ("text", "intent", "account"),
    [
        ("美的的单子现在什么阶段", Intent.QUERY_DEAL, "美的"),
        ("奈雪的茶的单子进展如何", Intent.QUERY_DEAL, "奈雪的茶"),
        ("蔚来的合同到哪了", Intent.QUERY_DEAL, "蔚来"),
        ("昨天去了趟好利来 见了王总", Intent.LOG_ACTIVITY, "好利来"),
        ("和达利园的刘经理通了电话", Intent.LOG_ACTIVITY, "达利园"),
        ("周五前把来伊份的报价发过去 提醒我", Intent.CREATE_TASK, "来伊份"),
        ("达美乐这单黄了 被销售易抢了", Intent.UPDATE_DEAL, "达美乐"),
    ],
)
def test_chinese_names_with_function_characters(
    parser: LocalParser, text: str, intent: Intent, account: str
) -> None:
    got_intent, slots = parse(parser, text)
    assert got_intent is intent
    assert slots.get("account") == account


@pytest.mark.parametrize(
    ("text", "intent", "account"),
    [
        ("Zentrix moved to demo stage, $45k", Intent.UPDATE_DEAL, "Zentrix"),
        ("Brontide close date -> Q3", Intent.UPDATE_DEAL, "Brontide"),
        ("Lost Quorvex to HubSpot, close it out", Intent.UPDATE_DEAL, "Quorvex"),
        ("follow up with dunmore analytics next week", Intent.CREATE_TASK, "dunmore analytics"),
        ("remind me to chase vexora labs on friday", Intent.CREATE_TASK, "vexora labs"),
    ],
)
def test_english_names_at_start_after_verbs_and_lower_case(
    parser: LocalParser, text: str, intent: Intent, account: str
) -> None:
    got_intent, slots = parse(parser, text)
    assert got_intent is intent
    assert slots.get("account") == account


def test_meeting_with_deal_changes_stays_log_activity(parser: LocalParser) -> None:
    intent, slots = parse(parser, "Met Acme CTO, moved to negotiation, 120k")
    assert intent is Intent.LOG_ACTIVITY
    assert slots["account"] == "Acme"
    assert slots["contact"] == "CTO"
    assert slots["activity_type"] == "meeting"
    assert slots["stage"] == "negotiation"
    assert slots["amount"] == 120000


def test_no_one_character_chinese_account(parser: LocalParser) -> None:
    for text in ("蔚来还在比价", "美的那边下周再约", "深圳今天下雨"):
        for entity in parser.models.tagger.tag(text):
            assert not (entity.label == "account" and len(entity.text) == 1), entity


def test_chinese_account_does_not_run_across_a_space(parser: LocalParser) -> None:
    for entity in parser.models.tagger.tag("新建商机 锦鲤优选 会员系统 30万"):
        assert " " not in entity.text


def test_caller_accounts_win_over_the_tagger(parser: LocalParser) -> None:
    text = "quarrelwood那单进展如何"
    plain = parser.parse(text, now_iso=NOW, timezone="UTC")
    known = parser.parse(text, now_iso=NOW, timezone="UTC", accounts=["Quarrelwood", "别的公司"])
    assert known.intent is Intent.QUERY_DEAL
    assert known.slots["account"] == "quarrelwood"
    # The protocol call without the keyword still works and gives a result of its own.
    assert plain.intent is Intent.QUERY_DEAL


def test_gazetteer_matches_whole_names_longest_first() -> None:
    gaz = Gazetteer(["美的", "美的置业", "Acme"])
    assert gaz.find("美的置业和美的都在谈") == [(0, 4), (5, 7)]
    assert gaz.find("acme's renewal, not Acmeville") == [(0, 4)]


def test_possessive_stripped_but_names_ending_in_de_kept() -> None:
    assert clean_surface("华为的") == "华为"
    assert clean_surface("Acme's") == "Acme"
    assert clean_surface("美的") == "美的"
