"""The second half of a run: translate what is left, then compute every file it writes. Writes nothing.

:func:`complete` sends the segments :func:`~bilingual.run.plan.prepare` left pending to the
engine (one batch per language for all documents), :func:`finish` turns the result into PO
files and editions, and the views (aligned edition, TMX, diff report) of each document whose
files change are built from the same run. The result is an :class:`Outcome`: every file's new
text, and the version of it the run read, for :func:`bilingual.run.write.write`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..memory.build import GlossaryNotes, Target, build_catalog
from ..memory.po import render, revision_date, same_content
from ..memory.stamp import stamp
from ..models import Document, Signature
from ..sources import Job
from .plan import Prepared, Unapproved, load_documents, prepare, require_engine

if TYPE_CHECKING:
    from ..engines.base import Engine
    from ..glossary.schema import Glossary
    from ..pipeline import Run


@dataclass(frozen=True)
class FileWrite:
    path: Path
    text: str
    kind: Literal["po", "edition", "view"]


@dataclass(frozen=True)
class Report:
    """What one document in one language got, by origin of its translations."""

    source: Path
    lang: str
    po: Path
    counts: Mapping[str, int]  # approved, memory, cross-issue, engine, untranslated, obsolete


@dataclass(frozen=True)
class Outcome:
    """Everything a run would write, computed before anything is written."""

    writes: tuple[FileWrite, ...]
    reports: tuple[Report, ...]
    engine_calls: int
    unapproved: tuple[Unapproved, ...] = ()
    warnings: tuple[str, ...] = ()
    stamps: tuple[tuple[Job, str, str], ...] = ()  # (job, lang, stamp) of documents left complete
    out: Path | None = None
    skipped: int = 0  # documents skipped because nothing about them changed

    def total(self, origin: str) -> int:
        return sum(r.counts.get(origin, 0) for r in self.reports)


def finish(prepared: Prepared, run: Run, glossary: Glossary | None = None, now: float | None = None) -> Outcome:
    """Every PO file and edition of the run as text; PO files only where their content changed."""
    date = revision_date(now)
    editions = {(e.document.path, e.lang): e for e in run.editions}
    notes = GlossaryNotes(glossary)
    po_writes: list[FileWrite] = []
    edition_writes: list[FileWrite] = []
    reports: list[Report] = []
    stamps: list[tuple[Job, str, str]] = []
    for t in prepared.targets:
        edition = editions[(t.document.path, t.lang)]
        edition_writes.append(FileWrite(t.edition_path, edition.markdown, "edition"))
        if prepared.approved_only:
            reports.append(_approved_only_report(t))
            continue
        signature = run.signatures.get(t.lang) or Signature("memory")
        catalog, counts = build_catalog(t, edition.translations, signature, notes, date)
        reports.append(Report(t.job.source, t.lang, t.po_path, counts))
        files = {t.edition_path: edition.markdown.encode("utf-8")}
        if not same_content(t.old, catalog):
            po_writes.append(FileWrite(t.po_path, render(catalog), "po"))
            files[t.po_path] = po_writes[-1].text.encode("utf-8")
        if not counts["untranslated"]:
            value = stamp(t.job, t.lang, prepared.out, glossary.hash if glossary is not None else "none", files)
            if value is not None:
                stamps.append((t.job, t.lang, value))
    return Outcome(
        tuple(po_writes + edition_writes), tuple(reports), run.engine_calls, prepared.unapproved, prepared.warnings,
        tuple(stamps), prepared.out,
    )



def complete(
    prepared: Prepared,
    documents: Sequence[Document],
    langs: Sequence[str],
    engine: Engine,
    glossary: Glossary | None = None,
    progress: Callable[[int], None] | None = None,
    views: bool = True,
    align: bool = True,
) -> Outcome:
    """Translate what :func:`prepare` left to the engine, then :func:`finish`. Writes nothing.

    With ``views``, each document also gets its diff report, and with ``align`` its aligned
    edition (aligned.md, aligned.html, NNN.tmx), built from the same run.
    """
    from ..pipeline import translate

    if not prepared.approved_only:
        require_engine(prepared, engine)
    terms = None if prepared.approved_only else glossary
    run = translate(documents, langs, engine, glossary=terms, known=prepared.known, progress=progress, segments=prepared.segments)
    outcome = finish(prepared, run, terms)
    if not views or prepared.approved_only:
        return outcome
    return replace(outcome, writes=outcome.writes + _view_writes(prepared, run, terms, align, outcome.writes))


def _view_writes(
    prepared: Prepared, run: Run, glossary: Glossary | None, align: bool, writes_so_far: Sequence[FileWrite]
) -> tuple[FileWrite, ...]:
    """The aligned edition and the diff report of each document whose PO files or editions change.

    A document whose files all stay as they are keeps the views of the run that last changed it,
    so a run that changes nothing writes nothing.
    """
    from ..render.outputs import OutputPaths, build_issue_outputs
    from ..storage import is_unchanged

    changed = {w.path for w in writes_so_far if not is_unchanged(w.path, w.text)}
    writes: list[FileWrite] = []
    seen: set[str] = set()
    for target in prepared.targets:
        path = target.document.path
        if path in seen:
            continue
        seen.add(path)
        paths = OutputPaths.beside(target.job.source, target.edition_path.parent)
        mine = [t for t in prepared.targets if t.document.path == path]
        views = [paths.report_md, *((paths.aligned_md, paths.aligned_html, paths.tmx) if align else ())]
        if not any(t.po_path in changed or t.edition_path in changed for t in mine) and all(v.exists() for v in views):
            continue
        editions = run.for_document(path)
        files = build_issue_outputs(editions, paths, glossary=glossary, align=align)
        writes.extend(FileWrite(p, text, "view") for p, text in files.items())
    return tuple(writes)


def translate_with_memory(
    jobs: Sequence[Job],
    langs: Sequence[str],
    engine: Engine,
    glossary: Glossary | None = None,
    out: Path | None = None,
    memory: Sequence[Path] = (),
    approved_only: bool = False,
) -> Outcome:
    """The whole run, without writing: :func:`load_documents`, :func:`prepare`, :func:`complete`."""
    todo, documents = load_documents(jobs, langs, out, glossary, approved_only)
    prepared = prepare(todo, documents, langs, out, memory, approved_only, glossary)
    return replace(complete(prepared, documents, langs, engine, glossary), skipped=len(jobs) - len(todo))


def _approved_only_report(t: Target) -> Report:
    approved = sum(1 for d in t.plan.decisions if d.origin == "approved")
    counts = {"approved": approved, "untranslated": len(t.plan.decisions) - approved}
    return Report(t.job.source, t.lang, t.po_path, counts)
