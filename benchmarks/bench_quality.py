"""Quality of entity resolution and of the risk ranking on a labelled scenario (a benchmark, not a test).

    python -m benchmarks.bench_quality [--seed 23] [--manifests 6000] [--home DIR]
    python -m benchmarks.bench_quality --holdout      # the held-out scenario (seed 41, 9,000 manifests)

Generates the fictional scenario (`workbench.demo.generator`) with a seed AND a size other than the demo's
(seed 7, 3,000 manifests: thresholds are never tuned on the demo bundle), ingests it into a fresh database on
an embedded server in ``--home``, and scores against the scenario's ground truth (``identity`` and
``risk_actors`` in ground_truth.json):

* companies: pairwise precision, recall and F1 over (entity, source spelling) items, truth = the firm the
  spelling belongs to (spellings two firms share are left out); legal-form siblings, punctuation variants of a
  legal form and typos are in the scenario;
* people: the same over officer appointments (person entity, firm), truth = the person (a common name at two
  firms is two people);
* risk: P@K and recall@2K of the ranked companies, one row per firm, K = number of planted actors (every company
  of a planted network, ``risk_actors``); the same for the narrower set of firms the plants expect a detector to
  name (``expected``).

``risk_actors`` is the ground truth of the ranking: a risk ranking answers "which firms are part of a trafficking
network", and every company of a planted network is (the sanctioned supplier itself, the other suppliers and
consignees of a seized broker, the second new supplier after an objection, the fronts' consignees). The ``expected``
lists say which firm each plant's *detector* should name as its subject; they leave those firms out by design, so
P@K on them counts network members ranked high as intruders. It is reported as a diagnostic of detector coverage,
where recall@2K is the telling figure.

The held-out scenario (``--holdout``: seed 41, 9,000 manifests) is run once the ranking is settled, never while
tuning; its figures are kept in the results file under ``holdout`` (a default run keeps them as they were, with
the time and commit they were measured at).

Targets (issue 13): company F1 >= 0.98, P@K >= 0.9. Results: benchmarks/results/quality.json.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from benchmarks.machine import commit, write_result

DEFAULT_SEED = 23
DEFAULT_MANIFESTS = 6000
HOLDOUT_SEED = 41
HOLDOUT_MANIFESTS = 9000
DEFAULT_HOME = Path("/tmp/workbench-bench-quality")


def pairwise(items: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of (predicted cluster, true cluster) items."""
    pairs = list(items)

    def choose2(n: int) -> int:
        return n * (n - 1) // 2

    both = sum(choose2(n) for n in Counter(pairs).values())
    predicted = sum(choose2(n) for n in Counter(p for p, _ in pairs).values())
    true = sum(choose2(n) for n in Counter(t for _, t in pairs).values())
    precision = both / predicted if predicted else 1.0
    recall = both / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"items": len(pairs), "true_pairs": true, "predicted_pairs": predicted, "correct_pairs": both,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def spelling_index(truth: dict[str, Any]) -> dict[str, str]:
    """Source spelling -> firm, for spellings that belong to one firm only."""
    owners: dict[str, set[str]] = {}
    for firm in truth["identity"]["companies"]:
        for spelling in firm["spellings"]:
            owners.setdefault(spelling, set()).add(firm["name"])
    return {s: next(iter(o)) for s, o in owners.items() if len(o) == 1}


def company_items(rows: list[dict[str, Any]], spellings: dict[str, str]) -> list[tuple[str, str]]:
    return [(row["key"], spellings[name]) for row in rows for name in row["names"] or [] if name in spellings]


def firm_of_entities(rows: list[dict[str, Any]], spellings: dict[str, str]) -> dict[str, str]:
    """Company entity key -> the firm most of its spellings belong to."""
    out = {}
    for row in rows:
        firms = Counter(spellings[n] for n in row["names"] or [] if n in spellings)
        if firms:
            out[row["key"]] = firms.most_common(1)[0][0]
    return out


def person_items(companies: list[dict[str, Any]], persons: dict[str, dict[str, Any]], firm_of: dict[str, str],
                 truth: dict[str, Any]) -> list[tuple[str, str]]:
    from workbench.normalize import person_name_key  # noqa: PLC0415

    officers: dict[tuple[str, str], str] = {}
    for p in truth["identity"]["persons"]:
        officers[(p["firm"], person_name_key(p["name"]))] = p["id"]
    items = []
    for row in companies:
        firm = firm_of.get(row["key"])
        if firm is None:
            continue
        for person_key in row["officerKeys"] or []:
            person = persons.get(person_key)
            if person is None:
                continue
            pid = next((officers[(firm, person_name_key(n))] for n in person["names"] or [person["name"]]
                        if (firm, person_name_key(n)) in officers), None)
            if pid is not None:
                items.append((person_key, pid))
    return items


def risk_quality(ranked: list[Any], spellings: dict[str, str], actors: set[str]) -> dict[str, Any]:
    from workbench.normalize import company_name_key  # noqa: PLC0415

    by_key: dict[str, set[str]] = {}
    for spelling, firm in spellings.items():
        by_key.setdefault(company_name_key(spelling), set()).add(firm)
    order: list[str] = []
    for risk in ranked:
        known = spellings.get(risk.name or "")
        candidates = by_key.get(company_name_key(risk.name or ""), set())
        firm = known if known is not None else next(iter(candidates)) if len(candidates) == 1 else f"?{risk.key}"
        if firm not in order:
            order.append(firm)
    k = len(actors)
    top_k, top_2k = set(order[:k]), set(order[: 2 * k])
    return {"k": k, "precision_at_k": round(len(top_k & actors) / k, 4),
            "recall_at_2k": round(len(top_2k & actors) / k, 4),
            "missed_in_top_k": sorted(actors - top_k), "intruders_in_top_k": [f for f in order[:k] if f not in actors],
            "top": order[: 2 * k]}


