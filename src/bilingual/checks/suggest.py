"""``bilingual glossary suggest``: turn the rendering a translation archive uses most into a glossary entry.

The consistency rule counts, for each glossary term with more than one accepted rendering, how
often each rendering is used where the aligned source has the term. :func:`suggest` makes each
term rendered more than one way into an entry whose only target is the winner; the other
renderings become forbidden, and the note gives the counts, so the reviewer can edit before
adopting it. :func:`suggest_aligned` does it for the source terms :mod:`.termalign` finds by
aligning source and translation, so a user without a glossary can bootstrap one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..glossary.schema import Glossary, Term
from .consistency import Rendering, glossary_renderings, glossary_skip
from .termalign import Aligned


def suggest(renderings: Sequence[Rendering], glossary: Glossary, lang: str) -> list[Term]:
    """An entry for each term of ``glossary`` rendered more than one way in ``lang``, in glossary order."""
    counts: dict[str, Counter[str]] = {}
    for r in renderings:
        if r.lang == lang and not r.forbidden:
            counts.setdefault(r.term, Counter())[r.rendering] += 1
    out = []
    for term in glossary:
        seen = counts.get(term.en)
        if seen is None or len(seen) < 2:
            continue
        ranked = sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))
        winner = ranked[0][0]
        losers = tuple(r for r, _ in ranked[1:])
        usage = ", ".join(f"{r} ×{n}" for r, n in ranked)
        forbidden = dict(term.forbidden)
        forbidden[lang] = tuple(dict.fromkeys((*term.forbidden_in(lang), *losers)))
        accepted = {k: v for k, v in term.accepted.items() if k != lang}
        note = f"{lang} renderings used: {usage}." + (f" {term.note}" if term.note else "")
        out.append(replace(term, targets={**term.targets, lang: (winner,)}, forbidden=forbidden, accepted=accepted,
                           note=note))
    return out


def suggest_aligned(pairs: Sequence[Aligned], glossary: Glossary | None, lang: str) -> list[Term]:
    """An entry for each source term not in ``glossary`` that the ``lang`` pairs render two strong ways, by term."""
    from .termalign import index, inconsistent

    alignment = index([p for p in pairs if p.lang == lang], glossary_renderings(glossary, lang))
    out = []
    for found in inconsistent(alignment, glossary_skip(glossary)):
        ranked = found.counts()
        usage = ", ".join(f"{r} ×{n}" for r, n in ranked)
        out.append(Term(en=found.term, targets={lang: (ranked[0][0],)},
                        forbidden={lang: tuple(r for r, _ in ranked[1:])},
                        note=f"{lang} renderings used: {usage} (aligned with the source). Check the term's spelling "
                             "and each rendering's sense before adopting it."))
    return out
