"""Risk ranking: weights are data, findings combine per company, common elements weigh less, and on the demo
scenario the planted networks rank above the legitimate look-alikes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from workbench.analysis.detect import Finding, run_detectors
from workbench.errors import ModelError
from workbench.store.gateway import Gateway
from workbench.analysis.network import NetworkMeasures, trade_graph_of
from workbench.analysis.risk import (COUNTERPARTY_RULE, FLOW_RULE, FORWARDER_RULE, CompanyRisk, _forwarder_findings,
                                     _network_findings, load_weights, rank, score_companies, trade_flows)

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "tests" / "fixtures" / "scenarios"
DEMO = Path(os.environ.get("WORKBENCH_TEST_DEMO", REPO / "workbench" / "demo" / "bundle"))


def write_scenario(gateway: Gateway, name: str) -> None:
    text = (SCENARIOS / f"{name}.cypher").read_text(encoding="utf-8")
    for statement in re.split(r";\s*$", text, flags=re.M):
        if statement.strip() and not all(line.strip().startswith("//") for line in statement.strip().splitlines()):
            gateway.write(statement)


def finding(rule: str, category: str, severity: str, keys: list[str], score: float) -> Finding:
    return Finding(rule, category, severity, [{"label": "Company", "key": k, "name": k.upper()} for k in keys],
                   f"{rule} names {', '.join(keys)}.", {}, score)


COMPANIES = {k: {"key": k, "name": k.upper(), "country": "MX"} for k in ("company:a", "company:b", "company:c")}


def test_weights_file_covers_every_category_and_severity() -> None:
    weights = load_weights()
    assert weights.of(finding("x", "seizure-linked", "critical", ["company:a"], 1.0)) == pytest.approx(1.0)
    assert 0 < weights.related < 1


def test_a_malformed_weights_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "weights.yaml"
    text = (REPO / "workbench" / "data" / "risk_weights.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("version: 1\n", "version: 1\ncategories: {transshipment: 0.6}\n"), encoding="utf-8")
    with pytest.raises(ModelError, match="category weights live in workbench/data/red_flags.yaml"):
        load_weights(bad)
    bad.write_text(text.replace("critical: 1.0", "critical: 3"), encoding="utf-8")
    with pytest.raises(ModelError, match="severity.critical must be a number between 0 and 1"):
        load_weights(bad)
    bad.write_text(text.replace("flowPrior: 1", "flowPrior: -1"), encoding="utf-8")
    with pytest.raises(ModelError, match="network.flowPrior must be a number of shipments"):
        load_weights(bad)
    bad.write_text(text.replace("pairRules: [shared_identifiers]", "pairRules: shared_identifiers"), encoding="utf-8")
    with pytest.raises(ModelError, match="pairRules must be a list of rule names"):
        load_weights(bad)


def test_findings_combine_as_independent_evidence_and_only_the_strongest_per_rule_counts() -> None:
    findings = [
        finding("seizure_linked", "seizure-linked", "critical", ["company:a"], 0.5),
        finding("seizure_linked", "seizure-linked", "critical", ["company:a"], 0.2),
        finding("split_shipments", "split-shipments", "medium", ["company:a", "company:b"], 1.0),
    ]
    ranked = {r.key: r for r in score_companies(findings, COMPANIES)}
    # a: 1 - (1 - 0.5) * (1 - 0.6 * 0.6) = 0.68; b is only related to the split shipments: 0.36 * 0.5 = 0.18;
    # both have direct evidence, so they score from the proximity cap (30) up: 30 + 70 x combined
    assert ranked["company:a"].score == pytest.approx(30 + 70 * 0.68, abs=0.05)
    assert ranked["company:b"].score == pytest.approx(30 + 70 * 0.18, abs=0.05)
    assert "company:c" not in ranked
    assert [f["counted"] for f in ranked["company:a"].findings] == [True, True, False]
    assert list(ranked) == ["company:a", "company:b"]


def test_proximity_alone_never_outranks_direct_evidence() -> None:
    findings = [  # b: strong proximity only (a community and a sanctioned party three hops away)
        finding("network_seizure_community", "seizure-linked", "medium", ["company:b"], 0.9),
        finding("sanctions_proximity", "sanctions-proximity", "high", ["company:b", "company:listed"], 0.5),
        # a: one weak direct finding
        finding("split_shipments", "split-shipments", "low", ["company:a"], 0.1),
    ]
    ranked = score_companies(findings, COMPANIES)
    assert [r.key for r in ranked] == ["company:a", "company:b"]
    weights = load_weights()
    assert ranked[1].score <= weights.cap < ranked[0].score
    assert {f["evidenceKind"] for f in ranked[1].findings} == {"proximity"}
    # two hops from a sanctioned party (a trade partner, a shared officer) is direct evidence
    near = score_companies([finding("sanctions_proximity", "sanctions-proximity", "high", ["company:b"], 0.75)],
                           COMPANIES)
    assert near[0].score > weights.cap and near[0].findings[0]["evidenceKind"] == "direct"


def _measures() -> NetworkMeasures:
    clients = {"company:broker": {"company:only-through": 10, "company:once": 1},
               "company:forwarder": {f"company:client-{i}": 5 for i in range(40)} | {"company:a": 2, "company:b": 2},
               "company:small": {"company:a": 3, "company:b": 3, "company:c": 3, "company:d": 3}}
    shipments = {"company:only-through": 10, "company:once": 50, "company:a": 10, "company:b": 10,
                 "company:c": 10, "company:d": 10}
    return NetworkMeasures({}, [], {}, "networkx", shipments, clients,
                           {"company:broker": 2, "company:forwarder": 0, "company:small": 0})


def test_a_seized_brokers_counterparties_weigh_by_their_share_of_trade_through_it() -> None:
    found = [f for f in _network_findings(None, load_weights(), _measures())  # type: ignore[arg-type]
             if f.rule == COUNTERPARTY_RULE]
    scores = {f.entities[0]["key"]: f.score for f in found}
    weight = load_weights().network["brokerCounterparty"]
    assert scores == {"company:only-through": pytest.approx(weight)}  # 1 in 50 is below minShareThrough
    assert "10 of its 10 shipment(s) (100%)" in found[0].explanation


def test_a_forwarder_serving_several_flagged_firms_is_evidence_but_a_big_one_with_two_is_not() -> None:
    found = _forwarder_findings({"company:a", "company:b", "company:c"}, load_weights(), _measures())
    assert [f.rule for f in found] == [FORWARDER_RULE]
    assert found[0].entities[0]["key"] == "company:small"
    assert found[0].score == pytest.approx(load_weights().network["forwarderOfFlagged"] * 0.75)


def test_a_pair_at_a_business_centre_scores_below_a_pair_sharing_a_private_phone(gateway: Gateway) -> None:
    write_scenario(gateway, "shared_identifiers_front_pair")
    gateway.write("UNWIND range(1, 3) AS i CREATE (:Company {key: 'company:bc-' + toString(i), name: 'BC ' + "
                  "toString(i)})-[:HAS_ADDRESS]->(:Address {key: 'address:bc-' + toString(i), full: 'X'})")
    gateway.write("MATCH (c:Company) WHERE c.key STARTS WITH 'company:bc-' MATCH (o:Company {key: 'company:orchid-labs'}) "
                  "MERGE (p:Phone {key: 'phone:centre', number: '+525500000000'}) "
                  "MERGE (c)-[:HAS_PHONE]->(p) MERGE (o)-[:HAS_PHONE]->(p)")
    ranked = {r.key: r.score for r in rank(gateway, with_network=False)}
    assert ranked["company:jade-harbour"] > 0
    assert ranked.get("company:orchid-labs", 0.0) < ranked["company:jade-harbour"]


def test_rank_lists_companies_only_with_their_findings_highest_first(gateway: Gateway) -> None:
    write_scenario(gateway, "goods_mismatch_cosmetic_cover")
    ranked = rank(gateway)
    assert [r.key for r in ranked] == sorted([r.key for r in ranked], key=lambda k: -next(x.score for x in ranked if x.key == k))
    assert {r.key for r in ranked} == {"company:bella-cosmeticos", "company:yellow-river"}
    top = ranked[0].to_dict()
    assert set(top) == {"key", "name", "country", "score", "findings"}
    assert top["findings"] and all(f["explanation"] for f in top["findings"])
    json.dumps([r.to_dict() for r in ranked])


# --- trade stories on a real store: who traded with whom, through which broker, and what was seized -----------

TRADE = """
UNWIND $rows AS row
MERGE (p:Company {key: row.shipper}) ON CREATE SET p.name = toUpper(substring(row.shipper, 8)), p.country = 'CN'
MERGE (c:Company {key: row.consignee}) ON CREATE SET c.name = toUpper(substring(row.consignee, 8)), c.country = 'MX'
WITH p, c, row
UNWIND range(1, row.shipments) AS i
CREATE (s:Shipment {key: 'shipment:' + row.id + '-' + toString(i), billOfLading: row.id + '-' + toString(i),
                    declarationDate: '2024-03-01', hsCode: '3824.99', goodsDescription: 'CHEMICAL', weightKg: 500.0,
                    seizedHere: i <= row.seized})
