"""Tell the customer's speakers from the vendor's: explicit lists first, then heuristics."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from nlp.transcripts.cues import is_question
from nlp.transcripts.types import Side, Turn

_I = re.IGNORECASE
VENDOR_ROLE = re.compile(
    r"\b(?:rep|sales|seller|vendor|ae|sdr|bdr|se|csm|account (?:executive|manager)|"
    r"solutions? (?:engineer|consultant|architect)|sales engineer|customer success|presales|"
    r"pre-sales|implementation|onboarding (?:specialist|manager)|partner manager)\b|"
    r"销售|客户经理|客户成功|售前|解决方案|实施|顾问|商务|渠道经理|大客户",
    _I,
)
CUSTOMER_ROLE = re.compile(
    r"\b(?:customer|client|prospect|buyer|cto|cio|ceo|cfo|coo|ciso|cmo|vp|head of|director|"
    r"manager|controller|it|hr|procurement|purchasing|owner|founder|lead|admin|officer|"
    r"president)\b|客户(?!经理|成功)|采购|总监|经理|主任|厂长|总经理|负责人|CTO|CIO|CFO|HRD|"
    r"财务|信息科|IT",
    _I,
)
CN_TITLE = re.compile(r"(?:总|经理|主任|厂长|总监|老师|局长|处长|院长|科长|部长|主管|董)$")
VENDOR_TALK = re.compile(
    r"thanks? (?:you )?for (?:joining|taking|making|your time|hopping|having)|"
    r"\bour (?:product|platform|solution|customers|clients|pricing|roadmap|tool|app|system|"
    r"implementation team|services team|support team)\b|"
    r"\bwe (?:offer|provide|support|integrate|have a (?:lite|standard|scheduled)|can set up)\b|"
    r"customers (?:like you|usually|often|tell us)|many of (?:our|the) (?:customers|clients)|"
    r"\bi'?ll send (?:you|over)|proposal|our team can|let me show|"
    r"我是.{1,10}的|我们(?:的)?(?:产品|系统|方案|平台|客户|团队可以)|感谢您|您|我们公司的产品|"
    r"很多客户|咱们",
    _I,
)
CUSTOMER_TALK = re.compile(
    r"\bwe(?:'re| are) (?:on|using|running|also)|\bwe use\b|\bour (?:budget|cfo|ceo|board|boss|"
    r"it (?:team|department)|current|team uses|people)\b|my (?:team|boss|people)|"
    r"we just renewed|too expensive|\bfor us\b|"
    r"我们现在|我们公司|我们这边|预算|领导|老板|你们(?:的|这个)?",
    _I,
)


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def _matches(speaker: str, names: Iterable[str]) -> bool:
    """Same person when equal, or when one name's words are a prefix run of the other's."""
    s = _norm(speaker)
    for name in names:
        n = _norm(name)
        if not n:
            continue
        if s == n:
            return True
        s_parts, n_parts = s.split(), n.split()
        if len(s_parts) > 1 or len(n_parts) > 1:
            short, long = sorted((s_parts, n_parts), key=len)
            if long[: len(short)] == short:
                return True
    return False


def _heuristic_scores(turns: Sequence[Turn], speakers: list[str]) -> dict[str, float]:
    """Positive means vendor-like."""
    score: dict[str, float] = defaultdict(float)
    questions: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for i, turn in enumerate(turns):
        sp = turn.speaker
        counts[sp] += 1
        if turn.role:
            if VENDOR_ROLE.search(turn.role):
                score[sp] += 6
            elif CUSTOMER_ROLE.search(turn.role):
                score[sp] -= 6
        if i == 0:
            score[sp] += 1.5
        score[sp] += 1.0 * len(VENDOR_TALK.findall(turn.text))
        score[sp] -= 1.0 * len(CUSTOMER_TALK.findall(turn.text))
        if is_question(turn.text):
            questions[sp] += 1
        # Whoever is greeted with an honorific or thanked for their time is the customer.
        for other in speakers:
            if other != sp and other in turn.text and i < 3:
                score[other] -= 1.0
    for sp in speakers:
        if CN_TITLE.search(sp):
            score[sp] -= 3
        if counts[sp]:
            score[sp] += 3.0 * (questions[sp] / counts[sp] - 0.3)
    return score


def assign_sides(
    turns: Sequence[Turn],
    *,
    vendor_names: Iterable[str] = (),
    customer_speakers: Iterable[str] | None = None,
) -> dict[str, Side]:
    """Side of every speaker; an explicit customer list wins, then vendor names, then cues."""
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    if customer_speakers is not None:
        customers = list(customer_speakers)
        sides = {sp: Side.CUSTOMER if _matches(sp, customers) else Side.VENDOR for sp in speakers}
        if any(s is Side.CUSTOMER for s in sides.values()):
            return sides
    vendors = list(vendor_names)
    known_vendor = {sp for sp in speakers if _matches(sp, vendors)}
    score = _heuristic_scores(turns, speakers)
    # An unknown speaker is vendor-side only with cues close to the most vendor-like one's,
    # and clearer cues still once a CRM user is known to be on the call.
    top = max(score[sp] for sp in speakers)
    threshold = max(3.0 if known_vendor else 1.0, 0.35 * top)
    sides = {}
    for sp in speakers:
        if sp in known_vendor:
            sides[sp] = Side.VENDOR
        else:
            sides[sp] = Side.VENDOR if score[sp] >= threshold else Side.CUSTOMER
    if all(s is Side.VENDOR for s in sides.values()):
        free = [sp for sp in speakers if sp not in known_vendor] or speakers
        sides[min(free, key=lambda sp: score[sp])] = Side.CUSTOMER
    if all(s is Side.CUSTOMER for s in sides.values()):
        sides[max(speakers, key=lambda sp: score[sp])] = Side.VENDOR
    return sides
