"""Front matter and other plain-text values → units: the YAML values a project translates.

Which values: dotted key paths and glob patterns (``title``, ``*.description``; the active
:class:`~bilingual.document.protect.Protection`'s ``front_matter``, set by ``[translate] front-matter`` in
``bilingual.toml``). Plain, quoted, multi-line and block scalars (``description: >``) at any depth
of mappings and lists become units located in the source; a value is plain text, so only
placeholder-like text and URLs in it are protected (:func:`plain_text`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .inline import InlineResult
from ..values import Placeholder, Region

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass(frozen=True)
class Value:
    """One translatable front-matter value: its 1-based line, text, place and inline reading."""

    line: int
    content: str
    region: Region
    inline: InlineResult


def front_matter_values(tok: Token, path: str, source: str, offsets: Sequence[int],
                        keys: Sequence[str]) -> list[Value]:
    """The string values of the front-matter keys the project names (``keys``: dotted paths and
    glob patterns, :data:`bilingual.document.protect.FRONT_MATTER`): plain, quoted, multi-line and
    block scalars, at any depth of mappings and lists. ``offsets`` are where each line of
    ``source`` starts."""
    from fnmatch import fnmatchcase

    import yaml

    from ..safe_yaml import compose, front_matter

    data = front_matter(tok.content, path, (tok.map[0] if tok.map else 0) + 2)  # bounded; bad YAML is file:line
    if not isinstance(data, dict):
        return []
    root = compose(tok.content)
    first = (tok.map[0] if tok.map else 0) + 1
    base = offsets[first]
    values: list[Value] = []
    for name, node in _scalars(root, ""):
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            continue
        if not any(fnmatchcase(name, key) for key in keys) or not node.value.strip():
            continue
        value = _front_matter_value(source, offsets, node, base)
        if value is not None:
            values.append(value)
    return values


def _scalars(node: Any, path: str) -> list[tuple[str, Any]]:
    """Every value node under ``node`` with its dotted path (``card.title``, ``items.0.text``)."""
    import yaml

    out: list[tuple[str, Any]] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                out += _scalars(value, f"{path}.{key.value}" if path else str(key.value))
    elif isinstance(node, yaml.SequenceNode):
        for n, value in enumerate(node.value):
            out += _scalars(value, f"{path}.{n}" if path else str(n))
    elif node is not None:
        out.append((path, node))
    return out


def _front_matter_value(source: str, offsets: Sequence[int], node: Any, base: int) -> Value | None:
    value: str = node.value
    start, end = base + node.start_mark.index, base + node.end_mark.index
    raw = source[start:end]
    if node.style in (">", "|"):
        # A block scalar: its text lines, after the indicator line, at their indentation.
        body = raw.split("\n", 1)[1] if "\n" in raw else ""
        lines = [line for line in body.split("\n") if line.strip()]
        if not lines:
            return None
        indent = lines[0][: len(lines[0]) - len(lines[0].lstrip(" "))]
        begin = start + raw.index("\n") + 1 + body.index(lines[0]) + len(indent)
        finish = start + raw.index("\n") + 1 + body.rindex(lines[-1]) + len(lines[-1])
        region = Region(begin, finish, (indent,), "yaml", node.style)
        content = value.rstrip("\n")
    else:
        quote = node.style if node.style in ("'", '"') else ""
        inner = raw[1:-1] if quote else raw
        if inner == value:  # written as read: only the text between the quotes changes
            region = Region(start + len(quote), end - len(quote), (), "yaml", quote)
        else:  # escapes, folded lines: the whole scalar is written again, quoted as needed
            region = Region(start, end, (), "yaml", "")
        content = value
    row = bisect.bisect_right(offsets, region.start) - 1
    return Value(row + 1, content, region, plain_text(content))


def plain_text(value: str) -> InlineResult:
    """Front-matter values are plain text: only placeholder-like text and URLs are protected."""
    from .inline import literal_marks

    pieces: list[str] = []
    placeholders: list[Placeholder] = []
    pos = 0
    for key, mark in enumerate(literal_marks(value, 0, len(value)), start=1):
        pieces.append(value[pos : mark.start])
        ph = Placeholder(key, "atomic", mark.kind, value[mark.start : mark.end], mark.start, mark.end)
        placeholders.append(ph)
        pieces.append(ph.token)
        pos = mark.end
    pieces.append(value[pos:])
    return InlineResult("".join(pieces), tuple(placeholders), ())
