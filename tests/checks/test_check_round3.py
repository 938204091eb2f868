"""The reviewer's third round (issue #23): false-positive classes of the first two test sets, from real lines.

Lines come from the public pages listed in tests/fixtures/real_test/README.md (Comprehensive Rust,
Chaos Mesh: CC BY 4.0; Pinia docs: MIT) and tests/fixtures/real_test2/README.md (CloudWeGo docs:
Apache-2.0; Vue Router docs: MIT), and from the development corpus tests/fixtures/real (diffusers
docs: Apache-2.0). Both test sets were labelled before this round, so for it they are development
data; each test was red before the fix it names.
"""

from __future__ import annotations

import pytest

from bilingual.checks import check_text
from bilingual.checks.links import relation


def _acted(violations, rule):
    return [(v.found, v.severity) for v in violations if v.rule == rule and v.severity != "info"]


# --- backticks a translator adds around a name the source uses are not a code change --------------------

# Comprehensive Rust, generics/trait-bounds (en 40-56, ja 52-54): the ja names the `where` clause the bullet
# above introduces, where the English says "It".
RUST_EN = """- Show a `where` clause, students will encounter it when reading code.

  - It declutters the function signature if you have many parameters.
  - It has additional features making it more powerful.
"""
RUST_JA = """- `where` 節の使い方を示しましょう。受講生はコードを読んでいるときに、この`where`節に遭遇します。

  - たくさんのパラメタがある場合に、`where`節は関数のシグネチャを整理整頓してくれます。
  - `where`節には更に強力な機能があります。
"""
# Pinia, core-concepts/state (line 207): `splice` for the source's "splicing".
PINIA_EN = ("However, some mutations are really hard or costly to apply with this syntax: any collection modification "
            "(e.g. pushing, removing, splicing an element from an array) requires you to create a new collection.\n")
PINIA_ZH = ("不过，用这种语法的话，有些变更真的很难实现或者很耗时：任何集合的修改（例如，向数组中添加、移除一个元素或是做 "
            "`splice` 操作）都需要你创建一个新的集合。\n")
# CloudWeGo, hertz hooks (en 13-15, zh 13-22): the zh adds a sentence on the `StartHook` functions.
HOOK_EN = """## StartHook

`StartHook` is a function to be called **after** the server-side has triggered a start. Hertz uses the `OnRun` property to store the `StartHook` list.

Function signature:
"""
HOOK_ZH = """## StartHook

`StartHook` 在 Hertz 当中表示服务**触发启动后**需调用的函数。Hertz 使用 `OnRun` 属性存储 `StartHook` 列表。
触发 Server 启动后，框架会按函数声明顺序**依次**调用所有的 `OnRun` 函数。

函数签名：
"""


@pytest.mark.parametrize(("lang", "source", "target"), [("ja", RUST_EN, RUST_JA), ("zh", PINIA_EN, PINIA_ZH),
                                                        ("zh", HOOK_EN, HOOK_ZH)], ids=["where", "splice", "hook"])
def test_backticks_around_a_name_the_source_uses(lang, source, target):
    assert _acted(check_text(target, lang, source), "code") == []


# diffusers, conceptual/philosophy (line 78): a stale bullet names another class where the source's is missing
STALE_EN = ("A single `ModularPipeline` can support many workflows.\n\n"
            "The `UNet2DConditionModel` is the denoiser.\n")
STALE_ZH = "一个 `UNet2DConditionModel` 可以支持多个工作流。\n\n`UNet2DConditionModel` 是去噪器。\n"


def test_a_name_in_place_of_a_missing_one_is_still_an_error():
    assert ("UNet2DConditionModel", "error") in _acted(check_text(STALE_ZH, "zh", STALE_EN), "code")


def test_a_name_the_source_does_not_have_is_still_an_error():
    found = check_text("先调用 `client.Stop()`。\n", "zh", "Call `client.Start()` first.\n")
    assert _acted(found, "code") == [("client.Stop()", "error")]


# --- a fence's info string (language, title, icon) is presentation; its comments are prose in either language

