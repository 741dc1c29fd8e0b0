"""Cleanup and normalisation of mixed Chinese/English text."""

from __future__ import annotations

from knowledge.chunking import chunk_blocks
from knowledge.textnorm import (
    detect_language,
    join_pieces,
    normalize_text,
    query_language,
    split_sentences,
)
from knowledge.tokens import tokenize
from knowledge.types import Block


def test_width_variants_fold_but_chinese_punctuation_stays() -> None:
    text = normalize_text("企业版　￥３４９／人／月，ＣＲＭ\u200b ﬁle")
    assert text == "企业版 ¥349/人/月，CRM file"


def test_line_joins_follow_script() -> None:
    assert join_pieces("一体化数", "字化转型") == "一体化数字化转型"
    assert join_pieces("imple-", "mentation plan") == "implementation plan"
    assert join_pieces("first", "certified") == "first certified"
    assert join_pieces("Anti-", "Money") == "Anti- Money"


def test_language_detection() -> None:
    assert detect_language("客户担心数据安全，我们提供私有化部署和等保三级认证。") == "zh"
    assert detect_language("Customers worry about security; we offer private deployment.") == "en"
    mixed = "价格表 Price list：专业版 Professional ¥199 per seat per month，企业版 Enterprise"
    assert detect_language(mixed) == "mixed"
    assert query_language("hubspot比我们贵多少") == "zh"
    assert query_language("sso with okta?") == "en"


def test_sentence_split_handles_both_languages() -> None:
    parts = split_sentences("First point. Costs 2.5 times less. 第二点。第三点！\nlast line")
    assert parts == ["First point.", "Costs 2.5 times less.", "第二点。", "第三点！", "last line"]


def test_tokens_mix_jieba_words_and_lowercase_english() -> None:
    tokens = tokenize("私有化部署 supports Kingdee Connectors")
    assert "私有化" in tokens and "部署" in tokens
    assert "kingdee" in tokens and "connector" in tokens  # lowercased, plural folded
    assert "supports" not in tokens


def test_repeated_boilerplate_is_chunked_once() -> None:
    footer = "Confidential - internal use only."
    blocks = [
        Block("Pricing", page=1, is_heading=True),
        Block("Enterprise costs $60 per seat.", page=1),
        Block(footer, page=1),
        Block("Support", page=2, is_heading=True),
        Block("Support is 7x24 for Enterprise.", page=2),
        Block(footer, page=2),
    ]
    chunks = chunk_blocks(blocks, "doc", 1, target=10)
    texts = [c.text for c in chunks]
    assert texts.count(footer) == 1
    assert [c.page for c in chunks if "7x24" in c.text] == [2]
    assert {c.heading for c in chunks if "$60" in c.text} == {"Pricing"}


def test_long_block_is_split_near_target() -> None:
    text = "".join(f"第{i}句说明实施周期的安排。" for i in range(60))
    blocks = [Block("实施", is_heading=True), Block(text)]
    chunks = chunk_blocks(blocks, "doc", 1, target=100)
    assert len(chunks) >= 5
    assert all(len(c.text) <= 140 for c in chunks)
    assert all(c.heading == "实施" and c.language == "zh" for c in chunks)
