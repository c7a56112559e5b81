"""Every page of the Streamlit app, run with AppTest against the real embedded server and a small story graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP_PASSWORD as PASSWORD  # the users app_settings creates
from workbench.trust import auth
from workbench.analysis import explore
from workbench.app import downloads, graphview
from workbench.app.i18n import messages
from workbench.trust.audit import AuditLog
from workbench.cases.saved import Case, CaseStore
from workbench.store.catalogue import load_catalogue
from workbench.store.gateway import Gateway
from workbench.settings import Settings

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "workbench" / "app" / "app.py")
SCENARIO = REPO / "tests" / "fixtures" / "app" / "investigation.cypher"


def seed_scenario(gateway: Gateway) -> None:
    """Write the app's test story (tests/fixtures/app/investigation.cypher) into the test database."""
    for statement in SCENARIO.read_text(encoding="utf-8").split(";\n"):
        body = "\n".join(line for line in statement.splitlines() if not line.lstrip().startswith("//")).strip()
        if body:
            gateway.write(body)


@pytest.fixture
def app_env(gateway: Gateway, app_settings: Settings) -> Settings:
    """The story graph in this test's database, users of every role, and the app's settings pointing at it."""
    seed_scenario(gateway)
    return app_settings


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


def test_saved_queries_page_says_status_and_severity_in_spanish(app_env: Settings) -> None:
    """The run's status and a detector's severity in the page's language, not the store's words ("complete",
    "high"), which a Spanish page showed."""
    detector = next(q for q in load_catalogue().detectors if q.severity == "high")
    at = _pick_query(open_page(app_env, "analysis/saved_queries.py", lang="es"), detector.id)
    assert any("Gravedad: alta" in c.value for c in at.caption), [c.value for c in at.caption]
    # What one row is, from the query's header in the page's language (it was English on a Spanish page).
    assert detector.row_in("es") != detector.row
    assert any(c.value.endswith(f": {detector.row_in('es')}") for c in at.caption), [c.value for c in at.caption]
    at.button(key="saved_run").click().run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Estado completa ·") for c in captions), captions


def test_timeline_page_lists_the_events(app_env: Settings) -> None:
    at = open_page(app_env, "explore/timeline.py", selection=["company:quimica-andina"])
    assert at.dataframe
    frame = at.dataframe[0].value
    incorporations = frame[frame["Event"] == "Incorporation"]
    assert (incorporations["Entity"] == incorporations["What"]).all(), "an incorporation is the firm's own event"
    at.multiselect(key="timeline_kinds_en").set_value(["seizure"]).run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame["Key"]) == ["seizure:z-1"]
    # whose event it is: the firm in view, not the shipment through which the seizure was reached
    assert [entity for entity in frame["Entity"]] == ["Química Andina S.A. de C.V."], list(frame["Entity"])


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


def test_a_query_without_rows_says_so_in_the_users_language(app_env: Settings) -> None:
    """Streamlit's empty grid says "empty" in English; a result without rows is told in the user's language."""
    at = start(app_env, "investigator", lang="es")
    at.switch_page("pages/analysis/console.py")
    at.run()
    at.text_area(key="console_query").input("MATCH (c:Company {key: 'company:nobody'}) RETURN c.key AS key")
    at.button[0].click().run()
    assert not at.exception
    assert [i.value for i in at.info] == [messages("es")["common.no_rows"]]
    assert not at.dataframe


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


def test_lucene_query_matches_short_words_only_exactly() -> None:
    q = explore.lucene_query("Polímeros Rosessa, S. de R.L.", fuzzy=False)
    assert q == "(polimeros^3 OR polimeros*) AND (rosessa^3 OR rosessa*) AND (s) AND (de) AND (r) AND (l)"


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


def test_ingest_page_ingests_a_real_upload(app_env: Settings) -> None:
    """Issue 11 item 12: the runner calls progress(stage, done, total); the page used to take (done, total)."""
    at = open_page(app_env, "admin/ingest.py", role="admin")
    folder = REPO / "tests" / "fixtures" / "ingest" / "basic"
    at.file_uploader(key="ingest_files").set_value(
        [(path.name, path.read_bytes(), "text/csv") for path in sorted(folder.glob("*.csv"))])
    at.button(key="ingest_run").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    report = at.session_state["ingest_report"]
    assert report["rows_stored"] > 0
    assert AuditLog(app_env.home).show()[-1].action == "ingest"


