"""Units → sentence segments (pysbd), and translated sentences → unit text again.

Segment ids are stable across runs: ``<unit uid>.<n>``, where the unit uid hashes the unit's
kind and source text plus its occurrence. Editing one paragraph changes only its own ids.
A sentence is never cut inside a link or emphasis pair.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import weakref
from collections.abc import Mapping, Sequence

from ..languages import CJK_PUNCTUATION, FULLWIDTH, HAN, KANA
from ..values import Document, Segment, Unit
from .placeholders import TOKEN_RE, strip_tokens

_CJK_END = re.compile(f"[{CJK_PUNCTUATION}{KANA}{HAN}{FULLWIDTH}]$")
_CJK_STOP = re.compile(r"[。！？」』）]$")
LONG = 5_000  # characters: a unit text longer than this is cut at safe places before pysbd
CHUNK = 2_000  # characters: about how long each piece of such a text is
_PLAIN_END = re.compile(r"(?<=[a-z0-9]{3}[.!?]) +(?=[A-Z])")
_CJK_START = re.compile(f"^[{CJK_PUNCTUATION}{KANA}{HAN}{FULLWIDTH}]")


@functools.cache
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def has_words(text: str) -> bool:
    """True when ``text`` holds something to translate: letters outside placeholders."""
    return any(unicodedata.category(ch).startswith("L") for ch in strip_tokens(text))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text`` (white space excluded), never inside a placeholder pair.

    Remembered for the most recent texts: a run splits each source unit when it segments, and
    again when it checks each language's edition and PO file against that source."""
    return list(_split_sentences(text))


@functools.lru_cache(maxsize=8192)
def _split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_spans(text))


def _spans(text: str) -> list[tuple[int, int]]:
    if not text.strip():
        return []
    if not has_words(text):
        return [_strip_span(text, 0, len(text))]
    closing = _closing_keys(text)
    boundaries = [_settle(text, end, closing) for end in _raw_ends(text, closing)]
    spans: list[tuple[int, int]] = []
    start = scanned = 0
    open_keys: set[str] = set()
    for end in [*boundaries, len(text)]:
        if end <= start:
            continue
        for match in TOKEN_RE.finditer(text, scanned, end):
            slash, key = match.group(1), match.group(2)
            if slash:
                open_keys.discard(key)
            elif key in closing:
                open_keys.add(key)
        scanned = max(scanned, end)
        if open_keys and end < len(text):
            continue  # never end a sentence inside a link or emphasis
        spans.append(_strip_span(text, start, end))
        start = end
    return [span for span in spans if span[1] > span[0]]


def _closing_keys(text: str) -> set[str]:
    """The keys of the pairs in ``text``: the ones that have a closing ``{/N}``."""
    return {match.group(2) for match in TOKEN_RE.finditer(text) if match.group(1)}


def _raw_ends(text: str, closing: set[str]) -> list[int]:
    """pysbd's sentence ends, on a same-length copy where placeholders cannot confuse it."""
    flat = list(text.replace("\n", " "))  # a soft line break is not a sentence end
    for match in TOKEN_RE.finditer(text):
        pair = match.group(1) or match.group(2) in closing
        stand_in = " " * len(match.group(0)) if pair else "x" + " " * (len(match.group(0)) - 1)
        flat[match.start() : match.end()] = stand_in
    plain = "".join(flat)
    cuts = [0, *_safe_cuts(plain, text, closing), len(plain)]
    ends = [start + end for start, stop in zip(cuts, cuts[1:]) for end in _pysbd_ends(plain[start:stop])]
    return ends[:-1]


def _pysbd_ends(text: str) -> list[int]:
    """Where pysbd's sentences of ``text`` end, trailing white space included.

    The same ends as ``Segmenter.segment`` with ``char_span=True``, which finds each sentence
    with a new regular expression searched from the start of the text (quadratic, and a
    compile per sentence); here each is found with ``str.find`` from the previous end.
    """
    ends: list[int] = []
    prior = 0
    for sentence in _segmenter().processor(text).process():
        at = text.find(sentence, max(0, prior - len(sentence))) if sentence else -1
        while at >= 0:
            end = at + len(sentence)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior:
                ends.append(end)
                prior = end
                break
            at = text.find(sentence, at + 1)
    return ends


def _safe_cuts(plain: str, text: str, closing: set[str]) -> list[int]:
    """Where to cut a very long text before pysbd, whose cost grows with the square of its input.

    Texts up to ``LONG`` characters are never cut, so their segments (and ids) are pysbd's own.
    A longer one is cut about every ``CHUNK`` characters, only where a sentence plainly ends
    (a word of three or more lower-case letters or digits, ``.``, ``!`` or ``?``, spaces, an
    upper-case letter) and never inside a placeholder pair (link, emphasis), so never in a URL.
    """
    if len(plain) <= LONG:
        return []
    inside = _pair_extents(text, closing)
    cuts: list[int] = []
    last = k = 0
    for match in _PLAIN_END.finditer(plain):
        cut = match.end()
        if cut - last < CHUNK:
            continue
        while k < len(inside) and inside[k][1] <= cut:
            k += 1
        if k < len(inside) and inside[k][0] < cut:
            continue
        cuts.append(cut)
        last = cut
    return cuts


