"""The headless Chromium that every browser test shares (system Chromium through Playwright).

Test modules import the fixture (``from conftest_browser import browser``); it skips, with the
reason, where Playwright or Chromium is missing or Chromium cannot start.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import screenshots  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import Error
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install playwright)")
    if screenshots.chromium() is None:
        pytest.skip("Chromium not found (apt-get install chromium)")
    try:
        with screenshots.browser() as launched:
            yield launched
    except Error as exc:
        pytest.skip(f"Chromium could not be launched: {str(exc).splitlines()[0]}")
