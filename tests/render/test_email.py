"""``bilingual publish --email``: each issue in each language as an e-mail, ready for any mail service.

``NNN/zh.email.html`` (table layout 600 px wide, every style inline, absolute URLs),
``NNN/zh.email.txt`` (plain text, links as numbered references) and ``NNN/zh.eml``
(multipart/alternative, UTF-8, Content-Language), under the same review gate as the site.
"""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from bilingual.cli import app
from conftest import ROOT

BASE = "https://example.org/news/"
LANGS = ["en", "zh", "ja"]
TAGS = {"en": "en", "zh": "zh-Hans", "ja": "ja"}


def publish(issues: Path, out: Path, *args: str):
    return CliRunner().invoke(app, ["publish", str(issues), "--out", str(out), "--no-glossary", "--email", *args])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("email") / "site"
    result = publish(ROOT / "issues", out, "--base-url", BASE)
    assert result.exit_code == 0, result.output
    assert "024: e-mail editions en.eml, zh.eml, ja.eml" in result.output
    return out


def message(site: Path, lang: str):
    return BytesParser(policy=policy.default).parsebytes((site / "024" / f"{lang}.eml").read_bytes())


@pytest.mark.parametrize("lang", LANGS)
def test_the_eml_parses_into_a_text_and_an_html_part(site, lang):
    mail = message(site, lang)
    assert mail.get_content_type() == "multipart/alternative" and mail["Content-Language"] == TAGS[lang]
    parts = list(mail.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" and p["Content-Language"] == TAGS[lang] for p in parts)
    # On the wire every line ends in CRLF (RFC 5322); the files beside it use LF.
    assert parts[0].get_content().replace("\r\n", "\n") == (site / "024" / f"{lang}.email.txt").read_text(encoding="utf-8")
    assert parts[1].get_content().replace("\r\n", "\n") == (site / "024" / f"{lang}.email.html").read_text(encoding="utf-8")
    assert "#24" in mail["Subject"] and mail["Date"].startswith("Sun, 08 Aug 2021")


@pytest.mark.parametrize(("lang", "words"), [("en", "Machine learning"), ("zh", "机器学习"), ("ja", "機械学習")])
def test_the_mail_holds_the_edition_in_its_language(site, lang, words):
    doc = lxml_html.document_fromstring((site / "024" / f"{lang}.email.html").read_text(encoding="utf-8"))
    assert doc.get("lang") == TAGS[lang]
    (content,) = doc.xpath("//td[contains(@class, 'content')]")
    assert content.get("lang") == TAGS[lang] and words in content.text_content()
    assert words in (site / "024" / f"{lang}.email.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_every_image_and_link_is_an_absolute_url(site, lang):
    doc = lxml_html.document_fromstring((site / "024" / f"{lang}.email.html").read_text(encoding="utf-8"))
    images = [img.get("src") for img in doc.xpath("//img")]
    assert len(images) >= 6
    for src in images:
        assert src.startswith(BASE) and (site / src[len(BASE):]).is_file(), src
    links = [a.get("href") for a in doc.xpath("//a")]
    assert len(links) > 20 and all(a.get("href") for a in doc.xpath("//a"))
    for href in links:
        assert urlsplit(href).scheme in ("http", "https", "mailto") and urlsplit(href).netloc or href.startswith("mailto:"), href


@pytest.mark.parametrize("lang", LANGS)
def test_no_style_element_is_needed_for_layout(site, lang):
    """What a <style> keeps is only at-rules (dark mode, a narrow screen); the layout is inline."""
    doc = lxml_html.document_fromstring((site / "024" / f"{lang}.email.html").read_text(encoding="utf-8"))
    for style in doc.xpath("//style"):
        css = style.text or ""
        while "@media" in css:
            start = css.index("@media")
            depth, k = 0, css.index("{", start)
            for k in range(css.index("{", start), len(css)):
                depth += {"{": 1, "}": -1}.get(css[k], 0)
                if depth == 0:
                    break
            css = css[:start] + css[k + 1 :]
        assert not css.strip(), f"rules outside @media: {css.strip()[:200]}"
    (card,) = doc.xpath("//table[contains(@class, 'card')]")
    assert card.get("width") == "600" and "width: 600px" in card.get("style")
    assert card.get("role") == "presentation"
    for element in doc.xpath("//body//td | //body//p | //body//h2 | //body//img | //body//pre | //body//a"):
        assert element.get("style"), f"<{element.tag}> has no inline style"
    for element in doc.xpath("//pre | //code"):
        assert "monospace" in element.get("style"), element.get("style")


@pytest.mark.parametrize("lang", LANGS)
def test_the_plain_text_lists_its_links_as_references(site, lang):
    text = (site / "024" / f"{lang}.email.txt").read_text(encoding="utf-8")
    body, _, references = text.rpartition("\n\n" + {"en": "Links", "zh": "链接", "ja": "リンク"}[lang] + "\n")
    listed = re.findall(r"^\[(\d+)\] (\S+)$", references, re.M)
    assert len(listed) > 15 and [int(n) for n, _ in listed] == list(range(1, len(listed) + 1))
    assert all(urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc for _, url in listed)
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert cited == set(range(1, len(listed) + 1))
    assert "<a " not in body and "<img" not in body


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_the_mail_follows_the_review_gate(tmp_path, lang):
    from test_site_review import make_issue

    issues = make_issue(tmp_path)
    result = publish(issues, tmp_path / "site", "--base-url", BASE, "--require", "approved")
    assert result.exit_code == 0, result.output
    doc = lxml_html.document_fromstring((tmp_path / "site" / "024" / f"{lang}.email.html").read_text(encoding="utf-8"))
    assert doc.xpath("string(//td[contains(@class, 'content')]/@lang)") == "en"
    assert {"zh": "以下为英文原文", "ja": "以下は英語の原文です"}[lang] in doc.xpath("string(//td[contains(@class, 'note')])")
    assert "⟦" not in (tmp_path / "site" / "024" / f"{lang}.email.txt").read_text(encoding="utf-8")


def test_unreviewed_sentences_are_marked_in_the_mail_too(tmp_path):
    from test_site_review import make_issue

    issues = make_issue(tmp_path)
    assert publish(issues, tmp_path / "site", "--base-url", BASE).exit_code == 0
    doc = lxml_html.document_fromstring((tmp_path / "site" / "024" / "zh.email.html").read_text(encoding="utf-8"))
    assert doc.xpath("string(//td[contains(@class, 'content')]/@data-reviewed)") == "false"
    marked = doc.xpath("//span[@class='unreviewed']")
    assert marked and all("dotted" in span.get("style") for span in marked)


def test_the_address_comes_from_newsletter_yaml(tmp_path):
    import shutil

    shutil.copytree(ROOT / "issues", tmp_path / "issues")
    config = tmp_path / "issues" / "newsletter.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "url: https://news.example.com/ml\n", encoding="utf-8")
    assert publish(tmp_path / "issues", tmp_path / "site").exit_code == 0
    html = (tmp_path / "site" / "024" / "ja.email.html").read_text(encoding="utf-8")
    assert 'src="https://news.example.com/ml/024/img/' in html


@pytest.mark.parametrize(("args", "message"), [
    ([], "publish --email needs the site's address"),
    (["--base-url", "ftp://example.org/"], "is not an http(s) address"),
    (["--base-url", "news/"], "is not an http(s) address"),
])
def test_without_an_address_nothing_is_written(tmp_path, args, message):
    result = publish(ROOT / "issues", tmp_path / "site", *args)
    assert result.exit_code == 2 and message in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "site").exists()


def test_publishing_again_writes_the_same_bytes(tmp_path):
    first = publish(ROOT / "issues", tmp_path / "site", "--base-url", BASE)
    again = publish(ROOT / "issues", tmp_path / "site", "--base-url", BASE)
    assert first.exit_code == again.exit_code == 0 and ", 0 written" in again.output, again.output
