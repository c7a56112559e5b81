"""The briefing's tables as headers and rows of text, shared by the three renderers."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.briefing.types import Briefing, Party
from workbench.formatting import format_date, format_number
from workbench.briefing.text import Text

#: Kinds listed in the entities table (the rest appear in their own tables or only in the picture).
ENTITY_KINDS = ("WatchlistEntry", "Broker", "Company", "Person", "Address", "Phone", "Email", "Chemical", "Port",
                "Container")


@dataclass
class Table:
    section: str
    headers: list[str]
    rows: list[list[str]]


def _names(parties: list[Party]) -> str:
    return ", ".join(p.name for p in parties)


def entity_table(b: Briefing, t: Text) -> Table:
    degree: dict[str, int] = {}
    for link in b.links:
        degree[link.source] = degree.get(link.source, 0) + 1
        degree[link.target] = degree.get(link.target, 0) + 1
    rank = {k: i for i, k in enumerate(ENTITY_KINDS)}
    listed = sorted((e for e in b.entities if e.kind in rank or e.context),
                    key=lambda e: (e.context, not e.core, rank.get(e.kind, 99), -degree.get(e.key, 0), e.name))
    rows = [[e.name, t.label(e.kind), e.country, str(degree.get(e.key, 0))] for e in listed]
    return Table("entities", [t("columns.name"), t("columns.type"), t("columns.country"), t("columns.links")], rows)


def shipment_table(b: Briefing, t: Text) -> Table:
    lang = t.lang
    rows = [[s.bill if s.mode == "sea" else f"{s.bill} ({t.mode(s.mode)})", format_date(s.date, lang), s.hs_code,
             s.goods + (f" ({', '.join(s.chemicals)})" if s.chemicals else ""), format_number(s.weight_kg, lang), _names(s.shippers), _names(s.consignees), " → ".join(p.name for p in s.route)]
            for s in b.shipments]
    return Table("shipments", [t("columns.bill"), t("columns.date"), t("columns.hs"), t("columns.goods"),
                               t("columns.weight"), t("columns.shipper"), t("columns.consignee"),
                               t("columns.route")], rows)


def seizure_table(b: Briefing, t: Text) -> Table:
    lang = t.lang
    rows = [[z.seizure_id, format_date(z.date, lang), z.agency, ", ".join(z.ports) or z.location,
             ", ".join(z.chemicals) or z.substance, format_number(z.quantity_kg, lang), ", ".join(z.shipments), z.notes] for z in b.seizures]
    return Table("seizures", [t("columns.seizure"), t("columns.date"), t("columns.agency"), t("columns.location"),
                              t("columns.substance"), t("columns.quantity"), t("columns.bill"), t("columns.notes")],
                 rows)


def notification_table(b: Briefing, t: Text) -> Table:
    rows = [[n.pen_id, format_date(n.date, t.lang), n.substance, format_number(n.quantity_kg, t.lang),
             _names(n.exporters), _names(n.importers), n.point_of_entry, t.status(n.status)] for n in b.notifications]
    return Table("notifications", [t("columns.notification"), t("columns.date"), t("columns.substance"),
                                   t("columns.quantity"), t("columns.exporter"), t("columns.importer"),
                                   t("columns.entry"), t("columns.status")], rows)


def provenance_table(b: Briefing, t: Text) -> Table:
    rows = []
    for p in b.provenance:
        ingested = format_date(p.first, t.lang) + (f" – {format_date(p.last, t.lang)}"
                                                   if p.last and p.last[:10] != p.first[:10] else "")
        rows.append([p.name, ", ".join(p.files), ", ".join(p.rows[:6]) + (" …" if len(p.rows) > 6 else ""),
                     ingested])
    return Table("provenance", [t("columns.name"), t("columns.files"), t("columns.rows"), t("columns.ingested")],
                 rows)


def timeline_rows(b: Briefing) -> list[list[str]]:
    """The timeline as (date, event) rows, dates written the briefing language's way."""
    return [[format_date(e.date, b.lang), e.text] for e in b.timeline]


def all_tables(b: Briefing) -> dict[str, Table]:
    t = Text(b.lang)
    return {table.section: table for table in (entity_table(b, t), shipment_table(b, t), seizure_table(b, t),
                                                notification_table(b, t), provenance_table(b, t))}
