"""Every kind of page bilingual writes, built from the sample issue and shown in headless Chromium.

``build_pages(base)`` builds them under ``base`` (the test suite's browser check uses it too):
the published site of issues/024 (home page and the issue in each language, side by side) and
the report a run writes. Run as a script, it saves a screenshot of each into docs/screenshots/
for the README:

    .venv/bin/python scripts/screenshots.py

Needs the ``playwright`` package and a system Chromium (``apt-get install chromium
fonts-noto-cjk``); Playwright's own browser download is not used.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "issues" / "024"
DOCS = ROOT / "docs" / "screenshots"
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
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
#: The e-mail editions are drawn at the width a mail client gives them.
SHOT_WIDTHS = {**WIDTHS, "email": (600, 1100)}
#: The address the e-mails are built for; the browser is served the built site under it.
EMAIL_BASE = "https://example.org/news/"
#: page name → (path under the build folder, language of its main text)
PAGES = {
    "home-en": ("site/index.html", "en"),
    "home-zh": ("site/index.zh.html", "zh"),
    "home-ja": ("site/index.ja.html", "ja"),
    "issue-en": ("site/024/index.html", "en"),
    "issue-zh": ("site/024/zh.html", "zh"),
    "issue-ja": ("site/024/ja.html", "ja"),
    "aligned": ("site/024/aligned.html", "en"),
    "report": ("run/024/report.html", "en"),
    "email-en": ("site/024/en.email.html", "en"),
    "email-zh": ("site/024/zh.email.html", "zh"),
    "email-ja": ("site/024/ja.email.html", "ja"),
}
#: the screenshots the README shows: (page, width)
SHOTS = [
    ("home-en", "desktop"),
    ("issue-zh", "desktop"),
    ("issue-ja", "phone"),
    ("aligned", "desktop"),
    ("report", "desktop"),
    ("email-en", "email"),
    ("email-zh", "email"),
    ("email-ja", "email"),
]


def chromium() -> str | None:
    """The system Chromium, if there is one."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def build_pages(base: Path) -> dict[str, Path]:
    """The site of issues/024 in ``base/site`` and a run's outputs in ``base/run/024``; page name → file.

    The run is ``bilingual translate`` on en.md and the sample's PO files (no engine is needed:
    every sentence is approved), so its report and aligned page are what a translator gets.
    """
    import os

    from typer.testing import CliRunner

    from bilingual.cli import app

    issues = base / "issues"
    shutil.copytree(SAMPLE, issues / "024", ignore=shutil.ignore_patterns("aligned.*", "report.*", "*.tmx"))
    shutil.copy(SAMPLE.parent / "newsletter.yaml", issues / "newsletter.yaml")
    run_folder = base / "run" / "024"
    shutil.copytree(SAMPLE, run_folder, ignore=shutil.ignore_patterns("*.md", "*.html", "*.tmx"))
    shutil.copy(SAMPLE / "en.md", run_folder / "en.md")
    env = {**os.environ, "BILINGUAL_CACHE_DIR": "off"}
    glossary = str(ROOT / "glossary")
    for args in (
        ["publish", str(issues), "--out", str(base / "site"), "--glossary", glossary, "--email", "--base-url", EMAIL_BASE],
        ["translate", str(run_folder), "--engine", "identity", "--glossary", glossary],
    ):
        result = CliRunner().invoke(app, args, env=env)
        if result.exit_code != 0:
            raise RuntimeError(f"bilingual {' '.join(args)} failed: {result.output}")
    return {name: base / path for name, (path, _) in PAGES.items()}


def serve_site(page, site: Path) -> None:
    """Answer the browser's requests for :data:`EMAIL_BASE` from the built ``site`` folder (no network)."""
    root = site.resolve()

    def answer(route) -> None:
        target = (root / route.request.url[len(EMAIL_BASE):].split("?")[0]).resolve()
        if root in target.parents and target.is_file():
            route.fulfill(path=str(target))
        else:
            route.fulfill(status=404, body="")

    page.route(f"{EMAIL_BASE}**", answer)


def open_page(chrome, path: Path, size: tuple[int, int]):
    """A new page of ``size`` showing ``path``, with the e-mails' absolute URLs served from its site."""
    page = chrome.new_page(viewport={"width": size[0], "height": size[1]}, device_scale_factor=1)
    site = next((parent for parent in path.parents if parent.name == "site"), None)
    if site is not None:
        serve_site(page, site)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


@contextmanager
def browser() -> Iterator[object]:
    """Headless system Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    if executable is None:
        raise RuntimeError("Chromium not found (apt-get install chromium)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def main() -> int:
    import tempfile

    DOCS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, browser() as chrome:
        pages = build_pages(Path(tmp))
        for name, width in SHOTS:
            page = open_page(chrome, pages[name], SHOT_WIDTHS[width])
            target = DOCS / f"{name}-{width}.png"
            page.screenshot(path=str(target))
            page.close()
            print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
