"""A run's PO files and views are written in pieces as they are made (#26): a run does not hold the
whole text of the PO files, aligned.md, aligned.html, the TMX, report.md or report.html, each
several times the size of the source (a 2 MB issue's report.md is 15 MB, its zh.po 9 MB).

Deterministic: what is measured is the size of the largest piece handed to the staged temporary,
not time or process memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bilingual
from bilingual.storage import Staging

BLOCKS = 60
STREAMED = ["zh.po", "ja.po", "aligned.md", "aligned.html", "001.tmx", "report.md", "report.html"]


def document(blocks: int) -> str:
    """A document of many short blocks: headings, paragraphs with links and emphasis, lists."""
    out = ["# A long issue"]
    for n in range(blocks):
        out.append(f"## Part {n}")
        out.append(f"The model number {n} learns *fast* on [the data {n}](https://example.com/{n}). "
                   f"It keeps `state_{n}` between runs. Results for run {n} were good.")
        out.append(f"- First point {n} about the batch.\n- Second point {n} about the **layer**.")
    return "\n\n".join(out) + "\n"


@pytest.fixture(scope="module")
def pieces(tmp_path_factory) -> dict[str, list[int]]:
    """The length of each piece of text staged for each file of one translate run."""
    issue = tmp_path_factory.mktemp("issues") / "001"
    issue.mkdir()
    (issue / "en.md").write_text(document(BLOCKS), encoding="utf-8")
    seen: dict[str, list[int]] = {}
    add = Staging.add

    def recording(self, path, content, expected=None, rank=0):
        name = Path(path).name
        seen[name] = []
        if isinstance(content, (str, bytes)):
            seen[name].append(len(content))
            return add(self, path, content, expected, rank)

        def counted():
            for piece in content:
                seen[name].append(len(piece))
                yield piece

        return add(self, path, counted(), expected, rank)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Staging, "add", recording)
        bilingual.translate([issue], bilingual.RunOptions(bilingual.engine("pseudo"), ("zh", "ja"), None))
    return seen


@pytest.mark.parametrize("name", STREAMED)
def test_each_po_file_and_view_is_staged_in_pieces_none_of_them_near_the_whole(pieces, name):
    sizes = pieces[name]
    assert sum(sizes) > 10_000, sizes  # the document is large enough for the bound to mean something
    assert max(sizes) <= sum(sizes) / 10, f"{name}: a piece of {max(sizes)} of {sum(sizes)} characters"


@pytest.mark.parametrize("name", ["aligned.md", "report.md"])
def test_the_pieces_make_the_text_the_whole_function_makes(tmp_path, name):
    """The streamed Markdown views are byte for byte what joining them whole gives."""
    from bilingual.document.markdown import parse
    from bilingual.engines.pseudo import PseudoEngine
    from bilingual.render.aligned import (
        aligned_markdown,
        aligned_markdown_parts,
        build_alignment,
    )
    from bilingual.render.inputs import from_edition
    from bilingual.render.report import (
        build_report,
        report_markdown,
        report_markdown_parts,
    )
    from bilingual.run.pipeline import translate

    doc = parse(document(5), "001/en.md")
    run = translate([doc], ["zh", "ja"], PseudoEngine())
    if name == "aligned.md":
        alignment = build_alignment(doc, [from_edition(e) for e in run.editions])
        parts, whole = list(aligned_markdown_parts(alignment)), aligned_markdown(alignment)
    else:
        report = build_report(run.editions)
        parts, whole = list(report_markdown_parts(report)), report_markdown(report)
    assert len(parts) > 5 and "".join(parts) == whole and whole.endswith("\n") and not whole.endswith("\n\n\n")
