"""The Markdown layer over documents it was never tuned on: one table, one row per input set.

Every input document goes through ``identity`` and ``pseudo`` (the library, no files written) and
the coverage ledger, and is judged on each invariant:

- ``identity``: the identity edition is the source byte for byte;
- ``structure``: the token structure (block tokens, inline tokens other than text, hrefs and
  image sources) of the judge's own parser (GFM + footnotes, fuzzy links off) is the same in the
  pseudo edition;
- ``prose``: English words (3+ ASCII letters) left in the text of the pseudo edition, outside
  URLs, file names and template syntax (the judge's own patterns): prose no engine saw;
- ``leaks``: the ledger finds source prose in no bucket (``untranslated-source``);
- ``check``: ``bilingual check`` of the pseudo edition against the source reports
  ``untranslated-source`` (prose the ledger sends to the engine, left as written);
- ``template``: a template span of the source (found by the judge's own patterns) is missing
  from the pseudo edition, translatable attribute values (``title="…"``) aside;
- ``code``: inline code, fenced and indented code differ in the pseudo edition;
- ``footnotes``: footnote labels (``[^x]``) differ in the pseudo edition;
- ``refused``: the document was refused with a message (``InputError``), which is allowed.

Inputs: ``tests/fixtures/peers/`` (markdown-it's fixture format ``title / . / markdown / . / html
/ .`` is split into its cases; other files are one document each) and any folder of Markdown
files given on the command line (the corpus, see benchmarks/corpus.toml)::

    python benchmarks/markdown_harness.py                      # the peer fixtures
    python benchmarks/markdown_harness.py ~/.cache/bilingual-corpus --json out.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "tests" / "fixtures" / "peers"
INVARIANTS = ("identity", "structure", "prose", "leaks", "check", "template", "code", "footnotes", "refused")
SUFFIXES = (".md", ".mdx", ".markdown", ".txt")


@dataclass
class Row:
    name: str
    documents: int = 0
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, invariant: str, where: str) -> None:
        self.counts[invariant] += 1
        self.examples.setdefault(invariant, [])
        if len(self.examples[invariant]) < 5:
            self.examples[invariant].append(where)


def fixture_cases(text: str) -> list[str]:
    """The Markdown inputs of a markdown-it fixture file (``.`` lines fence input and output)."""
    lines = text.split("\n")
    cases: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i] == "." and i > 0 and lines[i - 1].strip():
            j = i + 1
            while j < len(lines) and lines[j] != ".":
                j += 1
            cases.append("\n".join(lines[i + 1 : j]).replace("→", "\t") + "\n")
            k = j + 1
            while k < len(lines) and lines[k] != ".":
                k += 1
            i = k + 1
            continue
        i += 1
    return cases


def documents(folder: Path) -> list[tuple[str, str]]:
    """``(name, markdown)`` for every input under ``folder``."""
    out: list[tuple[str, str]] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in SUFFIXES):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        cases = fixture_cases(text) if "\n.\n" in text and path.suffix in (".md", ".txt") and _is_fixture(text) else []
        rel = path.relative_to(folder)
        if folder == PEERS and rel == Path("README.md"):
            continue  # the fixtures' own notes
        if cases:
            out += [(f"{rel}#{n}", case) for n, case in enumerate(cases, start=1)]
        elif path.suffix != ".txt":
            out.append((str(rel), text))
    return out


def _is_fixture(text: str) -> bool:
    return text.count("\n.\n") >= 3 and text.count("\n.\n") % 3 in (0, 1, 2)


def _reference():
    """The judge's own parser, independent of the version under test: GFM-like with linkify-it's
    fuzzy links off, task lists, front matter, GFM footnotes."""
    return _reference_parser() if not hasattr(_reference, "md") else _reference.md


def _reference_parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = MarkdownIt("gfm-like", {"maxNesting": 1000}).use(front_matter_plugin).use(tasklists_plugin).use(footnote_plugin)
    md.linkify.set({"fuzzy_link": False})
    _reference.md = md
    return md


#: Template syntax, found by the judge's own patterns (not bilingual's): Hugo, Jinja/Liquid,
#: interpolation, MDX import/export, JSX components and fragments, MDX expressions.
TEMPLATE = re.compile(
    r"\{\{[<%][\s\S]*?[%>]\}\}|\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}"
    r"|^(?:import|export)\b[^\n]*(?:\n(?!```|~~~)[^\n]+)*"
    r"|</?[A-Z][\w.]*(?:\s[^<>]*?)?/?>|</?[a-z]+\.[\w.]+[^<>]*>|</?>|\{[A-Za-z_$][^{}\n]*\}", re.M)
#: Template blocks whose body is code (Hugo highlight, Liquid highlight, Hexo codeblock): no prose in them.
TEMPLATE_CODE = re.compile(r"\{\{[<%]\s*(highlight|code|codeblock)\b[\s\S]*?\{\{[<%]\s*/\1\s*[%>]\}\}"
                           r"|\{%-?\s*(highlight|codeblock|code)\b[\s\S]*?\{%-?\s*end\2\s*-?%\}")
#: Attribute values that are prose (bilingual's defaults): translated, so not compared as template.
_ATTRIBUTE = re.compile(r"""(\b(?:alt|title|caption|text|label|placeholder|aria-label)\s*=\s*)("[^"\n]*"|'[^'\n]*')""")
_URLISH = re.compile(r"\S+://\S+|www\.\S+|\S+@\S+\.\S+|\S+\.(?:md|rs|py|js|json|toml|html|txt)\b")


