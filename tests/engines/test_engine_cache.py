"""CachedEngine: identical texts are translated once per run, only unique texts in one batch."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from conftest_argos import ArgosEnv, argos_env, corpus, greedy_engine, installed_fixtures  # noqa: F401 (fixtures)

from bilingual.engines.base import Engine
from bilingual.engines.cache import CachedEngine
from bilingual.errors import ModelError


class CountingEngine:
    """Prefixes the target code; records every batch it is given."""

    name = "counting"

    def __init__(self, version: str = "1") -> None:
        self.version = version
        self.batches: list[tuple[list[str], str, str]] = []
        self.checked: list[tuple[str, str]] = []

    def signature(self, source: str, target: str) -> str:
        return f"counting:{self.version}"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.batches.append((list(texts), source, target))
        return [f"{target}:{text}" for text in texts]

    def check_pair(self, source: str, target: str) -> None:
        self.checked.append((source, target))
        if target == "xx":
            raise ModelError("no en→xx model installed")


def test_identical_texts_are_translated_once_in_one_batch() -> None:
    inner = CountingEngine()
    engine = CachedEngine(inner)
    out = engine.translate(["a", "b", "a", "c", "b"], "en", "zh")
    assert out == ["zh:a", "zh:b", "zh:a", "zh:c", "zh:b"]
    assert inner.batches == [(["a", "b", "c"], "en", "zh")]


def test_texts_seen_earlier_in_the_run_are_not_sent_again() -> None:
    inner = CountingEngine()
    engine = CachedEngine(inner)
    engine.translate(["a", "b"], "en", "zh")
    out = engine.translate(["b", "c", "a"], "en", "zh")
    assert out == ["zh:b", "zh:c", "zh:a"]
    assert inner.batches[1] == (["c"], "en", "zh")
    assert (engine.stats.requested, engine.stats.translated, engine.stats.reused) == (5, 3, 2)


def test_the_memo_is_bounded_and_forgets_the_least_recently_used_first() -> None:
    """A run over an archive must not keep every sentence it ever translated (#15)."""
    inner = CountingEngine()
    engine = CachedEngine(inner, capacity=3)
    engine.translate(["a", "b", "c"], "en", "zh")
    engine.translate(["a"], "en", "zh")  # a is used again: b is now the oldest
    engine.translate(["d"], "en", "zh")  # b goes
    assert engine.translate(["a", "b", "c", "d"], "en", "zh") == ["zh:a", "zh:b", "zh:c", "zh:d"]
    assert inner.batches[-1] == (["b"], "en", "zh")
    assert engine.remembered == 3


def test_a_batch_larger_than_the_memo_is_translated_whole() -> None:
    inner = CountingEngine()
    engine = CachedEngine(inner, capacity=2)
    texts = [f"t{i}" for i in range(5)] + ["t0"]
    assert engine.translate(texts, "en", "zh") == [f"zh:{t}" for t in texts]
    assert inner.batches == [([f"t{i}" for i in range(5)], "en", "zh")]
    assert engine.remembered == 2


def test_a_fully_cached_batch_does_not_call_the_engine() -> None:
    inner = CountingEngine()
    engine = CachedEngine(inner)
    engine.translate(["a"], "en", "zh")
    assert engine.translate(["a", "a"], "en", "zh") == ["zh:a", "zh:a"]
    assert engine.translate([], "en", "zh") == []
    assert len(inner.batches) == 1


def test_pairs_are_cached_separately() -> None:
    inner = CountingEngine()
    engine = CachedEngine(inner)
    assert engine.translate(["a"], "en", "zh") == ["zh:a"]
    assert engine.translate(["a"], "en", "ja") == ["ja:a"]
    assert len(inner.batches) == 2


def test_engines_with_different_signatures_do_not_share_entries() -> None:
    first, second = CachedEngine(CountingEngine("1")), CachedEngine(CountingEngine("2"))
    first.translate(["a"], "en", "zh")
    assert second.translate(["a"], "en", "zh") == ["zh:a"]
    assert second.signature("en", "zh") == "counting:2"


def test_wrapper_passes_name_and_checks_through() -> None:
    inner = CountingEngine()
    engine = CachedEngine(inner)
    assert isinstance(engine, Engine)
    assert engine.name == "counting"
    engine.check_pairs([("en", "zh"), ("en", "ja")])
    assert inner.checked == [("en", "zh"), ("en", "ja")]
    with pytest.raises(ModelError):
        engine.check_pair("en", "xx")


def test_wrong_output_count_is_an_error() -> None:
    class Broken(CountingEngine):
        def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
            return []

    with pytest.raises(ModelError, match="returned 0 translations for 1 texts"):
        CachedEngine(Broken()).translate(["a"], "en", "zh")


def test_cached_argos_engine_on_fixture_models(installed_fixtures: ArgosEnv) -> None:
    rows = corpus()[:6]
    texts = [row["en"] for row in rows] * 2
    engine = CachedEngine(greedy_engine())
    engine.check_pairs([("en", "zh")])
    assert engine.translate(texts, "en", "zh") == [row["zh"] for row in rows] * 2
    assert engine.stats.translated == len(rows)
    assert engine.signature("en", "zh") == "argos:translate-en_zh-0.1"


class QueuedEngine(CountingEngine):
    """A :class:`CountingEngine` that takes calls with ``submit`` and records when each is waited for."""

    def __init__(self) -> None:
        super().__init__()
        self.waited: list[list[str]] = []

    def submit(self, texts: Sequence[str], source: str, target: str):
        texts = list(texts)
        self.batches.append((texts, source, target))

        def wait() -> list[str]:
            self.waited.append(texts)
            return [f"{target}:{text}" for text in texts]

        return wait


def test_a_submitted_call_reaches_the_wrapped_engine_at_once_and_is_remembered_when_waited_for() -> None:
    inner = QueuedEngine()
    engine = CachedEngine(inner)
    first = engine.submit(["a", "b", "a"], "en", "zh")
    second = engine.submit(["c"], "en", "zh")
    assert [b[0] for b in inner.batches] == [["a", "b"], ["c"]] and inner.waited == []
    assert (first(), second()) == (["zh:a", "zh:b", "zh:a"], ["zh:c"])
    assert engine.translate(["b", "c"], "en", "zh") == ["zh:b", "zh:c"]
    assert len(inner.batches) == 2 and engine.stats.translated == 3


def test_a_submitted_call_with_everything_remembered_waits_for_nothing() -> None:
    inner = QueuedEngine()
    engine = CachedEngine(inner)
    engine.translate(["a"], "en", "zh")
    assert engine.submit(["a", "a"], "en", "zh")() == ["zh:a", "zh:a"]
    assert engine.submit([], "en", "zh")() == []
    assert len(inner.batches) == 1
