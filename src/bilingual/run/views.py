"""A run's views of each document it changes: the diff report and the aligned edition (aligned.md,
aligned.html, the TMX), with ``check``'s findings of the editions and PO files as the run writes them.

:func:`view_files` makes them one at a time for :mod:`bilingual.run.outcome`, which stages each.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from ..languages import TARGETS
from ..layout import Job, OutputPaths, language_file
from ..memory.build import Target
from ..storage import Staging, read_bytes
from .plan import Prepared

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from .pipeline import Edition, Run


def _findings(mine: Sequence[Target], others: Mapping[str, tuple[Path, Path]], texts: Mapping[Path, str | Path],
              glossary: Glossary | None, warnings: list[str]) -> list[object]:
    """What ``check`` reports for the document once the run is written (its editions and PO files, and those of
    the languages it leaves alone), for its views; empty where the checks are not installed. Another
    language's file that cannot be read is left out, with a warning (as the aligned views leave it out)."""
    try:
        from ..checks.issue import Files, document_findings
    except ImportError:
        return []
    from ..errors import BilingualError

    source, document = mine[0].job.source, mine[0].document  # the run's parse of en.md: not parsed again
    found: list[object] = []
    # check's findings of one language never depend on another's files: checked one language at a time, in
    # check's order, only one language's aligned pairs and renderings are held (#26)
    for t in sorted(mine, key=lambda t: view_order(t.lang)):
        found += document_findings(source, [Files(t.lang, t.edition_path, t.po_path)], glossary, texts,
                                   parsed=document).violations
    for lang, (po, edition) in others.items():
        try:
            found += document_findings(source, [Files(lang, edition, po)], glossary, parsed=document).violations
        except BilingualError as exc:
            warnings.append(f"{exc} (its findings are left out of the views)")
    return found


class RunTexts(Mapping[Path, str | Path]):
    """The editions and PO files of a document as the run writes them, for ``check``, none of them kept:
    an edition's text is read when asked for, from its staged temporary, or from the file where the run
    found it holding the text already. So the check of a document holds one of its texts at a time, not
    every language's edition and PO file at once. A PO file is given as the file that holds its text
    (the temporary, or the file itself), which ``check`` reads line by line: a 20 MB issue's PO file is
    90 MB, and 360 MB as one Python string when it holds one emoji."""

    def __init__(self, paths: Sequence[Path], staging: Staging) -> None:
        self._paths = tuple(dict.fromkeys(paths))
        self._staging = staging

    def __getitem__(self, path: Path) -> str | Path:
        if path not in self._paths:
            raise KeyError(path)
        if path.suffix == ".po":
            return self._staging.staged_file(path) or path
        text = self._staging.staged_text(path)
        if text is not None:
            return text
        # the file already holds what the run made (it was compared byte for byte): read as it is,
        # BOM kept, and with no input limit, as the run's own text was never limited
        return read_bytes(path, limit=sys.maxsize).decode("utf-8")

    def __contains__(self, path: object) -> bool:  # without reading the file (Mapping's reads it)
        return path in self._paths

    def __iter__(self) -> Iterator[Path]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def _run_texts(prepared: Prepared, mine: Sequence[Target], editions: Sequence[Edition],
               written: Mapping[Path, str], staging: Staging | None) -> Mapping[Path, str | Path]:
    """The editions and PO files of ``mine`` as the run writes them (a file it leaves as it is is not here);
    with ``staging``, read back one at a time when asked for (:class:`RunTexts`)."""
    if staging is not None:  # an edition is staged, or its file holds it already; a PO file is here if staged
        langs = {e.lang for e in editions}
        paths: list[Path] = []
        for t in mine:
            if t.edition_path not in prepared.kept and t.lang in langs:
                paths.append(t.edition_path)
            if staging.changes(t.po_path):
                paths.append(t.po_path)
        return RunTexts(paths, staging)
    markdown = {e.lang: e.markdown for e in editions}
    texts: dict[Path, str] = {}
    for t in mine:
        if t.edition_path not in prepared.kept and t.lang in markdown:
            texts[t.edition_path] = markdown[t.lang]
        if t.po_path in written:
            texts[t.po_path] = written[t.po_path]
    return texts


