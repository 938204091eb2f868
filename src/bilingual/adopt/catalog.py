"""The PO file of an import: the human sentences merged into what the file already holds.

Matching follows ``translate`` (:func:`bilingual.memory.merge.plan_document`), so the entries an
import writes are the ones the next run finds. For each English sentence:

* an approved entry stays exactly as it is; a different human text is kept beside it as a comment
  (``# imported from zh.md (not used; the approved translation stays): …``);
* an entry that already holds the human text (a second import, or an edition bilingual wrote)
  stays as it is;
* otherwise the human text becomes the entry: approved (``# imported from zh.md``) or fuzzy
  (``# imported from zh.md (fuzzy: why)``); a fuzzy msgstr a person may have written is kept as
  ``# earlier translation: …``;
* a sentence with no human text keeps whatever entry it had.

Human text the import could not use (a block ``en.md`` lacks, a unit that would not cut into the
English sentences) is kept as a comment of the nearest entry, so no word a person wrote is lost.
Entries nothing takes become obsolete; obsolete entries are kept.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ..memory.merge import (
    EARLIER,
    Decision,
    fit_newlines,
    obsolete_entry,
    plan_document,
    reused_entry,
)
from ..memory.po import FUZZY, LANGUAGE_NAMES, Catalog, Entry, header_metadata
from ..values import Segment, Signature
from .align import Sentence

IMPORTED = "imported from "
#: The signature an import writes in the PO header (``translate`` writes its own on its next run).
SIGNATURE = Signature("import")


def merge(
    segments: Sequence[Segment], old: Catalog | None, sentences: Mapping[str, Sentence], kept: Mapping[str, list[str]],
    human_name: str, source_ref: str, lang: str, project: str, date: str,
) -> tuple[Catalog, list[str], set[str]]:
    """The new catalog, the ids of approved entries whose human text differs (kept as comments), and
    the ids whose entry the import wrote (the rest kept the entry they had).

    ``segments`` are the English sentences with words; ``sentences`` the human text by segment id;
    ``kept`` human text that could not be used, by the segment id it is kept beside.
    """
    plan = plan_document(segments, old)
    active: list[Entry] = []
    differs: list[str] = []
    written: set[str] = set()
    for d in plan.decisions:
        seg = d.segment
        refs = ((source_ref, str(seg.line)),)
        mine = sentences.get(seg.id)
        if d.origin == "approved" and d.entry is not None:
            entry = reused_entry(d, d.entry.extracted, refs)
            if mine is not None and mine.text != d.text:
                entry = _note(entry, f"{IMPORTED}{human_name} (not used; the approved translation stays): {mine.text}")
                differs.append(seg.id)
        elif mine is not None and not (d.entry is not None and d.entry.msgstr == fit_newlines(seg.text, mine.text)):
            entry = _imported(d, mine, human_name, refs)
            written.add(seg.id)
        elif d.entry is not None:
            entry = reused_entry(d, d.entry.extracted, refs)
        elif d.previous is not None:
            entry = d.previous  # the changed sentence's old entry stays for translate to pair (#| msgid)
        else:
            entry = Entry(seg.id, seg.text, references=refs) if seg.id in kept else None
        if entry is None:
            continue
        for text in kept.get(seg.id, ()):
            entry = _note(entry, text)
        active.append(entry)
    keys = {e.key for e in active}
    obsolete: dict[tuple[str | None, str], Entry] = {}
    revived = set(plan.revived)
    for entry in (*(old.obsolete if old else ()), *map(obsolete_entry, plan.leftovers)):
        if entry.key not in keys and entry not in revived:
            obsolete.pop(entry.key, None)
            obsolete[entry.key] = entry
    header = old.header if old is not None else (
        f"{LANGUAGE_NAMES.get(lang, lang)} translation of {project}, kept by bilingual.\n"
        f"Entries marked \"{IMPORTED}{human_name}\" are the human translation bilingual import adopted; fuzzy ones\n"
        "were not aligned with certainty: review them and remove the fuzzy flag to approve."
    )
    metadata = header_metadata(old, lang, project, str(SIGNATURE), date)
    return Catalog(metadata, (*active, *obsolete.values()), header, old.header_fuzzy if old else False), differs, written


def _imported(d: Decision, mine: Sentence, human_name: str, refs: tuple[tuple[str, str], ...]) -> Entry:
    from ..memory.merge import is_machine

    seg = d.segment
    note = f"{IMPORTED}{human_name}" + (f" (fuzzy: {mine.reason})" if mine.reason else "")
    lines = [note]
    base = d.entry
    if base is not None and base.translated and not is_machine(base):
        lines.append(EARLIER + base.msgstr.replace("\n", "\\n"))  # perhaps a person's: it stays in the file
    return Entry(
        msgctxt=seg.id,
        msgid=seg.text,
        msgstr=fit_newlines(seg.text, mine.text),
        flags=() if mine.approved else (FUZZY,),
        translator="\n".join(lines),
        references=refs,
    )


def _note(entry: Entry, line: str) -> Entry:
    line = line.replace("\n", "\\n")
    if line in entry.translator.split("\n"):
        return entry
    return replace(entry, translator="\n".join(text for text in (entry.translator, line) if text))


def source_reference(source: Path, po_path: Path) -> str:
    """The ``#:`` reference of the English file, relative to the PO file's folder (as translate writes it)."""
    return Path(os.path.relpath(os.path.abspath(source), os.path.abspath(po_path.parent))).as_posix()
