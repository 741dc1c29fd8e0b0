"""Fixed vocabulary of the demo tenant: fictional customers, people, products and phrases."""

from __future__ import annotations

from crm_store.enums import ActivityType, DecisionRole, Language, Role

TENANT_SLUG = "demo"
TENANT_NAME = "Lanting Software 兰亭软件"

# (username, display name, role, team, language, timezone)
USERS: tuple[tuple[str, str, Role, str | None, Language, str], ...] = (
    ("admin", "管理员 Admin", Role.ADMIN, None, Language.ZH, "Asia/Shanghai"),
    ("manager", "陈静 Chen Jing", Role.MANAGER, "east", Language.ZH, "Asia/Shanghai"),
    ("wang", "王伟", Role.REP, "east", Language.ZH, "Asia/Shanghai"),
    ("li", "李娜", Role.REP, "east", Language.ZH, "Asia/Shanghai"),
    ("emma", "Emma Clark", Role.REP, "east", Language.EN, "Asia/Singapore"),
    ("zhao", "赵磊", Role.REP, "west", Language.ZH, "Asia/Shanghai"),
    ("enable", "Enablement 赋能组", Role.ENABLEMENT, None, Language.EN, "Asia/Shanghai"),
)
REPS: tuple[str, ...] = ("wang", "li", "emma", "zhao")

# username -> ((platform, workspace, external_id), ...); console ids are added for everyone.
IDENTITIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "wang": (
        ("slack", "", "U0DEMOWANG"),
        ("wecom", "", "wangwei"),
        ("dingtalk", "", "staff-wang-001"),
    ),
    "manager": (
        ("slack", "", "U0DEMOMGR"),
        ("wecom", "", "manager"),
        ("dingtalk", "", "staff-mgr-001"),
    ),
}

PRODUCTS: tuple[str, ...] = (
    "销售云 Sales Cloud",
    "服务云 Service Cloud",
    "数据洞察 Insight",
    "集成套件 Integration",
)
COMPETITORS: tuple[str, ...] = ("Salesforce", "HubSpot", "纷享销客", "销售易", "Zoho")

SIZES: tuple[str, ...] = ("1-50", "51-200", "201-1000", "1001-5000", "5000+")

# (name, aliases, industry, size index)
ACCOUNTS: tuple[tuple[str, tuple[str, ...], str, int], ...] = (
    ("远航物流", ("远航", "Yuanhang Logistics"), "Logistics", 3),
    ("星河制造", ("星河", "Galaxy Manufacturing"), "Manufacturing", 3),
    ("Acme Analytics", ("Acme",), "Software", 1),
    ("华辰电子", ("华辰", "Huachen Electronics"), "Electronics", 3),
    ("青禾教育", ("青禾", "Qinghe Education"), "Education", 2),
    ("北辰医疗", ("北辰", "Beichen Medical"), "Healthcare", 3),
    ("Northwind Retail", ("Northwind",), "Retail", 2),
    ("云杉金融", ("云杉", "Spruce Finance"), "Finance", 4),
    ("东岳能源", ("东岳", "Dongyue Energy"), "Energy", 4),
    ("Bluefin Logistics", ("Bluefin",), "Logistics", 2),
    ("锦程汽车", ("锦程", "Jincheng Auto"), "Automotive", 4),
    ("海川零售", ("海川", "Haichuan Retail"), "Retail", 3),
    ("Orbit Health", ("Orbit",), "Healthcare", 2),
    ("明德地产", ("明德", "Mingde Properties"), "Real estate", 3),
    ("蓝鲸互联", ("蓝鲸", "Bluewhale Internet"), "Internet", 2),
    ("Pinecrest Software", ("Pinecrest",), "Software", 1),
    ("瑞丰食品", ("瑞丰", "Ruifeng Foods"), "Food & beverage", 3),
    ("启明教育科技", ("启明", "Qiming EdTech"), "Education", 1),
    ("Summit Insurance", ("Summit",), "Finance", 3),
    ("恒通建材", ("恒通", "Hengtong Materials"), "Manufacturing", 2),
    ("天衡律所", ("天衡", "Tianheng Law"), "Professional services", 1),
    ("Redwood Media", ("Redwood",), "Media", 1),
    ("博远咨询", ("博远", "Boyuan Consulting"), "Professional services", 1),
    ("金桥银行", ("金桥", "Golden Bridge Bank"), "Finance", 4),
    ("Harbor Freight Lines", ("Harbor Freight", "HFL"), "Logistics", 3),
    ("长风航空服务", ("长风", "Changfeng Aviation"), "Transportation", 3),
    ("卓越医药", ("卓越", "Zhuoyue Pharma"), "Healthcare", 3),
    ("Evergreen Foods", ("Evergreen",), "Food & beverage", 2),
    ("鼎盛机械", ("鼎盛", "Dingsheng Machinery"), "Manufacturing", 2),
    ("万象商城", ("万象", "Wanxiang Mall"), "Retail", 2),
    ("Vertex Robotics", ("Vertex",), "Manufacturing", 1),
    ("新程旅游", ("新程", "Xincheng Travel"), "Travel", 2),
    ("华信保险", ("华信", "Huaxin Insurance"), "Finance", 4),
    ("Lumen Energy", ("Lumen",), "Energy", 2),
    ("云帆软件", ("云帆", "Yunfan Software"), "Software", 1),
    ("泰和物业", ("泰和", "Taihe Property"), "Real estate", 2),
    ("Crescent Hotels", ("Crescent",), "Hospitality", 3),
    ("盛世传媒", ("盛世", "Shengshi Media"), "Media", 1),
    ("安信证券科技", ("安信", "Anxin Securities Tech"), "Finance", 3),
    ("Nimbus Cloud", ("Nimbus",), "Internet", 1),
    ("众合医疗器械", ("众合", "Zhonghe Medical Devices"), "Healthcare", 2),
    ("丰禾农业", ("丰禾", "Fenghe Agriculture"), "Agriculture", 2),
    ("Granite Construction Group", ("Granite", "GCG"), "Construction", 3),
    ("弘毅制药", ("弘毅", "Hongyi Pharma"), "Healthcare", 3),
    ("九州通达快递", ("九州通达", "Jiuzhou Express"), "Logistics", 4),
    ("Atlas Telecom", ("Atlas",), "Telecom", 4),
    ("恒星光伏", ("恒星", "Hengxing Solar"), "Energy", 3),
    ("橙果电商", ("橙果", "Orange Fruit E-commerce"), "Internet", 2),
    ("Silverline Bank", ("Silverline",), "Finance", 3),
    ("嘉禾家居", ("嘉禾", "Jiahe Home"), "Retail", 2),
    ("雪峰乳业", ("雪峰", "Xuefeng Dairy"), "Food & beverage", 3),
    ("Keystone Manufacturing", ("Keystone",), "Manufacturing", 2),
    ("智远科技", ("智远", "Zhiyuan Tech"), "Software", 1),
    ("中和环保", ("中和", "Zhonghe Environmental"), "Energy", 2),
    ("Brightpath Education", ("Brightpath",), "Education", 2),
    ("联创半导体", ("联创", "Lianchuang Semiconductor"), "Electronics", 3),
    ("百川水务", ("百川", "Baichuan Water"), "Utilities", 3),
    ("Meridian Pharma", ("Meridian",), "Healthcare", 3),
    ("乐享健身", ("乐享", "Lexiang Fitness"), "Hospitality", 1),
    ("Cobalt Mobility", ("Cobalt",), "Automotive", 2),
)

