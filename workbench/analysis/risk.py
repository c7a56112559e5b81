"""A risk score per company, combining its findings with weights kept as data (data/risk_weights.yaml).

For each finding that names a company::

    contribution = category weight (or rule override) x severity factor x finding score x role

where the finding score (0..1) is already discounted by its detector for common shared elements, and role is 1
for the finding's subject (its first entity) and ``related`` for the other companies it names. Per rule only the
strongest contribution counts, and rules combine as independent evidence::

    risk = 100 x (1 - product over rules (1 - contribution))

Network measures add evidence weighted by how specific it is (weights in the same file):

* a seized-on broker's betweenness;
* a seized broker's counterparties, each in proportion to the part of its trade that went through that broker
  (a firm that trades only through it weighs fully, a firm with one shipment in fifty hardly at all) and to the
  part of the broker's shipments that were seized (one seizure among thousands of shipments says little about a
  big broker's clients);
* a forwarder that arranged shipments for several firms with direct findings, in proportion to the part of its
  shipments that were for them (a big forwarder with one flagged client among dozens is not evidence);
* trade with flagged firms: a firm whose shipments went to, came from or named as notify party firms with direct
  findings of their own (a supplier of an importer flagged for unnotified imports, a trader re-exporting a flagged
  supplier's goods, a logistics arm named on a flagged importer's bills of lading), in proportion to the part of
  its trade those shipments are and to the strength of those firms' findings (``flowPrior`` adds that many
  unflagged shipments to every firm, so one shipment out of one is not read as a whole trade);
* membership of a small trade community with several seizure-linked firms.

A firm's *strength* (what its trade partners inherit) is the combination of the detector findings it is the
subject of, as below but without the cap; a rule listed in ``pairRules`` (two firms sharing identifiers: neither
is the other's context) makes every company it names a subject.

**Proximity alone never outranks direct evidence.** Community membership and sanctions proximity at three hops
or more (``proximity`` in the weights file) say where a firm sits, not what it did. A company whose only findings
are proximity scores at most ``proximity.cap``; a company with direct evidence scores from ``proximity.cap`` up::

    direct:         risk = cap + (100 - cap) x (1 - product over all its rules (1 - contribution))
    proximity only: risk = cap x (1 - product over its rules (1 - contribution))

Every score is explained by the list of findings behind it, each marked direct or proximity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping


from workbench.store import queries
from workbench.red_flags import load_categories
from workbench.store.catalogue import SEVERITIES
from workbench.analysis.detect import Finding, run_detectors
from workbench.analysis.flows import Flow, trade_flows
from workbench.errors import ModelError, QueryError
from workbench.store.gateway import Gateway
from workbench.datafiles import read_mapping

WEIGHTS_PATH = Path(__file__).parent.parent / "data" / "risk_weights.yaml"
COMMUNITY_RULE = "network_seizure_community"
BETWEENNESS_RULE = "network_broker_betweenness"
COUNTERPARTY_RULE = "network_seized_broker_counterparty"
FORWARDER_RULE = "network_forwarder_of_flagged"
FLOW_RULE = "network_trade_with_flagged"
NETWORK_RULES = (COMMUNITY_RULE, BETWEENNESS_RULE, COUNTERPARTY_RULE, FORWARDER_RULE, FLOW_RULE)


@dataclass(frozen=True)
class Weights:
    severity: dict[str, float]
    categories: dict[str, float]
    rules: dict[str, float]
    related: float
    network: dict[str, float]
    proximity_rules: frozenset[str] = frozenset({COMMUNITY_RULE})
    proximity_max_score: dict[str, float] = field(default_factory=dict)  # rule -> finding score at or below it
    cap: float = 30.0
    pair_rules: frozenset[str] = frozenset()  # rules whose every company is a subject

    def is_subject(self, finding: Finding, key: str) -> bool:
        """True when ``key`` is what ``finding`` is about (its first company, or any company of a pair rule)."""
        if finding.rule in self.pair_rules:
            return True
        return bool(finding.entities) and finding.entities[0].get("key") == key

    def is_proximity(self, finding: Finding) -> bool:
        """True for evidence of where a firm sits rather than of what it did (see the module docstring)."""
        if finding.rule in self.proximity_rules:
            return True
        limit = self.proximity_max_score.get(finding.rule)
        return limit is not None and finding.score <= limit

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
    data = read_mapping(path, "the risk weights")
    severity = {k: _fraction(path, f"severity.{k}", v) for k, v in (data.get("severity") or {}).items()}
    if set(severity) != set(SEVERITIES):
        raise ModelError(f"{path}: severity needs exactly {', '.join(SEVERITIES)}.")
    if "categories" in data:
        raise ModelError(f"{path}: category weights live in workbench/data/red_flags.yaml (one definition of the "
                         "red-flag categories); remove `categories` here.")
    categories = {category.id: category.weight for category in load_categories().values()}
    rules = {k: _fraction(path, f"rules.{k}", v) for k, v in (data.get("rules") or {}).items()}
    network = dict(data.get("network") or {})
    for key in ("seizureCommunity", "brokerBetweenness", "brokerCounterparty", "forwarderOfFlagged",
                "minFlaggedShare", "minShareThrough", "tradeWithFlagged", "minFlaggedTrade"):
        network[key] = _fraction(path, f"network.{key}", network.get(key, 0.0))
    # a broker whose seized share of shipments reaches this taints its counterparties fully (1: any seizure does)
    network["brokerSeizedRateFull"] = _fraction(path, "network.brokerSeizedRateFull",
                                                network.get("brokerSeizedRateFull", 1.0))
    if network["brokerSeizedRateFull"] <= 0:
        raise ModelError(f"{path}: network.brokerSeizedRateFull must be above 0.")
    prior = network.get("flowPrior", 0)
    if isinstance(prior, bool) or not isinstance(prior, (int, float)) or prior < 0:
        raise ModelError(f"{path}: network.flowPrior must be a number of shipments, 0 or more, not {prior!r}.")
    network["flowPrior"] = float(prior)
    for key in ("minSeizureLinked", "maxCommunitySize", "minFlaggedClients", "minBrokerSeizures"):
        if not isinstance(network.get(key, 1), int) or network.get(key, 1) < 1:
            raise ModelError(f"{path}: network.{key} must be a positive whole number.")
        network[key] = network.get(key, 1)
    proximity = data.get("proximity") or {}
    if not isinstance(proximity, dict):
        raise ModelError(f"{path}: proximity must be a mapping.")
    rules_p = proximity.get("rules", [COMMUNITY_RULE])
    if not isinstance(rules_p, list) or not all(isinstance(r, str) for r in rules_p):
        raise ModelError(f"{path}: proximity.rules must be a list of rule names.")
    below = {str(k): _fraction(path, f"proximity.maxScore.{k}", v)
             for k, v in (proximity.get("maxScore") or {}).items()}
    cap = proximity.get("cap", 30)
    if isinstance(cap, bool) or not isinstance(cap, (int, float)) or not 0 < cap < 100:
        raise ModelError(f"{path}: proximity.cap must be a number between 0 and 100, not {cap!r}.")
    pairs = data.get("pairRules", [])
    if not isinstance(pairs, list) or not all(isinstance(r, str) for r in pairs):
        raise ModelError(f"{path}: pairRules must be a list of rule names.")
    return Weights(severity, categories, rules, _fraction(path, "related", data.get("related", 0.5)), network,
                   frozenset(rules_p), below, float(cap), frozenset(pairs))


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


def _network_findings(gateway: Gateway, weights: Weights, measures: Any = None) -> list[Finding]:
    """Network measures phrased as findings, so they are explained like the rest."""
    if measures is None:
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
    if w["brokerCounterparty"] > 0:
        for broker, clients in sorted(measures.broker_clients.items()):
            seized = measures.broker_seized.get(broker, 0)
            if seized < w["minBrokerSeizures"]:
                continue
            rate = measures.seized_rate(broker)
            taint = min(1.0, rate / w["brokerSeizedRateFull"])
            arranged = max(measures.broker_shipments.get(broker, 0), seized)
            for key, via in sorted(clients.items()):
                share = measures.share_through(broker, key)
                if share < w["minShareThrough"]:
                    continue
                found.append(Finding(
                    rule=COUNTERPARTY_RULE, category="broker-hub", severity="medium",
                    entities=[{"label": "Company", "key": key, "name": None},
                              {"label": "Company", "key": broker, "name": None}],
                    explanation=(f"{via} of its {measures.shipments.get(key, 0)} shipment(s) ({share:.0%}) went "
                                 f"through a broker with {seized} seized shipment(s) of the {arranged} it arranged "
                                 f"({rate:.0%}); weighed by both."),
                    evidence={"measure": "brokerCounterparty", "broker": broker, "shipmentsThrough": via,
                              "shipments": measures.shipments.get(key, 0), "share": round(share, 3),
                              "brokerSeizedShipments": seized, "brokerShipments": arranged,
                              "brokerSeizedRate": round(rate, 4)},
                    score=round(w["brokerCounterparty"] * share * taint, 3)))
    return found


@dataclass(frozen=True)
class Strength:
    """How strongly a firm's own detector findings mark it (0..1), and the strongest of them."""

    value: float
    finding: Finding


