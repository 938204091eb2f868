"""One run of ``bilingual translate``: above the PO memory (:mod:`bilingual.memory`) and the views
(:mod:`bilingual.render`), below the CLI.

>>> from bilingual.run import RunOptions, translate_archive        # doctest: +SKIP
>>> summary = translate_archive(jobs, RunOptions(engine, ("zh", "ja"), glossary))  # doctest: +SKIP

or, step by step for one batch (no locks, no batching):

>>> todo, documents = load_documents(jobs, options)             # doctest: +SKIP
>>> prepared = prepare(todo, documents, options)                 # doctest: +SKIP
>>> outcome = complete(prepared, documents, options)             # doctest: +SKIP
>>> write(outcome)                                               # doctest: +SKIP

* :mod:`.options`: what a run is asked to do (:class:`RunOptions`);

* :mod:`.plan`: parse the sources a run must look at, read every PO file, decide each segment;
* :mod:`.outcome`: translate the rest, compute every PO file, edition and view (writes nothing);
* :mod:`.write`: write the outcome all or nothing, each file checked to be the version read;
* :mod:`.archive`: a whole run, in batches of issue folders, each locked and written all or nothing.
"""

from __future__ import annotations

from .archive import Progress, Summary, batches, translate_archive
from .options import RunOptions
from .outcome import FileWrite, Outcome, Report, complete, finish
from .plan import Prepared, Unapproved, load_documents, prepare, require_engine
from .write import write

__all__ = [
    "FileWrite",
    "Outcome",
    "Prepared",
    "Progress",
    "Report",
    "RunOptions",
    "Summary",
    "Unapproved",
    "batches",
    "complete",
    "finish",
    "load_documents",
    "prepare",
    "require_engine",
    "translate_archive",
    "write",
]
