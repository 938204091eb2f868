"""One PO file from a run's decisions: entries in document order, then obsolete ones, and a header.

The glossary notes of each sentence become its ``#.`` comments; the source line its ``#:``
reference, relative to the PO file's folder. A machine entry's translator comment names the
engine and, when glossary terms matched its source, their fingerprint (``glossary terms:``), so
a later run knows which entries a changed glossary concerns.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..values import Document, Signature, Translation
from ..layout import Job
from .merge import EDITED, FROM, MACHINE, SUGGESTED_BY, TERMS, Plan, kept_entry, new_entry, obsolete_entry, reused_entry
from .po import LANGUAGE_NAMES, Catalog, Entry, header_metadata

if TYPE_CHECKING:
    from ..glossary.matcher import SentenceTerms


@dataclass(frozen=True)
class Target:
    """One document in one language: where its PO file and edition live, and what was decided."""

    job: Job
    document: Document
    lang: str
    po_path: Path
    edition_path: Path
    old: Catalog | None
    plan: Plan


class GlossaryNotes:
    """The glossary notes (``#.``) of a sentence in a language; terms found once per sentence."""

    def __init__(self, found: SentenceTerms) -> None:
        self.found = found

    def fingerprint(self, text: str, lang: str) -> str:
        """The glossary fingerprint of ``text`` in ``lang`` (see :meth:`Matcher.fingerprint`); "" if none."""
        return self.found.fingerprint(text, lang)

    def machine_note(self, engine: str, text: str, lang: str, prefix: str = MACHINE) -> str:
        """The translator comment of a machine entry: the engine and model (its signature), and the terms
        that produced it. ``prefix`` :data:`SUGGESTED_BY`: of a changed sentence's machine suggestion."""
        fingerprint = self.fingerprint(text, lang)
        return prefix + engine + (f"\n{TERMS}{fingerprint}" if fingerprint else "")

    def __call__(self, text: str, lang: str) -> str:
        found = self.found(text)
        lines: list[str] = []
        for match in found:
            term = match.term
            target = term.target(lang)
            if term.keep:
                line = f"glossary: {term.en} (keep as is)"
            elif target:
                line = f"glossary: {term.en} → {target}"
            else:
                line = f"glossary: {term.en}"
            if term.note:
                line += " — " + " ".join(term.note.split())
            if line not in lines:
                lines.append(line)
        return "\n".join(lines)


def build_catalog(
    t: Target, translations: Mapping[str, Translation], signature: Signature, notes: GlossaryNotes, date: str
) -> tuple[Catalog, dict[str, int]]:
    """The catalog for ``t`` and how many entries came from where."""
    source_ref = Path(os.path.relpath(os.path.abspath(t.job.source), os.path.abspath(t.po_path.parent))).as_posix()
    counts = {"approved": 0, "memory": 0, "cross-issue": 0, "edited": 0, "engine": 0, "untranslated": 0, "obsolete": 0}
    edition_name = t.edition_path.name
    active: list[Entry] = []
    for d in t.plan.decisions:
        seg = d.segment
        refs = ((source_ref, str(seg.line)),)
        extracted = notes(seg.text, t.lang)
        if d.origin in ("approved", "memory"):
            entry = reused_entry(d, extracted, refs)
        elif d.origin == "edited":
            entry = new_entry(d, d.text or "", EDITED + edition_name, extracted, refs)
        elif d.origin == "cross-issue":
            entry = new_entry(d, d.text or "", FROM + d.source, extracted, refs)
        elif d.keep is not None:  # a changed sentence: the human text stays, the engine's goes beside it
            found = translations[seg.id]
            suggestion = found.suggestion if found.suggestion is not None else found.text
            entry = kept_entry(d, suggestion, notes.machine_note(signature.engine, seg.text, t.lang, SUGGESTED_BY), extracted, refs)
        else:
            entry = new_entry(d, translations[seg.id].text, notes.machine_note(signature.engine, seg.text, t.lang), extracted, refs)
        if d.edited is not None and (d.origin != "edited" or d.markup_differs):
            # approved work stays, and text that does not fit the source's markup is no translation: the
            # person's text is kept beside the entry, where a translator finds it
            what = f" (does not fit {t.job.source.name}'s sentences and markup; not used)" if d.markup_differs else ""
            note = f"{EDITED}{edition_name}{what}: " + d.edited.replace("\n", "\\n")
            if note not in entry.translator.split("\n"):
                entry = replace(entry, translator="\n".join(line for line in (entry.translator, note) if line))
        counts[d.origin if d.origin != "pending" else "engine"] += 1
        if not entry.translated:
            counts["untranslated"] += 1
        active.append(entry)
    keys = {e.key for e in active}
    obsolete: dict[tuple[str | None, str], Entry] = {}
    revived = set(t.plan.revived)
    for entry in (*(t.old.obsolete if t.old else ()), *map(obsolete_entry, t.plan.leftovers)):
        if entry.key not in keys and entry not in revived:
            obsolete.pop(entry.key, None)
            obsolete[entry.key] = entry
    counts["obsolete"] = len(obsolete)
    project = f"{t.job.source.parent.name}/{t.job.source.name}" if t.job.issue else t.job.source.name
    header = t.old.header if t.old is not None else (
        f"{LANGUAGE_NAMES.get(t.lang, t.lang)} translation of {project}, kept by bilingual.\n"
        "Entries marked fuzzy are machine output or memory from other files: review them and remove\n"
        "the fuzzy flag to approve. bilingual never overwrites an approved translation."
    )
    metadata = header_metadata(t.old, t.lang, project, str(signature), date)
    catalog = Catalog(metadata, (*active, *obsolete.values()), header, t.old.header_fuzzy if t.old else False)
    return catalog, counts