CREATE (p)-[:SHIPPED]->(s)-[:CONSIGNED_TO]->(c)
"""
ARRANGED = """
UNWIND $rows AS row
MATCH (s:Shipment) WHERE s.billOfLading STARTS WITH row.id + '-'
MERGE (b:Company:Broker {key: row.broker}) ON CREATE SET b.name = toUpper(substring(row.broker, 8)), b.country = 'MX',
                                                       b.isBroker = true
CREATE (b)-[:ARRANGED]->(s)
"""
NOTIFY = """
UNWIND $rows AS row
MATCH (s:Shipment) WHERE s.billOfLading STARTS WITH row.id + '-'
MERGE (n:Company {key: row.notify}) ON CREATE SET n.name = toUpper(substring(row.notify, 8)), n.country = 'MX'
CREATE (s)-[:NOTIFY_PARTY]->(n)
"""
SEIZE = """
MATCH (s:Shipment {seizedHere: true})
CREATE (z:Seizure {key: 'seizure:' + s.billOfLading, seizureId: 'Z-' + s.billOfLading, date: '2024-03-20',
                   agency: 'ANAM'})
CREATE (z)-[:SEIZED_FROM]->(s)
"""


def trade(gateway: Gateway, *flows: tuple[str, str, int, str | None, int, str | None]) -> None:
    """Write shipments: (shipper, consignee, how many, broker or None, how many of them seized, notify party)."""
    rows = [{"id": f"T{i}", "shipper": f"company:{shipper}", "consignee": f"company:{consignee}",
             "shipments": count, "seized": seized, "broker": f"company:{broker}" if broker else None,
             "notify": f"company:{notify}" if notify else None}
            for i, (shipper, consignee, count, broker, seized, notify) in enumerate(flows)]
    gateway.write(TRADE, {"rows": rows})
    gateway.write(ARRANGED, {"rows": [r for r in rows if r["broker"]]})
    gateway.write(NOTIFY, {"rows": [r for r in rows if r["notify"]]})
    gateway.write(SEIZE)


def flagged(*keys: str, rule: str = "unnotified_controlled_import",
            category: str = "unnotified-controlled-chemical") -> list[Finding]:
    """Detector findings of their own for the named firms (the detectors are tested in test_detectors.py), with
    the evidence an unnotified-import finding carries."""
    evidence = {"count": 3, "objectedNotifications": 0, "shipments": [{"chemical": "N-phenethyl-4-piperidone"}] * 3}
    return [Finding(rule, category, "high", [{"label": "Company", "key": f"company:{k}", "name": k.upper()}],
                    f"{k.upper()} received 3 shipment(s) of scheduled chemicals.", evidence, 1.0) for k in keys]


def by_key(ranked: list[CompanyRisk]) -> dict[str, CompanyRisk]:
    return {r.key.removeprefix("company:"): r for r in ranked}


def explained(item: dict, lang: str) -> str:
    """A ranked finding's explanation as an investigator reads it, in ``lang``."""
    fields = ("rule", "category", "severity", "entities", "explanation", "evidence", "score")
    return Finding(**{k: item[k] for k in fields}).explanation_in(lang)


