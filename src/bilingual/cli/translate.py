"""``bilingual translate``: Markdown sources → zh/ja editions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .common import domain_errors, progress_enabled


def _langs(value: str) -> list[str]:
    langs = [lang.strip() for lang in value.split(",") if lang.strip()]
    if not langs:
        raise typer.BadParameter("name at least one language, e.g. --to zh,ja")
    return langs


@app.command("translate")
def translate_command(
    paths: Annotated[list[Path], typer.Argument(help="Markdown files, issue folders (holding en.md), or folders of either.")],
    to: Annotated[str, typer.Option("--to", help="Target languages, comma-separated.")] = "zh,ja",
    engine: Annotated[str, typer.Option("--engine", "-e", help="argos, identity or pseudo.")] = "argos",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write editions under this folder instead of beside the sources.")] = None,
    glossary: Annotated[list[Path] | None, typer.Option("--glossary", "-g", help="Glossary files or folders (default: ./glossary if it exists).")] = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Translate without enforcing a glossary.")] = False,
) -> None:
    """Translate PATHS into the --to languages; all files form one batch for the engine."""
    langs = _langs(to)
    with domain_errors():
        from ..engines.registry import make_engine
        from ..markdown import parse
        from ..pipeline import translate
        from ..sources import find_jobs
        from ..storage import atomic_write_text, read_text

        jobs = find_jobs(paths)
        terms = load_run_glossary(glossary, no_glossary)
        documents = [parse(read_text(job.source), str(job.source)) for job in jobs]
        chosen = make_engine(engine)
        run = _run_with_progress(
            lambda progress: translate(documents, langs, chosen, glossary=terms, progress=progress), documents, langs
        )
        written = 0
        for job, doc in zip(jobs, documents):
            for edition in run.for_document(doc.path):
                written += atomic_write_text(job.edition(edition.lang, out), edition.markdown)
    typer.echo(
        f"translated {len(jobs)} file(s) into {', '.join(langs)} with {engine}: "
        f"{run.engine_calls} sentence(s) sent to the engine, {written} file(s) written"
    )


def load_run_glossary(paths: list[Path] | None, disabled: bool):
    """The glossary a run enforces: --glossary paths, else ./glossary when it exists, else none."""
    if disabled:
        return None
    from ..glossary.load import load_glossary

    if paths:
        return load_glossary(paths)
    default = Path("glossary")
    return load_glossary([default]) if default.is_dir() else None


def _run_with_progress(work, documents, langs):
    from ..segment import has_words, segment

    if not progress_enabled():
        return work(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    total = len(langs) * len({s.text for d in documents for s in segment(d) if has_words(s.text)})
    with Progress(TextColumn("translating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("translate", total=total)
        return work(lambda n: bar.advance(task, n))
