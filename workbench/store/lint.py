"""Lint Cypher with Neo4j's official linter (``@neo4j-cypher/language-support``).

The linter is a node package, so this module runs ``tools/cypher-lint/lint.mjs``
once for a whole batch of queries (loading the linter costs most of a second) and
turns its JSON answer into :class:`Diagnostic` values. Only ``severity == "error"``
means a query is wrong; warnings (deprecations, unknown labels) are informative.

What the linter is told: each query's own parameters (an undeclared ``$param`` is an
error), Cypher 5, the built-in Neo4j 5 procedures and functions (no APOC/GDS), and the
labels / relationship types / property keys passed here. Unknown labels and
relationship types are warned about only when both lists are given; property keys are
not checked by the pinned linter version.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from workbench.errors import ConfigurationError, WorkbenchError

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
LINT_DIR = REPO_ROOT / "tools" / "cypher-lint"
LINT_SCRIPT = LINT_DIR / "lint.mjs"
LINTER_PACKAGE_DIR = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"
INSTALL_HINT = "run `npm ci --prefix tools/cypher-lint`"

#: Node start-up plus loading the linter, then a generous allowance per query.
_BASE_TIMEOUT_S = 60.0
_PER_QUERY_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class Diagnostic:
    """One linter finding; ``line`` and ``column`` are 1-based."""

    path: str
    query_id: str
    severity: str  # "error" or "warning"
    message: str
    line: int
    column: int

    @property
    def is_error(self) -> bool:
        """True when the finding makes the query fail (warnings do not)."""
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.query_id}]"


def _node() -> str | None:
    return shutil.which("node")


def linter_available() -> bool:
    """True when node and the installed linter package are both present."""
    return _node() is not None and LINT_SCRIPT.is_file() and LINTER_PACKAGE_DIR.is_dir()


def _require_linter() -> str:
    node = _node()
    if node is None:
        raise ConfigurationError(
            f"Cannot lint Cypher: `node` is not on PATH. Install Node.js (>= 18.18), then {INSTALL_HINT}."
        )
    if not LINT_SCRIPT.is_file():
        raise ConfigurationError(f"Cannot lint Cypher: {LINT_SCRIPT} is missing from the checkout.")
    if not LINTER_PACKAGE_DIR.is_dir():
        raise ConfigurationError(
            f"Cannot lint Cypher: the linter is not installed in {LINT_DIR / 'node_modules'}; "
            f"{INSTALL_HINT} from the repository root."
        )
    return node


def _payload(
    items: Sequence[Mapping[str, Any]],
    labels: Iterable[str],
    relationship_types: Iterable[str],
    property_keys: Iterable[str],
) -> dict[str, Any]:
    queries = []
    for index, item in enumerate(items):
        query = item.get("query")
        if not isinstance(query, str):
            raise TypeError(f"lint item #{index} ({item.get('path', '?')}) has no string 'query'")
        parameters = item.get("parameters") or {}
        if not isinstance(parameters, Mapping):
            raise TypeError(f"lint item #{index} ({item.get('path', '?')}): 'parameters' must be a mapping")
        queries.append(
            {
                "id": str(item.get("id", "")),
                "path": str(item.get("path", "")),
                "query": query,
                "parameters": dict(parameters),
            }
        )
    payload: dict[str, Any] = {"queries": queries}
    # Only send lists that were given: an empty list would make every label "unknown".
    for key, values in (
        ("labels", labels),
        ("relationshipTypes", relationship_types),
        ("propertyKeys", property_keys),
    ):
        values = list(values)
        if values:
            payload[key] = values
    return payload


def lint_queries(
    items: list[dict],
    labels: Iterable[str] = (),
    relationship_types: Iterable[str] = (),
    property_keys: Iterable[str] = (),
    *,
    timeout: float | None = None,
) -> list[Diagnostic]:
    """Lint every item (``{"id", "path", "query", "parameters"}``) in one node run.

    ``parameters`` maps each declared parameter name to an example value (only the
    names matter; values are sent as JSON, non-JSON values as strings). Returns all
    diagnostics, errors and warnings, in input order. Raises ConfigurationError when
    node or the linter is missing, WorkbenchError when the linter run itself fails.
    """
    if not items:
        return []
    node = _require_linter()
    payload = _payload(items, labels, relationship_types, property_keys)
    if timeout is None:
        timeout = _BASE_TIMEOUT_S + _PER_QUERY_TIMEOUT_S * len(items)
    try:
        proc = subprocess.run(
            [node, str(LINT_SCRIPT)],
            input=json.dumps(payload, default=str),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            cwd=LINT_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise WorkbenchError(
            f"The Cypher linter did not finish {len(items)} queries within {timeout:.0f}s; "
            "lint fewer files at once or raise the timeout."
        ) from exc
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        hint = detail[-1] if detail else f"exit code {proc.returncode}"
        if "Cannot find module" in (proc.stderr or "") or "ERR_MODULE_NOT_FOUND" in (proc.stderr or ""):
            raise ConfigurationError(f"The Cypher linter could not load its package ({hint}); {INSTALL_HINT}.")
        raise WorkbenchError(f"The Cypher linter failed: {hint}")
    try:
        results = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise WorkbenchError(f"The Cypher linter printed something that is not JSON: {proc.stdout[:200]!r}") from exc

    diagnostics: list[Diagnostic] = []
    for result in results:
        for d in result["diagnostics"]:
            diagnostics.append(
                Diagnostic(
                    path=result["path"],
                    query_id=result["id"],
                    severity=d["severity"],
                    message=d["message"],
                    line=int(d["line"]),
                    column=int(d["column"]),
                )
            )
    return diagnostics
