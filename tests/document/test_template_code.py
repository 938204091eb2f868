"""Template blocks whose body is code (Hugo's ``{{< highlight go >}}``, a shortcode given ``code=``, Liquid's
``{% highlight %}`` and Hexo's ``{% codeblock %}``): the body reaches no engine and comes back byte for byte.

CommonMark reads such a body as paragraphs (``package main``, ``func main() {``), so before this the
engine translated the code of a live example. Real lines: the LoveIt theme's example site
(tests/fixtures/real_test10/loveit, MIT); the Liquid and Hexo cases follow those tools' documented syntax.
"""

from __future__ import annotations

import pytest

from bilingual.document.ledger import account
from bilingual.document.markdown import parse
from bilingual.engines.identity import IdentityEngine
from bilingual.engines.pseudo import PseudoEngine
from bilingual.run.pipeline import translate

HIGHLIGHT = """The rendered output looks like this:

{{< highlight go >}}
package main

import "fmt"

func main() {
    fmt.Println("Hello, 世界")
}
{{< /highlight >}}

## 4 instagram
"""
TYPEIT = """The rendered output looks like this:

{{< typeit code=java >}}
public class HelloWorld {
    public static void main(String []args) {
        System.out.println("Hello World");
    }
}
{{< /typeit >}}

## 3 Group Content {#group-content}
"""
LIQUID = """Here is the example:

{% highlight ruby linenos %}
def foo
  puts 'foo'
end

foo
{% endhighlight %}

And the prose goes on.
"""
HEXO = """Use the tag like this:

{% codeblock _.compact http://underscorejs.org/#compact Underscore.js %}
_.compact([0, 1, false, 2, '', 3]);

=> [1, 2, 3]
{% endcodeblock %}

The output follows.
"""
CASES = [
    pytest.param(HIGHLIGHT, ["package main", 'import "fmt"', "func main() {"], ["rendered", "instagram"], id="hugo-highlight"),
    pytest.param(TYPEIT, ["public class HelloWorld {", 'System.out.println("Hello World");'], ["rendered", "Group"],
                 id="hugo-shortcode-with-code"),
    pytest.param(LIQUID, ["def foo", "puts 'foo'", "\nfoo\n"], ["example", "prose"], id="liquid-highlight"),
    pytest.param(HEXO, ["_.compact([0, 1, false, 2, '', 3]);", "=> [1, 2, 3]"], ["Use", "output"], id="hexo-codeblock"),
]


def pseudo_out(source: str) -> str:
    return translate([parse(source)], ["zh"], PseudoEngine()).editions[0].markdown


@pytest.mark.parametrize(("source", "code", "words"), CASES)
def test_the_body_of_a_template_code_block_reaches_no_engine(source, code, words):
    out = pseudo_out(source)
    for line in code:
        assert line in out, f"{line!r} not kept in {out!r}"
    for word in words:
        assert word not in out, f"{word!r} was not translated in {out!r}"


@pytest.mark.parametrize(("source", "code", "words"), CASES)
def test_no_unit_holds_template_code(source, code, words):
    texts = [u.content for u in parse(source).units]
    assert not any(line.strip() in text for line in code for text in texts), texts


@pytest.mark.parametrize(("source", "code", "words"), CASES)
def test_template_code_is_kept_in_the_ledger_with_no_leak(source, code, words):
    ledger = account(parse(source))
    assert ledger.complete, ledger.leaks


@pytest.mark.parametrize(("source", "code", "words"), CASES)
def test_identity_is_byte_identical_with_template_code(source, code, words):
    assert translate([parse(source)], ["zh"], IdentityEngine()).editions[0].markdown == source


@pytest.mark.parametrize("source", [
    pytest.param("{{< typeit >}}\nThis is a *paragraph* typed out.\n{{< /typeit >}}\n", id="hugo-typeit-prose"),
    pytest.param("{{% notice note %}}\nThis is a note paragraph.\n{{% /notice %}}\n", id="hugo-notice"),
])
def test_a_shortcode_holding_prose_is_still_translated(source):
    assert "paragraph" not in pseudo_out(source)


def test_switched_off_in_bilingual_toml_the_body_is_prose_again():
    from bilingual.document.protect import DEFAULTS, Protection

    off = Protection(patterns=tuple(p for p in DEFAULTS if p.name != "template-code"))
    out = translate([parse(HIGHLIGHT, protection=off)], ["zh"], PseudoEngine()).editions[0].markdown
    assert "package main" not in out


# --- a shortcode over several lines whose closer starts a line (CommonMark reads ">}}" as a block quote) --

# LoveIt, posts/theme-documentation-built-in-shortcodes (en 50-60).
FIGURE = """The rendered output looks like this:

{{< figure
    src="/images/zion-national-park.jpg"
    alt="A photograph of Zion National Park"
    link="https://www.nps.gov/zion/index.htm"
    caption="Zion National Park"
    class="ma0 w-75"
>}}

The HTML looks like this:
"""


def test_a_shortcode_split_by_its_closer_line_is_not_translated():
    """Red before: the paragraph up to the closer was prose, so `figure`, `src` and the path were translated."""
    out = pseudo_out(FIGURE)
    assert FIGURE.split("\n\n")[1] in out
    assert "rendered" not in out and "looks" not in out  # the prose around it is translated


def test_a_shortcode_split_by_its_closer_line_is_byte_identical_under_identity():
    assert translate([parse(FIGURE)], ["zh"], IdentityEngine()).editions[0].markdown == FIGURE


def test_a_shortcode_split_by_its_closer_line_leaves_no_leak():
    assert account(parse(FIGURE)).complete


@pytest.mark.parametrize(("lines", "expected"), [
    pytest.param(["{{< highlight go >}}", "a", "", "{{< x", ">}}", "{{< /highlight >}}"], [(0, 5)], id="inside-a-code-block"),
    pytest.param(["{{< x", ">}}", "", "{{< highlight go >}}", "a", "{{< /highlight >}}"], [(0, 1), (3, 5)], id="apart"),
    pytest.param(["{{< x", "a", "", ">}}"], [], id="blank-line-before-the-closer"),
    pytest.param(["{{< highlight go >}}", "a"], [], id="code-block-never-closed"),
])
def test_kept_regions(lines, expected):
    from bilingual.document.templatecode import kept_regions

    assert kept_regions(lines, True, True) == expected
