"""The inspection queue: consignments arriving at a port or airport, ranked for inspection with their reasons.

Like rule-based targeting at a border, but every point of a score is a line an officer can read. The facts come
from one query (``workbench/cypher/targets/targets_arrivals.cypher``); the weights and the reasons' wording are data
(``workbench/data/target_weights.yaml``); party risk comes from :func:`workbench.analysis.risk.rank`. Reasons
combine as independent evidence::

    score = 100 x (1 - product over reasons (1 - w))

where the parties' risks count as one kind of evidence (the riskiest party fully, the others a fraction of theirs:
they often stem from the same finding), and the consignment's own facts (chemical, notification, declaration,
route) each as another; and a recent identical consignment inspected with nothing found multiplies the score by ``cleared.factor``.
Only a consignment's own parties and declaration are reasons: the port, country or chemical it shares with
others never ranks it up.

Officers record what an inspection found (:func:`record_inspection`): an ``Inspection`` node INSPECTED the
consignment, written through the gateway with who and when, and audited. A discrepancy or seizure is picked up by
the ``inspection_findings`` detector and so raises the firms of that consignment in the next ranking.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping


from workbench.analysis.detect import Finding, with_controls
from workbench.errors import InputError, ModelError
from workbench.red_flags import load_categories
from workbench.store import queries
from workbench.store.gateway import Gateway
from workbench.trust.audit import AuditLog
from workbench.datafiles import read_mapping

WEIGHTS_PATH = Path(__file__).parent.parent / "data" / "target_weights.yaml"
OUTCOMES: tuple[str, ...] = ("nothing_found", "discrepancy", "seizure")
LANGS: tuple[str, ...] = ("en", "es")
ROLES: tuple[str, ...] = ("consignee", "shipper", "broker")
MAX_NOTES = 4000
MAX_WINDOW_DAYS = 366
_TEXTS = ("party_risk", "controlled_chemical", "vague_declaration", "declaration_mismatch", "watched_transit",
          "other_destination", "notification_missing", "notification_objected", "cleared_alike", "inspected")


@dataclass(frozen=True)
class TargetWeights:
    """The validated contents of ``target_weights.yaml``."""

    roles: dict[str, float]
    other_parties: float
    min_risk: float
    top_flags: int
    schedules: dict[str, float]
    jurisdictions: list[str]
    vague: float
    mismatch: float
    watched_transit: float
    watched_countries: list[str]
    other_destination: float
    missing: float
    objected: float
    required_schedules: list[str]
    valid_statuses: list[str]
    window_days: int
    cleared_factor: float
    lookback_days: int
    texts: dict[str, dict[str, str]]
    role_names: dict[str, dict[str, str]]
    outcome_names: dict[str, dict[str, str]]
    schedule_names: dict[str, dict[str, str]] = field(default_factory=dict)


def _fraction(path: Path, where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ModelError(f"{path}: {where} must be a number between 0 and 1, not {value!r}.")
    return float(value)


def _whole(path: Path, where: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ModelError(f"{path}: {where} must be a whole number of at least 0, not {value!r}.")
    return value


def _strings(path: Path, where: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ModelError(f"{path}: {where} must be a list of names.")
    return list(value)


def _section(path: Path, data: Mapping[str, Any], where: str) -> dict[str, Any]:
    value = data.get(where.rsplit(".", 1)[-1])
    if not isinstance(value, dict):
        raise ModelError(f"{path}: {where} must be a mapping.")
    return value


def _bilingual(path: Path, where: str, value: Any, names: Iterable[str]) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict):
        raise ModelError(f"{path}: {where} must be a mapping.")
    out: dict[str, dict[str, str]] = {}
    for name in names:
        item = value.get(name)
        if not isinstance(item, dict) or not all(isinstance(item.get(lang), str) and item[lang] for lang in LANGS):
            raise ModelError(f"{path}: {where}.{name} needs a text in each of {', '.join(LANGS)}.")
        out[name] = {lang: str(item[lang]) for lang in LANGS}
    return out


def load_target_weights(path: Path | None = None) -> TargetWeights:
    """Read and validate the queue's weights (default: the packaged file, cached)."""
    return _load(path or WEIGHTS_PATH)


