"""Aligning a target edition to its source by document structure, not by guessing at meaning.

Both documents are cut into blocks — headings, paragraphs, list items, block quotes, table rows,
code blocks — numbered exactly as :func:`bilingual.document.markdown.parse` numbers ``Unit.block``, so each
block carries its units. The n-th block of the target is paired with the n-th block of the
source. Where the two differ, :func:`align` pairs what the block sequences still share —
``difflib.SequenceMatcher`` over each block's shape and what a translation must not change,
then, inside each stretch that differs, the order-keeping pairing of greatest similarity — and
leaves the rest unpaired for the ``structure`` rule to report.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..document.dialect import block_dialect
from ..languages import HAN, KANA
from ..values import Document, Unit
from .model import Block, Pair, UnitPair
from .moves import first_halves, merges, moved, regroup, shifted_halves, splits, uncross
from .links import canonical
from .spans import code_spans, destinations, numbers, plain

_CONTAINERS = {"blockquote_open": "blockquote", "list_item_open": "list", "table_open": "table"}
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")


@dataclass(frozen=True)
class Layout:
    """A document cut into blocks, with each unit's sub-units and the link reference definitions."""

    document: Document
    blocks: tuple[Block, ...]
    references: dict[str, str] = field(hash=False, default_factory=dict)
    children: dict[int, tuple[Unit, ...]] = field(hash=False, default_factory=dict)
    lines: int = 1  # the number of lines of the file


def layout(doc: Document) -> Layout:
    """Cut ``doc`` into blocks numbered as its units' ``block`` ordinals."""
    env: dict = {}
    tokens = block_dialect().parse(doc.source, env)
    top: dict[int, list[Unit]] = {}
    children: dict[int, list[Unit]] = {}
    for unit in doc.units:
        if unit.parent is None:
            top.setdefault(unit.block, []).append(unit)
        else:
            children.setdefault(unit.parent, []).append(unit)
    blocks: list[Block] = []
    containers: list[str] = []
    ordinal = 0
    row: Block | None = None  # the table row being read; its cells are counted as they come
    cells: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.type in _CONTAINERS:
            containers.append(_CONTAINERS[tok.type])
        elif tok.nesting == -1 and tok.type.replace("_close", "_open") in _CONTAINERS:
            containers.pop()
        line = tok.map[0] + 1 if tok.map else 1
        if tok.type == "tr_open":
            ordinal += 1
            row, cells = Block(ordinal, "row", line, tuple(containers), units=tuple(top.get(ordinal, ()))), []
        elif tok.type == "tr_close" and row is not None:
            blocks.append(replace(row, cells=tuple(cells)))
            row = None
        elif tok.type == "inline" and tok.map is not None and tokens[i - 1].type in ("th_open", "td_open"):
            if row is not None:
                if tok.content.strip():
                    cells.append(row.width)
                row = replace(row, width=row.width + 1)
        elif tok.type == "inline" and tok.map is not None:
            ordinal += 1
            parent = tokens[i - 1]
            level = int(parent.tag[1:]) if parent.type == "heading_open" else 0
            blocks.append(Block(ordinal, "heading" if level else "paragraph", line, tuple(containers), level=level,
                                units=tuple(top.get(ordinal, ()))))
        elif tok.type in ("fence", "code_block", "html_block", "hr", "front_matter"):
            ordinal += 1
            kind = "front-matter" if tok.type == "front_matter" else tok.type
            blocks.append(Block(ordinal, kind, line, tuple(containers), code="" if kind == "front-matter" else tok.content,
                                info=tok.info.strip(), units=tuple(top.get(ordinal, ()))))
    blocks = _wrap(blocks)
    references = {key: str(value.get("href", "")) for key, value in env.get("references", {}).items()}
    lines = max(1, doc.source.count("\n") + (0 if doc.source.endswith("\n") else 1))
    return Layout(doc, tuple(blocks), references, {k: tuple(v) for k, v in children.items()}, lines)


def _anchor(block: Block, references: dict[str, str]) -> tuple:
    """Shape plus what a translation must not change (link targets, code, numbers): a strong match key.

    Values are sorted, as a translation may reorder them inside a sentence; link targets are compared
    without language codes and fragments (a link localised for the reader is the same link).
    """
    links: list[str] = []
    code: list[str] = []
    figures: list[str] = []
    for unit in block.units:
        links.extend(canonical(dest) for _, dest, _ in destinations(unit, references))
        code.extend(c for c, _ in code_spans(unit))
        figures.extend(n for n, _, _ in numbers(unit.text))
    return (block.shape, block.code, block.info, tuple(sorted(links)), tuple(sorted(code)), tuple(sorted(set(figures))))


