"""Second thoughts on an alignment: blocks moved, blocks shifted by one, paragraphs split in two or merged.

:func:`~.align.align` pairs blocks by sequence alignment; a translator may still move a
paragraph a block up, pair links differently in a list whose links the source changed, or
split one English paragraph in two, or join two in one. Reported as gaps, each would be two findings of a change
that is not one. These functions rework the raw ``(source block, target block)`` list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Block

Raw = list[tuple["Block | None", "Block | None"]]
#: How close two blocks must be, by shared links, code, numbers and Latin words, to be one block moved or split
#: (the share of the smaller block's tokens the two have in common, two at least).
MOVED = 0.6
SPLIT = 0.3


def uncross(pairs: Raw) -> Raw:
    """``extra Ta, (Sb, Tb), missing Sc`` of one shape is a shift by one: ``(Sb, Ta), (Sc, Tb)``; and its mirror."""
    out = list(pairs)
    i = 0
    while i + 2 < len(out):
        (s0, t0), (s1, t1), (s2, t2) = out[i : i + 3]
        if s1 is not None and t1 is not None:
            if s0 is None and t2 is None and t0 is not None and s2 is not None and _one_shape(t0, s1, t1, s2):
                out[i : i + 3] = [(s1, t0), (s2, t1)]
                continue
            if t0 is None and s2 is None and s0 is not None and t2 is not None and _one_shape(s0, s1, t1, t2):
                out[i : i + 3] = [(s0, t1), (s1, t2)]
                continue
        i += 1
    return out


def _one_shape(*blocks: Block) -> bool:
    return len({b.shape for b in blocks}) == 1


def moved(pairs: Raw, similarity: Callable[[Block, Block], float]) -> tuple[Raw, set[int]]:
    """Pair a lone extra block with a lone missing block of its shape nearby when they are close.

    Returns the new list and the target ordinals of the blocks that moved.
    """
    out = list(pairs)
    marks: set[int] = set()
    for i, (s, t) in enumerate(out):
        if s is not None or t is None:
            continue
        for j in range(max(0, i - 3), min(len(out), i + 4)):
            src, tgt = out[j]
            if tgt is None and src is not None and src.shape == t.shape and similarity(src, t) >= MOVED:
                out[i] = (src, t)
                out[j] = (None, None)
                marks.add(t.ordinal)
                break
    return [p for p in out if p != (None, None)], marks


def splits(pairs: Raw, similarity: Callable[[Block, Block], float]) -> dict[int, Block]:
    """Extra paragraphs that continue the paragraph before them: target ordinal → the source block they share."""
    out: dict[int, Block] = {}
    for (s, t), (s2, t2) in zip(pairs, pairs[1:]):
        if s is None or t is None or s2 is not None or t2 is None:
            continue
        if s.kind == t.kind == t2.kind == "paragraph" and t.shape == t2.shape and similarity(s, t2) >= SPLIT:
            out[t2.ordinal] = s
    return out


def first_halves(pairs: Raw, similarity: Callable[[Block, Block], float], need: Callable[[Block], float],
                 has: Callable[[Block], float]) -> tuple[Raw, set[int]]:
    """Pairs re-paired where an extra paragraph is the first half of the next pair's source paragraph (1:n):
    the extra paragraph becomes the pair and the paired one its continuation, whose target ordinals are returned.

    An extra paragraph right before a paired one is the source paragraph's first half when it shares more
    with the source than the paired one does, or when the paired one holds under half of what the source
    needs and both together fit it better, as a ratio (the translator's paragraph in two: a long one, then one
    sentence).
    """
    out, halves = list(pairs), set()
    for i in range(len(out) - 1):
        (none, te), (s, t) = out[i], out[i + 1]
        if none is not None or te is None or s is None or t is None or t.ordinal in halves:
            continue
        if not (te.kind == t.kind == s.kind == "paragraph" and te.shape == t.shape and te.containers == t.containers):
            continue
        needed, alone, both = need(s), has(t), has(te) + has(t)
        shorter = needed > 0 and 0 < alone < 0.5 * needed and abs(math.log(both / needed)) < abs(math.log(alone / needed))
        closer = similarity(s, te) >= SPLIT and similarity(s, te) > similarity(s, t)
        if shorter or closer:
            out[i], out[i + 1] = (s, te), (None, t)
            halves.add(t.ordinal)
    return out, halves


def shifted_halves(pairs: Raw, need: Callable[[Block], float], has: Callable[[Block], float]) -> tuple[Raw, set[int]]:
    """Pairs re-paired where a split paragraph was joined to the wrong source: (S1, T1), (S2, T2), (—, T3) becomes
    (S1, T1), (—, T2), (S2, T3) when T1 holds under half of what S1 needs, T1 and T2 together fit S1 better, and T3
    alone fits S2 better than T2 and T3 together (the translator's S1 in two paragraphs, then S2 in one). The
    target ordinals of the paragraphs that now continue their neighbour (T2) are returned."""
    out, halves = list(pairs), set()

    def gap(held: float, needed: float) -> float:
        return abs(math.log(held / needed)) if held > 0 and needed > 0 else math.inf

    for i in range(len(out) - 2):
        (s1, t1), (s2, t2), (none, t3) = out[i], out[i + 1], out[i + 2]
        if none is not None or None in (s1, t1, s2, t2, t3):
            continue
        blocks = (s1, t1, s2, t2, t3)
        if any(b.kind != "paragraph" for b in blocks) or len({b.shape for b in (t1, t2, t3)}) != 1 \
                or len({b.containers for b in (t1, t2, t3)}) != 1:
            continue
        n1, n2 = need(s1), need(s2)
        if not (0 < has(t1) < 0.5 * n1):
            continue
        if gap(has(t1) + has(t2), n1) < gap(has(t1), n1) and gap(has(t3), n2) < gap(has(t2) + has(t3), n2):
            out[i + 1], out[i + 2] = (None, t2), (s2, t3)
            halves.add(t2.ordinal)
    return out, halves


#: How far a paragraph's length may be from what its source needs and still be its translation:
#: a target paragraph longer than this many times its source's need may hold a neighbour's too.
LONGER = 1.5


#: How much longer a target paragraph must be when a line of it ends a sentence and the next starts another: two
#: paragraphs the translation joined with a single line break (which Markdown reads as one paragraph).
JOINED = 1.2
_SENTENCE_LINE = re.compile(r"[。！？.!?][)）」』\"”]*\n\S")


def _joined_lines(block: Block) -> bool:
    return any(_SENTENCE_LINE.search(unit.text) for unit in block.units)


def merges(pairs: Raw, need: Callable[[Block], float], has: Callable[[Block], float]) -> set[int]:
    """Missing source paragraphs a neighbouring target paragraph translates too: their source ordinals.

    ``need`` is how much text a source paragraph's translation needs and ``has`` how much a target
    paragraph holds, in the same unit: a target paragraph paired with a source paragraph whose length
    it exceeds by far, next to a missing source paragraph, holds that one too when their lengths
    together fit it better (English "A. / B." where the translation writes "A，B。" as one paragraph).
    """
    out: set[int] = set()
    for i, (s, t) in enumerate(pairs):
        if s is None or t is None or s.kind != "paragraph" or t.kind != "paragraph":
            continue
        total, held = need(s), has(t)
        for j in (i - 1, i + 1):
            if not 0 <= j < len(pairs):
                continue
            m, other = pairs[j]
            if other is not None or m is None or m.kind != "paragraph" or m.containers != s.containers:
                continue
            with_m = total + need(m)
            longer = JOINED if _joined_lines(t) else LONGER
            if total and held > longer * total and abs(held / with_m - 1) < abs(held / total - 1) and held / with_m > 0.6:
                out.add(m.ordinal)
                total = with_m
    return out


#: A source paragraph and the target paragraphs regrouped to translate it fit within this factor of its length.
FIT = 1.5
#: The evidence for regrouping: a paired target paragraph holding under this share of what its source needs.
SHORT = 0.5
#: The most target paragraphs one regrouped run may hold (the search grows with the square of a run).
RUN = 40


def regroup(pairs: Raw, need: Callable[[Block], float], has: Callable[[Block], float],
            shares: Callable[[Block, Block], int]) -> tuple[Raw, dict[int, Block]]:
    """Runs of paragraphs where the translation has more than the source, regrouped by length (one to many).

    A translator may write each English sentence as a paragraph of its own: ``(S1, T1), (S2, T2), (—, T3) … (—, T7)``
    pairs S1 with a sentence of it and leaves the rest extra. In a run of paragraphs of one shape where a paired
    target paragraph holds under :data:`SHORT` of what its source needs, each source paragraph takes the
    consecutive target paragraphs whose lengths together fit it best (Gale and Church's length alignment, 1:n),
    where a target paragraph that shares less (``shares``: links, code, numbers, Latin words) with its group's
    source than with another source of the run counts as misfit; the grouping is kept when every group
    fits its source within :data:`FIT` and fits better than the pairs did.
    Returns the new pairs and, for each target paragraph that now continues a group, the source it translates.
    """
    out: Raw = []
    continued: dict[int, Block] = {}
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and _in_run(pairs[j], pairs[i]):
            j += 1
        if j == i:
            out.append(pairs[i])
            i += 1
            continue
        out.extend(_regrouped(pairs[i:j], need, has, shares, continued))
        i = j
    return out, continued


def _in_run(pair: tuple[Block | None, Block | None], first: tuple[Block | None, Block | None]) -> bool:
    """Whether ``pair`` can belong to a regrouped run that starts at ``first``: target paragraphs of one shape, each
    paired with a paragraph of that shape or with nothing."""
    s, t = pair
    shape = first[1].shape if first[1] is not None else None
    return t is not None and t.kind == "paragraph" and t.shape == shape and (s is None or s.shape == t.shape)


def _regrouped(run: Raw, need: Callable[[Block], float], has: Callable[[Block], float],
               shares: Callable[[Block, Block], int], continued: dict[int, Block]) -> Raw:
    sources = [s for s, _ in run if s is not None]
    targets = [t for _, t in run if t is not None]
    m, n = len(sources), len(targets)
    needs = [need(s) for s in sources]
    if not m or n <= m or n > RUN or min(needs) <= 0:
        return run

    def gap(held: float, needed: float) -> float:
        ratio = held / needed
        return abs(math.log(ratio)) if ratio > 0 else math.inf  # nothing held, or too little for a float

    paired = [gap(has(t), need(s)) for s, t in run if s is not None and t is not None]
    if not any(has(t) < SHORT * need(s) for s, t in run if s is not None and t is not None):
        return run
    held, astray = [0.0], [[0] * m for _ in range(n + 1)]  # astray[e][k]: how many of targets[:e] share more with another source than with k
    for e, t in enumerate(targets):
        held.append(held[-1] + has(t))
        common = [shares(t, s) for s in sources]
        astray[e + 1] = [astray[e][k] + (common[k] < max(common)) for k in range(m)]

    def misfit(k: int, b: int, e: int) -> float:
        return gap(held[e] - held[b], needs[k]) + astray[e][k] - astray[b][k]

    # best[k][e]: the least total misfit of sources[:k] taking targets[:e]; back[k][e]: where group k-1 starts
    best = [[math.inf] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for k in range(1, m + 1):
        for e in range(k, n - (m - k) + 1):
            for b in range(k - 1, e):
                cost = best[k - 1][b] + misfit(k - 1, b, e)
                if cost < best[k][e]:
                    best[k][e], back[k][e] = cost, b
    bounds, e = [], n
    for k in range(m, 0, -1):
        bounds.append((back[k][e], e))
        e = back[k][e]
    bounds.reverse()
    fits = [misfit(k, b, e) for k, (b, e) in enumerate(bounds)]
    if max(fits) > math.log(FIT) or max(fits) >= max(paired, default=math.inf):
        return run
    out: Raw = []
    for source, (b, e) in zip(sources, bounds):
        out.append((source, targets[b]))
        for t in targets[b + 1 : e]:
            out.append((None, t))
            continued[t.ordinal] = source
    return out
