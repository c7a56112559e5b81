"""Read the tables investigators send: CSV in any of the encodings they arrive in, XLSX, JSON lines.

A reader gives the header and the rows as dicts of strings (a missing cell is ``""``), each with its
1-based data row number (the header is row 1 of a CSV, so data starts at row 2, as in a spreadsheet).
Cells are never evaluated: a formula-looking string stays a string.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from workbench.errors import InputError

#: File names the importer recognises (stem -> kind); FollowTheMoney files are recognised by suffix.
KINDS = {
    "manifests": "manifests",
    "seizures": "seizures",
    "companies": "companies",
    "pen_notifications": "pen_notifications",
    "watchlist": "watchlist",
}
FTM_SUFFIXES = (".ftm.json", ".jsonl", ".ftm.jsonl")
TABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass
class Table:
    """One input file read into memory."""

    path: Path
    kind: str
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]]
    encoding: str = "utf-8"
    problems: list[tuple[int | None, str | None, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


def file_kind(path: Path) -> str | None:
    """The kind of a recognised input file, or None."""
    name = path.name.lower()
    if any(name.endswith(s) for s in FTM_SUFFIXES):
        return "ftm"
    for suffix in TABLE_SUFFIXES:
        if name.endswith(suffix):
            return KINDS.get(name[: -len(suffix)])
    return None


def discover(path: Path) -> list[tuple[Path, str]]:
    """The recognised files of a bundle folder (sorted), or the one file given."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path} does not exist; give a bundle folder or one recognised file.")
    if path.is_file():
        kind = file_kind(path)
        if kind is None:
            raise InputError(
                f"{path.name} is not a recognised input file; name it manifests, seizures, companies, "
                "pen_notifications or watchlist (.csv or .xlsx), or *.ftm.json / *.jsonl."
            )
        return [(path, kind)]
    found = [(p, k) for p in sorted(path.iterdir()) if p.is_file() and (k := file_kind(p))]
    if not found:
        raise InputError(f"{path} holds no recognised input file; see docs/import-contract.md.")
    return found


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _clean_header(columns: list[str]) -> list[str]:
    return [str(c or "").strip().lower().replace(" ", "_") for c in columns]


#: A cell larger than this is refused by the validator anyway; the csv module's own limit (128 KiB) would
#: otherwise end the read with an exception instead of a row problem.
CSV_FIELD_LIMIT = 16 * 1024 * 1024


def read_csv(path: Path, kind: str) -> Table:
    csv.field_size_limit(CSV_FIELD_LIMIT)
    text, encoding = decode(path.read_bytes())
    sample = text[:4096]
    delimiter = ","
    first = sample.splitlines()[0] if sample else ""
    if first.count(";") > first.count(",") and first.count(";") >= 2:
        delimiter = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return Table(path, kind, [], [], encoding, [(None, None, "the file is empty (no header row)")])
    except csv.Error as e:
        return Table(path, kind, [], [], encoding, [(1, None, f"the header row cannot be read: {e}")])
    columns = _clean_header(header)
    table = Table(path, kind, columns, [], encoding)
    number = 1
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            table.problems.append((reader.line_num, None, f"the CSV cannot be read past this line: {e}"))
            break
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns):
            extra = cells[len(columns):]
            if any(c.strip() for c in extra):
                table.problems.append((number, None, f"the row has {len(cells)} cells but the header {len(columns)}"))
        row = {col: (cells[i] if i < len(cells) else "") for i, col in enumerate(columns) if col}
        table.rows.append((number, row))
    return table


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path, kind: str) -> Table:
    import openpyxl  # noqa: PLC0415 - only needed for spreadsheets

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as e:  # noqa: BLE001 - any unreadable workbook is the user's file problem
        return Table(path, kind, [], [], "xlsx", [(None, None, f"cannot read the workbook: {e}")])
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        try:
            header = next(rows)
        except StopIteration:
            return Table(path, kind, [], [], "xlsx", [(None, None, "the sheet is empty (no header row)")])
        columns = _clean_header([_cell(c) for c in header])
        table = Table(path, kind, columns, [], "xlsx")
        for number, cells in enumerate(rows, start=2):
            values = [_cell(c) for c in cells]
            if not any(v.strip() for v in values):
                continue
            table.rows.append((number, {col: (values[i] if i < len(values) else "") for i, col in enumerate(columns)
                                        if col}))
        return table
    finally:
        book.close()


def read_jsonl(path: Path) -> Table:
    """FollowTheMoney entities, one JSON object per line (or one JSON array)."""
    text, encoding = decode(path.read_bytes())
    table = Table(path, "ftm", ["id", "schema", "properties"], [], encoding)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as e:
            table.problems.append((None, None, f"not valid JSON: {e}"))
            return table
        except RecursionError:
            table.problems.append((None, None, "the JSON is nested too deeply to be an entity"))
            return table
        for number, item in enumerate(items, start=1):
            table.rows.append((number, item if isinstance(item, dict) else {"_invalid": item}))
        return table
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            table.problems.append((number, None, f"not valid JSON: {e.msg}"))
            continue
        except RecursionError:
            table.problems.append((number, None, "the JSON is nested too deeply to be an entity"))
            continue
        table.rows.append((number, item if isinstance(item, dict) else {"_invalid": item}))
    return table


def read_file(path: Path, kind: str) -> Table:
    if kind == "ftm":
        return read_jsonl(path)
    if path.name.lower().endswith(".xlsx"):
        return read_xlsx(path, kind)
    return read_csv(path, kind)


def iter_tables(path: Path) -> Iterator[Table]:
    for file, kind in discover(path):
        yield read_file(file, kind)