#: Text that holds syntax some dialect reads (MyST attributes, containers, JS): not judged as prose.
_SYNTAXY = re.compile(r"[{}<>=]|^:::|^\s*(?:import|export)\b|\w\(")


def prose_left(markdown: str) -> list[str]:
    """English words (3+ ASCII letters) in the text of a pseudo edition: prose no engine saw
    (text holding template or dialect syntax is not judged)."""
    words: list[str] = []
    for tok in _reference().parse(markdown.replace("\r\n", "\n")):
        for c in tok.children or ():
            if c.type == "text" and not _SYNTAXY.search(c.content):
                rest = _URLISH.sub(" ", TEMPLATE.sub(" ", c.content))
                words += re.findall(r"(?<![\w&#;])[A-Za-z]{3,}(?![\w;])", rest)
    return words


def structure(markdown: str) -> list[tuple]:
    out: list[tuple] = []
    for tok in _reference().parse(markdown.replace("\r\n", "\n")):
        out.append((tok.type, tok.tag, tok.nesting))
        out += [(c.type, c.tag, c.nesting, c.attrGet("href") or c.attrGet("src") or "")
                for c in tok.children or () if c.type not in ("text", "text_special", "softbreak")]
    return out


def code(markdown: str) -> list[str]:
    found: list[str] = []
    for tok in _reference().parse(markdown.replace("\r\n", "\n")):
        if tok.type in ("fence", "code_block"):
            found.append(tok.content)
        found += [c.content for c in tok.children or () if c.type == "code_inline"]
    return found


_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


def judge(name: str, source: str, row: Row) -> None:
    from bilingual.engines.identity import IdentityEngine
    from bilingual.engines.pseudo import PseudoEngine
    from bilingual.errors import BilingualError
    from bilingual.document.markdown import parse
    from bilingual.run.pipeline import translate

    row.documents += 1
    try:
        doc = parse(source, name)
    except BilingualError:
        row.note("refused", name)
        return
    if translate([doc], ["zh"], IdentityEngine()).editions[0].markdown != source:
        row.note("identity", name)
    out = translate([doc], ["zh"], PseudoEngine()).editions[0].markdown
    if structure(out) != structure(source):
        row.note("structure", name)
    if code(out) != code(source):
        row.note("code", name)
    if sorted(_FOOTNOTE.findall(out)) != sorted(_FOOTNOTE.findall(source)):
        row.note("footnotes", name)
    spans = Counter(_ATTRIBUTE.sub(r'\1""', m.group(0)) for m in TEMPLATE.finditer(source))
    masked = _ATTRIBUTE.sub(r'\1""', out)
    if any(masked.count(raw) < n for raw, n in spans.items()):
        row.note("template", name)
    if prose_left(TEMPLATE_CODE.sub(" ", out)):
        row.note("prose", name)
    try:
        from bilingual.document.ledger import account
    except ImportError:  # a version of bilingual before the ledger
        return
    if account(doc).leaks:
        row.note("leaks", name)
    from bilingual.checks.rules import RULES
    from bilingual.checks.runner import check_text

    if "untranslated-source" in RULES and any(v.rule == "untranslated-source" for v in check_text(out, "zh", source)):
        row.note("check", name)


def run(sets: list[tuple[str, Path]]) -> list[Row]:
    rows: list[Row] = []
    for name, folder in sets:
        by_group: dict[str, Row] = {}
        for doc_name, text in documents(folder):
            group = f"{name}/{doc_name.split('/')[0]}" if name == "peers" else name
            row = by_group.setdefault(group, Row(group))
            judge(doc_name, text, row)
        rows += list(by_group.values())
    return rows


def table(rows: list[Row]) -> str:
    head = "| input | documents | " + " | ".join(INVARIANTS) + " |"
    lines = [head, "|---|---:|" + "---:|" * len(INVARIANTS)]
    for row in rows:
        lines.append(f"| {row.name} | {row.documents} | " + " | ".join(str(row.counts[i]) for i in INVARIANTS) + " |")
    total = Row("total", sum(r.documents for r in rows), sum((r.counts for r in rows), Counter()))
    lines.append(f"| **{total.name}** | {total.documents} | " + " | ".join(str(total.counts[i]) for i in INVARIANTS) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="folders of Markdown documents (default: the peer fixtures)")
    parser.add_argument("--json", type=Path, help="write every row, with up to 5 examples per invariant, here")
    args = parser.parse_args(argv)
    sets = [(str(f), f) for f in args.folders] if args.folders else [("peers", PEERS)]
    report(run(sets), args.json)
    return 0


def report(rows: list[Row], json_path: Path | None) -> None:
    """Print the table of ``rows`` and, with ``json_path``, write every row with its examples there."""
    print(table(rows))
    if json_path:
        json_path.write_text(json.dumps([{"input": r.name, "documents": r.documents, "counts": dict(r.counts),
                                          "examples": r.examples} for r in rows], indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
