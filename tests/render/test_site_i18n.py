"""The published pages speak the reader's language: every interface string from one catalogue
(``bilingual/data/messages.yaml``), dates written the language's way, and a ``lang`` attribute on
every element that holds another language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from bilingual.render.messages import catalogue, messages
from bilingual.render.site import build_site, find_issues
from bilingual.render.siteconfig import find_config, load_config
from conftest import ROOT

LANG_TAGS = {"en": "en", "zh": "zh-Hans", "ja": "ja"}
#: The newsletter's own text on a page (its content, its name and titles), not the interface.
CONTENT = "ancestor-or-self::*[self::article or self::title or self::h1 or @class='description' or @class='title']"


@pytest.fixture(scope="module")
def sample_site() -> dict[Path, str | bytes]:
    issues = [ROOT / "issues"]
    return build_site(find_issues(issues), ["zh", "ja"], None, load_config(find_config(issues)))


def _doc(site, page: str):
    return lxml_html.document_fromstring(site[Path(page)])


def _lang_of(element) -> str:
    holder = next((e for e in element.iterancestors() if e.get("lang")), None) if element.get("lang") is None else element
    return holder.get("lang") if holder is not None else ""


@pytest.mark.parametrize("lang", ["en", "zh", "ja"])
def test_every_message_is_in_every_language(lang):
    missing = [key for key, texts in catalogue().items() if lang not in texts]
    assert not missing, f"messages.yaml lacks {lang} for {missing}"


@pytest.mark.parametrize(("lang", "expected"), [("en", "August 8, 2021"), ("zh", "2021年8月8日"), ("ja", "2021年8月8日")])
def test_dates_are_written_the_languages_way(lang, expected):
    assert messages(lang).date("2021-08-08") == expected


@pytest.mark.parametrize(("lang", "expected"), [("en", "Issue 24"), ("zh", "第 24 期"), ("ja", "第24号")])
def test_issue_numbers_are_written_the_languages_way(lang, expected):
    assert messages(lang).issue("024") == expected


@pytest.mark.parametrize("page", ["024/zh.html", "024/ja.html", "index.zh.html", "index.ja.html"])
def test_no_english_interface_string_on_a_chinese_or_japanese_page(sample_site, page):
    doc = _doc(sample_site, page)
    page_lang = doc.get("lang")
    english = []
    for text in doc.xpath("//body//text()"):
        element = text.getparent() if not text.is_tail else text.getparent().getparent()
        if element.xpath(CONTENT) or element.tag in ("style", "script"):
            continue
        if _lang_of(element) == page_lang and re.search(r"[A-Za-z]{2,}", text):
            english.append(f"<{element.tag}> {text.strip()!r}")
    for element in doc.xpath("//*[@aria-label]"):
        if re.search(r"[A-Za-z]{2,}", element.get("aria-label")) and _lang_of(element) == page_lang:
            english.append(f"<{element.tag} aria-label={element.get('aria-label')!r}>")
    assert not english, f"{page} ({page_lang}) shows English interface text: {english}"


@pytest.mark.parametrize(("page", "lang", "date"), [
    ("024/index.html", "en", "August 8, 2021"), ("024/zh.html", "zh", "2021年8月8日"), ("024/ja.html", "ja", "2021年8月8日"),
    ("index.html", "en", "August 8, 2021"), ("index.zh.html", "zh", "2021年8月8日"), ("index.ja.html", "ja", "2021年8月8日"),
])
def test_pages_show_dates_in_their_language(sample_site, page, lang, date):
    doc = _doc(sample_site, page)
    times = doc.xpath("//time[@datetime='2021-08-08']")
    assert times and all(t.text_content() == date for t in times)


@pytest.mark.parametrize("page", ["024/index.html", "024/zh.html", "024/ja.html", "index.html", "index.zh.html", "index.ja.html"])
def test_every_element_in_another_language_says_so(sample_site, page):
    """Language names, other editions' titles and the program's name carry their own lang."""
    doc = _doc(sample_site, page)
    for element in doc.xpath("//nav[@class='langs']/*[not(@class='feed')]"):
        label = element.text_content().strip()
        own = {"English": "en", "中文": "zh-Hans", "日本語": "ja"}.get(label)
        expected = own or doc.get("lang")
        assert _lang_of(element) == expected, f"{page}: {label!r} is marked {_lang_of(element)!r}"
    for element in doc.xpath("//footer//*[@translate='no']"):
        assert element.get("lang") == "en"


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_the_feed_is_titled_in_its_language(sample_site, lang):
    from lxml import etree

    feed = etree.fromstring(sample_site[Path(f"feed.{lang}.xml")].encode("utf-8"))
    name = load_config(ROOT / "issues" / "newsletter.yaml").name_in(lang)
    assert feed.findtext("{http://www.w3.org/2005/Atom}title") == name
