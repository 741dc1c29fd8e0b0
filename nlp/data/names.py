"""Real-world-shaped customer names for training: well-known brands and generators for more.

Customers in reps' messages are mostly household brands written bare (no 公司 suffix), often
containing characters that are also function words (的, 来, 和, 家, 通, 达), so the tagger has
to learn boundaries from context rather than from a suffix.
"""

from __future__ import annotations

import random

# Chinese brands and companies, 2-6 characters, as reps write them.
ZH_BRANDS = (
    "华为 格力 海尔 联想 小米 中通 圆通 申通 韵达 京东 理想 小鹏 比亚迪 吉利 长城 奇瑞 "
    "长安 百度 网易 美团 滴滴 快手 字节 拼多多 唯品会 苏宁 国美 万科 碧桂园 保利 平安 茅台 "
    "五粮液 伊利 蒙牛 光明 娃哈哈 农夫山泉 康师傅 统一 海天 李宁 安踏 特步 波司登 森马 "
    "海澜之家 九牧王 雅戈尔 老板电器 方太 苏泊尔 九阳 小熊电器 石头科技 科沃斯 大疆 传音 中兴 "
    "海康威视 大华 商汤 旷视 科大讯飞 云从 依图 金山 浪潮 曙光 紫光 京东方 立讯 歌尔 "
    "蓝思 舜宇 宁德时代 亿纬锂能 隆基 通威 天合光能 阳光电源 三一重工 中联重科 徐工 柳工 潍柴 "
    "福耀 上汽 广汽 一汽 东风 北汽 江淮 长虹 康佳 创维 海信 老干妈 三只松鼠 百草味 来伊份 "
    "周黑鸭 绝味 西贝 喜茶 奈雪的茶 蜜雪冰城 瑞幸 茶颜悦色 太二 呷哺呷哺 外婆家 全聚德 东来顺 "
    "稻香村 好利来 味多美 美宜佳 好孩子 家家悦 永辉 物美 大润发 华润万家 盒马 叮咚买菜 朴朴 "
    "红星美凯龙 居然之家 欧派 索菲亚 尚品宅配 顾家家居 喜临门 慕思 德邦 极兔 菜鸟 货拉拉 满帮 "
    "中国移动 中国联通 中国电信 招商银行 工商银行 建设银行 交通银行 浦发银行 兴业银行 民生银行 "
    "中信银行 宁波银行 微众银行 泰康 新华保险 众安 复星 海航 国航 东航 南航 春秋航空 同程 "
    "去哪儿 飞猪 途牛 马蜂窝 华住 锦江 如家 亚朵 万达 龙湖 融创 绿地 华侨城 新东方 好未来 "
    "猿辅导 作业帮 学而思 高途 中公教育 知乎 豆瓣 小红书 哔哩哔哩 微博 爱奇艺 优酷 喜马拉雅 "
    "虎牙 斗鱼 陌陌 贝壳 链家 自如 安居客 猎聘 智联招聘 前程无忧 汇川技术 迈瑞医疗 联影 "
    "药明康德 恒瑞医药 云南白药 同仁堂 白云山 华大基因 爱尔眼科 九州通 国药 达达 东方财富 "
    "同花顺 恒生电子 神州数码 软通动力 东软 易方达 嘉实 中金 华泰证券 海通证券 广发证券 "
    "和府捞面 家乐福 达利园 达能 来电科技 的卢深视 美的置业 美年大健康 海底捞 蔚来 顺丰 携程 "
    "良品铺子 美的 名创优品 完美日记 元气森林 泡泡玛特 有赞 微盟 "
    "大众点评 饿了么 太平洋保险 中粮 中石化 中石油 国家电网 南方电网 宝钢 鞍钢 "
    "海螺水泥 青岛啤酒 雪花啤酒 燕京啤酒 洋河 泸州老窖 汾酒 今麦郎 白象 三全 思念 安井 "
    "双汇 雨润 金龙鱼 鲁花 光明乳业 君乐宝 飞鹤 贝因美 好丽友 旺旺 达利 盼盼 徐福记 "
    "来来会员店 和路雪 通化东宝 通用技术 达达快送 家和美 美和 海和 和家欢"
).split()

