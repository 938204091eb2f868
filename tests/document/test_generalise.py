"""Issue 21: the Markdown layer on constructs the newsletter never used (containers, template
syntax spread over lines, footnotes, raw HTML code, links, front matter, MDX).

Each case is a source, the text that must come back byte for byte (markup, code, template
syntax) and English words that must have reached the engine (pseudo accents every letter it sees).
"""

from __future__ import annotations

import pytest

from bilingual.engines.identity import IdentityEngine
from bilingual.engines.pseudo import PseudoEngine
from bilingual.document.markdown import parse, renderer
from bilingual.run.pipeline import translate


def pseudo_out(source: str) -> str:
    return translate([parse(source)], ["zh"], PseudoEngine()).editions[0].markdown


CASES = [
    # containers: headings in block quotes and list items, at any depth
    ("blockquote-heading", "> ### Why Not An Enum?\n", ["> ### "], ["Enum"]),
    ("bullet-heading", "- # Heading here\n", ["- # "], ["Heading"]),
    ("ordered-heading", "1. # Heading here\n", ["1. # "], ["Heading"]),
    ("nested-heading", "> - ## Deep heading\n>   text below\n", ["> - ## "], ["Deep", "below"]),
    ("list-quote-heading", "1. > # Quoted heading\n", ["1. > # "], ["Quoted"]),
    # multi-line template syntax
    ("hugo-multiline", 'Hello {{< glossary_tooltip\ntext="tolerations" term_id="toleration" >}} world.\n',
     ['{{< glossary_tooltip\ntext="', '" term_id="toleration" >}}'], ["Hello", "world"]),
    ("mdx-multiline-props",
     '<Question\n  choices={[{text: "Why", explain: "Because", correct: true}]}\n/>\n\nProse here.\n',
     ["<Question\n  choices={[{text: ", ", correct: true}]}\n/>"], ["Prose"]),
    ("jinja-multiline", "{% include\n  file.html %}\n\nProse after.\n", ["{% include\n  file.html %}"], ["Prose"]),
    ("hugo-paired", "{{% notice note %}}\nThis is a note paragraph.\n{{% /notice %}}\n",
     ["{{% notice note %}}", "{{% /notice %}}"], ["paragraph"]),
    ("mdbook-include", "Intro words.\n{{#include ../listings/main.rs:here}}\n", ["{{#include ../listings/main.rs:here}}"], ["Intro"]),
    # footnotes
    ("footnote-number", "Text[^1] here.\n\n[^1]: The note text.\n", ["[^1] ", "[^1]: "], ["note"]),
    ("footnote-label", "Text[^note] here.\n\n[^note]: The note text.\n", ["[^note]", "[^note]: "], ["Text"]),
    ("footnote-continuation", "Text[^1] here.\n\n[^1]: The note text.\n\n    A continuation paragraph.\n",
     ["[^1]: ", "\n\n    "], ["note", "continuation"]),
    ("footnote-in-quote", "> Text[^n] here.\n>\n> [^n]: The note text.\n>\n>     Another paragraph.\n",
     ["> [^n]: ", ">\n>     "], ["note", "Another"]),
    # math: TeX between dollars is kept; dollars of money are prose (mdit-py-plugins dollarmath's rule)
    ("math-inline", "The area is $\\pi r^2$ here.\n", ["$\\pi r^2$"], ["area", "here"]),
    ("math-block", "Prose before.\n\n$$\nE = mc^2 \\text{ with } x\n$$\n\nProse after.\n",
     ["$$\nE = mc^2 \\text{ with } x\n$$"], ["before", "after"]),
    ("math-block-one-line", "Prose before.\n\n$$x = \\frac{a}{b}$$\n", ["$$x = \\frac{a}{b}$$"], ["before"]),
    ("money-is-prose", "It costs $5 or maybe $10 today.\n", ["$5", "$10"], ["costs", "maybe", "today"]),
    # a link reference title over two lines
    ("reference-title-multiline", 'See [x] now.\n\n[x]: /url "Reference\ntitle words"\n', ['[x]: /url "'],
     ["Reference", "words"]),
    ("reference-title-url-lines", 'See [ref] now.\n\n[ref]: /url\n"<https://example.com/a>\nmore words"\n',
     ["[ref]: /url\n\"", "https://example.com/a>"], ["more"]),  # found by test_property_gfm (identity)
    ("reference-title-next-line", "See [x] now.\n\n[x]: /url\n  'Title on its line'\n", ["[x]: /url\n  '"], ["Title", "line"]),
    # translatable attributes in an HTML block (a tag alone on its lines)
    ("html-block-alt", '<img src="cat.png" alt="A sleeping cat">\n\nProse.\n', ['<img src="cat.png" alt="', '">'],
     ["sleeping", "Prose"]),
    ("html-block-title", '<div class="note" title="Helpful tooltip words">\n<b>x</b>\n</div>\n',
     ['<div class="note" title="', '">\n<b>x</b>\n</div>'], ["Helpful"]),
    # raw inline HTML with code meaning
    ("html-code", "Use <code>pat | pat</code> and <kbd>Ctrl C</kbd> now.\n",
     ["<code>pat | pat</code>", "<kbd>Ctrl C</kbd>"], ["Use", "now"]),
    ("html-samp-var", "Type <samp>hello world</samp> or <var>file name</var> here.\n",
     ["<samp>hello world</samp>", "<var>file name</var>"], ["Type"]),
    # links whose text is a URL, an e-mail address or code
    ("link-text-url", "See [https://example.com/x](https://example.com/x) now.\n", ["[https://example.com/x](https://example.com/x)"], ["See"]),
    ("link-text-www", "See [www.example.com](https://www.example.com) now.\n", ["[www.example.com]"], ["See"]),
    ("link-text-email", "Mail [me@example.com](mailto:me@example.com) now.\n", ["[me@example.com]"], ["Mail"]),
    ("link-text-code", "See [`foo bar`](https://x.org) now.\n", ["[`foo bar`](https://x.org)"], ["See"]),
    # a link markdown-it rejects keeps its destination as it was
    ("javascript-link", "Do [click me](javascript:alert(1)) now.\n", ["(javascript:alert(1))"], ["click"]),
    # bare file names are words, not links
    ("bare-file-names", "Edit main.rs and README.md first.\n", [], ["Edit", "first"]),
    # MDX
    ("mdx-import-export", "import Foo from './foo'\n\nexport const meta = {title: 'Hello'}\n\nSome prose.\n",
     ["import Foo from './foo'", "export const meta = {title: 'Hello'}"], ["prose"]),
    ("mdx-expression", "Some {props.value} text.\n", ["{props.value}"], ["Some", "text"]),
    ("mdx-member-tag", "A <x.y /> tag and <Foo.Bar>inner words</Foo.Bar>.\n", ["<x.y />", "<Foo.Bar>", "</Foo.Bar>"], ["tag", "inner"]),
    ("mdx-fragment", "A <>fragment text</> here.\n", ["<>", "</>"], ["fragment"]),
    # translatable attributes
    ("shortcode-caption", 'See {{< figure src="cat.png" caption="A sleeping cat" >}} now.\n',
     ['{{< figure src="cat.png" caption="', '" >}}'], ["sleeping"]),
    ("html-alt", 'See <img src="cat.png" alt="A sleeping cat"> now.\n', ['<img src="cat.png" alt="'], ["sleeping"]),
    ("component-text", 'Hover <Tooltip text="Some help text" id="x" /> here.\n', ['<Tooltip text="', '" id="x" />'], ["help"]),
    # link reference definition titles
    ("reference-title", 'See [x] now.\n\n[x]: /url "Reference title"\n', ['[x]: /url "'], ["Reference"]),
    # front matter: block scalars and nested keys
    ("front-matter-folded", "---\ndescription: >\n  A long description\n  over lines.\n---\n\nBody.\n",
     ["description: >\n  "], ["long"]),
    ("front-matter-nested", "---\ncard:\n  title: Card title\n  image: cat.png\n---\n\nBody.\n",
     ["card:\n  title: ", "  image: cat.png"], ["Card"]),
]


