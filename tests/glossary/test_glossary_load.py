"""Loading and validating glossary files: every lint error names the right file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.errors import GlossaryError
from bilingual.glossary import Glossary, Term, find_files, lint, load_glossary

GOOD = """\
terms:
  - en: paper
    zh: 论文
    ja: [論文, ペーパー]
    forbidden:
      zh: [报纸]
      ja: [新聞]
    note: A research paper, never a newspaper.
  - en: Hydra
    keep: true
    forbidden: {zh: [九头蛇], ja: [ヒドラ]}
  - en: PyTorch
    keep: true
    case_sensitive: true
    forms: [py torch]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# (file content, expected line, a piece of the message)
LINT_CASES = {
    "yaml-syntax": ("terms:\n  - en: paper\n   zh: x\n", 3, "YAML syntax error"),
    "yaml-unclosed-quote": ('terms:\n  - en: "paper\n', 3, "YAML syntax error"),
    "unknown-key": ("terms:\n  - en: paper\n    jp: 論文\n", 3, "unknown key 'jp'; did you mean 'ja'?"),
    "unknown-top-key": ("version: 1\nterms:\n  - en: paper\n    zh: 论文\n", 1, "unknown key 'version'"),
    "unknown-forbidden-lang": ("terms:\n  - en: paper\n    zh: 论文\n    forbidden:\n      fr: [journal]\n", 5, "unknown key 'fr'"),
    "missing-en": ("terms:\n  - en: paper\n    zh: 论文\n  - zh: 报纸\n    ja: 新聞\n", 4, "term has no 'en'"),
    "empty-en": ('terms:\n  - en: ""\n    zh: 论文\n', 2, "'en' is empty"),
    "null-target": ("terms:\n  - en: paper\n    zh:\n", 3, "'zh' is empty"),
    "empty-target-list": ("terms:\n  - en: paper\n    zh: []\n", 3, "'zh' is an empty list"),
    "empty-item-in-list": ('terms:\n  - en: paper\n    zh:\n      - 论文\n      - ""\n', 5, "'zh' has an empty value"),
    "empty-note": ('terms:\n  - en: paper\n    zh: 论文\n    note: "  "\n', 4, "'note' is empty"),
    "empty-forms": ("terms:\n  - en: paper\n    zh: 论文\n    forms: []\n", 4, "'forms' is an empty list"),
    "empty-forbidden": ("terms:\n  - en: paper\n    zh: 论文\n    forbidden: {}\n", 4, "'forbidden' is empty"),
    "empty-forbidden-lang": ("terms:\n  - en: paper\n    zh: 论文\n    forbidden:\n      zh: []\n", 5, "'forbidden zh' is an empty list"),
    "empty-terms": ("terms: []\n", 1, "'terms' is empty"),
    "null-terms": ("terms:\n", 1, "'terms' is empty"),
    "empty-file": ("", 1, "file is empty"),
    "missing-terms": ("glossary:\n  - en: paper\n", 1, "unknown key 'glossary'"),
    "not-a-mapping": ("- en: paper\n", 1, "expected a mapping"),
    "term-not-a-mapping": ("terms:\n  - paper\n", 2, "each term must be a mapping"),
    "duplicate-term": ("terms:\n  - en: paper\n    zh: 论文\n  - en: Paper\n    ja: 論文\n", 4, "term 'Paper' is defined twice; first defined at"),
    "duplicate-form": ("terms:\n  - en: dataset\n    zh: 数据集\n  - en: data set\n    zh: 数据集合\n    forms: [dataset]\n", 4, "form 'dataset' of 'data set' is defined twice"),
    "form-repeats-en": ("terms:\n  - en: paper\n    zh: 论文\n    forms: [Paper]\n", 2, "repeats its 'en'"),
    "target-also-forbidden": ("terms:\n  - en: paper\n    zh: [论文, 报纸]\n    forbidden:\n      zh: [新闻, 报纸]\n", 5, "'报纸' is both an allowed zh rendering and forbidden"),
    "keep-forbidden-itself": ("terms:\n  - en: Hydra\n    keep: true\n    forbidden: {zh: [hydra]}\n", 4, "'hydra' is both an allowed zh rendering and forbidden"),
    "keep-with-target": ("terms:\n  - en: Hydra\n    keep: true\n    ja: ヒドラ\n", 4, "'keep: true' together with a 'ja' target"),
    "keep-not-bool": ("terms:\n  - en: Hydra\n    keep: maybe\n", 3, "'keep' must be true or false"),
    "case-sensitive-list": ("terms:\n  - en: PyTorch\n    keep: true\n    case_sensitive: [yes]\n", 4, "'case_sensitive' must be true or false"),
    "repeated-key": ("terms:\n  - en: paper\n    zh: 论文\n    zh: 文章\n", 4, "key 'zh' appears twice"),
    "target-is-mapping": ("terms:\n  - en: paper\n    zh: {a: b}\n", 3, "must be text or a list of texts"),
    "repeated-variant": ("terms:\n  - en: paper\n    zh: [论文, 论文]\n", 3, "lists '论文' twice"),
}


