"""Seeded generator of a FICTIONAL precursor-trade scenario for demos, tests and benchmarks.

Every company, person, address, phone number, e-mail and vessel it writes is invented. Real
places (provinces, cities, ports) and real chemicals are used so the data reads like real trade.

The bundle: manifests.csv, seizures.csv, companies.csv, pen_notifications.csv, watchlist.csv
(OpenSanctions targets.simple.csv columns), watchlist.ftm.json (FollowTheMoney JSON lines), air_waybills.csv,
parcels.csv, payments.csv, ground_truth.json (the planted networks, what should be flagged and what must not) and README.txt.

Ordinary legitimate trade is the background; a handful of planted networks each make one red-flag
detector fire; legitimate look-alikes (similar names, shared business-centre addresses, a big
forwarder, licensed controlled-chemical trade with approved PENs) must not. Output is a pure
function of (seed, manifests): same arguments, byte-identical files. Manifests and the PENs of
the background's controlled trade are streamed, so a million rows take little memory.

Run: ``python -m workbench.demo.generator --out workbench/demo/bundle --seed 7 [--manifests N]``.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import json
import random
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

import phonenumbers
from rapidfuzz.distance import Levenshtein

from workbench.ingest.kinds import KINDS
from workbench.normalize import company_name_key
from workbench.red_flags import load_categories

__all__ = [
    "CATEGORIES",
    "COMPANY_COLUMNS",
    "MANIFEST_COLUMNS",
    "PEN_COLUMNS",
    "PLANTED",
    "PlantedNetwork",
    "SEIZURE_COLUMNS",
    "WATCHLIST_COLUMNS",
    "generate_bundle",
    "main",
]

START = dt.date(2023, 1, 2)
END = dt.date(2025, 6, 30)
DEFAULT_SEED = 7
DEFAULT_MANIFESTS = 3000
DATASET = "demo_fictional_watchlist"

#: The red-flag categories the planted networks cover: the one definition in workbench/data/red_flags.yaml, less
#: those raised only by what officers record afterwards (inspection outcomes), which no ingested data can plant.
CATEGORIES: tuple[str, ...] = tuple(c.id for c in load_categories().values() if not c.recorded)


def _columns(kind: str, leave_out: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The import contract's columns of ``kind`` (workbench/ingest/kinds/), in order, minus optional columns the
    demo does not write."""
    columns = KINDS[kind].columns
    unknown = [c for c in leave_out if c not in columns]
    if unknown:
        raise ValueError(f"{kind} has no column {unknown[0]!r} to leave out")
    return tuple(c for c in columns if c not in leave_out)


#: The demo names no manufacturer apart from the shipper.
MANIFEST_COLUMNS: tuple[str, ...] = _columns("manifests", leave_out=("manufacturer_name",))
SEIZURE_COLUMNS: tuple[str, ...] = _columns("seizures")
#: The demo registry writes the city inside the address.
COMPANY_COLUMNS: tuple[str, ...] = _columns("companies", leave_out=("city",))
PEN_COLUMNS: tuple[str, ...] = _columns("pen_notifications")
WATCHLIST_COLUMNS: tuple[str, ...] = _columns("watchlist")

# ---------------------------------------------------------------------------------------------
# The planted networks (static: names do not depend on the seed)

# N1 - goods mismatch: "cosmetic raw material" that was 4-AP
QELVORA = "Hubei Qelvora Biotech Co., Ltd."
VELMAR = "Distribuidora Cosmética Velmar, S.A. de C.V."
BELMARINA = "Belmarina Cosméticos, S. de R.L. de C.V."
DELMAR = "Distribuidora Cosmética Delmar, S.A. de C.V."
QELVONA = "Hubei Qelvona Biotech Co., Ltd."
# N2 - unnotified controlled chemical and company shopping
TARVEK = "Comercializadora Industrial Tarvek, S.A. de C.V."
OSTREVAN = "Shandong Ostrevan Chemical Co., Ltd."
MIRVANE = "Zhejiang Mirvane Pharmtech Co., Ltd."
SARNOTH = "Sarnoth Trading (HK) Limited"
KAVRON = "Importaciones Kavron del Bajío, S. de R.L. de C.V."
DUVESSA = "Jiangxi Duvessa Chemical Co., Ltd."
#: The maker named on Sarnoth's relabelled air waybill; it sold Sarnoth the chemical under its own name.
RUVEXIN = "Hubei Ruvexin Fine Chemical Co., Ltd."
QUENVAR = "Laboratorios Quenvar, S.A. de C.V."
TARVEX = "Comercializadora Industrial Tarvex, S.A. de C.V."
HALVORIS = "Zhejiang Halvoris Pharmaceutical Co., Ltd."
AUROVEL = "Aurovel Lifesciences Pvt. Ltd."
LUMEN = "Estándares Analíticos Lumen, S.A. de C.V."
BRENHOLT = "Brenholt Referenzstandards GmbH"
# N3 - transshipment via Los Angeles and Puerto Quetzal
DRAVIK = "Guangzhou Dravik Trading Co., Ltd."
ZELVAN = "Importadora Zelvan de Guatemala, S.A."
KELMOR = "Kelmor Pacific Supply LLC"
ZELVANA = "Distribuidora Zelvana Centroamericana, S.A."
KELMORE = "Kelmore Pacific Foods Inc."
DRAVIN = "Guangzhou Dravin Food Ingredients Co., Ltd."
# N4 - broker hub
TREVANTO = "Grupo Aduanal Trevanto, S.C."
N4_SUPPLIERS = (
    "Hebei Yusar Chemical Co., Ltd.",
    "Nanjing Corvalis Pharmaceutical Technology Co., Ltd.",
    "Anhui Pelmora New Material Co., Ltd.",
    "Shijiazhuang Vantrel Trading Co., Ltd.",
    "Henan Ostiva Biotechnology Co., Ltd.",
)
N4_CONSIGNEES = (
    "Soluciones Industriales Merkon, S.A. de C.V.",
    "Distribuidora Química Arvelo, S.A. de C.V.",
    "Comercial Fenbrak, S. de R.L. de C.V.",
    "Abastos Químicos Yarvek, S.A. de C.V.",
    "Insumos Tecnológicos Dorvan, S.A. de C.V.",
    "Grupo Comercial Nelvas, S.A. de C.V.",
)
ORVEX = "Orvex Global Logistics (Mexico), S.A. de C.V."
TREVINO = "Agencia Aduanal Treviño y Asociados, S.C."
CASTREL = "Ningbo Castrel Polymer Co., Ltd."
OXANDRA = "Plásticos Industriales Oxandra, S.A. de C.V."
#: A genuine nut exporter: nuts from a firm that ships no chemicals and uses no drums are just nuts.
JIYUNDA = "Xinjiang Jiyunda Nut Products Co., Ltd."
#: Firms added by the profile plants (issue 16), built after every other firm.
LATE_FIRMS = (RUVEXIN, JIYUNDA)
# N5 - sanctions proximity and a successor front
CALVEXA = "Wuhan Calvexa Biotechnology Co., Ltd."
NOLVEXA = "Wuhan Nolvexa Pharmaceutical Technology Co., Ltd."
ARDENO = "Grupo Farmacéutico Ardeno, S.A. de C.V."
ARDENO_LOG = "Servicios Logísticos Ardeno, S. de R.L. de C.V."
CALVERA = "Wuhan Calvera Biotech Co., Ltd."
ARDENA = "Grupo Farmacéutico Ardena, S.A. de C.V."
VELQUOR = "Jiangsu Velquor Fine Chemical Co., Ltd."
VELQUOR_HK = "Velquor (Hong Kong) Trading Limited"
ALDAMA = "Químicos Finos Aldama, S.A. de C.V."
# N6 - fronts sharing a rare phone, e-mail and officer
BREVATTO = "Brevatto Trading (HK) Limited"
KELVARO = "Shenzhen Kelvaro Technology Co., Ltd."
YORVANE = "Tianjin Yorvane Chemical Co., Ltd."
ORLANDA = "Químicos Orlanda del Pacífico, S.A. de C.V."
FERLIN = "Distribuidora Ferlín, S.A. de C.V."
KELVARA = "Shenzhen Kelvara Electronics Co., Ltd."
VARDA = "Ensambles Electrónicos Varda, S.A. de C.V."
VEXLEY_CS = "Vexley Corporate Services Limited"
# N7 - new importer surge and split shipments
BRIXAN = "Soluciones Químicas Brixan, S.A.P.I. de C.V."
TORAVEL = "Jiangsu Toravel Chemical Co., Ltd."
QUORVIN = "Hangzhou Quorvin Biotech Co., Ltd."
MARVESSA = "Hebei Marvessa Trading Co., Ltd."
NORVENT = "Plásticos Norvent, S.A. de C.V."
TESSARO = "Changzhou Tessaro Fine Chemical Co., Ltd."
DALMON = "Yeosu Dalmon Petrochemical Co., Ltd."
ARVENTA = "Gulf Arventa Plastics LLC"
# N8 - a small forwarder serving several fronts
SARVENT = "Logística Aduanal Sarvent, S.C."
# Identity traps (not networks): firms that differ only by legal form, and officers with common names
SIBLINGS: tuple[tuple[str, ...], ...] = (
    ("Química Sorvana, S.A. de C.V.", "Química Sorvana, S. de R.L. de C.V.", "Química Sorvana, S.A.P.I. de C.V."),
    ("Grupo Industrial Tolvek, S.A. de C.V.", "Grupo Industrial Tolvek, S. de R.L. de C.V."),
    ("Plásticos Renvar, S.A. de C.V.", "Plásticos Renvar, S.A.P.I. de C.V."),
)
COMMON_NAMES = {"CN": ("Wang Wei", "Li Na", "Zhang Wei"), "MX": ("Juan Hernández López",)}

PERSON_VELMAR = "Rogelio Antúnez Valdivia"
PERSON_QELVORA = "Tan Yufei"
PERSON_CALVEXA = "Lin Zhaoqing"
PERSON_FRONTS = "Zhou Minghe"
PERSON_VELQUOR = "Gao Shuren"


@dataclass(frozen=True)
class PlantedNetwork:
    """One planted network: its story, the red-flag category it is built for, and who is in it."""

    id: str
    title: str
    category: str
    categories: tuple[str, ...]
    companies: tuple[str, ...]
    persons: tuple[str, ...]
    lookalikes: tuple[str, ...]
    story: str


PLANTED: tuple[PlantedNetwork, ...] = (
    PlantedNetwork(
        "N1", "Cosmetic cover for 4-AP", "goods-mismatch",
        ("goods-mismatch", "seizure-linked", "successor-front", "small-parcels", "payment-patterns",
         "shell-indicators", "supplier-concentration"),
        (QELVORA, VELMAR, BELMARINA), (PERSON_VELMAR, PERSON_QELVORA), (DELMAR, QELVONA),
        "A Hubei supplier ships 'cosmetic raw material' (HS 3304.99) to a Guadalajara distributor; SEMAR seizes "
        "one consignment at Lázaro Cárdenas and the lab finds 4-AP. Three months later a new company with the "
        "same administrator and phone takes over the imports through Manzanillo. Delmar, a real cosmetics "
        "importer with a near-identical name that also writes 'cosmetic raw material', is legitimate. The supplier "
        "also flies 4-AP to AIFA, sends Belmarina small courier and postal 'samples', and is paid by six people "
        "through remitters and by Belmarina in USDT; Belmarina is registered at a house and has no website.",
    ),
    PlantedNetwork(
        "N2", "Objected PEN, then a new supplier", "unnotified-controlled-chemical",
        ("unnotified-controlled-chemical", "company-shopping", "relabelling", "payment-patterns",
         "supplier-concentration"),
        (TARVEK, OSTREVAN, MIRVANE, SARNOTH, KAVRON, DUVESSA, RUVEXIN), (), (QUENVAR, TARVEX, HALVORIS, AUROVEL, LUMEN, BRENHOLT),
        "Mexico objects to a PEN for 500 kg of NPP from a Shandong exporter to Tarvek. Within weeks Tarvek imports "
        "NPP under synonyms from a Zhejiang supplier with no PEN, then 4-piperidone through a Hong Kong trader. "
        "Separately Kavron imports 1-boc-4-piperidone (CAS declared) after it was scheduled, with no PEN at all, "
        "and receives by air from Sarnoth an 'organic intermediate' naming as its maker Hubei Ruvexin, which had "
        "sold Sarnoth 1-boc-4-piperidone under its own name weeks before (relabelling); Tarvek pays Sarnoth in "
        "cash and through remitters just under 10,000 USD. "
        "Quenvar is a licensed lab whose every controlled import has an approved PEN (one objection for "
        "paperwork, re-filed with the same supplier) and which changed supplier in 2024 for ordinary reasons.",
    ),
    PlantedNetwork(
        "N3", "Detour via Los Angeles and Puerto Quetzal", "transshipment",
        ("transshipment", "seizure-linked"),
        (DRAVIK, ZELVAN, KELMOR), (), (ZELVANA, KELMORE, DRAVIN),
        "A Guangzhou trader ships 'food additive' and 'pharmaceutical intermediate' to a Guatemalan importer "
        "(discharged at Puerto Quetzal) and to a Los Angeles company (discharged at USLAX), both with final "
        "destination Mexico. The Guardia Nacional stops one load at the Guatemalan border: 1-boc-4-piperidone. "
        "Look-alikes with similar names import for their own countries.",
    ),
    PlantedNetwork(
        "N4", "One customs broker for many fronts", "broker-hub",
        ("broker-hub", "seizure-linked", "sector-mismatch", "cover-commodity"),
        (TREVANTO, *N4_SUPPLIERS, *N4_CONSIGNEES), (), (ORVEX, TREVINO, CASTREL, OXANDRA, JIYUNDA),
        "A small customs brokerage clears vague-description shipments from five Chinese suppliers to six "
        "Mexican consignees; five of them are seized. Orvex, a far bigger forwarder for dozens of legitimate "
        "shippers, and Treviño, a broker with a similar name, have no seizures. Oxandra later receives a legal "
        "load in a container that had once carried a seized shipment: containers are reused, that is no link. "
        "Nelvas, one of the consignees, is registered as a weaving mill; Hebei Yusar, a chemical supplier, "
        "also sends Yarvek 'dog food' in 25 kg fibre drums. Jiyunda, a genuine nut exporter, ships walnuts.",
    ),
    PlantedNetwork(
        "N5", "Next to a sanctioned supplier", "sanctions-proximity",
        ("sanctions-proximity", "successor-front", "listed-party-payment"),
        (CALVEXA, NOLVEXA, ARDENO, ARDENO_LOG), (PERSON_CALVEXA,), (CALVERA, ARDENA, VELQUOR, VELQUOR_HK, ALDAMA),
        "Ardeno buys from Calvexa until Calvexa and its legal representative are designated (fictional "
        "programme DEMO-FENT). Two months later Nolvexa is incorporated with the same representative and phone "
        "and Ardeno buys from it instead; Ardeno's logistics arm shares its address and phone. A month after the "
        "designation Ardeno still pays Calvexa an open invoice through a remitter. Calvera and "
        "Ardena are unrelated look-alikes; Velquor's new Hong Kong arm shares a director with its parent, "
        "but neither was ever sanctioned or seized.",
    ),
    PlantedNetwork(
        "N6", "Fronts sharing a rare phone, e-mail and officer", "shared-identifiers",
        ("shared-identifiers", "foreign-phone", "sector-mismatch"),
        (BREVATTO, KELVARO, YORVANE, ORLANDA, FERLIN), (PERSON_FRONTS,), (KELVARA, VEXLEY_CS),
        "Three 'independent' suppliers list the same mobile number, the same free-mail address and the same "
        "director, and ship 'organic intermediate' under HS 2933.39 to two Mexican consignees. One of them sits "
        "at a Hong Kong business centre whose address, phone and company secretary are shared by many "
        "legitimate firms (listed in benign_hubs): sharing those is not a signal. Orlanda, in Tijuana, gives the "
        "fronts' Chinese mobile as its own phone; Ferlín is registered as a grocery wholesaler.",
    ),
    PlantedNetwork(
        "N7", "A new importer's sudden surge, in small split lots", "new-importer-surge",
        ("new-importer-surge", "split-shipments", "shell-indicators"),
        (BRIXAN, TORAVEL, QUORVIN, MARVESSA), (), (NORVENT, QUENVAR, HALVORIS, TESSARO, CASTREL, DALMON, ARVENTA),
        "Brixan, incorporated January 2025 with no trade history, receives over twenty consignments of "
        "18-60 kg under HS 2933.xx from five suppliers in six weeks, each consignment split over several bills "
        "of lading and the same few containers reused. Norvent is also new but imports polyethylene; Quenvar "
        "imports 2933.39 from several suppliers but has years of history; Orvex's LCL consolidations put many "
        "bills of lading in one container on one voyage (see benign_hubs). Brixan's registered address is a house "
        "and it has no website.",
    ),
    PlantedNetwork(
        "N8", "One small forwarder for several fronts", "broker-hub",
        ("broker-hub",),
        (SARVENT,), (), (ORVEX, TREVINO),
        "A small customs brokerage in Manzanillo clears shipments for Belmarina and Nolvexa's customer Ardeno (the "
        "successor fronts of N1 and N5), Kavron and Brixan, and for a few legitimate importers. None of its own "
        "shipments is seized; what marks it is that most of its clients are flagged. Orvex also serves a flagged "
        "firm or two, among dozens of legitimate ones.",
    ),
)

# ---------------------------------------------------------------------------------------------
# Reference lists (places are real; every name built from them is invented)

# province used in names, city, lading ports
CN_REGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Jiangsu", "Nanjing", ("CNSHA", "CNZJG", "CNNGB")),
    ("Zhejiang", "Hangzhou", ("CNNGB", "CNSHA")),
    ("Shanghai", "Shanghai", ("CNSHA",)),
    ("Shandong", "Jinan", ("CNTAO",)),
    ("Hebei", "Shijiazhuang", ("CNTSN", "CNTAO")),
    ("Hubei", "Wuhan", ("CNSHA",)),
    ("Anhui", "Hefei", ("CNSHA", "CNNGB")),
    ("Henan", "Zhengzhou", ("CNTAO", "CNTSN")),
    ("Guangdong", "Guangzhou", ("CNCAN", "CNSZX", "CNYTN")),
    ("Shenzhen", "Shenzhen", ("CNSZX", "CNYTN", "CNSHK")),
    ("Fujian", "Xiamen", ("CNXMN",)),
    ("Tianjin", "Tianjin", ("CNTSN",)),
    ("Liaoning", "Dalian", ("CNDLC",)),
    ("Changzhou", "Changzhou", ("CNSHA", "CNZJG")),
    ("Jiangxi", "Nanchang", ("CNSHA", "CNXMN")),
)
MX_CITIES: tuple[tuple[str, str, str], ...] = (  # city, state, postal-code prefix
    ("Ciudad de México", "CDMX", "0"), ("Guadalajara", "Jalisco", "44"), ("Monterrey", "Nuevo León", "64"),
    ("Puebla", "Puebla", "72"), ("León", "Guanajuato", "37"), ("Toluca", "Estado de México", "50"),
    ("Querétaro", "Querétaro", "76"), ("Tijuana", "Baja California", "22"), ("San Luis Potosí", "SLP", "78"),
    ("Veracruz", "Veracruz", "91"), ("Culiacán", "Sinaloa", "80"), ("Naucalpan", "Estado de México", "53"),
)
COUNTRY_CITIES: dict[str, tuple[str, ...]] = {
    "HK": ("Hong Kong",), "IN": ("Mumbai", "Hyderabad", "Ahmedabad", "Vadodara"), "DE": ("Hamburg", "Frankfurt"),
    "NL": ("Rotterdam",), "US": ("Houston", "Los Angeles", "Newark", "Savannah"), "KR": ("Seoul", "Ulsan", "Yeosu"),
    "JP": ("Tokyo", "Osaka"), "ES": ("Valencia", "Barcelona"), "SG": ("Singapore",), "TH": ("Bangkok",),
    "VN": ("Ho Chi Minh City",), "MY": ("Shah Alam",), "GT": ("Ciudad de Guatemala", "Escuintla"),
    "CO": ("Bogotá", "Cali"), "CA": ("Vancouver", "Toronto"), "PA": ("Ciudad de Panamá",),
}
LADING_PORTS: dict[str, tuple[str, ...]] = {
    "HK": ("HKHKG",), "IN": ("INNSA", "INMUN", "INMAA"), "DE": ("DEHAM",), "NL": ("NLRTM",),
    "US": ("USHOU", "USLAX", "USNYC", "USSAV"), "KR": ("KRPUS",), "JP": ("JPTYO", "JPYOK"), "ES": ("ESVLC", "ESALG"),
    "SG": ("SGSIN",), "TH": ("THLCH",), "VN": ("VNSGN", "VNHPH"), "MY": ("MYPKG",),
}
AIR_LADING: dict[str, tuple[str, ...]] = {"IN": ("INHYD",), "DE": ("DEFRA",)}
ASIA = {"CN", "HK", "KR", "JP", "SG", "TH", "VN", "MY", "TW"}

