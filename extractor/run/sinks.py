"""Where a batch's articles go: a directory of files, one JSON Lines file, or stdout.

A sink records each finished article in a manifest (``.newsgraph-manifest.jsonl`` in the output
directory, ``FILE.manifest.jsonl`` beside a JSON Lines file) after its output is on the disk, with a
fingerprint of its input and of the settings and the size and SHA-256 of what it wrote. ``--resume``
skips what the manifest shows is done, current and intact, so an interrupted batch continues where
it stopped and nothing is done twice. An output is locked by the run that writes it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import pickle
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from ..export import outputs as exports
from ..export import writers
from ..graph.source import article_source
from ..io import durable
from ..model.facts import ArticleGraph
from ..text.article import ArticleText

MANIFEST_NAME = ".newsgraph-manifest.jsonl"
FAILURES_NAME = "failures.jsonl"
LOCK_NAME = ".newsgraph.lock"
# beside a JSON Lines output FILE.jsonl: FILE.jsonl.manifest.jsonl, FILE.jsonl.lock, FILE.jsonl.failures.jsonl
JSONL_MANIFEST, JSONL_LOCK, JSONL_FAILURES = ".manifest.jsonl", ".lock", ".failures.jsonl"
UNSAFE_CHARS = set('/\\:*?"<>|')
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_STEM_BYTES = 150


def safe_stem(article_id: str) -> str:
    """A file name stem for an article id that stays inside the output directory on any system:
    no separators, no "..", no NUL or control or invisible characters, no reserved device names,
    not too long (a hash of the id keeps long ones unique)."""
    text = unicodedata.normalize("NFC", article_id)
    text = "".join(
        "_" if c in UNSAFE_CHARS or unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"} else c for c in text
    )
    text = text.strip(" .")
    if not text:
        text = "article"
    if text.split(".")[0].lower() in WINDOWS_RESERVED:
        text = "_" + text
    if len(text.encode("utf-8")) > MAX_STEM_BYTES:
        digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        while len(text.encode("utf-8")) > MAX_STEM_BYTES - 13:
            text = text[:-1]
        text = f"{text}-{digest}"
    return text


class Names:
    """Unique stems in input order, unique with every suffix an article writes: the second article
    called "a" (or "A", or "a/") gets "a-2", and so does "a" after "a.nodelink" when both would
    write ``a.nodelink.json``. ``reserved`` are names the output keeps for itself."""

    def __init__(self, suffixes: Iterable[str] = ("",), reserved: Iterable[str] = ()) -> None:
        self.suffixes = tuple(suffixes)
        self.used: set[str] = {name.casefold() for name in reserved}

    def claim(self, article_id: str) -> str:
        stem = base = safe_stem(article_id)
        n = 1
        while any(f"{stem}{suffix}".casefold() in self.used for suffix in self.suffixes):
            n += 1
            stem = f"{base}-{n}"
        self.used.update(f"{stem}{suffix}".casefold() for suffix in self.suffixes)
        return stem


class OutputBusyError(RuntimeError):
    """Another run is writing the same output."""


_HELD_LOCKS: set[int] = set()


def _drop_held_locks() -> None:
    """In a forked worker: let go of the parent's lock files, so that the lock ends with the parent."""
    for fd in _HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_held_locks)