@lru_cache(maxsize=4)
def _load(path: Path) -> TargetWeights:
    data = read_mapping(path, "the inspection queue weights")
    reasons = _section(path, data, "reasons")
    party = _section(path, reasons, "reasons.party_risk")
    roles_raw = party.get("roles")
    if not isinstance(roles_raw, dict) or set(roles_raw) != set(ROLES):
        raise ModelError(f"{path}: reasons.party_risk.roles needs exactly {', '.join(ROLES)}.")
    chemical = _section(path, reasons, "reasons.controlled_chemical")
    route = _section(path, reasons, "reasons.route")
    notification = _section(path, reasons, "reasons.notification")
    cleared = _section(path, data, "cleared")
    min_risk = party.get("minRisk", 1)
    if isinstance(min_risk, bool) or not isinstance(min_risk, (int, float)) or not 0 <= min_risk <= 100:
        raise ModelError(f"{path}: reasons.party_risk.minRisk must be a number between 0 and 100.")
    schedules = {str(k): _fraction(path, f"reasons.controlled_chemical.{k}", v)
                 for k, v in chemical.items() if k != "jurisdictions"}
    if "other" not in schedules:
        raise ModelError(f"{path}: reasons.controlled_chemical needs `other` (any schedule not listed).")
    lookback = _whole(path, "cleared.lookbackDays", cleared.get("lookbackDays"))
    window = _whole(path, "reasons.notification.windowDays", notification.get("windowDays"))
    return TargetWeights(
        roles={r: _fraction(path, f"reasons.party_risk.roles.{r}", roles_raw[r]) for r in ROLES},
        other_parties=_fraction(path, "reasons.party_risk.otherParties", party.get("otherParties")),
        min_risk=float(min_risk),
        top_flags=_whole(path, "reasons.party_risk.topFlags", party.get("topFlags", 2)),
        schedules=schedules,
        jurisdictions=_strings(path, "reasons.controlled_chemical.jurisdictions", chemical.get("jurisdictions")),
        vague=_fraction(path, "reasons.vague_declaration", reasons.get("vague_declaration")),
        mismatch=_fraction(path, "reasons.declaration_mismatch", reasons.get("declaration_mismatch")),
        watched_transit=_fraction(path, "reasons.route.watchedTransit", route.get("watchedTransit")),
        watched_countries=_strings(path, "reasons.route.watchedTransitCountries", route.get("watchedTransitCountries")),
        other_destination=_fraction(path, "reasons.route.otherDestination", route.get("otherDestination")),
        missing=_fraction(path, "reasons.notification.missing", notification.get("missing")),
        objected=_fraction(path, "reasons.notification.objected", notification.get("objected")),
        required_schedules=_strings(path, "reasons.notification.requiredSchedules",
                                    notification.get("requiredSchedules")),
        valid_statuses=[s.lower() for s in _strings(path, "reasons.notification.validStatuses",
                                                    notification.get("validStatuses"))],
        window_days=window,
        cleared_factor=_fraction(path, "cleared.factor", cleared.get("factor")),
        lookback_days=lookback,
        texts=_bilingual(path, "texts", data.get("texts"), _TEXTS),
        role_names=_bilingual(path, "roles", data.get("roles"), ROLES),
        outcome_names=_bilingual(path, "outcomes", data.get("outcomes"), OUTCOMES),
        schedule_names=_bilingual(path, "schedules", data.get("schedules") or {}, list(data.get("schedules") or {})),
    )


@dataclass(frozen=True)
class Reason:
    """One line of why a consignment ranks where it does: its code, weight and the values its text is made of."""

    code: str
    weight: float
    values: dict[str, Any]
    #: Findings behind a party-risk reason (as in the risk ranking), for the details view.
    findings: tuple[dict[str, Any], ...] = ()

    def text(self, lang: str = "en", weights: TargetWeights | None = None) -> str:
        weights = weights or load_target_weights()
        template = weights.texts[self.code][lang if lang in LANGS else "en"]
        values = dict(self.values)
        if self.code == "party_risk":
            values["role"] = weights.role_names[values["role"]][lang if lang in LANGS else "en"]
            values["flags"] = "; ".join(_flag_text(f, lang) for f in self.findings) or "—"
        if self.code == "controlled_chemical":
            values["controls"] = _control_text(values["controls"], lang, weights)
        if self.code == "inspected":
            values["outcome"] = weights.outcome_names.get(values["outcome"], {}).get(lang, values["outcome"])
        return template.format(**values)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"code": self.code, "weight": round(self.weight, 3), "text": self.text(lang), **(
            {"findings": list(self.findings)} if self.findings else {})}