CN_SURNAMES = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Xu", "Sun", "Ma", "Zhu", "Hu",
               "Guo", "He", "Luo", "Song", "Deng", "Han", "Feng", "Cao", "Peng", "Xie")
CN_GIVEN = ("Wei", "Fang", "Min", "Jing", "Lei", "Jun", "Yan", "Hao", "Ying", "Tao", "Qiang", "Ling", "Bo", "Chao",
            "Hui", "Xiaoming", "Yufan", "Jiahui", "Zihan", "Haoran", "Shuyi", "Wenjie", "Kaiwen", "Ruolan")
ES_FIRST = ("José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Alejandro", "Fernando", "Ricardo", "María",
            "Guadalupe", "Ana", "Laura", "Patricia", "Verónica", "Sofía", "Gabriela", "Héctor", "Arturo", "Mónica",
            "Adriana", "Raúl", "Ernesto", "Leticia")
ES_LAST = ("García", "Hernández", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez",
           "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "Mendoza", "Ortiz",
           "Castillo", "Ruiz", "Aguilar", "Salazar", "Ibarra", "Zamora", "Olvera", "Cervantes")
EN_FIRST = ("James", "Linda", "Robert", "Karen", "Michael", "Susan", "David", "Emily", "Daniel", "Laura", "Peter",
            "Anna", "Thomas", "Julia", "Rahul", "Priya", "Anil", "Sunita", "Min-jun", "Ji-woo", "Kenji", "Yuki")
EN_LAST = ("Miller", "Fischer", "Brandt", "Jansen", "Walker", "Hughes", "Patel", "Sharma", "Reddy", "Iyer", "Kim",
           "Park", "Tanaka", "Sato", "Novak", "Bauer", "de Vries", "Moreau", "Tan", "Lim", "Nguyen", "Wong")

STEM_HEADS = ("Al", "Bel", "Cal", "Dor", "El", "Fal", "Gal", "Hal", "Is", "Jas", "Kal", "Lor", "Mal", "Nor", "Ol",
              "Pal", "Quin", "Ros", "Sal", "Tal", "Ul", "Val", "Wes", "Xan", "Yel", "Zan", "Bran", "Cor", "Dun",
              "Fen", "Gor", "Hel", "Ist", "Jor", "Kes", "Lum", "Mor", "Nes", "Ost", "Per", "Ral", "Sor", "Tor",
              "Ves", "Wyn", "Zor")
STEM_TAILS = ("ara", "avia", "eno", "essa", "ima", "ino", "ion", "ira", "ivo", "ondo", "ora", "ova", "uma", "ura",
              "ane", "ette", "ix", "yra", "enta", "aro", "oza", "ella", "eon", "ost", "ance", "indor", "quist")

VESSELS = ("CAPE ARDENT", "NORDIC LUMEN", "SEA TAVERLY", "ASIAN MIRELLE", "HARBOUR QUILLON", "JADE ESTUARY",
           "PACIFIC VELMORA", "ORIENT KASTREL", "GOLDEN ARVALE", "SILVER TORRENT", "BLUE MERIDIAN", "MAPLE ORISSA",
           "CORAL DAWNSTAR", "EASTERN PELLAN", "STAR OF CALDEN", "AZURE KINGSLEY", "NEPTUNE ROVA", "TERRA ASHGROVE",
           "IRON LARKSPUR", "OCEAN VERITY", "GRAND SOLACE", "PRIME HALCYON", "CELESTE MARIN", "BRAVE OSPREY")
CARRIERS = ("VXLN", "QRSL", "ZNML", "KSTL", "PLMR", "DRVL")
CONTAINER_OWNERS = ("VXL", "QRS", "ZNM", "KST", "PLM", "DRV", "TRX", "OVG")
AIRLINE_PREFIXES = ("991", "993", "996")

# description writings, HS, CAS, kg range, transport mode, catalogue key when controlled
Goods = tuple[tuple[str, ...], str, str | None, float, float, str, str | None]
GOODS: dict[str, tuple[Goods, ...]] = {
    "chemical": (
        (("ACETONE", "ACETONE 99.5% MIN", "ACETONA"), "2914.11", "67-64-1", 14000, 22000, "bulk", "acetone"),
        (("TOLUENE", "TOLUENE 99.9%", "TOLUENO"), "2902.30", "108-88-3", 14000, 22000, "bulk", "toluene"),
        (("HYDROCHLORIC ACID 33%", "ACIDO CLORHIDRICO 33%"), "2806.10", "7647-01-0", 18000, 24000, "bulk",
         "hydrochloric_acid"),
        (("SULPHURIC ACID 98%", "SULFURIC ACID 98%"), "2807.00", "7664-93-9", 18000, 24000, "bulk", "sulphuric_acid"),
        (("METHANOL", "METHANOL 99.85%"), "2905.11", "67-56-1", 16000, 24000, "bulk", None),
        (("ISOPROPYL ALCOHOL", "IPA 99.9%", "ALCOHOL ISOPROPILICO"), "2905.12", "67-63-0", 14000, 20000, "bulk", None),
        (("ETHYL ACETATE", "ACETATO DE ETILO"), "2915.31", "141-78-6", 14000, 20000, "bulk", None),
        (("METHYL ETHYL KETONE", "MEK 99.8%"), "2914.12", "78-93-3", 14000, 20000, "bulk", None),
        (("DICHLOROMETHANE", "METHYLENE CHLORIDE"), "2903.12", "75-09-2", 18000, 24000, "bulk", None),
        (("SODIUM HYDROXIDE FLAKES 99%", "CAUSTIC SODA FLAKES"), "2815.11", "1310-73-2", 20000, 25000, "sea", None),
        (("ACETIC ACID GLACIAL",), "2915.21", "64-19-7", 18000, 22000, "bulk", None),
        (("PROPYLENE GLYCOL USP",), "2905.32", "57-55-6", 16000, 21000, "bulk", None),
    ),
    "pharma": (
        (("PARACETAMOL USP", "ACETAMINOPHEN POWDER"), "2924.29", "103-90-2", 500, 8000, "sea", None),
        (("ASCORBIC ACID BP", "VITAMIN C (ASCORBIC ACID)"), "2936.27", "50-81-7", 1000, 10000, "sea", None),
        (("4-DIMETHYLAMINOPYRIDINE (DMAP)", "DMAP 99%"), "2933.39", "1122-58-3", 100, 2000, "sea", None),
        (("CETYLPYRIDINIUM CHLORIDE",), "2933.39", None, 200, 3000, "sea", None),
        (("METFORMIN HYDROCHLORIDE BP",), "2925.29", None, 1000, 12000, "sea", None),
        (("AMOXICILLIN TRIHYDRATE",), "2941.10", None, 500, 6000, "sea", None),
        (("IBUPROFEN BP",), "2916.39", None, 500, 8000, "sea", None),
        (("EMPTY HARD GELATIN CAPSULES",), "9602.00", None, 300, 2000, "air", None),
    ),
    "plastics": (
        (("HDPE RESIN", "POLYETHYLENE HDPE"), "3901.20", None, 20000, 26000, "sea", None),
        (("LLDPE RESIN FILM GRADE",), "3901.40", None, 20000, 26000, "sea", None),
        (("PVC RESIN SG-5", "POLYVINYL CHLORIDE RESIN"), "3904.10", "9002-86-2", 20000, 26000, "sea", None),
        (("PET RESIN BOTTLE GRADE",), "3907.61", None, 20000, 26000, "sea", None),
        (("POLYPROPYLENE HOMOPOLYMER",), "3902.10", None, 20000, 26000, "sea", None),
        (("ABS RESIN",), "3903.30", None, 15000, 22000, "sea", None),
    ),
    "food": (
        (("CITRIC ACID ANHYDROUS", "ACIDO CITRICO ANHIDRO"), "2918.14", "77-92-9", 10000, 22000, "sea", None),
        (("SODIUM BENZOATE", "FOOD ADDITIVE SODIUM BENZOATE"), "2916.31", "532-32-1", 8000, 18000, "sea", None),
        (("XANTHAN GUM",), "3913.90", None, 5000, 15000, "sea", None),
        (("MALTODEXTRIN DE 10-12",), "3505.10", None, 15000, 24000, "sea", None),
        (("ASPARTAME",), "2924.29", None, 1000, 6000, "sea", None),
        (("SORBIC ACID",), "2916.19", None, 3000, 10000, "sea", None),
        (("FOOD ADDITIVE",), "2106.90", None, 2000, 12000, "sea", None),
    ),
    "cosmetics": (
        (("GLYCERIN USP 99.7%", "GLICERINA"), "2905.45", "56-81-5", 8000, 20000, "sea", None),
        (("SODIUM HYALURONATE", "HYALURONIC ACID SODIUM SALT"), "3913.90", None, 50, 500, "sea", None),
        (("SHEA BUTTER REFINED",), "1515.90", None, 5000, 15000, "sea", None),
        (("LIPSTICK",), "3304.10", None, 500, 3000, "sea", None),
        (("FACE CREAM", "CREMA FACIAL"), "3304.99", None, 800, 6000, "sea", None),
        (("NAIL POLISH",), "3304.30", None, 500, 4000, "sea", None),
        (("COSMETIC RAW MATERIAL CARBOMER 940",), "3906.90", None, 500, 3000, "sea", None),
    ),
    "agro": (
        (("MANCOZEB 80% WP",), "3808.92", None, 10000, 20000, "sea", None),
        (("HERBICIDE FORMULATION",), "3808.93", None, 10000, 20000, "sea", None),
        (("2-CHLORO-5-CHLOROMETHYLPYRIDINE (CCMP)",), "2933.39", None, 2000, 10000, "sea", None),
        (("UREA 46% GRANULAR",), "3102.10", None, 24000, 27000, "sea", None),
    ),
    "pigments": (
        (("TITANIUM DIOXIDE RUTILE", "TIO2 RUTILE GRADE"), "3206.11", "13463-67-7", 18000, 25000, "sea", None),
        (("IRON OXIDE RED",), "2821.10", None, 15000, 25000, "sea", None),
        (("CARBON BLACK N330",), "2803.00", None, 12000, 18000, "sea", None),
    ),
    "pet": (
        (("DRY PET FOOD", "PET FOOD"), "2309.10", None, 12000, 24000, "sea", None),
    ),
    "electronics": (
        (("PRINTED CIRCUIT ASSEMBLIES",), "8473.30", None, 300, 3000, "sea", None),
        (("LITHIUM ION BATTERIES",), "8507.60", None, 1000, 8000, "sea", None),
    ),
}

MX_PREFIX = {
    "chemical": ("Químicos", "Distribuidora Química", "Solventes", "Comercializadora Química"),
    "pharma": ("Laboratorios", "Farmacéutica", "Productos Farmacéuticos"),
    "plastics": ("Plásticos", "Polímeros", "Empaques"),
    "food": ("Alimentos", "Ingredientes", "Aditivos Alimentarios"),
    "cosmetics": ("Cosméticos", "Belleza"),
    "agro": ("Agroquímicos", "Agroinsumos"),
    "pigments": ("Pinturas", "Recubrimientos"),
    "pet": ("Nutrición Animal",),
    "electronics": ("Ensambles Electrónicos",),
}
MX_FORMS = ("S.A. de C.V.",) * 6 + ("S. de R.L. de C.V.", "S.A.P.I. de C.V.")
CN_INDUSTRY = {
    "chemical": ("Fine Chemical", "Chemical", "New Material", "Chemical Industry"),
    "pharma": ("Pharmaceutical", "Biotech", "Pharmaceutical Technology", "Biotechnology"),
    "plastics": ("Plastics", "Polymer Materials"),
    "food": ("Food Ingredients", "Bio-Food"),
    "cosmetics": ("Cosmetic Materials", "Daily Chemical"),
    "agro": ("Agrochemical", "Crop Science"),
    "pigments": ("Pigment", "Titanium Industry"),
    "pet": ("Pet Products",),
    "electronics": ("Electronics",),
}
EN_INDUSTRY = {
    "chemical": ("Chemicals", "Solvents", "Chemical"), "pharma": ("Pharma", "Lifesciences", "Drugs"),
    "plastics": ("Polymers", "Plastics"), "food": ("Foods", "Ingredients"), "cosmetics": ("Cosmetics", "Beauty"),
    "agro": ("Agro", "Crop Care"), "pigments": ("Pigments", "Colours"), "pet": ("Pet Nutrition",),
    "electronics": ("Electronics",),
}
SHARED_TYPOS = {"CHEMICAL": "CHEMICLA", "INDUSTRIAL": "INDUSTRAIL", "INTERNATIONAL": "INTERNATINAL",
                "DISTRIBUIDORA": "DISTRIBUIDROA", "COMERCIALIZADORA": "COMERCIALIZDORA", "PLASTICOS": "PALSTICOS"}

HK_CENTRE = "Room 1203, 12/F, Vexley Commercial Centre, 99 Carvell Street, Sheung Wan, Hong Kong"
CDMX_CENTRE = "Av. Tamarindo Poniente 410, Piso 7, Col. Juárez, Cuauhtémoc, 06600 Ciudad de México, CDMX"
CDMX_COMISARIO = "C.P. Arturo Lemus Ibarra"
#: Houses in residential subdivisions (fraccionamientos) where two fronts are registered (shell indicators).
BELMARINA_HOME = "Calle Paseo de los Robles No. 2311, Fracc. Jardines del Valle, C.P. 45138, Zapopan, Jalisco, México"
BRIXAN_HOME = "Privada Cedros No. 14, Fracc. Los Arcos, C.P. 76048, Querétaro, Querétaro, México"

# ---------------------------------------------------------------------------------------------
# Small helpers


def _rng(seed: int, stream: str) -> random.Random:
    """An independent, reproducible random stream, so planted data does not depend on --manifests."""
    return random.Random(f"precursor-watch-demo:{seed}:{stream}")


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")


def _iso6346_values() -> dict[str, int]:
    values: dict[str, int] = {}
    v = 10
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if v % 11 == 0:
            v += 1
        values[ch] = v
        v += 1
    return values


_ISO6346 = _iso6346_values()


def _container_id(owner: str, serial: int) -> str:
    """An ISO 6346 container number with a correct check digit (owner code + U + serial)."""
    body = f"{owner}U{serial:06d}"
    total = sum((_ISO6346[c] if c.isalpha() else int(c)) << i for i, c in enumerate(body))
    return f"{body}{total % 11 % 10}"


def _bl_number(k: int) -> int:
    """A ten-digit, unique-per-k number (multiplication by a unit modulo 10**10 is a bijection)."""
    return (k * 2654435761 + 1234567891) % 10**10


def _awb(k: int) -> str:
    serial = _bl_number(k) % 10**7
    return f"{AIRLINE_PREFIXES[k % len(AIRLINE_PREFIXES)]}-{serial:07d}{serial % 7}"


def _fmt_date(rng: random.Random, d: dt.date, dayfirst_share: float = 0.2) -> str:
    r = rng.random()
    if r < dayfirst_share:
        return d.strftime("%d/%m/%Y")
    if r < dayfirst_share + 0.03:
        return f"{d.day}.{d.month}.{d.year}"
    return d.isoformat()


def _fmt_kg(rng: random.Random, kg: float, comma_share: float = 0.15) -> str:
    r = rng.random()
    if r < comma_share:
        if kg >= 1000 and rng.random() < 0.5:
            whole, frac = f"{kg:,.2f}".split(".")
            return f"{whole.replace(',', '.')},{frac}"
        return f"{kg:.2f}".replace(".", ",")
    if r < comma_share + 0.1 and kg >= 1000:
        return f"{kg:,.2f}"
    if kg >= 100:
        return f"{kg:.1f}"
    return f"{kg:.3f}".rstrip("0").rstrip(".")


def _hs_forms(hs: str) -> tuple[str, ...]:
    digits = hs.replace(".", "")
    return (hs, hs, hs, digits, f"{hs}.99" if hs[-2:] != "00" else f"{hs}.01", f"{hs[:4]} {hs[5:]}")


def _cas_forms(cas: str | None) -> tuple[str, ...]:
    if not cas:
        return ("",)
    return (cas, cas, cas, cas.replace("-", ""), "", "")


_MX_TZ_AREAS = {"Ciudad de México": "55", "Naucalpan": "55", "Guadalajara": "33", "Monterrey": "81",
                "Puebla": "222", "León": "477", "Toluca": "722", "Querétaro": "442", "Tijuana": "664",
                "San Luis Potosí": "444", "Veracruz": "229", "Culiacán": "667"}
_CN_AREAS = {"Nanjing": "25", "Hangzhou": "571", "Shanghai": "21", "Jinan": "531", "Shijiazhuang": "311",
             "Wuhan": "27", "Hefei": "551", "Zhengzhou": "371", "Guangzhou": "20", "Shenzhen": "755",
             "Xiamen": "592", "Tianjin": "22", "Dalian": "411", "Changzhou": "519", "Nanchang": "791"}


def _phone(rng: random.Random, country: str, city: str = "", mobile: bool = False) -> str:
    """A valid-format invented phone number in E.164."""
    for attempt in range(60):
        if country == "CN":
            if mobile or attempt >= 40:
                raw = f"+86 1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10**7, 10**8 - 1)}"
            else:
                digits = 6 if attempt % 2 else 7  # most cities have 8-digit numbers, a few 7
                raw = f"+86 {_CN_AREAS.get(city, '21')} {rng.randint(2, 8)}{rng.randint(10**(digits - 1), 10**digits - 1)}"
        elif country == "MX":
            area = _MX_TZ_AREAS.get(city, "55")
            raw = f"+52 {area} {rng.randint(2, 9)}{rng.randint(0, 10**(9 - len(area)) - 1):0{9 - len(area)}d}"
        elif country == "HK":
            raw = f"+852 {rng.choice('2356')}{rng.randint(0, 9999999):07d}"
        else:
            example = _example_number(country)
            nsn = phonenumbers.national_significant_number(example)
            keep = max(2, len(nsn) - 5)
            raw = f"+{example.country_code} {nsn[:keep]}{rng.randint(0, 10**(len(nsn) - keep) - 1):0{len(nsn) - keep}d}"
        number = phonenumbers.parse(raw, None)
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return phonenumbers.format_number(_example_number(country), phonenumbers.PhoneNumberFormat.E164)


def _example_number(country: str) -> phonenumbers.PhoneNumber:
    example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.FIXED_LINE)
    if example is None:
        raise ValueError(f"no example phone number for {country}")
    return example


def _fmt_phone(rng: random.Random, e164: str, country: str) -> str:
    """The same number the way registries and letterheads write it (mixed formats)."""
    number = phonenumbers.parse(e164, None)
    intl = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    natl = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    choice = rng.randrange(6)
    if phonenumbers.region_code_for_number(number) != country:
        choice %= 2  # a foreign number is only ever written in international form
    if choice == 0:
        return e164
    if choice == 1:
        return intl
    if choice == 2:
        return natl
    if choice == 3:
        return intl.replace(" ", "-")
    if choice == 4 and country not in ("US", "CA"):
        return "00" + intl[1:]
    return "Tel: " + natl


def _person(rng: random.Random, country: str) -> str:
    if country in ("CN", "HK"):
        return f"{rng.choice(CN_SURNAMES)} {rng.choice(CN_GIVEN)}"
    if country in ("MX", "GT", "CO", "ES", "PA"):
        return f"{rng.choice(ES_FIRST)} {rng.choice(ES_LAST)} {rng.choice(ES_LAST)}"
    return f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"


def _person_variant(rng: random.Random, name: str, country: str) -> str:
    """A person's name as another registry writes it: upper case, surname first, accents dropped."""
    r = rng.random()
    parts = name.split()
    if country in ("CN", "HK") and len(parts) == 2:
        if r < 0.33:
            return f"{parts[0].upper()} {parts[1]}"
        if r < 0.66:
            return f"{parts[1]} {parts[0]}"
        return name.upper()
    if r < 0.5:
        return _strip_accents(name).upper()
    return name


# ---------------------------------------------------------------------------------------------
# Company names and their spellings

