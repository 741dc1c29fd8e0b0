"""Synthetic but realistic zh/en collateral passages and queries for the benchmark."""

from __future__ import annotations

import random

PRODUCTS = ["CRM", "Service Cloud", "Insight BI", "AI Assistant", "Partner Portal"]
PRODUCTS_ZH = ["CRM", "服务云", "洞察 BI", "AI 助手", "合作伙伴门户"]
RIVALS = ["Salesforce", "HubSpot", "Zoho", "Dynamics 365", "纷享销客", "销售易"]
INDUSTRIES = ["manufacturing", "retail", "education", "fintech", "healthcare", "logistics"]
INDUSTRIES_ZH = ["制造业", "连锁零售", "教育", "金融科技", "医疗", "物流"]
TOPICS = [
    "discount approval",
    "data residency",
    "SSO setup",
    "ERP sync",
    "renewal risk",
    "POC success criteria",
    "implementation phases",
    "price objection",
    "onboarding",
]
TOPICS_ZH = [
    "折扣审批",
    "数据驻留",
    "单点登录",
    "ERP 对接",
    "续约风险",
    "POC 成功标准",
    "实施阶段",
    "价格异议",
    "上线培训",
]

EN_TEMPLATES = [
    "{p} Enterprise costs ${n} per seat per month, billed yearly; {t} is run by the deal desk.",
    "When competing with {r} in {i}, lead with total cost of ownership and a {w}-week go-live.",
    "A {i} customer cut quote turnaround from {n} hours to {w} hours after rolling out {p}.",
    "For {t}, the customer provides a project owner and {w} key users; we provide a consultant.",
    "{p} supports {t} out of the box; advanced options need the Enterprise tier and {w} days.",
    "If the buyer says {r} is cheaper, compare three-year cost: licences, services and {t}.",
]
ZH_TEMPLATES = [
    "{p} 企业版每席位每月 {n} 元，按年付费；{t}由交易支持中心负责。",
    "在{i}行业与{r}竞争时，先讲总拥有成本，再讲 {w} 周上线。",
    "一家{i}客户上线{p}后，报价周期从 {n} 小时缩短到 {w} 小时。",
    "{t}需要客户指定项目负责人和 {w} 名关键用户，我们派出实施顾问。",
    "{p} 默认支持{t}，高级配置需要企业版，大约 {w} 天完成。",
    "客户说{r}更便宜时，用三年总成本对比：许可、服务和{t}。",
]


def passage(rng: random.Random) -> tuple[str, str]:
    """(text, language) of one random passage."""
    w, n = rng.randint(2, 16), rng.randint(20, 900)
    if rng.random() < 0.5:
        template = rng.choice(EN_TEMPLATES)
        text = template.format(
            p=rng.choice(PRODUCTS),
            r=rng.choice(RIVALS),
            i=rng.choice(INDUSTRIES),
            t=rng.choice(TOPICS),
            w=w,
            n=n,
        )
        return text, "en"
    template = rng.choice(ZH_TEMPLATES)
    text = template.format(
        p=rng.choice(PRODUCTS_ZH),
        r=rng.choice(RIVALS),
        i=rng.choice(INDUSTRIES_ZH),
        t=rng.choice(TOPICS_ZH),
        w=w,
        n=n,
    )
    return text, "zh"


def query(rng: random.Random) -> str:
    forms = [
        "how much is {p} per seat",
        "{r} 比我们便宜怎么办",
        "{t} case study in {i}",
        "{i}客户的{t}案例",
        "who handles {t}",
        "{p} 支持{tz}吗",
    ]
    return rng.choice(forms).format(
        p=rng.choice(PRODUCTS),
        r=rng.choice(RIVALS),
        t=rng.choice(TOPICS),
        i=rng.choice(INDUSTRIES),
        tz=rng.choice(TOPICS_ZH),
    )
