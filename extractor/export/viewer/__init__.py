"""A graph as one self-contained HTML page, or as a PNG or SVG picture.

The page inlines cytoscape.js (MIT, vendored from its npm package) and its own script and style;
a Content-Security-Policy forbids every request, so it works offline and cannot leak. Node
positions are computed here (seeded, so the page is the same bytes each time), which keeps the
page fast for corpus graphs of thousands of nodes; their area grows with the number of entities, so
an article's graph opens at a zoom near 1 with every name readable, and each entity's rank (by
distinct neighbours, then articles) tells the page which names to show first in a corpus's.
Names reach the page only as JSON data and are shown with ``textContent``: HTML or script in a name
is displayed, never run. The page's behaviour (side panel, search, labels by rank, zoom, highlight)
is in viewer.js.
"""

from __future__ import annotations

import html
import io
import json
import math
import warnings
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx

from ...model.vocabulary import Vocabulary, vocabulary


@dataclass(frozen=True)
class Style:
    """How the page and the picture draw a vocabulary: colours and shapes by type, kind and predicate."""

    types: dict[str, dict[str, str]]
    kinds: dict[str, str]
    predicates: dict[str, str]
    symmetric: frozenset[str]  # drawn without arrowheads
    markers: dict[str, str]


@cache
def style_for(vocab: Vocabulary) -> Style:
    return Style(
        types={t.name: {"color": t.color, "shape": t.shape, "css": t.css} for t in vocab.entity_types},
        kinds={k.name: k.shape for k in vocab.product_kinds},
        predicates={p.name: p.color for p in vocab.predicates},
        symmetric=vocab.symmetric,
        markers={t.name: t.marker for t in vocab.entity_types},
    )


STYLE = style_for(vocabulary())
TYPE_STYLE = STYLE.types
KIND_SHAPES = STYLE.kinds
PREDICATE_COLORS = STYLE.predicates
SYMMETRIC = STYLE.symmetric
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"