# Fictional companies that stand in for customers in English sales chatter.
EN_FICTIONAL = (
    "Acme",
    "Acme Corp",
    "Globex",
    "Initech",
    "Hooli",
    "Umbrella Corp",
    "Wayne Enterprises",
    "Stark Industries",
    "Wonka Industries",
    "Cyberdyne",
    "Soylent",
    "Vandelay",
    "Vandelay Industries",
    "Dunder Mifflin",
    "Pied Piper",
    "Massive Dynamic",
    "Tyrell Corp",
    "Oscorp",
    "LexCorp",
    "Aperture",
    "Black Mesa",
    "Sterling Cooper",
    "Bluth Company",
    "Virtucon",
    "Nakatomi",
    "Weyland-Yutani",
    "Oceanic",
    "InGen",
    "Initrode",
    "Planet Express",
    "Monarch",
    "Gringotts",
    "Prestige Worldwide",
    "Strickland Propane",
    "Krusty Krab",
    "Paper Street",
    "Contoso",
    "Fabrikam",
    "Northwind Traders",
    "Tailspin Toys",
    "Litware",
    "Adventure Works",
    "Wide World Importers",
)
# Real companies that buy B2B software (not CRM vendors, which are rivals).
EN_REAL = (
    "Shopify Stripe Airbnb Uber Tesla Nike Walmart Costco Delta FedEx DHL Siemens Bosch "
    "Philips Unilever Nestle Pfizer Moderna Boeing Airbus Toyota Honda Samsung Sony Canon Intel "
    "Dell Lenovo Maersk IKEA Zara Spotify Netflix Lyft Grab Shopee Lazada Rakuten Nissan Heineken "
    "Danone Carrefour Tesco Visa Mastercard PayPal Deloitte Accenture Infosys Wipro Vodafone "
    "Ericsson Nokia Volvo Scania Lufthansa Emirates Marriott Hilton Starbucks Adidas Puma"
).split() + ["Coca-Cola", "Johnson & Johnson", "P&G", "AT&T", "3M", "Procter & Gamble", "H&M"]

_EN_SYL_A = (
    "ze nor vel quil tri bri ka lu ma ve xa or ol ar cor den fal gar hel jor kes lin mer nov "
    "pal rav sol tor ul var wil yar ax bel cal dra glo ini hoo van fab con lit ty ver zen "
    "qua syn omni pro neo flex opt core mark brand sun vita ever tek digi"
).split()
_EN_SYL_B = (
    "trix haven tro lon vex dia mont ora via ton ric sys bit wave stone ford ly nex bex tech "
    "ify io ra go ium ix on us ent corp ware logic works hub co"
).split()
_EN_WORDS = (
    "Blue Silver Apex Nova Pioneer Summit Vertex Harbor Maple Granite Falcon Orchid Cobalt Crimson "
    "Northwind Tidewater Ironclad Brightwave Evergreen Redwood Lakeside Golden Polar Copperline "
    "Skyline Riverbend Starlight Oakridge Bluefin Keystone Lighthouse Sunrise Westfield Atlas "
    "Beacon Cedar Delta Echo Fusion Horizon Juniper Kestrel Lumen Meridian Nimbus Orbit Prism "
    "Quantum Radiant Sierra Titan Unity Vector Willow Zenith Ember Harvest Pinnacle Sequoia "
    "Bright Rocket Anchor Compass Harbour Pacific Atlantic Alpine Canyon Coastal Frontier"
).split()
_EN_SUFFIXES = (
    "Labs Systems Health Logistics Retail Bank Foods Energy Motors Capital Networks Group Inc "
    "Corp Ltd Software Pharma Insurance Media Holdings Industries Analytics Robotics Airlines "
    "Hotels Telecom Partners Solutions Technologies Manufacturing Financial Clinics Brewing "
    "Dynamics Enterprises Co. LLC GmbH"
).split()
_EN_SURNAMES = "Johnson Miller Carter Hughes Bennett Foster Reed Walsh Porter Grant Lane".split()

