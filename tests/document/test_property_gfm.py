"""Property: generated CommonMark/GFM documents (every container x inline constructs x nesting,
CRLF, tabs, HTML blocks, template spans, footnotes, math) keep markdown-it's token structure
through pseudo, come back byte for byte through identity, leave nothing unaccounted in the
coverage ledger (every character in exactly one bucket), and ``check`` finds no source prose left
in the pseudo edition (what the ledger sends to the engine is what the engine changes)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.checks.runner import check_text
from bilingual.engines.identity import IdentityEngine
from bilingual.engines.pseudo import PseudoEngine
from bilingual.document.ledger import account
from bilingual.document.markdown import normalize, parse, renderer
from bilingual.run.pipeline import translate

WORD = st.sampled_from(["alpha", "Beta", "gamma", "delta's", "model", "data", "run", "it", "A", "x2", "3.5", "e-mail"])
TEXT = st.lists(WORD, min_size=1, max_size=5).map(" ".join)

INLINE = {
    "text": lambda t, u: t,
    "em": lambda t, u: f"*{t}*",
    "strong": lambda t, u: f"__{t}__",
    "strike": lambda t, u: f"~~{t}~~",
    "code": lambda t, u: f"`{t}`",
    "link": lambda t, u: f"[{t}]({u})",
    "titled-link": lambda t, u: f'[{t}]({u} "{t}")',
    "url-text-link": lambda t, u: f"[{u}]({u})",
    "image": lambda t, u: f"![{t}]({u})",
    "autolink": lambda t, u: f"<{u}>",
    "bare-url": lambda t, u: f"see {u} now",
    "html": lambda t, u: f"<span>{t}</span>",
    "html-code": lambda t, u: f"<code>{t}</code>",
    "kbd": lambda t, u: f"<kbd>{t}</kbd>",
    "entity": lambda t, u: f"{t} &amp; &copy;",
    "escape": lambda t, u: f"\\*{t}\\_",
    "footnote": lambda t, u: f"{t}[^1]",
    "shortcode": lambda t, u: f'{{{{< tip text="{t}"\n>}}}}',
    "jinja": lambda t, u: "{% if x %}" + t + "{% endif %}",
    "jsx": lambda t, u: f'<Note title="{t}">{t}</Note>',
    "expression": lambda t, u: f"{{props.{t.split()[0].strip(chr(39)+'.')}x}}",
    "file-name": lambda t, u: "main.rs and README.md",
    "reference": lambda t, u: f"[{t}][ref]",
    "math": lambda t, u: f"${t.split()[0]}^2$ {t}",
    "money": lambda t, u: f"costs $5 and $10 for {t}",
}
URL = st.sampled_from(["https://example.com/a", "http://x.org/b?c=1", "www.example.com"])


@st.composite
def inline(draw) -> str:
    parts = [INLINE[draw(st.sampled_from(sorted(INLINE)))](draw(TEXT), draw(URL)) for _ in range(draw(st.integers(1, 4)))]
    return draw(st.sampled_from([" ", ". ", "\n"])).join(parts)


LEAF = {
    "p": lambda t: t,
    "h": lambda t: "## " + t.replace("\n", " "),
    "setext": lambda t: t + "\n---",
    "fence": lambda t: "```py\n" + t + "\n```",
    "indented": lambda t: "    " + t.replace("\n", "\n    "),
    "table": lambda t: "| a | b |\n|---|:-:|\n| " + t.replace("\n", " ").replace("|", "\\|") + " | x |",
    "html-block": lambda t: "<div>\n" + t + "\n</div>",
    "footnote-def": lambda t: "[^1]: " + t.replace("\n", " "),
    "reference-def": lambda t: '[ref]: /url "' + t.replace("\n", " ").replace('"', "") + '"',
    "reference-def-lines": lambda t: '[ref]: /url\n"' + t.replace('"', "").replace("\n", " ") + '\nmore words"',
    "footnote-continued": lambda t: "[^1]: " + t.replace("\n", " ") + "\n\n    " + t.replace("\n", "\n    "),
    "math-block": lambda t: "$$\n" + t.replace("$", "") + "\n$$",
    "html-attribute-block": lambda t: '<img src="a.png" alt="' + t.replace("\n", " ").replace('"', "") + '">',
    "hr": lambda t: "***",
}
CONTAINER = {
    "quote": lambda b: "> " + b.replace("\n", "\n> "),
    "bullet": lambda b: "- " + b.replace("\n", "\n  "),
    "ordered": lambda b: "1. " + b.replace("\n", "\n   "),
    "task": lambda b: "- [x] " + b.replace("\n", "\n      "),
}


@st.composite
def block(draw) -> str:
    text = draw(inline())
    out = LEAF[draw(st.sampled_from(sorted(LEAF)))](text)
    for _ in range(draw(st.integers(0, 3))):
        out = CONTAINER[draw(st.sampled_from(sorted(CONTAINER)))](out)
    return out


@st.composite
def documents(draw) -> str:
    blocks = draw(st.lists(block(), min_size=1, max_size=5))
    front = draw(st.sampled_from(["", "---\ntitle: A title here\ncard:\n  description: >\n    Folded text\n---\n"]))
    doc = front + "\n\n".join(blocks) + "\n"
    if draw(st.booleans()):
        doc = doc.replace("    ", "\t", 1)
    if draw(st.booleans()):
        doc = doc.replace("\n", "\r\n")
    return doc


def structure(markdown: str) -> list[tuple]:
    """markdown-it's token structure: block tokens, and inline tokens other than text."""
    out: list[tuple] = []
    for tok in renderer().parse(markdown.replace("\r\n", "\n")):
        out.append((tok.type, tok.tag, tok.nesting, tok.info if tok.type == "fence" else ""))
        out += [(c.type, c.tag, c.nesting, c.attrGet("href") or c.attrGet("src") or "")
                for c in tok.children or () if c.type not in ("text", "text_special", "softbreak")]
    return out


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_identity_is_byte_identical(source):
    assert translate([parse(source)], ["zh"], IdentityEngine()).editions[0].markdown == source


@SETTINGS
@given(documents())
def test_pseudo_keeps_token_structure(source):
    out = translate([parse(source)], ["zh"], PseudoEngine()).editions[0].markdown
    assert structure(out) == structure(source)


@SETTINGS
@given(documents())
def test_ledger_leaves_nothing_unaccounted(source):
    ledger = account(parse(source, "en.md"))
    assert ledger.leaks == ()


@SETTINGS
@given(documents())
def test_every_character_is_in_exactly_one_bucket(source):
    doc = parse(source, "en.md")
    ledger = account(doc)
    assert ledger.totals["untranslated"] == 0
    assert sum(ledger.totals.values()) == len(normalize(source)[0]) == len(doc.source)


@SETTINGS
@given(documents())
def test_check_finds_no_source_prose_left_in_the_pseudo_edition(source):
    out = translate([parse(source)], ["zh"], PseudoEngine()).editions[0].markdown
    found = [v for v in check_text(out, "zh", source) if v.rule in ("untranslated-source", "code")]
    assert found == []
