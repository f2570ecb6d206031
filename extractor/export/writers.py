"""The one table of output formats. Each format is a ``Writer`` record; the sinks, the CLI, the
corpus-format guess and ``parse_formats`` all ask this table, so a format added here (or from
another package through the ``newsgraph.writers`` entry point) is known everywhere at once.

Built-in writers (``builtin_writers``) and plugins are loaded on the first lookup, not on import,
so importing the package stays cheap."""

from __future__ import annotations

import importlib.metadata
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ENTRY_POINT_GROUP = "newsgraph.writers"
ARTICLE_JSON = "json"  # the article record itself: always written for an article, never named with --format

if TYPE_CHECKING:
    from ..graph.source import Source

Render = Callable[["Source"], Mapping[str, str | bytes]]
Store = Callable[["Source", Path], None]


@dataclass(frozen=True)
class Writer:
    """One output format.

    ``render`` gives ``{suffix: data}`` for the files ``STEM<suffix>``, exactly one entry per item of
    ``suffixes`` (str for text files, bytes when ``binary``). A format that is a directory rather
    than files (the Oxigraph store) has no suffixes and a ``store`` function instead of ``render``.
    """

    name: str
    suffixes: tuple[str, ...]
    description: str
    render: Render | None = None
    binary: bool = False
    articles: bool = True  # can be written for each article by ``extract --format``
    corpora: bool = True  # can be written for a merged corpus by ``merge --format``
    in_all: bool = True  # included in ``--format all`` (pictures are not: they are slow and for people)
    store: Store | None = None  # writes a directory at the given path instead of files

    def __post_init__(self) -> None:
        if not self.name or self.name != self.name.strip().lower() or "," in self.name or self.name == "all":
            raise ValueError(f"writer name {self.name!r}: use a lower-case word other than 'all', without commas")
        if (self.render is None) == (self.store is None):
            raise ValueError(f"writer {self.name}: give either render (files) or store (a directory)")
        if self.store is not None and (self.suffixes or self.articles):
            raise ValueError(f"writer {self.name}: a directory writer has no suffixes and writes corpora only")
        if self.render is not None and not self.suffixes:
            raise ValueError(f"writer {self.name}: a file writer names the suffixes of the files it makes")

    @property
    def directory(self) -> bool:
        return self.store is not None


_WRITERS: dict[str, Writer] = {}
_loaded = False


def register(writer: Writer) -> Writer:
    """Add ``writer`` to the table; a name already taken is refused rather than silently replaced."""
    _load()
    if writer.name in _WRITERS:
        raise ValueError(f"a writer named {writer.name!r} is already registered")
    _WRITERS[writer.name] = writer
    return writer


def _load() -> None:
    """Built-in writers first, then every ``newsgraph.writers`` entry point, once per process."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from .builtin_writers import BUILTIN

    for writer in BUILTIN:
        register(writer)
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            writer = ep.load()
            if not isinstance(writer, Writer):
                raise TypeError(f"gives a {type(writer).__name__}, not an extractor.export.writers.Writer")
            if writer.name != ep.name:
                raise ValueError(f"names the writer {writer.name!r}")
            register(writer)
        except Exception as error:  # noqa: BLE001  (a broken plugin must not stop every other format)
            warnings.warn(f"newsgraph: writer plugin {ep.name} = {ep.value} left out: {error}", stacklevel=2)


def all_writers() -> tuple[Writer, ...]:
    """Every writer, built-ins first, in the order they were registered."""
    _load()
    return tuple(_WRITERS.values())


def get(name: str) -> Writer:
    _load()
    return _WRITERS[name]


def known(name: str) -> Writer | None:
    """The writer of that name in this process's table, None when there is none."""
    _load()
    return _WRITERS.get(name)


def article_formats() -> tuple[str, ...]:
    """The names ``extract --format`` accepts (the article JSON is always written, so not one of them)."""
    return tuple(w.name for w in all_writers() if w.articles and w.name != ARTICLE_JSON)


def corpus_formats() -> tuple[str, ...]:
    """The names ``merge --format`` accepts."""
    return tuple(w.name for w in all_writers() if w.corpora)


def parse_formats(value: str) -> tuple[str, ...]:
    """ "ttl,graphml" → ("ttl", "graphml"); "all" → every graph format. Raises ValueError on unknown names."""
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    choices = article_formats()
    if "all" in names:
        names = [n for n in names if n != "all"] + [n for n in choices if get(n).in_all]
    unknown = [n for n in names if n not in choices]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; choose from {', '.join(choices)} or all")
    return tuple(dict.fromkeys(names))


def article_suffixes(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The suffix of every file an article gets: its JSON, then each format's."""
    return tuple(s for name in dict.fromkeys((ARTICLE_JSON, *formats)) for s in get(name).suffixes)


def corpus_format(out: Path, fmt: str | None) -> str:
    """The format asked for, else the one ``out``'s extension names; a path without one (or an existing
    directory, or ``NAME.oxigraph``) is a store. An extension no format writes is refused, never taken
    for a store's name: ``--out corpus.xyz`` is a mistake to report, not a directory to create."""
    choices = corpus_formats()
    if fmt:
        if fmt not in choices:
            raise ValueError(f"unknown format {fmt}; choose from {', '.join(choices)}")
        return fmt
    by_extension: dict[str, str] = {}
    for w in all_writers():
        if w.corpora:
            for suffix in w.suffixes:  # ".nodelink.json" is guessed from ".json", as Path.suffix sees it
                by_extension.setdefault(Path(f"x{suffix}").suffix.lower(), w.name)
    store = next(w.name for w in all_writers() if w.corpora and w.directory)
    extension = out.suffix.lower()
    if extension in by_extension:
        return by_extension[extension]
    if not extension or extension == f".{store}" or out.is_dir():
        return store
    known = ", ".join(sorted(by_extension))
    raise ValueError(
        f"{out}: no format writes {out.suffix} files; name a file ending in {known}, "
        f"a store directory (no extension, or .{store}), or say which with --format"
    )


def describe(names: tuple[str, ...]) -> str:
    """``ttl (RDF Turtle), nt (...)``: the formats with their descriptions, for --help."""
    return ", ".join(f"{n} ({get(n).description})" for n in names)
