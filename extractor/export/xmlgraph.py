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
    """GraphML as networkx writes it, but for booleans (``symmetric``): networkx writes Python's
    ``True``, GraphML's ``attr.type="boolean"`` is XML Schema's, ``true`` (networkx reads either)."""
    writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(flat_graph(g))
    booleans = {k.get("id") for k in writer.xml.iter("key") if k.get("attr.type") == "boolean"}
    if booleans:
        for data in writer.xml.iter("data"):
            if data.get("key") in booleans and data.text in ("True", "False"):
                data.text = data.text.lower()
    return "\n".join(str(writer).splitlines()) + "\n"


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
