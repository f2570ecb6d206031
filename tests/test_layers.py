"""Layers that point one way: the model at the bottom knows nothing of spaCy, and only the NLP layer
imports it, so reading, merging, querying and validating graphs never pay for loading it.

The import graph is read statically (``ast``), module-level imports only: an import inside a function
runs when it is called, which is how the CLI and the engines reach the NLP layer without depending on it."""

from __future__ import annotations

import ast
import fnmatch
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "extractor"

# Bottom to top: a module may import modules of its own layer and of the layers below, never above.
# The layers are the package's folders (the flow: text -> nlp -> model -> graph -> export; io and run apart),
# so a module's folder says where it may reach.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    # the article JSON contract as dataclasses, entity keys, the vocabulary; an article's text and the date and
    # money parsers; the package itself is lazy (it imports nothing at module level)
    (
        "model",
        (
            "extractor",
            "extractor.model",
            "extractor.model.*",
            "extractor.text",
            "extractor.text.*",
            "extractor.resources",
        ),
    ),
    # reading articles, and writing any file so that a crash never leaves a partial one
    ("io", ("extractor.io", "extractor.io.*")),
    # the model as graphs (networkx, corpora) and every output format (RDF, XML, Neo4j, pictures, stores, SHACL)
    (
        "graphs",
        ("extractor.graph", "extractor.graph.*", "extractor.export", "extractor.export.*", "extractor.regenerate"),
    ),
    # spaCy: the pipeline, its components and rules, Doc to article graph, the Python API
    ("nlp", ("extractor.nlp", "extractor.nlp.*")),
    # running extraction over many articles (reaching the NLP layer inside functions only) and where it goes
    ("run", ("extractor.run", "extractor.run.*")),
    ("cli", ("extractor.cli", "extractor.cli.*", "extractor.__main__")),
]
NLP = "nlp"
SPACY = {"spacy", "thinc"}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute name a relative ``from`` import names."""
    if not node.level:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str) -> set[str]:
    """Absolute names of the modules imported at module level (in ``if TYPE_CHECKING:`` blocks too,
    excluded: they never run). ``from . import x`` names the submodule x when there is one."""
    tree = ast.parse(MODULES[module].read_text())
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                target = resolve(module, node)
                if target == "__future__":
                    continue
                subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in MODULES]
                found.update(subs)
                if len(subs) < len(node.names):
                    found.add(target)
            elif isinstance(node, ast.If) and not _is_type_checking(node.test):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)
                visit(node.orelse)
                visit(node.finalbody)

    visit(tree.body)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def layer_of(module: str) -> int:
    hits = [i for i, (_, patterns) in enumerate(LAYERS) if any(fnmatch.fnmatchcase(module, p) for p in patterns)]
    assert len(hits) == 1, f"{module} is in {len(hits)} layers: put it in exactly one of LAYERS"
    return hits[0]


GRAPH = {m: {i for i in imports_of(m) if i in MODULES} for m in MODULES}
EXTERNAL = {m: {i.split(".")[0] for i in imports_of(m) if not i.startswith("extractor")} for m in MODULES}


def test_every_module_has_one_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_the_import_graph_has_no_cycle() -> None:
    done: set[str] = set()
    path: list[str] = []

    def walk(module: str) -> None:
        if module in path:
            raise AssertionError("import cycle: " + " -> ".join(path[path.index(module) :] + [module]))
        if module in done:
            return
        path.append(module)
        for target in sorted(GRAPH[module]):
            walk(target)
        path.pop()
        done.add(module)

    for module in MODULES:
        walk(module)


def test_no_module_imports_a_higher_layer() -> None:
    upward = [
        f"{m} ({LAYERS[layer_of(m)][0]}) imports {t} ({LAYERS[layer_of(t)][0]})"
        for m, targets in GRAPH.items()
        for t in sorted(targets)
        if layer_of(t) > layer_of(m)
    ]
    assert not upward, "\n".join(upward)


def closure(module: str) -> set[str]:
    seen, todo = set(), [module]
    while todo:
        for target in GRAPH[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_only_the_nlp_layer_imports_spacy() -> None:
    """Outside the NLP layer nothing reaches spaCy at import time, not even through another module."""
    nlp = LAYERS.index(next(layer for layer in LAYERS if layer[0] == NLP))
    for module in MODULES:
        if layer_of(module) == nlp:
            continue
        reached = closure(module) | {module}
        assert not {m for m in reached if layer_of(m) == nlp}, f"{module} imports the NLP layer"
        assert not set().union(*(EXTERNAL[m] for m in reached)) & SPACY, f"{module} imports spaCy"


def test_the_package_is_lazy() -> None:
    """``import extractor`` runs no other module of the package: its names are looked up on first use."""
    assert GRAPH["extractor"] == set()


# --- the same, for real: each layer imported and used with spaCy blocked ---------------------------------

BLOCK_SPACY = """
import sys
blocked = []
class NoSpacy:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"spacy", "thinc"}:
            blocked.append(name)
            raise ImportError(f"spaCy is blocked in this test: {name}")
        return None
