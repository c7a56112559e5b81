"""The network drawing: pyvis builds the vis-network data, our own template draws it, clicks come back.

pyvis only prepares nodes, edges and options. Its default HTML template links Bootstrap from a CDN,
so it is not used: the drawing runs in a Streamlit bidirectional custom component (components v2)
whose JavaScript inlines the vis-network library shipped inside the pyvis package. Nothing is
fetched from any host. A click on a node sends its key back to Python as a trigger value.
"""

from __future__ import annotations

import hashlib
import html
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import pyvis
import yaml
from pyvis.network import Network

from workbench.analysis.explore import TRADE, Graph

STYLE_FILE = Path(__file__).resolve().parent.parent / "data" / "style.yaml"
VIS_JS = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
COMPONENT_NAME = "precursor_watch_network"
#: Above this many nodes, skip vis-network's slow "improved layout" and stabilise in fewer steps.
LARGE = 120
#: Above this many edges, edge labels are left to the hover text (they would cover the node labels).
EDGE_LABELS_UP_TO = 40
#: Node captions are cut at this length (the full caption is in the hover text).
CAPTION_CHARS = 28
#: Above this many nodes only the parties (firms, people, seizures, listings) carry a caption; the others
#: show theirs on hover, so the names an investigator reads stay legible.
DENSE = 60
CAPTIONED_WHEN_DENSE = {"Company", "Broker", "Person", "Seizure", "WatchlistEntry"}
#: Colour of a trade link (shipments collapsed per firm pair); seized trade is drawn in the seizure colour.
TRADE_COLOR = "#1f77b4"


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
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "color": {"color": "#9aa4ad", "highlight": "#333333"}, "smooth": False},
        # a white halo keeps captions readable where they cross edges or other nodes
        # captions grow with the view so they stay legible once vis-network zooms out to fit it
        "nodes": {"font": {"size": 22 if node_count > DENSE else 18 if node_count > 40 else 14,
                           "strokeWidth": 4, "strokeColor": "#ffffff"}, "borderWidth": 1,
                  "borderWidthSelected": 4},
        "physics": {
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -12000 if node_count > DENSE else -9000 if node_count > 40 else -6000,
                          "centralGravity": 0.3,
                          "springLength": 190 if node_count > DENSE else 170 if node_count > 40 else 130,
                          "springConstant": 0.04,
                          "damping": 0.4, "avoidOverlap": 1.0},
            "stabilization": {"enabled": True, "iterations": 150 if large else 400, "updateInterval": 50,
                              "fit": True},
            "minVelocity": 1.5,
        },
    }


def _short(text: str) -> str:
    return text if len(text) <= CAPTION_CHARS else text[:CAPTION_CHARS - 1] + "…"


def node_title(node: dict[str, Any], label_text: Callable[[str], str], score: float | None) -> str:
    """Hover text: kind, full caption, risk and the context the node is shown with (country, ports, chemical)."""
    parts = [f"{label_text(node['label'])}: {node['caption']}"]
    if score is not None:
        parts.append(f"risk {float(score):.2f}")
    for label, names in (node.get("context") or {}).items():
        parts.append(f"{label_text(label)}: {', '.join(names)}")
    return " · ".join(parts)


def trade_text(edge: dict[str, Any]) -> str:
    """A trade link's caption: how many shipments, how many seized."""
    seized = f" · {edge.get('seized', 0)} ⚑" if edge.get("seized") else ""
    return f"{edge.get('shipments', 0)}×{seized}"


def trade_title(edge: dict[str, Any], describe: Callable[[dict[str, Any]], str] | None = None) -> str:
    if describe is not None:
        return describe(edge)
    chemicals = ", ".join(edge.get("chemicals") or []) or "—"
    return (f"{edge.get('shipments', 0)} shipments {edge.get('first')} – {edge.get('last')} · "
            f"{edge.get('seized', 0)} seized · {chemicals}")


