"""The briefing as a PDF (reportlab): landscape A4, the classification marking on top and bottom of every page."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Flowable, Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from workbench.briefing.types import Briefing
from workbench.briefing.pictures import Pictures, draw_all
from workbench.briefing.tables import all_tables, timeline_rows
from workbench.briefing.text import Text
from workbench.formatting import format_date

PAGE = landscape(A4)
MARGIN = 15 * mm
MARK_COLOUR = colors.HexColor("#b00020")


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    """DejaVu Sans (shipped with matplotlib) so Spanish accents and other scripts print; Helvetica otherwise."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    try:
        pdfmetrics.registerFont(TTFont("BriefSans", str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("BriefSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
        return "BriefSans", "BriefSans-Bold"
    except Exception:  # noqa: BLE001 - a missing font file falls back to the PDF base fonts
        return "Helvetica", "Helvetica-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=bold, fontSize=26, leading=32),
        "subtitle": ParagraphStyle("s", parent=base["Normal"], fontName=regular, fontSize=14, leading=20,
                                   alignment=TA_CENTER),
        "mark": ParagraphStyle("m", parent=base["Normal"], fontName=bold, fontSize=18, leading=24,
                               alignment=TA_CENTER, textColor=MARK_COLOUR),
        "h1": ParagraphStyle("h1", parent=base["Heading1"], fontName=bold, fontSize=17, leading=22),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=bold, fontSize=12, leading=15),
        "body": ParagraphStyle("b", parent=base["Normal"], fontName=regular, fontSize=10.5, leading=14),
        "cell": ParagraphStyle("c", parent=base["Normal"], fontName=regular, fontSize=8, leading=10),
        "head": ParagraphStyle("h", parent=base["Normal"], fontName=bold, fontSize=8, leading=10,
                               textColor=colors.white),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _page_picture(heading: Paragraph, png: bytes, width: float, height: float) -> list[Flowable]:
    """A heading and a picture as large as the rest of the page allows, so the two stay on one page.

    The room is the frame less its padding (6 pt a side) and the heading as it is set: a fixed allowance left a large
    network a few millimetres too tall, and it moved to the next page, leaving the heading alone on an empty one."""
    _w, heading_h = heading.wrap(width, height)
    room = height - 12 - heading_h - heading.getSpaceBefore() - heading.getSpaceAfter()
    return [heading, _image(png, width - 12, room)]


def _image(png: bytes, width: float, max_height: float) -> Image:
    with PILImage.open(io.BytesIO(png)) as img:
        w, h = img.size
    scale = min(width / w, max_height / h)
    return Image(io.BytesIO(png), width=w * scale, height=h * scale)


def _table(headers: list[str], rows: list[list[str]], styles: dict[str, ParagraphStyle], width: float,
           empty: str) -> list:
    if not rows:
        return [_p(empty, styles["body"])]
    data = [[_p(h, styles["head"]) for h in headers]] + [[_p(c, styles["cell"]) for c in row] for row in rows]
    table = Table(data, colWidths=[width / len(headers)] * len(headers), repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#34495e")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f4f6")]),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#c8ccd0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return [table]


def render_pdf(b: Briefing, pictures: Pictures | None = None) -> bytes:
    """The PDF bytes of a finished briefing model."""
    t = Text(b.lang)
    pictures = pictures or draw_all(b)
    styles = _styles()
    regular, bold = _fonts()
    width = PAGE[0] - 2 * MARGIN
    height = PAGE[1] - 2 * MARGIN - 16 * mm
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 8 * mm,
                            bottomMargin=MARGIN + 8 * mm, title=b.title, author=b.author, subject=b.marking,
                            creator="Precursor Watch", keywords=b.marking, lang=b.lang)

    def marking(canvas, document) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFillColor(MARK_COLOUR)
        canvas.setFont(bold, 11)
        canvas.drawCentredString(PAGE[0] / 2, PAGE[1] - MARGIN, b.marking)
        canvas.drawCentredString(PAGE[0] / 2, MARGIN - 4 * mm, b.marking)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.setFont(regular, 8)
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN - 4 * mm, t("page", n=document.page))
        canvas.drawString(MARGIN, MARGIN - 4 * mm, b.title[:90])
        canvas.restoreState()

    story: list = [Spacer(1, 30 * mm), _p(b.title, styles["title"]), Spacer(1, 6 * mm),
                   _p(b.source_line, styles["subtitle"])]
    if b.sharing:
        story.append(_p(t("sharing_variant"), styles["subtitle"]))
    story += [Spacer(1, 10 * mm), _p(t("date_line", date=format_date(b.created, b.lang)), styles["subtitle"])]
    if b.author:
        story.append(_p(t("prepared_by", author=b.author), styles["subtitle"]))
    story += [Spacer(1, 12 * mm), _p(f"{t('classification')}: {b.marking}", styles["mark"]), PageBreak()]

    story.append(_p(t("sections.summary"), styles["h1"]))
    for sentence in b.summary:
        story += [_p(sentence, styles["body"]), Spacer(1, 2 * mm)]
    if b.truncated:
        story.append(_p(t("truncated"), styles["body"]))
    story += [PageBreak(), *_page_picture(_p(t("sections.network"), styles["h1"]), pictures.network, width, height),
              PageBreak()]

    tables = all_tables(b)
    for section in ("entities", "shipments", "seizures", "notifications"):
        table = tables[section]
        block = [_p(t(f"sections.{section}"), styles["h1"])] + _table(table.headers, table.rows, styles, width,
                                                                     t("empty"))
        story += [KeepTogether(block)] if len(table.rows) <= 15 else block
        story.append(Spacer(1, 6 * mm))

    story += [PageBreak(), _p(t("sections.findings"), styles["h1"])]
    if not b.findings:
        story.append(_p(t("empty"), styles["body"]))
    for f in b.findings:
        story.append(KeepTogether([
            _p(f"{f.title} — {t('columns.severity')}: {t('severity.' + f.severity)}", styles["h2"]),
            _p(f.explanation, styles["body"]),
            _p(f"{t('columns.evidence')}: {', '.join(f.evidence)}", styles["cell"]), Spacer(1, 3 * mm)]))

    story += [PageBreak(), _p(t("sections.timeline"), styles["h1"]), _image(pictures.timeline, width, 85 * mm)]
    story += _table([t("columns.date"), t("columns.type")], timeline_rows(b), styles, width,
                    t("empty"))
    routes = _p(t("sections.routes"), styles["h1"])
    story += [PageBreak(), *(_page_picture(routes, pictures.routes, width, height) if pictures.routes
                             else [routes, _p(t("empty"), styles["body"])])]
    if b.notes:
        story += [PageBreak(), _p(t("sections.notes"), styles["h1"]), _p(b.notes, styles["body"])]
    story += [PageBreak(), _p(t("sections.provenance"), styles["h1"])]
    prov = tables["provenance"]
    story += _table(prov.headers, prov.rows, styles, width, t("empty"))
    if b.withheld:
        story += [Spacer(1, 8 * mm), _p(t("sections.withheld"), styles["h1"])]
        story += [_p(line, styles["body"]) for line in b.withheld]
    doc.build(story, onFirstPage=marking, onLaterPages=marking)
    return buffer.getvalue()
