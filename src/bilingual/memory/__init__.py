"""PO files as the translation memory: one per issue and language, and human work is authoritative.

It knows nothing of a run: :mod:`bilingual.run` reads, decides, translates and writes with it.

* :mod:`.po`: read PO files strictly (``file:line`` errors), compare by meaning, render deterministically;
* :mod:`.merge`: match segments to existing entries (same id, same text, same slot) and build entries;
* :mod:`.provenance`: where an entry's translation came from (engine and model, memory, a person);
* :mod:`.settings`: the ``[memory]`` settings of ``bilingual.toml``;
* :mod:`.store`: the parsed-file cache and the cross-issue index of approved translations;
* :mod:`.build`: one PO file from the decisions (glossary notes, references, obsolete entries, header);
* :mod:`.stamp`: skip documents whose source, PO files, editions, glossary and code are unchanged;
* :mod:`.status`: approved / machine / untranslated / obsolete counts per document and language.
"""

from __future__ import annotations

from .merge import Decision, Plan, plan_document
from .po import Catalog, Entry, parse_catalog, read_catalog, render, same_content
from .status import StatusRow, status
from .store import CatalogCache, Hit, MemoryIndex

__all__ = [
    "Catalog",
    "CatalogCache",
    "Decision",
    "Entry",
    "Hit",
    "MemoryIndex",
    "Plan",
    "StatusRow",
    "parse_catalog",
    "plan_document",
    "read_catalog",
    "render",
    "same_content",
    "status",
]
