"""The second half of a run: translate what is left, then compute every file it writes. Writes nothing.

:func:`complete` sends the segments :func:`~bilingual.run.plan.prepare` left pending to the
engine (one batch per language for all documents, or for each half of them:
:func:`~bilingual.run.pipeline.translate_parts`), :func:`finish` turns the result into PO files
and editions, and the views (aligned edition, TMX, diff report) of each document whose files
change are built from the same run; the first half's files are made while the engine translates
the second. The result is an :class:`Outcome`: every file's new
text, and the version of it the run read, for :func:`bilingual.run.write.write`.

Given a :class:`~bilingual.storage.Staging`, each file goes to its staged temporary as soon as it
is made instead (nothing is renamed until :func:`~bilingual.run.write.write` commits), so a run
holds one output at a time, not all of a batch's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..glossary.matcher import SentenceTerms
from ..memory.build import GlossaryNotes, Target, build_catalog
from ..memory.po import render, render_parts, revision_date, same_content
from ..memory.stamp import stamp
from ..values import Document, Signature
from ..layout import Job
from ..storage import Staging, version_of
from .edits import EDITION_HEADER, header_value, recorded
from .plan import Prepared, Unapproved, require_engine, stamp_key

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from .options import RunOptions
    from .pipeline import Run


@dataclass(frozen=True)
class FileWrite:
    """A file's new text, and the version of it the run read (None: not checked before replacing)."""

    path: Path
    text: str
    kind: Literal["po", "edition", "view"]
    read: str | None = None


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
    leaks: tuple[str, ...] = ()  # the coverage ledger's untranslated-source lines (document.ledger.Leak)

    def total(self, origin: str) -> int:
        return sum(r.counts.get(origin, 0) for r in self.reports)


#: The order of renames: PO files first, then editions, then views.
RANK = {"po": 0, "edition": 1, "view": 2}


def emit(item: FileWrite, writes: list[FileWrite], staging: Staging | None) -> None:
    """Keep ``item`` in ``writes``, or with ``staging`` stage it now and keep nothing of it."""
    if staging is None:
        writes.append(item)
    else:
        staging.add(item.path, item.text, item.read, RANK[item.kind])


def finish(prepared: Prepared, run: Run, glossary: Glossary | None = None, now: float | None = None,
           staging: Staging | None = None) -> Outcome:
    """Every PO file and edition of the run as text (or, with ``staging``, staged); PO files only where their content changed."""
    date = revision_date(now)
    editions = {(e.document.path, e.lang): e for e in run.editions}
    # The batch's glossary search from planning, each sentence searched once for both.
    found = prepared.terms if prepared.terms is not None and prepared.terms.serves(glossary) else SentenceTerms(glossary)
    notes = GlossaryNotes(found)
    key = stamp_key(prepared.key, glossary)
    po_writes: list[FileWrite] = []
    edition_writes: list[FileWrite] = []
    reports: list[Report] = []
    stamps: list[tuple[Job, str, str]] = []
    for t in prepared.targets:
        edition = editions[(t.document.path, t.lang)]
        kept = t.edition_path in prepared.kept  # edited by hand and not importable: left as it is
        if not kept:
            emit(FileWrite(t.edition_path, edition.markdown, "edition", prepared.versions.get(t.edition_path)),
                 edition_writes, staging)
        if prepared.approved_only:
            reports.append(_approved_only_report(t))
            continue
        signature = run.signatures.get(t.lang) or Signature("memory")
        catalog, counts = build_catalog(t, edition.translations, signature, notes, date)
        written = recorded(t) if kept else header_value(t, version_of(edition.markdown.encode("utf-8")))
        if written is not None:
            catalog = replace(catalog, metadata=(*((k, v) for k, v in catalog.metadata if k != EDITION_HEADER), (EDITION_HEADER, written)))
        reports.append(Report(t.job.source, t.lang, t.po_path, counts))
        written_versions = {t.edition_path: _version(t.edition_path, edition.markdown, staging)}
        if not same_content(t.old, catalog):
            if staging is not None:  # staged entry by entry: the whole text is never held
                staging.add(t.po_path, render_parts(catalog), prepared.versions.get(t.po_path), RANK["po"])
                written_versions[t.po_path] = staging.version(t.po_path) or ""
            else:
                text = render(catalog)
                po_writes.append(FileWrite(t.po_path, text, "po", prepared.versions.get(t.po_path)))
                written_versions[t.po_path] = version_of(text.encode("utf-8"))
                del text
        if not counts["untranslated"] and not kept:
            value = stamp(t.job, t.lang, prepared.out, key, {**prepared.versions, **written_versions})
            if value is not None:
                stamps.append((t.job, t.lang, value))
    return Outcome(
        tuple(po_writes + edition_writes), tuple(reports), run.engine_calls, prepared.unapproved, prepared.warnings,
        tuple(stamps), prepared.out,
    )


def _version(path: Path, text: str, staging: Staging | None) -> str:
    """The version ``path`` has once ``text`` is written (staged already, with ``staging``)."""
    known = staging.version(path) if staging is not None else None
    return known if known is not None else version_of(text.encode("utf-8"))


