"""The integrity of a batch's output: names that never collide, one run per output at a time,
durable writes that --resume verifies, a full disk that stops the batch cleanly, failed articles
that leave no file behind, files rendered in the workers and only written by the parent."""

from __future__ import annotations

import errno
import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.export import writers
from extractor.export.writers import Writer
from extractor.graph.source import Source
from extractor.io import durable
from extractor.model.facts import ArticleGraph
from extractor.run import sinks

STORIES = [
    "Nvidia agreed to acquire Run:ai for $700 million. The European Commission cleared the deal.",
    "Amazon will invest $4 billion in Anthropic. Anthropic will use AWS Trainium chips.",
    "Oracle partnered with Nvidia to build data centers in Texas.",
    "Microsoft invested $10 billion in OpenAI, the maker of ChatGPT, in January 2023.",
]


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def feed(tmp_path: Path, n: int, repeat: int = 1) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl([{"id": f"a{i:03d}", "text": STORIES[i % len(STORIES)] * repeat} for i in range(n)]))
    return path


def outputs(out: Path) -> dict[str, bytes]:
    """Every article output by name: not the manifest, lock or list of failures."""
    return {
        p.name: p.read_bytes()
        for p in sorted(out.iterdir())
        if not p.name.startswith(".") and p.name != "failures.jsonl"
    }


def extract(*args: str) -> object:
    return CliRunner().invoke(app, ["extract", *args])


# -- item 2: names ------------------------------------------------------------------------------


def test_articles_never_write_over_each_others_files(tmp_path: Path) -> None:
    """'a' writes a.nodelink.json as its graph; 'a.nodelink' would write it as its article JSON."""
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl([{"id": "a", "text": STORIES[0]}, {"id": "a.nodelink", "text": STORIES[1]}]))
    out = tmp_path / "out"
    result = extract(str(src), "--out", str(out), "--format", "nodelink")
    assert result.exit_code == 0, result.output
    files = outputs(out)
    assert len(files) == 4  # two files an article, none shared
    ids = sorted(json.loads(data)["article"]["id"] for name, data in files.items() if "schema_version" in str(data))
    assert ids == ["a", "a.nodelink"]
    graphs = [json.loads(data) for name, data in files.items() if name.endswith(".nodelink.json")]
    assert len(graphs) == 2 and all("nodes" in g for g in graphs)
    manifest = [json.loads(line) for line in (out / sinks.MANIFEST_NAME).read_text().splitlines()]
    assert len({record["id"] for record in manifest}) == 2


def test_names_reserve_every_suffix() -> None:
    names = sinks.Names((".json", ".nodelink.json"))
    assert [names.claim(i) for i in ("a.nodelink", "a", "A", "a.nodelink")] == [
        "a.nodelink",
        "a-2",
        "A-3",
        "a.nodelink-2",
    ]


# -- item 3: one run per output -------------------------------------------------------------------


@pytest.mark.parametrize("target", ["out", "out.jsonl"])
def test_a_second_run_into_a_locked_output_stops_at_once(tmp_path: Path, target: str) -> None:
    out = tmp_path / target
    lock = sinks.OutputLock(out / sinks.LOCK_NAME if target == "out" else tmp_path / "out.jsonl.lock", out)
    try:
        src = feed(tmp_path, 2)
        result = extract(str(src), "--out", str(out))
        assert result.exit_code == 2, result.output
        assert "being written by another newsgraph run" in result.output
        assert "Traceback" not in result.output
    finally:
        lock.close()
    assert extract(str(src), "--out", str(out)).exit_code == 0  # free again


