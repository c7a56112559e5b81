"""The inspection queue page (workbench/app/pages/inspection/targets.py) with AppTest on the real embedded server."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_app_pages import open_page, press
from tests.store.test_targets import write_week
from workbench.settings import Settings
from workbench.store.gateway import Gateway
from workbench.trust.audit import AuditLog

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def week_env(gateway: Gateway, app_settings: Settings) -> Settings:
    write_week(gateway)
    return app_settings


def plain(markdown: str) -> str:
    """Markdown as read: escapes removed."""
    return markdown.replace("\\", "")


def show_queue(settings: Settings, role: str = "analyst", lang: str = "en") -> AppTest:
    at = open_page(settings, "inspection/targets.py", role=role, lang=lang)
    at.selectbox(key="targets_port").set_value("MXZLO")
    at.date_input(key="targets_from").set_value(date(2024, 7, 1))
    at.date_input(key="targets_to").set_value(date(2024, 7, 31))
    at = press(at, "Show the queue" if lang == "en" else "Mostrar la cola")
    assert not at.exception, at.exception
    return at


def test_an_analyst_sees_the_ranked_queue_with_reasons(week_env: Settings) -> None:
    at = show_queue(week_env)
    frame = at.dataframe[0].value
    assert list(frame["Transport document"])[0] == "RISKY1"
    assert set(frame["Transport document"]) == {"RISKY1", "REPEAT2", "PLAIN1", "1Z999AA10123456784"}
    assert "courier" in set(frame["Mode"])
    assert "No pre-export notification for N-phenethyl-4-piperidone" in frame["Reasons"].iloc[0]
    assert any("Manzanillo (MXZLO, seaport) 2024-07-01 – 2024-07-31: 4" in plain(s.value) for s in at.subheader)
    text = plain(" ".join(m.value for m in at.markdown))
    assert "HS code 3304.99 does not fit N-phenethyl-4-piperidone (HS 2933.37)" in text
    assert at.get("download_button")  # the CSV of the queue
    (entry,) = [e for e in AuditLog(week_env.home).show() if e.action == "targets"]
    assert entry.user == "analyst" and entry.details["port"] == "MXZLO" and entry.details["consignments"] == 4


def test_recording_a_seizure_is_audited_and_reranks(week_env: Settings, gateway: Gateway) -> None:
    at = show_queue(week_env)
    before = at.dataframe[0].value.set_index("Transport document")["Score"]
    at.selectbox(key="targets_pick").set_value("shipment:REPEAT2")
    at.run()
    at.radio(key="inspection_outcome").set_value("Seizure")
    at.date_input(key="inspection_day").set_value(date(2024, 7, 10))
    at.text_area(key="inspection_notes").input("false bottom in two drums; 40 kg white powder")
    at = press(at, "Record outcome")
    assert not at.exception, at.exception
    assert any("Recorded: Seizure on REPEAT2" in plain(s.value) for s in at.success)
    stored = gateway.read("MATCH (i:Inspection)-[:INSPECTED]->(s:Shipment) RETURN s.key AS s, i.outcome AS o, "
                          "i.officer AS who, i.date AS d, i.notes AS n").data()
    assert stored == [{"s": "shipment:REPEAT2", "o": "seizure", "who": "analyst", "d": "2024-07-10",
                       "n": "false bottom in two drums; 40 kg white powder"}]
    (entry,) = [e for e in AuditLog(week_env.home).show() if e.action == "inspection"]
    assert entry.user == "analyst" and entry.details["shipment"] == "shipment:REPEAT2"
    after = at.dataframe[0].value.set_index("Transport document")
    assert after.loc["REPEAT2", "Score"] > before["REPEAT2"]
    assert after.loc["REPEAT2", "Inspected"] == "seizure 2024-07-10"
    assert after.loc["PLAIN1", "Score"] == before["PLAIN1"] == 0.0  # shares only the port


def test_the_page_speaks_spanish(week_env: Settings) -> None:
    at = show_queue(week_env, lang="es")
    frame = at.dataframe[0].value
    assert "Sin notificación previa a la exportación de N-phenethyl-4-piperidone" in frame["Razones"].iloc[0]
    assert "mensajería" in set(frame["Modo"])


def test_a_viewer_may_not_open_the_queue(week_env: Settings) -> None:
    at = open_page(week_env, "inspection/targets.py", role="viewer")
    assert at.title[0].value == "Overview"  # the queue is not in a viewer's navigation at all
    assert not at.get("selectbox") or "targets_port" not in [s.key for s in at.selectbox]


def test_a_consignment_and_its_firms_show_their_inspections(week_env: Settings, gateway: Gateway) -> None:
    from workbench.analysis import targets  # noqa: PLC0415

    targets.record_inspection(gateway, AuditLog(week_env.home), "analyst", "shipment:REPEAT1", "discrepancy",
                              "20 kg more than declared", day="2024-06-05")
    for key in ("shipment:REPEAT1", "company:mx:distribuidora-delta"):
        at = open_page(week_env, "explore/network.py", selection=[key], selected_node=key)
        assert any(plain(m.value).startswith("**Inspections** (1)") for m in at.markdown), key
        shown = [d.value for d in at.dataframe if "Outcome" in d.value.columns]
        assert len(shown) == 1 and list(shown[0]["Outcome"]) == ["Discrepancy"]
        assert list(shown[0]["Notes (what was found, seals, samples)"]) == ["20 kg more than declared"]
    at = open_page(week_env, "explore/network.py", selection=["company:mx:plasticos-wesette"],
                   selected_node="company:mx:plasticos-wesette")
    assert not any("Inspections" in m.value for m in at.markdown)
