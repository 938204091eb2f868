"""Every GFM spec example keeps its tag structure through `translate --engine pseudo --glossary glossary`,
and comes back byte for byte through the identity engine.

The examples are parsed from cmark-gfm's ``test/spec.txt`` (tests/fixtures/gfm/README.md says
where); structure is the HTML tags markdown-it-py's ``gfm-like`` preset plus the task-list plugin
renders (tests/structure.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app

from conftest import FIXTURES, ROOT
from structure import spec_examples, tag_structure

EXAMPLES = spec_examples((FIXTURES / "gfm" / "spec.txt").read_text(encoding="utf-8"))


def _translate(folder: Path, engine: str) -> dict[int, str]:
    folder.mkdir()
    for example in EXAMPLES:
        (folder / f"{example['example']:04d}.md").write_text(example["markdown"], encoding="utf-8", newline="")
    args = ["translate", str(folder), "--to", "zh", "--engine", engine, "--no-align"]
    args += ["--glossary", str(ROOT / "glossary")] if engine == "pseudo" else ["--no-glossary"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return {e["example"]: (folder / f"{e['example']:04d}.zh.md").read_bytes().decode("utf-8") for e in EXAMPLES}


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory) -> dict[int, str]:
    return _translate(tmp_path_factory.mktemp("gfm") / "pseudo", "pseudo")


@pytest.fixture(scope="module")
def identity(tmp_path_factory) -> dict[int, str]:
    return _translate(tmp_path_factory.mktemp("gfm") / "identity", "identity")


def test_spec_has_673_examples():
    assert len(EXAMPLES) == 673


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['example']}-{e['section'][:20]}")
def test_pseudo_keeps_tag_structure(pseudo, example):
    assert tag_structure(pseudo[example["example"]]) == tag_structure(example["markdown"])


def test_pseudo_translated_the_examples(pseudo):
    changed = sum(pseudo[e["example"]] != e["markdown"] for e in EXAMPLES)
    assert changed > len(EXAMPLES) // 2  # the structure test above is not passing by translating nothing


def test_identity_is_byte_identical(identity):
    assert [e["example"] for e in EXAMPLES if identity[e["example"]] != e["markdown"]] == []
