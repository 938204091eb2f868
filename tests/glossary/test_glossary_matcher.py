"""The Aho–Corasick matcher: boundaries, inflections, longest match, case, CJK, placeholders."""

from __future__ import annotations

import pytest

from bilingual.glossary import Glossary, Matcher, Term
from bilingual.glossary.matcher import inflections

GLOSSARY = Glossary(
    (
        Term("paper", {"zh": ("论文",), "ja": ("論文",)}, {"zh": ("报纸",), "ja": ("新聞",)}),
        Term("Hydra", keep=True, forbidden={"zh": ("九头蛇",), "ja": ("ヒドラ",)}),
        Term("PyTorch", keep=True, case_sensitive=True, forms=("py torch",), forbidden={"zh": ("py torch",)}),
        Term("PyTorch Lightning", keep=True, forbidden={"zh": ("PyTorch 闪电",)}),
        Term("Lightning", keep=True, forbidden={"zh": ("闪电",)}),
        Term("supervised learning", {"zh": ("监督学习",), "ja": ("教師あり学習",)}),
        Term("self-supervised learning", {"zh": ("自监督学习",), "ja": ("自己教師あり学習",)}),
        Term("deep learning", {"zh": ("深度学习",), "ja": ("ディープラーニング", "深層学習")}),
        Term("AI", {"zh": ("人工智能", "AI"), "ja": ("AI", "人工知能")}, case_sensitive=True),
        Term("CNN", keep=True),
        Term("policy", {"zh": ("策略",)}),
        Term("loss", {"zh": ("损失",)}),
        Term("GitHub", keep=True, case_sensitive=True),
        Term("ensemble", {"zh": ("集成",), "ja": ("アンサンブル",)}),
        Term("mask", {"zh": ("掩码",)}),
        Term("12", keep=True),
    )
)
MATCHER = Matcher(GLOSSARY)

# text → [(term, surface, variant)]
SOURCE_CASES = {
    "plural": ("We read three papers.", [("paper", "papers", False)]),
    "sentence-initial capital": ("Papers", [("paper", "Papers", False)]),
    "possessive": ("The paper's results", [("paper", "paper's", False)]),
    "plural possessive": ("The papers' results", [("paper", "papers'", False)]),
    "curly possessive": ("The paper\u2019s results", [("paper", "paper\u2019s", False)]),
    "not inside a longer word": ("A newspaper and papery notes", []),
    "hyphenated neighbour after": ("Install hydra-core first", []),
    "hyphenated neighbour before": ("the lightning-hydra-template repo", []),
    "dotted neighbour": ("see github.com for the code", []),
    "comma is a boundary": ("Hydra, PyTorch.", [("Hydra", "Hydra", False), ("PyTorch", "PyTorch", False)]),
    "quotes are a boundary": ("'Hydra'", [("Hydra", "Hydra", False)]),
    "slash is a boundary": ("CNN/RNN", [("CNN", "CNN", False)]),
    "longest match first": (
        "PyTorch Lightning wraps PyTorch",
        [("PyTorch Lightning", "PyTorch Lightning", False), ("PyTorch", "PyTorch", False)],
    ),
    "shorter term alone": ("Lightning is fast", [("Lightning", "Lightning", False)]),
    "longest with hyphenated prefix": ("self-supervised learning", [("self-supervised learning", "self-supervised learning", False)]),
    "hyphen keeps the shorter term out": ("semi-supervised learning", []),
    "case-insensitive term": ("DEEP LEARNING rocks", [("deep learning", "DEEP LEARNING", False)]),
    "case-sensitive exact": ("PyTorch's API", [("PyTorch", "PyTorch's", False)]),
    "case-sensitive keep variant": ("Pytorch is popular", [("PyTorch", "Pytorch", True)]),
    "case-sensitive all caps variant": ("PYTORCH", [("PyTorch", "PYTORCH", True)]),
    "form is a variant": ("a wrapper of py torch", [("PyTorch", "py torch", True)]),
    "form capitalised": ("Py torch", [("PyTorch", "Py torch", True)]),
    "case-sensitive non-keep: other case is no match": ("ai and Ai but AI", [("AI", "AI", False)]),
    "acronym plural": ("CNNs and cnn", [("CNN", "CNNs", False), ("CNN", "cnn", False)]),
    "y to ies": ("two policies", [("policy", "policies", False)]),
    "es plural": ("the losses", [("loss", "losses", False)]),
    "github variant": ("on Github", [("GitHub", "Github", True)]),
    "placeholder pair around term": ("{1}Hydra{/1}", [("Hydra", "Hydra", False)]),
    "placeholder is a boundary": ("x{1}papers", [("paper", "papers", False)]),
    "never inside a placeholder": ("see {12} and 12", [("12", "12", False)]),
    "never across a placeholder": ("deep {1}learning{/1} and deep{2} learning", []),
    "two adjacent terms": ("mask ensembles", [("mask", "mask", False), ("ensemble", "ensembles", False)]),
    "nothing to find": ("Nothing here.", []),
    "length-changing lowercase": ("\u0130 paper", [("paper", "paper", False)]),
}


