"""The one neutraliser for every CSV and XLSX the workbench writes (CLI, exports, app downloads, rejects).

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab, carriage return or line
feed before one) as a formula, so a name such as ``=HYPERLINK(...)`` in trade data would run on the analyst's
machine. Every string cell is checked after Unicode compatibility folding (NFKC), so the full-width ``＝＋－＠``
and the small-form variants are caught too, and a leading apostrophe makes it text (OWASP's advice).
XLSX cells also lose the control characters the format cannot hold (NUL and friends), which are shown as
U+FFFD instead of failing the whole file.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from typing import Any, Iterable, Sequence

#: First characters (after NFKC folding) that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@")
#: Characters that may precede a formula start and that spreadsheets skip or treat as a formula start themselves.
LEADING_CONTROL = frozenset("\t\r\n")
#: What XLSX (XML 1.0) cannot hold: C0 controls except tab, line feed and carriage return.
ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT = "\ufffd"


def is_formula(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    stripped = text.lstrip(" \u00a0\u3000")
    if not stripped:
        return False
    first = stripped[0]
    if first in LEADING_CONTROL or text[0] in LEADING_CONTROL:
        return True
    return unicodedata.normalize("NFKC", first)[:1] in FORMULA_STARTS


def neutralise(value: Any) -> Any:
    """``value`` with a leading apostrophe when it is a string a spreadsheet would run; anything else unchanged."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def xlsx_cell(value: Any) -> Any:
    """A neutralised value that an XLSX cell can hold."""
    value = neutralise(value)
    if isinstance(value, str):
        return ILLEGAL_XLSX.sub(REPLACEMENT, value)
    return value


#: RFC 4180 line ends. The csv module quotes a field only when it holds a character of the line terminator, so
#: with "\n" alone a lone carriage return would stay unquoted and split the row in a spreadsheet.
LINE_END = "\r\n"


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """A whole CSV document with every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=LINE_END)
    writer.writerow([neutralise(c) for c in header])
    for row in rows:
        writer.writerow([neutralise(c) for c in row])
    return out.getvalue()


class SafeWriter:
    """A ``csv.writer`` whose rows are neutralised; use it wherever a CSV file is written row by row."""

    def __init__(self, handle: Any) -> None:
        self._writer = csv.writer(handle, lineterminator=LINE_END)

    def writerow(self, row: Sequence[Any]) -> Any:
        return self._writer.writerow([neutralise(c) for c in row])

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def frame_csv(frame: Any) -> bytes:
    """A pandas DataFrame as neutralised UTF-8 CSV."""
    # Through the csv module, not DataFrame.to_csv: pandas leaves a lone carriage return unquoted, which splits a row.
    rows = ([None if _missing(v) else v for v in row] for row in frame.itertuples(index=False, name=None))
    return csv_text([str(c) for c in frame.columns], rows).encode("utf-8")


def _missing(value: Any) -> bool:
    try:
        return bool(value != value)  # NaN and NaT are the only values unequal to themselves
    except (TypeError, ValueError):
        return False


def frame_xlsx(frame: Any, sheet_name: str = "result") -> bytes:
    """A pandas DataFrame as an XLSX workbook with neutralised, XML-safe cells."""
    import pandas as pd  # noqa: PLC0415

    safe = frame.map(xlsx_cell)
    safe.columns = [xlsx_cell(str(c)) for c in safe.columns]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name)
    return buffer.getvalue()


#: Characters that start Markdown (CommonMark, GFM, Streamlit's $math$ and :colour[...] directives) anywhere in a
#: line, and raw HTML; each is escaped with a backslash, which CommonMark allows before any ASCII punctuation.
_MD_ANYWHERE = re.compile(r"([\\`*_\[\]{}()<>!|~$&#])")
#: Block markers that only count at the start of a line: lists, quotes, headings by underline, thematic breaks.
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])", re.MULTILINE)


def escape_markdown(value: Any, *, inline: bool = False) -> str:
    """``value`` as Markdown text that renders as itself: no links, images, HTML, emphasis, maths or lists.

    ``inline`` also folds line breaks into spaces (table cells, headings, list items).
    """
    text = "" if value is None else str(value)
    if inline:
        text = " ".join(text.split())
    else:  # an indented line would become a code block
        text = "\n".join(line.lstrip() for line in text.splitlines())
    text = _MD_ANYWHERE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if len(m.group(2)) == 1
                              else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)