def test_a_seized_brokers_counterparties_rank_by_their_share_of_trade_through_it_and_its_seizure_rate(
        gateway: Gateway) -> None:
    trade(gateway,
          # a small broker: 3 of its 12 shipments seized
          ("all-through", "buyer-1", 6, "small-broker", 2, None),
          ("half-through", "buyer-2", 3, "small-broker", 1, None),
          ("half-through", "buyer-3", 3, None, 0, None),
          ("once-through", "buyer-4", 3, "small-broker", 0, None),
          ("once-through", "buyer-5", 17, None, 0, None),
          # a big forwarder: one seizure among 200 shipments, and a client that uses only it
          ("busy-1", "buyer-6", 100, "big-forwarder", 1, None),
          ("busy-2", "buyer-7", 96, "big-forwarder", 0, None),
          ("loyal-client", "buyer-8", 4, "big-forwarder", 0, None))
    ranked = by_key(rank(gateway, findings=[]))
    assert ranked["all-through"].score > ranked["half-through"].score > ranked["once-through"].score
    counted = {f["rule"]: f for f in ranked["all-through"].findings}
    # trading only through a big forwarder with one seizure in 200 weighs far less than through the small broker
    loyal = {f["rule"]: f for f in ranked["loyal-client"].findings}
    assert loyal[COUNTERPARTY_RULE]["contribution"] < counted[COUNTERPARTY_RULE]["contribution"] / 5
    assert loyal[COUNTERPARTY_RULE]["evidenceKind"] == "proximity"  # so it does not lift the firm above the cap
    assert ranked["loyal-client"].score <= load_weights().cap < ranked["half-through"].score
    assert explained(counted[COUNTERPARTY_RULE], "en").startswith(
        "6 of its 6 shipment(s) (100%) went through SMALL-BROKER, a broker with 3 seized shipment(s) of the 12 it "
        "arranged (25%)")


