"""Finding glossary terms in text with one Aho–Corasick automaton over every pattern.

The automaton holds, for every term, its ``en`` form, its ``forms``, their plurals and
possessives (source side), and for each target language the allowed renderings, the forbidden
ones and the forms of kept terms (target side). Patterns and text are compared lower-cased;
case-sensitive entries are then checked against the original text. Placeholder tokens (``{3}``,
``{/3}``) are blanked before the search, so nothing matches inside or across one, and they act as
word boundaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..document.placeholders import TOKEN_RE
from .schema import LANGUAGES, Glossary, Term

SOURCE = "en"
TargetKind = Literal["target", "forbidden", "keep"]

#: Characters that join two words into one (``hydra-core``, ``github.com``): not a boundary.
JOINERS = frozenset("-\u2010\u2011.")
_BLANK = "\x00"
_APOSTROPHES = ("'", "\u2019")


def is_cjk(ch: str) -> bool:
    """Han, kana, Hangul, CJK punctuation or a full-width form: script written without spaces."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
    )


def is_word(ch: str) -> bool:
    """A letter, digit or underscore of a space-separated script (Latin, Greek, Cyrillic…)."""
    return (ch.isalnum() or ch == "_") and not is_cjk(ch)


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length, so offsets stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in text)


def blank_tokens(text: str) -> str:
    """``text`` with each placeholder token replaced by NUL characters of the same length."""
    if "{" not in text:
        return text
    return TOKEN_RE.sub(lambda m: _BLANK * len(m.group(0)), text)


def inflections(form: str, inflect: str = "noun") -> list[tuple[str, int, str]]:
    """``form`` with its English endings: ``(text, chars added, stem tail)``.

    ``noun`` (the default) adds plurals and possessives, ``verb`` also -ing and -ed, ``none``
    nothing. The stem tail is what replaces the added characters to get back the base form
    (``y`` for ``-ies``). Forms that end in a CJK character get no endings.
    """
    return [(text, added, tail) for text, added, tail, _ in endings(form, inflect)]


def endings(form: str, inflect: str = "noun") -> list[tuple[str, int, str, str]]:
    """:func:`inflections` with the kind of each ending: ``""``, ``plural``, ``possessive``, ``ing`` or ``ed``."""
    out = [(form, 0, "", "")]
    last = form[-1]
    if inflect == "none" or not is_word(last):
        return out
    plurals: list[tuple[str, int, str, str]] = []
    if last.isalpha():
        low = form.lower()
        if low.endswith(("s", "x", "z", "ch", "sh")):
            plurals.append((form + "es", 2, "", "plural"))
        elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
            plurals.append((form[:-1] + "ies", 3, "y", "plural"))
        else:
            plurals.append((form + "s", 1, "", "plural"))
    for apostrophe in _APOSTROPHES:
        out.append((form + apostrophe + "s", 2, "", "possessive"))
        for plural, added, tail, _ in plurals:
            out.append((plural + apostrophe, added + 1, tail, "possessive"))
    out += plurals
    if inflect == "verb" and last.isalpha():
        out += _verb_endings(form)
    return out


_VOWELS = "aeiou"


def _verb_endings(form: str) -> list[tuple[str, int, str, str]]:
    """-ing and -ed of an English verb: tune → tuning, tuned; try → trying, tried; embed → embedding, embedded."""
    low = form.lower()
    if low.endswith("e") and not low.endswith(("ee", "ye", "oe")):
        return [(form[:-1] + "ing", 3, "e", "ing"), (form + "d", 1, "", "ed")]
    if low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        return [(form + "ing", 3, "", "ing"), (form[:-1] + "ied", 3, "y", "ed")]
    out = [(form + "ing", 3, "", "ing"), (form + "ed", 2, "", "ed")]
    if len(low) >= 3 and low[-1] not in _VOWELS + "wxy" and low[-2] in _VOWELS and low[-3] not in _VOWELS and low[-3].isalpha():
        out += [(form + form[-1] + "ing", 4, "", "ing"), (form + form[-1] + "ed", 3, "", "ed")]  # a doubled consonant
    return out


