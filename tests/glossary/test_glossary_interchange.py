"""CSV and TBX import/export, merging, and the schema-ordered YAML writer."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from lxml import etree

from bilingual.errors import GlossaryError
from bilingual.glossary import Term, load_glossary
from bilingual.glossary.interchange import dump_yaml, export_csv, export_tbx, import_csv, import_tbx, merge
from bilingual.glossary.load import parse_text

ML = load_glossary([Path(__file__).resolve().parents[2] / "glossary" / "ml.yaml"])
TBX_NS = {"xml": "http://www.w3.org/XML/1998/namespace"}


def canonical(terms: list[Term] | tuple[Term, ...]) -> list[dict[str, object]]:
    return [t.canonical() for t in terms]


# --------------------------------------------------------------------------------------- TBX


def test_tbx_round_trip_loses_nothing() -> None:
    assert canonical(import_tbx(export_tbx(ML.terms))) == canonical(ML.terms)


def test_yaml_tbx_yaml_round_trip() -> None:
    text = dump_yaml(import_tbx(export_tbx(ML.terms)))
    terms, errors = parse_text(text, "round-trip.yaml")
    assert errors == [] and canonical(terms) == canonical(ML.terms)


def test_tbx_is_tbx_basic_and_parses_with_lxml() -> None:
    root = etree.fromstring(export_tbx(ML.terms, source="glossary/ml.yaml").encode("utf-8"))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert len(root.findall("./text/body/termEntry")) == len(ML)
    (paper,) = [e for e in root.iter("termEntry") if e.findtext("./langSet/tig/term") == "paper"]
    assert paper.xpath("./langSet[@xml:lang='zh']/tig[term='报纸']/termNote[@type='administrativeStatus']/text()", namespaces=TBX_NS) == [
        "deprecatedTerm-admn-sts"
    ]
    assert paper.xpath("./langSet[@xml:lang='zh']/tig[term='论文']/termNote/text()", namespaces=TBX_NS) == ["preferredTerm-admn-sts"]
    assert paper.xpath("./langSet[@xml:lang='en']/descrip[@type='definition']/text()", namespaces=TBX_NS) == [
        "A research paper, never a newspaper (\"Papers\" as a section heading too)."
    ]
    (hydra,) = [e for e in root.iter("termEntry") if e.findtext("./langSet/tig/term") == "Hydra"]
    assert hydra.xpath("./note/text()") == ["bilingual:keep", "bilingual:unambiguous"]


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_tbx_for_one_language(lang: str) -> None:
    root = etree.fromstring(export_tbx(ML.terms, [lang]).encode("utf-8"))
    langs = {ls.get("{http://www.w3.org/XML/1998/namespace}lang") for ls in root.iter("langSet")}
    assert langs == {"en", lang}
    imported = import_tbx(export_tbx(ML.terms, [lang]), langs=[lang])
    assert [t.targets for t in imported] == [{k: v for k, v in t.targets.items() if k == lang} for t in ML]


FOREIGN_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" xml:lang="en">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en-US"><termSec><term>paper</term></termSec></langSec>
      <langSec xml:lang="zh-CN">
        <termSec><term>报纸</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
        <termSec><term>论文</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="ja-JP"><termSec><term>論文</term></termSec></langSec>
      <langSec xml:lang="fr"><termSec><term>article</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <note>A configuration framework.</note>
      <langSec xml:lang="en"><termSec><term>Hydra</term></termSec></langSec>
      <langSec xml:lang="zh"><termSec><term>Hydra</term></termSec></langSec>
      <langSec xml:lang="ja"><termSec><term>Hydra</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_import_tbx_v3_from_another_tool() -> None:
    paper, hydra = import_tbx(FOREIGN_TBX, "foreign.tbx")
    assert paper.targets == {"zh": ("论文",), "ja": ("論文",)} and paper.forbidden == {"zh": ("报纸",)}
    assert hydra.keep and hydra.targets == {} and hydra.note == "A configuration framework."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("<martif><text>", "not valid XML"),
        ("<glossary/>", "not a TBX file"),
        ("<martif><text><body><termEntry id='x'><langSet xml:lang='zh'><tig><term>论文</term></tig></langSet></termEntry></body></text></martif>", "term entry x has no English term"),
    ],
    ids=["broken-xml", "wrong-root", "no-english"],
)
def test_import_tbx_errors(data: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message) as caught:
        import_tbx(data, "bad.tbx")
    assert str(caught.value).startswith("bad.tbx")


# --------------------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_csv_round_trip_keeps_preferred_renderings(lang: str) -> None:
    text = export_csv(ML.terms, lang)
    rows = list(csv.reader(io.StringIO(text)))
    assert all(len(row) == 2 for row in rows)
    assert len(rows) == len(ML.enforced(lang))
    imported = {t.en: t for t in import_csv(text, lang)}
    for term in ML.enforced(lang):
        assert imported[term.en].target(lang) == term.target(lang)
        assert imported[term.en].keep == (term.target(lang) == term.en)


def test_csv_keeps_quoting() -> None:
    text = export_csv([Term('say "hi", twice', {"zh": ("说，嗨",)})], "zh")
    assert import_csv(text, "zh")[0].targets == {"zh": ("说，嗨",)}


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("en,zh\npaper,论文\n", {"paper": ("论文",)}),
        ("source,target\npaper,论文\n", {"paper": ("论文",)}),
        ("paper\t论文\nensemble\t集成\n", {"paper": ("论文",), "ensemble": ("集成",)}),
        ("paper,论文,en,zh\npaper,論文,en,ja\n", {"paper": ("论文",)}),
        ("paper,论文\n\npaper,文章\npaper,论文\n", {"paper": ("论文", "文章")}),
        ("\ufeffpaper,论文\n", {"paper": ("论文",)}),
    ],
    ids=["header-codes", "header-words", "tsv", "deepl-four-columns", "variants", "bom"],
)
def test_import_csv_variants(text: str, targets: dict[str, tuple[str, ...]]) -> None:
    assert {t.en: t.targets["zh"] for t in import_csv(text, "zh")} == targets


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [("paper,论文\nensemble,集成,x\n", 2, "expected two columns"), ("paper,\n", 1, "empty cell")],
)
def test_import_csv_errors(text: str, line: int, message: str) -> None:
    with pytest.raises(GlossaryError, match=message) as caught:
        import_csv(text, "zh", "g.csv")
    assert str(caught.value).startswith(f"g.csv:{line}: ")


# ------------------------------------------------------------------------------------- merge

BASE = [
    Term("paper", {"zh": ("论文",)}, {"zh": ("报纸",)}),
    Term("AI", {"zh": ("人工智能",)}),
    Term("Hydra", keep=True),
]


@pytest.mark.parametrize(
    ("incoming", "lang", "expected", "warnings"),
    [
        ([Term("paper", {"zh": ("文章",)})], "zh", {"en": "paper", "zh": ["论文", "文章"], "forbidden": {"zh": ["报纸"]}}, 0),
        ([Term("Paper", {"zh": ("报纸",)})], "zh", {"en": "paper", "zh": ["论文"], "forbidden": {"zh": ["报纸"]}}, 1),
        ([Term("AI", keep=True)], "ja", {"en": "AI", "zh": ["人工智能"], "ja": ["AI"]}, 0),
        ([Term("Hydra", {"zh": ("九头蛇",)})], "zh", {"en": "Hydra", "keep": True}, 1),
        ([Term("Hydra", forbidden={"zh": ("九头蛇",)})], None, {"en": "Hydra", "keep": True, "forbidden": {"zh": ["九头蛇"]}}, 0),
    ],
    ids=["adds-variant", "skips-forbidden", "keep-row-for-one-language", "no-target-for-kept-term", "adds-forbidden"],
)
def test_merge(incoming: list[Term], lang: str | None, expected: dict[str, object], warnings: int) -> None:
    terms, messages = merge(BASE, incoming, lang)
    assert len(terms) == 3 and len(messages) == warnings
    assert next(t for t in terms if t.en == expected["en"]).canonical() == expected


def test_merge_appends_new_terms() -> None:
    terms, _ = merge(BASE, [Term("ensemble", {"zh": ("集成",)})])
    assert [t.en for t in terms] == ["paper", "AI", "Hydra", "ensemble"]


# -------------------------------------------------------------------------------------- YAML


def test_dump_yaml_round_trip_and_schema_order() -> None:
    text = dump_yaml(ML.terms, "Exported for a test.")
    terms, errors = parse_text(text, "dump.yaml")
    assert errors == [] and canonical(terms) == canonical(ML.terms)
    assert text.startswith("# Exported for a test.\nterms:\n  - en: paper\n    zh: 论文\n    ja: 論文\n    forbidden:\n      zh: [报纸]\n")
    assert "  - en: PyTorch\n    keep: true\n    case_sensitive: true\n    forms: [py torch, Py Torch]\n" in text
