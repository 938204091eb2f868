"""The ``bilingual`` command line: a thin Typer app over the library.

Each command loads its input, calls one library function, writes the output and turns
:class:`bilingual.errors.BilingualError` into one line on stderr and exit code 2.
Heavy modules are imported inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

from .app import app, main

__all__ = ["app", "main"]