@dataclass(frozen=True)
class Match:
    """A glossary term found in English text."""

    term: Term
    start: int
    end: int
    surface: str  # the text as written, e.g. "Papers'"
    variant: bool = False  # a recognised but wrong form of a case-sensitive kept term ("py torch", "Pytorch")
    base: str = ""  # the surface without a generated plural or possessive ending ("Papers'" → "Paper")
    ending: str = ""  # the kind of generated ending: "", plural, possessive, ing or ed


@dataclass(frozen=True)
class TargetMatch:
    """An allowed rendering, a forbidden one, or a kept term's form found in target-language text."""

    term: Term
    lang: str
    kind: TargetKind
    start: int
    end: int
    surface: str
    variant: bool = False


@dataclass(frozen=True)
class _Entry:
    term: int
    kind: str  # source, target, forbidden, keep
    pattern: str
    case_sensitive: bool
    case_variants: bool  # a case-insensitive hit of a case-sensitive pattern is a variant, not a miss
    variant: bool
    added: int
    tail: str
    ending: str
    left: bool  # check a word boundary before
    right: bool  # and after
    rank: int


class Matcher:
    """Finds a glossary's terms in English and in target-language text. Build once per glossary."""

    def __init__(self, glossary: Glossary) -> None:
        import ahocorasick

        self.glossary = glossary
        self.terms = glossary.terms
        table: dict[str, dict[str, list[_Entry]]] = {}
        for index, term in enumerate(self.terms):
            for side, entry in self._entries(index, term):
                if not entry.pattern or _BLANK in entry.pattern:
                    continue
                table.setdefault(fold(entry.pattern), {}).setdefault(side, []).append(entry)
        self.patterns = len(table)
        self._automaton: Any = None
        if table:
            automaton = ahocorasick.Automaton()
            for key, sides in table.items():
                automaton.add_word(key, {side: tuple(entries) for side, entries in sides.items()})
            automaton.make_automaton()
            self._automaton = automaton

    @staticmethod
    def _entries(index: int, term: Term) -> list[tuple[str, _Entry]]:
        cs = term.case_sensitive
        out: list[tuple[str, _Entry]] = []

        def entry(
            kind: str, pattern: str, *, variant: bool = False, added: int = 0, tail: str = "", ending: str = "", rank: int = 0
        ) -> _Entry:
            case_variants = cs and term.keep and kind in ("source", "keep")
            return _Entry(index, kind, pattern, cs, case_variants, variant, added, tail, ending,
                          is_word(pattern[0]), is_word(pattern[-1]), rank + (1 if added else 0) + (2 if variant else 0))

        source_forms = [(form, i > 0 and cs) for i, form in enumerate((term.en, *term.forms))]
        for form, variant in source_forms:
            for text, added, tail, ending in endings(form, term.inflect):
                out.append((SOURCE, entry("source", text, variant=variant, added=added, tail=tail, ending=ending)))
        langs = sorted(set(LANGUAGES) | set(term.targets) | set(term.forbidden))
        for lang in langs:
            if term.keep:
                for form, variant in source_forms:
                    for text, added, tail, ending in endings(form, term.inflect):
                        out.append((lang, entry("keep", text, variant=variant, added=added, tail=tail, ending=ending)))
            for target in (*term.targets.get(lang, ()), *term.accepted.get(lang, ())):
                out.append((lang, entry("target", target)))
            for bad in term.forbidden.get(lang, ()):
                out.append((lang, entry("forbidden", bad, rank=-4)))
        return out

    def _scan(self, text: str, side: str) -> list[tuple[_Entry, int, int, bool]]:
        if self._automaton is None or not text:
            return []
        folded = blank_tokens(fold(text))
        n = len(folded)
        found: list[tuple[int, int, int, int, _Entry, bool]] = []
        for last, sides in self._automaton.iter(folded):
            entries = sides.get(side)
            if entries is None:
                continue
            for e in entries:
                end = last + 1
                start = end - len(e.pattern)
                if e.left and start > 0:
                    prev = folded[start - 1]
                    if is_word(prev) or (prev in JOINERS and start > 1 and is_word(folded[start - 2])):
                        continue
                if e.right and end < n:
                    nxt = folded[end]
                    if is_word(nxt) or (nxt in JOINERS and end + 1 < n and is_word(folded[end + 1])):
                        continue
                variant = e.variant
                if e.case_sensitive and text[start:end] != e.pattern:
                    if not e.case_variants:
                        continue
                    variant = True
                rank = e.rank + (2 if variant and not e.variant else 0)
                found.append((start - end, start, rank, e.term, e, variant))
        if len(found) < 2:
            return [(e, start, start - negative_len, variant) for negative_len, start, _, _, e, variant in found]
        # Longest first, then leftmost: a term never matches inside (or across) a longer one, even
        # one that starts later ("open Source Han Sans" is the name, not "open source").
        found.sort(key=lambda f: f[:4])
        chosen: list[tuple[_Entry, int, int, bool]] = []
        for negative_len, start, _, _, e, variant in found:
            end = start - negative_len
            if all(end <= s or start >= t for _, s, t, _ in chosen):
                chosen.append((e, start, end, variant))
        chosen.sort(key=lambda c: c[1])
        return chosen

    def find_source(self, text: str) -> list[Match]:
        """Every term in English ``text``: longest-leftmost, non-overlapping, in text order."""
        out: list[Match] = []
        for e, start, end, variant in self._scan(text, SOURCE):
            surface = text[start:end]
            base = surface[: len(surface) - e.added] + e.tail if e.added else surface
            out.append(Match(self.terms[e.term], start, end, surface, variant, base, e.ending))
        return out

    def fingerprint(self, text: str, lang: str) -> str:
        """What the glossary says about English ``text`` in ``lang``: a hash of the definitions of
        the terms found in it (as :meth:`Term.canonical_for` gives them), or ``""`` when none is.

        A translation made for ``text`` needs redoing exactly when this changes.
        """
        return digest(self.find_source(text), lang)

    def find_target(self, text: str, lang: str) -> list[TargetMatch]:
        """Allowed renderings, forbidden ones and kept terms in ``lang`` text, in text order.

        CJK patterns match anywhere; Latin patterns need word boundaries, which CJK characters
        provide (``用PyTorch训练`` contains ``PyTorch``).
        """
        return [
            TargetMatch(self.terms[e.term], lang, e.kind, start, end, text[start:end], variant)  # type: ignore[arg-type]
            for e, start, end, variant in self._scan(text, lang)
        ]

    def count_allowed(self, text: str, lang: str, term: Term) -> int:
        """How often ``term`` appears in ``lang`` text in an allowed (not variant, not forbidden) form."""
        return sum(
            1
            for m in self.find_target(text, lang)
            if m.term == term and m.kind in ("target", "keep") and not m.variant
        )