class OutputLock:
    """A run's claim on its output: an exclusive lock on a lock file beside it, taken without waiting.
    The operating system releases it however the run ends, a SIGKILL included."""

    def __init__(self, path: Path, output: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            _lock(self.fd)
        except OSError:
            os.close(self.fd)
            self.fd = None
            raise OutputBusyError(
                f"{output} is being written by another newsgraph run (it holds {path.name}): "
                "wait for it to end, or give another --out"
            ) from None
        _HELD_LOCKS.add(self.fd)

    def close(self) -> None:
        if self.fd is not None:
            _HELD_LOCKS.discard(self.fd)
            os.close(self.fd)
            self.fd = None


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def out_of_space(error: BaseException) -> bool:
    """A disk (or quota, or file size limit) that is full: no later article can be written either."""
    return isinstance(error, OSError) and error.errno in NO_SPACE


def proof_of(data: bytes) -> str:
    """What shows a file (or a line) is as it was written: its size and SHA-256, as one short string."""
    return f"{len(data)}:{hashlib.sha256(data).hexdigest()}"


def proof_of_file(path: Path) -> str | None:
    """``proof_of`` a file's bytes, read in pieces; None when it cannot be read."""
    sha, size = hashlib.sha256(), 0
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                sha.update(block)
                size += len(block)
    except OSError:
        return None
    return f"{size}:{sha.hexdigest()}"


def proof_of_files(proofs: dict[str, str | None]) -> str:
    """One proof for an article's files (name → ``proof_of``): a manifest of millions of articles
    keeps one short string each in memory, not one per file."""
    return hashlib.sha256(json.dumps(sorted(proofs.items())).encode("utf-8")).hexdigest()


class FailureLog:
    """``failures.jsonl``: this run's failures, one JSON object a line (id, source, error)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._fh: IO[str] | None = None
        if path is not None:
            path.unlink(missing_ok=True)

    def record(self, article_id: str, source: str | None, error: str) -> None:
        if self.path is None:
            return
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("w", encoding="utf-8")
        self._fh.write(json.dumps({"id": article_id, "source": source, "error": error}, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            fh, self._fh = self._fh, None
            fh.close()


def fingerprint(article: ArticleText, settings: dict[str, object]) -> str:
    """Changes when the input or anything that shapes the output changes."""
    payload = json.dumps([article.text, article.title, article.published, settings], sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


class Manifest:
    """Append-only record of finished articles, a line ``{"id", "fingerprint", "proof"}`` each (the
    proof shows its output is as written); a torn last line (a killed run) is ignored."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.done: dict[str, tuple[str, str]] = {}  # key → (fingerprint, proof), in the order recorded
        self._fh: IO[str] | None = None

    def load(self) -> None:
        if self.path is None or not self.path.exists():
            return
        with self.path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    record = json.loads(line)
                    self.done[str(record["id"])] = (str(record["fingerprint"]), str(record["proof"]))
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue

    def save(self) -> None:
        """Replace the file with exactly what ``done`` holds, atomically. Called on resume, after
        ``load``, so that the next record never lands on the end of a torn last line."""
        if self.path is None:
            return
        lines = (self.line(key, fp, proof) for key, (fp, proof) in self.done.items())
        durable.write_stream(self.path, (line.encode("utf-8") for line in lines))

    @staticmethod
    def line(key: str, fp: str, proof: str) -> str:
        return json.dumps({"id": key, "fingerprint": fp, "proof": proof}, ensure_ascii=False) + "\n"

    def fingerprint_of(self, key: str) -> str | None:
        return self.done[key][0] if key in self.done else None

    def record(self, key: str, fp: str, proof: str) -> None:
        """Called only once the article's output is on the disk."""
        if self.path is None:
            return
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("a", encoding="utf-8")
        self._fh.write(self.line(key, fp, proof))
        self._fh.flush()
        self.done[key] = (fp, proof)

    def close(self) -> None:
        if self._fh is not None:
            fh, self._fh = self._fh, None
            fh.close()


class RenderError(Exception):
    """A writer's error that could not travel back from the worker that rendered the files as it was:
    its type's name and message, which is what the failure record says of it."""


@dataclass(frozen=True)
class Rendered:
    """An article's files, rendered where it was extracted (a worker), for the sink to write: the
    parent only writes them. A format missing from ``files`` is rendered by the sink that writes them."""

    article: ArticleGraph
    files: dict[str, dict[str, bytes]]  # format name → {suffix: the file's bytes}
    error: Exception | None = None  # why the files could not be rendered: raised where they are written


def _render_id(writer: writers.Writer) -> str | None:
    """Which function renders a format, by its module and name: a process renders a format only with
    the same function as the parent. None: a function that cannot be told (it is rendered by the parent)."""
    render = writer.render
    module, name = getattr(render, "__module__", None), getattr(render, "__qualname__", None)
    return f"{module}:{name}" if module and name else None


def _portable(error: Exception) -> Exception:
    """The error itself when it survives pickling (to go back from a worker), else its description."""
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301  (our own bytes, read back at once)
    except Exception:  # noqa: BLE001  (any error may fail to pickle, or to unpickle)
        return RenderError(f"{type(error).__name__}: {error}")
    return error


@dataclass(frozen=True)
class ArticleFiles:
    """Renders an article's files (its JSON, then each format's) in whichever process is given it:
    it is pickled to the workers with each chunk, so that they render and the parent only writes.

    A format is rendered only by a process whose writer of that name has the same render function as
    the parent's (``renders``); the others are left for the parent (a plugin registered in the parent
    alone, or one a Dask worker does not have)."""

    formats: tuple[str, ...]
    renders: tuple[str | None, ...]

    @classmethod
    def of(cls, formats: tuple[str, ...]) -> ArticleFiles:
        return cls(formats, tuple(_render_id(writers.get(name)) for name in formats))

    def __call__(self, article: ArticleGraph, stem: str) -> Rendered:
        src = article_source(article, stem=stem)
        files: dict[str, dict[str, bytes]] = {}
        try:
            for name, render_id in zip(self.formats, self.renders, strict=True):
                writer = writers.known(name)
                if render_id is None or writer is None or writer.render is None or _render_id(writer) != render_id:
                    continue
                files[name] = {suffix: durable.as_bytes(data) for suffix, data in writer.render(src).items()}
        except Exception as error:  # noqa: BLE001  (a writer's error costs its article, where it is written)
            return Rendered(article, {}, _portable(error))
        return Rendered(article, files)


class Sink(Protocol):
    def claim(self, article_id: str) -> str: ...

    def is_current(self, key: str, fp: str) -> bool: ...

    def write(self, article: ArticleGraph, key: str, fp: str) -> None: ...

    def discard(self, key: str) -> None: ...

    def fail(self, article_id: str, source: str | None, error: str) -> None: ...

    def close(self) -> None: ...


def remove_stale_temporaries(directory: Path, name: str = "") -> None:
    """The temporary files a killed run left half-written (``.ID.json.ng-tmp-XXXX``; those of
    ``name`` only, when given), removed before this run writes. Safe because the output is locked."""
    for path in directory.glob(f".{name}*{durable.TEMP_MARK}*"):
        if path.is_file():
            path.unlink(missing_ok=True)


class Closable(Protocol):
    def close(self) -> None: ...


def close_all(*parts: Closable) -> None:
    """Close every part even when one fails (a full disk fails the flush); the first error is raised."""
    first: BaseException | None = None
    for part in parts:
        try:
            part.close()
        except OSError as error:
            first = first or error
    if first is not None:
        raise first


def check_writable(directory: Path) -> None:
    """Creates the directory and writes a probe file in it, so that an output that cannot be written
    is found before any work, not after the first article; raises OSError."""
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=directory, prefix=".newsgraph-probe-"):
        pass