def complete(
    prepared: Prepared,
    documents: Sequence[Document],
    options: RunOptions,
    progress: Callable[[int], None] | None = None,
    views: bool = True,
    staging: Staging | None = None,
) -> Outcome:
    """Translate what :func:`prepare` left to the engine, then :func:`finish`. Writes nothing, or with
    ``staging`` only its temporaries (each file as soon as it is made; the outcome keeps no text).

    With ``views``, each document also gets its diff report, and with ``options.align`` its
    aligned edition (aligned.md, aligned.html, NNN.tmx), built from the same run.
    """
    from .pipeline import translate_parts

    engine, align = options.engine, options.align
    if not prepared.approved_only:
        require_engine(prepared, engine)
    terms = options.enforced
    warming = _warm_views() if views and not prepared.approved_only else None
    parts: list[Outcome] = []
    # One group of documents at a time: its files are made (and staged) while the engine translates the next.
    for run in translate_parts(documents, options.languages, engine, glossary=terms, known=prepared.known,
                               progress=progress, segments=prepared.segments):
        if warming is not None:
            warming.join()
        paths = {e.document.path for e in run.editions}
        part = replace(prepared, targets=tuple(t for t in prepared.targets if t.document.path in paths))
        outcome = finish(part, run, terms, staging=staging)
        if views and not prepared.approved_only:
            if staging is not None:  # each edition is staged: the views' check reads it back when it checks it
                run = run.released()  # and the editions' Markdown goes (nothing else holds this part's run)
            outcome = _with_views(part, [d for d in documents if d.path in paths], run, terms, align, outcome, staging)
        parts.append(outcome)
    return parts[0] if len(parts) == 1 else _merged(prepared, parts)


def _with_views(prepared: Prepared, documents: Sequence[Document], run: Run, terms: Glossary | None, align: bool,
                outcome: Outcome, staging: Staging | None) -> Outcome:
    """``outcome`` of one part of the run with the views of its documents, and their coverage ledgers."""
    from ..document.ledger import account

    # The coverage ledger of every document: prose that no rule translates or keeps is reported,
    # and a document with such prose is not stamped complete (the next run reports it again).
    leaking = {doc.path: account(doc).leaks for doc in documents}
    leaks = tuple(str(leak) for found in leaking.values() for leak in found)
    stamps = tuple(s for s in outcome.stamps if not leaking.get(str(s[0].source)))
    warnings: list[str] = []
    view_files = _view_writes(prepared, run, terms, align, outcome.writes, warnings, staging)
    return replace(outcome, writes=outcome.writes + view_files, warnings=outcome.warnings + tuple(warnings),
                   stamps=stamps, leaks=leaks)


def _merged(prepared: Prepared, parts: Sequence[Outcome]) -> Outcome:
    """The outcomes of a run's parts as one, its reports in the order of the run's targets."""
    order = {(t.job.source, t.lang): i for i, t in enumerate(prepared.targets)}
    reports = sorted((r for p in parts for r in p.reports), key=lambda r: order.get((r.source, r.lang), len(order)))
    return Outcome(
        tuple(w for p in parts for w in p.writes), tuple(reports), sum(p.engine_calls for p in parts), prepared.unapproved,
        tuple(dict.fromkeys(w for p in parts for w in p.warnings)), tuple(s for p in parts for s in p.stamps), prepared.out,
        leaks=tuple(leak for p in parts for leak in p.leaks),
    )


def _warm_views() -> threading.Thread:
    """Import what the views and their findings read, and compile their page templates, in a thread of its own
    while the engine translates (the engine leaves part of a core idle): otherwise about 0.17 s of a short run's
    work, all of it after the engine (#26: a whole process's cost over the engine's). Imports have no side
    effects; one that fails here fails again, with its error, where the views need it."""
    def warm() -> None:
        try:
            from ..checks import issue, runner  # noqa: F401
            from ..render import aligned, report, tmx  # noqa: F401
            from ..render.html import jinja_env
            from . import views  # noqa: F401

            for name in ("aligned.html", "report.html"):
                jinja_env().get_template(name)
        except Exception:  # noqa: BLE001 (see the docstring)
            pass

    thread = threading.Thread(target=warm, name="bilingual-warm-views", daemon=True)
    thread.start()
    return thread


def _view_writes(
    prepared: Prepared, run: Run, glossary: Glossary | None, align: bool, writes_so_far: Sequence[FileWrite], warnings: list[str],
    staging: Staging | None = None,
) -> tuple[FileWrite, ...]:
    """The views (:func:`~bilingual.run.views.view_files`) of each document whose PO files or editions change:
    with ``staging``, each staged as it is made and none kept."""
    from ..render.outputs import whole
    from ..storage import is_unchanged
    from .views import view_files

    if staging is None:
        changed = {w.path for w in writes_so_far if not is_unchanged(w.path, w.text)}
    else:
        changed = {p for t in prepared.targets for p in (t.po_path, t.edition_path) if staging.changes(p)}
    written = {w.path: w.text for w in writes_so_far if w.kind == "po"}
    writes: list[FileWrite] = []
    for path, text, read in view_files(prepared, run, glossary, align, changed, written, warnings, staging):
        if staging is not None:
            staging.add(path, text, read, RANK["view"])
        else:
            writes.append(FileWrite(path, whole(text), "view", read))
        del text
    return tuple(writes)


def _approved_only_report(t: Target) -> Report:
    approved = sum(1 for d in t.plan.decisions if d.origin == "approved")
    counts = {"approved": approved, "untranslated": len(t.plan.decisions) - approved}
    return Report(t.job.source, t.lang, t.po_path, counts)
