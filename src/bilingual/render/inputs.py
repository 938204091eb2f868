"""Each language's text of a document, keyed by the English document's segment ids.

A :class:`Version` comes from one of three places, best first:

* a run's :class:`~bilingual.run.pipeline.Edition` (placeholder text per segment, origin per segment);
* a PO file (``msgctxt`` = segment id, ``msgstr`` = translation, fuzzy = machine);
* an edition's Markdown (``zh.md``), aligned to ``en.md`` by structure: unit by unit, then
  sentence by sentence where the unit splits into as many sentences as the English one, else
  as a whole unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, PoFileError
from ..layout import named_language
from ..values import Document, Segment, Unit
from ..document.placeholders import TOKEN_RE, tokens_in
from ..document.segment import has_words, segment, sentence_text, split_sentences, unit_texts
from .model import Flag, Status

if TYPE_CHECKING:
    from ..run.pipeline import Edition

#: A run's translation origins as statuses: only approved text is trusted.
ORIGIN_STATUS: dict[str, Status] = {
    "approved": "approved",
    "source": "source",
    "engine": "machine",
    "memory": "fuzzy",
    "cross-issue": "fuzzy",
}
#: Pipeline events shown as violations: the glossary could not be honoured.
FLAG_EVENTS = {"forbidden-after-restore": "forbidden-term"}
#: Below this share of a PO file's ids found in en.md, the PO file belongs to another document.
MIN_SHARED_IDS = 0.5


@dataclass(frozen=True)
class Version:
    """One language's text of an English document.

    ``texts`` maps English segment ids to placeholder text written against ``doc``'s units:
    the English document itself for runs and PO files, the edition's own parse otherwise.
    A unit whose segments are not all in ``texts`` is aligned only as a whole (``whole``).
    """

    lang: str
    doc: Document
    units: Mapping[int, int]  # English unit index → unit index in ``doc``
    texts: Mapping[str, str]
    whole: Mapping[int, str]  # ``doc`` unit index → the unit's placeholder text
    status: Mapping[str, Status]  # English segment id → status
    flags: tuple[Flag, ...] = ()
    signature: str = ""  # what produced the text (a PO file's X-Bilingual-Signature)


def from_edition(edition: Edition, statuses: Mapping[str, Status] | None = None) -> Version:
    """A run's edition; ``statuses`` (segment id → status) overrides what origins say."""
    doc, lang = edition.document, edition.lang
    texts = {sid: t.text for sid, t in edition.translations.items()}
    status = {sid: ORIGIN_STATUS.get(t.origin, "machine") for sid, t in edition.translations.items()}
    status.update(statuses or {})
    flags = tuple(
        Flag(FLAG_EVENTS[e.kind], "error", lang, e.segment, None, e.detail)
        for e in edition.events
        if e.kind in FLAG_EVENTS
    )
    whole = unit_texts(doc, edition.segments, texts)
    return Version(lang, doc, {u.index: u.index for u in doc.units}, texts, whole, status, flags)


def from_po(path: Path, doc: Document, lang: str, segments: Sequence[Segment] | None = None) -> Version:
    """A PO file of ``doc`` in ``lang``; raises when its ids are not ``doc``'s (another issue's file)."""
    segments = list(segments) if segments is not None else segment(doc)
    po = po_file(path)
    entries = {key: entry for key, (entry, _) in _active(po).items() if entry.msgctxt}
    ids = {s.id for s in segments}
    if entries:
        shared = sum(1 for ctx in entries if ctx in ids)
        if shared < MIN_SHARED_IDS * len(entries):
            stray = next(ctx for ctx in entries if ctx not in ids)
            raise PoFileError(
                f"holds {len(entries) - shared} of {len(entries)} segment ids not in {Path(doc.path).name} "
                f"(e.g. msgctxt {stray!r}); it belongs to another document",
                path,
            )
    by_id = {s.id: s for s in segments}
    texts: dict[str, str] = {}
    status: dict[str, Status] = {}
    for sid, seg in by_id.items():
        entry = entries.get(sid)
        if entry is not None and entry.msgstr:
            texts[sid] = _placeholder_form(entry.msgstr, doc.units[seg.unit])
            status[sid] = "fuzzy" if entry.fuzzy else "approved"
        elif not has_words(seg.text):
            texts[sid], status[sid] = seg.text, "source"
        else:
            texts[sid], status[sid] = seg.text, "missing"
    whole = unit_texts(doc, segments, texts)
    signature = str(po.metadata.get(SIGNATURE_HEADER, ""))
    return Version(lang, doc, {u.index: u.index for u in doc.units}, texts, whole, status, (), signature)


