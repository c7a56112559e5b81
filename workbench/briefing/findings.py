"""Findings of a briefing: red flags with an explanation and the evidence behind them.

They are read from the briefing model itself (after withholding), so a finding can only cite what the
briefing may show. When the detector engineer's :mod:`workbench.detect` offers ``briefing_findings(briefing)``,
its findings are added to these.
"""

from __future__ import annotations

import importlib
from collections import defaultdict

from workbench.briefing.model import Briefing, Finding
from workbench.briefing.text import Text

VAGUE_WORDS = ("intermediate", "intermedio", "additive", "aditivo", "raw material", "materia prima", "pet food",
               "cosmetic", "cosmético", "cosmetico", "chemical product", "producto químico", "sample", "muestra")
SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def _is_vague(goods: str, flagged: bool) -> bool:
    lowered = goods.lower()
    return flagged or any(word in lowered for word in VAGUE_WORDS)


def findings_for(b: Briefing) -> list[Finding]:
    t = Text(b.lang)
    out: list[Finding] = []
    names = {e.key: e.name for e in b.entities}
    kinds = {e.key: e.kind for e in b.entities}
    parties = ("Company", "Broker", "Person")

    # Watch-list listings.
    for link in b.links:
        if link.type == "LISTED_ON" and link.source in names and link.target in names:
            name, listing = names[link.source], names[link.target]
            out.append(Finding("sanctions-proximity", "critical", t("findings.listed.title", name=name),
                               t("findings.listed.explanation", name=name, listing=listing), [listing]))

    # Parties of seized shipments.
    seized_bills = {s.key: s.bill for s in b.shipments if s.seizures}
    involved: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in b.shipments:
        if s.key in seized_bills:
            for p in s.shippers + s.consignees + s.brokers:
                involved[(p.key, p.name)].append(s.bill)
    for (key, name), bills in sorted(involved.items(), key=lambda kv: kv[0][1]):
        out.append(Finding("seizure-linked", "high", t("findings.seizure_linked.title", name=name),
                           t("findings.seizure_linked.explanation", name=name, count=len(bills)), sorted(set(bills))))

    # Goods declared one way, seized as another; vague descriptions.
    seizures_by_bill: dict[str, list] = defaultdict(list)
    for z in b.seizures:
        for bill in z.shipments:
            seizures_by_bill[bill].append(z)
    for s in b.shipments:
        found = sorted({c for z in seizures_by_bill.get(s.bill, []) for c in (z.chemicals or [z.substance]) if c})
        declared = " ".join(s.chemicals + [s.goods]).lower()
        if found and not any(f.lower() in declared for f in found):
            out.append(Finding("goods-mismatch", "high", t("findings.goods_mismatch.title"),
                               t("findings.goods_mismatch.explanation", bill=s.bill, goods=s.goods or "?",
                                 found=", ".join(found)),
                               [s.bill] + [z.seizure_id for z in seizures_by_bill[s.bill]]))
        elif s.goods and _is_vague(s.goods, s.vague):
            out.append(Finding("goods-mismatch", "medium", t("findings.vague.title"),
                               t("findings.vague.explanation", bill=s.bill, goods=s.goods, hs=s.hs_code or "?"),
                               [s.bill]))

    # Controlled chemical with no notification naming the importer; shipments after an objection.
    notified = {p.key for n in b.notifications for p in n.importers}
    for s in b.shipments:
        if (s.chemicals or s.cas) and s.consignees and not any(c.key in notified for c in s.consignees):
            out.append(Finding("unnotified-controlled-chemical", "high", t("findings.unnotified.title"),
                               t("findings.unnotified.explanation", bill=s.bill,
                                 chemical=", ".join(s.chemicals) or s.cas,
                                 consignee=", ".join(c.name for c in s.consignees)), [s.bill]))
    for n in b.notifications:
        if not n.status.lower().startswith(("object", "objet")):
            continue
        for importer in n.importers:
            later = [s.bill for s in b.shipments if any(c.key == importer.key for c in s.consignees)
                     and (not n.date or s.date >= n.date)]
            if later:
                out.append(Finding("company-shopping", "high", t("findings.objected.title"),
                                   t("findings.objected.explanation", pen=n.pen_id, importer=importer.name,
                                     bills=", ".join(later)), [n.pen_id] + later))

    # Transshipment.
    for s in b.shipments:
        if len(s.route) > 2:
            middle = [stop.name for stop in s.route[1:-1]]
            destination = ", ".join(s.destination) or s.route[-1].name
            out.append(Finding("transshipment", "medium", t("findings.transshipment.title"),
                               t("findings.transshipment.explanation", bill=s.bill, ports=", ".join(middle),
                                 destination=destination), [s.bill]))

    # Companies sharing an address, phone or e-mail.
    what = {"HAS_ADDRESS": "address", "HAS_PHONE": "phone", "HAS_EMAIL": "email"}
    sharers: dict[tuple[str, str], list[str]] = defaultdict(list)
    for link in b.links:
        if link.type in what and kinds.get(link.source) in ("Company", "Broker"):
            sharers[(link.type, link.target)].append(link.source)
    for (rel, target), companies in sorted(sharers.items()):
        if len(set(companies)) > 1 and target in names:
            label = t(f"what.{what[rel]}")
            company_names = sorted({names[c] for c in companies})
            out.append(Finding("shared-identifiers", "medium", t("findings.shared.title", what=label),
                               t("findings.shared.explanation", names=", ".join(company_names), what=label,
                                 value=names[target]), company_names + [names[target]]))

    # Broker hubs.
    arranged: dict[tuple[str, str], list] = defaultdict(list)
    for s in b.shipments:
        for broker in s.brokers:
            arranged[(broker.key, broker.name)].append(s)
    for (key, name), shipments in sorted(arranged.items(), key=lambda kv: kv[0][1]):
        others = {p.key for s in shipments for p in s.shippers + s.consignees}
        if len(shipments) >= 2 and len(others) >= 3:
            out.append(Finding("broker-hub", "medium", t("findings.broker_hub.title", name=name),
                               t("findings.broker_hub.explanation", name=name, count=len(shipments),
                                 parties=len(others)), sorted(s.bill for s in shipments)))

    out.extend(_detector_findings(b))
    del parties
    return sorted(out, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.category, f.title))


def _detector_findings(b: Briefing) -> list[Finding]:
    """Findings from the detector engineer's module when it offers a briefing hook."""
    try:
        detect = importlib.import_module("workbench.detect")
    except ImportError:
        return []
    hook = getattr(detect, "briefing_findings", None)
    if hook is None:
        return []
    found = []
    for item in hook(b) or []:
        if isinstance(item, Finding):
            found.append(item)
    return found
