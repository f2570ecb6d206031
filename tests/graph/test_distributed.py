"""A merge with its per-article work on Dask workers writes what a local merge writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from extractor.graph.corpus import json_files
from extractor.graph.distributed import DaskArticles, batched, dask_client, ordered
from extractor.graph.incremental import merge_into_store
from extractor.graph.stream import FileArticles, merge_to_file, merge_to_store
from extractor.model.facts import ArticleGraph

pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask_client(2) as c:
        yield c


def write_json(articles: list[ArticleGraph], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    for a in articles:
        (directory / f"{a.id}.json").write_text(a.dumps(), encoding="utf-8")
    (directory / "broken.json").write_text("{")
    return json_files([directory])


def quads(path: Path) -> set[ox.Quad]:
    store = ox.Store.read_only(str(path))
    try:
        return set(store)
    finally:
        del store


def test_a_dask_merge_writes_the_local_store_and_files(client: Any, tmp_path: Path, corpus_of: Callable) -> None:
    files = write_json(corpus_of(11, 250), tmp_path / "json")  # several chunks of work
    errors: list[str] = []
    remote = merge_to_store(DaskArticles(files, client), tmp_path / "dask", lambda p, r: errors.append(p.name))
    local = merge_to_store(FileArticles(files), tmp_path / "local")
    assert remote == local and errors == ["broken.json"]
    assert quads(tmp_path / "dask") == quads(tmp_path / "local")
    merge_to_file(DaskArticles(files, client), tmp_path / "dask.trig", "trig")
    merge_to_file(FileArticles(files), tmp_path / "local.trig", "trig")
    assert (tmp_path / "dask.trig").read_bytes() == (tmp_path / "local.trig").read_bytes()


def test_a_dask_addition_is_the_local_one(client: Any, tmp_path: Path, corpus_of: Callable) -> None:
    articles = corpus_of(12, 60)
    old = write_json(articles[:40], tmp_path / "old")
    new = write_json(articles[30:], tmp_path / "new")
    for name, source in (("dask", lambda f: DaskArticles(f, client)), ("local", FileArticles)):
        merge_to_store(FileArticles(old), tmp_path / name)
        merge_into_store(source(new), tmp_path / name)
    assert quads(tmp_path / "dask") == quads(tmp_path / "local")


def test_results_come_back_in_order() -> None:
    class Done:
        def __init__(self, value: int) -> None:
            self.value = value

        def result(self) -> int:
            return self.value

    sent: list[int] = []
    got = list(ordered(lambda x: sent.append(x) or Done(x * 2), iter(range(7)), in_flight=3))
    assert got == [0, 2, 4, 6, 8, 10, 12] and sent == list(range(7))
    assert list(batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
