"""Unit tests for workbench.normalize: keys that must agree, keys that must not, and messy inputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import normalize as nz
from workbench.errors import ModelError
from workbench.normalize import (
    address_key,
    cas_normalize,
    cas_valid,
    company_name_key,
    country_code,
    country_name,
    email_norm,
    fold,
    hs_chapter_heading,
    hs_normalize,
    legal_form,
    parse_date,
    parse_number,
    person_name_key,
    phone_e164,
    port_code,
)

# --- fold --------------------------------------------------------------------------------------


def test_fold_strips_accents_case_and_punctuation() -> None:
    assert fold("  Química, S.A. de C.V.  ") == "quimica s a de c v"
    assert fold("LÁZARO-CÁRDENAS/Mich.") == "lazaro cardenas mich"
    assert fold("") == ""


@settings(max_examples=300)
@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


# --- company names -----------------------------------------------------------------------------

SAME_COMPANY = [
    ["JIANGSU HUAXIN FINE CHEMICAL CO., LTD.", "Jiangsu Huaxin Fine Chem Co Ltd",
     "JIANGSU HUAXIN FINE CHEMICAL CO.,LIMITED", "Jiangsu Huaxin Fine Chemicals Company Limited",
     "jiangsu huaxin fine chemical co.,ltd"],
    ["Química Delta, S.A. de C.V.", "QUIMICA DELTA SA DE CV", "Quimica Delta S.A. DE C.V.", "QUÍMICA DELTA S.A DE C.V"],
    ["Comercial Fenix, S. de R.L. de C.V.", "COMERCIAL FENIX S DE RL DE CV", "Comercial Fénix S. DE R.L. DE C.V."],
    ["Soluciones Brixa, S.A.P.I. de C.V.", "SOLUCIONES BRIXA SAPI DE CV", "Soluciones Brixa S.A.P.I. DE C.V."],
    ["Brevatto Trading (HK) Limited", "BREVATTO TRADING (H.K.) LTD", "Brevatto Trading (Hong Kong) Ltd."],
    ["Acme Solvents Inc.", "ACME SOLVENTS, INC", "Acme Solvents Incorporated"],
    ["Acme Polymers LLC", "ACME POLYMERS L.L.C."],
    ["Despacho Aduanal Norte, S.C.", "DESPACHO ADUANAL NORTE SC"],
    ["Zorino Pharma Pvt. Ltd.", "ZORINO PHARMACEUTICAL PRIVATE LIMITED", "Zorino Pharmaceuticals Pvt Ltd"],
]


@pytest.mark.parametrize("spellings", SAME_COMPANY, ids=lambda s: s[0])
def test_company_spellings_share_a_key(spellings: list[str]) -> None:
    keys = {company_name_key(s) for s in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    "a,b",
    [
        ("Huaxin Fine Chemical Co., Ltd.", "Huaxing Fine Chemical Co., Ltd."),
        ("Distribuidora Cosmética Velmar, S.A. de C.V.", "Distribuidora Cosmética Delmar, S.A. de C.V."),
        ("Grupo Farmacéutico Ardeno, S.A. de C.V.", "Grupo Farmacéutico Ardena, S.A. de C.V."),
        ("Shenzhen Kelvaro Technology Co., Ltd.", "Shenzhen Kelvara Technology Co., Ltd."),
        ("Brevatto Trading (HK) Limited", "Brevatto Chemical (HK) Limited"),
    ],
)
def test_look_alike_companies_keep_different_keys(a: str, b: str) -> None:
    assert company_name_key(a) != company_name_key(b)


def test_company_key_removes_only_trailing_legal_forms() -> None:
    assert company_name_key("JIANGSU HUAXIN FINE CHEMICAL CO., LTD.") == "jiangsu huaxin fine chemical"
    assert company_name_key("Co-Op Sales Co., Ltd.") == "co op sales"
    assert company_name_key("Limited") == "limited"  # never empties a name
    assert company_name_key("") == ""


@pytest.mark.parametrize(
    "name,form",
    [
        ("X Fine Chemical CO.,LTD", "Co., Ltd."),
        ("X Fine Chemical CO.,LIMITED", "Co., Ltd."),
        ("X Trading Co., Ltd.", "Co., Ltd."),
        ("Quimica X SA DE CV", "S.A. de C.V."),
        ("Quimica X S. de R.L. de C.V.", "S. de R.L. de C.V."),
        ("Quimica X S.A.P.I. de C.V.", "S.A.P.I. de C.V."),
        ("Despacho X, S.C.", "S.C."),
        ("X GmbH", "GmbH"),
        ("X Limited", "Ltd."),
        ("X Corp", "Corp."),
        ("Plain Name", None),
    ],
)
def test_legal_form(name: str, form: str | None) -> None:
    assert legal_form(name) == form


# --- people and addresses ----------------------------------------------------------------------


def test_person_key_ignores_order_titles_and_accents() -> None:
    assert person_name_key("Lic. José Luis GARCÍA Pérez") == person_name_key("GARCIA PEREZ, JOSE LUIS")
    assert person_name_key("ZHOU Minghe") == person_name_key("Minghe Zhou")
    assert person_name_key("Zhou Minghe") != person_name_key("Zhou Mingde")


def test_address_variants_share_a_key() -> None:
    hk = [
        "Room 1203, 12/F, Vexley Commercial Centre, 99 Carvell Street, Sheung Wan, Hong Kong",
        "RM 1203 12F VEXLEY COMMERCIAL CTR 99 CARVELL ST SHEUNG WAN HK",
        "Rm. 1203, 12th Floor, Vexley Commercial Center, 99 Carvell St., Sheung Wan, HK",
    ]
    assert len({address_key(a) for a in hk}) == 1
    mx = [
        "Av. Insurgentes Sur No. 1234, Piso 5, Col. Del Valle",
        "AVENIDA INSURGENTES SUR #1234 PISO 5 COLONIA DEL VALLE",
        "Avenida Insurgentes Sur núm. 1234, piso 5, colonia del Valle",
    ]
    assert len({address_key(a) for a in mx}) == 1


def test_address_with_another_number_differs() -> None:
    assert address_key("Av. Insurgentes Sur 1234, Piso 5") != address_key("Av. Insurgentes Sur 1243, Piso 5")


# --- phones and e-mails ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,country,expected",
    [
        ("+52 55 1234 5678", None, "+525512345678"),
        ("(55) 1234-5678", "MX", "+525512345678"),
        ("55 1234 5678", "Mexico", "+525512345678"),
        ("+86 755 2345 6789", None, "+8675523456789"),
        ("0755-2345-6789", "CN", "+8675523456789"),
        ("0086 755 23456789", "CN", "+8675523456789"),
        ("0086 755 23456789", None, "+8675523456789"),
        ("Tel: 2345 6789", "HK", "+85223456789"),
        ("00852 2345 6789", "HK", "+85223456789"),
    ],
)
def test_phone_e164(raw: str, country: str | None, expected: str) -> None:
    assert phone_e164(raw, country) == expected


@pytest.mark.parametrize("raw,country", [("12345", "MX"), ("not a phone", "CN"), ("", "MX"), (None, "MX"),
                                          ("55 1234 5678", None)])
def test_phone_e164_rejects_invalid(raw: str | None, country: str | None) -> None:
    assert phone_e164(raw, country) is None


def test_email_norm() -> None:
    assert email_norm(" Mailto:Sales@Example.COM ") == "sales@example.com"
    assert email_norm("<ventas@quimica.com.mx>") == "ventas@quimica.com.mx"
    for bad in ("bad@", "a..b@x.com", "no-at-sign.com", "", None, "x@y"):
        assert email_norm(bad) is None


# --- CAS and HS --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["39742604", "39742-60-4", " 39742 60 4 ", "CAS No. 39742-60-4", 39742604])
def test_cas_normalize_forms(raw: object) -> None:
    assert cas_normalize(raw) == "39742-60-4"  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["", None, "abc", "39-742-604", "1234", "2933.39"])
def test_cas_normalize_rejects_non_cas(raw: object) -> None:
    assert cas_normalize(raw) is None  # type: ignore[arg-type]


def test_cas_check_digit() -> None:
    assert cas_valid("39742-60-4")
    assert not cas_valid("39742-60-5")
    assert cas_valid("67-64-1") and cas_valid("7664-93-9") and cas_valid("125541-22-2")
    assert not cas_valid("not a cas")


@pytest.mark.parametrize("raw", ["293339", "2933.39", "2933.39.99", "2933 39", "HS 2933.39", 293339, "29333999"])
def test_hs_normalize_forms(raw: object) -> None:
    assert hs_normalize(raw) == "2933.39"  # type: ignore[arg-type]


def test_hs_normalize_repairs_spreadsheet_damage_and_rejects_short_codes() -> None:
    assert hs_normalize(2933.3) == "2933.30"  # trailing zero lost in a numeric cell
    assert hs_normalize(10121) == "0101.21"  # leading zero lost
    assert hs_normalize("2933") is None
    assert hs_normalize("abc") is None
    assert hs_normalize(None) is None


def test_hs_chapter_heading() -> None:
    assert hs_chapter_heading("2933.39.99") == ("29", "2933")
    assert hs_chapter_heading("bad") is None


# --- dates and numbers -------------------------------------------------------------------------

MARCH_5 = dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    "raw",
    ["2024-03-05", "05/03/2024", "5.3.2024", "05-03-2024", "5/3/24", "2024-03-05T10:00:00Z", "20240305",
     "5 Mar 2024", "05-MAR-24", "5 de marzo de 2024", "Mar 5, 2024", 45356, 45356.0, "45356",
     dt.datetime(2024, 3, 5, 14, 30), MARCH_5],
)
def test_parse_date_accepts_iso_dayfirst_names_and_excel(raw: object) -> None:
    assert parse_date(raw) == MARCH_5


def test_parse_date_month_first_on_request() -> None:
    assert parse_date("03/05/2024", dayfirst=False) == MARCH_5


@pytest.mark.parametrize("raw", [None, "", "  ", float("nan"), "NaT"])
def test_parse_date_empty_is_none(raw: object) -> None:
    assert parse_date(raw) is None


@pytest.mark.parametrize(
    "raw,reason",
    [("tomorrow", "expected ISO"), ("31/02/2024", "day is out of range"), ("03/25/2024", "month 25"),
     ("2024-13-01", "month 13"), (5, "expected ISO")],
)
def test_parse_date_garbage_raises_with_reason(raw: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(raw)


@pytest.mark.parametrize(
    "raw,expected",
    [("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1234,5", 1234.5), ("1234.5", 1234.5), ("1 234,5", 1234.5),
     ("12.345.678,90", 12345678.9), ("12,345,678.90", 12345678.9), ("1,234", 1234.0), ("0,25", 0.25),
     ("-3,5", -3.5), ("1\u00a0234,5", 1234.5), (7, 7.0), (2.5, 2.5), ("12", 12.0)],
)
def test_parse_number_either_separator(raw: object, expected: float) -> None:
    assert parse_number(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", [None, "", "nan", float("nan")])
def test_parse_number_empty_is_none(raw: object) -> None:
    assert parse_number(raw) is None


@pytest.mark.parametrize("raw", ["abc", "1,2,3", "1.2.3,4.5", "12kg", "1e5", True, float("inf"), "1,,2"])
def test_parse_number_garbage_raises(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_number(raw)


@settings(max_examples=500)
@given(st.text())
def test_parse_number_raises_nothing_but_value_error(text: str) -> None:
    try:
        result = parse_number(text)
    except ValueError:
        return
    assert result is None or isinstance(result, float)


@settings(max_examples=300)
@given(st.one_of(st.text(), st.integers(), st.floats()))
def test_parse_date_raises_nothing_but_value_error(raw: object) -> None:
    try:
        result = parse_date(raw)
    except ValueError:
        return
    assert result is None or isinstance(result, dt.date)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_parse_number_reads_both_conventions_alike(value: object) -> None:
    english = f"{value:,.2f}"
    european = english.replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_number(english) == pytest.approx(float(value))  # type: ignore[arg-type]
    assert parse_number(european) == pytest.approx(float(value))  # type: ignore[arg-type]


# --- countries and ports -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,code",
    [("China", "CN"), ("CN", "CN"), ("PRC", "CN"), ("República Popular China", "CN"), ("P.R. China", "CN"),
     ("México", "MX"), ("MEXICO", "MX"), ("mx", "MX"), ("MEX", "MX"), ("United States", "US"), ("USA", "US"),
     ("EE.UU.", "US"), ("Estados Unidos", "US"), ("Hong Kong SAR", "HK"), ("Korea", "KR"),
     ("Corea del Sur", "KR"), ("Viet Nam", "VN"), ("Países Bajos", "NL"), ("The Netherlands", "NL"),
     ("India", "IN"), ("Guatemala", "GT"), ("Panamá", "PA")],
)
def test_country_code(raw: str, code: str) -> None:
    assert country_code(raw) == code


def test_country_code_unknown_and_names() -> None:
    assert country_code("Atlantis") is None
    assert country_code(None) is None
    assert country_name("MX", "es") == "México"
    assert country_name("mexico", "en") == "Mexico"
    assert country_name("ZZ") is None
    with pytest.raises(ValueError):
        country_name("MX", "fr")


def test_country_table_is_reasonably_large() -> None:
    assert len(nz._COUNTRIES) >= 60


@pytest.mark.parametrize(
    "raw,code",
    [("MXZLO", "MXZLO"), ("mx zlo", "MXZLO"), ("Manzanillo", "MXZLO"), ("Manzanillo, Colima", "MXZLO"),
     ("Manzanillo, Panama", "PAMIT"), ("Lázaro Cárdenas", "MXLZC"), ("LAZARO CARDENAS", "MXLZC"),
     ("Puerto de Veracruz", "MXVER"), ("AIFA", "MXNLU"), ("Felipe Ángeles", "MXNLU"), ("AICM", "MXMEX"),
     ("Shanghai", "CNSHA"), ("Ningbo", "CNNGB"), ("Shenzhen", "CNSZX"), ("Qingdao", "CNTAO"),
     ("Tianjin Xingang", "CNTSN"), ("Hong Kong", "HKHKG"), ("Los Angeles", "USLAX"), ("Long Beach", "USLGB"),
     ("Puerto Quetzal", "GTPRQ"), ("Balboa", "PABLB"), ("Busan", "KRPUS"), ("Singapore", "SGSIN"),
     ("Nhava Sheva", "INNSA"), ("JNPT", "INNSA"), ("Hamburg", "DEHAM"), ("Rotterdam", "NLRTM"),
     ("Port of Los Angeles", "USLAX")],
)
def test_port_code(raw: str, code: str) -> None:
    assert port_code(raw) == code


def test_port_code_unknown() -> None:
    assert port_code("Atlantis Harbour") is None
    assert port_code("") is None
    assert port_code("XXABC") is None


def test_ports_table_has_coordinates_for_the_route_map() -> None:
    ports = nz.PORTS
    assert len(ports) >= 40
    for code in ("MXZLO", "MXLZC", "MXVER", "MXNLU", "CNSHA", "USLAX", "GTPRQ", "PAMIT", "INNSA", "NLRTM"):
        port = ports[code]
        assert port.country == code[:2]
        assert -90 <= port.lat <= 90 and -180 <= port.lon <= 180
    assert ports["MXNLU"].kind == "airport"
    assert ports["MXZLO"].lat > 18 and ports["MXZLO"].lon < -100  # Pacific coast of Mexico


def test_bad_ports_file_names_port_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "ports.yaml"
    bad.write_text(
        "ports:\n"
        "  - {code: MXZLO, name: Manzanillo, country: MX, lat: 19.05, lon: -104.32}\n"
        "  - {code: MXVER, name: Veracruz, country: MX, lat: 119.2, lon: -96.13}\n",
        encoding="utf-8",
    )
    with pytest.raises(ModelError, match=r"port #2 \(MXVER\): field 'lat'"):
        nz.load_ports(bad)


# --- legal forms are part of identity ------------------------------------------------------------

FORM_SPELLINGS = [
    ("Jiangsu X Chemical Co., Ltd.", "JIANGSU X CHEMICAL CO.,LIMITED", "Jiangsu X Chemical Co Ltd",
     "JIANGSU X CHEMICAL CO. LTD", "Jiangsu X Chemical Company Limited"),
    ("Química X, S.A. de C.V.", "QUIMICA X SA DE CV", "Quimica X S.A DE C.V", "QUÍMICA X, S. A. DE C. V."),
    ("Química X, S. de R.L. de C.V.", "QUIMICA X S DE RL DE CV", "Quimica X, S. DE R.L. DE C.V."),
    ("Química X, S.A.P.I. de C.V.", "QUIMICA X SAPI DE CV", "Química X S.A.P.I. DE C.V."),
]


@pytest.mark.parametrize("spellings", FORM_SPELLINGS, ids=lambda s: s[0])
def test_every_spelling_of_a_legal_form_meets_one_canonical_form(spellings: tuple[str, ...]) -> None:
    assert len({legal_form(s) for s in spellings}) == 1
    assert len({company_name_key(s) for s in spellings}) == 1
    assert legal_form(spellings[0]) is not None


@pytest.mark.parametrize(
    "a,b",
    [("Química X, S.A. de C.V.", "Química X, S. de R.L. de C.V."),
     ("Química X, S.A. de C.V.", "Química X, S.A.P.I. de C.V."),
     ("Química X, S. de R.L. de C.V.", "Química X, S.A.P.I. de C.V."),
     ("Química X, S.A.P.I. de C.V.", "Química X, S.A.B. de C.V."),
     ("X Polymers LLC", "X Polymers Inc."),
     ("X Chemie GmbH", "X Chemie AG")],
)
def test_different_legal_forms_are_different_legal_persons(a: str, b: str) -> None:
    assert company_name_key(a) == company_name_key(b)
    assert not nz.legal_forms_compatible(legal_form(a), legal_form(b))


@pytest.mark.parametrize(
    "a,b",
    [("X Chemical Co., Ltd.", "X Chemical Limited"), ("Química X, S.A. de C.V.", "Química X, S.A."),
     ("X Chemical Co., Ltd.", "X Chemical")],
)
def test_loose_spellings_of_one_form_may_be_one_firm(a: str, b: str) -> None:
    assert nz.legal_forms_compatible(legal_form(a), legal_form(b))


def test_other_scripts_meet_their_latin_spelling() -> None:
    assert company_name_key("ООО Ромашка") == company_name_key("OOO Romashka") == "romashka"
    assert legal_form("ООО Ромашка") == legal_form("OOO Romashka") == "OOO"
    assert person_name_key("王伟") == person_name_key("Wang Wei")
    assert legal_form("武汉某某化工有限公司") == "Co., Ltd."


@pytest.mark.parametrize(
    "raw,code",
    [("Kenya", "KE"), ("Côte d'Ivoire", "CI"), ("Cote d’Ivoire", "CI"), ("Myanmar", "MM"), ("Burma", "MM"),
     ("Guinea Ecuatorial", "GQ"), ("Equatorial Guinea", "GQ"), ("Costa de Marfil", "CI"), ("Alemania", "DE"),
     ("KEN", "KE"), ("la India", "IN")],
)
def test_countries_by_english_or_spanish_name_beyond_our_table(raw: str, code: str) -> None:
    assert country_code(raw) == code


def test_country_names_beyond_our_table_in_both_languages() -> None:
    assert country_name("KE", "en") == "Kenya"
    assert country_name("GQ", "es") == "Guinea Ecuatorial"


@pytest.mark.parametrize("raw,expected", [("1965", "1965"), ("2011-04", "2011-04"), ("2011-04-05", "2011-04-05"),
                                          ("2011-04-05T10:00:00", "2011-04-05"), ("", None)])
def test_partial_dates_keep_their_precision(raw: str, expected: str | None) -> None:
    assert nz.parse_partial_date(raw) == expected


@pytest.mark.parametrize("raw", ["2011-13", "99", "soon"])
def test_partial_date_garbage_raises(raw: str) -> None:
    with pytest.raises(ValueError):
        nz.parse_partial_date(raw)
