"""``bilingual check``: the reviewer's check of zh/ja editions and PO files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import EXIT_OK, EXIT_VIOLATIONS, domain_errors, language, terminate_as_interrupt


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def check_command(
    targets: Annotated[list[Path] | None, typer.Argument(help="Editions (.md), PO files, issue folders (holding en.md), or folders of them (with --lang: of plain *.md translations).", show_default=False)] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="The editions' language, zh or ja; optional when file names tell it.")] = None,
    source: Annotated[Path | None, typer.Option("--source", "-s", help="The English source of Markdown editions.")] = None,
    glossary: Annotated[list[Path] | None, typer.Option("--glossary", "-g", help="Glossary files or folders (default: ./glossary; exit 2 if there is none).")] = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Check without a glossary: the glossary term rules do not run; consistency aligns terms with the source.")] = False,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 on violations at or above this severity.")] = FailOn.error,
    annotate: Annotated[bool, typer.Option("--annotate", help="Write pofilter-style comments into PO files; mark entries with errors fuzzy.")] = False,
    explain: Annotated[str | None, typer.Option("--explain", metavar="RULE", help="Print what RULE checks, with a bad and a good example, and exit.")] = None,
    link_map: Annotated[list[str] | None, typer.Option("--link-map", metavar="SRC=TGT", help="The site's prefix for translated pages (/docs/=/zh-cn/docs/, /=../): a link with it is localised (info). Repeatable.")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", metavar="FILE", help="Findings accepted in FILE (written by --write-baseline) are shown apart and never fail the run: only new findings do.")] = None,
    write_baseline: Annotated[Path | None, typer.Option("--write-baseline", metavar="FILE", help="Accept every finding of this run: write them to FILE for --baseline, and exit 0.")] = None,
) -> None:
    """Check translations against the glossary, the source's links, code, numbers and structure, and Markdown.

    Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 on a usage or input error.
    """
    code = language(lang)
    with domain_errors():
        if explain is not None:
            from ..checks.explain import explain as explain_rule

            typer.echo(explain_rule(explain))
            raise typer.Exit(EXIT_OK)
        from ..checks.report import FORMATS
        from ..checks.runner import check_paths
        from ..errors import BilingualError

        if not targets:
            raise BilingualError("name the translations to check (files or folders), or --explain RULE")
        if baseline is not None and write_baseline is not None:
            raise BilingualError("--baseline and --write-baseline contradict each other; pass one")
        if annotate and (baseline is not None or write_baseline is not None):
            raise BilingualError("--annotate writes every finding into the PO files, accepted or not; "
                                 "run it without --baseline and --write-baseline")
        accepted = None
        if baseline is not None:
            from ..checks.baseline import load_baseline

            accepted = load_baseline(baseline)
        terms = _glossary(glossary, no_glossary)
        from ..checks.links import parse_link_map

        links = parse_link_map(link_map)
        if annotate:
            from ..checks.annotate import check_and_annotate

            with terminate_as_interrupt():
                result = check_and_annotate(targets, code, source, terms, link_map=links)
        else:
            result = check_paths(targets, code, source, terms, link_map=links)
        if accepted is not None or write_baseline is not None:
            from ..checks.baseline import apply_baseline, write_baseline as write
            from ..version import __version__

            signature = f"bilingual {__version__}; glossary {terms.hash if terms is not None else 'none'}"
            if accepted is not None:
                result = apply_baseline(result, accepted, signature)
            else:
                write(write_baseline, result, signature)
    from ..errors import printable

    for note in result.notes:
        typer.echo(printable(f"bilingual: note: {note}"), err=True)
    typer.echo(FORMATS[format.value](result))
    if write_baseline is not None:
        typer.echo(f"bilingual: wrote {write_baseline}: {len(result.violations)} finding(s) accepted", err=True)
        raise typer.Exit(EXIT_OK)
    raise typer.Exit(EXIT_VIOLATIONS if result.fails(fail_on.value) else EXIT_OK)


def _glossary(paths: list[Path] | None, disabled: bool):
    """--glossary paths, else ./glossary; none found is an input error unless --no-glossary says it is meant.

    A CI job must not pass because it looked for the glossary in the wrong folder.
    """
    from ..errors import BilingualError
    from ..glossary.load import glossary_for_run

    if disabled and paths:
        raise BilingualError("--glossary and --no-glossary contradict each other; pass one")
    terms = glossary_for_run(paths, disabled)
    if terms is None and not disabled:
        raise BilingualError("no glossary: none given with --glossary and ./glossary holds no glossary files; "
                             "pass --glossary PATH, or --no-glossary to check without one")
    return terms

