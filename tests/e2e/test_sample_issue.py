"""The README's main job: ``bilingual translate issues/024`` on a machine with no model installed.

issues/024/zh.po and ja.po hold approved translations of every sentence, so the full trilingual
edition comes from memory and the engine is never needed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bilingual.glossary.load import load_glossary
from bilingual.document.markdown import parse, renderer
from bilingual.memory.po import read_catalog
from bilingual.memory.merge import translatable
from bilingual.document.placeholders import token_counts
from conftest import ROOT, SAMPLE_ISSUE

BIN = Path(sys.executable).parent / "bilingual"
LANGS = ("zh", "ja")


@pytest.fixture
def fresh_copy(tmp_path: Path) -> Path:
    """issues/024 with its PO files but without editions, and an empty Argos package folder."""
    issue = tmp_path / "issues" / "024"
    issue.mkdir(parents=True)
    for name in ("en.md", "zh.po", "ja.po"):
        shutil.copy(SAMPLE_ISSUE / name, issue / name)
    return issue


def translate(issue: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "no-models"), "BILINGUAL_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([str(BIN), "translate", str(issue)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_translate_builds_the_full_edition_from_memory_without_a_model(fresh_copy, tmp_path):
    result = translate(fresh_copy, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "190 approved" in result.stdout and "0 sentence(s) sent to argos" in result.stdout
    for lang in LANGS:
        assert (fresh_copy / f"{lang}.md").read_text(encoding="utf-8") == (SAMPLE_ISSUE / f"{lang}.md").read_text(encoding="utf-8")
        assert (fresh_copy / f"{lang}.po").read_bytes() == (SAMPLE_ISSUE / f"{lang}.po").read_bytes(), (
            f"{lang}.po is out of date with the source or glossary: run `bilingual translate issues/024` and commit it"
        )


def test_a_segment_without_approved_translation_needs_an_engine(fresh_copy, tmp_path):
    po = fresh_copy / "ja.po"
    changed = po.read_text(encoding="utf-8").replace('msgstr "自己紹介"', 'msgstr ""')
    po.write_text(changed, encoding="utf-8")
    result = translate(fresh_copy, tmp_path)
    assert result.returncode == 2
    assert "1 segment(s) (ja: 1) have no translation in the PO files and need an engine" in result.stderr
    assert not (fresh_copy / "zh.md").exists() and po.read_text(encoding="utf-8") == changed


@pytest.mark.parametrize("lang", LANGS)
def test_every_segment_is_approved_and_keeps_its_placeholders(lang):
    catalog = read_catalog(SAMPLE_ISSUE / f"{lang}.po")
    segments = translatable(parse((SAMPLE_ISSUE / "en.md").read_text(encoding="utf-8"), "en.md"))
    entries = {e.msgctxt: e for e in catalog.active}
    assert not catalog.obsolete
    assert [e.msgctxt for e in catalog.active] == [s.id for s in segments]
    for seg in segments:
        entry = entries[seg.id]
        assert entry.approved and entry.msgid == seg.text, seg.id
        assert token_counts(entry.msgstr) == token_counts(seg.text), seg.id
        assert entry.msgstr.count("\n") == seg.text.count("\n"), seg.id
        assert re.findall(r"\d{4}\.\d{5}", entry.msgstr) == re.findall(r"\d{4}\.\d{5}", seg.text), seg.id


@pytest.mark.parametrize("lang", LANGS)
def test_translations_follow_the_glossary(lang):
    glossary = load_glossary([ROOT / "glossary"])
    matcher = glossary.matcher
    problems = []
    for entry in read_catalog(SAMPLE_ISSUE / f"{lang}.po").active:
        needed = Counter(m.term for m in matcher.find_source(entry.msgid) if m.term.enforced(lang))
        for term, count in needed.items():
            if matcher.count_allowed(entry.msgstr, lang, term) < count:
                problems.append(f"{entry.msgctxt}: {term.en} should be {term.allowed(lang)}")
        problems += [f"{entry.msgctxt}: {m.surface} is forbidden" for m in matcher.find_target(entry.msgstr, lang) if m.kind == "forbidden"]
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_edition_has_the_markup_of_the_source(lang):
    def tags(path: Path) -> Counter[str]:
        return Counter(re.findall(r"<(/?[a-z0-9]+)", renderer().render(path.read_text(encoding="utf-8"))))

    assert tags(SAMPLE_ISSUE / f"{lang}.md") == tags(SAMPLE_ISSUE / "en.md")
    assert re.search(r"[。！？] [A-Za-z]", (SAMPLE_ISSUE / f"{lang}.md").read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("lang", LANGS)
def test_po_files_pass_msgfmt_check(lang):
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed")
    subprocess.run(["msgfmt", "--check", "--check-header", "-o", os.devnull, str(SAMPLE_ISSUE / f"{lang}.po")], check=True)


def test_status_reports_the_sample_fully_approved(runner):
    from bilingual.cli import app

    result = runner.invoke(app, ["status", str(SAMPLE_ISSUE), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    assert [(r["lang"], r["approved_percent"], r["total"]) for r in json.loads(result.stdout)] == [("zh", 100.0, 95), ("ja", 100.0, 95)]
