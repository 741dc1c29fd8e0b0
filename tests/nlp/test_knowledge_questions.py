"""Questions about products, prices, rivals and collateral go to search_knowledge; close
neighbours (a deal lost to a rival, a visit where the customer compared vendors) do not."""

from __future__ import annotations

import random

import pytest

from nlp.data import knowledge_compose as kc
from nlp.local_parser import LocalParser
from nlp.model_store import DEFAULT_DATA, load_rows
from nlp.slots import Entity
from nlp.tagger import _join_honorifics
from nlp.types import Intent

NOW = "2026-11-18T10:00:00+08:00"


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> LocalParser:
    # Same cache folder as the other parser tests: the models are trained once per session.
    local = LocalParser(tmp_path_factory.getbasetemp() / "nlp-model-cache")
    local.warm_up()
    return local


def parse(parser: LocalParser, text: str) -> tuple[Intent, dict[str, object]]:
    result = parser.parse(text, now_iso=NOW, timezone="Asia/Shanghai")
    return result.intent, dict(result.slots)


@pytest.mark.parametrize(
    ("text", "competitor"),
    [
        ("和纷享销客比我们优势是什么", "纷享销客"),
        ("和隼云比我们优势是什么", "隼云"),
        ("what are our advantages vs HubSpot", "HubSpot"),
        ("跟鹿客比我们有啥亮点", "鹿客"),
        ("飞象CRM跟我们的差别", "飞象CRM"),
        ("我们对比简道云强在什么地方", "简道云"),
        ("what's the edge we have over Kolibri", "Kolibri"),
        ("Orbital CRM or us, why would they pick us?", "Orbital CRM"),
        ("how do we compare with Pipedrive on mobile", "Pipedrive"),
        ("客户觉得销售易功能更全 我们怎么说服他", "销售易"),
        ("give me the competitive comparison with Monday.com", "Monday.com"),
    ],
)
def test_comparisons_name_the_rival_and_no_account(
    parser: LocalParser, text: str, competitor: str
) -> None:
    intent, slots = parse(parser, text)
    assert intent is Intent.SEARCH_KNOWLEDGE
    assert slots == {"competitor": competitor}


@pytest.mark.parametrize(
    "text",
    [
        "专业版多少钱",
        "how much is the professional edition?",
        "demo script最新版在哪",
        "旗舰版报价",
        "标准版一个账号一年多少",
        "is the premium plan priced per user?",
        "what do we charge for the business edition",
        "有没有能发给客户的安全合规说明",
        "上周那个新版PPT在哪里下载",
        "do we have a customer reference in oil and gas",
        "有没有汽车行业的落地案例",
        "能对接用友U8吗",
        "can we do single sign-on with Google",
        "客户说我们太贵了怎么办",
        "prospect keeps saying they'll revisit next year, how do I handle that",
        "what's the talk track when a buyer says they have no budget",
        "客户要一份等保三级的证明",
    ],
)
def test_product_price_document_and_objection_questions(parser: LocalParser, text: str) -> None:
    intent, slots = parse(parser, text)
    assert intent is Intent.SEARCH_KNOWLEDGE
    assert slots == {}


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("输给了HubSpot", Intent.UPDATE_DEAL, {"competitor": "HubSpot", "stage": "lost"}),
        ("华为那单现在怎么样", Intent.QUERY_DEAL, {"account": "华为"}),
        (
            "我们丢了美团 被销售易拿走了",
            Intent.UPDATE_DEAL,
            {"account": "美团", "competitor": "销售易", "stage": "lost"},
        ),
        (
            "Globex picked HubSpot, mark it lost",
            Intent.UPDATE_DEAL,
            {"account": "Globex", "competitor": "HubSpot", "stage": "lost"},
        ),
        ("how's Initech going", Intent.QUERY_DEAL, {"account": "Initech"}),
        (
            "打电话给万科王经理 他说HubSpot报价更低",
            Intent.LOG_ACTIVITY,
            {
                "account": "万科",
                "contact": "王经理",
                "competitor": "HubSpot",
                "activity_type": "call",
            },
        ),
    ],
)
def test_rivals_in_deal_messages_keep_their_intent(
    parser: LocalParser, text: str, intent: Intent, expected: dict[str, object]
) -> None:
    got_intent, slots = parse(parser, text)
    assert got_intent is intent
    for key, value in expected.items():
        assert slots.get(key) == value


def test_visit_where_the_customer_compares_rivals_is_still_a_log(parser: LocalParser) -> None:
    intent, slots = parse(parser, "今天去了京东 李总说他们也在看纷享销客")
    assert intent is Intent.LOG_ACTIVITY
    assert slots["account"] == "京东"
    assert slots["competitor"] == "纷享销客"


def test_generated_knowledge_rows_label_rivals_only() -> None:
    rows = [r for r in load_rows(DEFAULT_DATA) if r["intent"] == "search_knowledge"]
    assert len(rows) >= 1000
    with_rival = 0
    for row in rows:
        assert set(row["slots"]) <= {"competitor"}
        assert {label for _, _, label in row["spans"]} <= {"competitor"}
        if "competitor" in row["slots"]:
            with_rival += 1
            start, end, _ = row["spans"][0]
            assert row["text"][start:end].casefold() == row["slots"]["competitor"].casefold()
    assert with_rival >= 300


def test_composed_questions_leave_only_the_rival_placeholder() -> None:
    rng = random.Random(3)
    for lang in ("zh", "en", "mx") * 200:
        text = kc.question(rng, lang)
        assert "{" not in text.replace("{K}", "")
        rival = kc.invented_rival(rng, lang)
        assert rival.strip() == rival and rival


def test_a_bare_title_joins_the_name_after_it() -> None:
    text = "spoke to Mr. Lee at Acme"
    split = [Entity(9, 12, "account", "Mr."), Entity(13, 16, "contact", "Lee")]
    assert [e.text for e in _join_honorifics(split, text)] == ["Mr. Lee"]
    lone = [Entity(9, 12, "contact", "Mr.")]
    assert [e.text for e in _join_honorifics(lone, text)] == ["Mr. Lee"]
    assert _join_honorifics([Entity(0, 3, "contact", "Mr.")], "Mr. at Acme") == []
