"""Hand edits to an edition: noticed, imported into the PO file, never silently overwritten.

Corrections belong in the PO file, but a person may fix ``zh.md`` directly. Each PO file records
the version of the edition written with it, and the one before (``X-Bilingual-Edition``); when the
edition on disk is neither, it was edited by hand. Its sentences are then aligned to the English source
(:func:`bilingual.render.inputs.from_markdown`) and each sentence whose text differs from what
the PO file gave it is imported:

* into a machine or memory entry as a fuzzy suggestion with the person's text (``# edited in zh.md``),
  so the next edition keeps the fix and a translator can approve it;
* beside an approved entry as a comment (``# edited in zh.md: …``): approved work is never replaced.

A block of the edition that lines up with no block of the source any more (``en.md`` lost the
paragraph a person edited) is kept as a comment of the entry that becomes obsolete, and reported.

An edition that cannot be aligned to the source is left as it is (not rewritten), with a message,
on every run until a person resolves it. Only sentences are imported: edits to code, links or
layout live in ``en.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..errors import BilingualError
from ..memory.build import Target
from ..memory.merge import EDITED, SUGGESTION, recorded_value
from ..memory.po import Entry
from ..values import Document, Segment
from ..document.placeholders import tokens_in
from ..document.segment import has_words
from ..storage import ABSENT, UNREADABLE

if TYPE_CHECKING:
    from ..render.inputs import Version

EDITION_HEADER = "X-Bilingual-Edition"


@dataclass(frozen=True)
class HandEdit:
    """What a run found in one hand-edited edition."""

    target: Target
    imported: int  # sentences imported as fuzzy suggestions
    beside_approved: int  # edits of approved sentences, kept as comments
    placed: bool  # False: the edition does not follow the source and is left as it is
    unplaced: tuple[str, ...] = ()  # one message per edited sentence whose markup differs (kept as a comment)

    def messages(self) -> list[str]:
        """What to tell the person: the summary, then each edit kept only as a comment, with its file:line."""
        summary = [self.message()] if not self.placed or self.imported or self.beside_approved else []
        return summary + list(self.unplaced)

    def message(self) -> str:
        t = self.target
        if not self.placed:
            return (
                f"{t.edition_path} was edited by hand (it is not what bilingual last wrote) and does not follow "
                f"{t.job.source.name}, so its edits cannot be imported; it is left as it is: move the corrections "
                f"into {t.po_path}, then delete {t.edition_path.name} to have it rebuilt"
            )
        return (
            f"{t.edition_path} was edited by hand: {self.imported} sentence(s) imported into {t.po_path} as fuzzy "
            f"suggestions (# edited in {t.edition_path.name}), {self.beside_approved} edit(s) of approved sentences kept "
            "beside them as comments; review them there (corrections belong in the PO file)"
        )


def recorded(target: Target) -> str | None:
    """What this PO file says about its edition: the version written with it, then the one before."""
    return target.old.meta.get(EDITION_HEADER) if target.old is not None else None


def header_value(target: Target, written: str) -> str:
    """The ``X-Bilingual-Edition`` value for an edition of version ``written``.

    It names the version before too: a ``kill -9`` between the renames of a PO file and of its
    edition leaves the new PO file beside the old edition, which is then not a hand edit. A run
    that writes the same edition again leaves the value as it is (it changes nothing).
    """
    before = (recorded(target) or "").split()
    if before and before[0] == written:
        return " ".join(before)
    return " ".join([written, *before[:1]])


def import_edits(target: Target, current: str, segments: Sequence[Segment], approved_only: bool = False) -> tuple[Target, HandEdit | None]:
    """``target`` with the sentences a person changed in its edition imported; ``current`` is the
    edition's version now, ``segments`` all the document's segments. Returns the target unchanged,
    and None, when the edition is as written. With ``approved_only`` (no PO file is written) an
    edited edition is only reported, and left as it is."""
    written = recorded(target)
    if written is None or current in (*written.split(), ABSENT, UNREADABLE):  # a folder in its place fails when written
        return target, None
    if approved_only:
        return target, HandEdit(target, 0, 0, placed=False)
    from ..render.inputs import from_markdown
    from ..storage import read_text

    try:
        text = read_text(target.edition_path)
        version = from_markdown(text, str(target.edition_path), target.document, target.lang, segments)
    except BilingualError:
        return target, HandEdit(target, 0, 0, placed=False)
    decisions = []
    imported = beside = 0
    unplaced: list[str] = []
    old = (*target.old.active, *target.old.obsolete) if target.old is not None else ()
    known = sorted({" ".join(_words(t).split()) for e in old for t in (e.msgstr, e.msgid) if has_words(t)}, key=len, reverse=True)
    for d in target.plan.decisions:
        theirs = version.texts.get(d.segment.id)
        before = _before(d)
        english = [d.segment.text, *(e.msgid for e in (d.entry, d.previous) if e is not None)]
        # a changed sentence's edition may show the engine's suggestion instead of the kept msgstr ([memory] changed)
        english += [_suggestion(e) for e in (d.entry, d.previous) if e is not None and _suggestion(e)]
        if before is None or theirs is None or _same(theirs, before) or any(_same(theirs, text) for text in english):
            decisions.append(d)
            continue
        if _only(theirs, known):  # what bilingual wrote for other sentences: a block aligned to the wrong one
            decisions.append(d)
            continue
        if _markup(theirs, version.doc, version.units.get(d.segment.unit)) != _markup(d.segment.text, target.document, d.segment.unit):
            # the markup does not line up with the source's: no translation to use, but a person's text to keep
            written = _as_markdown(theirs, version, d.segment.unit).strip()
            decisions.append(replace(d, edited=written, markup_differs=True))
            unplaced.append(_unplaced_message(target, version, d.segment, written))
            continue
        theirs = theirs.strip()
        if d.origin == "approved":
            decisions.append(replace(d, edited=theirs))
            beside += 1
        else:
            decisions.append(replace(d, origin="edited", text=theirs, edited=theirs))
            imported += 1
    decisions = _keep_unsplit_units(target, version, decisions, unplaced)
    decisions, leftovers = _keep_orphan_blocks(target, version, decisions, known, unplaced)
    if not imported and not beside and not unplaced:
        return target, None
    plan = replace(target.plan, decisions=tuple(decisions), leftovers=leftovers)
    return replace(target, plan=plan), HandEdit(target, imported, beside, placed=True, unplaced=tuple(unplaced))


def _keep_unsplit_units(target: Target, version: Version, decisions: list, unplaced: list[str]) -> list:
    """Blocks of the edition whose sentences could not be told apart (no sentence text for them) but
    that no longer hold what the PO file gives them: the block as the person wrote it is kept beside
    the unit's first entry, and reported with its file:line, so no edit is dropped unseen."""
    by_unit: dict[int, list[int]] = {}
    for i, d in enumerate(decisions):
        by_unit.setdefault(d.segment.unit, []).append(i)
    for unit, indexes in by_unit.items():
        mine = version.units.get(unit)
        if mine is None or any(decisions[i].segment.id in version.texts for i in indexes):
            continue
        block = " ".join(version.doc.units[mine].text.split())
        texts = [_before(decisions[i]) or "" for i in indexes]
        if all(" ".join(text.split()) in block for text in texts if text) or _same(block, target.document.units[unit].text):
            continue  # as written, or left in English
        first = decisions[indexes[0]]
        written = _as_markdown(version.doc.units[mine].text, version, unit).strip()
        decisions[indexes[0]] = replace(first, edited=written, markup_differs=True)
        unplaced.append(_unplaced_message(target, version, first.segment, written))
    return decisions


