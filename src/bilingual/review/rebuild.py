"""After a save: the issue's editions and views rebuilt from its PO files, as ``translate`` builds them.

The rebuild is a run of :mod:`bilingual.run` (plan, outcome, write) under the issue's lock, with
an engine that translates nothing: the PO files already hold every sentence. When a sentence
needs the engine (en.md changed, or the glossary did since the last translate), nothing is
rebuilt and the reason is kept for the screen: run ``bilingual translate`` first.

Saves come faster than rebuilds (a save writes one PO file; a rebuild recomputes the issue), so
rebuilds are coalesced: one worker thread rebuilds an issue once the saves to it pause for
:data:`QUIET` seconds (or :data:`MAX_DELAY` after the first save not yet rebuilt, under steady
saving), once, however many saves came in between.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BilingualError, ModelError

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from ..layout import Job

#: Seconds without a save before an issue is rebuilt, and the longest a save waits for its rebuild.
QUIET = 0.4
MAX_DELAY = 5.0


class NoEngine:
    """The rebuild's engine: it translates nothing, so a sentence without a PO entry stops the rebuild."""

    name = "none"

    def signature(self, source: str, target: str) -> str:
        return "memory"

    def check_pair(self, source: str, target: str) -> None:
        raise ModelError("the review server does not translate; run bilingual translate on this issue")

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        raise ModelError("the review server does not translate")


def rebuild_issue(job: Job, langs: Sequence[str], glossary: Glossary | None, changed: str = "previous") -> list[Path]:
    """Rebuild ``job``'s editions and views from its PO files (the caller holds the issue's lock); the files written.

    ``changed`` is what a changed sentence's edition shows (``[memory] changed``), as ``translate`` does.
    """
    from ..run import RunOptions, complete, load_documents, prepare, write

    options = RunOptions(NoEngine(), tuple(langs), glossary, changed=changed)
    todo, documents = load_documents([job], options)
    if not todo:
        return []
    prepared = prepare(todo, documents, options)
    pending = prepared.pending()
    if pending:
        counts = ", ".join(f"{lang}: {n}" for lang, n in pending.items())
        raise ModelError(
            f"{sum(pending.values())} sentence(s) ({counts}) need the engine (en.md or the glossary changed since the last "
            f"translate); run bilingual translate on this issue (with the glossary review uses)", job.source.parent
        )
    outcome = complete(prepared, documents, options)
    return write(outcome)


class Rebuilder:
    """One worker thread that rebuilds, once each, the issues saved since their last rebuild."""

    def __init__(self, langs: Sequence[str], glossary: Glossary | None, changed: str = "previous") -> None:
        self.langs = tuple(langs)
        self.glossary = glossary
        self.changed = changed
        self._pending: dict[Path, Job] = {}
        self._first: dict[Path, float] = {}  # when the oldest save not yet rebuilt came
        self._last: dict[Path, float] = {}  # when the latest save came
        self._problems: dict[Path, str] = {}
        self._generation: dict[Path, int] = {}
        self._done: dict[Path, int] = {}
        self._cond = threading.Condition()
        self._stopping = False
        # The worker runs in the context of the thread that made it: the protected patterns and severities
        # bilingual.toml sets (document.protect), so a rebuild makes the editions and views translate makes.
        self._thread = threading.Thread(target=contextvars.copy_context().run, args=(self._work,),
                                        name="bilingual-review-rebuild", daemon=True)
        self._thread.start()

    def request(self, job: Job) -> None:
        folder = job.source.parent
        now = time.monotonic()
        with self._cond:
            self._pending[folder] = job
            self._first.setdefault(folder, now)
            self._last[folder] = now
            self._generation[folder] = self._generation.get(folder, 0) + 1
            self._cond.notify_all()

    def state(self, folder: Path) -> dict[str, object]:
        with self._cond:
            pending = self._generation.get(folder, 0) != self._done.get(folder, 0)
            return {"pending": pending, "problem": self._problems.get(folder)}

    def wait(self, folder: Path, timeout: float) -> bool:
        """Wait until every save of ``folder`` so far is rebuilt; False on timeout."""
        with self._cond:
            target = self._generation.get(folder, 0)
            return self._cond.wait_for(lambda: self._done.get(folder, 0) >= target, timeout)

    def stop(self, timeout: float = 60.0) -> None:
        """Finish the rebuilds asked for, then stop the worker."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.join(timeout)

    def _work(self) -> None:
        from .save import issue_lock

        while True:
            with self._cond:
                while True:
                    if not self._pending and self._stopping:
                        return
                    ready, delay = self._ready()
                    if ready is not None:
                        break
                    self._cond.wait(delay)
                folder, job = ready, self._pending.pop(ready)
                self._first.pop(folder, None)
                generation = self._generation[folder]
            problem = None
            try:
                with issue_lock(folder):
                    rebuild_issue(job, self._langs_of(folder), self.glossary, self.changed)
            except BilingualError as exc:
                problem = f"{exc}; the editions were not rebuilt, the PO files are saved"
            except Exception as exc:  # noqa: BLE001 (the worker must outlive one bad issue)
                problem = f"{folder}: rebuild failed: {exc!r}"
            with self._cond:
                self._problems.pop(folder, None)
                if problem:
                    self._problems[folder] = problem
                self._done[folder] = max(self._done.get(folder, 0), generation)
                self._cond.notify_all()

    def _ready(self) -> tuple[Path | None, float | None]:
        """The issue to rebuild now (its saves paused, or waited long enough, or the server stops), else how long to wait."""
        if not self._pending:
            return None, None
        now = time.monotonic()
        waits = []
        for folder in self._pending:
            due = min(self._last[folder] + QUIET, self._first[folder] + MAX_DELAY)
            if self._stopping or due <= now:
                return folder, None
            waits.append(due - now)
        return None, min(waits)

    def _langs_of(self, folder: Path) -> list[str]:
        return [lang for lang in self.langs if (folder / f"{lang}.po").is_file()] or list(self.langs)
