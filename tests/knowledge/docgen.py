"""Builders for the small test documents (PDF with CJK text, PPTX, DOCX, image-only PDF)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def cjk_pdf(path: Path, pages: Sequence[Sequence[tuple[str, float]]]) -> Path:
    """A real PDF whose text uses the standard STSong-Light CID font (no embedding needed).

    ``pages`` is a list of pages, each a list of (line text, font size) drawn top-down.
    """
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled in below
    pages_obj = add("")
    font = add(
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        "/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>] >>"
    )
    page_ids = []
    for lines in pages:
        ops = ["BT"]
        y = 800.0
        for text, size in lines:
            y -= size * 1.6
            hex_text = text.encode("utf-16-be").hex().upper()
            ops.append(f"/F1 {size} Tf 1 0 0 1 50 {y:.1f} Tm <{hex_text}> Tj")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def english_pdf(path: Path, pages: Sequence[tuple[str, Sequence[str]]]) -> Path:
    """fpdf2 PDF: each page has a large heading and wrapped body paragraphs."""
    from fpdf import FPDF

    pdf = FPDF()
    for heading, paragraphs in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=18)
        pdf.cell(text=heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(w=0, text=paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))
    return path


def image_only_pdf(path: Path, tmp_dir: Path) -> Path:
    """A 'scan': one page holding only a picture."""
    from fpdf import FPDF
    from PIL import Image

    picture = tmp_dir / "scan.png"
    Image.new("RGB", (200, 120), (240, 240, 240)).save(picture)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(picture), x=10, y=10, w=150)
    pdf.output(str(path))
    return path


def pptx_deck(path: Path, slides: Sequence[tuple[str, str]], notes: str = "") -> Path:
    """Title-and-content slides; the last slide also gets a small table and speaker notes."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    layout = deck.slide_layouts[1]
    for index, (title, body) in enumerate(slides):
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
        if index == len(slides) - 1:
            table = slide.shapes.add_table(2, 2, Inches(1), Inches(5), Inches(6), Inches(1)).table
            for r, row in enumerate([("Tier", "Price"), ("Enterprise", "$60")]):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            if notes:
                slide.notes_slide.notes_text_frame.text = notes
    deck.save(str(path))
    return path


def docx_file(path: Path, title: str, sections: Sequence[tuple[str, Sequence[str]]]) -> Path:
    """Heading 1 title, Heading 2 sections with paragraphs, and one table at the end."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for heading, paragraphs in sections:
        document.add_heading(heading, level=2)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("审批人", "折扣"), ("销售经理", "10%–20%")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))
    return path