_FORM_SPELLINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (" Co., Ltd.", (" CO., LTD.", " CO.,LTD", " CO LTD", " CO.,LIMITED", " COMPANY LIMITED", " Co Ltd")),
    (", S.A. de C.V.", (" SA DE CV", ", S.A. DE C.V.", " S.A. DE C.V.", " S.A DE C.V")),
    (", S. de R.L. de C.V.", (" S DE RL DE CV", ", S. DE R.L. DE C.V.", " S. DE R.L. DE C.V.")),
    (", S.A.P.I. de C.V.", (" SAPI DE CV", ", S.A.P.I. DE C.V.")),
    (", S.C.", (" SC", " S.C.")),
    (", S.A.", (" SA", " S.A.")),
    (" Pvt. Ltd.", (" PVT LTD", " PRIVATE LIMITED", " Pvt Ltd")),
    (" Pte. Ltd.", (" PTE LTD", " PTE. LTD.")),
    (" Limited", (" LTD", " LIMITED", " Ltd.")),
    (" Inc.", (" INC", " Inc", ", Inc.")),
    (" LLC", (" L.L.C.", " LLC.")),
    (" GmbH", (" GMBH",)),
    (" B.V.", (" BV",)),
    (" S.L.", (" SL",)),
    (" S.A.S.", (" SAS",)),
    (" Corp.", (" CORP", " Corporation")),
    (" Ltd.", (" LTD", " Limited", " LIMITED")),
)
_WORD_SPELLINGS = (
    ("Chemical", "Chem"), ("Pharmaceutical", "Pharm"), ("Technology", "Tech"), ("Biotechnology", "Biotech"),
    ("(HK)", "(H.K.)"), ("(HK)", "(HONG KONG)"), ("(Hong Kong)", "(HK)"), ("International", "Intl"),
    ("Chemicals", "Chemical"),
)


def name_variants(name: str) -> list[str]:
    """Spellings of one company name as manifests write it; all share its ``company_name_key``."""
    key = company_name_key(name)
    out = [name]
    base, form = name, ""
    form_alts: tuple[str, ...] = ()
    for canonical, alts in _FORM_SPELLINGS:
        if name.endswith(canonical):
            base, form, form_alts = name[: -len(canonical)], canonical, alts
            break
    for alt in form_alts:
        out.append(base + alt)
        out.append((_strip_accents(base) + alt).upper())
    out.append(_strip_accents(name).upper())
    out.append(name.upper())
    for word, short in _WORD_SPELLINGS:
        if word in base:
            short_base = base.replace(word, short)
            out.append(short_base + (form_alts[0] if form_alts else form))
            out.append((_strip_accents(short_base) + (form_alts[-1] if form_alts else form)).upper())
    seen: list[str] = []
    for v in out:
        if v not in seen and company_name_key(v) == key:
            seen.append(v)
    return seen


_GENERIC_WORDS = frozenset(
    w for phrase in (
        *(p for p, _, _ in CN_REGIONS), *(c for _, c, _ in CN_REGIONS), *(x for v in MX_PREFIX.values() for x in v),
        *(x for v in CN_INDUSTRY.values() for x in v), *(x for v in EN_INDUSTRY.values() for x in v),
        "Trading International Industrial Resources Importadora Importaciones Comercializadora Industrial Grupo",
        "Comercial Soluciones Distribuidora Abastos Insumos Servicios Logísticos Farmacéutico Cosmética Cosméticos",
        "Químicas Química Químicos Finos Tecnológicos Aduanal Agencia Aduanas Global Logistics Mexico Hong Kong",
        "Pacific Supply Foods Gulf Yeosu Estándares Analíticos Referenzstandards Ensambles Electrónicos Plásticos",
        "Corporate Services Lifesciences Pharmtech Petrochemical Polymer Biotech Fine Chemical de del y Guatemala",
        "Centroamericana Bajío Pacífico Jiangxi Hangzhou Hebei Zhejiang Shandong Wuhan Nanjing Jiangsu Anhui Henan",
        "Shijiazhuang Changzhou Tianjin Shenzhen Guangzhou Hubei Electronics Technology New Material Food Ingredients",
    ) for w in company_name_key(phrase).split()
)


def _brand_word(name: str) -> str:
    """The invented word of a company name, for its web and e-mail domain."""
    words = [w for w in company_name_key(name).split() if w not in _GENERIC_WORDS and len(w) > 2]
    return (words[0] if words else company_name_key(name).replace(" ", ""))[:20]


def _typo(name: str) -> str | None:
    upper = _strip_accents(name).upper()
    for word, typo in SHARED_TYPOS.items():
        if word in upper:
            return upper.replace(word, typo, 1)
    return None


# ---------------------------------------------------------------------------------------------
# Firms


@dataclass
class Firm:
    """One invented company with the identifiers registries and manifests show for it."""

    name: str
    country: str
    role: str
    sector: str
    city: str
    address: str
    phone: str
    email: str
    website: str
    officers: list[tuple[str, str]]
    incorporated: dt.date
    registration: str
    lading_ports: tuple[str, ...] = ()
    network: str | None = None
    in_registry: bool = True
    variants: list[str] = field(default_factory=list)
    address_variants: list[str] = field(default_factory=list)
    typo: str | None = None
    #: Declared activity (SCIAN/NAICS code and its description) and address type, when the story fixes them;
    #: otherwise the registry writes those of the firm's sector (_activity).
    activity_code: str = ""
    activity: str = ""
    address_type: str = ""

    def pick_name(self, rng: random.Random, typo_share: float = 0.0) -> str:
        if self.typo and rng.random() < typo_share:
            return self.typo
        if rng.random() < 0.4:
            return self.name
        return rng.choice(self.variants)

    def pick_address(self, rng: random.Random) -> str:
        return self.address if rng.random() < 0.5 else rng.choice(self.address_variants)


def address_variants(address: str) -> list[str]:
    """Spellings of one address: upper case, accents dropped, common abbreviations."""
    swaps = (
        ("Room ", "RM "), ("Unit ", "UNIT "), ("/F", "F"), (" Street", " ST"), (" Road", " RD"),
        ("Av. ", "AVENIDA "), ("Avenida ", "AV "), ("Col. ", "COLONIA "), ("Piso ", "PISO "), ("No. ", "#"),
        (" Building", " BLDG"), (" Centre", " CTR"), (" District", " DIST"), (", Hong Kong", ", HK"),
        ("Calle ", "C. "), ("Blvd. ", "BOULEVARD "), (" Tower", " TWR"),
    )
    upper = _strip_accents(address).upper()
    short = address
    for a, b in swaps:
        short = short.replace(a, b)
    out = [upper, _strip_accents(short).upper().replace(",", ""), short]
    return list(dict.fromkeys(v for v in out if v != address)) or [address]


#: Invented words that turned out to be real words or well-known brands.
_REAL_WORDS = frozenset({"elance", "helix", "rosette", "corion", "valora", "salix", "talia", "alara", "calix",
                         "gorira", "olara", "isix", "nesix", "rosix", "ralix"})


class _FirmFactory:
    """Builds invented firms with consistent identifiers from one random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        reserved = [w for n in self._reserved_names() for w in company_name_key(n).split()]
        self.reserved_stems = [w for w in dict.fromkeys(reserved) if len(w) >= 5]
        self.used_stems: list[str] = []
        self.used_keys: set[str] = {company_name_key(n) for n in self._reserved_names()}
        self.used_phones: set[str] = set()
        self.used_emails: set[str] = set()
        self.used_people: set[str] = {PERSON_VELMAR, PERSON_QELVORA, PERSON_CALVEXA, PERSON_FRONTS, PERSON_VELQUOR}
        self.reg_counter = 0

    def person(self, country: str) -> str:
        """An invented person name not used elsewhere, so no two firms share an officer by accident."""
        for _ in range(500):
            name = _person(self.rng, country)
            if name not in self.used_people:
                self.used_people.add(name)
                return name
        raise RuntimeError("ran out of invented person names")

    def phone(self, country: str, city: str = "", mobile: bool = False) -> str:
        """An invented phone number no other firm has."""
        for _ in range(100):
            number = _phone(self.rng, country, city, mobile)
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number
        raise RuntimeError("ran out of invented phone numbers")

    @staticmethod
    def _reserved_names() -> list[str]:
        # The firms of the profile plants (issue 16) come last, from a stream of their own: reserving their words
        # here would rename every background firm built before them. test_demo_data checks no background name is
        # near theirs.
        names = [n for p in PLANTED for n in (*p.companies, *p.lookalikes) if n not in LATE_FIRMS]
        return names + [LUMEN, BRENHOLT, DRAVIN, VARDA, ALDAMA, OXANDRA, ORVEX, TREVINO, VEXLEY_CS]

    def stem(self) -> str:
        """A fresh invented brand word, far from every planted and look-alike name."""
        for _ in range(2000):
            s = self.rng.choice(STEM_HEADS) + self.rng.choice(STEM_TAILS)
            low = s.lower()
            if low in _REAL_WORDS:
                continue
            if any(Levenshtein.distance(low, r) <= 2 for r in self.reserved_stems):
                continue
            if any(Levenshtein.distance(low, u.lower()) <= 1 for u in self.used_stems):
                continue
            self.used_stems.append(s)
            return s
        raise RuntimeError("ran out of invented brand words; add syllables to STEM_HEADS/STEM_TAILS")

    def _address(self, country: str, city: str, state: str = "", cp: str = "") -> str:
        rng = self.rng
        street = self.stem()
        self.used_stems.pop()  # street names may repeat brand words; keep the brand pool free
        n = rng.randint(1, 998)
        if country == "CN":
            province = next((p for p, c, _ in CN_REGIONS if c == city), city)
            return (f"No. {n} {street} Road, {rng.choice(('Economic Development Zone', 'Chemical Industrial Park', 'Hi-tech Zone', 'Free Trade Zone'))}, "
                    f"{city}, {province}, China")
        if country == "HK":
            return (f"Room {rng.randint(1, 30):02d}{rng.randint(1, 20):02d}, {rng.randint(2, 30)}/F, "
                    f"{street} Building, {n} {rng.choice(('Queen', 'Harbour', 'Canton', 'Nathan'))} {street} Road, "
                    f"{rng.choice(('Kwun Tong', 'Tsim Sha Tsui', 'Wan Chai', 'Sheung Wan'))}, Hong Kong")
        if country in ("MX", "GT", "CO", "PA"):
            kind = rng.choice(("Calle", "Av.", "Blvd.", "Calle"))
            colonia = rng.choice(("Industrial", "Centro", "Del Valle", "Parque Industrial Norte", "San Rafael",
                                  "Moderna", "Lomas", "Zona Industrial"))
            cp_full = f"{cp}{rng.randint(0, 10**(5 - len(cp)) - 1):0{5 - len(cp)}d}" if cp else f"{rng.randint(1000, 99999):05d}"
            tail = f"{city}, {state}, México" if country == "MX" else f"{city}"
            return f"{kind} {street} No. {n}, Col. {colonia}, C.P. {cp_full}, {tail}"
        return f"{n} {street} Street, {city}"

    def _registration(self, country: str, name: str, incorporated: dt.date) -> str:
        rng = self.rng
        self.reg_counter += 1
        alnum = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        if country == "CN":
            return "91" + f"{rng.randint(110000, 650000)}" + "".join(rng.choice(alnum) for _ in range(10))
        if country == "HK":
            return f"{rng.randint(1000000, 3299999)}"
        if country == "MX":
            letters = "".join(w[0] for w in _strip_accents(name).upper().split() if w[0].isalpha())[:3].ljust(3, "X")
            return f"{letters}{incorporated:%y%m%d}" + "".join(rng.choice(alnum[:20]) for _ in range(3))
        if country == "IN":
            return f"U{rng.randint(20000, 29999)}MH{incorporated.year}PTC{rng.randint(100000, 999999)}"
        if country == "DE":
            return f"HRB {rng.randint(10000, 199999)}"
        if country == "US":
            return f"{rng.choice(('TX', 'CA', 'NJ', 'DE', 'GA'))}-{rng.randint(1000000, 9999999)}"
        return f"{country}-{rng.randint(10**7, 10**8 - 1)}"

    def firm(self, name: str, country: str, role: str, sector: str, city: str = "", *,
             state: str = "", cp: str = "", incorporated: dt.date | None = None, **overrides: Any) -> Firm:
        rng = self.rng
        if not city:
            city = rng.choice(COUNTRY_CITIES.get(country, ("Capital",)))
        incorporated = incorporated or dt.date(rng.randint(1996, 2020), rng.randint(1, 12), rng.randint(1, 28))
        brand = _brand_word(name)
        email = ""
        for attempt in range(50):
            domain = f"{brand}{attempt or ''}-{rng.choice(('chem', 'group', 'trade', 'corp', 'intl'))}.example"
            local = rng.choice(("sales", "export", "info", "contacto", "ventas", "import", "admin", "trade"))
            email = f"{local}@{domain}"
            if email not in self.used_emails:
                break
        self.used_emails.add(email)
        n_off = rng.randint(1, 3)
        roles = (("Legal representative", "Supervisor", "Director") if country in ("CN",) else
                 ("Administrador único", "Apoderado legal", "Comisario") if country in ("MX", "GT", "CO", "PA") else
                 ("Director", "Secretary", "Director"))
        officers = [(self.person(country), roles[i]) for i in range(n_off)]
        lading: tuple[str, ...] = ()
        if country == "CN":
            lading = next((ports for _, c, ports in CN_REGIONS if c == city), ("CNSHA",))
        elif country in LADING_PORTS:
            lading = LADING_PORTS[country]
        f = Firm(
            name=name, country=country, role=role, sector=sector, city=city,
            address=self._address(country, city, state, cp),
            phone="" if "phone" in overrides else self.phone(country, city),
            email=email, website=f"www.{email.split('@')[1]}",
            officers=officers, incorporated=incorporated,
            registration=self._registration(country, name, incorporated),
            lading_ports=lading,
        )
        for k, v in overrides.items():
            setattr(f, k, v)
        f.variants = name_variants(f.name)
        f.address_variants = address_variants(f.address)
        f.typo = _typo(f.name)
        self.used_keys.add(company_name_key(f.name))
        return f

    def legit_name(self, country: str, sector: str, city: str) -> str:
        rng = self.rng
        for _ in range(200):
            stem = self.stem()
            if country == "CN":
                region = next((p for p, c, _ in CN_REGIONS if c == city), city)
                name = f"{region} {stem} {rng.choice(CN_INDUSTRY[sector])} Co., Ltd."
            elif country == "HK":
                name = f"{stem} {rng.choice(('Trading', 'International', 'Industrial', 'Resources'))} " \
                       f"{rng.choice(('Limited', '(HK) Limited', 'Co., Ltd.'))}"
            elif country == "MX":
                name = f"{rng.choice(MX_PREFIX[sector])} {stem}, {rng.choice(MX_FORMS)}"
            elif country == "GT":
                name = f"{rng.choice(MX_PREFIX[sector])} {stem} de Guatemala, S.A."
            elif country == "CO":
                name = f"{rng.choice(MX_PREFIX[sector])} {stem} S.A.S."
            elif country == "PA":
                name = f"{rng.choice(MX_PREFIX[sector])} {stem}, S.A."
            elif country == "IN":
                name = f"{stem} {rng.choice(EN_INDUSTRY[sector])} {rng.choice(('Pvt. Ltd.', 'Limited'))}"
            elif country == "DE":
                name = f"{stem} {rng.choice(('Chemie', 'Pharma', 'Handels'))} GmbH"
            elif country == "NL":
                name = f"{stem} {rng.choice(EN_INDUSTRY[sector])} B.V."
            elif country == "US":
                name = f"{stem} {rng.choice(EN_INDUSTRY[sector])} {rng.choice(('Inc.', 'LLC', 'Corp.'))}"
            elif country == "KR":
                name = f"{stem} {rng.choice(EN_INDUSTRY[sector])} Co., Ltd."
            elif country == "JP":
                name = f"{stem} {rng.choice(('Kagaku', 'Shoji', 'Sangyo'))} Co., Ltd."
            elif country == "ES":
                name = f"{stem} {rng.choice(('Química', 'Ingredientes', 'Cosmética'))}, S.L."
            elif country == "SG":
                name = f"{stem} {rng.choice(EN_INDUSTRY[sector])} Pte. Ltd."
            elif country == "CA":
                name = f"{stem} {rng.choice(EN_INDUSTRY[sector])} Ltd."
            else:
                name = f"{stem} {rng.choice(EN_INDUSTRY[sector])} Co., Ltd."
            if company_name_key(name) not in self.used_keys:
                return name
        raise RuntimeError("could not invent a unique company name")


# ---------------------------------------------------------------------------------------------
# Trade lanes: who ships what to whom, and how the manifests write it


@dataclass
class Lane:
    """A recurring legitimate trade relationship, pre-rendered so streaming rows is cheap."""

    shipper: Firm
    consignee: Firm
    goods: Goods
    mode: str
    lading: tuple[str, ...]
    discharge: tuple[str, ...]
    transits: tuple[str, ...]
    broker: Firm | None
    vessels: tuple[str, ...]
    carrier: str
    weight: float
    notify: tuple[str, ...] = ()
    hs_forms: tuple[str, ...] = ()
    cas_forms: tuple[str, ...] = ()
    dayfirst: float = 0.05
    comma: float = 0.05
    point_of_entry: tuple[str, ...] = ()


def _discharge_for(rng: random.Random, origin: str, lading: str, dest: str, mode: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Plausible discharge ports and transit options for an origin/destination pair."""
    asia = origin in ASIA
    if mode == "air":
        return ({"MX": ("MXMEX", "MXNLU"), "US": ("USLAX",), "GT": ("GTPRQ",), "CO": ("COBUN",)}.get(dest, ("MXMEX",)), ("",))
    if dest == "MX":
        if origin == "US":
            if lading == "USLAX":
                return ("MXZLO",), ("",)
            return ("MXVER", "MXATM"), ("",)
        if asia:
            return (("MXZLO",) * 2 + ("MXLZC",)), ("", "", "", "KRPUS", "KRPUS", "TWKHH")
        if origin == "IN":
            return ("MXZLO", "MXVER"), ("SGSIN", "SGSIN;KRPUS", "AEJEA", "")
        return ("MXVER", "MXATM"), ("", "", "ESALG", "PAMIT")
    if dest == "GT":
        return (("GTPRQ",), ("", "PABLB")) if asia or origin == "IN" else (("GTSTC",), ("", "PAMIT"))
    if dest == "US":
        if asia:
            return ("USLAX", "USLGB", "USOAK", "USSEA"), ("",)
        return ("USNYC", "USHOU", "USSAV"), ("", "ESALG")
    if dest == "CO":
        return (("COBUN",), ("", "PABLB")) if asia else (("COCTG",), ("", "PAMIT"))
    if dest == "CA":
        return ("CAVAN", "CAPRR"), ("",)
    if dest == "PA":
        return ("PABLB", "PAMIT"), ("",)
    return ("MXZLO",), ("",)


# ---------------------------------------------------------------------------------------------
# The scenario


@dataclass
class _Row:
    date: dt.date
    seq: int
    values: dict[str, str]
    tag: str | None = None  # "N1:role" for planted rows, "LOOKALIKE" for look-alike rows