def _flag_text(finding: Mapping[str, Any], lang: str) -> str:
    category = load_categories().get(str(finding.get("category")))
    return category.name_in(lang) if category is not None else str(finding.get("rule"))


@dataclass
class Target:
    """One arriving consignment with its score and reasons, highest first in a queue."""

    key: str
    billOfLading: str | None
    declarationDate: str | None
    mode: str
    hsCode: str | None
    goodsDescription: str | None
    weightKg: float | None
    shippers: list[dict[str, Any]]
    consignees: list[dict[str, Any]]
    brokers: list[dict[str, Any]]
    score: float
    reasons: list[Reason] = field(default_factory=list)
    inspections: list[dict[str, Any]] = field(default_factory=list)
    rank: int = 0

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"rank": self.rank, "score": self.score, "key": self.key, "billOfLading": self.billOfLading,
                "declarationDate": self.declarationDate, "mode": self.mode, "hsCode": self.hsCode,
                "goodsDescription": self.goodsDescription, "weightKg": self.weightKg,
                "shippers": self.shippers, "consignees": self.consignees, "brokers": self.brokers,
                "reasons": [r.to_dict(lang) for r in self.reasons], "inspections": self.inspections}

    def flat(self, lang: str = "en") -> dict[str, Any]:
        """One row for a table or CSV: names joined, reasons as lines joined by " | "."""
        def names(parties: list[dict[str, Any]]) -> str:
            return "; ".join(str(p.get("name") or p.get("key")) for p in parties)

        last = max(self.inspections, key=lambda i: str(i.get("date") or ""), default=None)
        return {"rank": self.rank, "score": self.score, "billOfLading": self.billOfLading,
                "date": self.declarationDate, "mode": self.mode, "hsCode": self.hsCode,
                "goods": self.goodsDescription, "shipper": names(self.shippers),
                "consignee": names(self.consignees), "broker": names(self.brokers),
                "inspected": f"{last['outcome']} {last['date']}" if last else "",
                "reasons": " | ".join(r.text(lang) for r in self.reasons), "key": self.key}


@dataclass
class Queue:
    """The ranked consignments of one port or airport in one window."""

    port: dict[str, Any]
    date_from: str
    date_to: str
    targets: list[Target]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"port": self.port, "from": self.date_from, "to": self.date_to,
                "targets": [t.to_dict(lang) for t in self.targets]}


def parse_day(text: str | date | None, option: str) -> str:
    """An ISO date (YYYY-MM-DD) as text; anything else is a clear error naming the option."""
    if isinstance(text, date):
        return text.isoformat()
    try:
        return date.fromisoformat(str(text or "").strip()).isoformat()
    except ValueError as e:
        raise InputError(f"{option} {text!r} is not a date; use YYYY-MM-DD, e.g. 2024-07-01.") from e


def check_window(date_from: str | date | None, date_to: str | date | None) -> tuple[str, str]:
    """The window as two ISO dates, first not after last and at most a year long."""
    first, last = parse_day(date_from, "--from"), parse_day(date_to, "--to")
    if first > last:
        raise InputError(f"--from {first} is after --to {last}; give the earlier date first.")
    if (date.fromisoformat(last) - date.fromisoformat(first)).days > MAX_WINDOW_DAYS:
        raise InputError(f"The window {first}..{last} is longer than {MAX_WINDOW_DAYS} days; pick a shorter one.")
    return first, last


def find_port(gateway: Gateway, code: str, date_from: str, date_to: str) -> dict[str, Any]:
    """The port or airport named by ``code`` (a code or a known alias such as AIFA or Manzanillo)."""
    from workbench.normalize.ports import port_code  # noqa: PLC0415 - loads the ports list only when asked

    text = (code or "").strip()
    if not text:
        raise InputError("--port is empty; give a port or airport code such as MXZLO or MXNLU.")
    candidates = list(dict.fromkeys(c for c in (text.upper(), port_code(text)) if c))
    for candidate in candidates:
        rows = queries.run(gateway, "targets_port", {"code": candidate, "dateFrom": date_from, "dateTo": date_to},
                           row_cap=2).raise_for_status().data()
        if rows:
            return rows[0]
    raise InputError(f"No port or airport with code {text!r} in the store; use the code of a port of discharge "
                     "(UN/LOCODE such as MXZLO, MXLZC, or an airport such as MXNLU).")