def view_files(
    prepared: Prepared, run: Run, glossary: Glossary | None, align: bool, changed: set[Path], written: Mapping[Path, str],
    warnings: list[str], staging: Staging | None = None,
) -> Iterator[tuple[Path, str | Iterator[str], str | None]]:
    """The aligned edition and the diff report of each document whose PO files or editions are in ``changed``:
    each view's path, its text (or pieces), and the version of it the run read, one view at a time.

    A document whose files all stay as they are keeps the views of the run that last changed it,
    so a run that changes nothing writes nothing. ``written``: the PO files' texts the run made (without
    ``staging``, which holds them).
    """
    from ..render.outputs import issue_outputs
    from ..storage import version

    by_document: dict[str, list[Target]] = {}
    for t in prepared.targets:
        by_document.setdefault(t.document.path, []).append(t)
    for path, mine in by_document.items():
        target = mine[0]
        paths = OutputPaths.beside(target.job.source, target.edition_path.parent)
        views = [paths.report_md, *((paths.aligned_md, paths.aligned_html, paths.tmx) if align else ())]
        if not any(t.po_path in changed or t.edition_path in changed for t in mine) and all(v.exists() for v in views):
            continue
        editions = run.for_document(path)
        read = {p: version(p) for p in (paths.aligned_md, paths.aligned_html, paths.tmx, paths.report_md, paths.report_html)}
        others = _other_languages(target.job, [e.lang for e in editions], prepared.out)
        found = _findings(mine, others, _run_texts(prepared, mine, editions, written, staging), glossary, warnings)
        files = issue_outputs(editions, paths, glossary=glossary, align=align and not others, violations=found)
        if align and others:
            files = chain(files, _aligned_with_others(editions, others, paths, glossary, warnings, found))
        for p, text in files:  # one at a time: the caller stages each (piece by piece) before the next is made
            yield p, text, read.get(p)


def view_order(lang: str) -> tuple[int, str]:
    """The order of language columns in the views; other languages follow in alphabetical order."""
    return (TARGETS.index(lang) if lang in TARGETS else len(TARGETS), lang)


def _other_languages(job: Job, langs: Sequence[str], out: Path | None) -> dict[str, tuple[Path, Path]]:
    """Languages not in this run that have a PO file or an edition beside it: lang → (PO path, edition path)."""
    folder = job.po("xx", out).parent
    stem = None if job.issue else job.source.stem
    found: dict[str, tuple[Path, Path]] = {}
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        return found
    for name in names:
        named = language_file(name)
        if named is None or named.stem != stem or named.tag in (*langs, "en"):
            continue
        lang = named.tag
        if job.issue and name in ("aligned.md", "report.md"):
            continue
        found.setdefault(lang, (job.po(lang, out), job.edition(lang, out)))
    return found


def _aligned_with_others(
    editions: Sequence[Edition], others: Mapping[str, tuple[Path, Path]], paths: OutputPaths, glossary: Glossary | None,
    warnings: list[str], violations: Sequence[object] = (),
) -> Iterator[tuple[Path, str | Iterator[str]]]:
    """aligned.md, aligned.html and the TMX with this run's editions and every other language's PO file or edition."""
    from ..errors import BilingualError
    from ..render.aligned import build_alignment
    from ..render.inputs import as_flags, from_edition, from_markdown, from_po
    from ..render.outputs import aligned_outputs
    from ..storage import read_text

    doc = editions[0].document
    segments = list(editions[0].segments)
    versions = {e.lang: from_edition(e) for e in editions}
    for lang, (po_path, edition_path) in others.items():
        try:
            if po_path.is_file():
                versions[lang] = from_po(po_path, doc, lang, segments)
            elif edition_path.is_file():
                versions[lang] = from_markdown(read_text(edition_path), str(edition_path), doc, lang, segments)
        except BilingualError as exc:
            warnings.append(f"{exc} (left out of the aligned views)")
    ordered = [versions[lang] for lang in sorted(versions, key=view_order)]
    signature = " ; ".join(dict.fromkeys(str(e.signature) for e in editions))
    yield from aligned_outputs(build_alignment(doc, ordered, as_flags(violations), signature=signature), paths, glossary)
