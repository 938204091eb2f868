"""``run.background.ahead``: tasks run one step ahead of the caller in a background thread, results in order,
and a caller that stops early stops the task that is running at its next step (a run's engine between two
calls of the engine, #26), so Ctrl-C does not wait for the rest of the run's sentences to be translated.

Deterministic: tasks wait on events, with deadlines only as guards against a hang."""

from __future__ import annotations

import threading

import pytest

from bilingual.run.background import Stopped, ahead

GUARD = 30.0  # seconds; nothing here waits for it unless the code under test is wrong


def test_results_come_in_order_with_the_tasks_run_on_another_thread():
    names: list[str] = []

    def task(n):
        def run(stop):
            names.append(threading.current_thread().name)
            return n * n
        return run

    assert list(ahead([task(n) for n in range(5)], name="test-ahead")) == [0, 1, 4, 9, 16]
    assert set(names) == {"test-ahead"}


def test_one_task_runs_on_the_callers_thread():
    seen = []
    assert list(ahead([lambda stop: seen.append(threading.current_thread().name) or 7])) == [7]
    assert seen == [threading.current_thread().name]


def test_a_tasks_exception_is_raised_at_its_place_in_the_order():
    def fail(stop):
        raise ValueError("the second task failed")

    results = ahead([lambda stop: 1, fail, lambda stop: 3])
    assert next(results) == 1
    with pytest.raises(ValueError, match="second task"):
        next(results)


def test_a_caller_that_stops_stops_the_running_task_at_its_next_step():
    """The second task takes steps until it is told to stop; the caller leaves after the first result."""
    started, outcome = threading.Event(), []

    def long(stop):
        started.set()
        waited = 0.0
        while not stop.wait(0.01):
            waited += 0.01
            if waited > GUARD:
                outcome.append("never told to stop")
                return
        outcome.append("stopped")

    results = ahead([lambda stop: "first", long], name="test-stop")
    assert next(results) == "first"
    assert started.wait(GUARD)
    results.close()  # as a caller's error or Ctrl-C leaves the loop: waits for the running task to stop
    assert outcome == ["stopped"]


def test_the_engine_stops_between_two_calls_once_the_run_has_stopped():
    """A half of a run's sentences goes to the engine in calls of CHUNK sentences; a stopped run's engine
    makes no further call."""
    from bilingual.engines.pseudo import PseudoEngine
    from bilingual.run.pipeline import CHUNK, _translate_texts

    stop = threading.Event()
    calls = []

    class Stopping(PseudoEngine):
        def translate(self, texts, source, target):
            calls.append(len(texts))
            stop.set()  # Ctrl-C while the engine translates this call
            return super().translate(texts, source, target)

    texts = [f"Sentence number {n}." for n in range(3 * CHUNK)]
    with pytest.raises(Stopped):
        _translate_texts(texts, Stopping(), None, "en", "zh", None, stop)
    assert calls == [CHUNK]