def firm_strength(findings: Iterable[Finding], weights: Weights) -> dict[str, Strength]:
    """Per company, its detector findings as subject combined like the risk score (without the cap): what its
    trade partners and forwarders inherit. Network findings and proximity are left out, so evidence travels one
    step from a detector's finding and never from where a firm merely sits."""
    best: dict[str, dict[str, tuple[float, Finding]]] = {}
    for finding in findings:
        if finding.rule in NETWORK_RULES or weights.is_proximity(finding):
            continue
        value = weights.of(finding) * finding.score
        if value <= 0:
            continue
        for key in dict.fromkeys(e["key"] for e in finding.entities if e.get("label") == "Company" and e.get("key")):
            if not weights.is_subject(finding, key):
                continue
            held = best.setdefault(key, {}).get(finding.rule)
            if held is None or value > held[0]:
                best[key][finding.rule] = (value, finding)
    out = {}
    for key, by_rule in best.items():
        remaining = 1.0
        for value, _ in by_rule.values():
            remaining *= 1.0 - min(value, 1.0)
        out[key] = Strength(1.0 - remaining, max(by_rule.values(), key=lambda item: item[0])[1])
    return out


def _strength_of(flagged: Mapping[str, Strength] | Iterable[str], key: str) -> float:
    if isinstance(flagged, Mapping):
        held = flagged.get(key)
        return held.value if held is not None else 0.0
    return 1.0 if key in flagged else 0.0


