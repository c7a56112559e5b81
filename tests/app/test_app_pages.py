"""Every page of the Streamlit app, run with AppTest against the real embedded server and a small story graph."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from workbench.trust import auth
from workbench.analysis import explore
from workbench.app import downloads, graphview
from workbench.app.i18n import messages
from workbench.trust.audit import AuditLog
from workbench.cases.saved import Case, CaseStore
from workbench.store.gateway import Gateway
from workbench.settings import Settings

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "workbench" / "app" / "app.py")
SCENARIO = REPO / "tests" / "fixtures" / "app" / "investigation.cypher"
PASSWORD = "correct-horse-battery"


def seed_scenario(gateway: Gateway) -> None:
    """Write the app's test story (tests/fixtures/app/investigation.cypher) into the test database."""
    for statement in SCENARIO.read_text(encoding="utf-8").split(";\n"):
        body = "\n".join(line for line in statement.splitlines() if not line.lstrip().startswith("//")).strip()
        if body:
            gateway.write(body)


@pytest.fixture
def app_env(gateway: Gateway, store_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The story graph in this test's database, users of every role, and the app's settings pointing at it."""
    seed_scenario(gateway)
    users = auth.UserStore(store_settings.home)
    for role in auth.ROLES:
        if users.get(role) is None:
            users.add(role, role, PASSWORD)
    monkeypatch.setenv("WORKBENCH_HOME", str(store_settings.home))
    monkeypatch.setenv("NEO4J_DATABASE", store_settings.database)
    st.cache_resource.clear()  # the app's resources are per process: point them at this test's database
    yield store_settings
    st.cache_resource.clear()


def start(settings: Settings, role: str | None = "investigator", lang: str = "en") -> AppTest:
    """The app, logged in as ``role`` (a real session token) and in ``lang``."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = lang
    if role is not None:
        user = auth.UserStore(settings.home).get(role)
        assert user is not None
        at.session_state["auth_token"] = auth.SessionManager(settings.home, 60).start(user)
    return at


def open_page(settings: Settings, page: str, role: str = "investigator", **state: object) -> AppTest:
    at = start(settings, role)
    for key, value in state.items():
        at.session_state[key] = value
    at.switch_page(f"pages/{page}")
    at.run()
    assert not at.exception, at.exception
    return at


def press(at: AppTest, label: str) -> AppTest:
    """Click the (form) button showing ``label`` and rerun."""
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r} among {[b.label for b in at.button]}"
    return matches[0].click().run()


def test_every_text_exists_in_both_languages() -> None:
    assert set(messages("en")) == set(messages("es"))


