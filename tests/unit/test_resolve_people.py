"""People are not firms: a person joins records only on evidence beyond the name (pure: no store)."""

from __future__ import annotations

from pathlib import Path

from workbench.ingest.build import build_plan
from workbench.ingest.readers import read_file
from workbench.ingest.records import validate_table
from workbench.ingest.resolve import Mention, Resolver


def person(name: str, *ids: str, country: str | None = "CN") -> Mention:
    return Mention("Person", name, country, "r", frozenset(), frozenset(ids))


def test_a_common_name_at_two_unrelated_firms_is_two_people() -> None:
    resolver = Resolver("Person")
    keys = resolver.resolve([person("Wang Wei", "firm:company:cn:a", "phone:+862511111111"),
                             person("WANG Wei", "firm:company:cn:b", "phone:+862122222222"),
                             person("Wei Wang", "firm:company:cn:a")])
    assert keys[0] != keys[1]
    assert keys[0] == keys[2]
    assert "the same firm company:cn:a" in " ".join(resolver.entities[keys[0]].resolution)


def test_a_name_alone_never_joins() -> None:
    resolver = Resolver("Person")
    keys = resolver.resolve([person("Juan Hernández López"), person("JUAN HERNANDEZ LOPEZ")])
    assert keys[0] != keys[1]


def test_birth_date_or_a_shared_phone_joins_and_the_reason_says_so() -> None:
    resolver = Resolver("Person")
    keys = resolver.resolve([person("Lin Zhaoqing", "firm:company:cn:calvexa", "phone:+862788888888"),
                             person("LIN Zhaoqing", "firm:company:cn:nolvexa", "phone:+862788888888"),
                             person("Zhaoqing Lin", "birth:1979-03-14", "firm:company:cn:calvexa", country=None)])
    assert len(set(keys)) == 1
    reasons = " ".join(resolver.entities[keys[0]].resolution)
    assert "phone +862788888888" in reasons and "the same firm company:cn:calvexa" in reasons


def test_similar_names_at_one_firm_stay_two_people_without_papers() -> None:
    resolver = Resolver("Person")
    keys = resolver.resolve([person("Zhou Minghe", "firm:company:cn:a"), person("Zhou Mingde", "firm:company:cn:a")])
    assert keys[0] != keys[1]


def _plan(tmp_path: Path, rows: list[str]) -> dict[str, list[str]]:
    path = tmp_path / "companies.csv"
    path.write_text("name,country,address,phone,officers\n" + "\n".join(rows) + "\n", encoding="utf-8")
    records, problems, _ = validate_table(read_file(path, "companies"))
    assert not problems
    plan = build_plan(records, {}, [])
    officers: dict[str, list[str]] = {}
    for (rtype, _, _), table in plan.rels.items():
        if rtype == "OFFICER_OF":
            for (p, c) in table:
                officers.setdefault(p, []).append(c)
    return officers


def test_ingest_keeps_common_name_officers_of_unrelated_firms_apart(tmp_path: Path) -> None:
    officers = _plan(tmp_path, [
        '"Jiangsu Alvora Chemical Co., Ltd.",CN,"No. 5 Alvora Road, Nanjing, Jiangsu",+86 25 8888 1234,Wang Wei (Director)',
        '"Hebei Tomeli Plastics Co., Ltd.",CN,"No. 9 Tomeli Road, Shijiazhuang, Hebei",+86 311 8765 4321,WANG Wei (Supervisor)',
    ])
    assert len(officers) == 2 and all(len(firms) == 1 for firms in officers.values())


def test_ingest_joins_the_administrator_of_two_firms_sharing_a_phone(tmp_path: Path) -> None:
    officers = _plan(tmp_path, [
        '"Distribuidora Velmar, S.A. de C.V.",MX,"Calle Uno 1, Guadalajara, Jalisco",+52 33 1234 5678,Rogelio Antúnez',
        '"Belmarina Cosméticos, S. de R.L. de C.V.",MX,"Calle Dos 2, Zapopan, Jalisco",+52 33 1234 5678,ROGELIO ANTUNEZ',
    ])
    assert len(officers) == 1 and len(next(iter(officers.values()))) == 2


def test_across_borders_only_papers_join() -> None:
    resolver = Resolver("Person")
    keys = resolver.resolve([person("Zhou Minghe", "firm:company:hk:brevatto", "phone:+8613800000000", country="HK"),
                             person("ZHOU Minghe", "firm:company:cn:kelvaro", "phone:+8613800000000", country="CN"),
                             person("Minghe Zhou", "birth:1975-02-03", "firm:company:cn:kelvaro", country="CN"),
                             person("Zhou Minghe", "birth:1975-02-03", country="MX")])
    assert keys[0] != keys[1]  # a shared firm phone does not cross the border
    assert keys[1] == keys[2] == keys[3]  # a birth date does