GO_EN = "```shell\n// CtxErrCallback refer to it's function signatures below\nOnRun []CtxErrCallback\n```\n"
GO_ZH = "```go\n// CtxErrCallback 参见下方其函数签名\nOnRun []CtxErrCallback\n```\n"
TXT_EN = "```txt\n# ┌───────────── minute (0 - 59)\n* * * * *\n```\n"
TXT_ZH = "```\n# ┌───────────── 分钟 (0 - 59)\n* * * * *\n```\n"
ICON_EN = ('```json [vercel.json ~vscode-icons:file-type-light-vercel~]\n'
           '{\n  "rewrites": [{ "source": "/:path*", "destination": "/index.html" }]\n}\n```\n')
ICON_ZH = ('```json [vercel.json ~vscode-icons:file-type-json~]\n'
           '{\n  "rewrites": [{ "source": "/:path*", "destination": "/index.html" }]\n}\n```\n')


@pytest.mark.parametrize(("source", "target"), [(GO_EN, GO_ZH), (TXT_EN, TXT_ZH), (ICON_EN, ICON_ZH)],
                         ids=["shell-for-go", "txt-dropped", "title-icon"])
def test_fence_info_is_presentation(source, target):
    found = check_text(target, "zh", source)
    assert _acted(found, "code") == []
    assert [v.severity for v in found if v.rule == "code"] in ([], ["info"])


def test_fence_code_change_is_still_an_error():
    found = check_text(GO_ZH.replace("OnRun []", "OnStart []"), "zh", GO_EN)
    assert _acted(found, "code") == [("OnStart []CtxErrCallback", "error")]


# --- a link to the reader's language edition of the same site, with its own page names ------------------

@pytest.mark.parametrize(("source", "target", "expected"), [
    # CloudWeGo, hertz overview (en 73 / zh 65): the Chinese blog post of the same site, its own slug
    ("/blog/2023/02/24/getting-started-with-hertz-performance-testing-guide/",
     "/zh/blog/2023/02/24/http-框架-hertz-实践入门性能测试指南/", "localised"),
    # Pinia, core-concepts/state (line 239): the Chinese Vuex docs, where the page is index.html
    ("https://vuex.vuejs.org/api/#subscribe", "https://vuex.vuejs.org/zh/api/index.html#subscribe", "localised"),
    # still changed: another site, a path without a language, a language the other way round
    ("https://vuex.vuejs.org/api/", "https://example.org/zh/api/", "changed"),
    ("/blog/2023/02/24/getting-started/", "/blog/2020/05/24/bytedance/", "changed"),
    ("/zh/blog/a/", "/blog/b/", "changed"),
    ("/blog/a/", "/zh/docs/b/", "changed"),
])
def test_language_edition_of_the_same_site(source, target, expected):
    assert relation(source, target) == expected


# --- a slip in the source's code span, where the source itself writes the name the translation has -------

# CloudWeGo, hertz engine (en 170-177, zh 168-175): `SetCustomimSignalWaiter` in the English prose, the
# function `SetCustomSignalWaiter` in its heading and code
SLIP_EN = """### SetCustomSignalWaiter

The `SetCustomimSignalWaiter` function is used to customize the processing function of the server after receiving signals.

```go
func (h *Hertz) SetCustomSignalWaiter(f func(err chan error) error)
```
"""
SLIP_ZH = """### SetCustomSignalWaiter

`SetCustomSignalWaiter` 函数用于自定义服务器接收信号后的处理函数。

```go
func (h *Hertz) SetCustomSignalWaiter(f func(err chan error) error)
```
"""
# Vue Router, essentials/dynamic-matching (en 22-33, zh 33): the zh keeps `$route.params` where the source
# now writes `route.params` (stale); the source's `$route.params` in a template is not a reason to accept it
STALE_ROUTE_EN = ("When a route is matched, the value of its _params_ will be exposed as `route.params` in every "
                  "component.\n\n```html\n<div>User {{ $route.params.id }}</div>\n```\n\n"
                  "You can have multiple _params_ in the same route, and they will map to corresponding fields on "
                  "`route.params`.\n")
STALE_ROUTE_ZH = ("当一个路由被匹配时，它的 _params_ 的值将在每个组件中以 `route.params` 的形式暴露出来。\n\n"
                  "```html\n<div>User {{ $route.params.id }}</div>\n```\n\n"
                  "你可以在同一个路由中设置有多个 _路径参数_，它们会映射到 `$route.params` 上的相应字段。\n")


