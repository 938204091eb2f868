"""Parallel-language views of translated documents: aligned Markdown/HTML, TMX, diff reports, evaluation, a site.

Library entry points (all take plain values and return texts; only ``write_*`` touch files):

* :func:`write_issue_outputs` / :func:`build_issue_outputs`: after a run, ``aligned.md``,
  ``aligned.html``, ``NNN.tmx``, ``report.md`` and ``report.html`` for one document's editions.
* :func:`build_alignment` with :func:`from_edition`, :func:`from_po` or :func:`from_markdown`,
  then :func:`aligned_markdown`, :func:`aligned_html`, :func:`tmx`.
* :func:`build_report`, :func:`report_markdown`, :func:`report_html`.
* :func:`compare_markdown`, :func:`compare_po`, :func:`inline_diff`.
* :func:`evaluate`, :func:`pair_files`.
* :func:`build_site`.

Submodules import their heavy dependencies (jinja2, sacrebleu, diff-match-patch, polib) inside
the functions that use them, so importing this package is cheap.
"""

from __future__ import annotations

from .aligned import aligned_html, aligned_markdown, build_alignment
from .diffing import Comparison, compare_markdown, compare_po, inline_diff
from .evaluate import Evaluation, evaluate, pair_files
from .inputs import Version, as_flags, from_edition, from_markdown, from_po, load_issue
from .model import Alignment, Block, Cell, Flag, Row
from .outputs import OutputPaths, build_issue_outputs, write_files, write_issue_outputs
from .report import Report, build_report, report_html, report_markdown
from .site import build_site, find_issues
from .tmx import tmx

__all__ = [
    "Alignment",
    "Block",
    "Cell",
    "Comparison",
    "Evaluation",
    "Flag",
    "OutputPaths",
    "Report",
    "Row",
    "Version",
    "aligned_html",
    "aligned_markdown",
    "as_flags",
    "build_alignment",
    "build_issue_outputs",
    "build_report",
    "build_site",
    "compare_markdown",
    "compare_po",
    "evaluate",
    "find_issues",
    "from_edition",
    "from_markdown",
    "from_po",
    "inline_diff",
    "load_issue",
    "pair_files",
    "report_html",
    "report_markdown",
    "tmx",
    "write_files",
    "write_issue_outputs",
]
