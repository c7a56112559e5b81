"""The investigation of issue 11, replayed in Debian's chromium (Playwright) on the demo data.

Log in with a one-time password and be made to change it; search a firm by a misspelt name; open it; expand twice, existing nodes keeping their positions; a shortest
path between two firms that avoids countries and ports; the timeline shows the firm's seizure; a saved query with a
2024 date range returns only rows in range; save a case, reload the browser (the session and the language are
kept), reopen it with the same nodes and relationships; a Spanish PDF briefing of a 30-entity case (29 members of the
planted networks and ``country:CN``) in which no firm outside the case's connections appears and the explanations
are Spanish. A screenshot of every step goes to test-artifacts/investigation/.

Each step is one function in ``STEPS`` taking the shared :class:`Journey`; add a step by adding a function to the
list. Waits are on
selectors and states (vis-network's ``data-settled`` flag, texts, downloads), never on time.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from tests.app.test_browser_e2e import ARGS, CHROMIUM, pytestmark, serve_app  # noqa: F401 - one browser set-up
from workbench.cases.saved import Case, CaseStore
from workbench.ingest import ingest_path
from workbench.model.graph import load_model
from workbench.settings import Settings
from workbench.store.gateway import Gateway
from workbench.trust import auth

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "workbench" / "demo" / "bundle"
ARTIFACTS = REPO / "test-artifacts" / "investigation"
USER, PASSWORD = "journey", "cedro lento marea 47"
#: The 30-entity case of the bilateral meeting: members of the planted networks, and a country, as a case saved
#: from the network view may hold one.
MEETING = "Reunion bilateral"
WAIT_MS = 60_000

#: The firm of the story (demo network N1) typed as a hurried investigator would, and what it should resolve to.
MISSPELT = "distribuidora cosmetica velmarr"
FIRM = "Distribuidora Cosmética Velmar"
FIRM_KEY = "company:mx:distribuidora-cosmetica-velmar"
FIRM_SEIZURE = "SZ-2024-0001"
#: Its successor front: linked to it by an officer and a phone, and (not to be used) by their country.
OTHER = "Belmarina Cosmeticos"
OTHER_KEY = "company:mx:belmarina-cosmeticos"

@pytest.fixture
def demo_app(gateway: Gateway, own_home: Settings, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The app served by Streamlit on a free loopback port, on this test's database holding the demo data."""
    ingest_path(gateway, DEMO, source="demo", skip_invalid=True)
    one_time = auth.UserStore(own_home.home).add(USER, "investigator")  # a one-time password, as admins hand out
    (tmp_path / "one-time").write_text(one_time, encoding="utf-8")
    members = meeting_members(gateway)
    CaseStore(own_home.home).save(Case(MEETING, members, notes="Para el grupo de trabajo bilateral."))
    (tmp_path / "meeting.json").write_text(json.dumps(connected_firms(gateway, members)), encoding="utf-8")
    with serve_app(own_home, tmp_path / "streamlit.log") as url:
        yield url, tmp_path


def meeting_members(gateway: Gateway) -> list[str]:
    """29 firms and people of the planted networks (ground truth), by key, and ``country:CN``."""
    truth = json.loads((DEMO / "ground_truth.json").read_text(encoding="utf-8"))
    rows = gateway.read("MATCH (n) WHERE n:Company OR n:Person RETURN n.key AS key, n.names AS names, n.name AS name",
                        row_cap=100_000).raise_for_status().data()
    by_name = {name: row["key"] for row in rows for name in (row["names"] or [row["name"]])}
    keys: list[str] = []
    for network in truth["networks"]:
        for name in network["companies"] + network.get("persons", []):
            key = by_name.get(name)
            if key and key not in keys:
                keys.append(key)
    assert len(keys) >= 29, f"only {len(keys)} planted entities found by name"
    return keys[:29] + ["country:CN"]