def _hs_heading(code: Any) -> str:
    digits = "".join(ch for ch in str(code or "") if ch.isdigit())
    return digits[:4]


def _party_reasons(row: Mapping[str, Any], party_risk: Mapping[str, Mapping[str, Any]],
                   weights: TargetWeights) -> list[Reason]:
    reasons = []
    for role, column in (("consignee", "consignees"), ("shipper", "shippers"), ("broker", "brokers")):
        for party in row.get(column) or []:
            risk = party_risk.get(str(party.get("key")))
            if risk is None or float(risk.get("score") or 0) < weights.min_risk:
                continue
            score = float(risk["score"])
            counted = [f for f in risk.get("findings") or [] if f.get("counted", True)]
            counted.sort(key=lambda f: -float(f.get("contribution") or 0))
            top: list[dict[str, Any]] = []
            for finding in counted:
                if finding.get("category") not in {f.get("category") for f in top}:
                    top.append(dict(finding))
                if len(top) >= weights.top_flags:
                    break
            reasons.append(Reason("party_risk", weights.roles[role] * score / 100.0,
                                  {"role": role, "name": party.get("name") or party.get("key"), "key": party.get("key"),
                                   "risk": round(score)}, tuple(top)))
    # The parties' risks overlap (one finding often names shipper and consignee): the strongest counts fully,
    # the others add otherParties of their weight.
    reasons.sort(key=lambda r: -r.weight)
    return reasons[:1] + [Reason(r.code, r.weight * weights.other_parties, r.values, r.findings) for r in reasons[1:]]


_SINCE = {"en": "since", "es": "desde"}


def _control_text(controls: list[Mapping[str, Any]], lang: str, weights: TargetWeights) -> str:
    """"UN Table I since 2017-10-18, MX ..."; a control whose start is unknown (catalogue date 1900) has no date."""
    parts = []
    for c in controls:
        since = str(c.get("since") or "")
        schedule = str(c.get("schedule"))
        named = weights.schedule_names.get(schedule, {}).get(lang) or schedule.replace("_", " ")
        text = f"{c.get('jurisdiction')} {named}"
        parts.append(f"{text} {_SINCE.get(lang, 'since')} {since}" if since > "1901" else text)
    return ", ".join(parts)


def _chemical_reasons(row: Mapping[str, Any], weights: TargetWeights) -> list[Reason]:
    reasons: list[Reason] = []
    consignee_known = bool(row.get("consignees"))
    for chem in row.get("chemicals") or []:
        name = chem.get("name") or chem.get("key")
        controls = list(chem.get("controls") or [])
        if controls:
            w = max(weights.schedules.get(str(c.get("schedule")), weights.schedules["other"]) for c in controls)
            reasons.append(Reason("controlled_chemical", w, {"chemical": name, "controls": controls}))
        heading, own = _hs_heading(row.get("hsCode")), _hs_heading(chem.get("hsCode"))
        if heading and own and heading != own:
            reasons.append(Reason("declaration_mismatch", weights.mismatch,
                                  {"hsCode": row.get("hsCode"), "chemical": name, "chemicalHs": chem.get("hsCode")}))
        needs = [c for c in controls if c.get("schedule") in weights.required_schedules]
        if not needs or not consignee_known:
            continue
        notes = list(chem.get("notifications") or [])
        valid = [n for n in notes if n.get("status") is None or str(n["status"]).lower() in weights.valid_statuses]
        objected = [n for n in notes if str(n.get("status") or "").lower() == "objected"]
        if valid:
            continue
        if objected:
            reasons.append(Reason("notification_objected", weights.objected,
                                  {"chemical": name, "pens": ", ".join(str(n.get("penId")) for n in objected)}))
        else:
            reasons.append(Reason("notification_missing", weights.missing, {"chemical": name}))
    return reasons


