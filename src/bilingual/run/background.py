"""Work done one step ahead, in a background thread, while the caller handles the step before.

A run's engine translates the next group of documents while the run writes the files of the group
it has (#26): the engine releases the interpreter while it computes, so the writing costs the run
little time of its own.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

#: How often a finished task waiting for the caller looks whether the caller has stopped (seconds).
POLL = 0.1


class Stopped(Exception):
    """What a task of :func:`ahead` raises when it sees that its caller has stopped."""


def ahead(tasks: Sequence[Callable[[threading.Event], T]], name: str = "bilingual-ahead") -> Iterator[T]:
    """The result of each task, in order; while the caller handles one, the next ones run in one
    background thread (at most two ahead of the caller).

    Each task is given an event that is set once the caller has stopped, to look at between its steps
    (and raise :class:`Stopped`). A task's exception is raised here, at its place in the order. One task
    runs on the caller's own thread. When the caller stops early (an error, Ctrl-C, or closing this
    iterator), no further task starts, and the caller waits for the one running to reach its next step:
    a task is never left running behind the run (a model's computation at the interpreter's exit).
    """
    if len(tasks) < 2:
        for task in tasks:
            yield task(threading.Event())
        return
    results: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def work() -> None:
        for task in tasks:
            if stop.is_set():
                return
            try:
                item: tuple[bool, object] = (True, task(stop))
            except BaseException as exc:  # noqa: BLE001 (raised again on the caller's thread)
                item = (False, exc)
            while not stop.is_set():
                try:
                    results.put(item, timeout=POLL)
                    break
                except queue.Full:
                    continue
            if not item[0]:
                return

    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    try:
        for _ in tasks:
            ok, value = results.get()
            if not ok:
                raise value  # type: ignore[misc]
            yield value  # type: ignore[misc]
    finally:
        stop.set()
        thread.join()
