"""Invented names, amounts and date phrases used to generate the project's training messages."""

from __future__ import annotations

import random

from nlp.data import names

_ZH_BRAND_CHARS = (
    "华海天金瑞鑫恒泰宏远博信嘉达通盛安康新东云星辰光明德润丰源和立创智航汇凯卓越领优易佳银兴益诚"
    "晟昊铭宇腾锦翔鼎峰森江湖川宁蓝青绿红紫晶石岩松柏桐楠枫荷兰菊梅竹飞腾龙凤麒麟鹏鸿雁鹤思睿哲"
    "启迪策维拓朗逸澜沁汐澄霖雅致远图景曜弘"
    "为的来美小大人家国好乐动力米宝之方正长城阳春秋雪山水火土木花果豆牛羊马猫鱼贝壳叶草"
    "一二三九百万千亚迪比特斯克拉尔利亨奥普盈"
)
_ZH_SUFFIXES = (
    "科技",
    "集团",
    "银行",
    "物流",
    "医疗",
    "汽车",
    "电子",
    "地产",
    "保险",
    "证券",
    "食品",
    "能源",
    "教育",
    "软件",
    "零售",
    "餐饮",
    "电器",
    "通信",
    "药业",
    "股份",
    "控股",
    "智能",
    "信息",
    "制造",
    "航空",
    "化工",
    "有限公司",
    "服饰",
    "家居",
    "快递",
)
_ZH_CITIES = (
    "深圳",
    "杭州",
    "上海",
    "北京",
    "苏州",
    "成都",
    "武汉",
    "南京",
    "广州",
    "厦门",
    "青岛",
)
_ZH_INVENTED = (
    "星河湾",
    "蓝鲸互娱",
    "青禾农业",
    "云杉软件",
    "锦程教育",
    "北辰能源",
    "海纳百货",
    "橙果出行",
    "绿洲乳业",
    "拾光影业",
    "飞鱼物流",
    "鹿鸣酒店",
    "山海智造",
    "木棉银行",
    "沐风家居",
    "熊猫快递",
    "麦田烘焙",
    "白鹭航空",
    "天穹卫星",
    "知行学堂",
)
_EN_SYLLABLES_A = (
    "ze nor vel quil tri bri ka lu ma ve xa or ol ar cor den fal gar hel jor kes lin mer nov "
    "pal rav sol tor ul var wil yar ax bel cal dra "
).split()
_EN_SYLLABLES_B = (
    "trix haven tro lon vex dia mont ora via ton ric sys bit wave stone ford ly nex".split()
)
_EN_WORDS = (
    "Blue Silver Apex Nova Pioneer Summit Vertex Harbor Maple Granite Falcon Orchid Cobalt Crimson "
    "Northwind Tidewater Ironclad Brightwave Evergreen Redwood Lakeside Golden Polar Copperline "
    "Skyline Riverbend Starlight Oakridge Bluefin Keystone Lighthouse Sunrise Westfield"
).split()
_EN_SUFFIXES = (
    "Labs",
    "Systems",
    "Health",
    "Logistics",
    "Retail",
    "Bank",
    "Foods",
    "Energy",
    "Motors",
    "Capital",
    "Networks",
    "Group",
    "Inc",
    "Corp",
    "Ltd",
    "Software",
    "Pharma",
    "Insurance",
    "Media",
    "Holdings",
    "Industries",
    "Analytics",
    "Robotics",
    "Airlines",
    "Hotels",
    "Telecom",
)
_ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"  # noqa: E501
_ZH_TITLES = (
    ("总", 30),
    ("经理", 20),
    ("工", 10),
    ("总监", 10),
    ("姐", 6),
    ("哥", 3),
    ("主任", 4),
    ("老师", 3),
    ("董", 2),
    ("处", 2),
    ("部长", 2),
    ("主管", 2),
    ("总助", 1),
)
_ZH_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲飞鹏辉斌宇浩凯晨欣悦婷雪琳"
EN_FIRST = (
    "Alice Ben Carlos Deepa Elena Farid Grace Hiro Ines Jamal Kenji Lena Mateo Nadia Olga Pedro "
    "Rahul Sofia Tom Uma Victor Wei Yuki Zara Anna Omar Lucas Mei Sam Ivan Julia Raj Hannah Diego "
    "Fatima Noah Chloe Ahmed Emma Felix Aisha Leo Maya Ravi Sara Tariq Nora Sven Ingrid Kofi Amara "
    "Bruno Camila Dmitri Eva Gustavo Helga Ibrahim Jun Keiko Luca Miguel Nikhil Oscar Paula Rosa"
).split()
EN_LAST = (
    "Chen Patel Garcia Müller Smith Tanaka Kim Novak Rossi Silva Nguyen Brown Okafor Schmidt "
    "Wang Kowalski Haddad Larsen Moreau Ito Singh Costa Jensen Fischer Wong Park Reyes Dubois"
).split()
INVENTED_RIVALS = (
    "Salesmate",
    "Nutshell",
    "Capsule",
    "Agile CRM",
    "Vtiger",
    "客如云",
    "励销",
    "易客CRM",
    "智简CRM",
    "销帮帮",
)


