"""A CSV read for a streamed ingest (``open_csv``) gives, row by row from disk, what ``read_csv`` gives at once:
the same rows, encodings and problems, however often it is read, without reading the file into memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.ingest.readers import CsvRows, open_csv, read_csv
from workbench.ingest.records import validate_rows, validate_table

HEADER = "record_id,bill_of_lading,shipper_name,consignee_name,weight_kg,container_ids\n"
ROWS = "M1,BL-1,Dalian Ruoxi Chemical Co.,Química Ñandú,10,C1\nM2,BL-2,A Co\n\nM3,BL-3,A Co,B Co,12,C3\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_streamed_rows_equal_the_rows_read_at_once(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "manifests.csv"
    path.write_bytes((HEADER + ROWS).encode(encoding))
    whole = read_csv(path, "manifests")
    streamed = open_csv(path, "manifests")
    assert isinstance(streamed.rows, CsvRows) and streamed.problems == []  # nothing read past the header yet
    first, second = list(streamed.rows), list(streamed.rows)
    assert first == second == list(whole.rows)
    assert first[0][1]["consignee_name"] == "Química Ñandú"
    assert streamed.problems == whole.problems  # the ragged row, once, however often the rows are read
    assert streamed.encoding == whole.encoding
    assert len(streamed.rows) == 3  # type: ignore[arg-type]


def test_a_quote_never_closed_midway_is_a_file_problem_once_the_rows_are_read(tmp_path: Path) -> None:
    path = tmp_path / "manifests.csv"
    path.write_text(HEADER + 'M1,BL-1,A Co,B Co,10,C1\nM2,BL-2,A Co,B Co,11,"C2\nM3,BL-3,A Co,B Co,12,C3\n',
                    encoding="utf-8")
    streamed = open_csv(path, "manifests")
    seen = [(number, record is not None) for number, record, _ in validate_rows(streamed)]
    assert seen == [(2, True)]  # the row before the broken quote was read; the read stopped there
    file_level = [p for p in streamed.problems if p[0] is None]
    assert len(file_level) == 1 and "never closed" in file_level[0][2] and "container_ids" in file_level[0][2]
    valid, problems, _ = validate_table(read_csv(path, "manifests"))
    assert valid == [] and [p.reason for p in problems] == [file_level[0][2]]


def test_bytes_that_are_not_the_guessed_encoding_late_in_the_file_fall_back_as_a_whole_read_does(
        tmp_path: Path) -> None:
    path = tmp_path / "manifests.csv"
    body = HEADER + "".join(f"M{i},BL-{i},A Co,B Co,{i},C{i}\n" for i in range(5000))
    path.write_bytes(body.encode("utf-8") + "M9,BL-9,Compañía,B Co,9,C9\n".encode("cp1252"))
    streamed, whole = open_csv(path, "manifests"), read_csv(path, "manifests")
    assert streamed.encoding == whole.encoding == "cp1252"
    assert list(streamed.rows)[-1][1]["shipper_name"] == "Compañía"


def test_values_past_their_length_limit_reject_the_row_and_name_the_column(tmp_path: Path) -> None:
    """A name or code becomes a key and an index entry: 1,000 characters at most; free text 65,536. A value at the
    limit passes, one character more rejects its row with the column named, and the other rows are kept."""
    header = "record_id,bill_of_lading,shipper_name,consignee_name,goods_description,notes\n"
    at_limit = "x" * 1_000
    rows = [f"M1,BL-1,{at_limit},B Co,{'g' * 5_000},n",      # a name at the limit, free text past 1,000: valid
            f"M2,BL-2,{at_limit}y,B Co,goods,n",              # a name one character past the limit
            f"M3,BL-3,A Co,B Co,goods,{'n' * 65_537}",       # an extra free-text column past 65,536
            "M4,BL-4,A Co,B Co,goods,n"]
    path = tmp_path / "manifests.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    seen = {number: (record is not None, [(p.column, p.reason) for p in problems])
            for number, record, problems in validate_rows(open_csv(path, "manifests"))}
    assert seen[2] == (True, []) and seen[5] == (True, [])
    assert seen[3] == (False, [("shipper_name", "shipper_name is 1,001 characters long; at most 1,000 are accepted")])
    assert seen[4] == (False, [("notes", "notes is 65,537 characters long; at most 65,536 are accepted")])
