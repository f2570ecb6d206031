"""The public Python API: text or files in, article graphs out. The CLI only wraps this."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..graph.corpus import read_article_json
from ..model.defaults import DEFAULT_BATCH_SIZE, DEFAULT_MIN_CONFIDENCE
from ..model.facts import ArticleGraph, Failure
from ..model.settings import Settings
from ..model.usage import UsageError, iso_date
from ..text.article import ArticleText, from_text
from .doc_facts import from_doc
from .pipeline import ModelNotFoundError, shared

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_MIN_CONFIDENCE",
    "Failure",
    "extract",
    "extract_article",
    "extract_file",
    "file_graphs",
    "extract_many",
    "graph_of",
    "make_doc",
]


def make_doc(nlp: Language, article: ArticleText) -> Doc:
    """A Doc carrying what the components need to know before they run."""
    doc = nlp.make_doc(article.text)
    doc._.text = article.text  # the tokens join back to exactly this text
    doc._.published = article.published
    doc._.head = article.head  # parsed once, by from_text; None: the layout component parses it
    return doc


def extract(
    text: str,
    *,
    id: str = "article",
    published: str | None = None,
    source: str | None = None,
    nlp: Language | None = None,
    model: str | None = None,
) -> ArticleGraph:
    """The entity-relation graph of one article.

    ``published`` (ISO date) resolves relative dates; without it, a dateline is used.
    """
    article = from_text(text, id, source=source, published=published)
    return extract_article(article, nlp=nlp, model=model)


def extract_article(article: ArticleText, *, nlp: Language | None = None, model: str | None = None) -> ArticleGraph:
    nlp = nlp or shared(model)
    return graph_of(nlp(make_doc(nlp, article)), article)


def extract_file(
    path: str | Path, *, nlp: Language | None = None, model: str | None = None, published: str | None = None
) -> ArticleGraph | Failure:
    """The graph of the one article in a file (``-``: stdin). A path that is not exactly one article, a
    bad date or a missing model raise UsageError before any extraction; an article that cannot be read
    is returned as its Failure, as ``extract_many`` does. Article JSON is read, not extracted again."""
    found = list(file_graphs(path, nlp=nlp, model=model, published=published, limit=2))
    if len(found) != 1:
        raise UsageError(f"{path}: holds more than one article; name one (newsgraph show --id)")
    return found[0]


def file_graphs(
    path: str | Path,
    *,
    article_id: str | None = None,
    nlp: Language | None = None,
    model: str | None = None,
    published: str | None = None,
    stdin_format: str | None = None,
    limit: int | None = None,
) -> Iterator[ArticleGraph | Failure]:
    """The articles of one input, as ``newsgraph show`` prints them: article JSON (what ``extract``
    writes, ``.json``) as it is, without extracting it again; any other article file extracted, each
    article of a JSON Lines file in turn; only ``article_id`` when given. UsageError for a path that is
    no input, an article JSON that is not one, a missing model, or no article (with that id)."""
    from ..io import readers

    published = iso_date(published)
    if str(path) != readers.STDIN and Path(path).suffix.lower() == ".json":
        yield read_article_json(path, article_id)
        return
    inputs = readers.discover([path])
    if inputs.problems:
        raise UsageError(inputs.problems[0])
    if len(inputs) != 1:
        raise UsageError(f"{path}: show takes one article, found {len(inputs)}")
    items = readers.read_all(inputs, published, stdin_format)
    wanted = (i for i in items if article_id is None or i.id == article_id)
    first = next(wanted, None)
    if first is None:
        raise UsageError(f"{path}: no article" + (f" with id {article_id!r}" if article_id else "") + " in it")
    try:
        nlp = nlp or shared(model)
    except ModelNotFoundError as error:
        raise UsageError(str(error)) from None
    for n, result in enumerate(extract_many(chain([first], wanted), nlp=nlp)):
        if limit is not None and n >= limit:
            return
        yield result


def graph_of(doc: Doc, article: ArticleText) -> ArticleGraph:
    """The article graph of a processed Doc. The Doc's extension data is dropped afterwards: its
    spans point back at the Doc, a cycle only Python's rare full collections would free, so each
    Doc (and its tensors) would outlive its article and a long batch's memory would creep up."""
    try:
        return from_doc(doc, article.id, article.source, article.title)
    finally:
        doc.user_data.clear()


def extract_many(
    articles: Iterable[ArticleText | Failure],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    settings: Settings | None = None,
) -> Iterator[ArticleGraph | Failure]:
    """Streams article graphs in input order; a failure is yielded, never raised, so one bad
    article costs only itself. ``settings``, when given, choose the pipeline and the batch size
    (what the engines pass to their workers) instead of ``model`` and ``batch_size``."""
    if settings is not None:
        nlp, batch_size = nlp or settings.pipeline(), settings.batch_size
    nlp = nlp or shared(model)
    pending: list[ArticleText | Failure] = []
    for item in articles:
        pending.append(item)
        if len(pending) >= batch_size:
            yield from _run_batch(nlp, pending)
            pending = []
    if pending:
        yield from _run_batch(nlp, pending)


def _run_batch(nlp: Language, batch: list[ArticleText | Failure]) -> Iterator[ArticleGraph | Failure]:
    texts = [a for a in batch if isinstance(a, ArticleText)]
    try:
        docs = list(nlp.pipe(make_doc(nlp, a) for a in texts))
    except Exception:  # a batch failed: redo it one by one to find the culprit
        docs = []
        for a in texts:
            try:
                docs.append(nlp(make_doc(nlp, a)))
            except Exception as err:  # noqa: BLE001  (reported per article, the batch goes on)
                docs.append(Failure(a.id, a.source, f"extraction failed: {type(err).__name__}: {err}", "extract"))
    done = iter(docs)
    for item in batch:
        if isinstance(item, Failure):
            yield item
            continue
        doc = next(done)
        yield doc if isinstance(doc, Failure) else graph_of(doc, item)
