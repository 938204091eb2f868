"""Which human edition goes with which English source, and where its PO file goes.

Beside the source, as ``translate`` lays an issue out: ``zh.md`` beside ``en.md``, ``x.zh.md``
beside ``x.md``. Or in a parallel tree (``--tree SRC=DST``, repeatable): the human edition of the
English file ``SRC/REL`` is ``DST/REL``, where ``{lang}`` in ``DST`` stands for the language::

    content/en=content/{lang}                                     Hugo
    docs=i18n/{lang}/docusaurus-plugin-content-docs/current       Docusaurus
    docs=docs/{lang}                                              VitePress (locales inside the English tree)

Either way the PO file goes where ``translate`` keeps it, beside the English (``zh.po``,
``x.zh.po``), and the human tree is only read. Files under a ``DST`` folder are never taken for
English sources, so a tree nested in the English one (VitePress) is not imported into itself.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..layout import ISSUE_SOURCE, Job, find_jobs, is_edition


@dataclass(frozen=True)
class Tree:
    """One ``--tree SRC=DST`` mapping."""

    source: Path
    human: str  # may hold {lang}

    def root(self, lang: str) -> Path:
        return Path(self.human.replace("{lang}", lang))


@dataclass(frozen=True)
class Pairing:
    """One English source, one language: the human edition to read and the PO file to write."""

    job: Job
    lang: str
    human: Path
    po: Path


def parse_tree(value: str, langs: Sequence[str]) -> Tree:
    """``SRC=DST`` as a :class:`Tree`; raises :class:`InputError` (exit 2) naming what to fix."""
    source, sep, human = value.partition("=")
    if not sep or not source.strip() or not human.strip():
        raise InputError(f"--tree: {value!r} is not SRC=DST (e.g. content/en=content/{{lang}}); name the English folder and the human one")
    if "{lang}" not in human and len(langs) > 1:
        raise InputError(f"--tree: {human!r} does not say where each language lies; write {{lang}} in it (content/{{lang}}) "
                         "or import one --lang at a time")
    return Tree(Path(source.strip()), human.strip())


def pairings(paths: Sequence[Path], langs: Sequence[str], trees: Sequence[Tree] = ()) -> list[Pairing]:
    """Every (source, language) whose human edition exists; raises when there is none at all."""
    for path in paths:
        if path.is_file() and (is_edition(path) or (re.fullmatch(r"[a-z]{2}\.md", path.name) and path.name != ISSUE_SOURCE)):
            raise InputError("is an edition, not an English source; pass the English file or its folder "
                             "(the edition beside it is found by its name, or with --tree)", path)
    human_roots = [os.path.abspath(t.root(lang)) for t in trees for lang in langs]
    jobs = [job for job in find_jobs(list(paths)) if not _under(job.source, human_roots)]
    found: list[Pairing] = []
    for job in jobs:
        for lang in langs:
            human = _human(job, lang, trees)
            if human.is_file():
                found.append(Pairing(job, lang, human, job.po(lang)))
    if not found:
        where = ", ".join(f"{t.source}={t.human}" for t in trees) or "zh.md beside en.md, x.zh.md beside x.md"
        raise InputError(f"holds no human edition in {', '.join(langs)} to import (looked for: {where}); "
                         "check the path, --lang and --tree", paths[0])
    return found


def _human(job: Job, lang: str, trees: Sequence[Tree]) -> Path:
    source = os.path.abspath(job.source)
    for tree in trees:
        root = os.path.abspath(tree.source)
        if _under(job.source, [root]):
            return tree.root(lang) / os.path.relpath(source, root)
    return job.edition(lang)


def _under(path: Path, roots: Sequence[str]) -> bool:
    full = os.path.abspath(path)
    return any(full.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