@cache
def _asset(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def _blas() -> Any:
    """What sets the BLAS libraries' threads (threadpoolctl), made once scipy's BLAS is loaded too."""
    import scipy.sparse.csgraph  # noqa: F401  (the layout's shortest paths: scipy's BLAS must be loaded to be found)
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


SPACING = 95.0  # page pixels per square root of an entity: the seed's 19 fit 1400x900 at a zoom near 1


def spread(n: int) -> float:
    """How far from the centre the layout reaches, in page pixels, for ``n`` entities: the area grows
    with their number, so names keep their room and an article graph opens at a zoom near 1 (its
    labels readable at first sight); larger graphs open zoomed out, their largest entities labelled."""
    return round(SPACING * max(n, 4) ** 0.5, 1)


def layout(g: nx.MultiDiGraph, scale: float | None = None) -> dict[str, tuple[float, float]]:
    """Connected entities by stress majorization (small graphs) or a seeded spring layout (large ones),
    unconnected ones in rows beneath; rounded, so the same graph always gets the same picture.
    ``scale`` (page pixels from the centre to the edge) is ``spread`` of the graph's size unless given.

    On one BLAS thread: its vectors are small, and OpenBLAS's extra threads only spin, several
    times the work when the other cores are busy (extract's worker processes); same positions."""
    with _blas().limit(limits=1):
        return _layout(g, spread(g.number_of_nodes()) if scale is None else scale)


def _layout(g: nx.MultiDiGraph, scale: float) -> dict[str, tuple[float, float]]:
    simple = nx.Graph()  # the entities and who is linked to whom (no copy of the relations' attributes)
    simple.add_nodes_from(g)
    simple.add_edges_from((a, b) for a, b in g.edges() if a != b)
    linked = sorted(n for n in simple if simple.degree(n) > 0)
    alone = sorted(n for n in simple if simple.degree(n) == 0)
    pos: dict[str, tuple[float, float]] = {}
    if linked:
        sub = simple.subgraph(linked)
        if len(linked) <= 300:
            found = _stress(sub, linked)
        else:
            k = 1.6 / len(linked) ** 0.5
            found = nx.spring_layout(sub, seed=7, k=k, iterations=60 if len(linked) < 2000 else 30)
        pos.update(_landscape({n: (float(x), float(y)) for n, (x, y) in found.items()}))
    if alone:
        per_row = max(1, int(len(alone) ** 0.5 * 2))
        bottom = max((y for _, y in pos.values()), default=0.0) + 0.35
        for i, n in enumerate(alone):
            row, col = divmod(i, per_row)
            x = -1 + 2 * (col + 0.5) / min(per_row, len(alone) - row * per_row)
            pos[n] = (x, bottom + 0.25 * row)
    return {n: (round(x * scale, 1), round(y * scale, 1)) for n, (x, y) in sorted(pos.items())}


STRESS_TOLERANCE = 1e-5  # relative change of the stress at which the layout stops
STRESS_ITERATIONS = 300


def _stress(g: nx.Graph, nodes: list[str]) -> dict[str, Any]:
    """Kamada-Kawai's energy minimised by stress majorization (SMACOF, as graphviz's neato does):
    screen distances fit graph distances d_ij with weights d_ij^-2, entities of different components
    one step further apart than the farthest connected pair. From the circular layout of the sorted
    names, each step is the Guttman transform X <- L_w^+ B(X) X, until the stress changes by less than
    a part in 10^5 (at most 300 steps). Whole-matrix numpy arithmetic in a fixed order: the same
    graph gives the same positions."""
    import numpy as np
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import shortest_path

    n = len(nodes)
    index = {name: i for i, name in enumerate(nodes)}
    edges = sorted((index[a], index[b]) for a, b in g.edges())
    rows = np.array([i for i, _ in edges], dtype=np.int32)
    cols = np.array([j for _, j in edges], dtype=np.int32)
    adjacency = csr_array((np.ones(len(edges)), (rows, cols)), shape=(n, n))
    dist = shortest_path(adjacency, method="D", directed=False, unweighted=True)
    finite = np.isfinite(dist)
    dist[~finite] = dist[finite].max() + 1.0
    np.fill_diagonal(dist, 0.0)
    off = ~np.eye(n, dtype=bool)
    inverse = np.zeros((n, n))
    inverse[off] = 1.0 / dist[off]  # sqrt(w_ij), as w_ij = d_ij^-2
    weight = inverse * inverse
    laplacian = np.diag(weight.sum(axis=1)) - weight
    mean = np.full((n, n), 1.0 / n)  # L_w's null space is the constant vectors: L_w^+ = (L_w + J/n)^-1 - J/n
    pseudo = np.linalg.inv(laplacian + mean) - mean
    start = nx.circular_layout(nodes)
    x = np.array([start[name] for name in nodes], dtype=float)  # C-contiguous (n, 2): x, y
    misfit_free = off.astype(float)  # where fit is 1
    ones = np.ones(n, dtype=np.complex128)
    before = math.inf
    for _ in range(STRESS_ITERATIONS + 1):
        z = x.view(np.complex128)[:, 0]  # the same memory read as complex numbers x + iy
        apart = z[:, None] - z[None, :]  # x_i - x_j
        fit = np.abs(apart) * inverse  # screen distance / graph distance
        misfit = (fit - misfit_free).ravel()
        after = float(np.dot(misfit, misfit))  # the stress, sum of w_ij (|x_i - x_j| - d_ij)^2 (twice)
        if after == 0 or before - after < STRESS_TOLERANCE * before:
            break
        before = after
        # B(X) X, row i: sum_j w_ij d_ij (x_i - x_j) / |x_i - x_j| (nothing from j where x_j = x_i)
        pull = np.dot(weight / np.maximum(fit, 1e-300) * apart, ones)
        x = np.dot(pseudo, pull.view(np.float64).reshape(n, 2))  # np.dot: less overhead than @
    return {name: (float(px), float(py)) for name, (px, py) in zip(nodes, x, strict=True)}


def _landscape(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """The layout turned so that its longest extent lies across (as the window does), centred, and
    scaled back to reach 1 from the centre: a tall layout would open smaller than it need be. A
    flat one is stretched upwards, to at least 0.7 of its width (by at most twice)."""
    n = len(pos)
    mx = sum(x for x, _ in pos.values()) / n
    my = sum(y for _, y in pos.values()) / n
    sxx = sum((x - mx) ** 2 for x, _ in pos.values())
    syy = sum((y - my) ** 2 for _, y in pos.values())
    sxy = sum((x - mx) * (y - my) for x, y in pos.values())
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)  # of the principal axis
    c, s = math.cos(angle), math.sin(angle)
    turned = {k: ((x - mx) * c + (y - my) * s, (y - my) * c - (x - mx) * s) for k, (x, y) in pos.items()}
    wide = max((abs(x) for x, _ in turned.values()), default=0.0) or 1.0
    high = max((abs(y) for _, y in turned.values()), default=0.0) or wide
    stretch = min(max(0.7 * wide / high, 1.0), 2.0)  # a long thin layout (a chain, a tree) gets some height
    return {k: (x / wide, y * stretch / wide) for k, (x, y) in turned.items()}


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def prominence(g: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Each entity's rank (0 the largest) and degree: most distinct neighbours first, then most
    articles, then the id. The page labels entities in this order as it zooms in."""
    degree = {n: len(set(g.predecessors(n)) | set(g.successors(n)) - {n}) for n in g}

    def weight(n: str) -> tuple[int, int, str]:
        return (-degree[n], -len(_as_list(g.nodes[n].get("articles"))), n)

    return {n: (i, degree[n]) for i, n in enumerate(sorted(g, key=weight))}


def view_data(g: nx.MultiDiGraph, vocab: Vocabulary | None = None) -> dict[str, Any]:
    """Nodes and edges as the page reads them, from an article or a corpus graph."""
    st = style_for(vocab) if vocab is not None else STYLE
    pos = layout(g)
    rank = prominence(g)
    nodes = []
    for key, d in sorted(g.nodes(data=True), key=lambda kv: kv[0]):
        style = st.types.get(d.get("type"), st.types["Organization"])
        shape = st.kinds.get(d.get("kind") or "", style["shape"]) if d.get("type") == "Product" else style["shape"]
        nodes.append(
            {
                "id": key,
                "name": d.get("name") or key,
                "type": d.get("type"),
                "kind": d.get("kind"),
                "aliases": _as_list(d.get("aliases")),
                "wikidata": d.get("wikidata"),
                "articles": _as_list(d.get("articles")) or _as_list(g.graph.get("article")),
                "color": style["color"],
                "shape": shape,
                "x": pos[key][0],
                "y": pos[key][1],
                "degree": rank[key][1],
                "rank": rank[key][0],
                "size": round(18 + 5 * math.log2(1 + rank[key][1]), 1),
            }
        )
    names = {n["id"]: n["name"] for n in nodes}
    edges = []
    for n, (s, o, k, d) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))):
        pred = d.get("predicate", str(k))
        amount = d.get("amount_text") or (
            f"{d['amount']:,.0f} {d.get('currency', '')}".strip() if d.get("amount") else None
        )
        dates = _as_list(d.get("dates")) or _as_list(d.get("date"))
        label = " · ".join([pred.replace("_", " "), *([amount] if amount else []), *dates[:1]])
        edges.append(
            {
                "id": f"r{n}",
                "source": s,
                "target": o,
                "predicate": pred,
                "label": label,
                "color": st.predicates.get(pred, "#888"),
                "arrow": "none" if pred in st.symmetric else "triangle",
                "amount": amount,
                "date": ", ".join(dates) or None,
                "status": d.get("status"),
                "confidence": d.get("confidence"),
                "evidence": _as_list(d.get("evidence")),
                "articles": _as_list(d.get("articles")) or _as_list(d.get("article")),
                "sourceName": names.get(s, s),
                "targetName": names.get(o, o),
            }
        )
    style = {
        "types": st.types,
        "predicates": st.predicates,
        "kinds": {k: v for k, v in st.kinds.items() if k != "other"},
    }
    return {"nodes": nodes, "edges": edges, "style": style}


def _script_json(data: Any) -> str:
    """JSON safe inside <script>: no "</" can close the element, no "<!--" can open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028")


def render_html(g: nx.MultiDiGraph, title: str) -> str:
    """One page, no external resource: data, library, script and style all inline."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{_asset('viewer.css')}</style>\n</head>\n<body>\n"
        '<main id="stage"><div id="graph"></div>\n'
        '<div id="zoom" class="controls"><button type="button" id="zoom-in" title="Zoom in">+</button>'
        '<button type="button" id="zoom-out" title="Zoom out">\u2212</button>'
        '<button type="button" id="fit" title="Fit the whole graph">Fit</button></div></main>\n'
        f'<aside id="panel">\n<header><h1>{html.escape(title)}</h1><span class="counts" id="counts"></span></header>\n'
        '<div class="search"><input id="search" type="search" placeholder="Find an entity by name or alias"'
        ' autocomplete="off" spellcheck="false" aria-label="Find an entity">'
        '<ul id="matches" role="listbox" hidden></ul></div>\n'
        '<section id="details-box"><h2>Details</h2>'
        '<div id="details">Click an entity or a relation, or find an entity by name.</div></section>\n'
        '<section id="filters">\n<details open><summary>Entity types</summary><div id="legend"></div></details>\n'
        '<details><summary>Relations</summary><div id="predicates"></div></details>\n'
        '<details><summary>Product shapes</summary><div id="kinds"></div></details>\n</section>\n</aside>\n'
        f'<script type="application/json" id="newsgraph-data">{_script_json(view_data(g))}</script>\n'
        f"<script>\n{_asset('cytoscape.min.js')}\n</script>\n<script>\n{_asset('viewer.js')}</script>\n"
        "</body>\n</html>\n"
    )


def render_picture(g: nx.MultiDiGraph, title: str, fmt: str) -> bytes:
    """A static PNG or SVG of the graph, labels readable, for reports and READMEs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = view_data(g)
    n = max(len(data["nodes"]), 1)
    size = min(8 + n * 0.35, 40)
    fig, ax = plt.subplots(figsize=(size, size * 0.75), dpi=110)
    try:
        with warnings.catch_warnings():  # names in scripts the bundled font lacks are drawn as boxes
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            out = _draw(fig, ax, data, title, fmt)
    finally:
        plt.close(fig)
    return out.getvalue()


def plain(text: str) -> str:
    """Text as matplotlib should print it: "$4 billion ... $2" is money, not mathematics."""
    return text.replace("$", "\\$")


def _draw(fig: Any, ax: Any, data: dict[str, Any], title: str, fmt: str) -> io.BytesIO:
    import matplotlib.pyplot as plt

    pos = {d["id"]: (d["x"], -d["y"]) for d in data["nodes"]}
    simple = nx.DiGraph()
    simple.add_nodes_from(pos)
    for e in data["edges"]:
        simple.add_edge(
            e["source"], e["target"], label=e["predicate"].replace("_", " "), color=e["color"], arrow=e["arrow"]
        )
    for etype, marker in STYLE.markers.items():
        ids = [d["id"] for d in data["nodes"] if d["type"] == etype]
        nx.draw_networkx_nodes(
            simple,
            pos,
            nodelist=ids,
            node_shape=marker,
            node_size=420,
            node_color=TYPE_STYLE[etype]["color"],
            ax=ax,
            label=etype,
        )
    for arrow, style in (("triangle", "-|>"), ("none", "-")):  # symmetric predicates: no arrowhead
        edges = [e for e in simple.edges if simple.edges[e]["arrow"] == arrow]
        if not edges:
            continue
        nx.draw_networkx_edges(
            simple,
            pos,
            edgelist=edges,
            ax=ax,
            edge_color=[simple.edges[e]["color"] for e in edges],
            arrows=True,
            arrowstyle=style,
            arrowsize=12,
            width=1.3,
            node_size=420,
            connectionstyle="arc3,rad=0.08",
        )
    nx.draw_networkx_labels(
        simple,
        pos,
        labels={d["id"]: plain(d["name"]) for d in data["nodes"]},
        font_size=9,
        ax=ax,
        verticalalignment="bottom",
    )
    nx.draw_networkx_edge_labels(
        simple,
        pos,
        edge_labels=nx.get_edge_attributes(simple, "label"),
        font_size=7,
        ax=ax,
        font_color="#444",
        bbox={"alpha": 0.6, "color": "white", "lw": 0},
        connectionstyle="arc3,rad=0.08",
    )
    ax.set_title(plain(title), fontsize=13)
    if data["nodes"]:
        ax.legend(loc="upper left", fontsize=8, markerscale=0.6, frameon=False)
    ax.axis("off")
    fig.tight_layout()
    out = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    plt.rcParams["svg.hashsalt"] = "newsgraph"
    fig.savefig(out, format=fmt, metadata=metadata)
    return out
