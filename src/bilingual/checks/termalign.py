"""Consistency without a glossary: source terms and their renderings, found by aligning segment pairs.

A reviewer with no glossary still wants to know that "masking" is 遮罩 in one paragraph and 掩码
in the next. From the aligned (source unit, target unit) pairs of a source-aware run this module
finds, per target language:

* **source terms**: English n-grams of one to three words that recur (in :data:`MIN_SEGMENTS`
  aligned pairs or more). Identifiers (camelCase, snake_case, inline code), acronyms and
  words with digits are left out, and so are stop-words (the ``stop-words`` package's English
  list, which also holds common general words such as "use", "example", "way");
* **their renderings**: Chinese (Han) or Japanese (Han and katakana) n-grams of the target units,
  scored by the Dice coefficient of co-occurrence with the term over the aligned pairs. The best
  one is the term's main rendering; the best one among the pairs the main rendering does not
  explain is a second rendering, if it is strong (see :meth:`Alignment.strong`).

Everything here is conservative, as a CI gate must not cry wolf: a rendering counts only when
it is used in :data:`MIN_USES` pairs or more, mostly where the term is (:data:`SPECIFIC`), the
two renderings together explain most of the term's pairs (:data:`COVERAGE`), and the term is
the rendering's best-scoring source term (competitive linking: a rendering of "attention mask"
is not taken for one of "mask"). A word is not reported for the renderings of two of its senses
(the verb "to build" 構築, the noun "build tools" ビルド) or of a fixed expression it is part
of ("in addition" 此外/另外). Pure functions; the runner collects :class:`Aligned` pairs.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..document.placeholders import TOKEN_RE
from ..languages import HAN, KATAKANA_WORD
from ..values import Unit

#: A term is considered when it occurs in this many aligned pairs (of one language) or more.
MIN_SEGMENTS = 6
#: A rendering counts when it is used for the term in this many aligned pairs or more.
MIN_USES = 4
#: Share of a rendering's pairs that must hold the term (else it renders something else too).
SPECIFIC = 0.6
#: Share of the term's pairs the main and the second rendering must explain together.
COVERAGE = 0.7
#: Lowest Dice coefficient of a rendering with its term.
MIN_DICE = 0.3
#: Share of a rendering's pairs that a longer n-gram holding it must explain to replace it.
EXTEND = 0.5
#: Difference of verb use between the two renderings' pairs from which they render two senses of the word.
SENSES = 0.4
#: Share of a rendering's pairs in which one neighbour word is next to the term: an expression, not the term.
EXPRESSION = 0.5

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_CHUNK = re.compile(r"[A-Za-z'’\- ]+")
_IDENTIFIER = re.compile(r"[a-z][A-Z]|[A-Z].*[A-Z]")
_ANCHOR = re.compile(r"\{#[^}\s]*\}")
_CJK = {"zh": re.compile(f"[{HAN}]+"), "ja": re.compile(f"[{HAN}{KATAKANA_WORD}]+")}
_LONGEST = 8
_INFLECTED = re.compile(r"(?:ly|ed|ing)$")  # adverbs and verb forms: their rendering is shared with the word's other forms


@dataclass(frozen=True, slots=True)
class Aligned:
    """A source unit and the target unit translating it, as the term alignment reads them."""

    file: str
    lang: str
    source: str  # the source's prose: placeholder tokens and heading anchors turned into breaks
    target: str  # the target's prose, the same way (offsets are those of the target unit's text)
    places: bytes | tuple[tuple[int, int, int], ...] = ((0, 1, 1),)  # (target offset, line, column) where literal text restarts
    segment: str | None = None

    def __post_init__(self) -> None:
        # kept packed, three machine integers a place (a tuple and two int objects each were a fifth
        # of what check holds for the consistency rule, issue #26); given as (offset, line, column) triples
        if not isinstance(self.places, bytes):
            object.__setattr__(self, "places", array("q", [n for p in self.places for n in p]).tobytes())

    def place(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column in the target file of ``offset`` in :attr:`target`."""
        flat = memoryview(self.places).cast("q")  # type: ignore[arg-type]
        k = bisect.bisect_right(flat[::3], offset) - 1 if len(flat) > 3 else 0
        if k < 0 or flat[3 * k] > offset:
            k = 0  # before every place: the first one's
        at, line, column = flat[3 * k : 3 * k + 3]
        return line, column + offset - at


