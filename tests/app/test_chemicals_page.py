"""The Chemicals page: identify texts, and the catalogue's control status by date and jurisdiction."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from tests.app.test_app_pages import app_env, open_page, press, start  # noqa: F401 - app_env is a fixture
from workbench.settings import Settings

PAGE = "analysis/chemicals.py"


def _cells(at: AppTest, index: int) -> list[dict[str, object]]:
    return at.dataframe[index].value.to_dict("records")  # type: ignore[no-any-return]


def test_identify_reads_names_and_says_when_unsure(app_env: Settings) -> None:  # noqa: F811
    at = open_page(app_env, PAGE, role="analyst")
    at.text_area(key="chemicals_texts").set_value(
        "4-Piperidinone, 1-(2-phenylethyl)-\nacetone cyanohydrin\nCAS79099 powder\n")
    at = press(at, "Identify")
    assert not at.exception
    rows = _cells(at, 0)
    assert [r["text"] for r in rows] == ["4-Piperidinone, 1-(2-phenylethyl)-", "acetone cyanohydrin", "CAS79099 powder"]
    assert rows[0]["chemical"] == "N-phenethyl-4-piperidone" and rows[0]["CAS"] == "39742-60-4"
    assert rows[1]["chemical"] == "—" and rows[1]["why"] == "no catalogue chemical identified"
    assert str(rows[2]["why"]).startswith("candidate: check it")
    assert rows[0]["why"] == "CAS index name “4-Piperidinone, 1-(2-phenylethyl)-” is N-phenethyl-4-piperidone"


def test_catalogue_status_changes_with_the_date_and_jurisdiction(app_env: Settings) -> None:  # noqa: F811
    at = open_page(app_env, PAGE, role="analyst")
    at.date_input(key="chemicals_on").set_value(dt.date(2022, 11, 22)).run()
    before = {r["chemical"]: r for r in _cells(at, 0)}
    assert before["4-anilinopiperidine (4-AP)"]["controlled"] == "no"
    assert before["N-phenethyl-4-piperidone (NPP)"]["controlled"] == "yes"
    at.date_input(key="chemicals_on").set_value(dt.date(2022, 11, 23)).run()
    after = {r["chemical"]: r for r in _cells(at, 0)}
    assert after["4-anilinopiperidine (4-AP)"]["controlled"] == "yes"
    at.multiselect(key="chemicals_where").set_value(["CN"]).run()
    china = {r["chemical"]: r for r in _cells(at, 0)}
    assert china["4-anilinopiperidine (4-AP)"]["controlled"] == "no"  # China: from 1 September 2024


def test_page_in_spanish(app_env: Settings) -> None:  # noqa: F811
    at = start(app_env, "analyst", lang="es")
    at.switch_page("pages/" + PAGE)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Sustancias químicas controladas"
    rows = {r["sustancia"]: r for r in _cells(at, 0)}
    assert rows["4-anilinopiperidina (4-AP)"]["lista"] == "Cuadro I"
    assert str(rows["4-anilinopiperidina (4-AP)"]["situación"]).startswith("controlada al ")
    at.text_area(key="chemicals_texts").set_value("4-piperidona clorhidrato\n")
    at = press(at, "Identificar")
    [row] = _cells(at, 0)
    assert row["motivo"] == "El nombre «4-piperidona» es 4-piperidona; se ignora clorhidrato (sal o hidrato)"


def test_viewer_is_refused(app_env: Settings) -> None:  # noqa: F811
    at = start(app_env, "viewer")
    at.switch_page("pages/" + PAGE)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overview"  # not in a viewer's navigation: the landing page instead
    assert not at.text_area
