"""Typed values that flow through the pipeline. Frozen dataclasses, no heavy imports."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Literal

from .version import __version__

Role = Literal["open", "close", "atomic"]


@dataclass(frozen=True, slots=True)
class Placeholder:
    """Markup inside a unit, replaced by ``{key}`` / ``{/key}`` in the text an engine sees."""

    key: int
    role: Role
    kind: str  # link, em, strong, s, code, image, autolink, html, entity, escape, hardbreak, url, literal
    raw: str  # the exact source bytes of this markup
    start: int  # offsets in the unit's content
    end: int

    @property
    def token(self) -> str:
        return f"{{/{self.key}}}" if self.role == "close" else f"{{{self.key}}}"


@dataclass(frozen=True, slots=True)
class Region:
    """Where a top-level unit's content lies in the source file (absolute offsets)."""

    start: int
    end: int
    prefixes: tuple[str, ...] = ()  # container prefix of each continuation line ("> ", "   ")
    style: Literal["block", "heading", "cell", "yaml", "title", "attribute"] = "block"
    quote: str = ""  # YAML front matter, link reference titles, HTML attributes: the quote character around the value


@dataclass(frozen=True)
class Unit:
    """A translatable piece of a document: a heading, paragraph, table cell, alt text, title…"""

    index: int
    uid: str  # stable id: hash of kind + content, plus occurrence
    kind: str  # heading, paragraph, cell, alt, title, front-matter
    line: int  # 1-based line in the source file
    content: str  # the exact source text of the unit
    text: str  # content with markup replaced by placeholders: what is translated
    placeholders: tuple[Placeholder, ...] = ()
    region: Region | None = None  # for top-level units
    parent: int | None = None  # for alt text and link titles: the unit they sit in
    span: tuple[int, int] | None = None  # for sub-units: offsets in the parent's content
    container: str = ""  # innermost block container: "", "list", "blockquote", "table"
    block: int = 0  # ordinal of the block this unit belongs to (table cells share a row's)

    @functools.cached_property
    def placeholder_map(self) -> dict[str, Placeholder]:
        return {p.token: p for p in self.placeholders}

    @functools.cached_property
    def token_offsets(self) -> tuple[int, ...]:
        """Where each placeholder's token starts in ``text`` (``content`` with each piece of
        markup replaced by its token), in the order of ``placeholders``."""
        out: list[int] = []
        t_pos = c_pos = 0
        for ph in self.placeholders:
            t_pos += ph.start - c_pos
            out.append(t_pos)
            t_pos += len(ph.token)
            c_pos = ph.end
        return tuple(out)


@dataclass(frozen=True)
class Document:
    """A parsed Markdown file: its source and its translatable units, in source order."""

    path: str
    source: str
    units: tuple[Unit, ...]
    skipped: tuple[int, ...] = ()  # lines of blocks that could not be mapped and stay as they are
    raw: str = ""  # the file's exact text when ``source`` differs from it (BOM, CR line ends, NUL)
    origin: tuple[int, ...] | None = None  # for each offset in ``source``, its offset in ``raw``
    #: source ranges kept whole by a named rule: ``(start, end, rule)`` (code, HTML blocks, front
    #: matter, link reference definitions…), for the coverage ledger (:mod:`bilingual.document.ledger`)
    kept: tuple[tuple[int, int, str], ...] = ()

    @functools.cached_property
    def children(self) -> dict[int, tuple[Unit, ...]]:
        """The sub-units (alt texts, link titles) of each unit, by the unit's index, in span order."""
        out: dict[int, list[Unit]] = {}
        for unit in self.units:
            if unit.parent is not None and unit.span is not None:
                out.setdefault(unit.parent, []).append(unit)
        return {index: tuple(sorted(units, key=lambda u: u.span or (0, 0))) for index, units in out.items()}


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence of a unit: the smallest thing that is translated and stored in memory."""

    id: str  # "<unit uid>.<n>"
    unit: int  # index of the unit in its document
    index: int  # 1-based sentence number inside the unit
    kind: str
    line: int
    text: str  # placeholder form
    before: str = ""  # white space in the unit text before this sentence
    after: str = ""  # white space after the last sentence (only on the last one)


@dataclass(frozen=True, slots=True)
class Event:
    """Something a reviewer should know about one segment: a substitution, a recovery…"""

    kind: str  # glossary-substitution, placeholder-recovered, forbidden-after-restore, …
    segment: str
    detail: str
    term: str | None = None


@dataclass(frozen=True, slots=True)
class Translation:
    """The outcome for one segment in one language."""

    segment: str
    lang: str
    text: str  # final placeholder-form text
    origin: str  # engine, memory, approved, cross-issue, source
    raw: str | None = None  # engine output before glossary restoration, if the engine ran
    masked: str | None = None  # what the engine was given
    events: tuple[Event, ...] = ()
    suggestion: str | None = None  # origin "previous": the engine's translation, kept beside the text shown


@dataclass(frozen=True, slots=True)
class Signature:
    """A reproducibility signature, as sacrebleu prints one: what produced an output."""

    engine: str
    model: str | None = None  # package name and version, e.g. "translate-en_zh-1.9"
    glossary: str | None = None  # "sha256:…" of the glossary files used
    tool: str = field(default=f"bilingual {__version__}")

    def __str__(self) -> str:
        parts = [self.tool, f"engine:{self.engine}"]
        if self.model:
            parts.append(f"model:{self.model}")
        parts.append(f"glossary:{self.glossary or 'none'}")
        return "|".join(parts)
