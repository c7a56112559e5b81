"""Briefings, opened with real readers: pypdf and pdftoppm for PDF, python-pptx for PowerPoint, files for Markdown.

Scenario "Manzanillo ring" (tests/fixtures/briefing/manzanillo_ring.cypher): a listed Chinese supplier, a
forwarder, two Mexican importers sharing an address and phone, a seized shipment of 4-AP declared as a
"pharmaceutical intermediate", and an objected pre-export notification.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from workbench.briefing import Source, build, build_and_render, render, write
from workbench.briefing.pictures import network_labels
from workbench.briefing.withhold import parse
from workbench.cases.saved import Case, CaseStore
from workbench.errors import InputError
from workbench.store.gateway import Gateway
from workbench.settings import Settings

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent.parent / "fixtures" / "briefing" / "manzanillo_ring.cypher"
ARTIFACTS = REPO / "test-artifacts" / "briefing"
CASE = "Operación Manzanillo"
CASE_NOTES = "Source LUCERO says the director meets the supplier in Guadalajara."
MARKING = "CONFIDENCIAL - USO OFICIAL"
SECTIONS = {
    "en": ["Executive summary", "Network", "Entities", "Shipments", "Seizures", "Pre-export notifications",
           "Findings", "Timeline", "Route map", "Appendix: provenance"],
    "es": ["Resumen ejecutivo", "Red", "Entidades", "Envíos", "Aseguramientos",
           "Notificaciones previas a la exportación", "Hallazgos", "Cronología", "Mapa de rutas",
           "Anexo: procedencia"],
}
#: Strings the sharing briefing withholds (people, contacts, notes, and the entity company:quimicos-tlaloc).
WITHHELD = ["Xu Mingyang", "xu-mingyang", "Ramón Villaseñor Ortiz", "Ramon Villasenor", "RAMON VILLASENOR",
            "Villaseñor", "+523312345678", "33 1234 5678", "ventas@bajio-import.mx", "Source LUCERO",
            "Obregón Castañeda", "Informant tip", "Químicos Tlaloc", "Quimicos Tlaloc", "quimicos-tlaloc"]
WITHHOLD = ["people", "contacts", "notes", "entity:company:quimicos-tlaloc"]


@pytest.fixture
def ring(gateway: Gateway, store_settings: Settings) -> Settings:
    gateway.write(FIXTURE.read_text(encoding="utf-8"))
    CaseStore(store_settings.home).save(Case(CASE, ["company:importadora-del-bajio", "company:hubei-everbright",
                                                   "company:quimicos-tlaloc"],
                                             notes=CASE_NOTES, created_by="analyst"))
    return store_settings


def pdf_text(data: bytes) -> tuple[list[str], dict[str, str]]:
    reader = PdfReader(io.BytesIO(data))
    meta = {k: str(v) for k, v in (reader.metadata or {}).items()}
    return [page.extract_text() or "" for page in reader.pages], meta


def pdf_streams(data: bytes) -> str:
    """Every stream of the PDF, decompressed where it is compressed, as text."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        raw = match.group(1)
        try:
            raw = zlib.decompress(raw)
        except zlib.error:
            pass
        out.append(raw.decode("latin-1"))
    return "\n".join(out)


def pptx_slides(data: bytes) -> list[dict]:
    deck = Presentation(io.BytesIO(data))
    slides = []
    for slide in deck.slides:
        texts, tables, pictures = [], [], 0
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                tables.append([[cell.text for cell in row.cells] for row in shape.table.rows])
            if shape.shape_type == 13:  # MSO_SHAPE_TYPE.PICTURE
                pictures += 1
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        slides.append({"title": title, "texts": texts, "tables": tables, "pictures": pictures})
    return slides


