"""Unit tests for the controlled-chemicals catalogue: content, matching, and refusal of bad files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from workbench.chemicals import (
    CATALOGUE_FILE,
    SCHEDULES,
    VAGUE_DESCRIPTIONS,
    Catalogue,
    Chemical,
    find_cas_numbers,
    is_vague_description,
    load_catalogue,
    match,
    match_all,
)
from workbench.errors import ModelError
from workbench.normalize import cas_valid


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


# --- content -----------------------------------------------------------------------------------

REQUIRED = {
    "npp": ("39742-60-4", "2933.37", "table_i", 2017),
    "anpp": ("21409-26-7", "2933.36", "table_i", 2017),
    "four_ap": ("23056-29-3", "2933.39", "table_i", 2022),
    "one_boc_four_ap": ("125541-22-2", "2933.39", "table_i", 2022),
    "norfentanyl": ("1609-66-1", "2933.39", "table_i", 2022),
    "four_piperidone": ("41661-47-6", "2933.39", "table_i", 2024),
    "one_boc_four_piperidone": ("79099-07-3", "2933.39", "table_i", 2024),
    "p2p": ("103-79-7", "2914.31", "table_i", 1988),
    "ephedrine": ("299-42-3", "2939.41", "table_i", 1988),
    "pseudoephedrine": ("90-82-4", "2939.42", "table_i", 1988),
    "acetone": ("67-64-1", "2914.11", "table_ii", 1988),
    # Toluene, hydrochloric and sulphuric acid were added to Table II in 1992 (DOMAIN.md), not in 1988.
    "toluene": ("108-88-3", "2902.30", "table_ii", 1992),
    "hydrochloric_acid": ("7647-01-0", "2806.10", "table_ii", 1992),
    "sulphuric_acid": ("7664-93-9", "2807.00", "table_ii", 1992),
}


@pytest.mark.parametrize("key", sorted(REQUIRED))
def test_catalogue_has_domain_chemicals(catalogue: Catalogue, key: str) -> None:
    chem = catalogue.by_key(key)
    assert chem is not None
    assert (chem.cas_number, chem.hs_code, chem.schedule, chem.scheduled_year) == REQUIRED[key]


def test_catalogue_has_surveillance_entries_and_valid_cas(catalogue: Catalogue) -> None:
    assert any(c.schedule == "surveillance" for c in catalogue.chemicals)
    assert all(c.schedule in SCHEDULES for c in catalogue.chemicals)
    assert all(cas_valid(c.cas_number) for c in catalogue.chemicals if c.cas_number)
    assert isinstance(catalogue.chemicals, list)


def test_unverified_facts_are_carried(catalogue: Catalogue) -> None:
    # DOMAIN.md marks ANPP's HS code and 4-piperidone's CAS "(unverified)".
    assert catalogue.by_key("anpp").verified is False  # type: ignore[union-attr]
    assert catalogue.by_key("four_piperidone").verified is False  # type: ignore[union-attr]
    assert catalogue.by_key("npp").verified is True  # type: ignore[union-attr]


def test_chemical_is_frozen(catalogue: Catalogue) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalogue.chemicals[0].name = "changed"  # type: ignore[misc]


def test_default_catalogue_is_loaded_once() -> None:
    assert load_catalogue() is load_catalogue()
    assert load_catalogue().source == CATALOGUE_FILE


# --- look-ups ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cas", ["39742-60-4", "39742604", " 39742 60 4 "])
def test_by_cas_accepts_any_writing(catalogue: Catalogue, cas: str) -> None:
    assert catalogue.by_cas(cas).key == "npp"  # type: ignore[union-attr]


def test_by_cas_unknown(catalogue: Catalogue) -> None:
    assert catalogue.by_cas("67-56-1") is None  # methanol: real, not controlled
    assert catalogue.by_cas("garbage") is None


@pytest.mark.parametrize(
    "text,key",
    [
        ("N-PHENETHYL-4-PIPERIDINONE 99% 25KG/DRUM", "npp"),
        ("1-phenethyl-4-piperidone", "npp"),
        ("N-FENETIL-4-PIPERIDONA", "npp"),
        ("NPP", "npp"),
        ("4-anilinopiperidina", "four_ap"),
        ("4-ANILINOPIPERIDINE DIHYDROCHLORIDE", "four_ap"),
        ("4-AP", "four_ap"),
        ("1-BOC-4-AP", "one_boc_four_ap"),
        ("tert-butyl 4-(phenylamino)piperidine-1-carboxylate", "one_boc_four_ap"),
        ("norfentanilo", "norfentanyl"),
        ("NORFENTANYL OXALATE REFERENCE STANDARD", "norfentanyl"),
        ("4-PIPERIDONE HYDROCHLORIDE MONOHYDRATE", "four_piperidone"),
        ("1-BOC-4-PIPERIDONE", "one_boc_four_piperidone"),
        ("N-boc-4-piperidona", "one_boc_four_piperidone"),
        ("fenilacetona", "p2p"),
        ("PHENYL ACETONE", "p2p"),
        ("1-phenyl-2-propanone", "p2p"),
        ("BENZYL METHYL KETONE", "p2p"),
        ("Pseudoefedrina", "pseudoephedrine"),
        ("pseudo ephedrine HCl", "pseudoephedrine"),
        ("Ephedrine hydrochloride", "ephedrine"),
        ("ACETONA", "acetone"),
        ("ácido clorhídrico 33%", "hydrochloric_acid"),
        ("Sulfuric Acid 98%", "sulphuric_acid"),
        ("tolueno", "toluene"),
        ("METILAMINA 40%", "methylamine"),
        ("cosmetic raw material CAS 23056-29-3", "four_ap"),
        ("PHARMACEUTICAL INTERMEDIATE (CAS NO. 39742604)", "npp"),
    ],
)
def test_match_names_synonyms_and_cas(catalogue: Catalogue, text: str, key: str) -> None:
    found = match(text, catalogue)
    assert found is not None, text
    assert found.key == key


@pytest.mark.parametrize(
    "text",
    ["pharmaceutical intermediate", "COSMETIC RAW MATERIAL", "cosmetic raw material 25kg/drum", "food additive",
     "PET FOOD", "industrial chemical", "organic intermediate", "intermedio farmacéutico", "materia prima cosmética",
     "HDPE RESIN", "4-DIMETHYLAMINOPYRIDINE (DMAP)", "PIPERIDINE DERIVATIVE", "PHENYLETHYL ALCOHOL", "",
     "ETHYL ACETATE shipped 2024-03-05", "EPHEDRA HERB EXTRACT", "NAIL POLISH REMOVER"],
)
def test_match_ignores_vague_and_unrelated_descriptions(catalogue: Catalogue, text: str) -> None:
    assert match(text, catalogue) is None


def test_longer_name_wins_over_a_name_it_contains(catalogue: Catalogue) -> None:
    assert match("1-boc-4-piperidone", catalogue).key == "one_boc_four_piperidone"  # type: ignore[union-attr]
    assert [c.key for c in match_all("1-boc-4-piperidone", catalogue)] == ["one_boc_four_piperidone"]
    assert match("PSEUDOEPHEDRINE", catalogue).key == "pseudoephedrine"  # type: ignore[union-attr]


def test_cas_beats_names_and_controlled_beats_solvent(catalogue: Catalogue) -> None:
    assert match("ACETONE 39742-60-4", catalogue).key == "npp"  # type: ignore[union-attr]
    assert [c.key for c in match_all("NPP dissolved in toluene", catalogue)] == ["npp", "toluene"]


def test_find_cas_numbers_keeps_only_valid_ones() -> None:
    assert find_cas_numbers("CAS 39742-60-4 and 39742-60-5, also CAS No. 23056293") == ["39742-60-4", "23056-29-3"]
    assert find_cas_numbers("invoice 2024-03-05") == []


# --- vague descriptions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["pharmaceutical intermediate", "Pharmaceutical Intermediates", "FOOD ADDITIVE", "pet food",
     "cosmetic raw material", "industrial chemical", "organic intermediate", "intermedio farmacéutico",
     "aditivo alimentario", "materia prima cosmética", "alimento para mascotas", "productos químicos",
     "COSMETIC RAW MATERIAL 25KG/DRUM x 40 DRUMS", "said to contain: chemical raw material"],
)
def test_vague_descriptions(text: str) -> None:
    assert is_vague_description(text)


@pytest.mark.parametrize(
    "text",
    ["FOOD ADDITIVE SODIUM BENZOATE", "SODIUM BENZOATE", "PHARMACEUTICAL INTERMEDIATE (CAS 39742-60-4)",
     "Polyethylene", "COSMETIC RAW MATERIAL CARBOMER 940", "", None, "N-PHENETHYL-4-PIPERIDINONE"],
)
def test_specific_descriptions_are_not_vague(text: str | None) -> None:
    assert not is_vague_description(text)


def test_vague_list_has_english_and_spanish() -> None:
    assert "pharmaceutical intermediate" in VAGUE_DESCRIPTIONS
    assert "intermedio farmaceutico" in VAGUE_DESCRIPTIONS


# --- malformed files ---------------------------------------------------------------------------

GOOD_ENTRY = """  - key: {key}
    name: {name}
    shortName: null
    casNumber: {cas}
    hsCode: "2933.39"
    schedule: table_i
    scheduledYear: 2022
    synonyms: [{synonym}]
    verified: true