def identity(path: Path) -> tuple[int, int] | None:
    """Which file or directory a path is (device, inode), whatever link or spelling leads to it; None when
    there is none (yet), or a link loop: comparing resolved names would fail on loops and miss hard links."""
    try:
        st = path.stat()
    except (OSError, RuntimeError):
        return None
    return (st.st_dev, st.st_ino)


class OwnOutputs:
    """Which paths of a directory walk are newsgraph's own outputs, never to be read as articles: the
    ``--out`` of this run and all under it, and in any output directory (one with a manifest or a lock)
    the failure list and each article's graph files (a name with a writer's suffix beside its
    ``ID.json``), so that ``extract news --out news`` and a later ``--resume`` read only the articles."""

    def __init__(self, out: str | os.PathLike[str] | None = None) -> None:
        self.out = None if out is None or os.fspath(out) == "-" else identity(Path(out))
        self.suffixes = sorted({s for w in writers.all_writers() for s in w.suffixes}, key=len, reverse=True)
        self._outputs_dir: dict[Path, bool] = {}

    def __call__(self, path: Path) -> bool:
        if self.out is not None and identity(path) == self.out:
            return True
        name, parent = path.name, path.parent
        if self.is_output_dir(parent):
            if name == FAILURES_NAME:
                return True
            suffix = next((s for s in self.suffixes if name.endswith(s) and len(name) > len(s)), None)
            if suffix is not None and (parent / (name[: -len(suffix)] + ".json")).is_file():
                return True
        if any((parent / f"{name}{tail}").exists() for tail in (JSONL_MANIFEST, JSONL_LOCK)):
            return True  # a JSON Lines output
        tails = (JSONL_MANIFEST, JSONL_LOCK, JSONL_FAILURES)
        return any(name.endswith(tail) and (parent / name[: -len(tail)]).is_file() for tail in tails)

    def is_output_dir(self, directory: Path) -> bool:
        if directory not in self._outputs_dir:
            self._outputs_dir[directory] = any((directory / n).exists() for n in (MANIFEST_NAME, LOCK_NAME))
        return self._outputs_dir[directory]


