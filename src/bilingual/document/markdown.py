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
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .dialect import MAX_LEVELS, new_gfm, read_footnote_definitions
from .inline import InlineResult, install_span_recorder, to_placeholders
from ..values import Document, Region, Unit
from . import templatecode
from .protect import Protection, active

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

CONTAINERS = {"blockquote_open": "blockquote", "list_item_open": "list", "table_open": "table"}


#: A line opening more block quotes than lists may nest (each list level takes two of MAX_NESTING).
_DEEP_QUOTE = re.compile(r"^(?:[ \t]*>){%d}" % (MAX_LEVELS + 1), re.M)
OVERFLOW = "_bilingual_overflow"
REFERENCES = "_bilingual_references"
#: Blocks kept whole, by the rule that keeps them (the coverage ledger's names).
KEPT_BLOCKS = {"fence": "code", "code_block": "code", "html_block": "html", "front_matter": "front-matter", "hr": "markup"}
#: A link reference definition's title at its end: ``"…"``, ``'…'`` or ``(…)``, on one line or
#: several (never across a blank line, nor after a container marker on a continuation line).
_REFERENCE_TITLE = re.compile(r"""[ \t\n](?:"([^"\\]*)"|'([^'\\]*)'|\(([^()\\]*)\))[ \t]*$""")
REACHED = "_bilingual_reached"


@functools.cache
def parser() -> MarkdownIt:
    """The one Markdown dialect of a unit's inline text: GFM (strikethrough, autolinks, task lists), with
    span recording (:func:`~bilingual.document.inline.to_placeholders`); :func:`parse` reads the blocks
    around it with :func:`_blocks`."""
    md = new_gfm()
    # Extended autolinks in text are found by inline.literal_marks (the same linkify-it matcher);
    # markdown-it's own pass over the parsed text would only repeat that work.
    md.core.ruler.disable("linkify")
    install_span_recorder(md)
    return md


@functools.cache
def _blocks() -> MarkdownIt:
    """The same dialect's blocks (tables, YAML front matter, footnote definitions) for :func:`parse`, with
    no inline phase: each unit's inline text is parsed once, into placeholders, by :func:`parser`
    (markdown-it's own inline pass made every block's children only for them to be thrown away: a third
    of the parse's time, and all of them alive at once at its end). The task-list rule reads those
    children, so :func:`_without_task_marker` reads the marker instead; ``normalize`` is :func:`normalize`'s
    work already done."""
    md = new_gfm()
    md.core.ruler.disable(["normalize", "inline", "linkify", "github-tasklists", "text_join"])
    _install_nesting_guard(md)
    _record_references(md)
    read_footnote_definitions(md)
    return md


#: A footnote definition's label on its first line, after any container markers.
_FOOTNOTE_LABEL = re.compile(r"\[\^[^\]\s]+\]:")


def _record_references(md: MarkdownIt) -> None:
    """Record the lines of each link reference definition (markdown-it emits no token for one)."""
    at = md.block.ruler.__find__("reference")
    rule = md.block.ruler.__rules__[at].fn

    def reference(state: Any, start: int, end: int, silent: bool) -> bool:
        ok = rule(state, start, end, silent)
        if ok and not silent:
            state.env.setdefault(REFERENCES, []).append((start, state.line))
        return ok

    md.block.ruler.at("reference", reference, {"alt": md.block.ruler.__rules__[at].alt})


def _reference(builder: _Builder, first: int, last: int) -> None:
    """A link reference definition is kept; its title, on the definition's last line, is translated."""
    builder.kept.append((builder.offsets[first], builder.offsets[min(last, len(builder.lines))], "link-reference"))
    text = "\n".join(builder.lines[first:last])
    m = _REFERENCE_TITLE.search(text)
    if m is None:
        return
    group = next(g for g in (1, 2, 3) if m.group(g) is not None)
    title = m.group(group)
    if not title.strip() or re.search(r"\n[ \t]*(?:[>\n]|$)", title):
        return  # blank (or a container's marker) inside: not a title CommonMark reads as one
    start = builder.offsets[first] + m.start(group)
    region = Region(start, start + len(title), (), "title", text[m.start(group) - 1])
    from .frontmatter import plain_text

    builder.add("title", first + 1 + text.count("\n", 0, m.start(group)), title, region, "", inline=plain_text(title))


