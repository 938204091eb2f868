"""Every kind of page in a real browser: headless Chromium driven by Playwright.

The pages are the ones ``scripts/screenshots.py`` builds from the sample issue (the published
site's home page and the issue in each language, the side-by-side page, a run's report). Each is
loaded at a desktop width (1280 px) and a phone width (390 px) and must show every image, fit
the width without horizontal scrolling, and draw its Chinese and Japanese text in a CJK font
(the one for that language). Needs the ``playwright`` package and a system Chromium
(``apt-get install chromium fonts-noto-cjk``); Playwright's own browser download is not used.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import screenshots  # noqa: E402
from conftest_browser import browser  # noqa: E402,F401  (fixture)

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
CJK_FONT = {"zh": "Noto Sans CJK SC", "ja": "Noto Sans CJK JP"}
LANG_TAG = {"zh": "zh-Hans", "ja": "ja"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    return screenshots.build_pages(tmp_path_factory.mktemp("pages"))


def _open(browser, path: Path, width: str):
    return screenshots.open_page(browser, path, screenshots.SHOT_WIDTHS[width])


BROKEN_IMAGES = """() => Array.from(document.images)
  .filter(img => !img.complete || img.naturalWidth === 0).map(img => img.getAttribute("src"))"""
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = Array.from(document.querySelectorAll("body *")).filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && getComputedStyle(el).position !== "fixed"
      && !el.closest("pre, .scroll");
  });
  return {scroll: document.documentElement.scrollWidth, width: width,
          wide: wide.slice(0, 5).map(el => el.tagName + "." + el.className + ": " + (el.textContent || "").slice(0, 60))};
}"""


@pytest.mark.parametrize("width", list(screenshots.WIDTHS))
@pytest.mark.parametrize("name", list(screenshots.PAGES))
def test_page_shows_every_image_and_fits_the_width(browser, pages, name, width):
    page = _open(browser, pages[name], width)
    try:
        assert page.evaluate(BROKEN_IMAGES) == [], f"{name}: broken images"
        fit = page.evaluate(OVERFLOW)
        assert fit["scroll"] <= fit["width"] and not fit["wide"], f"{name} overflows at {width}: {fit}"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"))
    finally:
        page.close()


def test_the_sample_issue_pages_have_images(browser, pages):
    for name in ("issue-en", "issue-zh", "issue-ja", "aligned"):
        page = _open(browser, pages[name], "desktop")
        count = page.evaluate("() => document.images.length")
        page.close()
        assert count >= 6, name


def _has_cjk_fonts() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "CJK" in out


@pytest.mark.parametrize(
    ("name", "lang", "selector"),
    [
        ("home-zh", "zh", "ul.issues a.title"),
        ("home-ja", "ja", "ul.issues a.title"),
        ("issue-zh", "zh", "article h2"),
        ("issue-ja", "ja", "article h2"),
        ("issue-zh", "zh", "article li"),
        ("aligned", "zh", "td.col-zh h2"),
        ("aligned", "ja", "td.col-ja h2"),
        ("report", "zh", "td[data-role='text'][lang='zh-Hans']"),
        ("report", "ja", "td[data-role='text'][lang='ja']"),
    ],
)
def test_cjk_text_is_drawn_in_a_cjk_font_for_its_language(browser, pages, name, lang, selector):
    if not _has_cjk_fonts():
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    page = _open(browser, pages[name], "desktop")
    try:
        session = page.context.new_cdp_session(page)
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"{name}: nothing matches {selector}"
        used = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        page.close()
    families = {font["familyName"]: font["glyphCount"] for font in used}
    cjk = {family: n for family, n in families.items() if "CJK" in family}
    assert cjk, f"{name} {selector}: drawn in {families}, no CJK font"
    assert max(cjk, key=cjk.get) == CJK_FONT[lang], f"{name} {selector}: {lang} text drawn mostly in {cjk}"


def test_side_by_side_headings_start_level_in_the_three_columns(browser, pages):
    page = _open(browser, pages["aligned"], "desktop")
    try:
        row = page.locator("#aligned > tbody > tr[data-kind='heading']").first
        tops = [row.locator(f"td.col-{lang} h2").bounding_box()["y"] for lang in ("en", "zh", "ja")]
        boxes = [row.locator(f"td.col-{lang}").bounding_box()["x"] for lang in ("en", "zh", "ja")]
    finally:
        page.close()
    assert boxes[0] < boxes[1] < boxes[2]
    assert max(tops) - min(tops) <= 1, tops


def test_language_switch_keeps_the_reader_on_the_issue(browser, pages):
    page = _open(browser, pages["home-en"], "desktop")
    try:
        page.click("#issue-024 a.title")
        assert page.url.endswith("/024/index.html") and page.get_attribute("html", "lang") == "en"
        page.click("nav.langs >> text=中文")
        assert page.url.endswith("/024/zh.html") and page.get_attribute("html", "lang") == "zh-Hans"
        assert "机器学习" in page.inner_text("article")
        page.click("nav.langs >> text=日本語")
        assert page.url.endswith("/024/ja.html") and "機械学習" in page.inner_text("article")
        page.click("nav.langs >> text=バックナンバー")
        assert page.url.endswith("/index.ja.html") and page.get_attribute("html", "lang") == "ja"
        page.click("#issue-024 a.side")
        assert page.url.endswith("/024/aligned.html")
        headers = page.locator("#aligned > thead th")
        page.uncheck("input.toggle[data-lang='zh']")
        assert [headers.nth(i).is_visible() for i in range(3)] == [True, False, True]
    finally:
        page.close()


def test_committed_screenshots_are_the_ones_the_readme_shows():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, width in screenshots.SHOTS:
        path = screenshots.DOCS / f"{name}-{width}.png"
        assert path.is_file() and path.stat().st_size > 10_000, path
        assert f"docs/screenshots/{path.name}" in readme
