"""Briefings on the demo bundle (workbench/demo/bundle): they name only the subject's entities and those connected to it
through trade, identifiers, officers, seizures or notifications, never through a shared country, port, ingest run
or chemical.

The reported failure: a case saved from the network view held `country:CN`; its briefing listed about 60 unrelated
Chinese firms, named an unrelated firm as a key red flag and drew a "China" hairball. The truth these tests check
against is computed here from the raw graph with networkx, independently of the briefing code.
"""

from __future__ import annotations

import io
import re
import os
from pathlib import Path

import networkx as nx
import pytest
from pypdf import PdfReader

from workbench.briefing import Source, build, render
from workbench.briefing.pictures import network_labels
from workbench.cases.saved import Case, CaseStore
from workbench.model.graph import load_model
from workbench.settings import Settings
from workbench.store.gateway import Gateway

REPO = Path(__file__).resolve().parents[2]
DEMO = Path(os.environ.get("WORKBENCH_TEST_DEMO", REPO / "workbench" / "demo" / "bundle"))
VELMAR = "company:mx:distribuidora-cosmetica-velmar"
QELVORA = "company:cn:hubei-qelvora-biotechnology"


@pytest.fixture(scope="module")
def demo(demo_store: tuple[Gateway, Settings],
         tmp_path_factory: pytest.TempPathFactory) -> tuple[Gateway, Settings]:
    """The demo bundle, ingested once for the session (tests/conftest.py) and only read here, with a home of this
    module's own for its cases."""
    from tests.conftest import _home_beside  # noqa: PLC0415

    gateway, settings = demo_store
    return gateway, _home_beside(settings, tmp_path_factory.mktemp("briefing-demo-home") / "home")


def subject_graph(gateway: Gateway) -> nx.Graph:
    """Every relationship between two non-context nodes of the store, as an undirected graph."""
    context = load_model().context_labels
    rows = gateway.read("MATCH (a)-[r]->(b) RETURN a.key AS a, labels(a) AS la, b.key AS b, labels(b) AS lb",
                        row_cap=10_000_000, timeout=120).raise_for_status().data()
    graph = nx.Graph()
    for row in rows:
        if not set(row["la"]) & set(context) and not set(row["lb"]) & set(context):
            graph.add_edge(row["a"], row["b"])
    return graph


def companies(gateway: Gateway) -> dict[str, str]:
    rows = gateway.read("MATCH (c:Company) RETURN c.key AS key, c.name AS name, c.country AS country",
                        row_cap=100_000).raise_for_status().data()
    return {r["key"]: r["name"] for r in rows}


def within(graph: nx.Graph, core: list[str], hops: int) -> set[str]:
    found: set[str] = set()
    for key in core:
        if key in graph:
            found.update(nx.single_source_shortest_path_length(graph, key, cutoff=hops))
    return found


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_a_case_holding_a_country_names_only_connected_firms(demo: tuple[Gateway, Settings]) -> None:
    gateway, settings = demo
    CaseStore(settings.home).save(Case("China case", [VELMAR, QELVORA, "country:CN", "port:MXZLO"]))
    b = build(gateway, settings, Source.case("China case"), lang="en")
    graph = subject_graph(gateway)
    firms = companies(gateway)

    # Entities: the members and what is one hop away through subject relationships, nothing reached via a hub.
    # (plus the seizures made from those shipments, which a briefing always shows beside them).
    near = within(graph, [VELMAR, QELVORA], 1)
    near |= {k for k in within(graph, [VELMAR, QELVORA], 2) if k.startswith("seizure:")}
    named = {e.key for e in b.entities if not e.context}
    assert named <= near, sorted(named - near)
    assert {e.key for e in b.entities if e.context} == {"country:CN", "port:MXZLO"}
    assert all(e.core for e in b.entities if e.context)
    assert len(b.by_kind("Company", "Broker")) <= 3, [e.name for e in b.by_kind("Company", "Broker")]
    # Context members are shown as context: no links, not in the picture.
    assert not [link for link in b.links if {link.source, link.target} & {"country:CN", "port:MXZLO"}]
    assert "China" not in network_labels(b).values()

    # Findings (and so the key red flags of the summary) name the members first, and only connected firms.
    assert b.findings and all(f.title for f in b.findings)
    first = b.findings[0].title
    assert "Velmar" in first or "Qelvora" in first, first
    reachable = within(graph, [VELMAR, QELVORA], 4)
    text = pdf_text(next(iter(render(b, "pdf").values())))
    outsiders = [name for key, name in firms.items() if key not in reachable and name in text]
    assert not outsiders, outsiders
    chinese_named = [name for key, name in firms.items() if key.startswith("company:cn:") and name in text]
    assert len(chinese_named) <= 3, chinese_named


def test_an_entity_neighbourhood_never_passes_through_a_country_or_port(demo: tuple[Gateway, Settings]) -> None:
    gateway, settings = demo
    b = build(gateway, settings, Source.entity(QELVORA, depth=2), lang="en")
    graph = subject_graph(gateway)
    keys = {e.key for e in b.entities}
    assert keys <= within(graph, [QELVORA], 2) | {k for k in within(graph, [QELVORA], 3) if k.startswith("seizure:")}
    assert not any(e.context for e in b.entities)
    # Depth 2 reaches the importer through the shipments, as it should.
    assert VELMAR in keys


def test_a_case_of_only_context_is_not_expanded(demo: tuple[Gateway, Settings]) -> None:
    gateway, settings = demo
    CaseStore(settings.home).save(Case("Only China", ["country:CN"]))
    b = build(gateway, settings, Source.case("Only China"), lang="es")
    assert [e.key for e in b.entities] == ["country:CN"] and b.entities[0].context
    assert not b.by_kind("Company") and not b.shipments and not b.findings


