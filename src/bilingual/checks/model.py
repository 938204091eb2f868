"""The values a check passes around: what a rule finds, where it lies, and the run's result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..values import Unit
from .spans import plain

Severity = Literal["error", "warning", "info"]

#: Severities in increasing order of weight: ``--fail-on warning`` fails on warnings and errors.
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


_NAMES = {"fence": "code block", "code_block": "code block", "html_block": "HTML block", "hr": "thematic break",
          "front-matter": "front matter", "row": "table row"}


@dataclass(frozen=True)
class Block:
    """One block of a document: its kind, where it sits, and the translatable units in it."""

    ordinal: int  # the ``Unit.block`` of its units
    kind: str  # heading, paragraph, row, fence, code_block, html_block, hr, front-matter
    line: int  # 1-based first line
    containers: tuple[str, ...] = ()  # outermost first: ("blockquote",), ("list", "list"), ("table",)
    level: int = 0  # heading level
    code: str = ""  # the literal text of a code or HTML block
    info: str = ""  # a fence's info string
    cells: tuple[int, ...] = ()  # for rows: the columns of its non-empty cells
    width: int = 0  # for rows: the number of cells
    units: tuple[Unit, ...] = ()  # top-level units, in order
    wrapped: bool = False  # inside a container that template syntax opens (an alert shortcode, ``:::tip``, ``[!NOTE]``)

    @property
    def shape(self) -> str:
        """What must match between source and target: kind, heading level and containers."""
        kind = f"h{self.level}" if self.kind == "heading" else "code" if self.kind == "code_block" else self.kind
        return "/".join((*self.containers, kind))

    def describe(self) -> str:
        """The block in words, with the start of its text: ``level-2 heading 'Papers'``."""
        if self.kind == "heading":
            name = f"level-{self.level} heading"
        elif self.kind == "paragraph":
            inner = self.containers[-1] if self.containers else ""
            name = {"list": "list item", "blockquote": "block quote"}.get(inner, "paragraph")
        else:
            name = _NAMES.get(self.kind, self.kind)
        text = plain(self.units[0].text) if self.units else self.code.strip().split("\n")[0]
        if len(text) > 40:
            text = text[:39] + "…"
        return f"{name} \"{text}\"" if text else name


@dataclass(frozen=True, slots=True)
class Violation:
    """One problem in a target file, placed at the 1-based line and column of the text found."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    term: str | None = None
    found: str | None = None
    expected: str | None = None
    segment: str | None = None  # the source segment id (``<unit uid>.<n>``) or PO msgctxt, when known
    kind: str | None = None  # the finding's kind (``checks.kinds.kind_of``), when a pair rule made it

    def to_dict(self) -> dict[str, object]:
        """The JSON object of this violation, every field present (null where it does not apply)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity,
            "term": self.term,
            "found": self.found,
            "expected": self.expected,
            "message": self.message,
            "segment": self.segment,
        }


@dataclass(frozen=True)
class CheckResult:
    """Every violation of a run, in file and line order, and the target files that were checked."""

    violations: tuple[Violation, ...]
    files: tuple[str, ...]
    notes: tuple[str, ...] = ()  # things the reviewer should know, e.g. that no glossary was used
    renderings: tuple = ()  # the consistency rule's counts: each Rendering of a glossary term (checks.consistency)
    aligned: tuple = ()  # the aligned unit pairs the glossary-free consistency rule reads (checks.termalign.Aligned)
    ledgers: tuple = ()  # the coverage ledger of each source checked against (bilingual.document.ledger.Ledger)
    accepted: tuple[Violation, ...] = ()  # findings a baseline accepts (checks.baseline): shown apart, never failing
    baseline: str | None = None  # the baseline file the violations were compared with, if any

    @property
    def errors(self) -> int:
        return sum(1 for v in self.violations if v.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for v in self.violations if v.severity == "warning")

    @property
    def infos(self) -> int:
        return sum(1 for v in self.violations if v.severity == "info")

    def fails(self, fail_on: Severity = "error") -> bool:
        """True when a violation is at or above ``fail_on``."""
        floor = SEVERITIES.index(fail_on)
        return any(SEVERITIES.index(v.severity) >= floor for v in self.violations)

    def count(self, rule: str) -> int:
        return sum(1 for v in self.violations if v.rule == rule)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found, before the runner places it in the target file.

    ``unit`` and ``offset`` (in the unit's content) place it; a finding about a whole block, or
    about one that is missing, has no unit and gives the target ``line`` instead.
    """

    unit: Unit | None = None
    offset: int = 0
    line: int | None = None
    found: str | None = None
    expected: str | None = None
    term: str | None = None
    detail: str = ""  # fills ``{detail}`` in the rule's message
    source_at: int | None = None  # offset in the source unit's text, when the finding comes from there
    severity: Severity | None = None  # when the finding is graded apart from its rule (a localised link is info)


@dataclass(frozen=True)
class UnitPair:
    """A target unit and the source unit it translates (None when there is no source for it)."""

    target: Unit
    source: Unit | None = None
    extra: tuple[Unit, ...] = ()  # more target units translating the same source (a paragraph split in two)

    @property
    def targets(self) -> tuple[Unit, ...]:
        """The target unit and the units that continue it."""
        return (self.target, *self.extra)


@dataclass(frozen=True)
class Pair:
    """A target block and the source block it is aligned to, with their units paired.

    In target-only mode there are no blocks and ``sourced`` is False. In source-aware mode a
    block the target lacks has ``target=None``, and one the source lacks has ``source=None``.
    PO entries have no blocks: their one unit pair is the msgid and the msgstr.
    """

    units: tuple[UnitPair, ...] = ()
    sourced: bool = False
    source: Block | None = None
    target: Block | None = None
    line: int = 1  # the target line this pair sits at (for a missing block: where it should be)
    gap: tuple[Block, ...] = ()  # a run of consecutive blocks one side lacks, reported as one gap
    continues: bool = False  # a block of a gap reported on an earlier pair
    moved: bool = False  # the target block translates a source block from a little earlier or later
    split: bool = False  # the target block continues the paragraph before it (one source paragraph, two blocks)
    merged: bool = False  # the missing source paragraph is translated within the target paragraph next to it
    exact: bool = False  # paired in a run of blocks whose shape, links, code and numbers all agree, in order
