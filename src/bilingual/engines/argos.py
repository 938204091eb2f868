"""The ``argos`` engine: installed Argos Translate packages run directly with CTranslate2.

Argos's own ``translate()`` splits every paragraph into sentences and translates them in
small batches. Here every text of a call goes to ``Translator.translate_batch`` at once;
CTranslate2 sorts them by length, cuts token-bounded batches (``batch_type="tokens"``) and
returns the results in the original order. Each package is loaded once per engine, a pair
without a direct package pivots through English. :meth:`ArgosEngine.submit` hands a call to
CTranslate2's queue and returns at once, so that a run gives the model its next call before it
waits for this one.

Each sentence is tokenized and decoded exactly as argostranslate's ``apply_packaged_translation``
does (SentencePiece or BPE, :mod:`.tokenizers`; the target prefix given and removed), so
:attr:`Output.argos` is argostranslate's translation byte for byte. bilingual's own text keeps
the source of unknown tokens (:mod:`.unknown`) and is tidied for Chinese and Japanese (no
spaces between CJK characters or around full-width punctuation).

``ctranslate2`` and the tokenizer libraries are imported when a model is first loaded, never
at import time; ``argostranslate.translate`` is never imported. :meth:`ArgosEngine.preload`
starts that load in a background thread, so that a run reads and parses its documents while
the model loads; :meth:`ArgosEngine.load` then waits for it, and raises what it raised.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ModelError
from ..packages import InstalledPackage, list_installed, packages_dir
from .argostext import argos_text, bilingual_text, detokenize, normalise_input
from .base import Pending
from .loading import LoadedPackage, load_in_background, load_package, one_line
from .unknown import keep_source, kept_note, marks_note, replaced_note, source_vocabulary

if TYPE_CHECKING:
    from concurrent.futures import Future

    from ctranslate2 import AsyncTranslationResult

PIVOT = "en"
LENGTH_PENALTY = 0.2  # as Argos Translate


def default_threads(cpu_count: int | None = None) -> tuple[int, int]:
    """``(inter_threads, intra_threads)`` for a machine.

    For throughput, batches translated in parallel beat more threads on one batch (on 2
    cores, 2×1 is about a third faster than 1×2), so: 2 cores 2×1, 4 cores 2×2, 8 cores 4×2,
    16 cores 4×4 (at most 4 parallel batches, to bound memory).
    """
    cores = max(1, cpu_count if cpu_count is not None else (os.cpu_count() or 1))
    if cores == 1:
        return 1, 1
    inter = min(4, max(2, cores // 2))
    return inter, max(1, cores // inter)


@dataclass(frozen=True)
class ArgosOptions:
    """How the engine runs CTranslate2. The defaults suit 2–16 CPU cores; a command line gets
    its options from :func:`bilingual.engines.settings.resolve_argos` (flags, Argos's settings)."""

    beam_size: int = 2
    compute_type: str = "int8"
    inter_threads: int = field(default_factory=lambda: default_threads()[0])
    intra_threads: int = field(default_factory=lambda: default_threads()[1])
    max_batch_tokens: int = 512  # source tokens per batch (CTranslate2 sorts by length, then cuts)
    max_decoding_length: int = 256  # target tokens per sentence
    device: str = "cpu"  # "cpu" or "cuda"
    device_index: tuple[int, ...] = (0,)  # GPUs to spread batches over (cuda)

    @property
    def parallel(self) -> int:
        """Batches translated at once: ``inter_threads`` on each device."""
        return self.inter_threads * max(1, len(self.device_index))

    def __post_init__(self) -> None:
        for name in ("beam_size", "inter_threads", "max_batch_tokens", "max_decoding_length"):
            if getattr(self, name) < 1:
                raise ModelError(f"argos option {name} must be at least 1, got {getattr(self, name)}")
        if self.intra_threads < 0:
            raise ModelError(f"argos option intra_threads must be 0 (automatic) or more, got {self.intra_threads}")


@dataclass(frozen=True)
class Output:
    """One sentence through one package.

    ``argos`` is what argostranslate's ``apply_packaged_translation`` gives for the sentence
    (same tokens, same decoding); ``text`` is bilingual's: the same, except that an unknown
    token keeps its source text where that can be told, a target prefix that argostranslate
    fails to strip is removed, and CJK spacing is tidied (:func:`~bilingual.engines.argostext.detokenize`). ``notes`` say
    why a human should look (unknown tokens).
    """

    text: str
    argos: str
    notes: tuple[str, ...] = ()


class ArgosEngine:
    """Translates with installed Argos packages. Implements :class:`bilingual.engines.base.Engine`."""

    name = "argos"

    def __init__(self, options: ArgosOptions | None = None, dirs: Sequence[Path] | None = None) -> None:
        """``dirs``: the package folders to search (default: Argos's, read on first use)."""
        self.options = options if options is not None else ArgosOptions()
        self._dirs = tuple(Path(d) for d in dirs) if dirs is not None else None
        self._installed: list[InstalledPackage] | None = None
        self._loaded: dict[Path, LoadedPackage] = {}
        self._loading: dict[Path, Future[LoadedPackage]] = {}  # started by preload, not yet taken by load
        self._notes: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self._vocabularies: dict[Path, frozenset[str] | None] = {}

    # -- which packages ------------------------------------------------------------------

    def route(self, source: str, target: str) -> tuple[InstalledPackage, ...]:
        """The packages that translate ``source``→``target``: one, or two through English."""
        direct = self._find(source, target)
        if direct is not None:
            return (direct,)
        if source == target:
            return ()
        missing = self._missing_legs(source, target)
        if not missing:
            first, second = self._find(source, PIVOT), self._find(PIVOT, target)
            assert first is not None and second is not None
            return (first, second)
        raise ModelError(self._missing_message([(source, target)], missing))

    def check_pair(self, source: str, target: str) -> None:
        """Raise :class:`ModelError` if no installed package (or English pivot) covers the pair."""
        self.route(source, target)

    def check_pairs(self, pairs: Iterable[tuple[str, str]], load: bool = True) -> None:
        """Check every pair a run needs before anything is translated; one error names all gaps.

        With ``load``, the models are loaded too, so a corrupt model also fails up front.
        """
        pairs = list(dict.fromkeys(pairs))
        unroutable, missing = [], []
        for source, target in pairs:
            legs = self._missing_legs(source, target)
            if legs:
                unroutable.append((source, target))
                missing.extend(leg for leg in legs if leg not in missing)
        if unroutable:
            raise ModelError(self._missing_message(unroutable, missing))
        if load:
            for source, target in pairs:
                for package in self.route(source, target):
                    self.load(package)

    def preload(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Start loading, each in a background thread, the models ``pairs`` need and are not loaded.

        Nothing is raised here: a pair without a model is reported by :meth:`check_pairs`, and a
        model that fails to load raises from :meth:`load` the error a load there would have raised.
        A model that no call ever needs still finishes loading (the process waits for it to end).
        """
        for source, target in dict.fromkeys(pairs):
            try:
                route = self.route(source, target)
            except ModelError:
                continue
            for package in route:
                key = package.path.resolve()
                if key in self._loaded or key in self._loading:
                    continue
                self._loading[key] = load_in_background(package, self.options)

    def signature(self, source: str, target: str) -> str:
        """``argos:translate-en_zh-1.9``; through English ``argos:translate-zh_en-1.9+translate-en_ja-1.1``."""
        route = self.route(source, target)
        return "argos:" + ("+".join(p.meta.label for p in route) if route else "identity")

    # -- translating ------------------------------------------------------------------------

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate every text in one batched pass per package; one output per input, in order.

        What a human should know about an output (an unknown token) is kept for :meth:`notes`.
        """
        return self.submit(texts, source, target)()

    def submit(self, texts: Sequence[str], source: str, target: str) -> Pending:
        """:meth:`translate` in two steps: the first package's batches go to CTranslate2's queue now, and
        what is returned waits for them (:func:`bilingual.engines.base.submit`).

        A caller that hands over its next call before it waits for this one keeps the model's parallel
        translators busy where a call's last batches would leave some idle. What depends on the first
        package's output (a second package through English, the second pass of a model that wrote an
        unknown token) is run when waited for. CTranslate2 finishes every batch it was given, waited for
        or not, before the process can exit.
        """
        route = self.route(source, target)
        originals = [str(text) for text in texts]
        started = self._start(self.load(route[0]), originals) if route else None

        def wait() -> list[str]:
            current = list(originals)
            notes: list[tuple[str, ...]] = [() for _ in current]
            for index, package in enumerate(route):
                if index == 0:
                    assert started is not None
                    outputs = self._finish(started)
                else:
                    outputs = self.run_package(self.load(package), current)
                current = [o.text for o in outputs]
                notes = [n + o.notes for n, o in zip(notes, outputs, strict=True)]
            for text, note in zip(originals, notes, strict=True):
                if note:
                    self._notes[(source, target, text)] = note
                else:
                    self._notes.pop((source, target, text), None)
            return current

        return wait

    def notes(self, text: str, source: str, target: str) -> tuple[str, ...]:
        """Why a human should look at the last translation of ``text`` (empty when nothing)."""
        return self._notes.get((source, target, text), ())

    def run_package(self, loaded: LoadedPackage, texts: Sequence[str]) -> list[Output]:
        """Every text through one package: one ``translate_batch`` call (two when a model wrote
        an unknown token), each text decoded as argostranslate decodes it, and as bilingual does."""
        return self._finish(self._start(loaded, texts))

    def _start(self, loaded: LoadedPackage, texts: Sequence[str]) -> _Started:
        """The texts tokenized and handed to the package's translator, not waited for."""
        todo = [(i, clean) for i, text in enumerate(texts) if (clean := normalise_input(text))]
        tokens = loaded.tokenizer.encode_batch([clean for _, clean in todo]) if todo else []
        posted = self._post(loaded, tokens, replace_unknowns=False) if todo else []
        return _Started(loaded, len(texts), todo, tokens, posted)

    def _finish(self, started: _Started) -> list[Output]:
        """Each text of a started call decoded, once its batches are translated."""
        loaded, todo, tokens = started.loaded, started.todo, started.tokens
        meta = loaded.package.meta
        outputs = [Output("", "")] * started.count
        hypotheses = _hypotheses(loaded, started.posted)
        unk = loaded.unk_token
        with_unk = [row for row, hyp in enumerate(hypotheses) if unk in hyp]
        replaced = dict(zip(with_unk, _hypotheses(loaded, self._post(loaded, [tokens[r] for r in with_unk], True)))) if with_unk else {}
        for row, (index, clean) in enumerate(todo):
            hypothesis = hypotheses[row]
            argos_tokens = replaced.get(row, hypothesis)
            argos = argos_text(loaded.tokenizer, argos_tokens, meta.target_prefix)
            notes: list[str] = []
            ours = argos_tokens
            if row in replaced:
                kept = keep_source(hypothesis, tokens[row], self._vocabulary(loaded), unk, loaded.tokenizer.decode)
                if kept is not None:
                    ours = list(kept.tokens)
                    notes.append(kept_note(kept))
                else:
                    put = [t for t, h in zip(argos_tokens, hypothesis) if h == unk]
                    notes.append(replaced_note(hypothesis.count(unk), put))
            text = detokenize(bilingual_text(loaded.tokenizer, ours, meta.target_prefix), meta.to_code)
            mark = marks_note(text, clean)
            if mark and not notes:
                notes.append(mark)
            outputs[index] = Output(text, argos, tuple(notes))
        return outputs

    def _post(self, loaded: LoadedPackage, tokens: list[list[str]], replace_unknowns: bool) -> list[AsyncTranslationResult]:
        """``tokens`` handed to the package's translator (CTranslate2 sorts them by length and queues token-bounded
        batches for its parallel translators); the results come with :func:`_hypotheses`."""
        prefix = loaded.package.meta.target_prefix
        o = self.options
        try:
            return loaded.translator.translate_batch(  # type: ignore[no-any-return]
                tokens,
                target_prefix=[[prefix]] * len(tokens) if prefix else None,
                max_batch_size=self.batch_tokens(tokens),
                batch_type="tokens",
                asynchronous=True,
                beam_size=o.beam_size,
                num_hypotheses=1,
                length_penalty=LENGTH_PENALTY,
                max_decoding_length=o.max_decoding_length,
                replace_unknowns=replace_unknowns,
            )
        except (RuntimeError, ValueError) as exc:
            raise _failed(loaded, exc) from None

    def _vocabulary(self, loaded: LoadedPackage) -> frozenset[str] | None:
        model = loaded.package.path / "model"
        if model not in self._vocabularies:
            self._vocabularies[model] = source_vocabulary(model)
        return self._vocabularies[model]

    def batch_tokens(self, tokens: Sequence[Sequence[str]]) -> int:
        """The token budget per batch: ``max_batch_tokens``, smaller for a small call so that
        every one of the ``inter_threads`` parallel translators gets a batch."""
        if self.options.parallel == 1:
            return self.options.max_batch_tokens
        total = sum(len(t) for t in tokens)
        per_thread = -(-total // self.options.parallel)
        return max(1, min(self.options.max_batch_tokens, per_thread))

    # -- loading ------------------------------------------------------------------------------

    def load(self, package: InstalledPackage) -> LoadedPackage:
        """The package's translator and tokenizer, loaded on first use (or taken from :meth:`preload`)
        and kept for the engine's life."""
        key = package.path.resolve()
        if key in self._loaded:
            return self._loaded[key]
        started = self._loading.pop(key, None)
        loaded = started.result() if started is not None else load_package(package, self.options)  # raises what loading raised
        self._loaded[key] = loaded
        return loaded

    def _find(self, source: str, target: str) -> InstalledPackage | None:
        if self._installed is None:
            self._installed = list_installed(self._dirs)
        matches = [
            p
            for p in self._installed
            if p.meta.type == "translate" and (p.meta.from_code, p.meta.to_code) == (source, target)
        ]
        return matches[-1] if matches else None  # list_installed sorts by version

    def _missing_legs(self, source: str, target: str) -> list[tuple[str, str]]:
        if source == target or self._find(source, target) is not None:
            return []
        if PIVOT in (source, target):
            return [(source, target)]
        return [leg for leg in ((source, PIVOT), (PIVOT, target)) if self._find(*leg) is None]

    def _missing_message(self, wanted: list[tuple[str, str]], legs: list[tuple[str, str]]) -> str:
        codes = list(dict.fromkeys(code for leg in legs for code in leg if code != PIVOT))
        back = any(t == PIVOT for _, t in legs)
        hint = f"`bilingual models install --index {' '.join(codes)}{' --both-ways' if back else ''}`"
        where = self._dirs[0] if self._dirs else packages_dir()
        legs_text = ", ".join(f"{s}→{t}" for s, t in legs)
        if wanted == legs:
            head = f"no {legs_text} model installed"
        else:
            wanted_text = ", ".join(f"{s}→{t}" for s, t in wanted)
            head = (
                f"cannot translate {wanted_text}: no {legs_text} model installed "
                "(a pair without a direct model pivots through English)"
            )
        return f"{head}; run {hint} or `bilingual models install FILE` (packages dir: {where})"


@dataclass(frozen=True)
class _Started:
    """A call of one package handed to its translator: the rows with text, their tokens, their pending results."""

    loaded: LoadedPackage
    count: int  # texts in the call, those without text included
    todo: list[tuple[int, str]]  # (index in the call, normalised text) of each text with something to translate
    tokens: list[list[str]]
    posted: list[AsyncTranslationResult]


def _hypotheses(loaded: LoadedPackage, posted: Sequence[AsyncTranslationResult]) -> list[list[str]]:
    """The best hypothesis of each posted row, waited for in order."""
    try:
        return [list(result.result().hypotheses[0]) for result in posted]
    except (RuntimeError, ValueError) as exc:
        raise _failed(loaded, exc) from None


def _failed(loaded: LoadedPackage, exc: Exception) -> ModelError:
    return ModelError(f"translation with {loaded.package.meta.label} failed ({one_line(exc)})", loaded.package.path)