def zh_company(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.7:
        return names.zh_company(rng)
    if roll < 0.75:
        return rng.choice(_ZH_INVENTED)
    length = rng.choices((2, 3, 4), weights=(5, 4, 2))[0]
    name = "".join(rng.sample(_ZH_BRAND_CHARS, length))
    if rng.random() < 0.3:
        name += rng.choice(_ZH_SUFFIXES)
    if rng.random() < 0.08:
        name = rng.choice(_ZH_CITIES) + name
    return name


def en_company(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.7:
        return names.en_company(rng)
    if roll < 0.82:
        word = (rng.choice(_EN_SYLLABLES_A) + rng.choice(_EN_SYLLABLES_B)).capitalize()
    else:
        word = rng.choice(_EN_WORDS)
    if rng.random() < 0.5:
        word += " " + rng.choice(_EN_SUFFIXES)
    if rng.random() < 0.07:
        word = word.lower()
    return word


EN_ROLES = (
    "CTO",
    "CFO",
    "CIO",
    "VP Sales",
    "IT director",
    "head of ops",
    "procurement lead",
    "COO",
)
EN_DETAILS = (
    "they want to start with the Service module",
    "questions on the SAP integration",
    "legal is reviewing the MSA",
    "need the SOW by then",
    "their IT team joined",
    "the CEO was there too",
    "waiting on the PO",
    "Finance wants a discount",
    "the QBR went fine",
    "they use Outlook and Teams internally",
)


def zh_contact(rng: random.Random) -> str:
    surname = rng.choice(_ZH_SURNAMES)
    roll = rng.random()
    if roll < 0.08:
        return surname + "".join(rng.sample(_ZH_GIVEN, rng.choice((1, 2))))
    if roll < 0.12:
        return rng.choice(("老", "小")) + surname
    titles = [t for t, _ in _ZH_TITLES]
    weights = [w for _, w in _ZH_TITLES]
    title: str = rng.choices(titles, weights=weights)[0]
    return surname + title


def en_contact(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.65:
        return rng.choice(EN_FIRST)
    if roll < 0.85:
        last = rng.choice(EN_LAST) if rng.random() < 0.5 else _pseudo_surname(rng)
        return rng.choice(("Mr.", "Ms.", "Dr.", "Mr", "Ms", "Mrs.")) + " " + last
    return rng.choice(EN_FIRST) + " " + rng.choice(EN_LAST)


def _pseudo_surname(rng: random.Random) -> str:
    return (
        rng.choice(("Lin", "Ng", "Cho", "Sato", "Ruiz", "Khan", "Ali", "Diaz", "Yoon"))
        if rng.random() < 0.3
        else (
            rng.choice(_EN_SYLLABLES_A) + rng.choice(("son", "ez", "er", "ski", "man", "ov", "a"))
        ).capitalize()
    )


def competitor(rng: random.Random, known: tuple[str, ...]) -> str:
    name = rng.choice(INVENTED_RIVALS) if rng.random() < 0.2 else rng.choice(known)
    return name.lower() if rng.random() < 0.05 else name


# ---- money --------------------------------------------------------------------------

_CN_DIGIT = "零一二三四五六七八九"


def _cn_small(n: int) -> str:
    """Chinese numeral for 1..9999 in the usual spoken form (八十, 一百二十, 三千五百)."""
    parts: list[str] = []
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, unit_value)
        if digit:
            parts.append(_CN_DIGIT[digit] + unit)
        elif parts and n:
            parts.append("零") if parts[-1] != "零" else None
    if n:
        parts.append(_CN_DIGIT[n])
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def money(rng: random.Random, lang: str) -> tuple[str, int, str | None]:
    """A random amount as a rep would type it: (surface, value, currency or None)."""
    wan = rng.choice(
        (2, 3, 5, 8, 12, 15, 18, 20, 25, 30, 35, 45, 50, 60, 65, 80, 90, 120, 150, 200, 300)
    )
    if lang == "zh":
        style = rng.randrange(12)
        if style == 0:
            return f"{_cn_small(wan)}万", wan * 10_000, None
        if style == 1:
            return f"{_cn_small(wan)}万元", wan * 10_000, "CNY"
        if style == 2:
            dec = rng.choice((1.5, 2.5, 3.8, 12.5, 0.8, 6.5))
            return f"{dec}w", int(dec * 10_000), None
        if style == 3:
            return f"¥{wan * 10_000:,}", wan * 10_000, "CNY"
        if style == 4:
            return f"RMB {wan}万", wan * 10_000, "CNY"
        if style == 5:
            return f"{wan}万美元", wan * 10_000, "USD"
        if style == 6:
            return f"¥{wan}万", wan * 10_000, "CNY"
        if style == 7 and wan % 100 == 0:
            return f"{wan // 100}百万", wan * 10_000, None
        if style == 8:
            return f"{wan}万块", wan * 10_000, "CNY"
        if style == 9:
            return f"人民币{wan}万", wan * 10_000, "CNY"
        return f"{wan}万", wan * 10_000, None
    k = rng.choice((25, 40, 45, 60, 75, 80, 85, 95, 120, 150, 180, 240, 250, 300, 450, 600))
    style = rng.randrange(10)
    if style == 0:
        return f"${k}k", k * 1000, "USD"
    if style == 1:
        m = rng.choice((1.1, 1.2, 1.25, 1.5, 2, 2.4, 3))
        return f"{m}M", int(round(m * 1_000_000)), None
    if style == 2:
        return f"{k}k USD", k * 1000, "USD"
    if style == 3:
        return f"€{k}k", k * 1000, "EUR"
    if style == 4:
        return f"${k * 1000:,}", k * 1000, "USD"
    if style == 5:
        m = rng.choice((1.2, 1.5, 2, 2.5))
        return f"${m}M", int(round(m * 1_000_000)), "USD"
    if style == 6:
        return f"USD {k * 1000:,}", k * 1000, "USD"
    if style == 7:
        return f"{k}K", k * 1000, None
    return f"{k}k", k * 1000, None


# ---- dates --------------------------------------------------------------------------

ZH_DEADLINES = (
    "下月",
    "下个月",
    "月底",
    "本月底",
    "这个月底",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "年底",
    "今年年底",
    "明年Q1",
    "下周三",
    "下周五",
    "周五",
    "本周五",
    "这周四",
    "明天",
    "后天",
    "3天后",
    "两周内",
    "下下周",
    "12月15日",
    "3月10号",
    "下个月15号",
    "第三季度",
    "本季度末",
    "下季度",
    "明年",
    "下周",
    "20号",
    "五月底",
    "6月份",
    "下下个月",
    "十天后",
    "下周一",
    "周三",
    "7月1日",
    "明年年底",
    "上半年",
)
EN_DEADLINES = (
    "next month",
    "EOM",
    "end of month",
    "end of the month",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "EOQ",
    "end of quarter",
    "end of year",
    "EOY",
    "next Wednesday",
    "next Fri",
    "Friday",
    "by Friday",
    "tomorrow",
    "tmrw",
    "in 3 days",
    "in 2 weeks",
    "next week",
    "Dec 15",
    "March 10",
    "June 30th",
    "12/15",
    "next quarter",
    "this quarter",
    "Q1 next year",
    "next year",
    "Monday",
    "next Monday",
    "this Thursday",
    "in 10 days",
    "end of next month",
    "Oct 1",
    "the 20th of May",
    "this month",
)
