"""The review screen in headless Chromium (Playwright, the system Chromium as tests/render/test_browser.py
launches it), against the real server on 127.0.0.1: the reviewer's loop, two pages in conflict,
a page on another origin trying to write, and a msgstr holding a script."""

from __future__ import annotations

import http.server
import re
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from review_support import api, change, entry, issue, machine_issue, segments, server  # noqa: F401

sys.path.insert(0, str(ROOT / "scripts"))
import screenshots  # noqa: E402
from conftest_browser import browser  # noqa: E402,F401  (fixture)

pytestmark = pytest.mark.browser
PLACEHOLDER = re.compile(r"\{/?\d+\}")


def _open(browser, server, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url)
    page.wait_for_selector(".row[data-id]")
    page.errors = errors  # type: ignore[attr-defined]
    return page


def _cell(page, segment_id: str, lang: str = "zh"):
    return page.locator(f'.row[data-id="{segment_id}"] .cell[data-lang="{lang}"]')


def _plain_machine(api) -> dict:
    return next(r for r in segments(api) if r["status"] == "machine" and r["kind"] == "paragraph" and not PLACEHOLDER.search(r["source"]))


def test_the_reviewers_loop_edit_approve_rebuild_reload(browser, server, api, issue: Path):
    row = _plain_machine(api)
    page = _open(browser, server)
    assert page.url.endswith("/#024"), "the token leaves the address once the cookie is set"
    cell = _cell(page, row["id"])
    assert cell.locator(".state").inner_text() == "machine"
    fixed = "审校者改好的句子。"
    cell.locator("textarea").fill(fixed)
    cell.locator("button.approve").click()
    page.wait_for_selector(f'.row[data-id="{row["id"]}"] .cell[data-lang="zh"][data-status="approved"]')
    written = entry(issue / "zh.po", row["id"])
    assert written.approved and written.msgstr == fixed
    assert server.workspace.rebuilder.wait(issue, 60)
    assert fixed in (issue / "zh.md").read_text(encoding="utf-8")
    page.wait_for_selector("#rebuild:has-text('rebuilt')")  # (wait_for_function needs eval, which the CSP forbids)
    page.reload()
    page.wait_for_selector(".row[data-id]")
    cell = _cell(page, row["id"])
    assert cell.locator("textarea").input_value() == fixed
    assert cell.locator(".state").inner_text() == "approved"
    assert cell.locator(".suggestion").inner_text().endswith(row["text"]), "the machine's text stays beside the human one"
    assert page.errors == []


def test_keyboard_moves_and_approves(browser, server, api, issue: Path):
    page = _open(browser, server)
    first_id = page.locator(".row[data-id]").first.get_attribute("data-id")
    page.keyboard.press("j")
    focused = page.evaluate("document.activeElement.closest('.row').dataset.id")
    assert focused == first_id
    page.keyboard.press("Alt+ArrowDown")
    second_id = page.evaluate("document.activeElement.closest('.row').dataset.id")
    assert second_id != first_id
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f'.row[data-id="{second_id}"] .cell[data-lang="zh"][data-status="approved"]')
    assert entry(issue / "zh.po", second_id).approved
    assert "1/" in page.locator('.progress[data-lang="zh"] .count').inner_text()


def test_two_pages_in_conflict_lose_nothing(browser, server, api, issue: Path):
    row = _plain_machine(api)
    first, second = _open(browser, server), _open(browser, server)
    _cell(first, row["id"]).locator("textarea").fill("第一位审校者的译文。")
    _cell(first, row["id"]).locator("button.approve").click()
    first.wait_for_selector(f'.row[data-id="{row["id"]}"] .cell[data-lang="zh"][data-status="approved"]')
    mine = _cell(second, row["id"])
    mine.locator("textarea").fill("第二位审校者的译文。")
    mine.locator("button.approve").click()
    conflict = second.wait_for_selector(f'.row[data-id="{row["id"]}"] .cell[data-lang="zh"] .conflict')
    assert "第一位审校者的译文。" in conflict.inner_text()
    assert _cell(second, row["id"]).locator("textarea").input_value() == "第二位审校者的译文。"
    assert entry(issue / "zh.po", row["id"]).msgstr == "第一位审校者的译文。", "the stale save wrote nothing"
    _cell(second, row["id"]).locator("button.approve").click()  # having seen theirs, the second reviewer decides
    second.wait_for_selector(f'.row[data-id="{row["id"]}"] .cell[data-lang="zh"] .conflict', state="detached")
    assert entry(issue / "zh.po", row["id"]).msgstr == "第二位审校者的译文。"


