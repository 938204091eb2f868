"""The review screen's findings are ``bilingual check``'s (issue #23): for the files of an issue as
they are on disk, ``GET /api/findings`` lists exactly what ``check --format json`` reports, each
finding once, with the same rule names and the severities bilingual.toml sets; the sentence rows
carry those that belong to a sentence, and the rest are the issue's own list."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bilingual.cli import app
from findings_support import (GLOSSARY, LOWERED, break_edition, break_po, from_check, from_html, key, sample_copy,
                              severities)
from review_support import change


@pytest.fixture(params=["default", "lowered"], ids=["default-severities", "bilingual.toml-lowers-one"])
def edited(request, tmp_path, monkeypatch) -> Path:
    """issues/024 with a reviewer's mistakes in zh.po and a hand edit of zh.md, in a project whose
    bilingual.toml may lower untranslated-source to a warning."""
    folder = sample_copy(tmp_path)
    if request.param == "lowered":
        (tmp_path / "bilingual.toml").write_text(LOWERED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    break_po(folder)
    break_edition(folder)
    return folder


@pytest.fixture
def api(edited: Path, tmp_path: Path) -> Iterator[httpx.Client]:
    """The review server as ``bilingual review`` runs it from ``tmp_path``: with its bilingual.toml in force."""
    from bilingual.document.protect import activate, deactivate, find_config, load_config
    from bilingual.glossary.load import load_glossary
    from bilingual.review.server import ReviewServer

    config = find_config(tmp_path)
    token = activate(load_config(config)) if config is not None else None
    try:
        with ReviewServer([edited.parent], ["zh", "ja"], load_glossary([GLOSSARY])) as server:
            with httpx.Client(base_url=server.origin, headers={"Authorization": f"Bearer {server.token}"}, timeout=60) as client:
                client.server = server  # type: ignore[attr-defined]
                yield client
    finally:
        if token is not None:
            deactivate(token)


def _checked(runner, folder: Path) -> Counter:
    result = runner.invoke(app, ["check", str(folder), "--glossary", str(GLOSSARY), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return from_check(result.stdout)


def _shown(findings: list[dict]) -> Counter:
    return Counter(key(f["file"], f["line"], f["rule"], f["severity"], f["found"]) for f in findings)


def _without_line(findings: list[dict]) -> Counter:
    return Counter((Path(f["file"]).name, f["rule"], f["severity"], f["found"]) for f in findings)


def _listed(api: httpx.Client) -> list[dict]:
    answer = api.get("/api/findings", params={"issue": "024"})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _rows(api: httpx.Client, lang: str) -> list[dict]:
    answer = api.get("/api/segments", params={"issue": "024", "lang": lang})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_issues_findings_are_exactly_checks_each_once(runner, api, edited: Path, tmp_path: Path):
    expected = _checked(runner, edited)
    lowered = (tmp_path / "bilingual.toml").is_file()
    assert severities(expected, "untranslated-source") == {"warning" if lowered else "error"}
    assert _shown(_listed(api)) == expected


def test_the_sentence_rows_and_the_issue_list_together_show_each_finding_once(runner, api, edited: Path):
    expected = _checked(runner, edited)
    listed = _listed(api)
    issue_level = [f for f in listed if f["row"] is None]
    assert issue_level, "the link changed in a paragraph whose sentences were merged belongs to no one sentence"
    rows = [row for lang in ("zh", "ja") for row in _rows(api, lang)]
    assert all(f["row"] == row["id"] for row in rows for f in row["findings"])
    assert _shown([f for row in rows for f in row["findings"]]) + _shown(issue_level) == expected


def test_a_save_shows_the_sentences_findings_as_check_then_reports_them(runner, api, edited: Path):
    row = next(r for r in _rows(api, "zh") if r["source"] == "In the sections below, I introduce articles and papers "
               "not only on the topics above but across the following five areas:")
    answer = api.put("/api/segments", json=change(row, "下文介绍的报纸不仅涉及上述话题，还涵盖以下五个领域："))
    assert answer.status_code == 200, answer.text
    saved = answer.json()["findings"]
    assert any(f["rule"] == "forbidden-term" for f in saved)
    assert api.server.workspace.rebuilder.wait(edited, 60)  # type: ignore[attr-defined]
    result = runner.invoke(app, ["check", str(edited), "--glossary", str(GLOSSARY), "--format", "json"])
    mine = [v for v in json.loads(result.stdout)["violations"] if v["segment"] == row["id"]]
    assert _without_line(saved) == _without_line(mine), "the rebuild moved the entry's line; the rest is the same"
    expected = from_check(result.stdout)
    assert _shown(_listed(api)) == expected
    for name in ("report.html", "aligned.html"):  # the views the save rebuilt
        assert from_html((edited / name).read_text(encoding="utf-8")) == expected, name
