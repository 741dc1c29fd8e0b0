"""Understood messages become confirmed CRM writes; dialogues persist and time out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.composition import build_router
from bot.services import Services
from connectors.types import ButtonAction
from crm_store import account, activity, audit, contact, deal, stage_history, task
from crm_store.db import transaction
from tests.bot.conftest import MessageFactory
from tests.conftest import Org

NOW = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def _seed(services: Services, org: Org) -> tuple[int, int]:
    with transaction(services.session_factory) as s:
        acc = account.create_account(s, actor=org.rep_a, name="华为", aliases=["Huawei"])
        d = deal.create_deal(
            s, actor=org.rep_a, account_id=acc.id, name="HW", amount=300000, stage="demo"
        )
        return acc.id, d.id


def test_visit_with_deal_changes_is_confirmed_then_written(
    services: Services, org: Org, make_message: MessageFactory
) -> None:
    account_id, deal_id = _seed(services, org)
    router = build_router(services)
    text = "今天拜访了华为的张总，谈了报价，预计下月签约，金额50万"
    card = router.handle(make_message(text), now=NOW)[0]
    assert [b.value for b in card.buttons] == ["confirm", "cancel"]
    fields = dict(card.fields)
    assert fields["金额"] == "¥50万" and fields["预计签约"] == "2026年12月31日"
    with services.session_factory() as s:  # nothing written before the confirmation
        assert activity.list_activities(s, actor=org.rep_a, deal_id=deal_id) == []

    done = router.handle(make_message("确认"), now=NOW)[0]
    assert "已记录" in done.text
    with services.session_factory() as s:
        d = deal.get_deal(s, actor=org.rep_a, deal_id=deal_id)
        acts = activity.list_activities(s, actor=org.rep_a, deal_id=deal_id)
        people = contact.list_contacts(s, actor=org.rep_a, account_id=account_id)
        last = audit.list_entries(s, actor=org.admin, entity="deal", entity_id=deal_id)[0]
    assert float(d.amount or 0) == 500000 and d.close_date.isoformat() == "2026-12-31"
    assert [a.type for a in acts] == ["visit"] and acts[0].source_text == text
    assert [p.name for p in people] == ["张总"]
    assert last.source_text == text  # the audit row carries the original message, not "确认"


def test_stage_change_by_button_writes_stage_history_and_undo_reverts(
    services: Services, org: Org, make_message: MessageFactory
) -> None:
    _, deal_id = _seed(services, org)
    router = build_router(services)
    router.handle(make_message("华为的单子进入商务谈判了"), now=NOW)
    click = ButtonAction(action_id="sb_action", value="confirm")
    router.handle(make_message("", action=click), now=NOW)
    with services.session_factory() as s:
        stages = [r.stage for r in stage_history.history_of(s, deal_id=deal_id)]
    assert stages == ["demo", "negotiation"]

    assert "已撤销" in router.handle(make_message("撤销"), now=NOW)[0].text
    with services.session_factory() as s:
        assert deal.get_deal(s, actor=org.rep_a, deal_id=deal_id).stage == "demo"
        assert [r.stage for r in stage_history.history_of(s, deal_id=deal_id)] == ["demo"]


def test_cancel_writes_nothing(services: Services, org: Org, make_message: MessageFactory) -> None:
    _, deal_id = _seed(services, org)
    router = build_router(services)
    card = router.handle(make_message("Huawei deal amount is now 900k"), now=NOW)[0]
    assert dict(card.fields)["Amount"] == "¥900,000"
    assert router.handle(make_message("取消"), now=NOW)[0].text == "好的，已取消。"
    with services.session_factory() as s:
        assert float(deal.get_deal(s, actor=org.rep_a, deal_id=deal_id).amount or 0) == 300000


def test_ambiguous_account_offers_top_candidates(
    services: Services, org: Org, make_message: MessageFactory
) -> None:
    with transaction(services.session_factory) as s:
        for name in ("星河制造", "星河物流", "星河科技"):
            account.create_account(s, actor=org.rep_a, name=name)
    router = build_router(services)
    ask = router.handle(make_message("今天给星河打了个电话 聊了聊需求"), now=NOW)[0]
    assert len(ask.buttons) == 3 and "1." in ask.text
    chosen = ask.buttons[1]
    reply = router.handle(make_message("2"), now=NOW)[0]
    assert chosen.label in reply.text
    with services.session_factory() as s:
        acts = activity.list_activities(s, actor=org.rep_a)
    assert len(acts) == 1 and acts[0].type == "call"


def test_unknown_account_is_created_only_after_confirmation(
    services: Services, org: Org, make_message: MessageFactory
) -> None:
    router = build_router(services)
    card = router.handle(make_message("今天拜访了宁德时代的王经理"), now=NOW)[0]
    assert card.buttons and "宁德时代" in dict(card.fields).values()
    with services.session_factory() as s:
        assert account.list_accounts(s, actor=org.rep_a) == []
    router.handle(make_message("好的"), now=NOW)
    with services.session_factory() as s:
        assert [a.name for a in account.list_accounts(s, actor=org.rep_a)] == ["宁德时代"]


def test_task_asks_for_a_missing_date(
    services: Services, org: Org, make_message: MessageFactory
) -> None:
    _seed(services, org)
    router = build_router(services)
    ask = router.handle(make_message("提醒我给华为发报价"), now=NOW)[0]
    assert "什么时候" in ask.text
    done = router.handle(make_message("下周三"), now=NOW)[0]
    assert "2026年11月25日" in done.text
    with services.session_factory() as s:
        (t,) = task.list_tasks(s, actor=org.rep_a)
    assert t.due_at is not None and t.due_at.isoformat() == "2026-11-25T01:00:00+00:00"


def test_query_deal_card(services: Services, org: Org, make_message: MessageFactory) -> None:
    _, deal_id = _seed(services, org)
    card = build_router(services).handle(make_message("华为那个单子现在什么情况"), now=NOW)[0]
    assert f"#{deal_id}" in (card.title or "")
    assert dict(card.fields)["阶段"] == "方案演示"


def test_confirmation_expires(services: Services, org: Org, make_message: MessageFactory) -> None:
    _, deal_id = _seed(services, org)
    router = build_router(services)
    router.handle(make_message("华为的单子进入商务谈判了"), now=NOW)
    later = NOW + timedelta(minutes=services.settings.dialogue_ttl_minutes + 1)
    router.handle(make_message("确认"), now=later)
    with services.session_factory() as s:
        assert deal.get_deal(s, actor=org.rep_a, deal_id=deal_id).stage == "demo"


def test_pipeline_in_english(services: Services, org: Org, make_message: MessageFactory) -> None:
    _seed(services, org)
    with transaction(services.session_factory) as s:
        acc = account.create_account(s, actor=org.rep_b, name="Initech")
        deal.create_deal(
            s,
            actor=org.rep_b,
            account_id=acc.id,
            name="I",
            amount=120000,
            stage="negotiation",
            close_date=NOW.date() + timedelta(days=5),
        )
    reply = build_router(services).handle(
        make_message("how is my pipeline looking this quarter", sender="emma"), now=NOW
    )[0]
    assert reply.title == "Pipeline · mine"
    assert "Negotiation: 1 deals" in reply.text
    assert dict(reply.fields)["Weighted"] == "¥84,000"  # 120k at the negotiation weight 0.7
    assert reply.image_path is not None and reply.image_path.endswith(".png")