#: ``env`` key for :func:`renderer`: the raw HTML a rendering may keep (a source's own HTML).
SOURCE_HTML = "bilingual_source_html"


@functools.cache
def renderer() -> MarkdownIt:
    """The same Markdown dialect without span recording, for rendering HTML and comparing it (one
    instance: building a MarkdownIt costs twice as much as parsing a sentence).

    Rendered with ``env={SOURCE_HTML: source_html(en)}``, raw HTML that the English source does not
    have comes out as escaped text: a translation's own HTML never runs in a page.
    """
    md = new_gfm()
    for rule in ("html_inline", "html_block"):
        md.add_render_rule(rule, _source_html_only(md.renderer.rules[rule]))
    read_footnote_definitions(md)  # read as the units are: ``[^1]: Footnote.`` is a footnote, not a link definition
    md.add_render_rule("footnote_reference_open", _footnote_open)
    md.add_render_rule("footnote_reference_close", lambda self, tokens, idx, options, env: "</div>\n")
    return md


def _footnote_open(self: Any, tokens: list, idx: int, options: Any, env: dict) -> str:
    """A footnote definition where it stands, its label first (as mdBook and rustdoc render one)."""
    from markdown_it.common.utils import escapeHtml

    label = escapeHtml(str(tokens[idx].meta.get("label", "")))
    return f'<div class="footnote-definition"><sup class="footnote-definition-label">{label}</sup>\n'


def _source_html_only(default: Any) -> Any:
    def render(self: Any, tokens: list, idx: int, options: Any, env: dict) -> str:
        allowed = env.get(SOURCE_HTML) if env else None
        if allowed is None or tokens[idx].content in allowed:
            return default(tokens, idx, options, env)
        from markdown_it.common.utils import escapeHtml

        return escapeHtml(tokens[idx].content)

    return render


def source_html(markdown: str) -> frozenset[str]:
    """Every piece of raw HTML (inline or block) in ``markdown``: what a translation may keep."""
    return raw_html(renderer().parse(normalize(markdown)[0]))


def raw_html(tokens: Sequence[Token]) -> frozenset[str]:
    """Every piece of raw HTML in parsed ``tokens`` (see :func:`source_html`)."""
    found: set[str] = set()
    for tok in tokens:
        if tok.type == "html_block":
            found.add(tok.content)
        for child in tok.children or ():
            if child.type == "html_inline":
                found.add(child.content)
    return frozenset(found)


def _install_nesting_guard(md: MarkdownIt) -> None:
    """Record the first line markdown-it would skip because blocks nest deeper than ``maxNesting``
    (and the last line it entered, for a document too deep even to recurse into)."""
    original = md.block.tokenize

    def tokenize(state: Any, start: int, end: int) -> None:
        state.env[REACHED] = start
        if state.level >= state.md.options.maxNesting:
            line = state.skipEmptyLines(start)
            if line < end and state.sCount[line] >= state.blkIndent:
                state.env.setdefault(OVERFLOW, line)
        original(state, start, end)

    md.block.tokenize = tokenize  # type: ignore[method-assign]


def normalize(raw: str) -> tuple[str, tuple[int, ...] | None]:
    """``raw`` as markdown-it reads it (no BOM, LF line ends, NUL as U+FFFD), and where each
    character of that text came from in ``raw`` (``None`` when nothing changed)."""
    if not (raw.startswith("\ufeff") or "\r" in raw or "\0" in raw):
        return raw, None
    out: list[str] = []
    origin: list[int] = []
    i = 1 if raw.startswith("\ufeff") else 0
    n = len(raw)
    while i < n:
        ch = raw[i]
        origin.append(i)
        if ch == "\r":
            out.append("\n")
            i += 2 if raw.startswith("\r\n", i) else 1
            continue
        out.append("\ufffd" if ch == "\0" else ch)
        i += 1
    origin.append(n)
    return "".join(out), tuple(origin)


#: A line that looks like a GFM table's delimiter row (``| - | :-:``).
_DELIMITER_ROW = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$|^[ \t]*\|[ \t]*:?-+:?[ \t]*\|?[ \t]*$", re.M)

