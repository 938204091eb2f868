"""The local files an issue's Markdown links to (images, downloads), each with where it is named.

Targets in Markdown links and images and in the ``src``/``href`` attributes of raw HTML count
when they are relative paths inside the issue folder (no scheme, no leading ``/``, no ``..``)
and not other pages (``.md``, ``.po``, ``.html``). :func:`issue_assets` reads them and fails on
the first one that does not exist, naming the Markdown file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..errors import InputError
from ..storage import read_bytes

#: The largest file an issue may link to (an image, a download).
MAX_ASSET_BYTES = 256 << 20

_HTML_URL = re.compile(r"""\b(?:src|href|poster)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_PAGES = (".md", ".po", ".html", ".htm")


@dataclass(frozen=True)
class Reference:
    """A local file named by a Markdown file: the target, and the 1-based line naming it."""

    target: PurePosixPath
    line: int
    kind: str  # image, link, html


def references(markdown: str) -> list[Reference]:
    """Every local file ``markdown`` links to, in order of appearance (each target once)."""
    from .html import md_parser

    lines = markdown.split("\n")
    found: dict[PurePosixPath, Reference] = {}
    for token in md_parser().parse(markdown):
        if token.map is None:
            continue
        urls: list[tuple[str, str]] = []
        if token.type == "html_block":
            urls += [(m.group(1) or m.group(2), "html") for m in _HTML_URL.finditer(token.content)]
        for child in token.children or ():
            if child.type == "image":
                urls.append((str(child.attrGet("src") or ""), "image"))
            elif child.type == "link_open":
                urls.append((str(child.attrGet("href") or ""), "link"))
            elif child.type == "html_inline":
                urls += [(m.group(1) or m.group(2), "html") for m in _HTML_URL.finditer(child.content)]
        for url, kind in urls:
            target = _local(url)
            if target is not None and target not in found:
                found[target] = Reference(target, _line(lines, token.map, url), kind)
    return list(found.values())


def _local(url: str) -> PurePosixPath | None:
    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path or path.startswith("/"):
        return None
    relative = PurePosixPath(path)
    if ".." in relative.parts or relative.suffix.lower() in _PAGES:
        return None
    return PurePosixPath(*[p for p in relative.parts if p != "."]) if relative.parts else None


def _line(lines: list[str], span: list[int], url: str) -> int:
    """The line of the block ``span`` on which ``url`` is written (its first line if not found)."""
    for number in range(span[0], min(span[1], len(lines))):
        if url in lines[number]:
            return number + 1
    return span[0] + 1


def issue_assets(folder: Path, documents: Iterable[tuple[Path, str]]) -> dict[PurePosixPath, bytes]:
    """The bytes of every local file the ``documents`` (path, Markdown) of the issue in ``folder`` name."""
    root = folder.resolve()
    out: dict[PurePosixPath, bytes] = {}
    for path, text in documents:
        for ref in references(text):
            if ref.target in out:
                continue
            try:  # a name with a NUL byte (%00) or too long for the file system names no file
                file = (folder / ref.target).resolve()
                usable = root in file.parents and file.is_file()
            except (OSError, ValueError):
                usable = False
            if not usable:
                raise InputError(
                    f"{ref.kind} {ref.target} does not exist in {folder}; add the file or fix the link", path, ref.line
                )
            out[ref.target] = read_bytes(file, MAX_ASSET_BYTES)
    return out