class _Scenario:
    """Everything but the streamed background: firms, lanes, planted rows, seizures, PENs, watch list."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = _rng(seed, "setup")
        self.factory = _FirmFactory(self.rng)
        self.firms: dict[str, Firm] = {}
        self.fixed: list[_Row] = []
        self.seizures: list[dict[str, str]] = []
        self.pens: list[dict[str, str]] = []
        self.pen_counter = 0
        self.seizure_counter = 0
        self.fixed_counter = 0
        self.watchlist: list[dict[str, str]] = []
        self.ftm: list[dict[str, Any]] = []
        self.evidence: dict[str, dict[str, list[str]]] = {}
        self.benign: dict[str, Any] = {}
        self._build_legit()
        self._build_planted()
        self._build_lookalike_rows()
        self._build_unlinked_seizures()
        self._build_watchlist()
        self._build_lanes()
        self._build_identity_traps()
        self._build_profile_plants()
        self.fixed.sort(key=lambda r: (r.date, r.seq))

    # -- firms -----------------------------------------------------------------------------

    def add(self, firm: Firm) -> Firm:
        if firm.name in self.firms:
            raise RuntimeError(f"duplicate firm {firm.name}")
        self.firms[firm.name] = firm
        return firm

    def _build_legit(self) -> None:
        f, rng = self.factory, self.rng
        supplier_plan = (
            [("CN", s) for s in ["chemical"] * 10 + ["pharma"] * 8 + ["plastics"] * 6 + ["food"] * 4
             + ["cosmetics"] * 2 + ["agro"] * 2 + ["pigments"] * 2]
            + [("IN", s) for s in ["pharma"] * 8 + ["chemical"] * 4]
            + [("DE", "chemical")] * 3 + [("DE", "pharma")] * 2 + [("NL", "chemical")] * 2 + [("NL", "food")]
            + [("US", "chemical")] * 4 + [("US", "plastics")] * 2 + [("US", "pet")]
            + [("KR", "chemical")] * 2 + [("KR", "plastics")] * 2 + [("JP", "chemical")] * 2 + [("JP", "pigments")]
            + [("ES", "food"), ("ES", "cosmetics"), ("SG", "chemical"), ("SG", "plastics"), ("TH", "food"),
               ("TH", "pet"), ("VN", "food"), ("MY", "plastics")]
        )
        self.suppliers: list[Firm] = []
        for country, sector in supplier_plan:
            city = rng.choice([c for _, c, _ in CN_REGIONS]) if country == "CN" else ""
            if not city:
                city = rng.choice(COUNTRY_CITIES[country])
            self.suppliers.append(self.add(f.firm(f.legit_name(country, sector, city), country, "supplier", sector, city)))
        # Hong Kong traders registered at one business centre: same address, phone and secretary.
        self.add(f.firm(VEXLEY_CS, "HK", "agent", "services", "Hong Kong", address=HK_CENTRE,
                        officers=[("Yeung Ka Wing", "Director")]))
        centre_phone = self.firms[VEXLEY_CS].phone
        self.hk_tenants: list[Firm] = []
        for sector in ["chemical"] * 5 + ["plastics"] * 4 + ["food"] * 4 + ["cosmetics"] * 3:
            firm = f.firm(f.legit_name("HK", sector, "Hong Kong"), "HK", "supplier", sector, "Hong Kong",
                          address=HK_CENTRE, phone=centre_phone)
            firm.officers = [firm.officers[0], (VEXLEY_CS, "Company secretary")]
            self.hk_tenants.append(self.add(firm))
        self.suppliers.extend(self.hk_tenants)
        # Importers; fifteen Mexican ones use a registered-agent address in Mexico City.
        importer_plan = ([("MX", s) for s in ["chemical"] * 14 + ["pharma"] * 10 + ["plastics"] * 12 + ["food"] * 10
                          + ["cosmetics"] * 5 + ["agro"] * 4 + ["pigments"] * 3 + ["pet"] * 2]
                         + [("GT", s) for s in ("food", "chemical", "plastics", "pharma", "agro")]
                         + [("US", s) for s in ("chemical", "chemical", "plastics", "food", "pharma", "cosmetics",
                                                "pigments", "food")]
                         + [("CO", s) for s in ("chemical", "plastics", "food", "pharma")]
                         + [("CA", "chemical"), ("CA", "food"), ("PA", "food")])
        self.importers: list[Firm] = []
        self.cdmx_tenants: list[Firm] = []
        for i, (country, sector) in enumerate(importer_plan):
            if country == "MX":
                city, state, cp = rng.choice(MX_CITIES)
                firm = f.firm(f.legit_name(country, sector, city), country, "importer", sector, city, state=state, cp=cp)
                if i % 4 == 0 and len(self.cdmx_tenants) < 15:
                    firm.address = CDMX_CENTRE
                    firm.address_variants = address_variants(CDMX_CENTRE)
                    firm.city = "Ciudad de México"
                    firm.officers = [firm.officers[0], (CDMX_COMISARIO, "Comisario")]
                    self.cdmx_tenants.append(firm)
            else:
                firm = f.firm(f.legit_name(country, sector, ""), country, "importer", sector)
            self.importers.append(self.add(firm))
        # Brokers and forwarders.
        self.add(f.firm(ORVEX, "MX", "broker", "logistics", "Ciudad de México", state="CDMX", cp="0"))
        self.add(f.firm(TREVINO, "MX", "broker", "logistics", "Manzanillo", state="Colima", cp="28"))
        self.mx_brokers = [self.firms[ORVEX], self.firms[TREVINO]]
        for name in ("Agencia Aduanal {} Lira, S.C.", "Despachos Aduanales {} del Pacífico, S.C.",
                     "Aduanas Integrales {}, S.C."):
            self.mx_brokers.append(self.add(f.firm(name.format(f.stem()), "MX", "broker", "logistics",
                                                   "Manzanillo", state="Colima", cp="28")))
        self.other_brokers = {
            "US": self.add(f.firm(f"{f.stem()} Freight Forwarding Inc.", "US", "broker", "logistics", "Los Angeles")),
            "GT": self.add(f.firm(f"Carga {f.stem()} de Guatemala, S.A.", "GT", "broker", "logistics")),
            "CO": self.add(f.firm(f"Agencia de Aduanas {f.stem()} S.A.S.", "CO", "broker", "logistics")),
        }
        self.benign = {
            "shared_addresses": [
                {"address": HK_CENTRE, "kind": "Hong Kong business centre (registered office, phone and company "
                 "secretary shared)", "firms": [VEXLEY_CS] + [t.name for t in self.hk_tenants] + [BREVATTO]},
                {"address": CDMX_CENTRE, "kind": "Mexico City registered-agent address (address and statutory "
                 "auditor shared)", "firms": [t.name for t in self.cdmx_tenants]},
            ],
            "forwarders": [ORVEX, TREVINO],
        }

    # -- rendering helpers -----------------------------------------------------------------

    def _row(self, d: dt.date, shipper: Firm, consignee: Firm, desc: str, hs: str, kg: float, *,
             cas: str = "", lading: str, discharge: str, transit: str = "", final: str | None = None,
             broker: Firm | None = None, containers: Sequence[str] = (), vessel: str | None = None,
             mode: str = "sea", tag: str | None = None, notify: str | None = None, dayfirst: float = 0.2) -> _Row:
        rng = self.rng
        self.fixed_counter += 1
        k = 10**9 + self.fixed_counter
        if mode == "air":
            bl, vessel, containers = _awb(k), "", ()
        elif mode == "land":
            bl, vessel, containers = f"CP{_bl_number(k):010d}", "", ()
        else:
            bl = f"{rng.choice(CARRIERS)}{_bl_number(k):010d}"
            vessel = vessel if vessel is not None else rng.choice(VESSELS)
        values = {
            "bill_of_lading": bl,
            "declaration_date": _fmt_date(rng, d, dayfirst),
            "shipper_name": shipper.pick_name(rng),
            "shipper_address": shipper.pick_address(rng),
            "shipper_country": shipper.country,
            "consignee_name": consignee.pick_name(rng),
            "consignee_address": consignee.pick_address(rng),
            "consignee_country": consignee.country,
            "notify_party": notify if notify is not None else (consignee.pick_name(rng) if rng.random() < 0.5 else ""),
            "broker_name": broker.pick_name(rng) if broker else "",
            "hs_code": rng.choice(_hs_forms(hs)),
            "goods_description": desc,
            "cas_number": cas,
            "weight_kg": _fmt_kg(rng, kg),
            "port_of_lading": lading,
            "port_of_discharge": discharge,
            "transit_ports": transit,
            "final_destination_country": final or consignee.country,
            "container_ids": ";".join(containers),
            "vessel": vessel or "",
        }
        row = _Row(d, self.fixed_counter, values, tag)
        self.fixed.append(row)
        return row

    def _container(self, owner: str = "DRV") -> str:
        """Planted and look-alike containers use serials below 500000; the background uses the rest."""
        return _container_id(owner, self.rng.randint(100000, 499999))

    def _date(self, lo: dt.date, hi: dt.date) -> dt.date:
        return lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))

    def _pen(self, exporter: Firm, importer: Firm, substance: str, cas: str, kg: float, dispatch: dt.date,
             point: str, status: str, rng: random.Random | None = None) -> dict[str, str]:
        rng = rng or self.rng
        self.pen_counter += 1
        pen = {
            "pen_id": f"PEN-{dispatch.year}-{self.pen_counter:06d}",
            "exporter_name": exporter.pick_name(rng),
            "exporter_country": exporter.country,
            "importer_name": importer.pick_name(rng),
            "importer_country": importer.country,
            "substance": substance,
            "cas_number": cas if rng.random() < 0.85 else "",
            "quantity_kg": _fmt_kg(rng, kg, 0.1),
            "dispatch_date": _fmt_date(rng, dispatch, 0.25),
            "point_of_entry": point,
            "status": status,
        }
        self.pens.append(pen)
        return pen

    def _seizure(self, d: dt.date, agency: str, location: str, port: str, substance: str, cas: str, kg: float,
                 bl: str, container: str, notes: str) -> dict[str, str]:
        self.seizure_counter += 1
        s = {
            "seizure_id": f"SZ-{d.year}-{self.seizure_counter:04d}",
            "date": _fmt_date(self.rng, d, 0.4),
            "agency": agency, "location": location, "port": port, "substance": substance, "cas_number": cas,
            "quantity_kg": _fmt_kg(self.rng, kg, 0.3), "bill_of_lading": bl, "container_id": container,
            "notes": notes,
        }
        self.seizures.append(s)
        return s

    def _ev(self, net: str, kind: str, value: str) -> None:
        self.evidence.setdefault(net, {}).setdefault(kind, []).append(value)

    # -- planted networks ------------------------------------------------------------------

    def _build_planted(self) -> None:
        f, rng = self.factory, self.rng
        add = self.add
        gdl = ("Guadalajara", "Jalisco", "44")
        # N1 ------------------------------------------------------------------------------
        qelvora = add(f.firm(QELVORA, "CN", "supplier", "cosmetics", "Wuhan", network="N1",
                             officers=[(PERSON_QELVORA, "Legal representative")],
                             incorporated=dt.date(2019, 3, 11)))
        velmar_phone = f.phone("MX", "Guadalajara")
        velmar = add(f.firm(VELMAR, "MX", "importer", "cosmetics", *gdl[:1], state=gdl[1], cp=gdl[2], network="N1",
                            phone=velmar_phone, officers=[(PERSON_VELMAR, "Administrador único")],
                            incorporated=dt.date(2021, 6, 2)))
        seizure_day = dt.date(2024, 5, 14)
        belmarina = add(f.firm(BELMARINA, "MX", "importer", "cosmetics", "Zapopan", state="Jalisco", cp="45",
                               network="N1", phone=velmar_phone, address=BELMARINA_HOME, address_type="residential",
                               website="",
                               officers=[(PERSON_VELMAR, "Gerente general"), (f.person("MX"), "Comisario")],
                               incorporated=dt.date(2024, 8, 2)))
        dates = sorted(self._date(dt.date(2023, 9, 1), dt.date(2024, 4, 20)) for _ in range(5)) + [dt.date(2024, 5, 10)]
        for i, d in enumerate(dates):
            c = self._container()
            row = self._row(d, qelvora, velmar, rng.choice(("COSMETIC RAW MATERIAL", "COSMETIC RAW MATERIAL 25KG/DRUM",
                                                            "MATERIA PRIMA COSMETICA")),
                            "3304.99", rng.uniform(400, 900), lading="CNSHA", discharge="MXLZC",
                            containers=[c], tag="N1", dayfirst=0.4)
            self._ev("N1", "manifests", f"fixed:{row.seq}")
            if i == len(dates) - 1:
                s = self._seizure(seizure_day, "SEMAR", "Puerto de Lázaro Cárdenas, Michoacán", "MXLZC",
                                  "4-anilinopiperidina (4-AP)", "23056-29-3", 640.0, row.values["bill_of_lading"], c,
                                  "Declarado como materia prima cosmética, fracción 3304.99; el laboratorio de la FGR "
                                  "identificó 4-AP. / Declared cosmetic raw material; lab result 4-AP.")
                self._ev("N1", "seizures", s["seizure_id"])
                self._ev("N1", "seized_manifests", f"fixed:{row.seq}")
        for _ in range(4):
            d = self._date(dt.date(2024, 9, 10), dt.date(2025, 5, 30))
            row = self._row(d, qelvora, belmarina, rng.choice(("COSMETIC RAW MATERIAL", "MATERIA PRIMA COSMETICA")),
                            "3304.99", rng.uniform(300, 700), lading="CNSHA", discharge="MXZLO",
                            containers=[self._container()], tag="N1", dayfirst=0.4)
            self._ev("N1", "manifests", f"fixed:{row.seq}")

        # N2 ------------------------------------------------------------------------------
        tarvek = add(f.firm(TARVEK, "MX", "importer", "chemical", "Toluca", state="Estado de México", cp="50",
                            network="N2", incorporated=dt.date(2018, 2, 19)))
        ostrevan = add(f.firm(OSTREVAN, "CN", "supplier", "chemical", "Jinan", network="N2"))
        mirvane = add(f.firm(MIRVANE, "CN", "supplier", "pharma", "Hangzhou", network="N2",
                             incorporated=dt.date(2022, 9, 5)))
        sarnoth = add(f.firm(SARNOTH, "HK", "supplier", "chemical", "Hong Kong", network="N2",
                             incorporated=dt.date(2023, 4, 17)))
        kavron = add(f.firm(KAVRON, "MX", "importer", "chemical", "León", state="Guanajuato", cp="37", network="N2",
                            incorporated=dt.date(2020, 1, 8)))
        duvessa = add(f.firm(DUVESSA, "CN", "supplier", "chemical", "Nanchang", network="N2"))
        for d in (dt.date(2023, 5, 22), dt.date(2023, 9, 4)):
            self._row(d, ostrevan, tarvek, "ETHYL ACETATE", "2915.31", rng.uniform(14000, 18000), cas="141-78-6",
                      lading="CNTAO", discharge="MXZLO", containers=[self._container()], tag="N2")
        objected = self._pen(ostrevan, tarvek, "N-phenethyl-4-piperidone (NPP)", "39742-60-4", 500.0,
                             dt.date(2024, 2, 20), "MXZLO", "objected")
        self._ev("N2", "objected_pens", objected["pen_id"])
        for d, desc in ((dt.date(2024, 3, 25), "N-PHENETHYL-4-PIPERIDINONE"),
                        (dt.date(2024, 5, 13), "1-PHENETHYL-4-PIPERIDONE 99%"),
                        (dt.date(2024, 7, 8), "N-FENETIL-4-PIPERIDONA")):
            row = self._row(d, mirvane, tarvek, desc, "2933.37", rng.uniform(180, 260),
                            cas=rng.choice(("39742-60-4", "39742604", "")), lading="CNNGB", discharge="MXZLO",
                            containers=[self._container()], tag="N2")
            self._ev("N2", "unnotified_manifests", f"fixed:{row.seq}")
            self._ev("N2", "shopping_manifests", f"fixed:{row.seq}")
        for d in (dt.date(2024, 9, 16), dt.date(2024, 11, 4)):
            row = self._row(d, sarnoth, tarvek, "4-PIPERIDONE HYDROCHLORIDE MONOHYDRATE", "2933.39",
                            rng.uniform(150, 250), lading="HKHKG", discharge="MXLZC", transit="",
                            containers=[self._container()], tag="N2")
            self._ev("N2", "shopping_manifests", f"fixed:{row.seq}")
        for d in (dt.date(2025, 2, 10), dt.date(2025, 3, 31), dt.date(2025, 5, 19)):
            row = self._row(d, duvessa, kavron, rng.choice(("1-BOC-4-PIPERIDONE", "N-BOC-4-PIPERIDONE 98%")),
                            "2933.39", rng.uniform(100, 300), cas=rng.choice(("79099-07-3", "79099073")),
                            lading="CNSHA", discharge="MXZLO", containers=[self._container()], tag="N2")
            self._ev("N2", "unnotified_manifests", f"fixed:{row.seq}")

        # N3 ------------------------------------------------------------------------------
        dravik = add(f.firm(DRAVIK, "CN", "supplier", "food", "Guangzhou", network="N3"))
        zelvan = add(f.firm(ZELVAN, "GT", "importer", "food", "Escuintla", network="N3",
                            incorporated=dt.date(2022, 11, 30)))
        kelmor = add(f.firm(KELMOR, "US", "importer", "pharma", "Los Angeles", network="N3",
                            incorporated=dt.date(2023, 1, 9)))
        gt_dates = sorted(self._date(dt.date(2024, 1, 8), dt.date(2024, 10, 30)) for _ in range(4))
        for i, d in enumerate(gt_dates):
            c = self._container()
            row = self._row(d, dravik, zelvan, rng.choice(("FOOD ADDITIVE", "ADITIVO ALIMENTARIO")), "2106.90",
                            rng.uniform(800, 1500), lading="CNCAN", discharge="GTPRQ", transit="PABLB" if i % 2 else "",
                            final="MX", containers=[c], tag="N3")
            self._ev("N3", "manifests", f"fixed:{row.seq}")
            if i == 2:
                s = self._seizure(d + dt.timedelta(days=9), "Guardia Nacional", "Ciudad Hidalgo, Chiapas (frontera con Guatemala)",
                                  "", "1-boc-4-piperidona", "79099-07-3", 310.0, row.values["bill_of_lading"], c,
                                  "Tractocamión procedente de Puerto Quetzal; carga declarada como aditivo alimentario "
                                  "con destino final México.")
                self._ev("N3", "seizures", s["seizure_id"])
                self._ev("N3", "seized_manifests", f"fixed:{row.seq}")
        for d in sorted(self._date(dt.date(2024, 2, 1), dt.date(2025, 4, 30)) for _ in range(4)):
            row = self._row(d, dravik, kelmor, "PHARMACEUTICAL INTERMEDIATE", "2933.39", rng.uniform(300, 800),
                            lading="CNYTN", discharge="USLAX", final="MX", containers=[self._container()], tag="N3",
                            dayfirst=0.0)
            self._ev("N3", "manifests", f"fixed:{row.seq}")

        # N4 ------------------------------------------------------------------------------
        trevanto = add(f.firm(TREVANTO, "MX", "broker", "logistics", "Manzanillo", state="Colima", cp="28",
                              network="N4", incorporated=dt.date(2021, 10, 4)))
        n4_sup = [add(f.firm(n, "CN", "supplier", "chemical", rng.choice(("Shijiazhuang", "Nanjing", "Hefei", "Zhengzhou")),
                             network="N4")) for n in N4_SUPPLIERS]
        n4_con = []
        for n in N4_CONSIGNEES:
            city, state, cp = rng.choice(MX_CITIES)
            n4_con.append(add(f.firm(n, "MX", "importer", "chemical", city, state=state, cp=cp, network="N4",
                                     incorporated=self._date(dt.date(2019, 1, 1), dt.date(2022, 12, 31)))))
        covers = (("PHARMACEUTICAL INTERMEDIATE", "2933.39"), ("ORGANIC INTERMEDIATE", "2933.39"),
                  ("INDUSTRIAL CHEMICAL", "2942.00"), ("INTERMEDIO FARMACEUTICO", "2933.39"),
                  ("PLASTIC ADDITIVE", "3812.39"), ("CHEMICAL RAW MATERIAL", "3824.99"))
        n4_rows = []
        for _ in range(45):
            d = self._date(dt.date(2023, 3, 1), dt.date(2025, 5, 31))
            desc, hs = rng.choice(covers)
            row = self._row(d, rng.choice(n4_sup), rng.choice(n4_con), desc, hs, rng.uniform(150, 1200),
                            lading=rng.choice(("CNTSN", "CNSHA", "CNTAO")), discharge=rng.choice(("MXZLO", "MXLZC")),
                            broker=trevanto, containers=[self._container()], tag="N4", dayfirst=0.5)
            n4_rows.append(row)
            self._ev("N4", "manifests", f"fixed:{row.seq}")
        seized_substances = (("N-fenetil-4-piperidona (NPP)", "39742-60-4"), ("4-anilinopiperidina (4-AP)", "23056-29-3"),
                             ("1-boc-4-AP", "125541-22-2"), ("4-ANPP", "21409-26-7"), ("4-AP", "23056-29-3"))
        n4_rows.sort(key=lambda r: r.date)
        self.n4_first_seized_container = ""
        for i, row in enumerate(n4_rows[3::9][:5]):
            sub, cas = seized_substances[i]
            c = row.values["container_ids"]
            port = row.values["port_of_discharge"]
            if not self.n4_first_seized_container:
                self.n4_first_seized_container = c
            s = self._seizure(row.date + dt.timedelta(days=rng.randint(0, 3)), rng.choice(("SEMAR", "ANAM", "FGR")),
                              "Puerto de Manzanillo, Colima" if port == "MXZLO" else "Puerto de Lázaro Cárdenas, Michoacán",
                              port, sub, cas if rng.random() < 0.8 else "", rng.uniform(150, 1000),
                              row.values["bill_of_lading"], c,
                              f"Declarado como '{row.values['goods_description'].lower()}'; despacho por agencia aduanal.")
            self._ev("N4", "seizures", s["seizure_id"])
            self._ev("N4", "seized_manifests", f"fixed:{row.seq}")
            self._ev("N4", "seized_companies", self._canonical_of(row.values["shipper_name"]))
            self._ev("N4", "seized_companies", self._canonical_of(row.values["consignee_name"]))

        # N5 ------------------------------------------------------------------------------
        calvexa_phone = f.phone("CN", "Wuhan")
        calvexa = add(f.firm(CALVEXA, "CN", "supplier", "pharma", "Wuhan", network="N5", phone=calvexa_phone,
                             officers=[(PERSON_CALVEXA, "Legal representative"), (f.person("CN"), "Supervisor")],
                             incorporated=dt.date(2016, 7, 21)))
        nolvexa = add(f.firm(NOLVEXA, "CN", "supplier", "pharma", "Wuhan", network="N5", phone=calvexa_phone,
                             officers=[(PERSON_CALVEXA, "Legal representative"), (f.person("CN"), "Supervisor")],
                             incorporated=dt.date(2024, 6, 20)))
        ardeno = add(f.firm(ARDENO, "MX", "importer", "pharma", "Culiacán", state="Sinaloa", cp="80", network="N5",
                            incorporated=dt.date(2020, 3, 3)))
        ardeno_log = add(f.firm(ARDENO_LOG, "MX", "importer", "logistics", "Culiacán", state="Sinaloa", cp="80",
                                network="N5", address=ardeno.address, phone=ardeno.phone,
                                incorporated=dt.date(2021, 8, 16)))
        for d in sorted(self._date(dt.date(2023, 5, 1), dt.date(2024, 3, 31)) for _ in range(4)):
            row = self._row(d, calvexa, ardeno, rng.choice(("PHARMACEUTICAL INTERMEDIATE", "PHARMA INTERMEDIATES")),
                            "2933.39", rng.uniform(200, 600), lading="CNSHA", discharge="MXZLO",
                            containers=[self._container()], tag="N5", notify=ardeno_log.pick_name(rng))
            self._ev("N5", "manifests", f"fixed:{row.seq}")
        for d in sorted(self._date(dt.date(2024, 8, 15), dt.date(2025, 5, 31)) for _ in range(4)):
            row = self._row(d, nolvexa, ardeno, rng.choice(("PHARMACEUTICAL INTERMEDIATE", "ORGANIC INTERMEDIATE")),
                            "2933.39", rng.uniform(200, 600), lading="CNSHA", discharge="MXZLO",
                            containers=[self._container()], tag="N5", notify=ardeno_log.pick_name(rng))
            self._ev("N5", "manifests", f"fixed:{row.seq}")

        # N6 ------------------------------------------------------------------------------
        front_mobile = f.phone("CN", mobile=True)
        front_email = f"asia.procure{rng.randint(10, 99)}@mailbox.example"
        centre_phone = self.firms[VEXLEY_CS].phone
        brevatto = add(f.firm(BREVATTO, "HK", "supplier", "chemical", "Hong Kong", network="N6", address=HK_CENTRE,
                              phone=centre_phone, email=front_email,
                              officers=[(PERSON_FRONTS, "Director"), (VEXLEY_CS, "Company secretary")],
                              incorporated=dt.date(2022, 5, 9)))
        kelvaro = add(f.firm(KELVARO, "CN", "supplier", "chemical", "Shenzhen", network="N6", phone=front_mobile,
                             email=front_email, officers=[(PERSON_FRONTS, "Legal representative")],
                             incorporated=dt.date(2021, 12, 1)))
        yorvane = add(f.firm(YORVANE, "CN", "supplier", "chemical", "Tianjin", network="N6", phone=front_mobile,
                             officers=[(PERSON_FRONTS, "Legal representative"), (f.person("CN"), "Supervisor")],
                             incorporated=dt.date(2022, 2, 14)))
        orlanda = add(f.firm(ORLANDA, "MX", "importer", "chemical", "Tijuana", state="Baja California", cp="22",
                             network="N6", incorporated=dt.date(2021, 4, 12)))
        ferlin = add(f.firm(FERLIN, "MX", "importer", "chemical", "Puebla", state="Puebla", cp="72", network="N6",
                            incorporated=dt.date(2020, 9, 28)))
        self.front_identifiers = {"phones": [front_mobile], "emails": [front_email], "officers": [PERSON_FRONTS]}
        for _ in range(12):
            shipper = rng.choice((brevatto, kelvaro, yorvane))
            d = self._date(dt.date(2023, 8, 1), dt.date(2025, 5, 31))
            row = self._row(d, shipper, rng.choice((orlanda, ferlin)),
                            rng.choice(("ORGANIC INTERMEDIATE", "ORGANIC INTERMEDIATES", "INTERMEDIO ORGANICO")),
                            "2933.39", rng.uniform(100, 500), lading=rng.choice(shipper.lading_ports), discharge="MXZLO",
                            containers=[self._container()], tag="N6")
            self._ev("N6", "manifests", f"fixed:{row.seq}")

        # N7 ------------------------------------------------------------------------------
        brixan = add(f.firm(BRIXAN, "MX", "importer", "chemical", "Querétaro", state="Querétaro", cp="76",
                            network="N7", address=BRIXAN_HOME, address_type="residential", website="", incorporated=dt.date(2025, 1, 14)))
        toravel = add(f.firm(TORAVEL, "CN", "supplier", "chemical", "Nanjing", network="N7"))
        quorvin = add(f.firm(QUORVIN, "CN", "supplier", "pharma", "Hangzhou", network="N7"))
        marvessa = add(f.firm(MARVESSA, "CN", "supplier", "chemical", "Shijiazhuang", network="N7"))
        halvoris = add(f.firm(HALVORIS, "CN", "supplier", "pharma", "Hangzhou", incorporated=dt.date(2004, 4, 1)))
        tessaro = add(f.firm(TESSARO, "CN", "supplier", "pharma", "Changzhou", incorporated=dt.date(2009, 10, 12)))
        containers = [self._container("DRV") for _ in range(3)]
        d0 = dt.date(2025, 3, 3)
        plan: tuple[tuple[Firm, int, int, int], ...] = (
            (toravel, 0, 0, 5), (quorvin, 9, 1, 4), (marvessa, 16, 0, 4), (toravel, 25, 2, 3), (quorvin, 33, 1, 3))
        covers7 = (("PIPERIDINE DERIVATIVE", "2933.39"), ("ORGANIC INTERMEDIATE", "2933.39"),
                   ("PHARMACEUTICAL INTERMEDIATE", "2933.39"), ("HETEROCYCLIC COMPOUND", "2933.37"))
        for shipper, offset, ci, count in plan:
            vessel = rng.choice(VESSELS)
            desc, hs = rng.choice(covers7)
            for _ in range(count):
                row = self._row(d0 + dt.timedelta(days=offset), shipper, brixan, desc, hs, rng.uniform(18, 60),
                                lading=rng.choice(shipper.lading_ports), discharge="MXZLO",
                                containers=[containers[ci]], vessel=vessel, tag="N7")
                self._ev("N7", "manifests", f"fixed:{row.seq}")
                self._ev("N7", "split_manifests", f"fixed:{row.seq}")
        for shipper, offset in ((halvoris, 6), (tessaro, 20), (halvoris, 38)):
            row = self._row(d0 + dt.timedelta(days=offset), shipper, brixan, "4-DIMETHYLAMINOPYRIDINE (DMAP)",
                            "2933.39", rng.uniform(20, 50), cas="1122-58-3", lading=rng.choice(shipper.lading_ports),
                            discharge="MXZLO", containers=[self._container("QRS")], tag="N7")
            self._ev("N7", "manifests", f"fixed:{row.seq}")
        self.n7_containers = containers

    def _canonical_of(self, written: str) -> str:
        key = company_name_key(written)
        for firm in self.firms.values():
            if company_name_key(firm.name) == key:
                return firm.name
        return written

    # -- look-alike rows ---------------------------------------------------------------------

    def _build_lookalike_rows(self) -> None:
        f, rng, add = self.factory, self.rng, self.add
        lk = "LOOKALIKE"
        # N1 look-alikes: a real cosmetics importer that also writes "cosmetic raw material".
        qelvona = add(f.firm(QELVONA, "CN", "supplier", "cosmetics", "Wuhan", incorporated=dt.date(2011, 5, 5)))
        delmar = add(f.firm(DELMAR, "MX", "importer", "cosmetics", "Guadalajara", state="Jalisco", cp="44",
                            incorporated=dt.date(2008, 8, 8)))
        for _ in range(8):
            desc, hs = rng.choice((("COSMETIC RAW MATERIAL", "3304.99"), ("SODIUM HYALURONATE", "3913.90"),
                                   ("HYALURONIC ACID SODIUM SALT", "3913.90")))
            self._row(self._date(dt.date(2023, 2, 1), dt.date(2025, 6, 15)), qelvona, delmar, desc, hs,
                      rng.uniform(100, 500), lading="CNSHA", discharge=rng.choice(("MXZLO", "MXLZC")),
                      broker=self.firms[ORVEX], containers=[self._container("KST")], tag=lk)
        # N2 look-alikes: a licensed lab with approved PENs, one re-filed after a paperwork objection.
        aurovel = add(f.firm(AUROVEL, "IN", "supplier", "pharma", "Hyderabad", incorporated=dt.date(2006, 1, 20)))
        quenvar = add(f.firm(QUENVAR, "MX", "importer", "pharma", "Naucalpan", state="Estado de México", cp="53",
                             incorporated=dt.date(1998, 4, 15)))
        halvoris, tessaro = self.firms[HALVORIS], self.firms[TESSARO]
        boc_dates = [dt.date(2023, 2, 20), dt.date(2023, 6, 12), dt.date(2023, 9, 25), dt.date(2024, 1, 15),
                     dt.date(2024, 5, 6), dt.date(2024, 8, 19), dt.date(2024, 11, 11), dt.date(2025, 1, 27),
                     dt.date(2025, 4, 7), dt.date(2025, 6, 2)]
        for d in boc_dates:
            sup, lading, discharge, mode = ((halvoris, "CNNGB", "MXZLO", "sea") if d < dt.date(2024, 7, 1)
                                            else (aurovel, "INHYD", "MXMEX", "air"))
            kg = rng.choice((25.0, 50.0, 100.0))
            transit_days = 30 if mode == "sea" else 3
            dispatch = d - dt.timedelta(days=transit_days + rng.randint(0, 4))
            if d == dt.date(2023, 9, 25):
                self._pen(sup, quenvar, "1-boc-4-piperidone", "79099-07-3", kg, dispatch - dt.timedelta(days=21),
                          discharge, "objected")
            self._pen(sup, quenvar, "1-boc-4-piperidone", "79099-07-3", kg, dispatch, discharge, "approved")
            self._row(d, sup, quenvar, rng.choice(("1-BOC-4-PIPERIDONE", "TERT-BUTYL 4-OXOPIPERIDINE-1-CARBOXYLATE")),
                      "2933.39", kg, cas="79099-07-3", lading=lading, discharge=discharge, mode=mode,
                      broker=self.firms[TREVINO], containers=[self._container("KST")] if mode == "sea" else (), tag=lk)
        for _ in range(6):
            sup = rng.choice((halvoris, tessaro))
            self._row(self._date(dt.date(2023, 1, 15), dt.date(2025, 6, 20)), sup, quenvar,
                      rng.choice(("4-DIMETHYLAMINOPYRIDINE (DMAP)", "CETYLPYRIDINIUM CHLORIDE")), "2933.39",
                      rng.uniform(200, 1500), lading=rng.choice(sup.lading_ports), discharge="MXZLO",
                      broker=self.firms[TREVINO], containers=[self._container("KST")], tag=lk)
        brenholt = add(f.firm(BRENHOLT, "DE", "supplier", "pharma", "Frankfurt", incorporated=dt.date(2001, 3, 1)))
        lumen = add(f.firm(LUMEN, "MX", "importer", "pharma", "Ciudad de México", state="CDMX", cp="0",
                           incorporated=dt.date(2012, 7, 9)))
        for d in (dt.date(2023, 10, 9), dt.date(2024, 6, 3), dt.date(2025, 3, 17)):
            self._pen(brenholt, lumen, "norfentanyl (reference standard)", "1609-66-1", 0.005,
                      d - dt.timedelta(days=rng.randint(3, 9)), "MXMEX", "approved")
            self._row(d, brenholt, lumen, "NORFENTANYL OXALATE REFERENCE STANDARD", "2933.39", 0.005,
                      lading="DEFRA", discharge="MXMEX", mode="air", tag=lk)
        tarvex = add(f.firm(TARVEX, "MX", "importer", "plastics", "Monterrey", state="Nuevo León", cp="64",
                            incorporated=dt.date(2010, 2, 2)))
        castrel = add(f.firm(CASTREL, "CN", "supplier", "plastics", "Hangzhou", lading_ports=("CNNGB",),
                             incorporated=dt.date(2007, 6, 18)))
        for _ in range(4):
            self._row(self._date(dt.date(2023, 3, 1), dt.date(2025, 6, 1)), castrel, tarvex, "HDPE RESIN", "3901.20",
                      rng.uniform(20000, 26000), lading="CNNGB", discharge="MXZLO", broker=self.firms[ORVEX],
                      containers=[self._container("PLM")], tag=lk)
        # N3 look-alikes: similar names, importing for their own countries.
        dravin = add(f.firm(DRAVIN, "CN", "supplier", "food", "Guangzhou", incorporated=dt.date(2005, 9, 9)))
        zelvana = add(f.firm(ZELVANA, "GT", "importer", "food", "Ciudad de Guatemala", incorporated=dt.date(2003, 3, 3)))
        kelmore = add(f.firm(KELMORE, "US", "importer", "food", "Los Angeles", incorporated=dt.date(1999, 12, 1)))
        for consignee, discharge in ((zelvana, "GTPRQ"), (kelmore, "USLAX")):
            for _ in range(4):
                self._row(self._date(dt.date(2023, 2, 1), dt.date(2025, 6, 1)), dravin, consignee,
                          rng.choice(("CITRIC ACID ANHYDROUS", "XANTHAN GUM", "FOOD ADDITIVE SODIUM BENZOATE")),
                          rng.choice(("2918.14", "3913.90", "2916.31")), rng.uniform(8000, 20000), lading="CNCAN",
                          discharge=discharge, transit=rng.choice(("", "PABLB")) if consignee is zelvana else "",
                          containers=[self._container("PLM")], tag=lk, dayfirst=0.0 if consignee is kelmore else 0.2)
        # N4 look-alike: a later legal load in a container that once carried a seized shipment.
        oxandra = add(f.firm(OXANDRA, "MX", "importer", "plastics", "Guadalajara", state="Jalisco", cp="44",
                             incorporated=dt.date(2009, 1, 19)))
        for i in range(4):
            d = self._date(dt.date(2023, 2, 1), dt.date(2025, 6, 1)) if i else dt.date(2025, 6, 16)
            c = self.n4_first_seized_container if i == 0 else self._container("PLM")
            self._row(d, castrel, oxandra, "LLDPE RESIN FILM GRADE", "3901.40", rng.uniform(20000, 26000),
                      lading="CNNGB", discharge="MXZLO", broker=self.firms[ORVEX], containers=[c], tag=lk)
        self.container_reuse_trap = {"container": self.n4_first_seized_container, "consignee": OXANDRA,
                                     "shipper": CASTREL}
        # N5 look-alikes.
        calvera = add(f.firm(CALVERA, "CN", "supplier", "pharma", "Wuhan", incorporated=dt.date(2012, 2, 2)))
        ardena = add(f.firm(ARDENA, "MX", "importer", "pharma", "Puebla", state="Puebla", cp="72",
                            incorporated=dt.date(2005, 5, 25)))
        for _ in range(4):
            self._row(self._date(dt.date(2023, 1, 20), dt.date(2025, 6, 1)), calvera, ardena, "PARACETAMOL USP",
                      "2924.29", rng.uniform(2000, 8000), cas="103-90-2", lading="CNSHA", discharge="MXZLO",
                      broker=self.firms[ORVEX], containers=[self._container("KST")], tag=lk)
        velquor = add(f.firm(VELQUOR, "CN", "supplier", "chemical", "Nanjing",
                             officers=[(PERSON_VELQUOR, "Legal representative")], incorporated=dt.date(2003, 11, 3)))
        velquor_hk = add(f.firm(VELQUOR_HK, "HK", "supplier", "chemical", "Hong Kong",
                                officers=[(PERSON_VELQUOR, "Director")], phone=velquor.phone,
                                incorporated=dt.date(2024, 7, 2)))
        aldama = add(f.firm(ALDAMA, "MX", "importer", "chemical", "San Luis Potosí", state="SLP", cp="78",
                            incorporated=dt.date(2001, 10, 10)))
        for shipper, lo, hi, n in ((velquor, dt.date(2023, 1, 10), dt.date(2024, 7, 31), 4),
                                   (velquor_hk, dt.date(2024, 9, 1), dt.date(2025, 6, 10), 3)):
            for _ in range(n):
                self._row(self._date(lo, hi), shipper, aldama, "ETHYL ACETATE", "2915.31", rng.uniform(14000, 18000),
                          cas="141-78-6", lading="CNSHA" if shipper is velquor else "HKHKG", discharge="MXVER",
                          transit="PAMIT", broker=self.firms[TREVINO], containers=[self._container("PLM")], tag=lk)
        # N6 look-alike: a similar name in electronics.
        kelvara = add(f.firm(KELVARA, "CN", "supplier", "electronics", "Shenzhen", incorporated=dt.date(2010, 4, 4)))
        varda = add(f.firm(VARDA, "MX", "importer", "electronics", "Tijuana", state="Baja California", cp="22",
                           incorporated=dt.date(2014, 6, 6)))
        for _ in range(3):
            self._row(self._date(dt.date(2023, 1, 10), dt.date(2025, 6, 10)), kelvara, varda,
                      "PRINTED CIRCUIT ASSEMBLIES", "8473.30", rng.uniform(500, 2500), lading="CNSZX", discharge="MXZLO",
                      broker=self.firms[ORVEX], containers=[self._container("PLM")], tag=lk)
        # N7 look-alike: a new importer of polyethylene from several suppliers.
        dalmon = add(f.firm(DALMON, "KR", "supplier", "plastics", "Yeosu", incorporated=dt.date(1997, 7, 7)))
        arventa = add(f.firm(ARVENTA, "US", "supplier", "plastics", "Houston", incorporated=dt.date(2000, 1, 5)))
        norvent = add(f.firm(NORVENT, "MX", "importer", "plastics", "Monterrey", state="Nuevo León", cp="64",
                             incorporated=dt.date(2025, 1, 20)))
        for shipper, lading, discharge in ((castrel, "CNNGB", "MXZLO"), (dalmon, "KRPUS", "MXZLO"),
                                           (arventa, "USHOU", "MXATM"), (castrel, "CNNGB", "MXZLO"),
                                           (dalmon, "KRPUS", "MXLZC"), (arventa, "USHOU", "MXATM"),
                                           (castrel, "CNNGB", "MXZLO"), (dalmon, "KRPUS", "MXZLO")):
            self._row(self._date(dt.date(2025, 2, 24), dt.date(2025, 4, 20)), shipper, norvent,
                      rng.choice(("HDPE RESIN", "LLDPE RESIN FILM GRADE")), rng.choice(("3901.20", "3901.40")),
                      rng.uniform(20000, 26000), lading=lading, discharge=discharge, broker=self.firms[ORVEX],
                      containers=[self._container("PLM")], tag=lk)

    # -- seizures with no manifest -----------------------------------------------------------

    def _build_unlinked_seizures(self) -> None:
        for d, agency, location, port, sub, cas, kg, bl, notes in (
            (dt.date(2023, 7, 11), "SEDENA", "Culiacán, Sinaloa", "", "fenilacetona (P-2-P)", "103-79-7", 1250.0, "",
             "Laboratorio clandestino desmantelado; sin documentación de importación."),
            (dt.date(2024, 2, 2), "CBP", "Otay Mesa, California", "", "4-AP", "23056-29-3", 12.0, "",
             "Found in a passenger vehicle at the port of entry; no manifest."),
            (dt.date(2024, 11, 5), "ANAM", "Aeropuerto Internacional de la Ciudad de México", "MXMEX", "norfentanilo",
             "1609-66-1", 2.5, _awb(7_777_777), "Paquetería exprés declarada como 'muestras'; guía aérea no asociada "
             "a manifiestos en este conjunto."),
            (dt.date(2025, 3, 19), "FGR", "Tlaquepaque, Jalisco", "", "N-fenetil-4-piperidona (NPP)", "39742-60-4", 80.0,
             "", "Bodega con precursores reenvasados en costales sin etiqueta."),
        ):
            self._seizure(d, agency, location, port, sub, cas, kg, bl, "", notes)

    # -- watch list --------------------------------------------------------------------------

    def _build_watchlist(self) -> None:
        calvexa = self.firms[CALVEXA]
        sanction_day = dt.date(2024, 4, 18)
        self.sanction_day = sanction_day
        program = "DEMO-FENT"
        last = "2025-06-30T00:00:00"
        entries = [
            ("demo-wl-calvexa", "Company", CALVEXA,
             ["WUHAN CALVEXA BIOTECH CO LTD", "Calvexa Biotechnology", "武汉卡维萨生物科技有限公司"], "", "cn",
             calvexa.address, calvexa.registration, calvexa.phone, calvexa.email, sanction_day),
            ("demo-wl-lin-zhaoqing", "Person", PERSON_CALVEXA, ["LIN Zhaoqing", "Zhaoqing Lin"], "1979-03-14", "cn",
             "", "", "", "", sanction_day),
            ("demo-wl-yelmora", "Company", "Yelmora Pharmaceutical Co., Ltd.", ["YELMORA PHARM CO LTD"], "", "cn",
             "No. 17 Fenghuang Road, Hi-tech Zone, Hefei, Anhui, China", "91340100MA2YELM0RA", "", "",
             dt.date(2023, 10, 3)),
            ("demo-wl-octavio", "Person", "Octavio Rendón Salazar", ["OCTAVIO RENDON SALAZAR"], "1971-11-02", "mx",
             "", "", "", "", dt.date(2023, 4, 14)),
            ("demo-wl-darvel", "Company", "Químicos Darvel del Norte, S.A. de C.V.", ["QUIMICOS DARVEL DEL NORTE SA DE CV"],
             "", "mx", "Calle Ficticia 12, Col. Industrial, Hermosillo, Sonora, México", "QDN150611AB1", "", "",
             dt.date(2023, 4, 14)),
        ]
        for eid, schema, name, aliases, birth, country, address, ident, phone, email, listed in entries:
            seen = f"{listed.isoformat()}T00:00:00"
            self.watchlist.append({
                "id": eid, "schema": schema, "name": name, "aliases": ";".join(aliases), "birth_date": birth,
                "countries": country, "addresses": address, "identifiers": ident,
                "sanctions": f"DEMO Sanctions Authority (fictional) - {program} designation {listed.isoformat()}",
                "phones": phone, "emails": email, "program_ids": program, "dataset": DATASET,
                "first_seen": seen, "last_seen": last, "last_change": seen,
            })
        addr_id = "demo-addr-calvexa"
        self.ftm = [
            {"id": addr_id, "schema": "Address",
             "properties": {"full": [calvexa.address], "city": ["Wuhan"], "country": ["cn"]}},
            {"id": "demo-wl-calvexa", "schema": "Company",
             "properties": {"name": [CALVEXA], "alias": ["WUHAN CALVEXA BIOTECH CO LTD", "武汉卡维萨生物科技有限公司"],
                            "country": ["cn"], "jurisdiction": ["cn"], "registrationNumber": [calvexa.registration],
                            "incorporationDate": [calvexa.incorporated.isoformat()], "phone": [calvexa.phone],
                            "email": [calvexa.email], "addressEntity": [addr_id], "topics": ["sanction"]}},
            {"id": "demo-wl-lin-zhaoqing", "schema": "Person",
             "properties": {"name": [PERSON_CALVEXA], "alias": ["LIN Zhaoqing"], "birthDate": ["1979-03-14"],
                            "nationality": ["cn"], "topics": ["sanction"]}},
            {"id": "demo-dir-lin-calvexa", "schema": "Directorship",
             "properties": {"director": ["demo-wl-lin-zhaoqing"], "organization": ["demo-wl-calvexa"],
                            "role": ["Legal representative"], "startDate": ["2016-07-21"]}},
            {"id": "demo-sanction-calvexa", "schema": "Sanction",
             "properties": {"entity": ["demo-wl-calvexa"], "authority": ["DEMO Sanctions Authority (fictional)"],
                            "program": ["Fictional fentanyl-precursor programme"], "programId": [program],
                            "startDate": [sanction_day.isoformat()],
                            "reason": ["Supplied fentanyl precursors under cover descriptions (fictional)."]}},
            {"id": "demo-sanction-lin-zhaoqing", "schema": "Sanction",
             "properties": {"entity": ["demo-wl-lin-zhaoqing"], "authority": ["DEMO Sanctions Authority (fictional)"],
                            "programId": [program], "startDate": [sanction_day.isoformat()]}},
            {"id": "demo-wl-yelmora", "schema": "Company",
             "properties": {"name": ["Yelmora Pharmaceutical Co., Ltd."], "country": ["cn"], "topics": ["sanction"]}},
            {"id": "demo-sanction-yelmora", "schema": "Sanction",
             "properties": {"entity": ["demo-wl-yelmora"], "authority": ["DEMO Sanctions Authority (fictional)"],
                            "programId": [program], "startDate": ["2023-10-03"]}},
        ]

    # -- identity traps and the forwarder of fronts (own random stream: the rest stays as it was) -----------

    def _build_identity_traps(self) -> None:
        setup_rng = self.rng
        self.rng = self.factory.rng = _rng(self.seed, "identity")
        try:
            self._siblings_and_common_names()
            self._forwarder_of_fronts()
        finally:
            self.rng = self.factory.rng = setup_rng

    def _siblings_and_common_names(self) -> None:
        f, rng = self.factory, self.rng
        chem = [s for s in self.suppliers if s.country == "CN" and s.sector in ("chemical", "plastics")
                and s not in self.hk_tenants]
        self.sibling_groups: list[list[str]] = []
        for group in SIBLINGS:
            city, state, cp = rng.choice(MX_CITIES[1:])
            names = []
            for name in group:
                firm = self.add(f.firm(name, "MX", "importer", "chemical", city, state=state, cp=cp))
                names.append(firm.name)
                for _ in range(rng.randint(2, 4)):
                    sup = rng.choice(chem)
                    self._row(self._date(dt.date(2023, 3, 1), dt.date(2025, 5, 31)), sup, firm,
                              rng.choice(("PLASTIC ADDITIVE", "INDUSTRIAL CHEMICAL", "RESINA POLIESTER")), "3907.99",
                              rng.uniform(5000, 20000), lading=rng.choice(sup.lading_ports or ("CNSHA",)),
                              discharge="MXZLO", broker=rng.choice(self.mx_brokers[2:]),
                              containers=[self._container("PLM")], tag="LOOKALIKE")
            self.sibling_groups.append(names)
        self.common_officers: dict[str, list[str]] = {}
        cn = [s for s in chem if not s.network]
        mx = [i for i in self.importers if i.country == "MX" and i not in self.cdmx_tenants]
        for pool, common in ((cn, COMMON_NAMES["CN"]), (mx, COMMON_NAMES["MX"])):
            chosen = rng.sample(pool, min(len(pool), 4 * len(common)))
            for i, firm in enumerate(chosen):
                person = common[i % len(common)]
                firm.officers = [(person, firm.officers[0][1]), *firm.officers[1:]]
                self.common_officers.setdefault(person, []).append(firm.name)

    def _forwarder_of_fronts(self) -> None:
        f, rng = self.factory, self.rng
        sarvent = self.add(f.firm(SARVENT, "MX", "broker", "logistics", "Manzanillo", state="Colima", cp="28",
                                  network="N8", incorporated=dt.date(2022, 2, 14)))
        fronts = ((QELVORA, BELMARINA, dt.date(2024, 9, 1)), (NOLVEXA, ARDENO, dt.date(2024, 9, 1)),
                  (DUVESSA, KAVRON, dt.date(2024, 1, 15)), (MARVESSA, BRIXAN, dt.date(2025, 3, 10)))
        for shipper, consignee, start in fronts:
            end = dt.date(2025, 4, 20) if consignee == BRIXAN else dt.date(2025, 6, 20)  # Brixan's six weeks
            for _ in range(2):
                desc, hs, kg = (("ORGANIC INTERMEDIATE", "2933.39", rng.uniform(20, 60)) if consignee == BRIXAN
                                else ("INDUSTRIAL CHEMICAL", "3824.99", rng.uniform(200, 900)))
                row = self._row(self._date(start, end), self.firms[shipper], self.firms[consignee],
                                desc, hs, kg, lading="CNSHA",
                                discharge="MXZLO", broker=sarvent, containers=[self._container()], tag="N8")
                self._ev("N8", "manifests", f"fixed:{row.seq}")
        legit = rng.sample([i for i in self.importers if i.country == "MX"], 3)
        for client in legit:
            sup = rng.choice(self.suppliers[:30])
            for _ in range(2):
                self._row(self._date(dt.date(2023, 6, 1), dt.date(2025, 6, 20)), sup, client,
                          rng.choice(("PLASTIC ADDITIVE", "PIGMENT PASTE", "FOOD GRADE THICKENER")),
                          "3812.39", rng.uniform(2000, 9000), lading=rng.choice(sup.lading_ports or ("CNSHA",)),
                          discharge="MXZLO", broker=sarvent, containers=[self._container("PLM")], tag="LOOKALIKE")

    # -- issue 16: company profiles, relabelling and cover commodities (own random stream) ---------------------

    def _build_profile_plants(self) -> None:
        """Plants for the red flags that need company profiles or a maker behind a trader, inside the networks
        above; drawn from a stream of their own so everything built before stays as it was."""
        setup_rng = self.rng
        self.rng = self.factory.rng = _rng(self.seed, "profiles")
        try:
            self._profiles()
        finally:
            self.rng = self.factory.rng = setup_rng

    def _profiles(self) -> None:
        f, rng, firms = self.factory, self.rng, self.firms
        # N6: the Tijuana front gives the Chinese fronts' mobile as its own phone (foreign phone), and Ferlín is
        # registered as a grocery wholesaler (sector mismatch), as is N4's Nelvas as a weaving mill.
        firms[ORLANDA].phone = self.front_identifiers["phones"][0]
        firms[FERLIN].activity_code, firms[FERLIN].activity = "431110", "Comercio al por mayor de abarrotes"
        nelvas = firms[N4_CONSIGNEES[5]]
        nelvas.activity_code, nelvas.activity = "313210", "Fabricación de telas anchas de trama"
        # N2: the maker sells Sarnoth 1-boc-4-piperidone under its own name and the chemical's name (a Shanghai
        # to Hong Kong feeder); weeks later Sarnoth flies it to Kavron as an "organic intermediate" naming Ruvexin
        # as manufacturer (air_waybills.csv).
        ruvexin = self.add(f.firm(RUVEXIN, "CN", "supplier", "chemical", "Wuhan", network="N2",
                                  incorporated=dt.date(2013, 5, 27)))
        row = self._row(dt.date(2024, 4, 22), ruvexin, firms[SARNOTH], "1-BOC-4-PIPERIDONE", "2933.39", 60.0,
                        cas="79099-07-3", lading="CNSHA", discharge="HKHKG", containers=[self._container()],
                        tag="N2", notify="")
        row.values["shipper_name"] = RUVEXIN  # written as on the maker's invoice, which the trader copies
        self._ev("N2", "relabelling_manifests", f"fixed:{row.seq}")
        # N4: a chemical supplier of the hub sends one of its consignees "dog food" in fibre drums.
        yusar, yarvek = firms[N4_SUPPLIERS[0]], firms[N4_CONSIGNEES[3]]
        for d, desc in ((dt.date(2024, 8, 19), "DOG FOOD, 24 FIBRE DRUMS X 25 KG"),
                        (dt.date(2024, 11, 25), "DRY DOG FOOD IN 25KG DRUMS")):
            row = self._row(d, yusar, yarvek, desc, "2309.10", rng.choice((600.0, 600.0, 575.0)), lading="CNTSN",
                            discharge="MXZLO", broker=firms[TREVANTO], containers=[self._container()], tag="N4",
                            dayfirst=0.5)
            self._ev("N4", "cover_manifests", f"fixed:{row.seq}")
        # The look-alike: a nut exporter shipping walnuts to a food importer (its air waybill and sample parcel
        # are in air_waybills.csv and parcels.csv): no chemicals, no drums.
        self.add(f.firm(JIYUNDA, "CN", "supplier", "food", "Urumqi", incorporated=dt.date(2006, 9, 12),
                        address="No. 88 Hetian Road, Economic Development Zone, Urumqi, Xinjiang, China",
                        activity="Processing and export of walnuts and dried fruit", address_type="industrial"))

    # -- legit lanes -------------------------------------------------------------------------

    def _build_lanes(self) -> None:
        rng = self.rng
        by_sector: dict[str, list[Firm]] = {}
        for s in self.suppliers:
            by_sector.setdefault(s.sector, []).append(s)
        lanes: list[Lane] = []
        for imp in self.importers:
            candidates = by_sector.get(imp.sector) or by_sector["chemical"]
            for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
                sup = rng.choice(candidates)
                goods = rng.choice(GOODS[imp.sector if imp.sector in GOODS else "chemical"])
                mode = goods[5]
                lading: tuple[str, ...]
                discharge: tuple[str, ...]
                transits: tuple[str, ...]
                if sup.country == "US" and imp.country == "MX" and rng.random() < 0.6:
                    mode, lading = "land", ("USLRD",)
                    discharge, transits = ("MXNLD",), ("",)
                else:
                    lading = sup.lading_ports or ("CNSHA",)
                    if mode == "air":
                        lading = AIR_LADING.get(sup.country, ("HKHKG",))
                    discharge, transits = _discharge_for(rng, sup.country, lading[0], imp.country, mode)
                if imp.country == "MX":
                    broker_pick = rng.random()
                    broker = (self.firms[ORVEX] if broker_pick < 0.4 else self.firms[TREVINO] if broker_pick < 0.55
                              else rng.choice(self.mx_brokers[2:]) if broker_pick < 0.9 else None)
                else:
                    broker_pick = rng.random()
                    broker = (self.firms[ORVEX] if broker_pick < 0.3 else self.other_brokers.get(imp.country)
                              if broker_pick < 0.8 else None)
                notify = tuple(dict.fromkeys([imp.name, *imp.variants[:2], *([broker.name] if broker else []), "", ""]))
                lane = Lane(
                    shipper=sup, consignee=imp, goods=goods, mode=mode, lading=tuple(lading), discharge=discharge,
                    transits=transits, broker=broker, vessels=tuple(rng.sample(VESSELS, 3)),
                    carrier=rng.choice(CARRIERS), weight=rng.choice((1, 1, 1, 2, 2, 3, 5, 8)), notify=notify,
                    hs_forms=_hs_forms(goods[1]), cas_forms=_cas_forms(goods[2]),
                    dayfirst=0.35 if imp.country in ("MX", "GT", "CO") else 0.02,
                    comma=0.25 if imp.country in ("MX", "GT", "CO") else 0.03,
                    point_of_entry=(discharge[0], discharge[0], self._port_name(discharge[0])),
                )
                lanes.append(lane)
        self.lanes = lanes
        self.orvex_mx_asia = [ln for ln in lanes if ln.broker is self.firms[ORVEX] and ln.consignee.country == "MX"
                              and ln.shipper.country in ASIA and ln.mode == "sea"]
        self.orvex_by_lading: dict[str, list[Lane]] = {}
        for ln in self.orvex_mx_asia:
            self.orvex_by_lading.setdefault(ln.lading[0], []).append(ln)
        # PENs that never became shipments: some pending, some withdrawn.
        controlled = [ln for ln in lanes if ln.goods[6]]
        for i in range(10 if controlled else 0):
            ln = controlled[i % len(controlled)]
            status = "pending" if i < 6 else "withdrawn"
            d = self._date(dt.date(2025, 6, 20), dt.date(2025, 8, 30)) if status == "pending" else \
                self._date(dt.date(2023, 3, 1), dt.date(2025, 3, 1))
            self._pen(ln.shipper, ln.consignee, ln.goods[0][0].title(), ln.goods[2] or "", ln.goods[4] * 0.9, d,
                      rng.choice(ln.point_of_entry), status)

    @staticmethod
    def _port_name(code: str) -> str:
        return {"MXZLO": "Manzanillo", "MXLZC": "Lázaro Cárdenas", "MXVER": "Puerto de Veracruz", "MXATM": "Altamira",
                "MXNLD": "Nuevo Laredo", "MXMEX": "AICM", "MXNLU": "AIFA", "GTPRQ": "Puerto Quetzal",
                "GTSTC": "Santo Tomás de Castilla", "USLAX": "Los Angeles", "USNYC": "New York"}.get(code, code)


# ---------------------------------------------------------------------------------------------
# Streaming the background


def _background(sc: _Scenario, n: int, seed: int) -> Iterator[tuple[dt.date, list[str], list[str] | None, bool]]:
    """Yield (date, manifest row without record_id, PEN row without pen_id or None, is-LCL) for n rows.

    Rows come in rough date order. This is the hot loop of the million-row benchmark bundle, hence
    the local bindings and the index-based picks instead of ``random.choice``.
    """
    rng = _rng(seed, "background")
    lanes = sc.lanes
    cum: list[float] = []
    total = 0.0
    for ln in lanes:
        total += ln.weight
        cum.append(total)
    span = (END - START).days
    pool = min(max(400, n // 3), 499_000)
    owners = CONTAINER_OWNERS
    orvex = sc.orvex_mx_asia
    rand, uniform = rng.random, rng.uniform
    # ISO 6346 check digits without per-call loops: owner part plus three two-digit serial chunks.
    owner_sums = [sum(_ISO6346[c] << i for i, c in enumerate(f"{o}U")) for o in owners]
    chunks = [[(a // 10 << (4 + 2 * j)) + (a % 10 << (5 + 2 * j)) for a in range(100)] for j in range(3)]
    days = [START + dt.timedelta(days=d) for d in range(span + 1)]
    iso = [d.isoformat() for d in days]

    def pick(seq: Sequence[Any]) -> Any:
        return seq[int(rand() * len(seq))]

    def container() -> str:
        o = int(rand() * len(owners))
        serial = 500000 + int(rand() * pool)
        total = owner_sums[o] + chunks[0][serial // 10000] + chunks[1][serial // 100 % 100] + chunks[2][serial % 100]
        return f"{owners[o]}U{serial:06d}{total % 11 % 10}"

    def name(firm: Firm, typo: float) -> str:
        if typo and firm.typo and rand() < typo:
            return firm.typo
        return firm.name if rand() < 0.4 else pick(firm.variants)

    def address(firm: Firm) -> str:
        return firm.address if rand() < 0.5 else pick(firm.address_variants)

    def date_text(d: int, dayfirst: float) -> str:
        r = rand()
        if r < dayfirst:
            day = days[d]
            return f"{day.day:02d}/{day.month:02d}/{day.year}"
        if r < dayfirst + 0.03:
            day = days[d]
            return f"{day.day}.{day.month}.{day.year}"
        return iso[d]

    i = 0
    k = 0
    while i < n:
        d_index = min(span, max(0, span * i // max(n, 1) + int(rand() * 7) - 3))
        day = days[d_index]
        lcl = bool(orvex) and rand() < 0.015 and i + 3 <= n
        if lcl:
            first = pick(orvex)
            same_port = sc.orvex_by_lading[first.lading[0]]
            group = [first] + [pick(same_port) for _ in range(2 + int(rand() * (min(5, n - i - 1) - 1)))]
            shared_container, shared_vessel = container(), pick(VESSELS)
        else:
            group = [lanes[bisect.bisect_left(cum, rand() * total)]]
            shared_container = shared_vessel = ""
        for ln in group:
            k += 1
            goods = ln.goods
            if lcl:
                kg = uniform(200, 3000)
                lading, discharge, transit = group[0].lading[0], group[0].discharge[0], ""
                containers, vessel = shared_container, shared_vessel
                bl = f"ORVX{_bl_number(k):010d}"
            else:
                kg = uniform(goods[3], goods[4])
                lading = pick(ln.lading)
                discharge = pick(ln.discharge)
                transit = pick(ln.transits)
                if ln.mode == "air":
                    containers, vessel, bl = "", "", _awb(k)
                elif ln.mode == "land":
                    containers, vessel, bl = "", "", f"CP{_bl_number(k):010d}"
                else:
                    ncont = 1 if goods[5] == "bulk" or kg < 15000 else 1 + int(rand() * 3)
                    containers = container() if ncont == 1 else ";".join(container() for _ in range(ncont))
                    vessel = pick(ln.vessels)
                    bl = f"{ln.carrier}{_bl_number(k):010d}"
            shipper, consignee = ln.shipper, ln.consignee
            typos = 0.0 if goods[6] else 0.01  # controlled trade stays exactly matchable to its PENs
            row = [
                bl, date_text(d_index, ln.dayfirst),
                name(shipper, typos), address(shipper), shipper.country,
                name(consignee, typos), address(consignee), consignee.country,
                pick(ln.notify), name(ln.broker, 0.0) if ln.broker else "",
                pick(ln.hs_forms), pick(goods[0]), pick(ln.cas_forms), _fmt_kg(rng, kg, ln.comma),
                lading, discharge, transit, consignee.country, containers, vessel,
            ]
            pen = None
            if goods[6]:
                transit_days = 3 if ln.mode == "air" else 5 if ln.mode == "land" else 28
                dispatch = max(0, d_index - transit_days - int(rand() * 7))
                pen = [
                    name(shipper, 0.0), shipper.country, name(consignee, 0.0), consignee.country,
                    pick(goods[0]).title(), (goods[2] or "") if rand() < 0.85 else "",
                    _fmt_kg(rng, round(kg, -1), 0.1), date_text(dispatch, 0.25),
                    pick(ln.point_of_entry) if discharge == ln.discharge[0] else discharge,
                    "approved", str(days[dispatch].year),
                ]
            yield day, row, pen, lcl
            i += 1


# ---------------------------------------------------------------------------------------------
# Writing the bundle


def _csv_writer(handle: Any) -> Any:
    return csv.writer(handle, lineterminator="\n")


#: Declared activity by sector: the SCIAN (Mexico) or NAICS (United States, Canada) code and its description.
#: Firms elsewhere declare their trade in words only. Codes: SCIAN México 2023 (INEGI), NAICS 2022.
SCIAN = {
    "chemical": (("434230", "Comercio al por mayor de productos químicos para uso industrial"),
                 ("325190", "Fabricación de otros productos químicos básicos orgánicos")),
    "pharma": (("325412", "Fabricación de preparaciones farmacéuticas"),
               ("433110", "Comercio al por mayor de productos farmacéuticos")),
    "plastics": (("326198", "Fabricación de otros productos de plástico sin reforzamiento"),
                 ("325211", "Fabricación de resinas sintéticas")),
    "food": (("311999", "Elaboración de otros alimentos"), ("311940", "Elaboración de condimentos y aderezos")),
    "cosmetics": (("325620", "Fabricación de cosméticos, perfumes y otras preparaciones de tocador"),),
    "agro": (("325320", "Fabricación de pesticidas y otros agroquímicos, excepto fertilizantes"),),
    "pigments": (("325510", "Fabricación de pinturas y recubrimientos"),),
    "pet": (("311110", "Elaboración de alimentos para animales"),),
    "electronics": (("334410", "Fabricación de componentes electrónicos"),),
    "logistics": (("488511", "Servicios de agencias aduanales"),
                  ("488519", "Otros servicios de intermediación para el transporte de carga")),
}
NAICS = {
    "chemical": (("424690", "Other Chemical and Allied Products Merchant Wholesalers"),),
    "pharma": (("424210", "Drugs and Druggists' Sundries Merchant Wholesalers"),),
    "plastics": (("424610", "Plastics Materials and Basic Forms and Shapes Merchant Wholesalers"),),
    "food": (("424490", "Other Grocery and Related Products Merchant Wholesalers"),),
    "cosmetics": (("424210", "Drugs and Druggists' Sundries Merchant Wholesalers"),),
    "pigments": (("424950", "Paint, Varnish, and Supplies Merchant Wholesalers"),),
    "pet": (("311111", "Dog and Cat Food Manufacturing"),),
    "logistics": (("488510", "Freight Transportation Arrangement"),),
}
#: The trade in words, for firms of countries that use neither classification.
TRADE_WORDS = {
    "chemical": ("Manufacture and trading of chemical products", "Fabricación y comercio de productos químicos"),
    "pharma": ("Manufacture of pharmaceutical ingredients", "Fabricación de productos farmacéuticos"),
    "plastics": ("Manufacture of plastic resins", "Comercio de resinas plásticas"),
    "food": ("Food ingredients manufacturing", "Importación y distribución de alimentos"),
    "cosmetics": ("Cosmetic raw materials", "Distribución de cosméticos"),
    "agro": ("Agrochemical manufacturing", "Distribución de agroquímicos"),
    "pigments": ("Pigment manufacturing", "Fabricación de pigmentos"),
    "pet": ("Pet food manufacturing", "Alimento para mascotas"),
    "electronics": ("Electronic components", "Componentes electrónicos"),
    "logistics": ("Freight forwarding and customs brokerage", "Agencia aduanal y transporte de carga"),
    "services": ("Company secretarial services", "Servicios corporativos"),
}


def _activity(firm: Firm, rng: random.Random) -> tuple[str, str, str]:
    """(activity code, activity, address type) as the registry writes them: the story's when it fixes them, else
    those of the firm's sector; some extracts leave the activity out, as real ones do."""
    if firm.country in ("MX", "US", "CA"):
        table = SCIAN if firm.country == "MX" else NAICS
        code, text = rng.choice(table.get(firm.sector) or TRADE_WORDS_AS_CODE)
    else:
        en, es = TRADE_WORDS.get(firm.sector, TRADE_WORDS["chemical"])
        code, text = "", es if firm.country in ("GT", "CO", "PA", "ES") else en
    if firm.activity_code or firm.activity:
        code, text = firm.activity_code, firm.activity
    elif rng.random() < 0.15:
        code, text = "", ""
    kind = firm.address_type or (
        "commercial" if firm.country == "HK" or firm.role == "broker" or "Piso" in firm.address or "Room" in firm.address
        else "industrial" if firm.country == "CN" or firm.role == "supplier" else rng.choice(("commercial", "industrial")))
    if rng.random() < 0.1 and not firm.address_type:
        kind = ""
    return code, text, kind


