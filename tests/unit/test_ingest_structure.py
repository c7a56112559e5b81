"""Ingest never loses or blends a row silently (issue 14 #3, #4, #5, #6): CSV structure, encodings, header
collisions, duplicate record ids, and validation that stays linear in the number of bad rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from workbench.ingest import records as records_module
from workbench.ingest.readers import read_file
from workbench.ingest.records import Problem, duplicate_problems, validate_table

HEADER = "record_id,bill_of_lading,shipper_name,consignee_name,weight_kg,container_ids\n"


def _write(folder: Path, text: str, name: str = "manifests.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def _problems(path: Path) -> tuple[list, list[Problem]]:
    valid, problems, _ = validate_table(read_file(path, "manifests"))
    return valid, problems


def test_unbalanced_quote_in_last_column_is_a_file_problem_naming_row_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + 'M1,BL-1,A Co,B Co,10,"QCU1000001\nM2,BL-2,A Co,B Co,11,QCU2\n'
                                     "M3,BL-3,A Co,B Co,12,QCU3\nM4,BL-4,A Co,B Co,13,QCU4\n")
    valid, problems = _problems(path)
    assert valid == []
    assert len(problems) == 1 and problems[0].row is None
    assert "row 2" in problems[0].reason and "container_ids" in problems[0].reason
    assert "never closed" in problems[0].reason


def test_stray_quote_after_a_quoted_cell_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + 'M1,BL-1,"A Co"x,B Co,10,C1\n')
    valid, problems = _problems(path)
    assert valid == [] and "row 2" in problems[0].reason and "quote" in problems[0].reason


def test_ragged_rows_are_problems_of_their_row(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + "M1,BL-1,A Co,B Co,10,C1\nM2,BL-2,A Co\nM3,BL-3,A Co,B Co,10,C3,surplus\n")
    valid, problems = _problems(path)
    assert [r.row for r in valid] == [2]
    assert {(p.row, "cells but the header 6" in p.reason) for p in problems} == {(3, True), (4, True)}


@pytest.mark.parametrize("encoding, named", [("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
                                             ("utf-16-be", "utf-16-be"), ("utf-32", "utf-32")])
def test_utf16_and_utf32_files_are_read_and_their_encoding_named(tmp_path: Path, encoding: str, named: str) -> None:
    path = _write(tmp_path, HEADER + "M1,BL-1,Química Andina,B Co,10,C1\n", encoding=encoding)
    table = read_file(path, "manifests")
    assert table.encoding == named
    valid, problems, _ = validate_table(table)
    assert problems == [] and valid[0].data["shipper_name"] == "Química Andina"


def test_nul_bytes_name_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "manifests.csv"
    path.write_bytes(HEADER.encode() + b"M1,BL-1,A\x00\x00\x00 Co,B,1,C\n")
    valid, problems = _problems(path)
    assert valid == [] and "NUL" in problems[0].reason and "UTF-8" in problems[0].reason


@pytest.mark.parametrize("header", ["record_id,bill_of_lading,shipper_name,Shipper Name,consignee_name",
                                    "record_id,bill_of_lading,shipper_name,shipper_name,consignee_name",
                                    "record_id,bill_of_lading,SHIPPER_NAME,shipper_name ,consignee_name"])
def test_duplicate_or_case_colliding_headers_are_an_error(tmp_path: Path, header: str) -> None:
    path = _write(tmp_path, header + "\nM1,BL-1,A Co,Other Co,B Co\n")
    valid, problems = _problems(path)
    assert valid == []
    assert len(problems) == 1 and "shipper_name" in problems[0].reason and "columns 3 and 4" in problems[0].reason
    assert "required and empty" not in problems[0].reason


def test_duplicate_headers_in_xlsx(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["bill_of_lading", "shipper_name", "Shipper Name", "consignee_name"])
    book.active.append(["BL-1", "A Co", "Other Co", "B Co"])
    book.save(tmp_path / "manifests.xlsx")
    valid, problems = _problems(tmp_path / "manifests.xlsx")
    assert valid == [] and "'shipper_name'" in problems[0].reason and "'Shipper Name'" in problems[0].reason


def test_duplicate_ids_with_different_data_name_both_rows(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + "D1,BL-1,A Co,B Co,10,C1\nD1,BL-1,Other Co,B Co,99,C1\n"
                                     "D2,BL-2,A Co,B Co,5,C2\nD2,BL-2,A Co,B Co,5.0,C2\n")
    valid, problems = _problems(path)
    assert problems == [] and len(valid) == 4
    dupes, bad = duplicate_problems(valid)
    assert len(dupes) == 1
    assert dupes[0].row == 3 and "row 2" in dupes[0].reason
    assert "shipper_name" in dupes[0].reason and "weight_kg" in dupes[0].reason
    assert bad == {"manifests.csv#2", "manifests.csv#3"}  # D2 repeats the same data: fine


def test_duplicate_ids_across_csv_and_xlsx_of_one_bundle(tmp_path: Path) -> None:
    csv_path = _write(tmp_path, HEADER + "D1,BL-1,A Co,B Co,10,C1\n")
    book = openpyxl.Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append(["D1", "BL-1", "A Co", "B Co", 12, "C1"])
    book.active.append(["D3", "BL-3", "A Co", "B Co", 10, "C3"])
    book.save(tmp_path / "manifests.xlsx")
    records = validate_table(read_file(csv_path, "manifests"))[0] + \
        validate_table(read_file(tmp_path / "manifests.xlsx", "manifests"))[0]
    dupes, bad = duplicate_problems(records)
    assert len(dupes) == 1 and dupes[0].file == "manifests.xlsx" and "manifests.csv row 2" in dupes[0].reason
    same = validate_table(read_file(_write(tmp_path, HEADER + "D3,BL-3,A Co,B Co,10.0,C3\n", "x.csv"),
                                    "manifests"))[0]
    assert duplicate_problems(records[-1:] + same)[0] == []  # the same data in CSV and XLSX is fine


def test_validation_is_linear_in_bad_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed: problems are never compared with each other (that was quadratic)."""
    rows = 3000
    lines = [HEADER] + [f"M{i},BL-{i},A Co,B Co,not-a-number,C{i}\n" for i in range(rows)]
    lines += [f"M{i},BL-{i},A Co\n" for i in range(rows, rows + 200)]  # ragged: reader problems
    path = _write(tmp_path, "".join(lines))
    comparisons = 0
    real_eq = Problem.__eq__

    def counting_eq(self: Problem, other: object) -> bool:
        nonlocal comparisons
        comparisons += 1
        return real_eq(self, other)

    monkeypatch.setattr(records_module.Problem, "__eq__", counting_eq)
    valid, problems, by_row = validate_table(read_file(path, "manifests"))
    assert valid == [] and len(problems) == rows + 200 and len(by_row) == rows + 200
    assert comparisons < rows  # before: about rows² / 2