ZH_SURNAMES = "张刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯"
ZH_GIVEN = (
    "伟",
    "敏",
    "静",
    "磊",
    "洋",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "霞",
    "勇",
    "军",
    "丽",
    "强",
)
EN_FIRST = ("Sarah", "David", "Olivia", "James", "Priya", "Michael", "Laura", "Daniel", "Chloe")
EN_LAST = ("Johnson", "Nguyen", "Patel", "Miller", "Garcia", "Brown", "Kim", "Lopez", "Walker")

# Decision role -> (zh title, en title)
TITLES: dict[DecisionRole, tuple[tuple[str, str], ...]] = {
    DecisionRole.DECISION_MAKER: (
        ("总经理", "CEO"),
        ("CIO 信息总监", "CIO"),
        ("副总裁", "VP Operations"),
    ),
    DecisionRole.CHAMPION: (("销售总监", "Head of Sales"), ("数字化负责人", "Digital Lead")),
    DecisionRole.INFLUENCER: (("IT 经理", "IT Manager"), ("财务总监", "CFO")),
    DecisionRole.USER: (("销售主管", "Sales Team Lead"), ("客服主管", "Support Lead")),
    DecisionRole.GATEKEEPER: (
        ("采购经理", "Procurement Manager"),
        ("总裁助理", "Executive Assistant"),
    ),
}

# Activity summaries per type: (zh, en) with {contact} and {product} placeholders.
SUMMARIES: dict[ActivityType, tuple[tuple[str, str], ...]] = {
    ActivityType.VISIT: (
        (
            "拜访{contact}，了解{product}的落地需求",
            "Visited {contact} to scope the {product} rollout",
        ),
        (
            "上门拜访{contact}，现场看了他们的销售流程",
            "On-site visit with {contact}, walked their sales process",
        ),
    ),
    ActivityType.CALL: (
        ("和{contact}电话沟通预算和时间表", "Call with {contact} about budget and timeline"),
        ("电话跟进{contact}，确认试用反馈", "Follow-up call with {contact} on trial feedback"),
    ),
    ActivityType.MEETING: (
        ("与{contact}开会讨论{product}方案", "Meeting with {contact} on the {product} proposal"),
        ("和{contact}评审实施计划", "Reviewed the implementation plan with {contact}"),
    ),
    ActivityType.DEMO: (
        ("给{contact}团队演示{product}", "Demoed {product} to {contact}'s team"),
        ("{product}产品演示，{contact}参加", "{product} demo, {contact} attended"),
    ),
    ActivityType.EMAIL: (
        ("给{contact}发了报价和案例", "Sent pricing and case studies to {contact}"),
        ("邮件回复{contact}的技术问题", "Emailed answers to {contact}'s technical questions"),
    ),
    ActivityType.MESSAGE: (
        ("微信和{contact}确认下次会议时间", "Messaged {contact} to fix the next meeting"),
        ("{contact}发消息问合同条款", "{contact} messaged about contract terms"),
    ),
}

LOST_REASONS: tuple[tuple[str, str], ...] = (
    ("价格超出预算", "Price above budget"),
    ("项目被搁置", "Project put on hold"),
    ("客户内部没有立项", "No internal sponsor approved the project"),
    ("决策人更换", "Decision maker changed"),
)
LOST_TO_COMPETITOR = ("选择了{competitor}", "Chose {competitor}")

TASK_TITLES: tuple[tuple[str, str], ...] = (
    ("给{account}发报价单", "Send the quote to {account}"),
    ("约{account}的技术评审", "Book a technical review with {account}"),
    ("跟进{account}的合同审批", "Chase contract approval at {account}"),
    ("准备{account}的演示环境", "Prepare the demo environment for {account}"),
    ("回访{account}的试用情况", "Check in on {account}'s trial"),
)
