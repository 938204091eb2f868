"""A human edition aligned to its English source, sentence by sentence, with a verdict for each.

An edition the checker does not find to follow its source (:func:`bilingual.checks.follows.version`:
most of its blocks paired, and most agreeing in links, code and numbers) may translate another
version of it: all its sentences are fuzzy. Otherwise, blocks are paired by the checker's
structural alignment (:func:`bilingual.checks.align.alignment`: shape, links, code and numbers
first, then similarity), units inside a block pair as the checker
pairs them, and each unit's text is cut into as many sentences as the English unit has
(:func:`bilingual.render.inputs.split_into`). The human markup is mapped onto the source's
placeholders (same kind and bytes first, then same kind in order). A sentence is **approved** when
all of this is certain:

* its block was paired in a run of blocks whose shape, links, code and numbers agree in order, or
  is the one block of its shape between two such pairs (a paragraph whose link or number the
  translation changed can pair with no other);
* the unit's text cut at its own sentence ends into exactly the English count;
* each piece of markup maps onto the English sentence's own, nothing lost, added or crossed;
* it holds CJK text (a sentence left in English is no translation of it), unless it is the
  English as it is and a name (three words at most, no sentence end: a heading "AutoPipeline");
  a sentence that is the English as it is, and no name, is not imported at all (:data:`AS_IS`):
  the edition had no translation for it, so the engine gets it;
* its share of the unit's length is close to the English sentence's (no sentence pairs with its
  neighbour's translation).

Anything less is **fuzzy**, with the reason. A unit that cannot be cut into the English count even
at clause marks (，；：), an English unit with no counterpart, and a human block with none are
**not aligned**: listed with file:line on both sides, and the human text kept as a comment.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..document.placeholders import TOKEN_RE
from ..document.segment import has_words, segment, sentence_text
from ..values import Document, Segment, Unit

#: Chinese and Japanese letters: a translation into zh or ja holds some.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
#: Clause marks a sentence may be cut at when the human wrote fewer sentences than the English.
_CLAUSE = re.compile(r"[，；：、,;:](?:\s*)")
#: A sentence the edition holds exactly as the English has it: no translation, so it is not imported.
AS_IS = "the English as it is"
#: Why every sentence of an edition that may translate another version of the source is only fuzzy.
OTHER_VERSION = "the edition may translate another version of the English"
#: A text of at most this many words kept in English as it is, with no sentence end, is a name.
NAME_WORDS = 3
#: Largest difference between a sentence's share of its unit and the English sentence's share.
SHARE_SLACK = 0.25


@dataclass(frozen=True)
class Sentence:
    """The human text for one English sentence (placeholder form, the source's tokens)."""

    segment: Segment
    text: str
    approved: bool
    reason: str  # why it is only fuzzy ("" when approved)
    line: int  # the human edition's line


@dataclass(frozen=True)
class Note:
    """Something the import could not use, with file:line on both sides."""

    kind: str  # "source" (an English unit with no human text), "human" (a human block with no English), "uncut"
    source_line: int
    human_line: int
    text: str  # the human text (Markdown as written) or the English text
    segment: str | None = None  # the entry to keep human text beside


@dataclass(frozen=True)
class Aligned:
    """The outcome of aligning one human edition to its English source."""

    sentences: tuple[Sentence, ...]
    notes: tuple[Note, ...]
    segments: tuple[Segment, ...]  # every English segment (with and without words)
    follows: str = "follows"  # the checker's verdict (checks.follows.version): "follows", "uncertain" or "other"


def align_edition(doc: Document, human: Document) -> Aligned:
    """Align ``human`` (a parsed edition) to ``doc`` (the parsed English source)."""
    from ..checks.align import alignment, layout, unpaired
    from ..checks.follows import version

    segments = tuple(segment(doc))
    by_unit: dict[int, list[Segment]] = {}
    for seg in segments:
        by_unit.setdefault(seg.unit, []).append(seg)
    pairs, agree = alignment(layout(doc), layout(human))
    follows = version(*unpaired(pairs), agree)
    sentences: list[Sentence] = []
    notes: list[Note] = []
    seen: set[int] = set()
    last_segment: str | None = None
    last_line = 1  # the English line of the last block paired
    certain = _certain_blocks(pairs)
    for k, pair in enumerate(pairs):
        if pair.source is None:
            if pair.target is not None:
                notes.extend(_human_blocks(pair.target, last_line, last_segment))
            continue
        if pair.target is None:
            for block in pair.gap or (pair.source,):
                for unit in _units_with_children(doc, block.units):
                    seen.add(unit.index)
                    if any(has_words(s.text) for s in by_unit.get(unit.index, ())):
                        notes.append(Note("source", unit.line, pair.line, _markdown(unit.text, unit), None))
            continue
        last_line = pair.source.line
        same_count = len(pair.source.units) == len(pair.target.units)
        for unit_pair in pair.units:
            src = unit_pair.source
            if src is None:
                continue
            seen.add(src.index)
            segs = by_unit.get(src.index, [])
            if not segs:
                continue
            why = "" if k in certain and same_count and not unit_pair.extra else "block paired by similarity"
            found, note = _unit_sentences(src, unit_pair.target, segs, why)
            sentences.extend(found)
            if note is not None:
                notes.append(note)
            worded = [s for s in segs if has_words(s.text)]
            if worded:
                last_segment = worded[-1].id
    for unit in doc.units:  # units no block pair reached (a sub-unit the edition lacks)
        if unit.index not in seen and any(has_words(s.text) for s in by_unit.get(unit.index, ())):
            notes.append(Note("source", unit.line, _near(human, unit.line), _markdown(unit.text, unit), None))
    if follows != "follows":  # a translation of another version pairs plain paragraphs by position, not meaning
        sentences = [replace(s, approved=False, reason=s.reason or OTHER_VERSION) for s in sentences]
    return Aligned(tuple(s for s in sentences if has_words(s.segment.text)), tuple(notes), segments, follows)


def _certain_blocks(pairs: Sequence) -> set[int]:
    """The indexes of the block pairs that are certain: those matched exactly (shape, links, code and
    numbers, in a run that agrees in order), and a block of the same shape alone between two of them
    (one paragraph whose link or code the translation changed: the only block it can pair with)."""
    exact = {k for k, p in enumerate(pairs) if p.exact}

    def anchored(k: int) -> bool:
        return k < 0 or k >= len(pairs) or k in exact

    return exact | {k for k, p in enumerate(pairs)
                    if p.source is not None and p.target is not None and not p.moved and not p.split
                    and p.source.shape == p.target.shape and anchored(k - 1) and anchored(k + 1)}


def _unit_sentences(src: Unit, mine: Unit, segs: Sequence[Segment], why: str) -> tuple[list[Sentence], Note | None]:
    from ..render.inputs import as_translated, split_into

    unit = as_translated(mine, src)
    text = sentence_text(unit)
    weights = [len(s.text) for s in segs]
    pieces = _own_sentences(text, len(segs))
    if pieces is None:
        pieces = split_into(text, len(segs), weights)
        why = why or (f"{len(segs)} sentences in the English, cut where they end in proportion" if pieces else "")
    if pieces is None:
        pieces = _cut_at_clauses(text, weights)
        why = why or f"{len(segs)} sentences in the English, fewer here: cut at clause marks"
    worded = [s for s in segs if has_words(s.text)]
    if pieces is None:
        return [], Note("uncut", src.line, mine.line, _markdown(unit.text, unit), worded[0].id if worded else None)
    mapping, kinds_match = _markup_map(unit, src)
    out: list[Sentence] = []
    total_human = sum(len(_words(p)) for p in pieces) or 1
    total_source = sum(len(_words(s.text)) for s in segs) or 1
    for seg, piece in zip(segs, pieces, strict=True):
        mapped = TOKEN_RE.sub(lambda m: _mapped(m.group(0), mapping, unit), piece)
        if _has_words_only_english(seg, mapped) and " ".join(mapped.split()) == " ".join(seg.text.split()):
            reason = AS_IS  # no translation at all: left to the engine
        else:
            reason = why or _doubt(seg, piece, mapped, kinds_match, len(_words(piece)) / total_human,
                                   len(_words(seg.text)) / total_source, len(segs))
        out.append(Sentence(seg, _repaired(seg, mapped), not reason, reason, mine.line + unit.text.count("\n", 0, max(0, unit.text.find(piece)))))
    return out, None


def _mapped(token: str, mapping: dict[str, str], unit: Unit) -> str:
    """The English token for a human one; markup the English lacks is dropped around its text, and
    an atomic piece (code, an image, a URL) is kept as the text it is, so no word is lost."""
    if token in mapping:
        return mapping[token]
    placeholder = unit.placeholder_map.get(token)
    return placeholder.raw if placeholder is not None and placeholder.role == "atomic" else ""


def _own_sentences(text: str, count: int) -> list[str] | None:
    """``text`` cut at its own sentence ends, when that gives exactly ``count`` sentences."""
    from ..render.inputs import sentence_cuts, sentence_spans

    if count == 1:
        return [text.strip()]
    spans = sentence_spans(text, sentence_cuts(text))
    return [text[a:b] for a, b in spans] if len(spans) == count else None


def _cut_at_clauses(text: str, weights: Sequence[int]) -> list[str] | None:
    """``text`` cut into ``len(weights)`` pieces at sentence ends and clause marks nearest to where
    the English sentences end in proportion; None when there are too few places to cut."""
    from ..render.inputs import sentence_cuts, inside_pair

    cuts = sorted(set(sentence_cuts(text)) | {m.end() for m in _CLAUSE.finditer(text)
                                      if m.end() < len(text.rstrip()) and not inside_pair(text, m.end())})
    need = len(weights) - 1
    if len(cuts) < need:
        return None
    total = sum(weights) or 1
    chosen: list[int] = []
    done = 0
    for k, weight in enumerate(weights[:-1]):
        done += weight
        target = done * len(text) / total
        left = [c for c in cuts if (not chosen or c > chosen[-1]) and sum(1 for d in cuts if d > c) >= need - k - 1]
        if not left:
            return None
        chosen.append(min(left, key=lambda c: abs(c - target)))
    bounds = [0, *chosen, len(text)]
    pieces = [text[a:b].strip() for a, b in itertools.pairwise(bounds)]
    return pieces if all(pieces) else None


def _doubt(seg: Segment, piece: str, mapped: str, kinds_match: bool, share: float, source_share: float, count: int) -> str:
    """Why a sentence aligned in a certain block is still not certain; "" when nothing is doubtful."""
    from ..document.integrity import repair

    if _words(seg.text).strip() and not _CJK.search(piece) and not _a_name(seg.text, mapped):
        return "left in English"
    if not kinds_match or sorted(TOKEN_RE.findall(mapped)) != sorted(TOKEN_RE.findall(seg.text)):
        return "its markup is not the English sentence's"
    if repair(seg.text, mapped, seg.id)[1]:
        return "its markup is not in the English sentence's order"
    if count > 1 and abs(share - source_share) > SHARE_SLACK:
        return "its length does not match the English sentence's"
    return ""


def _has_words_only_english(seg: Segment, mapped: str) -> bool:
    """Whether the English sentence has words and ``mapped`` has no CJK text and is not a name kept as it is."""
    return bool(_words(seg.text).strip()) and not _CJK.search(mapped) and not _a_name(seg.text, mapped)


def _a_name(english: str, mine: str) -> bool:
    """Whether ``mine`` keeps ``english`` as it is because it is a name (a heading "AutoPipeline",
    "torch.compile"): the same text, at most :data:`NAME_WORDS` words, no sentence end."""
    text = " ".join(english.split())
    return text == " ".join(mine.split()) and len(_words(text).split()) <= NAME_WORDS and not text.rstrip().endswith((".", "!", "?", ":"))


def _repaired(seg: Segment, mapped: str) -> str:
    from ..document.integrity import repair

    return repair(seg.text, mapped, seg.id)[0]


def _markup_map(mine: Unit, src: Unit) -> tuple[dict[str, str], bool]:
    """Human token → English token, for each piece of markup: the same kind and bytes first, then the
    same kind in order. The flag says every piece found one, one to one."""
    def keys(unit: Unit) -> dict[int, tuple[str, str]]:
        out: dict[int, list] = {}
        for p in unit.placeholders:
            out.setdefault(p.key, [p.kind, ""])[1] += p.raw
        return {k: (kind, raw) for k, (kind, raw) in out.items()}

    theirs, ours = keys(mine), keys(src)
    free = dict(ours)
    chosen: dict[int, int] = {}
    for exact in (True, False):
        for key, (kind, raw) in theirs.items():
            if key in chosen:
                continue
            match = next((k for k, (k_kind, k_raw) in free.items() if k_kind == kind and (not exact or k_raw == raw)), None)
            if match is not None:
                chosen[key] = match
                del free[match]
    mapping: dict[str, str] = {}
    for key, target in chosen.items():
        mapping[f"{{{key}}}"] = f"{{{target}}}"
        mapping[f"{{/{key}}}"] = f"{{/{target}}}"
    return mapping, len(chosen) == len(theirs)


def _human_blocks(block, source_line: int, last_segment: str | None) -> list[Note]:
    """Notes for a human block with no English counterpart, when it holds words."""
    return [Note("human", source_line, unit.line, _markdown(unit.text, unit), last_segment)
            for unit in block.units if has_words(unit.text)]


def _units_with_children(doc: Document, units: Sequence[Unit]) -> list[Unit]:
    return [x for u in units for x in (u, *doc.children.get(u.index, ()))]


def _near(other: Document, line: int) -> int:
    """A line of ``other`` near ``line`` (documents that follow each other have similar lines)."""
    return max(1, min(line, other.source.count("\n") + 1))


def _words(text: str) -> str:
    return TOKEN_RE.sub("", text)


def _plain(text: str) -> str:
    return " ".join(_words(text).split())


def _markdown(text: str, unit: Unit) -> str:
    """A unit's placeholder text with its markup written back as typed."""
    markup = unit.placeholder_map
    return TOKEN_RE.sub(lambda m: markup[m.group(0)].raw if m.group(0) in markup else m.group(0), text).strip()
