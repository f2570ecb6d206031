"""Output formats, one small writer each, found through one name → writer table."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from .facts import ArticleGraph


def write_atomic(path: Path, data: str) -> None:
    """Write to a temporary file beside ``path``, then rename: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def article_json(article: ArticleGraph) -> str:
    return article.dumps()


def turtle(article: ArticleGraph) -> str:
    from .rdf import to_rdf

    return to_rdf(article).serialize(format="turtle")


def _flat_graph(article: ArticleGraph) -> nx.MultiDiGraph:
    """GraphML holds no lists or None: lists are joined with "|", empty values dropped."""
    g = article.to_networkx()
    for _, data in g.nodes(data=True):
        data["aliases"] = "|".join(data.get("aliases") or [])
        for k in [k for k, v in data.items() if v is None]:
            del data[k]
    for _, _, data in g.edges(data=True):
        for k in [k for k, v in data.items() if v is None]:
            del data[k]
    for k in [k for k, v in g.graph.items() if v is None]:
        del g.graph[k]
    return g


def graphml(article: ArticleGraph) -> str:
    return "\n".join(nx.generate_graphml(_flat_graph(article))) + "\n"


def nodelink(article: ArticleGraph) -> str:
    data = nx.node_link_data(article.to_networkx(), edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


WRITERS: dict[str, tuple[str, Callable[[ArticleGraph], str]]] = {
    "json": (".json", article_json),
    "ttl": (".ttl", turtle),
    "graphml": (".graphml", graphml),
    "nodelink": (".nodelink.json", nodelink),
}
GRAPH_FORMATS = tuple(k for k in WRITERS if k != "json")


def write(article: ArticleGraph, out_dir: Path, formats: tuple[str, ...] = ()) -> list[Path]:
    """The article JSON and each requested format, as ``out_dir/ID.<ext>``."""
    written = []
    for name in ("json", *formats):
        ext, writer = WRITERS[name]
        path = out_dir / f"{article.id}{ext}"
        write_atomic(path, writer(article))
        written.append(path)
    return written
