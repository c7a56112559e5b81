"""The review queue's ranking (pure: rows as the store returns them)."""

from __future__ import annotations

from workbench.ingest.review import candidate_pairs


def row(key: str, name: str, nk: str, ids: list[str] = [], officers: list[str] = [],  # noqa: B006
        country: str = "MX") -> dict:
    return {"key": key, "name": name, "names": [name], "nameKeys": [nk], "country": country, "places": [],
            "identifiers": ids, "officerKeys": [], "officerNameKeys": [[o] for o in officers]}


ROWS = [
    row("a", "Química Norval, S.A. de C.V.", "quimica norval", officers=["olvera pastrana ramiro"]),
    row("b", "Química Norval, S. de R.L. de C.V.", "quimica norval", officers=["olvera pastrana ramiro"]),
    row("c", "Plásticos Tenaro, S.A. de C.V.", "plasticos tenaro", ["phone:+528183401212"]),
    row("d", "Plasticos Tenaro Industrial, S.A. de C.V.", "plasticos tenaro industrial", ["phone:+528183401212"]),
    row("e", "Grupo Unrelated, S.A. de C.V.", "grupo unrelated"),
    row("f", "Química Norval, S.A. de C.V.", "quimica norval", country="GT"),
]


def test_pairs_come_ranked_with_reasons_and_other_countries_stay_out() -> None:
    pairs = candidate_pairs(ROWS)
    assert {(c.a, c.b) for c in pairs} == {("a", "b"), ("c", "d")}
    by = {(c.a, c.b): c for c in pairs}
    assert "different legal forms (S.A. de C.V. / S. de R.L. de C.V.)" in by[("a", "b")].reasons
    assert any("officers of the same name" in r for r in by[("a", "b")].reasons)
    assert any("shared phone +528183401212" in r for r in by[("c", "d")].reasons)
    assert pairs == sorted(pairs, key=lambda c: -c.score)


def test_rejected_pairs_leave_the_queue() -> None:
    assert {(c.a, c.b) for c in candidate_pairs(ROWS, decided=[("b", "a")])} == {("c", "d")}


def test_a_business_centre_address_is_named_but_never_counted() -> None:
    centre = "address:rm 1203 vexley commercial center"
    tenants = [row(f"t{i}", f"{name} Trading (HK) Limited", f"{name.lower()} trading hk", [centre], ["vexley"], "HK")
               for i, name in enumerate(("Jasavia", "Jasyra", "Olix", "Rosivo", "Feneno"))]
    typo = row("t9", "FENENO TRADNIG (HK) LIMITED", "feneno tradnig hk", [centre], ["vexley"], "HK")
    pairs = candidate_pairs(tenants + [typo])
    assert (pairs[0].a, pairs[0].b) == ("t4", "t9")  # the typo, not the tenants that share the centre
    assert all(not c.shared_identifiers and not c.shared_officers for c in pairs)
    assert any("not counted" in r for r in pairs[0].reasons)
    assert all(c.similarity >= 85 for c in pairs)  # without counted evidence only close names enter
