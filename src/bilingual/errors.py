"""Domain errors. Library code raises these; the CLI prints one line and exits 2."""

from __future__ import annotations

from pathlib import Path


class BilingualError(Exception):
    """An error a user can fix. ``str()`` is the one-line message the CLI prints.

    It names the file and line when they are known: ``path:line: message``.
    """

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return printable(where + " ".join(self.message.split("\n")))


#: C0 and C1 control characters and DEL: a NUL or an escape sequence from a file name, a link or a
#: server's answer must not reach the terminal raw (it could retitle or recolour it, or hide text).
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROLS[ord("\t")] = " "


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), tabs as spaces."""
    return text.translate(_CONTROLS)


class InputError(BilingualError):
    """A source document, edition or path that cannot be used."""


class GlossaryError(BilingualError):
    """A glossary file that is not valid."""


class ModelError(BilingualError):
    """A missing, corrupt or unusable translation model package."""


class NetworkError(BilingualError):
    """A download or index fetch that failed within its time bound."""


class PoFileError(BilingualError):
    """A PO file that cannot be read or must not be overwritten."""


class ConcurrentEditError(BilingualError):
    """A file changed after the run read it, or another run holds the issue folder: nothing was written."""

    exit_code = 3
