"""Hostile names in trade data reach no CSV unneutralised (CLI entities, query, export) — issue 14 #7."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.exports.safe import is_formula
from workbench.ingest import ingest_path
from workbench.settings import Settings
from workbench.store.gateway import Gateway

HEADER = "record_id,bill_of_lading,declaration_date,shipper_name,shipper_country,consignee_name,consignee_country\n"
HOSTILE = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/x","x")', "+SUM(1+1)", "-2+3 Trading",
           "@SUM(A1) Ltd", "\t=1+1 Ltd", "\uff1dcmd Ltd", "![x](http://evil.example/x.png) SA",
           "<script>alert(1)</script> SA", "[click](javascript:alert(1)) SA", "<img src=http://evil.example/y.png> SA"]


def _bundle(folder: Path) -> Path:
    folder.mkdir()
    lines = [HEADER]
    for i, name in enumerate(HOSTILE):
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"H{i},BL-H{i},2024-01-{i + 1:02d},{quoted},CN,Química Delta SA de CV,MX\n")
    (folder / "manifests.csv").write_text("".join(lines), encoding="utf-8")
    return folder


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@pytest.fixture
def hostile(gateway: Gateway, store_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    ingest_path(gateway, _bundle(tmp_path / "bundle"))
    monkeypatch.setenv("WORKBENCH_HOME", str(store_settings.home))
    monkeypatch.setenv("NEO4J_DATABASE", store_settings.database)
    return CliRunner()


def test_cli_csv_outputs_neutralise_every_formula(hostile: CliRunner, tmp_path: Path) -> None:
    listed = hostile.invoke(app, ["entities", "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    cells = _cells(listed.output)
    assert any(c.startswith("'=cmd") for c in cells) and any(c.startswith("'\uff1d") for c in cells)
    assert not [c for c in cells if is_formula(c)]

    companies = json.loads(hostile.invoke(app, ["entities", "--format", "json"]).output)
    key = next(c["key"] for c in companies if "Delta" in c["name"])
    queried = hostile.invoke(app, ["query", "trading_partners", "-p", f"key={key}", "--format", "csv"])
    assert queried.exit_code == 0, queried.output
    cells = _cells(queried.output)
    assert len(cells) > 10 and not [c for c in cells if is_formula(c)]

    out = tmp_path / "net.zip"
    exported = hostile.invoke(app, ["export", "--entity", key, "--depth", "2", "--format", "csv", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    with zipfile.ZipFile(out) as archive:
        nodes = archive.read("nodes.csv").decode("utf-8")
        edges = archive.read("edges.csv").decode("utf-8")
    node_cells = _cells(nodes)
    assert any("HYPERLINK" in c for c in node_cells)
    assert not [c for c in node_cells + _cells(edges) if is_formula(c)]


def test_markdown_briefing_renders_names_as_text(hostile: CliRunner, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt  # noqa: PLC0415

    companies = json.loads(hostile.invoke(app, ["entities", "--format", "json"]).output)
    key = next(c["key"] for c in companies if "Delta" in c["name"])
    out = tmp_path / "brief.md"
    result = hostile.invoke(app, ["brief", "--entity", key, "--depth", "2", "--format", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    assert "evil.example" in html  # the names are there, as text
    assert "<script" not in html and "<img src=\"http" not in html and "<img src=http" not in html
    assert 'href="javascript' not in html and "<a " not in html
    images = [src for src in re.findall(r'<img src="([^"]*)"', html)]
    assert images and all(src.startswith("brief-") and src.endswith(".png") for src in images)
