"""A baseline of accepted findings, so a CI gate fails on what is new (#23).

A team that adopts ``check`` on translations it already has reviews the first run once and keeps
what it accepts (``check --write-baseline FILE``); later runs (``check --baseline FILE``) report
and fail on the findings that are not in it. A finding is the same one when its file, rule, term,
found and expected text and the text of its line are: a line moved by an edit elsewhere keeps its
finding accepted, a line that changes gets it reported again. Each entry counts the findings it
stands for, so a second identical problem on an identical line is new.

The file is JSON written for review in a pull request: one entry per finding, sorted, the path
relative to the baseline's folder, the line number only as a pointer for people.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import astuple, dataclass, replace
from pathlib import Path

from ..errors import InputError
from .model import CheckResult, Violation

FORMAT = 1  # the baseline file's format version
_FIELDS = ("file", "rule", "term", "found", "expected", "line_text")


@dataclass(frozen=True)
class Key:
    """What makes two findings the same one, whatever line they are on."""

    file: str  # relative to the baseline's folder (POSIX), or absolute outside it
    rule: str
    term: str | None
    found: str | None
    expected: str | None
    line_text: str  # sha256 of the finding's line, stripped, first 16 hex digits


@dataclass(frozen=True)
class Baseline:
    """Accepted findings, with how many of each."""

    path: Path
    counts: Counter[Key]
    signature: str = ""

    @property
    def folder(self) -> Path:
        """The folder its paths are relative to: the real file's (a link to it reads as the file does)."""
        return self.path.resolve().parent

    def split(self, violations: Sequence[Violation], files: Sequence[str] | None = None) -> tuple[list[Violation], list[Violation], int]:
        """``violations`` as (new, accepted) and how many accepted findings were not seen (fixed or changed)
        in ``files``, the files that were checked (all of the baseline's when not given)."""
        left = Counter(self.counts)
        keys = _keys(violations, self.folder)
        new: list[Violation] = []
        accepted: list[Violation] = []
        for violation, key in zip(violations, keys, strict=True):
            if left[key] > 0:
                left[key] -= 1
                accepted.append(violation)
            else:
                new.append(violation)
        checked = None if files is None else {_relative(Path(f), self.folder) for f in files}
        return new, accepted, sum(n for key, n in left.items() if n > 0 and (checked is None or key.file in checked))


def apply_baseline(result: CheckResult, baseline: Baseline, signature: str = "") -> CheckResult:
    """``result`` with the baseline's findings set apart (``accepted``): they no longer fail a run.
    ``signature`` (the run's tool version and glossary) is compared with the one the baseline was written by."""
    new, accepted, unseen = baseline.split(result.violations, result.files)
    notes = result.notes
    if signature and baseline.signature and signature != baseline.signature:
        notes += (f"the baseline {baseline.path} was written by {baseline.signature}; this run is {signature}: "
                  "findings that depend on the difference are new",)
    if unseen:
        notes += (f"{unseen} finding(s) of the baseline {baseline.path} were not found (fixed, or their line changed): "
                  "write it again with --write-baseline to drop them",)
    return replace(result, violations=tuple(new), accepted=tuple(accepted), notes=notes, baseline=str(baseline.path))


def load_baseline(path: Path) -> Baseline:
    """The baseline at ``path``; one line naming the file, the entry's line and what to fix when it cannot be used."""
    from ..safe_json import JSONError, loads
    from ..storage import read_bytes

    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder, not a baseline file; name the file --write-baseline wrote", path)
    if not path.is_file():
        if path.exists():  # a FIFO, a device: never read (it could block)
            raise InputError("is not a regular file; name the baseline file --write-baseline wrote", path)
        raise InputError("no such baseline file; write one with check --write-baseline", path)
    raw = read_bytes(path)
    try:
        data = loads(raw)
    except JSONError as exc:
        raise InputError(f"is not a baseline ({exc}); write it again with check --write-baseline", path, exc.lineno) from None
    version = data.get("bilingual_baseline") if isinstance(data, dict) else None
    if type(version) is not int or version != FORMAT or not isinstance(data.get("findings"), list):
        raise InputError(f'is not a bilingual baseline (format {FORMAT}: an object with "bilingual_baseline": {FORMAT} '
                         'and "findings"); write it with check --write-baseline', path, 1)
    counts: Counter[Key] = Counter()
    lines = _entry_lines(raw.decode("utf-8-sig"))
    for n, entry in enumerate(data["findings"]):
        line = lines[n] if n < len(lines) else None
        if not isinstance(entry, dict) or not all(isinstance(entry.get(f), str) for f in ("file", "rule", "line_text")) \
                or not all(entry.get(f) is None or isinstance(entry.get(f), str) for f in ("term", "found", "expected")):
            raise InputError('a finding needs "file", "rule" and "line_text" as text and "term", "found", '
                             '"expected" as text or null; write the baseline again with check --write-baseline', path, line)
        count = entry.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise InputError('"count" must be a whole number of 1 or more', path, line)
        counts[Key(*(entry.get(f) for f in _FIELDS))] += count
    signature = data.get("signature")
    return Baseline(path, counts, signature if isinstance(signature, str) else "")