def test_login_page_logs_in_and_audits_success_and_failure(app_env: Settings) -> None:
    at = start(app_env, role=None)
    at.run()
    assert not at.exception
    at.text_input(key="login_username").input("analyst")
    at.text_input(key="login_password").input("wrong-password-123")
    at.button[0].click().run()
    assert any("wrong password" in e.value for e in at.error)
    at.text_input(key="login_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["auth_token"]
    assert at.title[0].value == "Overview"  # the landing page of every role
    actions = [e.action for e in AuditLog(app_env.home).show() if e.action != "view"]  # the landing page's view
    assert actions[-2:] == ["login_failure", "login_success"]


def test_expired_session_goes_back_to_login(app_env: Settings) -> None:
    at = start(app_env)
    at.session_state["auth_token"] = "not-a-real-token"
    at.run()
    assert not at.exception
    assert at.text_input(key="login_username")
    assert at.session_state["auth_token"] is None


def test_viewer_sees_cases_but_not_search(app_env: Settings) -> None:
    at = start(app_env, role="viewer")
    at.switch_page("pages/explore/search.py")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overview"  # the search page is not in a viewer's navigation at all


def test_search_finds_a_misspelt_company_and_opens_it_in_the_network(app_env: Settings) -> None:
    at = open_page(app_env, "explore/search.py")
    at.text_input(key="search_box").input("Quimica Andna")
    at.button[0].click().run()
    assert not at.exception
    assert any("Química Andina" in m.value for m in at.markdown)
    assert at.session_state["search_results"][0]["key"] == "company:quimica-andina"
    assert AuditLog(app_env.home).show()[-1].action == "search"
    at.button(key="open_0").click().run()
    assert not at.exception
    assert at.session_state["selection"] == ["company:quimica-andina"]
    assert at.title[0].value == "Network"


def test_network_expands_and_shows_details(app_env: Settings) -> None:
    at = open_page(app_env, "explore/network.py", selection=["company:quimica-andina"],
                   selected_node="company:quimica-andina")
    assert at.multiselect(key="expand_types")
    assert at.subheader[0].value == "Química Andina S.A. de C.V."
    press(at, "Expand")
    assert not at.exception
    graph = at.session_state["graph"]
    assert "shipment:bl-002" in graph.nodes and "person:jose-nunez" in graph.nodes
    at.button(key="undo").click().run()
    assert len(at.session_state["graph"].nodes) == 1


def test_network_capped_neighbourhood_warns(app_env: Settings) -> None:
    at = open_page(app_env, "explore/network.py", selection=["company:quimica-andina"])
    at.number_input(key="expand_cap").set_value(10)
    at.number_input(key="expand_depth").set_value(3)
    press(at, "Expand")
    assert not at.exception
    assert at.session_state["graph"].capped
    assert any("larger than the cap" in w.value for w in at.warning)


def test_saved_queries_page_runs_a_query(app_env: Settings) -> None:
    at = open_page(app_env, "analysis/saved_queries.py")
    picker = at.selectbox(key="saved_pick")
    assert picker.options
    at.button[0].click().run()  # Run, with the example parameters
    assert not at.exception
    assert at.session_state["saved_query_result"] is not None
    entry = AuditLog(app_env.home).show()[-1]
    assert entry.action == "query" and "parameters" in entry.details
    assert at.code[0].value.strip()


def test_timeline_page_lists_the_events(app_env: Settings) -> None:
    at = open_page(app_env, "explore/timeline.py", selection=["company:quimica-andina"])
    assert at.dataframe
    at.multiselect(key="timeline_kinds_en").set_value(["Seizure"]).run()
    assert not at.exception
    assert list(at.dataframe[0].value["key"]) == ["seizure:z-1"]


def test_routes_page_draws_the_map(app_env: Settings) -> None:
    at = open_page(app_env, "explore/routes.py", selection=["company:quimica-andina"])
    assert at.get("imgs") or at.get("image")
    at.multiselect(key="routes_shipments").set_value(["shipment:bl-002"]).run()
    assert not at.exception


def test_cases_page_saves_and_reopens(app_env: Settings) -> None:
    at = open_page(app_env, "cases/cases.py", selection=["company:quimica-andina", "person:jose-nunez"])
    at.text_input(key="case_name").input("Operación Andina")
    at.text_area(key="case_notes").input("Broker arranged both shipments.")
    at.button[0].click().run()
    assert not at.exception
    case = CaseStore(app_env.home).load("Operación Andina")
    assert case.entity_keys == ["company:quimica-andina", "person:jose-nunez"]
    assert case.created_by == "investigator"
    at.button(key="open_operacion-andina").click().run()
    assert not at.exception
    assert at.session_state["selection"] == ["company:quimica-andina", "person:jose-nunez"]


def test_viewer_can_see_cases_but_not_save(app_env: Settings) -> None:
    CaseStore(app_env.home).save(Case(name="Caso uno", entity_keys=["company:quimica-andina"]))
    at = open_page(app_env, "cases/cases.py", role="viewer")
    assert any("Caso uno" in e.label for e in at.expander)
    assert not [b for b in at.button if b.key and b.key.startswith("delete_")]


def test_findings_page_ranks_companies_and_opens_one(app_env: Settings) -> None:
    at = open_page(app_env, "analysis/findings.py", role="analyst")
    assert at.title[0].value == "Findings and risk"
    assert not at.error
    ranked = at.dataframe[0].value
    assert len(ranked) >= 1 and ranked["risk"].max() > 0
    assert at.selectbox(key="findings_pick").value == ranked["key"].iloc[0]
    at.button(key="findings_open").click().run()
    assert not at.exception
    assert at.session_state["selection"] == [ranked["key"].iloc[0]]
    assert AuditLog(app_env.home).show(action="detect")


def test_console_runs_a_read_and_refuses_a_write(app_env: Settings) -> None:
    at = open_page(app_env, "analysis/console.py")
    at.text_area(key="console_query").input("MATCH (c:Company) RETURN c.key AS key ORDER BY key")
    at.button[0].click().run()
    assert not at.exception
    assert list(at.dataframe[0].value["key"])[0] == "company:blue-ocean"
    at.text_area(key="console_query").input("CREATE (x:Company {key: 'company:evil'}) RETURN x")
    at.button[0].click().run()
    assert at.error
    assert AuditLog(app_env.home).show()[-1].action == "cypher_console"


def test_console_is_refused_to_analysts(app_env: Settings) -> None:
    at = open_page(app_env, "analysis/console.py", role="analyst")
    assert at.title[0].value == "Overview"  # not in an analyst's navigation: the landing page instead
    assert not at.text_area


def test_ingest_page_for_admins(app_env: Settings) -> None:
    at = open_page(app_env, "admin/ingest.py", role="admin")
    assert at.title[0].value == "Ingest"
    at.button[0].click().run()  # nothing uploaded yet: a clear message, no crash
    assert not at.exception
    assert at.warning or at.info


def test_language_switch_translates_the_page(app_env: Settings) -> None:
    at = open_page(app_env, "home/overview.py")
    assert at.title[0].value == "Overview"
    at.selectbox(key="lang_switch").set_value("es").run()
    assert not at.exception
    assert at.title[0].value == "Resumen"
    assert "etiqueta" in at.dataframe[0].value.columns


def test_exports_neutralise_formulas() -> None:
    frame = downloads.table([{"name": "=HYPERLINK(\"x\")", "n": 1}, {"name": "+52 55", "n": 2}, {"name": "ok", "n": 3}])
    csv = downloads.to_csv(frame).decode()
    assert "'=HYPERLINK" in csv and "'+52 55" in csv and "\nok," in csv
    assert downloads.to_excel(frame)[:2] == b"PK"


def test_lucene_query_escapes_and_adds_variants() -> None:
    q = explore.lucene_query("Química (Andina)")
    assert q == "(quimica^3 OR quimica* OR quimica~2) AND (andina^3 OR andina* OR andina~1)"
    assert explore.escape_lucene("a+b") == "a\\+b"


def test_graph_html_has_no_external_resources() -> None:
    graph = explore.Graph()
    graph.add_node({"key": "k1", "label": "Company", "labels": ["Company"], "caption": "A"})
    html = graphview.standalone_html(graphview.network_data(graphview.build_network(graph)))
    own = html.replace(graphview.VIS_JS.read_text(encoding="utf-8"), "")  # the template around the inlined library
    assert "<link" not in own and "src=" not in own and "http" not in own
    assert "vis-network" in html  # the library itself is inlined


@pytest.mark.parametrize(("fmt", "action"), [("md", "briefing"), ("graphml", "export")])
def test_cases_page_prepares_a_briefing_and_an_export(app_env: Settings, fmt: str, action: str) -> None:
    CaseStore(app_env.home).save(Case(name="Caso Andina", entity_keys=["company:quimica-andina", "person:jose-nunez"]))
    at = open_page(app_env, "cases/cases.py")
    at.selectbox(key="fmt_caso-andina").set_value(fmt)
    at.multiselect(key="wh_caso-andina").set_value(["people"])
    press(at, "Prepare")
    assert not at.exception, at.exception
    downloads = at.get("download_button")
    assert downloads, "no download button after Prepare"
    entry = AuditLog(app_env.home).show(action=action)[-1]
    assert entry.details["case"] == "Caso Andina" and entry.details["format"] == fmt


def test_overview_shows_the_store_and_counts_by_label(app_env: Settings) -> None:
    at = open_page(app_env, "home/overview.py", role="viewer")
    assert at.title[0].value == "Overview"
    assert any("embedded ArcadeDB" in m.value for m in at.markdown)
    labels = at.dataframe[0].value
    counts = dict(zip(labels["label"], labels["count"]))
    assert counts["Company"] >= 3 and counts["Person"] >= 1
    relationships = at.dataframe[1].value
    assert "SHIPPED" in set(relationships["type"])
