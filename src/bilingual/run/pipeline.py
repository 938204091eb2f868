"""The translation pipeline: documents → segments → (memory | glossary-masked engine) → editions.

The segments of a run's documents go to the engine deduplicated, so identical sentences are
translated once, sorted by length, for the whole run or for each of its two halves; the engine
translates the second half while the caller writes the files of the first, and is handed each call
before it is waited for on the call before. Nothing here reads or writes files or prints: the CLI
does that at the edges.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..engines.base import Engine, engine_notes, submit
from ..document.integrity import repair
from ..values import Document, Event, Segment, Signature, Translation
from ..document.rebuild import rebuild
from ..document.segment import has_words, segment, unit_texts
from .background import ahead, pipelined

if TYPE_CHECKING:
    from ..glossary.schema import Glossary

Progress = Callable[[int], None]
#: Sentences per call of the engine: the next call is handed over before a call is waited for, so the
#: calls can be short (progress is reported and Ctrl-C is heard once a call is done) without the cost of
#: each call's end; at most two calls are with the engine, which finishes them before the process exits.
CHUNK = 128
#: Sentences for the engine that each half of a run has at least, or the run is one group
#: (:func:`translate_parts`): smaller calls of the engine translate fewer sentences a second.
GROUP_TEXTS = 64


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
    """Translate ``documents`` into each of ``langs``: every part of :func:`translate_parts` as one run,
    its editions by language, then by document."""
    parts = list(translate_parts(documents, langs, engine, glossary, known, progress, source_lang, segments))
    order = {lang: i for i, lang in enumerate(langs)}
    editions = sorted((e for part in parts for e in part.editions), key=lambda e: order[e.lang])  # stable: documents in order
    return Run(tuple(editions), sum(p.engine_calls for p in parts), parts[0].signatures if parts else {})


def translate_parts(
    documents: Sequence[Document],
    langs: Sequence[str],
    engine: Engine,
    glossary: Glossary | None = None,
    known: Mapping[tuple[str, str], Mapping[str, Translation]] | None = None,
    progress: Progress | None = None,
    source_lang: str = "en",
    segments: Mapping[str, Sequence[Segment]] | None = None,
    group_texts: int = GROUP_TEXTS,
) -> Iterator[Run]:
    """Translate ``documents`` into each of ``langs``: one :class:`Run` per group of documents, in order,
    the engine translating the next group's sentences while the caller handles this one (it writes that
    group's files while the engine works).

    ``known`` holds translations decided before the run (approved or reused from memory), keyed
    by (document path, lang) then segment id; those segments never reach the engine, except a
    changed sentence's previous translation (origin ``previous``): the edition shows it, and the
    engine's translation goes into its ``suggestion``. The engine
    is checked and asked for its signature only for a language with something left to translate;
    a language fully known from memory gets the signature ``engine:memory``. ``segments``, by
    document path, are the documents' segments when the caller has them already.

    A sentence goes to the engine once, with the first group that has it, sorted by length with that
    group's other sentences. The groups are the run's two halves, in whole documents, when each has
    at least ``group_texts`` sentences for the engine, or else the whole run: small groups make small
    calls, which translate fewer sentences a second (#26, ``bench_translate.py``; the rule was chosen
    when each call's end also left part of the model's parallel translators idle, before calls were
    handed over one ahead).
    """
    known = known or {}
    segments = segments or {}
    segmented = [(doc, list(segments[doc.path]) if doc.path in segments else segment(doc)) for doc in documents]
    plans = {lang: _plan(segmented, known.get, lang) for lang in langs}
    for lang in langs:
        if plans[lang][1]:  # the engine is checked only for a language it has something to translate into
            engine.check_pair(source_lang, lang)
    signatures: dict[str, Signature] = {}
    for lang in langs:
        name = engine.signature(source_lang, lang) if plans[lang][1] else "memory"
        signatures[lang] = Signature(name, glossary=glossary.hash if glossary else None)
    groups = _groups(segmented, plans, group_texts)
    if glossary is not None and any(texts for _, texts in groups):
        glossary.matcher  # noqa: B018 (built here, on one thread, before the engine's thread searches with it)
    produce = functools.partial(_translated, [texts for _, texts in groups], plans, engine, glossary, source_lang, progress)
    translated: dict[tuple[str, str, str], Translation] = {}
    last = len(groups) - 1
    for index, ((docs, texts), results) in enumerate(zip(groups, ahead(produce, len(groups) > 1, name="bilingual-engine"))):
        translated.update(results)
        del results  # held once, in translated
        # yielded without a name here, so that the caller holds the only reference to the part (and lets each
        # edition's Markdown go once it is staged); the last part lets go of the plans first
        yield _part(docs, langs, plans, translated, signatures, sum(map(len, texts.values())), index == last)


_Plan = tuple[dict[tuple[str, str], Translation], dict[str, list[tuple[str, Segment]]]]


def _part(docs: Sequence[tuple[Document, list[Segment]]], langs: Sequence[str], plans: dict[str, _Plan],
          translated: dict[tuple[str, str, str], Translation], signatures: Mapping[str, Signature], calls: int, last: bool) -> Run:
    """The run of one part; with ``last``, ``plans`` and ``translated`` are emptied once it is made (no later part
    needs them, and the caller writes this part's files next)."""
    run = Run(_editions(docs, langs, plans, translated, signatures), calls, signatures)
    if last:
        translated.clear()
        plans.clear()
    return run


def _editions(docs: Sequence[tuple[Document, list[Segment]]], langs: Sequence[str], plans: Mapping[str, _Plan],
              translated: Mapping[tuple[str, str, str], Translation], signatures: Mapping[str, Signature]) -> tuple[Edition, ...]:
    """Each document of a part in each language, by language: its translations (the engine's, else those
    decided before it) and its Markdown rebuilt with them."""
    editions = []
    for lang in langs:
        decided = plans[lang][0]
        for doc, segs in docs:
            translations = {s.id: translated[key] if (key := (lang, doc.path, s.id)) in translated else decided[(doc.path, s.id)]
                            for s in segs}
            markdown = rebuild(doc, unit_texts(doc, segs, {sid: t.text for sid, t in translations.items()}))
            editions.append(Edition(doc, lang, tuple(segs), translations, markdown, signatures[lang]))
    return tuple(editions)


def _plan(segmented: Sequence[tuple[Document, list[Segment]]], known: Callable[[tuple[str, str]], Mapping[str, Translation] | None],
          lang: str) -> _Plan:
    """Into ``lang``: the translations decided before the engine, by (document path, segment id), and the
    sentences for the engine, each with every (document path, segment) that has it, in document order."""
    decided: dict[tuple[str, str], Translation] = {}
    pending: dict[str, list[tuple[str, Segment]]] = {}
    for doc, segs in segmented:
        memory = known((doc.path, lang)) or {}
        for seg in segs:
            if seg.id in memory:
                decided[(doc.path, seg.id)] = memory[seg.id]
                if memory[seg.id].origin == "previous":
                    pending.setdefault(seg.text, []).append((doc.path, seg))
            elif not has_words(seg.text):
                decided[(doc.path, seg.id)] = Translation(seg.id, lang, seg.text, "source")
            else:
                pending.setdefault(seg.text, []).append((doc.path, seg))
    return decided, pending


_Group = tuple[list[tuple[Document, list[Segment]]], dict[str, list[str]]]


def _groups(segmented: Sequence[tuple[Document, list[Segment]]], plans: Mapping[str, _Plan], group_texts: int) -> list[_Group]:
    """The run's documents in one group or two halves, each with its new sentences for the engine, by language
    (see :func:`translate_parts`)."""
    by_document: dict[str, dict[str, list[str]]] = {}  # each sentence with the first document that has it, by language
    for lang, (_, pending) in plans.items():
        for text, uses in pending.items():
            by_document.setdefault(uses[0][0], {}).setdefault(lang, []).append(text)
    counts = [sum(map(len, by_document.get(doc.path, {}).values())) for doc, _ in segmented]
    before = list(itertools.accumulate(counts, initial=0))  # sentences of the documents before each cut
    cut = min(range(len(counts) + 1), key=lambda k: abs(2 * before[k] - before[-1]))  # nearest the half
    halves = [segmented[:cut], segmented[cut:]] if min(before[cut], before[-1] - before[cut]) >= group_texts else [segmented]
    groups: list[_Group] = []
    for docs in halves:
        texts: dict[str, list[str]] = {}
        for doc, _ in docs:
            for lang, new in by_document.get(doc.path, {}).items():
                texts.setdefault(lang, []).extend(new)
        groups.append((list(docs), texts))
    return groups


def _translated(groups: Sequence[Mapping[str, list[str]]], plans: Mapping[str, _Plan], engine: Engine,
                glossary: Glossary | None, source_lang: str, progress: Progress | None,
                stop: threading.Event) -> Iterator[dict[tuple[str, str, str], Translation]]:
    """The engine's translation of each group's sentences, group by group, for every segment that has them, by
    (lang, document path, segment id): repaired, with the engine's notes (taken on the thread that translated).

    Each language's sentences of a group go sorted by length in calls of :data:`CHUNK`, every call handed to the
    engine before the one before is waited for (:func:`~bilingual.run.background.pipelined`), across languages
    and groups; once ``stop`` is set, no further call is made."""
    calls = [_calls(group) for group in groups]
    steps = (functools.partial(_submit, chunk, engine, glossary, source_lang, lang) for group in calls for lang, chunk in group)
    results = pipelined(steps, stop)
    for group in calls:
        out: dict[tuple[str, str, str], Translation] = {}
        for lang, chunk in group:
            decided, pending = plans[lang]
            for text, result in zip(chunk, next(results), strict=True):
                for path, seg in pending[text]:
                    final, events = repair(seg.text, result.text, seg.id)
                    notes = engine_notes(engine, result.masked, source_lang, lang)
                    flagged = tuple(Event("unknown-token", seg.id, note) for note in notes)
                    own_events = tuple(_retarget(e, seg.id) for e in result.events) + events + flagged
                    shown = decided.get((path, seg.id))
                    if shown is not None and shown.origin == "previous":  # the edition keeps the human text
                        out[(lang, path, seg.id)] = replace(shown, suggestion=final)
                        continue
                    out[(lang, path, seg.id)] = Translation(seg.id, lang, final, "engine", result.raw, result.masked, own_events)
            if progress is not None:
                progress(len(chunk))
        yield out


@dataclass(frozen=True)
class _Result:
    text: str
    raw: str
    masked: str
    events: tuple[Event, ...] = ()


def _retarget(event: Event, segment_id: str) -> Event:
    return event if event.segment == segment_id else Event(event.kind, segment_id, event.detail, event.term)


def _calls(group: Mapping[str, list[str]]) -> list[tuple[str, list[str]]]:
    """A group's calls of the engine: each language's sentences sorted by length, in the fewest calls of at
    most :data:`CHUNK`, their sizes as equal as can be (the engine cuts a call's batches from its own
    sentences, so a small last call would go in small batches, which translate fewer sentences a second)."""
    calls = []
    for lang, texts in group.items():
        ordered = sorted(texts, key=len)
        if not ordered:
            continue
        count = -(-len(ordered) // CHUNK)
        bounds = [len(ordered) * k // count for k in range(count + 1)]
        calls += [(lang, ordered[start:end]) for start, end in itertools.pairwise(bounds)]
    return calls


def _submit(texts: list[str], engine: Engine, glossary: Glossary | None, source: str, target: str) -> Callable[[], list[_Result]]:
    """One call of the engine handed over (the glossary's terms masked first): what waits for its results."""
    if glossary is not None:
        from ..glossary.mask import submit_enforced

        enforced = submit_enforced(texts, engine, source, target, glossary, glossary.matcher)
        return lambda: [_Result(res.text, res.raw, res.masked, tuple(res.events)) for res in enforced()]
    pending = submit(engine, texts, source, target)

    def wait() -> list[_Result]:
        outputs = pending()
        if len(outputs) != len(texts):
            raise RuntimeError(f"engine {engine.name} returned {len(outputs)} texts for {len(texts)}")
        return [_Result(out, out, text) for text, out in zip(texts, outputs)]

    return wait