_ZH_CHARS = (
    "华海天金瑞鑫恒泰宏远博信嘉达通盛安康新东云星辰光明德润丰源和立创智航汇凯卓越领优易佳银兴益诚"
    "晟昊铭宇腾锦翔鼎峰森江湖川宁蓝青绿红紫晶石岩松柏桐楠枫荷兰菊梅竹飞龙凤麒麟鹏鸿雁鹤思睿哲"
    "启迪策维拓朗逸澜沁汐澄霖雅致远图景曜弘为的来美小大人家国好乐动力米宝之方正长城阳春秋雪山水"
    "火木花果豆牛羊马猫鱼贝叶草一二三九百万千亚迪比特斯克拉尔利亨奥普盈捞铺子酷趣味鲜香甜茶咖"
    "啡饼面粉糖蜂熊鹿狐猴象鲸鲨鸭鹅鸡虎豹狮联合众中央京沪粤蜀湘闽浙赣徽晋冀鲁豫吉辽黑蒙藏"
)
_ZH_WORDS = (
    "星河 蓝鲸 青禾 云杉 锦程 北辰 海纳 橙果 绿洲 拾光 飞鱼 鹿鸣 山海 木棉 沐风 熊猫 麦田 白鹭 "
    "天穹 知行 小鹿 大象 喜鹊 乐享 优选 鲜丰 百果 爱家 好邻居 阳光 春风 秋实 东方 南山 "
    "西湖 北斗 中天 万家 千禾 来福 美好 和美 通达 达美 家宜 美来 海通 和达 家和 "
    "来客 美家 甜心 果然 鲜活"
).split()
_ZH_INDUSTRY = (
    "科技 集团 银行 物流 医疗 汽车 电子 地产 保险 证券 食品 能源 教育 软件 零售 餐饮 电器 通信 "
    "药业 股份 控股 智能 信息 制造 航空 化工 有限公司 服饰 家居 快递 网络 传媒 置业 乳业 酒业 "
    "生物 医药 实业 商贸 超市 连锁 影业 出行 农业 钢铁 新材料 云 数据 健康 母婴 文旅 酒店"
).split()
_ZH_CITIES = "深圳 杭州 上海 北京 苏州 成都 武汉 南京 广州 厦门 青岛 宁波 长沙 西安".split()


# Shop-style names with 的 inside, so the tagger does not always end a name before 的.
ZH_DE_NAMES = (
    "外婆的味道 阿姨的厨房 老王的面馆 妈妈的菜 小猪的店 海的女儿 猫的天空之城 树的森林 "
    "风的家 美的 奈雪的茶 的卢深视 蓝的科技 云的数据 星的海洋 鱼的故事"
).split()


def zh_company(rng: random.Random) -> str:
    """A Chinese customer name: a real brand, a word-like brand, with or without suffix."""
    roll = rng.random()
    if roll < 0.04:
        return rng.choice(ZH_DE_NAMES)
    if roll < 0.35:
        return rng.choice(ZH_BRANDS)
    if roll < 0.6:
        name = rng.choice(_ZH_WORDS)
        if rng.random() < 0.3:
            name += rng.choice(_ZH_CHARS)
    else:
        name = "".join(rng.sample(_ZH_CHARS, rng.choices((2, 3, 4), weights=(5, 4, 1))[0]))
    if rng.random() < 0.35:
        name += rng.choice(_ZH_INDUSTRY)
    if rng.random() < 0.08:
        name = rng.choice(_ZH_CITIES) + name
    return name


def _en_invented(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.45:
        return (rng.choice(_EN_SYL_A) + rng.choice(_EN_SYL_B)).capitalize()
    if roll < 0.75:
        return rng.choice(_EN_WORDS)
    if roll < 0.85:
        return rng.choice(_EN_WORDS) + rng.choice(_EN_WORDS).lower()
    if roll < 0.92:
        return "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(rng.randint(2, 4)))
    return rng.choice(_EN_SURNAMES) + rng.choice((" & ", " and ")) + rng.choice(_EN_SURNAMES)


def en_company(rng: random.Random) -> str:
    """An English customer name in the casings reps use (Acme, acme, ACME, Acme Corp)."""
    roll = rng.random()
    if roll < 0.25:
        name = rng.choice(EN_FICTIONAL)
    elif roll < 0.4:
        name = rng.choice(EN_REAL)
    else:
        name = _en_invented(rng)
        if rng.random() < 0.4:
            name += " " + rng.choice(_EN_SUFFIXES)
    casing = rng.random()
    if casing < 0.12:
        return name.lower()
    if casing < 0.15 and len(name) <= 8:
        return name.upper()
    return name
