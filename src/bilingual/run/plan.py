"""The first half of a run: read the sources and every PO file, and decide each segment.

:func:`load_documents` parses the sources, less those a stamp shows unchanged (see
:mod:`bilingual.memory.stamp`). :func:`prepare` reads every PO file a run will write (a broken
one stops the run before anything is written) and decides each segment: approved or fuzzy work
in its own file, approved work elsewhere in the archive, or the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BilingualError, InputError, ModelError
from ..document.integrity import repair
from ..values import Document, Segment, Translation
from ..document.segment import has_words, segment
from ..layout import Job
from ..memory.build import Target
from ..memory.merge import Plan, Policy, Terms, plan_document, violation_warnings
from ..glossary.matcher import SentenceTerms
from ..memory.po import Catalog
from ..memory.stamp import unchanged
from ..memory.store import ApprovedStore, CatalogCache, MemoryIndex, memory_files, origin_label, sibling_files
from .edits import import_edits

if TYPE_CHECKING:
    from ..engines.base import Engine
    from ..glossary.schema import Glossary
    from .options import RunOptions

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
    versions: Mapping[Path, str] = field(default_factory=dict)  # PO files and editions as read (storage.version)
    kept: frozenset[Path] = frozenset()  # hand-edited editions left as they are (see .edits)
    key: str = ""  # the run's key for skip-stamps (memory.stamp.run_key); "" for the default one
    terms: SentenceTerms | None = None  # the batch's glossary search, kept for writing its PO notes

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


def prepare(
    jobs: Sequence[Job],
    documents: Sequence[Document],
    options: RunOptions,
    store: ApprovedStore | None = None,
    fresh: bool = False,
    key: str = "",
    engines: Mapping[str, str] | None = None,
) -> Prepared:
    """Read every PO file of the run and decide every segment. Raises :class:`PoFileError` first.

    ``fresh`` (with ``out``): the source issue's PO files and the other issues are not used as
    memory; only the out folder's own PO files are (a pseudo-localisation run, see PseudoEngine).

    ``store`` keeps the approved entries of the archive's PO files across the batches of a run.

    The run's glossary: machine entries made under other term definitions are translated again,
    and approved entries that break it are reported.

    ``engines`` (language → the run's engine signature, see :func:`engine_signatures`): machine entries
    another engine or model made are translated again; without it (a run that translates nothing) no
    engine is judged. ``options.policy`` says what ``--retranslate`` sends back and what a changed
    sentence's edition shows (:class:`~bilingual.memory.merge.Policy`).
    """
    langs, out, memory = options.languages, options.out, options.memory
    approved_only, glossary = options.approved_only, options.glossary
    policy = options.policy
    for path in memory:
        if not path.exists():
            raise InputError("no such translation memory file or folder; check --memory", path)
    from ..storage import version, version_of

    cache = CatalogCache()
    targets: list[Target] = []
    versions: dict[Path, str] = {}
    edit_warnings: list[str] = []
    kept: set[Path] = set()
    all_segments: dict[str, tuple[Segment, ...]] = {}
    found = SentenceTerms(glossary)  # this batch's: the glossary outlives it
    for job, doc in zip(jobs, documents, strict=True):
        versions[job.source] = version_of((doc.raw or doc.source).encode("utf-8"))  # as read: a save since misses the stamp
        all_segments[doc.path] = tuple(segment(doc))
        segs = [s for s in all_segments[doc.path] if has_words(s.text)]
        for lang in langs:
            po_path, edition_path = job.po(lang, out), job.edition(lang, out)
            _refuse_human_translation(po_path, edition_path)
            old = cache.load(po_path)
            terms = None if approved_only else Terms(found, lang)
            rules = Policy() if approved_only else replace(policy, engine=(engines or {}).get(lang))
            versions[po_path] = cache.version(po_path) or version(po_path)
            versions[edition_path] = version(edition_path)
            source_po = cache.load(job.po(lang)) if out is not None and not fresh else None
            if out is not None:
                versions[job.po(lang)] = cache.version(job.po(lang)) or version(job.po(lang))
            old, plan = _plan(segs, old, source_po, terms, rules)
            target, edit = import_edits(
                Target(job, doc, lang, po_path, edition_path, old, plan), versions[edition_path], all_segments[doc.path], approved_only
            )
            if edit is not None:
                edit_warnings.extend(edit.messages())
                if not edit.placed:
                    kept.add(edition_path)
            targets.append(target)
    # Asked for fresh engine output (--retranslate fuzzy or all-unapproved): no memory of other issues is offered.
    offer = policy.retranslate not in ("fuzzy", "all-unapproved")
    if not approved_only and not fresh and offer and any(d.origin == "pending" for t in targets for d in t.plan.decisions):
        targets = _cross_issue(targets, langs, memory, cache, store)
    known: Known = {}
    unapproved: list[Unapproved] = []
    warnings: list[str] = []
    for t in targets:
        warnings.extend(violation_warnings(t.plan, t.po_path))
        table = known.setdefault((t.document.path, t.lang), {})
        for d in t.plan.decisions:
            seg = d.segment
            if d.keep is not None and d.origin == "pending" and policy.changed == "previous" and not approved_only:
                text, events = repair(seg.text, d.keep, seg.id)  # the edition shows it; the engine's goes beside it
                table[seg.id] = Translation(seg.id, t.lang, text, "previous", events=events)
                continue
            if d.text is None or (approved_only and d.origin != "approved"):
                if approved_only:
                    table[seg.id] = Translation(seg.id, t.lang, seg.text, "source")
                    unapproved.append(Unapproved(t.po_path, seg.line, t.lang, seg.id, seg.text))
                continue
            text, events = repair(seg.text, d.text, seg.id)
            if events and d.entry is not None:
                warnings.extend(f"{t.po_path}:{d.entry.line}: {seg.id}: {e.detail}" for e in events)
            table[seg.id] = Translation(seg.id, t.lang, text, d.origin, events=events)
    return Prepared(
        tuple(targets), known, tuple(unapproved), tuple(cache.warnings + edit_warnings + warnings), approved_only, all_segments,
        out, versions, frozenset(kept), key, found,
    )


def _refuse_human_translation(po_path: Path, edition_path: Path) -> None:
    """An edition with no PO file beside it was not written by bilingual (every run writes both):
    it is a person's translation, never overwritten (InputError, exit 2, nothing written)."""
    if edition_path.is_file() and not po_path.exists():
        raise InputError(
            f"is a translation bilingual did not write (there is no {po_path.name} beside it); nothing was written. "
            f"Adopt it first with `bilingual import {edition_path.parent}` (its sentences become the PO file), "
            "move it away to translate anew, or use --out DIR", edition_path)


def _plan(
    segments: Sequence[Segment], own: Catalog | None, source: Catalog | None, terms: Terms | None = None,
    policy: Policy | None = None,
) -> tuple[Catalog | None, Plan]:
    """The plan of a document against its own PO file and, with ``--out``, the source issue's.

    With ``--out`` the PO files go under the out folder, beside the editions, and the source
    issue's PO files are the memory they start from: the out folder's file when it exists, else
    the source issue's; a segment the source issue approved is approved either way (a translator
    approves in the source issue, never in a copy).
    """
    if source is None:
        return own, plan_document(segments, own, terms, policy)
    if own is None:
        return source, plan_document(segments, source, terms, policy)
    plan = plan_document(segments, own, terms, policy)
    theirs = plan_document(segments, source, terms, policy)
    decisions = tuple(
        s if s.origin == "approved" and d.origin != "approved" else d for d, s in zip(plan.decisions, theirs.decisions, strict=True)
    )
    return own, replace(plan, decisions=decisions)


def _cross_issue(
    targets: list[Target], langs: Sequence[str], memory: Sequence[Path], cache: CatalogCache, store: ApprovedStore | None = None
) -> list[Target]:
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
        indexes[lang] = MemoryIndex(files, cache, store)
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


def load_documents(jobs: Sequence[Job], options: RunOptions, key: str = "") -> tuple[list[Job], list[Document]]:
    """Parse the sources a run must look at: all of them, less those whose stamps (under the run's
    ``key``, see :func:`stamp_key`) say nothing changed; all of them with ``options.retranslate``.
    When there is any to parse, the engine starts loading its models first (:func:`~bilingual.engines.base.preload`)."""
    from ..document.markdown import parse
    from ..storage import read_text

    every = options.retranslate is not None
    skip = set() if options.approved_only or every else unchanged(jobs, options.languages, options.out,
                                                                 stamp_key(key, options.glossary))
    todo = [job for job in jobs if job.source not in skip]
    if todo and not options.approved_only:  # the engine's models load while the documents are read and parsed
        from ..engines.base import preload

        preload(options.engine, [(SOURCE_LANG, lang) for lang in options.languages])
    return todo, [parse(read_text(job.source, keep_bom=True), str(job.source)) for job in todo]




def stamp_key(key: str, glossary: Glossary | None) -> str:
    """``key``, or the default run key (this glossary, no engine named) when a caller gave none."""
    from ..memory.stamp import run_key

    return key or run_key(glossary.hash if glossary is not None else "none", "")


def engine_key(engine: Engine, langs: Sequence[str]) -> str:
    """The engine and model that would translate into each of ``langs`` (their signatures)."""
    signatures = engine_signatures(engine, langs)
    return " ".join(signatures[lang] if signatures[lang] != f"{engine.name}:" else f"{engine.name}:none" for lang in langs)


def engine_signatures(engine: Engine, langs: Sequence[str]) -> dict[str, str]:
    """The engine and model that would translate into each of ``langs`` (``argos:translate-en_zh-1.9``);
    ``argos:`` (the engine's name alone) for a language it has no model for."""
    signatures: dict[str, str] = {}
    for lang in langs:
        try:
            signatures[lang] = engine.signature(SOURCE_LANG, lang)
        except BilingualError:  # no model for it: the name stands for the engine
            signatures[lang] = f"{engine.name}:"
    return signatures