def connected_firms(gateway: Gateway, members: list[str]) -> dict[str, list[str]]:
    """Firm names a briefing of ``members`` may name (members, firms one subject hop away, and firms sharing an
    address, phone, e-mail or officer with a member, which the shared-identifier finding names as evidence; never
    through a country, port, run or chemical), and every other firm's name, which it must not."""
    context = load_model().context_labels
    near = gateway.read(
        "MATCH (a)-[]-(b) WHERE a.key IN $keys AND none(l IN labels(b) WHERE l IN $context) "
        "AND none(l IN labels(a) WHERE l IN $context) RETURN DISTINCT b.key AS key",
        {"keys": members, "context": context}, row_cap=100_000).raise_for_status().data()
    sharing = gateway.read(
        "MATCH (a:Company)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|OFFICER_OF]-(i)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|OFFICER_OF]-"
        "(b:Company) WHERE a.key IN $keys AND a <> b RETURN DISTINCT b.key AS key",
        {"keys": members}, row_cap=100_000).raise_for_status().data()
    allowed = set(members) | {row["key"] for row in near} | {row["key"] for row in sharing}
    firms = gateway.read("MATCH (c:Company) RETURN c.key AS key, c.name AS name",
                         row_cap=100_000).raise_for_status().data()
    return {"allowed": sorted(r["name"] for r in firms if r["key"] in allowed and r["name"]),
            "others": sorted(r["name"] for r in firms if r["key"] not in allowed and r["name"])}


@dataclass
class Journey:
    """What the steps share: the page, the app's address and what earlier steps saw."""

    page: Any
    url: str
    files: Path
    seen: dict[str, Any] = field(default_factory=dict)
    count: int = 0

    def shot(self, name: str) -> None:
        self.count += 1
        self.page.screenshot(path=str(ARTIFACTS / f"{self.count:02d}-{name}.png"), full_page=True)

    def key(self, widget_key: str) -> Any:
        """The element Streamlit marks with ``st-key-<key>``."""
        return self.page.locator(f".st-key-{widget_key}")

    def nav(self, title: str) -> None:
        self.page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title).click()
        self.page.get_by_role("heading", name=title).first.wait_for(timeout=WAIT_MS)

    def settled(self, more_than: int = 0) -> None:
        """Wait until the drawing holds more than ``more_than`` nodes and vis-network has stopped moving it."""
        self.page.wait_for_function(
            """(n) => { const g = globalThis.__pwGraph; const el = document.querySelector('.pw-graph');
                 return g && el && el.dataset.settled === 'true' && g.network.body.data.nodes.length > n; }""",
            arg=more_than, timeout=WAIT_MS)
        self.page.wait_for_selector(".pw-graph[data-settled='true']", timeout=WAIT_MS)
        self.idle()

    def idle(self) -> None:
        """Wait until Streamlit has finished the current run (no 'running' status widget)."""
        self.page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=WAIT_MS)

    def drawing(self) -> dict[str, Any]:
        return self.page.evaluate(
            """() => { const n = globalThis.__pwNetwork; const ids = n.body.data.nodes.getIds();
                 return { positions: n.getPositions(ids),
                          edges: n.body.data.edges.get().map(e => [e.from, e.to, e.title || e.label || '']) }; }""")

    def set_date(self, widget_key: str, iso: str) -> None:
        """Type a date into Streamlit's segmented date field; it commits when focus leaves the field."""
        year, month, day = iso.split("-")
        for part, text in (("year", year), ("month", month), ("day", day)):
            self.key(widget_key).locator(f"[role='spinbutton'][data-type='{part}']").click()
            self.page.keyboard.type(text)
        self.page.locator("h1").first.click()
        self.page.wait_for_function(
            """([k, v]) => { const i = document.querySelector(`.st-key-${k} input[type=date]`); return i && i.value === v; }""",
            arg=[widget_key, iso], timeout=WAIT_MS)
        self.idle()

    def type_into(self, widget_key: str, text: str) -> None:
        box = self.key(widget_key).locator("input, textarea").first
        box.fill(text)
        box.press("Enter" if box.evaluate("e => e.tagName") == "INPUT" else "Control+Enter")
        self.idle()


def log_in(j: Journey) -> None:
    """Log in with the one-time password: nothing else opens until the user has chosen a password of their own."""
    one_time = (j.files / "one-time").read_text(encoding="utf-8")
    j.page.goto(j.url)
    j.page.get_by_label("Usuario").fill(USER)
    j.page.get_by_label("Contraseña", exact=True).fill(one_time)
    j.page.get_by_role("button", name="Entrar").click()
    j.page.get_by_role("heading", name="Cambiar contraseña").wait_for(timeout=WAIT_MS)
    j.page.get_by_text("Su contraseña es de un solo uso", exact=False).first.wait_for(timeout=WAIT_MS)
    j.idle()
    j.shot("one-time-password-must-change")
    nav_links = j.page.locator("[data-testid='stSidebarNav'] a")
    assert not [n for n in nav_links.all_inner_texts() if "Búsqueda" in n], "other pages open before the change"
    j.page.get_by_label("Contraseña actual").fill(one_time)
    j.page.get_by_label("Contraseña nueva", exact=True).fill(PASSWORD)
    j.page.get_by_label("Repita la contraseña nueva").fill(PASSWORD)
    j.page.get_by_role("button", name="Cambiar contraseña").click()
    j.page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Búsqueda").wait_for(timeout=WAIT_MS)
    j.idle()
    j.shot("logged-in")


