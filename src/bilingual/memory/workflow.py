"""Translate with the PO files as memory: read them all, decide, translate the rest, then write.

:func:`load_documents` parses the sources, less those a stamp shows unchanged (see
:mod:`.stamp`). :func:`prepare` reads every PO file a run will write (a broken one stops the run
before anything is written) and decides each segment: approved or fuzzy work in its own file, approved work
elsewhere in the archive, or the engine. :func:`finish` computes every PO file and edition in
memory; :func:`write` then writes them atomically, PO files first. A run interrupted at any point
leaves each file as it was or complete, and a run that changes nothing writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import BilingualError, InputError, ModelError
from ..integrity import repair
from ..models import Document, Segment, Signature, Translation
from ..segment import has_words, segment
from ..sources import Job
from .build import GlossaryNotes, Target, build_catalog
from .merge import Terms, plan_document, violation_warnings
from .po import render, revision_date, same_content
from .stamp import record, stamp, unchanged
from .store import CatalogCache, MemoryIndex, memory_files, origin_label, sibling_files

if TYPE_CHECKING:
    from ..engines.base import Engine
    from ..glossary.schema import Glossary
    from ..pipeline import Run

SOURCE_LANG = "en"
Known = dict[tuple[str, str], dict[str, Translation]]


@dataclass(frozen=True)
class Unapproved:
    """A segment an ``--approved-only`` edition leaves in English."""

    po: Path
    line: int  # the source line
    lang: str
    segment: str
    text: str


@dataclass(frozen=True)
class Prepared:
    """Every target of a run with its decisions, and the translations known before the engine."""

    targets: tuple[Target, ...]
    known: Mapping[tuple[str, str], Mapping[str, Translation]]
    unapproved: tuple[Unapproved, ...] = ()
    warnings: tuple[str, ...] = ()
    approved_only: bool = False
    segments: Mapping[str, tuple[Segment, ...]] = field(default_factory=dict)  # every segment, by document path
    out: Path | None = None

    def pending(self) -> dict[str, int]:
        """Segments per language that need the engine (languages with none are left out)."""
        counts: dict[str, int] = {}
        for target in self.targets:
            n = sum(1 for d in target.plan.decisions if d.origin == "pending")
            if n:
                counts[target.lang] = counts.get(target.lang, 0) + n
        return counts

    def pending_texts(self) -> int:
        """Distinct sentences the engine will be asked for, over all languages (for a progress bar)."""
        texts = {(t.lang, d.segment.text) for t in self.targets for d in t.plan.decisions if d.origin == "pending"}
        return len(texts)


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


def translatable(document: Document) -> list[Segment]:
    """The segments of ``document`` that have words: the ones a PO file holds."""
    return [s for s in segment(document) if has_words(s.text)]


def prepare(
    jobs: Sequence[Job],
    documents: Sequence[Document],
    langs: Sequence[str],
    out: Path | None = None,
    memory: Sequence[Path] = (),
    approved_only: bool = False,
    glossary: Glossary | None = None,
) -> Prepared:
    """Read every PO file of the run and decide every segment. Raises :class:`PoFileError` first.

    ``glossary`` is the run's: machine entries made under other term definitions are translated again.
    """
    for path in memory:
        if not path.exists():
            raise InputError("no such translation memory file or folder; check --memory", path)
    cache = CatalogCache()
    targets: list[Target] = []
    all_segments: dict[str, tuple[Segment, ...]] = {}
    for job, doc in zip(jobs, documents, strict=True):
        all_segments[doc.path] = tuple(segment(doc))
        segs = [s for s in all_segments[doc.path] if has_words(s.text)]
        for lang in langs:
            po_path = job.po(lang, out)
            old = cache.load(po_path)
            terms = None if approved_only else Terms(glossary, lang)
            targets.append(Target(job, doc, lang, po_path, job.edition(lang, out), old, plan_document(segs, old, terms)))
    if not approved_only and any(d.origin == "pending" for t in targets for d in t.plan.decisions):
        targets = _cross_issue(targets, langs, memory, cache)
    known: Known = {}
    unapproved: list[Unapproved] = []
    warnings: list[str] = []
    for t in targets:
        warnings.extend(violation_warnings(t.plan, t.po_path))
        table = known.setdefault((t.document.path, t.lang), {})
        for d in t.plan.decisions:
            seg = d.segment
            if d.text is None or (approved_only and d.origin != "approved"):
                if approved_only:
                    table[seg.id] = Translation(seg.id, t.lang, seg.text, "source")
                    unapproved.append(Unapproved(t.po_path, seg.line, t.lang, seg.id, seg.text))
                continue
            text, events = repair(seg.text, d.text, seg.id)
            if events and d.entry is not None:
                warnings.extend(f"{t.po_path}:{d.entry.line}: {seg.id}: {e.detail}" for e in events)
            table[seg.id] = Translation(seg.id, t.lang, text, d.origin, events=events)
    return Prepared(tuple(targets), known, tuple(unapproved), tuple(cache.warnings + warnings), approved_only, all_segments, out)


def _cross_issue(targets: list[Target], langs: Sequence[str], memory: Sequence[Path], cache: CatalogCache) -> list[Target]:
    """Offer approved translations from the rest of the archive (and ``--memory``) for pending segments."""
    resolved: list[Target] = []
    indexes: dict[str, MemoryIndex] = {}
    for lang in langs:
        archives: dict[tuple[Path, bool], Path] = {}  # one PO path per archive folder: each is scanned once
        for t in targets:
            if t.lang == lang:
                archives.setdefault((t.po_path.parent.parent if t.job.issue else t.po_path.parent, t.job.issue), t.po_path)
        files = [f for (_, issue), po_path in sorted(archives.items()) for f in sibling_files(po_path, lang, issue)]
        files += memory_files(memory, lang, cache)
        indexes[lang] = MemoryIndex(files, cache)
    for t in targets:
        index = indexes[t.lang]
        decisions = []
        for d in t.plan.decisions:
            hit = index.get(d.segment.text) if d.origin == "pending" else None
            if hit is not None:
                text, _ = repair(d.segment.text, hit.msgstr, d.segment.id)
                d = replace(d, origin="cross-issue", text=text, source=origin_label(hit.path, t.po_path, t.job.issue))
            decisions.append(d)
        resolved.append(replace(t, plan=replace(t.plan, decisions=tuple(decisions))))
    return resolved


def require_engine(prepared: Prepared, engine: Engine) -> None:
    """Check the engine only for the languages that have segments to translate, and say how many."""
    pending = prepared.pending()
    if not pending:
        return
    pairs = [(SOURCE_LANG, lang) for lang in pending]
    try:
        check_all = getattr(engine, "check_pairs", None)
        if callable(check_all):
            check_all(pairs)
        else:
            for source, target in pairs:
                engine.check_pair(source, target)
    except BilingualError as exc:
        total = sum(pending.values())
        detail = ", ".join(f"{lang}: {n}" for lang, n in pending.items())
        raise ModelError(
            f"{total} segment(s) ({detail}) have no translation in the PO files and need an engine, "
            f"but the {engine.name} engine cannot translate them: {exc}. Install the model, choose "
            "another --engine, or translate those entries in the PO files"
        ) from None


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


def write(outcome: Outcome) -> list[Path]:
    """Write the outcome atomically, PO files first; return the files whose content changed.

    Stamps of the documents left complete are recorded last, so an interrupted run never
    leaves a stamp for files it did not finish writing.
    """
    from ..storage import atomic_write_text

    written: list[Path] = []
    for kind in ("po", "edition", "view"):
        for item in outcome.writes:
            if item.kind == kind and atomic_write_text(item.path, item.text):
                written.append(item.path)
    record(outcome.stamps, outcome.out)
    return written


def load_documents(
    jobs: Sequence[Job], langs: Sequence[str], out: Path | None = None, glossary: Glossary | None = None, approved_only: bool = False
) -> tuple[list[Job], list[Document]]:
    """Parse the sources a run must look at: all of them, less those whose stamps say nothing changed."""
    from ..markdown import parse
    from ..storage import read_text

    skip = set() if approved_only else unchanged(jobs, langs, out, glossary.hash if glossary is not None else "none")
    todo = [job for job in jobs if job.source not in skip]
    return todo, [parse(read_text(job.source), str(job.source)) for job in todo]


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
