"""Pasted or uploaded call transcripts are analysed, filed on the deal and turned into tasks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.composition import build_router
from bot.services import Services
from connectors.types import Attachment, AttachmentKind, InboundMessage
from crm_store import account, activity, deal, task
from crm_store.db import transaction
from tests.bot.conftest import MessageFactory
from tests.conftest import Org

NOW = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)

NEGATIVE_CALL = """Emma (AE): Thanks for joining. How did the pilot at Initech go?
Dana (CTO): Honestly, not great. Your price is far above what HubSpot quoted us.
Emma (AE): I understand. What would make the price work for you?
Dana (CTO): I'm also worried about security, our legal team has concerns about data residency.
Dana (CTO): And frankly the integration with our ERP failed twice during the trial.
Emma (AE): I'm sorry to hear that. Can we look at the ERP logs together?
Dana (CTO): I don't think we have time for this quarter, to be honest.
"""

POSITIVE_CALL = """Emma (AE): Hi Dana, following up on the Initech proposal.
Dana (CTO): Great timing, the team loved the demo and the reporting module is exactly what we need.
Emma (AE): Wonderful. Any concerns left?
Dana (CTO): None really, pricing works for us. Can you send the contract?
Emma (AE): Sure, I will send the contract by Friday and we schedule the kickoff next Tuesday.
Dana (CTO): Perfect, we'll sign next week.
"""


def _deal(services: Services, org: Org) -> int:
    with transaction(services.session_factory) as s:
        acc = account.create_account(s, actor=org.rep_b, name="Initech")
        return deal.create_deal(s, actor=org.rep_b, account_id=acc.id, name="I", stage="demo").id


def test_negative_call_is_filed_with_risk_flag(
    services: Services, org: Org, make_message: MessageFactory
) -> None:
    deal_id = _deal(services, org)
    replies = build_router(services).handle(make_message(NEGATIVE_CALL, sender="emma"), now=NOW)
    card = replies[0]
    fields = dict(card.fields)
    assert card.title == "Call analysis"
    assert fields["Customer sentiment"].startswith("negative")
    assert "price" in fields["Objections"] and "HubSpot" in fields["Competitors"]
    assert f"deal #{deal_id}" in card.text and "Risk flagged" in card.text
    with services.session_factory() as s:
        d = deal.get_deal(s, actor=org.rep_b, deal_id=deal_id)
        (act,) = activity.list_activities(s, actor=org.rep_b, deal_id=deal_id)
    assert "negative_sentiment" in d.risk_flags and "HubSpot" in d.competitors
    assert act.type == "transcript" and act.details["sentiment"] == "negative"


def test_next_steps_become_tasks_after_one_confirmation(
    services: Services, org: Org, make_message: MessageFactory
) -> None:
    deal_id = _deal(services, org)
    router = build_router(services)
    replies = router.handle(make_message(POSITIVE_CALL, sender="emma"), now=NOW)
    assert dict(replies[0].fields)["Customer sentiment"].startswith("positive")
    offer = replies[-1]
    assert offer.buttons and "tasks" in offer.text
    with services.session_factory() as s:
        assert task.list_tasks(s, actor=org.rep_b) == []
    router.handle(make_message("yes", sender="emma"), now=NOW)
    with services.session_factory() as s:
        created = task.list_tasks(s, actor=org.rep_b, deal_id=deal_id)
        flags = deal.get_deal(s, actor=org.rep_b, deal_id=deal_id).risk_flags
    assert created and all(t.deal_id == deal_id for t in created)
    assert flags == []


def test_uploaded_vtt_file_is_analysed(services: Services, org: Org, tmp_path: Path) -> None:
    deal_id = _deal(services, org)
    vtt = tmp_path / "call.vtt"
    body = "".join(
        f"\n{i + 1}\n00:00:{i * 5:02d}.000 --> 00:00:{i * 5 + 4:02d}.000\n<v {line.split(':')[0]}>"
        f"{line.split(':', 1)[1]}\n"
        for i, line in enumerate(NEGATIVE_CALL.strip().splitlines())
    )
    vtt.write_text("WEBVTT\n" + body, encoding="utf-8")
    message = InboundMessage(
        platform="console",
        tenant="acme-soft",
        channel="c",
        sender="emma",
        text="",
        event_id="f1",
        received_at=NOW,
        attachments=(Attachment(kind=AttachmentKind.FILE, name="call.vtt", local_path=str(vtt)),),
    )
    card = build_router(services).handle(message, now=NOW)[0]
    assert card.title == "Call analysis" and f"#{deal_id}" in card.text


def test_bad_transcripts_get_clear_messages_and_store_nothing(
    services: Services, org: Org, make_message: MessageFactory, tmp_path: Path
) -> None:
    deal_id = _deal(services, org)
    router = build_router(services)
    binary = tmp_path / "call.txt"
    binary.write_bytes(b"\x00\x01\x02PK" * 100)
    message = InboundMessage(
        platform="console",
        tenant="acme-soft",
        channel="c",
        sender="emma",
        text="analyse",
        event_id="f2",
        received_at=NOW,
        attachments=(
            Attachment(kind=AttachmentKind.FILE, name="call.txt", local_path=str(binary)),
        ),
    )
    assert "not a text transcript" in router.handle(message, now=NOW)[0].text
    single = "Dana: one\nDana: two\nDana: three and more about Initech"
    reply = router.handle(make_message(single, sender="emma"), now=NOW)[0]
    assert "speaker" in reply.text
    with services.session_factory() as s:
        assert activity.list_activities(s, actor=org.rep_b, deal_id=deal_id) == []
