"""bilingual as a library: the calls the CLI makes, for a static-site plugin, a notebook or a CI
script. Each returns the typed value the CLI renders; none prints. Errors are
:class:`bilingual.errors.BilingualError` (an input problem, with file and line where there is one).

>>> import bilingual
>>> glossary = bilingual.load_glossary(["glossary"])                          # doctest: +SKIP
>>> options = bilingual.RunOptions(bilingual.engine("argos"), ("zh", "ja"), glossary)  # doctest: +SKIP
>>> summary = bilingual.translate(["issues/024"], options)                   # doctest: +SKIP
>>> result = bilingual.check(["issues/024"], glossary=glossary)              # doctest: +SKIP
>>> result.fails("error")                                                     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checks.model import CheckResult
    from .engines.argos import ArgosOptions
    from .engines.base import Engine
    from .glossary.schema import Glossary
    from .render.publishing import Published
    from .run import Progress, RunOptions, Summary
    from .values import Segment


def engine(name: str, argos: ArgosOptions | None = None) -> Engine:
    """The engine called ``name`` (``argos``, ``identity``, ``pseudo``), ready to use."""
    from .engines.registry import make_engine

    return make_engine(name, argos)


def load_glossary(paths: Iterable[str | Path]) -> Glossary:
    """The glossary in ``paths`` (YAML files or folders of them), validated; the first problem is
    raised with its file and line."""
    from .glossary.load import load_glossary as load

    return load(paths)


def translate(paths: Sequence[str | Path], options: RunOptions, progress: Progress | None = None) -> Summary:
    """Translate the Markdown sources under ``paths`` (files, issue folders, folders of either) as
    ``bilingual translate`` does: PO files, editions and views written all or nothing per batch,
    approved translations never overwritten."""
    from .layout import find_jobs
    from .run import translate_archive

    return translate_archive(find_jobs([Path(p) for p in paths]), options, progress)


def check(
    paths: Sequence[str | Path],
    lang: str | None = None,
    source: str | Path | None = None,
    glossary: Glossary | None = None,
    link_map: Sequence[tuple[str, str]] = (),
) -> CheckResult:
    """Check the translations under ``paths`` (editions, PO files, issue folders) against their
    source and ``glossary``, as ``bilingual check`` does (without ``--annotate``)."""
    from .checks.runner import check_paths

    return check_paths([Path(p) for p in paths], lang, Path(source) if source is not None else None, glossary,
                       link_map=tuple(link_map))


def publish(
    paths: Sequence[str | Path],
    out: str | Path,
    languages: Sequence[str] = ("zh", "ja"),
    glossary: Glossary | None = None,
    config: str | Path | None = None,
    require: str | None = None,
) -> Published:
    """Build the static site of the issues under ``paths`` into ``out``, as ``bilingual publish`` does."""
    from .render.publishing import publish_site

    return publish_site([Path(p) for p in paths], Path(out), tuple(languages), glossary,
                        Path(config) if config is not None else None, require)


def segment(text: str, path: str = "<string>") -> list[Segment]:
    """The sentences of Markdown ``text`` that a run translates (and those it copies), with their
    stable ids, kinds, lines and placeholder text, as ``bilingual segment`` lists them."""
    from .document.markdown import parse
    from .document.segment import segment as cut

    return list(cut(parse(text, path)))
