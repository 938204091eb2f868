"""Whether one translated sentence honours the glossary: every enforced term rendered, nothing forbidden.

The reviewer's ``check`` has the full rules with positions; this is the small verdict the memory
needs for a sentence and its translation (both in placeholder form) when the glossary changed.
"""

from __future__ import annotations

from collections import Counter

from .schema import Glossary


def problems(glossary: Glossary, source: str, translation: str, lang: str) -> list[str]:
    """What is wrong with ``translation`` of ``source`` in ``lang``, one message each; empty when nothing is."""
    if not len(glossary):
        return []
    matcher = glossary.matcher
    out: list[str] = []
    found = matcher.find_target(translation, lang)
    wrong = set()
    for m in found:
        if m.kind == "forbidden":
            wrong.add(m.term)
            wanted = m.term.target(lang)
            use = f"; use {wanted!r}" if wanted else ""
            out.append(f"{m.surface!r} is forbidden in {lang} for {m.term.en!r}{use}")
    needed = Counter(m.term for m in matcher.find_source(source) if m.term.enforced(lang))
    have = Counter(m.term for m in found if m.kind in ("target", "keep") and not m.variant)
    for term, count in needed.items():
        if have[term] < count and term not in wrong:  # a forbidden rendering already says what is wrong
            rendering = "kept as written" if term.keep else f"rendered {term.target(lang)!r}"
            out.append(f"{term.en!r} must be {rendering} ({have[term]} of {count} found)")
    return out
