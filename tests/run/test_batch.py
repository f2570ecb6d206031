"""Batch extraction: JSON Lines, HTML and gzip inputs, JSONL and stdout outputs, process pools,
the Dask engine, resuming an interrupted batch, progress and the summary."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.io.readers import Inputs, read_all
from extractor.run import batch

STORIES = [
    "Nvidia agreed to acquire Run:ai for $700 million. The European Commission cleared the deal.",
    "Amazon will invest $4 billion in Anthropic. Anthropic will use AWS Trainium chips.",
    "Microsoft, which makes the Xbox console, said Satya Nadella, its chief executive, spoke.",
    "Oracle partnered with Nvidia to build data centers in Texas.",
]
PAGE = (
    "<html><head><title>Nvidia buys Run:ai</title>"
    '<meta property="article:published_time" content="2024-04-24T09:00:00Z"></head>'
    "<body><nav>Home | Markets | Sport</nav><article><h1>Nvidia buys Run:ai</h1>"
    "<p>Nvidia has agreed to acquire Run:ai, a Tel Aviv-based company, for about $700 million.</p>"
    "<p>The European Commission cleared the acquisition in December.</p></article>"
    "<script>document.write('Nvidia acquires Intel')</script><footer>Cookie policy</footer></body></html>"
)


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


@pytest.fixture()
def feed(tmp_path: Path) -> Path:
    d = tmp_path / "feed"
    d.mkdir()
    records = [
        {"id": f"s{n}", "text": t, "title": f"Story {n}", "url": "https://example.com"} for n, t in enumerate(STORIES)
    ]
    (d / "wire.jsonl").write_text(jsonl(records[:2]) + "{not json\n" + jsonl([{"id": "x"}, {"id": "y", "text": 5}]))
    with gzip.open(d / "more.jsonl.gz", "wt") as fh:
        fh.write(jsonl(records[2:]))
    (d / "page.html").write_text(PAGE)
    with gzip.open(d / "old.txt.gz", "wt") as fh:
        fh.write("Apple buys a startup\n\nApple agreed to buy Perplexity for $14 billion.")
    return d


def names(out: Path) -> list[str]:
    """Article outputs: not the manifest, not the list of failures."""
    return sorted(p.name for p in out.iterdir() if not p.name.startswith(".") and p.name != "failures.jsonl")


def test_jsonl_html_and_gzip_inputs(feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(feed), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 1  # three bad JSON lines, each reported, the rest written
    assert names(out) == ["old.json", "page.json", "s0.json", "s1.json", "s2.json", "s3.json"]
    errors = [line for line in result.output.splitlines() if line.startswith("newsgraph: error:")]
    assert len(errors) == 3
    assert any("wire.jsonl:3: not a JSON object" in e for e in errors)
    assert any('wire.jsonl:4: missing "text"' in e for e in errors)
    page = json.loads((out / "page.json").read_text())
    assert page["article"]["title"] == "Nvidia buys Run:ai" and page["article"]["published"] == "2024-04-24"
    text_names = {e["name"] for e in page["entities"]}
    assert {"Nvidia", "Run:ai"} <= text_names and "Intel" not in text_names  # scripts are not text
    s0 = json.loads((out / "s0.json").read_text())
    assert s0["article"]["title"] == "Story 0" and s0["article"]["source"].endswith("wire.jsonl:1")
    assert "3 failed" in result.output
    logged = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert [f["id"] for f in logged] == ["line-3", "x", "y"] and all(f["error"] for f in logged)


def test_jsonl_file_and_stdout_outputs(feed: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "all.jsonl"
    result = runner.invoke(app, ["extract", str(feed / "more.jsonl.gz"), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["article"]["id"] for line in out.read_text().splitlines()]
    assert ids == ["s2", "s3"]
    piped = runner.invoke(
        app, ["extract", "-", "--out", "-", "--stdin-format", "jsonl"], input=jsonl([{"id": "a", "text": STORIES[3]}])
    )
    assert piped.exit_code == 0
    line = next(ln for ln in piped.stdout.splitlines() if ln.startswith("{"))
    assert json.loads(line)["article"]["id"] == "a"
    bad = runner.invoke(app, ["extract", str(feed), "--out", str(out), "--format", "ttl"])
    assert bad.exit_code == 2 and "need a directory" in bad.output


def test_process_pool_gives_the_same_files(feed: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    one, two = tmp_path / "one", tmp_path / "two"
    runner.invoke(app, ["extract", str(feed), "--out", str(one), "--jobs", "1", "--format", "ttl"])
    result = runner.invoke(
        app, ["extract", str(feed), "--out", str(two), "--jobs", "2", "--batch-size", "2", "--format", "ttl"]
    )
    assert result.exit_code == 1, result.output
    assert names(one) == names(two)
    for name in names(one):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_dask_engine_gives_the_same_files(feed: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    local, dask = tmp_path / "local", tmp_path / "dask"
    runner.invoke(app, ["extract", str(feed), "--out", str(local), "--jobs", "1"])
    result = runner.invoke(
        app, ["extract", str(feed), "--out", str(dask), "--engine", "dask", "--jobs", "2", "--batch-size", "2"]
    )
    assert result.exit_code == 1, result.output
    assert names(local) == names(dask)
    for name in names(local):
        assert (local / name).read_bytes() == (dask / name).read_bytes(), name


def test_resume_after_the_process_is_killed(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    big.write_text(jsonl([{"id": f"a{n:03d}", "text": STORIES[n % 4] * 3} for n in range(240)]))
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "extractor",
        "extract",
        str(big),
        "--out",
        str(out),
        "--jobs",
        "1",
        "--batch-size",
        "8",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / ".newsgraph-manifest.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not manifest.exists() or len(manifest.read_text().splitlines()) < 20):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(names(out))
    assert 20 <= done_before < 240, "the run was interrupted mid-way"
    # no partial file under an output's name: only the manifest, the lock and marked temporaries
    hidden = {p.name for p in out.iterdir() if p.name.startswith(".")} - {manifest.name, ".newsgraph.lock"}
    assert all(".ng-tmp-" in name for name in hidden), hidden
    resumed = CliRunner().invoke(app, ["extract", str(big), "--out", str(out), "--jobs", "1", "--resume"])
    assert resumed.exit_code == 0, resumed.output
    skipped = int(resumed.output.split(" failed, ")[1].split(" skipped")[0])
    assert skipped >= done_before - 1 and len(names(out)) == 240
    assert not [p for p in out.iterdir() if ".ng-tmp-" in p.name]  # the resume removed the killed run's temporaries
    fresh = tmp_path / "fresh"
    CliRunner().invoke(app, ["extract", str(big), "--out", str(fresh), "--jobs", "1"])
    for name in names(fresh):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    again = CliRunner().invoke(app, ["extract", str(big), "--out", str(out), "--jobs", "1", "--resume"])
    assert "0 articles" in again.output and "240 skipped" in again.output


def test_resume_redoes_changed_articles(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(STORIES[0])
    out = tmp_path / "out"
    runner = CliRunner()
    runner.invoke(app, ["extract", str(src), "--out", str(out)])
    assert "1 skipped" in runner.invoke(app, ["extract", str(src), "--out", str(out), "--resume"]).output
    src.write_text(STORIES[1])
    assert "0 skipped" in runner.invoke(app, ["extract", str(src), "--out", str(out), "--resume"]).output
    assert "Anthropic" in (out / "a.json").read_text()


def test_log_progress_and_summary(feed: Path) -> None:
    lines: list[str] = []

    class Sink:
        def claim(self, article_id: str) -> str:
            return article_id

        def is_current(self, *_: object) -> bool:
            return False

        def write(self, *_: object) -> None:
            pass

        def fail(self, *_: object) -> None:
            pass

        def close(self) -> None:
            pass

    inputs = Inputs(files=sorted(feed.iterdir()))
    summary = batch.run_batch(read_all(inputs), Sink(), progress=batch.LogProgress(lines.append, every=0))
    assert summary.articles == 6 and summary.failed == 3 and summary.relations > 0
    assert lines and all(line.startswith("progress: ") for line in lines)
    assert "6 articles" in summary.line() and "articles/s" in summary.line()


def test_resume_after_a_torn_manifest_line_does_nothing_twice(tmp_path: Path) -> None:
    """A run killed mid-write leaves half a manifest line; the next record must not join it."""
    src = tmp_path / "in"
    src.mkdir()
    for n, story in enumerate(STORIES[:3]):
        (src / f"a{n}.txt").write_text(story)
    out = tmp_path / "out"
    runner = CliRunner()
    runner.invoke(app, ["extract", str(src), "--out", str(out), "--jobs", "1"])
    manifest = out / ".newsgraph-manifest.jsonl"
    lines = manifest.read_text().splitlines()
    manifest.write_text("\n".join(lines[:2]) + "\n" + lines[2][:15])  # a2's record torn
    first = runner.invoke(app, ["extract", str(src), "--out", str(out), "--jobs", "1", "--resume"])
    assert "1 articles" in first.output and "2 skipped" in first.output
    second = runner.invoke(app, ["extract", str(src), "--out", str(out), "--jobs", "1", "--resume"])
    assert "0 articles" in second.output and "3 skipped" in second.output
    assert all(json.loads(line) for line in manifest.read_text().splitlines())


def test_docs_are_freed_as_soon_as_their_article_is_done() -> None:
    """Memory stays flat only if each Doc goes when its article graph is built, not at Python's
    next full garbage collection (which comes ever more rarely as a long batch goes on)."""
    import gc

    from spacy.tokens import Doc

    from extractor.nlp.api import extract_many
    from extractor.text.article import from_text

    articles = [from_text(story, f"s{n}") for n, story in enumerate(STORIES)]
    list(extract_many(articles[:1]))  # the pipeline is loaded
    gc.collect()
    gc.disable()
    try:
        graphs = list(extract_many(articles, batch_size=2))
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, Doc)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert len(graphs) == 4 and all(g.entities for g in graphs)
    assert left == []


def test_ctrl_c_stops_at_once_and_resume_continues(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) while two workers are busy
    with long chunks: the run ends without waiting for them, prints no traceback, says how many articles
    were written and that --resume continues, exits 130; --resume then finishes the batch."""
    big = tmp_path / "big.jsonl"
    big.write_text(jsonl([{"id": f"a{n:03d}", "text": STORIES[n % 4] * 20} for n in range(250)]))
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "extractor",
        "extract",
        str(big),
        "--out",
        str(out),
        "--jobs",
        "2",
        "--batch-size",
        "40",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    manifest = out / ".newsgraph-manifest.jsonl"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and (not manifest.exists() or not manifest.read_text().strip()):
        time.sleep(0.05)
    time.sleep(0.5)  # the workers are into their next chunks
    os.killpg(proc.pid, signal.SIGINT)
    interrupted = time.monotonic()
    _, stderr = proc.communicate(timeout=60)
    took = time.monotonic() - interrupted
    written = len(names(out))
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert f"interrupted: {written} articles written" in stderr and "--resume" in stderr, stderr
    assert took < 5, f"took {took:.1f} s to stop: it waited for the chunks in flight"  # a chunk takes longer
    assert 0 < written < 250
    resumed = CliRunner().invoke(app, ["extract", str(big), "--out", str(out), "--jobs", "2", "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert len(names(out)) == 250


def test_the_progress_bar_shows_done_of_total_rate_and_time_left(capsys: pytest.CaptureFixture[str]) -> None:
    """On a terminal: "3/10", the share done and a rate (time left beside them), drawn on stderr: stdout may
    be the output (--out -)."""
    import io

    from rich.console import Console

    from extractor.run.batch import Summary, TerminalProgress

    screen = io.StringIO()
    bar = TerminalProgress(10, console=Console(file=screen, force_terminal=True, width=120))
    bar.advance(Summary(articles=3))
    bar.bar.refresh()
    drawn = screen.getvalue()
    bar.close()
    assert "3/10" in drawn and "30%" in drawn and "art/s" in drawn
    default = TerminalProgress(10)
    assert default.bar.console.stderr
    default.close()
    assert capsys.readouterr().out == ""
