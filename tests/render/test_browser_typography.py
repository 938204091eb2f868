"""Chinese and Japanese typography in a real browser (headless Chromium, 1280 and 390 px).

Code is always monospace (no per-language font rule reaches it), emphasis is never a slanted
CJK glyph (bold in Chinese, sesame marks in Japanese), no line starts with closing punctuation,
and a Chinese or Japanese page shows no English interface text. Same setup as test_browser.py.
"""

from __future__ import annotations

import pytest

from test_browser import _open, browser, pages  # noqa: F401  (fixtures)

import screenshots

pytestmark = pytest.mark.browser
WIDTHS = list(screenshots.WIDTHS)

FONT_OF = "sel => Array.from(document.querySelectorAll(sel)).map(el => getComputedStyle(el).fontFamily)"
EMPHASIS = """sel => Array.from(document.querySelectorAll(sel)).map(el => {
  const s = getComputedStyle(el);
  return {text: el.textContent.slice(0, 20), style: s.fontStyle, weight: Number(s.fontWeight),
          marks: s.textEmphasisStyle || s.webkitTextEmphasisStyle || "none",
          lineBreak: s.lineBreak || s.webkitLineBreak};
})"""
#: Every character of the article's text that begins a visual line, with the one before it.
LINE_STARTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  let lastTop = null, previous = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("pre")) continue;
    const text = node.textContent;
    for (let i = 0; i < text.length; i++) {
      if (/\\s/.test(text[i])) { previous = text[i]; continue; }
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box) continue;
      if (lastTop !== null && box.top > lastTop + 2) out.push(previous + text[i]);
      if (lastTop === null || box.top > lastTop + 2) lastTop = box.top;
      previous = text[i];
    }
  }
  return out;
}"""
#: Text of the page's interface (outside the newsletter's own text) in the page's own language
#: that holds a word of Latin letters.
ENGLISH_INTERFACE = """() => {
  const lang = document.documentElement.lang, out = [];
  const content = "article, title, h1, p.description, a.title, style, script";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (el.closest(content)) continue;
    if (el.closest("[lang]").lang === lang && /[A-Za-z]{2,}/.test(node.textContent)) out.push(node.textContent.trim());
  }
  document.querySelectorAll("[aria-label]").forEach(el => {
    if (el.closest("[lang]").lang === lang && /[A-Za-z]{2,}/.test(el.getAttribute("aria-label"))) out.push(el.getAttribute("aria-label"));
  });
  return out;
}"""
CLOSING = set("，。、；：！？）」』】〕〉》”’・ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "selector"), [
    ("issue-zh", "article pre"), ("issue-ja", "article pre"), ("issue-zh", "article code"),
    ("aligned", "td.col-zh pre"), ("aligned", "td.col-ja pre"),
])
def test_code_is_set_in_a_monospace_font(browser, pages, name, selector, width):
    page = _open(browser, pages[name], width)
    try:
        families = page.evaluate(FONT_OF, selector)
    finally:
        page.close()
    assert families, f"{name}: nothing matches {selector}"
    for family in families:
        first = family.split(",")[0].strip().strip('"')
        assert family.rstrip().endswith("monospace") and "Sans CJK" not in first, f"{name} {selector}: {family}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "lang"), [("issue-zh", "zh"), ("issue-ja", "ja"), ("aligned", "zh"), ("aligned", "ja")])
def test_cjk_emphasis_is_never_oblique(browser, pages, name, lang, width):
    selector = "article em" if name.startswith("issue") else f"td.col-{lang} em"
    page = _open(browser, pages[name], width)
    try:
        found = page.evaluate(EMPHASIS, selector)
    finally:
        page.close()
    assert found, f"{name}: no emphasis in {selector}"
    for em in found:
        assert em["style"] == "normal", f"{name}: {em}"
        assert (em["weight"] >= 600) if lang == "zh" else (em["marks"] not in ("", "none")), f"{name}: {em}"
        assert em["lineBreak"] == "strict", f"{name}: {em}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["issue-zh", "issue-ja"])
def test_no_line_starts_with_closing_punctuation(browser, pages, name, width):
    page = _open(browser, pages[name], width)
    try:
        starts = page.evaluate(LINE_STARTS)
    finally:
        page.close()
    assert len(starts) > 20, f"{name}: only {len(starts)} lines found"
    bad = [pair for pair in starts if pair[-1] in CLOSING]
    assert not bad, f"{name} at {width}: lines start with {bad}"


@pytest.mark.parametrize("name", ["home-zh", "home-ja", "issue-zh", "issue-ja"])
def test_no_english_interface_string_on_a_cjk_page(browser, pages, name):
    page = _open(browser, pages[name], "desktop")
    try:
        english = page.evaluate(ENGLISH_INTERFACE)
    finally:
        page.close()
    assert not english, f"{name}: English interface text {english}"


@pytest.fixture(scope="module")
def partly_reviewed(tmp_path_factory):
    from test_site_review import make_issue, publish

    base = tmp_path_factory.mktemp("partly")
    publish(make_issue(base), base / "site")
    return base / "site"


REVIEW_STATE = """() => {
  const note = document.querySelector("main > p.review-note"), first = document.querySelector("article > *");
  const spans = Array.from(document.querySelectorAll("span.unreviewed"));
  const approved = document.querySelector("article p:not(:has(span.unreviewed))");
  return {reviewed: document.querySelector("main").dataset.reviewed,
          noteFirst: note !== null && note.getBoundingClientRect().bottom <= first.getBoundingClientRect().top,
          marked: spans.map(s => getComputedStyle(s).textDecorationStyle),
          plain: approved ? getComputedStyle(approved).textDecorationStyle + getComputedStyle(approved).textDecorationLine : ""};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_unreviewed_sentences_are_marked_under_a_note(browser, partly_reviewed, lang, width):
    page = _open(browser, partly_reviewed / "024" / f"{lang}.html", width)
    try:
        state = page.evaluate(REVIEW_STATE)
    finally:
        page.close()
    assert state["reviewed"] == "false" and state["noteFirst"], state
    assert state["marked"] and set(state["marked"]) == {"dotted"}, state
    assert state["plain"] == "solidnone", state


@pytest.mark.parametrize("name", ["issue-zh", "issue-ja"])
def test_the_sample_issue_is_marked_reviewed(browser, pages, name):
    page = _open(browser, pages[name], "desktop")
    try:
        assert page.evaluate("() => [document.querySelector('main').dataset.reviewed, document.querySelectorAll('span.unreviewed').length]") == ["true", 0]
    finally:
        page.close()


EMAIL_LAYOUT = """() => {
  const card = document.querySelector("table.card").getBoundingClientRect();
  return {card: Math.round(card.width), scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
          broken: Array.from(document.images).filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src),
          images: document.images.length,
          pre: Array.from(document.querySelectorAll("pre, code")).map(el => getComputedStyle(el).fontFamily),
          em: Array.from(document.querySelectorAll("td.content em")).map(el => getComputedStyle(el).fontStyle)};
}"""


@pytest.mark.parametrize("lang", ["en", "zh", "ja"])
def test_the_email_edition_at_600_px(browser, pages, lang):
    page = _open(browser, pages[f"email-{lang}"], "email")
    try:
        layout = page.evaluate(EMAIL_LAYOUT)
    finally:
        page.close()
    assert layout["card"] <= 600 and layout["scroll"] <= layout["width"], layout
    assert layout["images"] >= 6 and layout["broken"] == [], layout["broken"]
    assert layout["pre"] and all(f.rstrip().endswith("monospace") for f in layout["pre"]), layout["pre"]
    if lang != "en":
        assert layout["em"] and set(layout["em"]) == {"normal"}, layout["em"]