class DirectorySink:
    """``DIR/ID.json`` and the requested graph files for each article."""

    def __init__(self, out: Path, formats: tuple[str, ...], resume: bool) -> None:
        self.out = out
        self.formats = formats
        self.lock = OutputLock(out / LOCK_NAME, out)
        self.suffixes = writers.article_suffixes(formats)
        self.names = Names(self.suffixes, reserved=(MANIFEST_NAME, FAILURES_NAME, LOCK_NAME))
        self.manifest = Manifest(out / MANIFEST_NAME)
        self.failures = FailureLog(self.failures_path)
        if resume:
            self.manifest.load()
            self.manifest.save()
            remove_stale_temporaries(out)
        elif (out / MANIFEST_NAME).exists():
            (out / MANIFEST_NAME).unlink()  # a fresh run starts a fresh record

    @property
    def failures_path(self) -> Path:
        """Where this run's failures are listed, for the command to point at."""
        return self.out / FAILURES_NAME

    def claim(self, article_id: str) -> str:
        return self.names.claim(article_id)

    def expected_files(self, stem: str) -> list[Path]:
        return [self.out / f"{stem}{s}" for s in self.suffixes]

    def is_current(self, key: str, fp: str) -> bool:
        """Done in an earlier run, with this input and settings, and every file as it was written."""
        if self.manifest.fingerprint_of(key) != fp:
            return False
        proofs = {path.name: proof_of_file(path) for path in self.expected_files(key)}
        return proof_of_files(proofs) == self.manifest.done[key][1]

    def renderer(self) -> ArticleFiles:
        """What renders an article's files wherever it is extracted; ``write_rendered`` writes them."""
        return ArticleFiles.of((writers.ARTICLE_JSON, *self.formats))

    def write(self, article: ArticleGraph, key: str, fp: str) -> None:
        """All of the article's files or none of them; recorded once they are on the disk."""
        self.write_rendered(Rendered(article, {}), key, fp)

    def write_rendered(self, rendered: Rendered, key: str, fp: str) -> None:
        """``write`` of files already rendered (in a worker); the formats missing are rendered here.
        A rendering error is raised, and leaves none of the article's files."""
        files: dict[Path, bytes] = {}
        try:
            if rendered.error is not None:
                raise rendered.error
            src = None
            for name in (writers.ARTICLE_JSON, *self.formats):
                part = rendered.files.get(name)
                if part is None:
                    src = src or article_source(rendered.article, stem=key)
                    part = {suffix: durable.as_bytes(data) for suffix, data in exports.render(src, (name,)).items()}
                files.update((self.out / f"{key}{suffix}", data) for suffix, data in part.items())
            durable.write_files(files)
        except BaseException:
            self.discard(key)
            raise
        self.manifest.record(key, fp, proof_of_files({path.name: proof_of(data) for path, data in files.items()}))

    def discard(self, key: str) -> None:
        """A failed article leaves no file: not this run's, nor an earlier run's for the same id."""
        for path in self.expected_files(key):
            path.unlink(missing_ok=True)

    def fail(self, article_id: str, source: str | None, error: str) -> None:
        self.failures.record(article_id, source, error)

    def close(self) -> None:
        close_all(self.manifest, self.failures, self.lock)


