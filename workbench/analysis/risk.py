"""A risk score per company, combining its findings with weights kept as data (data/risk_weights.yaml).

For each finding that names a company::

    contribution = category weight (or rule override) x severity factor x finding score x role

where the finding score (0..1) is already discounted by its detector for common shared elements, and role is 1
for the finding's subject (its first entity) and ``related`` for the other companies it names. Per rule only the
strongest contribution counts, and rules combine as independent evidence::

    risk = 100 x (1 - product over rules (1 - contribution))

Network measures add two kinds of evidence (weights in the same file): membership of a small trade community
with several seizure-linked firms, and a seized-on broker's betweenness. Every score is explained by the list
of findings behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from workbench.store import queries
from workbench.store.catalogue import CATEGORIES, SEVERITIES
from workbench.analysis.detect import Finding, run_detectors
from workbench.errors import ModelError
from workbench.store.gateway import Gateway

WEIGHTS_PATH = Path(__file__).parent.parent / "data" / "risk_weights.yaml"
COMMUNITY_RULE = "network_seizure_community"
BETWEENNESS_RULE = "network_broker_betweenness"
NETWORK_RULES = (COMMUNITY_RULE, BETWEENNESS_RULE)


@dataclass(frozen=True)
class Weights:
    severity: dict[str, float]
    categories: dict[str, float]
    rules: dict[str, float]
    related: float
    network: dict[str, float]

    def of(self, finding: Finding) -> float:
        base = self.rules.get(finding.rule, self.categories.get(finding.category, 0.0))
        return base * self.severity.get(finding.severity, 0.0)


def _fraction(path: Path, where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ModelError(f"{path}: {where} must be a number between 0 and 1, not {value!r}.")
    return float(value)


def load_weights(path: Path | None = None) -> Weights:
    """Read and validate the weights file (default: the packaged one, cached)."""
    return _load(path or WEIGHTS_PATH)


@lru_cache(maxsize=4)
def _load(path: Path) -> Weights:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ModelError(f"{path}: cannot read the risk weights ({e}).") from e
    if not isinstance(data, dict):
        raise ModelError(f"{path}: the risk weights must be a mapping.")
    severity = {k: _fraction(path, f"severity.{k}", v) for k, v in (data.get("severity") or {}).items()}
    if set(severity) != set(SEVERITIES):
        raise ModelError(f"{path}: severity needs exactly {', '.join(SEVERITIES)}.")
    categories = {k: _fraction(path, f"categories.{k}", v) for k, v in (data.get("categories") or {}).items()}
    if set(categories) != set(CATEGORIES):
        missing = sorted(set(CATEGORIES) - set(categories))
        extra = sorted(set(categories) - set(CATEGORIES))
        raise ModelError(f"{path}: categories must list every red-flag category (missing: {missing}, unknown: {extra}).")
    rules = {k: _fraction(path, f"rules.{k}", v) for k, v in (data.get("rules") or {}).items()}
    network = dict(data.get("network") or {})
    for key in ("seizureCommunity", "brokerBetweenness"):
        network[key] = _fraction(path, f"network.{key}", network.get(key, 0.0))
    for key in ("minSeizureLinked", "maxCommunitySize"):
        if not isinstance(network.get(key), int) or network[key] < 1:
            raise ModelError(f"{path}: network.{key} must be a positive whole number.")
    return Weights(severity, categories, rules, _fraction(path, "related", data.get("related", 0.5)), network)


@dataclass
class CompanyRisk:
    key: str
    name: str | None
    country: str | None
    score: float
    findings: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "country": self.country, "score": self.score,
                "findings": self.findings}


def _network_findings(gateway: Gateway, weights: Weights) -> list[Finding]:
    """Network measures phrased as findings, so they are explained like the rest."""
    from workbench.analysis import network  # noqa: PLC0415 - networkx loads only when risk runs

    measures = network.measure(gateway)
    found: list[Finding] = []
    w = weights.network
    if w["seizureCommunity"] > 0:
        for community in measures.communities:
            linked = community.seizure_linked
            if len(linked) < w["minSeizureLinked"] or community.size > w["maxCommunitySize"]:
                continue
            for key in community.members:
                if key in measures.seizure_linked:
                    continue  # the seizure itself is counted by seizure_linked; this is about its neighbours
                found.append(Finding(
                    rule=COMMUNITY_RULE, category="seizure-linked", severity="medium",
                    entities=[{"label": "Company", "key": key, "name": None}],
                    explanation=(f"Trades within a community of {community.size} firms of which {len(linked)} were "
                                 f"on seized shipments (Louvain communities, {measures.method})."),
                    evidence={"measure": "seizureCommunity", "community": community.id, "size": community.size,
                              "seizureLinked": list(linked[:25])},
                    score=round(w["seizureCommunity"], 3)))
    if w["brokerBetweenness"] > 0:
        for key, value in measures.broker_betweenness.items():
            if value <= 0 or not measures.seizure_linked.get(key):
                continue
            found.append(Finding(
                rule=BETWEENNESS_RULE, category="broker-hub", severity="medium",
                entities=[{"label": "Company", "key": key, "name": None}],
                explanation=(f"A broker with {measures.seizure_linked[key]} seized shipment(s) and betweenness "
                             f"{value:.2f} relative to the most central broker ({measures.method})."),
                evidence={"measure": "brokerBetweenness", "relativeBetweenness": round(value, 4),
                          "seizedShipments": measures.seizure_linked[key]},
                score=round(w["brokerBetweenness"] * value, 3)))
    return found


def _contribution(finding: Finding, key: str, weights: Weights) -> float:
    if finding.rule in NETWORK_RULES:
        return finding.score
    role = 1.0 if finding.entities and finding.entities[0].get("key") == key else weights.related
    return weights.of(finding) * finding.score * role


def score_companies(findings: Iterable[Finding], companies: Mapping[str, Mapping[str, Any]],
                    weights: Weights | None = None) -> list[CompanyRisk]:
    """Combine findings into one score per company (only keys in ``companies``), highest first."""
    weights = weights or load_weights()
    per_company: dict[str, dict[str, tuple[float, Finding]]] = {}
    explained: dict[str, list[tuple[float, Finding]]] = {}
    for finding in findings:
        for key in dict.fromkeys(e["key"] for e in finding.entities if e.get("label") == "Company"):
            if key not in companies:
                continue
            value = _contribution(finding, key, weights)
            if value <= 0:
                continue
            explained.setdefault(key, []).append((value, finding))
            best = per_company.setdefault(key, {}).get(finding.rule)
            if best is None or value > best[0]:
                per_company[key][finding.rule] = (value, finding)
    ranked = []
    for key, by_rule in per_company.items():
        remaining = 1.0
        for value, _ in by_rule.values():
            remaining *= 1.0 - min(value, 1.0)
        info = companies[key]
        listed = sorted(explained[key], key=lambda item: -item[0])
        ranked.append(CompanyRisk(
            key=key, name=info.get("name"), country=info.get("country"), score=round(100.0 * (1.0 - remaining), 1),
            findings=[{**f.to_dict(), "contribution": round(v, 4),
                       "counted": by_rule[f.rule][1] is f} for v, f in listed]))
    ranked.sort(key=lambda r: (-r.score, r.key))
    return ranked


def company_info(gateway: Gateway, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    keys = sorted(set(keys))
    if not keys:
        return {}
    rows = queries.run(gateway, "risk_companies", {"keys": keys}, row_cap=len(keys) + 1, timeout=600)
    return {row["key"]: row for row in rows.raise_for_status().data()}


def rank(gateway: Gateway, *, findings: list[Finding] | None = None, weights: Weights | None = None,
         with_network: bool = True, top: int | None = None) -> list[CompanyRisk]:
    """Run the detectors (unless findings are given), add network measures, and rank companies."""
    weights = weights or load_weights()
    if findings is None:
        findings = run_detectors(gateway, strict=True).findings
    findings = list(findings)
    if with_network:
        findings += _network_findings(gateway, weights)
    keys = {e["key"] for f in findings for e in f.entities if e.get("label") == "Company" and e.get("key")}
    info = company_info(gateway, keys)
    for finding in findings:  # network findings carry keys only; fill in names for the explanation
        for entity in finding.entities:
            if entity.get("name") is None and entity.get("key") in info:
                entity["name"] = info[entity["key"]]["name"]
    ranked = score_companies(findings, info, weights)
    return ranked[:top] if top else ranked
