"""Air waybills, courier and postal parcels, payments and the new company columns, ingested into a real embedded
store: the nodes and relationships they write, and bad input that names file, row and column and stores nothing."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from workbench.analysis.overview import counts_by_label
from workbench.errors import InputError
from workbench.ingest import ingest_path
from workbench.store.gateway import Gateway

AWB_HEADER = ["master_awb", "house_awb", "declaration_date", "airline", "flight_number", "shipper_name",
              "shipper_address", "shipper_country", "consignee_name", "consignee_address", "consignee_country",
              "forwarder_name", "departure_airport", "arrival_airport", "transit_airports", "hs_code",
              "goods_description", "cas_number", "weight_kg", "pieces", "declared_value", "currency",
              "manufacturer_name"]
AWB_ROW = ["784-12345675", "HAWB-1", "2024-07-02", "China Southern Airlines", "CZ 8091",
           "Hubei Qelvora Biotech Co., Ltd.", "18 Guanggu Ave, Wuhan, Hubei", "CN",
           "Distribuidora Cosmética Velmar, S.A. de C.V.", "Calle Roble 4, Toluca, México", "MX",
           "Pacific Bridge Forwarding Co., Ltd.", "PVG", "AIFA", "ANC", "2933.39", "cosmetic raw material",
           "23056-29-3", "25,5", "2", "850", "USD", "Wuhan Lorvane Pharmaceutical Co., Ltd."]
PARCEL_HEADER = ["tracking_number", "service", "carrier", "date", "sender_name", "sender_address", "sender_country",
                 "recipient_name", "recipient_address", "recipient_country", "declared_content", "hs_code",
                 "cas_number", "declared_value", "currency", "weight_kg", "office_of_entry"]
PARCEL_ROWS = [
    ["1Z999AA10123456784", "courier", "UPS", "2024-07-10", "Hubei Qelvora Biotech Co., Ltd.",
     "18 Guanggu Ave, Wuhan, Hubei", "CN", "Distribuidora Cosmética Velmar, S.A. de C.V.",
     "Calle Roble 4, Toluca, México", "MX", "sample", "2933.39", "23056-29-3", "30", "USD", "0.9", "NLU"],
    ["EE123456789CN", "Postal", "China Post", "2024-07-12", "Shenzhen Brightway Electronics Co., Ltd.", "", "CN",
     "Electrónica Valle, S.A. de C.V.", "", "MX", "phone cases", "3926.90", "", "12", "USD", "0.4", "MEX"],
]
PAY_HEADER = ["payment_id", "date", "amount", "currency", "method", "originator_name", "originator_type",
              "originator_account", "originator_country", "beneficiary_name", "beneficiary_type",
              "beneficiary_account", "beneficiary_country", "wallet_address", "reference"]
PAY_ROWS = [
    ["PAY-1", "2024-06-28", "24,800.00", "USD", "wire", "Distribuidora Cosmética Velmar, S.A. de C.V.", "",
     "MX1201234567", "MX", "Hubei Qelvora Biotech Co., Ltd.", "", "CN4412345678", "CN", "", "INV-118"],
    ["PAY-2", "2024-07-01", "9850", "USD", "Money service business", "José Ruiz Peña", "", "ACC-77", "MX",
     "Hubei Qelvora Biotech Co., Ltd.", "", "CN4412345678", "CN", "", ""],
    ["PAY-3", "2024-07-02", "9900", "USD", "msb", "José Ruiz Peña", "", "ACC-77", "MX",
     "Hubei Qelvora Biotech Co., Ltd.", "", "CN4412345678", "CN", "", ""],
    ["PAY-4", "2024-07-03", "1200", "USDT", "crypto", "Lorena Vidal", "person", "", "MX",
     "Hubei Qelvora Biotech Co., Ltd.", "company", "", "CN", "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE", "order 77"],
]


def _write(folder: Path, name: str, header: list[str], rows: list[list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / name, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return folder


def _one(gateway: Gateway, cypher: str, **params: Any) -> dict[str, Any]:
    rows = gateway.read(cypher, params).data()
    assert len(rows) == 1, rows
    return dict(rows[0])


def test_an_air_waybill_is_an_air_shipment_between_airports(gateway: Gateway, tmp_path: Path) -> None:
    bundle = _write(tmp_path / "b", "air_waybills.csv", AWB_HEADER, [AWB_ROW])
    _write(bundle, "manifests.csv", ["bill_of_lading", "shipper_name", "consignee_name", "port_of_lading",
                                     "port_of_discharge"],
           [["BL-9", "Belova Pharma Ltd.", "Laboratorios Zanira, S.A. de C.V.", "INHYD", "MXNLU"]])
    report = ingest_path(gateway, bundle)
    assert report.rows_stored == 2 and not report.problems
    ship = _one(gateway, "MATCH (s:Shipment {key: 'shipment:awb:784-12345675:HAWB-1'}) RETURN properties(s) AS p")["p"]
    assert ship["transportMode"] == "air"
    assert ship["billOfLading"] == "HAWB-1" and ship["masterAirWaybill"] == "784-12345675"
    assert ship["flightNumber"] == "CZ8091" and ship["airline"] == "China Southern Airlines"
    assert ship["pieces"] == 2 and ship["weightKg"] == 25.5 and ship["declaredValue"] == 850
    assert ship["manufacturerName"] == "Wuhan Lorvane Pharmaceutical Co., Ltd."
    assert ship["portOfLading"] == "PVG" and ship["portOfDischarge"] == "NLU"
    route = gateway.read("MATCH (s:Shipment {key: 'shipment:awb:784-12345675:HAWB-1'})-[r]->(p:Port) "
                         "RETURN type(r) AS t, p.key AS port, p.kind AS kind, r.order AS o ORDER BY t").data()
    assert [(r["t"], r["port"], r["kind"], r["o"]) for r in route] == [
        ("DISCHARGED_AT", "port:NLU", "airport", None), ("LADEN_AT", "port:PVG", "airport", None),
        ("TRANSITED", "port:ANC", "airport", 1)]
    aifa = _one(gateway, "MATCH (p:Port {key: 'port:NLU'})-[:LOCATED_IN]->(c:Country) "
                         "RETURN p.code AS code, p.name AS name, c.code AS country")
    assert aifa == {"code": "NLU", "name": "Felipe Ángeles International Airport (AIFA)", "country": "MX"}
    parties = gateway.read("MATCH (c:Company)-[r:SHIPPED|ARRANGED]->(:Shipment {transportMode: 'air'}) "
                           "RETURN type(r) AS t, c.name AS name, c:Broker AS broker ORDER BY t").data()
    assert [(r["t"], r["name"], r["broker"]) for r in parties] == [
        ("ARRANGED", "Pacific Bridge Forwarding Co., Ltd.", True), ("SHIPPED", "Hubei Qelvora Biotech Co., Ltd.", False)]
    assert _one(gateway, "MATCH (:Shipment {transportMode: 'air'})-[:CONSIGNED_TO]->(c:Company) RETURN c.name AS n")[
        "n"] == "Distribuidora Cosmética Velmar, S.A. de C.V."
    assert _one(gateway, "MATCH (:Shipment {transportMode: 'air'})-[:DECLARED_AS]->(c:Chemical) "
                         "RETURN c.casNumber AS cas")["cas"] == "23056-29-3"
    # A manifest naming the airport by UN/LOCODE reaches the same node; its shipment is sea.
    sea = _one(gateway, "MATCH (s:Shipment {billOfLading: 'BL-9'})-[:DISCHARGED_AT]->(p:Port) "
                        "RETURN s.transportMode AS mode, p.key AS port")
    assert sea == {"mode": "sea", "port": "port:NLU"}
    assert gateway.read("MATCH (p:Port) WHERE p.name CONTAINS 'Felipe' RETURN count(p) AS n").data()[0]["n"] == 1


def test_parcels_are_courier_and_post_shipments(gateway: Gateway, tmp_path: Path) -> None:
    ingest_path(gateway, _write(tmp_path / "b", "parcels.csv", PARCEL_HEADER, PARCEL_ROWS))
    rows = gateway.read("MATCH (a:Company)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(b:Company), "
                        "(s)-[:DISCHARGED_AT]->(p:Port) RETURN s.key AS key, s.transportMode AS mode, "
                        "s.billOfLading AS bol, s.carrier AS carrier, s.service AS service, a.name AS sender, "
                        "b.name AS recipient, p.key AS entry ORDER BY key").data()
    assert [(r["key"], r["mode"], r["bol"], r["service"], r["entry"]) for r in rows] == [
        ("shipment:parcel:1Z999AA10123456784", "courier", "1Z999AA10123456784", "courier", "port:NLU"),
        ("shipment:parcel:EE123456789CN", "post", "EE123456789CN", "post", "port:MEX")]
    assert rows[0]["recipient"] == "Distribuidora Cosmética Velmar, S.A. de C.V." and rows[1]["carrier"] == "China Post"
    assert _one(gateway, "MATCH (s:Shipment {transportMode: 'courier'})-[:DECLARED_AS]->(c:Chemical) "
                         "RETURN c.casNumber AS cas, s.goodsDescription AS d") == {"cas": "23056-29-3", "d": "sample"}


def test_payments_link_payers_and_beneficiaries_resolved_like_every_party(gateway: Gateway, tmp_path: Path) -> None:
    bundle = _write(tmp_path / "b", "payments.csv", PAY_HEADER, PAY_ROWS)
    _write(bundle, "air_waybills.csv", AWB_HEADER, [AWB_ROW])
    ingest_path(gateway, bundle)
    pay = _one(gateway, "MATCH (p:Payment {key: 'payment:PAY-1'}) RETURN properties(p) AS p")["p"]
    assert (pay["paymentId"], pay["date"], pay["amount"], pay["currency"], pay["method"]) == (
        "PAY-1", "2024-06-28", 24800.0, "USD", "wire")
    assert pay["originatorAccount"] == "MX1201234567" and pay["beneficiaryAccount"] == "CN4412345678"
    flows = gateway.read("MATCH (a)-[:PAID]->(p:Payment)-[:PAID_TO]->(b) RETURN p.paymentId AS id, labels(a) AS al, "
                         "a.key AS payer, p.method AS method, labels(b) AS bl, b.key AS payee ORDER BY id").data()
    by_id = {r["id"]: r for r in flows}
    assert set(by_id) == {"PAY-1", "PAY-2", "PAY-3", "PAY-4"}
    # The beneficiary is the same firm that shipped the air waybill: one entity, by the same resolution.
    shipper = _one(gateway, "MATCH (c:Company)-[:SHIPPED]->(:Shipment) RETURN c.key AS k")["k"]
    assert {r["payee"] for r in flows} == {shipper} and all(r["bl"] == ["Company"] for r in flows)
    assert by_id["PAY-1"]["al"] == ["Company"]  # a legal form
    assert by_id["PAY-1"]["payer"] == _one(gateway, "MATCH (:Shipment)-[:CONSIGNED_TO]->(c) RETURN c.key AS k")["k"]
    # A name without legal form or trade word is a person; two payments from one account are one payer.
    assert by_id["PAY-2"]["al"] == ["Person"] and by_id["PAY-2"]["payer"] == by_id["PAY-3"]["payer"]
    assert by_id["PAY-2"]["method"] == "msb" and by_id["PAY-4"]["method"] == "virtual_currency"
    assert by_id["PAY-4"]["al"] == ["Person"]
    assert _one(gateway, "MATCH (p:Payment {paymentId: 'PAY-4'}) RETURN p.walletAddress AS w, p.currency AS c") == {
        "w": "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE", "c": "USDT"}
    run = _one(gateway, "MATCH (:Payment {paymentId: 'PAY-1'})-[:INGESTED_BY]->(r:IngestRun) RETURN r.key AS k")["k"]
    assert run.startswith("run:")
    # Ingesting the same bundle again changes nothing.
    before = counts_by_label(gateway)
    ingest_path(gateway, bundle)
    assert counts_by_label(gateway) == before


def test_a_later_payment_reusing_an_id_with_other_data_is_refused(gateway: Gateway, tmp_path: Path) -> None:
    ingest_path(gateway, _write(tmp_path / "a", "payments.csv", PAY_HEADER, PAY_ROWS[:1]))
    changed = [PAY_ROWS[0][:2] + ["99,000.00"] + PAY_ROWS[0][3:]]
    with pytest.raises(InputError) as caught:
        ingest_path(gateway, _write(tmp_path / "b", "payments.csv", PAY_HEADER, changed))
    [problem] = caught.value.problems
    assert (problem["file"], problem["row"], problem["column"]) == ("payments.csv", 2, "payment_id")
    assert "earlier ingest" in problem["reason"] and "amount" in problem["reason"]
    assert _one(gateway, "MATCH (p:Payment) RETURN p.amount AS a")["a"] == 24800.0


def test_company_activity_and_residential_address(gateway: Gateway, tmp_path: Path) -> None:
    ingest_path(gateway, _write(tmp_path / "b", "companies.csv",
                                ["name", "country", "address", "website", "activity_code", "activity", "address_type"],
                                [["Textiles Norvia, S.A. de C.V.", "MX", "Calle Pino 8, Col. Centro, Puebla", "",
                                  "3132", "Fabricación de telas", "Residential"],
                                 ["Química Delta, S.A. de C.V.", "MX", "Av. Industria 12, Manzanillo, Colima",
                                  "quimicadelta.example", "434230", "", "industrial"]]))
    rows = gateway.read("MATCH (c:Company)-[:HAS_ADDRESS]->(a:Address) RETURN c.name AS n, c.activityCode AS code, "
                        "c.activity AS act, c.website AS web, a.residential AS home ORDER BY n").data()
    assert [(r["code"], r["act"], r["web"], r["home"]) for r in rows] == [
        ("434230", None, "quimicadelta.example", False), ("3132", "Fabricación de telas", None, True)]


def _bad(name: str, header: list[str], row: list[str], column: str, value: str) -> tuple[str, list[str], list[list[str]]]:
    changed = list(row)
    changed[header.index(column)] = value
    return name, header, [changed]


BAD = {
    "wrong date": (_bad("payments.csv", PAY_HEADER, PAY_ROWS[0], "date", "31/02/2024"), "date", "date"),
    "bad IATA code": (_bad("air_waybills.csv", AWB_HEADER, AWB_ROW, "arrival_airport", "N1U"), "arrival_airport",
                      "IATA"),
    "bad transit airport": (_bad("air_waybills.csv", AWB_HEADER, AWB_ROW, "transit_airports", "ANC;LAXX"),
                            "transit_airports", "IATA"),
    "AWB check digit": (_bad("air_waybills.csv", AWB_HEADER, AWB_ROW, "master_awb", "784-12345676"), "master_awb",
                        "check digit"),
    "flight number": (_bad("air_waybills.csv", AWB_HEADER, AWB_ROW, "flight_number", "flight 7"), "flight_number",
                      "flight number"),
    "negative amount": (_bad("payments.csv", PAY_HEADER, PAY_ROWS[0], "amount", "-500"), "amount", "positive"),
    "unknown method": (_bad("payments.csv", PAY_HEADER, PAY_ROWS[0], "method", "barter"), "method",
                       "wire, msb, virtual_currency, cash, card"),
    "unknown currency": (_bad("payments.csv", PAY_HEADER, PAY_ROWS[0], "currency", "PESOS"), "currency", "ISO 4217"),
    "crypto without wallet": (_bad("payments.csv", PAY_HEADER, PAY_ROWS[3], "wallet_address", ""), "wallet_address",
                              "virtual_currency"),
    "unknown service": (_bad("parcels.csv", PARCEL_HEADER, PARCEL_ROWS[0], "service", "pigeon"), "service",
                        "courier, post"),
    "negative parcel weight": (_bad("parcels.csv", PARCEL_HEADER, PARCEL_ROWS[0], "weight_kg", "-1"), "weight_kg",
                               "negative"),
    "activity code": (_bad("companies.csv", ["name", "activity_code"], ["Textiles Norvia SA", "3132"],
                           "activity_code", "textiles"), "activity_code", "SCIAN"),
    "address type": (_bad("companies.csv", ["name", "address_type"], ["Textiles Norvia SA", "home"],
                          "address_type", "house"), "address_type", "residential, commercial, industrial"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_names_file_row_and_column_and_stores_nothing(gateway: Gateway, tmp_path: Path, case: str) -> None:
    (name, header, rows), column, phrase = BAD[case]
    bundle = _write(tmp_path / "b", name, header, rows)
    _write(bundle, "manifests.csv", ["bill_of_lading", "shipper_name", "consignee_name"],
           [["BL-1", "Alpha Trading Co., Ltd.", "Beta, S.A. de C.V."]])  # a valid file beside the bad one
    with pytest.raises(InputError) as caught:
        ingest_path(gateway, bundle)
    [problem] = caught.value.problems
    assert (problem["file"], problem["row"], problem["column"]) == (name, 2, column)
    assert phrase in problem["reason"]
    assert f"{name} row 2, column {column}" in str(caught.value)
    assert counts_by_label(gateway) == {}, "a rejected run stores nothing"


@pytest.mark.parametrize("name, header, rows, column", [
    ("payments.csv", [c for c in PAY_HEADER if c != "currency"], [[v for c, v in zip(PAY_HEADER, PAY_ROWS[0])
                                                                   if c != "currency"]], "currency"),
    ("air_waybills.csv", [c for c in AWB_HEADER if c != "arrival_airport"],
     [[v for c, v in zip(AWB_HEADER, AWB_ROW) if c != "arrival_airport"]], "arrival_airport"),
    ("parcels.csv", PARCEL_HEADER[1:], [PARCEL_ROWS[0][1:]], "tracking_number"),
])
def test_a_missing_required_column_rejects_the_file(gateway: Gateway, tmp_path: Path, name: str, header: list[str],
                                                    rows: list[list[str]], column: str) -> None:
    with pytest.raises(InputError) as caught:
        ingest_path(gateway, _write(tmp_path / "b", name, header, rows))
    [problem] = caught.value.problems
    assert (problem["file"], problem["row"], problem["column"]) == (name, None, column)
    assert "required column" in problem["reason"]
    assert counts_by_label(gateway) == {}


def test_a_payment_id_used_twice_with_other_data_names_both_rows(gateway: Gateway, tmp_path: Path) -> None:
    twice = [PAY_ROWS[0], PAY_ROWS[0][:2] + ["25,000.00"] + PAY_ROWS[0][3:]]
    with pytest.raises(InputError) as caught:
        ingest_path(gateway, _write(tmp_path / "b", "payments.csv", PAY_HEADER, twice))
    [problem] = caught.value.problems
    assert (problem["file"], problem["row"], problem["column"]) == ("payments.csv", 3, "payment_id")
    assert "payments.csv row 2" in problem["reason"] and "amount" in problem["reason"]
    assert counts_by_label(gateway) == {}


def test_skip_invalid_stores_the_valid_payments_and_rejects_the_rest(gateway: Gateway, tmp_path: Path) -> None:
    rows = [PAY_ROWS[0], PAY_ROWS[1][:4] + ["barter"] + PAY_ROWS[1][5:]]
    report = ingest_path(gateway, _write(tmp_path / "b", "payments.csv", PAY_HEADER, rows), skip_invalid=True,
                         rejects_path=tmp_path / "rejects.csv")
    assert (report.rows_stored, report.rows_rejected) == (1, 1)
    assert [r["id"] for r in gateway.read("MATCH (p:Payment) RETURN p.paymentId AS id").data()] == ["PAY-1"]
    rejected = list(csv.DictReader(open(tmp_path / "rejects.csv", encoding="utf-8")))
    assert [(r["_row"], r["_columns"], r["payment_id"]) for r in rejected] == [("3", "method", "PAY-2")]