#: The PO header in which ``translate`` records what produced the file.
SIGNATURE_HEADER = "X-Bilingual-Signature"


def po_file(path: Path) -> Any:
    """A PO file parsed with polib; raises :class:`PoFileError` naming the file when it is not one."""
    from ..pofile import read_pofile

    return read_pofile(path, wrapwidth=0)


def po_entries(path: Path) -> dict[str, tuple[Any, int]]:
    """The active entries of a PO file by ``msgctxt`` (``msgid`` where there is none), with their line."""
    return _active(po_file(path))


def _active(po: Any) -> dict[str, tuple[Any, int]]:
    return {(e.msgctxt or e.msgid): (e, e.linenum) for e in po if not e.obsolete}


def from_markdown(text: str, path: str, doc: Document, lang: str, segments: Sequence[Segment] | None = None) -> Version:
    """An edition's Markdown, aligned to ``doc`` by structure; raises when it does not follow it."""
    from ..document.markdown import parse

    segments = list(segments) if segments is not None else segment(doc)
    edition = parse(text, path)
    pairs = align_units(doc, edition)
    if doc.units and len(pairs) < MIN_SHARED_IDS * len(doc.units):
        raise InputError(
            f"does not follow the structure of {Path(doc.path).name} "
            f"({len(pairs)} of {len(doc.units)} blocks line up); translate it again or use a PO file",
            path,
        )
    by_unit: dict[int, list[Segment]] = {}
    for seg in segments:
        by_unit.setdefault(seg.unit, []).append(seg)
    texts: dict[str, str] = {}
    status: dict[str, Status] = {}
    for en_index, segs in by_unit.items():
        mine = pairs.get(en_index)
        for seg in segs:
            status[seg.id] = "missing" if mine is None else ("machine" if has_words(seg.text) else "source")
        if mine is None:
            continue
        # Protected syntax at a unit's edges (a heading's {#anchor}) is outside its sentences, as in en.md.
        unit = as_translated(edition.units[mine], doc.units[en_index])
        sentences = split_into(sentence_text(unit), len(segs), [len(s.text) for s in segs])
        if sentences is not None:
            texts.update({seg.id: sentence for seg, sentence in zip(segs, sentences, strict=True)})
    return Version(lang, edition, pairs, texts, {}, status)


def as_translated(unit: Unit, source: Unit) -> Unit:
    """An edition's ``unit`` with the escapes and entities its source lacks read back as the
    characters they stand for: the ones :func:`bilingual.document.rebuild.escape_text` wrote to keep
    translated text from becoming markup (``\\]``, ``\\*``, ``&lt;``). The rest keep their order
    and are numbered again, as the source numbers its own."""
    import html

    budget = Counter(p.raw for p in source.placeholders if p.kind in ("escape", "entity"))
    literal: dict[str, str] = {}
    for p in unit.placeholders:
        if p.kind in ("escape", "entity") and p.role == "atomic":
            if budget[p.raw] > 0:
                budget[p.raw] -= 1
            else:
                literal[p.token] = p.raw[1:] if p.kind == "escape" else html.unescape(p.raw)
    if not literal:
        return unit
    kept = [p for p in unit.placeholders if p.token not in literal]
    keys = {key: n for n, key in enumerate(dict.fromkeys(p.key for p in kept), start=1)}
    renumber = {p.token: replace(p, key=keys[p.key]).token for p in kept}
    text = TOKEN_RE.sub(lambda m: literal.get(m.group(0), renumber.get(m.group(0), m.group(0))), unit.text)
    return replace(unit, text=text, placeholders=tuple(replace(p, key=keys[p.key]) for p in kept))


