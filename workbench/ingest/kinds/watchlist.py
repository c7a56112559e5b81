"""Watch lists in OpenSanctions ``targets.simple.csv`` form (``watchlist.csv``): one WatchlistEntry per list id,
listed against the person or firm it names, resolved like every other party."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench import normalize as nz
from workbench.ingest.kinds.base import Kind
from workbench.ingest.plan import props

if TYPE_CHECKING:
    from workbench.ingest.builder import Builder
    from workbench.ingest.rows import Record

# Multi-values are ';'-separated; countries are lower-case codes.
FIELDS = {
    "id": "text", "schema": "text", "name": "text", "aliases": "list", "birth_date": "text",
    "countries": "list", "addresses": "list", "identifiers": "list", "sanctions": "list", "phones": "list",
    "emails": "list", "program_ids": "list", "dataset": "text", "first_seen": "text", "last_seen": "text",
    "last_change": "text",
}


def collect(b: Builder, r: Record) -> dict[str, int | None]:
    d = r.data
    slots: dict[str, int | None] = {}
    label = "Person" if (d["schema"] or "").lower() == "person" else \
        "Company" if (d["schema"] or "").lower() in ("company", "organization", "legalentity") else None
    countries = [nz.country_code(c) or c.upper() for c in d["countries"]]
    d["_countries"] = countries
    if label:
        phones = [p for p in (nz.phone_e164(x) for x in d["phones"]) if p]
        emails = [e for e in (nz.email_norm(x) for x in d["emails"]) if e]
        address = d["addresses"][0] if d["addresses"] else None
        ids = b.ids(countries[0] if countries else None, address) + [f"phone:{p}" for p in phones] \
            + [f"email:{e}" for e in emails] + b.own_ids(label, countries[0] if countries else None,
                                                          d["identifiers"], [d["birth_date"]])
        slots["party"] = b.mention(label, d["name"], countries[0] if countries else None, r.ref,
                                   address, identifiers=ids, aliases=d["aliases"])
        d["_label"] = label
    return slots


def emit(b: Builder, r: Record) -> None:
    d, ref, file, slots, plan = r.data, r.ref, r.file, r.data["_slots"], b.plan
    key = f"watchlist:{d['id']}"
    node = plan.node("WatchlistEntry", key, ref, file, d["name"])
    node.props = {**r.extra, **props(name=d["name"], listId=d["id"], schema=d["schema"],
                                     programs=d["program_ids"], dataset=d["dataset"],
                                     sanctions=d["sanctions"], firstSeen=d["first_seen"],
                                     lastSeen=d["last_seen"], lastChange=d["last_change"],
                                     aliases=d["aliases"], countries=d["_countries"],
                                     identifiers=d["identifiers"], birthDate=d["birth_date"],
                                     addresses=d["addresses"], phones=d["phones"], emails=d["emails"])}
    node.search = [d["name"], *d["aliases"], d["id"]]
    label = d.get("_label")
    if not label:
        return
    party = b.party(label, slots.get("party"), ref, file, {"birthDate": d["birth_date"]} if label == "Person" else None)
    if not party:
        return
    plan.rel("LISTED_ON", label, party, "WatchlistEntry", key, ref, file, as_name=d["name"])
    for raw in d["phones"]:
        number = nz.phone_e164(raw)
        if number:
            b.phone(label, party, number, raw, ref, file, d["name"])
    for raw in d["emails"]:
        address = nz.email_norm(raw)
        if address:
            b.email(label, party, address, ref, file, d["name"])
    country = d["_countries"][0] if d["_countries"] else None
    for address in d["addresses"]:
        b.address(label, party, address, country, ref, file, d["name"])


KIND = Kind("watchlist", FIELDS, ("id", "schema", "name"), ("id", "name"), collect, emit, resolve_order=1,
            identity=("id",))