def test_the_trade_graph_counts_each_shipment_once_whatever_its_notify_parties(gateway: Gateway) -> None:
    """The network measures are built from the same flow rows as the flow findings (one walk of the shipments);
    a pair's shipments split over rows by their notify parties still add up to the pair's shipments."""
    trade(gateway,
          ("maker", "importer", 3, "agent", 1, "logistics-arm"),
          ("maker", "importer", 2, "agent", 0, None),
          ("maker", "importer", 4, None, 0, "logistics-arm"),
          ("other-maker", "importer", 1, None, 0, None))
    flows = trade_flows(gateway)
    assert len([f for f in flows if f.shipper == "company:maker"]) == 3  # split by broker and notify parties
    graph = trade_graph_of(flows)
    assert graph.graph["company:maker"]["company:importer"]["weight"] == 9
    assert graph.graph["company:maker"]["company:agent"]["weight"] == 5
    assert graph.graph["company:agent"]["company:importer"]["weight"] == 5
    assert "company:logistics-arm" not in graph.graph  # a notify party is not a trading link
    assert graph.shipments == {"company:maker": 9, "company:importer": 10, "company:other-maker": 1}
    assert graph.broker_clients == {"company:agent": {"company:maker": 5, "company:importer": 5}}
    assert (graph.broker_shipments, graph.broker_seized) == ({"company:agent": 5}, {"company:agent": 1})
    assert graph.seizure_linked == {"company:maker": 1, "company:importer": 1, "company:agent": 1}


def test_a_forwarder_is_weighed_by_the_part_of_its_shipments_for_several_flagged_firms(gateway: Gateway) -> None:
    trade(gateway,
          # both forwarders serve three flagged importers and three others; for the first they are most of its work
          *[(f"supplier-{k}", k, 4, "fronts-forwarder", 0, None) for k in ("front-a", "front-b", "front-c")],
          *[(f"supplier-{k}", k, 1, "fronts-forwarder", 0, None) for k in ("shop-a", "shop-b", "shop-c")],
          *[(f"supplier-{k}", k, 1, "busy-forwarder", 0, None) for k in ("front-d", "front-e", "front-f")],
          *[(f"supplier-{k}", k, 4, "busy-forwarder", 0, None) for k in ("shop-d", "shop-e", "shop-f")])
    ranked = by_key(rank(gateway, findings=flagged(*(f"front-{x}" for x in "abcdef"))))
    assert ranked["fronts-forwarder"].score > ranked["busy-forwarder"].score + 20 > load_weights().cap
    fronts = {f["rule"]: f for f in ranked["fronts-forwarder"].findings}[FORWARDER_RULE]
    assert fronts["evidenceKind"] == "direct"
    assert explained(fronts, "en").startswith("Arranged 12 of its 15 shipment(s) (80%) for 3 of its 12 clients")


def test_trade_with_flagged_firms_is_evidence_and_proximity_alone_stays_below_it(gateway: Gateway) -> None:
    trade(gateway,
          # a flagged importer and a supplier that sells only to it
          ("sole-supplier", "flagged-importer", 5, None, 0, None),
          # a trader re-exporting a flagged supplier's goods to two buyers
          ("flagged-supplier", "hk-trader", 4, None, 0, None),
          ("hk-trader", "buyer-1", 2, None, 0, None),
          ("hk-trader", "buyer-2", 2, None, 0, None),
          # a logistics arm named as notify party on the flagged importer's bills of lading, and nothing else
          ("other-supplier", "flagged-importer", 3, None, 0, "logistics-arm"),
          # a benign firm that sold the flagged importer three lots among ten, and sits in a seizure community
          ("benign", "flagged-importer", 3, None, 0, None),
          ("benign", "buyer-3", 7, None, 0, None),
          ("benign", "seized-buyer", 2, None, 1, None),
          ("seized-supplier", "seized-buyer", 2, None, 1, None))
    findings = flagged("flagged-importer") + flagged("flagged-supplier", rule="goods_mismatch_seizure",
                                                     category="goods-mismatch")
    ranked = by_key(rank(gateway, findings=findings))
    cap = load_weights().cap
    for key in ("sole-supplier", "hk-trader", "logistics-arm"):
        flow = {f["rule"]: f for f in ranked[key].findings}[FLOW_RULE]
        assert flow["evidenceKind"] == "direct", key
        assert ranked[key].score > cap > ranked["benign"].score, key
    assert ranked["sole-supplier"].score > ranked["hk-trader"].score  # all its trade against half
    assert {f["evidenceKind"] for f in ranked["benign"].findings} == {"proximity"}
    assert {f["rule"] for f in ranked["benign"].findings} >= {FLOW_RULE}