def _tokens(anchor: tuple, block: Block) -> frozenset[str]:
    words = {w.lower() for unit in block.units for w in _LATIN_WORD.findall(unit.text)}
    return frozenset((*anchor[3], *anchor[4], *anchor[5], *anchor[1].split("\n"), *words))


def align(source: Layout, target: Layout) -> list[Pair]:
    """Pair the blocks of ``target`` with those of ``source``; unpaired blocks keep ``None`` on one side."""
    return alignment(source, target)[0]


def alignment(source: Layout, target: Layout) -> tuple[list[Pair], float]:
    """:func:`align`'s pairs, and the share of blocks whose shape, links, code and numbers match exactly in order."""
    src = tuple(b for b in source.blocks if not _comment(b) and not _marker(b))
    tgt = tuple(b for b in target.blocks if not _comment(b) and not _marker(b))
    src_keys = [_anchor(b, source.references) for b in src]
    tgt_keys = [_anchor(b, target.references) for b in tgt]
    pairs: list[tuple[Block | None, Block | None]] = []
    opcodes = _opcodes(src_keys, tgt_keys)
    same = sum(j2 - j1 for tag, _, _, j1, j2 in opcodes if tag == "equal")
    agree = 2 * same / (len(src) + len(tgt)) if src or tgt else 1.0
    keys = {id(b): k for b, k in (*zip(src, src_keys), *zip(tgt, tgt_keys))}
    read: dict[int, frozenset[str]] = {}

    def words(block: Block) -> frozenset[str]:
        """A block's words, read when two blocks are first compared: most never are (#26)."""
        held = read.get(id(block))
        if held is None:
            held = read[id(block)] = _tokens(keys[id(block)], block)
        return held

    exact: set[tuple[int, int]] = set()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            pairs.extend(zip(src[i1:i2], tgt[j1:j2]))
            exact.update((id(a), id(b)) for a, b in zip(src[i1:i2], tgt[j1:j2]))
        else:
            pairs.extend(_best_pairs([(b, words(b)) for b in src[i1:i2]], [(b, words(b)) for b in tgt[j1:j2]]))

    def close(a: Block, b: Block) -> float:
        shared = len(words(a) & words(b))
        return shared / min(len(words(a)), len(words(b))) if shared >= 2 else 0.0

    pairs, moved_blocks = moved(uncross(pairs), close)
    pairs, halves = first_halves(pairs, close, _need, _held)
    pairs, shifted = shifted_halves(pairs, _need, _held)
    halves |= shifted
    split_of = splits(pairs, close) | {t.ordinal: s for (s, _), (_, t) in zip(pairs, pairs[1:])
                                       if s is not None and t is not None and t.ordinal in halves}
    pairs, regrouped = regroup(pairs, _need, _held, lambda a, b: len(words(a) & words(b)))
    split_of |= regrouped
    joined = merges(pairs, _need, _held)
    out: list[Pair] = []
    n = 0
    while n < len(pairs):
        s, t = pairs[n]
        head = _split_head(out) if s is None and t is not None and t.ordinal in split_of else None
        if head is not None and out[head].units:
            last = out[head]
            first = next((k for k, up in enumerate(last.units) if up.source is not None), None)
            if first is not None:  # a later part of a split paragraph: its units count with the first part's
                ups = list(last.units)
                ups[first] = replace(ups[first], extra=(*ups[first].extra, *_with_children(target, t.units)))
                out[head] = replace(last, units=tuple(ups))
            out.append(Pair(_unit_pairs(source, target, None, t), True, None, t, t.line, split=True))
            n += 1
            continue
        if s is None or t is None:  # a run of blocks one side lacks is one gap
            side = 0 if t is None else 1
            end = n
            while end < len(pairs) and pairs[end][1 - side] is None and pairs[end][side] is not None:
                end += 1
            gap = tuple(p[side] for p in pairs[n:end])
            if t is None:
                after = next((b for _, b in pairs[end:] if b is not None), None)
                line = after.line if after is not None else target.lines
                merged = len(gap) == 1 and s.ordinal in joined  # type: ignore[union-attr]
                out.append(Pair((), True, s, None, line, gap=gap, merged=merged))  # type: ignore[arg-type]
            else:
                out.append(Pair(_unit_pairs(source, target, None, t), True, None, t, t.line, gap=gap))  # type: ignore[arg-type]
                out.extend(Pair(_unit_pairs(source, target, None, b), True, None, b, b.line, continues=True)  # type: ignore[arg-type]
                           for b in gap[1:])
            n = end
            continue
        out.append(Pair(_unit_pairs(source, target, s, t), True, s, t, t.line, moved=t.ordinal in moved_blocks,
                        exact=(id(s), id(t)) in exact and t.ordinal not in moved_blocks))
        n += 1
    return out, agree


