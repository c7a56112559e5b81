"""A briefing's network picture stays on the page of its heading, however large the network (issue 15: a
30-entity case at 100k manifests had "Red" alone on an empty page and the picture on the next)."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

from workbench.briefing.render_pdf import MARGIN, PAGE, _page_picture, _styles


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def test_a_heading_and_a_page_sized_picture_share_one_page() -> None:
    width, height = PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN - 16 * mm  # as render_pdf sets the page
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 8 * mm,
                            bottomMargin=MARGIN + 8 * mm)
    for size in ((1528, 861), (900, 1400), (2000, 300)):  # the network at 100k, a tall one, a strip
        buffer.seek(0)
        buffer.truncate()
        heading = Paragraph("Red", _styles()["h1"])
        doc.build(_page_picture(heading, _png(*size), width, height))
        pages = PdfReader(io.BytesIO(buffer.getvalue())).pages
        assert len(pages) == 1, f"{size}: the picture went to a page of its own"
        assert len(pages[0].images) == 1 and "Red" in (pages[0].extract_text() or "")