def test_network_takes_a_typed_name_and_show_can_be_undone(app_env: Settings) -> None:
    """Issue 11 item 7: a typed company name used to be dropped without a word, and Show wiped the graph."""
    at = open_page(app_env, "explore/network.py", selection=["person:jose-nunez"])
    before = set(at.session_state["graph"].nodes)
    at.text_area(key="network_start_text").input("Quimica Andna\nnothing like this at all").run()
    assert not at.exception
    assert any("nothing like this at all" in w.value for w in at.warning)  # said, not dropped
    at.button(key="network_show").click().run()
    assert not at.exception
    assert at.session_state["selection"] == ["company:quimica-andina"]
    assert set(at.session_state["graph"].nodes) == {"company:quimica-andina"}
    at.button(key="undo").click().run()
    assert set(at.session_state["graph"].nodes) == before


def test_network_hide_can_be_undone(app_env: Settings) -> None:
    """Issue 11 item 5: hiding a node could not be undone."""
    at = open_page(app_env, "explore/network.py", selection=["company:quimica-andina"],
                   selected_node="company:quimica-andina")
    press(at, "Expand")
    at.session_state["selected_node"] = "person:jose-nunez"
    at.run()
    at.button(key="hide").click().run()
    assert at.session_state["hidden"] == ["person:jose-nunez"]
    at.button(key="undo").click().run()
    assert not at.exception
    assert at.session_state["hidden"] == []
    assert "person:jose-nunez" in at.session_state["graph"].nodes


def test_network_expansion_leaves_ports_out_and_shows_them_as_attributes(app_env: Settings) -> None:
    at = open_page(app_env, "explore/network.py", selection=["company:quimica-andina"])
    at.number_input(key="expand_depth").set_value(2)
    press(at, "Expand")
    graph = at.session_state["graph"]
    assert not [k for k in graph.nodes if k.startswith(("port:", "chemical:"))]
    assert "Busan" in graph.nodes["shipment:bl-002"]["context"]["Port"]
    at.checkbox(key="expand_context").check()
    press(at, "Expand")
    assert "port:KRPUS" in at.session_state["graph"].nodes


def test_network_shortest_path_from_typed_names(app_env: Settings) -> None:
    at = open_page(app_env, "explore/network.py", selection=["company:quimica-andina"])
    at.text_input(key="path_from").input("Huadong Chemical").run()
    at.text_input(key="path_to").input("Quimica Andina").run()
    at.button(key="paths").click().run()
    assert not at.exception
    graph = at.session_state["graph"]
    assert "company:huadong-chem" in graph.nodes
    assert not [k for k in graph.nodes if k.startswith(("port:", "chemical:", "country:"))]


def test_network_trade_links_collapse_and_expand(app_env: Settings) -> None:
    at = open_page(app_env, "explore/network.py", selection=["company:quimica-andina"],
                   selected_node="company:quimica-andina")
    at.toggle(key="trade_toggle").set_value(True).run()
    assert not at.exception
    graph = at.session_state["graph"]
    edge = graph.edges[("company:huadong-chem", "company:quimica-andina", "TRADE")]
    assert edge["shipments"] == 2 and edge["seized"] == 1
    assert any("Trade links" in m.value for m in at.markdown)
    at.button(key="trade_expand").click().run()
    assert not at.exception
    assert {"shipment:bl-001", "shipment:bl-002"} <= set(at.session_state["graph"].nodes)
    assert at.session_state["trade_view"] is False


def test_timeline_keeps_the_seizure_and_says_when_capped(gateway: Gateway, app_env: Settings) -> None:
    """Issue 11 item 3: the timeline was cut at 2,000 rows without a word and lost the firm's seizures."""
    gateway.write("MATCH (qa:Company {key: 'company:quimica-andina'}) UNWIND range(1, 150) AS i "
                  "CREATE (s:Shipment {key: 'shipment:bulk-' + toString(i), billOfLading: 'BULK' + toString(i), "
                  "declarationDate: '2024-02-01'})-[:CONSIGNED_TO]->(qa)")
    at = open_page(app_env, "explore/timeline.py", selection=["company:quimica-andina"])
    at.number_input(key="timeline_cap").set_value(100).run()
    assert not at.exception
    assert any("More than 100 events" in w.value for w in at.warning)
    assert "seizure:z-1" in set(at.dataframe[0].value["Key"])


def _pick_query(at: AppTest, query_id: str) -> AppTest:
    at.selectbox(key="saved_pick").set_value(query_id).run()
    assert not at.exception, at.exception
    return at


