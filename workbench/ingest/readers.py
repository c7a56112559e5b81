"""Read the tables investigators send: CSV in any of the encodings they arrive in, XLSX, JSON lines.

A reader gives the header and the rows as dicts of strings (a missing cell is ``""``), each with its
1-based data row number (the header is row 1 of a CSV, so data starts at row 2, as in a spreadsheet).
Cells are never evaluated: a formula-looking string stays a string.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from workbench.errors import InputError
from workbench.ingest.kinds import TABLE_KINDS

#: File names the importer recognises (stem -> kind, one per tabular kind of workbench/ingest/kinds/);
#: FollowTheMoney files are recognised by suffix.
KINDS = {name: name for name in TABLE_KINDS}
FTM_SUFFIXES = (".ftm.json", ".jsonl", ".ftm.jsonl")
TABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass
class Table:
    """One input file: its header and rows (in memory, or streamed from disk by :func:`open_csv`)."""

    path: Path
    kind: str
    columns: list[str]
    rows: Iterable[tuple[int, dict[str, Any]]]
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
                f"{path.name} is not a recognised input file; name it {', '.join(TABLE_KINDS[:-1])} or "
                f"{TABLE_KINDS[-1]} (.csv or .xlsx), or *.ftm.json / *.jsonl."
            )
        return [(path, kind)]
    found = [(p, k) for p in sorted(path.iterdir()) if p.is_file() and (k := file_kind(p))]
    if not found:
        raise InputError(f"{path} holds no recognised input file; see docs/import-contract.md.")
    return found


#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
        (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"), (b"\xff\xfe", "utf-16-le", "utf-16"),
        (b"\xfe\xff", "utf-16-be", "utf-16"))


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when a BOM-less file has the NUL pattern of UTF-16 text, else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: a byte-order mark (UTF-8, UTF-16, UTF-32), BOM-less UTF-16, UTF-8, else
    Windows-1252, else Latin-1. Raises :class:`InputError` naming the encoding when the bytes do not decode."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as e:
                raise InputError(f"the file starts with a {name.upper()} byte-order mark but is not valid {name.upper()} "
                                 f"(byte {e.start + len(bom)}); save it again as UTF-8 CSV") from e
    guessed = _utf16_without_bom(data)
    if guessed:
        try:
            return data.decode(guessed), guessed
        except UnicodeDecodeError as e:
            raise InputError(f"the file looks like {guessed.upper()} without a byte-order mark but does not decode "
                             f"(byte {e.start}); save it again as UTF-8 CSV") from e
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


def header_problems(raw: list[str], columns: list[str]) -> list[tuple[int | None, str | None, str]]:
    """File-level problems of a header: two columns that are the same name once case and spaces are ignored."""
    seen: dict[str, int] = {}
    problems: list[tuple[int | None, str | None, str]] = []
    for index, column in enumerate(columns):
        if not column:
            continue
        if column in seen:
            first = seen[column]
            same = str(raw[first]).strip() == str(raw[index]).strip()
            how = "twice" if same else f"twice, as {str(raw[first]).strip()!r} and {str(raw[index]).strip()!r}"
            problems.append((None, column, f"the header names column {column!r} {how} (columns {first + 1} and "
                                           f"{index + 1}); keep one and rename or remove the other"))
        else:
            seen[column] = index
    return problems


#: A cell larger than this is refused by the validator anyway; the csv module's own limit (128 KiB) would
#: otherwise end the read with an exception instead of a row problem.
CSV_FIELD_LIMIT = 16 * 1024 * 1024


def _encoding_of(path: Path) -> tuple[str, str, int]:
    """(name, codec, bytes to skip) of the encoding :func:`decode` would give the whole file, found by decoding it
    in blocks (nothing kept). Raises :class:`InputError` as :func:`decode` does."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    for bom, codec, name in BOMS:
        if head.startswith(bom):
            _check_decodes(path, codec, len(bom), f"the file starts with a {name.upper()} byte-order mark but is not "
                           f"valid {name.upper()}")
            return name, codec, len(bom)
    guessed = _utf16_without_bom(head)
    if guessed:
        _check_decodes(path, guessed, 0, f"the file looks like {guessed.upper()} without a byte-order mark but does "
                       "not decode")
        return guessed, guessed, 0
    for codec in ("utf-8", "cp1252"):
        try:
            _check_decodes(path, codec, 0, "")
            return codec, codec, 0
        except InputError:
            continue
    return "latin-1", "latin-1", 0


def _check_decodes(path: Path, codec: str, skip: int, message: str) -> None:
    decoder = codecs.getincrementaldecoder(codec)()
    offset = skip
    with path.open("rb") as handle:
        handle.seek(skip)
        while True:
            block = handle.read(1 << 20)
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as e:
                raise InputError(f"{message} (byte {offset + e.start}); save it again as UTF-8 CSV") from e
            if not block:
                return
            offset += len(block)


