"""The briefing as a PowerPoint deck (python-pptx), 16:9, the classification marking on every slide."""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from workbench.briefing.types import Briefing
from workbench.briefing.pictures import Pictures, draw_all
from workbench.briefing.tables import all_tables, timeline_rows
from workbench.briefing.text import Text
from workbench.formatting import format_date

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
ROWS_PER_SLIDE = 12
MAX_TABLE_SLIDES = 5
MARK = RGBColor(0xB0, 0x00, 0x20)


class _Deck:
    def __init__(self, b: Briefing) -> None:
        self.b = b
        self.t = Text(b.lang)
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.blank = self.prs.slide_layouts[6]
        self.title_only = self.prs.slide_layouts[5]

    def _marking(self, slide) -> None:  # type: ignore[no-untyped-def]
        for top in (Inches(0.05), HEIGHT - Inches(0.45)):
            box = slide.shapes.add_textbox(Inches(0.5), top, WIDTH - Inches(1.0), Inches(0.4))
            box.name = "Classification marking"
            para = box.text_frame.paragraphs[0]
            para.alignment = PP_ALIGN.CENTER
            run = para.add_run()
            run.text = self.b.marking
            run.font.bold = True
            run.font.size = Pt(14)
            run.font.color.rgb = MARK

    def slide(self, title: str, note: str = ""):  # type: ignore[no-untyped-def]
        slide = self.prs.slides.add_slide(self.title_only)
        slide.shapes.title.text = title
        title_shape = slide.shapes.title
        title_shape.top, title_shape.left = Inches(0.45), Inches(0.5)
        title_shape.width, title_shape.height = WIDTH - Inches(1.0), Inches(0.9)
        for para in title_shape.text_frame.paragraphs:
            for run in para.runs:
                run.font.size = Pt(28)
        self._marking(slide)
        # Speaker notes say only what the slide shows; they come from the same (withheld) model.
        slide.notes_slide.notes_text_frame.text = note or f"{self.b.title} — {self.b.marking}"
        return slide

    def text(self, slide, lines: list[str], top=Inches(1.5), size: int = 18) -> None:  # type: ignore[no-untyped-def]
        box = slide.shapes.add_textbox(Inches(0.7), top, WIDTH - Inches(1.4), HEIGHT - top - Inches(0.7))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = line
            para.space_after = Pt(8)
            for run in para.runs:
                run.font.size = Pt(size)

    def picture(self, slide, png: bytes, alt: str) -> None:  # type: ignore[no-untyped-def]
        from PIL import Image  # noqa: PLC0415

        with Image.open(io.BytesIO(png)) as img:
            w, h = img.size
        max_w, max_h = WIDTH - Inches(1.0), HEIGHT - Inches(2.1)
        scale = min(max_w / w, max_h / h)
        width, height = Emu(int(w * scale)), Emu(int(h * scale))
        pic = slide.shapes.add_picture(io.BytesIO(png), int((WIDTH - width) / 2), Inches(1.45), width, height)
        pic.name = alt
        # Alt text (descr) is the section title only.
        pic._element.nvPicPr.cNvPr.set("descr", alt)

    def table(self, title: str, headers: list[str], rows: list[list[str]]) -> None:
        if not rows:
            slide = self.slide(title)
            self.text(slide, [self.t("empty")])
            return
        shown = rows[: ROWS_PER_SLIDE * MAX_TABLE_SLIDES]
        chunks = [shown[i:i + ROWS_PER_SLIDE] for i in range(0, len(shown), ROWS_PER_SLIDE)]
        for n, chunk in enumerate(chunks):
            slide = self.slide(title if len(chunks) == 1 else f"{title} ({n + 1}/{len(chunks)})")
            height = Inches(0.4) * (len(chunk) + 1)
            shape = slide.shapes.add_table(len(chunk) + 1, len(headers), Inches(0.5), Inches(1.45),
                                           WIDTH - Inches(1.0), height)
            shape.name = title
            grid = shape.table
            size = Pt(11 if len(headers) <= 4 else 9)
            for c, header in enumerate(headers):
                grid.cell(0, c).text = header
                for para in grid.cell(0, c).text_frame.paragraphs:
                    for run in para.runs:
                        run.font.size, run.font.bold = size, True
            for r, row in enumerate(chunk, start=1):
                for c, value in enumerate(row):
                    cell = grid.cell(r, c)
                    cell.text = value if len(value) <= 160 else value[:159] + "…"
                    for para in cell.text_frame.paragraphs:
                        for run in para.runs:
                            run.font.size = size
            if n == len(chunks) - 1 and len(rows) > len(shown):
                self.text(slide, [self.t("more_rows", count=len(rows) - len(shown))], top=HEIGHT - Inches(1.0),
                          size=12)


def render_pptx(b: Briefing, pictures: Pictures | None = None) -> bytes:
    """The .pptx bytes of a finished briefing model."""
    pictures = pictures or draw_all(b)
    deck = _Deck(b)
    t = deck.t
    cover = deck.slide(b.title)
    lines = [b.source_line] + ([t("sharing_variant")] if b.sharing else []) + [t("date_line", date=format_date(b.created, b.lang))]
    if b.author:
        lines.append(t("prepared_by", author=b.author))
    lines.append(f"{t('classification')}: {b.marking}")
    deck.text(cover, lines, top=Inches(2.2), size=22)

    summary = deck.slide(t("sections.summary"))
    deck.text(summary, b.summary + ([t("truncated")] if b.truncated else []), size=17)

    deck.picture(deck.slide(t("sections.network")), pictures.network, t("sections.network"))
    tables = all_tables(b)
    for section in ("entities", "shipments", "seizures", "notifications"):
        table = tables[section]
        deck.table(t(f"sections.{section}"), table.headers, table.rows)
    findings = [[f.title, t("severity." + f.severity), f.explanation, ", ".join(f.evidence)] for f in b.findings]
    deck.table(t("sections.findings"), [t("columns.name"), t("columns.severity"), t("sections.findings"),
                                        t("columns.evidence")], findings)
    deck.picture(deck.slide(t("sections.timeline")), pictures.timeline, t("sections.timeline"))
    routes = deck.slide(t("sections.routes"))
    if pictures.routes:
        deck.picture(routes, pictures.routes, t("sections.routes"))
    else:
        deck.text(routes, [t("empty")])
    if b.notes:
        deck.text(deck.slide(t("sections.notes")), b.notes.splitlines()[:14], size=16)
    prov = tables["provenance"]
    deck.table(t("sections.provenance"), prov.headers, prov.rows)
    if b.withheld:
        deck.text(deck.slide(t("sections.withheld")), b.withheld, size=18)

    props = deck.prs.core_properties
    props.title = b.title
    props.author = b.author
    props.last_modified_by = b.author
    props.subject = b.marking
    props.keywords = b.marking
    props.category = b.marking
    props.comments = ""
    props.identifier = ""
    props.language = b.lang
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    out = io.BytesIO()
    deck.prs.save(out)
    return out.getvalue()
