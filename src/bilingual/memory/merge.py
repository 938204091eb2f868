"""Match a document's segments to the entries of its existing PO file, and build the new entries.

For each segment, in this order:

1. an entry with the same id and source text is reused as it is (approved, fuzzy or empty);
2. an entry elsewhere in the file with the same source text lends its translation, keeping its
   state (the sentence did not change; its id did because a neighbour sentence changed, or its
   paragraph moved);
2b. an obsolete entry (``#~``) with the same source text, the same id first, comes back as it
   was: approval is a property of the (id, source text) pair, so a sentence deleted and later
   restored is approved again (and a fuzzy one fuzzy again);
3. an entry in the same slot — the unit in the same place in document order, the sentence in
   the same place in the unit — whose text changed is kept as the *previous* source (``#|``).
   As msgmerge does, a human translation of it (approved, or a person's fuzzy text) stays the
   msgstr, fuzzy, and the engine's translation of the new source goes beside it
   (``# machine suggestion:``); :attr:`Policy.changed` says which of the two the edition shows.
   A machine translation of it is simply replaced. The old entry, when it held human work, also
   stays as an obsolete entry, so undoing the change brings the approval back (step 2b);
4. anything else is new.

Old entries that nothing took become obsolete (``#~``). Obsolete entries are never deleted: an
obsolete entry stays until its sentence comes back (then it is active again, step 2b) or a
translator removes it (``msgattrib --no-obsolete``).

Each machine entry records the engine and model that made it (``machine: argos:translate-en_zh-1.9``,
the engine's signature) and, in a ``glossary terms:`` comment, the fingerprint of the glossary
definitions that matched its source (none when no term did). Given the run's glossary
(:class:`Terms`) and engine (:class:`Policy`), a machine entry made under other term definitions,
or by another engine or model, is not reused but translated again; ``Policy.retranslate`` sends
back more on request. Approved entries are never touched; those that now break the glossary are
listed in :attr:`Plan.violations`.
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from ..values import Document, Segment
from .po import FUZZY, Catalog, Entry
from .provenance import (  # noqa: F401 (re-exported: where an entry's translation came from)
    EARLIER, EDITED, FROM, MACHINE, PREVIOUS_APPROVED, SUGGESTED_BY, SUGGESTION, TERMS, WROTE, engine_differs, human,
    is_kept, is_machine, is_suggestion, recorded_terms, recorded_value, text_fingerprint, untouched,
)

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from ..glossary.matcher import SentenceTerms

Origin = Literal["approved", "memory", "cross-issue", "edited", "pending"]
#: What ``--retranslate`` sends back to the engine, each value including the ones before it.
RETRANSLATE = ("machine", "fuzzy", "all-unapproved")
#: What the edition shows for a changed sentence with a human translation.
CHANGED = ("previous", "machine")
SIMILAR = 0.5  # units or sentences of different counts pair only when at least this similar
WINDOW = 64  # how far ahead an unpaired text looks for a similar one


@dataclass(frozen=True)
class Decision:
    """What to do with one segment before the engine runs."""

    segment: Segment
    origin: Origin
    text: str | None = None  # the translation, when known without the engine
    entry: Entry | None = None  # the existing entry this one continues (reused, or kept as a template)
    previous: Entry | None = None  # the entry of the same slot whose source text changed
    source: str = ""  # cross-issue: the file the translation came from, as written in the comment
    edited: str | None = None  # the text a person wrote for this sentence in a hand-edited edition
    markup_differs: bool = False  # ``edited`` does not carry the source's markup: kept as a comment only
    keep: str | None = None  # a changed sentence's human translation: it stays the msgstr, the engine's goes beside it


@dataclass(frozen=True)
class Plan:
    """The decisions for every segment of one document in one language, and the entries left over."""

    decisions: tuple[Decision, ...]
    leftovers: tuple[Entry, ...]  # active entries nothing took: they become obsolete
    revived: tuple[Entry, ...] = ()  # obsolete entries active again: they leave the obsolete list
    violations: tuple[tuple[Entry, str, str], ...] = ()  # (approved entry, segment id, what the glossary says)


@dataclass(frozen=True)
class Policy:
    """What a run may reuse besides the glossary's say: its engine, what it was asked to translate again,
    and what the edition shows for a changed sentence."""

    #: The run's engine and model for this language (its signature, ``argos:translate-en_zh-1.9``);
    #: ``"argos:"`` when the engine cannot name its model; None: a run that translates nothing judges no engine.
    engine: str | None = None
    retranslate: str | None = None  # one of RETRANSLATE
    changed: str = "previous"  # one of CHANGED


@dataclass(frozen=True)
class Terms:
    """What the run's glossary says about sentences in ``lang``, found through the batch's ``found``."""

    found: SentenceTerms
    lang: str

    @property
    def glossary(self) -> Glossary | None:
        return self.found.glossary

    def fingerprint(self, text: str) -> str:
        """The fingerprint a machine translation of ``text`` made now records; "" when no term matches."""
        return self.found.fingerprint(text, self.lang)

    def problems(self, source: str, translation: str) -> list[str]:
        if self.glossary is None:
            return []
        from ..glossary.verify import problems

        return problems(self.glossary, source, translation, self.lang)


def unit_of(segment_id: str | None) -> str:
    return (segment_id or "").rsplit(".", 1)[0]


def plan_document(segments: Sequence[Segment], old: Catalog | None, terms: Terms | None = None,
                  policy: Policy | None = None) -> Plan:
    """Decide, for each of ``segments`` (the ones with words), what the old catalog offers.

    With ``terms``, a machine entry made under other glossary definitions than the current ones
    is translated again, and approved entries that break the glossary are reported. With
    ``policy``, so is a machine entry of another engine or model, and whatever
    ``policy.retranslate`` asks for; ``policy.changed`` says what a changed sentence's edition shows.
    """
    policy = policy or Policy()
    active = list(old.active) if old is not None else []
    used = [False] * len(active)
    decided: dict[int, Decision] = {}

    def machine_stale(entry: Entry, text: str, prefix: str) -> bool:
        """Machine output (the msgstr, or a kept entry's suggestion) made under other terms, by another engine, or asked for."""
        return (policy.retranslate is not None
                or engine_differs(recorded_value(entry.translator, prefix), policy.engine)
                or (terms is not None and recorded_terms(entry.translator) != terms.fingerprint(text)))

    def stale(entry: Entry, text: str) -> bool:
        """Whether the entry's msgstr must go to the engine again (an approved one never does)."""
        if entry.approved_when_active or not entry.translated:
            return False
        if is_machine(entry):
            return machine_stale(entry, text, MACHINE)
        if is_suggestion(entry):
            return policy.retranslate in ("fuzzy", "all-unapproved")
        return policy.retranslate == "all-unapproved"

    def decide(seg: Segment, entry: Entry) -> Decision:
        if not entry.translated or stale(entry, seg.text):
            return Decision(seg, "pending", entry=entry)
        if is_kept(entry) and machine_stale(entry, seg.text, SUGGESTED_BY):  # a new suggestion beside the human text
            return Decision(seg, "pending", entry=entry, keep=entry.msgstr)
        return _reuse(seg, entry, policy)

    by_key = {entry.key: j for j, entry in enumerate(active)}
    for i, seg in enumerate(segments):
        j = by_key.get((seg.id, seg.text))
        if j is not None and not used[j]:
            used[j] = True
            decided[i] = decide(seg, active[j])
    by_text: dict[str, _Donors] = {}
    for j, entry in enumerate(active):
        if entry.translated and not stale(entry, entry.msgid):
            by_text.setdefault(entry.msgid, _Donors()).add(j, entry.approved, used[j])
    for i, seg in enumerate(segments):
        if i in decided or seg.text not in by_text:
            continue
        j = by_text[seg.text].take()
        used[j] = True
        decided[i] = decide(seg, active[j])
    revived = _revive(segments, old.obsolete if old is not None else (), decided, decide)
    retired: set[int] = set()  # changed sentences' entries that held human work: they also stay, obsolete
    for i, j in _pair_slots(segments, active, decided, used):
        used[j] = True
        previous = active[j]
        keep = previous.msgstr if human(previous) and policy.retranslate != "all-unapproved" else None
        decided[i] = Decision(segments[i], "pending", previous=previous, keep=keep)
        if human(previous):  # the (id, source) pair keeps its translation: undoing the change brings it back
            retired.add(j)
    decisions = tuple(decided.get(i) or Decision(seg, "pending") for i, seg in enumerate(segments))
    violations: list[tuple[Entry, str, str]] = []
    if terms is not None:
        for d in decisions:
            if d.origin == "approved" and d.entry is not None and d.text is not None:
                violations += [(d.entry, d.segment.id, p) for p in terms.problems(d.segment.text, d.text)]
    leftovers = tuple(entry for j, entry in enumerate(active) if not used[j] or j in retired)
    return Plan(decisions, leftovers, revived, tuple(violations))


def violation_warnings(plan: Plan, po_path: object) -> list[str]:
    """One ``file:line: id: message`` line per approved entry that breaks the current glossary."""
    return [
        f"{po_path}:{entry.line}: {segment_id}: approved translation breaks the glossary: {message}"
        for entry, segment_id, message in plan.violations
    ]


def _revive(segments: Sequence[Segment], obsolete: Sequence[Entry], decided: dict[int, Decision],
            decide: Callable[[Segment, Entry], Decision]) -> tuple[Entry, ...]:
    """Undecided segments whose text an obsolete entry translates take it back (same id first); one
    whose machine text is stale goes to the engine with the entry as its template."""
    by_key = {entry.key: entry for entry in obsolete if entry.translated}
    by_text: dict[str, Entry] = {}
    for entry in obsolete:
        if entry.translated and (entry.msgid not in by_text or (entry.approved_when_active and not by_text[entry.msgid].approved_when_active)):
            by_text[entry.msgid] = entry
    revived: list[Entry] = []
    for i, seg in enumerate(segments):
        if i in decided:
            continue
        entry = by_key.get((seg.id, seg.text)) or by_text.get(seg.text)
        if entry is None or entry in revived:
            continue
        revived.append(entry)
        by_key.pop(entry.key, None)
        by_text.pop(entry.msgid, None)
        decided[i] = decide(seg, replace(entry, obsolete=False))
    return tuple(revived)


class _Donors:
    """The entries with one source text, handed out unused first, approved before fuzzy, in file order.

    The same choice as ``min(entries, key=(used, not approved, index))``, in constant time per
    segment, so a sentence repeated thousands of times ("Yes.") costs no more than others.
    """

    def __init__(self) -> None:
        self.unused: tuple[deque[int], deque[int]] = (deque(), deque())  # approved, others
        self.fallback: tuple[int, bool] | None = None  # (index, approved) of the best once all are used

    def add(self, j: int, approved: bool, used: bool) -> None:
        if not used:
            self.unused[0 if approved else 1].append(j)
        if self.fallback is None or (approved and not self.fallback[1]):
            self.fallback = (j, approved)

    def take(self) -> int:
        for queue in self.unused:
            if queue:
                return queue.popleft()
        assert self.fallback is not None
        return self.fallback[0]


def _reuse(seg: Segment, entry: Entry, policy: Policy | None = None) -> Decision:
    """The entry's translation as it is; for a changed sentence whose edition shows the machine's text, that."""
    text = entry.msgstr
    if policy is not None and policy.changed == "machine" and is_kept(entry):
        text = (recorded_value(entry.translator, SUGGESTION) or "").replace("\\n", "\n") or text
    return Decision(seg, "approved" if entry.approved else "memory", text, entry=entry)


def _pair_slots(
    segments: Sequence[Segment], active: list[Entry], decided: dict[int, Decision], used: list[bool]
) -> list[tuple[int, int]]:
    """(segment index, entry index) pairs of the same slot whose source text changed."""
    new_units: dict[str, list[int]] = {}
    for i, seg in enumerate(segments):
        new_units.setdefault(unit_of(seg.id), []).append(i)
    old_units: dict[str, list[int]] = {}
    for j, entry in enumerate(active):
        old_units.setdefault(unit_of(entry.msgctxt), []).append(j)
    old_ids, new_ids = list(old_units), list(new_units)
    matcher = difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False)
    pairs: list[tuple[int, int]] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "replace":
            continue
        old_texts = [" ".join(active[j].msgid for j in old_units[uid]) for uid in old_ids[a0:a1]]
        new_texts = [" ".join(segments[i].text for i in new_units[uid]) for uid in new_ids[b0:b1]]
        for a, b in _pair_similar(old_texts, new_texts):
            olds = [j for j in old_units[old_ids[a0 + a]] if not used[j]]
            news = [i for i in new_units[new_ids[b0 + b]] if i not in decided]
            sentence_pairs = _pair_similar([active[j].msgid for j in olds], [segments[i].text for i in news])
            pairs.extend((news[n], olds[o]) for o, n in sentence_pairs)
    return pairs


