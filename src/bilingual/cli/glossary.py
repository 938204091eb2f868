"""``bilingual glossary …``: check, inspect, import and export the domain glossary."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import EXIT_ERROR, EXIT_VIOLATIONS, domain_errors

DEFAULT_PATH = Path("glossary")

app = typer.Typer(
    help="Check, inspect, import and export the domain glossary (YAML files in glossary/).",
    no_args_is_help=True,
)


class Format(str, Enum):
    csv = "csv"
    tbx = "tbx"


PathsArg = Annotated[
    Optional[list[Path]],  # noqa: UP045  (Typer reads the annotation at run time)
    typer.Argument(help="Glossary files or folders (a folder stands for its *.yaml files). Default: glossary/", show_default=False),
]
LangOpt = Annotated[Optional[str], typer.Option("--lang", help="Target language: zh or ja.")]  # noqa: UP045
FormatOpt = Annotated[Format, typer.Option("--format", help="Interchange format: csv (one language pair) or tbx.")]


def _check_lang(lang: str | None, required: bool) -> str | None:
    from ..errors import BilingualError
    from ..languages import target_language

    if lang is None:
        if required:
            raise BilingualError("CSV glossaries hold one language pair; add --lang zh or --lang ja")
        return None
    return target_language(lang, "--lang")


@app.command()
def lint(paths: PathsArg = None) -> None:
    """Validate glossary files: print every problem as file:line: message, exit 2 if there is any."""
    from ..glossary.load import lint as lint_paths
    from ..glossary.load import load_glossary

    targets = paths or [DEFAULT_PATH]
    errors = lint_paths(targets)
    for error in errors:
        typer.echo(str(error))
    if errors:
        typer.echo(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} found", err=True)
        raise typer.Exit(EXIT_ERROR)
    with domain_errors():
        glossary = load_glossary(targets)
    typer.echo(f"{len(glossary)} terms OK ({glossary.hash})")
    for term in glossary:
        if term.sense():
            typer.echo(f"  {term.en}: forbidden and missing renderings are reported {term.sense()} ({term.where})")


@app.command()
def show(
    term: Annotated[str, typer.Argument(help="An English term or form (papers, py torch) or a target rendering (论文).")],
    glossary_paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option("--glossary", "-g", help="Glossary files or folders. Default: glossary/"),
    ] = None,
) -> None:
    """Show how a term is defined and in which file:line; exit 1 if no term matches."""
    import difflib

    from ..glossary.load import load_glossary
    from ..glossary.schema import LANGUAGES

    with domain_errors():
        glossary = load_glossary(glossary_paths or [DEFAULT_PATH])
    found = glossary.get(term)
    query = term.strip()
    if found is None:
        matches = [m.term for m in glossary.matcher.find_source(query) if m.start == 0 and m.end == len(query)]
        for lang in LANGUAGES:
            matches += [m.term for m in glossary.matcher.find_target(query, lang) if m.start == 0 and m.end == len(query)]
        found = matches[0] if matches else None
    if found is None:
        close = difflib.get_close_matches(query, [t.en for t in glossary], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        typer.echo(f"bilingual: unknown term {query!r}{hint}", err=True)
        raise typer.Exit(EXIT_VIOLATIONS)
    typer.echo(found.en)
    typer.echo(f"  defined at {found.where}")
    if found.keep:
        typer.echo("  keep: stays as written in every language")
    if found.case_sensitive:
        typer.echo("  case-sensitive: other capitalisations are violations")
    if found.forms:
        typer.echo(f"  forms: {', '.join(found.forms)}")
    if found.inflect != "noun":
        typer.echo(f"  inflect: {found.inflect}")
    for lang in LANGUAGES:
        if found.targets.get(lang):
            typer.echo(f"  {lang}: {', '.join(found.targets[lang])}")
    for lang in LANGUAGES:
        if found.accepted_in(lang):
            typer.echo(f"  accepted {lang}: {', '.join(found.accepted_in(lang))}")
    for lang in LANGUAGES:
        if found.forbidden_in(lang):
            typer.echo(f"  forbidden {lang}: {', '.join(found.forbidden_in(lang))}")
    if found.unambiguous:
        typer.echo("  unambiguous: the forbidden renderings are wrong wherever they appear")
    if found.sense():
        typer.echo(f"  sense: forbidden and missing renderings are reported {found.sense()}")
    if found.note:
        typer.echo(f"  note: {found.note}")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="The CSV or TBX glossary to import.")],
    fmt: FormatOpt,
    lang: LangOpt = None,
    out: Annotated[Path, typer.Option("--out", help="The YAML glossary to create or merge into.")] = DEFAULT_PATH
    / "imported.yaml",
) -> None:
    """Import a CSV (DeepL/Google) or TBX glossary, merging it into a YAML glossary file."""
    from ..errors import GlossaryError
    from ..glossary.interchange import dump_yaml, import_csv, import_tbx, merge
    from ..glossary.load import parse_text
    from ..storage import atomic_write_text, read_bytes, read_text

    with domain_errors():
        code = _check_lang(lang, required=fmt is Format.csv)
        if fmt is Format.csv:
            incoming = import_csv(read_text(file), code or "", str(file))
        else:
            if not file.is_file():
                read_text(file)  # raises the right one-line error
            incoming = import_tbx(read_bytes(file), str(file), [code] if code else None)
        existing = []
        if out.exists():
            existing, errors = parse_text(read_text(out), str(out))
            if errors:
                raise errors[0].to_exception()
        terms, warnings = merge(existing, incoming, code if fmt is Format.csv else None)
        text = dump_yaml(terms, f"Glossary terms imported by `bilingual glossary import` from {file.name}.")
        _, errors = parse_text(text, str(out))
        if errors:
            raise GlossaryError(f"the merged glossary would not be valid: {errors[0].message}", file)
        atomic_write_text(out, text)
    from ..errors import printable

    for warning in warnings:
        typer.echo(printable(f"bilingual: warning: {warning}"), err=True)
    added = len(terms) - len(existing)
    typer.echo(f"imported {len(incoming)} terms into {out} ({added} new, {len(incoming) - added} merged)")


@app.command()
def export(
    paths: PathsArg = None,
    fmt: FormatOpt = Format.tbx,
    lang: LangOpt = None,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", help="The file to write. Default: standard output."),
    ] = None,
) -> None:
    """Export the glossary as CSV (one language pair, for DeepL or Google) or TBX-Basic."""
    from ..glossary.interchange import export_csv, export_tbx
    from ..glossary.load import load_glossary
    from ..glossary.schema import LANGUAGES
    from ..storage import atomic_write_text

    with domain_errors():
        from .validate import not_a_glossary_to_lose, output_file

        code = _check_lang(lang, required=fmt is Format.csv)
        output_file(out)
        not_a_glossary_to_lose(out, "export", f"choose another --out for the {fmt.value.upper()} file, "
                                              f"e.g. --out glossary.{fmt.value}")
        glossary = load_glossary(paths or [DEFAULT_PATH])
        if fmt is Format.csv:
            text = export_csv(glossary.terms, code or "")
        else:
            text = export_tbx(glossary.terms, [code] if code else LANGUAGES, ", ".join(glossary.files))
        if out is None:
            typer.echo(text, nl=False)
            return
        atomic_write_text(out, text)
    typer.echo(f"wrote {len(glossary)} terms to {out}", err=True)


@app.command()
def suggest(
    targets: Annotated[list[Path], typer.Argument(help="Issue folders, editions or folders of them, checked against their English sources.")],
    lang: Annotated[str, typer.Option("--lang", help="Target language: zh or ja.")],
    glossary_paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option("--glossary", "-g", help="Glossary files or folders. Default: glossary/"),
    ] = None,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", help="The YAML file to write. Default: standard output."),
    ] = None,
    no_glossary: Annotated[
        bool, typer.Option("--no-glossary", help="Start without a glossary: suggest entries for the source terms "
                                                 "found by aligning source and translation only."),
    ] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Let --out replace a file that is not an earlier suggestion (a glossary "
                                             "you wrote is refused without it)."),
    ] = False,
) -> None:
    """Turn the rendering the translations use most into a glossary entry, for each term rendered more than one way.

    Glossary terms are counted as the consistency rule counts them; other source terms (all of
    them with --no-glossary) come from aligning each source paragraph with its translation.
    """
    from ..checks.runner import check_paths
    from ..checks.suggest import suggest as suggest_terms
    from ..checks.suggest import suggest_aligned
    from ..errors import BilingualError
    from ..glossary.interchange import dump_yaml
    from ..glossary.load import load_glossary
    from ..storage import atomic_write_text

    with domain_errors():
        from .validate import not_a_glossary_to_lose, output_file

        code = _check_lang(lang, required=True) or lang
        output_file(out)
        not_a_glossary_to_lose(out, "suggest", "write the suggestions to a new file (e.g. --out suggested.yaml), "
                                               "review them and merge the ones you want into your glossary by hand, "
                                               "or pass --replace to overwrite this file", replace)
        if no_glossary and glossary_paths:
            raise BilingualError("--glossary and --no-glossary contradict each other; pass one")
        glossary = None if no_glossary else load_glossary(glossary_paths or [DEFAULT_PATH])
        result = check_paths(targets, code, None, glossary)
        terms = suggest_terms(result.renderings, glossary, code) if glossary is not None else []
        terms += suggest_aligned(result.aligned, glossary, code)
        text = dump_yaml(terms, f"Entries suggested by `bilingual glossary suggest --lang {code}`: the winner is the "
                                "target, the other renderings are forbidden. Review, then merge into your glossary.")
        if out is None:
            typer.echo(text if terms else "", nl=False)
        elif terms:
            atomic_write_text(out, text)  # none: no file (a glossary without terms would stop every command)
    untouched = f"; nothing written to {out}" if out is not None and not terms else ""
    typer.echo(f"{len(terms)} term{'s' if len(terms) != 1 else ''} rendered more than one way in {len(result.files)} "
               f"file{'s' if len(result.files) != 1 else ''}{untouched}", err=True)
