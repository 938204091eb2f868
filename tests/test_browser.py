"""The published site in a real browser: headless Chromium driven by Playwright.

Needs the ``playwright`` Python package and a system Chromium (``apt-get install chromium``);
Playwright's own browser download is not used. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilingual.glossary import load_glossary
from bilingual.render.outputs import write_files
from bilingual.render.site import build_site, find_issues
from conftest import ROOT
from test_publish import make_issues

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install playwright)")
    executable = _chromium()
    if executable is None:
        pytest.skip("Chromium not found (apt-get install chromium)")
    with sync_playwright() as p:
        try:
            launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as exc:
            pytest.skip(f"Chromium at {executable} could not be launched: {str(exc).splitlines()[0]}")
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("browser")
    issues = make_issues(base)
    out = base / "site"
    files = build_site(find_issues([issues]), ["zh", "ja"], load_glossary([ROOT / "glossary"]))
    write_files({out / path: content for path, content in files.items()})
    return out


def test_index_issue_language_switch_and_side_by_side(browser, site):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((site / "index.html").as_uri())
    assert page.title() == "Issues"

    page.click("#issue-024 a.title")
    assert page.url.endswith("/024/index.html")
    assert page.get_attribute("html", "lang") == "en"
    assert "Machine learning in the real world" in page.inner_text("article")

    page.click("nav.langs >> text=中文")
    assert page.url.endswith("/024/zh.html")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert "机器学习" in page.inner_text("article")

    page.click("nav.langs >> text=日本語")
    assert page.get_attribute("html", "lang") == "ja" and "機械学習" in page.inner_text("article")

    page.click("nav.langs >> text=Side by side")
    assert page.url.endswith("/024/aligned.html")
    headers = page.locator("#aligned > thead th")
    assert headers.count() == 3 and [headers.nth(i).get_attribute("lang") for i in range(3)] == ["en", "zh-Hans", "ja"]
    row = page.locator("#aligned > tbody > tr[data-kind='heading']", has_text="Machine learning in the real world")
    cells = row.locator("td")
    texts = [cells.nth(i).inner_text() for i in range(3)]
    assert "Machine learning in the real world" in texts[0]
    assert "机器学习" in texts[1] and "機械学習" not in texts[1]
    assert "機械学習" in texts[2]
    boxes = [cells.nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]  # three columns side by side
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]  # in one synchronised row
    assert page.locator("#aligned mark.term").count() > 0

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "aligned-024.png"))

    page.uncheck("input.toggle[data-lang='zh']")
    visible = [headers.nth(i).is_visible() for i in range(3)]
    assert visible == [True, False, True]
    page.check("input.toggle[data-lang='zh']")
    assert headers.nth(1).is_visible()
    page.close()


def test_edition_page_screenshot(browser, site):
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto((site / "024" / "zh.html").as_uri())
    assert page.locator("article h1.issue-title").inner_text().startswith("⟦")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "edition-024-zh.png"))
    assert (ARTIFACTS / "edition-024-zh.png").stat().st_size > 0
    page.close()


def test_the_issue_aligned_page_written_after_a_run_opens_with_three_columns(browser, tmp_path):
    from bilingual.engines.pseudo import PseudoEngine
    from bilingual.markdown import parse
    from bilingual.pipeline import translate
    from bilingual.render.outputs import write_issue_outputs

    folder = make_issues(tmp_path) / "024"
    glossary = load_glossary([ROOT / "glossary"])
    doc = parse((folder / "en.md").read_text(encoding="utf-8"), str(folder / "en.md"))
    write_issue_outputs(translate([doc], ["zh", "ja"], PseudoEngine(), glossary=glossary).editions, glossary=glossary)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((folder / "aligned.html").as_uri())
    headers = page.locator("#aligned > thead th")
    assert [headers.nth(i).inner_text() for i in range(headers.count())] == ["English", "中文", "日本語"]
    first = page.locator("#aligned > tbody > tr").first.locator("td")
    assert first.count() == 3 and all(first.nth(i).is_visible() for i in range(3))
    assert page.locator("#aligned img").first.get_attribute("src").startswith("img/")
    page.close()
