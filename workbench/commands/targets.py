"""`workbench targets` and `workbench inspect`: the inspection queue of a port or airport, and recording what an
inspection found (see workbench/analysis/targets.py)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from workbench.commands.analysis import Format, FormatOption, render
from workbench.commands.trust import audited, cli_actor
from workbench.settings import Settings

TABLE_COLUMNS = ["rank", "score", "billOfLading", "date", "mode", "consignee", "shipper", "inspected", "reasons", "key"]
CSV_COLUMNS = ["rank", "score", "billOfLading", "date", "mode", "hsCode", "goods", "shipper", "consignee", "broker",
               "inspected", "reasons", "key"]


def register(app: typer.Typer) -> None:
    @app.command("targets")
    def targets(
        port: Annotated[str, typer.Option("--port", help="Port or airport of discharge: its code (MXZLO, MXNLU) or a known alias.")],
        date_from: Annotated[str, typer.Option("--from", help="First declaration date, YYYY-MM-DD.")],
        date_to: Annotated[str, typer.Option("--to", help="Last declaration date, YYYY-MM-DD.")],
        top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Only the first N consignments.")] = None,
        lang: Annotated[str, typer.Option("--lang", help="Language of the reasons: en or es.")] = "en",
        output: FormatOption = Format.table,
    ) -> None:
        """Rank the consignments arriving at a port or airport for inspection, each with its reasons."""
        from workbench.analysis.targets import build_queue, check_window  # noqa: PLC0415
        from workbench.errors import InputError  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        if lang not in ("en", "es"):
            raise InputError(f"--lang {lang!r} must be en or es.")
        first, last = check_window(date_from, date_to)  # a bad date fails before the store is touched
        settings = Settings.from_env()
        with audited("targets", {"port": port, "from": first, "to": last}) as entry, \
                open_gateway(settings) as gateway:
            queue = build_queue(gateway, port, first, last, home=settings.home)
            entry.update(port=queue.port["code"], consignments=len(queue.targets))
        shown = queue.targets[:top] if top else queue.targets
        if output is Format.json:
            data = queue.to_dict(lang)
            data["targets"] = data["targets"][: len(shown)]
            typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
            return
        rows: list[dict[str, Any]] = [t.flat(lang) for t in shown]
        if output is Format.csv:
            typer.echo(render(rows, CSV_COLUMNS, output))
            return
        p = queue.port
        typer.echo(f"{p['name']} ({p['code']}, {p['kind']}) {queue.date_from}..{queue.date_to}: "
                   f"{len(queue.targets)} consignment(s)")
        typer.echo(render(rows, TABLE_COLUMNS, output, wide=["reasons"]))

    @app.command("inspect")
    def inspect(
        shipment: Annotated[str, typer.Argument(help="The consignment: its key (last column of `workbench targets`) or transport document number.")],
        outcome: Annotated[str, typer.Option("--outcome", help="nothing_found, discrepancy or seizure.")],
        notes: Annotated[str, typer.Option("--notes", help="What was found, seals, samples taken...")] = "",
        day: Annotated[str | None, typer.Option("--date", help="Day of the inspection, YYYY-MM-DD (default: today).")] = None,
    ) -> None:
        """Record the outcome of an inspection; it is audited and counts in the next ranking."""
        from workbench.analysis.targets import record_inspection  # noqa: PLC0415
        from workbench.commands.trust import refuse_while_first_admin_pending  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415
        from workbench.store.gateway import act_as  # noqa: PLC0415
        from workbench.trust.audit import AuditLog  # noqa: PLC0415

        settings = Settings.from_env()
        refuse_while_first_admin_pending(settings)
        act_as(cli_actor())
        with open_gateway(settings) as gateway:
            item = record_inspection(gateway, AuditLog(settings.home), cli_actor(), shipment, outcome, notes, day=day)
        typer.echo(f"recorded {item.outcome} on {item.shipment} ({item.date}) as {item.key}")
