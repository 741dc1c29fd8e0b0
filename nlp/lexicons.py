"""Bilingual word lists: rival vendors, person-name cues and company-name cues."""

from __future__ import annotations

# Rival sales/CRM vendors a B2B software seller meets. Matched case-insensitively.
COMPETITORS: tuple[str, ...] = (
    "Salesforce",
    "Sales Cloud",
    "HubSpot",
    "Zoho CRM",
    "Zoho",
    "Pipedrive",
    "Microsoft Dynamics",
    "Dynamics 365",
    "MS Dynamics",
    "Freshsales",
    "Freshworks",
    "SugarCRM",
    "Insightly",
    "Monday.com",
    "Monday CRM",
    "Zendesk Sell",
    "Copper CRM",
    "Keap",
    "Nimble",
    "Odoo",
    "Creatio",
    "Bitrix24",
    "Salesloft",
    "Outreach.io",
    "Veeva",
    "销售易",
    "纷享销客",
    "纷享",
    "红圈",
    "红圈营销",
    "励销云",
    "悟空CRM",
    "六度人和",
    "探马SCRM",
    "八骏CRM",
    "神州云动",
    "玄讯",
    "勤策",
    "尘锋",
    "微盛",
    "珍客",
    "小满科技",
    "腾讯企点",
    "简道云",
    "Zoho中国",
)

# Vendors that are just as often an integration target; named as rivals only in a
# competitive context (vs, 对比, lost to...).
CONTEXT_COMPETITORS: tuple[str, ...] = (
    "SAP",
    "Oracle",
    "用友",
    "金蝶",
    "Microsoft",
    "Dynamics",
    "ServiceNow",
    "Workday",
    "Gong",
)

CN_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤欧阳司马上官"
)

# Titles and kinship words that follow a surname in how reps name customers (张总, 刘姐).
CN_TITLES: tuple[str, ...] = (
    "总监",
    "总经理",
    "副总",
    "总",
    "经理",
    "工",
    "姐",
    "哥",
    "主任",
    "老师",
    "董",
    "处",
    "处长",
    "局",
    "科长",
    "部长",
    "主管",
    "老板",
    "总裁",
    "院长",
    "博士",
    "律师",
    "秘书",
    "助理",
    "总助",
    "组长",
    "行长",
    "校长",
    "专家",
    "顾问",
)

# Company-type words that often end a Chinese or English company name.
COMPANY_SUFFIXES: tuple[str, ...] = (
    "集团",
    "银行",
    "科技",
    "股份",
    "控股",
    "物流",
    "医疗",
    "医药",
    "药业",
    "汽车",
    "电子",
    "地产",
    "保险",
    "证券",
    "食品",
    "能源",
    "教育",
    "传媒",
    "网络",
    "软件",
    "零售",
    "餐饮",
    "制造",
    "电器",
    "通信",
    "航空",
    "化工",
    "钢铁",
    "建设",
    "置业",
    "实业",
    "智能",
    "信息",
    "有限公司",
    "公司",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Ltd",
    "LLC",
    "Group",
    "Bank",
    "Labs",
    "Systems",
    "Health",
    "Logistics",
    "Retail",
    "Motors",
    "Foods",
    "Energy",
    "Capital",
    "Networks",
    "Software",
    "Technologies",
    "Tech",
    "Pharma",
    "Insurance",
    "Media",
    "Partners",
    "Holdings",
    "Industries",
    "Solutions",
)

# A broad list of given names seen across many countries; a feature, not a closed set.
FIRST_NAMES: frozenset[str] = frozenset(
    """
    aaron abdul abby adam adrian ahmed aiden aisha akira alan albert alex alexander alexandra
    alice alicia ali amanda amber amelia amir amy ana andrea andrew andy angela anil anita ann anna
    anne anthony anton antonio arjun arun ashley aya barbara ben benjamin beth bill bob brad brandon
    brian bruce carl carla carlos carmen carol caroline catherine charles charlie chen chris
    christina christine claire clara craig dan dana daniel david deepa deepak denis dennis derek
    diana diego dmitri dong donna doug dylan ed eddie elena eli elizabeth ella ellen emily emma eric
    erik eva evan faisal farah farid fatima felix fernando fiona frank fred gabriel gary george
    grace greg hana hannah hans harry hassan heather helen henry hiro hiroshi hugo ian igor ines
    irene isaac ivan jack jacob jake james jamal jan jane janet jason javier jay jeff jen jenny
    jeremy jessica jim joan joe johan john jon jonathan jordan jorge jose joseph josh juan julia
    julie justin kai karen karim kate katie kevin kim kumar kyle lars laura lauren lee leo liam
    lily linda lisa liz lucas lucy luis luke lena maria mario mark martin mary matt matthew max
    maya megan mei melissa mia michael michelle mike min ming mohammed monica nadia nancy naomi
    nathan neha nick nicole nina noah olga oliver olivia omar oscar pablo pam patrick paul pedro
    peter phil priya rachel rahul raj rajesh ravi ray rebecca rob robert roberto ryan sally sam
    samantha sandra sara sarah scott sean sergei shawn sofia sophie stephen steve steven sue susan
    takeshi tanya tara tom tony tyler uma valentina vanessa victor vikram vincent wei will william
    yan yuki yusuf zara zoe zhang marco priyanka ananya sunil mateo lucia nora ingrid sven yara
    """.split()
)

EN_HONORIFICS: tuple[str, ...] = ("Mr.", "Ms.", "Mrs.", "Dr.", "Mr", "Ms", "Mrs", "Dr", "Prof.")

# Everyday and sales-chat English words: never a hint that a word is a name, even when the
# training messages happen not to contain them.
COMMON_EN_WORDS: frozenset[str] = frozenset(
    """
    quick quickly just really very still already again also maybe probably finally today tonight
    yesterday tomorrow morning afternoon evening week weekend month quarter year hour minute
    received receive sent send got get gave give took take made make went go came come said say
    told tell asked ask wanted want needed need liked like loved love thought think knew know
    looked look seemed seem felt feel kept keep left leave started start finished finish ended end
    webinar seminar conference event trade show expo booth workshop training onboarding kickoff
    recording transcript notes summary minutes agenda slides deck proposal quote quotation invoice
    contract renewal upsell discount pricing price budget approval signature legal procurement
    security compliance integration migration rollout pilot trial poc eval evaluation rfp rfi
    discovery qualification negotiation demo meeting call email message chat visit onsite offsite
    multi year yearly annual monthly license licenses seat seats user users module modules feature
    features dashboard dashboards report reports reporting analytics api sso crm erp cloud saas
    customer customers client clients prospect prospects lead leads account accounts deal deals
    opportunity opportunities pipeline forecast target targets quota team teams manager director
    head chief officer vp president founder owner sponsor champion stakeholder stakeholders boss
    intro introduction referral inbound outbound cold warm hot follow up followup checkin check
    great good bad fine ok okay nice happy unhappy concerned worried excited interested keen
    positive negative neutral busy slow fast late early soon later asap urgent important
    big small large huge tiny high low new old next last first second third final other another
    price-wise cost costs expensive cheap value roi savings competitor competitors rival rivals
    thanks thank please pls thx hey hi hello morning guys folks everyone anyone someone nobody
    update updated updates status stage stages closed close closing signed sign signing lost won
    win winning losing paused pause pending waiting wait hold blocked stuck stalled delayed
    moved move moving pushed push pushing bumped bump slipped slip dropped drop chose choose
    questions question answer answers issue issues problem problems concern concerns objection
    """.split()
)
