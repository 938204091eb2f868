"""Glossary enforcement around any engine: mask terms as placeholders, translate, restore.

``mask`` replaces each enforced term in a sentence with a new atomic placeholder ``{N}``;
``restore`` puts the required rendering back and repairs what engines do to placeholders
(mangle, duplicate, drop); ``enforce`` runs a batch end to end (``submit_enforced`` hands it to
the engine and waits for it later), retries the sentences whose
placeholders were lost with the terms written inline, and as a last resort inserts the missing
term, so that no term is ever silently lost. Every repair is recorded as an :class:`Event`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..engines.base import Translator, submit
from ..errors import ModelError
from ..values import Event
from ..document.placeholders import TOKEN_RE, max_key, token, token_counts
from .matcher import Match, Matcher, TargetMatch
from .schema import Glossary, Term
from .spacing import space_left, space_right

#: Mangled forms of an atomic placeholder: ``{ 3}``, ``{3 }``, ``｛3｝``, ``{3}}``, ``{{3}}`` (group 1),
#: ``3}`` (group 2) and ``{3`` (group 3).
MANGLED_RE = re.compile(
    r"[{｛]{1,2}[ \t\u3000]*(\d{1,4})[ \t\u3000]*[}｝]{1,2}"
    r"|(?<![{｛/\d])(\d{1,4})[ \t]*[}｝]"
    r"|[{｛](\d{1,4})(?![\d}｝])"
)
_TRAILING = set(" \t\u3000。．.!！?？…;；:：,，、」』）)]】\"'”’")


@dataclass(frozen=True)
class Slot:
    """One masked term: placeholder ``{key}`` stands for ``surface`` and restores as ``replacement``."""

    key: int
    term: Term
    surface: str
    replacement: str
    start: int  # offsets of the surface in the original text
    end: int
    suffix: str = ""  # written after the replacement: a possessive's particle (论文的, 論文の)

    @property
    def token(self) -> str:
        return token(self.key)

    @property
    def text(self) -> str:
        """What the placeholder becomes: the replacement and its suffix."""
        return self.replacement + self.suffix


@dataclass(frozen=True)
class Masked:
    """A sentence with its enforced terms replaced by placeholders."""

    text: str  # what the engine is given
    original: str
    lang: str
    slots: dict[int, Slot] = field(default_factory=dict, hash=False)
    base: int = 0  # the highest placeholder key of the original text: markup keys are <= base
    matcher: Matcher | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Restored:
    """The outcome of :func:`restore`: ``ok`` is False when a term's placeholder was lost."""

    ok: bool
    text: str
    events: tuple[Event, ...] = ()
    missing: tuple[Slot, ...] = ()


@dataclass(frozen=True)
class EnforcedResult:
    """One sentence after :func:`enforce`."""

    text: str  # final placeholder-form text, every term in place
    raw: str  # the engine's output for the masked text (first attempt)
    masked: str  # what the engine was given first
    events: tuple[Event, ...] = ()
    strategy: str = "mask"  # mask, inline (retried with the terms written in) or insert (missing terms inserted)


#: What a possessive ("the paper's", "the papers'") becomes after a target rendering, by language.
POSSESSIVE = {"zh": "的", "ja": "の"}


def mask(text: str, glossary: Glossary, matcher: Matcher | None, target_lang: str) -> Masked:
    """Replace each kept term, and each term with a ``target_lang`` target, by a new ``{N}``.

    A kept term comes back exactly as the source wrote it (``GPUs``, ``GitHub's``,
    ``transformers``); only a misspelt case-sensitive name (``Pytorch's``) is corrected to its
    ``en`` and keeps its ending. A term with a target gets the target, plural or not; a
    possessive gets the language's particle (``论文的``, ``論文の``), so no ``'s`` is left.
    """
    matcher = matcher or glossary.matcher
    base = max_key(text)
    slots: dict[int, Slot] = {}
    pieces: list[str] = []
    pos = 0
    for match in matcher.find_source(text):
        term = match.term
        if not term.enforced(target_lang):
            continue
        suffix = ""
        if term.keep:
            replacement = _corrected(match) if match.variant else match.surface
        else:
            replacement = term.targets[target_lang][0]
            if match.ending == "possessive":
                suffix = POSSESSIVE.get(target_lang.split("-")[0].lower(), "")
        key = base + len(slots) + 1
        slots[key] = Slot(key, term, match.surface, replacement, match.start, match.end, suffix)
        pieces += [text[pos : match.start], token(key)]
        pos = match.end
    pieces.append(text[pos:])
    return Masked("".join(pieces), text, target_lang, slots, base, matcher)


