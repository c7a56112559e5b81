"""Express-courier and postal parcels (``parcels.csv``): one Shipment per tracking number, transport mode
``courier`` or ``post`` (the service).

The sender and recipient are read as the shipper and consignee of a bill of lading (SHIPPED, CONSIGNED_TO), firms
resolved like every other party; the declared content is the goods description; the office or airport of entry is
the port of discharge (an airport when the airports table knows it, else a port by UN/LOCODE or name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.ingest.kinds.base import Kind
from workbench.ingest.kinds.manifests import vague
from workbench.ingest.plan import identifier_terms, props

if TYPE_CHECKING:
    from workbench.ingest.builder import Builder
    from workbench.ingest.rows import Record

FIELDS = {
    "tracking_number": "text", "service": "service", "carrier": "text", "date": "date", "sender_name": "text",
    "sender_address": "text", "sender_country": "country", "recipient_name": "text", "recipient_address": "text",
    "recipient_country": "country", "declared_content": "text", "hs_code": "hs", "cas_number": "cas",
    "declared_value": "number", "currency": "currency", "weight_kg": "number", "office_of_entry": "text",
}
REQUIRED = ("tracking_number", "service", "sender_name", "recipient_name")
STORED_FIELDS = {"trackingNumber": "tracking_number", "service": "service", "carrier": "carrier",
                 "declarationDate": "date", "shipperName": "sender_name", "consigneeName": "recipient_name",
                 "goodsDescription": "declared_content", "hsCode": "hs_code", "casNumber": "cas_number",
                 "declaredValue": "declared_value", "weightKg": "weight_kg"}


def node_key(d: dict[str, Any]) -> str:
    """``shipment:parcel:<tracking number>``."""
    return f"shipment:parcel:{d['tracking_number']}"


def collect(b: Builder, r: Record) -> dict[str, int | None]:
    d = r.data
    return {
        "shipper": b.mention("Company", d["sender_name"], d["sender_country"], r.ref, d["sender_address"],
                             identifiers=b.ids(d["sender_country"], d["sender_address"])),
        "consignee": b.mention("Company", d["recipient_name"], d["recipient_country"], r.ref, d["recipient_address"],
                               identifiers=b.ids(d["recipient_country"], d["recipient_address"])),
    }


def emit(b: Builder, r: Record) -> None:
    d, ref, file, slots, plan = r.data, r.ref, r.file, r.data["_slots"], b.plan
    key = node_key(d)
    entry = b.entry_point(d["office_of_entry"], ref, file)
    ship = plan.node("Shipment", key, ref, file)
    ship.props = {**r.extra, **props(
        transportMode=d["service"], billOfLading=d["tracking_number"], trackingNumber=d["tracking_number"],
        service=d["service"], carrier=d["carrier"], declarationDate=d["date"], hsCode=d["hs_code"],
        goodsDescription=d["declared_content"], casNumber=d["cas_number"], weightKg=d["weight_kg"],
        declaredValue=d["declared_value"], currency=d["currency"], vagueDescription=vague(d["declared_content"]),
        portOfDischarge=entry[1] if entry else None, finalDestinationCountry=d["recipient_country"],
        shipperName=d["sender_name"], consigneeName=d["recipient_name"])}
    ship.search = [*identifier_terms(d["tracking_number"]), d["carrier"] or ""]
    b.shipment_parties(r, key, slots, shipper="sender", consignee="recipient")
    chem = b.chemical(d["declared_content"], d["cas_number"], ref, file)
    if chem:
        plan.rel("DECLARED_AS", "Shipment", key, "Chemical", chem, ref, file)
    if entry:
        plan.rel("DISCHARGED_AT", "Shipment", key, "Port", entry[0], ref, file)


KIND = Kind("parcels", FIELDS, REQUIRED, REQUIRED, collect, emit, resolve_order=7,
            identity=("tracking_number",), stored_fields=STORED_FIELDS, node_key=node_key,
            stored_group="shipments")
