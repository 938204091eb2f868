"""README's round 9 (issue #23): false-positive classes pooled over every label file, from real lines.

Lines come from the public pages listed in tests/fixtures/real_test7/README.md, tests/fixtures/real_test8/README.md and tests/fixtures/real/README.md (LMDeploy docs: Apache-2.0; WasmEdge docs: Apache-2.0,
© InternLM; Apache SeaTunnel docs: Apache-2.0; KCL docs: Apache-2.0; Rust By Practice: CC BY 4.0;
Diffusers docs: Apache-2.0). Test set 7 was labelled before
this round, so for it it is development data; each test was red before the fix it names, and each
guard beside it (a real problem still reported) was green.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.checks import check_text
from bilingual.glossary.load import load_glossary

ML = Path(__file__).resolve().parents[2] / "glossary" / "ml.yaml"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary([ML])


def _acted(violations):
    return sorted((v.line, v.rule, v.found) for v in violations if v.severity != "info")


# --- a table the translation keeps whole, every cell as written ------------------------------------

# LMDeploy quantization/kv_quant (en 66-72 / zh 68-74): the inference-efficiency table copied as is.
KV_TABLE = """| model             | kv type | test settings                            | RPS   | v.s. kv fp16 |
| ----------------- | ------- | ---------------------------------------- | ----- | ------------ |
| llama2-chat-7b    | fp16    | tp1 / ratio 0.8 / bs 256 / prompts 10000 | 14.98 | 1.0          |
| -                 | int8    | tp1 / ratio 0.8 / bs 256 / prompts 10000 | 19.01 | 1.27         |
| llama2-chat-13b   | fp16    | tp1 / ratio 0.9 / bs 128 / prompts 10000 | 8.55  | 1.0          |
"""
# LMDeploy quantization/llm_compressor (en/zh 10-20): the GPU table copied as is.
GPU_TABLE = """| Compute Capability | Micro-architecture | GPUs                            |
| ------------------ | ------------------ | ------------------------------- |
| 7.5                | Turing             | GeForce RTX 20 series, T4       |
| 8.6                | Ampere             | GeForce RTX 30 series, A40, A10 |
| 12.0               | Blackwell          | GeForce RTX 50 series           |
"""


# WasmEdge docs start/wasmedge/comparison (tests/fixtures/real_test8, Apache-2.0): the comparison table
# the zh page keeps in English, which its reviewer labelled a real problem (test set 8). Round 9 as
# frozen made a table kept whole one info finding (from LMDeploy's tables above); on the unseen set 8
# that lost these five labelled real problems and took no false positive away, so it was taken back:
# a table kept whole in English is reported cell by cell, as before.
COMPARISON = """|  | NaCl | Application runtimes (eg Node &amp; Python) | Docker-like container | WebAssembly |
| --- | --- | --- | --- | --- |
| Performance | Great | Poor | OK | Great |
| Resource footprint | Great | Poor | Poor | Great |
| Language and framework choice | N/A | N/A | Great | OK |
| Ease of use | OK | Great | Great | OK |
"""


def test_a_prose_table_kept_whole_in_english_is_still_untranslated():
    en = f"## What's the difference?\n\nWe created a handy table for the comparison.\n\n{COMPARISON}"
    zh = f"## 有何区别？\n\n我们创建了一个便捷的表格进行对比。\n\n{COMPARISON}"
    found = {v.found for v in check_text(zh, "zh", en) if v.severity != "info" and v.rule.startswith("untranslated")}
    assert {"Resource footprint", "Ease of use"} <= found


#: The table's headers the guard translates, with their translations.
HEADERS = {"kv type": "kv 类型", "test settings": "测试设置"}


@pytest.mark.parametrize(("left", "other"), [("kv type", "test settings"), ("test settings", "kv type")],
                         ids=["kv-type", "test-settings"])
def test_guard_a_translated_table_with_one_cell_left_in_english_is_still_reported(left, other):
    # the translator translated another header of the table: the English one left is a gap
    en = f"## Inference efficiency\n\n{KV_TABLE}"
    zh = "## 推理效率\n\n" + KV_TABLE.replace(f"| {other} ", f"| {HEADERS[other]} ", 1)
    assert (3, "untranslated", left) in _acted(check_text(zh, "zh", en))


# --- words in code formatting, translated as words ------------------------------------------------

# Apache SeaTunnel concept/schema-evolution (en 3 / zh 3): operations named in prose, translated in quotes.
SCHEMA_EN = ("# Schema evolution\n\nNow we only support the operation about `add column`、`drop column`、`rename column` "
             "and `modify column` of the table in CDC source. This feature is only support zeta engine at now.\n")
SCHEMA_ZH = "# 模式演进\n\n现在我们只支持对CDC源中的表进行“添加列”、“删除列”、“重命名列”和“修改列”的操作。目前这个功能只支持zeta引擎。\n"
# Rust By Practice compound-types/enum (en 136 / zh 127, the page's code comments say "linked list").
ENUM_EN = ("6. Implement a `linked-list` via enums.\n\n```rust\n"
           "    // Nil: A node that signifies the end of the linked list\n```\n")
ENUM_ZH = "6. 使用枚举来实现链表.\n\n```rust\n    // Nil: 链表中的最后一个节点，用于说明链表的结束\n```\n"


@pytest.mark.parametrize(("en", "zh"), [(SCHEMA_EN, SCHEMA_ZH), (ENUM_EN, ENUM_ZH)], ids=["add-column", "linked-list"])
def test_plain_words_in_code_formatting_translated_as_words_are_info(en, zh):
    assert [f for f in _acted(check_text(zh, "zh", en)) if f[1] == "code"] == []


# Guard, Diffusers training/lora (en 152 / zh 158): a command the page runs in its code blocks, dropped.
LORA_EN = ("If you're training on more than one GPU, add the `--multi_gpu` parameter to the `accelerate launch` command.\n\n"
           "```bash\naccelerate launch train_text_to_image_lora.py \\\n  --mixed_precision=\"fp16\"\n```\n")
LORA_ZH = ("多GPU训练请添加`--multi_gpu`参数。\n\n"
           "```bash\naccelerate launch train_text_to_image_lora.py \\\n  --mixed_precision=\"fp16\"\n```\n")


@pytest.mark.parametrize(("en", "zh", "expected"), [
    (LORA_EN, LORA_ZH, "accelerate launch"),
    (SCHEMA_EN + "\n```sql\nALTER TABLE t add column c INT;\n```\n",
     SCHEMA_ZH + "\n```sql\nALTER TABLE t add column c INT;\n```\n", "add column"),
], ids=["accelerate-launch", "add-column-as-sql"])
def test_guard_a_command_the_source_writes_as_code_is_still_missing(en, zh, expected):
    assert any(v.rule == "code" and v.expected == expected and v.severity == "error" for v in check_text(zh, "zh", en))


# --- the same page under another host name of the site -----------------------------------------------

# KCL getting-started/intro (en 51 / zh 51); the English page links the docs under both kcl-lang.github.io
# and www.kcl-lang.io (en 59: `https://www.kcl-lang.io/docs/reference/xlang-api/rest-api`).
KCL_EN = ("- **Quick modeling**: [Schema](https://kcl-lang.github.io/docs/reference/lang/tour#schema)-centric "
          "configuration types and modular abstraction enable rapid and efficient modeling.\n"
          "- **Rich multi-language SDK**: [REST-API](https://www.kcl-lang.io/docs/reference/xlang-api/rest-api).\n")
KCL_ZH = ("- **快速建模**：以 [Schema](https://kcl-lang.io/docs/reference/lang/tour#schema) 为中心的配置类型及模块化抽象\n"
          "- **多语言 SDK**：[REST-API](https://kcl-lang.io/docs/reference/xlang-api/rest-api)。\n")


@pytest.mark.parametrize("line", [1, 2], ids=["github-io-host", "without-www"])
def test_the_same_path_on_another_host_the_page_uses_is_no_link_error(line):
    assert [f for f in _acted(check_text(KCL_ZH, "zh", KCL_EN)) if f[0] == line and f[1] == "link"] == []


@pytest.mark.parametrize(("zh_url", "why"), [
    ("https://kcl-lang.io/docs/reference/lang/tour#rule", "another anchor"),
    ("https://example.com/docs/reference/lang/tour#schema", "a host the page never links"),
], ids=["other-anchor", "unknown-host"])
def test_guard_another_page_or_another_site_is_still_a_link_error(zh_url, why):
    zh = KCL_ZH.replace("https://kcl-lang.io/docs/reference/lang/tour#schema", zh_url)
    assert any(f[0] == 1 and f[1] == "link" for f in _acted(check_text(zh, "zh", KCL_EN))), why


# --- a list of names, one a line ----------------------------------------------------------------------

# Apache SeaTunnel concept/speed-limit (en 12-14 / zh 11-13) and concept/sink-options-placeholders.
ENGINES = "> SeaTunnel Zeta<br/>\n> Flink<br/>\n> Spark<br/>\n"


def test_a_list_of_names_one_a_line_is_not_left_untranslated():
    found = check_text(f"## 支持这些引擎\n\n{ENGINES}", "zh", f"## Support Those Engines\n\n{ENGINES}")
    assert [f for f in _acted(found) if f[1].startswith("untranslated")] == []


@pytest.mark.parametrize("lines", ["> Run the job on SeaTunnel Zeta<br/>\n> Stop it on Flink<br/>\n",
                                   "> SeaTunnel Zeta is the default engine<br/>\n> Flink<br/>\n"],
                         ids=["sentences", "one-sentence"])
def test_guard_lines_of_text_left_in_english_are_still_reported(lines):
    found = check_text(f"## 支持这些引擎\n\n{lines}", "zh", f"## Support Those Engines\n\n{lines}")
    assert [f for f in _acted(found) if f[1].startswith("untranslated")] != []


# --- a number the translation glues to the word that names it ------------------------------------------

# LMDeploy quantization/kv_quant (en 34 / zh 34; the zh's own `qant_policy` typo is a real problem left out here).
KV_EN = "**LMDeploy specifies that `quant_policy=4` stands for 4-bit kv, whereas `quant_policy=8` indicates 8-bit kv.**\n"
KV_ZH = "**LMDeploy 规定 `quant_policy=4` 表示 kv int4 量化，`quant_policy=8` 表示 kv int8 量化。**\n"


def test_a_number_glued_to_the_word_naming_it_is_not_missing():
    assert [f for f in _acted(check_text(KV_ZH, "zh", KV_EN)) if f[1] == "number"] == []


def test_guard_another_number_glued_to_the_word_is_still_a_number_finding():
    zh = KV_ZH.replace("kv int4", "kv int2")
    assert [f for f in _acted(check_text(zh, "zh", KV_EN)) if f[1] == "number"] != []


# --- a misspelt kept name the source itself writes so ---------------------------------------------------

# KCL getting-started/install (en 11 / zh 11; the zh's `{install-location}/kclvm/bin` is a real problem left out here).
GITHUB_EN = ("Each release of KCL includes various OSes and architectures. These binary versions can be manually "
             "downloaded and installed from [Github](https://github.com/kcl-lang/cli/releases/).\n")
GITHUB_ZH = ("KCL 的每个版本都包含各种操作系统和体系结构。这些二进制版本可以从 [Github](https://github.com/kcl-lang/cli/releases/) "
             "手动下载并安装。\n")


def test_a_kept_name_spelt_as_the_source_spells_it_is_info(glossary):
    assert [f for f in _acted(check_text(GITHUB_ZH, "zh", GITHUB_EN, glossary=glossary)) if f[1] == "keep-term"] == []


def test_guard_a_kept_name_the_translation_misspells_is_still_an_error(glossary):
    en = GITHUB_EN.replace("[Github]", "[GitHub]")
    assert [f for f in _acted(check_text(GITHUB_ZH, "zh", en, glossary=glossary)) if f[1] == "keep-term"] != []
