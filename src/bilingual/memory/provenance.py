"""Where a PO entry's translation came from, as the translator comments bilingual writes record it.

A machine entry names the engine and model that made it (``machine: argos:translate-en_zh-1.9``) and
fingerprints its msgstr (``bilingual wrote: sha256:…``), so a msgstr a person edited since is told
from bilingual's own; a suggestion from memory names its file (``from ../023/zh.po``); a changed
sentence's kept human translation names the engine of the suggestion beside it (``suggested by:``).
"""

from __future__ import annotations

from .po import Entry

MACHINE = "machine: "
FROM = "from "
EDITED = "edited in "  # a sentence a person corrected in the edition (zh.md) rather than in the PO file
PREVIOUS_APPROVED = "previous approved translation: "
TERMS = "glossary terms: "
WROTE = "bilingual wrote: "  # the fingerprint of the msgstr bilingual wrote: another one means a person edited it
EARLIER = "earlier translation: "  # a msgstr that may be a person's, kept when bilingual replaces it
SUGGESTION = "machine suggestion: "  # the engine's text beside a human one (a changed sentence, a review save)
SUGGESTED_BY = "suggested by: "  # the engine and model of a changed sentence's suggestion (its msgstr is human)


def text_fingerprint(msgstr: str) -> str:
    """What a ``bilingual wrote:`` comment records of a msgstr."""
    import hashlib

    return "sha256:" + hashlib.sha256(msgstr.encode("utf-8")).hexdigest()[:16]


def untouched(entry: Entry) -> bool:
    """Whether ``entry``'s msgstr is provably bilingual's own: the one its ``bilingual wrote:`` comment records."""
    recorded = next((line[len(WROTE) :].strip() for line in entry.translator.split("\n") if line.startswith(WROTE)), None)
    return recorded is not None and recorded == text_fingerprint(entry.msgstr)


def is_machine(entry: Entry) -> bool:
    """Whether ``entry`` is unapproved machine output that no person has edited since: its comment
    names the engine, and the msgstr is the one bilingual wrote (entries written before bilingual
    recorded that count as machine output; their text is kept in a comment when replaced)."""
    lines = entry.translator.split("\n")
    if entry.approved_when_active or not any(line.startswith(MACHINE) or line == MACHINE.strip() for line in lines):
        return False  # (a bare "machine:" is machine output that names no engine)
    return untouched(entry) or not any(line.startswith(WROTE) for line in lines)


def is_suggestion(entry: Entry) -> bool:
    """Whether ``entry`` is an unapproved suggestion bilingual took from memory (another issue, ``--memory``)
    that no person has edited since."""
    if entry.approved_when_active or not entry.translated:
        return False
    return any(line.startswith(FROM) for line in entry.translator.split("\n")) and untouched(entry)


def is_kept(entry: Entry) -> bool:
    """Whether ``entry`` is a changed sentence whose msgstr is the previous human translation as bilingual
    kept it, with the engine's translation of the new source beside it (``suggested by:`` names its
    engine). Once a person edits that msgstr it is their text for the new source, no longer a kept one."""
    return entry.translated and not entry.approved_when_active and untouched(entry) and any(
        line.startswith(SUGGESTED_BY) for line in entry.translator.split("\n"))


def human(entry: Entry) -> bool:
    """Whether ``entry``'s msgstr is a person's: approved, or an unapproved text bilingual did not write."""
    return entry.translated and not is_machine(entry) and not is_suggestion(entry)


def recorded_value(comment: str, prefix: str) -> str | None:
    """The value of the first translator comment line starting with ``prefix``; None when there is none."""
    return next((line[len(prefix) :].strip() for line in comment.split("\n") if line.startswith(prefix)), None)


def engine_differs(recorded: str | None, current: str | None) -> bool:
    """Whether an entry made by ``recorded`` (an engine signature) is another engine's or model's than ``current``.

    An entry that names no engine (``machine:`` with nothing after it) is not judged: it is translated
    again only when asked (``--retranslate machine``). One that names an engine but no model
    (``machine: argos``), or a run whose engine cannot name its model (``argos:``), is judged by the
    engine's name alone.
    """
    if current is None or not recorded:
        return False
    name, _, model = current.partition(":")
    their_name, _, their_model = recorded.partition(":")
    return their_name != name or bool(model and their_model and model != their_model)


def recorded_terms(comment: str) -> str:
    """The glossary fingerprint a machine entry's translator comment records; "" when it records none."""
    return next((line[len(TERMS) :].strip() for line in comment.split("\n") if line.startswith(TERMS)), "")
