"""What the review screen shows: an issue's sentences in one language, as the PO file holds them.

Each sentence of ``en.md`` that has words is one segment: its id (the PO ``msgctxt``), its
source (placeholder form, the PO ``msgid``), the PO file's text for it, its status, the glossary
terms it contains with their required renderings, the ``check`` findings for it (those ``bilingual
check`` reports for the issue's files, placed by segment: :func:`placed_findings`), and an ETag:
a hash of the entry as it is now, so a save made against an older version of the entry is
refused (409) instead of overwriting someone else's work.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..memory.merge import EDITED, MACHINE, PREVIOUS_APPROVED, SUGGESTION, plan_document
from ..memory.po import Catalog, Entry

if TYPE_CHECKING:
    from ..checks.model import Violation
    from ..glossary.schema import Glossary
    from ..values import Document, Segment

#: SUGGESTION, "machine suggestion: ": a translator comment the review screen writes when a person replaces a
#: machine translation, so the machine's suggestion stays beside the human text; ``translate`` writes it too,
#: beside the kept human text of a changed sentence.
STATUSES = ("approved", "machine", "fuzzy", "imported", "changed", "untranslated")
NO_ENTRY = "none"


@dataclass(frozen=True)
class Row:
    """One sentence of one issue in one language, for the screen and the API."""

    id: str
    unit: int
    kind: str
    line: int
    source: str
    text: str
    status: str
    etag: str
    previous: str | None = None  # the source before it changed (``#| msgid``)
    suggestion: str | None = None  # the machine's text beside a human one
    terms: tuple[dict[str, Any], ...] = ()
    findings: tuple[dict[str, Any], ...] = field(default=())
    markup: dict[str, str] = field(default_factory=dict)  # placeholder token → what it stands for in the source
    before: str | None = None  # the approved translation of the source before it changed

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "unit": self.unit, "kind": self.kind, "line": self.line, "source": self.source,
            "text": self.text, "status": self.status, "etag": self.etag, "previous": self.previous,
            "suggestion": self.suggestion, "terms": list(self.terms), "findings": list(self.findings),
            "markup": self.markup, "before": self.before,
        }


def etag(entry: Entry | None) -> str:
    """The version of one PO entry: what a save must name to replace it."""
    if entry is None:
        return NO_ENTRY
    data = [entry.msgctxt, entry.msgid, entry.msgstr, entry.fuzzy, entry.previous_msgid, entry.obsolete]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()[:20]


def entry_for(catalog: Catalog | None, segment: Segment) -> Entry | None:
    """The active entry of ``segment`` (same id, same source text), or None."""
    if catalog is None:
        return None
    return next((e for e in catalog.active if e.key == (segment.id, segment.text)), None)


def status_of(entry: Entry | None) -> str:
    """approved, machine, fuzzy, imported (edited in zh.md), changed (source changed) or untranslated."""
    if entry is None or not entry.translated:
        return "untranslated"
    if entry.approved:
        return "approved"
    if entry.previous_msgid is not None:
        return "changed"
    lines = entry.translator.split("\n")
    if any(line.startswith(EDITED) for line in lines):
        return "imported"
    if any(line.startswith(MACHINE) for line in lines):
        return "machine"
    return "fuzzy"


def suggestion_of(entry: Entry | None, prefix: str = SUGGESTION) -> str | None:
    """The text a translator comment starting with ``prefix`` keeps (the machine's suggestion by default)."""
    if entry is None:
        return None
    for line in entry.translator.split("\n"):
        if line.startswith(prefix):
            return line[len(prefix):].replace("\\n", "\n")
    return None


def terms_of(glossary: Glossary | None, source: str, lang: str) -> tuple[dict[str, Any], ...]:
    """The glossary terms in ``source`` and how ``lang`` must render them."""
    if glossary is None:
        return ()
    seen: dict[str, dict[str, Any]] = {}
    for match in glossary.matcher.find_source(source):
        term = match.term
        if term.en in seen:
            continue
        seen[term.en] = {
            "en": term.en, "found": match.surface, "keep": term.keep, "target": term.target(lang),
            "allowed": list(term.allowed(lang)), "forbidden": list(term.forbidden_in(lang)), "note": term.note,
        }
    return tuple(seen.values())


def markup_of(document: Document | None, segment: Segment) -> dict[str, str]:
    """What each placeholder of ``segment`` stands for: its kind and source bytes (cut short)."""
    if document is None:
        return {}
    unit = document.units[segment.unit]
    return {p.token: f"{p.kind}: {p.raw if len(p.raw) <= 120 else p.raw[:119] + '…'}" for p in unit.placeholders}


def rows(
    segments: Sequence[Segment], catalog: Catalog | None, lang: str, glossary: Glossary | None,
    findings: dict[str, list[dict[str, Any]]] | None = None, document: Document | None = None,
) -> list[Row]:
    """A row per sentence, in document order."""
    plan = plan_document(segments, catalog)
    out: list[Row] = []
    for decision in plan.decisions:
        seg = decision.segment
        entry = entry_for(catalog, seg)
        previous = entry.previous_msgid if entry is not None else None
        if entry is None and decision.previous is not None:
            previous = decision.previous.msgid
        out.append(Row(
            id=seg.id, unit=seg.unit, kind=seg.kind, line=seg.line, source=seg.text,
            text=entry.msgstr if entry is not None else "", status=status_of(entry), etag=etag(entry),
            previous=previous, suggestion=suggestion_of(entry), terms=terms_of(glossary, seg.text, lang),
            findings=tuple((findings or {}).get(seg.id, ())), markup=markup_of(document, seg),
            before=suggestion_of(entry, PREVIOUS_APPROVED),
        ))
    return out


def counts(table: Sequence[Row]) -> dict[str, int]:
    """Sentences per status, and in total."""
    result = {"total": len(table), **{s: 0 for s in STATUSES}, "findings": 0}
    for row in table:
        result[row.status] += 1
        result["findings"] += 1 if row.findings else 0
    return result


def placed_findings(violations: Sequence[Violation], langs: Mapping[Path, str], ids: Sequence[str]) -> list[dict[str, Any]]:
    """``check``'s findings as the screen shows them, each once: JSON with its language (that of its
    file, ``langs``) and ``row``, the sentence whose row shows it, or None for the issue's own list
    (a finding of the document as a whole, or of a passage check cannot tie to one sentence)."""
    known = set(ids)
    out = []
    for v in violations:
        lang = langs.get(Path(v.file))
        row = v.segment if v.segment in known and lang is not None else None
        out.append({**v.to_dict(), "file": Path(v.file).name, "lang": lang, "row": row})
    return out


def by_row(found: Sequence[dict[str, Any]], lang: str) -> dict[str, list[dict[str, Any]]]:
    """The findings ``lang``'s sentence rows show, by segment id."""
    out: dict[str, list[dict[str, Any]]] = {}
    for f in found:
        if f["row"] is not None and f["lang"] == lang:
            out.setdefault(f["row"], []).append(f)
    return out
