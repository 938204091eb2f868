"""The 652 CommonMark spec examples survive `bilingual translate --engine identity` (and pseudo keeps structure).

Examples come from markdown-it-py's sdist (tests/fixtures/commonmark/README.md says where).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from bilingual.cli import app

from conftest import FIXTURES

EXAMPLES = json.loads((FIXTURES / "commonmark" / "commonmark.json").read_text(encoding="utf-8"))
NEWSLETTER_SECTIONS = {
    "ATX headings", "Setext headings", "Paragraphs", "Emphasis and strong emphasis", "Links", "Images",
    "List items", "Lists", "Block quotes", "Code spans", "Fenced code blocks", "Indented code blocks",
    "Autolinks", "Raw HTML", "Thematic breaks", "Hard line breaks", "Soft line breaks",
}
TAG_RE = re.compile(r"</?[a-z0-9]+")


def _translate_folder(runner, tmp_path: Path, engine: str) -> dict[int, str]:
    folder = tmp_path / engine
    folder.mkdir()
    for example in EXAMPLES:
        (folder / f"{example['example']:04d}.md").write_text(example["markdown"], encoding="utf-8")
    result = runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", engine, "--no-glossary"])
    assert result.exit_code == 0, result.output
    return {e["example"]: (folder / f"{e['example']:04d}.zh.md").read_text(encoding="utf-8") for e in EXAMPLES}


@pytest.fixture(scope="module")
def commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark")


@pytest.fixture(scope="module")
def identity_outputs(tmp_path_factory, commonmark):
    from typer.testing import CliRunner

    return _translate_folder(CliRunner(), tmp_path_factory.mktemp("cmark"), "identity")


@pytest.fixture(scope="module")
def pseudo_outputs(tmp_path_factory):
    from typer.testing import CliRunner

    return _translate_folder(CliRunner(), tmp_path_factory.mktemp("cmark"), "pseudo")


def _failures(outputs, commonmark, same) -> dict[str, list[int]]:
    failures: dict[str, list[int]] = defaultdict(list)
    for example in EXAMPLES:
        if not same(commonmark.render(example["markdown"]), commonmark.render(outputs[example["example"]])):
            failures[example["section"]].append(example["example"])
    return dict(failures)


def test_spec_has_652_examples():
    assert len(EXAMPLES) == 652


def test_identity_round_trip_renders_the_same_html(identity_outputs, commonmark):
    failures = _failures(identity_outputs, commonmark, str.__eq__)
    failed = sum(len(v) for v in failures.values())
    assert failed <= len(EXAMPLES) // 100, failures
    assert not (set(failures) & NEWSLETTER_SECTIONS), failures


def test_identity_round_trip_is_byte_identical(identity_outputs):
    assert [e["example"] for e in EXAMPLES if identity_outputs[e["example"]] != e["markdown"]] == []


def test_pseudo_keeps_the_html_tag_structure(pseudo_outputs, commonmark):
    failures = _failures(pseudo_outputs, commonmark, lambda a, b: TAG_RE.findall(a) == TAG_RE.findall(b))
    assert failures == {}
