"""Stage, activity type and rival lexicons."""

from __future__ import annotations

import pytest

from nlp.deal_terms import find_activity, find_competitors, find_stage


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("项目推进到商务谈判了", "negotiation"),
        ("moving them to negotiation", "negotiation"),
        ("deal moved to negotation", "negotiation"),
        ("目前在需求分析阶段", "needs_analysis"),
        ("stage needs analysis", "needs_analysis"),
        ("阶段推到方案演示", "demo"),
        ("moved to demo stage", "demo"),
        ("进入实施阶段", "implementation"),
        ("合同签了", "won"),
        ("they signed 🎉", "won"),
        ("输给了对手", "lost"),
        ("we lost it", "lost"),
        ("lost to HubSpot", "lost"),
        ("先记成线索", "lead"),
        ("已经初步沟通过了", "contacted"),
        ("signed last week but stage is implementation now", "implementation"),
    ],
)
def test_stage(text: str, stage: str) -> None:
    found = find_stage(text)
    assert found is not None and found.value == stage


@pytest.mark.parametrize(
    "text",
    [
        "还没签",
        "not signed yet",
        "hasn't signed yet",
        "还没丢",
        "they lost budget this year",
        "争取Q1签下来",
        "他们下周来看演示",
    ],
)
def test_no_stage(text: str) -> None:
    assert find_stage(text) is None


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("今天拜访了客户", "visit"),
        ("went onsite", "visit"),
        ("打了个电话 下周来看演示", "call"),
        ("quick call w them", "call"),
        ("开了个腾讯会议", "meeting"),
        ("had a zoom w/ them", "meeting"),
        ("视频会议过了一遍方案", "meeting"),
        ("做了POC演示", "demo"),
        ("demo'd the module", "demo"),
        ("发了报价邮件", "email"),
        ("emailed the proposal", "email"),
        ("微信聊了", "message"),
        ("pinged her on WhatsApp", "message"),
        ("钉钉上回复了", "message"),
        ("slack call with the CTO", "call"),
    ],
)
def test_activity(text: str, activity: str) -> None:
    found = find_activity(text)
    assert found is not None and found.value == activity


def test_rivals_as_written_and_integration_targets_ignored() -> None:
    assert [t.value for t in find_competitors("他们也在看纷享销客和hubspot")] == [
        "纷享销客",
        "hubspot",
    ]
    assert find_competitors("lots of questions on the SAP integration") == []
    assert [t.value for t in find_competitors("we lost to SAP")] == ["SAP"]
