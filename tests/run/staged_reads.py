"""Which texts a run still holds each time it reads a staged file back (tests of #26's memory work).

:func:`translate_recording_reads` runs ``bilingual.translate`` with ``Staging.staged_text`` wrapped: at each read
back it notes, for every text read back before, whether the run can still reach it (after a collection, so only
what the run holds counts, not what waits for the collector).
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

import bilingual
from bilingual.storage import Staging


class Text(str):
    """A str a test can hold a weak reference to."""


def translate_recording_reads(issue: Path) -> list[list[bool]]:
    """Translate ``issue`` into zh and ja (pseudo engine); per read back, the earlier texts still reachable."""
    alive: list[weakref.ref] = []
    reads: list[list[bool]] = []
    read = Staging.staged_text

    def recording(self, path):
        text = read(self, path)
        if text is None:
            return None
        gc.collect()
        reads.append([ref() is not None for ref in alive])
        text = Text(text)
        alive.append(weakref.ref(text))
        return text

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Staging, "staged_text", recording)
        bilingual.translate([issue], bilingual.RunOptions(bilingual.engine("pseudo"), ("zh", "ja"), None))
    return reads
