"""Airports by IATA code (workbench/data/normalize/airports.yaml): the codes air waybills write, read as Port nodes
keyed like seaports, and the field types of the new record kinds (pure: no store)."""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench.normalize as nz
from workbench.errors import ModelError
from workbench.ingest.records import FIELD_TYPES


@pytest.mark.parametrize("raw, code", [("NLU", "NLU"), ("nlu", "NLU"), ("AIFA", "NLU"), ("Felipe Ángeles", "NLU"),
                                       ("Aeropuerto Internacional Felipe Angeles", "NLU"), ("MXNLU", "NLU"),
                                       ("AICM", "MEX"), ("Pudong", "PVG"), ("Chek Lap Kok", "HKG"), ("XYZ", "XYZ")])
def test_airport_codes_and_names(raw: str, code: str) -> None:
    assert nz.airport_code(raw) == code


@pytest.mark.parametrize("raw", ["N1U", "NLUU", "Atlantis Airport", "", "12"])
def test_what_is_not_an_airport(raw: str) -> None:
    assert nz.airport_code(raw) is None


def test_the_table_has_the_airports_of_the_working_group_with_coordinates() -> None:
    airports = nz.airports()
    for code in ("NLU", "MEX", "GDL", "MTY", "QRO", "TIJ", "CUN", "PVG", "PEK", "CAN", "SZX", "HKG", "ICN", "NRT",
                 "LAX", "ORD", "MIA", "DFW", "ANC", "FRA", "AMS"):
        port = airports[code]
        assert port.kind == "airport" and -90 <= port.lat <= 90 and -180 <= port.lon <= 180
    assert airports["NLU"].country == "MX" and "AIFA" in airports["NLU"].name
    assert airports["HKG"].country == "HK" and airports["PVG"].country == "CN"
    # Every known place by code, for the route map: seaports by UN/LOCODE, airports by IATA code.
    assert nz.ports()["NLU"] is airports["NLU"] and nz.ports()["MXZLO"].kind == "seaport"
    # A manifest's port codes are unchanged: HKG there is the seaport of Hong Kong, MXNLU the airport's LOCODE.
    assert nz.port_code("HKG") == "HKHKG" and nz.port_code("AIFA") == "MXNLU"
    assert nz.airport_for_locode("MXNLU") == "NLU" and nz.airport_for_locode("MXZLO") is None


def test_a_bad_airports_file_names_airport_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "airports.yaml"
    bad.write_text("airports:\n  - {code: NLU, name: AIFA, country: MX, lat: 19.7, lon: -99.0}\n"
                   "  - {code: MEXX, name: AICM, country: MX, lat: 19.4, lon: -99.1}\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"airport #2 \(MEXX\): field 'code'"):
        nz.load_airports(bad)


@pytest.mark.parametrize("ftype, raw, value", [
    ("awb", "784-12345675", "784-12345675"), ("awb", "784 1234 5675", "784-12345675"),
    ("flight", "cz 8091", "CZ8091"), ("flight", "AM-0401", "AM0401"), ("airports", "ANC; Pudong", ["ANC", "PVG"]),
    ("count", "12", 12), ("amount", "9.850,00", 9850.0), ("currency", "usd", "USD"), ("currency", "USDT", "USDT"),
    ("method", "Wire transfer", "wire"), ("method", "virtual currency", "virtual_currency"),
    ("method", "MSB", "msb"), ("service", "Express", "courier"), ("party_type", "Individual", "person"),
    ("address_type", "Residential", "residential"), ("activity_code", "325 199", "325199"),
])
def test_new_field_types_read_what_people_write(ftype: str, raw: str, value: object) -> None:
    assert FIELD_TYPES[ftype](raw) == value


@pytest.mark.parametrize("ftype, raw, phrase", [
    ("awb", "784-12345670", "check digit"), ("awb", "78412345", "air waybill number"),
    ("flight", "8091", "flight number"), ("airport", "N1U", "IATA"), ("count", "2.5", "whole number"),
    ("amount", "0", "positive"), ("amount", "-10", "positive"), ("currency", "PESOS", "ISO 4217"),
    ("method", "barter", "payment method"), ("service", "pigeon", "parcel service"),
    ("activity_code", "3", "SCIAN"), ("address_type", "house", "address type"),
])
def test_new_field_types_name_what_is_wrong(ftype: str, raw: str, phrase: str) -> None:
    with pytest.raises(ValueError, match=phrase):
        FIELD_TYPES[ftype](raw)