@pytest.mark.parametrize(("text", "line", "message"), list(LINT_CASES.values()), ids=list(LINT_CASES))
def test_lint_error_names_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, "g.yaml", text)
    errors = lint([path])
    assert errors, "expected a lint error"
    assert any(e.line == line and message in e.message for e in errors), [str(e) for e in errors]
    assert all(str(e).startswith(f"{path}:") for e in errors)


@pytest.mark.parametrize(("text", "line", "message"), list(LINT_CASES.values()), ids=list(LINT_CASES))
def test_load_raises_first_error_as_glossary_error(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, "g.yaml", text)
    first = lint([path])[0]
    with pytest.raises(GlossaryError) as caught:
        load_glossary([path])
    assert str(caught.value) == str(first)
    assert str(caught.value).startswith(f"{path}:{first.line}: ")


def test_lint_reports_all_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", "terms:\n  - en: paper\n    jp: 論文\n  - zh: 报纸\n  - en: Hydra\n    keep: true\n    zh: 九头蛇\n")
    errors = lint([path])
    assert [e.line for e in errors] == [3, 4, 7]


def test_duplicate_across_files_names_the_second_file(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "terms:\n  - en: paper\n    zh: 论文\n")
    second = write(tmp_path, "b.yaml", "# more terms\nterms:\n  - en: Hydra\n    keep: true\n  - en: papers\n    zh: 文章\n  - en: PAPER\n    ja: 論文\n")
    errors = lint([tmp_path])
    assert [(e.file, e.line) for e in errors] == [(str(second), 5), (str(second), 7), (str(second), 7)]
    assert f"also matched by 'paper' ('papers', defined at {tmp_path / 'a.yaml'}:2)" in errors[0].message  # issue #10
    assert any(f"first defined at {tmp_path / 'a.yaml'}:2" in e.message for e in errors[1:])


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    errors = lint([tmp_path / "nope"])
    assert len(errors) == 1 and "no such glossary file or folder" in str(errors[0])
    with pytest.raises(GlossaryError, match="no such glossary"):
        load_glossary([tmp_path / "nope"])


def test_folder_without_yaml_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "readme.txt", "not a glossary")
    with pytest.raises(GlossaryError, match="no .yaml or .yml"):
        find_files([tmp_path])


def test_folder_loads_yaml_and_yml_sorted(tmp_path: Path) -> None:
    write(tmp_path, "b.yml", "terms:\n  - en: Hydra\n    keep: true\n")
    write(tmp_path, "a.yaml", "terms:\n  - en: paper\n    zh: 论文\n")
    write(tmp_path, ".hidden.yaml", "broken: [")
    write(tmp_path, "notes.md", "# not loaded")
    glossary = load_glossary([tmp_path])
    assert [t.en for t in glossary] == ["paper", "Hydra"]
    assert glossary.files == (str(tmp_path / "a.yaml"), str(tmp_path / "b.yml"))


def test_good_file_loads_into_terms(tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", GOOD)
    assert lint([path]) == []
    glossary = load_glossary([path])
    paper, hydra, torch = glossary.terms
    assert paper == Term(
        "paper",
        targets={"zh": ("论文",), "ja": ("論文", "ペーパー")},
        forbidden={"zh": ("报纸",), "ja": ("新聞",)},
        note="A research paper, never a newspaper.",
    )
    assert (paper.file, paper.line) == (str(path), 2)
    assert hydra.keep and hydra.target("zh") == "Hydra" and hydra.forbidden_in("ja") == ("ヒドラ",)
    assert torch.case_sensitive and torch.forms == ("py torch",) and torch.line == 12
    assert paper.target("ja") == "論文" and paper.allowed("ja") == ("論文", "ペーパー")


def test_term_without_target_is_not_enforced_for_that_language(tmp_path: Path) -> None:
    glossary = load_glossary([write(tmp_path, "g.yaml", "terms:\n  - en: ensemble\n    ja: アンサンブル\n")])
    (term,) = glossary.terms
    assert term.enforced("ja") and not term.enforced("zh")
    assert glossary.enforced("zh") == ()


def test_lookup_helpers(tmp_path: Path) -> None:
    glossary = load_glossary([write(tmp_path, "g.yaml", GOOD)])
    assert glossary.get("PAPER") is glossary.terms[0]
    assert glossary.get("py torch") is glossary.terms[2]
    assert glossary.get("newspaper") is None
    assert "hydra" in glossary and len(glossary) == 3


def test_hash_ignores_comments_and_formatting_but_not_content(tmp_path: Path) -> None:
    a = load_glossary([write(tmp_path, "a.yaml", GOOD)])
    reformatted = "# comment\n" + GOOD.replace("forbidden:\n      zh: [报纸]\n      ja: [新聞]", "forbidden: {zh: [报纸], ja: [新聞]}")
    b = load_glossary([write(tmp_path, "b.yaml", reformatted)])
    c = load_glossary([write(tmp_path, "c.yaml", GOOD.replace("论文", "论文章"))])
    assert a.hash == b.hash != c.hash
    assert a.hash.startswith("sha256:") and len(a.hash) == len("sha256:") + 16


def test_empty_glossary_has_a_hash() -> None:
    assert Glossary().hash.startswith("sha256:")
