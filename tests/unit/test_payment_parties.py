"""Who pays: a payment's party is a firm or a natural person by its declared type, else by its name (pure)."""

from __future__ import annotations

import pytest

from workbench.ingest.kinds.payments import party_label


@pytest.mark.parametrize("name, declared, label", [
    ("Química Delta, S.A. de C.V.", None, "Company"),  # a legal form
    ("Kelmor Pacific Supply LLC", None, "Company"),
    ("Guangzhou Dravik Trading", None, "Company"),  # no legal form, a trade word
    ("Hebei Yusar Chemical", None, "Company"),
    ("José Ruiz Peña", None, "Person"),
    ("Wang Wei", None, "Person"),
    ("Wang Wei", "company", "Company"),  # the declared type wins
    ("Grupo Ardeno", "person", "Person"),
])
def test_party_label(name: str, declared: str | None, label: str) -> None:
    assert party_label(name, declared) == label
