"""The last step of a run: write its files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..memory.stamp import record
from .outcome import Outcome

if TYPE_CHECKING:
    from ..storage import Staging


def write(outcome: Outcome, staging: Staging | None = None) -> list[Path]:
    """Write the outcome all or nothing (:func:`bilingual.storage.write_all`); the files whose content changed.

    Every file is staged first (with ``staging``, the run staged them as it made them); then each
    is checked to be still the version the run read (a translator's save in Poedit meanwhile stops
    the run with exit 3 and nothing written); then all are renamed, PO files first. Stamps of the
    documents left complete are recorded last, so an interrupted run never leaves a stamp for
    files it did not finish writing.
    """
    from ..storage import write_all

    if staging is not None:
        assert not outcome.writes, "a staged outcome keeps no text"
        written = staging.commit()
        record(outcome.stamps, outcome.out)
        return written
    ordered = [item for kind in ("po", "edition", "view") for item in outcome.writes if item.kind == kind]
    files = {item.path: item.text for item in ordered}
    expected = {item.path: item.read for item in ordered if item.read is not None}
    written = write_all(files, expected)
    record(outcome.stamps, outcome.out)
    return written
