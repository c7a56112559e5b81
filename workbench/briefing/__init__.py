"""Briefings for meetings: one model (:mod:`.model`), rendered as PDF, PowerPoint or Markdown.

The app's download buttons call :func:`build_and_render`; the CLI's ``workbench brief`` writes files with
:func:`write`. Withholding (:mod:`.withhold`) is applied to the model before anything is drawn or written.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from workbench.briefing.model import build
from workbench.briefing.types import DEFAULT_MARKING, Briefing, Source
from workbench.errors import InputError
from workbench.store.gateway import Gateway
from workbench.settings import Settings

FORMATS = {"pdf": "application/pdf",
           "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
           "md": "application/zip"}


def render(b: Briefing, fmt: str) -> dict[str, bytes]:
    """File name -> bytes for one format (several files for Markdown: the .md and its pictures)."""
    from workbench.briefing.pictures import draw_all  # noqa: PLC0415

    if fmt not in FORMATS:
        raise InputError(f"Format {fmt!r} is not available for briefings; choose pdf, pptx or md.")
    pictures = draw_all(b)
    stem = f"briefing-{b.slug}-{b.created}"
    if fmt == "pdf":
        from workbench.briefing.render_pdf import render_pdf  # noqa: PLC0415

        return {f"{stem}.pdf": render_pdf(b, pictures)}
    if fmt == "pptx":
        from workbench.briefing.render_pptx import render_pptx  # noqa: PLC0415

        return {f"{stem}.pptx": render_pptx(b, pictures)}
    from workbench.briefing.render_md import render_md  # noqa: PLC0415

    return render_md(b, pictures, stem=stem)


def build_and_render(gateway: Gateway, settings: Settings, source: Source, fmt: str, lang: str = "en",
                     withhold: Any = None, marking: str = DEFAULT_MARKING,
                     author: str = "") -> tuple[bytes, str, str]:
    """One download: (bytes, file name, MIME type). Markdown comes as a zip of the .md and its pictures."""
    b = build(gateway, settings, source, lang=lang, author=author, marking=marking, withhold=withhold)
    files = render(b, fmt)
    if fmt != "md":
        name, data = next(iter(files.items()))
        return data, name, FORMATS[fmt]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    md_name = next(n for n in files if n.endswith(".md"))
    return buffer.getvalue(), md_name[:-3] + ".zip", FORMATS["md"]


def write(b: Briefing, fmt: str, path: Path) -> list[Path]:
    """Write a finished briefing to ``path``; for Markdown the pictures go beside it. Returns the files."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "md":
        from workbench.briefing.pictures import draw_all  # noqa: PLC0415
        from workbench.briefing.render_md import write_md  # noqa: PLC0415

        return write_md(b, path, draw_all(b))
    data = next(iter(render(b, fmt).values()))
    path.write_bytes(data)
    return [path]


__all__ = ["Briefing", "FORMATS", "Source", "build", "build_and_render", "render", "write"]
