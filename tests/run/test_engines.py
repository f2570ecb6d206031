"""The process pool under faults: a worker killed mid-run, an article that kills its worker, and a
parent killed under its workers. Real processes and real signals; workers are found through /proc."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from extractor.model.settings import Settings
from extractor.nlp.api import Failure, extract_many
from extractor.run import engines
from extractor.run.engines import Item, Result
from extractor.text.article import ArticleText

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc")

ROOT = Path(__file__).resolve().parents[2]
BUYERS = ["Amazon", "Microsoft", "Nvidia", "Oracle", "Alphabet", "Apple", "Intel", "Salesforce"]
TARGETS = ["Anthropic", "Mistral", "Run:ai", "Perplexity", "Databricks"]
CITIES = ["San Francisco", "Paris", "Tel Aviv", "London", "Berlin"]
MONTHS = ["January", "March", "May", "September", "December"]
REAL_EXTRACT_CHUNK = engines.extract_chunk


def story(n: int) -> str:
    buyer, target = BUYERS[n % len(BUYERS)], TARGETS[n % len(TARGETS)]
    city, month = CITIES[n % len(CITIES)], MONTHS[n % len(MONTHS)]
    return (
        f"{buyer} invested ${n + 2} billion in {target}, the {city} start-up, in {month} 2023. "
        f"{target} will use {buyer} chips to train its models. "
        f"The European Commission said it would review the deal, which {buyer} announced in {city}."
    )


def feed(path: Path, count: int) -> Path:
    path.write_text("".join(json.dumps({"id": f"a{n:03d}", "text": story(n)}) + "\n" for n in range(count)))
    return path


def extract_cmd(src: Path, out: Path, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "extractor", "extract", str(src), "--out", str(out), "--jobs", str(jobs), *extra]


def stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name, or None when there is no such process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None


def children(parent: int) -> dict[int, str]:
    """The live child processes of ``parent``, each with its start time (so a reused pid is not it)."""
    found = {}
    for entry in Path("/proc").iterdir():
        fields = stat(int(entry.name)) if entry.name.isdigit() else None
        if fields and int(fields[1]) == parent and fields[0] not in "ZX":
            found[int(entry.name)] = fields[19]
    return found


def alive(pid: int, started: str) -> bool:
    fields = stat(pid)
    return fields is not None and fields[19] == started and fields[0] not in "ZX"


def lines(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_a_worker_killed_mid_run_costs_no_article(tmp_path: Path) -> None:
    src, out, clean = feed(tmp_path / "feed.jsonl", 40), tmp_path / "out", tmp_path / "clean"
    manifest = out / ".newsgraph-manifest.jsonl"
    proc = subprocess.Popen(
        extract_cmd(src, out, 2, "--batch-size", "2", "--format", "all"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: lines(manifest) >= 4 and len(children(proc.pid)) == 2, 60, "two workers and 4 articles")
        os.kill(min(children(proc.pid)), signal.SIGKILL)
        done_at_kill = lines(manifest)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert done_at_kill < 40, "the worker was killed mid-run"
    assert proc.returncode == 0, err.decode()
    subprocess.run(extract_cmd(src, clean, 1, "--format", "all"), cwd=ROOT, check=True, capture_output=True)
    assert outputs(out) == outputs(clean)
    assert "failures.jsonl" not in outputs(out)


def _dying_chunk(flags: Path, chunk: list[Item], settings: Settings) -> list[Result]:
    """extract_chunk, except that a chunk holding article a005 kills its worker: the first time only
    once the parent has collected its first results, so that the parent next sees the break at a submit."""
    if any(item.id == "a005" for item in chunk):
        while not (flags / "collected").exists():
            time.sleep(0.01)
        (flags / "dying").touch()
        os._exit(1)
    return REAL_EXTRACT_CHUNK(chunk, settings)


def test_an_article_that_kills_its_worker_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = [ArticleText(f"a{n:03d}", story(n)) for n in range(16)]
    monkeypatch.setattr(engines, "extract_chunk", partial(_dying_chunk, tmp_path))  # forked workers inherit it
    results = engines.run_local(iter(items), settings=Settings(batch_size=3), jobs=2)  # a005 is in the second chunk
    got = [next(results)]
    (tmp_path / "collected").touch()
    wait_for((tmp_path / "dying").exists, 20, "the worker to die")
    time.sleep(0.5)  # the pool notices the dead worker while the consumer is busy elsewhere
    got += list(results)
    assert [r.id for r in got] == [item.id for item in items]
    failures = [r for r in got if isinstance(r, Failure)]
    assert [(f.id, f.stage) for f in failures] == [("a005", "extract")]
    assert "worker process died" in failures[0].error
    expected = {r.id: r.dumps() for r in extract_many(items)}
    assert all(r.dumps() == expected[r.id] for r in got if not isinstance(r, Failure))


def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    src, out = feed(tmp_path / "feed.jsonl", 200), tmp_path / "out"
    proc = subprocess.Popen(
        extract_cmd(src, out, 2, "--batch-size", "2"), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(lambda: lines(out / ".newsgraph-manifest.jsonl") >= 2, 60, "the first articles")
        workers = children(proc.pid)
        assert len(workers) == 2
    finally:
        proc.kill()
        proc.wait()
    killed = time.monotonic()
    wait_for(lambda: not any(alive(pid, started) for pid, started in workers.items()), 10, "the workers to exit")
    assert time.monotonic() - killed < 10


FORKED_IN_A_THREAD = """
import json, os, sys, threading, time
from extractor.run import engines
from extractor.text.article import ArticleText
from extractor.model.settings import Settings
sys.path.insert(0, sys.argv[1])
from test_engines import children, story