class CsvRows:
    """The data rows of a CSV file, read again from disk at every iteration, so that a file of any size is never
    held in memory. Row problems (a wrong number of cells) and a problem that ends the read (a quote never closed)
    are added to the table's problems during the first complete iteration only."""

    def __init__(self, table: "Table", codec: str, start: int, delimiter: str) -> None:
        self.table = table
        self.codec = codec
        self.start = start
        self.delimiter = delimiter
        self.count: int | None = None

    def _open(self) -> io.TextIOWrapper:
        raw = self.table.path.open("rb")
        raw.seek(self.start)  # past the byte-order mark
        return io.TextIOWrapper(raw, encoding=self.codec, newline="")

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        first = self.count is None
        table, columns = self.table, self.table.columns
        count = 0
        with self._open() as handle:
            reader = csv.reader(handle, delimiter=self.delimiter, strict=True)
            next(reader, None)  # the header, read by open_csv
            number = 1
            while True:
                number += 1
                start_line = reader.line_num + 1
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as e:
                    if first:
                        table.problems.append((None, None, self._broken(e, number, start_line, reader.line_num)))
                    break  # the rest of the file cannot be trusted: a file-level problem rejects the whole file
                if not any(c.strip() for c in cells):
                    continue
                if first and len(cells) != len(columns) and (
                        len(cells) < len(columns) or any(c.strip() for c in cells[len(columns):])):
                    table.problems.append((number, None, f"the row has {len(cells)} cells but the header {len(columns)}"))
                count += 1
                yield number, {col: (cells[i] if i < len(cells) else "") for i, col in enumerate(columns) if col}
        self.count = count

    def _broken(self, error: csv.Error, number: int, start_line: int, line_num: int) -> str:
        if line_num > start_line:
            with self._open() as handle:
                line = next(itertools.islice(handle, start_line - 1, None), "")
            cells = next(csv.reader([line.rstrip("\r\n")], delimiter=self.delimiter, strict=False), [])
            index = len(cells) - 1
            columns = self.table.columns
            where = f", column {columns[index]}" if 0 <= index < len(columns) and columns[index] else ""
            return (f"row {number} (line {start_line}){where}: a quoted cell is never closed, so every line "
                    "after it would be read into that cell; close the quote or remove it")
        return (f"row {number} (line {line_num}) cannot be read ({error}): a quote opens a cell that is "
                "never closed, or a closing quote is followed by more text; check its quotes")

    def __len__(self) -> int:
        if self.count is None:
            for _ in self:
                pass
        return self.count or 0


def open_csv(path: Path, kind: str) -> Table:
    """A CSV read strictly, its rows streamed from disk (see :class:`CsvRows`): a quote that never closes, a stray
    quote or a row with the wrong number of cells is a problem naming its row, never rows silently swallowed or
    filled. The header and the encoding are checked at once; row problems appear once the rows are read."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        encoding, codec, start = _encoding_of(path)
    except InputError as e:
        return Table(path, kind, [], [], "unknown", [(None, None, str(e))])
    with path.open("rb") as handle:
        handle.seek(start)
        head = handle.read(1 << 17).decode(codec, errors="replace")
    if "\x00" in head[:65536]:
        return Table(path, kind, [], [], encoding, [(None, None, (
            f"the file holds NUL characters once read as {encoding}: it is in another encoding (UTF-16 or UTF-32 "
            "without a byte-order mark?) or not a text file; save it again as UTF-8 CSV"))])
    first = head[:4096].splitlines()[0] if head else ""
    delimiter = ";" if first.count(";") > first.count(",") and first.count(";") >= 2 else ","
    table = Table(path, kind, [], [], encoding)
    rows = CsvRows(table, codec, start, delimiter)
    with rows._open() as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            table.problems.append((None, None, "the file is empty (no header row)"))
            return table
        except csv.Error as e:
            table.problems.append((None, None, f"row 1 (the header) cannot be read: {e}"))
            return table
    table.columns = _clean_header(header)
    table.problems += header_problems(header, table.columns)
    table.rows = rows
    return table


def read_csv(path: Path, kind: str) -> Table:
    """A CSV read into memory (see :func:`open_csv`; the rows and every row problem are there at once)."""
    table = open_csv(path, kind)
    table.rows = list(table.rows)
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
        raw_header = [_cell(c) for c in header]
        columns = _clean_header(raw_header)
        rows_read: list[tuple[int, dict[str, Any]]] = []
        table = Table(path, kind, columns, rows_read, "xlsx", header_problems(raw_header, columns))
        for number, cells in enumerate(rows, start=2):
            values = [_cell(c) for c in cells]
            if not any(v.strip() for v in values):
                continue
            rows_read.append((number, {col: (values[i] if i < len(values) else "") for i, col in enumerate(columns)
                                        if col}))
        return table
    finally:
        book.close()


def read_jsonl(path: Path) -> Table:
    """FollowTheMoney entities, one JSON object per line (or one JSON array)."""
    text, encoding = decode(path.read_bytes())
    rows_read: list[tuple[int, dict[str, Any]]] = []
    table = Table(path, "ftm", ["id", "schema", "properties"], rows_read, encoding)
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
            rows_read.append((number, item if isinstance(item, dict) else {"_invalid": item}))
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
        rows_read.append((number, item if isinstance(item, dict) else {"_invalid": item}))
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