def _route_reasons(row: Mapping[str, Any], weights: TargetWeights) -> list[Reason]:
    reasons = []
    watched = [p for p in row.get("transit") or [] if p.get("country") in weights.watched_countries]
    if watched:
        watched.sort(key=lambda p: (p.get("order") is None, p.get("order") or 0))
        reasons.append(Reason("watched_transit", weights.watched_transit,
                              {"ports": ", ".join(f"{p.get('name') or p.get('code')} ({p.get('country')})"
                                                  for p in watched)}))
    destination = row.get("finalDestinationCountry")
    countries = {c.get("country") for c in row.get("consignees") or [] if c.get("country")}
    if destination and countries and destination not in countries:
        reasons.append(Reason("other_destination", weights.other_destination,
                              {"destination": destination, "country": ", ".join(sorted(countries))}))
    return reasons


def score_consignment(row: Mapping[str, Any], party_risk: Mapping[str, Mapping[str, Any]],
                      weights: TargetWeights | None = None) -> Target:
    """Score one row of ``targets_arrivals`` (pure: no store), with its reasons strongest first."""
    weights = weights or load_target_weights()
    reasons = _party_reasons(row, party_risk, weights) + _chemical_reasons(row, weights)
    if row.get("vagueDescription"):
        reasons.append(Reason("vague_declaration", weights.vague, {"description": row.get("goodsDescription") or "?"}))
    reasons += _route_reasons(row, weights)
    remaining = 1.0
    for reason in reasons:
        remaining *= 1.0 - min(max(reason.weight, 0.0), 1.0)
    score = 100.0 * (1.0 - remaining)
    reasons.sort(key=lambda r: -r.weight)
    cleared = sorted(row.get("clearedAlike") or [], key=lambda c: str(c.get("date") or ""), reverse=True)
    if cleared and score > 0:
        score *= weights.cleared_factor
        reasons.append(Reason("cleared_alike", 0.0, {"billOfLading": cleared[0].get("billOfLading"),
                                                     "date": cleared[0].get("date"),
                                                     "factor": weights.cleared_factor}))
    inspections = sorted((dict(i) for i in row.get("inspections") or []), key=lambda i: str(i.get("date") or ""),
                         reverse=True)
    for inspection in inspections:
        reasons.append(Reason("inspected", 0.0, {"date": inspection.get("date"), "outcome": inspection.get("outcome")}))
    return Target(key=str(row["key"]), billOfLading=row.get("billOfLading"), declarationDate=row.get("declarationDate"),
                  mode=str(row.get("mode") or "sea"), hsCode=row.get("hsCode"), goodsDescription=row.get("goodsDescription"),
                  weightKg=row.get("weightKg"), shippers=list(row.get("shippers") or []),
                  consignees=list(row.get("consignees") or []), brokers=list(row.get("brokers") or []),
                  score=round(score, 1), reasons=reasons, inspections=inspections)


