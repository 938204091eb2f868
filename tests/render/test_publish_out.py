"""Where ``publish`` may write: a new or empty folder, or a site folder it wrote itself (marked),
which it replaces whole; never a folder of someone else's files, the issues, ``/`` or home."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilingual.cli import app
from conftest import SAMPLE_ISSUE

MARKER = ".bilingual-site"


@pytest.fixture
def issues(tmp_path: Path) -> Path:
    folder = tmp_path / "issues"
    shutil.copytree(SAMPLE_ISSUE, folder / "024")
    shutil.copy(SAMPLE_ISSUE.parent / "newsletter.yaml", folder)
    return folder


def _publish(runner, issues: Path, out: Path | str):
    return runner.invoke(app, ["publish", str(issues), "--out", str(out), "--no-glossary"])


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_new_folder_is_marked_as_written_by_bilingual(runner, issues, tmp_path):
    result = _publish(runner, issues, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / MARKER).is_file()
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_folder_of_someone_elses_files_is_refused_and_left_alone(runner, issues, tmp_path):
    out = tmp_path / "www"
    out.mkdir()
    (out / "index.html").write_text("<h1>my own page</h1>", encoding="utf-8")
    result = _publish(runner, issues, out)
    assert result.exit_code == 2
    assert result.stderr == (f"bilingual: error: {out}: is not empty and was not written by bilingual publish "
                             f"(no {MARKER}); choose a new or empty folder\n")
    assert _tree(out) == {"index.html": b"<h1>my own page</h1>"}


def test_an_empty_folder_is_used(runner, issues, tmp_path):
    (tmp_path / "empty").mkdir()
    assert _publish(runner, issues, tmp_path / "empty").exit_code == 0


def test_republishing_replaces_the_site_whole_and_removes_stale_files(runner, issues, tmp_path):
    out = tmp_path / "site"
    assert _publish(runner, issues, out).exit_code == 0
    first = _tree(out)
    (out / "023").mkdir()
    (out / "023" / "index.html").write_text("an issue since removed", encoding="utf-8")
    (out / "index.html").write_text("edited by hand", encoding="utf-8")
    result = _publish(runner, issues, out)
    assert result.exit_code == 0, result.output
    assert _tree(out) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["issues", "site"]  # no temporary sibling left


def test_republishing_an_unchanged_site_writes_nothing(runner, issues, tmp_path):
    out = tmp_path / "site"
    assert _publish(runner, issues, out).exit_code == 0
    stamp = (out / "index.html").stat().st_mtime_ns
    result = _publish(runner, issues, out)
    assert result.exit_code == 0
    assert ", 0 written;" in result.stdout
    assert (out / "index.html").stat().st_mtime_ns == stamp


def test_the_root_folder_is_refused():
    """Checked without running publish: were the check broken, publish would write into /."""
    from bilingual.errors import InputError
    from bilingual.render.siteout import check_site_folder

    with pytest.raises(InputError, match="is the root folder"):
        check_site_folder(Path("/"), [SAMPLE_ISSUE])


@pytest.mark.parametrize("where", ["issue", "issues", "parent", "home", "file"])
def test_dangerous_folders_are_refused_with_one_line(runner, issues, tmp_path, monkeypatch, where):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    out = {"issue": issues / "024", "issues": issues, "parent": tmp_path, "home": home,
           "file": tmp_path / "afile"}[where]
    before = _tree(tmp_path)
    result = _publish(runner, issues, out)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"bilingual: error: {out}: ")
    assert _tree(tmp_path) == before
