"""Where an article's files are rendered: in the worker that extracted it (``--jobs 2``, Dask), so that
the parent only writes them; a format the worker has not the parent's writer for is rendered by the
parent; a writer that fails for one article costs that article only, as in one process."""

from __future__ import annotations

import importlib.metadata
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.export import writers
from extractor.export.writers import Writer
from extractor.graph.source import Source
from extractor.model.facts import ArticleGraph
from extractor.run import sinks

STORIES = [
    "Nvidia agreed to acquire Run:ai for $700 million. The European Commission cleared the deal.",
    "Amazon will invest $4 billion in Anthropic. Anthropic will use AWS Trainium chips.",
    "Oracle partnered with Nvidia to build data centers in Texas.",
    "Microsoft invested $10 billion in OpenAI, the maker of ChatGPT, in January 2023.",
]


def process_id(src: Source) -> dict[str, str]:
    """A plugin format that says which process rendered it."""
    return {".pid.txt": f"{os.getpid()}\n"}


class Unpicklable(Exception):
    def __init__(self, lock: object) -> None:
        super().__init__("the plugin is broken")
        self.lock = lock


def picky(src: Source) -> dict[str, str]:
    """A plugin format that fails for two articles: once with an ordinary error, once with one that
    cannot be pickled (it cannot travel back from a worker as it is)."""
    if src.stem == "s1":
        raise ValueError("no node list for s1")
    if src.stem == "s2":
        import threading

        raise Unpicklable(threading.Lock())
    return {".picky.txt": "".join(f"{n}\n" for n in sorted(src.graph().nodes))}


PID = Writer("pid", (".pid.txt",), "the process that rendered it", process_id, in_all=False)
PICKY = Writer("picky", (".picky.txt",), "fails for s1 and s2", picky)


class EntryPoint:
    def __init__(self, name: str, obj: object) -> None:
        self.name, self.value, self.obj = name, f"plugin:{name}", obj

    def load(self) -> object:
        return self.obj


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch):
    """A fresh writer table with these plugins; forked workers inherit it, Dask workers do not."""

    def install(*found: Writer) -> None:
        eps = [EntryPoint(w.name, w) for w in found]
        monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kwargs: list(eps))
        monkeypatch.setattr(writers, "_WRITERS", {})
        monkeypatch.setattr(writers, "_loaded", False)

    return install


def stories(tmp_path: Path, n: int = 6) -> Path:
    path = tmp_path / "feed.jsonl"
    records = [{"id": f"s{i}", "text": STORIES[i % len(STORIES)]} for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def extract(*args: str) -> object:
    return CliRunner().invoke(app, ["extract", *args])


def test_the_workers_render_and_the_parent_only_writes(plugins, tmp_path: Path) -> None:
    plugins(PID)
    out = tmp_path / "out"
    result = extract(str(stories(tmp_path)), "--out", str(out), "-j", "2", "--batch-size", "1", "-f", "pid,ttl")
    assert result.exit_code == 0, result.output
    pids = {int((out / f"s{i}.pid.txt").read_text()) for i in range(6)}
    assert os.getpid() not in pids and len(pids) <= 2, pids
    one = tmp_path / "one"
    assert extract(str(stories(tmp_path)), "--out", str(one), "-j", "1", "-f", "pid,ttl").exit_code == 0
    assert {int((one / f"s{i}.pid.txt").read_text()) for i in range(6)} == {os.getpid()}  # one process: here
    assert {k: v for k, v in outputs(one).items() if "pid" not in k} == {
        k: v for k, v in outputs(out).items() if "pid" not in k
    }


def test_a_format_the_worker_has_another_writer_for_is_rendered_by_the_parent(plugins, tmp_path: Path) -> None:
    plugins(PID)
    article = ArticleGraph("a", [], [], title="A")
    parents = sinks.ArticleFiles.of(("json", "pid"))
    elsewhere = sinks.ArticleFiles(("json", "pid"), (parents.renders[0], "plugin:another_function"))
    rendered = elsewhere(article, "a")
    assert list(rendered.files) == ["json"] and rendered.error is None
    sink = sinks.DirectorySink(tmp_path, ("pid",), resume=False)
    try:
        sink.write_rendered(rendered, "a", "fp")
    finally:
        sink.close()
    assert (tmp_path / "a.pid.txt").read_text() == f"{os.getpid()}\n"
    assert (tmp_path / "a.json").read_bytes() == rendered.files["json"][".json"]
    assert list(parents(article, "a").files) == ["json", "pid"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_writer_that_fails_for_one_article_costs_only_that_article(plugins, tmp_path: Path, jobs: str) -> None:
    plugins(PICKY)
    out = tmp_path / "out"
    (out).mkdir()
    (out / "s1.json").write_text("{}")  # an earlier run's file of s1 goes with its failure
    result = extract(str(stories(tmp_path)), "--out", str(out), "-j", jobs, "--batch-size", "2", "-f", "picky")
    assert result.exit_code == 1, result.output
    logged = {f["id"]: f["error"] for f in map(json.loads, (out / "failures.jsonl").read_text().splitlines())}
    assert logged == {
        "s1": "cannot write the output: ValueError: no node list for s1",
        "s2": "cannot write the output: Unpicklable: the plugin is broken",
    }
    written = sorted(name for name in outputs(out) if name != "failures.jsonl")
    assert written == [f"s{i}{suffix}" for i in (0, 3, 4, 5) for suffix in (".json", ".picky.txt")]
    assert "4 articles" in result.output and "2 failed" in result.output


def test_format_all_gives_the_same_bytes_in_one_process_two_and_on_dask(plugins, tmp_path: Path) -> None:
    """The Dask workers are fresh processes: the plugin registered here alone is rendered here."""
    pytest.importorskip("distributed")
    plugins(PID)
    src = stories(tmp_path)
    runs = {
        "one": ["-j", "1"],
        "two": ["-j", "2", "--batch-size", "2"],
        "dask": ["--engine", "dask", "-j", "2", "--batch-size", "2"],
    }
    files, rendered_by = {}, {}
    for name, options in runs.items():
        result = extract(str(src), "--out", str(tmp_path / name), "-f", "all,pid", *options)
        assert result.exit_code == 0, (name, result.output)
        files[name] = {k: v for k, v in outputs(tmp_path / name).items() if not k.endswith(".pid.txt")}
        rendered_by[name] = {int((tmp_path / name / f"s{i}.pid.txt").read_text()) for i in range(6)}
    assert len(files["one"]) == 6 * len(writers.article_suffixes(writers.parse_formats("all")))
    assert files["two"] == files["one"]
    assert files["dask"] == files["one"]
    assert rendered_by["one"] == rendered_by["dask"] == {os.getpid()}
    assert os.getpid() not in rendered_by["two"]
