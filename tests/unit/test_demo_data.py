"""Tests for the fictional demo-data generator: contracts, determinism, and that each plant is real.

"Real" means the data itself carries the signal a detector needs (and the look-alikes do not), checked
here with plain Python over the CSV files, without any database.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from workbench.demo import generator as demo_data
from workbench.chemicals import load_catalogue, match
from workbench.demo.generator import (
    CATEGORIES,
    COMPANY_COLUMNS,
    MANIFEST_COLUMNS,
    PEN_COLUMNS,
    PLANTED,
    SEIZURE_COLUMNS,
    WATCHLIST_COLUMNS,
    generate_bundle,
    name_variants,
)
from workbench.normalize import (
    address_key,
    cas_valid,
    country_code,
    email_norm,
    hs_normalize,
    parse_date,
    parse_number,
    person_name_key,
    phone_e164,
    port_code,
)

from workbench.normalize import company_name_key as _company_name_key

#: Keys are asked for tens of thousands of times over the same few thousand spellings.
company_name_key = functools.lru_cache(maxsize=None)(_company_name_key)

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "workbench" / "demo" / "bundle"
FILES = ("manifests.csv", "seizures.csv", "companies.csv", "pen_notifications.csv", "watchlist.csv",
         "watchlist.ftm.json", "air_waybills.csv", "parcels.csv", "payments.csv", "ground_truth.json", "README.txt")


class Bundle:
    """A generated bundle read back into memory."""

    def __init__(self, folder: Path, counts: dict[str, int], seconds: float) -> None:
        self.folder = folder
        self.counts = counts
        self.seconds = seconds
        self.manifests = self._csv("manifests.csv")
        self.seizures = self._csv("seizures.csv")
        self.companies = self._csv("companies.csv")
        self.pens = self._csv("pen_notifications.csv")
        self.watchlist = self._csv("watchlist.csv")
        self.truth: dict[str, Any] = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
        self.by_id = {m["record_id"]: m for m in self.manifests}

    def _csv(self, name: str) -> list[dict[str, str]]:
        with open(self.folder / name, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    def header(self, name: str) -> list[str]:
        with open(self.folder / name, encoding="utf-8", newline="") as fh:
            return next(csv.reader(fh))

    def plant(self, network: str, category: str) -> dict[str, Any]:
        return next(p for p in self.truth["plants"] if p["network"] == network and p["category"] == category)

    def rows_of(self, column: str, name: str) -> list[dict[str, str]]:
        key = company_name_key(name)
        return [m for m in self.manifests if company_name_key(m[column]) == key]

    def registry(self, name: str) -> dict[str, str]:
        key = company_name_key(name)
        return next(c for c in self.companies if company_name_key(c["name"]) == key)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    folder = tmp_path_factory.mktemp("demo")
    started = time.perf_counter()
    counts = generate_bundle(folder, seed=7, manifests=3000)
    return Bundle(folder, counts, time.perf_counter() - started)


def _planted_names() -> set[str]:
    return {n for p in PLANTED for n in p.companies}


# --- contracts and reproducibility -------------------------------------------------------------


def test_files_and_exact_columns(bundle: Bundle) -> None:
    for name in FILES:
        assert (bundle.folder / name).is_file(), name
    assert tuple(bundle.header("manifests.csv")) == MANIFEST_COLUMNS
    assert tuple(bundle.header("seizures.csv")) == SEIZURE_COLUMNS
    assert tuple(bundle.header("companies.csv")) == COMPANY_COLUMNS
    assert tuple(bundle.header("pen_notifications.csv")) == PEN_COLUMNS
    assert tuple(bundle.header("watchlist.csv")) == WATCHLIST_COLUMNS
    assert MANIFEST_COLUMNS[0] == "record_id" and MANIFEST_COLUMNS[-1] == "vessel"


def test_counts_match_files_and_default_is_fast(bundle: Bundle) -> None:
    assert bundle.counts["manifests"] == len(bundle.manifests) == 3000
    assert bundle.counts["seizures"] == len(bundle.seizures)
    assert bundle.counts["companies"] == len(bundle.companies)
    assert bundle.counts["pen_notifications"] == len(bundle.pens)
    assert bundle.counts["watchlist"] == len(bundle.watchlist)
    assert len({m["record_id"] for m in bundle.manifests}) == 3000
    assert len({m["bill_of_lading"] for m in bundle.manifests}) == 3000
    assert len({p["pen_id"] for p in bundle.pens}) == len(bundle.pens)
    assert bundle.seconds < 10


def test_fictional_notice(bundle: Bundle) -> None:
    assert "FICTIONAL DEMO DATA" in (bundle.folder / "README.txt").read_text(encoding="utf-8")
    assert "FICTIONAL" in bundle.truth["note"]
    assert "FICTIONAL DEMO DATA" in (REPO / "workbench" / "demo" / "bundle" / "README.md").read_text(encoding="utf-8")
    assert all(e["dataset"] == "demo_fictional_watchlist" for e in bundle.watchlist)
    assert all(email_norm(c["email"]).endswith(".example") for c in bundle.companies)  # type: ignore[union-attr]


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate_bundle(a, seed=11, manifests=400)
    generate_bundle(b, seed=11, manifests=400)
    generate_bundle(c, seed=12, manifests=400)
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "manifests.csv").read_bytes() != (c / "manifests.csv").read_bytes()


def test_committed_bundle_is_what_the_generator_writes(bundle: Bundle) -> None:
    for name in FILES:
        assert (COMMITTED / name).read_bytes() == (bundle.folder / name).read_bytes(), (
            f"workbench/demo/bundle/{name} is stale: run python -m workbench.demo.generator --out workbench/demo/bundle --seed 7"
        )


def test_plants_do_not_depend_on_size_and_size_has_a_floor(tmp_path: Path) -> None:
    small, large = tmp_path / "small", tmp_path / "large"
    counts = generate_bundle(small, seed=7, manifests=0)
    generate_bundle(large, seed=7, manifests=900)
    assert counts["manifests"] == counts["planted_manifests"] + counts["lookalike_manifests"]
    for name in ("seizures.csv", "watchlist.csv", "watchlist.ftm.json", "air_waybills.csv", "parcels.csv",
                 "payments.csv"):
        assert (small / name).read_bytes() == (large / name).read_bytes(), name
    with pytest.raises(ValueError):
        generate_bundle(tmp_path / "neg", manifests=-1)


def test_cli_writes_a_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert demo_data.main(["--out", str(tmp_path / "cli"), "--seed", "3", "--manifests", "250"]) == 0
    assert "manifests=250" in capsys.readouterr().out
    assert (tmp_path / "cli" / "ground_truth.json").is_file()


# --- every value is readable by the normalisers ------------------------------------------------


def test_manifest_values_are_readable(bundle: Bundle) -> None:
    dayfirst = comma = 0
    for m in bundle.manifests:
        assert parse_date(m["declaration_date"]) is not None
        weight = parse_number(m["weight_kg"])
        assert weight is not None and weight > 0
        assert hs_normalize(m["hs_code"]) is not None
        assert not m["cas_number"] or cas_valid(m["cas_number"]), m["cas_number"]
        for port in [m["port_of_lading"], m["port_of_discharge"], *filter(None, m["transit_ports"].split(";"))]:
            assert port_code(port) == port, port
        for column in ("shipper_country", "consignee_country", "final_destination_country"):
            assert country_code(m[column]) == m[column]
        dayfirst += "/" in m["declaration_date"]
        comma += "," in m["weight_kg"] and not m["weight_kg"].endswith(tuple(f".{d}" for d in "0123456789"))
    assert dayfirst > 100 and comma > 50  # the messiness is really there


def _iso6346_ok(container: str) -> bool:
    values, v = {}, 10
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        v += v % 11 == 0
        values[ch] = v
        v += 1
    total = sum((values[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(container[:10]))
    return len(container) == 11 and container[3] == "U" and total % 11 % 10 == int(container[10])


def test_container_numbers_carry_iso6346_check_digits(bundle: Bundle) -> None:
    assert demo_data._container_id("CSQ", 305438) == "CSQU3054383"  # the standard's own example
    containers = {c for m in bundle.manifests for c in m["container_ids"].split(";") if c}
    assert len(containers) > 1000 and all(_iso6346_ok(c) for c in containers)


def test_registry_and_pen_values_are_readable(bundle: Bundle) -> None:
    formats = set()
    for c in bundle.companies:
        country = country_code(c["country"])
        assert country, c["country"]
        assert phone_e164(c["phone"], country), (c["phone"], country)
        assert parse_date(c["incorporation_date"]) is not None
        formats.add(c["phone"][:1])
    assert {"+", "0", "T"} <= formats  # international, national or 00-prefixed, "Tel:"
    for p in bundle.pens:
        assert port_code(p["point_of_entry"]), p["point_of_entry"]
        assert parse_date(p["dispatch_date"]) and parse_number(p["quantity_kg"])
        assert p["status"] in {"approved", "objected", "pending", "withdrawn"}
    for s in bundle.seizures:
        assert parse_date(s["date"]) and parse_number(s["quantity_kg"])
        assert not s["cas_number"] or cas_valid(s["cas_number"])


def test_ftm_lines_are_entities(bundle: Bundle) -> None:
    lines = (bundle.folder / "watchlist.ftm.json").read_text(encoding="utf-8").splitlines()
    entities = [json.loads(line) for line in lines]
    schemata = {e["schema"] for e in entities}
    assert {"Company", "Person", "Address", "Sanction", "Directorship"} <= schemata
    ids = {e["id"] for e in entities}
    for e in entities:
        assert set(e) == {"id", "schema", "properties"}
        assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in e["properties"].values())
        for ref in ("entity", "director", "organization", "addressEntity"):
            assert all(r in ids for r in e["properties"].get(ref, []))


# --- names: messy but resolvable, look-alikes distinct -----------------------------------------


def test_messy_spellings_exist_and_share_the_canonical_key(bundle: Bundle) -> None:
    for name in sorted(_planted_names()):
        key = company_name_key(name)
        written = {m[col] for m in bundle.manifests
                   for col in ("shipper_name", "consignee_name", "broker_name", "notify_party")
                   if company_name_key(m[col]) == key}
        assert written, f"{name} never appears in manifests"
        assert all(company_name_key(v) == key for v in name_variants(name))
    # at least one planted firm shows the classic Chinese-English legal-form zoo
    qelvora = {m["shipper_name"] for m in bundle.rows_of("shipper_name", demo_data.QELVORA)}
    assert len(qelvora) >= 3


def test_look_alikes_never_share_a_planted_key() -> None:
    planted = {company_name_key(n) for n in _planted_names()}
    for network in PLANTED:
        for name in network.lookalikes:
            assert company_name_key(name) not in planted, name


def test_enough_legitimate_firms_and_benign_hubs(bundle: Bundle) -> None:
    planted = {company_name_key(n) for n in _planted_names()}
    firms = {company_name_key(m[c]) for m in bundle.manifests for c in ("shipper_name", "consignee_name")}
    assert len(firms - planted) >= 150
    centre = address_key(demo_data.HK_CENTRE)
    tenants = {company_name_key(c["name"]) for c in bundle.companies if address_key(c["address"]) == centre}
    assert len(tenants - planted) >= 15
    cdmx = address_key(demo_data.CDMX_CENTRE)
    assert len({company_name_key(c["name"]) for c in bundle.companies if address_key(c["address"]) == cdmx}) >= 12
    orvex_shippers = {company_name_key(m["shipper_name"]) for m in bundle.rows_of("broker_name", demo_data.ORVEX)}
    assert len(orvex_shippers) >= 24


# --- ground truth is complete and points at real rows ------------------------------------------


def test_ground_truth_covers_every_category(bundle: Bundle) -> None:
    assert bundle.truth["categories"] == list(CATEGORIES)
    assert all(bundle.truth["coverage"][c] for c in CATEGORIES)
    assert 5 <= len(bundle.truth["networks"]) <= 8
    for network in bundle.truth["networks"]:
        assert network["category"] in CATEGORIES and network["companies"] and network["lookalikes_not_flagged"]
    planted = _planted_names()
    seizure_ids = {s["seizure_id"] for s in bundle.seizures}
    for plant in bundle.truth["plants"]:
        assert set(plant["expected"]) <= planted, plant
        for rid in plant["evidence"].get("manifests", []):
            assert rid in bundle.by_id, rid
        assert set(plant["evidence"].get("seizures", [])) <= seizure_ids


def test_look_alikes_are_in_the_data(bundle: Bundle) -> None:
    seen = {company_name_key(m[c]) for m in bundle.manifests for c in ("shipper_name", "consignee_name", "broker_name")}
    seen |= {company_name_key(c["name"]) for c in bundle.companies}
    for network in bundle.truth["networks"]:
        for name in network["lookalikes_not_flagged"]:
            assert company_name_key(name) in seen, name


# --- each plant carries its signal; look-alikes do not ------------------------------------------


def _approved_pens(bundle: Bundle) -> dict[tuple[str, str], list[dt.date]]:
    cat = load_catalogue()
    out: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    for p in bundle.pens:
        chem = match(f"{p['substance']} {p['cas_number']}", cat)
        if p["status"] == "approved" and chem:
            out[(company_name_key(p["importer_name"]), chem.key)].append(parse_date(p["dispatch_date"]))  # type: ignore[arg-type]
    return out


def test_unnotified_controlled_imports_are_exactly_the_planted_ones(bundle: Bundle) -> None:
    cat = load_catalogue()
    approved = _approved_pens(bundle)
    planted = {company_name_key(n) for n in _planted_names()}
    unnotified, covered = [], 0
    notified = {key for _, key in approved}
    for m in bundle.manifests:
        chem = match(f"{m['goods_description']} {m['cas_number']}", cat)
        # Table I always needs a pre-export notification; Table II only where the importing country asks for one
        # (1988 Convention art. 12(10)(b)): in the demo, for the Table II chemicals it files notifications for
        if not chem or not chem.controlled or (chem.schedule == "table_ii" and chem.key not in notified):
            continue
        day = parse_date(m["declaration_date"])
        dispatches = approved.get((company_name_key(m["consignee_name"]), chem.key), [])
        if any(dt.timedelta(0) <= day - d <= dt.timedelta(days=60) for d in dispatches):  # type: ignore[operator]
            covered += 1
        else:
            unnotified.append(m)
    assert covered >= 20  # legitimate controlled trade exists, with PENs
    assert unnotified and all(company_name_key(m["consignee_name"]) in planted for m in unnotified)
    plant = bundle.plant("N2", "unnotified-controlled-chemical")
    assert set(plant["evidence"]["manifests"]) <= {m["record_id"] for m in unnotified}
    objected = [p for p in bundle.pens if p["pen_id"] in plant["evidence"]["objected_pens"]]
    assert objected and objected[0]["status"] == "objected"


def test_company_shopping_follows_the_objection(bundle: Bundle) -> None:
    plant = bundle.plant("N2", "company-shopping")
    objected = next(p for p in bundle.pens if p["pen_id"] in plant["evidence"]["objected_pens"])
    objection_day = parse_date(objected["dispatch_date"])
    rows = [bundle.by_id[r] for r in plant["evidence"]["manifests"]]
    assert all(parse_date(r["declaration_date"]) > objection_day for r in rows)  # type: ignore[operator]
    suppliers = {company_name_key(r["shipper_name"]) for r in rows}
    assert company_name_key(plant["evidence"]["objected_supplier"]) not in suppliers
    assert suppliers == {company_name_key(n) for n in plant["evidence"]["new_suppliers"]}
    # the licensed look-alike re-filed with the same supplier after its objection: not shopping
    quenvar = company_name_key(demo_data.QUENVAR)
    objected_lab = [p for p in bundle.pens if p["status"] == "objected" and company_name_key(p["importer_name"]) == quenvar]
    assert objected_lab
    same_supplier = company_name_key(objected_lab[0]["exporter_name"])
    refiled = [p for p in bundle.pens if p["status"] == "approved" and company_name_key(p["importer_name"]) == quenvar
               and company_name_key(p["exporter_name"]) == same_supplier]
    assert refiled


def test_goods_mismatch_seizure(bundle: Bundle) -> None:
    plant = bundle.plant("N1", "goods-mismatch")
    seizure = next(s for s in bundle.seizures if s["seizure_id"] in plant["evidence"]["seizures"])
    row = next(m for m in bundle.manifests if m["bill_of_lading"] == seizure["bill_of_lading"])
    assert hs_normalize(row["hs_code"]).startswith("3304")  # type: ignore[union-attr]
    assert match(row["goods_description"], load_catalogue()) is None
    assert match(f"{seizure['substance']} {seizure['cas_number']}", load_catalogue()).key == "four_ap"  # type: ignore[union-attr]
    assert seizure["container_id"] in row["container_ids"].split(";")
    # the look-alike writes the same vague words but was never seized
    delmar_bls = {m["bill_of_lading"] for m in bundle.rows_of("consignee_name", demo_data.DELMAR)}
    assert delmar_bls and not delmar_bls & {s["bill_of_lading"] for s in bundle.seizures}


def test_successor_fronts_share_identifiers_and_come_after_the_event(bundle: Bundle) -> None:
    for network in ("N1", "N5"):
        plant = bundle.plant(network, "successor-front")
        successor = bundle.registry(plant["expected"][0])
        predecessor = bundle.registry(plant["evidence"]["predecessor"])
        assert parse_date(successor["incorporation_date"]) > dt.date.fromisoformat(plant["evidence"]["event_date"])  # type: ignore[operator]
        assert phone_e164(successor["phone"], successor["country"]) == phone_e164(predecessor["phone"], predecessor["country"])
        officers = [{person_name_key(o.split(" (")[0]) for o in c["officers"].split("; ")} for c in (successor, predecessor)]
        assert officers[0] & officers[1]
    # a legitimate group's new subsidiary also shares a director, but no event preceded it
    assert demo_data.VELQUOR_HK in next(n for n in bundle.truth["networks"] if n["id"] == "N5")["lookalikes_not_flagged"]


def test_transshipment_only_in_the_plant(bundle: Bundle) -> None:
    plant = bundle.plant("N3", "transshipment")
    expected = {company_name_key(n) for n in plant["expected"]}
    diverted = [m for m in bundle.manifests if m["final_destination_country"] != m["consignee_country"]]
    assert diverted and {m["record_id"] for m in diverted} == set(plant["evidence"]["manifests"])
    assert {m["port_of_discharge"] for m in diverted} == {"GTPRQ", "USLAX"}
    assert all(company_name_key(m["consignee_name"]) in expected for m in diverted)
    legit_via_hubs = [m for m in bundle.manifests if m["transit_ports"] and m["record_id"] not in plant["evidence"]["manifests"]]
    assert len(legit_via_hubs) > 100  # routing through hubs is ordinary


def test_broker_hub_links_many_and_is_seized_while_the_big_forwarder_is_not(bundle: Bundle) -> None:
    seized_bls = {s["bill_of_lading"] for s in bundle.seizures if s["bill_of_lading"]}
    hub = bundle.rows_of("broker_name", demo_data.TREVANTO)
    assert len({company_name_key(m["shipper_name"]) for m in hub}) >= 5
    assert len({company_name_key(m["consignee_name"]) for m in hub}) >= 6
    assert len({m["bill_of_lading"] for m in hub} & seized_bls) >= 4
    orvex = bundle.rows_of("broker_name", demo_data.ORVEX)
    assert len(orvex) > len(hub) and not {m["bill_of_lading"] for m in orvex} & seized_bls
    # a container from a seized load reappears later with a legitimate consignee: reuse, not a link
    trap = bundle.truth["benign_hubs"]["container_reuse_after_seizure"]
    reused = [m for m in bundle.manifests if trap["container"] in m["container_ids"].split(";")]
    assert {company_name_key(m["consignee_name"]) for m in reused} >= {company_name_key(trap["consignee"])}


def test_sanctioned_party_is_on_the_watchlist_and_near_the_plant(bundle: Bundle) -> None:
    listed = {company_name_key(e["name"]) for e in bundle.watchlist}
    assert company_name_key(demo_data.CALVEXA) in listed
    ardeno_suppliers = {company_name_key(m["shipper_name"]) for m in bundle.rows_of("consignee_name", demo_data.ARDENO)}
    assert company_name_key(demo_data.CALVEXA) in ardeno_suppliers
    a, b = bundle.registry(demo_data.ARDENO), bundle.registry(demo_data.ARDENO_LOG)
    assert address_key(a["address"]) == address_key(b["address"]) or phone_e164(a["phone"], "MX") == phone_e164(b["phone"], "MX")
    assert company_name_key(demo_data.CALVERA) not in listed and company_name_key(demo_data.ARDENA) not in listed


def test_shared_identifiers_are_rare_for_fronts_and_common_for_the_business_centre(bundle: Bundle) -> None:
    plant = bundle.plant("N6", "shared-identifiers")
    phone = plant["evidence"]["phones"][0]
    holders = [c for c in bundle.companies if phone_e164(c["phone"], country_code(c["country"])) == phone]
    assert 2 <= len(holders) <= 3
    email = plant["evidence"]["emails"][0]
    assert 2 <= sum(email_norm(c["email"]) == email for c in bundle.companies) <= 3
    officer = person_name_key(plant["evidence"]["officers"][0])
    with_officer = [c for c in bundle.companies if officer in {person_name_key(o.split(" (")[0]) for o in c["officers"].split("; ")}]
    assert {company_name_key(c["name"]) for c in with_officer} == {company_name_key(n) for n in plant["expected"]}
    centre_phone = phone_e164(bundle.registry(demo_data.VEXLEY_CS)["phone"], "HK")
    assert sum(phone_e164(c["phone"], country_code(c["country"])) == centre_phone for c in bundle.companies) >= 12


def test_new_importer_surge_and_split_shipments(bundle: Bundle) -> None:
    rows = bundle.rows_of("consignee_name", demo_data.BRIXAN)
    days = sorted(parse_date(m["declaration_date"]) for m in rows)  # type: ignore[type-var]
    assert len(rows) >= 20 and days[0] >= dt.date(2025, 3, 1) and (days[-1] - days[0]).days <= 56  # type: ignore[operator]
    assert len({company_name_key(m["shipper_name"]) for m in rows}) >= 5
    assert all(hs_normalize(m["hs_code"]).startswith("2933") for m in rows)  # type: ignore[union-attr]
    assert all(parse_number(m["weight_kg"]) < 100 for m in rows)  # type: ignore[operator]
    incorporated = parse_date(bundle.registry(demo_data.BRIXAN)["incorporation_date"])
    assert incorporated is not None and incorporated > dt.date(2024, 12, 31)
    split = bundle.plant("N7", "split-shipments")
    for container in split["evidence"]["containers"]:
        assert sum(container in m["container_ids"].split(";") for m in rows) >= 3
    # the new polyethylene importer is new too, but imports no precursor-range HS codes
    norvent = bundle.rows_of("consignee_name", demo_data.NORVENT)
    assert norvent and not any(hs_normalize(m["hs_code"]).startswith("2933") for m in norvent)  # type: ignore[union-attr]
    # LCL consolidations share a container on one voyage, across different consignees
    for container in bundle.truth["benign_hubs"]["lcl_consolidation_containers"][:5]:
        same = [m for m in bundle.manifests if m["container_ids"] == container and m["bill_of_lading"].startswith("ORVX")]
        assert len({company_name_key(m["consignee_name"]) for m in same}) >= 2 or len(same) >= 2


# --- air waybills, parcels, payments (issue 16) -------------------------------------------------


def _channel(bundle: Bundle, name: str) -> list[dict[str, str]]:
    return bundle._csv(name)


@pytest.mark.parametrize("name", ["air_waybills", "parcels", "payments"])
def test_other_channel_files_follow_the_import_contract(bundle: Bundle, name: str) -> None:
    from workbench.ingest.kinds import KINDS  # noqa: PLC0415
    from workbench.ingest.readers import read_file  # noqa: PLC0415
    from workbench.ingest.records import duplicate_problems, validate_table  # noqa: PLC0415

    assert tuple(bundle.header(f"{name}.csv")) == KINDS[name].columns
    records, problems, _ = validate_table(read_file(bundle.folder / f"{name}.csv", name))
    assert problems == [] and len(records) == bundle.counts[name] > 0
    assert duplicate_problems(records)[0] == []


def test_planted_air_waybills_fly_precursor_range_goods_of_a_network_into_aifa(bundle: Bundle) -> None:
    rows = {(r["master_awb"], r["house_awb"]): r for r in _channel(bundle, "air_waybills.csv")}
    truth = bundle.truth["air_waybills"]
    planted_names = {company_name_key(n) for n in _planted_names()}
    assert len(truth["planted"]) >= 2
    for plant in truth["planted"]:
        row = rows[(plant["master_awb"], plant["house_awb"])]
        assert row["arrival_airport"] == "NLU" and row["departure_airport"] in ("PVG", "HKG"), row
        assert hs_normalize(row["hs_code"]).startswith("2933"), row
        assert company_name_key(row["shipper_name"]) in planted_names and plant["why"]
    assert any(r["manufacturer_name"] and company_name_key(r["manufacturer_name"]) !=
               company_name_key(r["shipper_name"]) for r in (rows[(p["master_awb"], p["house_awb"])]
                                                            for p in truth["planted"]))
    benign = [rows[(b["master_awb"], b["house_awb"])] for b in truth["benign"]]
    assert len(benign) >= 10 and len(benign) + len(truth["planted"]) == len(rows)
    for row in benign:
        assert company_name_key(row["shipper_name"]) not in planted_names
        assert company_name_key(row["consignee_name"]) not in planted_names
        assert not hs_normalize(row["hs_code"]).startswith(("2933", "2914", "2924")), row
    assert any(r["arrival_airport"] == "NLU" for r in benign), "benign air cargo also lands at AIFA"


def test_planted_parcels_are_small_precursor_range_parcels_to_a_planted_firm(bundle: Bundle) -> None:
    rows = {r["tracking_number"]: r for r in _channel(bundle, "parcels.csv")}
    truth = bundle.truth["parcels"]
    planted_names = {company_name_key(n) for n in _planted_names()}
    assert {rows[p["tracking_number"]]["service"] for p in truth["planted"]} == {"courier", "post"}
    for plant in truth["planted"]:
        row = rows[plant["tracking_number"]]
        assert company_name_key(row["recipient_name"]) in planted_names
        assert float(row["weight_kg"]) <= 5 and hs_normalize(row["hs_code"]).startswith("2933")
    for number in truth["benign"]:
        assert company_name_key(rows[number]["recipient_name"]) not in planted_names
    assert len(truth["planted"]) + len(truth["benign"]) == len(rows)


def test_planted_payments_show_the_three_payment_red_flags_and_benign_ones_do_not(bundle: Bundle) -> None:
    rows = {r["payment_id"]: r for r in _channel(bundle, "payments.csv")}
    plants = {p["pattern"]: p for p in bundle.truth["payments"]["planted"]}
    fan_in = [rows[i] for i in plants["many-senders-one-beneficiary"]["ids"]]
    assert len({r["originator_name"] for r in fan_in}) >= 5 and len({r["beneficiary_name"] for r in fan_in}) == 1
    [crypto] = [rows[i] for i in plants["virtual-currency-to-chemical-seller"]["ids"]]
    assert crypto["method"] == "virtual_currency" and crypto["wallet_address"]
    assert "Chemical" in crypto["beneficiary_name"] or crypto["beneficiary_name"] == demo_data.QELVORA
    structured = [rows[i] for i in plants["just-under-reporting-threshold"]["ids"]]
    assert len(structured) >= 3 and all(9000 <= float(r["amount"]) < 10000 for r in structured)
    assert len({r["originator_name"] for r in structured}) == 1
    benign = [rows[i] for i in bundle.truth["payments"]["benign"]]
    assert len(benign) >= 5 and not any(9000 <= float(r["amount"]) < 10000 for r in benign)
    assert {r["method"] for r in benign} <= {"wire", "card"}
    assert len(benign) + sum(len(p["ids"]) for p in plants.values()) == len(rows)



# --- company profiles, relabelling, cover commodities, payment to a listed party (issue 16) ------------------------

PRECURSOR_HS = ("2933.3", "2914.31", "2939.4")  # the detectors' default precursor range


def _precursor_range(hs: str, text: str) -> bool:
    chem = match(text, load_catalogue())
    return (hs_normalize(hs) or "").startswith(PRECURSOR_HS) or bool(chem and chem.schedule in ("table_i", "surveillance"))


def _precursor_traders(bundle: Bundle) -> dict[str, set[str]]:
    """Name key of every firm that shipped or received precursor-range goods, by role, over every channel."""
    out: dict[str, set[str]] = {"shipper": set(), "consignee": set()}
    for m in bundle.manifests:
        if _precursor_range(m["hs_code"], f"{m['goods_description']} {m['cas_number']}"):
            out["shipper"].add(company_name_key(m["shipper_name"]))
            out["consignee"].add(company_name_key(m["consignee_name"]))
    for r in _channel(bundle, "air_waybills.csv"):
        if _precursor_range(r["hs_code"], f"{r['goods_description']} {r['cas_number']}"):
            out["shipper"].add(company_name_key(r["shipper_name"]))
            out["consignee"].add(company_name_key(r["consignee_name"]))
    for r in _channel(bundle, "parcels.csv"):
        if _precursor_range(r["hs_code"], f"{r['declared_content']} {r['cas_number']}"):
            out["shipper"].add(company_name_key(r["sender_name"]))
            out["consignee"].add(company_name_key(r["recipient_name"]))
    return out


def _sector_of(code: str) -> dict[str, Any] | None:
    from workbench.analysis.reference_data import sectors  # noqa: PLC0415

    found = [s for s in sectors() if code and code.startswith(s["prefix"])]
    return max(found, key=lambda s: len(s["prefix"])) if found else None


def test_the_registry_declares_activities_and_only_the_planted_consignees_trade_outside_theirs(bundle: Bundle) -> None:
    mexican = [c for c in bundle.companies if country_code(c["country"]) == "MX"]
    assert sum(bool(c["activity_code"]) for c in mexican) >= 0.7 * len(mexican)
    assert all(c["activity_code"].isdigit() and c["activity"] for c in bundle.companies if c["activity_code"])
    assert {c["address_type"] for c in bundle.companies} == {"", "commercial", "industrial", "residential"}
    mismatched = {company_name_key(p["expected"][0]) for p in bundle.truth["plants"] if p["category"] == "sector-mismatch"}
    assert len(mismatched) == 2
    receivers = _precursor_traders(bundle)["consignee"]
    unrelated = set()
    for c in bundle.companies:
        sector = _sector_of(c["activity_code"])
        if sector is not None and sector["chemicals"] is False:
            unrelated.add(company_name_key(c["name"]))
    assert unrelated & receivers == mismatched
    assert len(unrelated) >= 10  # food, electronics and pet-food firms; they import no precursor-range goods


def test_only_the_planted_mexican_front_gives_a_chinese_phone(bundle: Bundle) -> None:
    plant = bundle.plant("N6", "foreign-phone")
    foreign = [c for c in bundle.companies if country_code(c["country"]) not in ("CN", "HK")
               and (phone_e164(c["phone"], country_code(c["country"])) or "").startswith(("+86", "+852"))]
    assert [company_name_key(c["name"]) for c in foreign] == [company_name_key(plant["expected"][0])]
    assert phone_e164(foreign[0]["phone"], "MX") == plant["evidence"]["phones"][0]
    assert phone_e164(bundle.registry(demo_data.KELVARO)["phone"], "CN") == plant["evidence"]["phones"][0]


def test_shell_indicators_coincide_only_on_the_planted_fronts(bundle: Bundle) -> None:
    expected = {company_name_key(p["expected"][0]) for p in bundle.truth["plants"] if p["category"] == "shell-indicators"}
    traders = set().union(*_precursor_traders(bundle).values())
    coinciding = set()
    for c in bundle.companies:
        indicators = (c["address_type"] == "residential") + (not c["website"])
        if indicators >= 2 and company_name_key(c["name"]) in traders:
            coinciding.add(company_name_key(c["name"]))
    assert coinciding == expected
    # one indicator alone is common: small legitimate importers without a website
    alone = [c for c in bundle.companies if not c["website"] and company_name_key(c["name"]) not in expected]
    assert len(alone) >= 5


def test_the_relabelled_chemical_was_declared_by_its_maker_to_the_trader_first(bundle: Bundle) -> None:
    plant = bundle.plant("N2", "relabelling")
    [inbound] = [bundle.by_id[r] for r in plant["evidence"]["manifests"]]
    assert match(f"{inbound['goods_description']} {inbound['cas_number']}", load_catalogue()).key == "one_boc_four_piperidone"  # type: ignore[union-attr]
    assert company_name_key(inbound["consignee_name"]) == company_name_key(demo_data.SARNOTH)
    awb = next(r for r in _channel(bundle, "air_waybills.csv") if r["manufacturer_name"])
    assert awb["manufacturer_name"] == inbound["shipper_name"] == demo_data.RUVEXIN  # the maker's own spelling
    assert company_name_key(awb["shipper_name"]) == company_name_key(demo_data.SARNOTH)
    assert company_name_key(awb["consignee_name"]) == company_name_key(plant["evidence"]["consignee"])
    assert match(f"{awb['goods_description']} {awb['cas_number']}", load_catalogue()) is None
    days = (parse_date(awb["declaration_date"]) - parse_date(inbound["declaration_date"])).days  # type: ignore[operator]
    assert 0 < days <= 180


def test_cover_commodities_come_only_from_the_planted_chemical_supplier(bundle: Bundle) -> None:
    from workbench.analysis.reference_data import cover_terms, packaging_terms  # noqa: PLC0415

    covers, packaging = cover_terms(), packaging_terms()
    plant = bundle.plant("N4", "cover-commodity")
    chemical_shippers = {company_name_key(m["shipper_name"]) for m in bundle.manifests
                         if (hs_normalize(m["hs_code"]) or "").startswith(("28", "29", "38"))}
    flagged = set()
    rows = [(m["shipper_name"], m["goods_description"], m["hs_code"]) for m in bundle.manifests]
    rows += [(r["shipper_name"], r["goods_description"], r["hs_code"]) for r in _channel(bundle, "air_waybills.csv")]
    rows += [(r["sender_name"], r["declared_content"], r["hs_code"]) for r in _channel(bundle, "parcels.csv")]
    nuts = 0
    for shipper, text, hs in rows:
        text = text.lower()
        if not any(t in text for t in covers):
            continue
        nuts += "nuts" in text
        if (company_name_key(shipper) in chemical_shippers or (hs_normalize(hs) or "").startswith(("28", "29", "38"))
                or any(t in text for t in packaging)):
            flagged.add(company_name_key(shipper))
    assert flagged == {company_name_key(plant["expected"][0])}
    assert nuts >= 2  # the look-alike: walnuts from a nut exporter that ships no chemicals
    for rid in plant["evidence"]["manifests"]:
        assert "drum" in bundle.by_id[rid]["goods_description"].lower()


def test_the_payment_to_the_listed_supplier_follows_its_designation(bundle: Bundle) -> None:
    rows = {r["payment_id"]: r for r in _channel(bundle, "payments.csv")}
    [listed] = [p for p in bundle.truth["payments"]["planted"] if p["pattern"] == "payment-to-listed-party"]
    designation = bundle.plant("N5", "listed-party-payment")["evidence"]["listed_on"]
    paid = [rows[i] for i in listed["ids"]]
    assert {r["beneficiary_name"] for r in paid} == {demo_data.CALVEXA} and {r["originator_name"] for r in paid} == {demo_data.ARDENO}
    assert any(r["date"] > designation for r in paid)
    watchlisted = {company_name_key(e["name"]) for e in bundle.watchlist}
    others = [r for r in rows.values() if r["payment_id"] not in listed["ids"]]
    assert not any(company_name_key(r["beneficiary_name"]) in watchlisted for r in others)


def test_no_background_name_is_near_the_late_firms(bundle: Bundle) -> None:
    """The profile plants' firms are built last and their words are not reserved when background names are
    invented (that would rename them all): no other firm may carry a word near theirs."""
    from rapidfuzz.distance import Levenshtein  # noqa: PLC0415

    late = {"ruvexin", "jiyunda"}  # their brand words; the rest (hubei, xinjiang, chemical, nut...) are generic
    assert late <= {w for n in demo_data.LATE_FIRMS for w in company_name_key(n).split()}
    for c in bundle.truth["identity"]["companies"]:
        if c["name"] in demo_data.LATE_FIRMS:
            continue
        for word in company_name_key(c["name"]).split():
            assert all(Levenshtein.distance(word, w) > 2 for w in late), (c["name"], late)