_CJK = re.compile(f"[{HAN}]")
_KANA = re.compile(f"[{KANA}]")


def _need(block: Block) -> float:
    """How much text a source paragraph's translation needs: its English words."""
    from .omission import _WORD

    return float(sum(len(_WORD.findall(plain(unit.text))) for unit in block.units))


def _held(block: Block) -> float:
    """How much a target paragraph holds, in English words: CJK characters at the language's rate, Latin words as one."""
    from .omission import _KEPT, NORMS

    text = " ".join(plain(unit.text) for unit in block.units)
    cjk = len(_CJK.findall(text)) + len(_KANA.findall(text))
    norm = NORMS["ja"] if _KANA.search(text) else NORMS["zh"]
    return cjk / norm + len(_KEPT.findall(_KANA.sub(" ", _CJK.sub(" ", text))))


def _opcodes(a: Sequence[tuple], b: Sequence[tuple]) -> list[tuple[str, int, int, int, int]]:
    """``difflib.SequenceMatcher(a, b).get_opcodes()``, with the common head and tail matched first.

    A translation usually keeps the source's block sequence, so the head and tail found in one
    linear pass leave little or nothing for the matcher, whose cost grows with the square of what
    it is given when many blocks look alike (every plain paragraph has the same key).
    """
    n, m = len(a), len(b)
    head = 0
    while head < min(n, m) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(n, m) - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    ops: list[tuple[str, int, int, int, int]] = [("equal", 0, head, 0, head)] if head else []
    middle = difflib.SequenceMatcher(None, a[head : n - tail], b[head : m - tail], autojunk=False)
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        if tag == "equal" and ops and ops[-1][0] == "equal":
            ops[-1] = ("equal", ops[-1][1], head + i2, ops[-1][3], head + j2)
        else:
            ops.append((tag, head + i1, head + i2, head + j1, head + j2))
    if tail:
        if ops and ops[-1][0] == "equal":
            ops[-1] = ("equal", ops[-1][1], n, ops[-1][3], m)
        else:
            ops.append(("equal", n - tail, n, m - tail, m))
    return ops


#: The largest stretch (source blocks × target blocks) :func:`_best_pairs` aligns by its quadratic
#: search; a longer one is paired in order, which keeps the check linear on any input.
BEST_PAIRS_CELLS = 250_000


def _split_head(out: Sequence[Pair]) -> int | None:
    """Where the paragraph a split part continues sits in ``out``: the last pair before the parts already
    continuing it (a paragraph in three or more); None when nothing comes before."""
    head = len(out) - 1
    while head > 0 and out[head].split:
        head -= 1
    return head if head >= 0 else None


def unpaired(pairs: Sequence[Pair]) -> tuple[int, int, int, int]:
    """``(source blocks unpaired, source blocks, target blocks unpaired, target blocks)`` of an alignment. The later
    parts of a split paragraph count as target blocks without a counterpart: counting them as the block they
    continue was tried in round 15 of issue #23 and taken back (it cost an unseen project a right verdict)."""
    lost = sum(len(p.gap) or 1 for p in pairs if p.target is None)
    paired = sum(1 for p in pairs if p.source is not None and p.target is not None)
    extra = sum(1 for p in pairs if p.source is None and p.target is not None)
    return lost, lost + paired, extra, extra + paired


def _comment(block: Block) -> bool:
    """An HTML block that is only a comment (``<!-- zhlint disabled -->``): invisible, not structure."""
    code = block.code.strip()
    return block.kind == "html_block" and code.startswith("<!--") and code.endswith("-->") and code.count("<!--") == 1


_ALERT = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)