#: The container markers (block quote ``>``, list item ``-``/``1.``) before an ATX heading's
#: ``#`` run, and that run: a heading's text is searched for after it, at any container depth.
_ATX_AFTER_CONTAINERS = re.compile(r"(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*#{1,6}(?:[ \t]+|$)")


class _Builder:
    def __init__(self, path: str, source: str, protection: Protection):
        self.path = path
        self.protection = protection
        self.source = source
        self.lines = source.split("\n")
        self.offsets = [0]
        for line in self.lines:
            self.offsets.append(self.offsets[-1] + len(line) + 1)
        self.units: list[Unit] = []
        self.skipped: list[int] = []
        self.kept: list[tuple[int, int, str]] = []
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
        result = inline if inline is not None else to_placeholders(md, content, self.env, self.protection)
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
            if heading and j == 0:
                marker = _ATX_AFTER_CONTAINERS.match(line)
                col = line.find(part, marker.end() if marker else 0) if part else 0
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


def parse(source: str, path: str = "<string>", protection: Protection | None = None) -> Document:
    """Parse Markdown ``source`` into a :class:`Document` of translatable units.

    ``protection`` (default: the active one, see :mod:`bilingual.document.protect`) names the template
    syntax that is never translated. Raises :class:`InputError` naming ``path:line`` when blocks
    nest deeper than :data:`MAX_NESTING`, rather than leaving the rest of the file untranslated.
    """
    raw = source
    source, origin = normalize(raw)
    md = _blocks()
    builder = _Builder(path, source, protection if protection is not None else active())
    deep = _DEEP_QUOTE.search(source)
    if deep is not None:  # refused before parsing: the parser's recursion would stop at a depth the stack decides
        raise InputError(f"block quotes nest more than {MAX_LEVELS} levels deep here; flatten them",
                         path, source.count("\n", 0, deep.start()) + 1)
    try:
        tokens = md.parse(source, builder.env)
    except RecursionError:
        raise InputError("lists or block quotes nest too deeply to parse here; flatten them",
                         path, builder.env.get(REACHED, 0) + 1) from None
    if OVERFLOW in builder.env:
        raise InputError(f"lists or block quotes nest more than {MAX_LEVELS} levels deep here; flatten them "
                         "(nothing past this line could be translated)", path, builder.env[OVERFLOW] + 1)
    names = {p.name for p in builder.protection.patterns}
    code_blocks = templatecode.kept_regions(builder.lines, templatecode.NAME in names, "hugo-shortcode" in names)
    containers: list[str] = []
    cell_row: int | None = None
    cell_pos = 0
    for i, tok in enumerate(tokens):
        if tok.type in CONTAINERS:
            containers.append(CONTAINERS[tok.type])
        elif tok.type.replace("_close", "_open") in CONTAINERS and tok.nesting == -1:
            containers.pop()
        container = containers[-1] if containers else ""
        if tok.type == "front_matter":
            builder.block += 1
            from .frontmatter import front_matter_values

            for value in front_matter_values(tok, builder.path, builder.source, builder.offsets,
                                             builder.protection.front_matter):
                builder.add("front-matter", value.line, value.content, value.region, "", inline=value.inline)
        elif tok.type == "tr_open":
            builder.block += 1
            cell_row = tok.map[0] if tok.map else None
            cell_pos = 0
        elif tok.type == "tr_close" and cell_row is not None:
            # Cells past the header's count are dropped by GFM (never rendered): kept as they are.
            row_start = builder.offsets[cell_row]
            builder.kept.append((row_start + cell_pos, row_start + len(builder.lines[cell_row]), "table-excess-cells"))
        elif tok.type == "inline" and tok.map is not None:
            parent = tokens[i - 1].type
            if parent in ("th_open", "td_open") and cell_row is not None:
                cell_pos = _cell(builder, tok, cell_row, cell_pos)
                continue
            if code_blocks and templatecode.inside(code_blocks, tok.map[0], tok.map[1] - 1):
                # the body of a template code block ({{< highlight go >}} … {{< /highlight >}}): code, kept
                builder.kept.append((builder.offsets[tok.map[0]], builder.offsets[min(tok.map[1], len(builder.lines))],
                                     templatecode.NAME))
                continue
            builder.block += 1
            heading = parent == "heading_open" and tokens[i - 1].markup.startswith("#")
            kind = "heading" if parent == "heading_open" else "paragraph"
            content = _without_task_marker(tokens, i)
            if not content.strip():
                continue
            if kind == "paragraph" and "|" in content and _DELIMITER_ROW.search(content):
                # Almost a table (GFM did not read it as one): any change of its text could make
                # it one, so it is kept as written, by a named rule.
                builder.kept.append((builder.offsets[tok.map[0]], builder.offsets[min(tok.map[1], len(builder.lines))], "almost-table"))
                continue
            region = builder.locate(content, tok.map[0], heading)
            if region is None:
                builder.skipped.append(tok.map[0] + 1)
                builder.kept.append((builder.offsets[tok.map[0]], builder.offsets[min(tok.map[1], len(builder.lines))], "refused"))
                continue
            builder.add(kind, tok.map[0] + 1, content, region, container)
        elif tok.type in ("fence", "code_block", "html_block", "hr"):
            builder.block += 1
            if tok.type == "html_block" and tok.map is not None:
                _html_block_attributes(builder, tok.map[0], min(tok.map[1], len(builder.lines)), container)
        elif tok.type == "footnote_reference_open" and tok.map is not None:
            label = _FOOTNOTE_LABEL.search(builder.lines[tok.map[0]])
            if label is not None:  # the label is markup; the definition's paragraphs are units
                at = builder.offsets[tok.map[0]]
                builder.kept.append((at + label.start(), at + label.end(), "footnote-label"))
        if tok.type in KEPT_BLOCKS and tok.map is not None:
            builder.kept.append((builder.offsets[tok.map[0]], builder.offsets[min(tok.map[1], len(builder.lines))], KEPT_BLOCKS[tok.type]))
    for first, last in builder.env.get(REFERENCES, ()):
        _reference(builder, first, last)
    return Document(path, source, tuple(builder.units), tuple(builder.skipped), raw if origin else "", origin,
                    tuple(builder.kept))


