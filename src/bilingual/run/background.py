"""Work done ahead of the caller: in a background thread, and by an engine that takes its next call
before it is waited for on this one.

A run's engine translates the next group of documents while the run writes the files of the group
it has (#26): :func:`ahead` makes the groups' translations in a background thread (the engine
releases the interpreter while it computes, so the writing costs the run little time of its own),
and :func:`pipelined` hands the engine each call before it waits for the call before, so that the
model's parallel translators have work queued where a call's last batches would leave some idle.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

#: How often a finished result waiting for the caller looks whether the caller has stopped (seconds).
POLL = 0.1


class Stopped(Exception):
    """What work done ahead raises when it sees that its caller has stopped."""


def ahead(produce: Callable[[threading.Event], Iterator[T]], background: bool = True, name: str = "bilingual-ahead") -> Iterator[T]:
    """Each item ``produce`` yields, in order; with ``background``, they are made in a background thread
    while the caller handles the one before (at most two ahead of the caller), else on the caller's thread.

    ``produce`` is given an event that is set once the caller has stopped, to look at between its steps
    (and raise :class:`Stopped`). Its exception is raised here, at its place in the order. When the caller
    stops early (an error, Ctrl-C, or closing this iterator), the background thread is told, and the caller
    waits for it to reach its next step: it is never left running behind the run (a model's computation at
    the interpreter's exit).
    """
    if not background:
        yield from produce(threading.Event())
        return
    results: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=1)
    stop = threading.Event()
    end = object()

    def hand(item: tuple[bool, object]) -> bool:
        """Give ``item`` to the caller; False if the caller stopped first."""
        while not stop.is_set():
            try:
                results.put(item, timeout=POLL)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            items = produce(stop)
        except BaseException as exc:  # noqa: BLE001 (raised again on the caller's thread)
            hand((False, exc))
            return
        while not stop.is_set():
            try:
                item: tuple[bool, object] = (True, next(items, end))
            except BaseException as exc:  # noqa: BLE001 (raised again on the caller's thread)
                item = (False, exc)
            if not hand(item) or not item[0] or item[1] is end:
                return

    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    try:
        while True:
            ok, value = results.get()
            if not ok:
                raise value  # type: ignore[misc]
            if value is end:
                return
            yield value  # type: ignore[misc]
    finally:
        stop.set()
        thread.join()


def pipelined(steps: Iterable[Callable[[], Callable[[], T]]], stop: threading.Event | None = None) -> Iterator[T]:
    """The result of each step, in order, each step started before the one before it is waited for.

    A step starts its work and returns what waits for it (an engine's ``submit``). At most one step is
    started ahead of the one waited for: an engine finishes what it was given before the process can exit
    (CTranslate2 does), so a caller that stops waits for no more than that. Raises :class:`Stopped`
    before it starts a step once ``stop`` is set.
    """
    todo = iter(steps)
    waiting: deque[Callable[[], T]] = deque()

    def start() -> None:
        step = next(todo, None)
        if step is None:
            return
        if stop is not None and stop.is_set():
            raise Stopped("the run stopped")
        waiting.append(step())

    start()
    while waiting:
        start()
        yield waiting.popleft()()
