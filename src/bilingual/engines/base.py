"""The engine interface, after argostranslate's ``ITranslation``: small and composable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class Engine(Protocol):
    """Translates batches of placeholder-form sentences from one language to another.

    ``translate`` returns exactly one output per input, in order. Placeholder tokens
    (``{3}``, ``{/3}``) should be carried through; callers verify and repair them.
    """

    name: str

    def signature(self, source: str, target: str) -> str:
        """Names the engine, its version and model for this language pair."""
        ...

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate a batch. ``len(result) == len(texts)``."""
        ...

    def check_pair(self, source: str, target: str) -> None:
        """Raise :class:`bilingual.errors.ModelError` if this pair cannot be translated."""
        ...