items = (ArticleText(f"a{n}", story(n)) for n in range(400))
results = engines.run_local(items, settings=Settings(batch_size=1), jobs=2)
first = threading.Thread(target=next, args=(results,))  # the pool forks its workers in this thread
first.start()
first.join()
forked = sorted(children(os.getpid()))
for _, _ in zip(range(12), results):
    pass
time.sleep(1)
print(json.dumps({"forked": forked, "now": sorted(children(os.getpid()))}), flush=True)
time.sleep(300)
"""


def test_workers_forked_by_a_thread_outlive_it_but_not_the_parent() -> None:
    """The kernel's parent-death signal follows the forking thread, not the process: workers forked
    by a thread that has ended must go on working, and still exit when the process is killed."""
    script = [sys.executable, "-c", FORKED_IN_A_THREAD, str(Path(__file__).parent)]
    proc = subprocess.Popen(script, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        report = json.loads(proc.stdout.readline() or "null")
        assert report is not None, proc.communicate(timeout=5)[1] if proc.poll() is not None else "no report"
        workers = {pid: stat(pid)[19] for pid in report["now"] if stat(pid)}
    finally:
        proc.kill()
        proc.wait()
    assert len(report["forked"]) == 2 and report["now"] == report["forked"], "the workers died with their thread"
    wait_for(lambda: not any(alive(pid, started) for pid, started in workers.items()), 10, "the workers to exit")


def _max_length_seen(settings: Settings) -> list[int]:
    """In a fresh worker process: the pipeline's max_length while extract_chunk runs a chunk."""
    from extractor.nlp import api

    seen: list[int] = []
    real = api._run_batch

    def spy(nlp, batch):  # noqa: ANN001, ANN202
        seen.append(nlp.max_length)
        return real(nlp, batch)

    api._run_batch = spy
    engines.extract_chunk([ArticleText("a", "Amazon said on Monday it would buy Adept.")], settings)
    return seen


def test_settings_reach_a_fresh_worker() -> None:
    """--max-chars above spaCy's 1,000,000 travels with the chunk: a worker that inherited nothing
    (spawned, as a Dask worker is) runs its pipeline with that max_length."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        seen = pool.submit(_max_length_seen, Settings(max_chars=1_500_000, batch_size=4)).result(timeout=300)
    assert seen == [1_500_000]


def test_settings_reach_a_dask_worker() -> None:
    """The same on a real Dask worker process: the settings go with the submitted chunk, not through a
    pipeline cached in the client's process."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        seen = client.submit(_max_length_seen, Settings(max_chars=1_500_000, batch_size=4), pure=False)
        assert seen.result(timeout=300) == [1_500_000]