def test_the_filters_show_only_what_is_asked_for(browser, server, api):
    rows = segments(api)
    units = [r["unit"] for r in rows]
    row = next(r for r in rows if units.count(r["unit"]) > 1 and not PLACEHOLDER.search(r["source"]))  # its neighbours stay
    assert api.put("/api/segments", json=change(row, "已经批准的句子。")).status_code == 200
    ja = next(r for r in segments(api, "ja") if r["id"] == row["id"])
    assert api.put("/api/segments", json=change(ja, "承認済みの文です。", lang="ja")).status_code == 200
    page = _open(browser, server)
    approved = page.locator(f'.row[data-id="{row["id"]}"]')
    assert approved.is_visible()
    page.check("#f-unapproved")
    assert not approved.is_visible()
    assert page.locator(".row[data-id]:visible").count() > 0
    page.uncheck("#f-unapproved")
    page.check("#f-changed")
    assert page.locator(".row[data-id]:visible").count() == 0, "nothing changed since approval in this issue"


def test_usable_at_phone_width(browser, server):
    page = _open(browser, server, width=390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator(".cell.target textarea").first.bounding_box()
    assert box["width"] > 250


def test_a_msgstr_with_a_script_is_shown_as_text(browser, server, api, issue: Path):
    from dataclasses import replace

    from bilingual.memory.po import read_catalog, render

    row = segments(api)[0]
    evil = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>"
    po = issue / "zh.po"
    catalog = read_catalog(po)
    entries = tuple(replace(e, msgstr=evil, translator="machine suggestion: " + evil) if e.msgctxt == row["id"] else e
                    for e in catalog.entries)
    po.write_text(render(replace(catalog, entries=entries)), encoding="utf-8")
    page = _open(browser, server)
    page.wait_for_timeout(300)
    assert page.title() == "bilingual review"
    assert _cell(page, row["id"]).locator("textarea").input_value() == evil
    assert page.locator("#doc img, #doc script").count() == 0
    assert page.errors == []


class _Attacker(http.server.BaseHTTPRequestHandler):
    page = b""

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, *args) -> None:
        pass


def test_a_page_on_another_origin_cannot_read_or_write(browser, server, api, issue: Path):
    """A site the reviewer visits while the server runs (same machine, another port) tries the API with the cookie."""
    row = segments(api)[0]
    body = change(row, "攻击者的译文。")
    import json

    _Attacker.page = f"""<!doctype html><title>attacker</title><body>
<form id="f" method="POST" action="{server.origin}/api/segments" enctype="text/plain">
<input name='{json.dumps(body)[:-1]}, "x": "' value='"}}'></form>
<script>
const target = {json.dumps(server.origin)};
const body = {json.dumps(json.dumps(body))};
window.results = [];
Promise.allSettled([
  fetch(target + "/api/segments", {{method: "PUT", credentials: "include", headers: {{"Content-Type": "application/json"}}, body}}),
  fetch(target + "/api/segments?issue=024&lang=zh", {{credentials: "include"}}).then(r => r.text()),
  fetch(target + "/api/segments", {{method: "POST", mode: "no-cors", credentials: "include", headers: {{"Content-Type": "text/plain"}}, body}}),
]).then(r => {{ window.results = r.map(x => x.status + ":" + (x.value && x.value.length)); window.done = true; }});
</script></body>""".encode()
    attacker = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Attacker)
    thread = threading.Thread(target=attacker.serve_forever, daemon=True)
    thread.start()
    try:
        before = (issue / "zh.po").read_bytes()
        context = browser.new_context()
        victim = context.new_page()
        victim.goto(server.url)  # the reviewer has the review page open: the cookie is set
        victim.wait_for_selector(".row[data-id]")
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{attacker.server_address[1]}/")
        page.wait_for_function("window.done === true", timeout=30_000)
        results = page.evaluate("window.results")
        assert results[0].startswith("rejected") and results[1].startswith("rejected"), results
        page.evaluate("document.getElementById('f').submit()")
        page.wait_for_load_state("load")
        assert (issue / "zh.po").read_bytes() == before
        context.close()
    finally:
        attacker.shutdown()
        attacker.server_close()