def keep_pngs(pdf: bytes, name: str) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (Debian poppler-utils) is needed to render PDF pages: apt-get install poppler-utils")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(source), str(ARTIFACTS / name)], check=True, timeout=120)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_case_briefing_in_three_formats(ring: Settings, gateway: Gateway, tmp_path: Path, lang: str) -> None:
    b = build(gateway, ring, Source.case(CASE), lang=lang, author="Analyst Ana", marking=MARKING)

    # PDF: names, figures and the marking on every page.
    pdf = next(iter(render(b, "pdf").values()))
    pages, meta = pdf_text(pdf)
    assert len(pages) >= 8
    for number, page in enumerate(pages, start=1):
        assert MARKING in page, f"page {number} lacks the marking"
    text = "\n".join(pages)
    for expected in ["Hubei Everbright Chemical Co., Ltd.", "Importadora del Bajío SA de CV", "Xu Mingyang",
                     "MSCU1234567", "SEMAR-2024-0417", "PEN-2024-CN-0099", "480", "750", "Manzanillo",
                     "manifests_2024.csv#3", "Analyst Ana", CASE_NOTES, *SECTIONS[lang]]:
        assert expected in text, expected
    assert meta["/Title"] == b.title and meta["/Author"] == "Analyst Ana" and meta["/Subject"] == MARKING
    pngs = keep_pngs(pdf, f"case-{lang}")
    assert len(pngs) == len(pages) and all(p.stat().st_size > 2000 for p in pngs)

    # PowerPoint: titles, tables, pictures and the marking on every slide.
    slides = pptx_slides(next(iter(render(b, "pptx").values())))
    titles = [s["title"] for s in slides]
    for section in SECTIONS[lang]:
        assert any(title.startswith(section) for title in titles), section
    assert all(MARKING in s["texts"] for s in slides)
    assert sum(s["pictures"] for s in slides) == 3  # network, timeline, route map
    shipments = next(s for s in slides if s["title"].startswith(SECTIONS[lang][3]))
    cells = [cell for table in shipments["tables"] for row in table for cell in row]
    assert "MSCU1234567" in cells and "500" in cells
    summary = next(s for s in slides if s["title"] == SECTIONS[lang][0])
    assert "480" in " ".join(summary["texts"])

    # Markdown, with its pictures beside it.
    written = write(b, "md", tmp_path / f"brief-{lang}.md")
    md = (tmp_path / f"brief-{lang}.md").read_text(encoding="utf-8")
    linked = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert len(linked) == 3
    for name in linked:
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert {p.name for p in written} == {f"brief-{lang}.md", *linked}
    assert md.count(MARKING) == 2 and "MSCU1234567" in md and "| SEMAR-2024-0417 |" in md


def test_summary_and_findings_say_what_happened(ring: Settings, gateway: Gateway) -> None:
    b = build(gateway, ring, Source.case(CASE), lang="en")
    summary = " ".join(b.summary)
    assert "2 shipments moved 750 kg between Mar 2, 2024 and May 10, 2024" in summary
    assert "1 seizure took 480 kg of 4-AP (SEMAR-2024-0417)" in summary
    categories = {f.category for f in b.findings}
    # The briefing's red flags are the detectors' findings on its entities (the same as `workbench detect`).
    assert {"sanctions-proximity", "seizure-linked", "transshipment", "shared-identifiers"} <= categories
    assert all(f.title and f.explanation for f in b.findings)
    shared = [f for f in b.findings if f.category == "shared-identifiers"]
    assert any("Av. Vallarta 1500" in f.explanation for f in shared)
    assert b.findings[0].severity == "critical"
    assert [e.date for e in b.timeline] == sorted(e.date for e in b.timeline)


def test_sharing_briefing_leaks_no_withheld_string(ring: Settings, gateway: Gateway, tmp_path: Path) -> None:
    spec = parse(WITHHOLD)
    b = build(gateway, ring, Source.case(CASE), lang="es", author="Analista", marking="COMPARTIR", withhold=spec)
    assert b.sharing and any("Persona 1 [reservado]" == e.name for e in b.entities)
    labels = " ".join(network_labels(b).values())
    found: dict[str, list[str]] = {}

    def check(where: str, text: str) -> None:
        hits = [s for s in WITHHELD if s.lower() in text.lower()]
        if hits:
            found[where] = hits

    check("picture labels", labels)
    pdf = next(iter(render(b, "pdf").values()))
    pages, meta = pdf_text(pdf)
    check("pdf text", "\n".join(pages))
    check("pdf metadata", " ".join(meta.values()))
    check("pdf streams", pdf_streams(pdf))
    assert "Material reservado" in "\n".join(pages) and all("COMPARTIR" in p for p in pages)
    keep_pngs(pdf, "sharing-es")

    pptx = next(iter(render(b, "pptx").values()))
    with zipfile.ZipFile(io.BytesIO(pptx)) as archive:
        names = archive.namelist()
        assert "docProps/core.xml" in names and any(n.startswith("ppt/notesSlides/") for n in names)
        for name in names:
            check(f"pptx member name {name}", name)
            check(f"pptx {name}", archive.read(name).decode("utf-8", "replace"))

    data, filename, mime = build_and_render(gateway, ring, Source.case(CASE), "md", "es", WITHHOLD, "COMPARTIR",
                                            "Analista")
    assert mime == "application/zip" and filename.endswith(".zip")
    check("md file name", filename)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            check(f"md member name {name}", name)
            if name.endswith(".md"):
                md = archive.read(name).decode("utf-8")
                check("md text", md)
                assert "Material reservado" in md
    assert not found, found


def test_the_leak_check_can_fail(ring: Settings, gateway: Gateway) -> None:
    """Without withholding, the same scan finds the people, contacts and notes."""
    b = build(gateway, ring, Source.case(CASE), lang="en")
    pages, _ = pdf_text(next(iter(render(b, "pdf").values())))
    text = "\n".join(pages)
    assert "Xu Mingyang" in text and "ventas@bajio-import.mx" in text and "Source LUCERO" in text
    assert "Xu Mingyang" in " ".join(network_labels(b).values())


