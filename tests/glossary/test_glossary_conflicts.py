"""`glossary lint` rejects contradictions between terms, naming file:line of both sides (issue #10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.glossary import lint

# (glossary text, the line reported, the other side's line, a piece of the message)
CONFLICTS = {
    "target-forbidden-by-another-term": (
        "terms:\n  - en: paper\n    zh: 论文\n    forbidden: {zh: [报纸]}\n  - en: newspaper\n    zh: 报纸\n",
        5, 2, "'报纸' (zh) of 'newspaper' is forbidden in zh by 'paper'",
    ),
    "plural-term-overlaps-a-singular": (
        "terms:\n  - en: paper\n    zh: 论文\n    forbidden: {zh: [报纸]}\n  - en: Papers\n    zh: 报纸\n",
        5, 2, "'Papers' of 'Papers' is also matched by 'paper'",
    ),
    "keep-forbidden-by-another-term": (
        "terms:\n  - en: transformer\n    zh: 变换器\n    forbidden: {zh: [Transformer]}\n  - en: Transformer\n    keep: true\n",
        5, 2, "'Transformer' (zh) of 'Transformer' is forbidden in zh by 'transformer'",
    ),
    "keep-form-forbidden-by-itself": (
        "terms:\n  - en: Hydra\n    keep: true\n    forms: [hydra-core]\n    forbidden: {ja: [hydra-core]}\n",
        2, 2, "'hydra-core' (ja) of 'Hydra' is forbidden in ja by 'Hydra'",
    ),
    "case-sensitive-variant-also-forbidden": (
        "terms:\n  - en: PyTorch\n    keep: true\n    case_sensitive: true\n    forms: [py torch]\n    forbidden: {zh: [py torch]}\n",
        2, 2, "'py torch'",
    ),
    "inflection-overlaps-a-form": (
        "terms:\n  - en: mask\n    zh: 掩码\n    inflect: verb\n  - en: model\n    zh: 模型\n    forms: [masking]\n",
        5, 2, "'masking' of 'model' is also matched by 'mask'",
    ),
    "html-in-a-target": (
        "terms:\n  - en: paper\n    zh: '<img src=x onerror=alert(1)>论文'\n",
        3, None, "HTML markup",
    ),
    "html-in-a-ja-list": (
        "terms:\n  - en: paper\n    ja:\n      - 論文\n      - <b>論文</b>\n",
        5, None, "HTML markup",
    ),
    "unknown-inflect": (
        "terms:\n  - en: mask\n    zh: 掩码\n    inflect: adjective\n",
        4, None, "'inflect' must be one of noun, verb, none",
    ),
}


@pytest.mark.parametrize(("text", "line", "other", "message"), list(CONFLICTS.values()), ids=list(CONFLICTS))
def test_lint_rejects_the_contradiction_with_both_sides(tmp_path: Path, text: str, line: int, other: int | None, message: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    errors = [str(e) for e in lint([path])]
    hits = [e for e in errors if message in e]
    assert hits, errors
    assert hits[0].startswith(f"{path}:{line}: ")
    if other is not None:
        assert f"{path}:{other}" in hits[0]


def test_conflict_across_files_names_both_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("terms:\n  - en: paper\n    zh: 论文\n    forbidden: {zh: [报纸]}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("terms:\n  - en: Papers\n    zh: 报纸\n", encoding="utf-8")
    errors = [str(e) for e in lint([tmp_path])]
    assert any(e.startswith(f"{tmp_path / 'b.yaml'}:2: ") and f"{tmp_path / 'a.yaml'}:2" in e for e in errors), errors


@pytest.mark.parametrize(
    "text",
    [
        "terms:\n  - en: CIFAR-10\n    keep: true\n  - en: CIFAR-100\n    keep: true\n",
        "terms:\n  - en: Lightning\n    keep: true\n  - en: PyTorch Lightning\n    keep: true\n",
        "terms:\n  - en: label noise\n    zh: 标签噪声\n  - en: noisy labels\n    zh: 噪声标签\n    forms: [noisy label]\n",
        "terms:\n  - en: AI\n    zh: [人工智能, AI]\n    case_sensitive: true\n",
        "terms:\n  - en: paper\n    zh: 论文\n    forbidden: {zh: [报纸]}\n  - en: newspaper\n    ja: 新聞\n",
    ],
    ids=["longer-name", "nested-names", "distinct-terms", "keep-own-target", "other-language"],
)
def test_lint_accepts_terms_that_do_not_contradict(tmp_path: Path, text: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    assert [str(e) for e in lint([path])] == []


def test_cli_lint_fails_on_the_issue_example(tmp_path: Path) -> None:
    """The issue's case: ``Papers`` → 报纸 while ``paper`` forbids 报纸 linted as "OK" (exit 0)."""
    from typer.testing import CliRunner

    from bilingual.cli import app

    path = tmp_path / "g.yaml"
    path.write_text("terms:\n  - en: paper\n    zh: 论文\n    forbidden: {zh: [报纸]}\n  - en: Papers\n    zh: 报纸\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["glossary", "lint", str(path)])
    assert result.exit_code == 2
    assert f"{path}:5: '报纸' (zh) of 'Papers' is forbidden in zh by 'paper' (defined at {path}:2)" in result.output
    assert f"{path}:5: 'Papers' of 'Papers' is also matched by 'paper'" in result.output
