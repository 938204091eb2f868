"""The last step of a run: write its files."""

from __future__ import annotations

from pathlib import Path

from ..memory.stamp import record
from .outcome import Outcome


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