def wait_for_lines(path: Path, n: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and len(path.read_bytes().splitlines()) >= n:
            return
        time.sleep(0.05)
    raise AssertionError(f"{path} never had {n} lines")


@pytest.mark.parametrize("target", ["out", "out.jsonl"])
def test_two_runs_at_once_and_the_lock_ends_with_a_killed_run(tmp_path: Path, target: str) -> None:
    """Another process's run holds the output; once it is killed (its forked workers may linger
    for a moment), a resume takes the output over and finishes it with nothing lost or doubled."""
    src = feed(tmp_path, 120, repeat=3)
    out = tmp_path / target
    cmd = [
        sys.executable,
        "-m",
        "extractor",
        "extract",
        str(src),
        "--out",
        str(out),
        "--jobs",
        "2",
        "--batch-size",
        "4",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / sinks.MANIFEST_NAME if target == "out" else tmp_path / "out.jsonl.manifest.jsonl"
    try:
        wait_for_lines(manifest, 8)
        second = extract(str(src), "--out", str(out), "--resume")
        assert second.exit_code == 2 and "being written by another newsgraph run" in second.output, second.output
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    resumed = extract(str(src), "--out", str(out), "--resume")
    assert resumed.exit_code == 0, resumed.output
    if target == "out":
        assert len([n for n in outputs(out) if n.endswith(".json")]) == 120
    else:
        ids = [json.loads(line)["article"]["id"] for line in out.read_text().splitlines()]
        assert sorted(ids) == [f"a{i:03d}" for i in range(120)]


# -- item 5: durable writes, verified on resume -----------------------------------------------------


def test_files_are_on_the_disk_before_the_manifest_vouches_for_them(tmp_path: Path, monkeypatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(
        os, "fsync", lambda fd: (events.append(f"fsync {os.readlink(f'/proc/self/fd/{fd}')}"), real_fsync(fd))[1]
    )
    monkeypatch.setattr(os, "replace", lambda a, b: (events.append(f"rename {Path(b).name}"), real_replace(a, b))[1])
    real_record = sinks.Manifest.record
    monkeypatch.setattr(
        sinks.Manifest,
        "record",
        lambda self, key, fp, proof: (events.append(f"manifest {key}"), real_record(self, key, fp, proof))[1],
    )
    src = tmp_path / "a.txt"
    src.write_text(STORIES[1])
    out = tmp_path / "out"
    assert extract(str(src), "--out", str(out), "--format", "ttl").exit_code == 0
    article = events[events.index("manifest a") - 5 : events.index("manifest a") + 1]
    assert [e.split()[0] for e in article] == ["fsync", "fsync", "rename", "rename", "fsync", "manifest"], events
    assert article[4] == f"fsync {out}"  # the directory, so that the renames survive a crash


def test_resume_redoes_what_is_not_as_it_was_written(tmp_path: Path) -> None:
    src = feed(tmp_path, 6)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert extract(str(src), "--out", str(out), "--format", "ttl").exit_code == 0
    assert extract(str(src), "--out", str(fresh), "--format", "ttl").exit_code == 0
    (out / "a000.json").write_bytes(b"")  # emptied
    ttl = (out / "a001.ttl").read_bytes()
    (out / "a001.ttl").write_bytes(ttl[: len(ttl) // 2])  # truncated
    data = bytearray((out / "a002.json").read_bytes())
    data[len(data) // 2] ^= 1  # one bit flipped: the same size
    (out / "a002.json").write_bytes(bytes(data))
    resumed = extract(str(src), "--out", str(out), "--format", "ttl", "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert "3 articles" in resumed.output and "3 skipped" in resumed.output
    assert outputs(out) == outputs(fresh)


def test_a_jsonl_resume_keeps_only_lines_as_they_were_written(tmp_path: Path) -> None:
    src = feed(tmp_path, 5)
    out = tmp_path / "out.jsonl"
    assert extract(str(src), "--out", str(out)).exit_code == 0
    clean = out.read_bytes()
    lines = clean.splitlines(keepends=True)
    edited = lines[2].replace(b"Nvidia", b"Nvidio")  # still a valid article line, but not the one written
    assert edited != lines[2]
    out.write_bytes(b"".join(lines[:2]) + edited + b"".join(lines[3:]))
    resumed = extract(str(src), "--out", str(out), "--resume")
    assert resumed.exit_code == 0 and "2 skipped" in resumed.output, resumed.output
    assert out.read_bytes() == clean


# -- item 9: a full disk ----------------------------------------------------------------------------


class FullDisk:
    """A disk with room for ``files`` more files: the next write fails as a full disk does."""

    def __init__(self, files: int) -> None:
        self.files = files
        self.real = durable.durable_temporary

    def __call__(self, path: Path, chunks) -> Path:
        if self.files <= 0:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        self.files -= 1
        return self.real(path, chunks)


def test_a_full_disk_stops_the_batch_cleanly_and_resume_finishes_it(tmp_path: Path, monkeypatch) -> None:
    src = feed(tmp_path, 10)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert extract(str(src), "--out", str(fresh), "--format", "ttl").exit_code == 0
    monkeypatch.setattr(durable, "durable_temporary", FullDisk(files=7))  # 3 articles and a half
    result = extract(str(src), "--out", str(out), "--format", "ttl")
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if "error" in line]
    assert len(errors) == 1 and "the batch stopped: No space left on device" in errors[0], result.output
    assert "--resume" in errors[0] and "3 articles" in result.output
    assert len(outputs(out)) == 6 and not [p for p in out.iterdir() if durable.TEMP_MARK in p.name]
    monkeypatch.undo()
    resumed = extract(str(src), "--out", str(out), "--format", "ttl", "--resume")
    assert resumed.exit_code == 0 and "3 skipped" in resumed.output, resumed.output
    assert outputs(out) == outputs(fresh)


def can_mount_tmpfs() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"], capture_output=True, check=False
    )
    return probe.returncode == 0


@pytest.mark.skipif(not can_mount_tmpfs(), reason="needs mount namespaces (unshare -rm) for a small tmpfs")
@pytest.mark.parametrize("target", ["out", "out.jsonl"])
def test_a_really_full_disk(tmp_path: Path, target: str) -> None:
    """A tmpfs of 160 KB (48 KB for one JSON Lines file), with bad articles among the good so that
    failures.jsonl fills it too; then the disk is grown and the same command with --resume finishes the batch."""
    records = []
    for i in range(40):
        records.append({"id": f"a{i:03d}", "text": STORIES[i % len(STORIES)] * 4})
        if i % 5 == 4:
            records.append({"id": f"bad{i:03d}", "text": "   "})
    (tmp_path / "feed.jsonl").write_text(jsonl(records))
    fresh = tmp_path / "fresh"
    extract(str(tmp_path / "feed.jsonl"), "--out", str(fresh) + (".jsonl" if target != "out" else ""))
    script = f"""
set -u
mount -t tmpfs -o size={"160k" if target == "out" else "48k"} tmpfs /mnt
cd {Path.cwd()}
run="{sys.executable} -m extractor extract {tmp_path}/feed.jsonl --out /mnt/{target}"
$run > {tmp_path}/first.out 2> {tmp_path}/first.err
echo $? > {tmp_path}/first.rc
mount -o remount,size=64m /mnt
$run --resume > {tmp_path}/second.out 2> {tmp_path}/second.err
echo $? > {tmp_path}/second.rc
cp -a /mnt/{target} {tmp_path}/result
"""
    subprocess.run(["unshare", "-rm", "sh", "-c", script], check=True, timeout=600)
    first = (tmp_path / "first.err").read_text()
    assert (tmp_path / "first.rc").read_text().strip() == "1", first
    assert "Traceback" not in first and "the batch stopped: No space left on device" in first, first
    assert "articles (" in first  # the summary line
    assert (tmp_path / "second.rc").read_text().strip() == "1", (tmp_path / "second.err").read_text()  # the bad ones
    result = tmp_path / "result"
    if target == "out":
        assert outputs(result) == outputs(fresh)
    else:
        assert result.read_bytes() == Path(str(fresh) + ".jsonl").read_bytes()


# -- item 14: a failed article leaves no file ---------------------------------------------------------


class BrokenDisk(FullDisk):
    def __call__(self, path: Path, chunks) -> Path:
        if self.files <= 0:
            raise OSError(errno.EIO, "Input/output error", str(path))
        return super().__call__(path, chunks)


def test_a_failed_write_leaves_none_of_the_articles_files(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "a.txt"
    src.write_text(STORIES[0])
    out = tmp_path / "out"
    assert extract(str(src), "--out", str(out), "--format", "ttl,graphml").exit_code == 0
    assert len(outputs(out)) == 3
    monkeypatch.setattr(durable, "durable_temporary", BrokenDisk(files=2))  # the third file fails
    result = extract(str(src), "--out", str(out), "--format", "ttl,graphml")
    assert result.exit_code == 1 and "cannot write the output: Input/output error" in result.output, result.output
    assert outputs(out) == {}  # neither this run's files nor the earlier run's stale ones
    assert not [p for p in out.iterdir() if durable.TEMP_MARK in p.name]


def test_the_sink_names_its_failure_file(tmp_path: Path) -> None:
    """The command prints the path the sink writes failures to, so the two cannot disagree."""
    directory = sinks.DirectorySink(tmp_path / "d", (), resume=False)
    stream = sinks.JsonlSink(tmp_path / "c.jsonl", resume=False)
    stdout = sinks.JsonlSink(None, resume=False)
    try:
        assert directory.failures_path == tmp_path / "d" / "failures.jsonl" == directory.failures.path
        assert stream.failures_path == tmp_path / "c.jsonl.failures.jsonl" == stream.failures.path
        assert stdout.failures_path is None
    finally:
        directory.close()
        stream.close()


def test_own_outputs_are_told_from_articles(tmp_path: Path) -> None:
    """In an output directory (it has a manifest), an article's graph files and the failure list are
    newsgraph's; an HTML page without an ID.json beside it is somebody's article. A JSON Lines output is
    known by the manifest or lock beside it. The run's --out is newsgraph's whatever it holds."""
    out = tmp_path / "news"
    out.mkdir()
    for name in (sinks.MANIFEST_NAME, "a.json", "a.html", "a.ttl", "a.nodelink.json", "failures.jsonl", "b.html"):
        (out / name).write_text("x")
    for name in ("feed.jsonl", "feed.jsonl.manifest.jsonl", "feed.jsonl.failures.jsonl", "other.jsonl"):
        (tmp_path / name).write_text("x")
    (tmp_path / "graphs").mkdir()
    (tmp_path / "graphs-old").mkdir()
    own = sinks.OwnOutputs(tmp_path / "graphs")
    assert [n for n in ("a.html", "a.ttl", "a.nodelink.json", "failures.jsonl", "b.html") if own(out / n)] == [
        "a.html",
        "a.ttl",
        "a.nodelink.json",
        "failures.jsonl",
    ]
    assert [
        n
        for n in ("feed.jsonl", "feed.jsonl.manifest.jsonl", "feed.jsonl.failures.jsonl", "other.jsonl")
        if own(tmp_path / n)
    ] == ["feed.jsonl", "feed.jsonl.manifest.jsonl", "feed.jsonl.failures.jsonl"]
    assert own(tmp_path / "graphs") and own(tmp_path / "." / "graphs") and not own(tmp_path / "graphs-old")
    assert not sinks.OwnOutputs("-")(tmp_path / "-")


# -- rendering: in the worker that extracted the article (--jobs 2, Dask); the parent only writes ---------


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
