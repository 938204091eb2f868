"""pofilter-style annotation of PO files: a translator comment per violation, fuzzy on errors.

Only comment and flag lines of the entries concerned change: every other byte of the file stays
as it was. Comments written by an earlier run (``# (bilingual) …``) are replaced, never piled up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .model import CheckResult, Violation
from .report import describe

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from .links import LinkMap

MARK = "# (bilingual) "


def check_and_annotate(
    paths: Sequence[Path], lang: str | None, source: Path | None, glossary: Glossary | None, link_map: LinkMap = ()
) -> CheckResult:
    """``check --annotate``: check ``paths``, then write the findings into the PO files checked.

    The folders of those PO files are locked as ``translate`` locks them (a run in progress stops
    this with exit 3), and each PO file is written only if it is still the version that was
    checked: a translator who saves it meanwhile gets :class:`ConcurrentEditError` (exit 3) and
    their file as they saved it, never comments and fuzzy flags placed by another version's lines.
    All files are written or none (:func:`bilingual.storage.write_all`).
    """
    from ..errors import ConcurrentEditError
    from ..folderlock import locked
    from ..storage import read_text, version, write_all
    from . import runner

    po_files = [t.path for t in runner.find_targets(paths, lang, source) if t.is_po]
    with locked({p.parent for p in po_files}):
        checked = {p: version(p) for p in po_files}
        result = runner.check_paths(paths, lang, source, glossary, link_map=link_map)
        files: dict[Path, str] = {}
        for name in result.files:
            path = Path(name)
            if path not in checked:
                continue
            if version(path) != checked[path]:
                raise ConcurrentEditError(f"{path} changed during the check; nothing was written; run again")
            files[path] = annotate(read_text(path), [v for v in result.violations if v.file == name])
        write_all(files, checked)
    return result


def comment(violation: Violation) -> str:
    """``# (bilingual) rule: message (found '…', expected '…')`` on one line."""
    return f"{MARK}{violation.rule}: {' '.join(describe(violation).split())}"


def annotate(text: str, violations: Sequence[Violation]) -> str:
    """``text`` (a PO file) with ``violations`` written as comments on their entries.

    A violation belongs to the entry whose lines hold its line. Entries with an error get the
    ``fuzzy`` flag, so gettext stops using them until a translator has looked.
    """
    from ..pofile import parse_pofile

    lines = text.split("\n")
    eol = "\r" if lines and lines[0].endswith("\r") else ""
    starts = sorted({max(e.linenum, 1) for e in parse_pofile(text) if not e.obsolete})
    owned: dict[int, list[Violation]] = {}
    for violation in violations:
        before = [s for s in starts if s <= violation.line]
        if before:
            owned.setdefault(before[-1], []).append(violation)
    out: list[str] = []
    i = 0
    for start in starts:
        while i < start - 1:
            out.append(lines[i])
            i += 1
        end = i
        while end < len(lines) and lines[end].startswith("#") and not lines[end].startswith("#~"):
            end += 1
        out.extend(_comments(lines[i:end], owned.get(start, []), eol))
        i = end
    out.extend(lines[i:])
    return "\n".join(out)


def _comments(block: list[str], violations: list[Violation], eol: str) -> list[str]:
    """An entry's comment lines with our old comments replaced and, on errors, the fuzzy flag set."""
    kept = [line for line in block if not line.startswith(MARK.rstrip())]
    lead = 0
    while lead < len(kept) and (kept[lead].rstrip("\r") == "#" or kept[lead].startswith("# ")):
        lead += 1
    ours = [comment(v) + eol for v in violations]
    rest = kept[lead:]
    if any(v.severity == "error" for v in violations):
        rest = _fuzzy(rest, eol)
    return kept[:lead] + ours + rest


def _fuzzy(lines: list[str], eol: str) -> list[str]:
    for n, line in enumerate(lines):
        if line.startswith("#,"):
            flags = [f.strip() for f in line.rstrip("\r")[2:].split(",") if f.strip()]
            if "fuzzy" in flags:
                return lines
            return [*lines[:n], "#, " + ", ".join(["fuzzy", *flags]) + eol, *lines[n + 1 :]]
    at = next((n for n, line in enumerate(lines) if line.startswith("#|")), len(lines))
    return [*lines[:at], "#, fuzzy" + eol, *lines[at:]]
