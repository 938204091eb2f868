"""Engines by name. Heavy engines are imported only when asked for."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from typing import TYPE_CHECKING

from .base import Engine

if TYPE_CHECKING:
    from .argos import ArgosOptions

ENGINES = ("argos", "identity", "pseudo")
#: Setting this to 1 also offers ``slow``: a pseudo engine that sleeps, for interruption tests.
TEST_ENGINES_ENV = "BILINGUAL_TEST_ENGINES"


def make_engine(name: str, argos: ArgosOptions | None = None) -> Engine:
    """The engine called ``name``, ready to use. ``argos`` configures the Argos engine."""
    from ..errors import InputError

    if name == "identity":
        from .identity import IdentityEngine

        return IdentityEngine()
    if name == "pseudo":
        from .pseudo import PseudoEngine

        return PseudoEngine()
    if name == "argos":
        from .argos import ArgosEngine
        from .cache import CachedEngine

        return CachedEngine(ArgosEngine(argos))
    if name == "slow" and os.environ.get(TEST_ENGINES_ENV) == "1":
        marker = os.environ.get("BILINGUAL_SLOW_MARKER")
        gate = os.environ.get("BILINGUAL_SLOW_GATE")
        return SlowEngine(float(os.environ.get("BILINGUAL_SLOW_SECONDS", "1")), Path(marker) if marker else None, Path(gate) if gate else None)
    raise InputError(f"unknown engine '{name}'; choose one of: {', '.join(ENGINES)}")


class SlowEngine:
    """Test only: pseudo-translates after sleeping ``seconds`` per batch, touching ``marker`` first,
    so a test knows the run is inside the engine and can interrupt it there. With ``gate``, it
    then waits until that file exists (a test does something while the run is inside the engine)."""

    name = "slow"

    def __init__(self, seconds: float, marker: Path | None = None, gate: Path | None = None) -> None:
        self.seconds = seconds
        self.marker = marker
        self.gate = gate

    def signature(self, source: str, target: str) -> str:
        return "slow:test"

    def check_pair(self, source: str, target: str) -> None:
        return None

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        from .pseudo import pseudo

        if self.marker is not None:
            self.marker.write_text(f"{target} {len(texts)}\n", encoding="utf-8")
        time.sleep(self.seconds)
        while self.gate is not None and not self.gate.exists():
            time.sleep(0.02)
        return [pseudo(text) for text in texts]
