"""``inline_diff`` of two equal texts (most segments: the glossary changed nothing the engine wrote)
is one equal run, found without cutting, coding and diffing them (#26); texts that differ are diffed."""

from __future__ import annotations

import pytest
from diff_match_patch import diff_match_patch
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.render.diffing import Op, inline_diff


@pytest.fixture
def diffed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    real = diff_match_patch.diff_main

    def recording(self, a, b, *args, **kwargs):
        seen.append((a, b))
        return real(self, a, b, *args, **kwargs)

    monkeypatch.setattr(diff_match_patch, "diff_main", recording)
    return seen


@pytest.mark.parametrize("text", ["", "A model {1}learns{/1} fast.", "模型学得很快。", " \n\t", "{0} 😀 \u200b"])
def test_equal_texts_are_one_equal_run_and_are_not_diffed(diffed, text):
    assert inline_diff(text, text) == ((Op("equal", text),) if text else ())
    assert diffed == []


@pytest.mark.parametrize(("old", "new"), [("a b", "a c"), ("模型", "模子"), ("", "x"), ("x", "")])
def test_texts_that_differ_are_diffed(diffed, old, new):
    ops = inline_diff(old, new)
    assert len(diffed) == 1 and any(op.kind != "equal" for op in ops)


@settings(max_examples=200, deadline=None)
@given(old=st.text(max_size=60), new=st.text(max_size=60))
def test_the_runs_rebuild_both_texts(old, new):
    ops = inline_diff(old, new)
    assert "".join(op.text for op in ops if op.kind != "insert") == old
    assert "".join(op.text for op in ops if op.kind != "delete") == new
    assert all(op.text for op in ops)
