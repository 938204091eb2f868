"""What every command shares: turning domain errors into one line and an exit code."""

from __future__ import annotations

import contextlib
import signal
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


def languages(value: str, option: str = "--to") -> list[str]:
    """A comma-separated language option, checked by :func:`bilingual.languages.target_languages` (one line, exit 2)."""
    from ..languages import target_languages

    with domain_errors():
        return target_languages(value, option)


def language(value: str | None, option: str = "--lang") -> str | None:
    """A one-language option, checked by :func:`bilingual.languages.target_language` (one line, exit 2)."""
    from ..languages import target_language

    if value is None:
        return None
    with domain_errors():
        return target_language(value, option)


def progress_enabled() -> bool:
    """Progress bars only on a terminal."""
    return sys.stderr.isatty()


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """``kill`` (SIGTERM) and a closed terminal (SIGHUP) stop a command the way Ctrl-C does, so no
    temporary file and no lock file is left behind."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