def _marker(block: Block) -> bool:
    """A paragraph that is only template syntax: a container's opener or closer on its own line.

    Hugo's ``{{< note >}}`` / ``{{% alert %}}``, Docusaurus' and VitePress' ``:::tip`` / ``:::``: a
    translator may wrap the same text in another container (an alert shortcode for a ``> [!WARNING]``
    quote), so the marker is not a block of its own and the text inside aligns as usual.
    """
    if block.kind != "paragraph" or not block.units:
        return False
    if len(block.units) == 1 and _ALERT.fullmatch(block.units[0].text.strip()):
        return True  # GitHub's "> [!WARNING]" alert marker
    for unit in block.units:
        if any(p.kind != "protected" for p in unit.placeholders):
            return False
        if re.sub(r"\{/?\d+\}", "", unit.text).strip():
            return False
    return True


def _wrap(blocks: list[Block]) -> list[Block]:
    """``blocks`` with ``wrapped`` set on those inside a container that template syntax opens and closes."""
    out: list[Block] = []
    depth, alert = 0, False
    for block in blocks:
        if _marker(block):
            raw = " ".join(p.raw for u in block.units for p in u.placeholders) or block.units[0].text
            if _ALERT.fullmatch(raw.strip()):
                alert = True
            elif re.match(r"\{\{[<%]\s*/", raw) or raw.strip() == ":::":
                depth = max(0, depth - 1)
            elif raw.startswith(("{{", ":::")):
                depth += 1
            out.append(block)
            continue
        alert = alert and "blockquote" in block.containers
        out.append(replace(block, wrapped=depth > 0 or alert) if depth > 0 or alert else block)
    return out


def _similarity(a: tuple[Block, frozenset[str]], b: tuple[Block, frozenset[str]]) -> float:
    union = a[1] | b[1]
    overlap = len(a[1] & b[1]) / len(union) if union else 0.0
    return 1.0 + overlap if a[0].shape == b[0].shape else 0.25 + overlap / 2


def _best_pairs(src: Sequence[tuple[Block, frozenset[str]]],
                tgt: Sequence[tuple[Block, frozenset[str]]]) -> list[tuple[Block | None, Block | None]]:
    """Pair a stretch where the two documents differ: the order-keeping pairing of greatest total similarity.

    Blocks of the same shape pair best, and more so when they share numbers, links, code and
    Latin words; blocks of different shapes may still pair (a heading whose level changed).
    """
    n, m = len(src), len(tgt)
    if n * m > BEST_PAIRS_CELLS:
        paired: list[tuple[Block | None, Block | None]] = [(a[0], b[0]) for a, b in zip(src, tgt)]
        return paired + [(a[0], None) for a in src[m:]] + [(None, b[0]) for b in tgt[n:]]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + _similarity(src[i], tgt[j]))
    out: list[tuple[Block | None, Block | None]] = []
    i = j = 0
    while i < n and j < m:
        if best[i][j] == best[i + 1][j + 1] + _similarity(src[i], tgt[j]):
            out.append((src[i][0], tgt[j][0]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((src[i][0], None))
            i += 1
        else:
            out.append((None, tgt[j][0]))
            j += 1
    out.extend((s, None) for s, _ in src[i:])
    out.extend((None, t) for t, _ in tgt[j:])
    return out


def _unit_pairs(source: Layout, target: Layout, s: Block | None, t: Block) -> tuple[UnitPair, ...]:
    if s is None:
        return tuple(UnitPair(u) for u in _with_children(target, t.units))
    if s.kind == "row" and t.kind == "row" and len(s.cells) == len(s.units) and len(t.cells) == len(t.units):
        by_column = dict(zip(s.cells, s.units))
        top = [(by_column.get(col), unit) for col, unit in zip(t.cells, t.units)]
    else:
        top = [(s.units[k] if k < len(s.units) else None, unit) for k, unit in enumerate(t.units)]
    out: list[UnitPair] = []
    for src_unit, tgt_unit in top:
        out.append(UnitPair(tgt_unit, src_unit))
        subs = source.children.get(src_unit.index, ()) if src_unit is not None else ()
        seen: dict[str, int] = {}
        for child in target.children.get(tgt_unit.index, ()):
            k = seen[child.kind] = seen.get(child.kind, -1) + 1
            same = [c for c in subs if c.kind == child.kind]
            out.append(UnitPair(child, same[k] if k < len(same) else None))
    return tuple(out)


def _with_children(layout_: Layout, units: Sequence[Unit]) -> list[Unit]:
    return [x for u in units for x in (u, *layout_.children.get(u.index, ()))]


def target_only(target: Layout | Document) -> list[Pair]:
    """One pair holding every unit of the target, for the rules that need no source."""
    doc = target.document if isinstance(target, Layout) else target
    return [Pair(tuple(UnitPair(u) for u in doc.units), False)]