def search_misspelt(j: Journey) -> None:
    j.nav("Búsqueda")
    j.key("search_box").locator("input").fill(MISSPELT)
    j.page.get_by_role("button", name="Buscar").click()
    row = j.page.locator("[data-testid='stHorizontalBlock']", has_text=FIRM_KEY).first
    row.wait_for(timeout=WAIT_MS)
    first = j.page.locator("[data-testid='stHorizontalBlock']", has_text="company:").first
    assert FIRM_KEY in first.inner_text(), "the look-alike came before the firm meant"
    j.shot("search-misspelt")
    j.seen["row"] = row


def open_firm(j: Journey) -> None:
    j.seen.pop("row").get_by_role("button").click()
    j.page.get_by_role("heading", name="Red").wait_for(timeout=WAIT_MS)
    j.settled()
    assert FIRM_KEY in j.drawing()["positions"]
    j.shot("firm-opened")


def expand_twice_keeping_positions(j: Journey) -> None:
    for round_ in (1, 2):
        before = j.drawing()["positions"]
        j.page.get_by_role("button", name="Expandir", exact=True).click()
        j.settled(more_than=len(before))
        after = j.drawing()["positions"]
        moved = {k: (before[k], after[k]) for k in before
                 if abs(before[k]["x"] - after[k]["x"]) > 1 or abs(before[k]["y"] - after[k]["y"]) > 1}
        assert not moved, f"expansion {round_} moved existing nodes: {moved}"
        assert not [k for k in after if k.startswith(("country:", "port:", "run:"))], "context nodes in the view"
        j.shot(f"expanded-{round_}")


def shortest_path_avoiding_hubs(j: Journey) -> None:
    j.page.get_by_text("Camino más corto", exact=True).click()
    j.type_into("path_from", "Distribuidora Cosmetica Velmar")
    j.type_into("path_to", OTHER)
    j.shot("path-ends-typed")
    before = len(j.drawing()["positions"])
    j.key("paths").locator("button").click()
    j.page.get_by_text("Se agregó un camino más corto", exact=False).wait_for(timeout=WAIT_MS)
    j.settled(more_than=before - 1)
    drawn = j.drawing()
    assert OTHER_KEY in drawn["positions"]
    assert not [k for k in drawn["positions"] if k.startswith(("country:", "port:"))]
    j.shot("shortest-path")


def timeline_shows_seizure(j: Journey) -> None:
    j.nav("Cronología")
    j.page.locator("[data-testid='stVegaLiteChart'], [data-testid='stArrowVegaLiteChart']").first.wait_for(
        timeout=WAIT_MS)
    j.idle()
    j.page.get_by_text("Aseguramiento:", exact=False).first.wait_for(timeout=WAIT_MS)
    caption = j.page.get_by_text("Aseguramiento:", exact=False).first.inner_text()
    assert int(caption.split("Aseguramiento:")[1].split("·")[0].strip()) >= 1
    j.shot("timeline")


def saved_query_2024(j: Journey) -> None:
    j.nav("Consultas guardadas")
    j.key("saved_pick").click()
    # the list holds every detector and saved query; typing filters it (long lists are not all drawn at once)
    j.page.keyboard.type("Envíos de una sustancia")
    j.page.get_by_role("option", name="Envíos de una sustancia en un periodo", exact=False).click()
    j.idle()
    j.type_into("param_chemical_shipments_cas", "NPP")
    for name, value in (("fromDate", "2024-01-01"), ("toDate", "2024-12-31")):
        j.set_date(f"param_chemical_shipments_{name}", value)
    j.key("saved_run").locator("button").click()
    j.page.get_by_text("fromDate = 2024-01-01", exact=False).wait_for(timeout=WAIT_MS)
    j.page.get_by_text("toDate = 2024-12-31", exact=False).wait_for(timeout=WAIT_MS)
    with j.page.expect_download(timeout=WAIT_MS) as download_info:
        j.page.get_by_role("button", name="Descargar CSV").click()
    path = ARTIFACTS / "saved-query-2024.csv"
    download_info.value.save_as(str(path))
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows, "the 2024 query returned nothing"
    assert all(r["date"].startswith("2024") for r in rows), [r["date"] for r in rows]
    j.shot("saved-query-2024")


