"""What the review tests share: a machine-translated copy of the sample issue, and a real server on it.

The issue is issues/024's en.md translated with ``--engine pseudo`` (every entry machine output,
fuzzy) and the project's glossary, once per test module; each test gets its own copy, and a
server on 127.0.0.1 at a free port that stops when the test ends.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import ROOT, SAMPLE_ISSUE

GLOSSARY = ROOT / "glossary"


def translated_issue(base: Path) -> Path:
    """``base/issues/024``: the sample en.md translated into zh and ja by the pseudo engine."""
    from bilingual.engines.registry import make_engine
    from bilingual.glossary.load import load_glossary
    from bilingual.run import RunOptions, translate_archive
    from bilingual.layout import find_jobs

    folder = base / "issues" / "024"
    folder.mkdir(parents=True)
    shutil.copy(SAMPLE_ISSUE / "en.md", folder / "en.md")
    translate_archive(find_jobs([folder]), RunOptions(make_engine("pseudo"), ("zh", "ja"), load_glossary([GLOSSARY])))
    return folder


@pytest.fixture(scope="module")
def machine_issue(tmp_path_factory) -> Path:
    return translated_issue(tmp_path_factory.mktemp("review-source"))


@pytest.fixture
def issue(machine_issue: Path, tmp_path: Path) -> Path:
    """A private copy of the machine-translated issue: ``tmp_path/issues/024``."""
    target = tmp_path / "issues" / "024"
    shutil.copytree(machine_issue, target)
    return target


@pytest.fixture
def server(issue: Path) -> Iterator[object]:
    from bilingual.glossary.load import load_glossary
    from bilingual.review.server import ReviewServer

    with ReviewServer([issue.parent], ["zh", "ja"], load_glossary([GLOSSARY])) as running:
        yield running


@pytest.fixture
def api(server) -> Iterator[httpx.Client]:
    """A client that authenticates with the bearer header."""
    with httpx.Client(base_url=server.origin, headers={"Authorization": f"Bearer {server.token}"}, timeout=60) as client:
        yield client


def segments(api: httpx.Client, lang: str = "zh") -> list[dict]:
    answer = api.get("/api/segments", params={"issue": "024", "lang": lang})
    assert answer.status_code == 200, answer.text
    return answer.json()


def change(segment: dict, text: str, status: str = "approved", lang: str = "zh", **extra) -> dict:
    return {"issue": "024", "lang": lang, "id": segment["id"], "text": text, "status": status, "etag": segment["etag"], **extra}


def entry(po_path: Path, segment_id: str):
    """The active entry of ``segment_id`` in the PO file, read the way bilingual reads it."""
    from bilingual.memory.po import read_catalog

    catalog = read_catalog(po_path)
    return next(e for e in catalog.active if e.msgctxt == segment_id)
