"""``bilingual publish``: the static site's pages, links, languages and fonts."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from bilingual.cli import app
from bilingual.engines.pseudo import PseudoEngine
from bilingual.errors import InputError
from bilingual.glossary import load_glossary
from bilingual.markdown import parse
from bilingual.pipeline import translate
from bilingual.render.html import jinja_env
from bilingual.render.site import build_site, find_issues
from conftest import ROOT, SAMPLE_ISSUE

IMAGE = "img/3f8a8715d27b2a187f1097ecd3457c6e.png"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def make_issues(base: Path) -> Path:
    """``base/issues/024`` with en.md, zh.md, ja.md (pseudo with the glossary) and one image."""
    folder = base / "issues" / "024"
    (folder / "img").mkdir(parents=True)
    shutil.copy(SAMPLE_ISSUE / "en.md", folder / "en.md")
    (folder / IMAGE).write_bytes(PNG)
    doc = parse((folder / "en.md").read_text(encoding="utf-8"), str(folder / "en.md"))
    for edition in translate([doc], ["zh", "ja"], PseudoEngine(), glossary=load_glossary([ROOT / "glossary"])).editions:
        (folder / f"{edition.lang}.md").write_text(edition.markdown, encoding="utf-8")
    return folder.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("publish")
    issues = make_issues(base)
    out = base / "site"
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["publish", str(issues), "--out", str(out), "--glossary", str(ROOT / "glossary")])
    assert result.exit_code == 0, result.output
    return out


def _page(path: Path):
    return lxml_html.document_fromstring(path.read_text(encoding="utf-8"))


def test_site_files(site):
    files = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert files == sorted(["024/aligned.html", "024/index.html", f"024/{IMAGE}", "024/ja.html", "024/zh.html", "index.html"])
    assert (site / "024" / IMAGE).read_bytes() == PNG


@pytest.mark.parametrize(("page", "lang"), [("index.html", "en"), ("024/index.html", "en"), ("024/zh.html", "zh-Hans"), ("024/ja.html", "ja"), ("024/aligned.html", "en")])
def test_pages_declare_their_language(site, page, lang):
    assert _page(site / page).get("lang") == lang


@pytest.mark.parametrize(("page", "lang", "text"), [("024/zh.html", "zh-Hans", "机器学习"), ("024/ja.html", "ja", "機械学習"), ("024/index.html", "en", "Machine learning")])
def test_edition_pages_hold_their_language(site, page, lang, text):
    article = _page(site / page).xpath("//article")[0]
    assert article.get("lang") == lang and text in article.text_content()


def test_index_links_every_language_and_the_side_by_side_page(site):
    page = _page(site / "index.html")
    hrefs = {a.get("href"): a.get("lang") for a in page.xpath("//li[@id='issue-024']//a")}
    assert hrefs == {"024/index.html": "en", "024/zh.html": "zh-Hans", "024/ja.html": "ja", "024/aligned.html": None}
    assert "Akira's Machine Learning News — #24" in page.text_content()


def test_language_switcher_on_each_edition(site):
    page = _page(site / "024" / "ja.html")
    nav = {a.text_content(): a.get("href") for a in page.xpath("//nav[@class='langs']/a")}
    assert nav == {"All issues": "../index.html", "English": "index.html", "中文": "zh.html", "Side by side": "aligned.html"}
    assert page.xpath("//nav[@class='langs']/span[@aria-current='page']")[0].text_content() == "日本語"


@pytest.mark.parametrize("page", ["index.html", "024/index.html", "024/zh.html", "024/ja.html", "024/aligned.html"])
def test_links_are_relative_and_resolve_and_nothing_external_is_loaded(site, page):
    path = site / page
    doc = _page(path)
    assert not doc.xpath("//link[@href] | //script[@src] | //iframe")
    for element in doc.xpath("//img[@src]"):
        assert not urlsplit(element.get("src")).scheme
    for a in doc.xpath("//a[@href]"):
        href = a.get("href")
        parts = urlsplit(href)
        if parts.scheme or href.startswith("#"):
            continue  # the newsletter's own links to the web, and in-page anchors
        assert not href.startswith("/")
        assert (path.parent / parts.path).resolve().is_file(), href


def test_css_font_stack_covers_cjk(site):
    style = _page(site / "024" / "zh.html").xpath("//style")[0].text
    for font in ('"Noto Sans CJK SC"', '"Noto Sans CJK JP"', '"PingFang SC"', '"Hiragino Sans"', '"Microsoft YaHei"', '"Yu Gothic"', "sans-serif"):
        assert font in style


def test_side_by_side_page_has_three_columns_and_a_way_home(site):
    page = _page(site / "024" / "aligned.html")
    assert [th.get("lang") for th in page.xpath("//table[@id='aligned']/thead//th")] == ["en", "zh-Hans", "ja"]
    assert page.xpath("//a[@href='../index.html']") and page.xpath("//a[@href='zh.html'][@lang='zh-Hans']")


def test_templates_come_from_the_package_and_escape_html(tmp_path):
    import jinja2

    assert isinstance(jinja_env().loader, jinja2.PackageLoader)
    issues = make_issues(tmp_path)
    en = issues / "024" / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("Akira's Machine", "<script>x</script> Machine", 1), encoding="utf-8")
    files = build_site(find_issues([issues]), ["zh", "ja"])
    index = files[Path("index.html")]
    assert "&lt;script&gt;x&lt;/script&gt;" in index and "<script>x</script>" not in index


def test_a_missing_edition_is_one_line_and_writes_nothing(runner, tmp_path):
    issues = make_issues(tmp_path)
    (issues / "024" / "ja.md").unlink()
    out = tmp_path / "site"
    result = runner.invoke(app, ["publish", str(issues), "--out", str(out), "--no-glossary"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "missing edition" in lines[0] and "ja.md" in lines[0]
    assert not out.exists()


def test_find_issues_refuses_a_folder_without_issues(tmp_path):
    with pytest.raises(InputError):
        find_issues([tmp_path])
