"""`workbench queries`, `workbench query ID`, `workbench detect` and `workbench risk`: the analysts' scripting surface."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Any, Iterable

import typer

from workbench.commands.trust import audited
from workbench.errors import InputError, QueryError
from workbench.settings import Settings


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[Format, typer.Option("--format", help="Output as an aligned table, JSON or CSV.")]
CELL_WIDTH = 60


def plain(value: Any) -> Any:
    """Driver values as JSON-ready data: nodes, relationships and paths become maps with their keys."""
    from neo4j.graph import Node, Path, Relationship  # noqa: PLC0415

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value.items())}
    if isinstance(value, Relationship):
        return {"type": value.type, "start": value.start_node.get("key") if value.start_node else None,
                "end": value.end_node.get("key") if value.end_node else None, **dict(value.items())}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "nodes" in value and "relationships" in value:
        value = " - ".join(str(n.get("name") or n.get("key")) for n in value["nodes"])
    elif isinstance(value, dict) and "labels" in value:
        value = value.get("name") or value.get("key")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def render(rows: list[dict[str, Any]], columns: list[str], fmt: Format, *, wide: Iterable[str] = ()) -> str:
    """Rows as a table (long cells cut, except ``wide`` columns), JSON or CSV."""
    if fmt is Format.json:
        return json.dumps(rows, indent=2, ensure_ascii=False, default=str)
    if fmt is Format.csv:
        from workbench.exports.safe import csv_text  # noqa: PLC0415

        return csv_text(columns, ([_cell(row.get(c)) for c in columns] for row in rows)).removesuffix("\r\n")
    wide = set(wide)
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    cells = [[v if c in wide or len(v) <= CELL_WIDTH else v[: CELL_WIDTH - 1] + "…" for c, v in zip(columns, line)]
             for line in cells]
    widths = [max([len(c)] + [len(line[i]) for line in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines)


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {pair!r} must look like name=value.")
        params[name.strip()] = value
    return params


def register(app: typer.Typer) -> None:
    @app.command("queries")
    def list_queries(
        kind: Annotated[str | None, typer.Option("--kind", help="Only saved or detector queries.")] = None,
        output: FormatOption = Format.table,
    ) -> None:
        """List the saved queries and detectors with their parameters."""
        from workbench.store.catalogue import load_catalogue  # noqa: PLC0415

        if kind not in (None, "saved", "detector"):
            raise InputError(f"--kind {kind!r} must be saved or detector.")
        rows: list[dict[str, Any]] = [{"id": q.id, "kind": q.kind, "category": q.category, "severity": q.severity,
                 "title": q.title["en"], "titleEs": q.title.get("es"),
                 "parameters": [f"{p.name}:{p.type}" for p in q.parameters]}
                for q in load_catalogue().of_kind(kind or "saved", "detector" if kind is None else kind)]
        if output is Format.table:
            for row in rows:
                row["parameters"] = ", ".join(row["parameters"])
        typer.echo(render(rows, ["id", "kind", "category", "severity", "title", "parameters"]
                          if output is not Format.json else list(rows[0]) if rows else [], output,
                          wide=["title", "parameters"]))

    @app.command("query")
    def run_query(
        query_id: Annotated[str, typer.Argument(help="The query id (see `workbench queries`).")],
        param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A parameter as name=value; repeat.")] = None,
        output: FormatOption = Format.table,
    ) -> None:
        """Run one saved query or detector with parameters."""
        from workbench.store import queries  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        query = queries.get(query_id)
        if query.kind == "internal":
            raise InputError(f"{query_id!r} is an internal query; `workbench queries` lists the ones to run.")
        from workbench.analysis.detect import with_controls  # noqa: PLC0415

        given = query.bind(parse_params(param))
        bound = query.bind(with_controls(query, parse_params(param)))
        with audited("query", {"query": query_id, "parameters": given}) as entry:
            with open_gateway(Settings.from_env()) as gateway:
                result = queries.run(gateway, query_id, bound)
            entry.update(status=result.status.value, rows=len(result.records))
            result.raise_for_status()
        rows = [plain(row) for row in result.rows()]
        typer.echo(render(rows, result.columns, output))
        if result.status.value == "truncated":
            typer.echo(result.message(), err=True)

    @app.command("console")
    def console(
        text: Annotated[str, typer.Argument(help="One read-only Cypher statement, e.g. 'MATCH (c:Company) RETURN c.name LIMIT 5'.")],
        param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A $parameter as name=value; repeat.")] = None,
        output: FormatOption = Format.table,
    ) -> None:
        """The read-only Cypher console from the shell: the app's console page with the same checks, limits and audit."""
        from workbench.analysis.console import run_console  # noqa: PLC0415
        from workbench.commands.trust import cli_actor, refuse_while_first_admin_pending  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415
        from workbench.trust.audit import AuditLog  # noqa: PLC0415
        from workbench.trust.auth import User  # noqa: PLC0415

        settings = Settings.from_env()
        refuse_while_first_admin_pending(settings)
        audit = AuditLog(settings.home)
        audit.ensure_writable()
        with open_gateway(settings) as gateway:
            # Whoever runs the CLI on this home is trusted with it; the console's own role check still applies.
            result = run_console(gateway, text, User(cli_actor(), "investigator"), audit,
                                 params=parse_params(param) or None)
        result.raise_for_status()
        typer.echo(render([plain(row) for row in result.rows()], result.columns, output))
        if result.status.value == "truncated":
            typer.echo(result.message(), err=True)

    @app.command("detect")
    def detect(
        rule: Annotated[list[str] | None, typer.Option("--rule", "-r", help="A detector id; repeat (default: all).")] = None,
        output: FormatOption = Format.table,
    ) -> None:
        """Run the detectors and print their findings (JSON: a list of findings)."""
        from workbench.analysis.detect import run_detectors  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        with audited("detect", {"rules": rule or "all"}) as entry, open_gateway(Settings.from_env()) as gateway:
            detection = run_detectors(gateway, rule)
            entry.update(findings=len(detection.findings), failed=[run.rule for run in detection.failed])
        rows = [f.to_dict() for f in detection.findings]
        if output is Format.table:
            rows = [{**r, "entities": ", ".join(str(e["name"] or e["key"]) for e in r["entities"])} for r in rows]
            typer.echo(render(rows, ["rule", "category", "severity", "score", "entities", "explanation"], output,
                              wide=["explanation"]))
        else:
            typer.echo(render(rows, ["rule", "category", "severity", "score", "entities", "explanation", "evidence"],
                              output))
        for run in detection.failed:
            typer.echo(f"warning: detector {run.rule} {run.status}: {run.message}", err=True)
        if any(run.status not in ("complete", "truncated") for run in detection.runs):
            raise QueryError("Some detectors failed (see the warnings above); their findings are missing.")

    @app.command("risk")
    def risk(
        top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Only the N riskiest companies.")] = None,
        output: FormatOption = Format.table,
    ) -> None:
        """Rank companies by risk and show the findings behind each score (JSON: highest first)."""
        from workbench.analysis.risk import rank  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        settings = Settings.from_env()
        with audited("risk", {"top": top}) as entry, open_gateway(settings) as gateway:
            ranked = rank(gateway, top=top, home=settings.home)
            entry["companies"] = len(ranked)
        rows = [r.to_dict() for r in ranked]
        if output is Format.json:
            typer.echo(render(rows, [], output))
            return
        flat = [{"score": r["score"], "key": r["key"], "name": r["name"], "country": r["country"],
                 "findings": len(r["findings"]),
                 "why": "; ".join(f"{f['rule']} ({f['contribution']:.2f})" for f in r["findings"] if f["counted"])}
                for r in rows]
        typer.echo(render(flat, ["score", "name", "country", "findings", "why", "key"], output, wide=["why"]))