"""


def _write(tmp_path: Path, *entries: str) -> Path:
    path = tmp_path / "chemicals.yaml"
    path.write_text("version: 1\nchemicals:\n" + "".join(entries), encoding="utf-8")
    return path


def _entry(key: str = "four_ap", name: str = "4-anilinopiperidine", cas: str = "23056-29-3",
           synonym: str = "4-anilinopiperidina") -> str:
    return GOOD_ENTRY.format(key=key, name=name, cas=cas, synonym=synonym)


def test_a_good_small_file_loads(tmp_path: Path) -> None:
    cat = load_catalogue(_write(tmp_path, _entry()))
    assert [c.key for c in cat.chemicals] == ["four_ap"]
    assert isinstance(cat.chemicals[0], Chemical)


def test_bad_check_digit_names_file_entry_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(), _entry(key="npp", name="N-phenethyl-4-piperidone", cas="39742-60-5",
                                             synonym="NPP"))
    with pytest.raises(ModelError) as err:
        load_catalogue(path)
    message = str(err.value)
    assert str(path) in message
    assert "entry #2 (npp)" in message
    assert "'casNumber'" in message and "check digit" in message


@pytest.mark.parametrize(
    "mutation,field",
    [
        (lambda e: e.replace("schedule: table_i", "schedule: table_iii"), "schedule"),
        (lambda e: e.replace('hsCode: "2933.39"', "hsCode: 2933.39"), "hsCode"),
        (lambda e: e.replace('hsCode: "2933.39"', 'hsCode: "2933"'), "hsCode"),
        (lambda e: e.replace("casNumber: 23056-29-3", "casNumber: 23056293"), "casNumber"),
        (lambda e: e.replace("key: four_ap", "key: Four-AP"), "key"),
        (lambda e: e.replace("verified: true", "verified: maybe"), "verified"),
        (lambda e: e.replace("scheduledYear: 2022", "scheduledYear: 1900"), "scheduledYear"),
        (lambda e: e.replace("scheduledYear: 2022", "scheduledYear: null"), "scheduledYear"),
        (lambda e: e.replace("    verified: true\n", ""), "verified"),
        (lambda e: e + "    colour: blue\n", "colour"),
        (lambda e: e.replace("synonyms: [4-anilinopiperidina]", "synonyms: 4-anilinopiperidina"), "synonyms"),
        (lambda e: e.replace("synonyms: [4-anilinopiperidina]", "synonyms: [pharmaceutical intermediate]"), "synonyms"),
    ],
)
def test_each_bad_field_is_named(tmp_path: Path, mutation: object, field: str) -> None:
    path = _write(tmp_path, mutation(_entry()))  # type: ignore[operator]
    with pytest.raises(ModelError, match=rf"entry #1 .*field '{field}'"):
        load_catalogue(path)


def test_duplicate_key_and_shared_synonym_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"entry #2 \(four_ap\): field 'key': duplicate"):
        load_catalogue(_write(tmp_path, _entry(), _entry(cas="39742-60-4", synonym="other name")))
    with pytest.raises(ModelError, match=r"entry #2 \(npp\): field 'synonyms'.*also names four_ap"):
        load_catalogue(_write(tmp_path, _entry(), _entry(key="npp", name="NPP", cas="39742-60-4",
                                                         synonym="4-anilinopiperidina")))


def test_not_yaml_or_wrong_shape_or_missing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("chemicals: [\n  - key: x\n", encoding="utf-8")
    with pytest.raises(ModelError, match="not valid YAML"):
        load_catalogue(broken)
    shape = tmp_path / "shape.yaml"
    shape.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ModelError, match="'chemicals' list"):
        load_catalogue(shape)
    with pytest.raises(ModelError, match="not found"):
        load_catalogue(tmp_path / "missing.yaml")


# --- sources, salts and controls -----------------------------------------------------------------------------

SOURCED = """version: 2
sources:
  s1: {title: "A document", url: "https://example.org/doc"}
