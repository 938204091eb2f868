"""The translation pipeline: documents → segments → (memory | glossary-masked engine) → editions.

All segments of all documents in a run go to the engine as one batch per language, sorted by
length and deduplicated, so identical sentences are translated once. Nothing here reads or
writes files or prints: the CLI does that at the edges.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..engines.base import Engine, engine_notes
from ..document.integrity import repair
from ..values import Document, Event, Segment, Signature, Translation
from ..document.rebuild import rebuild
from ..document.segment import has_words, segment, unit_texts

if TYPE_CHECKING:
    from ..glossary.schema import Glossary

Progress = Callable[[int], None]
CHUNK = 256  # sentences per engine call: large enough to batch well, small enough to report progress


@dataclass(frozen=True)
class Edition:
    """One document in one language: every segment's translation and the rebuilt Markdown."""

    document: Document
    lang: str
    segments: tuple[Segment, ...]
    translations: Mapping[str, Translation]
    markdown: str  # "" once released (:meth:`Run.released`): its staged file holds it
    signature: Signature

    @property
    def events(self) -> list[Event]:
        return [event for t in self.translations.values() for event in t.events]


@dataclass(frozen=True)
class Run:
    """The outcome of translating documents into languages."""

    editions: tuple[Edition, ...]
    engine_calls: int = 0  # segments the engine was asked for (after deduplication)
    signatures: Mapping[str, Signature] = field(default_factory=dict)

    def released(self) -> Run:
        """This run with each edition's Markdown let go, once it is staged (the file holds it, and a
        document's views read it back from there): the views need the translations, not the text."""
        return replace(self, editions=tuple(replace(e, markdown="") for e in self.editions))

    def for_document(self, path: str) -> list[Edition]:
        return list(self._by_document.get(path, ()))

    @functools.cached_property
    def _by_document(self) -> dict[str, list[Edition]]:
        """Editions by document path, so asking for each document of an archive is not quadratic."""
        out: dict[str, list[Edition]] = {}
        for edition in self.editions:
            out.setdefault(edition.document.path, []).append(edition)
        return out


def translate(
    documents: Sequence[Document],
    langs: Sequence[str],
    engine: Engine,
    glossary: Glossary | None = None,
    known: Mapping[tuple[str, str], Mapping[str, Translation]] | None = None,
    progress: Progress | None = None,
    source_lang: str = "en",
    segments: Mapping[str, Sequence[Segment]] | None = None,
) -> Run:
    """Translate ``documents`` into each of ``langs``.

    ``known`` holds translations decided before the run (approved or reused from memory), keyed
    by (document path, lang) then segment id; those segments never reach the engine, except a
    changed sentence's previous translation (origin ``previous``): the edition shows it, and the
    engine's translation goes into its ``suggestion``. The engine
    is checked and asked for its signature only for a language with something left to translate;
    a language fully known from memory gets the signature ``engine:memory``. ``segments``, by
    document path, are the documents' segments when the caller has them already.
    """
    known = known or {}
    segments = segments or {}
    segmented = [(doc, list(segments[doc.path]) if doc.path in segments else segment(doc)) for doc in documents]
    editions: list[Edition] = []
    calls = 0
    signatures: dict[str, Signature] = {}
    plans: dict[str, tuple[dict[tuple[str, str], Translation], dict[str, list[tuple[str, Segment]]]]] = {}
    for lang in langs:
        decided: dict[tuple[str, str], Translation] = {}
        pending: dict[str, list[tuple[str, Segment]]] = {}
        for doc, segs in segmented:
            memory = known.get((doc.path, lang), {})
            for seg in segs:
                if seg.id in memory:
                    decided[(doc.path, seg.id)] = memory[seg.id]
                    if memory[seg.id].origin == "previous":
                        pending.setdefault(seg.text, []).append((doc.path, seg))
                elif not has_words(seg.text):
                    decided[(doc.path, seg.id)] = Translation(seg.id, lang, seg.text, "source")
                else:
                    pending.setdefault(seg.text, []).append((doc.path, seg))
        plans[lang] = (decided, pending)
        if pending:  # the engine is checked only for a language it has something to translate into
            engine.check_pair(source_lang, lang)
    for lang in langs:
        decided, pending = plans[lang]
        name = engine.signature(source_lang, lang) if pending else "memory"
        signature = Signature(name, glossary=glossary.hash if glossary else None)
        signatures[lang] = signature
        texts = sorted(pending, key=len)
        calls += len(texts)
        for text, result in zip(texts, _translate_texts(texts, engine, glossary, source_lang, lang, progress)):
            for path, seg in pending[text]:
                final, events = repair(seg.text, result.text, seg.id)
                notes = engine_notes(engine, result.masked, source_lang, lang)
                flagged = tuple(Event("unknown-token", seg.id, note) for note in notes)
                own_events = tuple(_retarget(e, seg.id) for e in result.events) + events + flagged
                shown = decided.get((path, seg.id))
                if shown is not None and shown.origin == "previous":  # the edition keeps the human text
                    decided[(path, seg.id)] = replace(shown, suggestion=final)
                    continue
                decided[(path, seg.id)] = Translation(seg.id, lang, final, "engine", result.raw, result.masked, own_events)
        for doc, segs in segmented:
            translations = {seg.id: decided[(doc.path, seg.id)] for seg in segs}
            texts_by_id = {sid: t.text for sid, t in translations.items()}
            markdown = rebuild(doc, unit_texts(doc, segs, texts_by_id))
            editions.append(Edition(doc, lang, tuple(segs), translations, markdown, signature))
    return Run(tuple(editions), calls, signatures)


@dataclass(frozen=True)
class _Result:
    text: str
    raw: str
    masked: str
    events: tuple[Event, ...] = ()


def _retarget(event: Event, segment_id: str) -> Event:
    return event if event.segment == segment_id else Event(event.kind, segment_id, event.detail, event.term)


def _translate_texts(
    texts: list[str], engine: Engine, glossary: Glossary | None, source: str, target: str, progress: Progress | None
) -> list[_Result]:
    results: list[_Result] = []
    matcher = glossary.matcher if glossary is not None else None
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start : start + CHUNK]
        if glossary is not None and matcher is not None:
            from ..glossary.mask import enforce

            for res in enforce(chunk, engine, source, target, glossary, matcher):
                results.append(_Result(res.text, res.raw, res.masked, tuple(res.events)))
        else:
            outputs = engine.translate(chunk, source, target)
            if len(outputs) != len(chunk):
                raise RuntimeError(f"engine {engine.name} returned {len(outputs)} texts for {len(chunk)}")
            results.extend(_Result(out, out, text) for text, out in zip(chunk, outputs))
        if progress is not None:
            progress(len(chunk))
    return results