def _forwarder_findings(flagged: Mapping[str, Strength] | Iterable[str], weights: Weights, measures: Any,
                        flows: Iterable[Flow] | None = None) -> list[Finding]:
    """Brokers that arranged shipments for several firms with direct findings, weighed by the part of the broker's
    shipments that were for them (with ``flows``; else by the part of its clients they are)."""
    w = weights.network
    found: list[Finding] = []
    if w["forwarderOfFlagged"] <= 0:
        return found
    flagged = flagged if isinstance(flagged, Mapping) else set(flagged)
    per_broker: dict[str, list[Flow]] = {}
    for flow in flows or ():
        if flow.broker:
            per_broker.setdefault(flow.broker, []).append(flow)
    for broker, clients in sorted(measures.broker_clients.items()):
        names = sorted(k for k in clients if _strength_of(flagged, k) > 0)
        if broker in per_broker:
            total = sum(f.shipments for f in per_broker[broker])
            marked = [f for f in per_broker[broker] if any(_strength_of(flagged, k) > 0 for k in f.parties)]
            through = sum(f.shipments for f in marked)
            share = through / total if total else 0.0
            evidence = {"measure": "forwarderOfFlagged", "flaggedClients": names[:25], "clients": len(clients),
                        "shipments": total, "flaggedShipments": through, "share": round(share, 3)}
            explanation = (f"Arranged {through} of its {total} shipment(s) ({share:.0%}) for {len(names)} of its "
                           f"{len(clients)} clients that have findings of their own; weighed by that share.")
        else:
            share = len(names) / len(clients) if clients else 0.0
            evidence = {"measure": "forwarderOfFlagged", "flaggedClients": names[:25], "clients": len(clients),
                        "share": round(share, 3)}
            explanation = (f"Arranged shipments for {len(names)} of its {len(clients)} clients ({share:.0%}) that "
                           "have findings of their own; weighed by that share.")
        if len(names) < w["minFlaggedClients"] or share < w["minFlaggedShare"]:
            continue
        found.append(Finding(
            rule=FORWARDER_RULE, category="broker-hub", severity="medium",
            entities=[{"label": "Company", "key": broker, "name": None}]
            + [{"label": "Company", "key": k, "name": None} for k in names[:10]],
            explanation=explanation, evidence=evidence, score=round(w["forwarderOfFlagged"] * share, 3)))
    return found