@dataclass(frozen=True)
class TermRenderings:
    """A source term and its renderings in one language, with the aligned pairs each explains."""

    lang: str
    term: str
    pairs: frozenset[int]  # indices (into the language's aligned pairs) of the pairs holding the term
    renderings: tuple[tuple[str, frozenset[int]], ...]  # main rendering first

    def counts(self, within: Iterable[int] | None = None) -> list[tuple[str, int]]:
        """Each rendering with the number of the term's pairs (within ``within``) it is used in, most used first."""
        keep = self.pairs if within is None else self.pairs & frozenset(within)
        counts = [(r, len(used & keep)) for r, used in self.renderings]
        return sorted((c for c in counts if c[1]), key=lambda kv: (-kv[1], kv[0]))


def prose(unit: Unit) -> str:
    """``unit.text`` with each placeholder token and ``{#anchor}`` turned into ``|`` (a break) of the same length."""
    text = TOKEN_RE.sub(lambda m: "|" * len(m.group(0)), unit.text) if "{" in unit.text else unit.text
    return _ANCHOR.sub(lambda m: "|" * len(m.group(0)), text)


def aligned(file: str, lang: str, target: Unit, source: Unit, place: Callable[[Unit, int], tuple[int, int]],
            segment: str | None = None) -> Aligned:
    """The :class:`Aligned` pair of two units; ``place`` gives the file line and column of a target text offset."""
    text = target.text
    starts = {0, *(m.end() for m in TOKEN_RE.finditer(text)), *(i + 1 for i, c in enumerate(text) if c == "\n")}
    places = tuple((at, *place(target, at)) for at in sorted(s for s in starts if s < len(text)))
    # interned: an issue's edition and its PO file hold the same pairs, and every language the same
    # source, so each text is kept once (CPython drops an interned string when it is no longer used)
    return Aligned(file, lang, sys.intern(prose(source)), sys.intern(prose(target)), places or ((0, *place(target, 0)),),
                   sys.intern(segment) if segment is not None else None)


@functools.cache
def _stop_words() -> frozenset[str]:
    from stop_words import get_stop_words

    return frozenset(w.lower() for w in get_stop_words("en"))


