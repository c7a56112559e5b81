"""Building a briefing: the subgraph of its source, the detectors' findings, then the summary and timeline.

Building goes in three steps: :func:`collect` reads the subgraph (:func:`workbench.cases.subgraph.gather`) and
titles it, :func:`withhold.apply` (optional) removes what must not be shared, and :func:`finish` writes the
plain-sentence summary, the findings and the timeline from what is left. The types live in
:mod:`workbench.briefing.types`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from workbench.briefing import withhold as withholding
from workbench.briefing.findings import collect_findings
from workbench.briefing.text import Text, check_lang
from workbench.briefing.types import DEFAULT_MARKING, Briefing, Event, Finding
from workbench.cases.subgraph import MAX_DEPTH, Source, gather, resolve_entity
from workbench.errors import QueryError
from workbench.formatting import format_date, format_number
from workbench.settings import Settings
from workbench.store.gateway import Gateway


def collect(gateway: Gateway, settings: Settings, source: Source, *, lang: str = "en", author: str = "",
            marking: str = DEFAULT_MARKING, today: dt.date | None = None) -> Briefing:
    """Read everything a briefing needs from the graph (no summary or findings yet: see :func:`finish`)."""
    t = Text(check_lang(lang))
    sub = gather(gateway, settings, source)
    return Briefing(
        lang=lang, title=t(sub.title_key, name=sub.name),
        source_line=t(sub.source_key, name=sub.name, depth=sub.source.depth), author=author,
        marking=marking or DEFAULT_MARKING, created=(today or dt.date.today()).isoformat(), entities=sub.entities,
        links=sub.links, shipments=sub.shipments, seizures=sub.seizures, notifications=sub.notifications,
        provenance=sub.provenance, notes=sub.notes, truncated=sub.truncated, slug=sub.slug)


# --- summary and timeline -----------------------------------------------------------------------

#: Inspection outcomes that found something (workbench.analysis.targets.OUTCOMES).
FOUND = ("discrepancy", "seizure")


def _join(items: list[str], t: Text, limit: int = 4) -> str:
    items = [i for i in dict.fromkeys(items) if i]
    if not items:
        return t("summary.unknown")
    if len(items) > limit:
        items = items[:limit] + [f"+{len(items) - limit}"]
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {t('summary.and')} " + items[-1]


def _degree(b: Briefing) -> dict[str, int]:
    degree: dict[str, int] = {}
    for link in b.links:
        degree[link.source] = degree.get(link.source, 0) + 1
        degree[link.target] = degree.get(link.target, 0) + 1
    return degree


def summarise(b: Briefing) -> list[str]:
    """The executive summary in plain sentences: who, what moved, what was seized, key red flags."""
    t = Text(b.lang)
    degree = _degree(b)
    companies = [e for e in b.by_kind("Company", "Broker") if not e.context]
    people = [e for e in b.by_kind("Person") if not e.context]
    ranked = sorted(companies + people, key=lambda e: (not e.core, -degree.get(e.key, 0), e.name))
    sentences = []
    if ranked:
        sentences.append(t("summary.who", companies=len(companies), people=len(people),
                           names=_join([e.name for e in ranked], t, 3)))
    else:
        sentences.append(t("summary.who_none", count=len(b.entities)))
    context = [e for e in b.entities if e.context]
    if context:
        sentences.append(t("summary.context", names=_join([f"{e.name} ({t.label(e.kind).lower()})" for e in context],
                                                          t, 4)))
    if b.shipments:
        dates = sorted(s.date for s in b.shipments if s.date)
        weight = sum(s.weight_kg or 0 for s in b.shipments)
        goods = _join([", ".join(s.chemicals) or s.goods for s in b.shipments], t, 3)
        sentences.append(t("summary.moved" if len(b.shipments) != 1 else "summary.moved_one", count=len(b.shipments), weight=format_number(weight, b.lang),
                           first=format_date(dates[0] if dates else None, b.lang),
                           last=format_date(dates[-1] if dates else None, b.lang), goods=goods))
        ports = [stop.name for s in b.shipments for stop in s.route]
        if ports:
            sentences.append(t("summary.route", ports=_join(ports, t, 5)))
    else:
        sentences.append(t("summary.moved_none"))
    if b.seizures:
        quantity = sum(z.quantity_kg or 0 for z in b.seizures)
        substances = _join([", ".join(z.chemicals) or z.substance for z in b.seizures], t, 3)
        sentences.append(t("summary.seized" if len(b.seizures) != 1 else "summary.seized_one", count=len(b.seizures), quantity=format_number(quantity, b.lang), substances=substances,
                           ids=_join([z.seizure_id for z in b.seizures], t, 3)))
    else:
        sentences.append(t("summary.seized_none"))
    inspected = [s for s in b.shipments if s.inspections]
    if inspected:
        found = sum(1 for s in inspected if any(i.outcome in FOUND for i in s.inspections))
        if len(inspected) == 1:
            sentences.append(t("summary.inspected_one", outcome=t.outcome(inspected[0].inspections[-1].outcome)))
        else:
            sentences.append(t("summary.inspected", count=len(inspected), found=found))
    if b.notifications:
        objected = sum(1 for n in b.notifications if n.status.lower().startswith(("object", "objet")))
        sentences.append(t("summary.notified" if len(b.notifications) != 1 else "summary.notified_one",
                           count=len(b.notifications), objected=objected))
    if b.findings:
        top = b.findings  # already ordered: findings about the subject's own entities first, then by severity
        sentences.append(t("summary.flags", flags="; ".join(f.title for f in top[:3]).rstrip(".")))
    else:
        sentences.append(t("summary.flags_none"))
    if b.withheld:
        sentences.append(t("summary.withheld"))
    return sentences


def build_timeline(b: Briefing) -> list[Event]:
    t = Text(b.lang)
    events = []
    for s in b.shipments:
        if s.date:
            events.append(Event(s.date, "shipment", t("timeline.shipment", bill=s.bill,
                                                      goods=", ".join(s.chemicals) or s.goods or "?",
                                                      weight=format_number(s.weight_kg, b.lang))))
        for i in s.inspections:
            if i.date:
                events.append(Event(i.date, "inspection", t("timeline.inspection", bill=s.bill,
                                                             outcome=t.outcome(i.outcome), port=i.port or "?")))
    for z in b.seizures:
        if z.date:
            events.append(Event(z.date, "seizure", t("timeline.seizure", id=z.seizure_id, quantity=format_number(z.quantity_kg, b.lang),
                                                     substance=", ".join(z.chemicals) or z.substance or "?")))
    for n in b.notifications:
        if n.date:
            events.append(Event(n.date, "notification", t("timeline.notification", pen=n.pen_id,
                                                          substance=n.substance or "?", status=t.status(n.status or "?"))))
    for e in b.entities:
        if e.kind == "WatchlistEntry" and e.props.get("listedDate"):
            events.append(Event(str(e.props["listedDate"]), "listing", t("timeline.listing", name=e.name)))
        if e.kind in ("Company", "Broker") and e.props.get("incorporationDate"):
            events.append(Event(str(e.props["incorporationDate"]), "incorporated",
                                t("timeline.incorporated", name=e.name)))
    return sorted(events, key=lambda ev: (ev.date, ev.kind, ev.text))


def finish(b: Briefing) -> Briefing:
    """Timeline and summary, from what the model holds (after any withholding)."""
    b.timeline = build_timeline(b)
    b.summary = summarise(b)
    return b


def build(gateway: Gateway, settings: Settings, source: Source, *, lang: str = "en", author: str = "",
          marking: str = DEFAULT_MARKING, withhold: Any = None, today: dt.date | None = None) -> Briefing:
    """The finished briefing model; with ``withhold`` (a :class:`~workbench.briefing.withhold.Withhold`),
    the sharing variant."""
    b = collect(gateway, settings, source, lang=lang, author=author, marking=marking, today=today)
    b.findings = collect_findings(gateway, {e.key for e in b.entities if not e.context},
                                  {e.key for e in b.entities if e.core and not e.context}, lang, settings.home)
    spec = withholding.parse(withhold) if withhold is not None else None
    if spec is not None and not spec.empty:
        b = withholding.apply(b, spec)
    b = finish(b)
    if spec is not None and not spec.empty:
        b = withholding.scrub(b, spec)
    return b


__all__ = ["Briefing", "DEFAULT_MARKING", "Event", "Finding", "MAX_DEPTH", "QueryError", "Source", "build", "collect",
           "finish", "resolve_entity"]
