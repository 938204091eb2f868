"""Where plain phrases occur in placeholder text, in time linear in the text and the phrases
(issue #27, item 14).

A phrase (plain, single-spaced words) occurs in placeholder text where its words follow one another
with only white space and placeholder tokens (``{1}``, ``{/1}``) between them, and none inside a
word. Taking every such separator out of the text ("squeezing" it) leaves a phrase's letters side by
side, so candidates are the squeezed phrase's occurrences in the squeezed text.

Aho-Corasick finds where each phrase's first :data:`PREFIX` characters first occur, in one pass.
Its keys are kept that short because pyahocorasick follows failure links without output links: a
long key that overlaps itself (a paragraph repeating a phrase, with no sentence end) costs its
length at each character of the text, which made ``check`` quadratic. From there ``str.find``
finds the whole phrase, and the separators are checked to fall between words only. All of that
is charged against a budget linear in the input; past it, the remaining phrases are not looked
for (they are reported as not found), which only a hostile input reaches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate

#: How many leading characters of each squeezed phrase the automaton holds.
PREFIX = 32
#: Work allowed per character of text and phrases (characters compared, words checked).
BUDGET_PER_CHARACTER = 8

_SEPARATORS = re.compile(r"(?:\s|\{/?\d+\})+")


class _Squeezed:
    """``text`` without separators, where each of its characters came from, and the separators
    before each (``breaks[i]``: how many of characters 1..i follow a separator)."""

    def __init__(self, text: str):
        kept: list[str] = []
        where: list[int] = []
        position = 0
        for match in (*_SEPARATORS.finditer(text), None):
            stop = match.start() if match else len(text)
            kept.append(text[position:stop])
            where.extend(range(position, stop))
            position = match.end() if match else stop
        self.text = "".join(kept)
        self.where = where
        gaps = (0, *(int(where[i] != where[i - 1] + 1) for i in range(1, len(where))))
        self.breaks = list(accumulate(gaps))

    def separated(self, start: int, end: int, words: Sequence[int]) -> bool:
        """Whether a separator falls inside a word of the occurrence ``start:end`` (``words``:
        where each word after the first begins, relative to ``start``)."""
        inside = self.breaks[end - 1] - self.breaks[start]
        between = sum(self.where[start + b] != self.where[start + b - 1] + 1 for b in words)
        return inside != between


def first_places(text: str, phrases: Sequence[str]) -> list[int | None]:
    """For each of ``phrases``, the offset in placeholder ``text`` where it first occurs (its first
    word's first character), or ``None``."""
    if not phrases:
        return []
    squeezed = _Squeezed(text)
    keys = [phrase.replace(" ", "") for phrase in phrases]
    heads = _first_heads(squeezed.text, {key[:PREFIX] for key in keys if key})
    budget = BUDGET_PER_CHARACTER * (len(squeezed.text) + sum(map(len, keys)) + len(keys))
    out: list[int | None] = []
    for phrase, key in zip(phrases, keys, strict=True):
        at = heads.get(key[:PREFIX]) if key else None
        found: int | None = None
        words = _word_starts(phrase)
        while at is not None and budget > 0:
            hit = squeezed.text.find(key, at)
            budget -= (len(squeezed.text) if hit < 0 else hit + len(key)) - at + len(words)
            if hit < 0:
                break
            if not squeezed.separated(hit, hit + len(key), words):
                found = squeezed.where[hit]
                break
            at = hit + 1
        out.append(found)
    return out


def _word_starts(phrase: str) -> tuple[int, ...]:
    """Where each word of ``phrase`` after the first begins in the phrase without spaces."""
    starts: set[int] = set()
    length = 0
    for word in phrase.split(" "):
        if length:
            starts.add(length)
        length += len(word)
    return tuple(sorted(b for b in starts if b < length))


def _first_heads(text: str, heads: set[str]) -> dict[str, int]:
    """Where each of ``heads`` (at most :data:`PREFIX` characters each) first occurs in ``text``."""
    import ahocorasick

    first: dict[str, int] = {}
    if not heads:
        return first
    automaton = ahocorasick.Automaton()
    for head in heads:
        automaton.add_word(head, head)
    automaton.make_automaton()
    for end, head in automaton.iter(text):
        if head not in first:
            first[head] = end - len(head) + 1
            if len(first) == len(heads):
                break
    return first
