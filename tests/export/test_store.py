"""merge survives being killed and bad input: a store at --out always holds the old corpus or the
new one, and a wrong article JSON file is one error line while the others are merged."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.export import store as store_module
from extractor.export.store import recover_store, write_store
from extractor.graph.corpus import merge
from extractor.model.facts import ArticleGraph, Entity, Evidence, Relation
from extractor.model.schema import article_problem

REPO = Path(__file__).resolve().parents[2]
DEV = REPO.parent / "shared" / "eval" / "dev" / "articles"


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


def into_cmd(src: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "extractor", "merge", str(src), "--into", str(store)]


def store_quads(store: Path) -> frozenset[ox.Quad]:
    s = ox.Store.read_only(str(store))
    try:
        return frozenset(s)
    finally:
        del s


def test_a_killed_addition_leaves_the_old_store_or_the_new_one(tmp_path: Path) -> None:
    """merge --into, killed at moments spread over the time it writes: the store is the old one or the
    one the addition makes, quad for quad, and its index agrees (the next addition gives the store a
    merge from scratch gives)."""
    old, new = tmp_path / "old", tmp_path / "new"
    write_articles(old, OLD)
    new.mkdir()
    for n in range(OLD - 50, OLD + 150):  # 50 articles again with other content, 150 new
        article = small_article(n)
        article.title = "second edition"
        (new / f"art-{n:05d}.json").write_text(article.dumps(), encoding="utf-8")
    pristine, store = tmp_path / "pristine", tmp_path / "corpus"
    run_merge(old, pristine)
    shutil.copytree(pristine, store)
    before = snapshot(store)
    proc = subprocess.Popen(into_cmd(new, store), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while proc.poll() is None and snapshot(store) == before:
        time.sleep(0.005)
    writes_at = time.monotonic()
    assert proc.wait() == 0, proc.stderr.read() if proc.stderr else ""
    writing = time.monotonic() - writes_at
    states = {store_quads(pristine): "old", store_quads(store): "new"}
    rng = random.Random(5)
    found = []
    for n in range(8):
        shutil.rmtree(store)
        shutil.copytree(pristine, store)
        before = snapshot(store)
        proc = subprocess.Popen(into_cmd(new, store), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and snapshot(store) == before:
            time.sleep(0.005)
        time.sleep(writing * 1.2 * (n + rng.random()) / 8)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        recover_store(store)  # what the next write does first
        found.append(states.get(store_quads(store), "neither"))
    assert "neither" not in found, found
    done = subprocess.run(into_cmd(new, store), cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert states[store_quads(store)] == "new"
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


# -- article JSON that parses but is wrong ---------------------------------------------------
def valid_article(article_id: str = "good") -> dict[str, Any]:
    """An article JSON with every optional field the schema knows, as extract writes it."""
    return {
        "schema_version": 1,
        "article": {
            "id": article_id,
            "source": f"seeds/{article_id}.txt",
            "title": "A deal",
            "published": "2024-11-22",
        },
        "entities": [
            {
                "id": "e1",
                "name": "Amazon",
                "type": "Organization",
                "aliases": ["Amazon.com"],
                "kind": None,
                "wikidata": "Q3884",
                "mentions": [[0, 6]],
            },
            {
                "id": "e2",
                "name": "Anthropic",
                "type": "Organization",
                "aliases": [],
                "kind": None,
                "wikidata": None,
                "mentions": [[26, 35]],
            },
            {
                "id": "e3",
                "name": "Trainium",
                "type": "Product",
                "aliases": [],
                "kind": "chip",
                "wikidata": None,
                "mentions": [[50, 58]],
            },
            {
                "id": "e4",
                "name": "Andy Jassy",
                "type": "Person",
                "aliases": [],
                "kind": None,
                "wikidata": None,
                "mentions": [[70, 80]],
            },
        ],
        "relations": [
            {
                "subject": "e1",
                "predicate": "invests_in",
                "object": "e2",
                "amount": {"value": 4000000000, "currency": "USD", "text": "$4 billion", "bound": "max"},
                "date": "2023-09",
                "round": "initial",
                "status": "asserted",
                "confidence": 0.92,
                "evidence": {"text": "Amazon will invest up to $4 billion in Anthropic.", "start": 0, "end": 49},
                "rule": "invest-verb",
            },
            {
                "subject": "e2",
                "predicate": "uses",
                "object": "e3",
                "amount": None,
                "date": None,
                "round": None,
                "status": "planned",
                "confidence": 0.8,
                "purpose": "train",
                "evidence": {"text": "Anthropic will use Trainium to train.", "start": 50, "end": 87},
            },
            {
                "subject": "e4",
                "predicate": "works_for",
                "object": "e1",
                "amount": None,
                "date": None,
                "round": None,
                "status": "asserted",
                "confidence": 0.9,
                "role": "ceo",
                "evidence": {"text": "Andy Jassy, Amazon's chief executive.", "start": 88, "end": 125},
            },
        ],
    }


def changed(change: Callable[[dict[str, Any]], object]) -> str:
    """The valid article with one change (``change`` edits it in place)."""
    data = valid_article("bad")
    change(data)
    return json.dumps(data)


def text_of(build: Callable[[dict[str, Any]], str]) -> str:
    """The valid article's text, edited as text (for what json.dumps cannot write)."""
    return build(valid_article("bad"))


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """Set a value at a dotted path ("relations.0.object")."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[last]

    return change


def _duplicate_entity_id(data: dict[str, Any]) -> None:
    data["entities"].append({**data["entities"][0], "name": "Amazon Web Services"})  # a second "e1"


DEEP = 100_000
BAD_ARTICLES: dict[str, str] = {
    "relation to a missing entity": changed(_set("relations.0.object", "e999")),
    "relation from a missing entity": changed(_set("relations.1.subject", "e7")),
    "numeric entity name": changed(_set("entities.0.name", 42)),
    "null entity name": changed(_set("entities.0.name", None)),
    "duplicate entity id": changed(_duplicate_entity_id),
    "unknown predicate": changed(_set("relations.0.predicate", "likes")),
    "unknown entity type": changed(_set("entities.0.type", "Company")),
    "amount as a string": changed(_set("relations.0.amount", "4 billion")),
    "amount value as a string": changed(_set("relations.0.amount.value", "4000000000")),
    "negative amount": changed(_set("relations.0.amount.value", -5)),
    "currency not ISO 4217": changed(_set("relations.0.amount.currency", "dollars")),
    "numeric article id": changed(_set("article.id", 7)),
    "confidence as a string": changed(_set("relations.0.confidence", "high")),
    "confidence above 1": changed(_set("relations.0.confidence", 1.5)),
    "evidence offset as a string": changed(_set("relations.0.evidence.start", "0")),
    "schema_version 99": changed(_set("schema_version", 99)),
    "schema_version as a string": changed(_set("schema_version", "1")),
    "aliases as a string": changed(_set("entities.0.aliases", "Amazon.com")),
    "no aliases": changed(_drop("entities.0.aliases")),
    "no entities": changed(_drop("entities")),
    "unknown status": changed(_set("relations.0.status", "rumoured")),
    "date not ISO 8601": changed(_set("relations.0.date", "last week")),
    "published not ISO 8601": changed(_set("article.published", "yesterday")),
    "wikidata id not a Q number": changed(_set("entities.0.wikidata", "Amazon")),
    "unknown product kind": changed(_set("entities.2.kind", "spaceship")),
    "mention of one offset": changed(_set("entities.0.mentions", [[0]])),
    "NaN confidence": text_of(lambda d: json.dumps(d).replace('"confidence": 0.92', '"confidence": NaN')),
    "Infinity amount": text_of(lambda d: json.dumps(d).replace('"value": 4000000000', '"value": Infinity')),
    "amount too large for a float": text_of(lambda d: json.dumps(d).replace('"value": 4000000000', '"value": 1e400')),
    "integer of 5000 digits": text_of(lambda d: json.dumps(d).replace('"start": 0', '"start": ' + "9" * 5000)),
    "lone surrogate in a name": text_of(lambda d: json.dumps(d).replace('"Amazon"', '"Amaz\\ud800on"')),
    f"{DEEP}-deep nesting": text_of(lambda d: json.dumps(d)[:-1] + ', "x": ' + "[" * DEEP + "]" * DEEP + "}"),
}


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("good-1", "good-2"):
        (src / f"{name}.json").write_text(json.dumps(valid_article(name)), encoding="utf-8")
    (src / "good-1.nodelink.json").write_text(json.dumps({"directed": True, "nodes": [], "edges": []}))
    return src


@pytest.mark.parametrize("case", list(BAD_ARTICLES))
def test_a_wrong_article_json_is_one_error_line_and_the_others_are_merged(
    case: str, good_dir: Path, tmp_path: Path
) -> None:
    (good_dir / "bad.json").write_text(BAD_ARTICLES[case], encoding="utf-8")
    store = tmp_path / "corpus"
    result = CliRunner().invoke(app, ["merge", str(good_dir), "--out", str(store)])
    assert result.exit_code == 1, (result.output, result.exception)
    assert "Traceback" not in result.output and not isinstance(result.exception, Exception | RecursionError)
    lines = result.output.splitlines()
    errors = [line for line in lines if line.startswith("newsgraph: error:")]
    assert len(errors) == 1 and "bad.json" in errors[0], lines
    assert len(errors[0]) < 400, errors[0]
    assert any("corpus of 2 articles" in line for line in lines), lines
    assert articles_in_store(store) == 2


def test_the_valid_articles_alone_merge(good_dir: Path, tmp_path: Path) -> None:
    """The control of the cases above: without the bad file, no error, and node-link JSON is skipped."""
    result = CliRunner().invoke(app, ["merge", str(good_dir), "--out", str(tmp_path / "corpus")])
    assert result.exit_code == 0, result.output
    assert "error" not in result.output and "corpus of 2 articles" in result.output


def test_the_article_json_newsgraph_ships_is_valid() -> None:
    shipped = [p for p in sorted((REPO / "graphs").glob("*.json")) if not p.name.endswith(".nodelink.json")]
    assert shipped
    for path in shipped:
        assert article_problem(json.loads(path.read_text(encoding="utf-8"))) is None, path


@pytest.mark.slow
def test_what_extract_writes_is_valid(tmp_path: Path) -> None:
    """Every article JSON extract writes for the seeds and the dev articles passes the check merge makes."""
    sources = [REPO / "seeds", *([DEV] if DEV.is_dir() else [])]
    out = tmp_path / "json"
    result = CliRunner().invoke(app, ["extract", *map(str, sources), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    written = sorted(out.glob("*.json"))
    assert len(written) >= len(list((REPO / "seeds").glob("*.txt")))
    for path in written:
        assert article_problem(json.loads(path.read_text(encoding="utf-8"))) is None, path
