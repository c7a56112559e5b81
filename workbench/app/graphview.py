"""The network drawing: pyvis builds the vis-network data, our own template draws it, clicks come back.

pyvis only prepares nodes, edges and options. Its default HTML template links Bootstrap from a CDN,
so it is not used: the drawing runs in a Streamlit bidirectional custom component (components v2)
whose JavaScript inlines the vis-network library shipped inside the pyvis package. Nothing is
fetched from any host. A click on a node sends its key back to Python as a trigger value.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import pyvis
import yaml
from pyvis.network import Network

from workbench.analysis.explore import Graph

STYLE_FILE = Path(__file__).resolve().parent.parent / "data" / "style.yaml"
VIS_JS = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
COMPONENT_NAME = "precursor_watch_network"
#: Above this many nodes, skip vis-network's slow "improved layout" and stabilise in fewer steps.
LARGE = 120


@lru_cache(maxsize=1)
def load_style() -> dict[str, dict[str, str]]:
    """{Label: {color, shape}} from workbench/data/style.yaml (shared with the briefing pictures)."""
    with open(STYLE_FILE, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    for label, spec in data.items():
        if not isinstance(spec, dict) or not str(spec.get("color", "")).startswith("#") or not spec.get("shape"):
            raise ValueError(f"{STYLE_FILE}: {label} needs color: '#hex' and shape.")
    return data


def style_for(labels: list[str]) -> dict[str, str]:
    style = load_style()
    for label in ("Broker", *labels):  # a broker's own colour wins over Company's
        if label in labels and label in style:
            return style[label]
    return {"color": "#999999", "shape": "dot"}


def node_size(risk: Any) -> float:
    try:
        value = max(0.0, min(1.0, float(risk)))
    except (TypeError, ValueError):
        value = 0.0
    return 12 + 28 * value


def options(node_count: int) -> dict[str, Any]:
    large = node_count > LARGE
    return {
        "autoResize": True,
        "interaction": {"hover": True, "multiselect": True, "navigationButtons": False, "tooltipDelay": 150},
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 9, "align": "middle"},
                  "color": {"color": "#9aa4ad", "highlight": "#333333"}, "smooth": False},
        "nodes": {"font": {"size": 12}, "borderWidth": 1},
        "physics": {
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 120, "springConstant": 0.04,
                          "damping": 0.4, "avoidOverlap": 0.1},
            "stabilization": {"enabled": True, "iterations": 150 if large else 400, "updateInterval": 50,
                              "fit": True},
            "minVelocity": 1.5,
        },
    }


def build_network(graph: Graph, hidden: set[str] | None = None, pinned: set[str] | None = None,
                  label_text: Callable[[str], str] = str, risk: dict[str, float] | None = None) -> Network:
    """A pyvis network of the graph: colour and shape by label, size by risk (0..1 by key), pinned nodes fixed."""
    hidden = hidden or set()
    pinned = pinned or set()
    risk = risk or {}
    net = Network(height="640px", width="100%", directed=True, cdn_resources="local")
    for key, node in graph.nodes.items():
        if key in hidden:
            continue
        style = style_for(node["labels"])
        score = risk.get(key)
        title = f"{label_text(node['label'])}: {node['caption']}"
        if score is not None:
            title += f" · risk {float(score):.2f}"
        net.add_node(key, label=node["caption"][:40], title=title, shape=style["shape"],
                     color={"background": style["color"], "border": "#b30000" if (score or 0) >= 0.7 else "#333333"},
                     size=node_size(score), borderWidth=4 if key in pinned else 1, fixed=key in pinned)
    for edge in graph.edges.values():
        if edge["source"] in hidden or edge["target"] in hidden:
            continue
        if edge["source"] in graph.nodes and edge["target"] in graph.nodes:
            net.add_edge(edge["source"], edge["target"], label=edge["type"], title=edge["type"])
    net.options = options(len(net.nodes))
    return net


def network_data(net: Network, selected: str | None = None) -> dict[str, Any]:
    """What the component draws: nodes, edges, options, and a signature to skip redrawing the same graph."""
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    body = json.dumps([nodes, edges, options_json], sort_keys=True, default=str)
    return {
        "nodes": nodes, "edges": edges, "options": json.loads(options_json),
        "signature": hashlib.sha1(body.encode()).hexdigest(), "selected": selected,
    }


_HTML = '<div class="pw-graph" data-settled="false" style="width:100%;height:{height}px;border:1px solid #d0d7de;"></div>'

_JS_TEMPLATE = """
/* vis-network, inlined from the pyvis package (no CDN). */
%(vis)s
;
const VIS = globalThis.vis;

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.pw-graph');
  if (!root || !data) { return; }
  const current = root.__pw;
  if (current && current.signature === data.signature) {
    if (data.selected && current.network.body.data.nodes.get(data.selected)) {
      current.network.selectNodes([data.selected]);
    }
    return;
  }
  if (current) { current.network.destroy(); }
  root.dataset.settled = 'false';
  const started = performance.now();
  const nodes = new VIS.DataSet(data.nodes);
  const edges = new VIS.DataSet(data.edges);
  const network = new VIS.Network(root, { nodes: nodes, edges: edges }, data.options);
  const state = { signature: data.signature, network: network, started: started, settledMs: null };
  root.__pw = state;
  globalThis.__pwNetwork = network;
  globalThis.__pwGraph = state;
  const settle = function () {
    if (state.settledMs !== null) { return; }
    state.settledMs = performance.now() - started;
    network.setOptions({ physics: { enabled: false } });
    root.dataset.settled = 'true';
    root.dataset.settledMs = String(Math.round(state.settledMs));
    if (data.selected && nodes.get(data.selected)) { network.selectNodes([data.selected]); }
  };
  network.once('stabilizationIterationsDone', settle);
  network.once('stabilized', settle);
  if (data.nodes.length === 0) { settle(); }
  network.on('click', function (params) {
    if (params.nodes && params.nodes.length > 0) {
      setTriggerValue('clicked', String(params.nodes[0]));
    }
  });
  network.on('dragEnd', function (params) {
    if (params.nodes && params.nodes.length > 0) {
      setTriggerValue('moved', String(params.nodes[0]));
    }
  });
}
"""


@lru_cache(maxsize=1)
def component_js() -> str:
    return _JS_TEMPLATE % {"vis": VIS_JS.read_text(encoding="utf-8")}


@lru_cache(maxsize=4)
def _component(height: int) -> Callable[..., Any]:
    import streamlit as st  # noqa: PLC0415 - only the app needs Streamlit

    return st.components.v2.component(f"{COMPONENT_NAME}_{height}", html=_HTML.format(height=height),
                                      js=component_js(), isolate_styles=False)


def draw(data: dict[str, Any], key: str, height: int = 640) -> str | None:
    """Draw the network; return the key of the node clicked in this run, if any."""
    result = _component(height)(data=data, key=key, height=height + 10, on_clicked_change=lambda: None)
    clicked = getattr(result, "clicked", None)
    return str(clicked) if clicked else None


def standalone_html(data: dict[str, Any], height: int = 800) -> str:
    """A self-contained page with the same drawing (benchmark, debugging); no external resources."""
    payload = json.dumps(data, default=str)
    js = component_js().replace("export default function (component)", "function mount(component)")
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>network</title></head><body>"
        f"<div id='host'>{_HTML.format(height=height)}</div>"
        f"<script>{js}\nmount({{data: {payload}, parentElement: document.getElementById('host'), "
        "setTriggerValue: function (k, v) { globalThis.__pwLastTrigger = [k, v]; }});</script></body></html>"
    )
