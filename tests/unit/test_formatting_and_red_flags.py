"""Numbers and dates per locale (Babel) and the one definition of the red-flag categories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from workbench.errors import ConfigurationError
from workbench.formatting import format_date, format_number, format_percent
from workbench.red_flags import RED_FLAGS_FILE, load_categories, parse_categories
from workbench.store.catalogue import CATEGORIES, load_catalogue


def test_numbers_are_written_the_languages_way() -> None:
    assert format_number(6445.8, "es") == "6.445,8"
    assert format_number(6445.8, "en") == "6,445.8"
    assert format_number(750.0, "es") == "750" and format_number(12000, "es") == "12.000"
    assert format_number(None, "es") == "?"
    assert format_percent(0.111, "es") == "11,1 %" and format_percent(0.111, "en") == "11.1%"


def test_dates_are_written_the_languages_way() -> None:
    assert format_date("2024-03-02", "es") == "2 mar 2024"
    assert format_date(dt.date(2024, 3, 2), "en") == "Mar 2, 2024"
    assert format_date("2024-03", "es") == "2024-03"  # not a full date: left as it is
    assert format_date("", "es") == "?"


def test_red_flags_are_one_data_file_used_by_the_catalogue() -> None:
    categories = load_categories()
    assert CATEGORIES == {c.id: {"en": c.en, "es": c.es} for c in categories.values()}
    assert {q.category for q in load_catalogue().detectors} == set(categories)
    assert all(0 < c.weight <= 1 for c in categories.values())
    assert categories["seizure-linked"].name_in("es") == "Vinculado a aseguramientos"


@pytest.mark.parametrize("broken, message", [
    ({"categories": {"x": {"en": "X", "weight": 0.5}}}, "needs a name in `es`"),
    ({"categories": {"x": {"en": "X", "es": "X", "weight": 2}}}, "between 0 and 1"),
    ({"categories": {"Bad Id": {"en": "X", "es": "X", "weight": 0.5}}}, "lower-case"),
])
def test_a_bad_red_flag_file_fails_naming_the_entry(broken: dict, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        parse_categories(broken, Path("red_flags.yaml"))


def test_detectors_carry_descriptions_and_explanations_in_both_languages() -> None:
    assert yaml.safe_load(RED_FLAGS_FILE.read_text(encoding="utf-8"))["version"] == 1
    for query in load_catalogue().detectors:
        assert query.description_in("es") != query.description_in("en"), query.id
        assert set(query.explanation) == {"en", "es"}, query.id