def party_risk_index(ranked: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """Company key -> its risk entry (``CompanyRisk`` objects or their ``to_dict()``)."""
    out: dict[str, dict[str, Any]] = {}
    for entry in ranked:
        item = entry if isinstance(entry, Mapping) else entry.to_dict()
        out[str(item["key"])] = dict(item)
    return out


def build_queue(gateway: Gateway, port: str, date_from: str | date | None, date_to: str | date | None, *,
                party_risk: Mapping[str, Mapping[str, Any]] | None = None,
                weights: TargetWeights | None = None, home: Path | None = None) -> Queue:
    """The consignments discharged at ``port`` with a declaration date in the window, ranked for inspection.

    ``party_risk`` maps company keys to risk entries (the app passes its cached ranking); without it the detectors
    and network measures run now (:func:`workbench.analysis.risk.rank`; with ``home``, on the findings kept for the
    store's version when they are current).
    """
    weights = weights or load_target_weights()
    first, last = check_window(date_from, date_to)
    found = find_port(gateway, port, first, last)
    query = queries.get("targets_arrivals")
    params = with_controls(query, {"code": found["code"], "dateFrom": first, "dateTo": last,
                                   "windowDays": weights.window_days, "lookbackDays": weights.lookback_days,
                                   "jurisdictions": weights.jurisdictions})
    rows = queries.run(gateway, "targets_arrivals", params, row_cap=5001, timeout=600).raise_for_status().data()
    if party_risk is None:
        from workbench.analysis import risk  # noqa: PLC0415 - runs every detector: only when a queue is built

        party_risk = party_risk_index(risk.rank(gateway, home=home))
    targets = [score_consignment(row, party_risk, weights) for row in rows]
    targets.sort(key=lambda t: (-t.score, str(t.declarationDate or ""), t.key))
    for i, target in enumerate(targets, start=1):
        target.rank = i
    return Queue(found, first, last, targets)


@dataclass(frozen=True)
class Inspection:
    """A recorded inspection, as stored."""

    key: str
    shipment: str
    outcome: str
    date: str
    officer: str
    port: str | None
    notes: str
    recordedAt: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def find_shipment(gateway: Gateway, ref: str) -> dict[str, Any]:
    """The one consignment named by a key or transport document number; a clear error for none or several."""
    text = (ref or "").strip()
    if not text:
        raise InputError("Name the consignment to record: its key (shipment:...) or its transport document number.")
    rows = queries.run(gateway, "targets_find_shipment", {"ref": text}, row_cap=21).raise_for_status().data()
    if not rows:
        raise InputError(f"No consignment with key or transport document {text!r}; copy the key from "
                         "`workbench targets` (its last column).")
    if len(rows) > 1:
        raise InputError(f"{text!r} names {len(rows)} consignments ({', '.join(r['key'] for r in rows[:5])}); "
                         "give the key of the one inspected.")
    return rows[0]


def record_inspection(gateway: Gateway, audit: AuditLog, user: str, shipment: str, outcome: str, notes: str = "",
                      *, day: str | date | None = None, now: datetime | None = None) -> Inspection:
    """Store an officer's inspection of one consignment and record it in the audit trail.

    The trail is checked first, so nothing is stored that could not be audited; ``user`` is who inspected.
    """
    if outcome not in OUTCOMES:
        raise InputError(f"Outcome {outcome!r} is not one of {', '.join(OUTCOMES)}.")
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise InputError(f"The notes are {len(notes)} characters long; keep them under {MAX_NOTES}.")
    if not user:
        raise InputError("An inspection needs the name of the officer who recorded it.")
    moment = now or datetime.now(timezone.utc)
    inspected_on = parse_day(day or moment.date(), "--date")
    if inspected_on > moment.date().isoformat():
        raise InputError(f"The inspection date {inspected_on} is in the future.")
    audit.ensure_writable()
    target = find_shipment(gateway, shipment)
    item = Inspection(key=f"inspection:{uuid.uuid4()}", shipment=str(target["key"]), outcome=outcome,
                      date=inspected_on, officer=user, port=target.get("port"), notes=notes,
                      recordedAt=moment.isoformat(timespec="seconds"))
    rows = queries.run(gateway, "inspection_record", {
        "key": item.key, "shipment": item.shipment, "outcome": outcome, "date": inspected_on, "officer": user,
        "port": item.port, "notes": notes, "now": item.recordedAt}).raise_for_status().data()
    if not rows:
        raise InputError(f"The consignment {item.shipment!r} is no longer in the store; nothing was recorded.")
    queries.run(gateway, "store_changed", {"changedAt": item.recordedAt, "changedBy": f"inspection {item.key}"})
    audit.record(user, "inspection", {"inspection": item.key, "shipment": item.shipment,
                                      "billOfLading": target.get("billOfLading"), "outcome": outcome,
                                      "date": inspected_on, "port": item.port, "notes": notes[:500]})
    return item


def inspections_of(gateway: Gateway, key: str, limit: int = 200) -> list[dict[str, Any]]:
    """The inspections recorded on a consignment, or on a firm's consignments, newest first."""
    return queries.run(gateway, "inspections_of", {"key": key, "limit": limit},
                       row_cap=limit + 1).raise_for_status().data()


def finding_lines(reason: Reason, lang: str = "en") -> list[str]:
    """The red flags behind a party-risk reason as sentences (the detectors' own explanations)."""
    lines = []
    for f in reason.findings:
        try:
            finding = Finding(rule=f["rule"], category=f["category"], severity=f["severity"],
                              entities=f["entities"], explanation=f["explanation"], evidence=f["evidence"],
                              score=f["score"])
            lines.append(finding.explanation_in(lang))
        except (KeyError, TypeError):
            lines.append(str(f.get("explanation") or f.get("rule")))
    return lines


def arrival_ports(gateway: Gateway, limit: int = 500) -> list[dict[str, Any]]:
    """Ports and airports with discharged consignments, busiest first, with their first and last arrival dates."""
    return queries.run(gateway, "targets_ports", {"limit": limit}, row_cap=limit + 1).raise_for_status().data()
