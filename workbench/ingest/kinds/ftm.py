"""FollowTheMoney entities (``*.ftm.json``, ``*.jsonl``): persons and organisations resolved like every other party,
their addresses, phones and e-mails, sanctions as WatchlistEntry nodes, and person-to-organisation links as
OFFICER_OF. Reading and validation are in :mod:`workbench.ingest.ftm`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench import normalize as nz
from workbench.ingest.kinds.base import Kind
from workbench.ingest.plan import props

if TYPE_CHECKING:
    from workbench.ingest.builder import Builder
    from workbench.ingest.rows import Record

#: FollowTheMoney link schemata read as "person is an officer of company": (person property, company property).
FTM_LINKS = {"Directorship": ("director", "organization"), "Ownership": ("owner", "asset"),
             "Employment": ("employee", "employer"), "Membership": ("member", "organization")}
#: The columns a FollowTheMoney line has (its properties are typed by followthemoney itself).
FIELDS = {"id": "text", "schema": "text", "properties": "text"}


def prepare(b: Builder, records: list[Record]) -> None:
    """Index the entities by id and note who is an officer of what, before any mention is collected."""
    b.ftm_index = {r.data["id"]: r for r in records if r.kind == "ftm"}
    b.ftm_officer_of = {}
    for r in b.ftm_index.values():
        if r.data["schema"] in FTM_LINKS:
            a_prop, b_prop = FTM_LINKS[r.data["schema"]]
            for a_id in r.data["properties"].get(a_prop, []):
                b.ftm_officer_of.setdefault(a_id, []).extend(r.data["properties"].get(b_prop, []))


def collect(b: Builder, r: Record) -> dict[str, int | None]:
    d = r.data
    slots: dict[str, int | None] = {}
    schema, p = d["schema"], d["properties"]
    label = "Person" if schema == "Person" else "Company" if schema in (
        "Company", "Organization", "LegalEntity", "PublicBody") else None
    if label:
        country = next((nz.country_code(c) or c.upper() for c in
                        p.get("jurisdiction", []) + p.get("country", []) + p.get("nationality", [])), None)
        address = (p.get("address") or [None])[0]
        phones = [x for x in (nz.phone_e164(v) for v in p.get("phone", [])) if x]
        emails = [x for x in (nz.email_norm(v) for v in p.get("email", [])) if x]
        reg = (p.get("registrationNumber") or [None])[0]
        d["_country"] = country
        own = b.own_ids(label, country, p.get("idNumber", []) + p.get("passportNumber", [])
                        + p.get("taxNumber", []) + p.get("innCode", []) + p.get("ogrnCode", []),
                        p.get("birthDate", []))
        own += [f"ftm#{o}" for o in b.ftm_officer_of.get(d["id"], [])]
        slots["party"] = b.mention(label, p["name"][0], country, r.ref, address,
                                   identifiers=b.ids(country, address, None, None, reg)
                                   + [f"phone:{x}" for x in phones] + [f"email:{x}" for x in emails] + own,
                                   aliases=p["name"][1:] + p.get("alias", []) + p.get("previousName", []))
        d["_label"] = label
    return slots


def _party(b: Builder, entity_id: str) -> tuple[str, str] | None:
    other = b.ftm_index.get(entity_id)
    if other is None or "_label" not in other.data:
        return None
    key = b.key(other.data["_label"], other.data["_slots"].get("party"))
    return (other.data["_label"], key) if key else None


def emit(b: Builder, r: Record) -> None:
    d, ref, file, plan = r.data, r.ref, r.file, b.plan
    schema, p = d["schema"], d["properties"]
    if "_label" in d:
        label = d["_label"]
        key = b.party(label, d["_slots"].get("party"), ref, file, {
            "registrationNumber": (p.get("registrationNumber") or [None])[0],
            "incorporationDate": (p.get("incorporationDate") or [None])[0],
            "birthDate": (p.get("birthDate") or [None])[0],
            "website": (p.get("website") or [None])[0], "aliases": p.get("alias", [])})
        if not key:
            return
        for address in p.get("address", []):
            b.address(label, key, address, d.get("_country"), ref, file, p["name"][0])
        for raw in p.get("phone", []):
            number = nz.phone_e164(raw)
            if number:
                b.phone(label, key, number, raw, ref, file, p["name"][0])
        for raw in p.get("email", []):
            email = nz.email_norm(raw)
            if email:
                b.email(label, key, email, ref, file, p["name"][0])
        for address_id in p.get("addressEntity", []):
            other = b.ftm_index.get(address_id)
            if other is not None and other.data["schema"] == "Address":
                full = (other.data["properties"].get("full") or [None])[0]
                country = (other.data["properties"].get("country") or [None])[0]
                b.address(label, key, full, nz.country_code(country) or (country or "").upper() or None,
                          ref, file, p["name"][0])
        if any("sanction" in t for t in p.get("topics", [])) and not any(
                o.data["schema"] == "Sanction" and d["id"] in o.data["properties"].get("entity", [])
                for o in b.ftm_index.values()):
            wkey = f"watchlist:{d['id']}"
            node = plan.node("WatchlistEntry", wkey, ref, file, p["name"][0])
            node.props = props(name=p["name"][0], listId=d["id"], schema=d.get("ftmSchema", schema),
                               dataset=";".join(d["datasets"]), programs=p.get("program", []))
            node.search = [p["name"][0], d["id"]]
            plan.rel("LISTED_ON", label, key, "WatchlistEntry", wkey, ref, file, as_name=p["name"][0])
    elif schema == "Sanction":
        wkey = f"watchlist:{d['id']}"
        targets = [t for t in (_party(b, e) for e in p.get("entity", [])) if t]
        name = (p.get("caption") or p.get("program") or [d["id"]])[0]
        if targets:
            other = b.ftm_index[p["entity"][0]]
            name = other.data["properties"]["name"][0]
        node = plan.node("WatchlistEntry", wkey, ref, file, name)
        node.props = props(name=name, listId=d["id"], schema="Sanction", programs=p.get("program", []),
                           authority=(p.get("authority") or [None])[0],
                           listedDate=(p.get("startDate") or p.get("listingDate") or [None])[0],
                           dataset=";".join(d["datasets"]), sanctions=p.get("reason", []))
        node.search = [name, d["id"], *p.get("program", [])]
        for label, key in targets:
            plan.rel("LISTED_ON", label, key, "WatchlistEntry", wkey, ref, file, as_name=name)
    elif schema in FTM_LINKS:
        a_prop, b_prop = FTM_LINKS[schema]
        for a_id in p.get(a_prop, []):
            for b_id in p.get(b_prop, []):
                a, other_end = _party(b, a_id), _party(b, b_id)
                if a and other_end and a[0] == "Person" and other_end[0] == "Company":
                    role = (p.get("role") or [schema.lower()])[0]
                    plan.rel("OFFICER_OF", "Person", a[1], "Company", other_end[1], ref, file, {"role": role})


KIND = Kind("ftm", FIELDS, ("id", "schema", "properties"), ("id",), collect, emit, resolve_order=2,
            entities=True, prepare=prepare)
