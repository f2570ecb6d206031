"""Fault runs: kill `newsgraph extract` at random moments, or kill one of its workers, and count
what that cost. Prints figures; asserts nothing.

    python benchmarks/faults.py [--runs 20] [--articles 40] [--jobs 2] [--seed 1]

Two checks, each --runs times, against one clean run of the same articles (`--format all` into a
directory, and a JSON Lines file):

- crash-and-resume: the parent is SIGKILLed at a random moment of its run (into a directory, or
  a .jsonl file, in turn), then the same command is run with --resume;
- kill-a-worker: one worker process of a `--jobs` run is SIGKILLed at a random moment; the run
  must finish by itself.

A random moment is once a random number of articles are done, plus up to half a second, so that
the kills fall all through a run on a fast machine or a slow one.

For each it prints runs, faults (runs in which the kill came before the run ended by itself),
articles lost, articles duplicated, files whose bytes differ from the
clean run, tracebacks on standard error, processes left behind (workers alive five seconds after
their parent ended), leftover temporary files, and runs that did not exit 0. Workers are found
through /proc (Linux).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, fields
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractor.io.durable import TEMP_MARK  # noqa: E402


def texts() -> list[str]:
    """Article texts of varied length: the seeds and the held-out articles committed with the benchmarks."""
    paths = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO / "benchmarks" / "heldout").glob("*/articles/*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def write_feed(path: Path, n: int) -> None:
    pool = texts()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i:04d}", "text": pool[i % len(pool)]}) + "\n")


def command(feed: Path, out: Path, jobs: int, *extra: str) -> list[str]:
    fmt = ["--format", "all"] if out.suffix != ".jsonl" else []
    return [
        sys.executable,
        "-m",
        "extractor",
        "extract",
        str(feed),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        *fmt,
        *extra,
    ]


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def outputs(out: Path) -> dict[str, bytes]:
    """Article outputs by name (a directory), or article lines by id (a JSON Lines file)."""
    if out.suffix == ".jsonl":
        lines: dict[str, bytes] = {}
        for n, line in enumerate(out.read_bytes().splitlines(keepends=True)):
            try:
                key = json.loads(line)["article"]["id"]
            except (ValueError, KeyError, TypeError):
                key = f"torn line {n}"
            lines[key if key not in lines else f"{key} (again, line {n})"] = line
        return lines
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".") and p.name != "failures.jsonl"}


def article_ids(files: dict[str, bytes], jsonl: bool) -> list[str]:
    if jsonl:
        return [k for k in files if not k.startswith("torn")]
    return [
        json.loads(data)["article"]["id"]
        for name, data in files.items()
        if name.endswith(".json") and b'"schema_version"' in data[:40]
    ]


@dataclass
class Tally:
    runs: int = 0
    faults: int = 0  # runs in which the kill came before the run had ended by itself
    lost: int = 0
    duplicated: int = 0
    differing: int = 0
    tracebacks: int = 0
    orphans: int = 0
    temporaries: int = 0
    not_exit_0: int = 0

    def add(self, clean: dict[str, bytes], out: Path, stderr: str, orphans: int, rc: int, killed: bool) -> None:
        jsonl = out.suffix == ".jsonl"
        got = outputs(out)
        want_ids, got_ids = article_ids(clean, jsonl), article_ids(got, jsonl)
        self.runs += 1
        self.faults += killed
        self.lost += len(set(want_ids) - set(got_ids))
        self.duplicated += len(got_ids) - len(set(got_ids))
        self.differing += sum(1 for name, data in clean.items() if got.get(name) != data) + len(set(got) - set(clean))
        self.tracebacks += stderr.count("Traceback")
        self.orphans += orphans
        where = out if not jsonl else out.parent
        self.temporaries += sum(1 for p in where.iterdir() if TEMP_MARK in p.name)
        self.not_exit_0 += rc != 0


def orphans_of(workers: set[int]) -> int:
    """Workers still alive five seconds after their parent ended."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    return len(left)


def manifest_of(out: Path) -> Path:
    return out / ".newsgraph-manifest.jsonl" if out.suffix != ".jsonl" else out.with_name(out.name + ".manifest.jsonl")


def finished(out: Path) -> int:
    """Articles the run has recorded as done so far."""
    try:
        return manifest_of(out).read_bytes().count(b"\n")
    except OSError:
        return 0


