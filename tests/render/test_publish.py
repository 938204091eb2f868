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
from bilingual.document.markdown import parse
from bilingual.run.pipeline import translate
from bilingual.render.html import jinja_env
from bilingual.render.site import build_site, find_issues
from conftest import ROOT, SAMPLE_ISSUE

IMAGE = "img/3f8a8715d27b2a187f1097ecd3457c6e.png"
IMAGES = sorted(f"img/{p.name}" for p in (SAMPLE_ISSUE / "img").glob("*.png"))
LANG_TAGS = {"en": "en", "zh": "zh-Hans", "ja": "ja"}


def make_issues(base: Path, older: bool = False) -> Path:
    """``base/issues/024`` with en.md, zh.md, ja.md (pseudo with the glossary) and its images, and
    the newsletter's config; with ``older``, also ``023``: the same issue a week earlier, retitled."""
    issues = base / "issues"
    folder = issues / "024"
    folder.mkdir(parents=True)
    shutil.copy(SAMPLE_ISSUE / "en.md", folder / "en.md")
    shutil.copytree(SAMPLE_ISSUE / "img", folder / "img")
    shutil.copy(SAMPLE_ISSUE.parent / "newsletter.yaml", issues / "newsletter.yaml")
    doc = parse((folder / "en.md").read_text(encoding="utf-8"), str(folder / "en.md"))
    for edition in translate([doc], ["zh", "ja"], PseudoEngine(), glossary=load_glossary([ROOT / "glossary"])).editions:
        (folder / f"{edition.lang}.md").write_text(edition.markdown, encoding="utf-8")
    if older:
        shutil.copytree(folder, issues / "023")
        for lang in ("en", "zh", "ja"):
            path = issues / "023" / f"{lang}.md"
            text = path.read_text(encoding="utf-8").replace("date: 2021-08-08", "date: 2021-08-01")
            path.write_text(text.replace("#24", "#23", 1), encoding="utf-8")
    return issues


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
    pages = ["024/aligned.html", "024/index.html", "024/ja.html", "024/zh.html"]
    home = ["index.html", "index.zh.html", "index.ja.html", "feed.en.xml", "feed.zh.xml", "feed.ja.xml"]
    assert files == sorted([".bilingual-site", *pages, *home, *(f"024/{image}" for image in IMAGES)])
    assert len(IMAGES) == 6
    assert all((site / "024" / image).read_bytes() == (SAMPLE_ISSUE / image).read_bytes() for image in IMAGES)


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
    assert nav == {"バックナンバー": "../index.ja.html", "English": "index.html", "中文": "zh.html", "英中日対訳": "aligned.html"}
    assert page.xpath("//nav[@class='langs']/span[@aria-current='page']")[0].text_content() == "日本語"


@pytest.mark.parametrize(("home", "lang", "name", "description"), [
    ("index.html", "en", "Akira's Machine Learning News", "A weekly digest of machine-learning articles"),
    ("index.zh.html", "zh", "Akira 的机器学习新闻", "每周一期的机器学习文章"),
    ("index.ja.html", "ja", "Akira の機械学習ニュース", "機械学習の記事・活用事例・論文を毎週まとめて"),
])
def test_home_page_names_the_newsletter_in_its_language(site, home, lang, name, description):
    page = _page(site / home)
    assert page.get("lang") == LANG_TAGS[lang]
    assert page.xpath("string(//header//h1)") == name and page.xpath("//title")[0].text == name
    assert page.xpath("string(//p[@class='description'])").startswith(description)
    (item,) = page.xpath("//li[@id='issue-024']")
    assert item.xpath("string(.//time/@datetime)") == "2021-08-08"
    titles = {a.get("lang"): a.text_content() for a in item.xpath(".//a[@lang]")}
    assert set(titles) == {"en", "zh-Hans", "ja"} and titles["en"] == "Akira's Machine Learning News — #24"
    assert item.xpath("string(.//a[contains(@class, 'title')]/@lang)") == LANG_TAGS[lang]
    feed = page.xpath("//link[@rel='alternate'][@type='application/atom+xml']")[0]
    assert feed.get("href") == f"feed.{lang}.xml"


