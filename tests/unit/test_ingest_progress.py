"""A running ingest says what it is doing in English on the command line and in the reader's language in the app."""

from __future__ import annotations

import re

import pytest

from workbench.app import state
from workbench.app.i18n import ingest_stage, messages
from workbench.ingest import progress as stages

STAGES = [stages.reading("manifests.csv"), stages.resolving(), stages.shared_links(), stages.writing(12345.6, 185),
          stages.nodes("Company"), stages.records("Shipment"), stages.relationships("SHIPPED")]


def test_a_stage_is_its_english_text() -> None:
    assert stages.writing(12345.6, 185) == "writing: 12,346 rows/s, 3 min left"
    assert str(stages.nodes("Company")) == "Company nodes"
    assert f"{stages.reading('a.csv')}" == "reading a.csv"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_stage_has_a_text_in_each_language_with_the_same_placeholders(lang: str) -> None:
    for stage in STAGES:
        text = messages(lang)[stage.key]
        assert set(re.findall(r"\{(\w+)\}", text)) == set(stage.values), (lang, stage.key, text)


def test_the_app_says_the_stage_in_spanish() -> None:
    state.put(state.LANG, "es")
    assert ingest_stage(stages.writing(12345.6, 185)) == "escribiendo: 12.346 filas/s, quedan 3 min"
    assert ingest_stage(stages.nodes("Company")) == f"nodos de {messages('es')['label.Company']}"
    assert ingest_stage("some other text") == "some other text"
    state.put(state.LANG, "en")
    assert ingest_stage(stages.writing(12345.6, 185)) == "writing: 12,346 rows/s, 3 min left"


def test_durations_read_the_same_in_both_languages() -> None:
    assert [stages.duration(s) for s in (40, 185, 3900)] == ["40 s", "3 min", "1 h 05 min"]
