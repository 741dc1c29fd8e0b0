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