#: A code-less trade for sectors missing from a code table (none today): says nothing to the detectors.
TRADE_WORDS_AS_CODE: tuple[tuple[str, str], ...] = (("", ""),)


def _registry_rows(sc: _Scenario, rng: random.Random) -> list[list[str]]:
    rows: list[list[str]] = []
    # Activity, address type and the small firms without a website: a stream of their own, so the registry's
    # other columns stay as they were.
    profile_rng = _rng(sc.seed, "registry-profiles")
    planted = {n for p in PLANTED for n in p.companies}
    keep_always = planted | {n for p in PLANTED for n in p.lookalikes} | {VEXLEY_CS, DRAVIN, VARDA, ALDAMA}
    for firm in sc.firms.values():
        if firm.name not in keep_always and rng.random() > 0.85:
            continue
        name = firm.name if rng.random() < 0.6 else rng.choice(firm.variants)
        aliases = [v for v in firm.variants if v != name][: rng.randint(0, 2)]
        written = []
        for person, role in firm.officers:
            who = _person_variant(rng, person, firm.country) if rng.random() < 0.4 else person
            written.append(f"{who} ({role})" if rng.random() < 0.85 else who)
        officers = "; ".join(written)
        country = firm.country if rng.random() < 0.9 else {
            "CN": "China", "MX": "México", "HK": "Hong Kong", "US": "United States", "IN": "India",
            "GT": "Guatemala", "DE": "Germany", "KR": "Korea"}.get(firm.country, firm.country)
        rows.append([
            "", name, ";".join(aliases), country, firm.registration,
            _fmt_date(rng, firm.incorporated, 0.3 if firm.country in ("MX", "GT", "CO") else 0.05),
            firm.pick_address(rng), _fmt_phone(rng, firm.phone, firm.country), firm.email,
            _website(firm, profile_rng), officers, *_activity(firm, profile_rng),
        ])
    for i, row in enumerate(rows, start=1):
        row[0] = f"CR-{i:05d}"
    return rows