def demo_case_keys(gateway: Gateway, size: int = 30) -> list[str]:
    """A 30-entity case as an investigator saves it from the network view: the firms of planted networks N1 (the
    cosmetic cover for 4-AP) and N2, their seizures, officers, addresses, phones, e-mails and shipments, plus the country
    and the port the view also showed."""
    import json  # noqa: PLC0415

    truth = json.loads((DEMO / "ground_truth.json").read_text(encoding="utf-8"))
    names = [name for n in truth["networks"] if n["id"] in ("N1", "N2") for name in n["companies"]]
    firms = gateway.read("MATCH (c:Company) WHERE c.name IN $names OR any(n IN c.names WHERE n IN $names) "
                         "RETURN c.key AS key ORDER BY key", {"names": names}).raise_for_status().data()
    core = list(dict.fromkeys([VELMAR, QELVORA] + [r["key"] for r in firms]))
    seized = gateway.read(
        "UNWIND $keys AS k MATCH (:Company {key: k})--(s:Shipment)<-[:SEIZED_FROM]-(z:Seizure) "
        "RETURN DISTINCT z.key AS key ORDER BY key", {"keys": core}).raise_for_status().data()
    rows = gateway.read(
        "UNWIND $keys AS k MATCH (c:Company {key: k})--(n) "
        "WHERE n:Person OR n:Address OR n:Phone OR n:Email OR n:Shipment "
        "RETURN DISTINCT n.key AS key, labels(n)[0] AS label ORDER BY label, key", {"keys": core}).raise_for_status().data()
    members = core + [r["key"] for r in seized]
    members += [r["key"] for r in rows if r["key"] not in members]
    return members[: size - 2] + ["country:CN", "port:MXZLO"]


def keep_pages(pdf: bytes, name: str) -> list[Path]:
    import shutil  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (Debian poppler-utils) is needed to render PDF pages: apt-get install poppler-utils")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(source), str(ARTIFACTS / name)], check=True, timeout=180)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


ARTIFACTS = REPO / "test-artifacts" / "briefing"


def test_spanish_briefing_of_a_30_entity_demo_case(demo: tuple[Gateway, Settings], tmp_path: Path) -> None:
    gateway, settings = demo
    keys = demo_case_keys(gateway)
    assert len(keys) == 30
    CaseStore(settings.home).save(Case("Caso Velmar", keys))
    b = build(gateway, settings, Source.case("Caso Velmar"), lang="es", author="Analista", marking="RESERVADO")
    graph = subject_graph(gateway)
    firms = companies(gateway)
    subject = [k for k in keys if not k.startswith(("country:", "port:"))]
    reachable = within(graph, subject, 4)

    pdf = next(iter(render(b, "pdf").values()))
    text = pdf_text(pdf)
    keep_pages(pdf, "demo30-es")
    pptx = next(iter(render(b, "pptx").values()))
    from pptx import Presentation  # noqa: PLC0415

    deck = Presentation(io.BytesIO(pptx))
    slides = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                       if shape.has_text_frame)
    slides += "\n" + "\n".join(cell.text for slide in deck.slides for shape in slide.shapes
                               if getattr(shape, "has_table", False) and shape.has_table
                               for row in shape.table.rows for cell in row.cells)
    (ARTIFACTS / "demo30-es.pptx").write_bytes(pptx)
    from workbench.briefing import write  # noqa: PLC0415

    write(b, "md", tmp_path / "demo30-es.md")
    md = (tmp_path / "demo30-es.md").read_text(encoding="utf-8")

    for where, content in (("pdf", text), ("pptx", slides), ("md", md)):
        # No firm outside the case's connections, and not the ~60 Chinese firms behind country:CN.
        outsiders = [name for key, name in firms.items() if key not in reachable and name in content]
        assert not outsiders, (where, outsiders)
        chinese = [name for key, name in firms.items() if key.startswith("company:cn:") and name in content]
        assert len(chinese) <= 15, (where, chinese)  # the case's own and their partners, not the ~60 behind China
        # Spanish sections, explanations and statuses; severities translated.
        assert "Resumen ejecutivo" in content and "Hallazgos" in content, where
        assert "fue embarcador" in content or "fue consignatario" in content, where
        assert "Shipment " not in content and " was shipper" not in content and "received " not in content, where
        assert not re.search(r"Gravedad: (critical|high|medium|low)\b", content), where
    # Numbers the Spanish way: the shipments' total weight, e.g. "6.445,8 kg", never "6,445.8".
    total = sum(s.weight_kg or 0 for s in b.shipments)
    spanish_total = f"{total:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".").removesuffix(",0")
    assert f"{spanish_total} kg" in " ".join(b.summary), (spanish_total, b.summary)
    assert not re.search(r"\b\d{1,3},\d{3}\.\d\b", text + slides + md)
    assert re.search(r"\b\d+ (ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic) \d{4}\b", text)


def test_a_sharing_briefing_keeps_context_as_context(demo: tuple[Gateway, Settings]) -> None:
    from workbench.briefing.pictures import _graph  # noqa: PLC0415 - the picture's own graph

    gateway, settings = demo
    CaseStore(settings.home).save(Case("China shared", [VELMAR, "country:CN"]))
    b = build(gateway, settings, Source.case("China shared"), lang="es", withhold=["people"])
    assert b.sharing and [e.key for e in b.entities if e.context] == ["country:CN"]
    assert "country:CN" not in _graph(b).nodes
