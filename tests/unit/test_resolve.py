"""Entity resolution on small named scenarios (pure: no store), including re-resolution stability."""

from __future__ import annotations

from workbench.ingest.resolve import Mention, Resolver, place_tokens

ADDRESS_LONG = "Rm 1203, 12/F Vexley Commercial Ctr, 99 Carvell St, Sheung Wan, Hong Kong"
ADDRESS_SHORT = "Rm 1203 12/F Vexley Commercial Ctr 99 Carvell St, Sheung Wan"
SHARED = frozenset({"address:rm 1203 12 fl vexley commercial center 99 carvell st sheung wan hong kong"})


def mention(name: str, address: str | None, ids: frozenset[str] = frozenset(), ref: str = "r") -> Mention:
    return Mention("Company", name, "HK", ref, place_tokens(address), ids)


def stored(resolver: Resolver) -> list[dict]:
    """The entities as the store would hand them back to the next ingest."""
    return [{"key": e.key, "name": e.name, "names": e.names, "nameKeys": sorted(e.name_keys),
             "places": sorted(e.places), "identifiers": sorted(e.identifiers), "country": e.country,
             "resolution": e.resolution} for e in resolver.entities.values()]


ISINO = [
    mention("ISINO INDUSTRIAL (HK) LIMITED", ADDRESS_LONG, SHARED, "companies.csv#2"),
    mention("Isino Industrial (H.K.) Ltd", ADDRESS_SHORT, SHARED, "manifests.csv#7"),
    mention("ISINO INDUSTRIAL (HONG KONG) LTD.", None, frozenset(), "manifests.csv#9"),
]


def test_same_name_and_shared_address_is_one_firm_however_the_address_is_cut() -> None:
    assert place_tokens(ADDRESS_LONG) != place_tokens(ADDRESS_SHORT)
    resolver = Resolver("Company")
    keys = resolver.resolve(ISINO[:2])
    assert keys[0] == keys[1]
    assert "shared identifier" in " ".join(resolver.entities[keys[0]].resolution)


def test_resolving_the_same_records_again_gives_the_same_keys() -> None:
    first = Resolver("Company")
    keys = first.resolve(ISINO)
    again = Resolver("Company", stored(first))
    assert again.resolve(ISINO) == keys
    assert again.created == 0


def test_same_name_in_different_cities_stays_apart() -> None:
    resolver = Resolver("Company")
    keys = resolver.resolve([mention("Golden Harbor Trading Ltd", "88 Queen's Rd, Central, Hong Kong"),
                             mention("Golden Harbor Trading Ltd", "5 Nathan Rd, Tsim Sha Tsui, Kowloon")])
    assert keys[0] != keys[1]


# --- legal form is part of identity --------------------------------------------------------------

GDL = "Av. Vallarta 1200, Col. Americana, Guadalajara, Jalisco"


def mx(name: str, ids: frozenset[str] = frozenset(), address: str | None = GDL) -> Mention:
    return Mention("Company", name, "MX", "r", place_tokens(address), ids)


def test_firms_that_differ_only_by_legal_form_stay_apart() -> None:
    resolver = Resolver("Company")
    keys = resolver.resolve([mx("Química Norval, S.A. de C.V."), mx("Química Norval, S. de R.L. de C.V."),
                             mx("Química Norval, S.A.P.I. de C.V."), mx("QUIMICA NORVAL SA DE CV"),
                             mx("QUIMICA NORVAL S DE RL DE CV"), mx("Quimica Norval SAPI DE CV")])
    assert keys[0] == keys[3] and keys[1] == keys[4] and keys[2] == keys[5]
    assert len({keys[0], keys[1], keys[2]}) == 3
    assert keys[0] == "company:mx:quimica-norval"
    assert keys[1] == "company:mx:quimica-norval:s-de-r-l-de-c-v"  # the form names the sibling's key


def test_punctuation_of_a_legal_form_never_splits_a_firm() -> None:
    resolver = Resolver("Company")
    keys = resolver.resolve([Mention("Company", n, "CN", "r") for n in (
        "Jiangsu Orvane Chemical CO., LTD.", "Jiangsu Orvane Chemical Co Ltd", "JIANGSU ORVANE CHEMICAL CO.,LIMITED")])
    assert len(set(keys)) == 1


def test_another_legal_form_joins_only_on_other_evidence_and_says_which() -> None:
    reg = frozenset({"reg:mx:QNO150611AB1"})
    resolver = Resolver("Company")
    keys = resolver.resolve([mx("Química Norval, S.A. de C.V.", reg), mx("Química Norval, S. de R.L. de C.V.", reg)])
    assert keys[0] == keys[1]
    reason = " ".join(resolver.entities[keys[0]].resolution)
    assert "reg mx:QNO150611AB1" in reason and "legal forms" in reason


def test_a_mention_without_legal_form_joins_the_firm_of_that_name() -> None:
    resolver = Resolver("Company")
    keys = resolver.resolve([mx("Química Norval, S.A. de C.V."), mx("QUIMICA NORVAL")])
    assert keys[0] == keys[1]


def test_cyrillic_spelling_meets_the_latin_one() -> None:
    resolver = Resolver("Company")
    keys = resolver.resolve([Mention("Company", "ООО Ромашка", "RU", "r"), Mention("Company", "OOO Romashka", "RU", "r")])
    assert keys[0] == keys[1]


def test_similar_names_at_a_registered_agent_address_stay_apart() -> None:
    agent = frozenset({"address:av tamarindo w 410 fl 7 col juarez cuauhtemoc 06600 ciudad mexico cdmx"})
    names = ["Aditivos Alimentarios Perira, S.A. de C.V.", "Aditivos Alimentarios Elavia, S.A. de C.V.",
             "Plásticos Norvia, S.A. de C.V.", "Química Ulmara, S.A. de C.V."]
    resolver = Resolver("Company")
    keys = resolver.resolve([mx(n, agent, "Av. Tamarindo Poniente 410, Piso 7, Col. Juárez, Ciudad de México")
                             for n in names])
    assert len(set(keys)) == 4  # the agent's address is shared by four firms: a hub, not evidence
