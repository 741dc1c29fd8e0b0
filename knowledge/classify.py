"""Infer document type and product from the file name, title and opening text."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from knowledge.types import DocType

# Cues per type, English and Chinese. File names are matched first (earliest cue wins, so
# "talk-track-price-objection" is a talk track, not a price list); then title and text vote.
_CUES: dict[DocType, tuple[str, ...]] = {
    DocType.BATTLECARD: (
        "battlecard",
        "battle card",
        "competitive",
        "competitor",
        "竞品",
        "作战卡",
    ),
    DocType.TALK_TRACK: ("talk track", "talk-track", "talktrack", "objection", "话术", "异议"),
    DocType.CASE_STUDY: (
        "case study",
        "case-study",
        "customer story",
        "success story",
        "客户案例",
        "成功案例",
    ),
    DocType.PLAYBOOK: ("playbook", "play book", "打法", "销售手册", "作战手册", "剧本"),
    DocType.PRICING: ("pricing", "price list", "price", "价格表", "价目", "报价单", "定价"),
    DocType.SECURITY: ("security", "compliance", "安全", "合规", "等保", "隐私"),
    DocType.INTEGRATION: ("integration", "connector", "集成", "对接"),
    DocType.FAQ: ("faq", "frequently asked", "常见问题", "问答"),
    DocType.PRODUCT_OVERVIEW: (
        "product overview",
        "product-overview",
        "datasheet",
        "data sheet",
        "产品介绍",
        "产品概览",
        "产品手册",
        "overview",
    ),
    DocType.POLICY: ("policy", "policies", "政策", "制度", "审批"),
    DocType.IMPLEMENTATION: ("implementation", "onboarding plan", "实施", "上线计划"),
}


def _name_text(file_name: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", file_name)
    return re.sub(r"[_\s]+", " ", stem.lower())


def infer_doc_type(file_name: str, title: str, text: str) -> str:
    """Best document type for a file; 'other' when nothing points anywhere."""
    name = _name_text(file_name)
    best: tuple[int, DocType] | None = None
    for doc_type, cues in _CUES.items():
        for cue in cues:
            for variant in {cue, cue.replace(" ", "-")}:
                pos = name.find(variant)
                if pos >= 0 and (best is None or pos < best[0]):
                    best = (pos, doc_type)
    if best is not None:
        return best[1].value
    head = text[:4000].lower()
    title_l = title.lower()
    scores: dict[DocType, int] = {}
    for doc_type, cues in _CUES.items():
        score = sum(8 * title_l.count(c) + min(head.count(c), 5) for c in cues)
        if score:
            scores[doc_type] = score
    if scores:
        doc_type, score = max(scores.items(), key=lambda kv: kv[1])
        if score >= 3:
            return doc_type.value
    return DocType.OTHER.value


def infer_product(
    file_name: str, title: str, text: str, products: Mapping[str, Sequence[str]]
) -> str:
    """The configured product whose aliases appear most (file name and title count triple)."""
    if not products:
        return ""
    name, title_l, head = _name_text(file_name), title.lower(), text[:4000].lower()
    scores: dict[str, int] = {}
    for product, aliases in products.items():
        cues = [a.lower() for a in (product, *aliases) if a]
        score = sum(3 * (name.count(c) + title_l.count(c)) + head.count(c) for c in cues)
        if score:
            scores[product] = score
    if not scores:
        return ""
    return max(scores.items(), key=lambda kv: kv[1])[0]


# What a question says about the kind of document that answers it. Phrases, not topics:
# "how much" asks for a price list whatever the product, "customer says" for a talk track.
_QUERY_CUES: dict[DocType, str] = {
    DocType.BATTLECARD: (
        "battlecard|battle card|competitor|competitors|competitive|compete|competing|vs|"
        "versus|compared to|compare|comparison|against|beat|win against|differentiator|"
        "weakness|weaknesses|strengths|"
        "竞品|竞争|对手|对比|比较|pk|作战卡|优势|劣势|弱点|短板|区别|差异|比我们|打单"
    ),
    DocType.PRICING: (
        "price|prices|pricing|cost|costs|how much|fee|fees|list price|per seat|per user|"
        "subscription|billing|charge|"
        "价格|报价|多少钱|收费|费用|价钱|定价|单价|标价|计费|付费|月付|年付|价目"
    ),
    DocType.CASE_STUDY: (
        "case study|case studies|customer story|success story|reference customer|"
        "reference|references|which customer|testimonial|proof point|"
        "案例|客户故事|标杆|成功故事|哪个客户|哪家客户|样板客户|参考客户"
    ),
    DocType.SECURITY: (
        "security|secure|compliance|compliant|certified|certification|iso|soc|gdpr|"
        "encryption|encrypted|privacy|data residency|penetration|pen test|"
        "安全|合规|认证|等保|加密|隐私|数据驻留|渗透|审计"
    ),
    DocType.TALK_TRACK: (
        "objection|objections|customer says|prospect says|client says|buyer says|"
        "what do i tell|what do i say|what to say|how to respond|how do i respond|"
        "respond to|push back|pushback|talk track|"
        "话术|怎么回|怎么说|怎么回答|怎么应对|如何应对|怎么接|客户说|客户嫌|"
        "异议|顾虑|说服|怎么聊"
    ),
    DocType.PLAYBOOK: (
        "playbook|how to run|how do we run|steps|best practice|best practices|agenda|"
        "checklist|手册|打法|流程|步骤|怎么安排|技巧|最佳实践|方法论"
    ),
    DocType.INTEGRATION: (
        "integration|integrations|integrate|connector|connectors|api|sync|synced|"
        "webhook|webhooks|集成|对接|接口|同步|打通"
    ),
    DocType.PRODUCT_OVERVIEW: (
        "feature|features|capability|capabilities|does it support|can it|module|modules|"
        "功能|能不能|能否|产品介绍|模块"
    ),
    DocType.POLICY: (
        "policy|policies|approval|approve|approves|who approves|rules|allowed|"
        "政策|审批|规定|制度|谁批|批准"
    ),
    DocType.IMPLEMENTATION: (
        "implementation|implement|onboarding|go-live|go live|rollout|uat|training|"
        "migration|kickoff|实施|上线|交付|培训|迁移|验收|启动会"
    ),
    DocType.FAQ: "faq|常见问题",
}


def _cue_pattern(cues: str) -> re.Pattern[str]:
    parts = [
        re.escape(c) if not c.isascii() else rf"(?<![a-z0-9]){re.escape(c)}(?![a-z0-9])"
        for c in sorted(cues.split("|"), key=len, reverse=True)
    ]
    return re.compile("|".join(parts))


_QUERY_PATTERNS = {doc_type: _cue_pattern(cues) for doc_type, cues in _QUERY_CUES.items()}


def query_doc_types(query: str) -> dict[str, float]:
    """Document types a question points at, each weighted 1 / (number of types named)."""
    text = query.lower()
    named = [t.value for t, pattern in _QUERY_PATTERNS.items() if pattern.search(text)]
    return {t: 1.0 / len(named) for t in named}
