"""A merge whose per-article work runs on Dask workers (``merge --engine dask``).

Pass one (parsing and checking each article JSON, and summarising its entities) and pass two (an
article's quads with the resolved IRIs) run on the workers, a chunk of files per task; this process
reads the files and sends their bytes (so workers need no shared file system), runs the resolution
once and writes the store or file once, in the same order as a local merge: the same output.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..model.facts import ArticleGraph
from .check import problem as check_article
from .corpus import strict_json
from .resolution import Summaries
from .stream import ArticleChanged, FileArticles, OnError, Rendered, digest_of, render_article

CHUNK = 100  # articles per task: about 2 MB of article JSON, well under Dask's large-graph warning


def summarize_chunk(blobs: list[bytes]) -> list[tuple]:
    """On a worker: each file's bytes as ("ok", digest, id, entity summaries), ("error", reason), or
    ("skip",) for JSON that is not article JSON."""
    out: list[tuple] = []
    for data in blobs:
        try:
            parsed = strict_json(data.decode("utf-8"))
        except (UnicodeError, ValueError) as err:
            out.append(("error", f"not readable JSON: {err}"))
            continue
        if not isinstance(parsed, dict) or "schema_version" not in parsed:
            out.append(("skip",))
            continue
        problem = check_article(parsed)
        if problem:
            out.append(("error", f"not article JSON: {problem}"))
            continue
        article = ArticleGraph.from_json(parsed)
        entities = [(e.name, e.type, e.kind, e.wikidata, tuple(e.aliases)) for e in article.entities]
        out.append(("ok", digest_of(data), article.id, entities))
    return out


def render_chunk(work: list[tuple[bytes, list[str]]]) -> list[Rendered]:
    """On a worker: each article's quads with the entity IRI terms the resolution gave it."""
    return [render_article(ArticleGraph.from_json(json.loads(data)), terms) for data, terms in work]


def ordered(submit: Callable[[Any], Any], chunks: Iterable[Any], in_flight: int) -> Iterator[Any]:
    """Each chunk's result in the order of the chunks, with at most ``in_flight`` tasks out."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class DaskArticles(FileArticles):
    """Article JSON files whose two passes run on a Dask client's workers."""

    def __init__(self, files: Iterable[Path], client: Any) -> None:
        super().__init__(files)
        self.client = client
        self.in_flight = 2 * max(1, len(client.scheduler_info().get("workers", {})))

    def _submit(self, fn: Callable[..., Any]) -> Callable[[Any], Any]:
        return lambda chunk: self.client.submit(fn, chunk, pure=False)

    def summarize(self, on_error: OnError | None = None) -> Summaries:
        summaries = Summaries()
        readable: list[tuple[int, bytes]] = []

        def blobs() -> Iterator[list[bytes]]:
            for chunk in batched(range(len(self.files)), CHUNK):
                batch = []
                for n in chunk:
                    try:
                        batch.append((n, self.files[n].read_bytes()))
                    except OSError as err:
                        if on_error is not None:
                            on_error(self.files[n], f"not readable JSON: {err}")
                readable.extend(batch)
                yield [data for _, data in batch]

        results = ordered(self._submit(summarize_chunk), blobs(), self.in_flight)
        done = 0
        for chunk in results:
            for result in chunk:
                n, _ = readable[done]
                readable[done] = (n, b"")  # the bytes are the workers' now
                done += 1
                if result[0] == "ok":
                    _, digest, article_id, entities = result
                    self._where.append(n)
                    self._digests.append(digest)
                    summaries.add(article_id, entities)
                elif result[0] == "error" and on_error is not None:
                    on_error(self.files[n], result[1])
        return summaries

    def render(self, work: Iterable[tuple[int, list[str]]]) -> Iterator[Rendered]:
        def chunks() -> Iterator[list[tuple[bytes, list[str]]]]:
            for chunk in batched(work, CHUNK):
                batch = []
                for k, terms in chunk:
                    path = self.files[self._where[k]]
                    try:
                        data = path.read_bytes()
                    except OSError as err:
                        raise ArticleChanged(f"{path}: cannot be read again: {err.strerror or err}") from err
                    if digest_of(data) != self._digests[k]:
                        raise ArticleChanged(f"{path}: changed while it was being merged")
                    batch.append((data, terms))
                yield batch

        for chunk in ordered(self._submit(render_chunk), chunks(), self.in_flight):
            yield from chunk


@contextmanager
def dask_client(jobs: int, scheduler: str | None = None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a local cluster of ``jobs`` worker processes
    started for the merge."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
