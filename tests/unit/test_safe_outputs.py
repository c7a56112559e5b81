"""The one neutraliser: every formula payload (ASCII, full-width, small-form, tab/CR/LF first) becomes text."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.exports import safe

PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/x","click")', "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1", "\n=1+1", "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)",
            "\ufe661+1", "  =1+1", "\u3000=1+1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_formula_start_is_made_text(payload: str) -> None:
    assert safe.is_formula(payload)
    assert safe.neutralise(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Química Delta", "BL-1001", "", "a=b", "1-2", 5, -5, None, 2.5])
def test_ordinary_values_unchanged(value: object) -> None:
    assert safe.neutralise(value) == value


@given(st.text())
def test_neutralised_text_is_never_a_formula(text: str) -> None:
    assert not safe.is_formula(safe.neutralise(text))


def test_csv_and_xlsx_writers_neutralise_and_survive_nul() -> None:
    frame = pd.DataFrame({"name": PAYLOADS + ["nul\x00inside"], "=col": range(len(PAYLOADS) + 1)})
    rows = list(csv.reader(io.StringIO(safe.frame_csv(frame).decode("utf-8"), newline="")))
    assert rows[0] == ["'=col", "name"] or rows[0] == ["name", "'=col"]
    assert all(not safe.is_formula(cell) for row in rows for cell in row)
    book = openpyxl.load_workbook(io.BytesIO(safe.frame_xlsx(frame)))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert all(not (isinstance(v, str) and safe.is_formula(v)) for v in cells)
    assert "nul\ufffdinside" in cells
    assert all(book.active.cell(r, c).data_type != "f" for r in range(1, len(PAYLOADS) + 3) for c in (1, 2))


def test_csv_text_and_safe_writer() -> None:
    text = safe.csv_text(["a"], [["=1"], ["ok"]])
    assert list(csv.reader(io.StringIO(text))) == [["a"], ["'=1"], ["ok"]]
    out = io.StringIO()
    safe.SafeWriter(out).writerow(["\uff1d1", "x"])
    assert out.getvalue().startswith("'\uff1d1,x")


@given(st.lists(st.sampled_from(list("ab !#$&()*+-.:<>=[]\\_`|~{}1\n\t") + [
    "http://x.y/z.png", "<img src=x>", "javascript:", "1.", "---", "    code", "***"])).map("".join))
def test_escaped_markdown_renders_as_plain_paragraphs(text: str) -> None:
    from markdown_it import MarkdownIt  # noqa: PLC0415

    html = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").render(
        safe.escape_markdown(text))
    tags = {tag for tag in __import__("re").findall(r"</?([a-z0-9]+)", html)}
    assert tags <= {"p", "br"}, (text, html)
