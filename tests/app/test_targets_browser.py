"""The inspection queue in a real browser (Debian's chromium driven by Playwright): an officer opens the queue of
Manzanillo, reads why the first consignment ranks first, records a seizure on it, and the queue is ranked again.
Screenshots are kept in test-artifacts/e2e/ (targets-*.png)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.test_browser_e2e import ARGS, ARTIFACTS, CHROMIUM, serve_app
from tests.store.test_targets import write_week
from workbench.settings import Settings
from workbench.store.gateway import Gateway
from workbench.trust import auth
from workbench.trust.audit import AuditLog

PASSWORD = "officer-pass-12345"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)")]


def test_an_officer_ranks_arrivals_and_records_a_seizure(gateway: Gateway, own_home: Settings, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    write_week(gateway)
    auth.UserStore(own_home.home).add("ramirez", "analyst", PASSWORD)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve_app(own_home, tmp_path / "streamlit.log") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True).new_page()
            page.goto(url)
            page.get_by_label("Usuario").fill("ramirez")
            page.get_by_label("Contraseña").fill(PASSWORD)
            page.get_by_role("button", name="Entrar").click()
            page.get_by_role("heading", name="Resumen").wait_for(timeout=30000)
            page.get_by_role("link", name="Cola de inspección").click()
            page.get_by_role("heading", name="Cola de inspección").wait_for(timeout=30000)
            # the default window is the last month of arrivals at the busiest port: Manzanillo, 2024-06-09..07-09
            page.get_by_role("button", name="Mostrar la cola").click()
            page.get_by_text("#1 · RISKY1", exact=False).first.wait_for(timeout=60000)
            page.get_by_text("Sin notificación previa a la exportación de N-phenethyl-4-piperidone",
                             exact=False).first.wait_for(timeout=30000)
            page.locator("[data-testid='stDataFrame'] canvas").first.wait_for(timeout=30000)
            page.get_by_role("button", name="Descargar CSV").wait_for(timeout=30000)
            page.screenshot(path=str(ARTIFACTS / "targets-01-queue.png"), full_page=True)

            with page.expect_download(timeout=30000) as download_info:
                page.get_by_role("button", name="Descargar CSV").click()
            saved = tmp_path / download_info.value.suggested_filename
            download_info.value.save_as(str(saved))
            text = saved.read_text(encoding="utf-8")
            assert saved.name.startswith("inspection-queue-MXZLO-") and "RISKY1" in text.splitlines()[1]

            page.get_by_text("Aseguramiento", exact=True).click()
            page.get_by_label("Notas (qué se encontró, sellos, muestras)").fill("tambores con polvo blanco; muestra al laboratorio")
            page.get_by_role("button", name="Registrar resultado").click()
            page.get_by_text("Registrado: Aseguramiento en RISKY1", exact=False).wait_for(timeout=60000)
            page.get_by_text("Registrado: Aseguramiento en RISKY1", exact=False).scroll_into_view_if_needed()
            page.locator("[data-testid='stDataFrame'] canvas").first.wait_for(timeout=30000)
            page.screenshot(path=str(ARTIFACTS / "targets-02-recorded.png"), full_page=True)
        finally:
            browser.close()
    stored = gateway.read("MATCH (i:Inspection)-[:INSPECTED]->(s:Shipment) RETURN s.key AS s, i.outcome AS o, "
                          "i.officer AS who").data()
    assert stored == [{"s": "shipment:RISKY1", "o": "seizure", "who": "ramirez"}]
    actions = [(e.user, e.action) for e in AuditLog(own_home.home).show()]
    assert ("ramirez", "targets") in actions and ("ramirez", "inspection") in actions and ("ramirez", "export") in actions
