"""Tables a translation keeps whole, as written: one deliberate choice, not one untranslated cell after another.

A table of parameters, GPU product names or benchmark labels (`tp1 / ratio 0.8 / bs 256`, `kv type`,
`GeForce RTX 30 series`) that a translator copies cell for cell is kept on purpose; the ``untranslated``
rules report it once, as info. A table whose cells are translated but for one left in English is not
kept whole, and its English cell is still a finding.
"""

from __future__ import annotations

import functools
import re

#: A GFM table's delimiter row (``| --- | :-: |``).
_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def _cells(line: str) -> tuple[str, ...]:
    row = line.strip()
    row = row.removeprefix("|")
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return tuple(" ".join(cell.split()) for cell in re.split(r"(?<!\\)\|", row))


@functools.lru_cache(maxsize=16)
def _tables(document: str) -> tuple[tuple[int, int, tuple[tuple[str, ...], ...]], ...]:
    """Each table of ``document``: its first and last 1-based line and its rows of normalised cells
    (the delimiter row left out). A table is a header line with ``|`` followed by a delimiter row."""
    lines = document.splitlines()
    found = []
    n = 1
    while n < len(lines):
        if "|" in lines[n - 1] and _DELIMITER.match(lines[n]) and "-" in lines[n]:
            end = n + 1
            while end < len(lines) and "|" in lines[end] and lines[end].strip():
                end += 1
            rows = (_cells(lines[n - 1]), *(_cells(line) for line in lines[n + 1 : end]))
            found.append((n, end, rows))
            n = end + 1
        else:
            n += 1
    return tuple(found)


def kept_table(line: int, target_document: str, source_document: str) -> int | None:
    """The first line of the target table holding ``line`` when the source has the same table, every cell
    as written (spacing aside); None for a line outside a table, or in a table the translation changed."""
    for first, last, rows in _tables(target_document):
        if first <= line <= last:
            source_rows = {rows for _, _, rows in _tables(source_document)}
            return first if rows in source_rows else None
    return None