def _corrected(match: Match) -> str:
    """A misspelt case-sensitive name as its ``en``, with the ending the source gave it."""
    en, surface, base = match.term.en, match.surface, match.base
    if base == surface:
        return en
    ending = surface[len(base) :] if surface.startswith(base) else ""
    stem_tail = len(base) - len(surface) + len(ending) if not ending else 0
    if not ending:  # a changed stem (-ies): keep what the source added after the common part
        common = 0
        while common < min(len(base), len(surface)) and base[common].lower() == surface[common].lower():
            common += 1
        stem_tail = len(base) - common
        ending = surface[common:]
    return (en[: len(en) - stem_tail] if stem_tail else en) + ending


def restore(output: str, masked: Masked, lang: str, segment: str = "") -> Restored:
    """Put each term's replacement back into the engine's ``output`` and check forbidden forms."""
    tokens_text, events, missing = _normalise(output, masked, segment)
    text, substituted = _substitute(tokens_text, masked, lang, segment)
    forbidden = _forbidden_events(text, masked, lang, segment)
    return Restored(not missing, text, (*events, *substituted, *forbidden), tuple(missing))


def enforce(
    texts: Sequence[str],
    engine: Translator,
    source_lang: str,
    target_lang: str,
    glossary: Glossary,
    matcher: Matcher | None = None,
    ids: Sequence[str] | None = None,
) -> list[EnforcedResult]:
    """Translate a batch with the glossary enforced: one engine call, plus one for any retries."""
    return submit_enforced(texts, engine, source_lang, target_lang, glossary, matcher, ids)()


def submit_enforced(
    texts: Sequence[str],
    engine: Translator,
    source_lang: str,
    target_lang: str,
    glossary: Glossary,
    matcher: Matcher | None = None,
    ids: Sequence[str] | None = None,
) -> Callable[[], list[EnforcedResult]]:
    """:func:`enforce` in two steps: the masked batch is handed to the engine now
    (:func:`bilingual.engines.base.submit`), and what is returned waits for it, restores the terms
    and makes the call for any retries."""
    if not texts:
        return lambda: []
    matcher = matcher or glossary.matcher
    segments = list(ids) if ids is not None else [str(i) for i in range(len(texts))]
    masked = [mask(text, glossary, matcher, target_lang) for text in texts]
    pending = submit(engine, [m.text for m in masked], source_lang, target_lang)
    return lambda: _restored(_checked(pending(), len(masked), source_lang, target_lang), masked, segments, engine,
                             source_lang, target_lang)


def _restored(raw: list[str], masked: list[Masked], segments: list[str], engine: Translator, source_lang: str,
              target_lang: str) -> list[EnforcedResult]:
    """The engine's outputs of a masked batch with the terms restored; a retry call for those that lost a term."""
    results: list[EnforcedResult | None] = []
    pending: list[int] = []
    normalised = [_normalise(out, m, seg) for out, m, seg in zip(raw, masked, segments)]
    for i, (tokens_text, events, missing) in enumerate(normalised):
        if missing:
            results.append(None)
            pending.append(i)
            continue
        text, substituted = _substitute(tokens_text, masked[i], target_lang, segments[i])
        events = [*events, *substituted, *_forbidden_events(text, masked[i], target_lang, segments[i])]
        results.append(EnforcedResult(text, raw[i], masked[i].text, tuple(events), "mask"))
    if pending:
        inline = [_inline(masked[i]) for i in pending]
        second = _checked(list(engine.translate(inline, source_lang, target_lang)), len(inline), source_lang, target_lang)
        for i, out in zip(pending, second):
            results[i] = _recover(out, raw[i], masked[i], normalised[i], segments[i])
    return [r for r in results if r is not None]


