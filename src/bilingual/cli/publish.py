"""``bilingual align``, ``diff``, ``evaluate`` and ``publish``: the parallel views of translated issues.

Exit codes: 0 on success; ``diff`` exits 1 when the two versions differ; 2 on bad input (one line
on stderr, nothing written).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import EXIT_OK, EXIT_VIOLATIONS, domain_errors, language, languages

if TYPE_CHECKING:
    from ..glossary.schema import Glossary


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"


class Require(str, Enum):
    approved = "approved"
    none = "none"


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


GlossaryOption = Annotated[
    list[Path] | None, typer.Option("--glossary", "-g", help="Glossary files or folders (default: ./glossary if it has any).")
]
NoGlossaryOption = Annotated[bool, typer.Option("--no-glossary", help="Highlight or score no glossary terms.")]


def _glossary(paths: list[Path] | None, disabled: bool) -> Glossary | None:
    from ..glossary.load import glossary_for_run

    return glossary_for_run(paths, disabled)


def align_command(
    paths: Annotated[list[Path], typer.Argument(help="Issue folders (holding en.md) or Markdown sources.")],
    to: Annotated[str, typer.Option("--to", help="Target languages, comma-separated.")] = "zh,ja",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the files into this folder instead of beside en.md.")] = None,
    tmx_path: Annotated[Path | None, typer.Option("--tmx", help="Write the TMX file here (one source only).")] = None,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
    no_check: Annotated[bool, typer.Option("--no-check", help="Do not run the reviewer's checks on the editions.")] = False,
) -> None:
    """Write aligned.md, aligned.html and NNN.tmx from en.md and each language's PO file (or edition)."""
    langs = languages(to)
    with domain_errors():
        from ..errors import InputError
        from ..render.aligned import build_alignment
        from ..render.inputs import as_flags, load_issue
        from ..render.outputs import OutputPaths, aligned_files, write_files
        from ..layout import find_jobs

        jobs = find_jobs(paths)
        if tmx_path is not None and len(jobs) > 1:
            raise InputError(f"--tmx names one file but {len(jobs)} sources were given; align them one at a time")
        terms = _glossary(glossary, no_glossary)
        files: dict[Path, str | bytes] = {}
        for job in jobs:
            po = {lang: job.po(lang) for lang in langs}
            editions = {lang: job.edition(lang) for lang in langs}
            doc, versions = load_issue(job.source, langs, po, editions)
            folder = job.sibling("aligned.md", out).parent
            violations = [] if no_check else _violations(job.source, langs, editions, po, terms)
            alignment = build_alignment(doc, versions, as_flags(violations))
            files.update(aligned_files(alignment, OutputPaths.beside(job.source, folder, tmx_path), terms))
        written = write_files(files)
    typer.echo(f"aligned {len(jobs)} source(s) in {', '.join(langs)}: {len(written)} file(s) written")


def _violations(source: Path, langs: list[str], editions: dict[str, Path], po: dict[str, Path],
                glossary: Glossary | None) -> list[object]:
    """What ``bilingual check`` reports for the editions and PO files that exist, each finding once per place
    (none where the checks are not installed)."""
    try:
        from ..checks.issue import Files, document_findings
    except ImportError:
        return []
    files = [Files(lang, editions[lang], po[lang]) for lang in langs]
    return list(document_findings(source, files, glossary).violations)


