"""The public API takes paths as ``str`` as well as ``Path`` (what ``open()`` takes): a Python user
writes ``read_rdf("corpus.ttl")``. Public means a module's ``__all__``."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
import shutil
from pathlib import Path

import extractor
from extractor.export import outputs, store, validate
from extractor.export.rdf import formats
from extractor.graph import corpus, incremental, stream
from extractor.io import readers
from extractor.model.facts import ArticleGraph
from extractor.run import job

REPO = Path(__file__).resolve().parent.parent
SEED_JSON = REPO / "graphs" / "amazon-anthropic-8b.json"
SEED_TTL = SEED_JSON.with_suffix(".ttl")
TAKES_STR = re.compile(r"StrPath|PathLike|\bstr\b")
INPUT_RECORDS = {"ExtractJob"}  # the dataclasses a caller fills in; the others are results, holding Paths


def public_callables():
    for info in pkgutil.walk_packages(extractor.__path__, "extractor."):
        if info.name.endswith(".__main__"):
            continue  # runs the command line
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name, None)
            if inspect.isclass(value) and getattr(value, "__module__", "") == module.__name__:
                if dataclasses.is_dataclass(value) and name not in INPUT_RECORDS:
                    continue
                yield f"{info.name}.{name}", value.__init__
            elif inspect.isfunction(value) and value.__module__ == module.__name__:
                yield f"{info.name}.{name}", value


def test_no_public_function_takes_only_a_path_object() -> None:
    only_path = []
    for where, function in public_callables():
        for param in inspect.signature(function).parameters.values():
            annotation = str(param.annotation)
            if annotation.startswith("Callable"):
                continue  # a callback is given Paths
            if re.search(r"\bPath\b", annotation) and not TAKES_STR.search(annotation):
                only_path.append(f"{where}({param.name}: {annotation})")
    assert only_path == []


def test_the_checked_modules_declare_their_public_names() -> None:
    for module in (corpus, stream, incremental, readers, validate, formats, store, job, outputs):
        assert module.__all__, module.__name__


def test_reading_and_checking_with_str_paths(tmp_path: Path) -> None:
    article = corpus.read_article_json(str(SEED_JSON))
    assert isinstance(article, ArticleGraph) and article.id == "amazon-anthropic-8b"
    assert [a.id for a in corpus.read_articles([str(SEED_JSON)])] == [article.id]
    assert corpus.json_files([str(SEED_JSON.parent)])[0].suffix == ".json"
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(SEED_JSON, out)
    assert [a.id for a in corpus.articles_in_output(str(out))] == [article.id]
    assert formats.format_of(str(SEED_TTL)) == "ttl"
    assert len(formats.read_rdf(str(SEED_TTL))) > 100
    assert validate.validate_file(str(SEED_TTL)) == []
    assert [v for _, v in validate.validate_files([str(SEED_TTL)])] == [[]]
    assert readers.kind_of("feed.jsonl.gz") == "jsonl"


def test_merging_adding_and_querying_with_str_paths(tmp_path: Path) -> None:
    target = str(tmp_path / "store")
    counts = stream.merge_to_store(stream.FileArticles([str(SEED_JSON)]), target)
    assert counts.articles == 1
    assert store.is_store(target)
    assert validate.validate_store(target) == []
    added = incremental.merge_into_store(stream.FileArticles([str(SEED_JSON)]), target)
    assert (added.unchanged, added.articles) == (1, 1)
    names = store.query(target, "SELECT ?n WHERE { ?e a ng:Entity ; rdfs:label ?n } ORDER BY ?n")
    assert "Anthropic" in [row[0] for row in names.rows]
    nq = str(tmp_path / "corpus.nq")
    stream.merge_to_file(stream.FileArticles([str(SEED_JSON)]), nq, "nq")
    assert Path(nq).read_text(encoding="utf-8").count("\n") > 100
    written = job.write_corpus([corpus.read_article_json(str(SEED_JSON))], str(tmp_path / "corpus-store"))
    assert written.articles == 1


def test_writing_and_drawing_with_str_paths(tmp_path: Path) -> None:
    article = corpus.read_article_json(str(SEED_JSON))
    written = outputs.write(article, str(tmp_path), ("ttl",))
    assert sorted(p.name for p in written) == ["amazon-anthropic-8b.json", "amazon-anthropic-8b.ttl"]
    assert outputs.draw([str(SEED_JSON)], str(tmp_path / "page.html")).is_file()
    assert outputs.write_corpus(corpus.merge([article]), str(tmp_path / "corpus.ttl"), "ttl")[0].is_file()
