"""The briefing as a PowerPoint deck (python-pptx), 16:9, the classification marking on every slide."""

from __future__ import annotations

import datetime as dt
import io
import math

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

    def table(self, title: str, headers: list[str], rows: list[list[str]], weights: list[float] | None = None,
              limit: int = 160) -> None:
        """A table over as many slides as its rows need (up to MAX_TABLE_SLIDES): rows are measured, so wrapped
        text never runs past the slide's foot and its marking."""
        if not rows:
            slide = self.slide(title)
            self.text(slide, [self.t("empty")])
            return
        weights = weights or [1.0] * len(headers)
        width = WIDTH - Inches(1.0)
        columns = [Emu(int(width * w / sum(weights))) for w in weights]
        size = Pt(11 if len(headers) <= 4 else 9)
        cells = [[value if len(value) <= limit else value[: limit - 1] + "…" for value in row] for row in rows]
        chunks = _chunks(cells, [c / 914400 for c in columns], size.pt, TABLE_ROOM_IN)
        shown = chunks[:MAX_TABLE_SLIDES]
        for n, chunk in enumerate(shown):
            slide = self.slide(title if len(chunks) == 1 else f"{title} ({n + 1}/{len(chunks)})")
            shape = slide.shapes.add_table(len(chunk) + 1, len(headers), Inches(0.5), Inches(1.45), width,
                                           Inches(0.4) * (len(chunk) + 1))
            shape.name = title
            grid = shape.table
            for c, column in enumerate(columns):
                grid.columns[c].width = column
            for c, header in enumerate(headers):
                grid.cell(0, c).text = header
                for para in grid.cell(0, c).text_frame.paragraphs:
                    for run in para.runs:
                        run.font.size, run.font.bold = size, True
            for r, row in enumerate(chunk, start=1):
                for c, value in enumerate(row):
                    cell = grid.cell(r, c)
                    cell.text = value
                    for para in cell.text_frame.paragraphs:
                        for run in para.runs:
                            run.font.size = size
        left = sum(len(c) for c in chunks[MAX_TABLE_SLIDES:])
        if left:
            self.text(self.prs.slides[-1], [self.t("more_rows", count=left)], top=HEIGHT - Inches(0.95), size=12)


#: Height (inches) a table may take on a slide, between the title and the marking at the foot.
TABLE_ROOM_IN = 5.1


def _lines(text: str, width_in: float, size_pt: float) -> int:
    per_line = max(8, int((width_in - 0.2) * 72 / (size_pt * 0.55)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in (text or " ").split("\n"))


def _chunks(rows: list[list[str]], widths_in: list[float], size_pt: float, room_in: float) -> list[list[list[str]]]:
    """Rows grouped into slides by their estimated wrapped height."""
    def height(row: list[str]) -> float:
        return max(_lines(v, w, size_pt) for v, w in zip(row, widths_in)) * size_pt * 1.2 / 72 + 0.1

    chunks: list[list[list[str]]] = [[]]
    used = 0.45  # the header row
    for row in rows:
        h = height(row)
        if chunks[-1] and used + h > room_in:
            chunks.append([])
            used = 0.45
        chunks[-1].append(row)
        used += h
    return chunks


def render_pptx(b: Briefing, pictures: Pictures | None = None) -> bytes:
    """The .pptx bytes of a finished briefing model."""
    pictures = pictures or draw_all(b)
    deck = _Deck(b)
    t = deck.t
    cover = deck.slide(b.title)
    lines = [b.source_line] + ([t("sharing_variant")] if b.sharing else [])
    lines.append(t("date_line", date=format_date(b.created, b.lang)))
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
    findings = [[f.title, t("severity." + f.severity), f.explanation, "\n".join(f.evidence)] for f in b.findings]
    deck.table(t("sections.findings"), [t("columns.name"), t("columns.severity"), t("sections.findings"),
                                        t("columns.evidence")], findings, weights=[2.4, 1.25, 4.5, 4.2], limit=600)
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
