"""``bilingual diff``: byte-identical inputs are identical (exit 0) wherever the files lie, and an
edition's segment ids are derived the same way whether or not en.md is beside it.

The regression: a pseudo edition of a short ML issue, copied out of its issue folder, was
"2 changed" against the issue's own edition (one sentence boundary differed between the side
aligned to en.md and the side aligned to itself).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.engines.pseudo import PseudoEngine
from bilingual.document.markdown import parse
from bilingual.run.pipeline import translate
from bilingual.document.rebuild import rebuild

SHORT_ISSUE = """---
title: ML News 1
date: 2021-08-08
---

# ML News 1

## Papers

Researchers at Google trained a model with 1.2B parameters on TPUs. It beats GPT-3 on 5 of 7 tasks, e.g. summarisation. See [the paper](https://arxiv.org/abs/2108.00001) for details.

- *In production*, the model runs on one GPU. Latency is 20 ms.
- The code is on GitHub: `pip install foo`.

Dr. Smith said: "This is big." The team agrees.
"""


def pseudo_edition(english: str, lang: str) -> str:
    doc = parse(english, "en.md")
    (edition,) = [e for e in translate([doc], [lang], PseudoEngine()).editions if e.lang == lang]
    return edition.markdown


def diff(old: Path, new: Path) -> tuple[int, dict]:
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--format", "json"])
    return result.exit_code, (json.loads(result.output) if result.exit_code in (0, 1) else {"output": result.output})


def place(base: Path, english: str, edition: str, lang: str) -> tuple[Path, Path, Path]:
    """The edition in an issue folder beside en.md, a copy elsewhere, and a copy in another issue folder."""
    (base / "issue").mkdir()
    (base / "issue" / "en.md").write_text(english, encoding="utf-8")
    inside = base / "issue" / f"{lang}.md"
    inside.write_text(edition, encoding="utf-8")
    (base / "elsewhere").mkdir()
    outside = base / "elsewhere" / f"{lang}.md"
    shutil.copy(inside, outside)
    (base / "other").mkdir()
    (base / "other" / "en.md").write_text("# Another issue\n\nNothing alike.\n", encoding="utf-8")
    other = base / "other" / f"{lang}.md"
    shutil.copy(inside, other)
    return inside, outside, other


@pytest.mark.parametrize("lang", ["zh", "ja"])
@pytest.mark.parametrize("direction", ["copy first", "issue first"])
def test_a_pseudo_edition_and_its_copy_elsewhere_are_identical(tmp_path, lang, direction):
    inside, outside, _ = place(tmp_path, SHORT_ISSUE, pseudo_edition(SHORT_ISSUE, lang), lang)
    old, new = (outside, inside) if direction == "copy first" else (inside, outside)
    code, data = diff(old, new)
    assert code == 0 and data["identical"] and data["changes"] == [], data


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_segment_ids_do_not_depend_on_where_the_edition_lies(tmp_path, lang):
    """Edit one sentence: the change is named by the same id whichever file has en.md beside it."""
    inside, outside, _ = place(tmp_path, SHORT_ISSUE, pseudo_edition(SHORT_ISSUE, lang), lang)
    outside.write_text(outside.read_text(encoding="utf-8").replace("⟦Ţĥé ţéàɱ", "⟦Ŧĥé ţéàɱ"), encoding="utf-8")
    forward, backward = diff(inside, outside)[1], diff(outside, inside)[1]
    assert [c["id"] for c in forward["changes"]] == [c["id"] for c in backward["changes"]]
    assert len(forward["changes"]) == 1


words = st.lists(st.sampled_from(["model", "GPU", "data", "paper", "the", "runs", "fast", "Dr.", "e.g.", "1.2B", "ML", "in"]), min_size=1, max_size=8)
sentence = st.builds(lambda ws, end, em: (f"*{ws[0]}* " if em else "") + " ".join(ws).capitalize() + end, words, st.sampled_from([".", "!", "?", ":", ""]), st.booleans())
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
block = st.one_of(
    paragraph,
    paragraph.map(lambda p: "## " + p.replace("\n", " ")),
    st.lists(paragraph, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.just("```\ncode(x)\n```"),
)
issue = st.lists(block, min_size=1, max_size=6).map(lambda blocks: "# Issue\n\n" + "\n\n".join(blocks) + "\n")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(english=issue, lang=st.sampled_from(["zh", "ja"]))
def test_any_edition_and_its_copy_anywhere_are_identical(english, lang):
    with tempfile.TemporaryDirectory() as tmp:
        inside, outside, other = place(Path(tmp), english, pseudo_edition(english, lang), lang)
        for old, new in ((inside, outside), (outside, inside), (outside, other), (other, inside), (inside, inside)):
            code, data = diff(old, new)
            assert code == 0 and data["changes"] == [], (old, new, data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(english=issue, lang=st.sampled_from(["zh", "ja"]))
def test_any_edition_and_itself_re_rendered_are_identical(english, lang):
    """Rendered again (translated again, and rebuilt from its own parse), an edition is the same."""
    edition = pseudo_edition(english, lang)
    again = pseudo_edition(english, lang)
    parsed = parse(edition, f"{lang}.md")
    rebuilt = rebuild(parsed, {u.index: u.text for u in parsed.units})
    with tempfile.TemporaryDirectory() as tmp:
        inside, outside, _ = place(Path(tmp), english, edition, lang)
        for version in (again, rebuilt):
            outside.write_text(version, encoding="utf-8")
            for old, new in ((inside, outside), (outside, inside)):
                code, data = diff(old, new)
                assert code == 0 and data["changes"] == [], (version, data)