@pytest.mark.parametrize(("text", "expected"), list(SOURCE_CASES.values()), ids=list(SOURCE_CASES))
def test_find_source(text: str, expected: list[tuple[str, str, bool]]) -> None:
    found = MATCHER.find_source(text)
    assert [(m.term.en, m.surface, m.variant) for m in found] == expected
    for m in found:
        assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(
    ("text", "base"),
    [("Papers", "Paper"), ("papers'", "paper"), ("policies", "policy"), ("losses", "loss"), ("CNNs", "CNN"), ("PyTorch's", "PyTorch")],
)
def test_base_form_strips_generated_endings(text: str, base: str) -> None:
    (match,) = MATCHER.find_source(text)
    assert match.base == base


# (lang, text) → [(term, kind, surface, variant)]
TARGET_CASES = {
    "zh target": ("zh", "本周我们读了三篇论文。", [("paper", "target", "论文", False)]),
    "zh forbidden": ("zh", "三份报纸", [("paper", "forbidden", "报纸", False)]),
    "cjk has no word boundaries": ("zh", "论文集", [("paper", "target", "论文", False)]),
    "latin inside cjk": ("zh", "用PyTorch训练", [("PyTorch", "keep", "PyTorch", False)]),
    "latin with spaces in cjk": ("zh", "用 Hydra 配置", [("Hydra", "keep", "Hydra", False)]),
    "keep variant in cjk": ("zh", "用Pytorch训练", [("PyTorch", "keep", "Pytorch", True)]),
    "forbidden wins over keep form": ("zh", "py torch 的封装", [("PyTorch", "forbidden", "py torch", False)]),
    "longest forbidden": ("zh", "PyTorch 闪电很快", [("PyTorch Lightning", "forbidden", "PyTorch 闪电", False)]),
    "shorter forbidden": ("zh", "闪电", [("Lightning", "forbidden", "闪电", False)]),
    "longest keep": (
        "zh",
        "PyTorch Lightning 是 PyTorch 的封装",
        [("PyTorch Lightning", "keep", "PyTorch Lightning", False), ("PyTorch", "keep", "PyTorch", False)],
    ),
    "ja forbidden": ("ja", "ヒドラを使う", [("Hydra", "forbidden", "ヒドラ", False)]),
    "ja latin target before kana": ("ja", "AIの研究", [("AI", "target", "AI", False)]),
    "latin word boundary in cjk text": ("zh", "MAIL 和 hydra-core", []),
    "language matters": ("zh", "論文と新聞", []),
    "ja target and forbidden": ("ja", "論文と新聞", [("paper", "target", "論文", False), ("paper", "forbidden", "新聞", False)]),
    "placeholders as boundaries": ("zh", "{1}论文{/1}和{2}Hydra{/2}", [("paper", "target", "论文", False), ("Hydra", "keep", "Hydra", False)]),
    "second allowed variant": ("ja", "深層学習", [("deep learning", "target", "深層学習", False)]),
    "term not enforced in language": ("zh", "ポリシー", []),
}


@pytest.mark.parametrize(("lang", "text", "expected"), list(TARGET_CASES.values()), ids=list(TARGET_CASES))
def test_find_target(lang: str, text: str, expected: list[tuple[str, str, str, bool]]) -> None:
    found = MATCHER.find_target(text, lang)
    assert [(m.term.en, m.kind, m.surface, m.variant) for m in found] == expected
    assert all(m.lang == lang and text[m.start : m.end] == m.surface for m in found)


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("paper", {"paper", "papers", "paper's", "papers'", "paper\u2019s", "papers\u2019"}),
        ("policy", {"policy", "policies", "policy's", "policies'", "policy\u2019s", "policies\u2019"}),
        ("CIFAR-10", {"CIFAR-10", "CIFAR-10's", "CIFAR-10\u2019s"}),
        ("论文", {"论文"}),
    ],
)
def test_inflections(form: str, expected: set[str]) -> None:
    assert {text for text, _, _ in inflections(form)} == expected


def test_count_allowed_ignores_forbidden_and_variants() -> None:
    torch = GLOSSARY.get("PyTorch")
    assert torch is not None
    assert MATCHER.count_allowed("PyTorch、Pytorch、py torch 和 PyTorch", "zh", torch) == 2


def test_glossary_caches_its_matcher() -> None:
    glossary = Glossary((Term("paper", {"zh": ("论文",)}),))
    assert glossary.matcher is glossary.matcher
    assert glossary.matcher.find_source("paper")[0].term.en == "paper"


def test_empty_glossary_finds_nothing() -> None:
    matcher = Matcher(Glossary())
    assert matcher.find_source("paper") == [] and matcher.find_target("论文", "zh") == []
