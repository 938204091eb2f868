"""The ``structure`` rule: blocks missing, added or of another kind than the source's.

Blocks are aligned by :mod:`.align`; this rule reports what the alignment could not pair, and
grades as info what a translator may rightly write otherwise (a split, joined or moved paragraph, a quote
turned into an alert, a component written as a caption or a code block).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .model import Finding, Pair
from .registry import Context, Example, rule
from .spans import plain

if TYPE_CHECKING:
    from .model import Block


@rule("structure", "error", needs_source=True,
      bad=Example("zh", "# 甲\n\n- 一\n", "# A\n\n- one\n- two\n"),
      good=Example("zh", "# 甲\n\n- 一\n- 二\n", "# A\n\n- one\n- two\n"))
def structure(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Block structure differs from the source: {detail}.

    Blocks are aligned by sequence alignment over their kinds and what a translation keeps (links,
    code, numbers), so one missing or extra block is one finding, and a run of them (a section
    added to the source later) is one gap, not a cascade.
    """
    s, t = pair.source, pair.target
    if (s is None and t is None) or pair.continues:
        return
    if pair.split and t is not None:
        yield Finding(line=t.line, found=t.describe(), severity="info",
                      detail=f"{t.describe()} continues the paragraph before it (one source paragraph in two)")
        return
    if pair.moved and t is not None and s is not None:
        yield Finding(line=t.line, found=t.describe(), expected=s.describe(), severity="info",
                      detail=f"{t.describe()} is moved: the source has it a little earlier or later")
        return
    if t is None and pair.merged:
        assert s is not None
        yield Finding(line=pair.line, expected=s.describe(), severity="info",
                      detail=f"{s.describe()} is translated within the paragraph next to it (two source paragraphs in one)")
        return
    if t is None:
        assert s is not None
        markup_only = all(_markup_only(b) for b in (pair.gap or (s,)))
        if markup_only:  # template markup with no text (<div class="options-api">): worth a look, not an error
            yield Finding(line=pair.line, expected=s.describe(), severity="info",
                          detail=f"missing {len(pair.gap) or 1} HTML block(s) with no text, from {s.describe()}")
            return
        if len(pair.gap) > 1:
            detail = f"missing {len(pair.gap)} blocks, from {s.describe()} to {pair.gap[-1].describe()}"
            yield Finding(line=pair.line, expected=f"{s.describe()} … {pair.gap[-1].describe()}", detail=detail)
        else:
            yield Finding(line=pair.line, expected=s.describe(), detail=f"missing {s.describe()}")
    elif s is None:
        if all(_markup_only(b) for b in (pair.gap or (t,))):
            yield Finding(line=t.line, found=t.describe(), severity="info",
                          detail=f"{len(pair.gap) or 1} HTML block(s) with no text that the source does not have, from {t.describe()}")
            return
        if not pair.gap[1:] and _translators_note(t, ctx.target_document):
            yield Finding(line=t.line, found=t.describe(), severity="info",
                          detail=f"{t.describe()} that the source does not have: a translator's note at the top of "
                                 "the page naming the upstream file, commit or date")
            return
        if not pair.gap[1:] and _lead_in(t):  # 分为如下几步：before a list that translates the source's
            yield Finding(line=t.line, found=t.describe(), severity="info",
                          detail=f"{t.describe()} that the source does not have: a short lead-in line")
            return
        if len(pair.gap) > 1:
            detail = (f"{len(pair.gap)} blocks that the source does not have, from {t.describe()} "
                      f"to {pair.gap[-1].describe()}")
        else:
            detail = f"{t.describe()} that the source does not have"
        yield Finding(line=t.line, found=t.describe(), detail=detail)
    elif s.shape != t.shape and {s.kind, t.kind} == {"html_block", "paragraph"} and s.containers == t.containers:
        yield Finding(line=t.line, found=t.describe(), expected=s.describe(), severity="info",
                      detail=f"{t.describe()} where the source has {s.describe()}: a component or caption written "
                             "as HTML in one and as text in the other")
    elif s.shape != t.shape and t.kind in ("fence", "code_block") and _wordless(s):
        yield Finding(line=t.line, found=t.describe(), expected=s.describe(), severity="info",
                      detail=f"{t.describe()} where the source has {s.describe()}: a component (MDX, a template) "
                             "written as a plain code block")
    elif s.shape != t.shape and _relisted(s, t):
        yield Finding(line=t.line, found=t.describe(), expected=s.describe(), severity="info",
                      detail=f"{t.describe()} where the source has {s.describe()}: the same text written as a "
                             "heading, list item or paragraph in one and otherwise in the other")
    elif s.shape != t.shape and _requoted(s, t):
        yield Finding(line=t.line, found=t.describe(), expected=s.describe(), severity="info",
                      detail=f"{t.describe()} where the source has {s.describe()}: the same block, quoted in one "
                             "and plain or in another container (an alert or admonition) in the other")
    elif s.shape != t.shape:
        yield Finding(line=t.line, found=t.describe(), expected=s.describe(),
                      detail=f"{t.describe()} where the source has {s.describe()}")
    elif s.kind == "row" and (s.width != t.width or s.cells != t.cells):
        empty = sorted(set(s.cells) - set(t.cells))
        detail = (f"table row has {t.width} cells where the source has {s.width}" if s.width != t.width
                  else f"table cell {empty[0] + 1} is empty where the source has text" if empty
                  else "table row has text in a cell that is empty in the source")
        yield Finding(line=t.line, found=f"{t.width} cells", expected=f"{s.width} cells", detail=detail)