def test_saved_query_takes_a_chemical_name_and_a_real_date_range(app_env: Settings) -> None:
    """Issue 11 items 4 and 7: dates outside 1900-1910 were refused and the query ran with 1900..2999;
    "NPP"-like names gave 0 rows without a hint."""
    import datetime as dt

    at = _pick_query(open_page(app_env, "analysis/saved_queries.py"), "chemical_shipments")
    at.text_input(key="param_chemical_shipments_cas").input("Methylamine").run()
    low = at.date_input(key="param_chemical_shipments_fromDate")
    assert low.value <= dt.date(2023, 5, 2)  # the inputs start at the data's own range
    assert low.min <= dt.date(2000, 1, 1) and low.max >= dt.date(2030, 12, 31)
    low.set_value(dt.date(2023, 6, 1))
    at.date_input(key="param_chemical_shipments_toDate").set_value(dt.date(2023, 12, 31))
    at.button(key="saved_run").click().run()
    assert not at.exception, at.exception
    stored = at.session_state["saved_query_result"]
    assert stored["params"]["cas"] == "75-59-2"
    assert (stored["params"]["fromDate"], stored["params"]["toDate"]) == ("2023-06-01", "2023-12-31")
    assert [r["billOfLading"] for r in stored["result"].records] == ["HDMU0002"]


def test_saved_query_says_when_a_typed_entity_matches_nothing(app_env: Settings) -> None:
    at = _pick_query(open_page(app_env, "analysis/saved_queries.py"), "seizure_links")
    at.text_input(key="param_seizure_links_key").input("no such seizure zzqx").run()
    at.button(key="saved_run").click().run()
    assert any("no such seizure zzqx" in e.value for e in at.error)
    at.text_input(key="param_seizure_links_key").input("SZ-2023-17").run()
    at.button(key="saved_run").click().run()
    assert not at.exception and not at.error
    stored = at.session_state["saved_query_result"]
    assert stored["params"]["key"] == "seizure:z-1" and stored["result"].records


def test_case_reopens_exactly_as_saved(app_env: Settings) -> None:
    """Issue 11 item 5: a reopened case came back with its nodes and 0 relationships."""
    at = open_page(app_env, "explore/network.py", selection=["company:quimica-andina"])
    press(at, "Expand")
    graph = at.session_state["graph"]
    edges = set(graph.edges)
    assert edges
    positions = {k: {"x": float(i * 10), "y": float(-i)} for i, k in enumerate(graph.nodes)}
    at.session_state["node_positions"] = positions
    at.session_state["hidden"] = ["phone:+525512345678"]
    at.session_state["pinned"] = ["person:jose-nunez"]
    at.switch_page("pages/cases/cases.py").run()
    at.text_input(key="case_name").input("Vista Andina")
    at.text_area(key="case_notes").input("Two shipments, one seized.")
    press(at, "Save current selection as a case")
    assert not at.exception, at.exception
    case = CaseStore(app_env.home).load("Vista Andina")
    assert "phone:+525512345678" not in case.entity_keys and case.hidden == ["phone:+525512345678"]
    assert len(case.relationships) == len(edges)
    # a fresh browser session (reload): nothing in memory but the saved case
    at2 = open_page(app_env, "cases/cases.py")
    at2.button(key="open_vista-andina").click().run()
    assert not at2.exception, at2.exception
    reopened = at2.session_state["graph"]
    assert set(reopened.nodes) == set(graph.nodes)
    assert set(reopened.edges) == edges
    assert at2.session_state["hidden"] == ["phone:+525512345678"]
    assert at2.session_state["pinned"] == ["person:jose-nunez"]
    assert at2.session_state["node_positions"] == positions


def test_case_with_the_same_name_is_not_overwritten_and_deleted_cases_come_back(app_env: Settings) -> None:
    store = CaseStore(app_env.home)
    store.save(Case(name="Caso uno", entity_keys=["company:quimica-andina"], notes="first"))
    at = open_page(app_env, "cases/cases.py", selection=["person:jose-nunez"])
    at.text_input(key="case_name").input("Caso uno")
    press(at, "Save current selection as a case")
    assert at.warning and store.load("Caso uno").notes == "first"
    at.button(key="delete_caso-uno").click().run()
    assert "Caso uno" not in {c.name for c in store.list()}
    at.button(key="restore_case").click().run()
    assert not at.exception
    assert store.load("Caso uno").entity_keys == ["company:quimica-andina"]