sys.meta_path.insert(0, NoSpacy())
import atexit
atexit.register(lambda: blocked and print("BLOCKED", blocked, file=sys.stderr))
"""


def without_spacy(code: str, *argv: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Runs ``code`` in a fresh interpreter where importing spaCy or thinc fails; fails the test when
    anything tried to."""
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_SPACY + code, *argv], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert "BLOCKED" not in done.stderr, done.stderr
    return done


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    code = "import runpy; sys.argv[0] = 'newsgraph'; runpy.run_module('extractor', run_name='__main__')"
    return without_spacy(code, *args, cwd=cwd)


def article_json() -> Path:
    """The seed article's JSON in graphs/ (beside it: nodelink.json, not article JSON)."""
    paths = [p for p in sorted((REPO / "graphs").glob("*.json")) if "schema_version" in json.loads(p.read_text())]
    assert paths
    return paths[0]


def test_the_model_works_without_spacy() -> None:
    code = """
from pathlib import Path
import json
import extractor
from extractor import ArticleGraph, Entity, Evidence, Relation, Failure, __version__, to_networkx, to_rdf
from extractor.model.facts import ArticleGraph as FactsArticleGraph, Failure as FactsFailure
assert ArticleGraph is FactsArticleGraph and Failure is FactsFailure
text = Path(sys.argv[1]).read_text()
article = ArticleGraph.from_json(json.loads(text))
assert article.dumps() == text, "the JSON round trip is not byte for byte"
assert article.to_networkx().number_of_edges() == len(article.relations)
print(to_rdf(article).serialize(format="turtle"), end="")
"""
    path = article_json()
    done = without_spacy(code, str(path))
    assert done.returncode == 0, done.stderr
    assert "@prefix" in done.stdout and "ng:Article" in done.stdout


def test_reading_and_writing_work_without_spacy(tmp_path: Path) -> None:
    code = """
import json
from pathlib import Path
from extractor.io import readers
from extractor.run import sinks, engines, batch
from extractor.export import outputs as exports, store, validate, rdf
from extractor.graph import corpus
from extractor.text.article import ArticleText
from extractor.model.facts import ArticleGraph, Failure
inputs = readers.discover([sys.argv[1]])
items = list(readers.read_all(inputs))
assert len(items) == 1 and isinstance(items[0], ArticleText), items
article = ArticleGraph.from_json(json.loads(Path(sys.argv[2]).read_text()))
written = exports.write(article, Path(sys.argv[3]), ("ttl",))
print(*sorted(p.name for p in written))
"""
    seed = REPO / "seeds" / "amazon-anthropic-8b.txt"
    path = article_json()
    done = without_spacy(code, str(seed), str(path), str(tmp_path))
    assert done.returncode == 0, done.stderr
    ttl = path.with_suffix(".ttl")
    assert (tmp_path / ttl.name).read_bytes() == ttl.read_bytes()


def test_the_cli_helps_merges_queries_validates_and_shows_article_json_without_spacy(tmp_path: Path) -> None:
    help_ = run_cli("--help")
    assert help_.returncode == 0, help_.stderr
    assert "extract" in help_.stdout and "merge" in help_.stdout
    extract_help = run_cli("extract", "--help")
    assert extract_help.returncode == 0 and "--min-confidence" in extract_help.stdout, extract_help.stderr
    trig = tmp_path / "corpus.trig"
    merged = run_cli("merge", str(article_json()), "--out", str(trig))
    assert merged.returncode == 0, merged.stderr
    assert trig.stat().st_size > 0
    asked = run_cli("query", str(trig), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--output", "csv")
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.splitlines()[0] == "n" and int(asked.stdout.splitlines()[1]) > 0
    checked = run_cli("validate", str(article_json().with_suffix(".ttl")))
    assert checked.returncode == 0, checked.stderr + checked.stdout
    assert checked.stdout.endswith(": conforms\n")
    shown = run_cli("show", str(article_json()), "--output", "csv")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("article,subject,") and "invests_in" in shown.stdout


def test_extract_still_says_it_needs_spacy() -> None:
    """With spaCy blocked, the commands that extract fail on the import, not before: the block works."""
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_SPACY + "import extractor.nlp.api"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode != 0 and "spaCy is blocked" in done.stderr


def test_every_public_name_resolves() -> None:
    import extractor

    for name in extractor.__all__:
        assert getattr(extractor, name) is not None, name
        assert name in dir(extractor)
    with pytest.raises(AttributeError):
        _ = extractor.no_such_name
    from extractor.model import facts
    from extractor.nlp import api

    assert api.Failure is facts.Failure is extractor.Failure


def test_the_tests_mirror_the_package() -> None:
    """tests/P/test_M.py tests extractor/P/M.py (or the folder extractor/P/M/): a newcomer finds a module's
    tests by its path, and a test file for a module that was moved or renamed fails here."""
    tests = REPO / "tests"
    strays = []
    for path in sorted(tests.rglob("test_*.py")):
        folder = path.parent.relative_to(tests)
        if not folder.parts:
            continue  # cross-cutting tests (layers, docs, the seed, properties, robustness) and the package as a whole
        subject = PACKAGE / folder / path.stem.removeprefix("test_")
        if not (subject.with_suffix(".py").is_file() or subject.is_dir()):
            strays.append(str(path.relative_to(REPO)))
    assert strays == [], f"test files that mirror no module: {strays}"
