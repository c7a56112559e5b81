"""Turn validated records into a plan of nodes and relationships with resolved keys and provenance.

Everything here is in memory and deterministic: the same records against the same store give the
same keys, so writing the plan twice changes nothing. Keys are built from the data
("shipment:" + bill of lading + record id, "port:" + UN/LOCODE, "company:" + country + name key...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable

from workbench import normalize as nz
from workbench.chemicals import match as chem_match
from workbench.ingest.records import Record
from workbench.ingest.resolve import (Decision, Mention, Resolver, company_key_of, firm_evidence, person_key_of,
                                      place_tokens)
from workbench.model.graph import load_model

_MODEL = load_model()
#: Labels written as source records, in the order they are written (from the model's `ingest: record`).
RECORD_LABELS = _MODEL.record_labels
#: FollowTheMoney link schemata read as "person is an officer of company": (person property, company property).
FTM_LINKS = {"Directorship": ("director", "organization"), "Ownership": ("owner", "asset"),
             "Employment": ("employee", "employer"), "Membership": ("member", "organization")}
# A node or relationship keeps at most this many ``sourceRows``: the model's caps, the same the statements
# generated from it apply. The plan stops collecting there, which stores the same first rows as collecting them all.
REF_CAP = {name: _MODEL.cap(name) for name in _MODEL.labels}
REF_CAP_OTHER = _MODEL.source_rows_cap
REL_REF_CAP = _MODEL.relationship_source_rows_cap

# Names, addresses and search strings repeat across thousands of rows; fold each distinct one once.
_fold = lru_cache(maxsize=1 << 17)(nz.fold)
_address_key = lru_cache(maxsize=1 << 17)(nz.address_key)


@lru_cache(maxsize=1 << 16)
def _is_vague(description: str) -> bool:
    from workbench.chemicals import is_vague_description  # noqa: PLC0415

    return bool(is_vague_description(description))


@dataclass
class NodeRow:
    key: str
    name: str | None = None
    props: dict[str, Any] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    search: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    cap: int = REF_CAP_OTHER
    seen: set[str] = field(default_factory=set, repr=False, compare=False)

    def touch(self, ref: str, file: str) -> None:
        if len(self.refs) < self.cap and ref not in self.seen:
            self.seen.add(ref)
            self.refs.append(ref)
        if file not in self.files:
            self.files.append(file)

    def as_param(self) -> dict[str, Any]:
        text = " ".join(dict.fromkeys(t for t in " ".join(_fold(s) for s in self.search if s).split()))
        return {"key": self.key, "name": self.name, "props": self.props, "names": self.names,
                "searchText": text, "sourceFiles": self.files, "sourceRows": self.refs}


@dataclass
class RelRow:
    start: str
    end: str
    props: dict[str, Any] = field(default_factory=dict)
    as_names: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set, repr=False, compare=False)

    def as_param(self) -> dict[str, Any]:
        return {"from": self.start, "to": self.end, "props": self.props, "asNames": self.as_names,
                "sourceFiles": self.files, "sourceRows": self.refs}


RelType = tuple[str, str, str]  # (TYPE, from label, to label)


@dataclass
class Plan:
    """What one ingest writes: nodes by label and key, relationships by (type, from, to) and endpoints."""

    nodes: dict[str, dict[str, NodeRow]] = field(default_factory=dict)
    rels: dict[RelType, dict[tuple[str, str], RelRow]] = field(default_factory=dict)
    brokers: set[str] = field(default_factory=set)
    record_order: dict[str, list[str]] = field(default_factory=dict)
    entities_created: int = 0
    entities_merged: int = 0

    def node(self, label: str, key: str, ref: str, file: str, name: str | None = None) -> NodeRow:
        table = self.nodes.setdefault(label, {})
        row = table.get(key)
        if row is None:
            row = table[key] = NodeRow(key, name, cap=REF_CAP.get(label, REF_CAP_OTHER))
            if label in RECORD_LABELS:
                self.record_order.setdefault(label, []).append(key)
        row.touch(ref, file)
        return row

    def rel(self, rtype: str, a_label: str, a: str, b_label: str, b: str, ref: str, file: str,
            props: dict[str, Any] | None = None, as_name: str | None = None) -> RelRow:
        table = self.rels.setdefault((rtype, a_label, b_label), {})
        row = table.get((a, b))
        if row is None:
            row = table[(a, b)] = RelRow(a, b)
        if props:
            row.props.update(props)
        if as_name and as_name not in row.as_names:
            row.as_names.append(as_name)
        if len(row.refs) < REL_REF_CAP and ref not in row.seen:
            row.seen.add(ref)
            row.refs.append(ref)
        if file not in row.files:
            row.files.append(file)
        return row

    def counts(self) -> tuple[int, int]:
        return sum(len(t) for t in self.nodes.values()), sum(len(t) for t in self.rels.values())


def _compact(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


def _props(**kwargs: Any) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if v not in (None, "", [])}


class Builder:
    """Two passes: collect party mentions and resolve them, then emit nodes and relationships."""

    def __init__(self, records: list[Record], existing: dict[str, list[dict[str, Any]]],
                 decisions: list[dict[str, Any]], stored_shipments: Callable[[list[str], list[str]], dict[str, list[str]]]
                 | None = None) -> None:
        self.records = records
        self.plan = Plan()
        self.stored_shipments = stored_shipments
        by_label: dict[str, list[Decision]] = {"Company": [], "Person": []}
        for d in decisions:
            if d.get("label") in by_label:
                by_label[d["label"]].append(Decision(d["kind"], d["target"], tuple(d.get("sources") or ()),
                                                     tuple(d.get("names") or ())))
        self.resolvers = {label: Resolver(label, existing.get(label, []), by_label[label]) for label in by_label}
        self.mentions: dict[str, list[Mention]] = {"Company": [], "Person": []}
        self.aliases: dict[tuple[str, int], list[str]] = {}
        self.keys: dict[str, list[str]] = {}
        self.filled: set[str] = set()
        self.chemicals: dict[tuple[str | None, str | None], Any] = {}
        try:
            from workbench.chemicals import load_catalogue  # noqa: PLC0415
            self.catalogue: Any = load_catalogue()
        except ImportError:  # pragma: no cover - the catalogue ships with the workbench
            self.catalogue = None

    # --- pass 1: mentions -------------------------------------------------------------------------
    def mention(self, label: str, name: str | None, country: str | None, ref: str, address: str | None = None,
                city: str | None = None, identifiers: Iterable[str] = (), aliases: Iterable[str] = ()) -> int | None:
        if not name or not name.strip():
            return None
        m = Mention(label, name.strip(), country, ref, place_tokens(address, city) if label == "Company" else frozenset(),
                    frozenset(identifiers))
        self.mentions[label].append(m)
        index = len(self.mentions[label]) - 1
        alias_list = [a for a in aliases if a and a.strip() and a.strip() != name.strip()]
        if alias_list:
            self.aliases[(label, index)] = alias_list
        return index

    @staticmethod
    def _ids(cc: str | None, address: str | None = None, phone: str | None = None, email: str | None = None,
             reg: str | None = None) -> list[str]:
        out = []
        if address and _address_key(address):
            out.append(f"address:{_address_key(address)}")
        if phone:
            out.append(f"phone:{phone}")
        if email:
            out.append(f"email:{email}")
        if reg:
            out.append(f"reg:{(cc or 'xx').lower()}:{_compact(reg)}")
        return out

    def collect(self) -> None:
        # Registries first: they carry the identifiers and places that anchor later mentions.
        order = {"companies": 0, "watchlist": 1, "ftm": 2, "pen_notifications": 3, "manifests": 4, "seizures": 5}
        self.records.sort(key=lambda r: (order.get(r.kind, 9), r.file, r.row))
        self.ftm_index: dict[str, Record] = {r.data["id"]: r for r in self.records if r.kind == "ftm"}
        self.ftm_officer_of: dict[str, list[str]] = {}
        for r in self.ftm_index.values():
            if r.data["schema"] in FTM_LINKS:
                a_prop, b_prop = FTM_LINKS[r.data["schema"]]
                for a_id in r.data["properties"].get(a_prop, []):
                    self.ftm_officer_of.setdefault(a_id, []).extend(r.data["properties"].get(b_prop, []))
        for r in self.records:
            d = r.data
            slots: dict[str, int | None] = {}
            if r.kind == "manifests":
                slots["shipper"] = self.mention("Company", d["shipper_name"], d["shipper_country"], r.ref,
                                                d["shipper_address"], identifiers=self._ids(d["shipper_country"],
                                                                                            d["shipper_address"]))
                slots["consignee"] = self.mention("Company", d["consignee_name"], d["consignee_country"], r.ref,
                                                  d["consignee_address"],
                                                  identifiers=self._ids(d["consignee_country"], d["consignee_address"]))
                slots["notify"] = self.mention("Company", d["notify_party"], None, r.ref)
                slots["broker"] = self.mention("Company", d["broker_name"], None, r.ref)
            elif r.kind == "companies":
                phone = nz.phone_e164(d["phone"], d["country"]) if d["phone"] else None
                email = nz.email_norm(d["email"]) if d["email"] else None
                d["_phone"], d["_email"] = phone, email
                slots["company"] = self.mention("Company", d["name"], d["country"], r.ref, d["address"], d["city"],
                                                self._ids(d["country"], d["address"], phone, email,
                                                          d["registration_number"]), d["aliases"])
                officers = []
                for officer in d["officers"]:
                    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", officer)
                    name, role = (m.group(1), m.group(2)) if m else (officer, None)
                    # Evidence beyond the name: the firm (and its contact points), filled in once firms are resolved.
                    officers.append((self.mention("Person", name, d["country"], r.ref,
                                                  identifiers=[f"firm#{slots['company']}"]), role, name))
                d["_officers"] = officers
            elif r.kind == "pen_notifications":
                slots["exporter"] = self.mention("Company", d["exporter_name"], d["exporter_country"], r.ref)
                slots["importer"] = self.mention("Company", d["importer_name"], d["importer_country"], r.ref)
            elif r.kind == "watchlist":
                label = "Person" if (d["schema"] or "").lower() == "person" else \
                    "Company" if (d["schema"] or "").lower() in ("company", "organization", "legalentity") else None
                countries = [nz.country_code(c) or c.upper() for c in d["countries"]]
                d["_countries"] = countries
                if label:
                    phones = [p for p in (nz.phone_e164(x) for x in d["phones"]) if p]
                    emails = [e for e in (nz.email_norm(x) for x in d["emails"]) if e]
                    address = d["addresses"][0] if d["addresses"] else None
                    ids = self._ids(countries[0] if countries else None, address) + [f"phone:{p}" for p in phones] \
                        + [f"email:{e}" for e in emails] + self._own_ids(label, countries[0] if countries else None,
                                                                           d["identifiers"], [d["birth_date"]])
                    slots["party"] = self.mention(label, d["name"], countries[0] if countries else None, r.ref,
                                                  address, identifiers=ids, aliases=d["aliases"])
                    d["_label"] = label
            elif r.kind == "ftm":
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
                    own = self._own_ids(label, country, p.get("idNumber", []) + p.get("passportNumber", [])
                                        + p.get("taxNumber", []) + p.get("innCode", []) + p.get("ogrnCode", []),
                                        p.get("birthDate", []))
                    own += [f"ftm#{o}" for o in self.ftm_officer_of.get(d["id"], [])]
                    slots["party"] = self.mention(label, p["name"][0], country, r.ref, address,
                                                  identifiers=self._ids(country, address, None, None, reg)
                                                  + [f"phone:{x}" for x in phones] + [f"email:{x}" for x in emails]
                                                  + own,
                                                  aliases=p["name"][1:] + p.get("alias", []) + p.get("previousName", []))
                    d["_label"] = label
            d["_slots"] = slots
        for label, resolver in self.resolvers.items():
            mentions = self.mentions[label]
            if label == "Person":
                self._firm_evidence(mentions)
            self.keys[label] = resolver.resolve(mentions)
            for (alabel, index), aliases in self.aliases.items():
                if alabel != label:
                    continue
                entity = resolver.entities.get(self.keys[label][index])
                if entity is None:
                    continue
                for alias in aliases:
                    entity.add_name(alias)
                    entity.name_keys.add(company_key_of(alias) if label == "Company" else person_key_of(alias))
            self.plan.entities_created += resolver.created
            self.plan.entities_merged += resolver.merged + sum(max(0, len(e.names) - 1) for e in
                                                                resolver.entities.values() if not e.existing)

    @staticmethod
    def _own_ids(label: str, country: str | None, numbers: Iterable[str], births: Iterable[str]) -> list[str]:
        """Identity numbers and birth dates: a person's evidence beyond the name (a firm's numbers are ``reg:``)."""
        if label != "Person":
            return [f"reg:{(country or 'xx').lower()}:{_compact(n)}" for n in numbers if _compact(n)]
        out = [f"id:{_compact(n)}" for n in numbers if _compact(n)]
        out += [f"birth:{b.strip()[:10]}" for b in births if b and len(b.strip()) >= 10]  # a year alone is not evidence
        return out

    def _firm_evidence(self, mentions: list[Mention]) -> None:
        """Replace the officers' firm placeholders by the resolved firm and its contact points."""
        companies = self.resolvers["Company"]
        for m in mentions:
            if not any(i.startswith(("firm#", "ftm#")) for i in m.identifiers):
                continue
            evidence = {i for i in m.identifiers if not i.startswith(("firm#", "ftm#"))}
            for ident in m.identifiers:
                key = None
                if ident.startswith("firm#") and ident[5:] != "None":
                    key = self.keys["Company"][int(ident[5:])]
                elif ident.startswith("ftm#"):
                    other = self.ftm_index.get(ident[4:])
                    if other is not None and other.data.get("_label") == "Company":
                        key = self.key("Company", other.data["_slots"].get("party"))
                firm = companies.entities.get(key) if key else None
                if firm is not None:
                    evidence |= firm_evidence(firm)
            m.identifiers = frozenset(evidence)

    def key(self, label: str, index: int | None) -> str | None:
        return None if index is None else self.keys[label][index]

    # --- pass 2: emit ---------------------------------------------------------------------------
    def country(self, code: str | None, ref: str, file: str) -> str | None:
        if not code:
            return None
        key = f"country:{code}"
        row = self.plan.node("Country", key, ref, file)
        if not row.props:
            row.props = _props(code=code, name=nz.country_name(code) or code, nameEs=nz.country_name(code, "es"))
            row.search = [code, nz.country_name(code) or "", nz.country_name(code, "es") or ""]
        return key

    def port(self, raw: str | None, ref: str, file: str) -> str | None:
        if not raw:
            return None
        try:
            code = nz.port_code(raw)
            known = nz.ports().get(code) if code else None
        except Exception:  # noqa: BLE001 - an unreadable ports table must not stop an ingest
            code, known = None, None
        code = code or _compact(raw)
        key = f"port:{code}"
        row = self.plan.node("Port", key, ref, file)
        if not row.props:
            if known:
                row.props = _props(code=code, name=known.name, country=known.country, latitude=known.lat,
                                   longitude=known.lon)
            else:
                row.props = _props(code=code, name=raw.strip(), country=code[:2] if len(code) == 5 else None)
            row.search = [code, row.props.get("name", "")]
            cc = row.props.get("country")
            if cc:
                ck = self.country(cc, ref, file)
                if ck:
                    self.plan.rel("LOCATED_IN", "Port", key, "Country", ck, ref, file)
        return key

    def chemical(self, text: str | None, cas: str | None, ref: str, file: str) -> str | None:
        chem = None
        if self.catalogue is not None:
            if (text, cas) not in self.chemicals:
                # the CAS column with the text, so a CAS of another chemical keeps a look-alike name unmatched
                self.chemicals[(text, cas)] = (self.catalogue.by_cas(cas) if cas else None) or \
                    (chem_match(" ".join(x for x in (text, f"CAS {cas}" if cas else None) if x), self.catalogue)
                     if text else None)
            chem = self.chemicals[(text, cas)]
        if chem is not None:
            key = f"chemical:{chem.key}"
            row = self.plan.node("Chemical", key, ref, file)
            if not row.props:
                row.props = _props(name=chem.name, shortName=chem.short_name, casNumber=chem.cas_number,
                                   hsCode=chem.hs_code, schedule=chem.schedule, scheduledYear=chem.scheduled_year,
                                   synonyms=list(chem.synonyms))
                row.search = [*chem.aliases, *chem.cas_numbers]
            return key
        if cas:
            key = f"chemical:cas:{cas}"
            row = self.plan.node("Chemical", key, ref, file)
            if not row.props:
                row.props = _props(name=text or cas, casNumber=cas)
                row.search = [cas, text or ""]
            return key
        return None

    def container(self, number: str, ref: str, file: str) -> str:
        code = _compact(number)
        key = f"container:{code}"
        row = self.plan.node("Container", key, ref, file)
        if not row.props:
            row.props = {"number": code}
            row.search = [code]
        return key

    def address(self, owner_label: str, owner: str, text: str | None, country: str | None, ref: str, file: str,
                as_name: str | None) -> None:
        if not text or not _address_key(text):
            return
        key = f"address:{(country or 'xx').lower()}:{'-'.join(_address_key(text).split())}"
        row = self.plan.node("Address", key, ref, file, text.strip())
        if text.strip() not in row.names:
            row.names.append(text.strip())
        if not row.props:
            cc = country
            row.props = _props(full=text.strip(), country=cc)
            row.search = [text]
            ck = self.country(cc, ref, file)
            if ck:
                self.plan.rel("LOCATED_IN", "Address", key, "Country", ck, ref, file)
        self.plan.rel("HAS_ADDRESS", owner_label, owner, "Address", key, ref, file, as_name=as_name)

    def phone(self, owner_label: str, owner: str, number: str, raw: str, ref: str, file: str, as_name: str) -> None:
        key = f"phone:{number}"
        row = self.plan.node("Phone", key, ref, file)
        row.props = _props(number=number, raw=raw)
        row.search = [number, raw]
        self.plan.rel("HAS_PHONE", owner_label, owner, "Phone", key, ref, file, as_name=as_name)

    def email(self, owner_label: str, owner: str, address: str, ref: str, file: str, as_name: str) -> None:
        key = f"email:{address}"
        row = self.plan.node("Email", key, ref, file)
        row.props = _props(address=address, domain=address.split("@", 1)[1])
        row.search = [address]
        self.plan.rel("HAS_EMAIL", owner_label, owner, "Email", key, ref, file, as_name=as_name)

    def party(self, label: str, index: int | None, ref: str, file: str, props: dict[str, Any] | None = None) -> str | None:
        key = self.key(label, index)
        if key is None:
            return None
        entity = self.resolvers[label].entities.get(key)
        row = self.plan.node(label, key, ref, file, entity.name if entity else None)
        if entity is not None and key not in self.filled:
            # Entities are final after resolution: their names, keys and places fill the row once.
            self.filled.add(key)
            row.names = list(entity.names)
            row.props.update(_props(country=entity.country, nameKeys=sorted(entity.name_keys),
                                    places=sorted(entity.places), identifiers=sorted(entity.identifiers),
                                    resolution=list(entity.resolution)))
            row.search = list(entity.names) + [i.split(":", 1)[1] for i in sorted(entity.identifiers)
                                               if not i.startswith(("address:", "firm:"))]
        if entity is not None:
            if entity.country and label == "Company":
                ck = self.country(entity.country, ref, file)
                if ck:
                    self.plan.rel("REGISTERED_IN", "Company", key, "Country", ck, ref, file)
        if props:
            row.props.update(_props(**props))
        return key

    def emit(self) -> Plan:
        plan = self.plan
        seizure_lookups: list[Record] = []
        for r in self.records:
            d, ref, file, slots = r.data, r.ref, r.file, r.data["_slots"]
            extra = dict(r.extra)
            if r.kind == "manifests":
                bol = d["bill_of_lading"]
                key = f"shipment:{bol}" + (f":{d['record_id']}" if d["record_id"] else "")
                vague = None
                if d["goods_description"]:
                    try:
                        vague = _is_vague(d["goods_description"])
                    except ImportError:  # pragma: no cover
                        vague = None
                containers = [_compact(c) for c in d["container_ids"]]
                ship = plan.node("Shipment", key, ref, file)
                ship.props = {**extra, **_props(
                    recordId=d["record_id"], billOfLading=bol, declarationDate=d["declaration_date"],
                    hsCode=d["hs_code"], goodsDescription=d["goods_description"], casNumber=d["cas_number"],
                    weightKg=d["weight_kg"], vessel=d["vessel"], finalDestinationCountry=d["final_destination_country"],
                    containerIds=containers, vagueDescription=vague, portOfLading=d["port_of_lading"],
                    portOfDischarge=d["port_of_discharge"], transitPorts=d["transit_ports"],
                    shipperName=d["shipper_name"], consigneeName=d["consignee_name"], notifyParty=d["notify_party"],
                    brokerName=d["broker_name"])}
                ship.search = [bol, d["record_id"] or "", *containers, d["cas_number"] or "", d["vessel"] or ""]
                shipper = self.party("Company", slots["shipper"], ref, file)
                if shipper:
                    plan.rel("SHIPPED", "Company", shipper, "Shipment", key, ref, file, as_name=d["shipper_name"])
                    self.address("Company", shipper, d["shipper_address"], d["shipper_country"], ref, file,
                                 d["shipper_name"])
                consignee = self.party("Company", slots["consignee"], ref, file)
                if consignee:
                    plan.rel("CONSIGNED_TO", "Shipment", key, "Company", consignee, ref, file,
                             as_name=d["consignee_name"])
                    self.address("Company", consignee, d["consignee_address"], d["consignee_country"], ref, file,
                                 d["consignee_name"])
                notify = self.party("Company", slots["notify"], ref, file)
                if notify:
                    plan.rel("NOTIFY_PARTY", "Shipment", key, "Company", notify, ref, file, as_name=d["notify_party"])
                broker = self.party("Company", slots["broker"], ref, file, {"isBroker": True})
                if broker:
                    plan.brokers.add(broker)
                    plan.rel("ARRANGED", "Company", broker, "Shipment", key, ref, file, as_name=d["broker_name"])
                chem = self.chemical(d["goods_description"], d["cas_number"], ref, file)
                if chem:
                    plan.rel("DECLARED_AS", "Shipment", key, "Chemical", chem, ref, file)
                for rtype, raw in (("LADEN_AT", d["port_of_lading"]), ("DISCHARGED_AT", d["port_of_discharge"])):
                    pk = self.port(raw, ref, file)
                    if pk:
                        plan.rel(rtype, "Shipment", key, "Port", pk, ref, file)
                for order, raw in enumerate(d["transit_ports"], start=1):
                    pk = self.port(raw, ref, file)
                    if pk:
                        plan.rel("TRANSITED", "Shipment", key, "Port", pk, ref, file, {"order": order})
                ck = self.country(d["final_destination_country"], ref, file)
                if ck:
                    plan.rel("DESTINED_FOR", "Shipment", key, "Country", ck, ref, file)
                for number in d["container_ids"]:
                    plan.rel("IN_CONTAINER", "Shipment", key, "Container", self.container(number, ref, file), ref, file)
            elif r.kind == "seizures":
                key = f"seizure:{d['seizure_id']}"
                node = plan.node("Seizure", key, ref, file)
                node.props = {**extra, **_props(seizureId=d["seizure_id"], date=d["date"], agency=d["agency"],
                                                location=d["location"], substance=d["substance"],
                                                casNumber=d["cas_number"], quantityKg=d["quantity_kg"],
                                                notes=d["notes"], billOfLading=d["bill_of_lading"],
                                                containerId=d["container_id"], port=d["port"])}
                node.search = [d["seizure_id"], d["bill_of_lading"] or "", d["container_id"] or "",
                               d["substance"] or "", d["cas_number"] or "", d["location"] or "", d["agency"] or ""]
                chem = self.chemical(d["substance"], d["cas_number"], ref, file)
                if chem:
                    plan.rel("FOUND", "Seizure", key, "Chemical", chem, ref, file)
                pk = self.port(d["port"], ref, file)
                if pk:
                    plan.rel("SEIZED_AT", "Seizure", key, "Port", pk, ref, file)
                if d["container_id"]:
                    plan.rel("IN_CONTAINER", "Seizure", key, "Container", self.container(d["container_id"], ref, file),
                             ref, file)
                seizure_lookups.append(r)
            elif r.kind == "companies":
                company = self.party("Company", slots["company"], ref, file, {
                    **extra, "registrationNumber": d["registration_number"],
                    "incorporationDate": d["incorporation_date"], "website": d["website"],
                    "legalForm": nz.legal_form(d["name"]), "aliases": d["aliases"],
                    "phoneRaw": d["phone"] if d["phone"] and not d["_phone"] else None,
                    "emailRaw": d["email"] if d["email"] and not d["_email"] else None})
                if company:
                    plan.nodes["Company"][company].search += [d["registration_number"] or "", *d["aliases"]]
                    self.address("Company", company, d["address"], d["country"], ref, file, d["name"])
                    if d["_phone"]:
                        self.phone("Company", company, d["_phone"], d["phone"], ref, file, d["name"])
                    if d["_email"]:
                        self.email("Company", company, d["_email"], ref, file, d["name"])
                    for index, role, name in d["_officers"]:
                        person = self.party("Person", index, ref, file)
                        if person:
                            plan.rel("OFFICER_OF", "Person", person, "Company", company, ref, file,
                                     _props(role=role), as_name=d["name"])
            elif r.kind == "pen_notifications":
                key = f"notification:{d['pen_id']}"
                node = plan.node("Notification", key, ref, file)
                node.props = {**extra, **_props(penId=d["pen_id"], substance=d["substance"], casNumber=d["cas_number"],
                                                quantityKg=d["quantity_kg"], dispatchDate=d["dispatch_date"],
                                                pointOfEntry=d["point_of_entry"], status=d["status"],
                                                exporterName=d["exporter_name"], importerName=d["importer_name"])}
                node.search = [d["pen_id"], d["substance"] or "", d["cas_number"] or ""]
                for rtype, slot, name in (("EXPORTER", "exporter", d["exporter_name"]),
                                          ("IMPORTER", "importer", d["importer_name"])):
                    ck = self.party("Company", slots[slot], ref, file)
                    if ck:
                        plan.rel(rtype, "Notification", key, "Company", ck, ref, file, as_name=name)
                chem = self.chemical(d["substance"], d["cas_number"], ref, file)
                if chem:
                    plan.rel("COVERS", "Notification", key, "Chemical", chem, ref, file)
                pk = self.port(d["point_of_entry"], ref, file)
                if pk:
                    plan.rel("ENTRY_POINT", "Notification", key, "Port", pk, ref, file)
            elif r.kind == "watchlist":
                key = f"watchlist:{d['id']}"
                node = plan.node("WatchlistEntry", key, ref, file, d["name"])
                node.props = {**extra, **_props(name=d["name"], listId=d["id"], schema=d["schema"],
                                                programs=d["program_ids"], dataset=d["dataset"],
                                                sanctions=d["sanctions"], firstSeen=d["first_seen"],
                                                lastSeen=d["last_seen"], lastChange=d["last_change"],
                                                aliases=d["aliases"], countries=d["_countries"],
                                                identifiers=d["identifiers"], birthDate=d["birth_date"],
                                                addresses=d["addresses"], phones=d["phones"], emails=d["emails"])}
                node.search = [d["name"], *d["aliases"], d["id"]]
                label = d.get("_label")
                if label:
                    party = self.party(label, slots.get("party"), ref, file,
                                       {"birthDate": d["birth_date"]} if label == "Person" else None)
                    if party:
                        plan.rel("LISTED_ON", label, party, "WatchlistEntry", key, ref, file, as_name=d["name"])
                        for raw in d["phones"]:
                            number = nz.phone_e164(raw)
                            if number:
                                self.phone(label, party, number, raw, ref, file, d["name"])
                        for raw in d["emails"]:
                            address = nz.email_norm(raw)
                            if address:
                                self.email(label, party, address, ref, file, d["name"])
                        country = d["_countries"][0] if d["_countries"] else None
                        for address in d["addresses"]:
                            self.address(label, party, address, country, ref, file, d["name"])
            elif r.kind == "ftm":
                self._emit_ftm(r)
        if seizure_lookups:
            self._link_seizures(seizure_lookups)
        return plan

    def _ftm_party(self, entity_id: str) -> tuple[str, str] | None:
        other = self.ftm_index.get(entity_id)
        if other is None or "_label" not in other.data:
            return None
        key = self.key(other.data["_label"], other.data["_slots"].get("party"))
        return (other.data["_label"], key) if key else None

    def _emit_ftm(self, r: Record) -> None:
        d, ref, file, plan = r.data, r.ref, r.file, self.plan
        schema, p = d["schema"], d["properties"]
        if "_label" in d:
            label = d["_label"]
            key = self.party(label, d["_slots"].get("party"), ref, file, {
                "registrationNumber": (p.get("registrationNumber") or [None])[0],
                "incorporationDate": (p.get("incorporationDate") or [None])[0],
                "birthDate": (p.get("birthDate") or [None])[0],
                "website": (p.get("website") or [None])[0], "aliases": p.get("alias", [])})
            if not key:
                return
            for address in p.get("address", []):
                self.address(label, key, address, d.get("_country"), ref, file, p["name"][0])
            for raw in p.get("phone", []):
                number = nz.phone_e164(raw)
                if number:
                    self.phone(label, key, number, raw, ref, file, p["name"][0])
            for raw in p.get("email", []):
                address = nz.email_norm(raw)
                if address:
                    self.email(label, key, address, ref, file, p["name"][0])
            for address_id in p.get("addressEntity", []):
                other = self.ftm_index.get(address_id)
                if other is not None and other.data["schema"] == "Address":
                    full = (other.data["properties"].get("full") or [None])[0]
                    country = (other.data["properties"].get("country") or [None])[0]
                    self.address(label, key, full, nz.country_code(country) or (country or "").upper() or None,
                                 ref, file, p["name"][0])
            if any("sanction" in t for t in p.get("topics", [])) and not any(
                    o.data["schema"] == "Sanction" and d["id"] in o.data["properties"].get("entity", [])
                    for o in self.ftm_index.values()):
                wkey = f"watchlist:{d['id']}"
                node = plan.node("WatchlistEntry", wkey, ref, file, p["name"][0])
                node.props = _props(name=p["name"][0], listId=d["id"], schema=d.get("ftmSchema", schema),
                                    dataset=";".join(d["datasets"]),
                                    programs=p.get("program", []))
                node.search = [p["name"][0], d["id"]]
                plan.rel("LISTED_ON", label, key, "WatchlistEntry", wkey, ref, file, as_name=p["name"][0])
        elif schema == "Sanction":
            wkey = f"watchlist:{d['id']}"
            targets = [t for t in (self._ftm_party(e) for e in p.get("entity", [])) if t]
            name = (p.get("caption") or p.get("program") or [d["id"]])[0]
            if targets:
                other = self.ftm_index[p["entity"][0]]
                name = other.data["properties"]["name"][0]
            node = plan.node("WatchlistEntry", wkey, ref, file, name)
            node.props = _props(name=name, listId=d["id"], schema="Sanction", programs=p.get("program", []),
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
                    a, b = self._ftm_party(a_id), self._ftm_party(b_id)
                    if a and b and a[0] == "Person" and b[0] == "Company":
                        role = (p.get("role") or [schema.lower()])[0]
                        plan.rel("OFFICER_OF", "Person", a[1], "Company", b[1], ref, file, {"role": role})

    def _link_seizures(self, seizures: list[Record]) -> None:
        plan = self.plan
        by_bol: dict[str, list[str]] = {}
        by_container: dict[str, list[str]] = {}
        for key, row in plan.nodes.get("Shipment", {}).items():
            by_bol.setdefault(row.props.get("billOfLading", ""), []).append(key)
            for c in row.props.get("containerIds", []):
                by_container.setdefault(f"container:{c}", []).append(key)
        bols = sorted({r.data["bill_of_lading"] for r in seizures if r.data["bill_of_lading"]})
        containers = sorted({f"container:{_compact(r.data['container_id'])}" for r in seizures if r.data["container_id"]})
        if self.stored_shipments is not None:
            stored = self.stored_shipments(bols, containers)
            for k, keys in stored.items():
                target = by_bol if not k.startswith("container:") else by_container
                for sk in keys:
                    if sk not in target.setdefault(k, []):
                        target[k].append(sk)
        for r in seizures:
            d = r.data
            keys = by_bol.get(d["bill_of_lading"] or "", []) if d["bill_of_lading"] else []
            if not keys and d["container_id"]:
                keys = by_container.get(f"container:{_compact(d['container_id'])}", [])
            for sk in keys:
                plan.rel("SEIZED_FROM", "Seizure", f"seizure:{d['seizure_id']}", "Shipment", sk, r.ref, r.file)


def build_plan(records: list[Record], existing: dict[str, list[dict[str, Any]]], decisions: list[dict[str, Any]],
               stored_shipments: Callable[[list[str], list[str]], dict[str, list[str]]] | None = None) -> Plan:
    builder = Builder(records, existing, decisions, stored_shipments)
    builder.collect()
    return builder.emit()
