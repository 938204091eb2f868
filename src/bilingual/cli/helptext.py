"""How ``--help`` reads: the root group tidies every command below it once, when Typer builds the tree.

Typer's Rich help keeps the line breaks of a docstring's later paragraphs (so they break twice
on a terminal of another width), prints ``<bool>`` beside every flag, and writes required
arguments as ``{paths}...``. :class:`TidyGroup` fixes the three for every command: paragraphs
flow, flags show no type, and arguments read ``PATHS...`` / ``[PATHS]...`` as in Click.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import typer.core


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