def test_slip_in_the_source_span_is_info():
    found = [v for v in check_text(SLIP_ZH, "zh", SLIP_EN) if v.rule == "code"]
    assert [(v.found, v.severity) for v in found] == [("SetCustomSignalWaiter", "info")]


def test_a_stale_name_is_not_a_slip():
    assert ("$route.params", "error") in _acted(check_text(STALE_ROUTE_ZH, "zh", STALE_ROUTE_EN), "code")


# --- a plain word in code formatting, translated as a word ----------------------------------------------

@pytest.mark.parametrize(("lang", "source", "target"), [
    # Rust by Example, primitives (line 3), ja.po
    ("ja", "Rust provides access to a wide variety of `primitives`. A sample includes:\n",
     "Rustは様々な基本データ型の使用をサポートしています。以下がその例です。\n"),
    # CloudWeGo, hertz error-handle (line 85): a table cell
    ("zh", "| Function | Description |\n| --- | --- |\n| SetMeta(data interface{}) \\*Error | set the `Meta` to the given `data` |\n",
     "| 函数签名 | 函数描述 |\n| --- | --- |\n| SetMeta(data interface{}) \\*Error | 设置元数据 |\n"),
])
def test_plain_word_in_code_formatting_translated(lang, source, target):
    found = check_text(target, lang, source)
    assert _acted(found, "code") == []
    assert {v.severity for v in found if v.rule == "code"} == {"info"}


def test_a_missing_identifier_is_still_an_error():
    found = check_text("一个 `ModularPipeline` 可以支持多个工作流。\n", "zh",
                       "A single `ModularPipeline` can support many workflows, whereas a `DiffusionPipeline` runs only one.\n")
    assert _acted(found, "code") == [(None, "error")]


# --- a version glued to its name; code in a table cell --------------------------------------------------

def test_number_glued_to_its_name():
    # CloudWeGo, hertz overview (en 53 / zh 45)
    found = check_text("Hertz 框架原生提供 HTTP1.1、ALPN 协议支持。\n", "zh",
                       "Hertz framework provides out-of-box support for HTTP 1.1 and ALPN protocol.\n")
    assert _acted(found, "number") == []


def test_number_changed_next_to_its_name_is_still_reported():
    found = check_text("Hertz 框架原生提供 HTTP2.0、ALPN 协议支持。\n", "zh",
                       "Hertz framework provides out-of-box support for HTTP 1.1 and ALPN protocol.\n")
    assert _acted(found, "number") != []


@pytest.mark.parametrize("cell", ["registry.NoopRegistry, nil", "busybox:latest"])
def test_code_in_a_table_cell_kept(cell):
    # CloudWeGo, hertz engine (line 54); Chaos Mesh, create-chaos-mesh-workflow (line 241)
    source = f"| Option | Default | Description |\n| --- | --- | --- |\n| WithRegistry | {cell} | Setup registry configuration |\n"
    target = f"| 配置 | 默认值 | 说明 |\n| --- | --- | --- |\n| WithRegistry | {cell} | 设置注册中心配置 |\n"
    assert _acted(check_text(target, "zh", source), "untranslated") == []


def test_a_sentence_in_a_table_cell_is_still_untranslated():
    source = "| Option | Description |\n| --- | --- |\n| WithRegistry | Setup registry configuration, service registration information |\n"
    target = "| 配置 | 说明 |\n| --- | --- |\n| WithRegistry | Setup registry configuration, service registration information |\n"
    found = check_text(target, "zh", source)  # one problem, one finding: the whole cell is untranslated-source (round 8)
    assert _acted(found, "untranslated") + _acted(found, "untranslated-source") != []


# --- two or three source paragraphs the translation writes as one ----------------------------------------

