"""FollowTheMoney files read through followthemoney (pure: no store)."""

from __future__ import annotations

from pathlib import Path

from workbench.ingest import ftm
from workbench.ingest.readers import read_file
from workbench.ingest.ftm import validate_table

FIXTURE = Path(__file__).parent.parent / "fixtures" / "ftm" / "opensanctions.ftm.json"


def test_an_opensanctions_shaped_file_is_read_by_inheritance_with_partial_dates_and_skips_counted() -> None:
    records, problems, _ = validate_table(read_file(FIXTURE, "ftm"))
    assert problems == []
    by_id = {r.data["id"]: r.data for r in records}
    assert by_id["os-org-kenya"]["schema"] == "Company"  # a PublicBody is a LegalEntity
    assert by_id["os-airline"]["schema"] == "Company"  # an Organization is a LegalEntity
    assert by_id["os-pe-wangwei"]["properties"]["birthDate"] == ["1965"]
    assert by_id["os-pe-mm"]["properties"]["birthDate"] == ["1971-03"]
    assert by_id["os-co-ramashka"]["properties"]["incorporationDate"] == ["2011-04"]
    assert by_id["os-org-kenya"]["properties"]["country"] == ["ke"]
    assert by_id["os-airline"]["properties"]["country"] == ["gq"]
    assert by_id["os-pe-mm"]["properties"]["nationality"] == ["mm"]
    assert ftm.skipped(records) == {"CryptoWallet": 1, "Family": 1, "Identification": 1, "Occupancy": 1,
                                    "UnknownLink": 1}


def test_unknown_schema_and_garbage_date_are_row_problems_naming_the_property(tmp_path: Path) -> None:
    path = tmp_path / "bad.ftm.json"
    path.write_text('{"id": "a", "schema": "Spaceship", "properties": {}}\n'
                    '{"id": "b", "schema": "Person", "properties": {"name": ["X"], "birthDate": ["soon"]}}\n'
                    '{"id": "c", "schema": "Company", "properties": {"name": ["Y"]}}\n', encoding="utf-8")
    records, problems, by_row = validate_table(read_file(path, "ftm"))
    assert [r.data["id"] for r in records] == ["c"]
    assert [(p.row, p.column) for p in problems] == [(1, "schema"), (2, "properties.birthDate")]
    assert "'soon' is not a date" in problems[1].reason
    assert set(by_row) == {1, 2}
