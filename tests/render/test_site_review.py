"""Review status on the published pages, and the review gate (``publish --require approved``).

Each translated page says how much of it a person has reviewed; unreviewed machine sentences are
marked one by one; ``<main data-reviewed>`` says whether any is on the page; the home page shows
each issue's state per language; with the gate, an unreviewed language is published as the English
with a notice, and the console says so per issue.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from bilingual.cli import app
from conftest import ROOT, SAMPLE_ISSUE

NEW = "\nA new paragraph nobody has reviewed. It has *two* sentences.\n"


def make_issue(base: Path, extra: str = NEW) -> Path:
    """A copy of issues/024 whose en.md gained a paragraph, translated by the pseudo engine: its two
    new sentences are machine translation, the others approved."""
    issues = base / "issues"
    shutil.copytree(SAMPLE_ISSUE, issues / "024", ignore=shutil.ignore_patterns("aligned.*", "report.*", "*.tmx"))
    shutil.copy(SAMPLE_ISSUE.parent / "newsletter.yaml", issues / "newsletter.yaml")
    en = issues / "024" / "en.md"
    en.write_text(en.read_text(encoding="utf-8") + extra, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["translate", str(issues / "024"), "--engine", "pseudo", "--no-align", "--glossary", str(ROOT / "glossary")],
        env={**os.environ, "BILINGUAL_CACHE_DIR": "off"},
    )
    assert result.exit_code == 0, result.output
    return issues


def publish(issues: Path, out: Path, *args: str):
    result = CliRunner().invoke(app, ["publish", str(issues), "--out", str(out), "--no-glossary", *args])
    assert result.exit_code == 0, result.output
    return result


def page(path: Path):
    return lxml_html.document_fromstring(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def partly(tmp_path_factory) -> tuple[Path, str]:
    base = tmp_path_factory.mktemp("review")
    issues = make_issue(base)
    result = publish(issues, base / "site")
    return base / "site", result.output


@pytest.fixture(scope="module")
def gated(tmp_path_factory) -> tuple[Path, str]:
    base = tmp_path_factory.mktemp("gated")
    issues = make_issue(base)
    result = publish(issues, base / "site", "--require", "approved")
    return base / "site", result.output


@pytest.fixture(scope="module")
def approved(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("approved")
    publish(ROOT / "issues", base / "site", "--require", "approved")
    return base / "site"


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_unreviewed_sentences_are_marked_one_by_one(partly, lang):
    doc = page(partly[0] / "024" / f"{lang}.html")
    assert doc.xpath("string(//main/@data-reviewed)") == "false"
    marked = [s.text_content() for s in doc.xpath("//article//span[@class='unreviewed']")]
    (paragraph,) = doc.xpath("//article//p[.//span[@class='unreviewed']]")  # the new paragraph only
    assert "".join(marked) == paragraph.text_content().strip().replace("⟧ ⟦", "⟧⟦") and "".join(marked).count("⟦") == 2, marked
    assert "⟦" not in "".join(t for t in doc.xpath("//article//text()[not(ancestor::span[@class='unreviewed'])]"))


@pytest.mark.parametrize(("lang", "note"), [("zh", "本页译文 97 句中已有 95 句经人工审校"), ("ja", "97 文のうち 95 文を人が確認済み")])
def test_the_page_says_how_much_is_reviewed(partly, lang, note):
    doc = page(partly[0] / "024" / f"{lang}.html")
    assert note in doc.xpath("string(//main/p[contains(@class, 'review-note')])")


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_a_fully_reviewed_page_says_so_and_marks_nothing(approved, lang):
    doc = page(approved / "024" / f"{lang}.html")
    assert doc.xpath("string(//main/@data-reviewed)") == "true"
    assert not doc.xpath("//span[@class='unreviewed']")
    assert "95" in doc.xpath("string(//p[contains(@class, 'review-note')])")
    assert doc.xpath("string(//article/@lang)") == {"zh": "zh-Hans", "ja": "ja"}[lang]


def test_the_english_page_is_the_source_and_reviewed(partly):
    assert page(partly[0] / "024" / "index.html").xpath("string(//main/@data-reviewed)") == "true"


@pytest.mark.parametrize(("home", "expected"), [
    ("index.html", "machine translation, 95/97 reviewed"), ("index.zh.html", "机器翻译，已审校 95/97"), ("index.ja.html", "機械翻訳（95/97 文確認済み）"),
])
def test_the_home_page_shows_per_language_whether_each_issue_is_reviewed(partly, home, expected):
    doc = page(partly[0] / home)
    states = {s.get("data-lang"): s.get("data-reviewed") for s in doc.xpath("//li[@id='issue-024']//span[@data-lang]")}
    assert states == {"zh": "false", "ja": "false"}
    assert expected in doc.xpath("string(//li[@id='issue-024']//span[@data-lang='zh'])")


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_the_gate_publishes_the_english_with_a_notice(gated, lang):
    site, output = gated
    doc = page(site / "024" / f"{lang}.html")
    assert doc.get("lang") == {"zh": "zh-Hans", "ja": "ja"}[lang]  # the interface stays in the reader's language
    assert doc.xpath("string(//article/@lang)") == "en" and "⟦" not in doc.xpath("string(//article)")
    assert doc.xpath("string(//title/@lang)") == "en"
    assert "Machine learning" in doc.xpath("string(//article)")
    assert doc.xpath("string(//main/@data-reviewed)") == "true"  # nothing unreviewed is on the page
    assert {"zh": "以下为英文原文", "ja": "以下は英語の原文です"}[lang] in doc.xpath("string(//p[contains(@class, 'review-note')])")
    assert f"024 {lang}: 95 of 97 sentences approved; published the English with a notice" in output
    home = page(site / "index.html")
    assert home.xpath(f"string(//span[@data-lang='{lang}'])").endswith("not reviewed yet: English shown")
    # the withheld edition's title on the home pages is the English one, and says so
    assert home.xpath(f"string(//li[@id='issue-024']//a[@href='024/{lang}.html']/@lang)") == "en"
    from lxml import etree

    entry = etree.parse(str(site / f"feed.{lang}.xml")).getroot().find("{http://www.w3.org/2005/Atom}entry")
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    own_home = page(site / f"index.{lang}.html")
    assert own_home.xpath("string(//li[@id='issue-024']//a[@class='title']/@lang)") == "en"


def test_the_gate_lets_a_fully_approved_language_through(approved):
    assert "机器学习" in page(approved / "024" / "zh.html").xpath("string(//article)")


def test_the_gate_is_also_a_setting_in_newsletter_yaml(tmp_path):
    issues = make_issue(tmp_path)
    config = issues / "newsletter.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "require: approved\n", encoding="utf-8")
    result = publish(issues, tmp_path / "site")
    assert "024 zh: 95 of 97 sentences approved; published the English" in result.output
    assert page(tmp_path / "site" / "024" / "zh.html").xpath("string(//article/@lang)") == "en"
    overruled = publish(issues, tmp_path / "site", "--require", "none")
    assert "published the English" not in overruled.output


def test_the_notices_wording_is_configurable(tmp_path):
    issues = make_issue(tmp_path)
    config = issues / "newsletter.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "notes:\n  unreviewed:\n    zh: 机器初译：{reviewed}/{total} 句已校\n", encoding="utf-8")
    publish(issues, tmp_path / "site")
    assert page(tmp_path / "site" / "024" / "zh.html").xpath("string(//p[contains(@class, 'review-note')])") == "机器初译：95/97 句已校"


@pytest.mark.parametrize(("text", "message"), [
    ("name: W\nrequire: everything\n", "newsletter.yaml:2: require 'everything' is not one of approved, none"),
    ("name: W\nnotes:\n  shouting: x\n", "newsletter.yaml:3: unknown note 'shouting'"),
])
def test_bad_review_settings_are_named_by_line(tmp_path, text, message):
    from bilingual.errors import InputError
    from bilingual.render.siteconfig import load_config

    (tmp_path / "newsletter.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(tmp_path / "newsletter.yaml")
    assert message in str(caught.value)


def test_a_hand_edited_edition_is_marked_unreviewed_as_a_whole(tmp_path):
    """When the PO file no longer builds zh.md, sentences cannot be told apart: the page says so whole."""
    issues = make_issue(tmp_path)
    zh = issues / "024" / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("机器学习", "机器学習", 1), encoding="utf-8")
    publish(issues, tmp_path / "site")
    doc = page(tmp_path / "site" / "024" / "zh.html")
    assert doc.xpath("string(//main/@data-reviewed)") == "false"
    assert doc.xpath("string(//article/@class)") == "unreviewed-all" and not doc.xpath("//span[@class='unreviewed']")
    assert "机器学習" in doc.xpath("string(//article)")  # the edition as it is, hand edit included
