"""The issue layout: which language a file's name gives, and which Markdown files are editions."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.layout import is_edition, named_language


@pytest.mark.parametrize(
    ("name", "lang"),
    [("zh.md", "zh"), ("ja.po", "ja"), ("news-24.zh.md", "zh"), ("intro.ja.po", "ja"), ("zh_CN.po", "zh"),
     ("x.zh-Hans.md", "zh"), ("en.md", "en"), ("readme.md", None), ("messages.po", None), ("notes.zh.txt", None),
     ("zh.markdown", None), ("a.b.md", None)],
)
def test_language_from_a_file_name(name, lang):
    assert named_language(name) == lang


@pytest.mark.parametrize(
    ("name", "edition"),
    [("news-24.zh.md", True), ("x.zh-Hans.md", True), ("x.ja.md", True), ("zh.md", False), ("en.md", False),
     ("news-24.md", False), ("x.zh.po", False)],
)
def test_editions_are_named_after_their_source(name, edition):
    assert is_edition(Path(name)) is edition