@pytest.mark.parametrize(("name", "source", "kept", "words"), CASES, ids=[c[0] for c in CASES])
def test_prose_translated_and_markup_kept(name, source, kept, words):
    out = pseudo_out(source)
    for piece in kept:
        assert piece in out, f"{piece!r} not kept in {out!r}"
    for word in words:
        assert word not in out, f"{word!r} was not translated in {out!r}"


@pytest.mark.parametrize(("name", "source", "kept", "words"), CASES, ids=[c[0] for c in CASES])
def test_identity_is_byte_identical(name, source, kept, words):
    assert translate([parse(source)], ["zh"], IdentityEngine()).editions[0].markdown == source


@pytest.mark.parametrize("text", ["Edit main.rs and lib.rs.", "See README.md and Crates.io."])
def test_bare_file_names_are_not_links_in_rendered_html(text):
    assert "<a " not in renderer().render(text)


@pytest.mark.parametrize(("text", "href"), [("Go to www.example.com now.", "http://www.example.com"),
                                            ("Go to https://example.com/x now.", "https://example.com/x")])
def test_gfm_autolinks_still_render_as_links(text, href):
    assert f'<a href="{href}"' in renderer().render(text)


def test_mdx_translated_text_keeps_less_than_sign_in_mdx_fragments():
    assert "&lt;" not in pseudo_out("A <>fragment text</> here.\n")


def _with_config(tmp_path, toml: str):
    from bilingual.document.protect import load_config

    config = tmp_path / "bilingual.toml"
    config.write_text(toml, encoding="utf-8")
    return load_config(config)