def save_case(j: Journey) -> None:
    j.nav("Red")
    j.settled()
    j.seen["case_view"] = j.drawing()
    j.nav("Casos")
    j.key("case_name").locator("input").fill("Velmar y Belmarina")
    j.key("case_notes").locator("textarea").fill("Sucesora con el mismo administrador y teléfono.")
    j.page.get_by_role("button", name="Guardar la selección actual como caso").click()
    # the saved message, not the 'replace the case saved with that name' box the form always shows
    j.page.get_by_text('"Velmar y Belmarina" guardado con', exact=False).wait_for(timeout=WAIT_MS)
    j.shot("case-saved")


def reload_and_reopen_case(j: Journey) -> None:
    j.page.reload()
    login = j.page.get_by_role("button", name="Entrar")
    inside = j.page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Casos")
    login.or_(inside).first.wait_for(timeout=WAIT_MS)
    j.idle()
    assert not login.count(), "a reload logged the user out"
    assert inside.count(), "a reload lost the Spanish interface"
    j.nav("Casos")
    j.page.get_by_text("Velmar y Belmarina", exact=False).first.click()
    j.key("open_velmar-y-belmarina").locator("button").click()
    j.page.get_by_role("heading", name="Red").wait_for(timeout=WAIT_MS)
    saved = j.seen["case_view"]
    j.settled(more_than=len(saved["positions"]) - 1)
    reopened = j.drawing()
    assert set(reopened["positions"]) == set(saved["positions"])
    assert sorted(map(tuple, reopened["edges"])) == sorted(map(tuple, saved["edges"]))
    moved = [k for k, p in saved["positions"].items()
             if abs(p["x"] - reopened["positions"][k]["x"]) > 2 or abs(p["y"] - reopened["positions"][k]["y"]) > 2]
    assert not moved, f"reopened case moved {moved}"
    j.shot("case-reopened")


def spanish_briefing_of_the_meeting_case(j: Journey) -> None:
    """The 30-entity case as a Spanish PDF: only the case's connections are named, and the findings are Spanish."""
    from pypdf import PdfReader  # noqa: PLC0415

    firms = json.loads((j.files / "meeting.json").read_text(encoding="utf-8"))
    j.nav("Casos")
    j.page.get_by_text(MEETING, exact=False).first.click()
    slug = "reunion-bilateral"
    j.page.get_by_role("button", name="Preparar").click()
    with j.page.expect_download(timeout=WAIT_MS * 2) as download_info:
        j.key(f"dl_{slug}").locator("button").click(timeout=WAIT_MS * 2)
    path = ARTIFACTS / "briefing-reunion-bilateral.pdf"
    assert download_info.value.suggested_filename.endswith(".pdf"), "PDF is the briefing format offered first"
    download_info.value.save_as(str(path))
    j.shot("spanish-briefing-prepared")
    text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(path.read_bytes())).pages).split())
    named = [name for name in firms["allowed"] if name in text]
    assert len(named) >= 5, f"the briefing names too few of the case's firms: {named}"
    bystanders = [name for name in firms["others"] if name in text]
    assert not bystanders, f"firms outside the case's connections: {bystanders}"
    assert "Hallazgos" in text and "Resumen" in text, "the briefing is not in Spanish"
    english = [w for w in (" received ", "shipment(s)", " without a valid ", " went through ") if w in text]
    assert not english, f"English explanations in the Spanish briefing: {english}"
    assert re.search(r"\d\.\d{3},\d", text), "figures are not written the Spanish way (6.445,8)"


STEPS: list[Callable[[Journey], None]] = [
    log_in,
    search_misspelt,
    open_firm,
    expand_twice_keeping_positions,
    shortest_path_avoiding_hubs,
    timeline_shows_seizure,
    saved_query_2024,
    save_case,
    reload_and_reopen_case,
    spanish_briefing_of_the_meeting_case,
]


def test_investigation_on_the_demo_data(demo_app: tuple[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1500, "height": 1900}, accept_downloads=True)
            journey = Journey(context.new_page(), *demo_app)
            for step in STEPS:
                try:
                    step(journey)
                except Exception:
                    journey.shot(f"FAILED-{step.__name__}")
                    raise
        finally:
            browser.close()