def _pair_extents(text: str, closing: set[str]) -> list[tuple[int, int]]:
    """The stretches of ``text`` inside placeholder pairs, merged, in order."""
    opened: dict[str, int] = {}
    extents: list[tuple[int, int]] = []
    for match in TOKEN_RE.finditer(text):
        slash, key = match.group(1), match.group(2)
        if not slash and key in closing:
            opened.setdefault(key, match.start())
        elif slash and key in opened:
            extents.append((opened.pop(key), match.end()))
    extents += [(start, len(text)) for start in opened.values()]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(extents):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _settle(text: str, end: int, closing: set[str]) -> int:
    """Move a boundary back over white space and opening placeholders: they start the next sentence."""
    while end > 0:
        if text[end - 1].isspace():
            end -= 1
            continue
        match = TOKEN_RE.search(text, max(0, end - 7), end)
        if match and match.end() == end and not match.group(1) and match.group(2) in closing:
            end = match.start()
            continue
        break
    return end


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _outside(unit: Unit, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep protected template syntax at a unit's start or end out of its sentences, so an engine
    cannot move it (a VitePress ``{#anchor}`` must end its heading, a ``::: tip`` start its line)."""
    if not spans:
        return spans
    protected = {p.token for p in unit.placeholders if p.kind == "protected"}
    if not protected:
        return spans
    text = unit.text

    def only_protected(span: tuple[int, int]) -> bool:
        return not TOKEN_RE.sub(lambda m: "" if m.group(0) in protected else m.group(0), text[span[0] : span[1]]).strip()

    while len(spans) > 1 and only_protected(spans[0]):
        spans = spans[1:]
    while len(spans) > 1 and only_protected(spans[-1]):
        spans = spans[:-1]
    (start, first_end), (last_start, end) = spans[0], spans[-1]
    while True:
        m = TOKEN_RE.match(text, start)
        if not m or m.group(0) not in protected or not has_words(text[m.end() : first_end]):
            break
        start = _strip_span(text, m.end(), first_end)[0]
    while True:
        m = next((t for t in TOKEN_RE.finditer(text, last_start, end) if t.end() == end), None)
        if not m or m.group(0) not in protected or not has_words(text[last_start : m.start()]):
            break
        end = _strip_span(text, last_start, m.start())[1]
    spans = [(start, spans[0][1]), *spans[1:]]
    return [*spans[:-1], (spans[-1][0], end)]


def sentence_text(unit: Unit) -> str:
    """``unit``'s text without the protected template syntax (and white space) at its start and
    end that :func:`segment_unit` keeps out of its sentences: what an edition's unit is compared by."""
    protected = {p.token for p in unit.placeholders if p.kind == "protected"}
    text = unit.text
    if not protected or not has_words(text):
        return text
    start, end = 0, len(text)
    while (m := TOKEN_RE.match(text, start)) and m.group(0) in protected and has_words(text[m.end() : end]):
        start = _strip_span(text, m.end(), end)[0]
    while True:
        m = next((t for t in TOKEN_RE.finditer(text, start, end) if t.end() == end), None)
        if not m or m.group(0) not in protected or not has_words(text[start : m.start()]):
            break
        end = _strip_span(text, start, m.start())[1]
    return text[start:end] if (start, end) != (0, len(text)) else text


def segment_unit(unit: Unit) -> list[Segment]:
    spans = _outside(unit, split_sentences(unit.text))
    segments: list[Segment] = []
    previous = 0
    line = unit.line
    for n, (start, end) in enumerate(spans, start=1):
        after = unit.text[end:] if n == len(spans) else ""
        line += unit.text.count("\n", previous, start)  # counted on from the last sentence: linear
        segments.append(
            Segment(f"{unit.uid}.{n}", unit.index, n, unit.kind, line, unit.text[start:end], unit.text[previous:start], after)
        )
        line += unit.text.count("\n", start, end)
        previous = end
    return segments


def segment(doc: Document) -> list[Segment]:
    """Every sentence of every unit of ``doc``, in document order.

    A run segments a document for its plan, its pipeline and its views: the result is kept
    while ``doc`` is alive (and dropped with it), so each document goes through pysbd once.
    """
    kept = _SEGMENTED.get(id(doc))
    if kept is None or kept[0]() is not doc:
        kept = (weakref.ref(doc), tuple(seg for unit in doc.units for seg in segment_unit(unit)))
        _SEGMENTED[id(doc)] = kept
        weakref.finalize(doc, _SEGMENTED.pop, id(doc), None)
    return list(kept[1])


_SEGMENTED: dict[int, tuple[weakref.ref[Document], tuple[Segment, ...]]] = {}


def join(segments: Sequence[Segment], texts: Mapping[str, str]) -> str:
    """A unit's text from its segments' translations, keeping the source's separators.

    Between two sentences that meet in CJK text, or after a full-width sentence end (。！？),
    the separating space is dropped when either of them is translated (not when both are kept
    as the source wrote them).
    """
    out: list[str] = []
    previous = ""
    previous_changed = False
    for seg in segments:
        text = texts.get(seg.id, seg.text)
        changed = text != seg.text
        before = seg.before
        cjk_meet = _CJK_END.search(previous) and _CJK_START.search(text)
        # Only a translation loses the space: two sentences left as the source wrote them keep it.
        if previous and (changed or previous_changed) and before.strip(" ") == "" and (cjk_meet or _CJK_STOP.search(previous)):
            before = ""
        previous, previous_changed = text, changed
        out.append(before)
        out.append(text)
        out.append(seg.after)
    return "".join(out)


def unit_texts(doc: Document, segments: Sequence[Segment], texts: Mapping[str, str]) -> dict[int, str]:
    """Translated placeholder text of each unit of ``doc`` that has segments."""
    by_unit: dict[int, list[Segment]] = {}
    for seg in segments:
        by_unit.setdefault(seg.unit, []).append(seg)
    return {index: join(segs, texts) for index, segs in by_unit.items()}
