"""Neo4j exports of a graph: CSV files for ``neo4j-admin database import`` and a Cypher script.

The CSV headers follow the import tool's syntax: ``id:ID`` and ``:LABEL`` for nodes, ``:START_ID``,
``:END_ID`` and ``:TYPE`` for relationships, ``name:type`` (``long``, ``double``, ``boolean``, and
``[]`` for arrays, whose items are separated by ``;``) for properties.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

ARRAY_DELIMITER = ";"
CONTROL = re.compile("[\x00-\x1f\x7f\u2028\u2029]")
NODE_FIELDS = ("name", "type", "kind", "aliases", "wikidata", "articles")
EDGE_FIELDS = (
    "article",
    "articles",
    "amount",
    "currency",
    "amount_text",
    "amount_bound",
    "date",
    "dates",
    "round",
    "status",
    "confidence",
    "evidence",
    "evidence_start",
    "evidence_end",
    "purpose",
    "role",
    "support",
    "symmetric",  # true on a symmetric predicate's relationships: read them in either direction
)
SKIPPED_EDGE_FIELDS = {"predicate"}


def value_type(values: Iterable[Any]) -> str:
    """The import tool's type for a column: long, double, boolean or string, with [] for arrays."""
    kinds = set()
    array = False
    for v in values:
        if v is None or v == "" or v == []:
            continue
        if isinstance(v, list | tuple):
            array = True
            kinds.update(_scalar_type(x) for x in v)
        else:
            kinds.add(_scalar_type(v))
    kind = kinds.pop() if len(kinds) == 1 else ("double" if kinds <= {"long", "double"} and kinds else "string")
    return kind + ("[]" if array else "")


def _scalar_type(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    return "string"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A spreadsheet would run a cell that starts with = + - @ as a formula: quote it with '."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return neutralise(ARRAY_DELIMITER.join(str(x).replace(ARRAY_DELIMITER, ",") for x in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return neutralise(str(value))


def _columns(rows: list[dict[str, Any]], preferred: tuple[str, ...], skipped: set[str]) -> list[str]:
    present = {k for r in rows for k, v in r.items() if v not in (None, "", []) and k not in skipped}
    return [k for k in preferred if k in present] + sorted(present - set(preferred))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.title() for w in rest)


def relationship_type(predicate: str) -> str:
    return predicate.upper()


def nodes_csv(g: nx.MultiDiGraph) -> str:
    rows = [dict(data) for _, data in g.nodes(data=True)]
    cols = _columns(rows, NODE_FIELDS, {"type"}) if rows else []
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id:ID", *(f"{_camel(c)}:{value_type(r.get(c) for r in rows)}" for c in cols), ":LABEL"])
    for key, data in sorted(g.nodes(data=True), key=lambda kv: kv[0]):
        labels = ARRAY_DELIMITER.join(["Entity", data["type"]])
        w.writerow([neutralise(key), *(_cell(data.get(c)) for c in cols), labels])
    return out.getvalue()


def relationships_csv(g: nx.MultiDiGraph) -> str:
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    rows = [dict(d) for *_, d in edges]
    cols = _columns(rows, EDGE_FIELDS, SKIPPED_EDGE_FIELDS) if rows else []
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([":START_ID", ":END_ID", ":TYPE", *(f"{_camel(c)}:{value_type(r.get(c) for r in rows)}" for c in cols)])
    for s, o, _k, d in edges:
        w.writerow([neutralise(s), neutralise(o), relationship_type(d["predicate"]), *(_cell(d.get(c)) for c in cols)])
    return out.getvalue()


def cypher_literal(value: Any) -> str:
    """A Cypher literal; strings are single-quoted with backslash escapes."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    text = CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return f"'{text}'"


def _props(data: dict[str, Any], skipped: set[str]) -> str:
    items = sorted((k, v) for k, v in data.items() if v not in (None, "", []) and k not in skipped)
    return "{" + ", ".join(f"{_camel(k)}: {cypher_literal(v)}" for k, v in items) + "}"


def cypher(g: nx.MultiDiGraph) -> str:
    """A script that MERGEs every node and relationship, so running it twice changes nothing."""
    lines = ["CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;"]
    for key, data in sorted(g.nodes(data=True), key=lambda kv: kv[0]):
        lines.append(
            f"MERGE (n:Entity {{id: {cypher_literal(key)}}}) SET n:{data['type']} SET n += {_props(data, set())};"
        )
    for n, (s, o, k, d) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))):
        lines.append(
            f"MATCH (a:Entity {{id: {cypher_literal(s)}}}), (b:Entity {{id: {cypher_literal(o)}}}) "
            f"MERGE (a)-[r{n}:{relationship_type(d['predicate'])} {{key: {cypher_literal(k)}}}]->(b) "
            f"SET r{n} += {_props(d, SKIPPED_EDGE_FIELDS)};"
        )
    return "\n".join(lines) + "\n"