@dataclass
class Moment:
    """When to strike: once ``after`` articles are done, ``extra`` seconds later, so that kills land
    everywhere in a run (loading, extracting, writing, recording) whatever the machine's speed."""

    after: int
    extra: float

    def due(self, out: Path, since: float | None) -> float | None:
        """The time from which the moment has come (None: not yet)."""
        if since is None and finished(out) >= self.after:
            return time.monotonic() + self.extra
        return since


def run_killed(cmd: list[str], out: Path, moment: Moment) -> tuple[str, set[int], bool]:
    """Start ``cmd``, SIGKILL it at ``moment`` (or let it end first); its stderr, its workers, and
    whether it was killed."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        workers: set[int] = set()
        at: float | None = None
        while proc.poll() is None and (at is None or time.monotonic() < at):
            workers.update(children(proc.pid))
            at = moment.due(out, at)
            time.sleep(0.02)
        killed = proc.poll() is None
        if killed:
            workers.update(children(proc.pid))
            proc.kill()
        proc.wait()
        err.seek(0)
        return err.read().decode("utf-8", "replace"), workers, killed


def run_to_end(cmd: list[str], out: Path, moment: Moment | None = None) -> tuple[int, str, set[int], bool]:
    """Run ``cmd`` to its end, SIGKILLing one of its workers at ``moment``; its exit code, stderr,
    workers, and whether a worker was killed."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        workers: set[int] = set()
        at: float | None = None
        killed = False
        while proc.poll() is None:
            now = children(proc.pid)
            workers.update(now)
            if moment is not None and not killed:
                at = moment.due(out, at)
                if at is not None and time.monotonic() >= at and now:
                    os.kill(random.choice(sorted(now)), signal.SIGKILL)
                    killed = True
            time.sleep(0.02)
        err.seek(0)
        return proc.returncode, err.read().decode("utf-8", "replace"), workers, killed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    random.seed(args.seed)
    with tempfile.TemporaryDirectory(prefix="newsgraph-faults-") as tmp:
        work = Path(tmp)
        feed = work / "feed.jsonl"
        write_feed(feed, args.articles)
        clean: dict[str, dict[str, bytes]] = {}
        length: dict[str, float] = {}
        for target in ("out", "out.jsonl"):
            start = time.monotonic()
            rc, stderr, _, _ = run_to_end(command(feed, work / f"clean-{target}", args.jobs), work / f"clean-{target}")
            if rc != 0:
                sys.exit(f"the clean run failed ({rc}):\n{stderr}")
            length[target] = time.monotonic() - start
            clean[target] = outputs(work / f"clean-{target}")
        print(
            f"{args.articles} articles; clean runs of {length['out']:.1f} s (--format all) "
            f"and {length['out.jsonl']:.1f} s (.jsonl), --jobs {args.jobs}"
        )

        crash = Tally()
        for n in range(args.runs):
            target = ("out", "out.jsonl")[n % 2]
            out = work / f"crash-{n}-{target}"
            moment = Moment(random.randrange(0, args.articles - 1), random.uniform(0, 0.5))
            stderr, workers, killed = run_killed(command(feed, out, args.jobs), out, moment)
            orphans = orphans_of(workers)
            rc, again, more, _ = run_to_end(command(feed, out, args.jobs, "--resume"), out)
            crash.add(clean[target], out, stderr + again, orphans + orphans_of(more), rc, killed)
            print(f"crash-and-resume {n + 1}/{args.runs}: {crash}", flush=True)

        worker = Tally()
        for n in range(args.runs):
            out = work / f"worker-{n}-out"
            moment = Moment(random.randrange(0, args.articles - 2 * args.jobs), random.uniform(0, 0.5))
            rc, stderr, workers, killed = run_to_end(command(feed, out, args.jobs), out, moment)
            worker.add(clean["out"], out, stderr, orphans_of(workers), rc, killed)
            print(f"kill-a-worker {n + 1}/{args.runs}: {worker}", flush=True)

    names = [f.name for f in fields(Tally)]
    print(f"{'check':<18}" + "".join(f"{n:>13}" for n in names))
    for label, tally in (("crash-and-resume", crash), ("kill-a-worker", worker)):
        print(f"{label:<18}" + "".join(f"{getattr(tally, n):>13}" for n in names))


if __name__ == "__main__":
    main()