def digest(found: Sequence[Match], lang: str) -> str:
    """The fingerprint (see :meth:`Matcher.fingerprint`) of the terms in ``found``, in ``lang``."""
    terms = {m.term for m in found}
    if not terms:
        return ""
    import hashlib
    import json

    content = sorted((t.canonical_for(lang) for t in terms), key=lambda d: json.dumps(d, ensure_ascii=False, sort_keys=True))
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


class SentenceTerms:
    """The terms of a glossary (None: the run has none) in English sentences, each sentence
    searched once while this object lives.

    A run asks about a sentence several times (its fingerprint in each language when planning,
    its PO notes and fingerprints when writing). The glossary lives for the whole run, so this
    memory is kept here, one per batch, and goes with the batch: an archive's memory does not grow
    with its issues.
    """

    def __init__(self, glossary: Glossary | None) -> None:
        self.glossary = glossary if glossary is not None and len(glossary) else None
        self._found: dict[str, list[Match]] = {}

    def serves(self, glossary: Glossary | None) -> bool:
        """Whether this memory answers for ``glossary`` (the same glossary, or none for none)."""
        return self.glossary is (glossary if glossary is not None and len(glossary) else None)

    def __call__(self, text: str) -> list[Match]:
        """The terms in ``text`` (:meth:`Matcher.find_source`)."""
        if self.glossary is None:
            return []
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = self.glossary.matcher.find_source(text)
        return found

    def fingerprint(self, text: str, lang: str) -> str:
        """The fingerprint of ``text`` in ``lang``; "" when no term matches or there is no glossary."""
        return digest(self(text), lang)
