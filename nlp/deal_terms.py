"""Rules for stage, activity type and rival vendors named in a rep's message (zh/en)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.lexicons import COMPETITORS, CONTEXT_COMPETITORS


@dataclass(frozen=True, slots=True)
class Term:
    """A matched term: its code and where it was written."""

    value: str
    start: int
    end: int


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_B = r"(?<![A-Za-z])"
_E = r"(?![A-Za-z])"
_CTX = r"(?:阶段|stage|phase)"
_TO = (
    r"(?:推进到|推进至|推到|进入到?|到了|进到|改成|改为|更新到|更新为|调整为|调整到|变成|转入|转到"
    r"|moved? (?:them |it )?(?:in)?to|moving (?:them |it )?(?:in)?to|advanced? to|now in|is in"
    r"|into|to|in|→|->)"
)

# Stage names written out; a change verb or the word 'stage' nearby is not always needed.
_EXPLICIT: list[tuple[str, re.Pattern[str]]] = [
    ("negotiation", _c(rf"商务谈判|谈判阶段|议价阶段|进入谈判|到谈判|{_B}negot?i?[a-z]*ation{_E}")),
    ("negotiation", _c(rf"{_B}negotiat\w*|{_B}negociat\w*|{_B}negotation")),
    (
        "needs_analysis",
        _c(rf"需求分析|需求调研阶段|{_B}needs?[- ]analysis{_E}|discovery (?:stage|phase)"),
    ),
    ("demo", _c(rf"{_CTX}\s*\S{{0,6}}?(?:方案演示|演示|demo|poc){_E}?")),
    ("demo", _c(rf"(?:方案演示|演示|demo|poc)\s*{_CTX}")),
    ("demo", _c(rf"{_TO}\s*(?:方案演示|{_B}demo{_E})")),
    ("implementation", _c(rf"实施阶段|进入实施|到实施|实施中|{_TO}\s*实施|上线实施阶段")),
    (
        "implementation",
        _c(rf"{_B}implementation(?! plan| doc| guide| team| partner)|{_B}onboarding stage"),
    ),
    (
        "lead",
        _c(
            rf"线索|{_B}(?:new|a|as a|as|inbound|warm|qualified|fresh)\s+lead{_E}(?! time)|{_B}lead stage|{_B}prospect stage"  # noqa: E501
        ),
    ),
    (
        "contacted",
        _c(
            rf"初步沟通|初步接触|已经?联系|联系过|沟通过|已接触|{_B}contacted{_E}|{_B}first contact"
        ),
    ),
    (
        "won",
        _c(
            rf"赢单|{_B}closed[- ]won|{_B}(?:mark(?:ed)?|set) (?:it |as |to )*won{_E}|{_TO}\s*won{_E}"  # noqa: E501
        ),
    ),
    ("lost", _c(rf"丢单|输单|{_B}closed[- ]lost|{_B}(?:mark(?:ed)?|set) (?:it |as |to )*lost{_E}")),
]

_NEG_ZH = re.compile(r"(没|未|不|别|没有|还没|尚未|还未)$")
_NEG_EN = re.compile(
    r"(not|n't|never|no|yet to|isn't|hasn't|haven't|didn't|won't)\s+(?:yet\s+)?$", re.I
)

_IMPLIED: list[tuple[str, re.Pattern[str]]] = [
    (
        "won",
        _c(
            r"签了|签约了|已签|签下了|签下来了|签完了|签完|签合同了|合同签了|盖章了|盖的章|盖章|拿下了|拿下|成交了|中标了|赢了|搞定了"
        ),
    ),
    (
        "won",
        _c(
            rf"{_B}(?:signed|won|inked|closed the deal|closed it|landed it|got the deal|got the contract){_E}"  # noqa: E501
        ),
    ),
    (
        "lost",
        _c(
            r"丢了|输给|输了|黄了|没戏了|丢单了|放弃了|选了别家|选择了|最后选了|用了别家|被\S{1,8}抢了"
        ),
    ),
    (
        "lost",
        _c(
            rf"{_B}(?:we|i) lost{_E}|{_B}lost (?:it|the deal|this deal|this one|out|to){_E}|^lost{_E}"  # noqa: E501
        ),
    ),
    ("lost", _c(rf"{_B}lost\s+[A-Z]\w*(?:\s[A-Z]\w*)?\s+to{_E}|{_B}(?:went|go|going) with{_E}")),
    (
        "lost",
        _c(
            rf"{_B}(?:chose|picked|selected|signed with) (?!us{_E}|our{_E}|up{_E}){_B}|{_B}deal is dead|{_B}is lost{_E}|{_B}lost(?=了|掉)"  # noqa: E501
        ),
    ),
]


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start]
    return bool(_NEG_ZH.search(before.rstrip()) or _NEG_EN.search(before))


def find_stage(text: str) -> Term | None:
    """The stage a message names or an unmistakable change implies (signed, lost to X)."""
    for value, pattern in _EXPLICIT:
        for m in pattern.finditer(text):
            if not _negated(text, m.start()):
                return Term(value, m.start(), m.end())
    best: Term | None = None
    for value, pattern in _IMPLIED:
        for m in pattern.finditer(text):
            if _negated(text, m.start()):
                continue
            if best is None or m.start() < best.start:
                best = Term(value, m.start(), m.end())
    return best


_ACTIVITY: list[tuple[str, re.Pattern[str]]] = [
    (
        "meeting",
        _c(
            r"视频会议?|腾讯会议|飞书会议|钉钉会议|线上会议?|开了?个?\S?会|开完会|会议|碰了个头|碰头|会上|开会|例会|周会|短会"
        ),
    ),
    (
        "meeting",
        _c(
            rf"{_B}(?:zoom|teams|google meet|webex|video call|video chat|conf(?:erence)? call|meeting|mtg|meetings|met with|met|sat down with|caught up with|sync|workshop|lunch|dinner){_E}"  # noqa: E501
        ),
    ),
    ("call", _c(r"电话|通话|致电|来电|语音|打了个?电话|通了个?电话")),
    (
        "call",
        _c(
            rf"{_B}(?:call|called|calls|calling|phone|phoned|rang|ring|dialed|f/u call|cold call|hung up){_E}"  # noqa: E501
        ),
    ),
    ("demo", _c(r"演示|试用|讲了一遍产品|POC|poc")),
    (
        "demo",
        _c(
            rf"{_B}(?:demo|demos|demoed|demo'd|poc|walkthrough|walk-through|product tour|showed them){_E}"  # noqa: E501
        ),
    ),
    ("email", _c(r"邮件|邮箱|发邮件|回邮件|电邮")),
    ("email", _c(rf"{_B}(?:email|emails|emailed|e-mail|e-mailed|mail|mailed|inbox){_E}")),
    ("message", _c(r"微信|企微|企业微信|钉钉|飞书|短信|发消息|留言|私信|QQ")),
    (
        "message",
        _c(
            rf"{_B}(?:wechat|whatsapp|texted|texting|text message|sms|pinged|ping|dm|dm'd|dmed|slacked|slack message|linkedin message|imessage|telegram|messaged|chatted on){_E}"  # noqa: E501
        ),
    ),
    (
        "visit",
        _c(
            r"拜访|上门|登门|去了一趟|跑了一趟|跑了趟|现场|面谈|见面|当面|见了|到访|出差|从\S{1,10}出来|去\S{1,10}(?:签|聊|谈|见|拜访|交流|开会)"
        ),
    ),
    (
        "visit",
        _c(
            rf"{_B}(?:visit|visited|visiting|onsite|on-site|on site|in person|in-person|dropped by|stopped by|went to|drove to|face to face|f2f){_E}"  # noqa: E501
        ),
    ),
]
# Words that make an activity word part of something else (demo stage, call transcript).
_ACTIVITY_SKIP = _c(
    r"^(?:\s*(?:stage|阶段|script|脚本|recording|录音|transcript|转写|plan|模板|template))"
)
# A chat app named next to a call/meeting word is the channel of that call.
_CHANNEL_OVERRIDE = {"message": ("call", "meeting")}


def find_activity(text: str) -> Term | None:
    """The interaction a message reports: the earliest activity word wins."""
    found: list[Term] = []
    for value, pattern in _ACTIVITY:
        for m in pattern.finditer(text):
            if _ACTIVITY_SKIP.match(text[m.end() : m.end() + 14]):
                continue
            found.append(Term(value, m.start(), m.end()))
    if not found:
        return None
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    first = found[0]
    if first.value in _CHANNEL_OVERRIDE:
        for other in found[1:]:
            if other.value in _CHANNEL_OVERRIDE[first.value] and other.start - first.end <= 3:
                return other
    return first


_COMPETITOR_RE = re.compile(
    "|".join(
        rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])"
        for name in sorted(COMPETITORS, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
_CONTEXT_RE = re.compile(
    "|".join(
        rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])"
        for name in sorted(CONTEXT_COMPETITORS, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
_RIVAL_CUE = _c(
    r"vs\.?|versus|对比|比较|相比|和我们比|跟我们比|输给|选了|选择了|用了|在看|在用|也在看|竞品|对手|"
    r"lost to|went with|chose|compar\w*|evaluat\w*|competing|competitor|instead of|switch\w* from|"
    r"replace|替换|换掉|比我们|undercut\w*|cheaper than|quoted"
)


def find_competitors(text: str) -> list[Term]:
    """Rival vendors named in the message, surface form as written."""
    found = [Term(m.group(0), m.start(), m.end()) for m in _COMPETITOR_RE.finditer(text)]
    for m in _CONTEXT_RE.finditer(text):
        window = text[max(0, m.start() - 20) : m.end() + 20]
        if _RIVAL_CUE.search(window) and not re.search(r"集成|对接|接口|integrat", window, re.I):
            found.append(Term(m.group(0), m.start(), m.end()))
    found.sort(key=lambda t: t.start)
    return found