class JsonlSink:
    """One article JSON per line, in a file (``corpus.jsonl``) or on stdout (``-``)."""

    def __init__(self, out: Path | None, resume: bool) -> None:
        self.out = out
        self.names = Names()
        self.lock: OutputLock | None = None
        if out is None:
            self.manifest = Manifest(None)
            self.failures = FailureLog(None)
            self._fh: IO[bytes] = sys.stdout.buffer
            return
        self.lock = OutputLock(out.with_name(out.name + JSONL_LOCK), out)
        self.manifest = Manifest(out.with_name(out.name + JSONL_MANIFEST))
        self.failures = FailureLog(self.failures_path)
        out.parent.mkdir(parents=True, exist_ok=True)
        if resume:
            remove_stale_temporaries(out.parent, out.name)
            self.manifest.load()
            self._keep_finished_lines(out)
        else:
            self.manifest.path.unlink(missing_ok=True)  # type: ignore[union-attr]
            out.write_bytes(b"")
        self._fh = out.open("ab")

    @property
    def failures_path(self) -> Path | None:
        """``FILE.jsonl.failures.jsonl`` beside the output; None on stdout, where failures are only reported."""
        return None if self.out is None else self.out.with_name(self.out.name + JSONL_FAILURES)

    def _keep_finished_lines(self, out: Path) -> None:
        """Keep the lines the manifest vouches for, in the order it recorded them, each as it was
        written (its SHA-256); the first that is not ends the kept part. Streamed, then swapped in."""
        records = iter(list(self.manifest.done.items()))
        kept: dict[str, tuple[str, str]] = {}

        def vouched() -> Iterator[bytes]:
            if not out.exists():
                return
            with out.open("rb") as fh:
                for line in fh:
                    record = next(records, None)
                    if record is None or proof_of(line) != record[1][1]:
                        return
                    kept[record[0]] = record[1]
                    yield line

        durable.write_stream(out, vouched())
        self.manifest.done = kept
        self.manifest.save()

    def claim(self, article_id: str) -> str:
        return self.names.claim(article_id)

    def is_current(self, key: str, fp: str) -> bool:
        return self.out is not None and self.manifest.fingerprint_of(key) == fp

    def write(self, article: ArticleGraph, key: str, fp: str) -> None:
        line = (json.dumps(article.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        self._fh.write(line)
        self._fh.flush()
        if self.out is not None:
            os.fsync(self._fh.fileno())  # the line is on the disk before the manifest vouches for it
        self.manifest.record(key, fp, proof_of(line))

    def discard(self, key: str) -> None:
        """Nothing to remove: a line is written whole or, torn, dropped by the next resume."""

    def fail(self, article_id: str, source: str | None, error: str) -> None:
        self.failures.record(article_id, source, error)

    def close(self) -> None:
        if self._fh is sys.stdout.buffer:
            close_all(self.manifest, self.failures)
            self._fh.flush()
            return
        close_all(self._fh, self.manifest, self.failures, *([self.lock] if self.lock else []))
