"""`workbench chemicals identify` and `workbench chemicals list`: the controlled-chemicals catalogue from the shell."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from workbench.errors import InputError


class Output(str, Enum):
    table = "table"
    json = "json"


def _texts(texts: list[str] | None, file: Path | None) -> list[str]:
    out = list(texts or [])
    if file is not None:
        try:
            content = file.read_text(encoding="utf-8")
        except FileNotFoundError as e:
            raise InputError(f"{file}: file not found.") from e
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"{file}: cannot read it as UTF-8 text ({e}).") from e
        out.extend(line.strip() for line in content.splitlines() if line.strip())
    if not out:
        raise InputError("give one or more texts to identify, or --file with one text per line.")
    return out


def identify_rows(texts: list[str]) -> list[dict[str, Any]]:
    """One result per text, in input order: ``{"text", "matches": [{cas, name, table, confidence, why}, ...]}``."""
    from workbench.chemicals import identify  # noqa: PLC0415

    rows = []
    for text in texts:
        matches = [{k: v for k, v in m.to_dict().items() if k != "key"} for m in identify(text)]
        rows.append({"text": text, "matches": matches})
    return rows


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    from workbench.commands.analysis import Format, render  # noqa: PLC0415

    return render(rows, columns, Format.table, wide=["why", "text"])


def register(app: typer.Typer) -> None:
    chemicals = typer.Typer(help="The controlled-chemicals catalogue: identify chemicals in text, list the catalogue.",
                            no_args_is_help=True)
    app.add_typer(chemicals, name="chemicals")

    @chemicals.command("identify")
    def identify_command(
        texts: Annotated[list[str] | None, typer.Argument(help="Texts to read (goods descriptions, names, CAS numbers).")] = None,
        file: Annotated[Path | None, typer.Option("--file", "-f", help="A UTF-8 file with one text per line.")] = None,
        output: Annotated[Output, typer.Option("--format", help="An aligned table or JSON.")] = Output.table,
    ) -> None:
        """Identify catalogue chemicals in each text: best match first, with confidence and the reason."""
        rows = identify_rows(_texts(texts, file))
        if output is Output.json:
            typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        flat = []
        for row in rows:
            if not row["matches"]:
                flat.append({"text": row["text"], "name": "-", "why": "no catalogue chemical identified"})
            for i, m in enumerate(row["matches"]):
                flat.append({"text": row["text"] if i == 0 else "", **m})
        typer.echo(_table(flat, ["text", "cas", "name", "table", "confidence", "why"]))

    @chemicals.command("list")
    def list_command(
        on: Annotated[str | None, typer.Option("--on", help="Control status on this date (default: today).")] = None,
        jurisdiction: Annotated[list[str] | None, typer.Option("--jurisdiction", "-j",
                                help="UN, MX, US or CN; repeat (default: UN).")] = None,
        output: Annotated[Output, typer.Option("--format", help="An aligned table or JSON.")] = Output.table,
    ) -> None:
        """List the catalogue with each chemical's control status on a date."""
        from workbench.chemicals import JURISDICTIONS, control_status, load_catalogue  # noqa: PLC0415

        wanted = [j.upper() for j in (jurisdiction or ["UN"])]
        bad = [j for j in wanted if j not in JURISDICTIONS]
        if bad:
            raise InputError(f"--jurisdiction {bad[0]!r} must be one of {', '.join(JURISDICTIONS)}.")
        rows: list[dict[str, Any]] = []
        lists: list[list[str]] = []
        for chem in load_catalogue():
            status = control_status(chem, on, wanted)
            lists.append(status.lists)
            rows.append({"key": chem.key, "name": chem.name, "nameEs": chem.name_es, "short": chem.short_name,
                         "cas": chem.cas_number, "hs": chem.hs_code, "table": chem.schedule,
                         "controlled": status.controlled, "lists": status.lists, "status": status.reason,
                         "verified": chem.verified})
        if output is Output.json:
            typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        table = [{**row, "lists": ", ".join(status_lists) or "-", "controlled": "yes" if row["controlled"] else "no"}
                 for row, status_lists in zip(rows, lists)]
        typer.echo(_table(table, ["key", "name", "short", "cas", "hs", "table", "controlled", "lists"]))
