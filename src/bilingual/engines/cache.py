"""``CachedEngine``: wraps any engine so identical texts are translated once per run.

Newsletters repeat themselves (section headings, sign-offs, "Read more"), and a sentence
translated once need not be translated again. The memo is keyed by the pair, the wrapped
engine's signature for it and the source text, so it never mixes outputs of different models.
Only the texts not yet seen go to the wrapped engine, in one batch.

The memo holds at most :data:`MEMO_TEXTS` translations and forgets the least recently used first,
so a run over an archive keeps its repeated headings and sign-offs without keeping every
sentence of every issue (its memory is bounded by a batch, not by the archive).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import ModelError
from .base import Engine, Pending, engine_notes, preload, submit

#: Translations a :class:`CachedEngine` remembers: a few batches of an archive run (about 6 MB).
MEMO_TEXTS = 8192


@dataclass(frozen=True)
class CacheStats:
    """How many texts a :class:`CachedEngine` was asked for, and how many the wrapped engine got."""

    requested: int
    translated: int

    @property
    def reused(self) -> int:
        return self.requested - self.translated


class CachedEngine:
    """An :class:`Engine` that remembers the last ``capacity`` translations for the life of the object."""

    def __init__(self, engine: Engine, capacity: int = MEMO_TEXTS) -> None:
        self.engine = engine
        self.name = engine.name
        self.capacity = capacity
        self._memo: OrderedDict[tuple[str, str, str, str], str] = OrderedDict()
        self._signatures: dict[tuple[str, str], str] = {}
        self._requested = 0
        self._translated = 0

    @property
    def stats(self) -> CacheStats:
        return CacheStats(self._requested, self._translated)

    def signature(self, source: str, target: str) -> str:
        key = (source, target)
        if key not in self._signatures:
            self._signatures[key] = self.engine.signature(source, target)
        return self._signatures[key]

    def check_pair(self, source: str, target: str) -> None:
        self.engine.check_pair(source, target)

    def check_pairs(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Check every pair up front: the wrapped engine's ``check_pairs`` if it has one."""
        pairs = list(pairs)
        check_all = getattr(self.engine, "check_pairs", None)
        if callable(check_all):
            check_all(pairs)
            return
        for source, target in pairs:
            self.engine.check_pair(source, target)

    def preload(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Let the wrapped engine start loading what ``pairs`` need (see :func:`~bilingual.engines.base.preload`)."""
        preload(self.engine, pairs)

    def notes(self, text: str, source: str, target: str) -> tuple[str, ...]:
        """The wrapped engine's notes about ``text`` (see :func:`bilingual.engines.base.engine_notes`)."""
        return engine_notes(self.engine, text, source, target)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return self.submit(texts, source, target)()

    def submit(self, texts: Sequence[str], source: str, target: str) -> Pending:
        """The texts not remembered handed to the wrapped engine now (its own ``submit``, if it has one), in one
        call; what is returned waits for them and remembers them (:func:`bilingual.engines.base.submit`)."""
        texts = list(texts)
        self._requested += len(texts)
        if not texts:
            return lambda: []
        signature = self.signature(source, target)
        found: dict[str, str] = {}
        unseen: list[str] = []
        for text in dict.fromkeys(texts):
            key = (source, target, signature, text)
            if key in self._memo:
                self._memo.move_to_end(key)
                found[text] = self._memo[key]
            else:
                unseen.append(text)
        pending = submit(self.engine, unseen, source, target) if unseen else None

        def wait() -> list[str]:
            if pending is not None:
                outputs = pending()
                if len(outputs) != len(unseen):
                    raise ModelError(
                        f"engine {self.engine.name} returned {len(outputs)} translations for {len(unseen)} texts"
                    )
                self._translated += len(unseen)
                for text, output in zip(unseen, outputs, strict=True):
                    found[text] = self._memo[(source, target, signature, text)] = output
                while len(self._memo) > self.capacity:
                    self._memo.popitem(last=False)
            return [found[text] for text in texts]

        return wait

    @property
    def remembered(self) -> int:
        """How many translations the memo holds now."""
        return len(self._memo)
