"""The files a translated issue gets beside its editions, built in memory and written all or nothing.

``issues/NNN/aligned.md``, ``aligned.html``, ``NNN.tmx`` (the aligned views) and ``report.md``,
``report.html`` (the diff report of a run). For a plain ``name.md`` the names are
``name.aligned.md``, ``name.tmx``, ``name.report.md`` and so on.

:func:`write_files` writes a set of files in two phases: every file goes to a temporary file
beside its target first, and only when all of them are complete are they renamed into place, so
a folder that cannot be written leaves no file of the set changed or half-written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..layout import OutputPaths
from .model import Alignment, Status

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from ..run.pipeline import Edition


#: An output's text, whole or as pieces made one after another (a page, a TMX).
Text = str | Iterator[str]


def whole(text: Text) -> str:
    return text if isinstance(text, str) else "".join(text)


def aligned_files(alignment: Alignment, paths: OutputPaths, glossary: Glossary | None = None) -> dict[Path, str]:
    """``aligned.md``, ``aligned.html`` and the TMX of an alignment."""
    return {path: whole(text) for path, text in aligned_outputs(alignment, paths, glossary)}


def aligned_outputs(alignment: Alignment, paths: OutputPaths, glossary: Glossary | None = None) -> Iterator[tuple[Path, Text]]:
    """``aligned.md``, ``aligned.html`` and the TMX of an alignment, each made when the one before is taken;
    the page and the TMX in pieces, made as they are written."""
    from .aligned import aligned_html_parts, aligned_markdown_parts
    from .tmx import tmx_parts

    yield paths.aligned_md, aligned_markdown_parts(alignment)
    yield paths.aligned_html, aligned_html_parts(alignment, glossary)
    yield paths.tmx, tmx_parts(alignment)


def build_issue_outputs(
    editions: Sequence[Edition],
    paths: OutputPaths,
    glossary: Glossary | None = None,
    statuses: Mapping[tuple[str, str], Status] | None = None,
    approved: Mapping[tuple[str, str], str] | None = None,
    violations: Iterable[object] | None = None,
    align: bool = True,
    report: bool = True,
) -> dict[Path, str]:
    """The texts of every output of one document's run (all its languages), keyed by path."""
    return {path: whole(text) for path, text in issue_outputs(editions, paths, glossary, statuses, approved, violations,
                                                              align, report)}


def issue_outputs(
    editions: Sequence[Edition],
    paths: OutputPaths,
    glossary: Glossary | None = None,
    statuses: Mapping[tuple[str, str], Status] | None = None,
    approved: Mapping[tuple[str, str], str] | None = None,
    violations: Iterable[object] | None = None,
    align: bool = True,
    report: bool = True,
) -> Iterator[tuple[Path, Text]]:
    """(path, text) of every output of one document's run, one at a time: each is made when the one
    before it has been taken, so a caller that writes each at once holds one output, not all (the
    pages and the TMX come in pieces: see :data:`Text`)."""
    from .aligned import build_alignment
    from .inputs import as_flags, from_edition
    from .report import build_report, report_html_parts, report_markdown_parts

    if not editions:
        return
    statuses = statuses or {}
    flags = as_flags(violations) if violations is not None else None  # None: no check ran (the runs' glossary events show)
    if align:
        doc = editions[0].document
        versions = [
            from_edition(e, {sid: s for (lang, sid), s in statuses.items() if lang == e.lang}) for e in editions
        ]
        alignment = build_alignment(doc, versions, flags, signature=_signature(editions))
        del versions
        yield from aligned_outputs(alignment, paths, glossary)
        del alignment
    if report:
        result = build_report(editions, approved, statuses, flags or ())
        yield paths.report_md, report_markdown_parts(result)
        yield paths.report_html, report_html_parts(result)


def write_issue_outputs(
    editions: Sequence[Edition],
    folder: Path | None = None,
    glossary: Glossary | None = None,
    statuses: Mapping[tuple[str, str], Status] | None = None,
    approved: Mapping[tuple[str, str], str] | None = None,
    violations: Iterable[object] | None = None,
    align: bool = True,
    report: bool = True,
) -> list[Path]:
    """Build and write the aligned views and report of one document's editions; the files that changed.

    ``folder`` defaults to the source's folder (where the editions go). Nothing is written if any
    output cannot be built or written.
    """
    if not editions:
        return []
    paths = OutputPaths.beside(Path(editions[0].document.path), folder)
    return write_files(build_issue_outputs(editions, paths, glossary, statuses, approved, violations, align, report))


def _signature(editions: Sequence[Edition]) -> str:
    signatures = dict.fromkeys(str(e.signature) for e in editions)
    return " ; ".join(signatures)


def write_files(files: Mapping[Path, str | bytes]) -> list[Path]:
    """Write every file or none (see :func:`bilingual.storage.write_all`); the files that changed."""
    from ..storage import write_all

    return write_all(files)
