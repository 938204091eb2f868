"""Property: any Markdown built from newsletter constructs survives the identity round trip."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from bilingual.engines.identity import IdentityEngine
from bilingual.engines.pseudo import PseudoEngine
from bilingual.document.markdown import parse
from bilingual.run.pipeline import translate

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789.,!?'-", min_size=1, max_size=10)
TEXT = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
URL = st.sampled_from(["https://arxiv.org/abs/2103.13029", "img/a.png", "/x?y=1&z=2", "<https://a.b/c d>"])


@st.composite
def inline(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["text", "em", "strong", "code", "link", "image", "escape", "entity", "html", "brace"]))
        text = draw(TEXT)
        parts.append(
            {
                "text": text,
                "em": f"*{text}*",
                "strong": f"**{text}**",
                "code": f"`{text}`",
                "link": f"[{text}]({draw(URL)})",
                "image": f"![{text}]({draw(URL)} \"{draw(WORD)}\")",
                "escape": f"\\*{text}\\_",
                "entity": f"{text} &amp; &#42;",
                "html": f"<span>{text}</span>",
                "brace": f"{{1}} {text} {{/2}}",
            }[kind]
        )
    return draw(st.sampled_from([" ", "\n", ". "])).join(parts)


@st.composite
def block(draw) -> str:
    text = draw(inline())
    kind = draw(st.sampled_from(["p", "h", "ul", "ol", "quote", "fence", "table", "setext"]))
    return {
        "p": text,
        "h": "## " + text.replace("\n", " "),
        "ul": "- " + text.replace("\n", "\n  "),
        "ol": "1. " + text.replace("\n", "\n   "),
        "quote": "> " + text.replace("\n", "\n> "),
        "fence": "```\n" + text + "\n```",
        "table": "| a | b |\n|---|:-:|\n| " + text.replace("\n", " ").replace("|", "\\|") + " | x |",
        "setext": text + "\n===",
    }[kind]


DOCUMENTS = st.lists(block(), min_size=1, max_size=5).map(lambda blocks: "\n\n".join(blocks) + "\n")
RENDER = MarkdownIt("commonmark").enable("table")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_identity_round_trip_is_exact(source):
    out = translate([parse(source)], ["zh"], IdentityEngine()).editions[0].markdown
    assert out == source


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_pseudo_keeps_structure(source):
    import re

    out = translate([parse(source)], ["zh"], PseudoEngine()).editions[0].markdown
    tags = re.compile(r"</?[a-z0-9]+")
    assert tags.findall(RENDER.render(out)) == tags.findall(RENDER.render(source))
