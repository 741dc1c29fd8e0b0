"""Customer vs vendor speakers, and the competitor tracker's aliases and tenant extras."""

from __future__ import annotations

from nlp.transcripts.competitors import CompetitorTracker
from nlp.transcripts.parse import parse_transcript
from nlp.transcripts.roles import assign_sides
from nlp.transcripts.types import Side

from .samples import EN_CALL, ZH_CALL


def _customers(text: str, **kwargs: object) -> set[str]:
    sides = assign_sides(parse_transcript(text), **kwargs)  # type: ignore[arg-type]
    return {sp for sp, side in sides.items() if side is Side.CUSTOMER}


def test_role_in_parentheses_decides() -> None:
    assert _customers(EN_CALL) == {"Tom Berg"}
    assert _customers(ZH_CALL) == {"刘总"}


def test_heuristics_without_roles() -> None:
    text = (
        "Kai: Hi Nora, thanks for joining. I'm from Brightdesk, let me show our platform.\n"
        "Nora: Sure. We're using spreadsheets today and my boss wants something better.\n"
        "Kai: What does your team track today? How many reps do you have?\n"
        "Nora: About forty. Our budget is tight this year.\n"
    )
    assert _customers(text) == {"Nora"}
    zh = (
        "周杰：王经理您好，我是云帆的周杰，给您介绍一下我们的产品。\n"
        "王经理：你说吧，我们现在用表格。\n"
    )
    assert _customers(zh) == {"王经理"}


def test_vendor_names_from_crm_users() -> None:
    text = "Ann: Hello.\nBen: Hello.\nCal: Hi both.\n"
    # First names match full CRM names too.
    assert _customers(text, vendor_names=["Ann Smith"]) == {"Ben", "Cal"}


def test_explicit_customer_speakers_override_everything() -> None:
    assert _customers(EN_CALL, customer_speakers=["Maya Lopez"]) == {"Maya Lopez"}
    assert _customers(EN_CALL, vendor_names=["Tom Berg"], customer_speakers=["Tom Berg"]) == {
        "Tom Berg"
    }


def test_aliases_map_to_canonical_names() -> None:
    tracker = CompetitorTracker()
    assert tracker.find("We run SF today, the SFDC admin left.") == ["Salesforce"]
    assert tracker.find("纷享的销售来过，销售易也在接触") == ["纷享销客", "销售易"]
    assert tracker.find("Moving off Dynamics 365 to HubSpot") == [
        "Microsoft Dynamics 365",
        "HubSpot",
    ]
    assert tracker.canonical("SF") == "Salesforce"
    assert tracker.canonical("悟空") == "悟空CRM"


def test_case_sensitive_aliases_skip_common_words() -> None:
    tracker = CompetitorTracker()
    assert (
        tracker.find("cut us some slack, the team dynamics are odd, I'll close the sf office") == []
    )
    assert tracker.find("We live in Slack") == ["Slack"]


def test_tenant_extras_and_own_products() -> None:
    tracker = CompetitorTracker(extra={"Acme Cloud": ["AcmeX", "阿克米"]}, exclude=["HubSpot"])
    assert tracker.find("AcmeX and 阿克米 and Acme Cloud, plus HubSpot") == ["Acme Cloud"]
    assert CompetitorTracker(extra=["Brightdesk"]).find("brightdesk is cheaper") == ["Brightdesk"]


def test_speaker_names_are_not_competitors() -> None:
    tracker = CompetitorTracker()
    assert tracker.find("Thanks, Deel.", ignore={"Deel"}) == []
    assert tracker.find("Deel payroll") == ["Deel"]
