"""The engine interface, after argostranslate's ``ITranslation``: small and composable."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, runtime_checkable

#: What waits for a call handed to an engine (:func:`submit`): the translations, one per text, in order.
Pending = Callable[[], list[str]]


class Translator(Protocol):
    """Anything with the engine's ``translate`` method (all that glossary enforcement needs)."""

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]: ...


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


def engine_notes(engine: object, text: str, source: str, target: str) -> tuple[str, ...]:
    """What ``engine`` said a human should check about its last translation of ``text``.

    Engines may offer ``notes(text, source, target)`` (the Argos engine does, for unknown
    tokens); the others have nothing to say.
    """
    notes = getattr(engine, "notes", None)
    return tuple(notes(text, source, target)) if callable(notes) else ()


def submit(engine: Translator, texts: Sequence[str], source: str, target: str) -> Pending:
    """Hand ``texts`` to ``engine`` now and return what waits for their translations.

    Engines may offer ``submit(texts, source, target)`` with that meaning (the Argos engine hands the
    batches to CTranslate2's queue and returns at once), so that a caller can hand over its next call
    before it waits for this one; the others translate when waited for. Either way the result is what
    ``translate`` gives, and an engine's notes about it are there once it has been waited for.
    """
    start = getattr(engine, "submit", None)
    if callable(start):
        pending: Pending = start(texts, source, target)
        return pending
    texts = list(texts)
    return lambda: engine.translate(texts, source, target)


def preload(engine: object, pairs: Iterable[tuple[str, str]]) -> None:
    """Let ``engine`` start loading what it needs for ``pairs`` while the run reads its documents.

    Engines may offer ``preload(pairs)`` (the Argos engine loads its models in a background
    thread); it raises nothing, and what a load raises comes when the engine is used. The others
    load when first used.
    """
    start = getattr(engine, "preload", None)
    if callable(start):
        start(list(pairs))
