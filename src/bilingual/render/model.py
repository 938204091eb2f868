"""Typed values of the parallel views: a document's segments aligned across languages.

An :class:`Alignment` is what every renderer reads (aligned Markdown and HTML, TMX, the site):
blocks in document order, each holding rows (one per English segment, or one per unit where a
language's edition could only be aligned unit by unit), each row a :class:`Cell` per language.
Everything here is plain data; building it is :mod:`bilingual.render.aligned`'s job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

#: How far a segment's translation is trusted, worst last.
Status = Literal["source", "approved", "machine", "fuzzy", "missing"]
PieceRole = Literal["text", "open", "close", "atomic"]

#: The language tags an HTML page uses for each language code (BCP 47).
HTML_LANG = {"en": "en", "zh": "zh-Hans", "ja": "ja"}
LANG_NAMES = {"en": "English", "zh": "中文", "ja": "日本語"}


def html_lang(lang: str) -> str:
    """The ``lang`` attribute value for ``lang``: ``zh`` is written in Simplified Chinese."""
    return HTML_LANG.get(lang, lang)


@dataclass(frozen=True, slots=True)
class Flag:
    """A check finding (or, where no check ran, a glossary event a reviewer must see) in one language:
    on the segment it belongs to, else on the document (``segment`` None); ``file:line`` is where
    ``check`` places it."""

    rule: str
    severity: str
    lang: str
    segment: str | None = None
    line: int | None = None
    message: str = ""  # the message, with what was found and expected
    file: str = ""  # the file's name: zh.po, zh.md
    found: str | None = None

    @property
    def where(self) -> str:
        """``zh.po:142``, as ``check`` places it (empty for a glossary event of a run)."""
        return f"{self.file}:{self.line}" if self.file and self.line is not None else self.file

    @property
    def text(self) -> str:
        """``error forbidden-term · zh.po:142: message (found '…', expected '…')``: one line, as views show it."""
        where = f" · {self.where}" if self.where else ""
        return f"{self.severity} {self.rule}{where}: {self.message}" if self.message else f"{self.severity} {self.rule}{where}"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a segment's text: plain text, or markup (the source bytes of placeholder ``key``)."""

    role: PieceRole
    text: str
    key: int | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """One segment (or unit) in one language."""

    lang: str
    markdown: str  # inline Markdown: placeholders rendered as their markup
    pieces: tuple[Piece, ...]  # the same text cut into plain runs and markup, for TMX inline elements
    status: Status
    flags: tuple[Flag, ...] = ()
    own: str = ""  # the Markdown without the text of nested units (alt text, link titles): what comparisons look at

    @property
    def plain(self) -> str:
        """The text without markup, as a translator reads it."""
        return "".join(p.text for p in self.pieces if p.role == "text")

    @property
    def state(self) -> str:
        """``approved``, ``machine`` or ``has-violations``: what a reviewer sees on the row."""
        if self.flags:
            return "has-violations"
        return "approved" if self.status in ("approved", "source") else "machine"


@dataclass(frozen=True, slots=True)
class Row:
    """One English segment and its translations; ``id`` is the segment id (PO msgctxt).

    Where some language's edition could only be aligned unit by unit, the row holds the whole
    unit and its id is ``<unit uid>.1-<n>`` (its first to last segment).
    """

    id: str
    line: int
    kind: str
    cells: tuple[Cell, ...]  # English first, then the target languages in order

    @property
    def source(self) -> Cell:
        return self.cells[0]

    @property
    def targets(self) -> tuple[Cell, ...]:
        return self.cells[1:]

    @property
    def state(self) -> str:
        return _worst(cell.state for cell in self.targets)


@dataclass(frozen=True, slots=True)
class Block:
    """A block of the issue in every language, in source order.

    A heading, paragraph, list item, quote or front-matter value holds one row per segment; a
    ``table`` holds the rows of all its cells and its whole Markdown; ``code``, ``hr`` and
    ``html`` blocks have nothing to translate and no rows. ``markdown`` is the block's Markdown
    per language (container markers such as ``## `` or ``- `` included).
    """

    index: int
    kind: str
    line: int
    rows: tuple[Row, ...]
    markdown: Mapping[str, str] = field(default_factory=dict)
    label: str = ""  # a front-matter key such as "title"

    @property
    def state(self) -> str:
        return _worst(row.state for row in self.rows)


@dataclass(frozen=True, slots=True)
class Alignment:
    """A document in English and its target languages, block by block."""

    name: str  # the issue number ("024") or file stem
    title: str
    langs: tuple[str, ...]  # "en" first, then the target languages
    blocks: tuple[Block, ...]
    signature: str = ""
    findings: tuple[Flag, ...] = ()  # the findings no row shows: of no one sentence, or of a language not shown

    @property
    def targets(self) -> tuple[str, ...]:
        return self.langs[1:]

    @property
    def rows(self) -> list[Row]:
        return [row for block in self.blocks for row in block.rows]

    def counts(self) -> dict[str, int]:
        """Rows per state (approved, machine, has-violations), and ``copied``: rows with nothing to translate."""
        out = {"approved": 0, "machine": 0, "has-violations": 0, "copied": 0}
        for row in self.rows:
            copied = row.state == "approved" and all(c.status == "source" for c in row.targets)
            out["copied" if copied else row.state] += 1
        return out


_ORDER = ("approved", "machine", "has-violations")


def _worst(states) -> str:
    return max(states, key=_ORDER.index, default="approved")
