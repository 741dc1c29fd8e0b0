"""Compose search_knowledge questions from the frames in templates_knowledge, and invent
rival names the tagger has never seen."""

from __future__ import annotations

import random
import re

from nlp.data import names
from nlp.data.templates_knowledge import (
    COMPARE,
    COMPARE_PRE,
    COMPARE_PRE2,
    COMPARE_Q,
    COMPARE_TAIL,
    DOC_Q,
    FEATURE_Q,
    OBJECTION_Q,
    PRICING,
)

EDITIONS = {
    "zh": (
        "专业版 企业版 旗舰版 标准版 基础版 高级版 团队版 集团版 私有化版 尊享版 入门版 "
        "免费版 试用版 SaaS版 终身版 教育版 海外版 增强版 专业版套餐 企业版年费"
    ).split(),
    "en": (
        "professional edition|pro plan|enterprise plan|enterprise edition|standard tier|"
        "basic plan|starter plan|premium tier|ultimate edition|team plan|business plan|"
        "growth plan|on-prem edition|SaaS edition|Pro tier|Enterprise license|Unlimited plan"
    ).split("|"),
}
DOCS = {
    "zh": (
        "演示脚本 安全白皮书 产品手册 解决方案PPT 公司介绍 报价模板 合同模板 实施方案 标书模板 "
        "技术白皮书 资质证书 等保证明 案例集 产品路线图 竞品对比表 功能清单 ROI测算表 安全问卷答复 "
        "SLA说明 隐私政策 培训视频 产品彩页 售前FAQ 部署架构图 接口文档 招标应答模板 演示PPT "
        "客户成功故事 价格政策 渠道政策 产品发布说明 数据安全说明"
    ).split(),
    "en": (
        "demo script|security whitepaper|product brochure|pitch deck|one-pager|solution brief|"
        "SOC 2 report|DPA template|MSA template|RFP answer library|security questionnaire answers|"
        "datasheet|roadmap deck|pricing sheet|ROI calculator|case study deck|reference list|"
        "implementation plan template|SLA document|training videos|release notes|"
        "architecture diagram|API docs|competitive deck|discovery call guide|ISO 27001 cert|"
        "customer story slides|partner price list|mutual action plan template"
    ).split("|"),
}
INDUSTRIES = {
    "zh": (
        "制造业 零售 医疗 教育 金融 银行 保险 物流 汽车 快消 地产 能源 互联网 医药 政府 电商 "
        "餐饮 连锁门店 外贸 建筑 化工 半导体 游戏 酒店 航空"
    ).split(),
    "en": (
        "retail|manufacturing|healthcare|banking|insurance|logistics|automotive|CPG|real estate|"
        "energy|pharma|public sector|e-commerce|hospitality|education|fintech|telecom|"
        "construction|media|SaaS"
    ).split("|"),
}
FEATURES = {
    "zh": (
        "SSO 单点登录 私有化部署 本地部署 多语言 移动端离线 和SAP对接 和金蝶对接 和用友打通 "
        "企业微信集成 钉钉集成 飞书集成 开放API 批量导出数据 自定义字段 审批流 多币种 等保三级 "
        "双因素认证 LDAP登录 国产化适配 信创环境 数据加密 电子签章 海外节点部署 工单系统 "
        "AI外呼 小程序 BI报表 权限分级"
    ).split(),
    "en": (
        "SSO|SAML|SCIM provisioning|on-prem deployment|multi-currency|custom fields|approval "
        "workflows|an open API|offline mobile|2FA|audit logs|data residency in the EU|"
        "Salesforce data import|Outlook sync|Gmail integration|a Slack integration|"
        "role-based permissions|HIPAA compliance|e-signature|territory management|CPQ|"
        "webhooks|a sandbox environment|field-level encryption"
    ).split("|"),
}
SYSTEMS = (
    "SAP|NetSuite|Workday|ServiceNow|Jira|Zendesk|Okta|Azure AD|Snowflake|QuickBooks|"
    "Microsoft Teams|Google Workspace|Shopify|Marketo|Tableau"
).split("|")
OBJECTIONS = {
    "zh": (
        "嫌贵 说太贵了 说没预算 说现在不是时候 说要再考虑考虑 说已经有系统了 说要找老板批 "
        "担心数据安全 担心实施周期太长 说用Excel就够了 觉得功能太复杂 要先免费试用 说明年再说 "
        "嫌合同期太长 说别家便宜一半 怕员工不愿意用 说上次换系统失败了 担心后续服务跟不上 "
        "不想一次性付款 说要走招标"
    ).split(),
    "en": (
        "timing is bad|it's too expensive|there's no budget this year|they already use "
        "spreadsheets|they need to check with their boss|security is a concern|implementation "
        "takes too long|they're happy with their current vendor|just send me some info|"
        "we're not ready yet|the contract term is too long|the team won't adopt it|"
        "your competitor is half the price|call me next quarter|we tried a CRM before and it "
        "failed|procurement needs three quotes"
    ).split("|"),
}