def baseline_text(violations: Sequence[Violation], folder: Path, signature: str = "") -> str:
    """The baseline file that accepts ``violations`` (paths relative to ``folder``, where it is written)."""
    keys = _keys(violations, folder)
    first_line: dict[Key, int] = {}
    for violation, key in zip(violations, keys, strict=True):
        first_line.setdefault(key, violation.line)
    counts = Counter(keys)
    findings = []
    for key in sorted(counts, key=lambda k: (k.file, first_line[k], *((v is not None, v or "") for v in astuple(k)))):
        entry: dict[str, object] = {f: getattr(key, f) for f in _FIELDS}
        entry["line"] = first_line[key]  # for people: matching never reads it
        if counts[key] > 1:
            entry["count"] = counts[key]
        findings.append(entry)
    data = {"bilingual_baseline": FORMAT, "signature": signature, "findings": findings}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_baseline(path: Path, result: CheckResult, signature: str = "") -> None:
    """Write the baseline that accepts every finding of ``result`` to ``path`` (atomically). A file there
    that is one of the checked files, or anything but a baseline, is refused: a slip of the command line
    must not replace a translation."""
    from ..storage import atomic_write_text

    path = Path(path)
    if path.exists() and not path.is_dir():
        if any(path.resolve() == Path(f).resolve() for f in result.files):
            raise InputError("is one of the files checked; write the baseline to a file of its own", path)
        try:
            load_baseline(path)
        except InputError:
            raise InputError("exists and is not a baseline; choose another file, or remove it first", path) from None
    atomic_write_text(path, baseline_text(result.violations, path.resolve().parent, signature))


def _keys(violations: Sequence[Violation], folder: Path) -> list[Key]:
    """Each violation's key; each file read once."""
    texts: dict[str, list[str]] = {}
    out = []
    base = Path(folder).resolve()
    for v in violations:
        if v.file not in texts:
            texts[v.file] = _lines(Path(v.file))
        lines = texts[v.file]
        line = lines[v.line - 1] if 0 < v.line <= len(lines) else ""
        out.append(Key(_relative(Path(v.file), base), v.rule, v.term, v.found, v.expected, _digest(line)))
    return out


#: Line ends as the checker counts lines (CommonMark's, and PO files'): not ``str.splitlines``'s, which
#: also breaks at U+2028, form feeds and other characters a line may hold.
_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(path: Path) -> list[str]:
    try:
        return _LINE_END.split(path.read_text(encoding="utf-8-sig", errors="replace"))
    except OSError:
        return []


def _relative(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` (with ``..`` where it is beside it), so a clone elsewhere reads the same."""
    resolved = path.resolve()
    try:
        return Path(os.path.relpath(resolved, base)).as_posix()
    except ValueError:  # another drive (Windows): nothing relative joins them
        return resolved.as_posix()


def _digest(line: str) -> str:
    return hashlib.sha256(line.strip().encode("utf-8")).hexdigest()[:16]


def _entry_lines(text: str) -> list[int]:
    """The line each entry of the findings starts on, as :func:`baseline_text` writes them (an entry's
    ``{`` alone on a line, indented by two spaces), so a bad entry is named by its line; empty for a file
    laid out otherwise (its errors then name the file alone)."""
    return [number for number, line in enumerate(text.splitlines(), start=1) if line == "  {"]
