"""Writing files so that a kill or a crash never leaves a partial one: a temporary file beside the
target, flushed to the disk, renamed over it, then the directory flushed.

Temporary files carry ``TEMP_MARK`` in their names, so a resumed run can find and remove those a
killed one left without touching anything else.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


UMASK = _umask()


# the mark of write_atomic's temporary files, by which a resumed run finds those a killed one left
TEMP_MARK = ".ng-tmp-"


def as_bytes(data: str | bytes) -> bytes:
    """What a file of ``data`` holds: text is UTF-8 with its line breaks as given."""
    return data if isinstance(data, bytes) else data.encode("utf-8")


def durable_temporary(path: Path, chunks: Iterable[bytes]) -> Path:
    """``chunks`` in a temporary file beside ``path``, on the disk (fsync) before anyone renames it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~UMASK)  # mkstemp makes private files; outputs are ordinary ones
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def sync_directory(directory: Path) -> None:
    """Make the renames in ``directory`` durable: a crash after this cannot undo them."""
    if os.name != "posix":
        return  # Windows has no directory handles to flush; NTFS journals the rename
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_files(files: dict[Path, bytes]) -> None:
    """Every file written durably, or none renamed into place: each goes to a temporary file that is
    flushed to the disk, only when all are there are they renamed, then their directories flushed. A
    failure (disk full) leaves no file of the set and no temporary.

    Several files are written and flushed at once, each in its own thread: a journaling file system
    (ext4, XFS) commits the flushes that wait together in one go, where one after the other each
    waits for a commit of its own (an article's 14 files of ``--format all``: a fifth of the time)."""
    temporaries: dict[Path, Path] = {}
    try:
        for path, tmp in zip(files, _temporaries(files), strict=True):
            temporaries[path] = tmp
        for path, tmp in list(temporaries.items()):
            os.replace(tmp, path)
            del temporaries[path]
    except BaseException:
        for tmp in temporaries.values():
            tmp.unlink(missing_ok=True)
        raise
    for directory in sorted({path.parent for path in files}):
        sync_directory(directory)


MAX_WRITE_THREADS = 16


def _temporaries(files: dict[Path, bytes]) -> list[Path]:
    """A durable temporary for each file, in order; on a failure, none is left and the first
    failure (in the files' order) is raised, once every thread has finished."""
    if len(files) <= 1:
        return [durable_temporary(path, (data,)) for path, data in files.items()]
    from concurrent.futures import ThreadPoolExecutor, wait

    futures = []
    try:
        # the threads end with the call: none is left for a later fork (extract's worker pool)
        with ThreadPoolExecutor(max_workers=min(len(files), MAX_WRITE_THREADS)) as pool:
            futures = [pool.submit(durable_temporary, path, (data,)) for path, data in files.items()]
            wait(futures)
        return [future.result() for future in futures]
    except BaseException:
        for future in futures:
            if future.done() and not future.cancelled() and future.exception() is None:
                future.result().unlink(missing_ok=True)
        raise


def write_stream(path: Path, chunks: Iterable[bytes]) -> None:
    """Like ``write_atomic``, for what is too big to hold in memory at once."""
    tmp = durable_temporary(path, chunks)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sync_directory(path.parent)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to the disk, then rename: never a partial file."""
    write_files({path: as_bytes(data)})


def sync_file(path: Path) -> None:
    """A file written by someone else (RocksDB) on the disk before a rename publishes it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