_FILL = re.compile(r"\{(PRE|PRE2|Q|TAIL|ED2|ED|DOC|IND|FEAT|SYS|OBJ)\}")
_ZH_RIVAL_CHARS = "隼鲸鹰狐麦橙蓝纷栗禾沃捷迅链星闪极简微聚拓跃飞朗悦柚橡帆灵犀雀"
_ZH_RIVAL_TAILS = ("", "", "", "云", "CRM", "销", "客", "通", "数科", "智能", "SCRM")
_EN_RIVAL_A = ("Pipe", "Sales", "Deal", "Lead", "Close", "Funnel", "Nova", "Vela", "Kite", "Orbi")
_EN_RIVAL_B = ("ly", "io", "hub", "wise", "flow", "base", "desk", "mint", "stack", "works")
_EN_RIVAL_TAILS = ("", "", "", " CRM", " Cloud", " Sales", ".io")


def invented_rival(rng: random.Random, lang: str, *, customer_like: bool = True) -> str:
    """A rival nobody told the tagger about: only the comparison around it marks it.

    Half are drawn like customer names and some carry a rare character, so the tagger cannot
    tell a rival from a customer by its letters and has to read the context.
    """
    if lang == "zh" or (lang == "mx" and rng.random() < 0.5):
        roll = rng.random()
        if roll < 0.45 and customer_like:
            return names.zh_company(rng)
        if roll < 0.75:
            rare = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(rng.choice((1, 2))))
            mixed = rare + rng.choice(_ZH_RIVAL_CHARS) if rng.random() < 0.5 else rare
            return mixed + rng.choice(_ZH_RIVAL_TAILS)
        name = "".join(rng.sample(_ZH_RIVAL_CHARS, rng.choice((2, 2, 3))))
        return name + rng.choice(_ZH_RIVAL_TAILS)
    if rng.random() < 0.5 and customer_like:
        return names.en_company(rng)
    name = rng.choice(_EN_RIVAL_A) + rng.choice(_EN_RIVAL_B)
    return name + rng.choice(_EN_RIVAL_TAILS)


def _side(rng: random.Random, lang: str) -> str:
    if lang == "mx":
        return rng.choice(("zh", "en"))
    return lang


def _fill(rng: random.Random, template: str, lang: str) -> str:
    """Expand the non-slot fillers; {K} stays for the message builder to label."""
    used: set[str] = set()

    def one(m: re.Match[str]) -> str:
        key = m.group(1)
        side = _side(rng, lang)
        if key == "PRE":
            return rng.choice(COMPARE_PRE["zh" if lang == "mx" else side])
        if key == "PRE2":
            return rng.choice(COMPARE_PRE2)
        if key == "Q":
            return rng.choice(COMPARE_Q[side])
        if key == "TAIL":
            return rng.choice(COMPARE_TAIL) if side == "zh" else rng.choice(("", "?", ""))
        if key in ("ED", "ED2"):
            choice = rng.choice([e for e in EDITIONS[side] if e not in used] or EDITIONS[side])
            used.add(choice)
            return choice
        if key == "DOC":
            return rng.choice(DOCS[side])
        if key == "IND":
            return rng.choice(INDUSTRIES[side])
        if key == "FEAT":
            return rng.choice(FEATURES[side])
        if key == "SYS":
            return rng.choice(SYSTEMS)
        return rng.choice(OBJECTIONS[side])

    for _ in range(3):
        template = _FILL.sub(one, template)
    return template


def question(rng: random.Random, lang: str) -> str:
    """A composed knowledge question; {K} is left for the caller to fill and label."""
    table = rng.choices((COMPARE, PRICING, FEATURE_Q, DOC_Q, OBJECTION_Q), weights=(5, 3, 2, 3, 2))[
        0
    ]
    if table is COMPARE and lang != "mx" and rng.random() < 0.5:
        # The "with X / compared to X" frame is the one that tells a rival from a customer.
        return _fill(rng, "{PRE}{Q}{TAIL}" if lang == "zh" else "{Q} {PRE2}{TAIL}", lang)
    options = table.get(lang) or table["zh"]
    if lang == "mx" and rng.random() < 0.4:
        options = table["zh"] + table["en"]
    return _fill(rng, rng.choice(options), lang)
