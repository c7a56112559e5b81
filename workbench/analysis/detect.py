"""Run the detector queries (``workbench/cypher/detectors/``) and turn their rows into findings.

Every detector returns rows with four columns (see docs/queries.md, "Detector output"):
``entities`` (a list of ``{label, key, name}``), ``explanation`` (one English sentence built from the data; the
header's ``explanation`` templates write it in English and Spanish: :meth:`Finding.explanation_in`),
``evidence`` (a map of shipments, seizures, notifications and shared elements) and ``score`` (0..1, the
strength of the finding, already discounted for common shared elements). This module adds the rule's id,
category and severity from its header, and nothing else: the logic lives in the Cypher files.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Mapping

from workbench.analysis.explanations import explain, network_templates
from workbench.store.catalogue import Catalogue, Query, load_catalogue
from workbench.errors import CatalogueError, QueryError
from workbench.store.gateway import Gateway

#: Columns every detector must return.
FINDING_COLUMNS = ("entities", "explanation", "evidence", "score")
#: Detectors report every finding: the row cap of interactive queries does not apply.
DETECTOR_ROW_CAP = 200_000


@dataclass(frozen=True)
class Finding:
    """One suspicious pattern: who is involved, the evidence, and a sentence that explains it."""

    rule: str
    category: str
    severity: str
    entities: list[dict[str, Any]]
    explanation: str
    evidence: Any
    score: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def keys(self) -> list[str]:
        return [e["key"] for e in self.entities if e.get("key")]

    def involves(self, key: str) -> bool:
        return key in self.keys

    def explanation_in(self, lang: str) -> str:
        """The explanation in ``lang``, from the templates in the detector's header (workbench/analysis/explanations.py);
        the detector's own English sentence when its template cannot be filled."""
        catalogue = load_catalogue()
        templates = catalogue[self.rule].explanation if self.rule in catalogue else network_templates().get(self.rule, {})
        row = {"entities": self.entities, "evidence": self.evidence, "score": self.score}
        return explain(templates, lang, row, self.explanation)


@dataclass
class RuleRun:
    """How one detector ran: its status, time and number of findings."""

    rule: str
    category: str
    severity: str
    status: str
    seconds: float
    findings: int
    message: str = ""


@dataclass
class Detection:
    """The findings of a detector run, with the per-rule record of how each ran."""

    findings: list[Finding] = field(default_factory=list)
    runs: list[RuleRun] = field(default_factory=list)

    @property
    def failed(self) -> list[RuleRun]:
        return [run for run in self.runs if run.status not in ("complete",)]

    def by_rule(self, rule: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule]


def detectors(rules: Iterable[str] | None = None, catalogue: Catalogue | None = None) -> list[Query]:
    """The detector queries, all or the named ones (an unknown or non-detector id is refused)."""
    catalogue = catalogue or load_catalogue()
    if not rules:
        return catalogue.detectors
    chosen = []
    for rule in rules:
        query = catalogue[rule]
        if query.kind != "detector":
            raise CatalogueError(f"{rule!r} is a {query.kind} query, not a detector; `workbench queries` lists them.")
        chosen.append(query)
    return chosen


def _finding(query: Query, row: Mapping[str, Any]) -> Finding:
    missing = [c for c in FINDING_COLUMNS if c not in row]
    if missing:
        raise QueryError(f"Detector {query.id} ({query.path}) does not return {', '.join(missing)}; "
                         "every detector returns entities, explanation, evidence and score.")
    entities = [{"label": e.get("label"), "key": e.get("key"), "name": e.get("name")}
                for e in (row["entities"] or []) if isinstance(e, Mapping)]
    score = row["score"]
    return Finding(rule=query.id, category=query.category or "", severity=query.severity or "",
                   entities=entities, explanation=str(row["explanation"] or ""), evidence=row["evidence"],
                   score=float(score) if score is not None else 0.0)


#: The parameter through which a detector receives the catalogue's controls (see workbench.chemicals.status).
CONTROLS_PARAM = "controls"


def reference_parameters() -> frozenset[str]:
    """Names of the parameters the workbench fills in from its own tables (see :func:`with_controls`): forms leave
    them out rather than ask the user for a table."""
    from workbench.analysis.reference_data import REFERENCE_PARAMS  # noqa: PLC0415

    return frozenset({CONTROLS_PARAM, *REFERENCE_PARAMS})


def with_controls(query: Query, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The parameters with the workbench's reference tables filled in, for queries that declare them: the
    chemicals catalogue's dated controls (``controls``: one source of control status for every detector, never a
    year compared in Cypher) and the tables of :mod:`workbench.analysis.reference_data` (``sectors``,
    ``coverTerms``, ``packagingTerms``, ``callingCodes``). A value the caller gives is kept."""
    from workbench.analysis.reference_data import REFERENCE_PARAMS  # noqa: PLC0415

    out = dict(params or {})
    declared = {p.name for p in query.parameters}
    if CONTROLS_PARAM in declared and not out.get(CONTROLS_PARAM):
        from workbench.chemicals import control_rows  # noqa: PLC0415

        out[CONTROLS_PARAM] = control_rows()
    for name, load in REFERENCE_PARAMS.items():
        if name in declared and not out.get(name):
            out[name] = load()
    return out


def run_rule(gateway: Gateway, query: Query, params: Mapping[str, Any] | None = None, *,
             timeout: float | None = None) -> tuple[list[Finding], RuleRun]:
    """Run one detector; a failed or timed-out rule yields no findings and a run saying why."""
    started = time.monotonic()
    result = gateway.read(query.text, query.bind(with_controls(query, params)), timeout=timeout,
                          row_cap=DETECTOR_ROW_CAP)
    elapsed = time.monotonic() - started
    findings = [_finding(query, row) for row in result.data()] if result.ok else []
    message = "" if result.status.value == "complete" else result.message()
    run = RuleRun(query.id, query.category or "", query.severity or "", result.status.value, round(elapsed, 4),
                  len(findings), message)
    return findings, run


def run_detectors(gateway: Gateway, rules: Iterable[str] | None = None, *,
                  params: Mapping[str, Mapping[str, Any]] | None = None, timeout: float | None = None,
                  strict: bool = False) -> Detection:
    """Run the chosen detectors (all by default); ``params`` maps a rule id to its parameters.

    With ``strict`` a rule that fails raises :class:`QueryError` naming it; otherwise the failure is recorded
    in ``Detection.runs`` and the other rules still run.
    """
    params = params or {}
    detection = Detection()
    for query in detectors(rules):
        findings, run = run_rule(gateway, query, params.get(query.id), timeout=timeout)
        if strict and run.status not in ("complete", "truncated"):
            raise QueryError(f"Detector {query.id} failed: {run.message}")
        detection.findings.extend(findings)
        detection.runs.append(run)
    return detection
