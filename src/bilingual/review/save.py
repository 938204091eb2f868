"""Saving one sentence: checked, then written into the PO file under the issue's lock, all or nothing.

A save names the entry's ETag as the reviewer saw it. Under the issue's lock (the one
``bilingual translate`` takes) the PO file is read again from disk, so a file changed by someone
else (Poedit, ``git pull``, a translate run) is what the save starts from; if the entry is not
the version the reviewer saw, the save is refused with :class:`StaleError` and the current
version. The new file goes through :func:`bilingual.storage.write_all` (staged, fsynced, checked
to be still the version read, renamed), so an interrupted save leaves the old file or the new
one, and a save never overwrites a file that changed after it was read.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ConcurrentEditError
from ..memory.merge import MACHINE, SUGGESTED_BY, TERMS, fit_newlines
from ..memory.po import FUZZY, Catalog, Entry, read_catalog, render
from ..document.placeholders import token_counts
from .segments import SUGGESTION, entry_for, etag

#: A ``<`` that could open HTML: translated text never carries markup (it comes from placeholders).
HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
#: How long a save waits for a translate run that holds the issue's lock.
LOCK_WAIT = 30.0
MAX_TEXT = 20_000


class BadRequest(ValueError):
    """A save the API refuses with 400 and this one-line reason; nothing is written."""


class StaleError(Exception):
    """The entry changed since the reviewer saw it (409); ``current`` is its version now."""

    def __init__(self, current_etag: str, current_text: str, current_status: str) -> None:
        super().__init__("the sentence changed since you loaded it; reload it and apply your change again")
        self.etag = current_etag
        self.text = current_text
        self.status = current_status


@dataclass(frozen=True)
class Change:
    """A checked save request."""

    issue: str
    lang: str
    id: str
    text: str
    status: str  # approved or fuzzy
    etag: str


def parse_change(payload: Any) -> Change:
    """The request body as a :class:`Change`; raises :class:`BadRequest` naming the field to fix."""
    if not isinstance(payload, dict):
        raise BadRequest("the body must be a JSON object {issue, lang, id, text, status, etag}")
    fields = {"issue": str, "lang": str, "id": str, "text": str, "status": str, "etag": str}
    for name, kind in fields.items():
        if name not in payload:
            raise BadRequest(f"'{name}' is missing")
        if not isinstance(payload[name], kind):
            raise BadRequest(f"'{name}' must be a string")
    extra = sorted(set(payload) - set(fields))
    if extra:
        raise BadRequest(f"unknown field '{extra[0]}'")
    if payload["status"] not in ("approved", "fuzzy"):
        raise BadRequest("'status' must be 'approved' or 'fuzzy'")
    if len(payload["text"]) > MAX_TEXT:
        raise BadRequest(f"'text' is longer than {MAX_TEXT} characters")
    if "\x00" in payload["text"] or "\x04" in payload["text"]:
        raise BadRequest("'text' holds a control character a PO file cannot keep")
    return Change(**{name: payload[name] for name in fields})


def check_text(source: str, text: str, status: str) -> None:
    """The text keeps every placeholder of the source exactly once and adds no HTML."""
    if not text.strip() and status == "approved":
        raise BadRequest("an empty text cannot be approved; type the translation first")
    if not text.strip():
        return
    if token_counts(text) != token_counts(source):
        missing = sorted((token_counts(source) - token_counts(text)).elements())
        added = sorted((token_counts(text) - token_counts(source)).elements())
        what = f"placeholders missing from the text: {' '.join(missing)}" if missing else f"placeholders the source does not have: {' '.join(added)}"
        raise BadRequest(what + "; keep each {n} and {/n} of the source exactly once")
    found = HTML_START.search(text)
    if found is not None:
        raise BadRequest(f"the text adds HTML at character {found.start() + 1}; markup comes only from the source's placeholders")


def edited_entry(entry: Entry | None, segment_id: str, source: str, text: str, status: str) -> Entry:
    """The entry after the save: approved = not fuzzy; a person's text replaces the machine's, which is kept as a suggestion."""
    base = entry or Entry(msgctxt=segment_id, msgid=source)
    text = fit_newlines(source, text)
    lines = [line for line in base.translator.split("\n") if line]
    if text != base.msgstr:
        machine = any(line.startswith(MACHINE) for line in lines)
        lines = [line for line in lines if not line.startswith((MACHINE, TERMS, SUGGESTION, SUGGESTED_BY))]
        if machine and base.msgstr:
            lines.append(SUGGESTION + base.msgstr.replace("\n", "\\n"))
        elif entry is not None and (old := next((l for l in base.translator.split("\n") if l.startswith(SUGGESTION)), None)):
            lines.append(old)
    flags = tuple(f for f in base.flags if f != FUZZY)
    if status == "fuzzy" and text:
        flags = (FUZZY, *flags)
    approved = status == "approved"
    return replace(
        base, msgstr=text, flags=flags, translator="\n".join(lines),
        previous_msgid=None if approved else base.previous_msgid,
        previous_msgctxt=None if approved else base.previous_msgctxt,
    )


@contextmanager
def issue_lock(folder: Path, wait: float | None = None) -> Iterator[None]:
    """The issue's run lock (:func:`bilingual.folderlock.locked`), waiting up to ``wait`` seconds for a run holding it.

    Still held after ``wait``: :class:`ConcurrentEditError` naming who holds it.
    """
    from ..folderlock import locked

    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    with ExitStack() as stack:
        while True:
            try:
                stack.enter_context(locked([folder]))
                break
            except ConcurrentEditError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.05)
        yield


def save(po_path: Path, segment: Any, change: Change) -> tuple[Entry, str]:
    """Write ``change`` into ``po_path`` (the caller holds the issue's lock); the new entry and the file's text.

    Raises :class:`StaleError` when the entry is not the version ``change.etag`` names, and
    :class:`ConcurrentEditError` when the file changed between reading and renaming (the caller
    tries again from the file as it is then).
    """
    from ..storage import version, write_all

    read = version(po_path)
    catalog = read_catalog(po_path)
    entry = entry_for(catalog, segment)
    if etag(entry) != change.etag:
        raise StaleError(etag(entry), entry.msgstr if entry else "", _state(entry))
    new = edited_entry(entry, segment.id, segment.text, change.text, change.status)
    catalog = _with_entry(catalog, entry, new, po_path, change.lang)
    text = render(catalog)
    write_all({po_path: text}, {po_path: read})
    return new, text


def save_with_retry(po_path: Path, segment: Any, change: Change, attempts: int = 5) -> tuple[Entry, str]:
    """:func:`save`, again from the file as it is now when someone else wrote it meanwhile."""
    for attempt in range(attempts):
        try:
            return save(po_path, segment, change)
        except ConcurrentEditError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _state(entry: Entry | None) -> str:
    from .segments import status_of

    return status_of(entry)


def _with_entry(catalog: Catalog | None, old: Entry | None, new: Entry, po_path: Path, lang: str) -> Catalog:
    if catalog is None:
        from ..memory.po import header_metadata, revision_date

        metadata = header_metadata(None, lang, f"{po_path.parent.name}/en.md", "bilingual review", revision_date())
        return Catalog(metadata, (new,))
    if old is None:
        active = (*catalog.active, new)
    else:
        active = tuple(new if e is old else e for e in catalog.active)
    return replace(catalog, entries=(*active, *catalog.obsolete))
