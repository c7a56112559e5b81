"""The production and CI files say what the README says (docker cannot run here; their content can be checked)."""

from __future__ import annotations

import re
import tomllib
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
    assert "make check-wheel" in ci and "make check-wheel" in readme
    assert "scripts/check_wheel.sh" in (REPO / "Makefile").read_text()


def _pins(path: Path) -> dict[str, str]:
    """Package -> version of a pip-compile lock; every pin must carry at least one hash."""
    pins: dict[str, str] = {}
    text = path.read_text()
    for block in re.split(r"\n(?=[A-Za-z])", text):
        first = block.split("\n", 1)[0].strip()
        if not first or first.startswith("#"):
            continue
        name, _, version = first.rstrip(" \\").partition("==")
        assert version, f"{path.name}: {first!r} is not pinned with =="
        assert "--hash=sha256:" in block, f"{path.name}: {name} has no hash"
        pins[name.lower().replace("_", "-")] = version
    return pins


def _declared(spec: list[str]) -> set[str]:
    return {re.split(r"[<>=\[; ]", s, maxsplit=1)[0].lower().replace("_", "-") for s in spec}


def test_locks_are_pinned_with_hashes_and_follow_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    runtime, dev = _pins(REPO / "requirements.txt"), _pins(REPO / "requirements-dev.txt")
    assert runtime["arcadedb-embedded"] == "26.10.2.post1"
    assert _declared(project["dependencies"]) <= set(runtime)
    extras = project["optional-dependencies"]
    assert _declared(extras["test"]) | _declared(extras["dev"]) <= set(dev)
    # make run installs the runtime lock only: no test tool in it, and the dev lock agrees on every shared pin
    assert not {"pytest", "hypothesis", "playwright", "pip-tools"} & set(runtime)
    assert {name: dev[name] for name in runtime} == runtime


def test_makefile_runs_types_and_installs_from_the_locks() -> None:
    makefile = (REPO / "Makefile").read_text()
    assert "--require-hashes -r requirements.txt" in makefile and "--require-hashes -r requirements-dev.txt" in makefile
    assert re.search(r"^test: .*typecheck", makefile, re.MULTILINE) and "mypy workbench" in makefile
    run_target = re.search(r"^run: (.*)$", makefile, re.MULTILINE)
    assert run_target and run_target.group(1).strip() == "$(RUNTIME)"


def test_dockerfile_is_multi_stage_with_runtime_dependencies_only() -> None:
    dockerfile = (REPO / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+) AS (\w+)", dockerfile, re.MULTILINE)
    assert [name for _, name in stages] == ["build", "runtime"]
    build, runtime = dockerfile.split("AS runtime")
    assert "--require-hashes" in build and "-r requirements.txt" in build and "libicu-dev" in build
    assert "requirements-dev" not in dockerfile and not re.search(r"pytest|hypothesis|playwright|mypy", runtime)
    assert "build-essential" not in runtime and "COPY --from=build /wheels" in runtime
    assert re.search(r"^USER (?!root)", runtime, re.MULTILINE)
    assert 'CMD ["workbench", "up"]' in runtime


def test_the_wheel_declares_the_files_the_workbench_reads() -> None:
    data = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["workbench"]
    for pattern in ("cypher/**/*.cypher", "cypher/**/*.cypher.j2", "model/*.yaml", "demo/bundle/*", "app/**/*"):
        assert pattern in data
    package = REPO / "workbench"
    shipped = {p for pattern in data for p in package.glob(pattern) if p.is_file()}
    for wanted in [*package.rglob("*.cypher"), *package.rglob("*.cypher.j2"), *package.rglob("*.yaml"),
                   *(package / "demo" / "bundle").iterdir()]:
        assert wanted in shipped, f"{wanted.relative_to(REPO)} would be missing from the wheel"
