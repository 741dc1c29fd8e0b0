"""Slot assembly: only the intent's slots, close vs due dates, surfaces as written."""

from __future__ import annotations

from nlp.dates import resolve_now
from nlp.slots import SLOTS_BY_INTENT, Entity, build_slots, clean_surface
from nlp.types import Intent

NOW = resolve_now("2026-11-18T10:00:00+08:00")


def ents(text: str, **spans: str) -> list[Entity]:
    out = []
    for label, surface in spans.items():
        start = text.index(surface)
        out.append(Entity(start, start + len(surface), label, surface))
    return out


def test_log_activity_collects_deal_fields() -> None:
    text = "今天拜访了星河科技的周总，谈了报价，预计下月签约，金额50万"
    slots = build_slots(
        Intent.LOG_ACTIVITY, text, NOW, ents(text, account="星河科技", contact="周总")
    )
    assert slots == {
        "account": "星河科技",
        "contact": "周总",
        "activity_type": "visit",
        "close_date": "2026-12-31",
        "amount": 500000,
    }


def test_non_deadline_date_is_not_a_close_date() -> None:
    text = "和锦程教育开了个会 法务月底前给反馈"
    slots = build_slots(Intent.LOG_ACTIVITY, text, NOW, ents(text, account="锦程教育"))
    assert "close_date" not in slots


def test_task_date_is_due_date_and_contact_is_dropped() -> None:
    text = "提醒我明天给拓维的孙总打电话"
    slots = build_slots(Intent.CREATE_TASK, text, NOW, ents(text, account="拓维", contact="孙总"))
    assert slots == {"account": "拓维", "due_date": "2026-11-19"}


def test_update_deal_has_no_contact_or_activity() -> None:
    text = "Vexora deal: Maya says they signed, $80k, call me"
    slots = build_slots(Intent.UPDATE_DEAL, text, NOW, ents(text, account="Vexora", contact="Maya"))
    assert slots == {"account": "Vexora", "stage": "won", "amount": 80000, "currency": "USD"}


def test_intents_without_slots_return_nothing() -> None:
    for intent in (Intent.HELP, Intent.OTHER, Intent.QUERY_PIPELINE):
        assert build_slots(intent, "Salesforce 50万 明天 签了", NOW, []) == {}


def test_search_knowledge_only_competitor() -> None:
    slots = build_slots(Intent.SEARCH_KNOWLEDGE, "battlecard vs HubSpot for 50k deals", NOW, [])
    assert slots == {"competitor": "HubSpot"}


def test_slot_table_matches_spec_rows() -> None:
    assert SLOTS_BY_INTENT["create_deal"] == {"account", "contact", "amount", "currency", "stage"}
    assert SLOTS_BY_INTENT["query_deal"] == {"account"}
    assert SLOTS_BY_INTENT["analyze_transcript"] == {"account"}


def test_surface_cleanup_drops_possessive() -> None:
    assert clean_surface("Hooli's") == "Hooli"
    assert clean_surface("星河科技的") == "星河科技"
