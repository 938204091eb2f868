"""YAML read within bounds: deep or huge input is one ``file:line`` error, never a traceback.

PyYAML composes nested collections recursively, so a few thousand ``[`` (in a glossary or in a
document's front matter) end in a ``RecursionError``; aliases can make a small file expand into
a huge one. :func:`compose` and :func:`load` first walk the parser's events, which PyYAML
produces without recursion, and stop at the first collection nested deeper than
:data:`MAX_DEPTH`, at more than :data:`MAX_ALIASES` aliases, or at a text longer than
:data:`MAX_CHARS`; only then is the (now bounded) input composed. Errors are
``yaml.MarkedYAMLError`` (:class:`LimitError`), with the line of the offending event, so callers
report them as they report YAML syntax errors.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 64  # collections inside collections; a glossary needs 4
MAX_ALIASES = 1_000
MAX_CHARS = 20_000_000


class LimitError(yaml.MarkedYAMLError):
    """Input beyond one of the limits: ``problem`` says which, ``problem_mark`` where."""


def check_limits(text: str) -> None:
    """Raise :class:`LimitError` (or PyYAML's own syntax error) for input beyond the limits."""
    if len(text) > MAX_CHARS:
        raise LimitError(problem=f"the YAML text is longer than {MAX_CHARS:,} characters; split it", problem_mark=_mark(text, 0))
    depth = aliases = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise LimitError(problem=f"nested deeper than {MAX_DEPTH} levels; flatten it", problem_mark=event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise LimitError(problem=f"more than {MAX_ALIASES} aliases (*name); write the values out", problem_mark=event.start_mark)


class _Loader(yaml.SafeLoader):
    """The safe loader, whose values that cannot be built (``2021-02-30``, ``25:61:00``, a
    100,000-digit number) are a :class:`LimitError` at their line, not a ``ValueError``."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError, TypeError) as exc:
            value = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            shown = value if len(value) <= 40 else value[:40] + "…"
            raise LimitError(problem=f"holds {shown!r}, which cannot be read as {node.tag.rsplit(':', 1)[-1]} "
                             f"({exc}); fix it or quote it", problem_mark=node.start_mark) from None


def compose(text: str) -> yaml.Node | None:
    """``yaml.compose`` with the safe loader, within the limits."""
    check_limits(text)
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load(text: str) -> Any:
    """``yaml.safe_load`` within the limits; a value that cannot be built is a :class:`LimitError`."""
    check_limits(text)
    return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader)


def error_line(exc: yaml.YAMLError, first_line: int = 1) -> int:
    """The 1-based line a YAML error points at, for text that starts at ``first_line`` of its file."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return first_line + (mark.line if mark is not None else 0)


def _mark(text: str, index: int) -> yaml.Mark:
    return yaml.Mark("<yaml>", index, text.count("\n", 0, index), 0, text, index)


def front_matter(text: str, path: str, first_line: int) -> Any:
    """A document's YAML front matter (``text`` starts at ``first_line`` of ``path``), or None when
    it is not YAML (it is then left as it is, untranslated). Front matter beyond the limits (deep,
    huge, an alias bomb) is an :class:`~bilingual.errors.InputError` naming ``path:line``."""
    from .errors import InputError

    try:
        return load(text)
    except LimitError as exc:
        problem = exc.problem if exc.problem.startswith("holds") else f"is {exc.problem}"
        raise InputError(f"the front matter {problem}", path, error_line(exc, first_line)) from None
    except yaml.YAMLError:
        return None
