"""One writer per folder at a time: a lock file that a crashed run cannot leave stuck.

``.bilingual.lock`` in each folder a command writes (``translate``, ``check --annotate``) holds
the PID, host and start time of the process that holds it, and an exclusive ``flock`` on it is the
lock itself. The kernel drops a ``flock`` when its process dies, however it dies, so a lock file
left by a killed run is stale and the next run takes it over; a live one makes the next run stop
with exit 3, naming who holds it.

The lock file is opened like every file bilingual writes (:func:`bilingual.storage.open_regular`):
never through a symbolic link, never a pipe or device, so a repository that ships
``.bilingual.lock`` as a link to ``zh.po`` or to a file elsewhere gets a one-line refusal, and the
link's target is not touched. Taking and giving back the locks happens with Ctrl-C and ``kill``
held back, and a failure while writing the record (a full disk) removes the file it created, so
the lock file is removed when the command ends, however it ends short of ``kill -9``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ConcurrentEditError, InputError

LOCK_NAME = ".bilingual.lock"


@contextlib.contextmanager
def locked(folders: Iterable[Path]) -> Iterator[None]:
    """Hold the lock of every folder in ``folders`` (created if missing) for the ``with`` block."""
    from .storage import signals_deferred

    held: list[tuple[Path, int]] = []
    try:
        for folder in sorted(dict.fromkeys(Path(os.path.abspath(f)) for f in folders)):
            with signals_deferred():  # an interrupt cannot fall between creating a lock file and owning it
                _acquire(folder, held)
        yield
    finally:
        _release_all(held)


def _release_all(held: list[tuple[Path, int]]) -> None:
    """Give back every lock in ``held``, last first. An interrupt that lands before the signals are
    held back (Ctrl-C as the block ends) does not leave a lock file: the rest are released, then it
    is raised."""
    from .storage import signals_deferred

    first: BaseException | None = None
    while held:
        try:
            with signals_deferred():
                while held:
                    path, fd = held.pop()
                    _release(path, fd)
        except BaseException as exc:  # noqa: BLE001 - raised again below, once every lock is given back
            first = first or exc
    if first is not None:
        raise first


def _release(path: Path, fd: int) -> None:
    """Remove our lock file (only if the name is still ours), then let the lock go."""
    with contextlib.suppress(OSError):
        if os.stat(path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino:
            path.unlink()
    os.close(fd)


def _acquire(folder: Path, held: list[tuple[Path, int]]) -> None:
    """Lock ``folder`` and add its lock file to ``held`` (whose holder removes it when done).

    Holding signals back is not enough on its own: a signal sent to the process may be taken by
    another of its threads (a progress bar's, a server's), and Python then raises it in this one
    at once. So an interrupt anywhere in here is undone by what the lock itself says: if the
    ``flock`` is ours (asking again on the same descriptor succeeds), the file is removed.
    """
    from .storage import open_regular

    path = folder / LOCK_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder ({exc.strerror or exc}); choose a writable path", folder) from None
    while True:
        try:
            fd = open_regular(path, os.O_RDWR | os.O_CREAT)
        except InputError as exc:
            raise InputError(f"{exc.message.split(';')[0]}: it is not bilingual's lock file; remove it, then run again", path) from None
        except OSError as exc:
            raise InputError(f"cannot lock the folder ({exc.strerror or exc}); choose a writable path", folder) from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                raise ConcurrentEditError(
                    f"is being translated by another run ({holder}); wait for it to finish, then run again", folder
                ) from None
            except OSError:
                pass  # a file system without flock: the PID in the file still tells who wrote here
            try:
                same = os.fstat(fd).st_ino == os.stat(path, follow_symlinks=False).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # the holder removed the file between our open and our lock: try again
                os.close(fd)
                continue
            record = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            try:
                os.ftruncate(fd, 0)
                os.pwrite(fd, (json.dumps(record) + "\n").encode("utf-8"), 0)
            except OSError as exc:
                raise InputError(f"cannot write the lock file ({exc.strerror or exc}); free some space or fix the "
                                 "folder's permissions, then run again", path) from None
            held.append((path, fd))  # from here on, the holder of ``held`` removes it
            return
        except BaseException:  # a refusal, a full disk, Ctrl-C: no lock file of ours is left behind
            if _ours(fd):
                _release(path, fd)
            else:
                os.close(fd)
            raise


def _ours(fd: int) -> bool:
    """Whether this process holds the ``flock`` on ``fd`` (asking again on the same descriptor succeeds
    only then, or when nobody holds it: a lock file nobody holds is stale, and ours to remove)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder(fd: int) -> str:
    try:
        record = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
        return f"PID {record['pid']} on {record['host']}, since {record['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "PID unknown"
