"""Fuzz the whole path from bytes to exports. Prints figures; a crash or an unparsable output is a bug.

    python benchmarks/fuzz.py [--inputs 10000] [--seed 1]

Each generated input is raw bytes (random Unicode in several encodings, news-like word salad,
binary noise, JSON Lines, HTML), read by newsgraph's readers, extracted, validated against the
article JSON Schema and written in every format; each RDF file is parsed by rdflib and pyoxigraph,
GraphML and GEXF by networkx, node-link JSON by json. Refusals with a message (an empty or binary
input) are counted as such; only exceptions and unparsable outputs count as failures.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import jsonschema  # noqa: E402
import networkx as nx  # noqa: E402
import pyoxigraph as ox  # noqa: E402
from rdflib import Dataset  # noqa: E402

from extractor.export import outputs as exports  # noqa: E402
from extractor.export.rdf.formats import RDF_FORMATS  # noqa: E402
from extractor.export.store import OX_FORMATS  # noqa: E402
from extractor.io.readers import read_data  # noqa: E402
from extractor.model.keys import entity_key  # noqa: E402
from extractor.model.schema import article_schema  # noqa: E402
from extractor.nlp.api import Failure, extract_many  # noqa: E402
from extractor.nlp.pipeline import shared  # noqa: E402

WORDS = (  # noqa: SIM905  (a sentence reads better than a list of words here)
    "Amazon will invest $4 billion in Anthropic , the startup said . Nvidia's H100 chips acquire Arm for "
    "€500m Microsoft rival Google CEO Satya Nadella (AWS) based Paris last year on Monday \" ' <b> &amp; "
    "Société O'Reilly =SUM(A1) @here 日本 😀 the FTC is reviewing the deal co-founder of"
).split(" ")
ODD = ["\u202e", "\u200b", "\x01", "\x7f", "\ufeff", "\t", "\r\n", "\\", "}{", "\u2028", "\U0001f600", "\x0c"]
RDF = {ext: (rdflib_format, OX_FORMATS[name]) for name, (rdflib_format, ext, _) in RDF_FORMATS.items()}


def random_text(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return "".join(
            chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x3000), rng.randrange(0x1F300, 0x1F600)]))
            for _ in range(rng.randrange(0, 300))
        )
    words = [rng.choice(WORDS + ODD) if rng.random() < 0.9 else rng.choice(ODD) for _ in range(rng.randrange(0, 120))]
    text = " ".join(words)
    if kind == 2:
        text = "Headline " + text[:40] + "\n\nSEATTLE, Nov. 22, 2024 - " + text
    return text


def random_input(rng: random.Random) -> tuple[bytes, str]:
    """Bytes and the reader kind they go through."""
    kind = rng.randrange(7)
    text = random_text(rng)
    if kind == 0:
        return text.encode("utf-8"), "text"
    if kind == 1:
        return text.encode("cp1252", errors="replace"), "text"
    if kind == 2:
        return text.encode(rng.choice(["utf-16", "utf-32", "latin-1"]), errors="replace"), "text"
    if kind == 3:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400))), "text"
    if kind == 4:
        lines = [
            json.dumps({"id": random_text(rng)[:20] or "x", "text": random_text(rng)})
            for _ in range(rng.randrange(1, 4))
        ]
        if rng.random() < 0.3:
            lines.append(random_text(rng)[:50])
        if rng.random() < 0.2:  # a lone surrogate, which JSON can spell but UTF-8 cannot
            lines.append('{"id": "s", "text": "Oracle \\udcff partnered with Nvidia."}')
        return "\n".join(lines).encode("utf-8"), "jsonl"
    if kind == 5:
        body = "".join(f"<p>{random_text(rng)}</p>" for _ in range(rng.randrange(1, 4)))
        head = f"<title>{random_text(rng)[:30]}</title><script>{random_text(rng)}</script>"
        html = f"<html><head>{head}</head><body>{body}</body></html>"
        return html.encode("utf-8"), "html"
    return (text + "\x00" + random_text(rng)).encode("utf-8", errors="replace"), "text"


def check(article) -> list[str]:
    """Problems with one article's outputs: empty when all is well."""
    problems = []
    try:
        jsonschema.validate(article.to_json(), article_schema())
    except jsonschema.ValidationError as err:
        problems.append(f"schema: {err.message}")
    formats = tuple(f for f in exports.GRAPH_FORMATS if f not in exports.PICTURES)  # pictures are not parsed
    files = exports.render(exports.article_source(article, stem="x"), formats)
    for suffix, (rdflib_format, ox_format) in RDF.items():
        try:
            Dataset().parse(data=files[suffix], format=rdflib_format)
        except Exception as err:  # noqa: BLE001
            problems.append(f"rdflib {suffix}: {err}")
        try:
            ox.Store().load(files[suffix].encode("utf-8"), format=ox_format)
        except Exception as err:  # noqa: BLE001
            problems.append(f"pyoxigraph {suffix}: {err}")
    try:
        nx.parse_graphml(files[".graphml"])
    except Exception as err:  # noqa: BLE001
        problems.append(f"graphml: {err}")
    try:
        json.loads(files[".nodelink.json"])
    except Exception as err:  # noqa: BLE001
        problems.append(f"nodelink: {err}")
    try:
        nx.read_gexf(io.BytesIO(files[".gexf"].encode("utf-8")))
        data = files[".html"].split('id="newsgraph-data">', 1)[1].split("</script>", 1)[0]
        assert len(json.loads(data)["nodes"]) == len({entity_key(e) for e in article.entities})
    except Exception as err:  # noqa: BLE001
        problems.append(f"gexf/html: {err}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    nlp = shared(None)
    counts: Counter[str] = Counter()
    crashes: list[str] = []
    start = time.perf_counter()
    for n in range(args.inputs):
        data, kind = random_input(rng)
        try:
            items = list(read_data(data, kind, f"fuzz-{n}", f"fuzz-{n}", None))
            for result in extract_many(items, nlp=nlp):
                if isinstance(result, Failure):
                    counts["refused with a message" if result.stage == "read" else "extraction failures"] += 1
                    if result.stage != "read":  # the extractor raised: a bug the batch survived
                        crashes.append(f"input {n}: {result.error}")
                    continue
                counts["articles"] += 1
                counts["relations"] += len(result.relations)
                problems = check(result)
                if problems:
                    counts["unparsable outputs"] += 1
                    crashes.append(f"input {n}: {problems[0]}")
        except Exception:  # noqa: BLE001
            counts["crashes"] += 1
            crashes.append(f"input {n}: {traceback.format_exc(limit=3)}")
    seconds = time.perf_counter() - start
    print(f"fuzz: {args.inputs} inputs (seed {args.seed}) in {seconds:.0f} s")
    for key in (
        "articles",
        "relations",
        "refused with a message",
        "extraction failures",
        "crashes",
        "unparsable outputs",
    ):
        print(f"  {key:24} {counts[key]}")
    for line in crashes[:10]:
        print("  " + line.replace("\n", "\n    "))
    sys.exit(1 if counts["crashes"] or counts["unparsable outputs"] or counts["extraction failures"] else 0)


if __name__ == "__main__":
    main()
