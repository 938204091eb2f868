"""A whole ``bilingual translate``: the documents of a run in batches of issue folders, each batch
locked, computed and written all or nothing.

A batch holds whole output folders (an issue folder, or the folder of plain ``*.md`` files) up
to :data:`BATCH_BYTES` of source, at least one folder. So a run's memory grows with the largest
batch, not with the archive, and each folder is written all or nothing: its PO files, editions
and views are renamed into place together, or none of them is. Each file is staged (written to
its temporary) as soon as it is made, so a batch holds one output at a time. A run stopped between batches has
finished the batches before it and left the rest as they were.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..memory.stamp import run_key
from ..memory.store import ApprovedStore
from ..layout import Job
from ..folderlock import locked
from .options import BATCH_BYTES, RunOptions
from .outcome import Report, complete
from .plan import Prepared, Unapproved, engine_key, engine_signatures, load_documents, prepare
from .write import write




@dataclass(frozen=True)
class Progress:
    """How a run reports progress: ``planned(n)`` when a batch has n more sentences for the engine,
    ``done(n)`` as the engine finishes them."""

    planned: Callable[[int], None]
    done: Callable[[int], None]


@dataclass(frozen=True)
class Summary:
    """What a whole run did, over all its batches."""

    jobs: int
    skipped: int  # documents skipped because nothing about them changed
    written: tuple[Path, ...]
    reports: tuple[Report, ...]
    engine_calls: int
    unapproved: tuple[Unapproved, ...]
    warnings: tuple[str, ...]
    batches: int
    leaks: tuple[str, ...] = ()  # source prose no rule translates: untranslated-source (document.ledger)

    def total(self, origin: str) -> int:
        return sum(r.counts.get(origin, 0) for r in self.reports)


def output_folder(job: Job, out: Path | None) -> Path:
    """The folder a job's PO files, editions and views go to."""
    return job.po("xx", out).parent


def batches(jobs: Sequence[Job], out: Path | None, budget: int = BATCH_BYTES) -> list[list[Job]]:
    """``jobs`` in order, cut into batches of whole output folders of at most ``budget`` source bytes."""
    folders: dict[Path, list[Job]] = {}
    for job in jobs:
        folders.setdefault(output_folder(job, out), []).append(job)
    result: list[list[Job]] = []
    size = 0
    for group in folders.values():
        group_size = sum(_size(job.source) for job in group)
        if result and size + group_size <= budget:
            result[-1].extend(group)
            size += group_size
        else:
            result.append(list(group))
            size = group_size
    return result


def translate_archive(jobs: Sequence[Job], options: RunOptions, progress: Progress | None = None) -> Summary:
    """Translate and write every job, batch by batch of ``options.batch_bytes`` source bytes.

    Machine entries another engine or model made are translated again; ``options.retranslate``
    sends back more, ``options.changed`` is what a changed sentence's edition shows.
    """
    from ..storage import Staging, remove_stale_temporaries

    out, engine = options.out, options.engine
    check_out_folder(jobs, out)
    written: list[Path] = []
    reports: list[Report] = []
    unapproved: list[Unapproved] = []
    warnings: list[str] = []
    leaks: list[str] = []
    calls = skipped = 0
    parts = batches(jobs, out, options.batch_bytes)
    store = ApprovedStore()  # the archive's approved entries, read once for all batches
    settings = (f"align={options.align}", f"changed={options.changed}", *sorted(os.path.abspath(p) for p in options.memory))
    glossary = options.glossary
    key = run_key(glossary.hash if glossary is not None else "none", engine_key(engine, options.languages), settings)
    engines = engine_signatures(engine, options.languages)
    for batch in parts:
        folders = {output_folder(job, out) for job in batch}
        with locked(folders), Staging() as staging:  # each file staged as it is made, renamed at the end of the batch
            names = _output_names(batch, options.languages, out)
            for folder in folders:
                remove_stale_temporaries(folder, names)
            todo, documents = load_documents(batch, options, key)
            # A pseudo-localising engine writing elsewhere starts from no memory, so every sentence shows it.
            fresh = out is not None and getattr(engine, "starts_fresh", False)
            prepared = prepare(todo, documents, options, store, fresh=fresh, key=key, engines=engines)
            if progress is not None:
                progress.planned(prepared.pending_texts())
            outcome = complete(prepared, documents, options, progress.done if progress else None, staging=staging)
            written.extend(write(outcome, staging))
        skipped += len(batch) - len(todo)
        calls += outcome.engine_calls
        reports.extend(outcome.reports)
        unapproved.extend(outcome.unapproved)
        warnings.extend(w for w in (*no_text_warnings(prepared), *outcome.warnings) if w not in warnings)
        leaks.extend(outcome.leaks)
        del documents, prepared, outcome  # the next batch starts from nothing: memory is one batch, not the archive
    return Summary(len(jobs), skipped, tuple(written), tuple(reports), calls, tuple(unapproved), tuple(warnings), len(parts),
                   tuple(leaks))


def check_out_folder(jobs: Sequence[Job], out: Path | None) -> None:
    """``--out`` must not lead back to a source's own folder (by any spelling or link): the run would
    write the source's PO files and editions, which ``--out`` promises never to change."""
    if out is None:
        return
    for job in jobs:
        own = os.path.realpath(job.source.parent)
        if os.path.realpath(output_folder(job, out)) == own:
            raise InputError(f"--out leads back to the source's own folder {job.source.parent}, whose PO files and "
                             "editions --out never changes; name another folder, or leave --out out to update the "
                             "issue in place", out)


def no_text_warnings(prepared: Prepared) -> list[str]:
    """A warning for each source with nothing to translate (empty, only front matter or code)."""
    from ..document.segment import has_words

    return [f"{path}: has no translatable text; its editions are copies of it"
            for path, segs in prepared.segments.items() if not any(has_words(s.text) for s in segs)]


def _output_names(batch: Sequence[Job], langs: Sequence[str], out: Path | None) -> set[str]:
    """The names of every file the batch may write (for removing an older bilingual's temporaries)."""
    from ..layout import OutputPaths

    names: set[str] = set()
    for job in batch:
        names.update(p.name for lang in langs for p in (job.po(lang, out), job.edition(lang, out)))
        paths = OutputPaths.beside(job.source, output_folder(job, out))
        names.update(p.name for p in (paths.aligned_md, paths.aligned_html, paths.tmx, paths.report_md, paths.report_html))
    return names


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
