"""The identity engine: copies its input. Proves the round trip is lossless."""

from __future__ import annotations

from collections.abc import Sequence

from ..version import __version__


class IdentityEngine:
    """Returns every text unchanged."""

    name = "identity"

    def signature(self, source: str, target: str) -> str:
        return f"identity:{__version__}"

    def check_pair(self, source: str, target: str) -> None:
        return None

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return list(texts)