def _keep_orphan_blocks(target: Target, version: Version, decisions: list, known: Sequence[str],
                        unplaced: list[str]) -> tuple[list, tuple[Entry, ...]]:
    """Blocks of the edition that line up with no block of the source (en.md lost the paragraph a person
    edited, or the person added one) but hold words that are not what bilingual wrote: each is kept as a
    comment (``# edited in zh.md (no longer in en.md; not used): …``) of an entry that becomes obsolete
    (the first whose translation the block no longer holds), else beside the entry of the source's block
    before it, and reported with its file:line, so no edit is dropped unseen."""
    leftovers = list(target.plan.leftovers)
    paired = set(version.units.values())
    before_unit = {mine: unit for unit, mine in version.units.items()}
    for mine, block in enumerate(version.doc.units):
        if mine in paired or not has_words(block.text) or _only(block.text, known):
            continue
        written = _markdown_of(block.text, block.placeholder_map).strip()
        line = f"{target.edition_path}:{block.line}"
        if leftovers:
            flat = " ".join(_words(block.text).split())
            k = next((k for k, e in enumerate(leftovers) if " ".join(_words(e.msgstr).split()) not in flat), 0)
            entry = leftovers[k]
            note = f"{EDITED}{target.edition_path.name} (no longer in {target.job.source.name}; not used): " + written.replace("\n", "\\n")
            if note not in entry.translator.split("\n"):
                leftovers[k] = replace(entry, translator="\n".join(text for text in (entry.translator, note) if text))
            unplaced.append(f"{line}: {entry.msgctxt}: a hand edit in a block that {target.job.source.name} no longer has "
                            f"is kept in {target.po_path} as a comment of the obsolete entry ({written[:60]})")
            continue
        units = [before_unit[m] for m in sorted(before_unit) if m < mine]
        i = next((i for i, d in enumerate(decisions) if units and d.segment.unit == units[-1]), 0 if decisions else None)
        if i is None or decisions[i].edited is not None:
            continue  # no sentence at all to keep it beside, or the one there keeps another edit
        decisions[i] = replace(decisions[i], edited=written, markup_differs=True)
        unplaced.append(f"{line}: {decisions[i].segment.id}: a hand edit in a block that does not follow "
                        f"{target.job.source.name} is kept in {target.po_path} as a comment ({written[:60]})")
    return decisions, tuple(leftovers)


