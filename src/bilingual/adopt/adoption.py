"""One import: every human edition aligned, merged into its PO file, and all of them written or none.

The PO folders are locked as ``translate`` locks them (:mod:`bilingual.folderlock`); every file is
read, aligned and merged before anything is written, so a broken PO file or an unreadable edition
stops the import with one line and nothing written; then :func:`bilingual.storage.write_all` stages
and renames the PO files, refusing one saved meanwhile (exit 3).

What ``translate`` will then rebuild is computed here too (the English with the imported text
put in), and each place where it differs from the human file is reported: the places where the
edition has to follow ``en.md`` (its code, links, layout, the blocks it has).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..values import Document
from .align import AS_IS, OTHER_VERSION, Aligned, align_edition
from .catalog import IMPORTED, merge, source_reference
from .paths import Pairing, Tree, pairings

EXCERPT = 50


@dataclass(frozen=True)
class Imported:
    """What the import made of one human edition."""

    pairing: Pairing
    approved: int
    fuzzy: int
    kept: int  # aligned, but the PO file already had an approved entry, or this very text
    english: int  # aligned, but the edition has the English as it is: not imported, left to the engine
    unaligned: int
    sentences: int  # English sentences with words
    messages: tuple[str, ...]  # one line each, file:line on both sides
    po_text: str | None  # the new PO file, None when it stays as it is
    read: str  # the PO file's version as read (storage.version)

    def summary(self) -> str:
        p = self.pairing
        already = f", {self.kept} already in {p.po.name}" if self.kept else ""
        english = f", {self.english} left in English" if self.english else ""
        return (f"{p.human} → {p.po}: {self.approved} approved, {self.fuzzy} fuzzy{already}{english}, {self.unaligned} not aligned "
                f"of {self.sentences} sentence(s)")


@dataclass(frozen=True)
class Adoption:
    """The whole import: each edition's outcome and the files written."""

    imported: tuple[Imported, ...]
    written: tuple[Path, ...]

    def total(self, field: str) -> int:
        return sum(getattr(i, field) for i in self.imported)


def adopt(paths: Sequence[Path], langs: Sequence[str], trees: Sequence[Tree] = (), now: float | None = None) -> Adoption:
    """Import the human editions found for ``paths`` in ``langs`` and write their PO files."""
    from ..folderlock import locked
    from ..storage import write_all

    found = pairings(paths, langs, trees)
    with locked({p.po.parent for p in found}):
        results = [import_edition(p, now) for p in found]
        files = {r.pairing.po: r.po_text for r in results if r.po_text is not None}
        written = write_all(files, {r.pairing.po: r.read for r in results if r.po_text is not None})
    return Adoption(tuple(results), tuple(written))


def import_edition(pairing: Pairing, now: float | None = None) -> Imported:
    """Align one human edition and compute its PO file (nothing is written)."""
    from ..document.markdown import parse
    from ..document.segment import has_words
    from ..memory.po import read_catalog, render, revision_date, same_content
    from ..run.edits import EDITION_HEADER
    from ..storage import read_bytes, read_text, version, version_of

    job, lang, human_path, po_path = pairing.job, pairing.lang, pairing.human, pairing.po
    doc = parse(read_text(job.source, keep_bom=True), str(job.source))
    human_text = read_text(human_path, keep_bom=True)
    human = parse(human_text, str(human_path))
    read = version(po_path)
    old = read_catalog(po_path)
    aligned = align_edition(doc, human)
    worded = [s for s in aligned.segments if has_words(s.text)]
    by_id = {s.segment.id: s for s in aligned.sentences if s.reason != AS_IS}
    name = human_path.name
    kept: dict[str, list[str]] = {}
    for note in aligned.notes:
        if note.kind != "source":
            anchor = note.segment or (worded[0].id if worded else None)
            if anchor is not None:
                kept.setdefault(anchor, []).append(f"{IMPORTED}{name} (not aligned; not used): {note.text}")
    project = f"{job.source.parent.name}/{job.source.name}" if job.issue else job.source.name
    catalog, differs, written_ids = merge(worded, old, by_id, kept, name, source_reference(job.source, po_path), lang, project, revision_date(now))
    if human_path == job.edition(lang):  # the human file is the edition translate rebuilds: it is what this PO file goes with
        written = version_of(read_bytes(human_path))
        catalog = replace(catalog, metadata=(*((k, v) for k, v in catalog.metadata if k != EDITION_HEADER), (EDITION_HEADER, written)))
    predicted = _predicted(doc, aligned, catalog)
    messages = _messages(pairing, aligned, differs, written_ids, human_text, predicted, doc)
    approved = sum(1 for s in aligned.sentences if s.approved and s.segment.id in written_ids)
    fuzzy = sum(1 for s in aligned.sentences if not s.approved and s.segment.id in written_ids)
    english = sum(1 for s in aligned.sentences if s.reason == AS_IS)
    return Imported(pairing, approved, fuzzy, len(aligned.sentences) - approved - fuzzy - english, english,
                    len(worded) - len(aligned.sentences), len(worded), tuple(messages),
                    None if same_content(old, catalog) else render(catalog), read)


