"""The timeline statement returns each event as the properties that caption it, not the whole node."""

import re

from workbench.analysis import explore
from workbench.model.graph import load_model
from workbench.store.catalogue import load_catalogue


def _projected() -> set[str]:
    text = load_catalogue()["app_timeline"].text
    found = re.search(r"\be \{([^}]*)\} AS e\b", text)
    assert found, "app_timeline no longer projects its events"
    return {part.strip().lstrip(".") for part in found.group(1).split(",")}


def test_the_projection_holds_what_captions_every_event_label():
    model = load_model()
    wanted = {"key", "name"} | {model.labels[label].display for label in explore._EVENT_KIND}
    assert wanted <= _projected()


def test_an_event_is_captioned_from_the_projection_as_from_the_whole_node():
    whole = {"key": "shipment:1", "billOfLading": "ZNML1", "sourceRows": ["a.csv:2"], "searchText": "x"}
    projected = {k: whole.get(k) for k in _projected()}
    assert explore.node_dict(projected, ["Shipment"])["caption"] == explore.node_dict(whole, ["Shipment"])["caption"]