#: A lead-in line: a short sentence that ends with a colon (分为如下几步：, 接下来，我们推荐你：, Steps:).
_LEAD_IN = re.compile(r"^[^.。!！?？]{1,24}[:：]$")


def _lead_in(block: Block) -> bool:
    """A one-unit paragraph that only introduces what follows: a few words or characters, then a colon."""
    return block.kind == "paragraph" and len(block.units) == 1 and bool(_LEAD_IN.match(plain(block.units[0].text).strip()))


#: What a translator's note names: a file of the upstream repository, a commit hash, a date.
_UPSTREAM_FILE = re.compile(r"https?://\S+/(?:blob|tree|commits?|raw|src|edit)/\S+")
_COMMIT = re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b")
_DATE = re.compile(r"\b\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)\n.*?\n(?:---|\+\+\+)\n", re.DOTALL)


def _translators_note(block: Block, document: str) -> bool:
    """Whether ``block``, which the source does not have, is a translator's note at the top of the page: only
    headings (the title) come before it, and it names at least two of an upstream repository's file (a
    ``/blob/`` link), a commit hash and a date (``>[x.md](…/blob/master/src/x.md)\\ commit: 2367297… 本章译文最后
    维护日期：2021-4-5``)."""
    lines = document.split("\n")
    text = "\n".join(lines[block.line - 1:]).split("\n\n", 1)[0]
    signals = sum(bool(p.search(text)) for p in (_UPSTREAM_FILE, _COMMIT, _DATE))
    if signals < 2:
        return False
    head = _FRONT_MATTER.sub("", "\n".join(lines[:block.line - 1]) + "\n")
    return all(not line.strip() or line.lstrip().startswith(("#", "<!--")) for line in head.split("\n"))


def _wordless(block: Block) -> bool:
    """A paragraph that is only markup and code (an MDX component with a code argument): no words to read."""
    return block.kind == "paragraph" and bool(block.units) and not any(
        re.search(r"[^\W\d_]", plain(u.text)) for u in block.units)


def _relisted(s: Block, t: Block) -> bool:
    """Whether two blocks with text differ only in being a heading, a list item or a paragraph (a field name as
    a heading in one and as a list item in the other); a heading's level changed is still structure."""
    prose = ("heading", "paragraph")
    if s.kind not in prose or t.kind not in prose or s.kind == t.kind == "heading" or not s.units or not t.units:
        return False
    return [c for c in s.containers if c != "list"] == [c for c in t.containers if c != "list"]


#: The first word of a quoted note (``> **Note**: …``), which a translation may write as a plain bold note.
_NOTE = re.compile(r"^\W*(?:note|tip|warning|important|caution|info|注意|提示|警告|重要|ヒント|メモ)\b", re.IGNORECASE)


def _requoted(s: Block, t: Block) -> bool:
    """Whether two blocks differ only in a block quote around one of them, the other being in a container that
    template syntax opens (``> [!WARNING]`` vs ``{{% alert %}}``, ``> **Note**`` vs ``:::tip``), or the quote
    being a note the other writes as a plain paragraph (``> **Note**: …`` vs ``**注意**：…``), or any paragraph quoted in
    one and plain in the other (an aside the Go book's Chinese sets as a quote: the alignment paired them, so it is
    the same paragraph)."""
    strip = [c for c in s.containers if c != "blockquote"], [c for c in t.containers if c != "blockquote"]
    if s.kind != t.kind or s.level != t.level or strip[0] != strip[1]:
        return False
    quoted = s if "blockquote" in s.containers else t
    note = bool(quoted.units) and bool(_NOTE.match(plain(quoted.units[0].text)))
    return s.wrapped or t.wrapped or note or s.kind == "paragraph"


def _markup_only(block) -> bool:
    """An HTML block with no text: none, or only attribute values (``<a title="…">``, a tooltip)."""
    return block.kind == "html_block" and all(u.kind == "attribute" for u in block.units)