def _checked(out: list[str], count: int, source: str, target: str) -> list[str]:
    if len(out) != count:
        raise ModelError(f"the engine returned {len(out)} translations for {count} sentences ({source}→{target})")
    return out


def _normalise(output: str, masked: Masked, segment: str) -> tuple[str, list[Event], list[Slot]]:
    """Repair mangled term placeholders, drop duplicates and strays; list the slots still missing."""
    slots = masked.slots
    events: list[Event] = []
    exact = Counter(int(m.group(2)) for m in TOKEN_RE.finditer(output) if not m.group(1))

    def repair(m: re.Match[str]) -> str:
        raw = m.group(0)
        key = int(m.group(1) or m.group(2) or m.group(3))
        if key not in slots or raw == token(key):
            return raw
        if m.group(1) is None and exact[key]:
            return raw  # a bare "3}" or "{3" while "{3}" is present is ordinary text
        exact[key] += 1
        detail = f"repaired mangled placeholder '{raw}' to {token(key)}"
        events.append(Event("placeholder-recovered", segment, detail, slots[key].term.en))
        return token(key)

    text = MANGLED_RE.sub(repair, output) if slots else output
    seen: Counter[int] = Counter()
    removals: list[tuple[int, int]] = []
    for m in TOKEN_RE.finditer(text):
        key, closing = int(m.group(2)), bool(m.group(1))
        if key in slots and not closing:
            seen[key] += 1
            if seen[key] > 1:
                removals.append(m.span())
                detail = f"the engine repeated {token(key)} ({slots[key].replacement}); kept the first"
                events.append(Event("placeholder-duplicated", segment, detail, slots[key].term.en))
        elif key > masked.base:
            removals.append(m.span())
            detail = f"removed stray placeholder {m.group(0)}, which belongs to no term of this sentence"
            events.append(Event("placeholder-recovered", segment, detail))
    for start, end in reversed(removals):
        before, after = text[:start], text[end:]
        if before.endswith(" ") and (after.startswith(" ") or not after):
            before = before[:-1]
        elif not before and after.startswith(" "):
            after = after[1:]
        text = before + after
    missing = [slot for key, slot in slots.items() if not seen[key]]
    return text, events, missing


def _substitute(text: str, masked: Masked, lang: str, segment: str) -> tuple[str, list[Event]]:
    """Replace each term placeholder by its replacement, fixing the spaces around it."""
    slots = masked.slots
    if not slots:
        return text, []
    events: list[Event] = []
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = length = 0
    for m in TOKEN_RE.finditer(text):
        key = int(m.group(2))
        if m.group(1) or key not in slots:
            continue
        slot = slots[key]
        chunk = text[pos : m.start()]
        pieces += [chunk, slot.text]
        length += len(chunk)
        spans.append((length, length + len(slot.text)))
        length += len(slot.text)
        pos = m.end()
        arrow = "kept as" if slot.term.keep else "→"
        detail = f"{slot.surface!r} {arrow} {slot.text!r}"
        events.append(Event("glossary-substitution", segment, detail, slot.term.en))
    pieces.append(text[pos:])
    out = "".join(pieces)
    for start, end in reversed(spans):
        out = space_right(out, end, lang)
        out = space_left(out, start, lang)
    return out, events


def _forbidden_events(text: str, masked: Masked, lang: str, segment: str) -> list[Event]:
    matcher = masked.matcher
    if matcher is None:
        return []
    return [
        Event(
            "forbidden-after-restore",
            segment,
            f"{m.surface!r} is forbidden in {lang} for {m.term.en!r}; use {m.term.target(lang) or 'another rendering'!r}",
            m.term.en,
        )
        for m in matcher.find_target(text, lang)
        if m.kind == "forbidden"
    ]


def _inline(masked: Masked) -> str:
    """The second strategy: the original sentence with each term written as its replacement."""
    text = masked.original
    for slot in sorted(masked.slots.values(), key=lambda s: s.start, reverse=True):
        text = text[: slot.start] + slot.text + text[slot.end :]
    return text


