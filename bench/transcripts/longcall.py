"""Non-repeating one-hour calls for the speed bench: sentences built from fragments and numbers."""

from __future__ import annotations

import random
from collections.abc import Callable

from nlp.transcripts.lang import count_units

_EN_TEAMS = ("field sales", "inside sales", "key accounts", "channel", "service", "marketing")
_EN_THINGS = ("pipeline report", "visit log", "quote approval", "forecast", "renewal list",
              "territory plan", "lead routing", "commission sheet", "price book",
              "contact import")  # fmt: skip
_EN_OPEN = ("", "Right. ", "Okay, so ", "Honestly, ", "Well, ", "To be fair, ", "Hmm. ", "Look, ")
_EN_REP = (
    "Let me show you how the {t} works for a team of {n} in {team}.",
    "About {p} percent of our customers start with the {t} in the first {w} weeks.",
    "What does your {t} look like today for the {team} group?",
    "How many of your {n} {team} people would need the {t} in phase {k}?",
    "Our implementation team usually needs {w} weeks to set up the {t}.",
    "The {t} rolls up by manager, and you can drill into any of the {n} deals.",
)
_EN_CUST = (
    "the {t} takes our {team} team about {h} hours every week, so that looks useful.",
    "the quote of {m} thousand for {n} seats is higher than we planned this year.",
    "we are also looking at HubSpot for {team}, and their starter tier is cheaper.",
    "IT will ask about single sign-on and where the {t} data is stored.",
    "it has to sync with our ERP for the {t}, otherwise finance will not accept it.",
    "I like the {t}, it is much clearer than the {k} spreadsheets we have.",
    "the decision on {n} seats sits with our CFO, I can only recommend it.",
    "can the {t} work offline? About {p} percent of our reps lose coverage.",
    "we have {n} people in {team} and maybe {k} of them would use the {t} daily.",
    "the {t} is fine, but we only review it every {w} weeks.",
)
_ZH_TEAMS = ("华东区", "华南区", "大客户部", "渠道部", "售后服务部", "市场部")
_ZH_THINGS = ("商机看板", "拜访记录", "报价审批", "销售预测", "续约清单", "区域规划",
              "线索分配", "提成表", "价格表", "客户导入")  # fmt: skip
_ZH_OPEN = ("", "嗯，", "对，", "说实话，", "这么说吧，", "其实", "好的，", "我补充一下，")
_ZH_REP = (
    "我给您演示一下{team}{n}个人是怎么用{t}的。",
    "大概百分之{p}的客户在头{w}周就先把{t}用起来了。",
    "您这边{team}现在的{t}是怎么做的？",
    "第{k}期{team}大概有多少人需要用{t}？您刚才说是{n}个吗？",
    "按您公司的规模，{t}实施一般需要{w}周左右。",
    "{t}可以按经理汇总，{n}个商机都能点进去看。",
)
_ZH_CUST = (
    "我们{team}每周要在{t}上花{h}个小时，这个挺实用的。",
    "{n}个账号报价{m}万，比我们今年的预算高不少。",
    "{team}这边我们也在看销售易，他们的基础版便宜一些。",
    "我们IT肯定会问单点登录和{t}的数据存放在哪里。",
    "{t}必须能跟我们的金蝶对接，不然财务那边过不了。",
    "这个{t}我挺喜欢的，比我们现在那{k}张表格清楚多了。",
    "{n}个账号最后要财务总监拍板，我这边只能推荐。",
    "{t}能离线用吗？我们大概百分之{p}的外勤经常没信号。",
    "{team}一共{n}个人，每天会用{t}的大概有{k}个。",
    "{t}还行，不过我们每{w}周才看一次。",
)
_CLOSE = {
    "en": ("Can we book a follow-up review next Tuesday at 10 with your CFO?",
           "Tuesday at 10 works. Send the invite."),
    "zh": ("那我们下周二上午十点约财务总监一起过一遍方案？", "可以，周二十点，你发会议邀请给我。"),
}  # fmt: skip


def _filler(rng: random.Random, lang: str) -> Callable[[str], str]:
    teams, things = (_EN_TEAMS, _EN_THINGS) if lang == "en" else (_ZH_TEAMS, _ZH_THINGS)

    def fill(template: str) -> str:
        return template.format(
            team=rng.choice(teams), t=rng.choice(things), n=rng.randint(5, 400),
            p=rng.randint(5, 95), w=rng.randint(2, 12), k=rng.randint(2, 9),
            h=rng.randint(2, 30), m=rng.randint(20, 900),
        )  # fmt: skip

    return fill


def _customer_sentence(rng: random.Random, lang: str, fill: Callable[[str], str]) -> str:
    if lang == "en":
        body = fill(rng.choice(_EN_CUST))
        opener = rng.choice(_EN_OPEN)
        return opener + (
            body[0].upper() + body[1:] if not opener or opener.endswith(". ") else body
        )
    return rng.choice(_ZH_OPEN) + fill(rng.choice(_ZH_CUST))


def generate(lang: str, target_units: int, seed: int = 3) -> str:
    """A timestamped call of about target_units words (en) or characters (zh), no line repeated."""
    rng = random.Random(seed)
    fill = _filler(rng, lang)
    rep_templates = _EN_REP if lang == "en" else _ZH_REP
    names = ("Alex Chen", "Morgan Lee") if lang == "en" else ("李明", "王总")
    joiner = " " if lang == "en" else ""
    seen: set[str] = set()

    def fresh(make: Callable[[], str]) -> str:
        while True:  # numbers and fragments make a clash rare; redraw when one happens
            text = make()
            if text not in seen:
                seen.add(text)
                return text

    lines: list[str] = []
    units = second = 0
    while units < target_units - 40:
        rep = joiner.join(
            fresh(lambda: fill(rng.choice(rep_templates))) for _ in range(rng.randint(1, 3))
        )
        cust = joiner.join(
            fresh(lambda: _customer_sentence(rng, lang, fill)) for _ in range(rng.randint(1, 3))
        )
        for speaker, said in ((names[0], rep), (names[1], cust)):
            stamp = f"[{second // 3600:02d}:{second % 3600 // 60:02d}:{second % 60:02d}]"
            lines.append(f"{stamp} {speaker}: {said}")
            units += count_units(said)
            second += max(2, count_units(said) // (3 if lang == "en" else 4))
    propose, agree = _CLOSE[lang]
    lines += [f"{names[0]}: {propose}", f"{names[1]}: {agree}"]
    return "\n".join(lines)
