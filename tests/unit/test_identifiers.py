"""Which typed text is identifier-like, and the exact values it is looked up by (workbench/analysis/identifiers.py)."""

from __future__ import annotations

import pytest

from workbench.analysis.identifiers import identifier_lookup


def test_a_bill_of_lading_is_looked_up_as_typed_and_without_separators() -> None:
    lookup = identifier_lookup(" bl-1001 ")
    assert lookup is not None and lookup.bols == ["BL-1001", "BL1001"]
    assert "seizure:BL-1001" in lookup.keys and lookup.cas == [] and lookup.phones == []


def test_a_container_number_becomes_its_key() -> None:
    lookup = identifier_lookup("MSCU 111222 3")
    assert lookup is not None and "container:MSCU1112223" in lookup.params()["containers"]


def test_a_cas_number_is_hyphenated_and_checked() -> None:
    lookup = identifier_lookup("CAS 39742 60 4")
    assert lookup is not None and lookup.cas == ["39742-60-4"]
    wrong = identifier_lookup("39742-60-5")  # check digit wrong: still a B/L candidate, never a CAS number
    assert wrong is not None and wrong.cas == []


def test_a_phone_in_international_form_is_e164() -> None:
    lookup = identifier_lookup("+52 55 1234 5678")
    assert lookup is not None and lookup.phones == ["+525512345678"]


def test_an_air_waybill_is_tried_with_and_without_its_dash() -> None:
    lookup = identifier_lookup("020-12345675")
    assert lookup is not None and {"020-12345675", "02012345675"} <= set(lookup.bols)


def test_an_email_is_looked_up_lower_case() -> None:
    lookup = identifier_lookup("Sales@Huaxin-Chem.example")
    assert lookup is not None and lookup.emails == ["sales@huaxin-chem.example"] and lookup.bols == []


@pytest.mark.parametrize("text", ["Quimica Delta", "Av Reforma 123", "Lote 4 Nave B", "", "x" * 61, "acme*"])
def test_names_and_addresses_are_not_identifiers(text: str) -> None:
    assert identifier_lookup(text) is None
