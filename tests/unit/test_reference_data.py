"""The reference tables detectors receive as parameters: checked when they load, filled in like the controls."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
import pytest

from workbench.analysis.detect import with_controls
from workbench.analysis.reference_data import (
    REFERENCE_PARAMS,
    calling_codes,
    cover_terms,
    packaging_terms,
    parse_sectors,
    parse_terms,
    sectors,
)
from workbench.errors import ConfigurationError
from workbench.store.catalogue import load_catalogue

GOOD = {"prefix": "313", "system": "both", "chemicals": False, "en": "Textile mills", "es": "Insumos textiles",
        "words": ["textil"]}


def _longest(code: str) -> dict[str, object]:
    """The sector a code falls in, as sector_mismatch reads the table (longest matching prefix)."""
    hits = [s for s in sectors() if code.startswith(str(s["prefix"]))]
    return max(hits, key=lambda s: len(str(s["prefix"])))


def test_packaged_tables_load_and_say_what_the_detectors_need() -> None:
    assert _longest("325412")["chemicals"] is True  # pharmaceutical preparations
    assert _longest("313210")["chemicals"] is False  # thread mills
    assert _longest("424690")["chemicals"] is True  # NAICS chemical wholesalers
    assert _longest("434226")["chemicals"] is True  # SCIAN wholesale of industrial raw materials
    assert "dog food" in cover_terms() and "motor oil" in cover_terms()
    assert "drum" in packaging_terms() and "ibc" in packaging_terms()


def test_calling_codes_come_from_phonenumbers_and_form_a_prefix_code() -> None:
    codes = {c["region"]: c["prefix"] for c in calling_codes()}
    assert codes["CN"] == "+86" == f"+{phonenumbers.country_code_for_region('CN')}"
    assert codes["HK"] == "+852" and codes["MX"] == "+52"
    distinct = set(codes.values())
    assert not [(a, b) for a in distinct for b in distinct if a != b and b.startswith(a)]


@pytest.mark.parametrize("row, message", [
    ({**GOOD, "prefix": 313}, "2 to 6 digits"),
    ({**GOOD, "prefix": "31a"}, "2 to 6 digits"),
    ({**GOOD, "system": "isic"}, "`system`"),
    ({**GOOD, "chemicals": "no"}, "true or false"),
    ({**GOOD, "es": ""}, "name in `es`"),
    ({**GOOD, "words": "textil"}, "`words`"),
])
def test_a_bad_sector_row_fails_naming_the_file_and_entry(row: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message) as caught:
        parse_sectors({"sectors": [GOOD | {"prefix": "311"}, row]}, Path("activity_sectors.yaml"))
    assert "activity_sectors.yaml: sector 2" in str(caught.value)


def test_a_repeated_prefix_or_term_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="listed twice"):
        parse_sectors({"sectors": [GOOD, GOOD]}, Path("s.yaml"))
    with pytest.raises(ConfigurationError, match="entry 2 .*listed twice"):
        parse_terms({"cover_terms": ["dog food", "Dog Food"]}, Path("c.yaml"), "cover_terms")
    with pytest.raises(ConfigurationError, match="at least 3 letters"):
        parse_terms({"cover_terms": ["oil", "x"]}, Path("c.yaml"), "cover_terms")


def test_reference_parameters_are_filled_only_where_declared_and_never_over_a_given_value() -> None:
    catalogue = load_catalogue()
    filled = with_controls(catalogue["sector_mismatch"], {})
    assert filled["sectors"] == sectors() and "coverTerms" not in filled
    given = with_controls(catalogue["cover_commodities"], {"coverTerms": ["candles"]})
    assert given["coverTerms"] == ["candles"] and given["packagingTerms"] == packaging_terms()
    assert with_controls(catalogue["foreign_phone"], {})["callingCodes"] == calling_codes()
    assert "sectors" not in with_controls(catalogue["broker_hub"], {})
    declared = {p.name for q in catalogue.detectors for p in q.parameters}
    assert set(REFERENCE_PARAMS) <= declared, "a reference table no detector uses"


ISSUE_16 = ("sector_mismatch", "foreign_phone", "shell_indicators", "supplier_concentration", "relabelling",
            "small_parcels", "payment_funnel", "payment_structuring", "virtual_currency_chemical_sellers",
            "payment_to_listed", "cover_commodities")


def test_each_new_red_flag_detector_cites_where_its_flag_comes_from() -> None:
    catalogue = load_catalogue()
    for rule in ISSUE_16:
        sources = catalogue[rule].extra.get("sources") or []
        assert any(s.startswith(("FinCEN FIN-20", "INCB")) for s in sources), rule


def test_a_detector_header_with_malformed_sources_is_refused(tmp_path: Path) -> None:
    from workbench.errors import CatalogueError
    from workbench.store.catalogue import parse_query

    text = (load_catalogue()["foreign_phone"].path.read_text(encoding="utf-8")
            .replace("// sources:\n", "// sources: FinCEN\n// unused:\n", 1))
    with pytest.raises(CatalogueError, match="sources must be a list"):
        parse_query(tmp_path / "foreign_phone.cypher", text)
