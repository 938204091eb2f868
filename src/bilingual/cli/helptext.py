"""How ``--help`` reads: the root group tidies every command below it once, when Typer builds the tree.

Typer's Rich help keeps the line breaks of a docstring's later paragraphs (so they break twice
on a terminal of another width), prints ``<bool>`` beside every flag, and writes required
arguments as ``{paths}...``. :class:`TidyGroup` fixes the three for every command: paragraphs
flow, flags show no type, and arguments read ``PATHS...`` / ``[PATHS]...`` as in Click.
It also prints a usage error (a bad option value, an unknown option, a missing argument) the way
every other error is printed: one line on stderr, exit 2, instead of a box around the usage text.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer.core
from typer import _click as click  # Typer's own copy of Click: the exceptions its parser raises
from typer.exceptions import Abort


class PlainUsageArgument(typer.core.TyperArgument):
    """An argument whose usage is ``NAME...`` (required) or ``[NAME]...`` (optional)."""

    def _usage_display_name(self) -> str:
        name = self.display_name_raw.upper()
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")


def flow(text: str | None) -> str | None:
    """``text`` with the single line breaks inside each paragraph turned into spaces."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else re.sub(r"\s*\n\s*", " ", p.strip()) for p in paragraphs)


def tidy(command: Any) -> None:
    """Tidy ``command`` and, for a group, every command below it."""
    command.help = flow(command.help)
    help_option = command.get_help_option(command.context_class(command))  # built once, then cached
    for param in [*command.params, *([help_option] if help_option is not None else [])]:
        if isinstance(param, typer.core.TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
        elif type(param) is typer.core.TyperArgument:
            param.__class__ = PlainUsageArgument
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)


class TidyGroup(typer.core.TyperGroup):
    """The root group: tidies its commands' help as soon as Typer has built them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tidy(self)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Run the app; a usage error becomes ``bilingual: error: <what>; see '<command> --help'``, exit 2."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx is not None else str(exc))
            sys.exit(0)
        except click.exceptions.ClickException as exc:
            click.echo(usage_error_line(exc), err=True)
            sys.exit(exc.exit_code)
        except Abort:
            click.echo("bilingual: aborted", err=True)
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
            click.echo(unexpected_error_line(exc), err=True)
            sys.exit(2)
        sys.exit(code if isinstance(code, int) else 0)


#: Ends the line of an exception no command turned into its own message (see :func:`unexpected_error_line`).
BUG_HINT = "this is a bug in bilingual; please report it with the command that gave it"


def unexpected_error_line(exc: BaseException) -> str:
    """One line for an exception that escaped every command's own handling.

    Failures of the machine (a full disk, a file system error, no memory) say what to fix;
    anything else is a bug, said as one line with :data:`BUG_HINT` instead of a traceback.
    """
    from ..errors import printable

    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return printable(f"bilingual: error: {where}{exc.strerror or exc}; nothing more was written: "
                         "free space or fix the file system, then run again")
    if isinstance(exc, MemoryError):
        return "bilingual: error: out of memory; nothing more was written: close other programs or split the input"
    text = " ".join(str(exc).split())[:300]
    return printable(f"bilingual: error: {type(exc).__name__}: {text}; {BUG_HINT}")


def usage_error_line(exc: click.exceptions.ClickException) -> str:
    """One line for a Click error: ``bilingual: error: --beam-size: input should be … 1; see '… --help'``."""
    message = exc.format_message()
    param = getattr(exc, "param", None)
    if param is not None:
        kind = getattr(exc, "param_type", None) or param.param_type_name
        name = param.opts[0] if kind == "option" and param.opts else str(param.name).upper()
        if isinstance(exc, click.exceptions.MissingParameter):
            message = f"missing {kind} {name}"
        else:
            message = f"{name}: {_lower(exc.message.removeprefix('Value error, '))}"
    message = _lower(" ".join(message.split()).rstrip(".").replace(". Did you mean", "; did you mean"))
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "bilingual"
    return f"bilingual: error: {message}; see '{where} --help'"


def _lower(text: str) -> str:
    """``Input should …`` → ``input should …`` (an acronym such as ``TMX`` stays)."""
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text