def run(home: Path, seed: int, manifests: int) -> dict[str, Any]:
    from workbench.analysis.risk import rank  # noqa: PLC0415
    from workbench.demo import generator  # noqa: PLC0415
    from workbench.ingest import ingest_path  # noqa: PLC0415
    from workbench.settings import Settings  # noqa: PLC0415
    from workbench.store import embedded, queries  # noqa: PLC0415
    from workbench.store.connect import for_database, open_gateway  # noqa: PLC0415

    if seed == generator.DEFAULT_SEED or manifests == generator.DEFAULT_MANIFESTS:
        raise SystemExit("use a seed and a size other than the demo's: thresholds are never tuned on the demo bundle")
    bundle = home / f"scenario-{seed}-{manifests}"
    generator.generate_bundle(bundle, seed=seed, manifests=manifests)
    truth = json.loads((bundle / "ground_truth.json").read_text(encoding="utf-8"))
    settings = Settings.from_env({"WORKBENCH_HOME": str(home), "WORKBENCH_HEAP": "2g",
                                  "WORKBENCH_QUERY_TIMEOUT": "900"})
    was_running = embedded.status(settings).running
    embedded.ensure_running(settings)
    database = f"quality{seed}x{manifests}"
    if database in embedded.list_databases(settings):
        embedded.drop_database(settings, database)
    embedded.create_database(settings, database)
    gateway = open_gateway(for_database(settings, database))
    figures: dict[str, Any] = {"seed": seed, "manifests": manifests}
    try:
        started = time.monotonic()
        ingest_path(gateway, bundle)
        figures["ingest_seconds"] = round(time.monotonic() - started, 1)
        companies = queries.run(gateway, "review_companies", row_cap=10**7, timeout=900).raise_for_status().data()
        persons = {r["key"]: r for r in
                   queries.run(gateway, "entities_person", row_cap=10**7, timeout=900).raise_for_status().data()}
        spellings = spelling_index(truth)
        figures["companies"] = pairwise(company_items(companies, spellings))
        firm_of = firm_of_entities(companies, spellings)
        figures["persons"] = pairwise(person_items(companies, persons, firm_of, truth))
        siblings = truth["identity"]["legal_form_siblings"]
        figures["legal_form_siblings_kept_apart"] = sum(
            len({k for k, f in firm_of.items() if f in group}) >= len(group) for group in siblings) / len(siblings)
        started = time.monotonic()
        ranked = rank(gateway)
        figures["risk_seconds"] = round(time.monotonic() - started, 1)
        figures["risk"] = risk_quality(ranked, spellings, set(truth["risk_actors"]))
        figures["risk_expected_only"] = risk_quality(
            ranked, spellings, {n for plant in truth["plants"] for n in plant["expected"]})
    finally:
        gateway.close()
        if not was_running:  # leave the machine as it was: the server's heap is not free on a shared box
            embedded.stop(settings)
    return figures


def _summary(figures: dict[str, Any]) -> str:
    c, p, r, e = figures["companies"], figures["persons"], figures["risk"], figures["risk_expected_only"]
    return (f"seed {figures['seed']} x {figures['manifests']}: companies P {c['precision']} R {c['recall']} "
            f"F1 {c['f1']}; persons P {p['precision']} R {p['recall']} F1 {p['f1']}; risk P@K "
            f"{r['precision_at_k']} (K={r['k']}) recall@2K {r['recall_at_2k']}; expected firms only P@K "
            f"{e['precision_at_k']} (K={e['k']}) recall@2K {e['recall_at_2k']}")


def _previous() -> dict[str, Any]:
    from benchmarks.machine import RESULTS  # noqa: PLC0415

    try:
        previous = json.loads((RESULTS / "quality.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return previous if isinstance(previous, dict) else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--manifests", type=int, default=DEFAULT_MANIFESTS)
    parser.add_argument("--holdout", action="store_true",
                        help=f"measure the held-out scenario (seed {HOLDOUT_SEED}, {HOLDOUT_MANIFESTS} manifests) "
                             "instead; the default figures in the results file stay as they were")
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME)
    args = parser.parse_args(argv)
    previous = _previous()
    stamp = {"measured": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "commit": commit()}
    targets = {"companies_f1": 0.98, "precision_at_k": 0.9, "ground_truth": "risk_actors (see the benchmark's "
               "docstring); risk_expected_only is a diagnostic of detector coverage"}
    if args.holdout:
        figures = run(args.home, HOLDOUT_SEED, HOLDOUT_MANIFESTS)
        print(_summary(figures), flush=True)
        default = {k: v for k, v in (previous.get("results") or {}).items() if k != "holdout"}
        path = write_result("quality", {**default, "targets": targets, "holdout": {**stamp, **figures}})
    else:
        figures = run(args.home, args.seed, args.manifests)
        print(_summary(figures), flush=True)
        kept = (previous.get("results") or {}).get("holdout")
        path = write_result("quality", {"targets": targets, **stamp, **figures,
                                        **({"holdout": kept} if kept else {})})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
