"""The coverage ledger: where every character of a source document went.

Each character of ``en.md`` (as markdown-it reads it) lands in exactly one bucket:

- ``engine``: text of a unit that has words, sent for translation (in some segment);
- ``kept``: markup, code and protected template syntax (placeholders, code blocks, HTML blocks,
  front matter outside its translated values, link reference definitions, list and quote
  markers, white space, punctuation between blocks);
- ``copied``: text of a unit copied as it is by a named rule (``no-words``: numbers, symbols);
- ``refused``: a block the Markdown layer could not map, listed with ``en.md:LINE``.

A letter in none of them is prose that nothing translates: an ``untranslated-source`` leak, a
defect of the Markdown layer, reported with its line and an excerpt instead of being copied
silently. :func:`verbatim_leaks` runs the same ledger over a translation: English prose of a
unit the ledger sends to the engine that reappears verbatim in the target.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from dataclasses import dataclass

from ..values import Document, Unit
from .segment import has_words

BUCKETS = ("engine", "kept", "copied", "refused", "untranslated")
_UNSET, _ENGINE, _KEPT, _COPIED, _REFUSED = 0, 1, 2, 3, 4
#: A task-list item's ``[x]`` (the plugin takes it out of the item's text): markup.
_TASK = re.compile(r"^(?:[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+)+\[[xX ]\]", re.M)


@dataclass(frozen=True)
class Leak:
    """Source prose in no bucket: ``path:line`` and the line it is on."""

    path: str
    line: int
    excerpt: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: untranslated-source: text no rule translates or keeps: {self.excerpt}"


@dataclass(frozen=True)
class Ledger:
    """Character counts per bucket, the refused lines, and the leaks of one document."""

    path: str
    totals: dict[str, int]
    refused: tuple[int, ...]
    leaks: tuple[Leak, ...]

    @property
    def complete(self) -> bool:
        return not self.leaks

    def as_json(self) -> dict:
        return {
            "path": self.path,
            "totals": dict(self.totals),
            "refused": [f"{self.path}:{line}" for line in self.refused],
            "leaks": [{"line": leak.line, "excerpt": leak.excerpt} for leak in self.leaks],
        }


#: The ledger of each document accounted for, by the document's id, for as long as the document lives.
_LEDGERS: dict[int, Ledger] = {}


def account(doc: Document) -> Ledger:
    """The ledger of ``doc``: every character of its source in exactly one bucket.

    Made once per document (#26): a run asks for it to stamp a document complete, ``check`` for
    the views' findings and the report to show it; the same document gets the same ledger, which
    goes when the document goes."""
    held = _LEDGERS.get(id(doc))
    if held is not None:
        return held
    ledger = _account(doc)
    _LEDGERS[id(doc)] = ledger
    weakref.finalize(doc, _LEDGERS.pop, id(doc), None)
    return ledger


def _account(doc: Document) -> Ledger:
    source = doc.source
    buckets = bytearray(len(source))
    for start, end, rule in doc.kept:  # a block that could not be located is kept whole, as refused
        buckets[start:end] = bytes([_REFUSED if rule == "refused" else _KEPT]) * (end - start)
    for m in _TASK.finditer(source):
        buckets[m.end() - 3 : m.end()] = bytes([_KEPT]) * 3
    children = doc.children
    for unit in doc.units:
        if unit.region is None:
            continue
        _account_unit(doc, unit, children.get(unit.index, ()), buckets)
    line_starts = _line_starts(source)
    for line in doc.skipped:
        start, end = line_starts[line - 1], line_starts[line] if line < len(line_starts) else len(source)
        buckets[start:end] = bytes([_REFUSED]) * (end - start)
    counts = Counter(buckets)
    leaks: dict[int, Leak] = {}
    totals = {"engine": counts[_ENGINE], "kept": counts[_KEPT], "copied": counts[_COPIED], "refused": counts[_REFUSED],
              "untranslated": 0}
    if counts[_UNSET]:
        for i in (i for i, b in enumerate(buckets) if b == _UNSET):
            if source[i].isalpha():
                totals["untranslated"] += 1
                line = source.count("\n", 0, i) + 1
                if line not in leaks:
                    text = source[line_starts[line - 1] : line_starts[line] - 1 if line < len(line_starts) else len(source)]
                    leaks[line] = Leak(doc.path, line, _excerpt(text))
            else:
                totals["kept"] += 1  # markers, white space and punctuation between blocks
    return Ledger(doc.path, totals, tuple(doc.skipped), tuple(leaks.values()))


def _account_unit(doc: Document, unit: Unit, children: tuple[Unit, ...], buckets: bytearray) -> None:
    region = unit.region
    assert region is not None
    words = has_words(unit.text)
    text_bucket = _ENGINE if words else _COPIED
    mapping = _content_offsets(doc.source, unit)
    if mapping is None:  # a value written anew (a YAML block scalar): the whole region is its text
        buckets[region.start : region.end] = bytes([text_bucket]) * (region.end - region.start)
        return
    marked = bytearray([text_bucket]) * len(unit.content)
    for ph in unit.placeholders:
        marked[ph.start : ph.end] = bytes([_KEPT]) * (ph.end - ph.start)
    for child in children:
        if child.span is not None:
            a, b = child.span
            marked[a:b] = bytes([_ENGINE if has_words(child.text) else _COPIED]) * (b - a)
    for offset, bucket in enumerate(marked):
        buckets[mapping[offset]] = bucket


def _content_offsets(source: str, unit: Unit) -> list[int] | None:
    """The source offset of each character of ``unit.content`` (continuation lines carry their
    container prefixes in the source), or None when the content is not the region's bytes."""
    region = unit.region
    assert region is not None
    out: list[int] = []
    pos = region.start
    line = 0
    for ch in unit.content:
        if pos >= len(source) or (source[pos] != ch and not (region.style == "cell" and ch == "|")):
            return None
        out.append(pos)
        pos += 1
        if ch == "\n":
            prefix = region.prefixes[min(line, len(region.prefixes) - 1)] if region.prefixes else ""
            pos += len(prefix)
            line += 1
    return out


def _line_starts(source: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer("\n", source)]
    return starts


def _excerpt(text: str, width: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def verbatim_leaks(doc: Document, target: str, minimum: int = 3) -> list[Leak]:
    """Units the ledger sends to the engine whose English prose (``minimum`` words or more)
    reappears verbatim in ``target``, a translation of ``doc``: text that should have been
    translated and was copied. A heading or paragraph of only names is not prose here."""
    from .placeholders import strip_tokens

    found: list[Leak] = []
    for unit in doc.units:
        if unit.region is None or not has_words(unit.text):
            continue
        prose = " ".join(strip_tokens(unit.text).split())
        if len(re.findall(r"[A-Za-z]{2,}", prose)) < minimum or prose.lower() == prose.upper():
            continue
        if prose in " ".join(target.split()):
            found.append(Leak(doc.path, unit.line, _excerpt(prose)))
    return found
