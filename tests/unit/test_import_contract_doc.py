"""docs/import-contract.md names every column of every record kind, and its required columns as required: the
table is written by hand, the kinds in workbench/ingest/kinds/ are the truth, and this test keeps them together."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from workbench.ingest.kinds import KINDS, TABLE_KINDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "import-contract.md"


def _rows() -> dict[str, tuple[str, str]]:
    """File name -> (required cell, other cell) of the contract's table."""
    out = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `([a-z_]+)\.csv` \| ([^|]*) \| (.*) \|$", line)
        if m:
            out[m.group(1)] = (m.group(2), m.group(3))
    return out


def _names(cell: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z0-9_]*", re.sub(r"\([^)]*\)|`[^`]*`", "", cell)))


@pytest.mark.parametrize("name", TABLE_KINDS)
def test_every_column_of_each_kind_is_in_the_contract(name: str) -> None:
    rows = _rows()
    assert name in rows, f"docs/import-contract.md has no row for {name}.csv"
    required, other = rows[name]
    kind = KINDS[name]
    assert _names(required) >= set(kind.required_columns), f"{name}: required columns differ"
    missing = [c for c in kind.columns if c not in _names(required) | _names(other)]
    assert not missing, f"docs/import-contract.md does not name {missing} of {name}.csv"


def test_the_contract_names_no_file_the_importer_does_not_read() -> None:
    assert set(_rows()) <= set(TABLE_KINDS)


def test_a_column_left_out_of_the_doc_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = DOC.read_text(encoding="utf-8").replace(", container_ids, vessel,", ", container_ids,")
    fake = tmp_path / "import-contract.md"
    fake.write_text(text, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "DOC", fake)
    with pytest.raises(AssertionError, match="vessel"):
        test_every_column_of_each_kind_is_in_the_contract("manifests")


EXAMPLES = DOC.parent / "example_bundle"


def test_every_kind_has_an_example_file_that_validates_cleanly() -> None:
    from workbench.ingest import ftm  # noqa: PLC0415
    from workbench.ingest.readers import discover, read_file  # noqa: PLC0415
    from workbench.ingest.records import duplicate_problems, validate_table  # noqa: PLC0415

    found = discover(EXAMPLES)
    assert {kind for _, kind in found} == set(KINDS), "docs/example_bundle/ lacks an example of some kind"
    records = []
    for path, name in found:
        valid, problems, _ = (ftm.validate_table if KINDS[name].entities else validate_table)(read_file(path, name))
        assert problems == [], [str(p) for p in problems]
        assert valid, f"{path.name} holds no record"
        records += valid
    assert duplicate_problems(records)[0] == []
