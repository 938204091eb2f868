"""File I/O at the edges: reading sources safely and writing sets of files all or nothing.

:func:`write_all` is the one writer. It works in two phases: every file goes to a complete,
fsynced temporary file beside its target (``.zh.po.<pid>-<random>.bilingual.tmp``); only when
all of them are staged, and every target is still the version the caller read (``expected``), are
they renamed into place, with Ctrl-C and ``kill`` held back until the last rename. A failure or
an interrupt before that leaves every target as it was and removes every temporary; ``kill -9``
can leave temporaries, which :func:`remove_stale_temporaries` removes on the next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .errors import ConcurrentEditError, InputError

#: The version of a file that does not exist, or cannot be read (a folder, say); see :func:`version`.
ABSENT = "absent"
UNREADABLE = "unreadable"
TEMP_SUFFIX = ".bilingual.tmp"
#: The largest file bilingual reads (an issue, a PO file, a glossary, a configuration file).
MAX_INPUT_BYTES = 64 << 20
_OURS = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[a-z0-9_]+" + re.escape(TEMP_SUFFIX) + "$")
_OLD = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")  # bilingual 0.1.0's naming (tempfile.mkstemp)
_DEFERRED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


#: What a file is expected to be, by suffix, for the message about a binary file.
EXPECTED = {".po": "a PO file", ".yaml": "a YAML glossary", ".yml": "a YAML glossary", ".csv": "a CSV file",
            ".tbx": "a TBX file"}


def read_text(path: Path, keep_bom: bool = False, expected: str | None = None) -> str:
    """Read a UTF-8 text file, or raise a one-line :class:`InputError` that says what to fix.

    A leading BOM is dropped unless ``keep_bom`` (a source whose editions keep its bytes).
    ``expected`` names what the file should be (default: by its suffix, else a Markdown file).
    """
    data = read_bytes(path)
    if b"\x00" in data:
        what = expected or EXPECTED.get(Path(path).suffix.lower(), "a Markdown file")
        raise InputError(f"is a binary file, not {what} (UTF-8 text); pass {what}", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); re-save the file as UTF-8", path, line
        ) from None
    return text if keep_bom else text.removeprefix("\ufeff")


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (a link to one is fine), at most ``limit`` of them.

    Every read of a user's file goes through here: a pipe, a device (``/dev/zero``), a socket or
    a folder is refused without blocking, and a file larger than ``limit`` is refused before it
    is read whole, each with a one-line :class:`InputError` naming the file.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError("no such file; check the path", path) from None
    except IsADirectoryError:
        raise InputError("is a folder, expected a file", path) from None
    except PermissionError:
        raise InputError("cannot be read (permission denied); fix its permissions", path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder, expected a file", path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("is not a regular file (a pipe, device or socket); name a file", path)
        if info.st_size > limit:
            raise InputError(f"is larger than {limit >> 20} MB; split it", path)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputError(f"is larger than {limit >> 20} MB; split it", path)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path) from None
    finally:
        os.close(fd)


def atomic_write_text(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then rename.

    Returns False, and leaves the file and its timestamp alone, when the content is unchanged.
    """
    return bool(write_all({Path(path): text}))


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """Byte version of :func:`atomic_write_text`."""
    return bool(write_all({Path(path): data}))


def version(path: Path) -> str:
    """What ``path`` holds now, as a short value to compare later: a content hash, or :data:`ABSENT`."""
    try:
        data = read_bytes(Path(path))
    except InputError:  # never blocks: a pipe or device is unreadable, as a folder is
        return UNREADABLE if os.path.exists(path) else ABSENT
    return version_of(data)


def version_of(data: bytes) -> str:
    """The :func:`version` of a file holding ``data``."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def write_all(files: Mapping[Path, str | bytes], expected: Mapping[Path, str] | None = None) -> list[Path]:
    """Write every file or none: complete temporary files first, then every target checked, then renames.

    ``expected`` maps targets to the :func:`version` the caller read; if one of them changed
    since, :class:`ConcurrentEditError` is raised and nothing is written. Files whose content is
    unchanged are left alone (timestamps too). Returns the files written.
    """
    expected = expected or {}
    pending: list[tuple[Path, str]] = []
    try:
        for path, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            if _same(Path(path), data):
                continue
            pending.append((Path(path), _stage(Path(path), data)))
        with _signals_deferred():
            for path, _ in pending:
                if path in expected and version(path) != expected[path]:
                    raise ConcurrentEditError(f"{path} changed during the run; nothing was written; run again")
            for path, tmp in pending:
                os.replace(tmp, path)
            for folder in dict.fromkeys(path.parent for path, _ in pending):
                _fsync_folder(folder)
    except BaseException:
        for _, tmp in pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    return [path for path, _ in pending]


def remove_stale_temporaries(folder: Path, names: Iterable[str] = ()) -> list[Path]:
    """Remove the temporary files a killed writer left in ``folder``; return them.

    Ours are ``.NAME.<pid>-<random>.bilingual.tmp``, removed when that process is gone; those of
    bilingual 0.1.0 (``.NAME.<8 random>.tmp``) are removed when NAME is one of ``names``. Nothing
    else is touched.
    """
    removed: list[Path] = []
    known = set(names)
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for path in entries:
        ours, old = _OURS.match(path.name), _OLD.match(path.name)
        stale = (ours is not None and not _alive(int(ours.group("pid")))) or (
            ours is None and old is not None and old.group("name") in known
        )
        if stale and path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    return True


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold back Ctrl-C, ``kill`` and a closed terminal (delivered when the block ends), so renames are not cut short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def is_unchanged(path: Path, content: str | bytes) -> bool:
    """True when ``path`` already holds exactly ``content``."""
    return _same(Path(path), content.encode("utf-8") if isinstance(content, str) else content)


def _same(path: Path, data: bytes) -> bool:
    with contextlib.suppress(OSError):
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    return False


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a complete, fsynced temporary file beside ``path``, with ``path``'s permissions."""
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror or exc}); choose a writable path", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write here ({exc.strerror or exc}); choose a writable path", path) from None
        raise
    return tmp
