"""markdown-it's link-label scan, made linear (issue #27, item 14).

markdown-it reads a link or image by scanning forward from its ``[`` for the ``]`` that closes the
label, skipping whole inline tokens on the way, and does that again from every ``[``: each ``[`` of
a run rescans what follows it. Two things make the scan here do each piece of work once:

- A label ends only at a ``]``: where no ``]`` follows the ``[`` in the text being parsed, the
  answer is "no label" without scanning (``[`` or ``![`` repeated: 250 and 445 inline rule calls
  per character before, about 24 now, as for ``&`` or ``<``).
- Each scan's answer is kept for its state (by start, ``disableNested`` and end of text). A scan
  that meets a plain ``[`` whose own label is known goes straight to that label's ``]`` instead of
  walking through it again (``[[[…]]]``: each level rescanned every level inside it).

The answers are the ones markdown-it's scan gives: it is the same loop (markdown-it-py 4's
``parseLinkLabel``) with those two shortcuts, over the same memo of skipped tokens.
"""

from __future__ import annotations

import bisect
import functools
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_LABELS = "_bilingual_labels"


def install(md: MarkdownIt) -> None:
    """Give ``md`` (not markdown-it as a whole: ``md.helpers`` is per instance) this label scan."""
    helpers = md.helpers
    md.helpers = SimpleNamespace(**{**{name: getattr(helpers, name) for name in helpers.__all__},
                                    "parseLinkLabel": parse_link_label})


def parse_link_label(state: Any, start: int, disableNested: bool = False) -> int:
    """Where the label opened by the ``[`` at ``start`` ends (its ``]``), or -1: markdown-it's
    ``parseLinkLabel``. ``state.pos`` is left as it was."""
    closers = _closers(state.src)
    at = bisect.bisect_right(closers, start)
    if at == len(closers) or closers[at] >= state.posMax:
        return -1
    labels: dict[tuple[int, bool, int], int] = state.__dict__.setdefault(_LABELS, {})
    key = (start, disableNested, state.posMax)
    if key in labels:
        return labels[key]
    old = state.pos
    state.pos = start + 1
    level = 1
    end = -1
    while state.pos < state.posMax:
        marker = state.src[state.pos]
        if marker == "]":
            level -= 1
            if level == 0:
                end = state.pos
                break
        previous = state.pos
        state.md.inline.skipToken(state)
        if marker == "[":
            if previous == state.pos - 1:  # a plain "[", not the start of a token
                inner = labels.get((previous, disableNested, state.posMax))
                if inner is not None and inner < 0:
                    break  # its label never closes, so neither does this one
                if inner is not None:
                    state.pos = inner  # its "]": the loop closes that level there
                level += 1
            elif disableNested:
                break
    state.pos = old
    labels[key] = end
    return end


@functools.lru_cache(maxsize=8)
def _closers(src: str) -> list[int]:
    """Where each ``]`` is in ``src``, in order."""
    out: list[int] = []
    at = src.find("]")
    while at >= 0:
        out.append(at)
        at = src.find("]", at + 1)
    return out
