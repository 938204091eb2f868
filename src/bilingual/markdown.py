"""Markdown → :class:`Document`: translatable units located exactly in the source.

Blocks come from markdown-it-py (CommonMark + GFM tables + YAML front matter). Each unit's
content is found byte for byte in its source lines, so a translated document is the source
with those regions replaced and nothing else touched. A block whose content cannot be
located exactly (rare tab-expansion cases) is left untranslated and listed in ``skipped``.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from typing import TYPE_CHECKING, Any

from .inline import InlineResult, install_span_recorder, to_placeholders
from .models import Document, Placeholder, Region, Unit

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

FRONT_MATTER_KEYS = ("title", "subtitle", "description", "summary", "excerpt", "abstract", "lead", "headline", "caption")
CONTAINERS = {"blockquote_open": "blockquote", "list_item_open": "list", "table_open": "table"}


@functools.cache
def parser() -> MarkdownIt:
    """The one Markdown parser: CommonMark, GFM tables, YAML front matter, with span recording."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    install_span_recorder(md)
    return md


def renderer() -> MarkdownIt:
    """A plain CommonMark + tables renderer, for comparing HTML."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Builder:
    def __init__(self, path: str, source: str):
        self.path = path
        self.source = source
        self.lines = source.split("\n")
        self.offsets = [0]
        for line in self.lines:
            self.offsets.append(self.offsets[-1] + len(line) + 1)
        self.units: list[Unit] = []
        self.skipped: list[int] = []
        self.seen: dict[str, int] = {}
        self.env: dict[str, Any] = {}
        self.block = 0

    def uid(self, kind: str, content: str) -> str:
        digest = hashlib.sha1(f"{kind}\0{content}".encode()).hexdigest()[:10]
        count = self.seen.get(digest, 0) + 1
        self.seen[digest] = count
        return digest if count == 1 else f"{digest}-{count}"

    def add(self, kind: str, line: int, content: str, region: Region | None, container: str,
            parent: int | None = None, span: tuple[int, int] | None = None,
            inline: InlineResult | None = None) -> None:
        md = parser()
        result = inline if inline is not None else to_placeholders(md, content, self.env)
        index = len(self.units)
        self.units.append(
            Unit(index, self.uid(kind, content), kind, line, content, result.text, result.placeholders,
                 region, parent, span, container, self.block)
        )
        breaks = [m.start() for m in re.finditer("\n", content)] if result.subunits else []
        for sub in result.subunits:
            sub_content = content[sub.start : sub.end]
            self.add(sub.kind, line + bisect.bisect_left(breaks, sub.start), sub_content, None, container,
                     parent=index, span=(sub.start, sub.end))

    def locate(self, content: str, first: int, heading: bool = False) -> Region | None:
        """Find ``content`` (lines joined by newlines) in the source from line ``first``."""
        parts = content.split("\n")
        cols: list[int] = []
        for j, part in enumerate(parts):
            if first + j >= len(self.lines):
                return None
            line = self.lines[first + j]
            if heading:
                col = line.find(part, len(line) - len(line.lstrip(" #")) - 1 if part else 0)
            else:
                text = line.rstrip() if j == len(parts) - 1 else line
                col = len(text) - len(part) if text.endswith(part) else -1
            if col < 0:
                return None
            cols.append(col)
        start = self.offsets[first] + cols[0]
        last = first + len(parts) - 1
        end = self.offsets[last] + cols[-1] + len(parts[-1])
        prefixes = tuple(self.lines[first + j][: cols[j]] for j in range(1, len(parts)))
        return Region(start, end, prefixes, "heading" if heading else "block")


def parse(source: str, path: str = "<string>") -> Document:
    """Parse Markdown ``source`` into a :class:`Document` of translatable units."""
    source = normalize_newlines(source)
    md = parser()
    builder = _Builder(path, source)
    tokens = md.parse(source, builder.env)
    containers: list[str] = []
    cell_row: int | None = None
    for i, tok in enumerate(tokens):
        if tok.type in CONTAINERS:
            containers.append(CONTAINERS[tok.type])
        elif tok.type.replace("_close", "_open") in CONTAINERS and tok.nesting == -1:
            containers.pop()
        container = containers[-1] if containers else ""
        if tok.type == "front_matter":
            builder.block += 1
            _front_matter(builder, tok)
        elif tok.type == "tr_open":
            builder.block += 1
            cell_row = tok.map[0] if tok.map else None
            cell_pos = 0
        elif tok.type == "inline" and tok.map is not None:
            parent = tokens[i - 1].type
            if parent in ("th_open", "td_open") and cell_row is not None:
                cell_pos = _cell(builder, tok, cell_row, cell_pos)
                continue
            builder.block += 1
            heading = parent == "heading_open" and tokens[i - 1].markup.startswith("#")
            kind = "heading" if parent == "heading_open" else "paragraph"
            if not tok.content.strip():
                continue
            region = builder.locate(tok.content, tok.map[0], heading)
            if region is None:
                builder.skipped.append(tok.map[0] + 1)
                continue
            builder.add(kind, tok.map[0] + 1, tok.content, region, container)
        elif tok.type in ("fence", "code_block", "html_block", "hr"):
            builder.block += 1
    return Document(path, source, tuple(builder.units), tuple(builder.skipped))


def _cell(builder: _Builder, tok: Token, row: int, pos: int) -> int:
    line = builder.lines[row]
    content = tok.content
    if not content.strip():
        return pos
    for candidate in (content, content.replace("|", "\\|")):
        at = line.find(candidate, pos)
        if at >= 0:
            start = builder.offsets[row] + at
            region = Region(start, start + len(candidate), (), "cell")
            builder.add("cell", row + 1, candidate, region, "table")
            return at + len(candidate)
    builder.skipped.append(row + 1)
    return pos


def _front_matter(builder: _Builder, tok: Token) -> None:
    """Translate the string values of the front-matter keys a newsletter translates."""
    import yaml

    try:
        data = yaml.safe_load(tok.content)
    except yaml.YAMLError:
        return
    if not isinstance(data, dict):
        return
    first = (tok.map[0] if tok.map else 0) + 1
    for offset, line in enumerate(tok.content.split("\n")):
        key, sep, rest = line.partition(":")
        key = key.strip()
        if not sep or key not in FRONT_MATTER_KEYS or line[:1].isspace():
            continue
        value = data.get(key)
        raw = rest.strip()
        if not isinstance(value, str) or not value.strip() or not raw:
            continue
        quote = raw[0] if raw[0] in "'\"" else ""
        inner = raw[1:-1] if quote and raw.endswith(quote) and len(raw) > 1 else raw
        if inner != value:
            continue  # escapes, multi-line or block scalars: left as they are
        row = first + offset
        col = len(builder.lines[row]) - len(rest) + rest.index(raw) + (1 if quote else 0)
        start = builder.offsets[row] + col
        region = Region(start, start + len(value), (), "yaml", quote)
        inline = InlineResult(*_plain(value))
        builder.add("front-matter", row + 1, value, region, "", inline=inline)


def _plain(value: str) -> tuple[str, tuple[Placeholder, ...], tuple]:
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
    return "".join(pieces), tuple(placeholders), ()
