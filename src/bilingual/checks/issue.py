"""One document's findings as ``bilingual check`` reports them: what the views and the review screen show.

``report.md``, ``report.html``, ``aligned.html`` and the review screen show no finding of their
own. Each asks :func:`document_findings` for the findings of the document's editions and PO files,
which checks them with ``check``'s own :func:`~.runner.check_targets`: the same rules and rule
names, the severities the active ``bilingual.toml`` sets, consistency across the files, and each
finding once per place (a finding an edition shares with its PO file is the PO entry's).

A run calls it before it writes: ``texts`` holds the files it is about to write, and the others
(a language the run leaves alone, an edition kept as a person edited it) are read from disk.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..languages import TARGETS
from .model import CheckResult, Violation

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from ..values import Document
    from .links import LinkMap


@dataclass(frozen=True)
class Files:
    """One language's translation of a document: its edition and its PO file (either may be missing)."""

    lang: str
    edition: Path
    po: Path


def document_findings(source: Path, files: Sequence[Files], glossary: Glossary | None,
                      texts: Mapping[Path, str | Path] | None = None, link_map: LinkMap = (),
                      memo: MutableMapping[object, tuple[object, object]] | None = None,
                      parsed: Document | None = None) -> CheckResult:
    """What ``bilingual check`` reports for ``files`` (editions checked against ``source``), each finding once.

    A file is checked when it exists or ``texts`` holds it; languages go in ``check``'s order.
    ``memo`` keeps each file's findings between calls, so a file whose text is unchanged is not
    checked again (see :func:`~.runner.check_targets`); ``parsed`` is ``source`` parsed already (a run's document).
    """
    from .runner import Target, check_targets

    texts = texts or {}
    targets: list[Target] = []
    for f in sorted(files, key=lambda f: (TARGETS.index(f.lang) if f.lang in TARGETS else len(TARGETS), f.lang)):
        if f.edition in texts or f.edition.is_file():
            targets.append(Target(f.edition, f.lang, source))
        if f.po in texts or f.po.is_file():
            targets.append(Target(f.po, f.lang))
    if not targets:
        return CheckResult((), ())
    return check_targets(targets, glossary, link_map=link_map, texts=texts, memo=memo,
                         parsed={source: parsed} if parsed is not None else None)


def language_of(violation: Violation, files: Sequence[Files]) -> str | None:
    """The language of the file a finding is in."""
    where = Path(violation.file)
    return next((f.lang for f in files if where in (f.edition, f.po)), None)
