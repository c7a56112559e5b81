"""`workbench brief` (a briefing as PDF, PowerPoint or Markdown) and `workbench export` (GraphML, ANX, FtM, CSV).

Both build from a saved case (``--case``), one entity and its neighbourhood (``--entity`` with ``--depth``) or a
saved query's result (``--query`` with ``--param name=value``), and record what they wrote in the audit trail.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from workbench.briefing.types import DEFAULT_MARKING
from workbench.cases.subgraph import MAX_DEPTH, Source
from workbench.errors import InputError
from workbench.settings import Settings


class BriefFormat(str, Enum):
    pdf = "pdf"
    pptx = "pptx"
    md = "md"


class ExportFormat(str, Enum):
    graphml = "graphml"
    anx = "anx"
    ftm = "ftm"
    csv = "csv"


class Lang(str, Enum):
    es = "es"
    en = "en"


CaseOption = Annotated[Optional[str], typer.Option("--case", help="Name of a saved case.")]
EntityOption = Annotated[Optional[str], typer.Option("--entity", help="Key or exact name of one entity.")]
QueryOption = Annotated[Optional[str], typer.Option("--query", help="Id of a saved query whose result to use.")]
ParamOption = Annotated[Optional[list[str]], typer.Option("--param", help="Query parameter as name=value (repeat).")]
DepthOption = Annotated[int, typer.Option("--depth", min=0, max=MAX_DEPTH,
                                          help="Hops of neighbourhood around the entities (0-3).")]
OutputOption = Annotated[Path, typer.Option("-o", "--output", help="File to write.")]


def _source(case: str | None, entity: str | None, query: str | None, params: list[str] | None,
            depth: int) -> Source:
    chosen = [name for name, value in (("--case", case), ("--entity", entity), ("--query", query)) if value]
    if len(chosen) != 1:
        raise InputError("Give exactly one of --case NAME, --entity KEY_OR_NAME or --query ID.")
    if case:
        return Source.case(case, depth)
    if entity:
        return Source.entity(entity, depth)
    values = {}
    for item in params or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {item!r} must look like name=value.")
        values[name.strip()] = value
    return Source.query(str(query), values, depth)


def _actor() -> str:
    from workbench.commands.trust import cli_actor  # noqa: PLC0415

    return cli_actor()


def _describe(source: Source) -> dict[str, object]:
    return {"source": source.kind, "ref": source.ref, "depth": source.depth}


def register(app: typer.Typer) -> None:
    @app.command("brief")
    def brief(
        output: OutputOption,
        case: CaseOption = None,
        entity: EntityOption = None,
        query: QueryOption = None,
        param: ParamOption = None,
        depth: DepthOption = 1,
        fmt: Annotated[BriefFormat, typer.Option("--format", help="pdf, pptx or md (pictures beside it).")] = BriefFormat.pdf,
        lang: Annotated[Lang, typer.Option("--lang", help="Language of the briefing.")] = Lang.es,
        withhold: Annotated[Optional[list[str]], typer.Option(
            "--withhold", help="Withhold people, contacts, notes or entity:KEY (repeat) for a sharing version.")] = None,
        marking: Annotated[str, typer.Option("--marking", help="Classification printed on every page.")] = DEFAULT_MARKING,
        author: Annotated[str, typer.Option("--author", help="Author named on the cover.")] = "",
    ) -> None:
        """Write a briefing for a meeting: cover, summary, network, tables, findings, timeline, routes, provenance."""
        from workbench import briefing  # noqa: PLC0415
        from workbench.trust.audit import AuditLog  # noqa: PLC0415
        from workbench.briefing.withhold import parse  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        source = _source(case, entity, query, param, depth)
        spec = parse(withhold or [])
        settings = Settings.from_env()
        with open_gateway(settings) as gateway:
            model = briefing.build(gateway, settings, source, lang=lang.value, author=author, marking=marking,
                                   withhold=spec)
        written = briefing.write(model, fmt.value, output)
        AuditLog(settings.home).record(_actor(), "briefing", {
            **_describe(source), "format": fmt.value, "lang": lang.value, "marking": marking,
            "withheld": sorted(withhold or []), "files": [str(p) for p in written]})
        for path in written:
            typer.echo(str(path))

    @app.command("export")
    def export(
        output: OutputOption,
        case: CaseOption = None,
        entity: EntityOption = None,
        query: QueryOption = None,
        param: ParamOption = None,
        depth: DepthOption = 1,
        fmt: Annotated[ExportFormat, typer.Option("--format", help="graphml, anx (i2), ftm (JSON lines) or csv (zip).")] = ExportFormat.graphml,
    ) -> None:
        """Write the network of a case, an entity or a query result for other analysis tools."""
        from workbench.trust.audit import AuditLog  # noqa: PLC0415
        from workbench.exports.formats import export as export_source  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        source = _source(case, entity, query, param, depth)
        settings = Settings.from_env()
        with open_gateway(settings) as gateway:
            data, _name, _mime = export_source(gateway, settings, source, fmt.value)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        AuditLog(settings.home).record(_actor(), "export", {**_describe(source), "format": fmt.value,
                                                            "file": str(output), "bytes": len(data)})
        typer.echo(str(output))
