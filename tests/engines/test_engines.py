"""The identity and pseudo engines."""

from __future__ import annotations

import pytest

from bilingual.engines.base import Engine
from bilingual.engines.pseudo import pseudo
from bilingual.engines.registry import make_engine
from bilingual.errors import InputError


@pytest.mark.parametrize("name", ["identity", "pseudo"])
def test_engines_follow_the_interface(name):
    engine = make_engine(name)
    assert isinstance(engine, Engine)
    out = engine.translate(["Hello {1}world{/1}.", "Two"], "en", "zh")
    assert len(out) == 2
    assert engine.signature("en", "zh").startswith(name)


def test_identity_copies():
    assert make_engine("identity").translate(["a {1} b"], "en", "ja") == ["a {1} b"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello {1}world{/1}.", "⟦Ĥéļļö {1}ŵöŕļð{/1}.⟧"),
        ("CIFAR-10 {12}", "⟦ÇÎƑÀŔ-10 {12}⟧"),
    ],
)
def test_pseudo_transforms_letters_not_placeholders(text, expected):
    assert pseudo(text) == expected


def test_pseudo_is_deterministic():
    assert pseudo("Deep learning") == pseudo("Deep learning")


def test_unknown_engine():
    with pytest.raises(InputError, match="unknown engine 'nope'"):
        make_engine("nope")
