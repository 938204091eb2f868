"""Pseudo-translating a realistic issue: markup untouched, every translatable word visibly changed."""

from __future__ import annotations

import html
import re

import pytest

from bilingual.cli import app
from bilingual.document.markdown import renderer

TAG_RE = re.compile(r"</?[a-z0-9]+")
LINK_RE = re.compile(r'(?:href|src)="([^"]*)"')
CODE_RE = re.compile(r"<code[^>]*>(.*?)</code>", re.S)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    import shutil

    from typer.testing import CliRunner

    from conftest import SAMPLE_ISSUE

    issue = tmp_path_factory.mktemp("issue") / "024"
    issue.mkdir()
    shutil.copy(SAMPLE_ISSUE / "en.md", issue / "en.md")
    result = CliRunner().invoke(app, ["translate", str(issue), "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    md = renderer()  # CommonMark + tables + front matter (not rendered)
    source = (issue / "en.md").read_text(encoding="utf-8")
    output = (issue / "zh.md").read_text(encoding="utf-8")
    return source, output, md.render(source), md.render(output)


def test_links_and_image_sources_are_byte_identical(rendered):
    _, _, before, after = rendered
    assert LINK_RE.findall(after) == LINK_RE.findall(before)
    assert len(LINK_RE.findall(before)) > 20


def test_code_is_byte_identical(rendered):
    _, _, before, after = rendered
    assert CODE_RE.findall(after) == CODE_RE.findall(before)
    assert CODE_RE.findall(before)


def test_html_tag_structure_is_identical(rendered):
    _, _, before, after = rendered
    assert TAG_RE.findall(after) == TAG_RE.findall(before)


def test_raw_html_comment_is_kept(rendered):
    source, output, _, _ = rendered
    comments = re.findall(r"<!--.*?-->", source, re.S)
    assert comments and all(c in output for c in comments)


def test_every_translatable_word_is_transformed(rendered):
    _, _, _, after = rendered
    text = re.sub(r"<(pre|code)[^>]*>.*?</\1>", "", after, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"(?:https?://|www\.)\S+|[\w.-]+\.(?:org|com|tech|jp)\b", " ", text)
    plain_words = re.findall(r"\b[A-Za-z]{2,}\b", text)
    assert plain_words == []


def test_front_matter_values_are_transformed_and_keys_kept(rendered):
    _, output, _, _ = rendered
    front = output.split("---")[1]
    assert 'title: "⟦Àķîŕà' in front
    assert "issue: 24" in front and "date: 2021-08-08" in front