def _suggestion(entry: Entry) -> str:
    """The engine's suggestion a changed sentence's entry keeps beside its msgstr; "" when it has none."""
    return (recorded_value(entry.translator, SUGGESTION) or "").replace("\\n", "\n")


def _words(text: str) -> str:
    """``text`` without placeholders."""
    import re

    return re.sub(r"\{/?\d+\}", "", text)


def _only(text: str, known: Sequence[str]) -> bool:
    """Whether ``text`` holds nothing but ``known`` texts (longest first), punctuation and spaces."""
    rest = " ".join(_words(text).split())
    for k in known:
        rest = rest.replace(k, " ")
    return not has_words(rest)


def _markup(text: str, doc: Document, unit: int | None) -> list[tuple[str, str]]:
    """The placeholders of ``text`` with the kind of markup each stands for in ``doc``'s unit ``unit``."""
    kinds = doc.units[unit].placeholder_map if unit is not None else {}
    return sorted((token, kinds[token].kind if token in kinds else "") for token in tokens_in(text))


def _before(d) -> str | None:  # noqa: ANN001 (a memory.merge.Decision)
    """What the edition held for a sentence when bilingual wrote it: the decided text, else the msgstr of
    the entry the engine is to replace, else that of the entry whose source sentence changed."""
    if d.text is not None:
        return d.text
    for entry in (d.entry, d.previous):
        if entry is not None and entry.msgstr:
            return entry.msgstr
    return None


def _edition_line(version: Version, unit: int) -> int:
    """The line of the edition's block that corresponds to the source's unit ``unit``."""
    mine = version.units.get(unit)
    return version.doc.units[mine].line if mine is not None else 1


def _as_markdown(text: str, version: Version, unit: int) -> str:
    """A sentence of the edition with its placeholders written back as the Markdown the person typed."""

    mine = version.units.get(unit)
    if mine is None:
        return text
    return _markdown_of(text, version.doc.units[mine].placeholder_map)


def _markdown_of(text: str, markup) -> str:  # noqa: ANN001 (a unit's placeholder map)
    import re

    return re.sub(r"\{/?\d+\}", lambda m: markup[m.group(0)].raw if m.group(0) in markup else m.group(0), text)


def _unplaced_message(target: Target, version: Version, segment: Segment, written: str) -> str:
    return (f"{target.edition_path}:{_edition_line(version, segment.unit)}: {segment.id}: a hand edit that does not fit "
            f"{target.job.source.name}'s sentences and markup cannot be used as the translation; it is kept in "
            f"{target.po_path} as a comment (# {EDITED}{target.edition_path.name} (does not fit …)): move it into the "
            f"msgstr with the source's markup ({written[:60]})")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())
