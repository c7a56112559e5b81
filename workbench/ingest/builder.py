"""The builder of an ingest plan: resolution of the parties every kind mentions, and the shared nodes (countries,
ports, chemicals, containers, addresses, phones, e-mails, parties) every kind links its records to.

What each record contributes is its kind's (:mod:`workbench.ingest.kinds`); :func:`workbench.ingest.build.build_plan`
runs the two passes.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Mapping

from workbench import normalize as nz
from workbench.chemicals import match as chem_match
from workbench.ingest.kinds.base import Kind
from workbench.ingest.plan import (REF_CAP, REF_CAP_OTHER, REL_REF_CAP, RECORD_LABELS, NodeRow, Plan, RelRow,
                                   RelType, address_key, compact)
from workbench.ingest.plan import props as _props
from workbench.ingest.rows import Record
from workbench.ingest.resolve import (Decision, Mention, Resolver, company_key_of, firm_evidence, person_key_of,
                                      place_tokens)

__all__ = ["Builder", "StoredShipments"]

#: Shared nodes described by the first row that names them (see :meth:`Builder.first`).
DESCRIBED_ONCE = ("Country", "Port", "Chemical", "Container", "Address", "Phone", "Email")

#: Looks up stored shipments by bills of lading and by container keys: {bill or container key: [shipment keys]}.
StoredShipments = Callable[[list[str], list[str]], dict[str, list[str]]]


class Builder:
    """Two passes: collect party mentions and resolve them, then emit nodes and relationships.

    The builder owns resolution and the shared nodes (countries, ports, chemicals, containers, addresses, phones,
    e-mails, parties); what each record contributes is its kind's (:mod:`workbench.ingest.kinds`).
    """
    def __init__(self, records: list[Record], existing: dict[str, list[dict[str, Any]]],
                 decisions: list[dict[str, Any]], stored_shipments: StoredShipments | None,
                 kinds: Mapping[str, Kind]) -> None:
        self.records = records
        self.kinds = kinds
        self.plan = Plan()
        self.stored_shipments = stored_shipments
        by_label: dict[str, list[Decision]] = {"Company": [], "Person": []}
        for d in decisions:
            if d.get("label") in by_label:
                by_label[d["label"]].append(Decision(d["kind"], d["target"], tuple(d.get("sources") or ()),
                                                     tuple(d.get("names") or ())))
        self.resolvers = {label: Resolver(label, existing.get(label, []), by_label[label]) for label in by_label}
        self.mentions: dict[str, list[Mention]] = {"Company": [], "Person": []}
        self._interned: dict[tuple[Any, ...], Mention] = {}
        self.aliases: dict[tuple[str, int], list[str]] = {}
        self.keys: dict[str, list[str]] = {}
        self.filled: set[str] = set()
        self.chemicals: dict[tuple[str | None, str | None], Any] = {}
        #: FollowTheMoney entities by id and who is an officer of what (filled by the ftm kind's ``prepare``).
        self.ftm_index: dict[str, Record] = {}
        self.ftm_officer_of: dict[str, list[str]] = {}
        #: A streamed ingest records what :meth:`mention` returned for each row in ``recording`` (-1 for none) on
        #: the first read, and replays it from ``replaying`` on the second, when the rows are emitted.
        self.recording: Any = None
        self.replaying: Iterator[int] | None = None
        #: Hashes of the shared nodes earlier chunks of a streamed ingest described (None: not streamed). Countries,
        #: ports, chemicals, containers, addresses, phones and e-mails take their description from the first row
        #: that names them, as a whole bundle in one plan does; later chunks only add their rows to the provenance.
        self.described: set[int] | None = None
        try:
            from workbench.chemicals import load_catalogue  # noqa: PLC0415
            self.catalogue: Any = load_catalogue()
        except ImportError:  # pragma: no cover - the catalogue ships with the workbench
            self.catalogue = None

    # --- pass 1: mentions -------------------------------------------------------------------------
    def mention(self, label: str, name: str | None, country: str | None, ref: str, address: str | None = None,
                city: str | None = None, identifiers: Iterable[str] = (), aliases: Iterable[str] = ()) -> int | None:
        """Note one appearance of a party for resolution; its index, by which the row finds the resolved key."""
        if self.replaying is not None:
            index = next(self.replaying)
            return None if index < 0 else index
        found = self._mention(label, name, country, ref, address, city, identifiers, aliases)
        if self.recording is not None:
            self.recording.append(-1 if found is None else found)
        return found

    def _mention(self, label: str, name: str | None, country: str | None, ref: str, address: str | None,
                 city: str | None, identifiers: Iterable[str], aliases: Iterable[str]) -> int | None:
        if not name or not name.strip():
            return None
        m = Mention(label, name.strip(), country, ref, place_tokens(address, city) if label == "Company" else frozenset(),
                    frozenset(identifiers))
        # The same party named the same way on many rows is one Mention object: resolution reads only these fields
        # (not the row), and a million rows name a few thousand parties (4M mention objects were 2 GiB).
        same = (label, m.name, country, m.places, m.identifiers)
        m = self._interned.setdefault(same, m)
        self.mentions[label].append(m)
        index = len(self.mentions[label]) - 1
        alias_list = [a for a in aliases if a and a.strip() and a.strip() != name.strip()]
        if alias_list:
            self.aliases[(label, index)] = alias_list
        return index

    @staticmethod
    def ids(cc: str | None, address: str | None = None, phone: str | None = None, email: str | None = None,
             reg: str | None = None) -> list[str]:
        out = []
        if address and address_key(address):
            out.append(f"address:{address_key(address)}")
        if phone:
            out.append(f"phone:{phone}")
        if email:
            out.append(f"email:{email}")
        if reg:
            out.append(f"reg:{(cc or 'xx').lower()}:{compact(reg)}")
        return out

    def collect(self) -> None:
        """Pass 1: every kind's mentions, registries first, then resolution of companies and people."""
        kinds = self.kinds
        self.records.sort(key=lambda r: (kinds[r.kind].resolve_order if r.kind in kinds else 9, r.file, r.row))
        self.prepare(self.records)
        for r in self.records:
            self.collect_record(r)
        self.resolve()

    def prepare(self, records: list[Record]) -> None:
        """What kinds do with every record before any mention is collected (index FtM entities by id)."""
        for kind in self.kinds.values():
            if kind.prepare is not None:
                kind.prepare(self, records)

    def collect_record(self, r: Record) -> None:
        """The mentions of one record (its slots)."""
        of = self.kinds.get(r.kind)
        r.data["_slots"] = of.collect(self, r) if of is not None else {}

    def reset_mentions(self) -> None:
        """Forget every mention collected so far (a streamed ingest collects again when rows were refused late)."""
        self.mentions = {"Company": [], "Person": []}
        self._interned = {}
        self.aliases = {}

    def resolve(self) -> None:
        """Resolve the collected mentions of companies and people against each other and the store."""
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
    def own_ids(label: str, country: str | None, numbers: Iterable[str], births: Iterable[str]) -> list[str]:
        """Identity numbers and birth dates: a person's evidence beyond the name (a firm's numbers are ``reg:``)."""
        if label != "Person":
            return [f"reg:{(country or 'xx').lower()}:{compact(n)}" for n in numbers if compact(n)]
        out = [f"id:{compact(n)}" for n in numbers if compact(n)]
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

    def first(self, key: str) -> bool:
        """True unless an earlier chunk of a streamed ingest described the shared node ``key`` already."""
        return self.described is None or hash(key) not in self.described

    def key(self, label: str, index: int | None) -> str | None:
        return None if index is None else self.keys[label][index]

    # --- pass 2: emit ---------------------------------------------------------------------------
    def country(self, code: str | None, ref: str, file: str) -> str | None:
        if not code:
            return None
        key = f"country:{code}"
        row = self.plan.node("Country", key, ref, file)
        if not row.props and self.first(key):
            row.props = _props(code=code, name=nz.country_name(code) or code, nameEs=nz.country_name(code, "es"))
            row.search = [code, nz.country_name(code) or "", nz.country_name(code, "es") or ""]
        return key

    def port(self, raw: str | None, ref: str, file: str) -> str | None:
        """The Port a document names by UN/LOCODE or name (an airport ports.yaml knows is its IATA-coded node)."""
        if not raw:
            return None
        try:
            code = nz.port_code(raw)
            known = nz.ports().get(code) if code else None
            if known is not None and known.kind == "airport" and code:
                iata = nz.airport_for_locode(code)
                if iata:
                    code, known = iata, nz.airports()[iata]
        except Exception:  # noqa: BLE001 - an unreadable ports table must not stop an ingest
            code, known = None, None
        return self._port_node(code or compact(raw), known, raw, ref, file)

    def airport(self, code: str | None, ref: str, file: str) -> str | None:
        """The Port of an airport by IATA code (validated by the field type): ``port:<IATA>``, kind airport."""
        if not code:
            return None
        return self._port_node(code, nz.airports().get(code), code, ref, file, "airport")

    def entry_point(self, raw: str | None, ref: str, file: str) -> tuple[str, str] | None:
        """(Port key, code) of an office or airport of entry: an airport the table knows, else a port."""
        if not raw or not raw.strip():
            return None
        code = nz.airport_code(raw)
        key = self.airport(code, ref, file) if code in nz.airports() else self.port(raw, ref, file)
        return (key, key.split(":", 1)[1]) if key else None

    def _port_node(self, code: str, known: nz.Port | None, raw: str, ref: str, file: str,
                   kind: str | None = None) -> str:
        key = f"port:{code}"
        row = self.plan.node("Port", key, ref, file)
        if not row.props and self.first(key):
            if known:
                row.props = _props(code=code, name=known.name, country=known.country, latitude=known.lat,
                                   longitude=known.lon, kind=known.kind)
            else:
                row.props = _props(code=code, name=raw.strip(), country=code[:2] if len(code) == 5 else None,
                                   kind=kind)
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
            if not row.props and self.first(key):
                row.props = _props(name=chem.name, shortName=chem.short_name, casNumber=chem.cas_number,
                                   hsCode=chem.hs_code, schedule=chem.schedule, scheduledYear=chem.scheduled_year,
                                   synonyms=list(chem.synonyms))
                row.search = [*chem.aliases, *chem.cas_numbers]
            return key
        if cas:
            key = f"chemical:cas:{cas}"
            row = self.plan.node("Chemical", key, ref, file)
            if not row.props and self.first(key):
                row.props = _props(name=text or cas, casNumber=cas)
                row.search = [cas, text or ""]
            return key
        return None

    def container(self, number: str, ref: str, file: str) -> str:
        code = compact(number)
        key = f"container:{code}"
        row = self.plan.node("Container", key, ref, file)
        if not row.props and self.first(key):
            row.props = {"number": code}
            row.search = [code]
        return key

    def address(self, owner_label: str, owner: str, text: str | None, country: str | None, ref: str, file: str,
                as_name: str | None) -> str | None:
        """The Address node of ``text`` (None when it has no address words) and ``owner``'s HAS_ADDRESS to it."""
        if not text or not address_key(text):
            return None
        key = f"address:{(country or 'xx').lower()}:{'-'.join(address_key(text).split())}"
        row = self.plan.node("Address", key, ref, file, text.strip())
        if text.strip() not in row.names:
            row.names.append(text.strip())
        if not row.props and self.first(key):
            cc = country
            row.props = _props(full=text.strip(), country=cc)
            row.search = [text]
            ck = self.country(cc, ref, file)
            if ck:
                self.plan.rel("LOCATED_IN", "Address", key, "Country", ck, ref, file)
        self.plan.rel("HAS_ADDRESS", owner_label, owner, "Address", key, ref, file, as_name=as_name)
        return key

    def phone(self, owner_label: str, owner: str, number: str, raw: str, ref: str, file: str, as_name: str) -> None:
        key = f"phone:{number}"
        row = self.plan.node("Phone", key, ref, file)
        if not row.props and self.first(key):  # as first written (the raw form of the first row that gives it)
            row.props = _props(number=number, raw=raw)
            row.search = [number, raw]
        self.plan.rel("HAS_PHONE", owner_label, owner, "Phone", key, ref, file, as_name=as_name)

    def email(self, owner_label: str, owner: str, address: str, ref: str, file: str, as_name: str) -> None:
        key = f"email:{address}"
        row = self.plan.node("Email", key, ref, file)
        if not row.props and self.first(key):
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

    def shipment_parties(self, r: Record, key: str, slots: dict[str, int | None], shipper: str = "shipper",
                         consignee: str = "consignee", notify: str = "notify_party", broker: str = "broker_name") -> None:
        """SHIPPED, CONSIGNED_TO, NOTIFY_PARTY and ARRANGED of one shipment, with the parties' addresses.

        ``shipper`` and ``consignee`` are the prefixes of the ``_name``, ``_address`` and ``_country`` columns;
        ``notify`` and ``broker`` the columns naming those parties (a kind without them has no such slot).
        """
        d, ref, file, plan = r.data, r.ref, r.file, self.plan
        shipper_key = self.party("Company", slots["shipper"], ref, file)
        if shipper_key:
            plan.rel("SHIPPED", "Company", shipper_key, "Shipment", key, ref, file, as_name=d[f"{shipper}_name"])
            self.address("Company", shipper_key, d[f"{shipper}_address"], d[f"{shipper}_country"], ref, file,
                         d[f"{shipper}_name"])
        consignee_key = self.party("Company", slots["consignee"], ref, file)
        if consignee_key:
            plan.rel("CONSIGNED_TO", "Shipment", key, "Company", consignee_key, ref, file,
                     as_name=d[f"{consignee}_name"])
            self.address("Company", consignee_key, d[f"{consignee}_address"], d[f"{consignee}_country"], ref, file,
                         d[f"{consignee}_name"])
        notify_key = self.party("Company", slots.get("notify"), ref, file)
        if notify_key:
            plan.rel("NOTIFY_PARTY", "Shipment", key, "Company", notify_key, ref, file, as_name=d[notify])
        broker_key = self.party("Company", slots.get("broker"), ref, file, {"isBroker": True})
        if broker_key:
            plan.brokers.add(broker_key)
            plan.rel("ARRANGED", "Company", broker_key, "Shipment", key, ref, file, as_name=d[broker])

    def emit(self) -> Plan:
        """Pass 2: every record's nodes and relationships, then what each kind does once all are emitted."""
        return self.emit_records(self.records)

    def emit_records(self, records: list[Record]) -> Plan:
        """The nodes and relationships of ``records`` in the current plan, then what their kinds do once they are
        emitted (link seizures to their shipments)."""
        by_kind: dict[str, list[Record]] = {}
        for r in records:
            of = self.kinds.get(r.kind)
            if of is not None:
                of.emit(self, r)
                by_kind.setdefault(r.kind, []).append(r)
        for name, kind in self.kinds.items():
            if kind.finish is not None and name in by_kind:
                kind.finish(self, by_kind[name])
        return self.plan

    def begin_chunk(self, run: Plan) -> None:
        """Emit into a new plan for the next chunk of a streamed ingest: records, the shared nodes they touch and
        the brokers among them (labelled before the chunk's records are written); relationships between shared
        nodes go to ``run``'s plan, written once at the end."""
        if self.described is None:
            self.described = set()
        for label in DESCRIBED_ONCE:
            self.described.update(hash(key) for key, row in self.plan.nodes.get(label, {}).items() if row.props)
        self.plan = Plan(shared=run)
        self.filled = set()
