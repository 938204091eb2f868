"""What the tests of "one source of truth for findings" (issue #23) share: the sample issue with
defects a reviewer made by hand, and each place that shows findings read back as a multiset of
``(file name, line, rule, severity, found)``, so the places can be compared with ``bilingual check``.

The sample issue's zh.po is human-reviewed (every entry approved), so a translate run keeps it as
it is and sends nothing to the engine.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path

from conftest import ROOT, SAMPLE_ISSUE

GLOSSARY = ROOT / "glossary"
#: A bilingual.toml that lowers one rule's severity: check and every view must follow it.
LOWERED = '[translate]\nuntranslated-source = "warning"\n'
Key = tuple[str, int, str, str, str | None]


def sample_copy(base: Path) -> Path:
    """``base/issues/024``: the sample issue with its reviewed zh and ja translations (views left out)."""
    folder = base / "issues" / "024"
    shutil.copytree(SAMPLE_ISSUE, folder, ignore=shutil.ignore_patterns("*.html", "aligned.md", "report.md", "*.tmx"))
    return folder


def break_po(folder: Path, lang: str = "zh") -> None:
    """Approved PO entries a reviewer got wrong: (zh) the heading 'Papers' as 报纸 (forbidden), and a
    sentence left in English (untranslated-source, untranslated, missing terms)."""
    from dataclasses import replace

    from bilingual.memory.po import read_catalog, render

    po = folder / f"{lang}.po"
    catalog = read_catalog(po)
    entries = []
    for e in catalog.entries:
        if e.msgid == "Papers" and lang == "zh":
            e = replace(e, msgstr="报纸")
        elif e.msgid.startswith("For large systems, the computational cost"):
            e = replace(e, msgstr=e.msgid)
        entries.append(e)
    po.write_text(render(replace(catalog, entries=tuple(entries))), encoding="utf-8")


def break_edition(folder: Path) -> None:
    """A hand edit of zh.md no run has taken in: a link target changed in a paragraph whose two
    sentences became one (so the finding belongs to no one sentence), and a sentence put back in English."""
    md = folder / "zh.md"
    text = md.read_text(encoding="utf-8")
    edits = {
        "(https://arxiv.org/abs/2103.13029)。越来越多": "(https://arxiv.org/abs/2103.99999)，越来越多",
        "在下面的各个部分中，": "In the sections below, ",
    }
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    md.write_text(text, encoding="utf-8")


def key(file: str, line: int, rule: str, severity: str, found: str | None) -> Key:
    return (Path(file).name, int(line), rule, severity, found)


def from_check(output: str) -> Counter[Key]:
    """``bilingual check --format json``'s findings."""
    return Counter(key(v["file"], v["line"], v["rule"], v["severity"], v["found"]) for v in json.loads(output)["violations"])


_HTML_FINDING = re.compile(r'<li class="finding[^"]*" data-file="([^"]*)" data-line="(\d+)" data-rule="([^"]*)" '
                           r'data-severity="([^"]*)"(?: data-found="([^"]*)")?')


def from_html(page: str) -> Counter[Key]:
    """The findings a page (report.html, aligned.html) shows, one ``<li class="finding">`` each."""
    return Counter(key(html.unescape(m[1]), int(m[2]), m[3], m[4], html.unescape(m[5]) if m[5] is not None else None)
                   for m in _HTML_FINDING.finditer(page))


_MD_FINDING = re.compile(r"^- ⚠️ (error|warning|info) ([a-z-]+) · `([^`]+):(\d+)`", re.M)


def from_markdown(text: str) -> Counter[tuple[str, int, str, str]]:
    """The findings report.md lists: ``- ⚠️ severity rule · `file:line`: message``."""
    return Counter((Path(f).name, int(n), r, s) for s, r, f, n in _MD_FINDING.findall(text))


def without_found(found: Counter[Key]) -> Counter[tuple[str, int, str, str]]:
    """The same findings less what was found (report.md shows it inside the message)."""
    return Counter(k[:4] for k in found.elements())


def severities(found: Counter[Key], rule: str) -> set[str]:
    return {k[3] for k in found if k[2] == rule}
