"""Each loader on small documents the test writes, with page/slide/heading metadata."""

from __future__ import annotations

from pathlib import Path

from knowledge.chunking import chunk_blocks
from knowledge.classify import infer_doc_type, infer_product
from knowledge.loaders import load_file
from tests.knowledge.docgen import cjk_pdf, docx_file, english_pdf, pptx_deck


def test_pdf_pages_headings_and_wrapped_paragraphs(tmp_path: Path) -> None:
    long = "Our platform keeps every customer record in one place. " * 6
    path = english_pdf(
        tmp_path / "overview.pdf",
        [("Product overview", [long]), ("Security", ["Data is encrypted with AES-256."])],
    )
    loaded = load_file(path)
    assert loaded.page_count == 2
    headings = [b.text for b in loaded.blocks if b.is_heading]
    assert headings == ["Product overview", "Security"]
    body = [b for b in loaded.blocks if not b.is_heading]
    assert body[0].page == 1 and body[0].text.count("one place.") == 6  # lines re-joined
    chunks = chunk_blocks(loaded.blocks, "overview", 1)
    aes = [c for c in chunks if "AES-256" in c.text]
    assert aes and aes[0].page == 2 and aes[0].heading == "Security"


def test_chinese_pdf_line_breaks_and_full_width(tmp_path: Path) -> None:
    path = cjk_pdf(
        tmp_path / "case.pdf",
        [
            [
                ("客户案例：启航制造", 18),
                ("这是一段很长的正文，用来测试排版换行时一个词语被拆到两行的情况，例如数", 10),
                ("字化转型，专业版价格为￥１９９每人每月。", 10),
            ],
            [("实施效果", 18), ("报价周期从五天缩短到一天半。", 10)],
        ],
    )
    loaded = load_file(path)
    assert loaded.title == "客户案例：启航制造"
    text = " ".join(b.text for b in loaded.blocks)
    assert "数字化转型" in text
    assert "¥199" in text and "￥" not in text
    second = [b for b in loaded.blocks if "一天半" in b.text]
    assert second[0].page == 2


def test_pptx_slides_titles_tables_and_notes(tmp_path: Path) -> None:
    path = pptx_deck(
        tmp_path / "battlecard-acme.pptx",
        [("Why we win", "Faster go-live than Acme."), ("Pricing", "Acme charges per module.")],
        notes="Mention the three-year lock.",
    )
    loaded = load_file(path)
    assert loaded.page_count == 2
    chunks = chunk_blocks(loaded.blocks, "deck", 1)
    by_text = {c.text: c for c in chunks}
    win = next(c for t, c in by_text.items() if "Faster go-live" in t)
    assert win.slide == 1 and win.heading == "Why we win"
    table = next(c for t, c in by_text.items() if "Enterprise | $60" in t)
    assert table.slide == 2 and table.heading == "Pricing"
    assert any("three-year lock" in c.text and c.slide == 2 for c in chunks)


def test_docx_headings_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = docx_file(
        tmp_path / "discount-policy.docx",
        "折扣审批政策",
        [("基本原则", ["先价值后价格。"]), ("审批矩阵", ["超过 20% 需要区域副总裁审批。"])],
    )
    loaded = load_file(path)
    assert loaded.title == "折扣审批政策"
    chunks = chunk_blocks(loaded.blocks, "policy", 1)
    matrix = [c for c in chunks if c.heading == "审批矩阵"]
    assert "区域副总裁" in matrix[0].text
    assert any("销售经理 | 10%–20%" in c.text for c in matrix)


def test_markdown_front_matter_links_tables(tmp_path: Path) -> None:
    path = tmp_path / "faq.md"
    path.write_text(
        "---\nowner: enablement\n---\n# FAQ\n\nSee [the docs](http://x.test) **now**.\n\n"
        "## Sizing\n\n| Seats | CPU |\n|---|---|\n| 500 | 16 cores |\n",
        encoding="utf-8",
    )
    loaded = load_file(path)
    assert loaded.title == "FAQ"
    chunks = chunk_blocks(loaded.blocks, "faq", 1)
    assert chunks[0].text == "See the docs now."
    sizing = next(c for c in chunks if c.heading == "Sizing")
    assert "500 | 16 cores" in sizing.text and "---" not in sizing.text
    assert "owner" not in " ".join(c.text for c in chunks)


def test_txt_in_gb18030_and_html(tmp_path: Path) -> None:
    txt = tmp_path / "notes.txt"
    txt.write_bytes("续约提醒\n\n提前九十天开始跟进续约。".encode("gb18030"))
    assert "九十天" in load_file(txt).blocks[1].text
    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><title>Integrations</title><script>var x=1;</script></head><body>"
        "<h2>Slack</h2><p>Install the app&nbsp;from the directory.</p></body></html>",
        encoding="utf-8",
    )
    loaded = load_file(html)
    assert loaded.title == "Integrations"
    assert [b.text for b in loaded.blocks] == ["Slack", "Install the app from the directory."]
    assert loaded.blocks[0].is_heading


def test_doc_type_and_product_inference() -> None:
    assert infer_doc_type("talk-track-price-objection.md", "", "") == "talk_track"
    assert infer_doc_type("battlecard_zoho.pptx", "", "") == "battlecard"
    assert infer_doc_type("notes.md", "客户案例：某连锁零售", "客户案例 客户简介") == "case_study"
    assert infer_doc_type("notes.md", "Meeting notes", "nothing relevant") == "other"
    products = {"crm": ["CRM"], "insight": ["BI", "dashboards"]}
    assert (
        infer_product("deck.pptx", "Insight dashboards", "BI for everyone", products) == "insight"
    )
    assert infer_product("deck.pptx", "x", "y", {}) == ""