def _flow_findings(flagged: Mapping[str, Strength], weights: Weights, flows: Iterable[Flow],
                   brokers: Iterable[str] = ()) -> list[Finding]:
    """Firms whose trade was with firms that have direct findings, weighed by the part of their trade it was and
    by the strength of those findings (brokers are measured by the forwarder rule instead)."""
    w = weights.network
    if w["tradeWithFlagged"] <= 0:
        return []
    skip = set(brokers) | {f.broker for f in flows if f.broker}
    total: dict[str, int] = {}
    marked: dict[str, int] = {}
    weighted: dict[str, float] = {}
    partners: dict[str, dict[str, int]] = {}
    for flow in flows:
        parties = flow.parties
        for key in parties - skip:
            total[key] = total.get(key, 0) + flow.shipments
            others = {k: _strength_of(flagged, k) for k in parties - {key}}
            top = max(others.values(), default=0.0)
            if top <= 0:
                continue
            marked[key] = marked.get(key, 0) + flow.shipments
            weighted[key] = weighted.get(key, 0.0) + top * flow.shipments
            for other, value in others.items():
                if value > 0:
                    partners.setdefault(key, {})[other] = partners.setdefault(key, {}).get(other, 0) + flow.shipments
    found = []
    for key in sorted(weighted):
        share = marked[key] / total[key]
        if share < w["minFlaggedTrade"]:
            continue
        flow_score = weighted[key] / (total[key] + w["flowPrior"])
        named = sorted(partners[key].items(), key=lambda item: (-_strength_of(flagged, item[0]) * item[1], item[0]))
        strongest = flagged[named[0][0]].finding
        found.append(Finding(
            rule=FLOW_RULE, category=strongest.category, severity="medium",
            entities=[{"label": "Company", "key": key, "name": None}]
            + [{"label": "Company", "key": k, "name": None} for k, _ in named[:5]],
            explanation=(f"{marked[key]} of its {total[key]} shipment(s) ({share:.0%}) were traded with "
                         f"{len(named)} firm(s) that have findings of their own; weighed by that share and by the "
                         "strength of their findings."),
            evidence={"measure": "tradeWithFlagged", "shipments": total[key], "flaggedShipments": marked[key],
                      "share": round(share, 3), "weightedShare": round(flow_score, 3),
                      "partners": [{"key": k, "shipments": n, "strength": round(_strength_of(flagged, k), 3),
                                    "rule": flagged[k].finding.rule, "category": flagged[k].finding.category}
                                   for k, n in named[:10]]},
            score=round(w["tradeWithFlagged"] * flow_score, 3)))
    return found


def _contribution(finding: Finding, key: str, weights: Weights) -> float:
    if finding.rule in NETWORK_RULES:
        if finding.entities and finding.entities[0].get("key") != key:
            return 0.0  # a network finding weighs on its subject only; the others are named as context
        return finding.score
    role = 1.0 if weights.is_subject(finding, key) else weights.related
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
        direct = any(not weights.is_proximity(f) for _, f in by_rule.values())
        combined = 1.0 - remaining
        score = weights.cap + (100.0 - weights.cap) * combined if direct else weights.cap * combined
        info = companies[key]
        listed = sorted(explained[key], key=lambda item: -item[0])
        ranked.append(CompanyRisk(
            key=key, name=info.get("name"), country=info.get("country"), score=round(score, 1),
            findings=[{**f.to_dict(), "contribution": round(v, 4), "counted": by_rule[f.rule][1] is f,
                       "evidenceKind": "proximity" if weights.is_proximity(f) else "direct"} for v, f in listed]))
    ranked.sort(key=lambda r: (-r.score, r.key))
    return ranked


def company_info(gateway: Gateway, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    keys = sorted(set(keys))
    if not keys:
        return {}
    rows = queries.run(gateway, "risk_companies", {"keys": keys}, row_cap=len(keys) + 1, timeout=600)
    return {row["key"]: row for row in rows.raise_for_status().data()}


def rank(gateway: Gateway, *, findings: list[Finding] | None = None, weights: Weights | None = None,
         with_network: bool = True, top: int | None = None, home: Path | None = None) -> list[CompanyRisk]:
    """Run the detectors (unless findings are given; with ``home``, the findings kept for the store's version when
    current: :mod:`workbench.analysis.snapshot`), add network measures, and rank companies. The trade flows behind
    the network measures are read once, and with ``home`` kept per store version like the findings."""
    weights = weights or load_weights()
    if findings is None:
        if home is None:
            findings = run_detectors(gateway, strict=True).findings
        else:
            from workbench.analysis import snapshot  # noqa: PLC0415

            detection = snapshot.detection(gateway, home)
            if detection.failed:
                run = detection.failed[0]
                raise QueryError(f"Detector {run.rule} failed: {run.message}")
            findings = detection.findings
    findings = list(findings)
    if with_network:
        from workbench.analysis import network  # noqa: PLC0415 - networkx loads only when risk runs

        from workbench.analysis import snapshot  # noqa: PLC0415

        flows = snapshot.trade_flows(gateway, home)  # read afresh without a home
        measures = network.measure_trade(network.trade_graph_of(flows), gateway)
        flagged = firm_strength(findings, weights)
        findings += _network_findings(gateway, weights, measures)
        findings += _forwarder_findings(flagged, weights, measures, flows)
        findings += _flow_findings(flagged, weights, flows, measures.broker_clients)
    keys = {e["key"] for f in findings for e in f.entities if e.get("label") == "Company" and e.get("key")}
    info = company_info(gateway, keys)
    for finding in findings:  # network findings carry keys only; fill in names for the explanation
        for entity in finding.entities:
            if entity.get("name") is None and entity.get("key") in info:
                entity["name"] = info[entity["key"]]["name"]
    ranked = score_companies(findings, info, weights)
    return ranked[:top] if top else ranked
