"""Where a finding lies: the 1-based line and column in the target file of a unit offset."""

from __future__ import annotations

import bisect
import functools
import re

from ..values import Document, Unit
from .model import Finding


def po_place(entry, finding: Finding) -> tuple[int, int]:
    offset = finding.offset
    unit = finding.unit
    if unit is not None and unit.span is not None:
        offset += unit.span[0]
    return entry.position(offset) if unit is not None else (finding.line or entry.line, 1)


class Places:
    """Maps a finding (unit + content offset, or a line) to its 1-based line and column in the file."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts = [0]
        for line in doc.source.split("\n"):
            self.starts.append(self.starts[-1] + len(line) + 1)

    def at(self, finding: Finding) -> tuple[int, int]:
        unit: Unit | None = finding.unit
        if unit is None:
            return finding.line or 1, 1
        offset = finding.offset
        while unit.region is None and unit.parent is not None and unit.span is not None:
            offset += unit.span[0]
            unit = self.doc.units[unit.parent]
        region = unit.region
        if region is None:
            return unit.line, 1
        breaks = _line_breaks(unit.content)
        k = bisect.bisect_left(breaks, offset)  # the newlines before offset
        if k == 0:
            absolute = region.start + offset
        else:
            line_start = breaks[k - 1] + 1
            prefix = region.prefixes[k - 1] if k - 1 < len(region.prefixes) else ""
            absolute = self.starts[unit.line - 1 + k] + len(prefix) + offset - line_start
        line = bisect.bisect_right(self.starts, absolute)
        return line, absolute - self.starts[line - 1] + 1


@functools.lru_cache(maxsize=256)
def _line_breaks(content: str) -> list[int]:
    """The offsets of the newlines in a unit's content, found once per unit, not once per finding."""
    return [m.start() for m in re.finditer("\n", content)]
