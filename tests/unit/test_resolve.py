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