def visible_graph(graph: Graph, hidden: set[str], trade_view: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and edges drawn: hidden nodes left out; in the trade view, shipments summarised by a trade link too."""
    summarised: set[str] = set()
    trade_pairs = {(e["source"], e["target"]) for e in graph.edges.values() if e["type"] == TRADE}
    if trade_view and trade_pairs:
        shipper: dict[str, str] = {}
        consignee: dict[str, str] = {}
        for e in graph.edges.values():
            if e["type"] == "SHIPPED":
                shipper[e["target"]] = e["source"]
            elif e["type"] == "CONSIGNED_TO":
                consignee[e["source"]] = e["target"]
        summarised = {k for k, n in graph.nodes.items()
                      if n["label"] == "Shipment" and (shipper.get(k), consignee.get(k)) in trade_pairs}
    nodes = [n for k, n in graph.nodes.items() if k not in hidden and k not in summarised]
    keys = {n["key"] for n in nodes}
    edges = [e for e in graph.edges.values() if e["source"] in keys and e["target"] in keys
             and (trade_view or e["type"] != TRADE)]
    return nodes, edges


def build_network(graph: Graph, hidden: set[str] | None = None, pinned: set[str] | None = None,
                  label_text: Callable[[str], str] = str, risk: dict[str, float] | None = None,
                  rel_text: Callable[[str], str] = str, trade_view: bool = False,
                  positions: dict[str, dict[str, float]] | None = None) -> Network:
    """A pyvis network of the graph: colour and shape by label, size by risk (0..1 by key), pinned nodes fixed.

    Known ``positions`` are passed on so a redrawn view keeps its layout; context travels in the hover text.
    """
    hidden = hidden or set()
    pinned = pinned or set()
    risk = risk or {}
    positions = positions or {}
    net = Network(height="640px", width="100%", directed=True, cdn_resources="local")
    nodes, edges = visible_graph(graph, hidden, trade_view)
    dense = len(nodes) > DENSE
    for node in nodes:
        key = node["key"]
        style = style_for(node["labels"])
        score = risk.get(key)
        extra: dict[str, Any] = {}
        where = positions.get(key)
        if where and "x" in where and "y" in where:
            extra = {"x": float(where["x"]), "y": float(where["y"])}
        captioned = not dense or bool(set(node["labels"]) & CAPTIONED_WHEN_DENSE) or key in pinned
        shape = style["shape"]
        if not captioned and shape == "box":
            shape = "square"  # an empty box would be a speck; the colour still says what it is
        net.add_node(key, label=_short(str(node["caption"])) if captioned else " ",
                     title=node_title(node, label_text, score), shape=shape,
                     color={"background": style["color"], "border": "#b30000" if (score or 0) >= 0.7 else "#333333",
                            # a selected node keeps the legend's colour; a thick dark border marks it
                            "highlight": {"background": style["color"], "border": "#000000"},
                            "hover": {"background": style["color"], "border": "#000000"}},
                     size=node_size(score), borderWidth=4 if key in pinned else 1, fixed=key in pinned, **extra)
    show_labels = len(edges) <= EDGE_LABELS_UP_TO
    for edge in edges:
        if edge["type"] == TRADE:
            seized = bool(edge.get("seized"))
            net.add_edge(edge["source"], edge["target"], label=trade_text(edge), title=trade_title(edge),
                         width=1 + min(6, int(edge.get("shipments", 1))),
                         color=load_style().get("Seizure", {}).get("color", "#d62728") if seized else TRADE_COLOR)
        else:
            text = rel_text(edge["type"])
            net.add_edge(edge["source"], edge["target"], label=text if show_labels else "", title=text)
    net.options = options(len(net.nodes))
    return net


def legend_html(labels: list[str], label_text: Callable[[str], str] = str, trade: str | None = None) -> str:
    """The legend of the drawing: one swatch per label shown, in the briefing's colours (style.yaml)."""
    style = load_style()
    items = []
    for label in labels:
        spec = style.get(label, {"color": "#999999", "shape": "dot"})
        radius = "50%" if spec["shape"] in ("dot", "ellipse") else "2px"
        items.append(
            f"<span style='display:inline-flex;align-items:center;margin:0 14px 4px 0;font-size:0.9rem'>"
            f"<span style='display:inline-block;width:14px;height:14px;border-radius:{radius};"
            f"background:{spec['color']};border:1px solid #333;margin-right:6px'></span>"
            f"{html.escape(label_text(label))}</span>")
    if trade:
        items.append(f"<span style='display:inline-flex;align-items:center;margin:0 14px 4px 0;font-size:0.9rem'>"
                     f"<span style='display:inline-block;width:22px;height:4px;background:{TRADE_COLOR};"
                     f"margin-right:6px'></span>{html.escape(trade)}</span>")
    return "<div class='pw-legend' style='display:flex;flex-wrap:wrap'>" + "".join(items) + "</div>"


def network_data(net: Network, selected: str | None = None, positions: dict[str, Any] | None = None,
                 key: str = "") -> dict[str, Any]:
    """What the component draws: nodes, edges, options, and a signature to skip redrawing the same graph."""
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    drawn = [{k: v for k, v in n.items() if k not in ("x", "y")} for n in nodes]  # a move is not a new graph
    body = json.dumps([drawn, edges, options_json], sort_keys=True, default=str)
    return {
        "nodes": nodes, "edges": edges, "options": json.loads(options_json),
        "signature": hashlib.sha1(body.encode()).hexdigest(), "selected": selected,
        "positions": positions or {}, "key": key,
    }


_HTML = '<div class="pw-graph" data-settled="false" style="width:100%;height:{height}px;border:1px solid #d0d7de;"></div>'

_JS_TEMPLATE = """
/* vis-network, inlined from the pyvis package (no CDN). */
%(vis)s
;
const VIS = globalThis.vis;

export default function (component) {
  const { data, parentElement, setTriggerValue, setStateValue } = component;
  const root = parentElement.querySelector('.pw-graph');
  if (!root || !data) { return; }
  const current = root.__pw || (globalThis.__pwGraph && globalThis.__pwGraph.key === data.key ? globalThis.__pwGraph : null);
  if (current && current.signature === data.signature && current.root === root) {
    if (data.selected && current.network.body.data.nodes.get(data.selected)) {
      current.network.selectNodes([data.selected]);
    }
    return;
  }
  /* Where every node already stands: the live drawing first, then what Python kept (cases, page changes). */
  const known = Object.assign({}, data.positions || {});
  if (current) {
    try { Object.assign(known, current.network.getPositions()); } catch (e) { /* destroyed */ }
    current.network.destroy();
  }
  root.dataset.settled = 'false';
  const started = performance.now();
  const neighbours = {};
  data.edges.forEach(function (e) {
    (neighbours[e.from] = neighbours[e.from] || []).push(e.to);
    (neighbours[e.to] = neighbours[e.to] || []).push(e.from);
  });
  const held = [];
  const heldAny = data.nodes.some(function (n) { return known[n.id]; });
  data.nodes.forEach(function (n, i) {
    const at = known[n.id];
    if (at) {
      n.x = at.x; n.y = at.y;
      if (!n.fixed) { n.fixed = { x: true, y: true }; held.push(n.id); }
    } else if (heldAny) {
      /* a new node starts beside a neighbour already placed, so the layout grows around the old one */
      const near = (neighbours[n.id] || []).map(function (k) { return known[k]; }).find(Boolean);
      if (near) {
        const angle = (i * 2.399963) %% (2 * Math.PI);
        n.x = near.x + 160 * Math.cos(angle); n.y = near.y + 160 * Math.sin(angle);
      }
    }
  });
  const nodes = new VIS.DataSet(data.nodes);
  const edges = new VIS.DataSet(data.edges);
  const options = data.options;
  if (heldAny) { options.layout = Object.assign({}, options.layout, { improvedLayout: false }); }
  const network = new VIS.Network(root, { nodes: nodes, edges: edges }, options);
  const state = { signature: data.signature, network: network, started: started, settledMs: null, root: root,
                  key: data.key };
  root.__pw = state;
  globalThis.__pwNetwork = network;
  globalThis.__pwGraph = state;
  const report = function () {
    if (!setStateValue) { return; }
    const positions = network.getPositions();
    Object.keys(positions).forEach(function (k) {
      positions[k] = { x: Math.round(positions[k].x), y: Math.round(positions[k].y) };
    });
    setStateValue('positions', positions);
  };
  /* Physics can leave a new node on top of an old one that shares its neighbours (two firms trading through
     the same shipments): push the new one away until no two nodes overlap. Old (held) nodes never move. */
  const separate = function () {
    const heldSet = new Set(held);
    const pinned = new Set(data.nodes.filter(function (n) { return n.fixed && !heldSet.has(n.id); })
                                      .map(function (n) { return n.id; }));
    const ids = nodes.getIds();
    const at = network.getPositions(ids);
    const size = {};
    ids.forEach(function (id) { size[id] = (nodes.get(id).size || 12); });
    let moved = false;
    for (let round = 0; round < 60; round++) {
      let clash = false;
      ids.forEach(function (a) {
        if (heldSet.has(a) || pinned.has(a)) { return; }
        ids.forEach(function (b) {
          if (a === b) { return; }
          const need = size[a] + size[b] + 24;
          let dx = at[a].x - at[b].x, dy = at[a].y - at[b].y;
          let d = Math.sqrt(dx * dx + dy * dy);
          if (d >= need) { return; }
          if (d < 0.01) { dx = 1; dy = 0.5; d = Math.sqrt(1.25); }
          at[a].x += dx / d * (need - d); at[a].y += dy / d * (need - d);
          clash = true; moved = true;
        });
      });
      if (!clash) { break; }
    }
    if (moved) {
      ids.forEach(function (id) { if (!heldSet.has(id) && !pinned.has(id)) { network.moveNode(id, at[id].x, at[id].y); } });
    }
  };
  const settle = function () {
    if (state.settledMs !== null) { return; }
    state.settledMs = performance.now() - started;
    network.setOptions({ physics: { enabled: false } });
    separate();
    if (held.length) { nodes.update(held.map(function (id) { return { id: id, fixed: false }; })); }
    network.fit({ animation: false });  /* the view zooms to the nodes; their positions stay as they are */
    root.dataset.settled = 'true';
    root.dataset.settledMs = String(Math.round(state.settledMs));
    if (data.selected && nodes.get(data.selected)) { network.selectNodes([data.selected]); }
    report();
  };
  network.once('stabilizationIterationsDone', settle);
  network.once('stabilized', settle);
  if (data.nodes.length === 0 || (held.length === data.nodes.length)) { settle(); }
  network.on('click', function (params) {
    if (params.nodes && params.nodes.length > 0) {
      setTriggerValue('clicked', String(params.nodes[0]));
    }
  });
  network.on('dragEnd', function (params) {
    if (params.nodes && params.nodes.length > 0) {
      report();
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


def draw(data: dict[str, Any], key: str, height: int = 640) -> tuple[str | None, dict[str, Any] | None]:
    """Draw the network; return the key of the node clicked in this run (if any) and the latest node positions."""
    data = {**data, "key": key}
    result = _component(height)(data=data, key=key, height=height + 10, on_clicked_change=lambda: None,
                                on_positions_change=lambda: None)
    clicked = getattr(result, "clicked", None)
    positions = getattr(result, "positions", None)
    return (str(clicked) if clicked else None), (dict(positions) if isinstance(positions, dict) else None)


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
