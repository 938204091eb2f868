"""Protected patterns: template syntax in Markdown is code, never text, for translate and check alike;
bilingual.toml switches the built-in patterns and adds the project's own."""

from __future__ import annotations

import pytest

from bilingual.cli import app
from bilingual.errors import InputError
from bilingual.document.markdown import parse
from bilingual.document.placeholders import strip_tokens
from bilingual.document.protect import DEFAULTS, Protection, load_config


def raws(source: str, protection: Protection | None = None) -> list[str]:
    doc = parse(source, "en.md", protection)
    return [p.raw for u in doc.units for p in u.placeholders if p.kind == "protected"]


@pytest.mark.parametrize(
    ("source", "protected"),
    [
        ("<FrameworkSwitchCourse {fw} />\n", ["<FrameworkSwitchCourse {fw} />"]),
        ("Pick one. {#if fw === 'pt'}PyTorch text{:else}TensorFlow text{/if} Done.\n",
         ["{#if fw === 'pt'}", "{:else}", "{/if}"]),
        ("Keep {% raw %}{{ page.title }}{% endraw %} here.\n", ["{% raw %}", "{{ page.title }}", "{% endraw %}"]),
        ('See {{< figure src="cat.png" title="A cat" >}} below.\n', ['{{< figure src="cat.png" title="A cat" >}}']),
        ("[[open-in-colab]]\n", ["[[open-in-colab]]"]),
        ("## Props Declaration {#props-declaration}\n", ["{#props-declaration}"]),
        ("Count is: {{ count }} now.\n", ["{{ count }}"]),
        ("::: tip Note\nSome advice.\n:::\n", ["::: tip", ":::"]),
    ],
)
def test_defaults_protect_template_syntax(source, protected):
    assert raws(source) == protected


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("::: tip Note\nSome advice.\n:::\n", "Note\nSome advice."),
        ("## Props Declaration {#props-declaration}\n", "Props Declaration"),
    ],
)
def test_translated_text_keeps_protected_syntax_outside_its_sentences(source, text):
    from bilingual.document.segment import segment

    assert [s.text for s in segment(parse(source))] == [text]


def test_a_unit_that_is_only_protected_syntax_has_nothing_to_translate():
    from bilingual.document.segment import segment
    from bilingual.document.segment import has_words

    assert not any(has_words(s.text) for s in segment(parse("[[open-in-colab]]\n\n<FrameworkSwitchCourse {fw} />\n")))


def test_markup_inside_a_protected_span_stays_inside_it():
    doc = parse("Use {{ a_b_c * d * e }} and *this*.\n")
    assert strip_tokens(doc.units[0].text) == "Use  and this."
    assert [p.raw for p in doc.units[0].placeholders] == ["{{ a_b_c * d * e }}", "*", "*"]


def test_every_default_is_switchable(tmp_path):
    config = tmp_path / "bilingual.toml"
    config.write_text("[protect]\n" + "".join(f"{p.name} = false\n" for p in DEFAULTS), encoding="utf-8")
    assert load_config(config).patterns == ()
    assert raws("[[open-in-colab]] and {{ x }}\n", load_config(config)) == []


def test_own_patterns_are_added(tmp_path):
    config = tmp_path / "bilingual.toml"
    config.write_text("[protect]\nwiki-anchor = false\n[protect.patterns]\nmath = '\\$\\$[^$]+\\$\\$'\n", encoding="utf-8")
    protection = load_config(config)
    assert "wiki-anchor" not in [p.name for p in protection.patterns]
    assert raws("Euler: $$e^{i\\pi} + 1 = 0$$ and [[anchor]].\n", protection) == ["$$e^{i\\pi} + 1 = 0$$"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("[protect]\njsx-component = false\nno-such = true\n", 3, "unknown protected pattern 'no-such'"),
        ("[protect]\nwiki-anchor = 'yes'\n", 2, "must be true or false"),
        ("[protect]\n\n[protect.patterns]\nbroken = '(unclosed'\n", 4, "not a valid regular expression"),
        ("[protect.patterns]\nempty = 'x*'\n", 2, "matches the empty string"),
        ("[protect\n", 1, "is not valid TOML"),
    ],
)
def test_bad_config_names_file_and_line(tmp_path, text, line, message):
    config = tmp_path / "bilingual.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(config)
    assert caught.value.line == line
    assert message in str(caught.value)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "001"
    folder.mkdir()
    (folder / "en.md").write_text("# Setup {#setup}\n\n<FrameworkSwitchCourse {fw} />\n\nRun {{< cmd install >}} first.\n",
                                  encoding="utf-8")
    return tmp_path


def test_translate_uses_the_defaults(project, runner):
    result = runner.invoke(app, ["translate", "001", "--to", "zh", "--engine", "pseudo", "--no-glossary", "--no-align"])
    assert result.exit_code == 0, result.output
    zh = (project / "001" / "zh.md").read_text(encoding="utf-8")
    assert zh == "# ⟦Šéţûþ⟧ {#setup}\n\n<FrameworkSwitchCourse {fw} />\n\n⟦Ŕûñ {{< cmd install >}} ƒîŕšţ.⟧\n"


def test_translate_and_check_follow_bilingual_toml(project, runner):
    (project / "bilingual.toml").write_text("[protect]\njsx-component = false\nmdx-expression = false\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", "001", "--to", "zh", "--engine", "pseudo", "--no-glossary", "--no-align"])
    assert result.exit_code == 0, result.output
    zh = (project / "001" / "zh.md").read_text(encoding="utf-8")
    assert "⟦<ƑŕàɱéŵöŕķŠŵîţçĥÇöûŕšé {ƒŵ} />⟧" in zh
    segments = runner.invoke(app, ["segment", "001/en.md"])
    assert "FrameworkSwitchCourse {fw}" in segments.output


def test_a_broken_config_stops_every_command_with_its_line(project, runner):
    (project / "bilingual.toml").write_text("[protect.patterns]\nbad = '['\n", encoding="utf-8")
    for args in (["translate", "001", "--engine", "pseudo"], ["check", "001"], ["segment", "001/en.md"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert "bilingual.toml:2: protected pattern 'bad'" in result.output
    assert sorted(p.name for p in (project / "001").iterdir()) == ["en.md"]



@pytest.mark.parametrize(
    ("source", "kinds"),
    [
        ("Write `{{ count }}` in the template.\n", ["code"]),
        ("A [[anchor]] and `code` here.\n", ["protected", "code"]),
        ('See <span title="{{ x }}">this</span>.\n', ["html", "html"]),
    ],
)
def test_a_pattern_inside_code_or_html_gives_way_to_it(source, kinds):
    assert [p.kind for p in parse(source).units[0].placeholders] == kinds


def test_html_that_looks_like_a_component_stays_html():
    doc = parse('Text <IMG SRC=x onerror="alert(1)"> and </Tip> here.\n')
    assert [p.kind for p in doc.units[0].placeholders] == ["html", "html"]
