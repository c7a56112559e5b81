"""Payments (``payments.csv``): one Payment per payment id, paid by its originator (PAID) to its beneficiary
(PAID_TO), both resolved by the same resolution as every other party.

Who is a firm and who a natural person: the ``originator_type`` / ``beneficiary_type`` column (``company`` or
``person``) when it is filled; else a name with a legal form ("S.A. de C.V.", "Co., Ltd.", "LLC"...) or a trade
word ("trading", "chemical", "química", "import"...) is a Company, and any other name a Person. A person joins
another record only on evidence beyond the name (resolve.py): here the account or wallet it pays from or into.
Accounts and wallets are identifiers of the party (``account:``, ``wallet:``), so two payments from one account
are one payer, and a firm's account seen again names the firm. A person named without account or wallet is known by
the payment alone (``originator:<payment id>``): ingesting it again finds the same person, another payment does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench import normalize as nz
from workbench.ingest.kinds.base import Kind
from workbench.ingest.plan import compact, props

if TYPE_CHECKING:
    from workbench.ingest.builder import Builder
    from workbench.ingest.rows import Record

FIELDS = {
    "payment_id": "text", "date": "date", "amount": "amount", "currency": "currency", "method": "method",
    "originator_name": "text", "originator_type": "party_type", "originator_account": "text",
    "originator_country": "country", "beneficiary_name": "text", "beneficiary_type": "party_type",
    "beneficiary_account": "text", "beneficiary_country": "country", "wallet_address": "text", "reference": "text",
}
REQUIRED = ("payment_id", "date", "amount", "currency", "method", "originator_name", "beneficiary_name")
STORED_FIELDS = {"paymentId": "payment_id", "date": "date", "amount": "amount", "currency": "currency",
                 "method": "method", "originatorName": "originator_name", "beneficiaryName": "beneficiary_name",
                 "originatorAccount": "originator_account", "beneficiaryAccount": "beneficiary_account",
                 "walletAddress": "wallet_address"}
#: Words that make a name without a legal form a firm's (folded, whole words).
TRADE_WORDS = frozenset({
    "trading", "trade", "chemical", "chemicals", "chem", "quimica", "quimicos", "pharma", "pharmaceutical",
    "farmaceutica", "laboratorio", "laboratorios", "laboratory", "import", "export", "importadora", "exportadora",
    "comercializadora", "distribuidora", "industrial", "industries", "industry", "group", "grupo", "logistics",
    "logistica", "supply", "supplies", "foods", "biotech", "technology", "company", "corporation", "holdings",
    "international", "servicios", "services", "store", "shop", "exchange", "casa", "agencia", "materials",
})


def party_label(name: str, declared: str | None) -> str:
    """``Company`` or ``Person``: the declared type, else a legal form or a trade word makes a firm."""
    if declared:
        return "Person" if declared == "person" else "Company"
    if nz.legal_form(name):
        return "Company"
    return "Company" if TRADE_WORDS & set(nz.fold(name).split()) else "Person"


def node_key(d: dict[str, Any]) -> str:
    """``payment:<payment id>``."""
    return f"payment:{d['payment_id']}"


def check(d: dict[str, Any]) -> list[tuple[str, str]]:
    """A virtual-currency payment names its wallet."""
    if d["method"] == "virtual_currency" and not d["wallet_address"]:
        return [("wallet_address", "wallet_address is required when method is virtual_currency")]
    return []


def _ids(account: str | None, wallet: str | None) -> list[str]:
    out = [f"account:{compact(account)}"] if account and compact(account) else []
    return out + ([f"wallet:{wallet.strip()}"] if wallet and wallet.strip() else [])


def collect(b: Builder, r: Record) -> dict[str, int | None]:
    d = r.data
    slots: dict[str, int | None] = {}
    for side in ("originator", "beneficiary"):
        label = party_label(d[f"{side}_name"], d[f"{side}_type"])
        d[f"_{side}_label"] = label
        wallet = d["wallet_address"] if side == "beneficiary" else None
        ids = _ids(d[f"{side}_account"], wallet)
        if not ids and label == "Person":
            # No account to know them by: the payment itself, so that ingesting it again finds the same person.
            ids = [f"{side}:{d['payment_id']}"]
        slots[side] = b.mention(label, d[f"{side}_name"], d[f"{side}_country"], r.ref, identifiers=ids)
    return slots


def emit(b: Builder, r: Record) -> None:
    d, ref, file, slots, plan = r.data, r.ref, r.file, r.data["_slots"], b.plan
    key = node_key(d)
    node = plan.node("Payment", key, ref, file)
    node.props = {**r.extra, **props(
        paymentId=d["payment_id"], date=d["date"], amount=d["amount"], currency=d["currency"], method=d["method"],
        originatorName=d["originator_name"], beneficiaryName=d["beneficiary_name"],
        originatorAccount=d["originator_account"], beneficiaryAccount=d["beneficiary_account"],
        originatorCountry=d["originator_country"], beneficiaryCountry=d["beneficiary_country"],
        walletAddress=d["wallet_address"], reference=d["reference"])}
    node.search = [d["payment_id"], d["originator_account"] or "", d["beneficiary_account"] or "",
                   d["wallet_address"] or "", d["reference"] or ""]
    payer = b.party(d["_originator_label"], slots["originator"], ref, file)
    if payer:
        plan.rel("PAID", d["_originator_label"], payer, "Payment", key, ref, file, as_name=d["originator_name"])
    payee = b.party(d["_beneficiary_label"], slots["beneficiary"], ref, file)
    if payee:
        plan.rel("PAID_TO", "Payment", key, d["_beneficiary_label"], payee, ref, file, as_name=d["beneficiary_name"])


KIND = Kind("payments", FIELDS, REQUIRED, REQUIRED, collect, emit, resolve_order=8,
            identity=("payment_id",), stored_fields=STORED_FIELDS, node_key=node_key, stored_group="payments",
            check=check)
