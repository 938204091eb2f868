"""Placeholder recovery always yields well-nested markup in source order, whatever an engine or a
translator did to the placeholders (drop, duplicate, reorder, cross)."""

from __future__ import annotations

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.cli import app
from bilingual.document.integrity import normalize, repair
from bilingual.document.markdown import parse
from bilingual.document.placeholders import TOKEN_RE, strip_tokens, tokens_in
from bilingual.document.rebuild import rebuild

from structure import tag_structure


# --- an independent statement of "well nested as the source nests" -----------------------------

def _ancestors(tokens: list[str]) -> dict[str, set[str]]:
    """For each opening token of a pair, the pairs around it."""
    closers = {t for t in tokens if t.startswith("{/")}
    out: dict[str, set[str]] = {}
    stack: list[str] = []
    for tok in tokens:
        if tok.startswith("{/"):
            if stack and stack[-1] == "{" + tok[2:]:
                stack.pop()
        elif "{/" + tok[1:] in closers:
            out[tok] = set(stack)
            stack.append(tok)
    return out


def assert_well_nested(source: str, result: str) -> None:
    expected, found = tokens_in(source), tokens_in(result)
    assert sorted(found) == sorted(expected), "each placeholder exactly once"
    ancestors = _ancestors(expected)
    stack: list[str] = []
    for tok in found:
        if tok in ancestors:
            assert set(stack) <= ancestors[tok], f"{tok} nested inside {stack}, which the source does not do"
            stack.append(tok)
        elif tok.startswith("{/"):
            assert stack and stack[-1] == "{" + tok[2:], f"{tok} closes across {stack}"
            stack.pop()
    assert not stack


# --- sources: words, atomic placeholders and pairs, nested at random ----------------------------

@st.composite
def sources(draw) -> str:
    key = 0

    def node(depth: int) -> str:
        nonlocal key
        kind = draw(st.sampled_from(["word", "word", "atomic", "pair"] if depth < 3 else ["word", "atomic"]))
        if kind == "word":
            return draw(st.sampled_from(["alpha", "beta", "gamma", "delta"]))
        key += 1
        if kind == "atomic":
            return f"{{{key}}}"
        own = key
        inner = " ".join(node(depth + 1) for _ in range(draw(st.integers(1, 3))))
        return f"{{{own}}}{inner}{{/{own}}}"

    return " ".join(node(0) for _ in range(draw(st.integers(1, 5))))


@st.composite
def scrambled(draw) -> tuple[str, str]:
    """A source and an engine output: translated words with its tokens dropped, duplicated,
    reordered, crossed, mangled, or invented."""
    source = draw(sources())
    tokens = tokens_in(source)
    pool = tokens + ["{98}", "{/99}", "{ 1 }", "｛/1｝"]
    picked = draw(st.lists(st.sampled_from(pool), max_size=len(tokens) * 2 + 2)) if tokens else []
    words = draw(st.lists(st.sampled_from(["阿尔法", "贝塔", "伽马", "DETR", " ", "。"]), min_size=1, max_size=8))
    pieces = draw(st.permutations(picked + words))
    return source, "".join(pieces)


@given(scrambled())
@settings(max_examples=400, deadline=None)
def test_recovery_is_always_well_nested(case):
    source, output = case
    result, _ = repair(source, output, "s")
    assert_well_nested(source, result)


@given(scrambled())
@settings(max_examples=200, deadline=None)
def test_recovery_keeps_every_translated_word(case):
    source, output = case
    result, _ = repair(source, output, "s")
    clean = TOKEN_RE.sub("", normalize(output, set(tokens_in(source))))
    assert strip_tokens(result).replace(" ", "") == clean.replace(" ", "")


@given(sources())
@settings(max_examples=200, deadline=None)
def test_dropping_every_placeholder_lays_them_out_in_source_order(source):
    result, events = repair(source, "阿尔法 贝塔 伽马 德尔塔", "s")
    assert_well_nested(source, result)
    pair_tokens = [t for t in tokens_in(source) if t.startswith("{/") or "{/" + t[1:] in source]
    assert [t for t in tokens_in(result) if t in pair_tokens] == pair_tokens
    assert events or not tokens_in(source)


@given(sources())
@settings(max_examples=100, deadline=None)
def test_an_untouched_output_is_left_as_it_is(source):
    assert repair(source, source, "s") == (source, ())


# --- the failures the issue reproduced --------------------------------------------------------

def test_dropped_nested_markup_is_not_put_back_crossed():
    source = "*[**Deformable DETR**](https://x.org/detr)* explained\n"
    doc = parse(source)
    result, _ = repair(doc.units[0].text, "可变形 DETR 解读", "s")
    out = rebuild(doc, {0: result})
    assert out == "*[**可变形 DETR**](https://x.org/detr)* 解读\n"
    assert tag_structure(out) == tag_structure(source)


def test_crossed_pairs_in_an_approved_msgstr_are_repaired_in_the_edition(tmp_path, runner):
    folder = tmp_path / "001"
    folder.mkdir()
    source = "**[MDETR explained](https://x.org/mdetr)**\n"
    (folder / "en.md").write_text(source, encoding="utf-8")
    args = ["translate", str(folder), "--to", "zh", "--engine", "pseudo", "--no-glossary", "--no-align"]
    assert runner.invoke(app, args).exit_code == 0
    po = polib.pofile(str(folder / "zh.po"))
    entry = po[0]
    assert entry.msgid == "{1}{2}MDETR explained{/2}{/1}"
    entry.msgstr = "{1}{2}MDETR 解读{/1}{/2}"
    entry.flags = []
    po.save()
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    zh = (folder / "zh.md").read_text(encoding="utf-8")
    assert zh == "**[MDETR 解读](https://x.org/mdetr)**\n"
    assert tag_structure(zh) == tag_structure(source)
    assert polib.pofile(str(folder / "zh.po"))[0].msgstr == "{1}{2}MDETR 解读{/1}{/2}"  # approved: never overwritten


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("{2}{1}阿尔法{/2}{/1}", "{1}{2}阿尔法{/2}{/1}"),  # crossed
        ("阿尔法", "{1}{2}阿尔法{/2}{/1}"),  # both pairs dropped
        ("{/1}{/2}阿尔法{1}{2}", "{1}{2}阿尔法{/2}{/1}"),  # reversed
    ],
)
def test_nested_pairs(output, expected):
    assert repair("{1}{2}alpha{/2}{/1}", output, "s")[0] == expected
