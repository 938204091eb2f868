"""Whether a translation follows its source, or translates another version of it: decided from the alignment.

A translation of an older or newer page pairs few of its blocks with the source's, and the blocks
that pair rarely agree in the links, code and numbers a translation keeps. A faithful translation
of part of a page, or of a page the source has since grown, pairs nearly all of its own blocks.
So the decision reads the target's side of the alignment, not one score with a fitted cut-off.
"""

from __future__ import annotations

#: How the alignment decides whether a translation follows its source (see :func:`version`).
_SMALL = 8  # blocks: too few to judge
_FOLLOWS = 0.75  # share of the target's blocks paired, and of them agreeing, at or above which it surely follows
_AGREES = 0.5
_OTHER_PAIRED = 0.5  # share of the target's blocks paired below which it surely translates another version
_OTHER_AGREES = 0.4  # share of the target's blocks agreeing in links, code and numbers below which it surely does
# (on the development set stale pages agree at 31-34% and faithful ones at 76% and up)


def version(lost: int, src_blocks: int, extra: int, tgt_blocks: int, agree: float) -> str:
    """``"follows"``, ``"other"`` (translates another version) or ``"uncertain"``, from the alignment itself.

    Judged from the target's side: the share of its blocks paired with source blocks, and the share
    of its blocks that agree exactly with theirs in links, code and numbers (``agree`` counts both
    sides; a translation of part of a page, or of a page the source has since grown, would otherwise
    look like another version). A translation whose blocks nearly all pair and mostly agree follows
    this source, and what the source has more is reported as gaps. It translates another version
    only when most of its blocks have no counterpart, or almost none agrees. Between the two the
    verdict is uncertain: the per-block findings are reported, with a note, so that one verdict
    never hides real problems.
    """
    if max(src_blocks, tgt_blocks) < _SMALL:
        return "follows"
    tgt_paired = 1 - extra / max(1, tgt_blocks)
    tgt_agrees = min(1.0, agree * (src_blocks + tgt_blocks) / 2 / max(1, tgt_blocks))
    if tgt_paired < _OTHER_PAIRED or tgt_agrees < _OTHER_AGREES:
        return "other"
    if tgt_paired >= _FOLLOWS and tgt_agrees >= _AGREES:
        return "follows"
    return "uncertain"
