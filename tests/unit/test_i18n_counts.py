"""A count of one reads as one ("1 resultado", not "1 resultados", which the Spanish search page said)."""

from __future__ import annotations

import re

import pytest

from workbench.app import state
from workbench.app.i18n import messages, t


@pytest.mark.parametrize("lang, one, many", [("es", "1 resultado", "2 resultados"), ("en", "1 result", "2 results")])
def test_a_count_of_one_is_singular(lang: str, one: str, many: str) -> None:
    state.put(state.LANG, lang)
    try:
        assert t("search.count", count=1) == one
        assert t("search.count", count=2) == many
        assert t("saved.status", status="ok", rows=1, seconds=0.1).count("1 fila" if lang == "es" else "1 row ") == 1
        assert "filas" in t("saved.status", status="ok", rows=0, seconds=0.1) or lang == "en"
    finally:
        state.put(state.LANG, "en")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_singular_form_has_its_plural_and_the_same_placeholders(lang: str) -> None:
    texts = messages(lang)
    singular = [key for key in texts if key.endswith("_one")]
    assert len(singular) >= 6
    for key in singular:
        plural = texts[key.removesuffix("_one")]
        placeholders = set(re.findall(r"{(\w+)}", plural)) - {"count", "rows"}
        assert set(re.findall(r"{(\w+)}", texts[key])) == placeholders, key
