"""Air waybills (``air_waybills.csv``): one Shipment per master and house air waybill, transport mode ``air``.

The house AWB is the forwarder's document for one consignment inside the airline's master AWB; a row without a
house AWB is a direct shipment under the master alone. The shipment's ``billOfLading`` is the house AWB, else the
master, so that views, detectors and briefings read every mode alike. Airports are Port nodes keyed by their IATA
code (``port:NLU``), from workbench/data/normalize/airports.yaml; departure, arrival and transit airports are
written as LADEN_AT, DISCHARGED_AT and TRANSITED, as for sea. The freight forwarder is written like a customs
broker (ARRANGED, Broker label).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.ingest.kinds.base import Kind
from workbench.ingest.kinds.manifests import collect_parties, route, vague
from workbench.ingest.plan import identifier_terms, props
from workbench.ingest.resolve import company_key_of

if TYPE_CHECKING:
    from workbench.ingest.builder import Builder
    from workbench.ingest.rows import Record

FIELDS = {
    "master_awb": "awb", "house_awb": "text", "declaration_date": "date", "airline": "text",
    "flight_number": "flight", "shipper_name": "text", "shipper_address": "text", "shipper_country": "country",
    "consignee_name": "text", "consignee_address": "text", "consignee_country": "country", "notify_party": "text",
    "forwarder_name": "text", "departure_airport": "airport", "arrival_airport": "airport",
    "transit_airports": "airports", "final_destination_country": "country", "hs_code": "hs",
    "goods_description": "text", "cas_number": "cas", "weight_kg": "number", "pieces": "count",
    "declared_value": "number", "currency": "currency", "manufacturer_name": "text",
}
REQUIRED = ("master_awb", "shipper_name", "consignee_name", "departure_airport", "arrival_airport")
STORED_FIELDS = {"masterAirWaybill": "master_awb", "houseAirWaybill": "house_awb",
                 "declarationDate": "declaration_date", "airline": "airline", "flightNumber": "flight_number",
                 "shipperName": "shipper_name", "consigneeName": "consignee_name", "hsCode": "hs_code",
                 "goodsDescription": "goods_description", "casNumber": "cas_number", "weightKg": "weight_kg",
                 "portOfLading": "departure_airport", "portOfDischarge": "arrival_airport"}


def node_key(d: dict[str, Any]) -> str:
    """``shipment:awb:<master AWB>[:<house AWB>]``."""
    return f"shipment:awb:{d['master_awb']}" + (f":{d['house_awb']}" if d.get("house_awb") else "")


def collect(b: Builder, r: Record) -> dict[str, int | None]:
    return collect_parties(b, r, "forwarder_name")  # the forwarder is written like a customs broker


def emit(b: Builder, r: Record) -> None:
    d, ref, file, slots, plan = r.data, r.ref, r.file, r.data["_slots"], b.plan
    key = node_key(d)
    ship = plan.node("Shipment", key, ref, file)
    ship.props = {**r.extra, **props(
        transportMode="air", billOfLading=d["house_awb"] or d["master_awb"], masterAirWaybill=d["master_awb"],
        houseAirWaybill=d["house_awb"], airline=d["airline"], flightNumber=d["flight_number"],
        declarationDate=d["declaration_date"], hsCode=d["hs_code"], goodsDescription=d["goods_description"],
        casNumber=d["cas_number"], weightKg=d["weight_kg"], pieces=d["pieces"], declaredValue=d["declared_value"],
        currency=d["currency"], manufacturerName=d["manufacturer_name"],
        manufacturerKey=company_key_of(d["manufacturer_name"]) if d["manufacturer_name"] else None,
        finalDestinationCountry=d["final_destination_country"], vagueDescription=vague(d["goods_description"]),
        portOfLading=d["departure_airport"], portOfDischarge=d["arrival_airport"],
        transitPorts=d["transit_airports"], shipperName=d["shipper_name"], consigneeName=d["consignee_name"],
        notifyParty=d["notify_party"], brokerName=d["forwarder_name"])}
    ship.search = [*identifier_terms(d["master_awb"], d["house_awb"]), d["flight_number"] or "", d["airline"] or ""]
    b.shipment_parties(r, key, slots, broker="forwarder_name")
    route(b, r, key, b.airport, d["departure_airport"], d["arrival_airport"], d["transit_airports"])


KIND = Kind("air_waybills", FIELDS, REQUIRED, REQUIRED, collect, emit, resolve_order=6,
            identity=("master_awb", "house_awb"), stored_fields=STORED_FIELDS, node_key=node_key,
            stored_group="shipments")