def align_units(doc: Document, edition: Document) -> dict[int, int]:
    """English unit index → edition unit index, from the blocks as ``check`` pairs them
    (:func:`bilingual.checks.align.align`: same content and shape first, then, where blocks were
    dropped or added, the pairing of greatest similarity in links, code and numbers), and the
    units of each pair of blocks in order. A block the edition dropped or added pairs with none,
    so the blocks after it still pair with their own translations. Units the block pairing leaves
    out (markers such as ``[[open-in-colab]]``, which ``check`` does not pair) pair with the same
    content in the edition, in order."""
    import difflib

    from ..checks.align import align, layout

    pairs: dict[int, int] = {}
    for pair in align(layout(doc), layout(edition)):
        for unit_pair in pair.units:
            if unit_pair.source is not None:
                pairs.setdefault(unit_pair.source.index, unit_pair.target.index)
    used = set(pairs.values())
    same = difflib.SequenceMatcher(None, [u.uid for u in doc.units], [u.uid for u in edition.units], autojunk=False)
    for block in same.get_matching_blocks():
        for k in range(block.size):
            if block.a + k not in pairs and block.b + k not in used:
                pairs[block.a + k] = block.b + k
                used.add(block.b + k)
    return pairs


_CLOSERS = "\"'”’」』）)]⟧"
_END = re.compile(r"(?:[.!?]+|[。！？]+|…+)(?:[" + re.escape(_CLOSERS) + r"]|\{/\d{1,4}\})*")
_CJK_END = set("。！？")


def split_into(text: str, count: int, weights: Sequence[int] = ()) -> list[str] | None:
    """``text`` cut into ``count`` sentences (never inside a markup pair), or None if it does not split so.

    Cuts go after sentence-final punctuation (Latin before a space, CJK anywhere) when that gives
    ``count`` sentences; else pysbd's sentences when there are ``count`` of them; else, where the
    punctuation gives one or two cuts too many (an "e.g."), the cuts nearest to where the English
    sentences end in proportion (``weights``: the English sentence lengths).
    """
    if count == 1:
        return [text.strip()]
    cuts = sentence_cuts(text)
    spans = sentence_spans(text, cuts)
    if len(spans) != count:
        spans = split_sentences(text)
        if any(text[start] in _CLOSERS for start, _ in spans):  # pysbd cut before a closing bracket
            spans = []
    if len(spans) != count and count <= len(cuts) <= count + 1 and len(weights) == count:
        spans = sentence_spans(text, _nearest(cuts, weights, len(text)))
    return [text[start:end] for start, end in spans] if len(spans) == count else None


def sentence_cuts(text: str) -> list[int]:
    """Offsets just after sentence-final punctuation, outside markup pairs, before the text's end."""
    cuts: list[int] = []
    for m in _END.finditer(text):
        after = text[m.end() : m.end() + 1]
        ends = after == "" or after.isspace() or m.group(0)[0] in _CJK_END
        if ends and m.end() < len(text.rstrip()) and not inside_pair(text, m.end()):
            cuts.append(m.end())
    return cuts


