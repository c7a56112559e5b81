"""Every detector against a named story where it must fire and a look-alike legitimate one where it must not.

The scenario graphs live in tests/fixtures/scenarios/ (one .cypher file per story, written as ingest writes).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbench.store.catalogue import CATEGORIES, load_catalogue
from workbench.analysis.detect import Finding, detectors, run_detectors
from workbench.errors import CatalogueError
from workbench.store.gateway import Gateway

SCENARIOS = Path(__file__).parent.parent / "fixtures" / "scenarios"


def write_scenario(gateway: Gateway, name: str) -> None:
    """Write one scenario graph; its statements are separated by lines ending in `;`."""
    text = (SCENARIOS / f"{name}.cypher").read_text(encoding="utf-8")
    for statement in re.split(r";\s*$", text, flags=re.M):
        if statement.strip() and not all(line.strip().startswith("//") for line in statement.strip().splitlines()):
            gateway.write(statement)


@dataclass(frozen=True)
class Story:
    rule: str
    fires: str  # scenario where the rule must fire
    flagged: tuple[str, ...]  # keys that one finding must name together
    quiet: str  # look-alike legitimate scenario
    spared: tuple[str, ...]  # keys no finding of the rule may name there ("*": no finding at all)


STORIES = [
    Story("shared_identifiers", "shared_identifiers_front_pair", ("company:jade-harbour", "company:lotus-fine"),
          "shared_identifiers_registered_agent", ("*",)),
    Story("successor_front", "successor_front_phoenix", ("company:new-dawn", "company:old-dragon"),
          "successor_front_older_sister", ("*",)),
    Story("goods_mismatch_seizure", "goods_mismatch_cosmetic_cover", ("shipment:MSCU1001", "company:bella-cosmeticos"),
          "goods_mismatch_as_declared", ("*",)),
    Story("vague_precursor_declarations", "vague_pharma_intermediate", ("company:distribuidora-delta",),
          "vague_food_additive", ("*",)),
    Story("unnotified_controlled_import", "unnotified_npp", ("company:quimica-sombra",),
          "unnotified_approved_pen", ("*",)),
    Story("company_shopping", "shopping_new_supplier", ("company:quimica-sombra", "company:blue-mountain"),
          "shopping_other_goods", ("*",)),
    Story("transshipment_routing", "transshipment_via_guatemala", ("company:quimica-sombra",),
          "transshipment_hub_ports", ("*",)),
    Story("broker_hub", "broker_small_hub_seized", ("company:swift-bridge",),
          "broker_big_forwarder", ("*",)),
    Story("sanctions_proximity", "sanctions_customer_of_listed", ("company:quimica-sombra", "company:old-dragon"),
          "sanctions_registered_agent", ("*",)),
    Story("seizure_linked", "seizure_consignee", ("company:quimica-sombra",),
          "seizure_bystanders", ("company:customs-agent-mx", "company:farmaceutica-azteca")),
    Story("new_importer_surge", "surge_new_consignee", ("company:importadora-nueva",),
          "surge_established_importer", ("*",)),
    Story("split_shipments", "split_small_lots", ("company:yellow-river", "company:quimica-sombra"),
          "split_bulk_and_samples", ("*",)),
    # issue 16: red flags of FinCEN FIN-2019-A006 / FIN-2024-A002, INCB and DEA guidance
    Story("sector_mismatch", "sector_textile_importer", ("company:hilados-del-bajio",),
          "sector_chemical_distributor", ("*",)),
    Story("foreign_phone", "phone_prc_on_mexican_firm", ("company:quimica-sombra",),
          "phone_home_numbers", ("*",)),
    Story("shell_indicators", "shell_residential_front", ("company:casa-fachada",),
          "shell_single_indicator", ("*",)),
    Story("supplier_concentration", "concentration_prc_only", ("company:importadora-china-mex",),
          "concentration_diversified", ("*",)),
    Story("relabelling", "relabel_trader_vague",
          ("company:harbour-trading", "company:quimica-sombra", "company:yellow-river"),
          "relabel_own_goods", ("*",)),
    Story("small_parcels", "parcels_repeated_courier", ("company:paqueteria-rosa",),
          "parcels_lab_sample", ("*",)),
    Story("payment_funnel", "payments_funnel_many_senders", ("company:harbour-trading", "person:sender-1"),
          "payments_supplier_customers", ("*",)),
    Story("payment_structuring", "payments_just_under_threshold", ("company:quimica-sombra",),
          "payments_round_invoices", ("*",)),
    Story("virtual_currency_chemical_sellers", "payments_crypto_to_chemical_seller",
          ("company:quimica-sombra", "company:yellow-river"), "payments_crypto_to_electronics", ("*",)),
    Story("payment_to_listed", "payments_to_listed_supplier", ("company:quimica-sombra", "company:old-dragon"),
          "payments_to_namesake", ("*",)),
    Story("cover_commodities", "cover_dog_food_from_chemical_supplier",
          ("company:yellow-river", "company:mascotas-felices"), "cover_food_exporter_dog_food", ("*",)),
    Story("inspection_findings", "inspection_seizure_at_port", ("company:quimica-sombra",),
          "inspection_nothing_found", ("*",)),
]


def findings_of(gateway: Gateway, rule: str) -> list[Finding]:
    detection = run_detectors(gateway, [rule], strict=True)
    return detection.findings


def test_every_detector_has_a_story_and_every_category_a_detector() -> None:
    rules = {q.id for q in detectors()}
    assert rules == {s.rule for s in STORIES}, "a detector without a fire/no-fire story (or a story without a detector)"
    assert {q.category for q in detectors()} == set(CATEGORIES)


@pytest.mark.parametrize("story", STORIES, ids=[s.rule for s in STORIES])
def test_detector_fires_on_its_story(gateway: Gateway, story: Story) -> None:
    write_scenario(gateway, story.fires)
    findings = findings_of(gateway, story.rule)
    matching = [f for f in findings if set(story.flagged) <= set(f.keys)]
    assert matching, f"{story.rule} did not flag {story.flagged} in {story.fires}: {[f.keys for f in findings]}"
    finding = matching[0]
    query = load_catalogue()[story.rule]
    assert (finding.category, finding.severity) == (query.category, query.severity)
    assert 0.0 < finding.score <= 1.0
    assert finding.explanation.endswith(".") and len(finding.explanation) > 30
    assert all(e["label"] and e["key"] and e["name"] for e in finding.entities)
    assert finding.evidence
    json.dumps(finding.to_dict())  # findings go out as JSON unchanged


@pytest.mark.parametrize("story", STORIES, ids=[s.rule for s in STORIES])
def test_detector_spares_the_look_alike(gateway: Gateway, story: Story) -> None:
    write_scenario(gateway, story.quiet)
    findings = findings_of(gateway, story.rule)
    if story.spared == ("*",):
        assert findings == [], f"{story.rule} flagged the legitimate story {story.quiet}: {findings}"
    else:
        wrongly = [f for f in findings if set(story.spared) & set(f.keys)]
        assert not wrongly, f"{story.rule} flagged bystanders in {story.quiet}: {wrongly}"


def test_shared_identifier_weight_falls_with_how_common_the_element_is(gateway: Gateway) -> None:
    write_scenario(gateway, "shared_identifiers_front_pair")
    gateway.write("MATCH (p:Phone {key: 'phone:+8613800000001'}) "
                  "UNWIND range(1, 2) AS i CREATE (:Company {key: 'company:extra-' + toString(i), "
                  "name: 'EXTRA ' + toString(i)})-[:HAS_PHONE]->(p)")
    (finding,) = [f for f in findings_of(gateway, "shared_identifiers")
                  if {"company:jade-harbour", "company:lotus-fine"} <= set(f.keys)]
    phone = [s for s in finding.evidence["shared"] if s["element"] == "Phone"][0]
    assert phone["sharedBy"] == 4 and phone["weight"] == pytest.approx(0.5)
    assert finding.score == pytest.approx(0.75)


def test_unknown_or_non_detector_rule_is_refused() -> None:
    with pytest.raises(CatalogueError, match="no query 'nope'"):
        detectors(["nope"])
    with pytest.raises(CatalogueError, match="not a detector"):
        detectors(["entity_neighbourhood"])


@pytest.mark.parametrize("rule, scenario, params", [
    ("supplier_concentration", "concentration_prc_only", {"minShare": 0.9}),  # 5 of 6 is 83%
    ("payment_structuring", "payments_just_under_threshold", {"margin": 0.01}),  # only 9,950 is within 1% of 10,000
    ("payment_structuring", "payments_just_under_threshold", {"currencies": ["MXN"]}),
    ("small_parcels", "parcels_repeated_courier", {"maxWeightKg": 1.1}),  # only one parcel under 1.1 kg
    ("small_parcels", "parcels_repeated_courier", {"windowDays": 10}),
    ("payment_funnel", "payments_funnel_many_senders", {"methods": ["wire"]}),
    ("shell_indicators", "shell_residential_front", {"minIndicators": 5}),
    ("foreign_phone", "phone_prc_on_mexican_firm", {"regions": ["HK"]}),
    ("relabelling", "relabel_trader_vague", {"windowDays": 10}),  # the re-export came 33 days later
    ("sector_mismatch", "sector_textile_importer", {"sectors": [{"prefix": "31", "chemicals": True,
                                                               "sector": "Manufacturing", "sectorEs": "Manufactura",
                                                               "words": ["ropa"]}]}),
    ("cover_commodities", "cover_dog_food_from_chemical_supplier", {"coverTerms": ["candles"]}),
])
def test_documented_parameters_steer_the_detector(gateway: Gateway, rule: str, scenario: str,
                                                  params: dict[str, object]) -> None:
    """Each story fires with the defaults (above) and goes quiet when one documented threshold or table says so."""
    write_scenario(gateway, scenario)
    assert run_detectors(gateway, [rule], strict=True).findings
    assert run_detectors(gateway, [rule], params={rule: params}, strict=True).findings == []


def test_a_cover_shipment_does_not_make_its_own_shipper_a_chemical_supplier(gateway: Gateway) -> None:
    """"The shipper also ships chemicals" needs a chemical shipment besides the cover one: a jerrycan of "motor oil"
    declared under a chemical HS code is one reason (the code), not two; a second, chemical shipment by the same
    shipper adds the other."""
    gateway.write("""
        CREATE (p:Company {key: 'company:lone-shipper', name: 'LONE SHIPPER CO LTD', country: 'CN'})
        CREATE (c:Company {key: 'company:garage-sur', name: 'GARAGE SUR SA DE CV', country: 'MX'})
        CREATE (p)-[:SHIPPED]->(:Shipment {key: 'shipment:LS1', billOfLading: 'LS1', declarationDate: '2024-04-01',
                                           hsCode: '2933.39', goodsDescription: 'MOTOR OIL', weightKg: 50.0,
                                           transportMode: 'sea'})-[:CONSIGNED_TO]->(c)""")
    [alone] = findings_of(gateway, "cover_commodities")
    assert alone.evidence["reasons"] == ["chemicalHsCode"]
    gateway.write("""
        MATCH (p:Company {key: 'company:lone-shipper'}), (c:Company {key: 'company:garage-sur'})
        CREATE (p)-[:SHIPPED]->(:Shipment {key: 'shipment:LS2', billOfLading: 'LS2', declarationDate: '2024-05-01',
                                           hsCode: '2914.31', goodsDescription: 'PHENYLACETONE', weightKg: 50.0,
                                           transportMode: 'sea'})-[:CONSIGNED_TO]->(c)""")
    [both] = findings_of(gateway, "cover_commodities")
    assert sorted(both.evidence["reasons"]) == ["chemicalHsCode", "chemicalSupplier"]
