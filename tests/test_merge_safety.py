"""merge survives being killed and bad input: a store at --out always holds the old corpus or the
new one, and a wrong article JSON file is one error line while the others are merged."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from extractor import store as store_module
from extractor.cli import app
from extractor.corpus import merge
from extractor.facts import ArticleGraph, Entity, Evidence, Relation
from extractor.store import recover_store, write_store

REPO = Path(__file__).resolve().parent.parent


def small_article(n: int) -> ArticleGraph:
    """An article of three entities and two relations: enough RDF to make a store, no spaCy needed."""
    entities = [
        Entity("e1", f"Company {n}", "Organization", [f"C{n}"]),
        Entity("e2", f"Startup {n % 50}", "Organization", []),
        Entity("e3", "Seattle", "Location", []),
    ]
    relations = [
        Relation(
            "e1",
            "invests_in",
            "e2",
            Evidence(f"Company {n} invests $1 million in Startup {n % 50}.", 0, 40),
            amount={"value": 1_000_000, "currency": "USD", "text": "$1 million"},
            confidence=0.9,
        ),
        Relation("e1", "located_in", "e3", Evidence("It is based in Seattle.", 41, 64)),
    ]
    return ArticleGraph(f"art-{n:05d}", entities, relations, source=f"seeds/art-{n:05d}.txt", title=f"Title {n}")


def write_articles(directory: Path, count: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (directory / f"art-{n:05d}.json").write_text(small_article(n).dumps(), encoding="utf-8")
    return directory


def merge_cmd(src: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "extractor", "merge", str(src), "--out", str(store)]


def run_merge(src: Path, store: Path) -> None:
    done = subprocess.run(merge_cmd(src, store), cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def articles_in_store(store: Path) -> int:
    """One named graph per article."""
    s = ox.Store.read_only(str(store))
    try:
        return len(list(s.named_graphs()))
    finally:
        del s


def leftovers(store: Path) -> list[str]:
    """Whatever a merge into ``store`` left beside it: its marked temporary, new and old directories."""
    return sorted(p.name for p in store.parent.iterdir() if p.name.startswith(f".{store.name}.ng-"))


def snapshot(store: Path) -> tuple[frozenset[str], frozenset[tuple[str, int, int]]]:
    """The names beside the store and the files in it (name, size, mtime): a merge that begins to
    write changes one or the other."""
    beside = frozenset(os.listdir(store.parent))
    try:
        inside = frozenset((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(store))
    except FileNotFoundError:
        inside = frozenset()
    return beside, inside


def start_merge(src: Path, store: Path) -> tuple[subprocess.Popen, float]:
    """A merge started, and the moment (time.monotonic) it began to write, or ended."""
    before = snapshot(store)
    proc = subprocess.Popen(merge_cmd(src, store), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None and snapshot(store) == before:
        time.sleep(0.005)
    return proc, time.monotonic()


OLD, NEW = 300, 600


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("articles")
    return write_articles(base / "old", OLD), write_articles(base / "new", NEW)


def test_a_killed_merge_leaves_the_old_store_or_the_new_one(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    """SIGKILL at moments spread over the time a merge writes (measured first: from its first change
    to the store or beside it until it ends), one in each slice of it: the store opens and holds every
    old article or every new one, never fewer; the next merge succeeds and cleans up."""
    old, new = inputs
    pristine, store = tmp_path / "pristine", tmp_path / "corpus"
    run_merge(old, pristine)
    shutil.copytree(pristine, store)
    proc, writes_at = start_merge(new, store)
    assert proc.wait() == 0
    writing = time.monotonic() - writes_at
    rng = random.Random(4)
    trials, found = 10, []
    for n in range(trials):
        shutil.rmtree(store)
        shutil.copytree(pristine, store)
        proc, _ = start_merge(new, store)
        delay = writing * 1.2 * (n + rng.random()) / trials  # the last slices reach past its end
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        found.append((round(delay, 2), articles_in_store(store) if store.exists() else None))
    assert all(count in (OLD, NEW) for _, count in found), f"(delay, articles) in {writing:.2f}s of writing: {found}"
    run_merge(new, store)
    assert articles_in_store(store) == NEW
    assert leftovers(store) == []


def store_of(path: Path, count: int) -> Path:
    write_store(merge([small_article(n) for n in range(count)]).to_rdf(), path)
    return path


@pytest.mark.parametrize("aside", [["old"], ["old", "new"], ["new"]])
def test_a_kill_between_the_renames_of_a_swap_is_undone(tmp_path: Path, aside: list[str]) -> None:
    """Where directories cannot be exchanged, the swap is two renames: a kill between them leaves no
    store at the path, the old one renamed aside and the new one beside it. The next write puts the
    newest complete one back (the new one if it is there), then removes the rest."""
    store = tmp_path / "corpus"
    counts = {"old": 3, "new": 5}
    for n, which in enumerate(aside):
        store_of(tmp_path / f".corpus.ng-{which}-k{n}", counts[which])
    (tmp_path / ".corpus.ng-tmp-half").mkdir()  # a store a kill left half-built
    recover_store(store)
    assert articles_in_store(store) == counts[aside[-1] if "new" not in aside else "new"]
    assert leftovers(store) == []


def test_a_store_is_replaced_without_an_exchange_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a system without renameat2 exchange, the old store is renamed aside, the new one put in place."""
    monkeypatch.setattr(store_module, "_exchange", lambda a, b: False)
    store = store_of(tmp_path / "corpus", 3)
    store_of(store, 5)
    assert articles_in_store(store) == 5
    assert leftovers(store) == []


def test_the_next_merge_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    store = store_of(tmp_path / "corpus", 3)
    (tmp_path / ".corpus.ng-tmp-half").mkdir()
    store_of(tmp_path / ".corpus.ng-old-k1", 2)
    (tmp_path / ".other.ng-tmp-x").mkdir()  # another store's: not this one's to remove
    result = CliRunner().invoke(app, ["merge", str(write_articles(tmp_path / "new", 4)), "--out", str(store)])
    assert result.exit_code == 0, result.output
    assert articles_in_store(store) == 4
    assert leftovers(store) == [] and (tmp_path / ".other.ng-tmp-x").is_dir()