def diff_command(
    old: Annotated[Path, typer.Argument(help="The old edition (.md) or PO file (.po).")],
    new: Annotated[Path, typer.Argument(help="The new edition or PO file, of the same kind.")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="text, md, html or json.")] = DiffFormat.text,
    source: Annotated[
        Path | None, typer.Option("--source", help="The English source, to name segments by id (default: en.md beside OLD, else beside NEW).")
    ] = None,
) -> None:
    """Compare two versions segment by segment. Exit 0 if identical, 1 if they differ, 2 on bad input."""
    with domain_errors():
        from ..errors import InputError
        from ..document.markdown import parse
        from ..render import diffing
        from ..render.inputs import english_beside
        from ..storage import read_text

        for path in (old, new):
            if not path.exists():
                raise InputError("no such file; check the path", path)
        kinds = {old.suffix.lower(), new.suffix.lower()}
        if kinds == {".po"}:
            result = diffing.compare_po(old, new)
        elif kinds <= {".md", ".markdown"}:
            # The same English names the segments whichever file lies beside it.
            base = source if source is not None else (english_beside(old) or english_beside(new))
            en = parse(read_text(base), str(base)) if base is not None else None
            result = diffing.compare_markdown(parse(read_text(old), str(old)), parse(read_text(new), str(new)), en)
        else:
            raise InputError("compare two editions (.md) or two PO files (.po), not one of each or other files", new)
        render = {
            DiffFormat.text: diffing.comparison_text,
            DiffFormat.md: diffing.comparison_markdown,
            DiffFormat.html: diffing.comparison_html,
            DiffFormat.json: diffing.comparison_json,
        }[format]
        typer.echo(render(result), nl=False)
    raise typer.Exit(EXIT_OK if result.identical else EXIT_VIOLATIONS)


def evaluate_command(
    hypothesis: Annotated[Path, typer.Argument(metavar="HYP", help="The translation to score: an edition or PO file.")],
    reference: Annotated[Path, typer.Argument(metavar="REF", help="The reference translation: an edition or PO file.")],
    lang: Annotated[str, typer.Option("--lang", help="The language of HYP and REF: zh or ja.")],
    source: Annotated[Path | None, typer.Option("--source", help="The English source (default: en.md beside HYP or REF).")] = None,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
    format: Annotated[EvalFormat, typer.Option("--format", "-f", help="text or json.")] = EvalFormat.text,
) -> None:
    """BLEU and chrF (sacrebleu, with its signature) and the glossary terminology success rate."""
    code = language(lang) or ""
    with domain_errors():
        from ..render.evaluate import evaluate, evaluation_json, evaluation_text, pair_files

        terms = _glossary(glossary, no_glossary)
        pairs = pair_files(hypothesis, reference, code, source)
        result = evaluate(pairs, code, terms)
        typer.echo((evaluation_json if format is EvalFormat.json else evaluation_text)(result), nl=False)


def publish_command(
    issues: Annotated[
        list[Path] | None, typer.Argument(help="Issue folders, or folders of them (default: ./issues).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The site folder.")] = Path("site"),
    to: Annotated[str, typer.Option("--to", help="Target languages, comma-separated.")] = "zh,ja",
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="The newsletter's name and description (default: newsletter.yaml beside the issue folders).")
    ] = None,
    require: Annotated[
        Require | None,
        typer.Option("--require", help="approved: publish a language only where every sentence is approved, else the English with a notice (default: newsletter.yaml's require, else none)."),
    ] = None,
    email: Annotated[
        bool, typer.Option("--email", help="Also write each issue's e-mail edition per language: NNN/zh.email.html, zh.email.txt and zh.eml.")
    ] = False,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Where the site is served, for the e-mails' absolute image and link URLs (default: newsletter.yaml's url).")
    ] = None,
) -> None:
    """Build a static site: home pages and Atom feeds per language, each issue in English, Chinese and Japanese, and side by side."""
    langs = languages(to)
    with domain_errors():
        from ..render.publishing import publish_site

        published = publish_site(issues or [Path("issues")], out, langs, _glossary(glossary, no_glossary), config,
                                 require.value if require else None, email, base_url)
    for page in published.site.pages:
        for review in page.reviews.values():
            if review.withheld:
                typer.echo(f"{page.name} {review.lang}: {review.reviewed} of {review.total} sentences approved; published the English with a notice")
            elif not review.complete:
                typer.echo(f"{page.name} {review.lang}: {review.reviewed} of {review.total} sentences approved; the others are marked as machine translation")
    if published.email_langs:
        names = ", ".join(f"{lang}.eml" for lang in published.email_langs)
        for page in published.site.pages:
            typer.echo(f"{page.name}: e-mail editions {names} (with .email.html and .email.txt)")
    typer.echo(f"published {len(published.folders)} issue(s) to {out}: {published.files} file(s), {published.written} written; "
               f"open {out / 'index.html'}")
