"""``ArgosEngine.submit``: a call handed to CTranslate2's queue at once, waited for later (#26).

A run hands the engine its next call before it waits for the one before, so that the model's parallel
translators have batches queued when a call's last batches leave some of them idle. What is tested is the
outcome, never the time: whatever is submitted, in whatever order it is waited for, is translated exactly as
``translate`` translates it, notes included, on the real fixture models.
"""

from __future__ import annotations

import pytest
from conftest_argos import argos_env, corpus, greedy_engine, installed_fixtures  # noqa: F401 (fixtures)
from test_engine_unknown import UNK_PACKAGE

from bilingual.engines.argos import ArgosEngine, ArgosOptions
from bilingual.engines.base import submit
from bilingual.errors import ModelError

PAIRS = [("en", "zh"), ("en", "ja"), ("zh", "en"), ("zh", "ja")]  # zh→ja pivots through English


def texts_for(source: str, rows: list[dict[str, str]]) -> list[str]:
    return [row[source] for row in rows]


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_calls_submitted_together_and_waited_for_in_any_order_translate_as_translate_does(installed_fixtures, source, target):
    rows = corpus()
    texts = texts_for(source, rows)
    expected = greedy_engine().translate(texts, source, target)
    engine = greedy_engine()
    halves = [texts[: len(texts) // 2], texts[len(texts) // 2 :]]
    first, second = (engine.submit(half, source, target) for half in halves)
    assert second() + first() == expected[len(texts) // 2 :] + expected[: len(texts) // 2]


def test_a_call_of_nothing_to_translate_waits_for_nothing(installed_fixtures):
    assert greedy_engine().submit(["", "  \n"], "en", "zh")() == ["", ""]


@pytest.mark.parametrize("source", ["We like ☃ very much.", "Hydra manages the configuration."])
def test_the_notes_of_a_submitted_call_are_those_of_translate(argos_env, source):
    from bilingual.packages import install_file

    install_file(UNK_PACKAGE)
    plain = ArgosEngine(ArgosOptions(beam_size=1))
    expected = (plain.translate([source], "en", "zh"), plain.notes(source, "en", "zh"))
    engine = ArgosEngine(ArgosOptions(beam_size=1))
    pending = engine.submit([source, "Papers"], "en", "zh")
    translated = pending()
    assert (translated[:1], engine.notes(source, "en", "zh")) == expected
    assert expected[1]  # the unknown token was noted


def test_a_pair_without_a_model_fails_when_submitted(installed_fixtures):
    with pytest.raises(ModelError, match="no en→ko model installed"):
        greedy_engine().submit(["Papers"], "en", "ko")


class Plain:
    """An engine with ``translate`` only."""

    name = "plain"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def translate(self, texts, source, target):
        self.calls.append(list(texts))
        return [t.upper() for t in texts]


def test_an_engine_without_submit_translates_when_waited_for():
    engine = Plain()
    texts = ["a", "b"]
    pending = submit(engine, texts, "en", "zh")
    texts.append("c")  # the caller's list is not read again
    assert engine.calls == []
    assert pending() == ["A", "B"]
    assert engine.calls == [["a", "b"]]
