"""The chemical-name matcher against the evaluation sets, and its rules one by one.

The evaluation sets (tests/fixtures/chemicals/) hold real-world forms of writing with the expected chemical and
where each form comes from. The suite fails on any description identified as a different chemical and requires at
least 97% right.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.chemicals import CONFIDENT, control_rows, control_status, identify, load_catalogue, match
from workbench.chemicals.evaluation import evaluate, load_evaluation
from workbench.errors import InputError

FIXTURES = Path(__file__).parent.parent / "fixtures" / "chemicals"


# --- evaluation sets ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,minimum", [("evaluation", 150), ("holdout", 40)])
def test_evaluation_set_no_wrong_chemical_and_97_percent_right(name: str, minimum: int) -> None:
    items = load_evaluation(FIXTURES / f"{name}.yaml")
    assert len(items) >= minimum
    score = evaluate(items)
    wrong = [(o.text, o.expected, o.got) for o in score.outcomes if o.verdict == "wrong"]
    assert not wrong, f"identified as a different chemical: {wrong}"
    missed = [(o.text, o.expected) for o in score.outcomes if o.verdict == "missed"]
    assert score.accuracy >= 0.97, f"{score.accuracy:.1%} right; missed: {missed}"


def test_evaluation_set_covers_look_alikes_sources_and_languages() -> None:
    items = load_evaluation(FIXTURES / "evaluation.yaml")
    negatives = [i for i in items if i["expect"] is None]
    assert len(negatives) >= 40
    seen = " ".join(i["seen"] for i in items).lower()
    for kind in ("cas index name", "iupac", "spanish", "supplier listing", "21 cfr 1310.02", "dof 13-05-2021",
                 "mps", "issue 12", "typo", "indictment"):
        assert kind in seen, kind
    assert len({i["expect"] for i in items if i["expect"]}) >= 40  # most of the catalogue is exercised


# --- CAS numbers -------------------------------------------------------------------------------------------------


def top(text: str) -> tuple[str | None, float]:
    found = identify(text)
    return (found[0].chemical.key, found[0].confidence) if found else (None, 0.0)


@pytest.mark.parametrize("text", ["39742-60-4", "CAS 39742-60-4", "CAS No. 39742604", "CAS#39742-60-4",
                                  "cas:39742604 powder", "CAS39742-60-4", "goods (CAS RN 39742-60-4)"])
def test_cas_with_or_without_prefixes(text: str) -> None:
    assert top(text) == ("npp", 0.99)


def test_salt_and_hydrate_cas_map_to_the_parent_and_say_so() -> None:
    [m] = identify("40064-34-4")
    assert m.chemical.key == "four_piperidone" and m.evidence == "salt_cas"
    assert "monohydrate hydrochloride" in m.why


def test_truncated_or_miswritten_cas_is_only_a_candidate() -> None:
    [m] = identify("CAS79099 powder")
    assert m.chemical.key == "one_boc_four_piperidone" and m.confidence < CONFIDENT and "truncated" in m.why
    [m] = identify("CAS 39742-60-5")
    assert m.chemical.key == "npp" and m.confidence < CONFIDENT and "check digit" in m.why
    assert match("CAS 39742-60-5", load_catalogue()) is None


def test_a_foreign_cas_turns_a_name_match_into_a_candidate() -> None:
    # a name of the catalogue next to the CAS number of something else: say it, do not assert it
    [m] = identify("ACETONE CAS 75-86-5")
    assert m.chemical.key == "acetone" and m.confidence < CONFIDENT and "75-86-5" in m.why


def test_an_abbreviation_contradicted_by_the_cas_number_is_only_a_candidate() -> None:
    found = identify("PMK powder 28578-16-7")  # sellers call PMK ethyl glycidate "PMK powder"
    assert [(m.chemical.key, m.confident) for m in found] == [("pmk_ethyl_glycidate", True), ("mdp2p", False)]


def test_a_date_is_not_a_cas_number() -> None:
    assert identify("shipped 2022-11-23, invoice 2023-01-05") == []


# --- names -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,key", [
    ("1-benzyl-4-piperidone", None),
    ("N-Boc-4-piperidone", "one_boc_four_piperidone"),
    ("4-Piperidinone, 1-(2-phenylethyl)-", "npp"),
    ("2-Propanone, 1-phenyl-", "p2p"),
    ("acetone cyanohydrin", None),
    ("toluene diisocyanate", None),
    ("diisocianato de tolueno", None),
    ("1-N-Boc-4-(phenylamino)piperidine", "one_boc_four_ap"),
    ("Benzeneacetonitrile, alpha-acetyl-", "apaan"),
    ("4-Piperidinone, 1-methyl-", None),
    ("1-benzyl 4-piperidone", None),
    ("phenylacetic acid ethyl ester", None),
    ("MEK peroxide", None),
    ("phosphorus pentachloride", None),
    ("acetone sodium bisulfite", None),
    ("4-Piperidone ethylene ketal", None),
    ("lysergic acid diethylamide", None),
    ("benzaldehyde dimethyl acetal", None),
    ("para-fluoro 4-AP", None),
    ("nitromethane", None),
    ("acetone free nail polish remover", None),
    ("sin acetona", None),
    ("ephedrine free base", "ephedrine"),
    ("acetona cianhidrina", None),
    ("red phosphorus trichloride", None),
    ("Ethanamine, N-ethyl-", None),
])
def test_a_substituted_derivative_is_never_its_parent(text: str, key: str | None) -> None:
    assert top(text)[0] == key


def test_salt_and_hydrate_words_do_not_change_identity() -> None:
    for text in ("4-Piperidinone, hydrochloride (1:1), hydrate", "4-piperidone HCl H2O", "4-piperidona clorhidrato"):
        assert top(text)[0] == "four_piperidone", text
    [m] = identify("4-piperidone hydrochloride monohydrate")
    assert "ignored" in m.why


def test_spanish_and_english() -> None:
    assert top("SEUDOEFEDRINA")[0] == top("pseudoephedrine")[0] == "pseudoephedrine"
    assert top("clorhidrato de efedrina")[0] == "ephedrine"
    assert top("cloruro de propionilo")[0] == "propionyl_chloride"


def test_typos_are_tolerated_but_never_change_the_functional_group() -> None:
    key, conf = top("N-Phenethyl-4-piperdone")
    assert key == "npp" and CONFIDENT <= conf < 0.9
    assert top("N-phenethyl-4-piperidinol")[0] is None  # an alcohol, not the ketone
    assert top("dimethylamine")[0] is None  # one letter pair from methylamine, another compound
    assert top("ethyl methylphenylglycidate")[0] is None  # strawberry aldehyde, not BMK ethyl glycidate
    assert top("benzyl ethyl ketone")[0] is None  # 1-phenyl-2-butanone: one letter from benzyl methyl ketone
    assert top("4-anilinopyridine")[0] is None  # a pyridine, not the piperidine
    assert top("piperidine-4-one")[0] == "four_piperidone"


def test_order_cas_evidence_first_then_most_controlled() -> None:
    assert [m.chemical.key for m in identify("ACETONE 39742-60-4")][:2] == ["npp", "acetone"]
    assert [m.chemical.key for m in identify("NPP dissolved in toluene")] == ["npp", "toluene"]


def test_json_shape() -> None:
    [m] = identify("NPP")
    assert set(m.to_dict()) == {"cas", "name", "key", "table", "confidence", "why"}
    assert m.to_dict()["table"] == "table_i"


def test_vague_and_empty_texts_name_nothing() -> None:
    assert identify("") == [] and identify(None) == [] and identify("pharmaceutical intermediate") == []


# --- control status ----------------------------------------------------------------------------------------------


def test_status_before_and_after_entry_into_force() -> None:
    before = control_status("four_ap", "2022-11-22")
    after = control_status("four_ap", "2022-11-23")
    assert not before.controlled and before.pending and "not yet controlled" in before.reason
    assert after.controlled and after.lists == ["UN table_i"] and "since 2022-11-23" in after.reason


def test_status_by_jurisdiction() -> None:
    # Mexico listed 4-AP in May 2021, China on 1 September 2024
    assert control_status("four_ap", "2021-08-01", ["MX"]).controlled
    assert not control_status("four_ap", "2024-08-31", ["CN"]).controlled
    assert control_status("four_ap", "2024-09-01", ["CN"]).controlled
    assert control_status("four_piperidone", "2023-06-01", ["UN", "US"]).lists == ["US list_i"]


def test_a_transfer_between_tables_supersedes_the_earlier_table() -> None:
    old = control_status("acetic_anhydride", "1995-01-01")
    new = control_status("acetic_anhydride", "2015-01-01")
    assert old.lists == ["UN table_ii"] and new.lists == ["UN table_i"]
    assert "estimated" in new.reason  # only the decision's date is known: + 180 days
    rows = [r for r in control_rows() if r["key"] == "chemical:acetic_anhydride"]
    assert [(r["schedule"], r["until"] is None) for r in rows] == [("table_ii", False), ("table_i", True)]


def test_status_refuses_unknown_chemical_and_bad_date() -> None:
    with pytest.raises(InputError, match="not in the chemicals catalogue"):
        control_status("unobtainium", "2024-01-01")
    with pytest.raises(InputError, match="not a date"):
        control_status("npp", "yesterday-ish")
    assert control_status("npp", dt.date(2016, 1, 1)).controlled is False


def test_several_chemicals_in_one_text() -> None:
    assert [m.chemical.key for m in identify("NPP/4-AP mixed lot")] == ["npp", "four_ap"]
    assert [m.chemical.key for m in identify("ACETONA; TOLUENO; ácido clorhídrico")] == [
        "acetone", "toluene", "hydrochloric_acid"]