def test_case_members_can_be_added_by_name(app_env: Settings) -> None:
    CaseStore(app_env.home).save(Case(name="Caso dos", entity_keys=["company:quimica-andina"]))
    at = open_page(app_env, "cases/cases.py")
    at.text_input(key="member_caso-dos").input("Jose Nunez").run()
    at.button(key="add_caso-dos").click().run()
    assert not at.exception
    assert CaseStore(app_env.home).load("Caso dos").entity_keys == ["company:quimica-andina", "person:jose-nunez"]


def test_old_case_files_still_open(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    store.folder.mkdir(parents=True)
    (store.folder / "viejo.json").write_text('{"name": "Viejo", "entity_keys": ["company:a"], "notes": "", '
                                             '"created_by": "x", "created_at": "2024-01-01", "updated_at": "2024-01-01", '
                                             '"pinned": [], "hidden": [], "someday": 1}', encoding="utf-8")
    case = store.load("Viejo")
    assert case.entity_keys == ["company:a"] and case.relationships == [] and case.positions == {}


def test_opening_a_search_hit_keeps_the_previous_view_for_undo(app_env: Settings) -> None:
    """Issue 11 item 7: opening another entity wiped the graph the user had built, with no undo."""
    at = open_page(app_env, "explore/network.py", selection=["company:quimica-andina"])
    press(at, "Expand")
    built = set(at.session_state["graph"].nodes)
    at.switch_page("pages/explore/search.py").run()
    at.text_input(key="search_box").input("Huadong")
    at.button[0].click().run()
    at.button(key="open_0").click().run()
    assert not at.exception
    assert set(at.session_state["graph"].nodes) == {"company:huadong-chem"}
    at.switch_page("pages/explore/network.py").run()
    at.button(key="undo").click().run()
    assert not at.exception
    assert set(at.session_state["graph"].nodes) == built


def test_findings_page_speaks_spanish_with_rule_names_and_evidence_tables(app_env: Settings) -> None:
    from workbench.analysis.detect import Finding  # noqa: PLC0415
    from workbench.app import resources  # noqa: PLC0415
    from workbench.store.catalogue import load_catalogue  # noqa: PLC0415

    rule_ids = {q.id for q in load_catalogue().of_kind("detector")}
    at = open_page(app_env, "analysis/findings.py", role="analyst", lang="es")
    ranked = at.dataframe[0].value
    named = {part for cell in ranked["reglas"] for part in str(cell).split("; ")}
    assert named and not named & rule_ids, named  # detector titles, not rule codes
    labels = [e.label for e in at.expander]
    assert labels and not [label for label in labels if any(rule in label for rule in rule_ids)], labels
    first = resources.findings_index()[ranked["key"].iloc[0]]["findings"][0]
    spanish = Finding(**{name: first.get(name) for name in Finding.__dataclass_fields__}).explanation_in("es")
    assert spanish != first["explanation"], "the detector has no Spanish template to show"
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert spanish[:40] in shown
    assert not at.json, "evidence is a table, not raw JSON"


def test_saved_query_descriptions_are_spanish_in_the_spanish_interface(app_env: Settings) -> None:
    from workbench.store.catalogue import load_catalogue  # noqa: PLC0415

    at = open_page(app_env, "analysis/saved_queries.py", lang="es")
    shown = at.selectbox(key="saved_pick").value
    query = load_catalogue()[shown]
    texts = " ".join(m.value for m in at.markdown)
    assert query.description_in("es") in texts and query.description not in texts



def test_saved_detector_runs_with_the_workbench_tables_not_their_examples(app_env: Settings, gateway: Gateway) -> None:
    """Issue 16: a detector's reference tables (controls, sectors, cover terms...) are not form inputs; the page
    used to fill them with their header examples, as Python text no JSON reader takes, and the run failed."""
    from tests.store.test_detectors import write_scenario

    write_scenario(gateway, "sector_textile_importer")
    at = _pick_query(open_page(app_env, "analysis/saved_queries.py"), "sector_mismatch")
    assert "param_sector_mismatch_sectors" not in {w.key for w in at.text_input}
    at.button(key="saved_run").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    stored = at.session_state["saved_query_result"]
    assert not stored["params"].get("sectors")  # the table is neither shown nor audited
    # the apparel shop is known only to the packaged table (its header example lists textile mills and chemicals)
    flagged = sorted(e["key"] for row in stored["result"].records for e in row["entities"])
    assert flagged == ["company:boutique-lupita", "company:hilados-del-bajio"]
