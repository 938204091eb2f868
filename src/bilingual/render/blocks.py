"""The parts of a Markdown document the aligned edition shows besides its translatable units.

Translatable units (headings, paragraphs, cells…) come from :mod:`bilingual.document.markdown`. What
has none (fenced and indented code, thematic breaks, HTML blocks) is still part of the issue,
and a table is shown whole, so this module finds both in the source: :func:`verbatim_blocks`
(each rebuilt as a stand-alone Markdown block, whatever container it sat in) and
:func:`table_spans` (the lines each table stands on).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.S)


@dataclass(frozen=True)
class Verbatim:
    """A block shown as it is in every language: ``code``, ``hr`` or ``html``."""

    kind: str
    line: int  # 1-based line of its first source line
    markdown: str  # the block as stand-alone Markdown


@functools.cache
def block_reader() -> MarkdownIt:
    """The renderer's dialect (:func:`bilingual.document.markdown.renderer`, a new instance of it) with
    only its block phase: what :func:`_scan` reads are block tokens, which the inline phase and the
    rules after it never change, so the inline parse of every paragraph is not made for it (#26)."""
    from ..document.markdown import renderer

    md = getattr(renderer, "__wrapped__", renderer)()  # a new instance (renderer() is cached): the shared one renders pages
    md.core.ruler.enableOnly(["normalize", "block"])
    return md


@functools.lru_cache(maxsize=2)
def _scan(source: str) -> tuple[tuple[Verbatim, ...], tuple[tuple[int, int], ...]]:
    """The verbatim blocks and the table spans of ``source``, from one parse. What is kept is what
    they are, not the parse: the tokens of a large issue (tens of MB for 2 MB of source) are let go
    as soon as they are read, instead of being held until two more sources are parsed (#26)."""
    out: list[Verbatim] = []
    spans: list[tuple[int, int]] = []
    for tok in block_reader().parse(source):
        if tok.map is None:
            continue
        line = tok.map[0] + 1
        if tok.type == "fence":
            out.append(Verbatim("code", line, f"{tok.markup}{tok.info}\n{tok.content}{tok.markup}"))
        elif tok.type == "code_block":
            body = "\n".join("    " + text if text else "" for text in tok.content.rstrip("\n").split("\n"))
            out.append(Verbatim("code", line, body))
        elif tok.type == "hr":
            out.append(Verbatim("hr", line, "---"))
        elif tok.type == "html_block" and not _COMMENT.match(tok.content):
            out.append(Verbatim("html", line, tok.content.rstrip("\n")))
        elif tok.type == "table_open":
            spans.append((tok.map[0] + 1, tok.map[1] + 1))
    return tuple(out), tuple(spans)


def verbatim_blocks(source: str) -> tuple[Verbatim, ...]:
    """Code blocks, thematic breaks and HTML blocks (not bare comments) of ``source``, in order."""
    return _scan(source)[0]


@functools.lru_cache(maxsize=64)
def table_spans(source: str) -> tuple[tuple[int, int], ...]:
    """Each table's 1-based first line and the line after its last, in order."""
    return _scan(source)[1]


def table_at(source: str, line: int) -> tuple[int, int] | None:
    """The span of the table standing on ``line``, if any (by bisection: asked once per cell)."""
    spans = table_spans(source)
    k = bisect.bisect_right(spans, line, key=lambda span: span[0]) - 1
    return spans[k] if k >= 0 and line < spans[k][1] else None