def _pair_similar(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Slots of two runs of texts: one to one when the counts agree, else in order by similarity.

    Each new text looks at most ``WINDOW`` old texts ahead of the last one paired, so two long
    runs cost their length times the window, not the product of their lengths.
    """
    if len(old) == len(new):
        return list(zip(range(len(old)), range(len(new))))
    pairs: list[tuple[int, int]] = []
    start = 0
    for b, text in enumerate(new):
        best, best_ratio = -1, SIMILAR
        for a in range(start, min(len(old), start + WINDOW)):
            ratio = difflib.SequenceMatcher(None, old[a], text, autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = a, ratio
        if best >= 0:
            pairs.append((best, b))
            start = best + 1
    return pairs


# -- building entries ---------------------------------------------------------------------------


def reused_entry(decision: Decision, extracted: str, references: tuple[tuple[str, str], ...]) -> Entry:
    """A reused entry under the segment's current id; its translation and comments untouched."""
    assert decision.entry is not None
    return replace(decision.entry, msgctxt=decision.segment.id, extracted=extracted, references=references)


def new_entry(
    decision: Decision, msgstr: str, note: str, extracted: str, references: tuple[tuple[str, str], ...]
) -> Entry:
    """An entry whose translation is not human work: machine output or memory from another file.

    ``note`` is the comment naming where the translation came from (``machine: …``,
    ``from issues/023/zh.po``). A changed source keeps its previous text as ``#|`` and, if it
    was approved, its previous translation in a comment.
    """
    seg = decision.segment
    base = decision.entry or decision.previous
    kept = _human_comments(base.translator) if base is not None else []
    carried = _carried(decision.previous) if decision.previous is not None else []
    msgstr = fit_newlines(seg.text, msgstr)
    if base is not None and base.translated and not base.approved and (not untouched(base) or is_kept(base)) and base.msgstr != msgstr:
        carried.append(EARLIER + base.msgstr.replace("\n", "\\n"))  # perhaps a person's: it stays in the file
    ours = [WROTE + text_fingerprint(msgstr)] if msgstr and note.startswith((MACHINE, FROM)) else []
    lines = [note, *ours, *carried, *[line for line in kept if line not in carried]]
    flags = tuple(f for f in (base.flags if base is not None else ()) if f != FUZZY)
    return Entry(
        msgctxt=seg.id,
        msgid=seg.text,
        msgstr=msgstr,
        flags=(FUZZY, *flags) if msgstr else flags,
        translator="\n".join(line for line in lines if line),
        extracted=extracted,
        references=references,
        **_previous_source(decision),
    )


def kept_entry(
    decision: Decision, suggestion: str, note: str, extracted: str, references: tuple[tuple[str, str], ...]
) -> Entry:
    """A changed sentence as msgmerge leaves it: the previous human translation (``decision.keep``) stays the
    msgstr, fuzzy, with ``#|`` the previous source, and the engine's translation of the new source beside
    it (``# machine suggestion:``). ``note`` names the engine of the suggestion (``suggested by: …``)."""
    assert decision.keep is not None
    seg = decision.segment
    base = decision.entry or decision.previous
    kept = [line for line in _human_comments(base.translator) if not line.startswith(SUGGESTION)] if base is not None else []
    carried = _carried(decision.previous) if decision.previous is not None else []
    suggestion = fit_newlines(seg.text, suggestion)
    msgstr = fit_newlines(seg.text, decision.keep)
    lines = [note, WROTE + text_fingerprint(msgstr), SUGGESTION + suggestion.replace("\n", "\\n"), *carried,
             *[line for line in kept if line not in carried]]
    flags = tuple(f for f in (base.flags if base is not None else ()) if f != FUZZY)
    return Entry(
        msgctxt=seg.id,
        msgid=seg.text,
        msgstr=msgstr,
        flags=(FUZZY, *flags),
        translator="\n".join(line for line in lines if line),
        extracted=extracted,
        references=references,
        **_previous_source(decision),
    )


def _previous_source(decision: Decision) -> dict[str, str | None]:
    """``#| msgctxt`` and ``#| msgid``: the source that changed, or the one an entry sent back to the engine still records."""
    seg, previous = decision.segment, decision.previous
    if previous is not None:
        return {"previous_msgctxt": previous.msgctxt if previous.msgctxt != seg.id else None, "previous_msgid": previous.msgid}
    entry = decision.entry
    if entry is not None and entry.previous_msgid is not None and entry.previous_msgid != seg.text:
        return {"previous_msgctxt": entry.previous_msgctxt if entry.previous_msgctxt != seg.id else None,
                "previous_msgid": entry.previous_msgid}
    return {"previous_msgctxt": None, "previous_msgid": None}


def obsolete_entry(entry: Entry) -> Entry:
    """``entry`` as a ``#~`` entry: its source and translation stay in the file for reference."""
    return replace(entry, obsolete=True, references=(), previous_msgctxt=None, previous_msgid=None)


def _human_comments(comment: str) -> list[str]:
    """A translator comment without the lines bilingual writes anew (the engine, the memory file, the
    glossary and text fingerprints); quoted translations stay."""
    return [line for line in comment.split("\n") if line and not line.startswith((MACHINE, FROM, TERMS, WROTE, SUGGESTED_BY))]


def _carried(previous: Entry) -> list[str]:
    """The approved translations of a changed segment that must stay visible to the translator."""
    lines = [line for line in previous.translator.split("\n") if line.startswith(PREVIOUS_APPROVED)]
    if previous.approved:
        quoted = PREVIOUS_APPROVED + previous.msgstr.replace("\n", "\\n")
        if quoted not in lines:
            lines.insert(0, quoted)
    return lines


def fit_newlines(msgid: str, msgstr: str) -> str:
    """``msgstr`` beginning and ending with a newline exactly when ``msgid`` does (msgfmt --check)."""
    if not msgstr:
        return msgstr
    body = msgstr.strip("\n")
    if not body:
        return msgstr
    head = "\n" if msgid.startswith("\n") else ""
    tail = "\n" if msgid.endswith("\n") else ""
    return head + body + tail


def translatable(document: Document) -> list[Segment]:
    """The segments of ``document`` that have words: the ones a PO file holds."""
    from ..document.segment import has_words, segment

    return [s for s in segment(document) if has_words(s.text)]
