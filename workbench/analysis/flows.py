"""The store's trade flows: every shipper, consignee, broker and notify-party combination with its shipments.

One walk of every shipment (``risk_trade_parties``) serves both the risk ranking's flow findings
(:mod:`workbench.analysis.risk`) and the company graph of the network measures (:mod:`workbench.analysis.network`);
:mod:`workbench.analysis.snapshot` keeps the rows per store version.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.store import queries
from workbench.store.gateway import Gateway


@dataclass(frozen=True)
class Flow:
    """Shipments between one shipper and one consignee, arranged by one broker (or none), naming notify parties."""

    shipper: str
    consignee: str
    broker: str | None
    notify: tuple[str, ...]
    shipments: int
    seized: int = 0

    @property
    def parties(self) -> set[str]:
        """The trading parties: shipper, consignee and notify parties, not the broker that arranged it."""
        return ({self.shipper, self.consignee} | set(self.notify)) - {self.broker, None, ""}


def trade_flows(gateway: Gateway) -> list[Flow]:
    """Every combination of shipper, consignee, broker and notify parties with its shipments."""
    result = queries.run(gateway, "risk_trade_parties", row_cap=10_000_000, timeout=600).raise_for_status()
    return [Flow(row["shipper"], row["consignee"], row["broker"], tuple(sorted(set(row["notify"] or []))),
                 int(row["shipments"] or 0), int(row["seized"] or 0)) for row in result.data()]