def test_every_finding_of_the_ranking_is_explained_in_english_and_spanish(gateway: Gateway) -> None:
    trade(gateway,
          ("sole-supplier", "flagged-importer", 5, "small-broker", 1, None),
          ("sole-supplier", "other-importer", 1, "small-broker", 0, None),
          ("flagged-supplier", "flagged-importer", 3, "small-broker", 0, None))
    ranked = rank(gateway, findings=flagged("flagged-importer", "flagged-supplier"))
    rules = set()
    for risk in ranked:
        for item in risk.findings:
            english, spanish = explained(item, "en"), explained(item, "es")
            assert english and spanish and english != spanish, item
            rules.add(item["rule"])
    assert {FLOW_RULE, COUNTERPARTY_RULE, FORWARDER_RULE} <= rules
    sole = next(r for r in ranked if r.key == "company:sole-supplier")
    flow = next(f for f in sole.findings if f["rule"] == FLOW_RULE)
    assert explained(flow, "es").startswith("5 de sus 6 envíos (83 %) fueron con empresas que tienen hallazgos propios: "
                              "FLAGGED-IMPORTER")


def test_a_pair_sharing_identifiers_weighs_on_both_firms_alike() -> None:
    pair = finding("shared_identifiers", "shared-identifiers", "medium", ["company:a", "company:b"], 1.0)
    ranked = {r.key: r.score for r in score_companies([pair], COMPANIES)}
    assert ranked["company:a"] == ranked["company:b"] > load_weights().cap


# --- the demo scenario -----------------------------------------------------------------------------------------

@pytest.fixture
def demo_gateway(demo_store) -> Gateway:  # type: ignore[no-untyped-def]
    """The demo bundle, ingested once for the session (tests/conftest.py); these tests only read it."""
    return demo_store[0]


def _truth() -> tuple[set[str], set[str], list[dict]]:
    """Planted companies (every plant's expected firms) and look-alikes, as name keys."""
    from workbench.normalize import company_name_key  # noqa: PLC0415

    truth = json.loads((DEMO / "ground_truth.json").read_text(encoding="utf-8"))
    bad = {company_name_key(n) for plant in truth["plants"] for n in plant["expected"]}
    legit = {company_name_key(n) for network in truth["networks"] for n in network["lookalikes_not_flagged"]}
    return bad, legit, truth["plants"]


def test_every_detector_fires_on_the_demo_scenario(demo_gateway: Gateway) -> None:
    detection = run_detectors(demo_gateway, strict=True)
    # inspection_findings reads what officers record after the fact (workbench inspect); the demo has none yet
    silent = [run.rule for run in detection.runs if run.findings == 0 and run.rule != "inspection_findings"]
    assert not silent, f"detectors with no finding on the demo scenario: {silent}"


def test_planted_bad_actors_rank_above_the_legitimate_look_alikes(demo_gateway: Gateway) -> None:
    from workbench.normalize import company_name_key  # noqa: PLC0415

    bad, legit, plants = _truth()
    assert bad and legit and not bad & legit
    scores: dict[str, float] = {}
    for risk in rank(demo_gateway):
        name_key = company_name_key(risk.name or "")
        scores[name_key] = max(scores.get(name_key, 0.0), risk.score)
    highest_legit = max(scores.get(k, 0.0) for k in legit)
    bad_scores = sorted((scores.get(k, 0.0) for k in bad), reverse=True)
    assert bad_scores[len(bad_scores) // 2] > highest_legit + 30, (bad_scores, highest_legit)
    for plant in plants:  # each planted story puts at least one of its firms above every look-alike
        best = max(scores.get(company_name_key(n), 0.0) for n in plant["expected"])
        assert best > highest_legit, (plant["network"], plant["category"], best, highest_legit)


def test_category_weights_come_from_the_one_definition_of_the_red_flags() -> None:
    from workbench.red_flags import load_categories  # noqa: PLC0415

    assert load_weights().categories == {c.id: c.weight for c in load_categories().values()}
