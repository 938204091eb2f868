"""A screenshot of ``bilingual review`` for the README: docs/screenshots/review-desktop.png.

The sample issue is copied into a temporary folder, one sentence of its en.md is changed and the
issue translated again with the pseudo engine (so that sentence shows "source changed" with the
diff), two approved Chinese sentences are put back to fuzzy, and the review server is opened on
it in headless Chromium:

    .venv/bin/python scripts/review_screenshot.py

Needs the ``playwright`` package and a system Chromium (see scripts/screenshots.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from screenshots import DOCS, ROOT, SAMPLE, browser

CHANGED = ("Synthetic data comes with accurate annotations and in large quantities",
           "Synthetic data comes with exact annotations and in very large quantities")


def prepare(base: Path) -> Path:
    from bilingual.memory.po import FUZZY, read_catalog, render

    issue = base / "issues" / "024"
    shutil.copytree(SAMPLE, issue)
    source = issue / "en.md"
    source.write_text(source.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8")
    translate = ["translate", str(issue), "--engine", "pseudo", "--glossary", str(ROOT / "glossary")]
    subprocess.run([sys.executable, "-c", "from bilingual.cli import main; main()", *translate], check=True, cwd=base)
    po = issue / "zh.po"
    catalog = read_catalog(po)
    fuzzy = {e.msgctxt for e in catalog.active[5:7]}
    entries = tuple(replace(e, flags=(FUZZY, *e.flags)) if e.msgctxt in fuzzy else e for e in catalog.entries)
    po.write_text(render(replace(catalog, entries=entries)), encoding="utf-8")
    return issue


def main() -> int:
    from bilingual.glossary.load import load_glossary
    from bilingual.review.server import ReviewServer

    DOCS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        issue = prepare(Path(tmp))
        with ReviewServer([issue.parent], ["zh", "ja"], load_glossary([ROOT / "glossary"])) as server, browser() as chrome:
            page = chrome.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
            page.goto(server.url)
            page.wait_for_selector(".row[data-id]")
            page.check("#f-unapproved")
            first = page.locator(".row[data-id]:visible .cell[data-lang='zh'] textarea").first
            first.focus()
            page.evaluate("window.scrollTo(0, 0)")
            target = DOCS / "review-desktop.png"
            page.screenshot(path=str(target))
            print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
