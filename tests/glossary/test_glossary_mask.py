"""Masking terms as placeholders, restoring them, and enforcing them around fake engines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.glossary import Glossary, Masked, Term, enforce, load_glossary, mask, restore
from bilingual.glossary.matcher import inflections

GLOSSARY = Glossary(
    (
        Term("paper", {"zh": ("论文",), "ja": ("論文",)}, {"zh": ("报纸",), "ja": ("新聞",)}),
        Term("Hydra", keep=True, forbidden={"zh": ("九头蛇",), "ja": ("ヒドラ",)}),
        Term("PyTorch", keep=True, case_sensitive=True, forms=("py torch",)),
        Term("PyTorch Lightning", keep=True, forbidden={"zh": ("PyTorch 闪电",)}),
        Term("policy", {"zh": ("策略",)}),
        Term("CNN", keep=True),
    )
)
MATCHER = GLOSSARY.matcher
ML = load_glossary([Path(__file__).resolve().parents[2] / "glossary" / "ml.yaml"])

SENTENCE = "We read {1}papers{/1} on py torch and Hydra."
MASKED = "We read {1}{2}{/1} on {3} and {4}."


class Identity:
    """Returns its input: the engine that keeps every placeholder."""

    name = "identity"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append(list(texts))
        return [self.first(t) if len(self.calls) == 1 else self.retry(t) for t in texts]

    def first(self, text: str) -> str:
        return text

    def retry(self, text: str) -> str:
        return text


class Rewriting(Identity):
    """Applies ``first`` to the first batch and ``retry`` to the retry batch."""

    def __init__(self, first: Callable[[str], str], retry: Callable[[str], str] = lambda t: t) -> None:
        super().__init__()
        self.first = first  # type: ignore[method-assign]
        self.retry = retry  # type: ignore[method-assign]


def term_tokens(text: str, above: int = 1) -> list[str]:
    return [m.group(0) for m in re.finditer(r"\{(\d+)\}", text) if int(m.group(1)) > above]


def drop_terms(text: str) -> str:
    for tok in term_tokens(text):
        text = text.replace(tok, "", 1)
    return text


def literal(text: str) -> str:
    """A retry that renders the terms the way MT gets them wrong."""
    if "论文" in text:
        return text.replace("Hydra", "九头蛇").replace("论文", "报纸")
    return text.replace("Hydra", "ヒドラ").replace("論文", "新聞")


def count(text: str, replacement: str) -> int:
    return text.count(replacement)


# ---------------------------------------------------------------------------------------- mask


def test_mask_numbers_after_existing_placeholders() -> None:
    masked = mask(SENTENCE, GLOSSARY, MATCHER, "zh")
    assert masked.text == MASKED and masked.original == SENTENCE and masked.base == 1
    assert {k: (s.term.en, s.surface, s.replacement) for k, s in masked.slots.items()} == {
        2: ("paper", "papers", "论文"),
        3: ("PyTorch", "py torch", "PyTorch"),
        4: ("Hydra", "Hydra", "Hydra"),
    }


@pytest.mark.parametrize(
    ("text", "lang", "masked", "replacements"),
    [
        ("Pytorch Lightning wraps Pytorch.", "zh", "{1} wraps {2}.", ["Pytorch Lightning", "PyTorch"]),
        ("Two CNNs.", "ja", "Two {1}.", ["CNNs"]),  # a kept term as the source wrote it (issue #10)
        ("A policy paper.", "zh", "A {1} {2}.", ["策略", "论文"]),
        ("A policy paper.", "ja", "A policy {1}.", ["論文"]),
        ("Nothing to mask.", "zh", "Nothing to mask.", []),
        ("{3}Hydra{/3} x", "ja", "{3}{4}{/3} x", ["Hydra"]),
    ],
)
def test_mask(text: str, lang: str, masked: str, replacements: list[str]) -> None:
    result = mask(text, GLOSSARY, MATCHER, lang)
    assert result.text == masked
    assert [s.replacement for s in result.slots.values()] == replacements


# ------------------------------------------------------------------------------------- restore


def masked_zh() -> Masked:
    return mask(SENTENCE, GLOSSARY, MATCHER, "zh")


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("我们读了 {1}{2}{/1}，关于 {3} 和 {4}。", "我们读了{1}论文{/1}，关于 PyTorch 和 Hydra。"),
        ("我们读了 {2} ，关于 {3}和{4}。{1}{/1}", "我们读了论文，关于 PyTorch和Hydra。{1}{/1}"),
        ("{2} 很好。{1}{/1}{3}{4}", "论文很好。{1}{/1}PyTorch Hydra"),
        ("use{3}and{4} {1}{2}{/1}", "use PyTorch and Hydra {1}论文{/1}"),
        ("见 {3}, {2} . {1}{/1}{4}", "见 PyTorch, 论文. {1}{/1}Hydra"),
        ("( {2} ) {1}{/1}（ {3} ） {4}", "(论文) {1}{/1}（ PyTorch ） Hydra"),
    ],
    ids=["cjk-spaces-removed", "space-before-cjk-punct", "cjk-start", "latin-spaces-kept", "ascii-comma-keeps-space", "brackets"],
)
def test_restore_spacing(output: str, expected: str) -> None:
    restored = restore(output, masked_zh(), "zh")
    assert restored.ok and restored.text == expected
    assert [e.kind for e in restored.events] == ["glossary-substitution"] * 3


@pytest.mark.parametrize(
    "mangled",
    ["{ 2}", "{2 }", "｛2｝", "{2}}", "{{2}}", "2}", "{2", "｛ 2 ｝", "{\u30002}"],
)
def test_restore_repairs_mangled_placeholders(mangled: str) -> None:
    restored = restore(f"我们读了{{1}}{mangled}{{/1}}，关于 {{3}} 和 {{4}}。", masked_zh(), "zh")
    assert restored.ok
    assert restored.text == "我们读了{1}论文{/1}，关于 PyTorch 和 Hydra。"
    (recovered,) = [e for e in restored.events if e.kind == "placeholder-recovered"]
    assert mangled in recovered.detail and recovered.term == "paper"


def test_restore_leaves_ordinary_digits_alone() -> None:
    restored = restore("第 2 页 {2}，{1}{/1}{3}{4}", masked_zh(), "zh")
    assert restored.ok and restored.text.startswith("第 2 页论文")
    assert not [e for e in restored.events if e.kind == "placeholder-recovered"]


def test_restore_removes_duplicates() -> None:
    restored = restore("{2}{2}：{1}{/1} {3} {4} {4}", masked_zh(), "zh")
    assert restored.ok and restored.text == "论文：{1}{/1} PyTorch Hydra"
    assert Counter(e.kind for e in restored.events)["placeholder-duplicated"] == 2


def test_restore_reports_dropped_placeholder() -> None:
    restored = restore("我们读了{1}{/1}，关于 {3} 和 {4}。", masked_zh(), "zh")
    assert not restored.ok
    assert [s.key for s in restored.missing] == [2]


def test_restore_removes_stray_placeholder() -> None:
    restored = restore("{1}{2}{/1} {3} {4} {7}", masked_zh(), "zh")
    assert restored.ok and "{7}" not in restored.text
    assert any(e.kind == "placeholder-recovered" and "{7}" in e.detail for e in restored.events)


def test_restore_leaves_markup_placeholders_alone() -> None:
    restored = restore("{1}{2} {3} {4}", masked_zh(), "zh")  # the engine lost {/1}: not ours to fix
    assert restored.ok and restored.text == "{1}论文 PyTorch Hydra"


def test_restore_records_forbidden_after_restore() -> None:
    restored = restore("我们读了{1}{2}{/1}，不是报纸，关于 {3} 和 {4}（九头蛇）。", masked_zh(), "zh", segment="s1")
    forbidden = [e for e in restored.events if e.kind == "forbidden-after-restore"]
    assert [(e.term, e.segment) for e in forbidden] == [("paper", "s1"), ("Hydra", "s1")]
    assert "报纸" in forbidden[0].detail and "论文" in forbidden[0].detail


# ------------------------------------------------------------------------------------- enforce

TEXTS = [SENTENCE, "The paper uses Hydra.", "No terms here."]

ENGINES: dict[str, tuple[Callable[[], Identity], str, str]] = {
    # name: (engine factory, expected strategy of sentence 0, an event kind that must be recorded)
    "identity": (Identity, "mask", "glossary-substitution"),
    "mangles": (lambda: Rewriting(lambda t: t.replace("{2}", "{ 2 }").replace("{3}", "｛3｝")), "mask", "placeholder-recovered"),
    "duplicates": (lambda: Rewriting(lambda t: t.replace("{2}", "{2} {2}")), "mask", "placeholder-duplicated"),
    "drops-then-inline-works": (lambda: Rewriting(drop_terms), "inline", "placeholder-recovered"),
    "drops-then-translates-literally": (
        lambda: Rewriting(drop_terms, literal),
        "inline",
        "placeholder-recovered",
    ),
    "drops-always": (
        lambda: Rewriting(drop_terms, lambda t: re.sub(r"论文|PyTorch|Hydra", "", t)),
        "insert",
        "placeholder-recovered",
    ),
    "drops-and-breaks-markup": (
        lambda: Rewriting(drop_terms, lambda t: t.replace("{/1}", "")),
        "insert",
        "placeholder-recovered",
    ),
}


@pytest.mark.parametrize(("factory", "strategy", "kind"), list(ENGINES.values()), ids=list(ENGINES))
@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_enforce_never_loses_a_term(factory: Callable[[], Identity], strategy: str, kind: str, lang: str) -> None:
    engine = factory()
    results = enforce(TEXTS, engine, "en", lang, GLOSSARY, MATCHER, ids=["a", "b", "c"])
    assert len(results) == 3 and len(engine.calls[0]) == 3
    assert len(engine.calls) == (1 if strategy == "mask" else 2)
    assert results[0].strategy == strategy
    assert any(e.kind == kind for e in results[0].events)
    for text, result in zip(TEXTS, results):
        masked = mask(text, GLOSSARY, MATCHER, lang)
        assert result.masked == masked.text
        for replacement, n in Counter(s.replacement for s in masked.slots.values()).items():
            assert count(result.text, replacement) >= n, (replacement, result.text)
        assert all(e.segment in "abc" for e in result.events)
    assert results[2].text == "No terms here." and results[2].events == ()


def test_enforce_inline_retry_replaces_forbidden_forms() -> None:
    engine = Rewriting(lambda t: re.sub(r"\{\d+\}", "", t), lambda t: t.replace("Hydra", "九头蛇"))
    (result,) = enforce(["The paper uses Hydra."], engine, "en", "zh", GLOSSARY, MATCHER)
    assert result.text == "The 论文 uses Hydra."
    assert result.raw == "The  uses ."
    assert any(e.detail == "replaced '九头蛇' with 'Hydra'" for e in result.events)
    assert not [e for e in result.events if e.kind == "forbidden-after-restore"]


@pytest.mark.parametrize(
    ("text", "first", "expected", "where"),
    [
        ("We read {1}papers{/1}.", "我们读了{1}{/1}。", "我们读了{1}论文{/1}。", "after {1}"),
        ("We read papers{1} today.", "我们今天读了{1}。", "我们今天读了论文{1}。", "before {1}"),
        ("We read papers.", "我们读了。", "我们读了论文。", "at the end"),
        ("Papers we read.", "我们读了。", "论文我们读了。", "at the start"),
    ],
    ids=["after-left-neighbour", "before-right-neighbour", "before-final-punctuation", "at-the-start"],
)
def test_enforce_inserts_where_neighbours_suggest(text: str, first: str, expected: str, where: str) -> None:
    engine = Rewriting(lambda t: first, lambda t: "什么都没有。")
    (result,) = enforce([text], engine, "en", "zh", GLOSSARY, MATCHER)
    assert result.strategy == "insert" and result.text == expected and result.raw == first
    assert any(e.kind == "placeholder-recovered" and e.detail.endswith(f"inserted it {where}") for e in result.events)


def test_enforce_detects_placeholder_moved_to_another_sentence() -> None:
    def move(texts: Sequence[str]) -> list[str]:
        a, b = texts
        return [a.replace("{1}", ""), b + " {1}"]

    class Mover(Identity):
        def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
            self.calls.append(list(texts))
            return move(texts) if len(self.calls) == 1 else list(texts)

    results = enforce(["The paper is new.", "We like Hydra and CNNs."], Mover(), "en", "zh", GLOSSARY, MATCHER)
    assert results[0].strategy == "inline" and "论文" in results[0].text
    assert results[1].text == "We like Hydra and CNNs."
    assert any(e.kind == "placeholder-duplicated" for e in results[1].events)


def test_enforce_records_forbidden_after_restore() -> None:
    engine = Rewriting(lambda t: t + " 报纸")
    (result,) = enforce(["The paper."], engine, "en", "zh", GLOSSARY, MATCHER)
    assert [e.kind for e in result.events] == ["glossary-substitution", "forbidden-after-restore"]


def test_enforce_rejects_engine_returning_wrong_count() -> None:
    from bilingual.errors import ModelError

    class Short(Identity):
        def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
            return []

    with pytest.raises(ModelError, match="returned 0 translations for 1"):
        enforce(["The paper."], Short(), "en", "zh", GLOSSARY, MATCHER)


def test_enforce_empty_batch_does_not_call_engine() -> None:
    engine = Identity()
    assert enforce([], engine, "en", "zh", GLOSSARY) == [] and engine.calls == []


# ---------------------------------------------------------------------------------- property

KEEP_SURFACES = sorted(
    {text for t in ML if t.keep for form in (t.en, *t.forms) for text, _, _ in inflections(form)}
)
TARGET_SURFACES = sorted({text for t in ML if not t.keep and t.targets for text, _, _ in inflections(t.en)})
WORDS = ["we", "read", "the", "new", "results", "on", "with", "and", "fast", "today", "{1}", "{2}", "in", "a"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(KEEP_SURFACES + WORDS), min_size=1, max_size=12), st.sampled_from(["zh", "ja"]))
def test_property_identity_engine_keeps_every_keep_term(pieces: list[str], lang: str) -> None:
    text = " ".join(pieces)
    masked = mask(text, ML, ML.matcher, lang)
    (result,) = enforce([text], Identity(), "en", lang, ML)
    keep_in_source = Counter(m.term.en for m in ML.matcher.find_source(text) if m.term.keep)
    substituted = Counter(e.term for e in result.events if e.kind == "glossary-substitution")
    assert substituted == keep_in_source
    expected = text
    for slot in sorted(masked.slots.values(), key=lambda s: s.start, reverse=True):
        expected = expected[: slot.start] + slot.replacement + expected[slot.end :]
    assert result.text == expected and result.strategy == "mask"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(KEEP_SURFACES + TARGET_SURFACES + WORDS), min_size=1, max_size=12), st.sampled_from(["zh", "ja"]))
def test_property_every_masked_term_is_restored(pieces: list[str], lang: str) -> None:
    text = " ".join(pieces)
    masked = mask(text, ML, ML.matcher, lang)
    (result,) = enforce([text], Identity(), "en", lang, ML)
    assert result.strategy == "mask"
    for replacement, n in Counter(s.replacement for s in masked.slots.values()).items():
        assert result.text.count(replacement) >= n