def test_home_lists_issues_newest_first_with_dates_and_titles(runner, tmp_path):
    issues = make_issues(tmp_path, older=True)
    out = tmp_path / "site"
    result = runner.invoke(app, ["publish", str(issues), "--out", str(out), "--no-glossary"])
    assert result.exit_code == 0, result.output
    for home, lang in (("index.html", "en"), ("index.zh.html", "zh-Hans"), ("index.ja.html", "ja")):
        page = _page(out / home)
        assert [li.get("id") for li in page.xpath("//ul[@class='issues']/li")] == ["issue-024", "issue-023"]
        assert page.xpath("//ul[@class='issues']/li//time/@datetime") == ["2021-08-08", "2021-08-01"]
        assert "#23" in page.xpath(f"string(//li[@id='issue-023']//a[@lang='{lang}'])")


@pytest.mark.parametrize(("page", "expected"), [
    ("index.html", {"English": None, "中文": "index.zh.html", "日本語": "index.ja.html"}),
    ("index.zh.html", {"English": "index.html", "中文": None, "日本語": "index.ja.html"}),
    ("024/index.html", {"English": None, "中文": "zh.html", "日本語": "ja.html"}),
    ("024/zh.html", {"English": "index.html", "中文": None, "日本語": "ja.html"}),
    ("024/ja.html", {"English": "index.html", "中文": "zh.html", "日本語": None}),
    ("024/aligned.html", {"English": "index.html", "中文": "zh.html", "日本語": "ja.html"}),
])
def test_every_page_has_a_language_switch_that_stays_on_the_same_issue(site, page, expected):
    nav = _page(site / page).xpath("//nav[@class='langs']")[0]
    found = {}
    for element in nav.xpath("./a | ./span"):
        if element.text_content() in expected:
            found[element.text_content()] = element.get("href")
    assert found == expected


@pytest.mark.parametrize("lang", ["en", "zh", "ja"])
def test_an_atom_feed_per_language(site, lang):
    from lxml import etree

    atom = "{http://www.w3.org/2005/Atom}"
    feed = etree.parse(str(site / f"feed.{lang}.xml")).getroot()  # well-formed XML, or this raises
    assert feed.tag == f"{atom}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == LANG_TAGS[lang]
    for required in ("id", "title", "updated"):
        assert feed.find(f"{atom}{required}").text
    (entry,) = feed.findall(f"{atom}entry")
    assert entry.find(f"{atom}updated").text == "2021-08-08T00:00:00Z" and entry.find(f"{atom}id").text
    assert entry.find(f"{atom}author/{atom}name").text == "Akihiro FUJII"
    href = entry.find(f"{atom}link[@rel='alternate']").get("href")
    assert (site / href).is_file() and href == f"024/{'index' if lang == 'en' else lang}.html"
    title = entry.find(f"{atom}title").text
    assert ("#24" in title) and (lang == "en" or "⟦" in title)
    content = entry.find(f"{atom}content")
    assert content.get("type") == "html" and "<h2>" in content.text


def test_a_missing_image_is_named_with_file_and_line_and_nothing_is_written(runner, tmp_path):
    issues = make_issues(tmp_path)
    (issues / "024" / "img" / "1c2724036fd8ab89a62ea7ca519c9698.png").unlink()
    out = tmp_path / "site"
    result = runner.invoke(app, ["publish", str(issues), "--out", str(out), "--no-glossary"])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert f"{issues / '024' / 'en.md'}:77:" in line and "img/1c2724036fd8ab89a62ea7ca519c9698.png" in line
    assert not out.exists()


def test_assets_linked_from_raw_html_are_copied_too(tmp_path):
    issues = make_issues(tmp_path)
    (issues / "024" / "diagram.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    for lang in ("en", "zh", "ja"):
        path = issues / "024" / f"{lang}.md"
        path.write_text(path.read_text(encoding="utf-8") + '\n<p><img src="diagram.svg" alt=""></p>\n', encoding="utf-8")
    files = build_site(find_issues([issues]), ["zh", "ja"])
    assert Path("024/diagram.svg") in files


@pytest.mark.parametrize("page", ["index.html", "index.zh.html", "index.ja.html", "024/index.html", "024/zh.html", "024/ja.html", "024/aligned.html"])
def test_links_are_relative_and_resolve_and_nothing_external_is_loaded(site, page):
    path = site / page
    doc = _page(path)
    assert not doc.xpath("//link[@href][not(@rel='alternate')] | //script[@src] | //iframe")
    for element in doc.xpath("//img[@src]"):
        assert not urlsplit(element.get("src")).scheme
        assert (path.parent / element.get("src")).is_file(), element.get("src")
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
