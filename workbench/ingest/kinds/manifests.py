"""Sea bills of lading (``manifests.csv``): one Shipment per bill of lading and record id, transport mode ``sea``,
with its parties, ports, containers, the chemical it declares and the manufacturer it names, if any."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from workbench.ingest.kinds.base import Kind
from workbench.ingest.plan import compact, identifier_terms, is_vague, props
from workbench.ingest.resolve import company_key_of

if TYPE_CHECKING:
    from workbench.ingest.builder import Builder
    from workbench.ingest.rows import Record

FIELDS = {
    "record_id": "text", "bill_of_lading": "text", "declaration_date": "date", "shipper_name": "text",
    "shipper_address": "text", "shipper_country": "country", "consignee_name": "text",
    "consignee_address": "text", "consignee_country": "country", "notify_party": "text", "broker_name": "text",
    "hs_code": "hs", "goods_description": "text", "cas_number": "cas", "weight_kg": "number",
    "port_of_lading": "text", "port_of_discharge": "text", "transit_ports": "list",
    "final_destination_country": "country", "container_ids": "list", "vessel": "text", "manufacturer_name": "text",
}
REQUIRED = ("bill_of_lading", "shipper_name", "consignee_name")
STORED_FIELDS = {"billOfLading": "bill_of_lading", "recordId": "record_id", "declarationDate": "declaration_date",
                 "shipperName": "shipper_name", "consigneeName": "consignee_name", "notifyParty": "notify_party",
                 "brokerName": "broker_name", "hsCode": "hs_code", "goodsDescription": "goods_description",
                 "casNumber": "cas_number", "weightKg": "weight_kg", "vessel": "vessel",
                 "portOfLading": "port_of_lading", "portOfDischarge": "port_of_discharge"}


def node_key(d: dict[str, Any]) -> str:
    """``shipment:<bill of lading>[:<record id>]``."""
    return f"shipment:{d['bill_of_lading']}" + (f":{d['record_id']}" if d.get("record_id") else "")


def collect_parties(b: Builder, r: Record, broker_column: str) -> dict[str, int | None]:
    """The parties of a transport document (sea bill or air waybill): shipper and consignee with their country and
    address, notify party, and the broker or forwarder named in ``broker_column``."""
    d = r.data
    return {
        "shipper": b.mention("Company", d["shipper_name"], d["shipper_country"], r.ref, d["shipper_address"],
                             identifiers=b.ids(d["shipper_country"], d["shipper_address"])),
        "consignee": b.mention("Company", d["consignee_name"], d["consignee_country"], r.ref, d["consignee_address"],
                               identifiers=b.ids(d["consignee_country"], d["consignee_address"])),
        "notify": b.mention("Company", d["notify_party"], None, r.ref),
        "broker": b.mention("Company", d[broker_column], None, r.ref),
    }


def collect(b: Builder, r: Record) -> dict[str, int | None]:
    return collect_parties(b, r, "broker_name")


def route(b: Builder, r: Record, key: str, place: Callable[[str | None, str, str], str | None], lading: str | None,
          discharge: str | None, transits: list[str]) -> None:
    """What a transport document says about the goods and their way (sea bill or air waybill alike): the declared
    chemical, where they were laden and discharged and what they transited (``place`` finds a port or an airport),
    and the final destination country."""
    d, ref, file, plan = r.data, r.ref, r.file, b.plan
    chem = b.chemical(d["goods_description"], d["cas_number"], ref, file)
    if chem:
        plan.rel("DECLARED_AS", "Shipment", key, "Chemical", chem, ref, file)
    for rtype, raw in (("LADEN_AT", lading), ("DISCHARGED_AT", discharge)):
        pk = place(raw, ref, file)
        if pk:
            plan.rel(rtype, "Shipment", key, "Port", pk, ref, file)
    for order, raw in enumerate(transits, start=1):
        pk = place(raw, ref, file)
        if pk:
            plan.rel("TRANSITED", "Shipment", key, "Port", pk, ref, file, {"order": order})
    ck = b.country(d["final_destination_country"], ref, file)
    if ck:
        plan.rel("DESTINED_FOR", "Shipment", key, "Country", ck, ref, file)


def vague(description: str | None) -> bool | None:
    """Whether a goods description is too vague to say what the goods are (None when there is none)."""
    if not description:
        return None
    try:
        return is_vague(description)
    except ImportError:  # pragma: no cover
        return None


def emit(b: Builder, r: Record) -> None:
    d, ref, file, slots, plan = r.data, r.ref, r.file, r.data["_slots"], b.plan
    bol = d["bill_of_lading"]
    key = node_key(d)
    containers = [compact(c) for c in d["container_ids"]]
    ship = plan.node("Shipment", key, ref, file)
    ship.props = {**r.extra, **props(
        transportMode="sea", recordId=d["record_id"], billOfLading=bol, declarationDate=d["declaration_date"],
        hsCode=d["hs_code"], goodsDescription=d["goods_description"], casNumber=d["cas_number"],
        weightKg=d["weight_kg"], vessel=d["vessel"], finalDestinationCountry=d["final_destination_country"],
        containerIds=containers, vagueDescription=vague(d["goods_description"]), portOfLading=d["port_of_lading"],
        portOfDischarge=d["port_of_discharge"], transitPorts=d["transit_ports"],
        shipperName=d["shipper_name"], consigneeName=d["consignee_name"], notifyParty=d["notify_party"],
        brokerName=d["broker_name"], manufacturerName=d["manufacturer_name"],
        manufacturerKey=company_key_of(d["manufacturer_name"]) if d["manufacturer_name"] else None)}
    ship.search = identifier_terms(bol, d["record_id"], *containers)  # the vessel: an exact index (explore.search)
    b.shipment_parties(r, key, slots)
    route(b, r, key, b.port, d["port_of_lading"], d["port_of_discharge"], d["transit_ports"])
    for number in d["container_ids"]:
        plan.rel("IN_CONTAINER", "Shipment", key, "Container", b.container(number, ref, file), ref, file)


KIND = Kind("manifests", FIELDS, REQUIRED, REQUIRED, collect, emit, resolve_order=4,
            identity=("bill_of_lading", "record_id"), stored_fields=STORED_FIELDS, node_key=node_key,
            stored_group="shipments")
