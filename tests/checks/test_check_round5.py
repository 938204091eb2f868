"""The reviewer's fifth round (issue #23): false-positive classes of test set 4, from real lines.

Lines come from the public pages listed in tests/fixtures/real_test4/README.md (Helm docs: MIT,
© 2017 Microsoft Corporation; Rustonomicon and its Chinese translation: MIT or Apache-2.0, © 2010 The
Rust Project Developers; Clusterpedia docs: Apache-2.0; KubeVela docs: Apache-2.0) and from the
development corpus tests/fixtures/real (diffusers docs: Apache-2.0, © The HuggingFace Team).
Test set 4 was labelled before this round, so for it it is development data; each test was red
before the fix it names, and each guard beside it (a real problem still reported) was green.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.checks import check_text
from bilingual.glossary.load import load_glossary

ML = Path(__file__).resolve().parents[2] / "glossary" / "ml.yaml"


@pytest.fixture(scope="module")
def ml():
    return load_glossary([ML])


def _acted(violations, rule):
    return [(v.found, v.expected, v.severity) for v in violations if v.rule == rule and v.severity != "info"]


# --- glossary senses: a general word of the ML glossary on a page of another domain ---------------------

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "real_test4"


def _page(name, lang):
    folder = PAGES / name
    return check_text((folder / f"{lang}.md").read_text(encoding="utf-8"), lang,
                      (folder / "en.md").read_text(encoding="utf-8"), load_glossary([ML]))


# Helm chart_best_practices/labels zh 2-9: Kubernetes annotations, 注释 throughout; KubeVela
# getting-started/architecture zh 11: the delivery pipeline is KubeVela's 交付工作流; Rustonomicon transmutes
# zh 8: type inference is 类型推导. Whole pages: a page's domain is told from the page.
@pytest.mark.parametrize(("page", "line", "rule"), [
    ("helm/chart_best_practices-labels", 2, "forbidden-term"), ("helm/chart_best_practices-labels", 9, "forbidden-term"),
    ("kubevela/getting-started-architecture", 11, "missing-term"), ("nomicon/transmutes", 8, "missing-term"),
], ids=["helm-annotation-title", "helm-annotation-heading", "kubevela-pipeline", "nomicon-inference"])
def test_glossary_word_in_another_domain_is_not_acted_on(page, line, rule):
    assert [v.found for v in _page(page, "zh") if v.rule == rule and v.line == line and v.severity != "info"] == []


# diffusers, conceptual/philosophy (development corpus): an ML page, where a pipeline left out stays an error.
DIFFUSERS_EN = ("Every pipeline consists of different model and scheduler components. Diffusion models are slow at "
                "inference, and a dataset of embeddings feeds the pipeline for fine-tuning.\n")
DIFFUSERS_ZH = "每个流程都由不同的模型和调度器组件组成。扩散模型推理很慢，嵌入的数据集为微调提供数据。\n"


def test_glossary_term_missing_on_a_page_of_its_domain_stays_an_error(ml):
    found = _acted(check_text(DIFFUSERS_ZH, "zh", DIFFUSERS_EN, ml), "missing-term")
    assert [(expected, severity) for _, expected, severity in found] == [("管道 / 流水线", "error")]


# --- structure: a short lead-in line with no source counterpart ----------------------------------------

# KubeVela getting-started/definition (en 79-81, zh 78-82) and getting-started/introduction (en 70-74, zh 86-90).
STEPS_EN = "- Define the component.\n- Attach traits.\n- Deliver it.\n"
STEPS_ZH = "分为如下几步：\n\n- 定义组件。\n- 附加运维特征。\n- 交付它。\n"
NEXT_EN = "## Next Step\n\n- Learn the core concepts of KubeVela.\n"
NEXT_ZH = "## 下一步\n\n接下来，我们推荐你：\n\n- 学习 KubeVela 的核心概念。\n"
# a real extra paragraph (KubeVela getting-started/definition zh 144) stays a finding
ADDED_EN = "## Next Step\n\n- Learn the core concepts of KubeVela.\n"
ADDED_ZH = "## 下一步\n\nApplication 也是一种 Kubernetes 的 CRD，你可以通过 `kubectl` 工具集成 KubeVela 功能。\n\n- 学习 KubeVela 的核心概念。\n"


@pytest.mark.parametrize(("source", "target", "acted"), [
    (STEPS_EN, STEPS_ZH, []), (NEXT_EN, NEXT_ZH, []), (ADDED_EN, ADDED_ZH, ["paragraph"]),
], ids=["steps", "next", "added-sentence"])
def test_a_lead_in_line_the_source_does_not_have_is_info(source, target, acted):
    found = [v.found.split()[0] for v in check_text(target, "zh", source) if v.rule == "structure" and v.severity != "info"]
    assert found == acted


# --- untranslated: a heading made only of names ---------------------------------------------------------

# KubeVela getting-started/introduction (en 52-62, zh 64-74): the names are kept in the zh prose too.
VS_EN = ("### KubeVela vs. Helm\n\nHelm is a package manager on Kubernetes; KubeVela can deliver a Helm chart.\n\n"
         "### KubeVela vs. Kubernetes\n\nKubeVela uses Kubernetes as its control plane.\n")
VS_ZH = ("### KubeVela vs. Helm\n\nHelm 是 Kubernetes 上的包管理工具，KubeVela 可以交付 Helm Chart。\n\n"
         "### KubeVela vs. Kubernetes\n\nKubeVela 以 Kubernetes 作为控制平面。\n")
# a heading of words left in English stays a finding (Helm chart_best_practices/conventions)
WORDS_EN = "## Chart Names and Versions\n\nChart names must be lower case letters and numbers.\n"
WORDS_ZH = "## Chart Names and Versions\n\nChart 名称必须是小写字母和数字。\n"


@pytest.mark.parametrize(("source", "target", "acted"), [
    (VS_EN, VS_ZH, []), (WORDS_EN, WORDS_ZH, ["Chart Names and Versions"]),
], ids=["names-vs-names", "words"])
def test_a_heading_of_names_is_not_untranslated(source, target, acted):
    assert [v.found for v in check_text(target, "zh", source) if v.rule == "untranslated"] == acted


# --- link: a link the translator added to a term of the sentence ------------------------------------------

# KubeVela getting-started/introduction (en 17, zh 26) and getting-started/definition (en 7, zh 7).
CUE_EN = ("Extend or re-program the workflow steps with CUE. The deployment workflow in KubeVela is powered by "
          "[Open Application Model](https://oam.dev/).\n")
CUE_ZH = "通过 [开放应用模型（OAM）](https://oam.dev/)来作为顶层抽象，通过 [CUE](https://cuelang.org/) 轻松扩展或重新编写你的交付过程。\n"
CONCEPT_EN = "There're four types of Definition, corresponding to the application concepts.\n"
CONCEPT_ZH = "目前 KubeVela 一共有四种不同类型的模块定义，对应了构成[应用](./core-concept)的四个基本概念。\n"
# a changed destination (KubeVela getting-started/core-concept en 5, zh 5) and a lost one stay errors
CHANGED_EN = "KubeVela is built on [Open Application Model](https://oam.dev/).\n"
CHANGED_ZH = "KubeVela 基于[开放应用模型](../platform-engineers/oam/oam-model)。\n"
LOST_ZH = "KubeVela 基于开放应用模型，扩展时参考 [CUE](https://cuelang.org/)。\n"
# an added link to an unrelated page is still a finding
OTHER_ZH = "目前 KubeVela 一共有四种不同类型的模块定义，对应了构成[应用](./installation)的四个基本概念。\n"


@pytest.mark.parametrize(("source", "target", "acted"), [
    (CUE_EN, CUE_ZH, []), (CONCEPT_EN, CONCEPT_ZH, []),
    (CHANGED_EN, CHANGED_ZH, ["../platform-engineers/oam/oam-model"]), (CHANGED_EN, LOST_ZH, ["https://cuelang.org/"]),
    (CONCEPT_EN, OTHER_ZH, ["./installation"]),
], ids=["home-page-of-name", "site-page-of-word", "changed", "lost", "unrelated-page"])
def test_a_link_added_to_a_term_of_the_sentence_is_info(source, target, acted):
    assert [v.found for v in check_text(target, "zh", source) if v.rule == "link" and v.severity != "info"] == acted


# Vue guide essentials/lifecycle (development corpus, en 34, zh 34): an added sentence linking a page the source
# sentence already links (stale) stays a finding.
HOOKS_EN = ("The most commonly used hooks are [`onMounted`](/api/composition-api-lifecycle#onmounted) and "
            "[`onUpdated`](/api/composition-api-lifecycle#onupdated).\n")
HOOKS_ZH = ("最常用的是 [`onMounted`](/api/composition-api-lifecycle#onmounted) 和 "
            "[`onUpdated`](/api/composition-api-lifecycle#onupdated)。所有生命周期钩子的完整参考请参考 "
            "[API 索引](/api/composition-api-lifecycle.html)。\n")


def test_an_added_link_to_a_page_the_sentence_already_links_stays_a_finding():
    assert [v.found for v in check_text(HOOKS_ZH, "zh", HOOKS_EN) if v.rule == "link" and v.severity != "info"] \
        == ["/api/composition-api-lifecycle.html"]


# --- code: prose spilled into code spans by the source's broken backtick ----------------------------------

# Clusterpedia concepts/cluster-import-policy (en 249, zh 246): the English lost an opening backtick.
SPILL_EN = ("PediaClusterLifecycle` is responsible for creating and updating specific `PediaClusters` based on "
            "`spec.creationCondition` and `spec.template`.\n")
SPILL_ZH = ("`PediaClusterLifecycle` 会负责根据 `spec.creationCondition` 和 `spec.template` 来创建更新具体的 "
            "`PediaCluster`。\n")
# balanced backticks: a span of words the translation lost stays an error (Nomicon dot-operator en 105, zh 60)
BOUND_EN = "There is no implementation for `Container<T>: Clone` for a generic `T`.\n"
BOUND_ZH = "所以没有`Container<T>`的实现。`Clone`在一般的`T`上没有实现。\n"


@pytest.mark.parametrize(("source", "target", "acted"), [
    (SPILL_EN, SPILL_ZH, []), (BOUND_EN, BOUND_ZH, [(None, "Container<T>: Clone")]),
], ids=["unbalanced-source", "balanced-source"])
def test_prose_spilled_into_code_by_the_source_is_not_the_translations_error(source, target, acted):
    found = [(v.found, v.expected) for v in check_text(target, "zh", source) if v.rule == "code" and v.severity != "info"]
    assert found == acted


# --- code: a name in words in code formatting, translated whichever way; a key stays code -----------------

# Clusterpedia concepts/collection-resource (en 8 and 97, zh 8 and 96).
COLLECTION_EN = ("`Collection Resource` is composed of different types of resources, and these resources can be "
                 "retrieved and paged in a uniform way through the `Collection Resource`.\n")
COLLECTION_ZH = "`聚合资源`是由不同的资源类型组合而成，可以对这些资源类型进行统一的检索和分页。\n"
ANY_EN = "* **`Any CollectionResource`** —— use `any collectionresource`\n"
ANY_ZH = "* **`Any CollectionResource`** —— 使用聚合资源 `any`\n"
# Helm chart_best_practices/dependencies (en 7-8, ja 7-8): the Chart.yaml field `dependencies` translated (real)
KEY_EN = "This section of the guide covers best practices for `dependencies` declared in\n`Chart.yaml`.\n"
KEY_JA = "このセクションでは、`Chart.yaml`に宣言された`依存関係`のベストプラクティスについて説明します。\n"
# a command of plain words the translation lost stays an error
COMMAND_EN = "Run `helm install` to install the chart.\n"
COMMAND_ZH = "运行安装命令来安装 chart。\n"


@pytest.mark.parametrize(("source", "target", "lang", "acted"), [
    (COLLECTION_EN, COLLECTION_ZH, "zh", []), (ANY_EN, ANY_ZH, "zh", []),
    (KEY_EN, KEY_JA, "ja", [("依存関係", "dependencies")]), (COMMAND_EN, COMMAND_ZH, "zh", [(None, "helm install")]),
], ids=["title-case-name-twice", "plain-words-partly-kept", "key-of-chart-yaml", "command"])
def test_a_name_in_words_in_code_is_prose_but_a_key_is_code(source, target, lang, acted):
    found = [(v.found, v.expected) for v in check_text(target, lang, source) if v.rule == "code" and v.severity != "info"]
    assert found == acted


# --- markup-span: the source bolds names, the translation its whole sentence ---------------------------------

# Clusterpedia concepts/cluster-sync-resources (en 37, zh 36).
BOLD_EN = ("When we modify **ClusterSyncResources**, all resource types syncronized within the **PediaCluster** "
           "that reference it will be modified accordingly.\n")
BOLD_ZH = "**当我们修改 ClusterSyncResources 时，所有引用它的 PediaCluster 内同步的资源都会发生相应的修改。**\n"
# the source bolds a phrase of words: a bold that swallows the sentence stays a warning
PHRASE_EN = "Diffusion models generate images from pure noise by **denoising step by step** over many steps.\n"
PHRASE_ZH = "**扩散模型通过逐步去噪在许多步中从纯噪声中生成图像。**\n"


@pytest.mark.parametrize(("source", "target", "acted"), [
    (BOLD_EN, BOLD_ZH, []), (PHRASE_EN, PHRASE_ZH, [("strong", "warning")]),
], ids=["names-bolded", "phrase-bolded"])
def test_whole_sentence_bold_where_the_source_bolds_names_is_info(source, target, acted):
    assert [(v.found, v.severity) for v in check_text(target, "zh", source)
            if v.rule == "markup-span" and v.severity != "info"] == acted


# --- alignment: a source paragraph the translator wrote as two (1:n) ------------------------------------------

# KubeVela getting-started/architecture: en 15 (49 words) is zh 19 (the paragraph) and zh 21 (its last sentence,
# "In detail, KubeVela is composed by several parts:"); the short second half is not an omission.
def test_a_paragraph_in_two_is_paired_with_both_halves():
    found = [v for v in _page("kubevela/getting-started-architecture", "zh") if v.line in (19, 21)]
    assert [(v.rule, v.line) for v in found if v.severity != "info"] == []
    assert ("structure", 21) in [(v.rule, v.line) for v in found]  # reported as info: one source paragraph in two


# a short paragraph with nothing before it that could be its first half stays an omission
SHORT_EN = ("In detail, KubeVela relies on a separate Kubernetes cluster to run, which is a deliberate design: the "
            "cloud native community has proven that building a robust control plane is what Kubernetes does best, "
            "so KubeVela brings determinism, convergence and automation to application delivery.\n")
SHORT_ZH = "具体来说，KubeVela 本身主要由如下几个部分组成。\n"


def test_a_short_paragraph_alone_stays_an_omission():
    assert [v.rule for v in check_text(SHORT_ZH, "zh", SHORT_EN) if v.rule == "omission" and v.severity != "info"] \
        == ["omission"]


# The Rust Reference in Chinese (test set 5, tests/fixtures/real_test5/README.md: rust-lang-cn/reference-cn,
# English MIT/Apache-2.0, Chinese Mulan PSL v2): each page opens with the translator's note, a block quote
# naming the upstream file, its commit and the date of the translation. The note is one extra block; read as
# the first half of the paragraph after it, its commit hash, date and link were compared with the source as
# numbers and links (7 false errors on two pages). That pairing was taken back; this guard keeps it so.
# Round 7 grades the one extra block as info, a translator's note (tests/checks/test_check_round6.py).
TEST5 = Path(__file__).resolve().parents[1] / "fixtures" / "real_test5"


@pytest.mark.parametrize("page", ["reference/expressions-return-expr", "reference/expressions-await-expr"])
def test_a_translators_note_before_the_first_paragraph_is_one_extra_block(ml, page):
    folder = TEST5 / page
    found = check_text((folder / "zh.md").read_text(encoding="utf-8"), "zh",
                       (folder / "en.md").read_text(encoding="utf-8"), ml)
    note = [(v.rule, v.severity) for v in found if 3 <= v.line <= 5]
    assert note == [("structure", "info")], note
