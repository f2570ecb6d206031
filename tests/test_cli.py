"""The newsgraph command, driven through typer's CliRunner."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

GOOD = "Nvidia buys Run:ai\n\nApril 24, 2024 - Nvidia has agreed to acquire Run:ai for $700 million.\n"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(GOOD)
    (d / "sub" / "b.md").write_text("Oracle partnered with Nvidia.\n")
    (d / "notes.csv").write_text("ignored,file\n")
    return d


def test_extract_directory_recursively(runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(articles), "--out", str(out), "--format", "ttl,graphml,nodelink"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".") and p.name != "failures.jsonl") == [
        "a.graphml",
        "a.json",
        "a.nodelink.json",
        "a.ttl",
        "b.graphml",
        "b.json",
        "b.nodelink.json",
        "b.ttl",
    ]
    doc = json.loads((out / "a.json").read_text())
    assert doc["schema_version"] == 1
    assert doc["article"] == {
        "id": "a",
        "source": str(articles / "a.txt"),
        "title": "Nvidia buys Run:ai",
        "published": "2024-04-24",
    }
    names = {e["id"]: e["name"] for e in doc["entities"]}
    assert {(names[r["subject"]], r["predicate"], names[r["object"]]) for r in doc["relations"]} == {
        ("Nvidia", "acquires", "Run:ai")
    }


def test_extract_from_stdin(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "-", "--out", str(tmp_path)], input=GOOD)
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "stdin.json").read_text())["relations"]


def test_last_resort_facts_only_below_the_default_threshold(runner: CliRunner, tmp_path: Path) -> None:
    """The last resort's guesses are written only when asked for: --min-confidence 0 keeps them."""
    text = "Broadcom absorbed VMware last year.\n"

    def acquisitions(*options: str) -> list[dict]:
        out = tmp_path / "-".join(options or ("default",))
        result = runner.invoke(app, ["extract", "-", "--out", str(out), *options], input=text)
        assert result.exit_code == 0, result.output
        return [r for r in json.loads((out / "stdin.json").read_text())["relations"] if r["predicate"] == "acquires"]

    assert acquisitions() == []
    kept = acquisitions("--min-confidence", "0")
    assert [(r["rule"], r["confidence"] < 0.6) for r in kept] == [("linked-acquires", True)]


def test_bad_article_fails_alone(runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    (articles / "empty.txt").write_text("   \n")
    (articles / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(articles), "--out", str(out)])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".") and p.name != "failures.jsonl") == [
        "a.json",
        "b.json",
    ]
    errors = [line for line in result.output.splitlines() if line.startswith("newsgraph: error:")]
    assert len(errors) == 2
    assert any("empty.txt: the article is empty" in e for e in errors)
    assert any("image.txt" in e for e in errors)
    assert "Traceback" not in result.output


def test_missing_path_is_a_usage_error(runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(articles / "a.txt"), str(tmp_path / "nope.txt"), "--out", str(out)])
    assert result.exit_code == 2
    assert f"newsgraph: error: {tmp_path / 'nope.txt'}: no such file or directory" in result.output
    assert (out / "a.json").exists()  # the good article is still written


def test_directory_without_articles(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["extract", str(tmp_path / "empty"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no article files (.txt .md .jsonl .html, or gzipped) in this directory" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "pdf"], "unknown format pdf"),
        (["--published", "yesterday"], "is not an ISO date"),
        (["--model", "no_such_model_xx"], "cannot load spaCy pipeline 'no_such_model_xx'"),
    ],
)
def test_usage_errors(runner: CliRunner, articles: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["extract", str(articles), "--out", str(tmp_path / "o"), *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["extract", "x.txt", "--out", "o", "--engine", "spark"], "'spark' is not one of 'local', 'dask'"),
        (["extract", "-", "--out", "o", "--stdin-format", "xml"], "'xml' is not one of 'text', 'jsonl', 'html'"),
        (["query", "g.ttl", "ASK {}", "--output", "xml"], "'xml' is not one of 'table', 'csv', 'json'"),
    ],
)
def test_a_bad_choice_is_typers_usage_error(runner: CliRunner, args: list[str], message: str) -> None:
    """Choices are enums: typer refuses any other value before the command runs, naming the choices."""
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_the_engine_choices_are_the_engines() -> None:
    from extractor.cli.extract import Engine
    from extractor.run import engines

    assert tuple(e.value for e in Engine) == engines.ENGINES


