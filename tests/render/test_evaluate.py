"""``bilingual evaluate``: sacrebleu BLEU/chrF with the right tokenizer, and terminology success."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from bilingual.cli import app
from bilingual.engines.pseudo import PseudoEngine
from bilingual.errors import InputError
from bilingual.glossary import load_glossary
from bilingual.document.markdown import parse
from bilingual.run.pipeline import translate
from bilingual.render.evaluate import Pair, evaluate, pair_files, terminology
from conftest import ROOT, SAMPLE_ISSUE

GLOSSARY = "terms:\n  - en: paper\n    zh: 论文\n    ja: 論文\n  - en: deep learning\n    zh: 深度学习\n    ja: 深層学習\n"


@pytest.fixture(scope="module")
def small_glossary(tmp_path_factory):
    path = tmp_path_factory.mktemp("glossary") / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return load_glossary([path])


@pytest.fixture(scope="module")
def issues(tmp_path_factory) -> dict[str, Path]:
    """The sample issue translated with the glossary (``with``) and without (``without``)."""
    doc = parse((SAMPLE_ISSUE / "en.md").read_text(encoding="utf-8"), str(SAMPLE_ISSUE / "en.md"))
    base = tmp_path_factory.mktemp("issues")
    out = {}
    for name, glossary in (("with", load_glossary([ROOT / "glossary"])), ("without", None)):
        folder = base / name / "024"
        folder.mkdir(parents=True)
        shutil.copy(SAMPLE_ISSUE / "en.md", folder / "en.md")
        for edition in translate([doc], ["zh", "ja"], PseudoEngine(), glossary=glossary).editions:
            (folder / f"{edition.lang}.md").write_text(edition.markdown, encoding="utf-8")
        out[name] = folder
    return out


@pytest.mark.parametrize(("lang", "tokenizer"), [("zh", "tok:zh"), ("ja", "tok:ja-mecab")])
def test_identical_texts_score_100_with_the_language_tokenizer(lang, tokenizer):
    pairs = [Pair("a.1", None, "这是一篇关于机器学习的论文。", "这是一篇关于机器学习的论文。"), Pair("b.1", None, "深層学習の論文です。", "深層学習の論文です。")]
    result = evaluate(pairs, lang)
    assert result.bleu == pytest.approx(100) and result.chrf == pytest.approx(100)
    assert tokenizer in result.bleu_signature and "version:" in result.chrf_signature
    assert result.terminology is None


def test_bleu_drops_for_a_different_hypothesis():
    pairs = [Pair("a.1", None, "这是一本书。", "这是一篇关于机器学习的论文。")]
    result = evaluate(pairs, "zh")
    assert 0 <= result.bleu < 50 and result.chrf < 60
    assert result.bleu_detail.startswith("BLEU = ")


@pytest.mark.parametrize(
    ("hypothesis", "found"),
    [("这篇论文用了深度学习。", 2), ("这份报纸用了深度学习。", 1), ("这份报纸用了神经网络。", 0)],
)
def test_terminology_success_counts_required_renderings(small_glossary, hypothesis, found):
    pair = Pair("a.1", "This paper uses deep learning.", hypothesis, "这篇论文使用深度学习。")
    result = terminology([pair], "zh", small_glossary)
    assert (result.found, result.total) == (found, 2)
    assert result.rate == found / 2


def test_each_occurrence_counts(small_glossary):
    pair = Pair("a.1", "A paper cites a paper.", "一篇论文引用了一篇文章。", "一篇论文引用了一篇论文。")
    result = terminology([pair], "zh", small_glossary)
    assert (result.found, result.total) == (1, 2)


def test_editions_are_paired_through_en_md(issues):
    pairs = pair_files(issues["without"] / "zh.md", issues["with"] / "zh.md", "zh")
    assert pairs and all(p.source for p in pairs)
    assert not any("{" in p.hypothesis for p in pairs)  # scored without markup


def test_the_glossary_run_scores_full_terminology(issues):
    glossary = load_glossary([ROOT / "glossary"])
    reference = issues["with"] / "ja.md"
    good = evaluate(pair_files(issues["with"] / "ja.md", reference, "ja"), "ja", glossary)
    bad = evaluate(pair_files(issues["without"] / "ja.md", reference, "ja"), "ja", glossary)
    assert good.terminology.rate == 1.0 and good.bleu == pytest.approx(100)
    assert bad.terminology.rate < 0.2 and bad.bleu < good.bleu


def _po(path: Path, entries: dict[str, tuple[str, str]]) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for ctx, (msgid, msgstr) in entries.items():
        po.append(polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=msgstr))
    po.save(str(path))
    return path


def test_po_files_pair_by_msgctxt_and_keep_the_source(tmp_path, small_glossary):
    hyp = _po(tmp_path / "hyp.po", {"b.1": ("Deep learning.", "深度学习。"), "a.1": ("A {1}paper{/1}.", "一份{1}报纸{/1}。")})
    ref = _po(tmp_path / "ref.po", {"a.1": ("A {1}paper{/1}.", "一篇{1}论文{/1}。"), "b.1": ("Deep learning.", "深度学习。")})
    pairs = pair_files(hyp, ref, "zh")
    assert [(p.id, p.hypothesis, p.reference) for p in pairs] == [("a.1", "一份报纸。", "一篇论文。"), ("b.1", "深度学习。", "深度学习。")]
    assert terminology(pairs, "zh", small_glossary).rate == 0.5


def test_a_po_file_and_an_edition_need_the_source(tmp_path):
    ref = tmp_path / "zh.md"
    ref.write_text("# 标题\n", encoding="utf-8")
    hyp = _po(tmp_path / "hyp.po", {"a.1": ("Title", "标题")})
    with pytest.raises(InputError, match="--source"):
        pair_files(hyp, ref, "zh")


def test_cli_text_output_has_scores_and_signatures(runner, issues):
    result = runner.invoke(
        app, ["evaluate", str(issues["without"] / "zh.md"), str(issues["with"] / "zh.md"), "--lang", "zh", "-g", str(ROOT / "glossary")]
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "BLEU = " in out and "chrF2 = " in out and "terminology success: " in out
    assert "BLEU signature: nrefs:1|" in out and "tok:zh" in out and "chrF signature: " in out


def test_cli_json_output(runner, issues):
    result = runner.invoke(
        app, ["evaluate", str(issues["with"] / "ja.md"), str(issues["with"] / "ja.md"), "--lang", "ja", "--no-glossary", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["bleu"] == 100 and data["terminology"] is None and "ja-mecab" in data["bleu_signature"]


@pytest.mark.parametrize("case", ["language", "missing"])
def test_cli_bad_input(runner, issues, case):
    hyp = issues["with"] / "zh.md" if case == "language" else issues["with"] / "ko.md"
    result = runner.invoke(app, ["evaluate", str(hyp), str(issues["with"] / "zh.md"), "--lang", "ko" if case == "language" else "zh"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bilingual: error:")