def test_a_changed_source_shows_the_diff_and_the_translation_approved_before(browser, server, api, issue: Path):
    from bilingual.engines.registry import make_engine
    from bilingual.glossary.load import load_glossary
    from bilingual.run import RunOptions, translate_archive
    from bilingual.layout import find_jobs
    from review_support import GLOSSARY

    row = _plain_machine(api)
    assert api.put("/api/segments", json=change(row, "改动之前批准的译文。")).status_code == 200
    assert server.workspace.rebuilder.wait(issue, 60)
    words = row["source"].split()
    edited = " ".join([*words[:-1], "reworded", words[-1]])
    source = issue / "en.md"
    source.write_text(source.read_text(encoding="utf-8").replace(row["source"], edited), encoding="utf-8")
    translate_archive(find_jobs([issue]), RunOptions(make_engine("pseudo"), ("zh", "ja"), load_glossary([GLOSSARY])))
    page = _open(browser, server)
    page.check("#f-changed")
    cell = page.locator('.row[data-id]:visible .cell[data-lang="zh"][data-status="changed"]')
    assert cell.count() == 1
    assert cell.locator(".previous ins").inner_text().strip() == "reworded"
    assert "改动之前批准的译文。" in cell.inner_text()


@pytest.fixture
def flawed_server(tmp_path: Path):
    """The sample issue with a reviewer's mistakes in zh.po and a hand edit of zh.md (findings_support)."""
    from bilingual.glossary.load import load_glossary
    from bilingual.review.server import ReviewServer
    from findings_support import GLOSSARY, break_edition, break_po, sample_copy

    folder = sample_copy(tmp_path)
    break_po(folder)
    break_edition(folder)
    with ReviewServer([folder.parent], ["zh", "ja"], load_glossary([GLOSSARY])) as running:
        yield running


def test_checks_findings_show_once_each_on_their_sentence_or_in_the_issues_list(browser, flawed_server):
    import httpx

    with httpx.Client(base_url=flawed_server.origin, headers={"Authorization": f"Bearer {flawed_server.token}"}, timeout=60) as client:
        listed = client.get("/api/findings", params={"issue": "024"}).json()
    own = [f for f in listed if f["row"] is None]
    assert own and len(own) < len(listed)
    page = _open(browser, flawed_server)
    assert page.locator("#issue-findings li.finding").count() == len(own)
    assert page.locator("li.finding").count() == len(listed), "each finding once on the page"
    link = own[0]
    assert f"{link['file']}:{link['line']}" in page.locator("#issue-findings").inner_text()
    paper = next(f for f in listed if f["rule"] == "forbidden-term")
    shown = _cell(page, paper["row"]).locator(f'li.finding[data-rule="forbidden-term"][data-line="{paper["line"]}"]')
    assert shown.count() == 1 and f"error forbidden-term · zh.po:{paper['line']}" in shown.inner_text()
    assert page.errors == []


def test_a_fix_clears_its_finding_and_the_rebuild_refreshes_the_issues_list(browser, flawed_server):
    """Approving 论文 for 'Papers' clears the sentence's forbidden-term at once; the rebuild then writes
    zh.md from the PO file (the hand edit kept as a comment), and the issue's list follows check."""
    import httpx

    def listed() -> list[dict]:
        with httpx.Client(base_url=flawed_server.origin, headers={"Authorization": f"Bearer {flawed_server.token}"}, timeout=60) as client:
            return client.get("/api/findings", params={"issue": "024"}).json()

    paper = next(f for f in listed() if f["rule"] == "forbidden-term")
    page = _open(browser, flawed_server)
    assert page.locator("#issue-findings li.finding").count() > 0
    cell = _cell(page, paper["row"])
    cell.locator("textarea").fill("论文")
    cell.locator("button.approve").click()
    # the sentence was approved already (a reviewer's mistake): its finding goes once the save answers
    page.wait_for_selector(f'.row[data-id="{paper["row"]}"] .cell[data-lang="zh"] li.finding[data-rule="forbidden-term"]',
                           state="detached")
    assert entry(flawed_server.workspace.issues["024"].po("zh"), paper["row"]).msgstr == "论文"
    assert flawed_server.workspace.rebuilder.wait(flawed_server.workspace.issues["024"].source.parent, 60)
    page.wait_for_selector("#rebuild:has-text('rebuilt')")
    page.wait_for_selector("#issue-findings", state="hidden")
    now = listed()
    assert [f for f in now if f["row"] is None] == []
    assert page.locator("li.finding").count() == len(now)
    assert page.errors == []
