"""Inline differences between two texts, and segment-by-segment comparison of two versions.

:func:`inline_diff` cuts each text into tokens (a placeholder, a word, a run of white space, and
every CJK character on its own), diffs the token sequences with diff-match-patch (edges aligned by its lossless
semantic cleanup), so each glossary substitution reads as one replaced term and a change in
Chinese or Japanese is shown character by character.

:func:`compare_markdown` aligns two versions of an edition by structure (unit by unit, then
sentence by sentence, see :mod:`.inputs`), optionally through the English source so changes are
named by segment id; :func:`compare_po` pairs two PO files by ``msgctxt``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..languages import EAST_ASIAN, HALFWIDTH_AND_FULLWIDTH, HANGUL
from ..values import Document

OpKind = Literal["equal", "insert", "delete"]
ChangeKind = Literal["changed", "added", "removed"]

_CJK = EAST_ASIAN + HANGUL + "\uf900-\ufaff" + HALFWIDTH_AND_FULLWIDTH  # with the compatibility ideographs
_TOKENS = re.compile(
    r"\{/?\d{1,4}\}"  # a placeholder
    rf"|[{_CJK}]"  # one CJK character or full-width form
    rf"|[^\W{_CJK}]+"  # a word of a space-separated script
    r"|\s+"
    r"|.",
    re.S,
)
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>|#~])")


@dataclass(frozen=True, slots=True)
class Op:
    """One run of an inline diff: text both sides share, or text only the new or old side has."""

    kind: OpKind
    text: str


def tokens(text: str) -> list[str]:
    """``text`` cut into the units :func:`inline_diff` compares."""
    return _TOKENS.findall(text)


def inline_diff(old: str, new: str) -> tuple[Op, ...]:
    """The differences between ``old`` and ``new`` as equal / delete / insert runs."""
    if old == new:  # what the diff of equal texts is (one equal run), without cutting and coding them (#26)
        return (Op("equal", old),) if old else ()
    from diff_match_patch import diff_match_patch

    table: dict[str, str] = {}
    symbols: list[str] = []

    def encode(text: str) -> str:
        out = []
        for tok in tokens(text):
            if tok not in table:
                code = len(symbols) + 0x100
                table[tok] = chr(code if code < 0xD800 else code + 0x800)
                symbols.append(tok)
            out.append(table[tok])
        return "".join(out)

    a, b = encode(old), encode(new)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no deadline: the same inputs always give the same diff
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemanticLossless(diffs)  # align edits to word edges; a fuller cleanup would merge separate terms
    decode = {char: tok for tok, char in table.items()}
    kinds: dict[int, OpKind] = {0: "equal", 1: "insert", -1: "delete"}
    ops: list[Op] = []
    for code, chars in diffs:
        text = "".join(decode[c] for c in chars)
        if text:
            ops.append(Op(kinds[code], text))
    return tuple(ops)


def changed(ops: tuple[Op, ...]) -> bool:
    return any(op.kind != "equal" for op in ops)


def ops_text(ops: tuple[Op, ...]) -> str:
    """wdiff style, for a terminal: ``[-old-]{+new+}``."""
    marks = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}
    return "".join(marks[op.kind][0] + op.text + marks[op.kind][1] for op in ops)


def ops_html(ops: tuple[Op, ...]) -> str:
    """``<del>``/``<ins>`` HTML (escaped)."""
    tags = {"equal": ("", ""), "delete": ("<del>", "</del>"), "insert": ("<ins>", "</ins>")}
    return "".join(tags[op.kind][0] + html.escape(op.text, quote=False) + tags[op.kind][1] for op in ops)


def ops_markdown(ops: tuple[Op, ...]) -> str:
    """``<del>``/``<ins>`` inline in Markdown, the text escaped so that it shows as written."""
    tags = {"equal": ("", ""), "delete": ("<del>", "</del>"), "insert": ("<ins>", "</ins>")}
    return "".join(tags[op.kind][0] + md_escape(op.text) + tags[op.kind][1] for op in ops)


def md_escape(text: str) -> str:
    """``text`` on one line with Markdown's active characters escaped."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", text.replace("&", "&amp;")).replace("\n", " ")


# --------------------------------------------------------------------------------- comparisons


@dataclass(frozen=True)
class Change:
    """A segment that differs between two versions."""

    kind: ChangeKind
    id: str
    old_line: int | None
    new_line: int | None
    old: str | None
    new: str | None
    ops: tuple[Op, ...] = ()
    note: str = ""  # e.g. "approved → fuzzy" for a PO entry whose state changed


@dataclass(frozen=True)
class Comparison:
    """Every difference between two versions of an edition or PO file."""

    old: str
    new: str
    kind: Literal["markdown", "po"]
    compared: int  # segments looked at
    changes: tuple[Change, ...]

    @property
    def identical(self) -> bool:
        return not self.changes

    def counts(self) -> dict[str, int]:
        out = {"changed": 0, "added": 0, "removed": 0}
        for change in self.changes:
            out[change.kind] += 1
        return out


