"""The inspection queue's weights are data, checked when they load; scoring a consignment needs no store."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.analysis.targets import WEIGHTS_PATH, load_target_weights, score_consignment
from workbench.errors import ModelError


def test_the_packaged_weights_load() -> None:
    weights = load_target_weights()
    assert set(weights.roles) == {"consignee", "shipper", "broker"} and 0 < weights.cleared_factor < 1
    assert weights.texts["notification_missing"]["es"].startswith("Sin notificación")


@pytest.mark.parametrize("old, new, message", [
    ("vague_declaration: 0.3", "vague_declaration: 1.3", "reasons.vague_declaration must be a number between 0 and 1"),
    ("{consignee: 0.8, shipper: 0.7, broker: 0.35}", "{consignee: 0.8, shipper: 0.7}", "party_risk.roles needs exactly"),
    ("    es: \"Sin notificación", "    fr: \"Sin notificación", "texts.notification_missing needs a text in each of en, es"),
    ("  lookbackDays: 180", "  lookbackDays: soon", "cleared.lookbackDays must be a whole number"),
])
def test_a_bad_weights_file_fails_loudly_naming_the_key(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = WEIGHTS_PATH.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "target_weights.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ModelError, match=message):
        load_target_weights(bad)


def row(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "key": "shipment:X", "billOfLading": "X", "declarationDate": "2024-07-08", "mode": "air", "hsCode": "3901.20",
        "goodsDescription": "POLYETHYLENE", "shippers": [{"key": "company:s", "name": "S", "country": "KR"}],
        "consignees": [{"key": "company:c", "name": "C", "country": "MX"}], "brokers": [],
        "lading": [{"code": "KRPUS", "country": "KR"}], "transit": [{"code": "KRPUS", "country": "KR", "order": 1}],
        "chemicals": [], "inspections": [], "clearedAlike": [], "finalDestinationCountry": "MX"}
    base.update(extra)
    return base


def test_an_ordinary_consignment_has_no_reason_and_no_score() -> None:
    target = score_consignment(row(), {})
    assert target.score == 0.0 and target.reasons == [] and target.mode == "air"


def test_overlapping_party_risks_count_as_one_kind_of_evidence() -> None:
    risky = {"company:c": {"key": "company:c", "score": 100.0, "findings": []},
             "company:s": {"key": "company:s", "score": 100.0, "findings": []}}
    target = score_consignment(row(), risky)
    weights = [r.weight for r in target.reasons]
    assert weights == pytest.approx([0.8, 0.7 * 0.25])
    assert target.score == pytest.approx(100 * (1 - 0.2 * (1 - 0.175)), abs=0.1)
    assert target.reasons[0].text("en") == "Consignee C: risk 100/100 (—)"
