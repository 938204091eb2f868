"""The glossary-free consistency rule indexes one language at a time (#26): the index of a language
(a 2 MB issue's is tens of MB) is let go before the next language's is built, so ``check`` and the
run's findings for its views hold one, not every language's. The findings are the same.

Deterministic: what is observed is which indexes are still reachable, not process memory.
"""

from __future__ import annotations

import gc
import weakref

from bilingual.checks import termalign
from bilingual.checks.consistency import aligned_findings
from bilingual.checks.termalign import Aligned

WORDS = ["first", "last", "here", "there", "later", "once", "twice", "now", "again", "anywhere"]
HAN = "一二三四五六七八九十"


def pairs(langs: list[str]) -> list[Aligned]:
    """"masking" in ten sentences per language, rendered 掩码 and 遮罩 in turn: one finding per language."""
    return [Aligned(f"{lang}.po", lang, f"Masking {w}.", f"{'掩码' if k % 2 == 0 else '遮罩'}{HAN[k]}")
            for lang in langs for k, w in enumerate(WORDS)]


def test_each_languages_index_is_let_go_before_the_next_is_built(monkeypatch):
    langs = ["zh", "ja"]
    made: list[weakref.ref] = []
    held: list[int] = []  # as each index is built: how many built before are still reachable
    build = termalign.index

    def recording(*args, **kwargs):
        gc.collect()
        held.append(sum(1 for ref in made if ref() is not None))
        alignment = build(*args, **kwargs)
        made.append(weakref.ref(alignment))
        return alignment

    monkeypatch.setattr(termalign, "index", recording)
    found = aligned_findings(pairs(langs))
    assert held == [0] * len(langs)
    assert sorted({v.file for v in found}) == sorted(f"{lang}.po" for lang in langs)
