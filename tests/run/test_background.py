"""``run.background.ahead``: what a producer yields is made ahead of the caller in a background thread,
in order, and a caller that stops early stops the producer at its next step (a run's engine between two
calls of the engine, #26), so Ctrl-C does not wait for the rest of the run's sentences to be translated.

Deterministic: producers wait on events, with deadlines only as guards against a hang."""

from __future__ import annotations

import threading

import pytest

from bilingual.run.background import Stopped, ahead, pipelined

GUARD = 30.0  # seconds; nothing here waits for it unless the code under test is wrong


def test_items_come_in_order_made_on_another_thread():
    names: list[str] = []

    def produce(stop):
        for n in range(5):
            names.append(threading.current_thread().name)
            yield n * n

    assert list(ahead(produce, name="test-ahead")) == [0, 1, 4, 9, 16]
    assert set(names) == {"test-ahead"}


def test_without_background_the_items_are_made_on_the_callers_thread():
    seen = []

    def produce(stop):
        seen.append(threading.current_thread().name)
        yield 7

    assert list(ahead(produce, background=False)) == [7]
    assert seen == [threading.current_thread().name]


@pytest.mark.parametrize("where", ["making the producer", "first item", "second item"])
def test_a_producers_exception_is_raised_at_its_place_in_the_order(where):
    def items(stop):
        if where == "first item":
            raise ValueError(where)
        yield 1
        if where == "second item":
            raise ValueError(where)
        yield 2

    def produce(stop):
        if where == "making the producer":  # raised before a generator exists: the caller still hears of it
            raise ValueError(where)
        return items(stop)

    results = ahead(produce)
    if where == "second item":
        assert next(results) == 1
    with pytest.raises(ValueError, match=where):
        next(results)


def test_a_caller_that_stops_stops_the_producer_at_its_next_step():
    """The producer's second item takes steps until it is told to stop; the caller leaves after the first."""
    started, outcome = threading.Event(), []

    def produce(stop):
        yield "first"
        started.set()
        waited = 0.0
        while not stop.wait(0.01):
            waited += 0.01
            if waited > GUARD:
                outcome.append("never told to stop")
                return
        outcome.append("stopped")
        raise Stopped("the caller stopped")

    results = ahead(produce, name="test-stop")
    assert next(results) == "first"
    assert started.wait(GUARD)
    results.close()  # as a caller's error or Ctrl-C leaves the loop: waits for the producer to stop
    assert outcome == ["stopped"]


def test_the_engine_is_handed_no_call_once_the_run_has_stopped():
    """A group's sentences go to the engine in calls of CHUNK sentences, one handed over ahead; a stopped
    run hands over no further call."""
    from bilingual.engines.pseudo import PseudoEngine
    from bilingual.run.pipeline import CHUNK, _plan, _translated
    from bilingual.document.markdown import parse
    from bilingual.document.segment import segment

    stop = threading.Event()
    calls = []

    class Stopping(PseudoEngine):
        def translate(self, texts, source, target):
            calls.append(len(texts))
            stop.set()  # Ctrl-C while the engine translates this call
            return super().translate(texts, source, target)

    doc = parse(" ".join(f"Sentence number {n}." for n in range(3 * CHUNK)) + "\n", "en.md")
    plans = {"zh": _plan([(doc, segment(doc))], lambda key: None, "zh")}
    texts = {"zh": list(plans["zh"][1])}
    with pytest.raises(Stopped):
        list(_translated([texts], plans, Stopping(), None, "en", None, stop))
    assert calls == [CHUNK]


def test_pipelined_raises_what_a_wait_raises_and_starts_nothing_after_it():
    log: list[str] = []

    def step(n):
        def start():
            log.append(f"submit {n}")

            def wait():
                if n == 1:
                    raise RuntimeError("call 1 failed")
                return n
            return wait
        return start

    results = pipelined(step(n) for n in range(4))
    assert next(results) == 0
    with pytest.raises(RuntimeError, match="call 1"):
        next(results)
    assert log == ["submit 0", "submit 1", "submit 2"]
