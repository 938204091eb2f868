"""English verb forms of glossary terms on the source side: "masking" and "masked" are uses of ``mask``.

The glossary matcher knows plurals and possessives; a reviewer also wants a term checked where
the source inflects it as a verb or gerund. Only single-word terms with a target (not kept
names) are inflected, and a match never overlaps one the matcher already made (so "training",
when it is a term of its own, stays that term).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..glossary.matcher import Match
from ..glossary.schema import Glossary, Term
from ..document.placeholders import TOKEN_RE

_VOWELS = "aeiou"


def verb_forms(word: str) -> set[str]:
    """``-ing`` and ``-ed`` forms of ``word``: mask → masking, masked; encode → encoding, encoded; map → mapping."""
    w = word.lower()
    out = {w + "ing", w + "ed"}
    if w.endswith("e"):
        out = {w[:-1] + "ing", w + "d"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        out = {w + "ing", w[:-1] + "ied"}
    elif len(w) <= 4 and len(w) >= 3 and w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        out |= {w + w[-1] + "ing", w + w[-1] + "ed"}
    return out


@functools.cache
def _pattern(glossary: Glossary) -> tuple[re.Pattern[str], dict[str, Term]] | None:
    forms: dict[str, Term] = {}
    for term in glossary:
        if term.keep or not re.fullmatch(r"[A-Za-z]{3,}", term.en):
            continue
        for form in verb_forms(term.en):
            forms.setdefault(form, term)
    if not forms:
        return None
    alternatives = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), forms


def inflected(glossary: Glossary, text: str, found: Sequence[Match]) -> list[Match]:
    """The verb forms of glossary terms in English ``text`` that ``found`` (the matcher's matches) does not cover."""
    compiled = _pattern(glossary)
    if compiled is None:
        return []
    pattern, forms = compiled
    scan = TOKEN_RE.sub(lambda m: "\x00" * len(m.group(0)), text) if "{" in text else text
    taken = [(m.start, m.end) for m in found]
    out = []
    for m in pattern.finditer(scan):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        term = forms[m.group(0).lower()]
        out.append(Match(term, m.start(), m.end(), text[m.start():m.end()], base=term.en))
    return out
