"""Each rule of ``bilingual check``: a failing and a passing case, on small texts and on the fixture pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.checks import RULES, check_text
from bilingual.checks.spans import code_spans, content_offset, destinations, markup_problems, numbers
from bilingual.glossary.load import load_glossary, parse_text
from bilingual.glossary.schema import Glossary
from bilingual.document.markdown import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "check"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary([FIXTURES / "glossary.yaml"])


def test_registry_matches_the_rule_table():
    table = {
        "forbidden-term": ("error", False),
        "missing-term": ("error", True),
        "keep-term": ("error", False),
        "link": ("error", True),
        "code": ("error", True),
        "structure": ("error", True),
        "html": ("error", True),
        "number": ("warning", True),
        "omission": ("error", True),
        "markup": ("warning", False),
        "markup-span": ("warning", True),
        "untranslated-source": ("error", True),
        "untranslated": ("warning", True),
        "consistency": ("warning", True),
    }
    assert {name: (r.severity, r.needs_source) for name, r in RULES.items()} == table


@pytest.mark.parametrize("name", list(RULES))
def test_every_rule_has_a_one_sentence_docstring_message(name):
    rule = RULES[name]
    assert rule.function.__doc__ and rule.template.endswith(".")
    assert "{" not in rule.summary and rule.summary.endswith(".")


# (rule, lang, source or None for target-only, target, expected found-or-expected text)
FAILING = [
    ("forbidden-term", "zh", None, "## 本周报纸\n", "报纸"),
    ("forbidden-term", "ja", None, "今週の新聞です。\n", "新聞"),
    ("missing-term", "zh", "A new paper on ImageNet.\n", "一篇关于 ImageNet 的新文章。\n", "论文"),
    ("missing-term", "ja", "We use a dataset.\n", "データを使います。\n", "データセット"),
    ("keep-term", "zh", None, "用 Pytorch 训练。\n", "Pytorch"),
    ("keep-term", "ja", None, "py torch で学習します。\n", "py torch"),
    ("link", "zh", "See [the paper](https://arxiv.org/abs/1).\n", "见[论文](https://arxiv.org/abs/2)。\n",
     "https://arxiv.org/abs/2"),
    ("link", "ja", "![A chart](img/a.png)\n", "![図](img/b.png)\n", "img/b.png"),
    ("link", "zh", "See [the paper](https://arxiv.org/abs/1).\n", "见论文。\n", "https://arxiv.org/abs/1"),
    ("code", "zh", "Set `lr=0.1` first.\n", "先设置 `lr=0.2`。\n", "lr=0.2"),
    ("code", "ja", "Run:\n\n```sh\nmake test\n```\n", "実行:\n\n```sh\nmake tests\n```\n", "make tests"),
    ("structure", "zh", "# A\n\n- one\n- two\n", "# 甲\n\n- 一\n", "list item \"two\""),
    ("structure", "ja", "## Results\n", "### 結果\n", "level-3 heading \"結果\""),
    ("number", "zh", "Accuracy reached 93.2% on 415 images.\n", "在 415 张图像上准确率达到 92.3%。\n", "92.3%"),
    ("number", "ja", "It has 2,048 layers.\n", "層は 2,084 あります。\n", "2,084"),
    ("markup", "zh", None, "**加粗** 然后 ****\n", "****"),
    ("markup", "ja", None, "[](https://example.com) を見てください。\n", "[](https://example.com)"),
    ("markup", "zh", None, "【麻省理工 6.S191]\n", "【麻省理工 6.S191]"),
    ("markup", "ja", None, "これは**壊れた強調です。\n", "**"),
    ("untranslated", "zh", "It is fast. This sentence was left as it is.\n", "它很快。This sentence was left as it is.\n",
     "This sentence was left as it is."),
    ("untranslated-source", "zh", "This sentence was left as it is.\n", "This sentence was left as it is.\n",
     "This sentence was left as it is."),
    ("untranslated-source", "ja", "A second paragraph with **bold words** in it.\n",
     "A second paragraph with **bold words** in it.\n", "A second paragraph with **bold words** in it."),
    ("untranslated", "ja", "First sentence here. The second one stays in English.\n",
     "最初の文です。The second one stays in English.\n", "The second one stays in English."),
]

PASSING = [
    ("forbidden-term", "zh", None, "## 本周论文\n"),
    ("forbidden-term", "ja", None, "今週の論文です。\n"),
    ("missing-term", "zh", "A new paper on ImageNet.\n", "一篇关于 ImageNet 的新论文。\n"),
    ("missing-term", "ja", "We use a dataset.\n", "データセットを使います。\n"),
    ("keep-term", "zh", None, "用 PyTorch 训练。\n"),
    ("keep-term", "ja", None, "PyTorch Lightning で学習します。\n"),
    ("keep-term", "zh", "Train it with PyTorch.\n", "用 PyTorch 训练它。\n"),
    ("link", "zh", "See [the paper](https://arxiv.org/abs/1).\n", "见[论文](https://arxiv.org/abs/1)。\n"),
    ("link", "ja", "![A chart](img/a.png)\n", "![図](img/a.png)\n"),
    ("link", "zh", "See [the paper][p].\n\n[p]: https://arxiv.org/abs/1\n", "见[论文][p]。\n\n[p]: https://arxiv.org/abs/1\n"),
    ("code", "zh", "Set `lr=0.1` first.\n", "先设置 `lr=0.1`。\n"),
    ("code", "ja", "Run:\n\n```sh\nmake test\n```\n", "実行:\n\n```sh\nmake test\n```\n"),
    ("structure", "zh", "# A\n\n- one\n- two\n", "# 甲\n\n- 一\n- 二\n"),
    ("structure", "ja", "| a | b |\n|---|---|\n| 1 | 2 |\n", "| あ | い |\n|---|---|\n| 1 | 2 |\n"),
    ("number", "zh", "Accuracy reached 93.2% on 415 images.\n", "在 415 张图像上准确率达到 93.2%。\n"),
    ("number", "ja", "Week 31, 2021 (August 8 ~)\n", "2021年第31週（８月８日〜）\n"),
    ("markup", "zh", None, "**加粗**、*斜体*和 `code`。\n"),
    ("markup", "ja", None, "[リンク](https://example.com)（括弧）「引用」\n"),
    ("untranslated", "zh", "This sentence was left as it is.\n", "这句话被原样保留。\n"),
    ("untranslated", "ja", "PyTorch Lightning and ImageNet.\n", "PyTorch Lightning and ImageNet.\n"),
    ("untranslated-source", "ja", "PyTorch Lightning and ImageNet.\n", "PyTorch Lightning and ImageNet.\n"),
    ("untranslated-source", "zh", "## Options API {#options-api}\n", "## Options API {#options-api}\n"),
]


def _hits(rule, violations):
    return [v for v in violations if v.rule == rule]


@pytest.mark.parametrize(("rule", "lang", "source", "target", "text"), FAILING)
def test_rule_finds_the_problem(glossary, rule, lang, source, target, text):
    hits = _hits(rule, check_text(target, lang, source, glossary))
    assert hits, f"{rule} found nothing"
    assert text in {h.found for h in hits} | {h.expected for h in hits}
    assert all(h.severity == RULES[rule].severity for h in hits)


@pytest.mark.parametrize(("rule", "lang", "source", "target"), PASSING)
def test_rule_passes_a_correct_translation(glossary, rule, lang, source, target):
    assert _hits(rule, check_text(target, lang, source, glossary)) == []


@pytest.mark.parametrize(
    ("found", "line", "column"),
    [("报纸", 3, 7), ("Pytorch", 4, 5), ("****", 4, 16)],
)
def test_lines_and_columns_are_those_of_the_found_text(glossary, found, line, column):
    target = "# 标题\n\n> 引文里的报纸\n> 用 Pytorch 训练 ****\n"
    hit = next(v for v in check_text(target, "zh", None, glossary) if v.found == found)
    assert (hit.line, hit.column) == (line, column)


def test_a_finding_in_alt_text_is_placed_inside_the_image(glossary):
    [hit] = _hits("forbidden-term", check_text("看图 ![一份报纸](img/a.png)\n", "zh", None, glossary))
    assert (hit.line, hit.column) == (1, 8)


def test_target_only_runs_only_rules_that_need_no_source(glossary):
    source_rules = {name for name, r in RULES.items() if r.needs_source}
    violations = check_text((FIXTURES / "bad.zh.md").read_text(encoding="utf-8"), "zh", None, glossary)
    assert violations and not {v.rule for v in violations} & source_rules
    assert all(v.segment is None for v in violations)


def test_without_a_glossary_the_term_rules_are_silent():
    violations = check_text("## 本周报纸 用 Pytorch\n", "zh", None, None)
    assert violations == []


def test_markup_the_source_shares_is_not_the_translations_fault(glossary):
    source = "Intervals such as [0, 1) are half-open.\n"
    assert _hits("markup", check_text("[0, 1) 这样的区间是半开区间。\n", "zh", source, glossary)) == []


def test_missing_term_is_not_repeated_when_the_target_has_a_forbidden_form(glossary):
    violations = check_text("本周报纸。\n", "zh", "This week's paper.\n", glossary)
    assert [v.rule for v in violations] == ["forbidden-term"]


def test_source_aware_findings_carry_the_source_segment_id(glossary):
    source = "First sentence on a paper. Second sentence on ImageNet.\n"
    doc = parse(source)
    [hit] = check_text("第一句话讲论文。第二句话讲 Imagenet。\n", "zh", source, glossary)
    assert hit.rule == "keep-term" and hit.segment == f"{doc.units[0].uid}.2"


# --- the fixture pairs: each bad edition fails each rule at a known line, the good ones pass ---------

# A unit left all in English is one problem, reported once, as untranslated-source (round 8).
BAD_LINES = {
    "zh": {"forbidden-term": [3, 10], "missing-term": [24], "keep-term": [13], "link": [16, 35], "code": [14, 32],
           "structure": [24], "html": [], "number": [13], "omission": [], "markup": [12, 35], "markup-span": [], "untranslated-source": [28], "untranslated": [], "consistency": []},
    "ja": {"forbidden-term": [10], "missing-term": [3, 25, 25], "keep-term": [13], "link": [12], "code": [32],
           "structure": [18], "html": [], "number": [12], "omission": [], "markup": [13], "markup-span": [], "untranslated-source": [25], "untranslated": [], "consistency": []},
}


@pytest.mark.parametrize(("lang", "rule"), [(lang, rule) for lang in ("zh", "ja") for rule in RULES])
def test_bad_fixture_fails_the_rule_at_its_line(glossary, lang, rule):
    target = (FIXTURES / f"bad.{lang}.md").read_text(encoding="utf-8")
    source = (FIXTURES / "en.md").read_text(encoding="utf-8")
    hits = _hits(rule, check_text(target, lang, source, glossary))
    assert [h.line for h in hits] == BAD_LINES[lang][rule]


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_good_fixture_has_no_violation_at_all(glossary, lang):
    target = (FIXTURES / f"good.{lang}.md").read_text(encoding="utf-8")
    source = (FIXTURES / "en.md").read_text(encoding="utf-8")
    assert check_text(target, lang, source, glossary) == []


# --- what the rules read inside a unit -----------------------------------------------------------------


def test_numbers_are_normalized_but_reported_as_written():
    assert numbers("共 1,024 张，准确率 93.2 %，编号 ２０１２.０８３３４。") == [
        ("1024", "1,024", 2), ("93.2%", "93.2 %", 14), ("2012.08334", "２０１２.０８３３４", 24)]


def test_names_with_digits_are_not_numbers():
    assert numbers("ResNet-50, ViT-B/16, CIFAR-10, GTA5, 6.S191, 6.Š191 and v1.2") == [("6", "6", 37), ("6", "6", 45)]


def test_destinations_resolve_reference_links():
    unit = parse("[a][ref], ![b](x.png \"t\"), <https://auto.link> and https://bare.url\n\n[ref]: https://ref\n").units[0]
    found = [(kind, dest) for kind, dest, _ in destinations(unit, {"REF": "https://ref"})]
    assert found == [("link", "https://ref"), ("image", "x.png"), ("link", "https://auto.link"), ("link", "https://bare.url")]


def test_code_spans_drop_the_padding_of_backticks():
    unit = parse("`` `x` `` and `y`\n").units[0]
    assert [c for c, _ in code_spans(unit)] == ["`x`", "y"]


def test_content_offset_maps_through_placeholders():
    unit = parse("a **b** [c](u) d\n").units[0]
    assert unit.content[content_offset(unit, unit.text.index("d"))] == "d"
    assert unit.content[content_offset(unit, unit.text.index("c"))] == "c"


@pytest.mark.parametrize(
    ("content", "found"),
    [("a ****b", ["****"]), ("[](u)", ["[](u)"]), ("(a", ["("]), ("a)", [")"]), ("「a】", ["「a】"]),
     ("x **y", ["**"]), ("3 * 4 and snake_case", []), ("**ok** *ok* [ok](u) (ok) `[`", [])],
)
def test_markup_problems(content, found):
    assert [f for _, f, _ in markup_problems(parse(content + "\n").units[0])] == found


def test_a_forbidden_form_in_a_block_the_source_lacks_is_a_warning():
    terms, _ = parse_text("terms:\n  - en: annotation\n    zh: 标注\n    forbidden: {zh: [注释]}\n")
    found = check_text("# 标题\n\n加一条注释。\n", "zh", "# Title\n", Glossary(tuple(terms)))
    assert [(v.rule, v.severity) for v in found if v.rule == "forbidden-term"] == [("forbidden-term", "warning")]


@pytest.mark.parametrize("module", ["term_rules", "source_rules", "structure_rules", "omission", "markup_rules",
                                    "span_rules", "consistency"])
def test_every_rule_function_is_listed_in_the_registry(module):
    import importlib

    from bilingual.checks.registry import Rule
    from bilingual.checks.rules import RULES

    mod = importlib.import_module(f"bilingual.checks.{module}")
    described = {f.rule.name for f in vars(mod).values() if callable(f) and isinstance(getattr(f, "rule", None), Rule)}
    assert described and described <= set(RULES)


def test_importing_the_rules_registers_nothing_anywhere():
    """The registry is one explicit, ordered mapping: describing a rule has no effect elsewhere."""
    from bilingual.checks.registry import Example, rule
    from bilingual.checks.rules import RULES

    before = dict(RULES)

    @rule("made-up", "info", needs_source=False, bad=Example("zh", "x"))
    def made_up(pair, ctx):
        """Made up."""
        return iter(())

    assert RULES == before and made_up.rule.name == "made-up"
