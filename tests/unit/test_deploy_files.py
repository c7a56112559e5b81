"""The production and CI files say what the README says (docker cannot run here; their content can be checked)."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def test_compose_runs_neo4j_5_with_healthcheck_and_workbench_against_it() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5") and "community" in neo4j["image"]
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    workbench = compose["services"]["workbench"]
    assert workbench["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = workbench["environment"]
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert {"NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"} <= set(env)
    for service in compose["services"].values():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{port} would be published on every interface"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    readme = (REPO / "README.md").read_text()
    assert "make test" in ci and "make test" in readme and "make run" in readme


def test_requirements_are_pinned() -> None:
    lines = [line for line in (REPO / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert lines and all("==" in line for line in lines)
    assert "arcadedb-embedded==26.10.2.post1" in lines
