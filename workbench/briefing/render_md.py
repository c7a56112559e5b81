"""The briefing as Markdown, with its pictures written beside it (``STEM.md``, ``STEM-network.png``, ...)."""

from __future__ import annotations

from pathlib import Path

from workbench.briefing.types import Briefing
from workbench.briefing.pictures import Pictures, draw_all
from workbench.briefing.tables import all_tables, timeline_rows
from workbench.briefing.text import Text
from workbench.formatting import format_date
from workbench.exports.safe import escape_markdown


def _cell(text: str) -> str:
    return _md(text) or " "


def _md(text: object) -> str:
    """Data (names, keys, explanations) on one line, escaped so it renders as itself: no links, images or HTML."""
    return escape_markdown(text, inline=True)


def _table(headers: list[str], rows: list[list[str]], empty: str) -> list[str]:
    if not rows:
        return [empty, ""]
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def render_md(b: Briefing, pictures: Pictures | None = None, stem: str | None = None) -> dict[str, bytes]:
    """File name -> bytes: the Markdown document and the pictures it links to, side by side."""
    t = Text(b.lang)
    pictures = pictures or draw_all(b)
    stem = stem or f"briefing-{b.slug}"
    files: dict[str, bytes] = {}
    mark = f"**{t('classification')}: {_md(b.marking)}**"
    out = [mark, "", f"# {_md(b.title)}", "", _md(b.source_line), ""]
    if b.sharing:
        out += [f"*{t('sharing_variant')}*", ""]
    out += [t("date_line", date=_md(format_date(b.created, b.lang))) + "  "]
    if b.author:
        out += [t("prepared_by", author=_md(b.author)) + "  "]
    out += ["", f"## {t('sections.summary')}", ""]
    out += [f"- {_md(sentence)}" for sentence in b.summary] + [""]
    if b.truncated:
        out += [t("truncated"), ""]

    def picture(kind: str, png: bytes | None, title: str) -> None:
        if png is None:
            out.extend([t("empty"), ""])
            return
        name = f"{stem}-{kind}.png"
        files[name] = png
        out.extend([f"![{title}]({name})", ""])

    out += [f"## {t('sections.network')}", ""]
    picture("network", pictures.network, t("sections.network"))
    tables = all_tables(b)
    for section in ("entities", "shipments", "seizures", "notifications"):
        table = tables[section]
        out += [f"## {t('sections.' + section)}", ""] + _table(table.headers, table.rows, t("empty"))
    out += [f"## {t('sections.findings')}", ""]
    if not b.findings:
        out += [t("empty"), ""]
    for f in b.findings:
        out += [f"### {_md(f.title)}", "", f"*{t('columns.severity')}: {t('severity.' + f.severity)}*", "",
                escape_markdown(f.explanation), "", f"{t('columns.evidence')}: {_md(', '.join(f.evidence))}", ""]
    out += [f"## {t('sections.timeline')}", ""]
    picture("timeline", pictures.timeline, t("sections.timeline"))
    out += _table([t("columns.date"), t("columns.type")], timeline_rows(b), t("empty"))
    out += [f"## {t('sections.routes')}", ""]
    picture("routes", pictures.routes, t("sections.routes"))
    if b.notes:
        out += [f"## {t('sections.notes')}", "", escape_markdown(b.notes), ""]
    prov = tables["provenance"]
    out += [f"## {t('sections.provenance')}", ""] + _table(prov.headers, prov.rows, t("empty"))
    if b.withheld:
        out += [f"## {t('sections.withheld')}", ""] + [f"- {_md(line)}" for line in b.withheld] + [""]
    out += ["---", "", mark, ""]
    files[f"{stem}.md"] = "\n".join(out).encode("utf-8")
    return files


def write_md(b: Briefing, path: Path, pictures: Pictures | None = None) -> list[Path]:
    """Write ``path`` (a .md file) and its pictures into the same folder; returns every file written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    files = render_md(b, pictures, stem=path.stem)
    written = []
    for name, data in files.items():
        target = path.parent / name
        target.write_bytes(data)
        written.append(target)
    return written