chemicals:
  - key: four_ap
    name: 4-anilinopiperidine
    shortName: null
    casNumber: 23056-29-3
    salts: [{cas: 99918-43-1, form: dihydrochloride, source: s1}]
    hsCode: "2933.39"
    schedule: table_i
    scheduledYear: 2022
    synonyms: [4-anilinopiperidina]
    controls:
      - {jurisdiction: UN, list: table_i, decision: "CND 65", decided: 2022-03-16, inForce: 2022-11-23, source: s1, verified: true}
    sources: {cas: s1, hs: s1, names: s1}
    verified: true
"""


def test_a_sourced_entry_loads_with_salts_and_controls(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(SOURCED, encoding="utf-8")
    cat = load_catalogue(path)
    chem = cat.by_key("four_ap")
    assert chem is not None and cat.by_cas("99918-43-1") is chem
    assert chem.controls[0].in_force is not None and chem.controls[0].in_force.isoformat() == "2022-11-23"
    assert cat.sources["s1"]["url"] == "https://example.org/doc"


@pytest.mark.parametrize("old,new,message", [
    ("source: s1, verified: true}", "source: nowhere, verified: true}", "source 'nowhere'"),
    ("list: table_i, decision", "list: list_i, decision", "UN control's list"),
    ("verified: true}", "verified: false}", "needs a note"),
    ("inForce: 2022-11-23", "inForce: 2021-01-01", "before the decision"),
    ("cas: 99918-43-1", "cas: 99918-43-2", "check digit"),
    ("schedule: table_i\n", "schedule: table_ii\n", "latest UN control"),
    ("scheduledYear: 2022", "scheduledYear: 2021", "first UN decision"),
    ("jurisdiction: UN", "jurisdiction: EU", "jurisdiction 'EU'"),
    ("inForce: 2022-11-23", "inForce: 23/11/2022", "ISO date"),
    ("sources: {cas: s1, hs: s1, names: s1}", "sources: {cas: s9}", "source 's9'"),
])
def test_bad_sources_salts_and_controls_are_named(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in SOURCED
    path = tmp_path / "c.yaml"
    path.write_text(SOURCED.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ModelError, match=r"entry #1 \(four_ap\)") as err:
        load_catalogue(path)
    assert message in str(err.value)


def test_every_catalogue_entry_has_sources_and_unverified_ones_say_why(catalogue: Catalogue) -> None:
    for chem in catalogue:
        assert set(chem.sources) == {"cas", "hs", "names"}, chem.key
        assert chem.verified or chem.notes, chem.key
        assert chem.name_es, chem.key
        assert chem.cas_index_name or chem.key == "red_phosphorus", chem.key  # see its note
        for control in chem.controls:
            assert control.source in catalogue.sources
            assert control.verified or control.note
    un = {c.key for c in catalogue if any(k.jurisdiction == "UN" for k in c.controls)}
    assert {"npp", "anpp", "four_ap", "one_boc_four_ap", "norfentanyl", "four_piperidone", "one_boc_four_piperidone",
            "p2p", "apaan", "apaa", "mapa", "mdp2p", "pmk_glycidate", "pmk_glycidic_acid", "acetic_anhydride",
            "potassium_permanganate", "phenylacetic_acid", "norephedrine", "acetone", "toluene", "mek",
            "piperidine", "ethyl_ether", "anthranilic_acid"} <= un


def test_docs_name_every_source_of_the_catalogue(catalogue: Catalogue) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "chemicals.md").read_text(encoding="utf-8")
    missing = [sid for sid in catalogue.sources if f"`{sid}`" not in docs]
    assert not missing, f"docs/chemicals.md does not describe sources {missing}"
    tables = sum(1 for c in catalogue if c.schedule == "table_i"), sum(1 for c in catalogue if c.schedule == "table_ii")
    assert f"the {tables[0]} chemicals of Table I and the {tables[1]} of Table II" in docs.replace("\n", " ")


def test_labelled_cas_does_not_read_the_first_group_of_a_hyphenated_one() -> None:
    # "CAS 21409-26-7" (ANPP) once also yielded 21409 read as CAS 21-40-9, whose check digit happens to be right
    assert find_cas_numbers("CAS 21409-26-7") == ["21409-26-7"]
    assert find_cas_numbers("CAS 16648-44-5") == ["16648-44-5"]
    assert find_cas_numbers("CAS 12345-67-8x") == []