def test_entity_source_follows_depth_and_names(ring: Settings, gateway: Gateway) -> None:
    near = build(gateway, ring, Source.entity("Hubei Everbright Chemical Co., Ltd.", depth=1))
    far = build(gateway, ring, Source.entity("company:hubei-everbright", depth=2))
    assert {e.key for e in near.entities} < {e.key for e in far.entities}
    assert "company:importadora-del-bajio" in {e.key for e in far.entities}
    assert "company:importadora-del-bajio" not in {e.key for e in near.entities}
    with pytest.raises(InputError, match="No entity"):
        build(gateway, ring, Source.entity("Nobody Trading"))
    with pytest.raises(InputError, match="depth"):
        build(gateway, ring, Source.entity("company:hubei-everbright", depth=7))


def test_query_source_briefs_on_the_result(ring: Settings, gateway: Gateway) -> None:
    b = build(gateway, ring, Source.query("briefing_find_entity", {"text": "Pacific Bridge Logistics LLC"}))
    core = [e.key for e in b.entities if e.core]
    assert core == ["company:pacific-bridge-logistics"]
    assert {s.bill for s in b.shipments} == {"MSCU1234567", "MSCU7654321"}


def test_withheld_choice_must_be_known() -> None:
    with pytest.raises(InputError, match="people, contacts, notes or entity:KEY"):
        parse(["addresses"])


@pytest.mark.parametrize("lang, shown", [("en", "(air waybill)"), ("es", "(guía aérea)")])
def test_an_air_waybill_is_told_apart_from_sea_bills(ring: Settings, gateway: Gateway, lang: str, shown: str) -> None:
    """Issue 16: every mode in one table; a consignment flown in says so beside its document number."""
    from workbench.briefing.tables import shipment_table  # noqa: PLC0415
    from workbench.briefing.text import Text  # noqa: PLC0415

    gateway.write("MATCH (c:Company {key: 'company:hubei-everbright'}) "
                  "CREATE (c)-[:SHIPPED]->(:Shipment {key: 'shipment:awb:176-12345675', billOfLading: '176-12345675', "
                  "transportMode: 'air', declarationDate: '2024-05-02', goodsDescription: 'COSMETIC RAW MATERIAL'})")
    b = build(gateway, ring, Source.entity("company:hubei-everbright", depth=1), lang=lang)
    bills = [row[0] for row in shipment_table(b, Text(lang)).rows]
    assert f"176-12345675 {shown}" in bills
    sea = [bill for bill in bills if not bill.startswith("176-")]
    assert sea and all("(" not in bill for bill in sea), "sea bills of lading stay as they were"


def test_inspections_of_the_shipments_are_in_the_summary_and_timeline(ring: Settings, gateway: Gateway,
                                                                      tmp_path: Path) -> None:
    """What officers found when they opened the network's consignments is part of the story told to a partner
    agency: when, where and what was found; who inspected and the notes stay in the workbench."""
    from workbench.analysis.targets import record_inspection  # noqa: PLC0415
    from workbench.trust.audit import AuditLog  # noqa: PLC0415

    audit = AuditLog(ring.home)
    record_inspection(gateway, audit, "officer.ramirez", "shipment:mscu1234567", "nothing_found",
                      "Seal 88213 intact", day="2024-03-05")
    record_inspection(gateway, audit, "officer.ramirez", "shipment:mscu7654321", "discrepancy",
                      "Drums relabelled by hand", day="2024-05-12")
    b = build(gateway, ring, Source.case(CASE), lang="es")
    assert "Los oficiales inspeccionaron 2 de estos envíos; en 1 hubo una discrepancia o un aseguramiento." in b.summary
    inspections = [e for e in b.timeline if e.kind == "inspection"]
    assert [(e.date, e.text.split(" en ")[0]) for e in inspections] == [
        ("2024-03-05", "Inspección MSCU1234567: sin hallazgos"), ("2024-05-12", "Inspección MSCU7654321: discrepancia")]
    markdown = next(data for name, data in render(b, "md").items() if name.endswith(".md")).decode("utf-8")
    assert "Inspección MSCU7654321: discrepancia" in markdown
    assert any(f.category == "inspection-findings" for f in b.findings), "the discrepancy is a finding"
    assert "officer.ramirez" not in markdown  # neither the summary, the timeline nor the finding's evidence
    assert "Drums relabelled" not in markdown and "Seal 88213" not in markdown  # the officers' notes stay inside
    one = build(gateway, ring, Source.entity("shipment:mscu7654321", depth=0), lang="en")
    assert "Officers inspected 1 of these shipments: discrepancy." in one.summary
