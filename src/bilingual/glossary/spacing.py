"""Spaces around a term put back into a translation: none between CJK neighbours, one between Latin words."""

from __future__ import annotations

import re
import unicodedata

from ..document.placeholders import TOKEN_RE
from .matcher import is_cjk, is_word


def _cjk_lang(lang: str) -> bool:
    return lang.split("-")[0].lower() in ("zh", "ja", "ko")


def _joins_tightly(term_edge: str, neighbour: str, before: bool) -> bool:
    """No space between a CJK term edge and a CJK neighbour, an opening bracket or quote before it,
    or closing punctuation after it (``（论文）``, ``论文.``); ``, 论文`` keeps its space."""
    if not is_cjk(term_edge):
        return False
    if is_cjk(neighbour):
        return True
    category = unicodedata.category(neighbour)
    opening = category in ("Ps", "Pi")
    return opening if before else category.startswith("P") and not opening


_TOKEN_AT_END = re.compile(r"\{/?\d{1,4}\}\Z")


def space_left(text: str, start: int, lang: str) -> str:
    """Before an inserted term: drop spaces between CJK neighbours, add one between Latin words.

    Markup placeholders right before the term (``读了 {1}论文``) are looked through.
    """
    k = start
    while (m := _TOKEN_AT_END.search(text, 0, k)) is not None:
        k = m.start()
    i = k
    while i > 0 and text[i - 1] in " \t\u3000":
        i -= 1
    if i == 0 or start == len(text):
        return text
    edge, neighbour = text[start], text[i - 1]
    if i < k and _cjk_lang(lang) and _joins_tightly(edge, neighbour, before=True):
        return text[:i] + text[k:]
    if i == start and is_word(edge) and is_word(neighbour):
        return text[:start] + " " + text[start:]
    return text


def space_right(text: str, end: int, lang: str) -> str:
    """After an inserted term: the mirror image of :func:`space_left`."""
    k = end
    while (m := TOKEN_RE.match(text, k)) is not None:
        k = m.end()
    j = k
    while j < len(text) and text[j] in " \t\u3000":
        j += 1
    if j == len(text) or end == 0:
        return text
    edge, neighbour = text[end - 1], text[j]
    if j > k and _cjk_lang(lang) and _joins_tightly(edge, neighbour, before=False):
        return text[:k] + text[j:]
    if j == end and is_word(edge) and is_word(neighbour):
        return text[:end] + " " + text[end:]
    return text
