"""An issue folder's name is a path, never markup or a URL of its own (issue #27, item 10): every
link the site writes to an issue resolves to the page published for it, whatever the name holds."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from bilingual.cli import app
from conftest import ROOT

NAMES = ["javascript:document.title='XSS',1", "0#25?x=%41", "a b&c\"<d>", "data:text", "%2e%2e"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [value for key, value in attrs if key in ("href", "src") and value]


@pytest.mark.parametrize("name", NAMES)
def test_every_link_to_an_issue_reaches_its_page(tmp_path, runner, monkeypatch, name):
    issues = tmp_path / "issues"
    shutil.copytree(ROOT / "issues" / "024", issues / name)
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["publish", "issues", "--out", "site"])
    assert result.exit_code == 0, result.stderr
    site = (tmp_path / "site").resolve()
    for home in ("index.html", "index.zh.html", "index.ja.html"):
        parser = _Links()
        parser.feed((site / home).read_text(encoding="utf-8"))
        to_issue = [h for h in parser.hrefs if not h.endswith((".html", ".xml")) or "/" in h]
        assert to_issue, parser.hrefs
        for href in to_issue:
            parts = urlsplit(urljoin("file:///base/", href))
            assert parts.scheme == "file" and not parts.query and not parts.fragment, href
            target = site / unquote(parts.path).removeprefix("/base/")
            assert target.is_file(), (href, target)
            assert target.resolve().is_relative_to(site), href
