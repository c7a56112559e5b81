"""`workbench ingest PATH` and `workbench entities [list|merge|split]`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Optional

import typer

from workbench.analysis.overview import record_counts
from workbench.commands.trust import audited, cli_actor
from workbench.errors import InputError
from workbench.ingest.decisions import ENTITY_LABELS, merge_entities, split_entity
from workbench.ingest.writer import BATCH_ROWS
from workbench.settings import Settings
from workbench.store import queries

__all__ = ["ingest_with_progress", "merge_entities", "print_summary", "register", "split_entity"]

_ALL = 10**9


def ingest_with_progress(gateway: Any, path: Path, *, skip_invalid: bool = False, source: str | None = None,
                         rejects_path: Path | None = None, batch_size: int = BATCH_ROWS, quiet: bool = False) -> Any:
    """Run an ingest with a progress bar in the terminal (also used by `workbench up` for the demo data)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: PLC0415

    from workbench.ingest import ingest_path  # noqa: PLC0415

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), transient=True, disable=quiet) as bar:
        task = bar.add_task("ingest", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total or None)

        return ingest_path(gateway, path, skip_invalid=skip_invalid, source=source, progress=progress,
                           rejects_path=rejects_path, batch_size=batch_size)


def print_summary(report: Any) -> None:
    """The end-of-ingest summary: rows read, stored, rejected; entities created and merged."""
    typer.echo(f"ingest run {report.run_id}: {report.rows_read} rows read, {report.rows_stored} stored, "
               f"{report.rows_rejected} rejected; {report.entities_created} entities created, "
               f"{report.entities_merged} source spellings merged into existing entities ({report.elapsed:.1f} s)")
    for f in report.files:
        skipped = "".join(f", {sum(f.skipped.values())} skipped (schemata not imported: "
                          + ", ".join(f"{s} {n}" for s, n in f.skipped.items()) + ")" if f.skipped else "")
        typer.echo(f"  {f.name} ({f.encoding}): {f.rows_read} read, {f.rows_stored} stored, {f.rows_rejected} rejected"
                   + skipped)
    for note in report.notes:
        typer.echo(f"note: {note}")
    if report.rejects_path:
        typer.echo(f"rejected rows and their reasons: {report.rejects_path}")
        for problem in report.problems:
            typer.echo(f"  {problem}")


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest(
        path: Path = typer.Argument(..., help="A bundle folder or one file (see docs/import-contract.md)."),
        skip_invalid: bool = typer.Option(False, "--skip-invalid",
                                          help="Store the valid rows; write rejected rows to a rejects file."),
        source: Optional[str] = typer.Option(None, "--source", help="A label for where the bundle came from."),
        rejects: Optional[Path] = typer.Option(None, "--rejects", help="Where to write rejected rows (CSV)."),
        batch_size: int = typer.Option(BATCH_ROWS, "--batch-size", help="Rows per write transaction."),
        output: str = typer.Option("table", "--format", help="Summary format: table or json."),
    ) -> None:
        """Import messy trade records into the resolved, traceable graph."""
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        settings = Settings.from_env()
        target = rejects
        if target is None and skip_invalid:
            target = settings.home / "rejects" / f"rejects-{dt.datetime.now():%Y%m%d-%H%M%S}.csv"
        with audited("ingest", {"path": str(path), "skip_invalid": skip_invalid, "source": source},
                     settings) as entry:
            gateway = open_gateway(settings)
            try:
                report = ingest_with_progress(gateway, path, skip_invalid=skip_invalid, source=source,
                                              rejects_path=target, batch_size=batch_size, quiet=output == "json")
            finally:
                gateway.close()
            entry.update(run=report.run_id, rows_read=report.rows_read, rows_stored=report.rows_stored,
                         rows_rejected=report.rows_rejected)
        if output == "json":
            typer.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
            return
        print_summary(report)

    entities = typer.Typer(help="Resolved entities: list them, merge or split them by hand.", invoke_without_command=True)
    app.add_typer(entities, name="entities")

    def _list(label: str, output: str) -> None:
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        if label not in ENTITY_LABELS:
            raise InputError(f"--label must be one of {', '.join(ENTITY_LABELS)}.")
        with audited("entities", {"label": label, "format": output}) as entry, \
                open_gateway(Settings.from_env()) as gateway:
            rows = queries.run(gateway, ENTITY_LABELS[label], row_cap=_ALL, timeout=600).raise_for_status().data()
            entry["rows"] = len(rows)
        items = [{"key": r["key"], "name": r["name"], "names": r["names"], "country": r["country"],
                  "sources": r["sources"]} for r in rows]
        if output == "json":
            typer.echo(json.dumps(items, indent=2, ensure_ascii=False))
        elif output == "csv":
            from workbench.exports.safe import csv_text  # noqa: PLC0415

            typer.echo(csv_text(["key", "name", "names", "country", "sources"],
                                ([item["key"], item["name"], "; ".join(item["names"]), item["country"] or "",
                                  item["sources"]] for item in items)).removesuffix("\r\n"))
        else:
            for item in items:
                typer.echo(f"{item['key']}\t{item['name']}\t{item['country'] or '-'}\t{item['sources']} rows\t"
                           f"{len(item['names'])} spellings")

    @entities.callback()
    def entities_main(ctx: typer.Context,
                      label: str = typer.Option("Company", "--label", help="Company or Person."),
                      output: str = typer.Option("table", "--format", help="table, json or csv.")) -> None:
        """List resolved entities (with --label and --format) when no subcommand is given."""
        if ctx.invoked_subcommand is None:
            _list(label, output)

    @entities.command("list")
    def entities_list(label: str = typer.Option("Company", "--label"),
                      output: str = typer.Option("table", "--format")) -> None:
        """List resolved entities with every source spelling."""
        _list(label, output)

    @entities.command("merge")
    def entities_merge(target: str = typer.Argument(..., help="The entity key to keep."),
                       sources: list[str] = typer.Argument(..., help="Entity keys merged into it."),
                       reason: str = typer.Option("", "--reason")) -> None:
        """Merge entities by hand; the decision is stored and survives re-ingest."""
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        with audited("entity_merge", {"target": target, "sources": sources, "reason": reason}), \
                open_gateway(Settings.from_env()) as gateway:
            merge_entities(gateway, target, sources, reason=reason, user=cli_actor())
            record_counts(gateway, f"merge into {target}")
        typer.echo(f"merged {', '.join(sources)} into {target}")

    @entities.command("split")
    def entities_split(source: str = typer.Argument(..., help="The entity key to split."),
                       names: list[str] = typer.Option(..., "--name", help="A source spelling to move (repeat)."),
                       reason: str = typer.Option("", "--reason")) -> None:
        """Split source spellings off an entity; the decision is stored and survives re-ingest."""
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        with audited("entity_split", {"source": source, "names": names, "reason": reason}) as entry, \
                open_gateway(Settings.from_env()) as gateway:
            target = split_entity(gateway, source, names, reason=reason, user=cli_actor())
            record_counts(gateway, f"split of {source}")
            entry["target"] = target
        typer.echo(f"split {len(names)} spelling(s) of {source} into {target}")


