"""``check`` reads a PO file line by line from its file (#26): its findings, lines and columns are those of
the same file read as one text, whatever its line ends, BOM or line-boundary characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.checks.runner import check_paths, check_po
from bilingual.glossary.load import load_glossary
from conftest import ROOT

GLOSSARY = load_glossary([ROOT / "glossary"])


def _with_findings() -> str:
    text = (ROOT / "issues" / "024" / "zh.po").read_text(encoding="utf-8")
    return text.replace("论文", "报纸").replace("**", "** ", 3).replace("PyTorch Lightning", "PyTorch 闪电")


VARIANTS = {
    "as-written": lambda t: t,
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "bom": lambda t: "\ufeff" + t,
    "line-separator": lambda t: t.replace("报纸", "报\u2028纸"),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_po_file_checked_from_its_file_is_checked_as_its_text(tmp_path: Path, variant):
    text = VARIANTS[variant](_with_findings())
    po = tmp_path / "zh.po"
    po.write_bytes(text.encode("utf-8"))
    from_text = check_po(text.removeprefix("\ufeff"), str(po), "zh", GLOSSARY)
    from_file = [v for v in check_paths([po], "zh", None, GLOSSARY).violations if v.file == str(po)]
    assert from_text, "the edit made no finding: the test shows nothing"
    assert from_file == from_text
    po.unlink()  # an input made for this test (msgfmt refuses a BOM), not a file bilingual wrote


@pytest.mark.parametrize(("bad", "message"), [
    (b"msgid \"a\"\nmsgstr \"\xff\"\n", "zh.po:2: is not valid UTF-8 (byte 0xff)"),
    (b"msgid \"a\"\nmsgstr \"b\x00\"\n", "zh.po: is a binary file, not a PO file"),
    (b"msgid \"a\"\nmsgstr \"b\n", "zh.po:2: syntax error: unterminated string"),
])
def test_a_broken_po_file_read_from_its_file_is_refused_as_its_text_is(tmp_path: Path, bad, message):
    from bilingual.errors import BilingualError

    po = tmp_path / "zh.po"
    po.write_bytes(bad)
    with pytest.raises(BilingualError) as raised:
        check_paths([po], "zh", None, GLOSSARY)
    assert message in str(raised.value)
