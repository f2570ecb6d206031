"""Corpus merging at scale: wall time and peak RSS of `newsgraph merge` over synthetic corpora of
growing size, and of adding articles to a large store. Prints figures and the target checks; asserts
nothing.

    python benchmarks/corpus.py [--sizes 1000,10000,100000] [--add 1000] [--source DIR]
                                [--work-dir DIR] [--keep] [--newsgraph CMD] [--seed 13]
    python benchmarks/corpus.py --generate-only --sizes 5000 --work-dir DIR   # only write the corpus

The corpus is made from article JSON: the dev articles (../shared/eval/dev/articles, extracted once
with --newsgraph into WORK/source/), or the article JSON under --source. Article N is a copy of source
article N mod S (S sources, in file name order) under its own id, "NNNNNN-SOURCEID", written as
WORK/articles/ID.json; a smaller corpus is the first articles of the largest (hard links in
WORK/articles-SIZE/), so every size is a prefix of the next one, and the --add articles (numbered on
from the largest size) are WORK/new/.

So that the number of distinct entities grows with the corpus, each entity of each copy is, by a
draw seeded with (--seed, N) and taken entity by entity in the article's order:

- kept as it is, name, aliases and Wikidata id, with probability --real-share (default 0.3), and
  always for a Location (places are a closed set in real news too): the entities every article
  mentions (Nvidia, the United States) stay one node however large the corpus;
- otherwise made variant v, with v drawn uniformly from 1 .. N // --variant-every + 1: "Anthropic"
  becomes "Anthropic 17", each alias gets the same suffix ("ZT" becomes "ZT 17"), and a Wikidata id
  becomes another one, the same for the same entity and variant (Q128896 and v = 17 give
  Q1288960000017), so two variants are never one entity and one variant is the same entity in
  every article that draws it. One new variant of each name becomes available every
  --variant-every (default 200) articles and every later article may draw any variant seen so far,
  so a variant recurs in several articles, some far apart, the older ones more often.

With the defaults and the 22 dev articles (25 entities each), as merge resolves entities, there are
2,235 distinct entities in 1,000 articles, 17,144 in 10,000 and 165,931 in 100,000 (one in eight of
them in one article only); the 1,000 added to those bring 1,688 new ones.

A copy stands for a text of its own: the source article's text with the suffix put after each
mention of a varied entity. Its mentions and evidence offsets are moved to that text and its evidence
texts and title are what that text has there, so it is what extract would write for such a text (as
it is for the dev articles: each evidence is its text's slice and each mention spells its entity's
name or an alias). The article schema (extractor/model/schema/article.schema.json), which is what
merge checks, asks for types and patterns only, no text or offset agreement.

Measured, each in its own process (peak RSS from os.wait4 of that process), for each size: `merge
CORPUS --out STORE` (an Oxigraph store) and `merge CORPUS --out corpus.nq`; then, when `merge --help`
offers --into, `merge NEW --into STORE` adding the --add new articles to the largest store, against
`merge NEW --out STORE` of the same articles alone. The entities column is what merge reports.
Targets (issue 13): peak RSS at the largest size under 2 GB (2048 MB); time per article at the
largest size within 1.5x that at the smallest; the add under 2x merging the new articles alone.

At the rates of 1,000 articles, 100,000 take 1.3 GB of article JSON (one line each), their store
5 GB and their .nq 8.5 GB: each output is removed once measured (the largest store after the add),
and the corpus at the end, unless --keep.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEV_ARTICLES = REPO.parent / "shared" / "eval" / "dev" / "articles"
RSS_TARGET_MB, PER_ARTICLE_TARGET, ADD_TARGET = 2048, 1.5, 2.0
KEPT_TYPES = {"Location"}
CORPUS_LINE = re.compile(r"corpus of (\d+) articles, (\d+) entities")


# -- the synthetic corpus ------------------------------------------------------------------------


Pieces = list[tuple[str, int]]  # a text cut after each entity name in it: (text, the entity's index or -1)


@dataclass
class Source:
    """One source article: its JSON; the ends of its mentions in order, with their entity's index; its
    evidence texts cut after each mention inside them; its title cut the same way when it is the
    headline that begins the text (its mentions there spell its entities' names), else after each
    entity name or alias found in it. Done once, so that a copy puts its variants in quickly."""

    data: dict[str, Any]
    ends: list[int]
    owners: list[int]
    title: Pieces
    evidence: list[Pieces]

    @classmethod
    def of(cls, data: dict[str, Any]) -> Source:
        mentions = sorted((end, n) for n, e in enumerate(data["entities"]) for _, end in e.get("mentions", []))
        ends = [end for end, _ in mentions]

        def cut_at_mentions(text: str, start: int) -> Pieces:
            pieces, done = [], 0
            for end, n in mentions[bisect.bisect_right(ends, start) : bisect.bisect_right(ends, start + len(text))]:
                pieces.append((text[done : end - start], n))
                done = end - start
            return [*pieces, (text[done:], -1)]

        title = data["article"].get("title") or ""
        names = [{e["name"], *e.get("aliases", [])} for e in data["entities"]]
        in_title = [(s, end, n) for n, e in enumerate(data["entities"]) for s, end in e.get("mentions", [])]
        in_title = [(s, end, n) for s, end, n in in_title if end <= len(title)]
        if in_title and all(title[s:end] in names[n] for s, end, n in in_title):
            head = cut_at_mentions(title, 0)  # the headline that begins the text, as extract takes it
        else:
            head = cut_at_names(title, data["entities"])
        evidence = [cut_at_mentions(r["evidence"]["text"], r["evidence"]["start"]) for r in data["relations"]]
        return cls(data, ends, [n for _, n in mentions], head, evidence)


def cut_at_names(text: str, entities: list[dict[str, Any]]) -> Pieces:
    """``text`` cut after each entity name or alias in it, longest first: for a title not in the text."""
    owner: dict[str, int] = {}
    for n, entity in enumerate(entities):
        for name in (entity["name"], *entity.get("aliases", [])):
            owner.setdefault(name, n)
    pieces: Pieces = []
    done = 0
    if owner:
        alternatives = "|".join(re.escape(name) for name in sorted(owner, key=len, reverse=True))
        for match in re.finditer(rf"(?<!\w)(?:{alternatives})(?!\w)", text):
            pieces.append((text[done : match.end()], owner[match.group()]))
            done = match.end()
    return [*pieces, (text[done:], -1)]


def load_sources(directory: Path) -> list[Source]:
    sources = []
    for path in sorted(directory.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "schema_version" in data:  # not node-link JSON or a manifest
            sources.append(Source.of(data))
    if not sources:
        raise SystemExit(f"no article JSON under {directory}")
    return sources


def variant_wikidata(wikidata: str, variant: int) -> str:
    """Another Wikidata id, one per (id, variant): "Q128896", 17 -> "Q1288960000017"."""
    return f"{wikidata}{variant:07d}"


def synthetic_article(sources: list[Source], n: int, seed: int, real_share: float, variant_every: int) -> dict:
    """Article ``n`` of the corpus: a copy of source ``n % len(sources)`` with its own id and, for
    each entity by a draw seeded with (seed, n), its own name or a variant of it (see the module)."""
    source = sources[n % len(sources)]
    rng = random.Random(f"{seed}:{n}")
    pool = n // variant_every + 1
    suffix: dict[int, str] = {}
    entities = []
    for i, entity in enumerate(source.data["entities"]):
        draw, variant = rng.random(), rng.randint(1, pool)  # both drawn always: one entity's fate is its own
        if draw < real_share or entity["type"] in KEPT_TYPES:
            entities.append(dict(entity))  # its mentions may move
            continue
        suffix[i] = f" {variant}"
        changed = dict(entity, name=entity["name"] + suffix[i])
        changed["aliases"] = [alias + suffix[i] for alias in entity.get("aliases", [])]
        if entity.get("wikidata"):
            changed["wikidata"] = variant_wikidata(entity["wikidata"], variant)
        entities.append(changed)

    def renamed(pieces: Pieces) -> str:
        return "".join(text + suffix.get(owner, "") for text, owner in pieces)

    grown = list(itertools.accumulate((len(suffix.get(n, "")) for n in source.owners), initial=0))

    def moved(offset: int) -> int:
        """Where an offset of the source text is in the copy's: after the suffixes of the mentions before it."""
        return offset + grown[bisect.bisect_right(source.ends, offset)]

    for entity in entities:
        if "mentions" in entity:
            entity["mentions"] = [[moved(start), moved(end)] for start, end in entity["mentions"]]
    relations = []
    for relation, pieces in zip(source.data["relations"], source.evidence, strict=True):
        ev = relation["evidence"]
        evidence = {**ev, "text": renamed(pieces), "start": moved(ev["start"]), "end": moved(ev["end"])}
        relations.append({**relation, "evidence": evidence})
    article = source.data["article"]
    title = renamed(source.title) if article.get("title") is not None else None
    return {
        **source.data,
        "article": dict(article, id=f"{n:06d}-{article['id']}", title=title),
        "entities": entities,
        "relations": relations,
    }


def write_articles(
    sources: list[Source], start: int, stop: int, out: Path, seed: int, real_share: float, variant_every: int
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for n in range(start, stop):
        data = synthetic_article(sources, n, seed, real_share, variant_every)
        text = json.dumps(data, ensure_ascii=False) + "\n"  # one line: C's encoder, 6x faster than indented
        (out / f"{data['article']['id']}.json").write_text(text, encoding="utf-8")


def prefix_corpus(pool: Path, size: int, out: Path) -> None:
    """The first ``size`` articles of ``pool`` as hard links (copies where links cannot be made)."""
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(pool.glob("*.json"))[:size]:
        try:
            os.link(path, out / path.name)
        except OSError:
            shutil.copyfile(path, out / path.name)


# -- measuring -----------------------------------------------------------------------------------


@dataclass
class Run:
    kind: str  # store, nq, add, alone
    size: int  # articles in the corpus
    label: str
    articles: int  # articles merged by this command, for the time per 1,000
    wall: float
    rss_mb: float
    out_mb: float
    entities: int | None
    code: int


def measure(command: list[str], log: Path) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS in MB, exit code and stderr of one command, run in its own process."""
    with log.open("w+", encoding="utf-8") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # ^C during a long merge: not a merge left running on its own
            proc.kill()
            proc.wait()
            raise
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read()
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return wall, usage.ru_maxrss / scale, proc.returncode, text


def disk_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


@dataclass
class Bench:
    newsgraph: list[str]
    logs: Path
    runs: list[Run]

    def run(self, kind: str, label: str, size: int, articles: int, args: list[str], out: Path) -> Run:
        """Runs ``newsgraph ARGS`` writing ``out``, prints its row and keeps it."""
        wall, rss, code, stderr = measure([*self.newsgraph, *args], self.logs / f"{kind}-{size}.log")
        if code != 0:
            tail = "\n".join(stderr.strip().splitlines()[-5:])
            print(f"  ! {label} at {size} exited {code}:\n{tail}", file=sys.stderr)
        found = CORPUS_LINE.findall(stderr)
        entities = int(found[-1][1]) if found else None
        result = Run(kind, size, label, articles, wall, rss, disk_mb(out) if out.exists() else 0.0, entities, code)
        self.runs.append(result)
        print(row(result), flush=True)
        return result


def offers_into(newsgraph: list[str]) -> bool:
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    done = subprocess.run([*newsgraph, "merge", "--help"], cwd=REPO, capture_output=True, text=True, env=env)
    return "--into" in done.stdout


def source_json(args: argparse.Namespace, work: Path, newsgraph: list[str]) -> Path:
    if args.source:
        return args.source
    out = work / "source"
    if not any(out.glob("*.json")):
        if not DEV_ARTICLES.is_dir():
            raise SystemExit(f"no {DEV_ARTICLES}: give --source DIR of article JSON")
        print(f"extracting {DEV_ARTICLES} into {out} ...", flush=True)
        subprocess.run([*newsgraph, "extract", str(DEV_ARTICLES), "--out", str(out)], cwd=REPO, check=True)
    return out


# -- the report ----------------------------------------------------------------------------------


HEADER = f"{'size':>8}  {'command':38}{'wall s':>9}{'s/1k art':>10}{'peak RSS MB':>13}{'output MB':>11}{'entities':>10}"


def row(r: Run) -> str:
    entities = f"{r.entities}" if r.entities is not None else "-"
    failed = f"  (exit {r.code})" if r.code else ""
    per_k = 1000 * r.wall / r.articles
    return f"{r.size:>8}  {r.label:38}{r.wall:9.1f}{per_k:10.2f}{r.rss_mb:13.0f}{r.out_mb:11.0f}{entities:>10}{failed}"


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def find(runs: list[Run], kind: str, size: int | None = None) -> Run | None:
    return next((r for r in runs if r.kind == kind and (size is None or r.size == size)), None)


def checks(runs: list[Run], sizes: list[int], add: int, into: bool) -> Iterator[str]:
    """The three targets of issue 13, for the largest and smallest sizes measured."""
    largest, smallest = sizes[-1], sizes[0]
    at_largest = [r for r in (find(runs, "store", largest), find(runs, "nq", largest), find(runs, "add")) if r]
    if at_largest:
        worst = max(r.rss_mb for r in at_largest)
        figures = ", ".join(f"{r.kind} {r.rss_mb:.0f}" for r in at_largest)
        yield f"peak RSS at {largest} articles < {RSS_TARGET_MB} MB: {verdict(worst < RSS_TARGET_MB)} ({figures} MB)"
    for kind in ("store", "nq") if len(sizes) > 1 else ():
        small, large = find(runs, kind, smallest), find(runs, kind, largest)
        if small and large:
            per_small, per_large = 1000 * small.wall / small.articles, 1000 * large.wall / large.articles
            ratio = per_large / per_small
            yield (
                f"time per article, {kind}, at {largest} vs {smallest} <= {PER_ARTICLE_TARGET}x: "
                f"{verdict(ratio <= PER_ARTICLE_TARGET)} ({ratio:.2f}x: {per_large:.2f} vs {per_small:.2f} s/1k)"
            )
    added, alone = find(runs, "add"), find(runs, "alone")
    if add and not into:
        yield f"add of {add} articles to the {largest} store: not available (merge has no --into)"
    elif added and alone:
        ratio = added.wall / alone.wall
        yield (
            f"add of {add} articles to the {largest} store < {ADD_TARGET}x merging them alone: "
            f"{verdict(ratio < ADD_TARGET)} ({ratio:.2f}x: {added.wall:.1f} vs {alone.wall:.1f} s)"
        )
    if sizes != [1000, 10000, 100000]:
        yield "(the issue's targets are for sizes 1000,10000,100000)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, in articles")
    parser.add_argument("--add", type=int, default=1000, help="new articles added to the largest store (0: none)")
    parser.add_argument("--source", type=Path, help="article JSON to copy (default: the dev articles, extracted)")
    parser.add_argument("--work-dir", type=Path, help="where corpora and outputs go (default: a temporary dir)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and every output")
    parser.add_argument("--generate-only", action="store_true", help="write the corpus, measure nothing (keeps it)")
    parser.add_argument(
        "--newsgraph",
        default=shlex.join([sys.executable, "-m", "extractor"]),
        help="the command to run, run in the repository (default: this Python, -m extractor)",
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--real-share", type=float, default=0.3, help="share of entities that keep their own name")
    parser.add_argument("--variant-every", type=int, default=200, help="articles per new variant of each name")
    args = parser.parse_args()

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or sizes[0] <= 0 or args.add < 0 or args.variant_every <= 0:
        parser.error("sizes and --variant-every must be positive, --add not negative")
    newsgraph = shlex.split(args.newsgraph)
    temporary = args.work_dir is None
    work = Path(tempfile.mkdtemp(prefix="newsgraph-corpus-")) if temporary else args.work_dir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    keep = args.keep or args.generate_only
    made: list[Path] = []  # what is removed at the end unless --keep
    try:
        sources = load_sources(source_json(args, work, newsgraph))
        largest = sizes[-1]
        pool, new = work / "articles", work / "new"
        for path in (pool, new, *(work / f"articles-{s}" for s in sizes[:-1])):
            remove(path)
        start = time.perf_counter()
        settings = (args.seed, args.real_share, args.variant_every)
        write_articles(sources, 0, largest, pool, *settings)
        made.append(pool)
        corpora = {largest: pool}
        for size in sizes[:-1]:
            corpora[size] = work / f"articles-{size}"
            prefix_corpus(pool, size, corpora[size])
            made.append(corpora[size])
        if args.add:
            write_articles(sources, largest, largest + args.add, new, *settings)
            made.append(new)
        print(
            f"corpus: {largest} articles (+{args.add} new) from {len(sources)} sources, seed {args.seed}, "
            f"real share {args.real_share}, a new variant every {args.variant_every} articles; "
            f"{disk_mb(pool):.0f} MB of article JSON, written in {time.perf_counter() - start:.0f} s, in {work}"
        )
        if args.generate_only:
            return

        into = bool(args.add) and offers_into(newsgraph)
        bench = Bench(newsgraph, work / "logs", [])
        bench.logs.mkdir(exist_ok=True)
        made.append(bench.logs)
        print(HEADER, flush=True)
        for size in sizes:
            store, nq = work / f"store-{size}", work / f"corpus-{size}.nq"
            for kind, out, label in (
                ("store", store, "store (merge --out DIR)"),
                ("nq", nq, "nq (merge --out corpus.nq)"),
            ):
                remove(out)
                made.append(out)
                bench.run(kind, label, size, size, ["merge", str(corpora[size]), "--out", str(out)], out)
                if not (keep or (kind == "store" and size == largest and into)):
                    remove(out)
        if into:
            store, alone = work / f"store-{largest}", work / f"store-new-{args.add}"
            remove(alone)
            made.append(alone)
            label = f"add {args.add} (merge NEW --into STORE)"
            bench.run("add", label, largest + args.add, args.add, ["merge", str(new), "--into", str(store)], store)
            label = f"alone: the {args.add} new (merge --out DIR)"
            bench.run("alone", label, args.add, args.add, ["merge", str(new), "--out", str(alone)], alone)
        elif args.add:
            print(f"{largest:>8}  add {args.add} (merge NEW --into STORE): not available (merge has no --into)")

        print()
        print("\n".join(checks(bench.runs, sizes, args.add, into)))
        print(f"(one process per command, peak RSS from wait4; {os.cpu_count()} CPUs; figures vary with the load)")
    finally:
        if not keep:
            for path in made:
                remove(path)
            if temporary:
                shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
