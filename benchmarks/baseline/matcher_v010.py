"""The glossary matcher of bilingual 0.1.0, kept unchanged as the benchmark's baseline (issue #10).

Finding glossary terms in text with one Aho–Corasick automaton over every pattern.

The automaton holds, for every term, its ``en`` form, its ``forms``, their plurals and
possessives (source side), and for each target language the allowed renderings, the forbidden
ones and the forms of kept terms (target side). Patterns and text are compared lower-cased;
case-sensitive entries are then checked against the original text. Placeholder tokens (``{3}``,
``{/3}``) are blanked before the search, so nothing matches inside or across one, and they act as
word boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from bilingual.document.placeholders import TOKEN_RE
from bilingual.glossary.schema import LANGUAGES, Glossary, Term

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


def inflections(form: str) -> list[tuple[str, int, str]]:
    """``form`` with its English plural and possessive endings: ``(text, chars added, stem tail)``.

    The stem tail is what replaces the added characters to get back the base form (``y`` for
    ``-ies``). Forms that end in a CJK character get no endings.
    """
    out = [(form, 0, "")]
    last = form[-1]
    if not is_word(last):
        return out
    plurals: list[tuple[str, int, str]] = []
    if last.isalpha():
        low = form.lower()
        if low.endswith(("s", "x", "z", "ch", "sh")):
            plurals.append((form + "es", 2, ""))
        elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
            plurals.append((form[:-1] + "ies", 3, "y"))
        else:
            plurals.append((form + "s", 1, ""))
    for apostrophe in _APOSTROPHES:
        out.append((form + apostrophe + "s", 2, ""))
        for plural, added, tail in plurals:
            out.append((plural + apostrophe, added + 1, tail))
    return out + plurals


@dataclass(frozen=True)
class Match:
    """A glossary term found in English text."""

    term: Term
    start: int
    end: int
    surface: str  # the text as written, e.g. "Papers'"
    variant: bool = False  # a recognised but wrong form of a case-sensitive kept term ("py torch", "Pytorch")
    base: str = ""  # the surface without a generated plural or possessive ending ("Papers'" → "Paper")


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

        def entry(kind: str, pattern: str, *, variant: bool = False, added: int = 0, tail: str = "", rank: int = 0) -> _Entry:
            case_variants = cs and term.keep and kind in ("source", "keep")
            return _Entry(index, kind, pattern, cs, case_variants, variant, added, tail,
                          is_word(pattern[0]), is_word(pattern[-1]), rank + (1 if added else 0) + (2 if variant else 0))

        source_forms = [(form, i > 0 and cs) for i, form in enumerate((term.en, *term.forms))]
        for form, variant in source_forms:
            for text, added, tail in inflections(form):
                out.append((SOURCE, entry("source", text, variant=variant, added=added, tail=tail)))
        langs = sorted(set(LANGUAGES) | set(term.targets) | set(term.forbidden))
        for lang in langs:
            if term.keep:
                for form, variant in source_forms:
                    for text, added, tail in inflections(form):
                        out.append((lang, entry("keep", text, variant=variant, added=added, tail=tail)))
            for target in term.targets.get(lang, ()):
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
                found.append((start, start - end, rank, e.term, e, variant))
        found.sort(key=lambda f: f[:4])
        chosen: list[tuple[_Entry, int, int, bool]] = []
        reach = 0
        for start, negative_len, _, _, e, variant in found:
            if start >= reach:
                chosen.append((e, start, start - negative_len, variant))
                reach = start - negative_len
        return chosen

    def find_source(self, text: str) -> list[Match]:
        """Every term in English ``text``: longest-leftmost, non-overlapping, in text order."""
        out: list[Match] = []
        for e, start, end, variant in self._scan(text, SOURCE):
            surface = text[start:end]
            base = surface[: len(surface) - e.added] + e.tail if e.added else surface
            out.append(Match(self.terms[e.term], start, end, surface, variant, base))
        return out

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
