"""The unnotified-import detector applies a control only from its entry-into-force date, not from its year.

4-AP was decided by the CND in March 2022 and entered into force internationally on 23 November 2022: a shipment
declared on 20 November 2022 was not yet under control, one declared on 25 November 2022 was. The controls come from
the chemicals catalogue (``workbench.chemicals.control_rows``), the same source as ``control_status``.
"""

from __future__ import annotations

import datetime as dt

from workbench.analysis.detect import run_detectors
from workbench.chemicals import control_status, load_catalogue
from workbench.store.gateway import Gateway

RULE = "unnotified_controlled_import"


def _scenario(gateway: Gateway, days: dict[str, str], chemical_key: str = "chemical:four_ap",
              cas: str = "23056-29-3") -> None:
    gateway.write("CREATE (:Chemical {key: $key, name: '4-anilinopiperidine', casNumber: $cas, schedule: 'table_i', "
                  "scheduledYear: 2022})", {"key": chemical_key, "cas": cas})
    gateway.write("CREATE (:Company {key: 'company:shenzhen-x', name: 'SHENZHEN X CHEMICAL CO LTD', country: 'CN'})")
    for company, day in days.items():
        gateway.write(
            "MATCH (x:Chemical {key: $chem}), (p:Company {key: 'company:shenzhen-x'}) "
            "CREATE (c:Company {key: $company, name: $name, country: 'MX'}) "
            "CREATE (s:Shipment {key: $ship, billOfLading: $bol, declarationDate: $day, hsCode: '2933.39', "
            "goodsDescription: '4-ANILINOPIPERIDINE', weightKg: 25.0}) "
            "CREATE (p)-[:SHIPPED]->(s)-[:CONSIGNED_TO]->(c), (s)-[:DECLARED_AS]->(x)",
            {"chem": chemical_key, "company": f"company:{company}", "name": company.upper(),
             "ship": f"shipment:{company}", "bol": f"BL-{company}", "day": day})


def _flagged(gateway: Gateway) -> set[str]:
    findings = run_detectors(gateway, [RULE], strict=True).findings
    return {k for f in findings for k in f.keys}


def test_the_status_function_and_the_catalogue_agree_on_the_day() -> None:
    four_ap = load_catalogue().by_key("four_ap")
    assert four_ap is not None
    assert not control_status(four_ap, "2022-11-20").controlled
    assert control_status(four_ap, "2022-11-23").controlled
    assert control_status(four_ap, dt.date(2022, 11, 25)).lists == ["UN table_i"]


def test_shipment_just_before_entry_into_force_is_not_flagged_just_after_is(gateway: Gateway) -> None:
    _scenario(gateway, {"before": "2022-11-20", "after": "2022-11-25", "january": "2022-01-15"})
    flagged = _flagged(gateway)
    assert "company:after" in flagged
    assert "company:before" not in flagged
    assert "company:january" not in flagged  # the year-only comparison flagged this one


def test_chemical_nodes_keyed_by_cas_get_the_same_controls(gateway: Gateway) -> None:
    _scenario(gateway, {"before": "2022-11-22", "after": "2022-11-23"}, chemical_key="chemical:23056-29-3")
    flagged = _flagged(gateway)
    assert "company:after" in flagged and "company:before" not in flagged


def test_national_jurisdiction_can_be_asked_for(gateway: Gateway) -> None:
    # Mexico listed 4-AP in May 2021 (DOF 13-05-2021), before the international control
    _scenario(gateway, {"mid2021": "2021-08-01"})
    assert _flagged(gateway) == set()
    findings = run_detectors(gateway, [RULE], params={RULE: {"jurisdictions": ["UN", "MX"],
                                                               "schedules": ["table_i", "precursor_quimico"]}},
                             strict=True).findings
    assert {k for f in findings for k in f.keys} == {"company:mid2021"}