@pytest.mark.parametrize(
    ("toml", "source", "translated", "kept"),
    [
        ('[translate]\nattributes = ["tip"]\n', 'A <Note tip="Some help" alt="Other words" /> b.\n', "help", "Other words"),
        ('[translate]\nfront-matter = ["hero.*.text"]\n', "---\ntitle: Kept title\nhero:\n  - text: Hero words\n---\n\nBody.\n",
         "Hero", "Kept title"),
    ],
)
def test_translatable_attributes_and_front_matter_keys_are_configurable(tmp_path, toml, source, translated, kept):
    protection = _with_config(tmp_path, toml)
    out = translate([parse(source, protection=protection)], ["zh"], PseudoEngine()).editions[0].markdown
    assert translated not in out
    assert kept in out


@pytest.mark.parametrize(("toml", "line", "message"), [
    ('[translate]\nattributes = "alt"\n', 2, "attributes must be a list"),
    ('[translate]\nfront-matter = ["title", 3]\n', 2, "front-matter must be a list"),
    ('[translate]\nattribute = ["alt"]\n', 2, "unknown [translate] setting 'attribute'"),
])
def test_bad_translate_config_names_line(tmp_path, toml, line, message):
    from bilingual.errors import InputError

    with pytest.raises(InputError) as caught:
        _with_config(tmp_path, toml)
    assert caught.value.line == line and message in str(caught.value)


@pytest.mark.parametrize("source", [
    "---\ndescription: |\n  Line one of it.\n  Line two of it.\ntitle: 'It''s here'\n---\n\nBody.\n",
    '---\ntitle: "Escaped \\"quote\\" here"\nitems:\n  - title: >-\n      Folded in\n      a list\n---\n\nBody.\n',
])
def test_front_matter_edition_reads_back_as_yaml_with_every_value_translated(source):
    import yaml

    out = pseudo_out(source)
    front = yaml.safe_load(out.split("---\n")[1])
    original = yaml.safe_load(source.split("---\n")[1])
    assert front.keys() == original.keys()
    flat = repr(front)
    assert all(word not in flat for word in ("Line", "here", "Folded"))


@pytest.mark.parametrize(("source", "human"), [("en.md", "zh.md"), ("en.md", "ja.md"), ("notes.md", "notes.zh.md")])
def test_a_human_translation_without_po_file_is_never_overwritten(tmp_path, runner, source, human):
    """(A file named like an edition is not a source either: it is the translation being protected.)"""
    from bilingual.cli import app

    folder = tmp_path / "001"
    folder.mkdir()
    (folder / source).write_text("# Title\n\nSome text here.\n", encoding="utf-8")
    text = "# 标题\n\n人写的译文。\n"
    (folder / human).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(folder), "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 2, result.output
    assert (folder / human).read_text(encoding="utf-8") == text
    assert sorted(p.name for p in folder.iterdir()) == sorted([source, human])
    message = [line for line in result.output.splitlines() if line.strip()]
    assert len(message) == 1 and human in message[0] and "bilingual import" in message[0]


@pytest.mark.parametrize("source", ["Mounted instance。 Having the instances.\n", "已翻译。 Not yet translated here.\n"])
def test_identity_keeps_the_space_after_a_full_width_stop(source):
    """Found by the corpus harness (vuejs/router): the space after 。 was dropped though nothing was translated."""
    assert translate([parse(source)], ["zh"], IdentityEngine()).editions[0].markdown == source


EXCERPTS = [
    ("vuejs-router-meta.md", ['<VueSchoolLink\n  href="https://vueschool.io/lessons/route-meta-fields"\n  title="'], ["Learn", "arbitrary"]),
    ("goharbor-metrics.md", ['{{< table caption="', "`harbor_project_total`"], ["exposed", "collects"]),
    ("opensource-guide-contribute.md", ["class: contribute\n", "image: /assets/images/cards/contribute.png\n"], ["Want", "How to"]),
    ("comprehensive-rust-welcome.md", ["course: Fundamentals\n", "session: Day 1 Morning\n"], ["Welcome", "broad"]),
]


@pytest.mark.parametrize(("name", "kept", "words"), EXCERPTS, ids=[e[0] for e in EXCERPTS])
def test_corpus_excerpts(name, kept, words):
    from conftest import FIXTURES

    source = (FIXTURES / "corpus-excerpts" / name).read_text(encoding="utf-8")
    assert translate([parse(source)], ["zh"], IdentityEngine()).editions[0].markdown == source
    out = pseudo_out(source)
    for piece in kept:
        assert piece in out
    for word in words:
        assert word not in out


@pytest.mark.parametrize("source", [
    "| a \\| b\n| - | -\n",
    "| Heading 1 \\\\\\\\| Heading 2\n| --------- | ---------\n| Cell\\|1\\|| Cell\\|2\n",
])
def test_an_almost_table_is_kept_as_written(source):
    """A paragraph GFM nearly read as a table: translated text could make it one."""
    assert pseudo_out(source) == source
    ledger = __import__("bilingual.document.ledger", fromlist=["account"]).account(parse(source))
    assert ledger.leaks == () and ledger.totals["engine"] == 0