def _website(firm: Firm, rng: random.Random) -> str:
    """Most firms have a website; a few small legitimate importers have none (one shell indicator alone, which
    says nothing), and the fronts that the story leaves without one have none."""
    no_site = rng.random() < 0.12
    if not firm.website:
        return ""
    if no_site and firm.network is None and firm.role == "importer" and firm.address_type != "residential":
        return ""
    return firm.website


def _readme(seed: int, manifests: int) -> str:
    return (
        "FICTIONAL DEMO DATA - Precursor Watch\n"
        "=====================================\n\n"
        "Every company, person, address, phone number, e-mail address, registration number, vessel, bill of\n"
        "lading, air waybill, parcel, payment, account, wallet, seizure, pre-export notification and watch-list\n"
        "entry in this folder is INVENTED by workbench/demo/generator.py. Any resemblance to a real company or\n"
        "person is accidental. Chemicals, CAS numbers, HS codes, countries, cities, UN/LOCODE ports and IATA\n"
        "airports are real so that the data reads like trade.\n"
        "The sanctions programme DEMO-FENT and the 'DEMO Sanctions Authority' do not exist.\n\n"
        f"Regenerate: python -m workbench.demo.generator --out <folder> --seed {seed} --manifests {manifests}\n"
        "ground_truth.json lists the planted networks, what should be flagged and what must not;\n"
        "README.md beside this file describes every file and column.\n"
    )


