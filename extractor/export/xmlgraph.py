"""GraphML and GEXF text of a networkx graph: XML-safe values and no date stamps, so the same graph
always gives the same bytes and every reader can parse them."""

from __future__ import annotations

import re

import networkx as nx

XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters or lone surrogates, even escaped."""
    return XML_INVALID.sub("\ufffd", text)


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML and GEXF hold no lists, None or XML-invalid characters: lists are joined with "|",
    empty values dropped, invalid characters replaced by U+FFFD."""
    g = nx.relabel_nodes(g, {n: xml_safe(str(n)) for n in g.nodes}, copy=True)
    for data in [d for _, d in g.nodes(data=True)] + [d for *_, d in g.edges(keys=True, data=True)] + [g.graph]:
        for k in list(data):
            v = data[k]
            if isinstance(v, list | tuple):
                data[k] = xml_safe("|".join(str(x) for x in v))
            elif v is None:
                del data[k]
            elif isinstance(v, str):
                data[k] = xml_safe(v)
    return g


def graphml_text(g: nx.MultiDiGraph) -> str:
    """GraphML as networkx writes it, written directly (the XML tree is never built), but for booleans
    (``symmetric``): networkx writes Python's ``True``, GraphML's ``attr.type="boolean"`` is XML Schema's
    ``true`` (networkx reads either)."""
    flat = flat_graph(g)
    text = _graphml(flat)
    if text is None:  # what the direct writer does not know: networkx's writer, the same text for the rest
        text = networkx_graphml(flat)
    return "\n".join(text.splitlines()) + "\n"


def networkx_graphml(flat: nx.MultiDiGraph) -> str:
    """networkx's GraphML of a flat graph, its booleans written ``true``/``false``."""
    writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(flat)
    booleans = {k.get("id") for k in writer.xml.iter("key") if k.get("attr.type") == "boolean"}
    for data in writer.xml.iter("data"):
        if data.get("key") in booleans and data.text in ("True", "False"):
            data.text = data.text.lower()
    return str(writer)


GRAPHML_ROOT = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}  # networkx's names for them


class _Unsupported(Exception):
    pass


def _ascii(text: str) -> str:
    """networkx serialises as US-ASCII: every other character as a character reference."""
    return text if text.isascii() else text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _cdata(text: str) -> str:
    return _ascii(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _attrib(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return _ascii(text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;"))


def _graphml(g: nx.MultiDiGraph) -> str | None:
    """The text ``nx.generate_graphml`` gives (networkx 3, ElementTree's serialisation, indented), written
    directly, five times as fast: the XML tree is never built. None for what it does not cover (an
    undirected or simple graph, a graph id or defaults, values other than str, int, float and bool)."""
    if not (g.is_directed() and g.is_multigraph()) or {"id", "node_default", "edge_default"} & set(g.graph):
        return None
    keys: dict[tuple[str, str, str], str] = {}

    def data(items: dict, scope: str, indent: str) -> list[str]:
        lines = []
        for name, value in items.items():
            xml_type = GRAPHML_TYPES.get(type(value))
            if xml_type is None:
                raise _Unsupported
            key = keys.setdefault((str(name), xml_type, scope), f"d{len(keys)}")
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            lines.append(
                f'{indent}<data key="{key}">{_cdata(text)}</data>' if text else f'{indent}<data key="{key}" />'
            )
        return lines

    def element(head: str, items: dict, scope: str, indent: str) -> list[str]:
        inner = data(items, scope, indent + "  ")
        if not inner:
            return [f"{indent}<{head} />"]
        tag = head.split(" ", 1)[0]
        return [f"{indent}<{head}>", *inner, f"{indent}</{tag}>"]

    try:
        graph_data = data(g.graph, "graph", "    ")  # its keys come first, its elements after the edges
        body = []
        for node, attrs in g.nodes(data=True):
            body += element(f'node id="{_attrib(str(node))}"', attrs, "node", "    ")
        for u, v, k, attrs in g.edges(keys=True, data=True):
            head = f'edge source="{_attrib(str(u))}" target="{_attrib(str(v))}" id="{_attrib(str(k))}"'
            body += element(head, attrs, "edge", "    ")
    except _Unsupported:
        return None
    body += graph_data
    declared = [
        f'  <key id="{key}" for="{scope}" attr.name="{_attrib(name)}" attr.type="{xml_type}" />'
        for (name, xml_type, scope), key in reversed(keys.items())
    ]
    head = '  <graph edgedefault="directed"'
    graph = [f"{head}>", *body, "  </graph>"] if body else [f"{head} />"]
    return "\n".join([GRAPHML_ROOT, *declared, *graph, "</graphml>"])


def gexf_text(g: nx.MultiDiGraph) -> str:
    """GEXF without the day it was written: networkx stamps ``lastmodifieddate`` with today's date
    and its own version as creator, so the same graph would give other bytes tomorrow or after an
    upgrade. Both are optional in GEXF 1.2; the creator is newsgraph. ``g`` must already be flat."""
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "newsgraph"
    writer.add_graph(g)
    return "\n".join(str(writer).splitlines()) + "\n"
