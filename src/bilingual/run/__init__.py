"""One run of ``bilingual translate``: above the PO memory (:mod:`bilingual.memory`) and the views
(:mod:`bilingual.render`), below the CLI.

>>> from bilingual.run import load_documents, prepare, complete, write  # doctest: +SKIP
>>> jobs, documents = load_documents(jobs, ["zh", "ja"])          # doctest: +SKIP
>>> prepared = prepare(jobs, documents, ["zh", "ja"])             # doctest: +SKIP
>>> outcome = complete(prepared, documents, ["zh", "ja"], engine) # doctest: +SKIP
>>> write(outcome)                                                # doctest: +SKIP

* :mod:`.plan`: parse the sources a run must look at, read every PO file, decide each segment;
* :mod:`.outcome`: translate the rest, compute every PO file, edition and view (writes nothing);
* :mod:`.write`: write the outcome all or nothing, each file checked to be the version read;
* :mod:`.lock`: one run per issue folder at a time;
* :mod:`.archive`: a whole run, in batches of issue folders, each locked and written all or nothing.
"""

from __future__ import annotations

from .archive import Progress, Summary, batches, translate_archive
from .outcome import FileWrite, Outcome, Report, complete, finish, translate_with_memory
from .plan import Prepared, Unapproved, load_documents, prepare, require_engine
from .write import write

__all__ = [
    "FileWrite",
    "Outcome",
    "Prepared",
    "Progress",
    "Report",
    "Summary",
    "Unapproved",
    "batches",
    "complete",
    "finish",
    "load_documents",
    "prepare",
    "require_engine",
    "translate_archive",
    "translate_with_memory",
    "write",
]
