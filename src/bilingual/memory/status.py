"""How far the translation of each issue has come: counts per document and language.

The counts are taken against the current source, the way the next ``translate`` would see it:
a sentence is approved or machine (fuzzy) when the PO file has an entry with its text, and a
sentence that changed since the PO file was written counts as untranslated.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..layout import Job
from .store import CatalogCache

COLUMNS = ("total", "approved", "machine", "untranslated", "obsolete")


@dataclass(frozen=True)
class StatusRow:
    """The state of one document's translation into one language."""

    source: str
    lang: str
    po: str
    exists: bool
    total: int
    approved: int
    machine: int  # fuzzy: machine output or memory waiting for review
    untranslated: int
    obsolete: int

    @property
    def percent(self) -> float:
        """Percentage of segments approved (100 for a document with nothing to translate)."""
        return 100.0 * self.approved / self.total if self.total else 100.0


def status(jobs: Sequence[Job], langs: Sequence[str], out: Path | None = None) -> list[StatusRow]:
    """A row per job and language, in job order. Raises :class:`PoFileError` for a broken PO file."""
    from ..document.markdown import parse
    from ..storage import read_text
    from .merge import plan_document
    from .merge import translatable

    cache = CatalogCache()
    rows: list[StatusRow] = []
    for job in jobs:
        segments = translatable(parse(read_text(job.source), str(job.source)))
        for lang in langs:
            po_path = job.po(lang, out)
            catalog = cache.load(po_path)
            origins = [d.origin for d in plan_document(segments, catalog).decisions]
            states = ["approved" if o == "approved" else "machine" if o == "memory" else "untranslated" for o in origins]
            rows.append(
                StatusRow(
                    source=str(job.source),
                    lang=lang,
                    po=str(po_path),
                    exists=catalog is not None,
                    total=len(segments),
                    approved=states.count("approved"),
                    machine=states.count("machine"),
                    untranslated=states.count("untranslated"),
                    obsolete=len(catalog.obsolete) if catalog is not None else 0,
                )
            )
    return rows


def to_json(rows: Sequence[StatusRow]) -> str:
    data = [{**asdict(row), "approved_percent": round(row.percent, 1)} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_table(rows: Sequence[StatusRow]) -> str:
    """A plain-text table, one line per document and language, with a total line."""
    header = ("document", "lang", *COLUMNS, "approved %")
    body = [
        (_name(row), row.lang, *(str(getattr(row, c)) for c in COLUMNS), f"{row.percent:.1f}%" + ("" if row.exists else " (no PO)"))
        for row in rows
    ]
    if len(rows) > 1:
        sums = {c: sum(getattr(row, c) for row in rows) for c in COLUMNS}
        percent = 100.0 * sums["approved"] / sums["total"] if sums["total"] else 100.0
        body.append(("all", "", *(str(sums[c]) for c in COLUMNS), f"{percent:.1f}%"))
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header))]
    lines = []
    for line in (header, *body):
        cells = [cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _name(row: StatusRow) -> str:
    path = Path(row.source)
    return str(path.parent) if path.name == "en.md" else str(path)
