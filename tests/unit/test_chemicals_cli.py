"""`workbench chemicals identify` and `workbench chemicals list` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_identify_json_one_result_per_text_in_input_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    file = tmp_path / "texts.txt"
    file.write_text("acetone cyanohydrin\n\nCAS79099 powder\n", encoding="utf-8")
    code, out, _ = run(capsys, "chemicals", "identify", "4-Piperidinone, 1-(2-phenylethyl)-", "NPP in toluene",
                       "--file", str(file), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["text"] for r in rows] == ["4-Piperidinone, 1-(2-phenylethyl)-", "NPP in toluene",
                                         "acetone cyanohydrin", "CAS79099 powder"]
    assert rows[0]["matches"][0] == {"cas": "39742-60-4", "name": "N-phenethyl-4-piperidone", "table": "table_i",
                                     "confidence": 0.95, "why": rows[0]["matches"][0]["why"]}
    assert [m["name"] for m in rows[1]["matches"]] == ["N-phenethyl-4-piperidone", "toluene"]
    assert rows[2]["matches"] == []
    assert rows[3]["matches"][0]["confidence"] < 0.5 and "truncated" in rows[3]["matches"][0]["why"]


def test_identify_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "chemicals", "identify", "2-Propanone, 1-phenyl-", "acetone cyanohydrin")
    assert code == 0
    assert "phenylacetone" in out and "no catalogue chemical identified" in out
    assert out.index("2-Propanone") < out.index("acetone cyanohydrin")


def test_list_with_status_on_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "chemicals", "list", "--on", "2022-11-22", "--format", "json")
    rows = {r["key"]: r for r in json.loads(out)}
    assert code == 0 and rows["npp"]["controlled"] and not rows["four_ap"]["controlled"]
    code, out, _ = run(capsys, "chemicals", "list", "--on", "2022-11-23", "-j", "UN", "-j", "mx", "--format", "json")
    rows = {r["key"]: r for r in json.loads(out)}
    assert rows["four_ap"]["lists"] == ["UN table_i", "MX precursor_quimico"]


@pytest.mark.parametrize("argv,message", [
    (("chemicals", "identify"), "give one or more texts"),
    (("chemicals", "identify", "--file", "/nonexistent/texts.txt"), "file not found"),
    (("chemicals", "list", "-j", "EU"), "--jurisdiction 'EU'"),
    (("chemicals", "list", "--on", "someday"), "not a date"),
])
def test_errors_are_one_line_without_traceback(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...],
                                               message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code != 0 and message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