def generate_bundle(out_dir: Path, seed: int = DEFAULT_SEED, manifests: int = DEFAULT_MANIFESTS) -> dict[str, int]:
    """Write the FICTIONAL demo bundle into ``out_dir`` and return row counts per file.

    ``manifests`` is the total number of manifest rows (never fewer than the planted and look-alike
    rows). The background is streamed, so 1,000,000 rows need little memory.
    """
    if manifests < 0:
        raise ValueError("manifests must be zero or more")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sc = _Scenario(seed)
    reg_rng = _rng(seed, "registry")
    counts: dict[str, int] = {}

    registry = _registry_rows(sc, reg_rng)
    with open(out_dir / "companies.csv", "w", encoding="utf-8", newline="") as fh:
        w = _csv_writer(fh)
        w.writerow(COMPANY_COLUMNS)
        w.writerows(registry)
    counts["companies"] = len(registry)

    with open(out_dir / "seizures.csv", "w", encoding="utf-8", newline="") as fh:
        w = _csv_writer(fh)
        w.writerow(SEIZURE_COLUMNS)
        for s in sorted(sc.seizures, key=lambda s: s["seizure_id"]):
            w.writerow([s[c] for c in SEIZURE_COLUMNS])
    counts["seizures"] = len(sc.seizures)

    with open(out_dir / "watchlist.csv", "w", encoding="utf-8", newline="") as fh:
        w = _csv_writer(fh)
        w.writerow(WATCHLIST_COLUMNS)
        for e in sc.watchlist:
            w.writerow([e[c] for c in WATCHLIST_COLUMNS])
    counts["watchlist"] = len(sc.watchlist)

    with open(out_dir / "watchlist.ftm.json", "w", encoding="utf-8", newline="\n") as fh:
        for entity in sc.ftm:
            fh.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    counts["ftm_entities"] = len(sc.ftm)

    n_fixed = len(sc.fixed)
    n_background = max(0, manifests - n_fixed)
    fixed_ids: dict[int, str] = {}
    lcl_containers: list[str] = []
    record = 0
    pen_count = 0
    with open(out_dir / "manifests.csv", "w", encoding="utf-8", newline="") as mfh, \
            open(out_dir / "pen_notifications.csv", "w", encoding="utf-8", newline="") as pfh:
        mw, pw = _csv_writer(mfh), _csv_writer(pfh)
        mw.writerow(MANIFEST_COLUMNS)
        pw.writerow(PEN_COLUMNS)
        for pen in sc.pens:
            pw.writerow([pen[c] for c in PEN_COLUMNS])
        pen_count = len(sc.pens)
        body = MANIFEST_COLUMNS[1:]
        fixed = sc.fixed
        j = 0

        def emit_fixed(upto: dt.date | None) -> None:
            nonlocal j, record
            while j < len(fixed) and (upto is None or fixed[j].date <= upto):
                record += 1
                rid = f"MAN-{record:07d}"
                fixed_ids[fixed[j].seq] = rid
                mw.writerow([rid, *(fixed[j].values[c] for c in body)])
                j += 1

        for day, values, pen_row, lcl in _background(sc, n_background, seed):
            if j < len(fixed) and fixed[j].date <= day:
                emit_fixed(day)
            record += 1
            mw.writerow([f"MAN-{record:07d}", *values])
            if lcl and len(lcl_containers) < 25 and values[-2] not in lcl_containers:
                lcl_containers.append(values[-2])
            if pen_row is not None:
                pen_count += 1
                pw.writerow([f"PEN-{pen_row[-1]}-{pen_count:06d}", *pen_row[:-1]])
        emit_fixed(None)
    counts["manifests"] = record
    counts["pen_notifications"] = pen_count
    counts["planted_manifests"] = sum(1 for r in sc.fixed if r.tag and r.tag != "LOOKALIKE")
    counts["lookalike_manifests"] = sum(1 for r in sc.fixed if r.tag == "LOOKALIKE")

    truth = _ground_truth(sc, fixed_ids, lcl_containers, seed, manifests)
    channel_rows, channel_truth = _other_channels(sc, seed)
    counts.update(_write_other_channels(out_dir, channel_rows))
    truth.update(channel_truth)
    (out_dir / "ground_truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out_dir / "README.txt").write_text(_readme(seed, manifests), encoding="utf-8")
    counts["networks"] = len(PLANTED)
    return counts


def _ground_truth(sc: _Scenario, fixed_ids: dict[int, str], lcl: list[str], seed: int, manifests: int) -> dict[str, Any]:
    def ids(net: str, kind: str) -> list[str]:
        out = []
        for v in sc.evidence.get(net, {}).get(kind, []):
            out.append(fixed_ids[int(v.split(":")[1])] if v.startswith("fixed:") else v)
        return sorted(dict.fromkeys(out))

    seized4 = sorted(dict.fromkeys(sc.evidence["N4"]["seized_companies"]))
    tenants = [t.name for t in sc.hk_tenants]
    plants = [
        {"network": "N1", "category": "goods-mismatch", "expected": [VELMAR, QELVORA],
         "evidence": {"manifests": ids("N1", "seized_manifests"), "seizures": ids("N1", "seizures")}},
        {"network": "N1", "category": "seizure-linked", "expected": [VELMAR, QELVORA],
         "evidence": {"manifests": ids("N1", "seized_manifests"), "seizures": ids("N1", "seizures")}},
        {"network": "N1", "category": "successor-front", "expected": [BELMARINA],
         "evidence": {"predecessor": VELMAR, "event": "seizure", "event_date": "2024-05-14",
                      "shared": {"officers": [PERSON_VELMAR], "phones": [sc.firms[VELMAR].phone]},
                      "incorporated": sc.firms[BELMARINA].incorporated.isoformat()}},
        {"network": "N2", "category": "unnotified-controlled-chemical", "expected": [TARVEK, MIRVANE, KAVRON, DUVESSA],
         "evidence": {"manifests": ids("N2", "unnotified_manifests"), "objected_pens": ids("N2", "objected_pens")}},
        {"network": "N2", "category": "company-shopping", "expected": [TARVEK],
         "evidence": {"objected_supplier": OSTREVAN, "new_suppliers": [MIRVANE, SARNOTH],
                      "objected_pens": ids("N2", "objected_pens"), "manifests": ids("N2", "shopping_manifests")}},
        {"network": "N3", "category": "transshipment", "expected": [DRAVIK, ZELVAN, KELMOR],
         "evidence": {"manifests": ids("N3", "manifests"), "via": ["GTPRQ", "USLAX"], "final_destination": "MX"}},
        {"network": "N3", "category": "seizure-linked", "expected": [DRAVIK, ZELVAN],
         "evidence": {"manifests": ids("N3", "seized_manifests"), "seizures": ids("N3", "seizures")}},
        {"network": "N4", "category": "broker-hub", "expected": [TREVANTO],
         "evidence": {"manifests": ids("N4", "manifests"), "seizures": ids("N4", "seizures"),
                      "suppliers": list(N4_SUPPLIERS), "consignees": list(N4_CONSIGNEES)}},
        {"network": "N4", "category": "seizure-linked", "expected": seized4,
         "evidence": {"manifests": ids("N4", "seized_manifests"), "seizures": ids("N4", "seizures")}},
        {"network": "N5", "category": "sanctions-proximity", "expected": [ARDENO, ARDENO_LOG, NOLVEXA],
         "evidence": {"watchlisted": [CALVEXA, PERSON_CALVEXA], "manifests": ids("N5", "manifests"),
                      "paths": [[ARDENO, "trades with", CALVEXA],
                                [ARDENO_LOG, "shares address and phone with", ARDENO],
                                [NOLVEXA, "shares legal representative with", CALVEXA]]}},
        {"network": "N5", "category": "successor-front", "expected": [NOLVEXA],
         "evidence": {"predecessor": CALVEXA, "event": "sanction", "event_date": sc.sanction_day.isoformat(),
                      "shared": {"officers": [PERSON_CALVEXA], "phones": [sc.firms[CALVEXA].phone]},
                      "incorporated": sc.firms[NOLVEXA].incorporated.isoformat()}},
        {"network": "N6", "category": "shared-identifiers", "expected": [BREVATTO, KELVARO, YORVANE],
         "evidence": {**sc.front_identifiers, "manifests": ids("N6", "manifests")}},
        {"network": "N7", "category": "new-importer-surge", "expected": [BRIXAN],
         "evidence": {"incorporated": sc.firms[BRIXAN].incorporated.isoformat(), "manifests": ids("N7", "manifests"),
                      "suppliers": [TORAVEL, QUORVIN, MARVESSA, HALVORIS, TESSARO]}},
        {"network": "N7", "category": "split-shipments", "expected": [BRIXAN],
         "evidence": {"containers": sc.n7_containers, "manifests": ids("N7", "split_manifests")}},
        {"network": "N8", "category": "broker-hub", "expected": [SARVENT],
         "evidence": {"manifests": ids("N8", "manifests"), "fronts": [BELMARINA, ARDENO, KAVRON, BRIXAN]}},
        # Issue 16: the red flags of company profiles, parcels, payments and declarations, inside the networks.
        {"network": "N4", "category": "sector-mismatch", "expected": [N4_CONSIGNEES[5]],
         "evidence": {"activity_code": sc.firms[N4_CONSIGNEES[5]].activity_code,
                      "activity": sc.firms[N4_CONSIGNEES[5]].activity, "manifests": ids("N4", "manifests")}},
        {"network": "N6", "category": "sector-mismatch", "expected": [FERLIN],
         "evidence": {"activity_code": sc.firms[FERLIN].activity_code, "activity": sc.firms[FERLIN].activity,
                      "manifests": ids("N6", "manifests")}},
        {"network": "N6", "category": "foreign-phone", "expected": [ORLANDA],
         "evidence": {"phones": [sc.firms[ORLANDA].phone], "shared_with": [KELVARO, YORVANE]}},
        {"network": "N7", "category": "shell-indicators", "expected": [BRIXAN],
         "evidence": {"address": BRIXAN_HOME, "address_type": "residential", "website": None}},
        {"network": "N1", "category": "shell-indicators", "expected": [BELMARINA],
         "evidence": {"address": BELMARINA_HOME, "address_type": "residential", "website": None,
                      "parcels": "parcels.planted"}},
        {"network": "N2", "category": "supplier-concentration", "expected": [TARVEK, KAVRON],
         "evidence": {"suppliers": [OSTREVAN, MIRVANE, SARNOTH, DUVESSA]}},
        {"network": "N1", "category": "supplier-concentration", "expected": [VELMAR, BELMARINA],
         "evidence": {"suppliers": [QELVORA]}},
        {"network": "N2", "category": "relabelling", "expected": [SARNOTH],
         "evidence": {"manufacturer": RUVEXIN, "consignee": KAVRON, "manifests": ids("N2", "relabelling_manifests"),
                      "air_waybills": "air_waybills.planted (N2)"}},
        {"network": "N1", "category": "small-parcels", "expected": [BELMARINA],
         "evidence": {"sender": QELVORA, "parcels": "parcels.planted"}},
        {"network": "N1", "category": "payment-patterns", "expected": [QELVORA, BELMARINA],
         "evidence": {"payments": ["many-senders-one-beneficiary", "virtual-currency-to-chemical-seller"]}},
        {"network": "N2", "category": "payment-patterns", "expected": [TARVEK],
         "evidence": {"payments": ["just-under-reporting-threshold"]}},
        {"network": "N5", "category": "listed-party-payment", "expected": [ARDENO],
         "evidence": {"listed": CALVEXA, "listed_on": sc.sanction_day.isoformat(),
                      "payments": ["payment-to-listed-party"]}},
        {"network": "N4", "category": "cover-commodity", "expected": [N4_SUPPLIERS[0], N4_CONSIGNEES[3]],
         "evidence": {"manifests": ids("N4", "cover_manifests"), "cover": "dog food", "packaging": "drums"}},
    ]
    lookalike_extra = {"N6": tenants, "N4": [], "N7": []}
    networks = []
    for p in PLANTED:
        networks.append({
            "id": p.id, "title": p.title, "category": p.category, "categories": list(p.categories),
            "companies": list(p.companies), "persons": list(p.persons),
            "lookalikes_not_flagged": list(p.lookalikes) + lookalike_extra.get(p.id, []),
            "story": p.story,
        })
    by_category = {c: sorted({str(pl["network"]) for pl in plants if pl["category"] == c}) for c in CATEGORIES}
    # Planted actors: every company of a planted network (the firms a detector names and the ones around them).
    actors = sorted({n for p in PLANTED for n in p.companies})
    return {
        "note": "FICTIONAL DEMO DATA: every company, person and identifier here is invented.",
        "seed": seed,
        "manifests_requested": manifests,
        "categories": list(CATEGORIES),
        "coverage": by_category,
        "networks": networks,
        "plants": plants,
        "watchlisted": [e["name"] for e in sc.watchlist],
        "risk_actors": actors,
        "identity": _identity_truth(sc),
        "benign_hubs": {
            **sc.benign,
            "lcl_consolidation_containers": lcl,
            "container_reuse_after_seizure": sc.container_reuse_trap,
        },
    }


def _identity_truth(sc: _Scenario) -> dict[str, Any]:
    """Who is who, for scoring entity resolution: every firm with every spelling it is written with, and every
    officer as one person (a common name at two firms is two people; a planted officer of two firms is one)."""
    common = {n for names in COMMON_NAMES.values() for n in names}
    companies = []
    persons = []
    for firm in sc.firms.values():
        spellings = sorted({firm.name, *firm.variants, *([firm.typo] if firm.typo else [])})
        companies.append({"name": firm.name, "country": firm.country, "spellings": spellings})
        for person, _ in firm.officers:
            pid = f"{person} @ {firm.name}" if person in common else person
            persons.append({"id": pid, "name": person, "firm": firm.name})
    return {
        "companies": companies,
        "persons": persons,
        "legal_form_siblings": sc.sibling_groups,
        "common_name_officers": sc.common_officers,
    }


# ---------------------------------------------------------------------------------------------
# Air waybills, courier and postal parcels, payments (issue 16): small files beside the manifests, from their own
# random stream, so the manifests, PENs and seizures above are byte-for-byte what they were.

AWB_COLUMNS: tuple[str, ...] = _columns("air_waybills")
PARCEL_COLUMNS: tuple[str, ...] = _columns("parcels")
PAYMENT_COLUMNS: tuple[str, ...] = _columns("payments")
#: Invented freight forwarders: the first carries only N1's air cargo, the second is an ordinary busy forwarder
#: (also used once by N2: legitimate forwarders carry bad cargo too).
FORWARDERS = ("Aerolink Cargo Forwarding (HK) Limited", "Transcarga Aérea Mexicana, S.A. de C.V.")
AIRLINES = (("784", "China Southern Airlines", "CZ"), ("160", "Cathay Pacific Cargo", "CX"),
            ("999", "Air China Cargo", "CA"), ("139", "Aeroméxico Cargo", "AM"))
#: Airports of departure by shipper country; arrivals are Mexican airports (NLU is AIFA).
AIR_DEPARTURES = {"CN": ("PVG", "CAN", "SZX", "PEK"), "HK": ("HKG",), "KR": ("ICN",), "JP": ("NRT",),
                  "US": ("LAX", "DFW", "MIA"), "DE": ("FRA",), "NL": ("AMS",)}
#: Ordinary goods by sector: (HS code, description) for benign air waybills and parcels.
BENIGN_GOODS = {"plastics": (("3926.90", "PLASTIC FITTINGS"), ("3920.10", "POLYETHYLENE FILM SAMPLES")),
                "food": (("2106.90", "FOOD SUPPLEMENT PREMIX"), ("3302.10", "FOOD FLAVOURING PREPARATIONS")),
                "cosmetics": (("3304.99", "SKIN CARE CREAMS"), ("3305.10", "SHAMPOO")),
                "pigments": (("3204.17", "PIGMENT PASTE"), ("3212.90", "PRINTING INK")),
                "pet": (("2309.10", "DOG FOOD"),), "agro": (("3808.93", "HERBICIDE SAMPLES"),)}


def _awb_number(prefix: str, k: int) -> str:
    serial = _bl_number(k + 7_000_000) % 10**7
    return f"{prefix}-{serial:07d}{serial % 7}"


def _air_row(rng: random.Random, k: int, day: dt.date, shipper: Firm, consignee: Firm, hs: str, goods: str,
             kg: float, *, departure: str, arrival: str, house: bool = True, cas: str = "", transit: str = "",
             forwarder: str = "", manufacturer: str = "", value: float | None = None,
             airline: tuple[str, str, str] | None = None) -> dict[str, str]:
    prefix, carrier, code = airline or rng.choice(AIRLINES)
    return {
        "master_awb": _awb_number(prefix, k), "house_awb": f"HAWB{day:%y%m}{k:04d}" if house else "",
        "declaration_date": _fmt_date(rng, day), "airline": carrier, "flight_number": f"{code}{rng.randint(100, 989)}",
        "shipper_name": shipper.pick_name(rng), "shipper_address": shipper.pick_address(rng),
        "shipper_country": shipper.country, "consignee_name": consignee.pick_name(rng),
        "consignee_address": consignee.pick_address(rng), "consignee_country": consignee.country,
        "notify_party": "", "forwarder_name": forwarder, "departure_airport": departure, "arrival_airport": arrival,
        "transit_airports": transit, "final_destination_country": consignee.country, "hs_code": hs,
        "goods_description": goods, "cas_number": cas, "weight_kg": _fmt_kg(rng, kg),
        "pieces": str(max(1, round(kg / 25))), "declared_value": f"{value if value is not None else kg * 9:.2f}",
        "currency": "USD", "manufacturer_name": manufacturer,
    }


def _parcel_row(rng: random.Random, k: int, day: dt.date, sender: Firm, recipient: Firm, content: str, hs: str,
                kg: float, value: float, *, service: str, entry: str, cas: str = "") -> dict[str, str]:
    carrier = rng.choice(("DHL Express", "FedEx", "UPS")) if service == "courier" else "China Post"
    number = (f"{_bl_number(k + 9_000_000):010d}" if service == "courier"
              else f"EE{_bl_number(k + 9_500_000) % 10**9:09d}{sender.country}")
    return {
        "tracking_number": number, "service": service, "carrier": carrier, "date": _fmt_date(rng, day),
        "sender_name": sender.pick_name(rng), "sender_address": sender.pick_address(rng),
        "sender_country": sender.country, "recipient_name": recipient.pick_name(rng),
        "recipient_address": recipient.pick_address(rng), "recipient_country": recipient.country,
        "declared_content": content, "hs_code": hs, "cas_number": cas, "declared_value": f"{value:.2f}",
        "currency": "USD", "weight_kg": f"{kg:.2f}", "office_of_entry": entry,
    }


def _payment_row(pid: str, day: dt.date, amount: float, method: str, payer: str, payee: str, *,
                 payer_country: str, payee_country: str, payer_account: str = "", payee_account: str = "",
                 currency: str = "USD", wallet: str = "", reference: str = "", payer_type: str = "") -> dict[str, str]:
    return {
        "payment_id": pid, "date": day.isoformat(), "amount": f"{amount:.2f}", "currency": currency,
        "method": method, "originator_name": payer, "originator_type": payer_type, "originator_account": payer_account,
        "originator_country": payer_country, "beneficiary_name": payee, "beneficiary_type": "",
        "beneficiary_account": payee_account, "beneficiary_country": payee_country, "wallet_address": wallet,
        "reference": reference,
    }


def _account(rng: random.Random, country: str) -> str:
    return f"{country}{rng.randint(10, 99)}{rng.randint(10**13, 10**14 - 1)}"


def _other_channels(sc: _Scenario, seed: int) -> tuple[dict[str, list[dict[str, str]]], dict[str, Any]]:
    """The rows of air_waybills.csv, parcels.csv and payments.csv, and their ground truth (planted and benign)."""
    rng = _rng(seed, "other-channels")
    firms = sc.firms
    qelvora, velmar, belmarina = firms[QELVORA], firms[VELMAR], firms[BELMARINA]
    sarnoth, kavron = firms[SARNOTH], firms[KAVRON]
    benign_shippers = [f for f in sc.suppliers if f.country in ("CN", "KR", "US", "NL") and f.network is None
                       and f.sector in BENIGN_GOODS and f not in sc.hk_tenants]
    benign_importers = [f for f in sc.importers if f.country == "MX" and f.network is None
                        and f.sector in BENIGN_GOODS]
    awbs: list[dict[str, str]] = []
    truth_air: list[dict[str, Any]] = []
    k = 0

    def air(why: str | None, *args: Any, **kwargs: Any) -> None:
        nonlocal k
        k += 1
        row = _air_row(rng, k, *args, **kwargs)
        awbs.append(row)
        if why:
            truth_air.append({"master_awb": row["master_awb"], "house_awb": row["house_awb"], "why": why})

    # Planted: N1's supplier flies 4-AP to the cosmetics front at AIFA, declared as cosmetic raw material.
    air("N1: Hubei Qelvora ships 4-AP (HS 2933.39, CAS left blank) by air from Shanghai Pudong to AIFA for "
        "Distribuidora Cosmética Velmar, declared vaguely as cosmetic raw material",
        dt.date(2024, 2, 14), qelvora, velmar, "2933.39", "COSMETIC RAW MATERIAL", 48.0, departure="PVG",
        arrival="NLU", transit="ANC", forwarder=FORWARDERS[0], value=410.0, airline=AIRLINES[0])
    # Planted: N2's Hong Kong trader relabels a mainland maker's piperidine intermediate for Kavron.
    air("N2: Sarnoth Trading (HK) is the exporter of record for a piperidine intermediate made by Hubei Ruvexin "
        "(manufacturer differs from the exporter), Hong Kong to AIFA, declared as an organic intermediate",
        dt.date(2024, 6, 3), sarnoth, kavron, "2933.39", "ORGANIC INTERMEDIATE FOR RESEARCH", 30.0, departure="HKG",
        arrival="NLU", forwarder=FORWARDERS[1], manufacturer=RUVEXIN, value=600.0, airline=AIRLINES[1])
    benign_air: list[dict[str, str]] = []
    for i in range(14):
        shipper = benign_shippers[i % len(benign_shippers)]
        sector_mates = [f for f in benign_importers if f.sector == shipper.sector] or benign_importers
        consignee = sector_mates[i % len(sector_mates)]
        hs, goods = rng.choice(BENIGN_GOODS[shipper.sector])
        departure = rng.choice(AIR_DEPARTURES.get(shipper.country, ("PVG",)))
        arrival = ("NLU", "MEX", "GDL", "MTY", "QRO")[i % 5]
        day = START + dt.timedelta(days=rng.randint(120, (END - START).days - 30))
        air(None, day, shipper, consignee, hs, goods, rng.uniform(40, 900), departure=departure, arrival=arrival,
            house=rng.random() < 0.7, forwarder=FORWARDERS[1] if rng.random() < 0.5 else "")
        benign_air.append({"master_awb": awbs[-1]["master_awb"], "house_awb": awbs[-1]["house_awb"]})
    # The cover-commodity look-alike: a nut exporter's walnuts (it ships no chemicals, in no drums).
    jiyunda = firms[JIYUNDA]
    nut_buyer = next(f for f in benign_importers if f.sector == "food")
    air(None, dt.date(2024, 10, 28), jiyunda, nut_buyer, "0802.32", "SHELLED WALNUTS, VACUUM PACKED CARTONS", 480.0,
        departure="URC", arrival="NLU", transit="PVG", forwarder=FORWARDERS[1], value=3360.0, airline=AIRLINES[2])
    benign_air.append({"master_awb": awbs[-1]["master_awb"], "house_awb": awbs[-1]["house_awb"]})
    awbs.sort(key=lambda r: (r["master_awb"], r["house_awb"]))

    parcels: list[dict[str, str]] = []
    truth_parcels: list[dict[str, Any]] = []
    for n, (day, kg, content) in enumerate(((dt.date(2024, 9, 20), 0.8, "SAMPLE"),
                                           (dt.date(2024, 10, 11), 1.5, "LAB REAGENT SAMPLE"),
                                           (dt.date(2024, 11, 2), 2.0, "COSMETIC INGREDIENT SAMPLE"))):
        row = _parcel_row(rng, n, day, qelvora, belmarina, content, "2933.39", kg, 35.0 + 10 * n,
                          service="courier", entry="NLU")
        parcels.append(row)
        truth_parcels.append({"tracking_number": row["tracking_number"], "why": (
            "N1: small courier parcels of 4-AP range goods (HS 2933.39) from Hubei Qelvora to Belmarina Cosméticos, "
            "the successor front of the seized Velmar, declared as samples")})
    post = _parcel_row(rng, 3, dt.date(2024, 12, 5), qelvora, belmarina, "GIFT", "2933.39", 0.5, 10.0,
                       service="post", entry="MEX", cas="23056-29-3")
    parcels.append(post)
    truth_parcels.append({"tracking_number": post["tracking_number"], "why": (
        "N1: a postal parcel of 4-AP (CAS 23056-29-3) to Belmarina declared as a gift")})
    benign_parcels: list[str] = []
    for n in range(4, 12):
        sender = benign_shippers[(n * 3) % len(benign_shippers)]
        recipient = benign_importers[(n * 5) % len(benign_importers)]
        hs, goods = rng.choice(BENIGN_GOODS[sender.sector])
        day = START + dt.timedelta(days=rng.randint(200, (END - START).days - 10))
        row = _parcel_row(rng, n, day, sender, recipient, f"{goods} (SAMPLE)", hs, rng.uniform(0.3, 4.0),
                          rng.uniform(20, 150), service="courier" if n % 3 else "post",
                          entry=("NLU", "MEX", "GDL")[n % 3])
        parcels.append(row)
        benign_parcels.append(row["tracking_number"])
    nut_sample = _parcel_row(rng, 12, dt.date(2024, 9, 30), jiyunda, nut_buyer, "SHELLED WALNUTS (SAMPLE)", "0802.32",
                             2.0, 18.0, service="courier", entry="NLU")
    parcels.append(nut_sample)
    benign_parcels.append(nut_sample["tracking_number"])
    parcels.sort(key=lambda r: r["tracking_number"])

    payments: list[dict[str, str]] = []
    truth_payments: list[dict[str, Any]] = []
    qelvora_account = _account(rng, "CN")
    senders = [_person(rng, "MX") for _ in range(6)]
    fan_in = []
    for n, who in enumerate(senders):
        pid = f"PAY-{2024_0300 + n:08d}"
        payments.append(_payment_row(pid, dt.date(2024, 3, 4) + dt.timedelta(days=2 * n), rng.uniform(2500, 4800),
                                     "msb", who, QELVORA, payer_country="MX", payee_country="CN",
                                     payer_account=_account(rng, "MX"), payee_account=qelvora_account,
                                     payer_type="person", reference=rng.choice(("pago", "mercancia", "anticipo"))))
        fan_in.append(pid)
    truth_payments.append({"ids": fan_in, "pattern": "many-senders-one-beneficiary", "beneficiary": QELVORA,
                           "why": "N1: six unrelated people in Mexico send remittances to the 4-AP supplier within "
                                  "two weeks"})
    crypto = _payment_row("PAY-20240901", dt.date(2024, 9, 2), 3150.0, "virtual_currency", BELMARINA, QELVORA,
                          payer_country="MX", payee_country="CN", currency="USDT",
                          wallet="TVx4qGdemoFICTIONALwallet9Qelvora1", reference="samples")
    payments.append(crypto)
    truth_payments.append({"ids": [crypto["payment_id"]], "pattern": "virtual-currency-to-chemical-seller",
                           "beneficiary": QELVORA,
                           "why": "N1: the successor front pays the chemical supplier in USDT (TRON wallet)"})
    structured = []
    tarvek_account = _account(rng, "MX")
    for n, amount in enumerate((9850.0, 9900.0, 9760.0, 9940.0)):
        pid = f"PAY-{2024_0500 + n:08d}"
        payments.append(_payment_row(pid, dt.date(2024, 5, 6) + dt.timedelta(days=3 * n), amount,
                                     ("cash", "msb")[n % 2], TARVEK, SARNOTH, payer_country="MX",
                                     payee_country="HK", payer_account=tarvek_account,
                                     payee_account=_account(rng, "HK"), reference=f"INV-S{n + 41}"))
        structured.append(pid)
    truth_payments.append({"ids": structured, "pattern": "just-under-reporting-threshold", "beneficiary": SARNOTH,
                           "why": "N2: Tarvek pays Sarnoth Trading (HK) four times just under 10,000 USD in three "
                                  "weeks"})
    benign_payments: list[str] = []
    for n in range(10):
        payer = benign_importers[(n * 7) % len(benign_importers)]
        payee = benign_shippers[(n * 5) % len(benign_shippers)]
        pid = f"PAY-{2023_0000 + 100 + n:08d}"
        day = START + dt.timedelta(days=rng.randint(30, (END - START).days - 5))
        amount, method = (round(rng.uniform(12, 95)) * 1000 + 250, "wire") if n < 9 else (1250.0, "card")
        payments.append(_payment_row(pid, day, amount, method, payer.name, payee.name, payer_country=payer.country,
                                     payee_country=payee.country, payer_account=_account(rng, payer.country),
                                     payee_account=_account(rng, payee.country),
                                     reference=f"INV {rng.randint(1000, 9999)}"))
        benign_payments.append(pid)
    # N5: Ardeno pays Calvexa by wire before the designation and, a month after it, an open invoice through a
    # remitter (payment to a listed party).
    ardeno_account = _account(rng, "MX")
    listed = [_payment_row("PAY-20240212", dt.date(2024, 2, 12), 18400.0, "wire", ARDENO, CALVEXA,
                           payer_country="MX", payee_country="CN", payer_account=ardeno_account,
                           payee_account=_account(rng, "CN"), reference="PI-CVX-2024-007"),
              _payment_row("PAY-20240521", dt.date(2024, 5, 21), 12750.0, "msb", ARDENO, CALVEXA,
                           payer_country="MX", payee_country="CN", payer_account=ardeno_account,
                           reference="saldo PI-CVX-2024-011")]
    payments.extend(listed)
    truth_payments.append({"ids": [p["payment_id"] for p in listed], "pattern": "payment-to-listed-party",
                           "beneficiary": CALVEXA,
                           "why": "N5: Ardeno pays Calvexa by wire in February 2024 and, after Calvexa's designation "
                                  "on 18 April 2024, settles an open invoice through a money remitter in May"})
    payments.sort(key=lambda r: (r["date"], r["payment_id"]))
    truth = {
        "air_waybills": {"planted": truth_air, "benign": sorted(benign_air, key=lambda r: r["master_awb"])},
        "parcels": {"planted": truth_parcels, "benign": sorted(benign_parcels)},
        "payments": {"planted": truth_payments, "benign": sorted(benign_payments)},
    }
    return {"air_waybills": awbs, "parcels": parcels, "payments": payments}, truth


def _write_other_channels(out_dir: Path, rows: dict[str, list[dict[str, str]]]) -> dict[str, int]:
    counts = {}
    for name, columns in (("air_waybills", AWB_COLUMNS), ("parcels", PARCEL_COLUMNS), ("payments", PAYMENT_COLUMNS)):
        with open(out_dir / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            w = _csv_writer(fh)
            w.writerow(columns)
            for row in rows[name]:
                w.writerow([row[c] for c in columns])
        counts[name] = len(rows[name])
    return counts


# ---------------------------------------------------------------------------------------------
# Command line


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m workbench.demo.generator --out DIR [--seed N] [--manifests N]``."""
    parser = argparse.ArgumentParser(prog="python -m workbench.demo.generator",
                                     description="Write the FICTIONAL demo bundle (seeded, reproducible).")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the bundle into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--manifests", type=int, default=DEFAULT_MANIFESTS,
                        help=f"total manifest rows (default {DEFAULT_MANIFESTS})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate_bundle(args.out, seed=args.seed, manifests=args.manifests)
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{k}={v}" for k, v in counts.items())
    print(f"wrote {args.out} in {elapsed:.1f}s: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
