"""PO files as the translation memory: one per issue and language, and human work is authoritative.

>>> from bilingual.memory import load_documents, prepare, complete, write  # doctest: +SKIP
>>> jobs, documents = load_documents(jobs, ["zh", "ja"])          # doctest: +SKIP
>>> prepared = prepare(jobs, documents, ["zh", "ja"])             # doctest: +SKIP
>>> outcome = complete(prepared, documents, ["zh", "ja"], engine) # doctest: +SKIP
>>> write(outcome)                                                # doctest: +SKIP

* :mod:`.po`: read PO files strictly (``file:line`` errors), compare by meaning, render deterministically;
* :mod:`.merge`: match segments to existing entries (same id, same text, same slot) and build entries;
* :mod:`.store`: the parsed-file cache and the cross-issue index of approved translations;
* :mod:`.build`: one PO file from the decisions (glossary notes, references, obsolete entries, header);
* :mod:`.stamp`: skip documents whose source, PO files, editions, glossary and code are unchanged;
* :mod:`.workflow`: a whole run — read, decide, translate the rest, compute every file, then write;
* :mod:`.status`: approved / machine / untranslated / obsolete counts per document and language.
"""

from __future__ import annotations

from .merge import Decision, Plan, plan_document
from .po import Catalog, Entry, parse_catalog, read_catalog, render, same_content
from .status import StatusRow, status
from .store import CatalogCache, Hit, MemoryIndex
from .workflow import (
    Outcome,
    Prepared,
    Report,
    Unapproved,
    complete,
    finish,
    load_documents,
    prepare,
    require_engine,
    translate_with_memory,
    write,
)

__all__ = [
    "Catalog",
    "CatalogCache",
    "Decision",
    "Entry",
    "Hit",
    "MemoryIndex",
    "Outcome",
    "Plan",
    "Prepared",
    "Report",
    "StatusRow",
    "Unapproved",
    "complete",
    "finish",
    "load_documents",
    "parse_catalog",
    "plan_document",
    "prepare",
    "read_catalog",
    "render",
    "require_engine",
    "same_content",
    "status",
    "translate_with_memory",
    "write",
]