def _recover(
    out: str,
    raw: str,
    masked: Masked,
    first: tuple[str, list[Event], list[Slot]],
    segment: str,
) -> EnforcedResult:
    """Accept the inline retry if it carries every term (after fixes); else insert into the first try."""
    lang = masked.lang
    tokens_text, first_events, missing = first
    lost = ", ".join(f"{s.token} ({s.replacement})" for s in missing)
    fixed, fixes = _repair_inline(out, masked, segment)
    markup_kept = token_counts(out) == token_counts(masked.original)
    if fixed is not None and markup_kept:
        events = [Event("placeholder-recovered", segment, f"the engine lost {lost}; retried with the terms written inline", None)]
        events += [
            Event("glossary-substitution", segment, f"{s.surface!r} written inline as {s.replacement!r}", s.term.en)
            for s in masked.slots.values()
        ]
        events += fixes + _forbidden_events(fixed, masked, lang, segment)
        return EnforcedResult(fixed, raw, masked.text, tuple(events), "inline")
    events = list(first_events)
    for slot in missing:
        tokens_text, where = _insert(tokens_text, slot, masked)
        detail = f"the engine lost {slot.token} ({slot.replacement}); inserted it {where}"
        events.append(Event("placeholder-recovered", segment, detail, slot.term.en))
    text, substituted = _substitute(tokens_text, masked, lang, segment)
    events += substituted + _forbidden_events(text, masked, lang, segment)
    return EnforcedResult(text, raw, masked.text, tuple(events), "insert")


def _same(surface: str, replacement: str, term: Term) -> bool:
    return surface == replacement if term.case_sensitive else surface.casefold() == replacement.casefold()


def _repair_inline(out: str, masked: Masked, segment: str) -> tuple[str | None, list[Event]]:
    """Make each replacement appear as often as it was masked, converting forbidden, variant and
    other allowed renderings of its term; None if some are still short."""
    matcher = masked.matcher
    assert matcher is not None
    lang = masked.lang
    needed = Counter((s.term, s.replacement) for s in masked.slots.values())
    events: list[Event] = []
    for (term, replacement), count in needed.items():
        for _ in range(4 * count + 8):  # each pass fixes one rendering; the bound guards odd glossaries
            found = [m for m in matcher.find_target(out, lang) if m.term == term]
            have = [m for m in found if m.kind != "forbidden" and not m.variant and _same(m.surface, replacement, term)]
            if len(have) >= count:
                break
            wrong = _pick_wrong(found, replacement, term)
            if wrong is None:
                return None, events
            out = out[: wrong.start] + replacement + out[wrong.end :]
            events.append(Event("glossary-substitution", segment, f"replaced {wrong.surface!r} with {replacement!r}", term.en))
        else:
            return None, events
    return out, events


def _pick_wrong(found: list[TargetMatch], replacement: str, term: Term) -> TargetMatch | None:
    for wanted in ("forbidden", "variant", "allowed"):
        for m in found:
            if _same(m.surface, replacement, term) and m.kind != "forbidden" and not m.variant:
                continue
            kind = "forbidden" if m.kind == "forbidden" else "variant" if m.variant else "allowed"
            if kind == wanted:
                return m
    return None


def _insert(text: str, slot: Slot, masked: Masked) -> tuple[str, str]:
    """Insert ``slot``'s placeholder where its neighbours in the masked text suggest, else at the end."""
    source = masked.text
    here = source.find(slot.token)
    tokens = list(TOKEN_RE.finditer(source))
    left = [m for m in tokens if m.end() <= here and not source[m.end() : here].strip()]
    right = [m for m in tokens if m.start() >= here + len(slot.token) and not source[here + len(slot.token) : m.start()].strip()]
    if left and text.count(left[-1].group(0)) == 1:
        at = text.index(left[-1].group(0)) + len(left[-1].group(0))
        return text[:at] + slot.token + text[at:], f"after {left[-1].group(0)}"
    if right and text.count(right[0].group(0)) == 1:
        at = text.index(right[0].group(0))
        return text[:at] + slot.token + text[at:], f"before {right[0].group(0)}"
    if not source[:here].strip():
        return slot.token + text, "at the start"
    at = len(text)
    while at > 0 and text[at - 1] in _TRAILING:
        at -= 1
    return text[:at] + slot.token + text[at:], "at the end"