# CloudWeGo, hertz overview (en 11-16, zh 11-13): the English edition has three paragraphs, the zh one
JOIN_EN = """## CloudWeGo-Hertz

Hertz [həːts] is a high-performance, high-usability, extensible HTTP framework for Go. It's designed to make it easy for developers to build microservices.

Inspired by other open source frameworks such as [fasthttp](https://github.com/valyala/fasthttp), [gin](https://github.com/gin-gonic/gin), and [echo](https://github.com/labstack/echo),
combined with the unique challenges faced by ByteDance, Hertz has become production-ready and has powered ByteDance's internal services over the years.

Today, as Go gains popularity in microservice development, Hertz is the right choice if you are looking for a customisable, high-performance framework to support a variety of use cases.

## Architecture
"""
JOIN_ZH = """## CloudWeGo-Hertz

Hertz[həːts] 是一个 Go 微服务 HTTP 框架，在设计之初参考了其他开源框架 [fasthttp](https://github.com/valyala/fasthttp)、[gin](https://github.com/gin-gonic/gin)、[echo](https://github.com/labstack/echo) 的优势，
并结合字节跳动内部的需求，使其具有高易用性、高性能、高扩展性等特点，目前在字节跳动内部已广泛使用。
如今越来越多的微服务选择使用 Go，如果对微服务性能有要求，又希望框架能够充分满足内部的可定制化需求，Hertz 会是一个不错的选择。

## 架构设计
"""


def test_source_paragraphs_joined_in_one():
    found = [v for v in check_text(JOIN_ZH, "zh", JOIN_EN) if v.rule == "structure"]
    assert [v.severity for v in found] == ["info", "info"]
    assert all("within the paragraph next to it" in v.message for v in found)


def test_a_paragraph_left_out_is_still_missing():
    # the zh of the middle paragraph only: the first and last are not translated anywhere
    short = JOIN_ZH.replace("\n如今越来越多的微服务选择使用 Go，如果对微服务性能有要求，又希望框架能够充分满足内部的可定制化需求，Hertz 会是一个不错的选择。", "")
    short = short.replace("Hertz[həːts] 是一个 Go 微服务 HTTP 框架，在设计之初参考了", "参考了")
    found = _acted(check_text(short, "zh", JOIN_EN), "structure")
    assert len(found) == 2


# --- spacing around brackets and operators ----------------------------------------------------------------

@pytest.mark.parametrize(("source", "target"), [
    # Pinia, cookbook/migration-vuex (line 207)
    ("```js\nexport default defineComponent({\n  setup () {\n    const store = useStore()\n```\n",
     "```js\nexport default defineComponent({\n  setup() {\n    const store = useStore()\n```\n"),
    # CloudWeGo, hertz retry (line 102)
    ("When the status code is not 200 or `err!=nil` during the call, we return true.\n",
     "当请求返回的状态码不是 200 或者调用过程中 `err != nil` 时我们返回 true。\n"),
], ids=["block", "span"])
def test_spacing_around_brackets_and_operators(source, target):
    found = check_text(target, "zh", source)
    assert _acted(found, "code") == []
    assert [v.severity for v in found if v.rule == "code"] == ["info"]


def test_a_space_between_words_in_code_still_counts():
    # Vue Router, essentials/history-mode (line 67): `RewriteBase /` lost its space
    found = check_text("例如，将`RewriteBase/` 替换为子目录。\n", "zh", "e.g. replacing `RewriteBase /` with the subfolder.\n")
    assert _acted(found, "code") == [("RewriteBase/", "error")]


# Pinia, cookbook/migration-vuex (lines 212-216): a trailing comma before the closing bracket is style;
# Pinia, core-concepts/actions (line 161): one lost before the next entry is a syntax error
COMMA_EN = "```ts\nreturn {\n  firstName,\n  fullName\n}\n```\n"
COMMA_ZH = "```ts\nreturn {\n  firstName,\n  fullName,\n}\n```\n"
LOST_EN = "```js\nmethods: {\n  ...mapActions(useCounterStore, ['increment']),\n  ...mapActions(useCounterStore, { myOwnName: 'increment' }),\n},\n```\n"
LOST_ZH = "```js\nmethods: {\n  ...mapActions(useCounterStore, ['increment'])\n  ...mapActions(useCounterStore, { myOwnName: 'increment' }),\n},\n```\n"


def test_trailing_comma_before_the_closing_bracket_is_style():
    found = check_text(COMMA_ZH, "zh", COMMA_EN)
    assert _acted(found, "code") == []
    assert [v.severity for v in found if v.rule == "code"] == ["info"]


def test_comma_lost_before_the_next_entry_is_an_error():
    assert _acted(check_text(LOST_ZH, "zh", LOST_EN), "code") == [("...mapActions(useCounterStore, ['increment'])", "error")]
