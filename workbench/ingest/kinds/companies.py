"""Company registry extracts (``companies.csv``): firms with their identifiers, contact points, officers, declared
activity (SCIAN/NAICS code and description) and whether their address is residential.

A registry row is the strongest anchor resolution has (registration number, address, phone, e-mail), so its
mentions are collected before every other kind's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench import normalize as nz
from workbench.ingest.kinds.base import Kind
from workbench.ingest.plan import props

if TYPE_CHECKING:
    from workbench.ingest.builder import Builder
    from workbench.ingest.rows import Record

FIELDS = {
    "company_record_id": "text", "name": "text", "aliases": "list", "country": "country",
    "registration_number": "text", "incorporation_date": "date", "address": "text", "phone": "text",
    "email": "text", "website": "text", "officers": "list", "city": "text", "activity_code": "activity_code",
    "activity": "text", "address_type": "address_type",
}


def collect(b: Builder, r: Record) -> dict[str, int | None]:
    d = r.data
    phone = nz.phone_e164(d["phone"], d["country"]) if d["phone"] else None
    email = nz.email_norm(d["email"]) if d["email"] else None
    d["_phone"], d["_email"] = phone, email
    company = b.mention("Company", d["name"], d["country"], r.ref, d["address"], d["city"],
                        b.ids(d["country"], d["address"], phone, email, d["registration_number"]), d["aliases"])
    officers = []
    for officer in d["officers"]:
        m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", officer)
        name, role = (m.group(1), m.group(2)) if m else (officer, None)
        # Evidence beyond the name: the firm (and its contact points), filled in once firms are resolved.
        officers.append((b.mention("Person", name, d["country"], r.ref, identifiers=[f"firm#{company}"]), role, name))
    d["_officers"] = officers
    return {"company": company}


def emit(b: Builder, r: Record) -> None:
    d, ref, file, slots, plan = r.data, r.ref, r.file, r.data["_slots"], b.plan
    company = b.party("Company", slots["company"], ref, file, {
        **r.extra, "registrationNumber": d["registration_number"],
        "incorporationDate": d["incorporation_date"], "website": d["website"],
        "legalForm": nz.legal_form(d["name"]), "aliases": d["aliases"],
        "activityCode": d["activity_code"], "activity": d["activity"],
        "phoneRaw": d["phone"] if d["phone"] and not d["_phone"] else None,
        "emailRaw": d["email"] if d["email"] and not d["_email"] else None})
    if not company:
        return
    plan.nodes["Company"][company].search += [d["registration_number"] or "", *d["aliases"]]
    address = b.address("Company", company, d["address"], d["country"], ref, file, d["name"])
    if address and d["address_type"]:
        plan.nodes["Address"][address].props["residential"] = d["address_type"] == "residential"
    if d["_phone"]:
        b.phone("Company", company, d["_phone"], d["phone"], ref, file, d["name"])
    if d["_email"]:
        b.email("Company", company, d["_email"], ref, file, d["name"])
    for index, role, name in d["_officers"]:
        person = b.party("Person", index, ref, file)
        if person:
            plan.rel("OFFICER_OF", "Person", person, "Company", company, ref, file, props(role=role), as_name=d["name"])


KIND = Kind("companies", FIELDS, ("name",), ("name",), collect, emit, resolve_order=0,
            identity=("company_record_id",), identity_optional=True)
