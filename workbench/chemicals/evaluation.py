"""Score the matcher against an evaluation set (tests/fixtures/chemicals/evaluation.yaml): right, wrong, missed.

An item is *right* when the best confident match is the expected chemical (or, for ``candidate: true`` items, the
best candidate is), or when nothing is expected and nothing is identified with confidence. It is *wrong* when the
best confident match is another chemical (a look-alike taken for a catalogue chemical counts as wrong).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from workbench.chemicals.catalogue import Catalogue, load_catalogue
from workbench.chemicals.matcher import identify
from workbench.errors import ModelError
from workbench.datafiles import read_yaml

__all__ = ["Outcome", "Score", "evaluate", "load_evaluation"]


@dataclass(frozen=True)
class Outcome:
    text: str
    expected: str | None
    got: str | None
    confidence: float
    verdict: str  # right | wrong | missed
    seen: str


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(1 for o in self.outcomes if o.verdict == verdict)

    @property
    def accuracy(self) -> float:
        return self.count("right") / len(self.outcomes) if self.outcomes else 0.0

    @property
    def precision(self) -> float:
        """Of the confident identifications, the share that named the right chemical."""
        named = [o for o in self.outcomes if o.got is not None and o.confidence >= 0.5]
        return sum(1 for o in named if o.got == o.expected) / len(named) if named else 1.0

    @property
    def recall(self) -> float:
        """Of the items naming a catalogue chemical, the share identified (candidates count where expected)."""
        positives = [o for o in self.outcomes if o.expected is not None]
        return sum(1 for o in positives if o.verdict == "right") / len(positives) if positives else 1.0


def load_evaluation(path: Path | str) -> list[dict[str, Any]]:
    """The items of an evaluation file, checked: each has text, expect (key or null) and seen."""
    path = Path(path)
    data = read_yaml(path, "the evaluation set")
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ModelError(f"{path}: expected a mapping with an 'items' list.")
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or "expect" not in item \
                or not isinstance(item.get("seen"), str):
            raise ModelError(f"{path}: item #{i} needs text, expect and seen.")
    return items


def evaluate(items: list[dict[str, Any]], catalogue: Catalogue | None = None) -> Score:
    """Run the matcher on every item and judge each answer."""
    catalogue = catalogue or load_catalogue()
    score = Score()
    for item in items:
        expected = item["expect"]
        if expected is not None and catalogue.by_key(expected) is None:
            raise ModelError(f"evaluation item {item['text']!r}: {expected!r} is not a catalogue key.")
        matches = identify(item["text"], catalogue)
        top = matches[0] if matches else None
        confident = top is not None and top.confident
        got = top.chemical.key if top else None
        if confident and got != expected:
            verdict = "wrong"
        elif expected is None:
            verdict = "right"
        elif got == expected and (confident or item.get("candidate")):
            verdict = "right"
        else:
            verdict = "missed"
        score.outcomes.append(Outcome(item["text"], expected, got, top.confidence if top else 0.0, verdict,
                                      item["seen"]))
    return score
