"""The risk ranking's network-measure findings are explained in English and Spanish like the detectors' findings."""

from __future__ import annotations


def test_network_findings_of_the_risk_ranking_are_explained_in_both_languages() -> None:
    from workbench.analysis import risk  # noqa: PLC0415
    from workbench.analysis.detect import Finding  # noqa: PLC0415

    evidence = {"measure": "forwarderOfFlagged", "flaggedClients": ["company:a", "company:b"], "clients": 2,
                "share": 1.0}
    finding = Finding(rule=risk.FORWARDER_RULE, category="broker-hub", severity="medium",
                      entities=[{"label": "Company", "key": "company:f", "name": None}],
                      explanation="Arranged shipments for 2 of its 2 clients (100%) that have findings of their own.",
                      evidence=evidence, score=0.5)
    assert finding.explanation_in("es") == ("Gestionó envíos de 2 de sus 2 clientes (100 %) que tienen hallazgos "
                                            "propios; pesa según esa parte.")
    assert finding.explanation_in("en").startswith("Arranged shipments for 2 of its 2 clients (100%)")
    rules = {risk.COMMUNITY_RULE, risk.BETWEENNESS_RULE, risk.COUNTERPARTY_RULE, risk.FORWARDER_RULE, risk.FLOW_RULE}
    from workbench.analysis.explanations import network_templates  # noqa: PLC0415

    assert set(network_templates()) == rules
