"""PO files as checkable pairs: each translated entry's msgid is the source, its msgstr the target.

polib reads the entries; this module also finds where each msgstr's characters lie in the file
(line and column, through escapes and continuation lines), so a violation points at the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..values import Unit
from .model import Pair, UnitPair

if TYPE_CHECKING:
    from ..document.inline import InlineResult

_STRING = re.compile(r'^\s*(?:msgstr(?:\[\d+\])?\s+)?"(.*)"\s*$')


@dataclass(frozen=True)
class PoEntry:
    """One translated entry: its key, its text, and where the msgstr's string pieces sit."""

    line: int  # 1-based first line of the entry (its first comment, or msgctxt/msgid)
    msgctxt: str | None
    msgid: str
    msgstr: str
    pieces: tuple[tuple[int, int, str], ...]  # (line, column of the first character, escaped text) per string line

    @functools.cached_property
    def _index(self) -> tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]:
        """Where each string piece starts in the msgstr, and the msgstr offsets of each piece's escapes.

        Counted once per entry (not once per finding: a long msgstr with many findings was
        quadratic, issue #27 item 14), and kept per piece and per escape, not per character (a
        tuple per character was the largest thing ``check`` held for a PO file, issue #26)."""
        starts: list[int] = []
        escapes: list[tuple[int, ...]] = []
        at = 0
        for _, _, raw in self.pieces:
            starts.append(at)
            found: list[int] = []
            i = raw.find("\\")
            n = 0  # characters of the msgstr before raw[i]
            last = 0
            while 0 <= i < len(raw) - 1:
                n += i - last
                found.append(at + n)
                n += 1
                last = i + 2
                i = raw.find("\\", last)
            at += n + len(raw) - last
            escapes.append(tuple(found))
        starts.append(at)
        return tuple(starts), tuple(escapes)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column in the file of character ``offset`` of the msgstr."""
        starts, escapes = self._index
        if 0 <= offset < starts[-1]:
            k = bisect.bisect_right(starts, offset) - 1
            line, column, _ = self.pieces[k]
            return line, column + offset - starts[k] + bisect.bisect_left(escapes[k], offset)
        if not self.pieces:
            return self.line, 1
        line, column, raw = self.pieces[-1]
        return line, column + len(raw)


def read_po(text: str | Path, path: str) -> tuple[str | None, list[PoEntry]]:
    """The language named in the header (or None) and the translated, current entries of a PO file.

    ``text`` is the file's text, or the UTF-8 file that holds it (a run's own PO file, staged or
    written), which is then read line by line and never held as one text.
    """
    from ..pofile import file_lines, parse_pofile, parse_pofile_file

    if isinstance(text, Path):
        catalog = parse_pofile_file(text, path)
        lines: Iterable[str] = file_lines(text, path)
    else:
        catalog = parse_pofile(text, path)
        lines = _Lines(text)
    kept = [entry for entry in catalog if not (entry.obsolete or not entry.msgstr or entry.msgid_plural)]
    firsts = [max(entry.linenum, 1) for entry in kept]  # polib numbers a first entry without header 0
    pieces = _all_pieces(lines, firsts)  # reads every line: a file's lines close the file at its end
    entries = [PoEntry(first, entry.msgctxt, entry.msgid, entry.msgstr, pieces[first]) for entry, first in zip(kept, firsts)]
    language = catalog.metadata.get("Language", "").strip() or None
    return (language.replace("-", "_").split("_")[0].lower() if language else None), entries


class _Lines(Sequence[str]):
    """The lines of a text, cut out when asked: an array of where each starts, not a string per line."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = array("q", [0])
        at = text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        starts.append(len(text) + 1)
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i):  # noqa: ANN001, ANN204  (an index; slices are not needed)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.text[self.starts[i] : self.starts[i + 1] - 1]


def _all_pieces(lines: Iterable[str], firsts: Sequence[int]) -> dict[int, tuple[tuple[int, int, str], ...]]:
    """For each entry that starts at a line of ``firsts``, the string lines of its msgstr (line, column of its
    first character, escaped text), reading ``lines`` once, in order: from the entry's first line, the
    first ``msgstr`` line and the string lines that continue it."""
    wanted = sorted(set(firsts))
    out: dict[int, tuple[tuple[int, int, str], ...]] = {}
    k = 0
    seeking = collecting = False
    pieces: list[tuple[int, int, str]] = []
    for number, line in enumerate(lines, start=1):
        while k < len(wanted):
            if not (seeking or collecting):
                if number < wanted[k]:
                    break
                seeking = True
            if seeking:
                if not line.lstrip().startswith("msgstr"):
                    break
                seeking, collecting = False, True
            match = _STRING.match(line)
            if match is None or (pieces and line.lstrip().startswith("msgstr")):
                out[wanted[k]] = tuple(pieces)  # the msgstr ended here: this line may start the next entry
                k, collecting, pieces = k + 1, False, []
                continue
            pieces.append((number, match.start(1) + 1, match.group(1)))
            break
    for first in wanted[k:]:  # the file ended inside (or before) these entries' msgstr
        out[first] = tuple(pieces) if collecting and first == wanted[k] else ()
    return out


def inline_units(text: str, line: int, uid: str) -> tuple[Unit, ...]:
    """``text`` as one paragraph unit, followed by its alt-text and title sub-units."""
    result = _inline(text)
    units = [Unit(0, uid, "paragraph", line, text, result.text, result.placeholders)]
    for sub in result.subunits:
        content = text[sub.start : sub.end]
        inner = _inline(content)
        units.append(Unit(len(units), uid, sub.kind, line, content, inner.text, inner.placeholders, parent=0,
                          span=(sub.start, sub.end)))
    return tuple(units)


@functools.lru_cache(maxsize=8192)
def _inline(text: str) -> InlineResult:
    """A PO string's placeholder form (immutable), parsed once for the msgids every language's PO file shares."""
    from ..document.inline import to_placeholders
    from ..document.markdown import parser

    return to_placeholders(parser(), text, {}, autolinks=False)


def entry_pairs(entry: PoEntry) -> tuple[tuple[Unit, ...], Pair]:
    """The target units of ``entry`` and the pair the rules check (sub-units paired by kind and order)."""
    target = inline_units(entry.msgstr, entry.line, entry.msgctxt or "")
    source = inline_units(entry.msgid, entry.line, entry.msgctxt or "")
    pairs = [UnitPair(target[0], source[0])]
    for kind in ("alt", "title"):
        src = [u for u in source[1:] if u.kind == kind]
        tgt = [u for u in target[1:] if u.kind == kind]
        pairs.extend(UnitPair(t, src[k] if k < len(src) else None) for k, t in enumerate(tgt))
    return target, Pair(tuple(pairs), True)
