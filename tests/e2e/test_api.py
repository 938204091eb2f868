"""bilingual as a library, used the way a static-site plugin would: import it, translate the
pages it is handed, check them, publish, and get typed values back (nothing printed)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bilingual
from bilingual.checks.model import CheckResult
from bilingual.errors import BilingualError
from bilingual.run import Summary
from conftest import ROOT, SAMPLE_ISSUE

GLOSSARY = ROOT / "glossary"


@pytest.fixture
def site_source(tmp_path: Path) -> Path:
    """A plugin's content folder: one issue with its English source and newsletter settings."""
    issues = tmp_path / "issues"
    (issues / "024").mkdir(parents=True)
    shutil.copy(SAMPLE_ISSUE / "en.md", issues / "024" / "en.md")
    shutil.copytree(SAMPLE_ISSUE / "img", issues / "024" / "img")
    shutil.copy(ROOT / "issues" / "newsletter.yaml", issues / "newsletter.yaml")
    return issues


def test_importing_bilingual_imports_nothing_else():
    code = "import sys, bilingual; print(sorted(m for m in sys.modules if m.startswith('bilingual')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.replace("'", '"')) == ["bilingual", "bilingual.version"]


def test_a_site_plugin_translates_checks_and_publishes(site_source: Path, tmp_path: Path):
    glossary = bilingual.load_glossary([GLOSSARY])
    options = bilingual.RunOptions(bilingual.engine("pseudo"), ("zh", "ja"), glossary)
    summary = bilingual.translate([site_source / "024"], options)
    assert isinstance(summary, Summary) and summary.jobs == 1 and summary.engine_calls > 0
    assert (site_source / "024" / "zh.md").is_file() and (site_source / "024" / "ja.po").is_file()
    result = bilingual.check([site_source / "024"], glossary=glossary)
    assert isinstance(result, CheckResult) and len(result.files) == 4
    published = bilingual.publish([site_source], tmp_path / "site", glossary=glossary)
    assert (tmp_path / "site" / "024" / "zh.html").is_file() and published.folders == (site_source / "024",)


def test_the_library_writes_what_the_cli_writes(site_source: Path, tmp_path: Path, runner, monkeypatch):
    from bilingual.cli import app

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the same PO-Revision-Date in both runs
    twin = tmp_path / "twin" / "024"  # the folder name is in the PO header
    shutil.copytree(site_source / "024", twin)
    options = bilingual.RunOptions(bilingual.engine("pseudo"), ("zh", "ja"), bilingual.load_glossary([GLOSSARY]))
    bilingual.translate([site_source / "024"], options)
    result = runner.invoke(app, ["translate", str(twin), "--engine", "pseudo", "--glossary", str(GLOSSARY)])
    assert result.exit_code == 0, result.output
    for name in ("zh.md", "ja.md", "zh.po", "ja.po", "aligned.md"):
        assert (site_source / "024" / name).read_bytes() == (twin / name).read_bytes(), name


def test_segment_gives_the_ids_the_cli_lists(runner):
    from bilingual.cli import app

    text = (SAMPLE_ISSUE / "en.md").read_text(encoding="utf-8")
    listed = json.loads(runner.invoke(app, ["segment", str(SAMPLE_ISSUE / "en.md"), "--format", "json"]).stdout)
    assert [s.id for s in bilingual.segment(text, str(SAMPLE_ISSUE / "en.md"))] == [row["id"] for row in listed]


def test_library_errors_are_bilingual_errors_with_the_file(tmp_path: Path):
    bad = tmp_path / "glossary.yaml"
    bad.write_text("terms:\n  - en: paper\n    zh: [\n", encoding="utf-8")
    with pytest.raises(BilingualError, match="glossary.yaml"):
        bilingual.load_glossary([bad])


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        bilingual.no_such_thing  # noqa: B018
