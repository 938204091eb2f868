"""What every command shares: turning domain errors into one line and an exit code."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import typer

from ..errors import BilingualError

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


@contextlib.contextmanager
def domain_errors() -> Iterator[None]:
    """Print a :class:`BilingualError` as ``bilingual: error: <file:line: message>`` and exit 2."""
    try:
        yield
    except BilingualError as exc:
        typer.echo(f"bilingual: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("bilingual: interrupted; every file is as it was or complete; run again to finish", err=True)
        raise typer.Exit(130) from None


def progress_enabled() -> bool:
    """Progress bars only on a terminal."""
    return sys.stderr.isatty()