def test_show_prints_tables(runner: CliRunner, articles: Path) -> None:
    result = runner.invoke(app, ["show", str(articles / "a.txt")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Entities" in result.output and "Run:ai" in result.output and "acquires" in result.output


def test_show_empty_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text("")
    result = runner.invoke(app, ["show", str(tmp_path / "e.txt")])
    assert result.exit_code == 1 and "the article is empty" in result.output


def test_unwritable_output_fails_each_article_cleanly(runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    result = runner.invoke(app, ["extract", str(articles), "--out", str(blocker)])
    assert result.exit_code == 2
    assert f"newsgraph: error: cannot write to {blocker}" in result.output and "Traceback" not in result.output


def visible(directory: Path) -> list[str]:
    return sorted(
        p.relative_to(directory).as_posix()
        for p in directory.rglob("*")
        if p.is_file() and "/." not in f"/{p.relative_to(directory)}"
    )


@pytest.mark.parametrize("out_name", ["in/graphs", "in"])
def test_extract_never_reads_its_own_outputs(runner: CliRunner, articles: Path, tmp_path: Path, out_name: str) -> None:
    """--out inside the input directory, or the input directory itself, with every format (HTML pages
    included): a second run and a --resume read only the articles, never the manifest, the failure list
    or the graph files, and create no ID-2.* articles from them."""
    out = tmp_path / out_name
    first = runner.invoke(app, ["extract", str(articles), "--out", str(out), "--format", "all"])
    assert first.exit_code == 0, first.output
    before = visible(tmp_path)
    for again in (["--resume"], []):
        result = runner.invoke(app, ["extract", str(articles), "--out", str(out), "--format", "all", *again])
        assert result.exit_code == 0, result.output
        assert "2 articles" in result.output or "0 articles" in result.output, result.output
        assert visible(tmp_path) == before, "a second run wrote new files"
        assert not any("-2." in name for name in visible(tmp_path))


def test_unknown_extensions_are_counted_or_refused(runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    """notes.csv in a walk is left out and counted; named on its own it is refused, unless --input-format
    says what it is."""
    walked = runner.invoke(app, ["extract", str(articles), "--out", str(tmp_path / "o1")])
    assert walked.exit_code == 0 and "1 files left out of the directories read" in walked.output, walked.output
    named = runner.invoke(app, ["extract", str(articles / "notes.csv"), "--out", str(tmp_path / "o2")])
    assert named.exit_code == 2 and "not an article file by its extension" in named.output, named.output
    ttl = tmp_path / "story.wire"
    ttl.write_text(GOOD)
    forced = runner.invoke(app, ["extract", str(ttl), "--out", str(tmp_path / "o3"), "--input-format", "text"])
    assert forced.exit_code == 0, forced.output
    assert json.loads((tmp_path / "o3" / "story.json").read_text())["article"]["title"] == "Nvidia buys Run:ai"


FEED_ROWS = [
    {"id": "runai", "text": GOOD},
    {"id": "oracle", "text": "Oracle partnered with Nvidia to build data centers in Texas.\n"},
]


def test_show_prints_each_article_of_a_feed_or_the_one_asked_for(runner: CliRunner, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in FEED_ROWS))
    every = runner.invoke(app, ["show", str(feed), "--output", "json"])
    assert every.exit_code == 0, every.output
    assert [json.loads(line)["article"]["id"] for line in every.stdout.splitlines()] == ["runai", "oracle"]
    one = runner.invoke(app, ["show", str(feed), "--id", "oracle", "--output", "csv"])
    assert one.exit_code == 0, one.output
    rows = one.stdout.splitlines()
    assert rows[0].startswith("article,subject,subject_type,predicate,object")
    assert rows[1:] and all(row.startswith("oracle,") for row in rows[1:])
    assert "Oracle,Organization,partners_with,Nvidia,Organization" in one.stdout
    missing = runner.invoke(app, ["show", str(feed), "--id", "nope"])
    assert missing.exit_code == 2 and "no article with id 'nope'" in missing.output


def test_show_reads_article_json_as_it_is(runner: CliRunner, articles: Path, tmp_path: Path) -> None:
    """The JSON extract wrote is shown, not extracted again as if it were prose."""
    out = tmp_path / "out"
    assert runner.invoke(app, ["extract", str(articles / "a.txt"), "--out", str(out)]).exit_code == 0
    written = json.loads((out / "a.json").read_text())
    shown = runner.invoke(app, ["show", str(out / "a.json"), "--output", "json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == written
    (tmp_path / "other.json").write_text('{"directed": true}')
    other = runner.invoke(app, ["show", str(tmp_path / "other.json")])
    assert other.exit_code == 2 and "not article JSON" in other.output


def test_piped_tables_keep_whole_values(runner: CliRunner, articles: Path) -> None:
    """Written to a pipe, a table is not cut at 80 columns: each evidence sentence and name is whole."""
    long = "Nvidia, the Santa Clara chipmaker that Brightwater Analytics follows closely, has agreed to acquire Run:ai."
    path = articles / "long.txt"
    path.write_text(f"Deal\n\n{long}\n")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 0, result.output
    assert long in result.stdout


@pytest.mark.parametrize("command", [[], ["extract"], ["show"], ["merge"], ["view"], ["query"], ["validate"]])
def test_help_shows_metavars_not_python_types(runner: CliRunner, command: list[str]) -> None:
    """-h is --help; the type column shows DIR, N, local|dask and the like, never <bool> or <list[str]>."""
    result = runner.invoke(app, [*command, "-h"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert not re.search(r"<(bool|str|int|float|path|list\[\w+\]|int range|float range)>", result.output), result.output


def test_version_and_every_format_in_help(runner: CliRunner) -> None:
    from extractor import __version__

    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout == f"newsgraph {__version__}\n"
    helped = runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "300"}).output
    assert all(f"{name} (" in helped for name in ("ttl", "graphml", "html", "png", "svg")), helped
    assert "DIR|FILE.jsonl|-" in helped and "local|dask" in helped


def test_merge_refuses_an_unknown_extension_and_validate_takes_a_store(
    runner: CliRunner, articles: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["extract", str(articles), "--out", str(out)]).exit_code == 0
    bad = runner.invoke(app, ["merge", str(out), "--out", str(tmp_path / "c.xyz")])
    assert bad.exit_code == 2 and "no format writes .xyz files" in bad.output, bad.output
    assert not (tmp_path / "c.xyz").exists()
    store = tmp_path / "corpus"
    assert runner.invoke(app, ["merge", str(out), "--out", str(store)]).exit_code == 0
    checked = runner.invoke(app, ["validate", str(store)])
    assert checked.exit_code == 0 and "conforms" in checked.output, checked.output


# -- merge --------------------------------------------------------------------------------------
SHIPPED = Path(__file__).resolve().parent.parent / "graphs" / "amazon-anthropic-8b.json"


def article_dir(tmp_path: Path, name: str, ids: list[str]) -> Path:
    """The shipped article JSON under other ids: one entity renamed per id, so each adds a node."""
    d = tmp_path / name
    d.mkdir()
    for article_id in ids:
        data = json.loads(SHIPPED.read_text(encoding="utf-8"))
        data["article"]["id"] = article_id
        data["entities"][-1]["name"] = f"Startup {article_id}"
        (d / f"{article_id}.json").write_text(json.dumps(data), encoding="utf-8")
    return d


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "give --out STORE_OR_FILE for a new corpus, or --into STORE"),
        (["--out", "{tmp}/a", "--into", "{tmp}/b"], "give --out STORE_OR_FILE for a new corpus, or --into STORE"),
        (["--into", "{tmp}/c.trig"], "--into adds to an Oxigraph store, not to a trig file"),
        (["--into", "{tmp}/s", "--format", "nq"], "--into adds to an Oxigraph store, not to a nq file"),
        (["--out", "{tmp}/s", "--jobs", "2"], "--scheduler and --jobs go with --engine dask"),
    ],
)
def test_merge_usage_errors(runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["merge", str(SHIPPED), *(a.format(tmp=tmp_path) for a in args)])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_merge_into_adds_without_duplicating(runner: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = article_dir(tmp_path, "first", ["a", "b"])
    made = runner.invoke(app, ["merge", str(first), "--out", str(store)])
    assert made.exit_code == 0 and "corpus of 2 articles" in made.output, made.output
    second = article_dir(tmp_path, "second", ["b", "c"])  # b again, the same content
    added = runner.invoke(app, ["merge", str(second), "--into", str(store)])
    assert added.exit_code == 0, added.output
    assert f"added 1 articles to {store} (0 replaced, 1 already there" in added.output
    assert "it holds 3 articles" in added.output
    q = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ng:Article }"
    assert runner.invoke(app, ["query", str(store), q, "--output", "csv"]).output.splitlines() == ["n", "3"]
    scratch = tmp_path / "scratch"
    runner.invoke(app, ["merge", str(first), str(second), "--out", str(scratch)])
    dump = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert (
        runner.invoke(app, ["query", str(store), dump]).output
        == runner.invoke(app, ["query", str(scratch), dump]).output
    )


def test_merge_into_refuses_what_it_cannot_add_to(runner: CliRunner, tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "cat.jpg").write_bytes(b"\xff\xd8")
    refused = runner.invoke(app, ["merge", str(SHIPPED), "--into", str(photos)])
    assert refused.exit_code == 2 and "not a store" in refused.output
    from extractor.export.store import write_store
    from extractor.graph.corpus import merge, read_articles

    old = tmp_path / "old-store"  # as newsgraph wrote stores before they kept an entity index
    write_store(merge([a for a in read_articles([SHIPPED])]).to_rdf(), old)
    no_index = runner.invoke(app, ["merge", str(SHIPPED), "--into", str(old)])
    assert no_index.exit_code == 2 and "no newsgraph entity index" in no_index.output, no_index.output
    assert "Traceback" not in no_index.output


def test_merge_on_dask_writes_the_local_store(runner: CliRunner, tmp_path: Path) -> None:
    src = article_dir(tmp_path, "json", ["a", "b", "c"])
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert runner.invoke(app, ["merge", str(src), "--out", str(local)]).exit_code == 0
    done = runner.invoke(app, ["merge", str(src), "--out", str(remote), "--engine", "dask", "--jobs", "2"])
    assert done.exit_code == 0 and "corpus of 3 articles" in done.output, done.output
    dump = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    both = [runner.invoke(app, ["query", str(s), dump]).output for s in (local, remote)]
    assert both[0] == both[1] and "Startup c" in both[0]