#: A start tag in an HTML block (over lines too), and what a block may hold that is not markup:
#: comments, and the bodies of script, style, pre and textarea elements.
_START_TAG = re.compile(r"<[A-Za-z][\w:.-]*(?:\s[^<>]*)?>")
_NOT_TAGS = re.compile(r"<!--[\s\S]*?(?:-->|$)|<(script|style|pre|textarea)\b[\s\S]*?(?:</\1\s*>|$)", re.I)


def _html_block_attributes(builder: _Builder, first: int, last: int, container: str) -> None:
    """The translatable attributes (``[translate] attributes``: ``alt``, ``title``…) of the tags of
    an HTML block, each a unit; the rest of the block is kept byte for byte."""
    from .frontmatter import plain_text
    from .inline import attribute_units

    start, end = builder.offsets[first], builder.offsets[last] - 1
    source = builder.source
    skip = [m.span() for m in _NOT_TAGS.finditer(source, start, end)]
    for tag in _START_TAG.finditer(source, start, end):
        if any(a <= tag.start() < b for a, b in skip):
            continue
        for sub in attribute_units(source, tag.start(), tag.end(), builder.protection.attributes):
            value = source[sub.start : sub.end]
            region = Region(sub.start, sub.end, (), "attribute", source[sub.start - 1])
            builder.add("attribute", source.count("\n", 0, sub.start) + 1, value, region, container,
                        inline=plain_text(value))


#: A task-list item's marker, as the task-list plugin (mdit-py-plugins' ``tasklists``) reads it.
_TASK_MARKER = re.compile(r"\[[ xX]][ \t\n\v\f\r]+")


def _without_task_marker(tokens: Sequence[Token], i: int) -> str:
    """The text of the inline token ``tokens[i]``, less a task-list item's marker the way the task-list
    plugin takes it out (``[ ]``/``[x]`` of the first paragraph of a list item), and with the white space
    after a ``[ ]``, ``[x]`` or ``[X]`` and a space (those the plugin turns into a checkbox)."""
    content = tokens[i].content
    if not (i >= 2 and tokens[i - 1].type == "paragraph_open" and tokens[i - 2].type == "list_item_open"
            and _TASK_MARKER.match(content)):
        return content
    return content[3:].lstrip(" \t") if content.startswith(("[ ] ", "[x] ", "[X] ")) else content[3:]


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
