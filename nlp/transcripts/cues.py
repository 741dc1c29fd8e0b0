"""Hand-written cue patterns (zh + en): objections, questions, commitments, dates, deferrals."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Objection keywords: a hit supports (does not decide alone) the classifier's judgement.
OBJECTION_CUES: dict[str, re.Pattern[str]] = {
    "price": re.compile(
        r"too expensive|expensive|pricey|pricier|over (?:our|the) budget|budget is|"
        r"(?:price|pricing|cost|quote|number|fee)s? (?:is|are|was|were)? ?(?:a bit |much |way )?"
        r"(?:too )?(?:high|higher|steep)|cheaper|discount|more money|costs? (?:more|double)|"
        r"half the price|what we pay|price increase|went up \d+|"
        r"太贵|贵了|挺贵|价格|报价|预算|便宜|费用|降本|成本|多少钱|优惠|折扣|涨价|涨了|"
        r"收费|要钱|花钱|一年才|免费",
        _I,
    ),
    "timing": re.compile(
        r"next (?:year|quarter|fiscal)|not (?:this|right) (?:now|year|quarter)|not a priority|"
        r"on hold|bad time|timing|after the (?:holidays|budget|renewal|migration)|"
        r"until (?:the |our )?(?:budget|renewal|next)|busy (?:year|season|quarter)|just renewed|"
        r"can't commit|revisit|later this year|no budget (?:to|until)|"
        r"明年再|明年|下半年|今年(?:肯定)?不|时机|不着急|先放一放|排不上|刚续|到期|"
        r"等.{0,8}(?:之后|以后|再说|再看)|忙完|旺季",
        _I,
    ),
    "security": re.compile(
        r"secur|soc ?2|iso ?27001|gdpr|hipaa|encrypt|penetration|pen test|breach|"
        r"single sign-on|\bsso\b|\bmfa\b|data residency|hosted|on-prem|compliance|audit log|"
        r"privacy|access control|安全|等保|加密|泄露|泄漏|私有化|本地部署|合规|审计|隐私|"
        r"权限|保密|内网|数据.{0,4}(?:存|放|出境|境内)|勒索",
        _I,
    ),
    "integration": re.compile(
        r"integrat|\bapi\b|connector|connect(?:s|ed|ion)? (?:to|with)|sync|import|export|"
        r"migrat|flat[- ]file|\berp\b|legacy|plug-and-play|odbc|sftp|"
        r"对接|接口|打通|同步|集成|迁移|导入|导出|数据格式|老系统|单点登录",
        _I,
    ),
    "feature_gap": re.compile(
        r"doesn't (?:have|support)|does it (?:support|have|do)|is there (?:a|any) way|"
        r"missing|lack|can't handle|can it handle|not there|roadmap|we(?:'d)? need .{0,30}feature|"
        r"must-have|a must|blocker|没有.{0,10}功能|不支持|支持.{0,12}吗|缺|有没有.{0,12}功能|"
        r"能不能支持|功能.{0,6}(?:不够|没有|还差)|还差|硬伤|必须要有",
        _I,
    ),
    "authority": re.compile(
        r"not my (?:call|decision)|sign(?:s)? off|signs anything|final (?:say|word|call)|"
        r"(?:run it|check) (?:by|with) (?:my|our)|the board|my boss|procurement|"
        r"needs? (?:approval|buy-in)|approve|decision(?:-maker| maker)|owns the budget|"
        r"做不了主|拍板|领导|老板|总经理|审批|签字|上会|汇报|决定不了|定不了|决策|招标|"
        r"股东|采购流程|集团",
        _I,
    ),
}

QUESTION_START = re.compile(
    r"^(?:what|how|when|where|why|who|which|can|could|would|will|do|does|did|is|are|"
    r"should|have|has)\b",
    _I,
)
QUESTION_ZH = re.compile(r"(?:吗|呢|么|什么|怎么|怎样|多少|多久|哪|是否|能不能|可不可以|有没有)")

BUYING_SIGNAL = re.compile(
    r"contract|order form|sign (?:it|this|the)|get started|roll (?:it|this) out|rollout|"
    r"kick-?off|how (?:soon|quickly)|go live|implementation (?:plan|timeline)|"
    r"move forward|budget (?:is )?approved|add .{0,12}seats|sandbox|pilot|"
    r"合同|签约|上线|推广|实施计划|试点|预算.{0,3}批|加.{0,4}账号|采购流程|启动",
    _I,
)

# A concrete time: weekday, date, clock time, "tomorrow", "this afternoon", Chinese equivalents.
TIME_EXPR = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\btomorrow\b|\btoday\b|"
    r"\bthis (?:afternoon|morning|evening|week)\b|\bnext week\b|\bend of (?:the )?(?:day|week)\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}\b|"
    r"\bthe \d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}(?::\d{2})? ?(?:am|pm)\b|\bat \d{1,2}(?::\d{2})?\b|"
    r"\bEOD\b|"
    r"(?:下)?(?:周|星期|礼拜)[一二三四五六日天]|明天|后天|今天|下午|上午|今晚|"
    r"\d{1,2}\s?(?:号|日)|[一二三四五六七八九十]+号|\d{1,2}\s?点|[一二三四五六七八九十]+点|"
    r"月底前|本周|这周|下周",
    _I,
)

# Someone commits to an action (owner speaking in first person, or assigning a named person).
COMMIT = re.compile(
    r"\b(?:i'll|i will|we'll|we will|let me|let's|i can|i'm going to)\b.{0,60}?"
    r"\b(?:send|set up|schedule|book|share|bring|get|put|prepare|arrange|invite|review|"
    r"circulate|call|loop|follow up|walk|do|draft|open|forward)|"
    r"\bsend (?:the|an|me|you|over)\b|\binvite\b|\bcalendar\b|\bbook (?:a|the)\b|"
    r"\b(?:could|can|shall|should) we\b.{0,40}?\b(?:book|meet|do|set up|schedule|get|have|"
    r"review|walk|go through|put)\b|\bhow about\b|\bwould .{0,30}\bwork\b|"
    r"我(?:来|会|这边|今天|明天|回去|周.)?.{0,8}(?:发|安排|约|准备|整理|带|拉|确认|对接)|"
    r"(?:发|安排|约|准备|带).{0,10}(?:给您|给你|过来|过去)|发邀请|会议邀请|定了|见面|"
    r"(?:安排|约).{0,6}(?:时间|会|一下)|到时候见|见$",
    _I,
)

MEETING = re.compile(
    r"\b(?:meeting|call|session|review|demo|workshop|invite|walkthrough|visit|talk|"
    r"(?:the|meeting) minutes|"
    r"walk through|go through|sync|check-in|kickoff|kick-off)\b|"
    r"会|演示|汇报|拜访|见面|过一遍|现场|考察|交流|电话|评审|碰一下|沟通|讨论|培训|对一下",
    _I,
)

AGREE = re.compile(
    r"^(?:yes|yeah|yep|sure|great|perfect|works|good|fine|ok|okay|sounds good|deal|done|"
    r"that works|\S+ works|see you|talk \w+|looking forward)|works for me|is fine|is good|"
    r"sounds good|see you|talk (?:then|friday|monday|tuesday|wednesday|thursday|soon)|"
    r"^(?:好|行|可以|没问题|没有问题|就这么定|那就这样|定了)|就这么定|那就这样|见$|到时候见|"
    r"可以的|没问题",
    _I,
)

# The customer puts things off without a date: no agreed next step.
DEFERRAL = re.compile(
    r"no promises|not promising|can't commit|i'll (?:circle|get) back|we'll (?:be in touch|"
    r"reach out|let you know)|reach out (?:then|later|again)|check back|we'll see|"
    r"if we need|don't expect|any time soon|not interested|"
    r"再说|再联系|有需要.{0,6}(?:联系|找)|先放|再看|考虑一下|等.{0,10}再|回头再|不考虑",
    _I,
)


def is_question(text: str) -> bool:
    stripped = text.strip()
    if "?" in stripped or "？" in stripped:
        return True
    if QUESTION_START.match(stripped) and len(stripped.split()) <= 25:
        return True
    return bool(QUESTION_ZH.search(stripped[-6:]))


def objection_cues(text: str) -> set[str]:
    return {cat for cat, pattern in OBJECTION_CUES.items() if pattern.search(text)}
