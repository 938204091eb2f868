"""The ``slow`` engine, for interruption and concurrency tests, and the CLI with it registered.

``python tests/slow_engine.py translate … --engine slow`` runs ``bilingual`` with one more engine:
it pseudo-translates after sleeping ``BILINGUAL_SLOW_SECONDS`` per batch, touching
``BILINGUAL_SLOW_MARKER`` first, so a test knows the run is inside the engine and can interrupt it
there; with ``BILINGUAL_SLOW_GATE`` it then waits until that file exists (a test does something
while the run is inside the engine). The engine lives here, not in the package: it is a test's.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

#: The command line that runs ``bilingual`` with the slow engine registered.
SLOW_CLI = [sys.executable, str(Path(__file__).resolve())]


class SlowEngine:
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
        from bilingual.engines.pseudo import pseudo

        if self.marker is not None:
            self.marker.write_text(f"{target} {len(texts)}\n", encoding="utf-8")
        time.sleep(self.seconds)
        while self.gate is not None and not self.gate.exists():
            time.sleep(0.02)
        return [pseudo(text) for text in texts]


def slow_engine(options: object = None) -> SlowEngine:
    marker = os.environ.get("BILINGUAL_SLOW_MARKER")
    gate = os.environ.get("BILINGUAL_SLOW_GATE")
    return SlowEngine(float(os.environ.get("BILINGUAL_SLOW_SECONDS", "1")), Path(marker) if marker else None,
                      Path(gate) if gate else None)


if __name__ == "__main__":
    from bilingual.cli import main
    from bilingual.engines.registry import ENGINES

    ENGINES["slow"] = slow_engine
    sys.argv[0] = "bilingual"
    main()
