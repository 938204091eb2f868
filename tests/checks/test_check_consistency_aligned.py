"""Consistency without a glossary, on real translations (tests/fixtures/real: the Vue guide, CC BY 4.0,
and the diffusers docs, Apache-2.0; see that folder's README for the licences).

Source terms and their renderings come from aligning each English unit with its translation
(checks/termalign.py). The cases are the findings the real corpus gives, and one planted change
of real lines (said so where it is made).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bilingual.checks import check_paths
from bilingual.cli import app
from bilingual.glossary.load import load_glossary, parse_text

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "fixtures" / "real"
ALIGNED = " (renderings aligned with the source; no glossary entry)."


def _consistency(result) -> list[tuple[str, int, str, str, str]]:
    return [(Path(v.file).relative_to(REAL).as_posix() if Path(v.file).is_relative_to(REAL) else Path(v.file).name,
             v.line, v.severity, v.found, v.message) for v in result.violations if v.rule == "consistency"]


@pytest.fixture(scope="module")
def vue_zh():
    return check_paths([REAL / "vue"], "zh", None, None, jobs=1)


def test_track_rendered_two_ways_in_one_vue_page_is_a_warning_with_counts(vue_zh):
    """essentials-watchers/zh.md: "track" (reactive dependencies) is 追踪 five times and 跟踪 twice."""
    warnings = [c for c in _consistency(vue_zh) if c[2] == "warning"]
    assert warnings == [("vue/essentials-watchers/zh.md", 338, "warning", "跟踪",
                         "Term 'track' is not rendered consistently: in this document 追踪 ×5, 跟踪 ×2" + ALIGNED)]


def test_the_vue_guide_in_chinese_gives_only_the_track_findings(vue_zh):
    assert [(f, line, sev, found) for f, line, sev, found, _ in _consistency(vue_zh)] == [
        ("vue/components-props/zh.md", 181, "info", "追踪"),
        ("vue/essentials-list/zh.md", 256, "info", "跟踪"),
        ("vue/essentials-watchers/zh.md", 338, "warning", "跟踪"),
        ("vue/introduction/zh.md", 88, "info", "跟踪"),
    ]


def test_the_vue_guide_in_japanese_has_two_senses_of_build_not_two_renderings():
    """ビルド is a build step or tool; 構築 is building an app: the Japanese translation is right."""
    result = check_paths([REAL / "vue"], "ja", None, None, jobs=1)
    assert not [c for c in _consistency(result) if c[2] != "info"]
    assert not any("'build'" in c[4] for c in _consistency(result))


def test_with_a_glossary_the_aligned_terms_still_run_for_terms_it_lacks():
    result = check_paths([REAL / "vue"], "zh", None, load_glossary([ROOT / "glossary" / "ml.yaml"]), jobs=1)
    assert ("vue/essentials-watchers/zh.md", 338, "warning", "跟踪") in [c[:4] for c in _consistency(result)]


def _planted(folder: Path) -> Path:
    """conceptual-philosophy/zh.md with 调度器 ("scheduler") changed to 调度程序 on its last 9 of 18 lines (planted)."""
    folder.mkdir(parents=True)
    shutil.copy(REAL / "diffusers" / "conceptual-philosophy" / "en.md", folder / "en.md")
    lines = (REAL / "diffusers" / "conceptual-philosophy" / "zh.md").read_text(encoding="utf-8").split("\n")
    hits = [k for k, line in enumerate(lines) if "调度器" in line]
    for k in hits[len(hits) // 2:]:
        lines[k] = lines[k].replace("调度器", "调度程序")
    (folder / "zh.md").write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_a_real_page_with_a_term_planted_two_ways_gets_one_warning(tmp_path):
    [hit] = _consistency(check_paths([_planted(tmp_path / "p")], "zh", None, None))
    assert hit == ("zh.md", 34, "warning", "调度器",
                   "Term 'scheduler' is not rendered consistently: in this document 调度程序 ×9, 调度器 ×8" + ALIGNED)


def test_the_real_page_as_written_has_no_consistency_finding():
    assert _consistency(check_paths([REAL / "diffusers" / "conceptual-philosophy"], "zh", None, None)) == []


def test_check_no_glossary_reports_it_and_fails_on_warning(runner, tmp_path):
    result = runner.invoke(app, ["check", str(_planted(tmp_path / "p")), "--no-glossary", "--fail-on", "warning"])
    assert result.exit_code == 1, result.output
    assert "warning consistency: Term 'scheduler' is not rendered consistently" in result.stdout
    assert "consistency used the renderings aligned with the source" in result.stderr


def test_glossary_suggest_bootstraps_a_glossary_without_one(runner, tmp_path):
    out = tmp_path / "suggested.yaml"
    result = runner.invoke(app, ["glossary", "suggest", str(_planted(tmp_path / "p")), "--lang", "zh", "--no-glossary",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 term rendered more than one way in 1 file" in result.stderr
    [term] = yaml.safe_load(out.read_text(encoding="utf-8"))["terms"]
    assert (term["en"], term["zh"], term["forbidden"]) == ("scheduler", "调度程序", {"zh": ["调度器"]})
    assert term["note"].startswith("zh renderings used: 调度程序 ×9, 调度器 ×8")
    assert parse_text(out.read_text(encoding="utf-8"), str(out))[1] == []


def test_glossary_suggest_refuses_both_glossary_flags(runner, tmp_path):
    result = runner.invoke(app, ["glossary", "suggest", str(tmp_path), "--lang", "zh", "--no-glossary", "-g", "x.yaml"])
    assert result.exit_code == 2 and "contradict" in result.stderr


def _po(entries: list[tuple[str, str]]) -> str:
    body = "".join(f'\nmsgctxt "s{k}"\nmsgid "{en}"\nmsgstr "{zh}"\n' for k, (en, zh) in enumerate(entries))
    return 'msgid ""\nmsgstr ""\n"Language: zh\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + body


def test_po_entries_are_aligned_too(tmp_path):
    words = ["first", "last", "here", "there", "later", "once", "twice", "now", "again", "anywhere"]
    entries = [(f"Masking {w}.", f"{'掩码' if k < 6 else '遮罩'}{'一二三四五六七八九十'[k]}。") for k, w in enumerate(words)]
    entries += [(f"Masking works {w}.", f"遮罩{'一二三四五六七八九十'[k]}。") for k, w in enumerate(words[:2])]
    po = tmp_path / "zh.po"
    po.write_text(_po(entries), encoding="utf-8")
    [hit] = check_paths([po], "zh", None, None).violations
    assert (hit.rule, hit.severity, hit.found, hit.segment) == ("consistency", "warning", "遮罩", "s6")
    assert "in this document 掩码 ×6, 遮罩 ×6" in hit.message
    assert po.read_text(encoding="utf-8").split("\n")[hit.line - 1] == 'msgstr "遮罩七。"'
