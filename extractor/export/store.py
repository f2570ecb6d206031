"""Corpus graphs in an embedded, persistent triple store (Oxigraph), and SPARQL over any graph.

A store is a directory that Oxigraph owns; RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD)
are loaded into an in-memory store for a query.
"""

from __future__ import annotations

import csv
import ctypes
import errno
import gc
import io
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from ..io.durable import TEMP_MARK, UMASK, sync_directory, sync_file
from ..model.paths import StrPath
from .rdf.build import PREFIXES
from .rdf.formats import RDF_FORMATS, RDFReadError, format_of, serialize

OX_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


# beside a store at NAME: .NAME.ng-tmp-XXXX is being built, .NAME.ng-new-XXXX is complete and waits
# to be swapped in, .NAME.ng-old-XXXX is the store it replaced, until removed
NEW_MARK, OLD_MARK = ".ng-new-", ".ng-old-"


class QueryError(ValueError):
    """A query that does not parse or cannot run, or a target that is not a store or RDF file."""


class StoreTargetError(ValueError):
    """A path a store cannot be written to without harming what is there."""


def looks_like_store(path: Path) -> bool:
    """Is ``path`` a directory Oxigraph (RocksDB) has written: its CURRENT file and a MANIFEST?"""
    return (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def check_store_target(path: StrPath) -> None:
    """A store is written to a new or empty directory or over a store, never into a directory of
    other files (RocksDB would write its files among them) nor over a file."""
    path = Path(path)
    if not path.exists():
        return
    if not path.is_dir():
        raise StoreTargetError(f"{path} is a file, not a store directory")
    if not looks_like_store(path) and any(path.iterdir()):
        raise StoreTargetError(f"{path} is a directory of other files, not a store: give a new or empty directory")


def write_store(dataset: Dataset, path: StrPath) -> None:
    """Create or replace the Oxigraph store at ``path`` with ``dataset``, never harming the old one
    until the new one is complete: it is built beside ``path`` (``.NAME.ng-tmp-XXXX``), closed, marked
    complete by a rename (``.NAME.ng-new-XXXX``), then swapped in. Needs room for both stores at once.
    One run at a time per store: a second one would remove the first one's temporaries."""
    path = Path(path)
    check_store_target(path)
    recover_store(path)
    data = serialize(dataset, "nq").encode("utf-8")
    swap_in(build_beside(path, data), path)


def _marked(path: Path, mark: str) -> list[Path]:
    """The directories a write of ``path`` made beside it with ``mark``, oldest first."""
    prefix = f".{path.name}{mark}"
    found = [p for p in path.parent.iterdir() if p.name.startswith(prefix)] if path.parent.is_dir() else []
    return sorted(found, key=lambda p: p.stat().st_mtime_ns)


def recover_store(path: StrPath) -> None:
    """Undo what a killed write left: a kill between the two renames of a swap (where there is no
    exchange) leaves no store at ``path`` but the new one beside it, or the old one: that goes back
    in place. Then the leftovers go: half-built stores, and old ones a kill kept from removal."""
    path = Path(path)
    if not path.exists():
        complete = _marked(path, NEW_MARK) or _marked(path, OLD_MARK)
        if complete:
            os.rename(complete[-1], path)
    for leftover in _marked(path, TEMP_MARK) + _marked(path, NEW_MARK) + _marked(path, OLD_MARK):
        shutil.rmtree(leftover, ignore_errors=True)


def build_beside(path: Path, nquads: bytes) -> Path:
    """A complete, closed store of ``nquads`` beside ``path``, renamed ``.NAME.ng-new-XXXX``."""

    def fill(directory: Path) -> None:
        store = ox.Store(str(directory))
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store  # pyoxigraph's Store has no close(): RocksDB shuts down when the object goes
        gc.collect()

    return build_beside_with(path, fill)


def build_beside_with(path: Path, fill: Callable[[Path], None]) -> Path:
    """A new directory beside ``path`` (``.NAME.ng-tmp-XXXX``) that ``fill`` makes a complete store in
    and closes, flushed to the disk and renamed ``.NAME.ng-new-XXXX``; removed if ``fill`` fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}{TEMP_MARK}", dir=path.parent))
    try:
        os.chmod(tmp, 0o777 & ~UMASK)  # mkdtemp makes a private directory; a store is an ordinary one
        fill(tmp)
        _fsync_tree(tmp)
        new = tmp.with_name(f".{path.name}{NEW_MARK}{tmp.name.removeprefix(f'.{path.name}{TEMP_MARK}')}")
        os.rename(tmp, new)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return new


def swap_in(new: Path, path: Path) -> None:
    """Put the complete store ``new`` at ``path``, then remove the one it replaces. On Linux the two
    directories are exchanged in one step (there is no moment without a store at ``path``); elsewhere
    the old one is renamed aside first, and a kill between the two renames is undone by the next
    write (``recover_store``)."""
    old = new.with_name(new.name.replace(NEW_MARK, OLD_MARK, 1))
    if not path.exists():
        os.rename(new, path)
    elif _exchange(new, path):
        os.rename(new, old)  # it now holds the old store
    else:
        os.rename(path, old)
        os.rename(new, path)
    sync_directory(path.parent)
    shutil.rmtree(old, ignore_errors=True)


RENAME_EXCHANGE, AT_FDCWD = 2, -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically (Linux renameat2 RENAME_EXCHANGE); False where it is missing."""
    if sys.platform != "linux":
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False  # a C library without it (glibc < 2.28, some others)
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # a kernel or file system that cannot exchange
    raise OSError(code, os.strerror(code), str(b))


def _fsync_tree(directory: Path) -> None:
    """The new store's files and directory on disk before a rename makes it the store."""
    for entry in directory.iterdir():
        if entry.is_file():
            sync_file(entry)
    sync_directory(directory)


def is_store(path: StrPath) -> bool:
    return Path(path).is_dir()


def open_target(path: StrPath) -> ox.Store:
    """A store directory, opened read-only, or an RDF file loaded into memory."""
    path = Path(path)
    if not path.exists():
        raise QueryError(f"{path}: no such store or file")
    if is_store(path):
        try:
            return ox.Store.read_only(str(path))
        except OSError as err:
            raise QueryError(f"{path}: not an Oxigraph store: {err}") from err
    try:
        fmt = format_of(path)
    except RDFReadError as err:
        raise QueryError(str(err)) from err
    store = ox.Store()
    try:
        store.load(path=str(path), format=OX_FORMATS[fmt])
    except (SyntaxError, ValueError, OSError) as err:
        raise QueryError(f"{path}: not valid {fmt}: {err}") from err
    return store


@dataclass
class Answer:
    """A query's answer: a table (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    variables: list[str] | None = None
    rows: list[list[str | None]] | None = None
    boolean: bool | None = None
    triples: str | None = None  # N-Triples

    def to_csv(self) -> str:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        if self.boolean is not None:
            w.writerow(["result"])
            w.writerow(["true" if self.boolean else "false"])
        elif self.rows is not None:
            w.writerow(self.variables)
            w.writerows([["" if v is None else v for v in row] for row in self.rows])
        else:
            return self.triples or ""
        return out.getvalue()

    def to_json(self) -> str:
        if self.boolean is not None:
            data: object = {"boolean": self.boolean}
        elif self.rows is not None:
            data = {
                "variables": self.variables,
                "rows": [dict(zip(self.variables or [], r, strict=True)) for r in self.rows],
            }
        else:
            data = {"triples": (self.triples or "").split("\n")[:-1]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def term_text(term: object) -> str | None:
    """An RDF term as plain text: IRIs bare, literals by their lexical value."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


SERVICE_WORD = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def calls_service(sparql: str) -> bool:
    """Does the query ask a remote endpoint (``SERVICE <...>``)? Read from its parse, so the word
    in a string, an IRI or a comment does not count; a query that rdflib cannot parse but that
    has the word is taken to call one."""
    if not SERVICE_WORD.search(sparql):
        return False
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(sparql)
    except Exception:  # noqa: BLE001  (any failure of a parser we only consult: refuse)
        return True
    return _has_service(parsed)


def _has_service(node: object) -> bool:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:  # iterative: a deeply nested query must not exhaust the recursion limit
        n = stack.pop()
        if isinstance(n, CompValue):
            if n.name == "ServiceGraphPattern":
                return True
            stack.extend(n.values())
        elif isinstance(n, list | tuple | ParseResults):
            stack.extend(n)
    return False


def query(target: StrPath | ox.Store, sparql: str, *, allow_service: bool = False) -> Answer:
    """Run SPARQL over a store or RDF file; the newsgraph prefixes (ng:, ngr:, schema:, ...) are
    predeclared and named graphs are queried as one. newsgraph works offline: a federated query
    (``SERVICE``) is refused unless ``allow_service``."""
    if not allow_service and calls_service(sparql):
        raise QueryError(
            "the query asks a remote endpoint (SERVICE); newsgraph works offline: pass --allow-service to let it"
        )
    store = target if isinstance(target, ox.Store) else open_target(target)
    try:
        result = store.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()}, use_default_graph_as_union=True)
        return answer_of(result)  # solutions are computed as they are read: errors come here too
    except SyntaxError as err:
        raise QueryError(f"the query does not parse: {err}") from err
    except (OSError, ValueError) as err:
        raise QueryError(f"the query failed: {' '.join(str(err).split())}") from err


def answer_of(result: ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples) -> Answer:
    if isinstance(result, ox.QueryBoolean):
        return Answer(boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [[term_text(solution[v]) for v in variables] for solution in result]
        return Answer(variables=variables, rows=rows)
    lines = sorted(f"{t.subject} {t.predicate} {t.object} ." for t in result)
    return Answer(triples="\n".join(lines) + ("\n" if lines else ""))


__all__ = [
    "RDF_FORMATS",
    "Answer",
    "QueryError",
    "StoreTargetError",
    "check_store_target",
    "is_store",
    "open_target",
    "query",
    "recover_store",
    "write_store",
]
