"""File I/O at the edges: reading sources safely and writing atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import InputError


def read_text(path: Path, keep_bom: bool = False) -> str:
    """Read a UTF-8 text file, or raise a one-line :class:`InputError` that says what to fix.

    A leading BOM is dropped unless ``keep_bom`` (a source whose editions keep its bytes).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file; check the path", path) from None
    except IsADirectoryError:
        raise InputError("is a folder, expected a file", path) from None
    except PermissionError:
        raise InputError("cannot be read (permission denied); fix its permissions", path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path) from None
    if b"\x00" in data:
        raise InputError("is a binary file, not UTF-8 text; pass a Markdown file", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); re-save the file as UTF-8", path, line
        ) from None
    return text if keep_bom else text.removeprefix("\ufeff")


def atomic_write_text(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then rename.

    Returns False, and leaves the file and its timestamp alone, when the content is unchanged.
    """
    return bool(write_all({Path(path): text}))


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """Byte version of :func:`atomic_write_text`."""
    return bool(write_all({Path(path): data}))


def write_all(files: Mapping[Path, str | bytes]) -> list[Path]:
    """Write every file or none: complete temporary files first, then renames.

    Files whose content is unchanged are left alone (timestamps too). Returns the files written.
    """
    pending: list[tuple[Path, str]] = []
    try:
        for path, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            if _same(Path(path), data):
                continue
            pending.append((Path(path), _stage(Path(path), data)))
        for path, tmp in pending:
            os.replace(tmp, path)
    except BaseException:
        for _, tmp in pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    return [path for path, _ in pending]


def is_unchanged(path: Path, content: str | bytes) -> bool:
    """True when ``path`` already holds exactly ``content``."""
    return _same(Path(path), content.encode("utf-8") if isinstance(content, str) else content)


def _same(path: Path, data: bytes) -> bool:
    with contextlib.suppress(OSError):
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    return False


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a complete temporary file beside ``path``, with ``path``'s permissions."""
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror or exc}); choose a writable path", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(f"cannot write here ({exc.strerror or exc}); choose a writable path", path) from None
    return tmp
