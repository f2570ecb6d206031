"""The writer table: every writer's suffixes are the files it makes (so the sink's list cannot
drift), and a writer from another package's ``newsgraph.writers`` entry point is known to
``parse_formats``, ``--format all``, the sink and the CLI like a built-in one."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.cli.extract import extract_format_help
from extractor.export import outputs as exports
from extractor.export import writers
from extractor.export.writers import Writer
from extractor.graph.corpus import merge
from extractor.graph.source import Source, article_source, corpus_source
from extractor.run.sinks import DirectorySink

TEXT = "Amazon will invest $4 billion in Anthropic, the startup said on Monday. Anthropic will use AWS Trainium chips."


def node_list(src: Source) -> dict[str, str]:
    return {".nodes.txt": "".join(f"{n}\n" for n in sorted(src.graph().nodes))}


NODES = Writer("nodes", (".nodes.txt",), "one node id a line", node_list)
QUIET = Writer("quiet", (".quiet.txt",), "left out of all", lambda src: {".quiet.txt": src.stem}, in_all=False)


class FakeEntryPoint:
    """What ``importlib.metadata.entry_points`` gives: a name, a value and ``load()``."""

    def __init__(self, name: str, obj: object) -> None:
        self.name, self.value, self.obj = name, f"plugin:{name}", obj

    def load(self) -> object:
        if isinstance(self.obj, Exception):
            raise self.obj
        return self.obj


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch):
    """``plugins(*entry_points)``: a fresh writer table that will load these entry points."""

    def install(*eps: FakeEntryPoint) -> None:
        def entry_points(**kwargs: str) -> list[FakeEntryPoint]:
            assert kwargs == {"group": "newsgraph.writers"}
            return list(eps)

        monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
        monkeypatch.setattr(writers, "_WRITERS", {})
        monkeypatch.setattr(writers, "_loaded", False)

    return install


def test_every_writer_makes_exactly_its_suffixes(run, tmp_path: Path) -> None:
    article = run(TEXT)
    sources = {"article": article_source(article, stem="a"), "corpus": corpus_source(merge([article]), "c")}
    for w in writers.all_writers():
        for kind, src in sources.items():
            if not (w.articles if kind == "article" else w.corpora):
                continue
            if w.directory:
                assert w.suffixes == ()
                w.store(src, tmp_path / w.name)
                assert (tmp_path / w.name).is_dir(), w.name
                continue
            files = w.render(src)
            assert tuple(files) == w.suffixes, (w.name, kind)
            assert all(isinstance(data, bytes if w.binary else str) for data in files.values()), w.name


def test_the_sink_expects_the_files_an_article_gets(run, tmp_path: Path) -> None:
    formats = writers.parse_formats("all,png,svg")
    sink = DirectorySink(tmp_path, formats, resume=False)
    try:
        sink.write(run(TEXT), "a", "fp")
        written = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("a."))
        assert written == sorted(p.name for p in sink.expected_files("a"))
    finally:
        sink.close()


def test_the_table_is_what_the_old_tables_were() -> None:
    rdf = ("ttl", "nt", "nq", "trig", "jsonld")
    assert (*rdf, "graphml", "gexf", "nodelink", "neo4j", "html", "png", "svg") == exports.GRAPH_FORMATS
    assert exports.PICTURES == ("png", "svg")
    assert "json" not in writers.parse_formats("all") and "png" not in writers.parse_formats("all")
    guesses = {"c.json": "nodelink", "c.nodelink.json": "nodelink", "c.csv": "neo4j", "c.cypher": "neo4j"}
    guesses |= {"c.TTL": "ttl", "c.svg": "svg", "store": "oxigraph"}
    assert {name: writers.corpus_format(Path(name), None) for name in guesses} == guesses
    with pytest.raises(ValueError, match="unknown format json; choose from oxigraph, ttl"):
        writers.corpus_format(Path("c"), "json")


@pytest.mark.parametrize(
    "bad",
    [
        dict(name="all", suffixes=(".x",), render=node_list),
        dict(name="a,b", suffixes=(".x",), render=node_list),
        dict(name="x", suffixes=(), render=node_list),
        dict(name="x", suffixes=(".x",)),
        dict(name="x", suffixes=(".x",), store=lambda src, out: None, articles=False),
    ],
)
def test_a_malformed_writer_is_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        Writer(description="d", **bad)


def test_a_plugin_is_known_everywhere(plugins, tmp_path: Path) -> None:
    plugins(FakeEntryPoint("nodes", NODES), FakeEntryPoint("quiet", QUIET))
    assert writers.parse_formats("nodes") == ("nodes",)
    assert "nodes" in writers.parse_formats("all") and "quiet" not in writers.parse_formats("all")
    assert writers.parse_formats("quiet") == ("quiet",)
    assert writers.corpus_format(Path("corpus.txt"), None) == "nodes"
    assert "nodes (one node id a line)" in extract_format_help()
    assert "every one but png, svg, quiet" in extract_format_help()
    sink = DirectorySink(tmp_path, writers.parse_formats("all"), resume=False)
    try:
        assert tmp_path / "a.nodes.txt" in sink.expected_files("a")
    finally:
        sink.close()


def test_extract_writes_a_plugin_format(plugins, tmp_path: Path) -> None:
    plugins(FakeEntryPoint("nodes", NODES))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "--out", str(out), "-j", "1", "-f", "nodes"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["a.json", "a.nodes.txt"]
    assert "Q3884\n" in (out / "a.nodes.txt").read_text()  # Amazon
    result = CliRunner().invoke(app, ["merge", str(out), "--out", str(tmp_path / "corpus.txt")])
    assert result.exit_code == 0, result.output
    assert "Q3884\n" in (tmp_path / "corpus.txt").read_text()  # the file named, not corpus.nodes.txt


def test_unknown_format_is_a_usage_error(plugins, tmp_path: Path) -> None:
    plugins(FakeEntryPoint("nodes", NODES))
    (tmp_path / "a.txt").write_text(TEXT)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "-f", "nope"])
    assert result.exit_code == 2
    assert "unknown format nope; choose from ttl, nt, nq, trig, jsonld" in result.output
    assert "svg, nodes or all" in result.output
    assert not (tmp_path / "o").exists()


def test_a_broken_plugin_is_left_out_with_a_warning(plugins) -> None:
    clash = Writer("ttl", (".ttl",), "a second Turtle", node_list)
    plugins(
        FakeEntryPoint("broken", ImportError("no module named plugin")),
        FakeEntryPoint("notawriter", object()),
        FakeEntryPoint("ttl", clash),
        FakeEntryPoint("other", NODES),
        FakeEntryPoint("nodes", NODES),
    )
    with pytest.warns(UserWarning) as caught:
        names = [w.name for w in writers.all_writers()]
    assert len(caught) == 4
    assert names.count("ttl") == 1 and writers.get("ttl") is not clash
    assert "nodes" in names and "broken" not in names


def test_register_refuses_a_taken_name(plugins) -> None:
    plugins()
    writers.register(NODES)
    with pytest.raises(ValueError, match="already registered"):
        writers.register(NODES)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("corpus.trig", "trig"), ("corpus.json", "nodelink"), ("corpus", "oxigraph"), ("corpus.oxigraph", "oxigraph")],
)
def test_the_corpus_format_follows_the_extension(name: str, expected: str, tmp_path: Path) -> None:
    assert writers.corpus_format(tmp_path / name, None) == expected


def test_an_unknown_extension_is_refused_not_made_a_store(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"no format writes \.xyz files"):
        writers.corpus_format(tmp_path / "c.xyz", None)
    (tmp_path / "old.store").mkdir()  # a store already there keeps its name, dots and all
    assert writers.corpus_format(tmp_path / "old.store", None) == "oxigraph"


def test_the_file_named_is_the_file_written(run, tmp_path: Path) -> None:
    """--out corpus.json writes corpus.json (node-link), not corpus.nodelink.json beside it."""
    corpus = merge([run("Amazon will invest $4 billion in Anthropic.")])
    assert exports.write_corpus(corpus, tmp_path / "corpus.json", "nodelink") == [tmp_path / "corpus.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.json"]
    assert '"directed"' in (tmp_path / "corpus.json").read_text()