def _predicted(doc: Document, aligned: Aligned, catalog) -> str:
    """The edition ``translate`` would rebuild from this PO file, English where it has no translation."""
    from ..document.integrity import repair
    from ..document.rebuild import rebuild
    from ..document.segment import unit_texts

    entries = {(e.msgctxt, e.msgid): e.msgstr for e in catalog.active if e.msgstr}
    texts = {}
    for seg in aligned.segments:
        msgstr = entries.get((seg.id, seg.text))
        texts[seg.id] = repair(seg.text, msgstr, seg.id)[0] if msgstr else seg.text
    return rebuild(doc, unit_texts(doc, aligned.segments, texts))


def _messages(pairing: Pairing, aligned: Aligned, differs: list[str], written: set[str], human_text: str, predicted: str,
              doc: Document) -> list[str]:
    human, source, po = pairing.human, pairing.job.source, pairing.po
    hname, sname = _names(human, source)
    out: list[str] = []
    reported: set[int] = set()
    if aligned.follows != "follows":
        out.append(f"{human}:1 ↔ {source}:1: {hname} does not clearly follow {sname} (the checker finds it "
                   f"{'translates another version' if aligned.follows == 'other' else 'may translate another version'}): "
                   "every sentence is imported fuzzy")
    for note in aligned.notes:
        reported.add(note.human_line)
        if note.kind == "source":
            out.append(f"{source}:{note.source_line} ↔ {human}:{note.human_line}: not aligned: {hname} has no text for it; "
                       f"left to the engine: {_excerpt(note.text)}")
        elif note.kind == "human":
            out.append(f"{human}:{note.human_line} ↔ {source}:{note.source_line}: not aligned: {sname} has no block for it; "
                       f"kept in {po.name} as a comment: {_excerpt(note.text)}")
        else:
            out.append(f"{human}:{note.human_line} ↔ {source}:{note.source_line}: not aligned: does not cut into {sname}'s "
                       f"sentences; kept in {po.name} as a comment: {_excerpt(note.text)}")
    for s in aligned.sentences:
        if s.segment.id in differs:
            out.append(f"{human}:{s.line} ↔ {source}:{s.segment.line}: {s.segment.id}: {po.name} has another approved translation; "
                       "it stays, and this one is kept beside it as a comment")
        elif s.reason == AS_IS:
            out.append(f"{human}:{s.line} ↔ {source}:{s.segment.line}: not imported: {hname} has the English as it is; "
                       f"left to the engine: {_excerpt(s.text)}")
        elif not s.approved and s.segment.id in written and (aligned.follows == "follows" or s.reason != OTHER_VERSION):
            out.append(f"{human}:{s.line} ↔ {source}:{s.segment.line}: fuzzy ({s.reason}): {_excerpt(s.text)}")
    out.extend(_places(human, source, human_text, predicted, doc.source, reported))
    return out


def _places(human: Path, source: Path, human_text: str, predicted: str, english: str, reported: set[int]) -> list[str]:
    """Each stretch where the rebuilt edition will differ from the human file, unless already reported."""
    hname, sname = _names(human, source)
    from ..document.dialect import lines

    mine, theirs = lines(human_text), lines(predicted)
    to_source = _line_map(lines(english), theirs)
    out: list[str] = []
    ends = {name: "CRLF" if "\r\n" in text else "CR" if "\r" in text else "LF" for name, text in (("mine", human_text), ("theirs", predicted))}
    if ends["mine"] != ends["theirs"]:
        out.append(f"{human}:1 ↔ {source}:1: the edition follows {sname} here: its line ends are {ends['theirs']}, "
                   f"where {hname} has {ends['mine']}")
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        lines = set(range(i1 + 1, i2 + 1)) or {i1 + 1}
        if lines <= reported:
            continue
        where = f"{human}:{i1 + 1}" + (f"-{i2}" if i2 > i1 + 1 else "")
        src = to_source[j1] if j1 < len(to_source) else (to_source[-1] if to_source else 1)
        was = _excerpt(" ".join(mine[i1:i2])) if i2 > i1 else "(nothing)"
        becomes = _excerpt(" ".join(theirs[j1:j2])) if j2 > j1 else "(nothing)"
        out.append(f"{where} ↔ {source}:{src}: the edition follows {sname} here: {becomes!r} where {hname} has {was!r}")
    return out


def _line_map(english: list[str], predicted: list[str]) -> list[int]:
    """For each line of the predicted edition, the 1-based line of ``en.md`` it comes from (near enough)."""
    out = [1] * len(predicted)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, english, predicted, autojunk=False).get_opcodes():
        for k in range(j1, j2):
            out[k] = min(i1 + (k - j1 if tag == "equal" else 0), max(0, len(english) - 1)) + 1
    return out


def _names(human: Path, source: Path) -> tuple[str, str]:
    """How messages name the two files: by name, or by path where the names are the same (a parallel tree)."""
    return (str(human), str(source)) if human.name == source.name else (human.name, source.name)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