def compare_markdown(old: Document, new: Document, source: Document | None = None) -> Comparison:
    """``old`` and ``new`` (parsed Markdown) segment by segment; ids are ``source``'s, else ``old``'s.

    Both sides are always read the same way, each aligned to the same base (``source``, else
    ``old``'s own parse), so what a file is compared as never depends on which side it is on or
    where it lies: byte-identical inputs are identical.
    """
    from ..errors import InputError
    from .aligned import build_alignment
    from .inputs import from_markdown

    if source is not None:
        try:
            versions = [from_markdown(old.source, old.path, source, "old"), from_markdown(new.source, new.path, source, "new")]
        except InputError:  # an edition that does not follow en.md is still compared with its other version
            source = None
    base = source if source is not None else old
    if source is None:
        versions = [from_markdown(old.source, old.path, base, "old"), from_markdown(new.source, new.path, base, "new")]
    alignment = build_alignment(base, versions)
    changes: list[Change] = []
    for row in alignment.rows:
        before, after = row.cells[-2], row.cells[-1]
        if before.status == "missing" and after.status == "missing":
            continue
        if after.status == "missing":
            changes.append(Change("removed", row.id, row.line, None, before.markdown, None))
        elif before.status == "missing":
            changes.append(Change("added", row.id, None, row.line, None, after.markdown))
        elif before.own != after.own:
            ops = inline_diff(before.markdown, after.markdown)
            changes.append(Change("changed", row.id, row.line, row.line, before.markdown, after.markdown, ops))
    if source is None:
        changes += _added_units(new, versions[-1].units.values())
    return Comparison(old.path, new.path, "markdown", len(alignment.rows), tuple(changes))


def _added_units(new: Document, mapped: Iterable[int]) -> list[Change]:
    """Units of ``new`` that no unit of the base lines up with."""
    from ..document.rebuild import render_unit

    taken = set(mapped)
    return [
        Change("added", unit.uid, None, unit.line, None, render_unit(new, unit, {}).strip())
        for unit in new.units
        if unit.index not in taken and unit.text.strip()
    ]


def compare_po(old: Path, new: Path) -> Comparison:
    """Two PO files entry by entry, paired by ``msgctxt`` (or ``msgid`` where there is none)."""
    from .inputs import po_entries

    a, b = po_entries(old), po_entries(new)
    changes: list[Change] = []
    for key, (entry, line) in a.items():
        if key not in b:
            changes.append(Change("removed", key, line, None, entry.msgstr, None))
            continue
        other, other_line = b[key]
        state = _state(entry), _state(other)
        if entry.msgstr != other.msgstr or state[0] != state[1]:
            note = f"{state[0]} → {state[1]}" if state[0] != state[1] else ""
            ops = inline_diff(entry.msgstr, other.msgstr)
            changes.append(Change("changed", key, line, other_line, entry.msgstr, other.msgstr, ops, note))
    for key, (entry, line) in b.items():
        if key not in a:
            changes.append(Change("added", key, None, line, None, entry.msgstr))
    return Comparison(str(old), str(new), "po", len(a.keys() | b.keys()), tuple(changes))


def _state(entry) -> str:
    if not entry.msgstr:
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "approved"


# ---------------------------------------------------------------------------------- formatting


def comparison_text(comparison: Comparison) -> str:
    """For a terminal: one line per change, then the changed text with ``[-old-]{+new+}``."""
    out = [f"--- {comparison.old}", f"+++ {comparison.new}"]
    for c in comparison.changes:
        where = f"line {c.old_line or '-'} → {c.new_line or '-'}"
        mark = {"changed": "~", "added": "+", "removed": "-"}[c.kind]
        out.append(f"{mark} {c.id}  {where}{'  ' + c.note if c.note else ''}")
        body = ops_text(c.ops) if c.kind == "changed" else (c.new if c.kind == "added" else c.old) or ""
        out.append("    " + body.replace("\n", "\n    "))
    out.append(_summary(comparison))
    return "\n".join(out) + "\n"


def comparison_markdown(comparison: Comparison) -> str:
    out = [f"# Differences: `{comparison.old}` → `{comparison.new}`", "", _summary(comparison), ""]
    if comparison.changes:
        out += ["| | segment | line | text |", "|---|---|---|---|"]
    for c in comparison.changes:
        body = ops_markdown(c.ops) if c.kind == "changed" else md_escape((c.new if c.kind == "added" else c.old) or "")
        mark = {"changed": "changed", "added": "<ins>added</ins>", "removed": "<del>removed</del>"}[c.kind]
        note = f" ({md_escape(c.note)})" if c.note else ""
        out.append(f"| {mark}{note} | `{c.id}` | {c.old_line or '–'} → {c.new_line or '–'} | {body} |")
    return "\n".join(out) + "\n"


def comparison_html(comparison: Comparison) -> str:
    from .html import jinja_env

    rows = [
        {
            "change": c,
            "html": ops_html(c.ops) if c.kind == "changed" else html.escape((c.new if c.kind == "added" else c.old) or ""),
        }
        for c in comparison.changes
    ]
    return jinja_env().get_template("diff.html").render(comparison=comparison, rows=rows, summary=_summary(comparison))


def comparison_json(comparison: Comparison) -> str:
    data = {
        "old": comparison.old,
        "new": comparison.new,
        "kind": comparison.kind,
        "identical": comparison.identical,
        "compared": comparison.compared,
        "counts": comparison.counts(),
        "changes": [
            {
                "kind": c.kind,
                "id": c.id,
                "old_line": c.old_line,
                "new_line": c.new_line,
                "old": c.old,
                "new": c.new,
                "note": c.note,
                "ops": [[op.kind, op.text] for op in c.ops],
            }
            for c in comparison.changes
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _summary(comparison: Comparison) -> str:
    if comparison.identical:
        return f"identical: {comparison.compared} segment(s) compared, no differences"
    n = comparison.counts()
    return f"{n['changed']} changed, {n['added']} added, {n['removed']} removed of {comparison.compared} segment(s)"
