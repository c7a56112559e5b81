"""The network picture's names: each printed where it hides no other name (briefings, issue 15 leftovers)."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from workbench.briefing.pictures import _overlap, place_labels  # noqa: E402


def _boxes(positions: list[tuple[float, float]], names: list[str]) -> list:
    fig, ax = plt.subplots(figsize=(11, 7.2))
    ax.scatter([p[0] for p in positions], [p[1] for p in positions])
    ax.set_xlim(-10, 10)
    ax.set_ylim(-10, 10)
    try:
        return place_labels(fig, ax, list(zip(positions, names)), positions, font=8)
    finally:
        plt.close(fig)


def test_names_of_nodes_that_sit_together_do_not_cover_each_other() -> None:
    """A firm and its officers sit within a marker of each other; printed all above their nodes, as before, the
    names covered one another (demo30-es-03.png)."""
    positions = [(0.0, 0.0), (0.15, 0.05), (-0.1, 0.1), (0.05, -0.12), (0.2, -0.05), (-0.2, -0.1)]
    names = ["Importaciones Kavron del Bajío", "Ernesto López Torres", "Zhang Xiaoming", "Han Yi", "Ma Jiahui",
             "SARNOTH TRADING (HK) LIMITED"]
    boxes = _boxes(positions, names)
    assert len(boxes) == len(names)
    assert all(_overlap(a, b) == 0 for a, b in itertools.combinations(boxes, 2))
    # the same names all set above their nodes would overlap: the check above can fail
    fig, ax = plt.subplots(figsize=(11, 7.2))
    ax.set_xlim(-10, 10)
    ax.set_ylim(-10, 10)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    naive = [ax.annotate(n, p, xytext=(0, 7), textcoords="offset points", ha="center", va="bottom", fontsize=8)
             .get_window_extent(renderer) for p, n in zip(positions, names)]
    plt.close(fig)
    assert any(_overlap(a, b) > 0 for a, b in itertools.combinations(naive, 2))


def test_a_lone_name_stays_just_above_its_node() -> None:
    (box,) = _boxes([(0.0, 0.0)], ["Hubei Qelvora Biotech Co., Ltd."])
    fig, ax = plt.subplots(figsize=(11, 7.2))
    ax.set_xlim(-10, 10)
    ax.set_ylim(-10, 10)
    x, y = ax.transData.transform((0.0, 0.0))
    plt.close(fig)
    assert box.y0 > y and box.x0 < x < box.x1  # the first spot: centred above the node
