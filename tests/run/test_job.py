"""run_job: what ``newsgraph extract`` runs, called as a library function on the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from extractor import extract
from extractor.export.store import query
from extractor.model.facts import ArticleGraph, Failure
from extractor.run.batch import Progress
from extractor.run.job import STDIN_FORMATS, CorpusWritten, ExtractJob, UsageError, run_job, write_corpus

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SEED_ID = "amazon-anthropic-8b"
GRAPHS = REPO / "graphs"


def outputs(out: Path) -> list[str]:
    """The files an article run leaves, without the lock and the manifest."""
    return sorted(p.name for p in out.iterdir() if not p.name.startswith("."))


def test_the_seed_article_gives_what_the_command_gave(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """graphs/ was written by ``newsgraph extract seeds --out graphs``: the job writes the same bytes."""
    monkeypatch.chdir(REPO)  # the article's source is the path as given, as it was for graphs/
    out, store = tmp_path / "out", tmp_path / "store"
    totals: list[int | None] = []

    def progress(total: int | None) -> Progress:
        totals.append(total)
        return Progress()

    result = run_job(ExtractJob(["seeds"], out, formats=["ttl"], jobs=1, corpus=store), progress=progress)

    assert outputs(out) == [f"{SEED_ID}.json", f"{SEED_ID}.ttl"]
    for suffix in (".json", ".ttl"):
        assert (out / f"{SEED_ID}{suffix}").read_bytes() == (GRAPHS / f"{SEED_ID}{suffix}").read_bytes()
    article = ArticleGraph.from_json(json.loads((out / f"{SEED_ID}.json").read_text()))
    summary = result.summary
    assert (summary.articles, summary.failed, summary.skipped) == (1, 0, 0)
    assert (summary.entities, summary.relations) == (len(article.entities), len(article.relations))
    assert result.ok and result.problems == () and result.failures_path is None and result.stopped is None
    assert totals == [1]  # one text file: the total is known before reading
    assert result.corpus is not None and result.corpus.paths == [store]
    assert (result.corpus.articles, result.corpus.entities) == (1, len(article.entities))
    answer = query(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ng:Article }")
    assert answer.rows == [["1"]]


def test_a_resumed_job_skips_and_its_corpus_holds_the_whole_output(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "store"
    first = run_job(ExtractJob([SEEDS], out, jobs=1))
    assert first.corpus is None and first.summary.articles == 1
    again = run_job(ExtractJob([SEEDS], out, jobs=1, resume=True, corpus=store))
    assert (again.summary.articles, again.summary.skipped) == (0, 1)
    assert again.corpus is not None and again.corpus.articles == 1  # read back from the output, not this run's


def test_unusable_paths_are_reported_and_the_rest_is_done(tmp_path: Path) -> None:
    problems: list[str] = []
    missing = tmp_path / "nope.txt"
    result = run_job(ExtractJob([SEEDS, missing], tmp_path / "out", jobs=1), on_problem=problems.append)
    assert problems == [f"{missing}: no such file or directory"]
    assert result.problems == tuple(problems) and not result.ok
    assert outputs(tmp_path / "out") == [f"{SEED_ID}.json"]


def test_failed_articles_are_counted_listed_and_passed_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text((SEEDS / f"{SEED_ID}.txt").read_text())
    (src / "empty.txt").write_text("  \n")
    failures: list[Failure] = []
    result = run_job(ExtractJob([src], tmp_path / "out", jobs=1), on_failure=failures.append)
    assert (result.summary.articles, result.summary.failed) == (1, 1) and not result.ok
    assert [(f.id, f.error) for f in failures] == [("empty", "the article is empty")]
    assert result.failures_path == tmp_path / "out" / "failures.jsonl"
    listed = [json.loads(line) for line in result.failures_path.read_text().splitlines()]
    assert [(f["id"], f["error"]) for f in listed] == [("empty", "the article is empty")]


def test_a_json_lines_input_has_no_total_in_advance(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    text = (SEEDS / f"{SEED_ID}.txt").read_text()
    feed.write_text("".join(json.dumps({"id": f"a{i}", "text": text}) + "\n" for i in range(2)))
    totals: list[int | None] = []
    result = run_job(
        ExtractJob([feed], tmp_path / "out.jsonl", jobs=1), progress=lambda t: totals.append(t) or Progress()
    )
    assert totals == [None] and result.summary.articles == 2
    assert [json.loads(line)["article"]["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()] == [
        "a0",
        "a1",
    ]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"out": "OUT.jsonl", "formats": ["ttl"]}, "graph files (--format) need a directory for --out"),
        ({"out": "-", "resume": True}, "--resume needs a directory or a .jsonl file for --out, not stdout"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "--scheduler goes with --engine dask"),
        ({"formats": ["pdf"]}, "unknown format pdf"),
        ({"published": "yesterday"}, "--published 'yesterday' is not an ISO date such as 2024-11-22"),
        ({"engine": "spark"}, "unknown engine 'spark'; choose from local, dask"),
        ({"stdin_format": "xml"}, "unknown stdin format 'xml'; choose from text, jsonl, html"),
        ({"jobs": 0}, "jobs must be at least 1, not 0"),
        ({"min_confidence": 1.5}, "min_confidence must be between 0 and 1, not 1.5"),
        ({"paths": ["NOPE"]}, "NOPE: no such file or directory"),
        ({"model": "no_such_model_xx"}, "cannot load spaCy pipeline 'no_such_model_xx'"),
    ],
)
def test_a_bad_job_raises_usage_error_without_touching_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changes: dict[str, object], message: str
) -> None:
    monkeypatch.chdir(tmp_path)  # relative outputs and paths land here, if anywhere
    job = {"paths": [str(SEEDS)], "out": "OUT", "jobs": 1, "corpus": tmp_path / "STORE"} | changes
    problems: list[str] = []
    with pytest.raises(UsageError) as raised:
        run_job(ExtractJob(**job), on_problem=problems.append)  # type: ignore[arg-type]
    assert message in str(raised.value)
    assert list(tmp_path.iterdir()) == [] and problems == []


def test_every_missing_path_is_one_message(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as raised:
        run_job(ExtractJob([tmp_path / "a", tmp_path / "b"], tmp_path / "out"))
    assert raised.value.messages == (
        f"{tmp_path / 'a'}: no such file or directory",
        f"{tmp_path / 'b'}: no such file or directory",
    )


def test_a_store_target_of_other_files_is_refused_before_any_article(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="is a directory of other files, not a store"):
        run_job(ExtractJob([SEEDS], tmp_path / "out", jobs=1, corpus=store))
    assert outputs(store) == ["notes.txt"] and outputs(tmp_path / "out") == []


def test_a_corpus_that_cannot_be_written_is_reported_after_the_batch(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_job(ExtractJob([SEEDS], tmp_path / "out", jobs=1, corpus=blocker / "store"))
    assert result.summary.articles == 1 and outputs(tmp_path / "out") == [f"{SEED_ID}.json"]
    assert result.corpus is None and not result.ok
    assert result.corpus_error is not None and result.corpus_error.startswith(f"cannot write the corpus to {blocker}")


def test_the_corpus_step_is_one_call(nlp: Language, tmp_path: Path) -> None:
    """Two articles, four companies, two relations: one call merges and writes them and says so."""
    store = tmp_path / "store"
    articles = [
        extract("Amazon will invest $4 billion in Anthropic.", id="a", nlp=nlp),
        extract("Oracle partnered with Nvidia.", id="b", nlp=nlp),
    ]
    written = write_corpus(articles, store)
    assert written == CorpusWritten([store], 2, 4, 2)
    assert written.line() == f"corpus of 2 articles, 4 entities, 2 distinct relations written to {store}"
    assert query(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ng:Article }").rows == [["2"]]


def test_the_commands_stdin_formats_are_the_jobs() -> None:
    from extractor.cli.extract import StdinFormat

    assert tuple(f.value for f in StdinFormat) == STDIN_FORMATS


def test_the_job_is_public() -> None:
    """``from extractor import ExtractJob, run_job``: what the command runs, without typer."""
    import extractor

    assert (extractor.ExtractJob, extractor.run_job, extractor.UsageError) == (ExtractJob, run_job, UsageError)
