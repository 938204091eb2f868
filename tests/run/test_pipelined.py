"""A run hands the engine its next call before it waits for the one before (#26).

Each call of the engine ends with its last batches, while part of the model's parallel translators has
nothing left to do; calls made one after another leave them idle at every end (on 8 benchmark issues in two
halves, one translator stood idle 0.6 s at the end of each half). An engine that can take a call and be
waited on later (``submit``: the Argos engine hands the batches to CTranslate2's queue) is given the next call
first, across the languages and the run's halves; at most one call is handed over ahead, since CTranslate2
finishes what it was given before the process can exit (Ctrl-C).

Deterministic: the engine records the order of hand-overs and waits; nothing measures time.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bilingual.engines.pseudo import PseudoEngine
from bilingual.run.background import Stopped, pipelined
from bilingual.run.pipeline import CHUNK, translate, translate_parts
from bilingual.values import Document

GLOSSARY = Path(__file__).parents[2] / "glossary" / "ml.yaml"


class Queued(PseudoEngine):
    """An engine with ``submit``: each call is recorded when handed over and when waited for."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, int]] = []
        self.calls = 0

    def submit(self, texts, source, target):
        number, texts = self.calls, list(texts)
        self.calls += 1
        self.log.append(("submit", number))

        def wait():
            self.log.append(("wait", number))
            return PseudoEngine.translate(self, texts, source, target)

        return wait

    def translate(self, texts, source, target):
        return self.submit(texts, source, target)()


def documents(count: int, sentences: int) -> list[Document]:
    from bilingual.document.markdown import parse

    return [parse(f"# Issue {n}\n\n" + " ".join(f"Issue {n} says thing {k} about models." for k in range(sentences)) + "\n",
                  f"{n:03d}/en.md") for n in range(1, count + 1)]


def one_ahead(calls: int) -> list[tuple[str, int]]:
    """Call 0 and 1 handed over, then each call waited for with the one after it handed over first."""
    order = [("submit", 0)]
    for n in range(calls):
        if n + 1 < calls:
            order.append(("submit", n + 1))
        order.append(("wait", n))
    return order


@pytest.mark.parametrize("glossary", [False, True], ids=["plain", "glossary"])
@pytest.mark.parametrize("langs", [("zh",), ("zh", "ja")])
def test_each_call_is_handed_to_the_engine_before_the_run_waits_for_the_call_before(langs, glossary):
    from bilingual.glossary.load import load_glossary

    engine = Queued()
    docs = documents(4, CHUNK // 2 + 9)  # two halves of two issues, each half more than one call per language
    parts = list(translate_parts(docs, langs, engine, load_glossary([GLOSSARY]) if glossary else None))
    assert len(parts) == 2
    assert engine.calls >= 4 * len(langs)
    assert engine.log == one_ahead(engine.calls)


def test_the_outputs_are_those_of_an_engine_without_submit():
    docs = documents(4, CHUNK // 2 + 9)
    queued, plain = translate(docs, ("zh", "ja"), Queued()), translate(docs, ("zh", "ja"), PseudoEngine())
    assert [(e.document.path, e.lang, e.markdown) for e in queued.editions] == [
        (e.document.path, e.lang, e.markdown) for e in plain.editions]


def test_a_small_run_hands_over_its_one_call_and_waits_for_it():
    engine = Queued()
    translate(documents(2, 3), ("zh",), engine)
    assert engine.log == [("submit", 0), ("wait", 0)]


def test_a_stopped_run_hands_the_engine_no_further_call():
    stop = threading.Event()
    log: list[str] = []

    def step(n):
        def start():
            log.append(f"submit {n}")
            return lambda: log.append(f"wait {n}") or n
        return start

    results = pipelined((step(n) for n in range(5)), stop)
    assert next(results) == 0
    stop.set()  # Ctrl-C while the caller handles the first result
    with pytest.raises(Stopped):
        next(results)
    assert log == ["submit 0", "submit 1", "wait 0"]


def test_steps_start_lazily_and_one_ahead():
    log: list[str] = []

    def step(n):
        def start():
            log.append(f"submit {n}")
            return lambda: log.append(f"wait {n}") or n * n
        return start

    results = pipelined(step(n) for n in range(3))
    assert log == []
    assert list(results) == [0, 1, 4]
    assert log == ["submit 0", "submit 1", "wait 0", "submit 2", "wait 1", "wait 2"]


@pytest.mark.parametrize("count", [1, CHUNK - 1, CHUNK, CHUNK + 8, 2 * CHUNK + 1, 5 * CHUNK - 3])
def test_a_languages_sentences_go_in_the_fewest_calls_of_sizes_as_equal_as_can_be(count):
    """No small last call (136 sentences went as 128 and 8): a call's batches are cut from its own sentences,
    so a call of 8 is translated in batches of 4, which translate fewer sentences a second."""
    from bilingual.run.pipeline import _calls

    texts = [f"Sentence {'x' * (n % 17)} number {n}." for n in range(count)]
    calls = _calls({"zh": texts, "ja": texts[: count // 2]})
    for lang, sent in (("zh", texts), ("ja", texts[: count // 2])):
        sizes = [len(chunk) for call_lang, chunk in calls if call_lang == lang]
        assert len(sizes) == -(-len(sent) // CHUNK)
        assert max(sizes, default=0) <= CHUNK and max(sizes, default=0) - min(sizes, default=0) <= 1
        assert [t for call_lang, chunk in calls if call_lang == lang for t in chunk] == sorted(sent, key=len)