def singular(word: str) -> str:
    """The singular of an English noun, by its ending: pipelines → pipeline, libraries → library, classes → class."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def terms(text: str, longest: int = 3) -> set[str]:
    """The candidate source terms of English prose: n-grams of content words, the last one singular."""
    stop = _stop_words()
    out: set[str] = set()
    for chunk in _CHUNK.finditer(text.replace("’", "'")):
        run: list[str] = []
        for m in _WORD.finditer(chunk.group(0)):
            word = m.group(0)
            if len(word) < 3 or word.lower() in stop or singular(word) in stop or _IDENTIFIER.search(word):
                run = []
                continue
            run.append(word.lower())
            for n in range(1, min(longest, len(run)) + 1):
                out.add(" ".join((*run[-n:-1], singular(run[-1]))))
    return out


def neighbours(text: str) -> dict[str, set[str]]:
    """The words right before (``<in``) and after (``>system``) each one-word candidate term of English prose."""
    out: dict[str, set[str]] = defaultdict(set)
    for chunk in _CHUNK.finditer(text.replace("’", "'")):
        words = [m.group(0).lower() for m in _WORD.finditer(chunk.group(0))]
        for k, word in enumerate(words):
            if k > 0 and words[k - 1] not in _NEUTRAL:
                out[singular(word)].add("<" + words[k - 1])
            if k + 1 < len(words) and words[k + 1] not in _NEUTRAL:
                out[singular(word)].add(">" + words[k + 1])
    return out


#: Words before a verb: a rendering whose pairs mostly have one of them before the term renders its verb sense.
_VERBAL = frozenset({"<to", "<can", "<could", "<will", "<would", "<should", "<must", "<may", "<might", "<you", "<we",
                     "<they", "<it", "<automatically", "<also", "<not", "<cannot", "<don't", "<doesn't", "<won't"})


#: Neighbours that say nothing about the expression a word is part of.
_NEUTRAL = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "your", "our", "each", "every",
                      "and", "or", "of", "is", "are", "be"})


def renderings(text: str, lang: str) -> dict[str, int]:
    """The candidate renderings in target prose: CJK n-grams of 2 to 8 characters, each with its first offset."""
    out: dict[str, int] = {}
    for run in _CJK[lang].finditer(text):
        s = run.group(0)
        for i in range(len(s)):
            for j in range(i + 2, min(len(s), i + _LONGEST) + 1):
                out.setdefault(s[i:j], run.start() + i)
    return out


#: A key held by fewer pairs than this keeps them as a tuple (or an int, for one), not a set.
_SMALL = 8


class Postings(Mapping[str, frozenset[int]]):
    """Which pairs hold each key (a term, a rendering), compactly: most keys of a large archive are
    held by one pair or a few, so those keep an int or a tuple (a set costs 216 bytes however small);
    the others a frozenset. Reading a key gives its pairs as a frozenset either way."""

    def __init__(self, held: dict[str, int | list[int]]) -> None:
        """Take ``held`` over, turning its lists in place: no second dict, and each list goes as its key is done."""
        for k, v in held.items():
            if not isinstance(v, int):
                held[k] = tuple(v) if len(v) < _SMALL else frozenset(v)  # type: ignore[assignment]
        self._held: dict[str, int | tuple[int, ...] | frozenset[int]] = held  # type: ignore[assignment]

    @staticmethod
    def add(held: dict[str, int | list[int]], key: str, pair: int) -> None:
        """Record that ``pair`` holds ``key`` (pairs are added in increasing order, each once per key)."""
        had = held.get(key)
        if had is None:
            held[key] = pair
        elif isinstance(had, int):
            held[key] = [had, pair]
        else:
            had.append(pair)

    def __getitem__(self, key: str) -> frozenset[int]:
        v = self._held[key]
        return v if isinstance(v, frozenset) else frozenset((v,)) if isinstance(v, int) else frozenset(v)

    def __iter__(self) -> Iterator[str]:
        return iter(self._held)

    def __len__(self) -> int:
        return len(self._held)

    def __contains__(self, key: object) -> bool:
        return key in self._held

    def count(self, key: str) -> int:
        """How many pairs hold ``key`` (0 when none), without making its set."""
        v = self._held.get(key)
        return 0 if v is None else 1 if isinstance(v, int) else len(v)


@dataclass(frozen=True)
class Alignment:
    """The aligned pairs of one language, indexed: which pairs hold each term and each rendering.

    Each distinct term and rendering is one string shared by every pair that holds it."""

    pairs: tuple[Aligned, ...]
    sources: tuple[tuple[str, ...], ...]  # per pair: its terms
    targets: tuple[tuple[str, ...], ...]  # per pair: its renderings
    by_term: Postings
    by_rendering: Postings
    _best: dict[frozenset[int], str | None] = field(default_factory=dict, compare=False, repr=False)
    _near: dict[int, dict[str, set[str]]] = field(default_factory=dict, compare=False, repr=False)

    def near(self, i: int) -> Mapping[str, set[str]]:
        """The neighbour words of each one-word term of pair ``i``, read when first asked: only the
        pairs of a term whose renderings are weighed are ever asked, so no pair keeps them before."""
        if i not in self._near:
            self._near[i] = neighbours(self.pairs[i].source)
        return self._near[i]

    def dice(self, term: str, rendering: str, within: frozenset[int] | None = None) -> float:
        held = self.by_term[term] if within is None else within
        return 2 * len(held & self.by_rendering[rendering]) / (len(held) + len(self.by_rendering[rendering]))

    def best(self, within: frozenset[int]) -> str | None:
        """The rendering of the term held by the pairs ``within`` that scores highest (the longest on a tie)."""
        if within not in self._best:
            self._best[within] = self._score(within)
        return self._best[within]

    def _score(self, within: frozenset[int]) -> str | None:
        counts = Counter(g for i in within for g in self.targets[i])
        scored = [(2 * n / (len(within) + len(self.by_rendering[g])), len(g), g) for g, n in counts.items()
                  if n >= MIN_USES]
        return _extend(max(scored)[2], counts) if scored else None

    def strong(self, term: str, rendering: str, within: frozenset[int]) -> bool:
        """Whether ``rendering`` is a rendering of ``term`` a reviewer can trust (see the module docstring)."""
        used = self.by_rendering[rendering]
        held = self.by_term[term]
        if len(used & within) < MIN_USES or len(used & held) < SPECIFIC * len(used):
            return False
        if self.dice(term, rendering, within) < MIN_DICE:
            return False
        rivals = Counter(t for i in used for t in self.sources[i])
        if any(self.dice(other, rendering) > self.dice(term, rendering) for other in rivals):
            return False
        return " " in term or not self.expression(term, used & within)

    def verbal(self, term: str, pairs: frozenset[int]) -> float:
        """The share of ``pairs`` in which the one-word ``term`` follows a word that comes before verbs (to, can, we)."""
        return sum(1 for i in pairs if not _VERBAL.isdisjoint(self.near(i).get(term, ()))) / max(1, len(pairs))

    def expression(self, term: str, pairs: frozenset[int]) -> bool:
        """Whether one neighbour word is next to ``term`` in most of ``pairs`` ("in addition", "reactivity system").

        Such a rendering renders the expression (or the word's sense in it), not the term.
        """
        seen = Counter(w for i in pairs for w in self.near(i).get(term, ()))
        return bool(seen) and max(seen.values()) >= EXPRESSION * len(pairs)


def _extend(best: str, counts: Counter[str]) -> str:
    """``best``, or the longer n-gram holding it that most of its pairs use (调度 → 调度器 when 调度程序 is the other).

    Two renderings that share characters (调度器, 调度程序) would otherwise both be explained
    by their common part, and the inconsistency hidden.
    """
    holding = [(n, g) for g, n in counts.items() if n >= EXTEND * counts[best] and len(g) > len(best) and best in g]
    while True:
        longer = [(n, g) for n, g in holding if len(g) == len(best) + 1 and best in g and n >= MIN_USES]
        if not longer or max(longer)[0] < EXTEND * counts[best]:
            return best
        best = max(longer)[1]


def index(pairs: Sequence[Aligned], taken: Iterable[str] = ()) -> Alignment:
    """Index the aligned pairs of one language; where ``taken`` renderings (the glossary's) are used, nothing is read."""
    lang = pairs[0].lang if pairs else "zh"
    known = sorted({r for r in taken if r}, key=len, reverse=True)
    used = re.compile("|".join(map(re.escape, known))) if known else None
    words: dict[str, str] = {}  # each distinct string once, shared by every pair that has it
    by_term: dict[str, int | list[int]] = {}
    by_rendering: dict[str, int | list[int]] = {}
    sources: list[tuple[str, ...]] = []
    targets: list[tuple[str, ...]] = []
    # an issue's edition and its PO file hold the same pairs: each text is read once, its tuple shared
    read_sources: dict[str, tuple[str, ...]] = {}
    read_targets: dict[str, tuple[str, ...]] = {}
    for i, p in enumerate(pairs):
        ts = read_sources.get(p.source)
        if ts is None:
            ts = read_sources[p.source] = tuple(words.setdefault(t, t) for t in terms(p.source))
        gs = read_targets.get(p.target)
        if gs is None:
            gs = read_targets[p.target] = tuple(words.setdefault(g, g) for g in renderings(
                used.sub(lambda m: "|" * len(m.group(0)), p.target) if used else p.target, lang))
        for t in ts:
            Postings.add(by_term, t, i)
        for g in gs:
            Postings.add(by_rendering, g, i)
        sources.append(ts)
        targets.append(gs)
    return Alignment(tuple(pairs), tuple(sources), tuple(targets), Postings(by_term), Postings(by_rendering))


def _nested(a: str, b: str) -> bool:
    return a in b or b in a


def inconsistent(alignment: Alignment, skip: Callable[[str], bool] = lambda term: False) -> list[TermRenderings]:
    """Each term (not ``skip``-ped) with two strong renderings that together explain most of its pairs."""
    out: list[TermRenderings] = []
    for term, held in sorted(alignment.by_term.items()):
        if len(held) < MIN_SEGMENTS or skip(term):
            continue
        first = alignment.best(held)
        if first is None or not alignment.strong(term, first, held):
            continue
        rest = held - alignment.by_rendering[first]
        second = alignment.best(rest) if len(rest) >= MIN_USES else None
        if second is None or _nested(first, second) or not alignment.strong(term, second, rest):
            continue
        explained = held & (alignment.by_rendering[first] | alignment.by_rendering[second])
        if len(explained) < COVERAGE * len(held):
            continue
        if " " not in term and abs(alignment.verbal(term, held & alignment.by_rendering[first])
                                   - alignment.verbal(term, rest & alignment.by_rendering[second])) >= SENSES:
            continue  # "build tools" ビルド and "to build" 構築: two senses, not two renderings of one
        out.append(TermRenderings(alignment.pairs[0].lang, term, held,
                                  ((first, alignment.by_rendering[first] & held), (second, alignment.by_rendering[second] & held))))
    return _outermost(out)


def _outermost(found: list[TermRenderings]) -> list[TermRenderings]:
    """One report for nested terms ("masking step" always around "masking"): the shorter term's, when it covers the longer."""
    keep = []
    for t in found:
        words = f" {t.term} "
        if any(o is not t and f" {o.term} " in words and o.pairs >= t.pairs for o in found):
            continue
        keep.append(t)
    return keep


def shared(alignment: Alignment, skip: Callable[[str], bool] = lambda term: False) -> list[tuple[str, tuple[str, ...]]]:
    """Each rendering that is the main rendering of two or more unrelated terms: (rendering, terms).

    The terms share no word, rarely occur in the same pair, and the rendering explains at least
    half of each one's pairs.
    """
    by_main: dict[str, list[str]] = defaultdict(list)
    for term, held in alignment.by_term.items():
        if len(held) < MIN_SEGMENTS or skip(term) or _INFLECTED.search(term):
            continue
        main = alignment.best(held)
        if main is None or len(alignment.by_rendering[main] & held) < max(MIN_USES, 0.5 * len(held)):
            continue
        if alignment.dice(term, main) >= MIN_DICE:
            by_main[main].append(term)
    out = []
    for rendering, names in sorted(by_main.items()):
        unrelated = _unrelated(alignment, rendering, sorted(names))
        if len(unrelated) > 1 and _explains(alignment, rendering, unrelated):
            out.append((rendering, tuple(unrelated)))
    return out


def _unrelated(alignment: Alignment, rendering: str, names: list[str]) -> list[str]:
    """The terms of ``names`` that are not forms of one another and each use ``rendering`` without the others."""
    chosen: list[str] = []
    used = alignment.by_rendering[rendering]
    for name in sorted(names, key=lambda n: (-len(alignment.by_term[n]), n)):
        held = alignment.by_term[name] & used
        if all(not _related(name, o) and len(held - alignment.by_term[o]) >= MIN_USES
               and len((alignment.by_term[o] & used) - alignment.by_term[name]) >= MIN_USES for o in chosen):
            chosen.append(name)
    return chosen


def _explains(alignment: Alignment, rendering: str, names: Sequence[str]) -> bool:
    """Whether the terms ``names`` hold most of the rendering's pairs and no other term scores above any of them."""
    used = alignment.by_rendering[rendering]
    held = frozenset().union(*(alignment.by_term[n] for n in names))
    if len(used & held) < SPECIFIC * len(used):
        return False
    lowest = min(alignment.dice(n, rendering) for n in names)
    rivals = {t for i in used for t in alignment.sources[i]} - set(names)
    return all(alignment.dice(t, rendering) <= lowest for t in rivals if not any(_related(t, n) for n in names))


def _related(a: str, b: str) -> bool:
    """Whether two terms share a word or a word stem (its first four letters): explicit, explicitly; update, updated."""
    return any(x[:4] == y[:4] for x in a.split() for y in b.split())
