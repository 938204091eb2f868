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
import errno
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
#: A PO file holds each sentence twice and its notes: a 20 MB source's are 90 MB. One a run writes from a
#: source within :data:`MAX_INPUT_BYTES` is read back (by the next run, ``check``, ``status``) within this.
MAX_PO_BYTES = 8 * MAX_INPUT_BYTES
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
    data = read_bytes(path, MAX_PO_BYTES if Path(path).suffix.lower() == ".po" else MAX_INPUT_BYTES)
    if b"\x00" in data:
        raise _binary(path, expected)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, data[exc.start], data[: exc.start].count(b"\n") + 1) from None
    return text if keep_bom else text.removeprefix("\ufeff")


def _binary(path: Path, expected: str | None) -> InputError:
    what = expected or EXPECTED.get(Path(path).suffix.lower(), "a Markdown file")
    return InputError(f"is a binary file, not {what} (UTF-8 text); pass {what}", path)


def _not_utf8(path: Path, byte: int, line: int) -> InputError:
    return InputError(f"is not valid UTF-8 (byte 0x{byte:02x}); re-save the file as UTF-8", path, line)


def read_lines(path: Path, limit: int = MAX_INPUT_BYTES, expected: str | None = None) -> Iterator[str]:
    """The lines of UTF-8 text file ``path`` as :func:`read_text` would give its text split at ``\\n``
    (a leading BOM dropped; no empty last piece after a final ``\\n``), read one at a time: the file
    is never held whole. Refused as :func:`read_text` refuses (a pipe or device without blocking, a
    file over ``limit``, a NUL, a byte that is not UTF-8, with its line), when the line is reached."""
    fd = _open_for_reading(path, limit)
    with os.fdopen(fd, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if b"\x00" in raw:
                raise _binary(path, expected)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _not_utf8(path, raw[exc.start], number) from None
            if number == 1:
                line = line.removeprefix("\ufeff")
            yield line.removesuffix("\n")


#: Open flags that never follow a symbolic link in the last component, never block on a pipe and
#: never leak into a child process (``O_NOFOLLOW`` makes ``open`` fail with ``ELOOP`` on a link).
SAFE_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def writable_target(path: Path) -> os.stat_result | None:
    """What ``path`` is now (``lstat``), or None when there is nothing there yet; a one-line
    :class:`InputError` when bilingual must not write it: a symbolic link (writing through it would
    change a file elsewhere, one a repository can point anywhere), a folder, a pipe, a device or a
    socket. Every file bilingual writes is checked here first."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror or exc}); choose a writable path", path) from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError("is a symbolic link; bilingual never writes through a link: replace it with a regular file "
                         "(or remove it), then run again", path)
    if stat.S_ISDIR(info.st_mode):
        raise InputError("cannot write here (is a folder); remove or rename the folder", path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"is {_kind(info.st_mode)}, not a regular file; bilingual writes only regular files: "
                         "remove it, then run again", path)
    return info


def open_regular(path: Path, flags: int, mode: int = 0o644) -> int:
    """A file descriptor for ``path`` opened with ``flags`` and :data:`SAFE_FLAGS`: never through a
    symbolic link, never a pipe, device or socket (:class:`InputError`), never blocking. The caller closes it."""
    try:
        fd = os.open(path, flags | SAFE_FLAGS, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            writable_target(path)  # raises the message about the link
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise InputError(f"is {_kind(info.st_mode)}, not a regular file; bilingual writes only regular files: "
                         "remove it, then run again", path)
    os.set_blocking(fd, True)
    return fd


def create_new(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write ``data`` to ``path``, a name that must not exist yet (no link, no file of someone else's
    is ever written through): for files inside a folder bilingual has just made."""
    fd = open_regular(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (a link to one is fine), at most ``limit`` of them.

    Every read of a user's file goes through here: a pipe, a device (``/dev/zero``), a socket or
    a folder is refused without blocking, and a file larger than ``limit`` is refused before it
    is read whole, each with a one-line :class:`InputError` naming the file.
    """
    fd = _open_for_reading(path, limit)
    try:
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


def _open_for_reading(path: Path, limit: int) -> int:
    """A blocking descriptor for reading the regular file ``path`` of at most ``limit`` bytes (the caller
    closes it): a pipe, a device, a socket or a folder is refused without blocking, with a one-line
    :class:`InputError` naming the file."""
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
    except OSError as exc:
        os.close(fd)
        raise InputError(f"cannot be read ({exc.strerror or exc})", path) from None
    except InputError:
        os.close(fd)
        raise
    return fd


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
        fd = open_regular(Path(path), os.O_RDONLY)
    except FileNotFoundError:
        return ABSENT
    except (OSError, InputError):  # a folder, a pipe or device (never read: it could block), a link
        return UNREADABLE
    with os.fdopen(fd, "rb") as handle:
        try:
            digest = hashlib.sha256()
            while block := handle.read(1 << 20):  # in blocks: a large view is never read whole
                digest.update(block)
            return "sha256:" + digest.hexdigest()
        except OSError:
            return UNREADABLE


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
    for path in files:
        writable_target(Path(path))  # every target, before anything is staged
    with Staging() as staging:
        for path, content in files.items():
            staging.add(Path(path), content, expected.get(path))
        return staging.commit()


class Staging:
    """A set of files written all or nothing, each staged as soon as it is made.

    :meth:`add` writes one file's content to a complete, fsynced temporary file beside its
    target at once, so its text need not be kept; :meth:`commit` then checks every target is
    still the version the caller read and renames all of them into place, in the order added
    (lowest ``rank`` first), with signals held back. Leaving the ``with`` block without a commit
    (an error, Ctrl-C) removes every temporary and leaves every target as it was. Memory is one
    file's content at a time, not the set's.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[int, Path, str, str | None]] = []  # (rank, target, temporary, expected version)
        self._unchanged: set[Path] = set()
        self._versions: dict[Path, str] = {}
        self._done = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._done:
            self.discard()

    def add(self, path: Path, content: str | bytes | Iterable[str], expected: str | None = None, rank: int = 0) -> bool:
        """Stage ``content`` for ``path`` (``expected``: the :func:`version` the caller read, checked
        at :meth:`commit`); False, and nothing staged, when ``path`` already holds it.

        ``content`` may be pieces of text made one after another: each is written as it comes, so
        the whole text is never held."""
        if self._done:
            raise RuntimeError("this staging was committed or discarded")
        path = Path(path)
        if isinstance(content, (str, bytes)):
            data = content.encode("utf-8") if isinstance(content, str) else content
            self._versions[path] = version_of(data)
            if _same(path, data):
                self._unchanged.add(path)
                return False
            chunks: Iterable[bytes] = (data,)
        else:
            chunks = (run.encode("utf-8") for run in _runs(content))
        digest = hashlib.sha256()
        try:
            tmp = _stage(path, chunks, digest)
        except BaseException:
            self.discard()
            raise
        if not isinstance(content, (str, bytes)):
            self._versions[path] = "sha256:" + digest.hexdigest()
            if version(path) == self._versions[path]:  # what the pieces made is what the file holds
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                self._unchanged.add(path)
                return False
        self._pending.append((rank, path, tmp, expected))
        return True

    def changes(self, path: Path) -> bool:
        """Whether what was added for ``path`` differs from what it holds (False when nothing was added)."""
        return any(p == path for _, p, _, _ in self._pending)

    def version(self, path: Path) -> str | None:
        """The :func:`version` the file ``path`` will have once committed (None: not added)."""
        return self._versions.get(Path(path))

    def staged_text(self, path: Path) -> str | None:
        """The text staged for ``path``, read back from its temporary as it was given, line ends and all
        (None: nothing staged that changes it)."""
        tmp = self.staged_file(path)
        return None if tmp is None else tmp.read_bytes().decode("utf-8")

    def staged_file(self, path: Path) -> Path | None:
        """The temporary that holds what is staged for ``path``, UTF-8 (None: nothing staged that changes it);
        it is the caller's to read, not to change."""
        path = Path(path)
        tmp = next((t for _, p, t, _ in reversed(self._pending) if p == path), None)
        return None if tmp is None else Path(tmp)

    def commit(self) -> list[Path]:
        """Check every staged target, then rename them all into place; the files written."""
        pending = sorted(self._pending, key=lambda item: item[0])
        try:
            with signals_deferred():
                for _, path, _, read in pending:
                    if read is not None and version(path) != read:
                        raise ConcurrentEditError(f"{path} changed during the run; nothing was written; run again")
                for _, path, _, _ in pending:
                    writable_target(path)  # still not a link or a pipe put there since it was staged
                for _, path, tmp, _ in pending:
                    os.replace(tmp, path)  # replaces the name itself: a link put there now is replaced, never followed
                self._done = True
                for folder in dict.fromkeys(path.parent for _, path, _, _ in pending):
                    _fsync_folder(folder)
        except BaseException:
            self.discard()
            raise
        return [path for _, path, _, _ in pending]

    def discard(self) -> None:
        """Remove every temporary staged so far; nothing is renamed."""
        if not self._done:
            for _, _, tmp, _ in self._pending:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        self._pending = []
        self._done = True


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
def signals_deferred() -> Iterator[None]:
    """Hold back Ctrl-C, ``kill`` and a closed terminal (delivered when the block ends), so renames are not cut short.

    The main thread's signal mask holds back what the kernel hands to it; a signal it hands to
    another thread (a progress bar's, a server's) would still run its handler in the main thread at
    once, so while the block runs the handlers only record what came, and it is raised again when
    the block ends.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    handlers = {sig: signal.signal(sig, lambda number, frame: came.append(number)) for sig in _DEFERRED}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, old)  # what the main thread held back is delivered now
        for sig in dict.fromkeys(came):
            signal.raise_signal(sig)


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
    """True when ``path`` is a regular file (not a link) holding exactly ``data``."""
    try:
        fd = open_regular(path, os.O_RDONLY)
    except (OSError, InputError):
        return False
    try:
        if os.fstat(fd).st_size != len(data):
            return False
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(fd)


#: How many characters of a page's pieces are joined before they are encoded, written and hashed.
RUN_CHARS = 1 << 16


def _runs(pieces: Iterable[str]) -> Iterator[str]:
    """``pieces`` joined into runs of about :data:`RUN_CHARS` characters, in order: a template's
    many small pieces are encoded, written and hashed once per run, not once each (#26), and
    never more than one run is held."""
    held: list[str] = []
    size = 0
    for piece in pieces:
        held.append(piece)
        size += len(piece)
        if size >= RUN_CHARS:
            yield "".join(held)
            held.clear()
            size = 0
    if held:
        yield "".join(held)


def _stage(path: Path, data: bytes | Iterable[bytes], digest: hashlib._Hash | None = None) -> str:
    """``data`` (or its pieces, with ``digest`` updated) in a complete, fsynced temporary file beside
    ``path``, with ``path``'s permissions."""
    info = writable_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror or exc}); choose a writable path", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in (data,) if isinstance(data, bytes) else data:
                handle.write(chunk)
                if digest is not None:
                    digest.update(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, info.st_mode & 0o777 if info is not None else 0o644)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write here ({exc.strerror or exc}); choose a writable path", path) from None
        raise
    return tmp