def sentence_spans(text: str, cuts: Sequence[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        piece = text[start:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = cut
    return spans


def _nearest(cuts: list[int], weights: Sequence[int], length: int) -> list[int]:
    """The ``len(weights) - 1`` cuts closest to the English sentence ends, scaled to ``length``; [] if one is far off."""
    total = sum(weights) or 1
    chosen: list[int] = []
    done = 0
    for weight in weights[:-1]:
        done += weight
        target = done * length / total
        best = min((c for c in cuts if not chosen or c > chosen[-1]), key=lambda c: abs(c - target), default=None)
        if best is None or abs(best - target) > 0.15 * length:
            return []
        chosen.append(best)
    return chosen


def inside_pair(text: str, pos: int) -> bool:
    closing = {tok for tok in tokens_in(text) if tok.startswith("{/")}
    open_keys: set[str] = set()
    for m in TOKEN_RE.finditer(text, 0, pos):
        key = m.group(2)
        if m.group(1):
            open_keys.discard(key)
        elif f"{{/{key}}}" in closing:
            open_keys.add(key)
    return bool(open_keys)


def _placeholder_form(text: str, unit: Unit) -> str:
    """A PO translation in placeholder form: as it is if it uses tokens, else its markup turned back into tokens."""
    if TOKEN_RE.search(text) or not unit.placeholders:
        return text
    out, pos = [], 0
    for placeholder in unit.placeholders:
        at = text.find(placeholder.raw, pos)
        if at < 0:
            continue
        out += [text[pos:at], placeholder.token]
        pos = at + len(placeholder.raw)
    out.append(text[pos:])
    return "".join(out)


def as_flags(violations: Iterable[object], lang: str | None = None) -> list[Flag]:
    """Check violations (:class:`~bilingual.checks.model.Violation`, or any object with ``rule``,
    ``severity``, ``message``, ``segment``, ``file`` and ``line``) as :class:`Flag`. The language
    is their ``lang``, else the one their ``file`` is named for (``zh.md``, ``ja.po``), else ``lang``."""
    flags: list[Flag] = []
    for v in violations:
        if isinstance(v, Flag):
            flags.append(v)
            continue
        file = str(getattr(v, "file", "") or "")
        named = named_language(Path(file).name) if file else None
        found, expected = getattr(v, "found", None), getattr(v, "expected", None)
        message = str(getattr(v, "message", "") or "")
        if found is not None or expected is not None:
            from ..checks.report import describe  # as check prints it

            message = describe(v)  # type: ignore[arg-type]
        flags.append(
            Flag(
                str(getattr(v, "rule", "check")),
                str(getattr(v, "severity", "error")),
                str(getattr(v, "lang", None) or named or lang or ""),
                getattr(v, "segment", None),
                getattr(v, "line", None),
                message,
                Path(file).name,
                found,
            )
        )
    return flags


def flags_by_segment(flags: Iterable[Flag]) -> dict[tuple[str, str], list[Flag]]:
    """(lang, segment id) → flags; a flag without a segment belongs to the document, not to a sentence
    (the views list it apart, with its file and line: see :func:`unplaced`)."""
    out: dict[tuple[str, str], list[Flag]] = {}
    for flag in flags:
        if flag.segment is not None:
            out.setdefault((flag.lang, flag.segment), []).append(flag)
    return out


def unplaced(flags: Iterable[Flag], shown: set[tuple[str, str]]) -> tuple[Flag, ...]:
    """The flags whose (lang, segment) no row of a view shows, in order: a view lists them apart."""
    return tuple(f for f in flags if f.segment is None or (f.lang, f.segment) not in shown)


def english_beside(path: Path) -> Path | None:
    """The issue's ``en.md`` beside an edition or PO file, if there is one."""
    candidate = path.parent / "en.md"
    return candidate if path.name != "en.md" and candidate.is_file() else None


def load_issue(source: Path, langs: Sequence[str], po: Mapping[str, Path], editions: Mapping[str, Path]) -> tuple[Document, list[Version]]:
    """Read ``en.md`` and, per language, its PO file if it exists, else its edition."""
    from ..document.markdown import parse
    from ..storage import read_text

    doc = parse(read_text(source), str(source))
    segments = segment(doc)
    versions: list[Version] = []
    for lang in langs:
        if po[lang].is_file():
            versions.append(from_po(po[lang], doc, lang, segments))
        elif editions[lang].is_file():
            versions.append(from_markdown(read_text(editions[lang]), str(editions[lang]), doc, lang, segments))
        else:
            raise InputError(
                f"missing edition: neither {po[lang].name} nor {editions[lang].name} exists; "
                f"run `bilingual translate {source.parent}` first",
                editions[lang],
            )
    return doc, versions
