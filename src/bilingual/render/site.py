"""A static site of the newsletter: an index of issues, each issue in every language, side by side.

::

    site/index.html            every issue, with links to each language and the side-by-side page
    site/024/index.html        the English edition      (lang="en")
    site/024/zh.html           the Chinese edition      (lang="zh-Hans")
    site/024/ja.html           the Japanese edition     (lang="ja")
    site/024/aligned.html      the three languages side by side
    site/024/img/…             files the issue links to by a relative path, copied as they are

Every link is relative and every page self-contained (inline CSS, no scripts or fonts from
elsewhere), so the folder can be opened from disk or served from any path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from ..errors import InputError
from .model import LANG_NAMES, html_lang

if TYPE_CHECKING:
    from ..glossary.schema import Glossary


@dataclass(frozen=True)
class IssuePage:
    """One issue as the site shows it."""

    name: str  # the folder name: "024"
    folder: Path
    titles: dict[str, str]  # lang → title
    date: str
    html: dict[str, str]  # lang → the edition's body HTML


def page_name(lang: str) -> str:
    """The file an issue's edition in ``lang`` is published as."""
    return "index.html" if lang == "en" else f"{lang}.html"


def find_issues(paths: Sequence[Path]) -> list[Path]:
    """Issue folders (holding ``en.md``) named by ``paths``, or found one level below them."""
    found: list[Path] = []
    for path in paths:
        if (path / "en.md").is_file():
            found.append(path)
        elif path.is_file() and path.name == "en.md":
            found.append(path.parent)
        elif path.is_dir():
            found.extend(sorted(p.parent for p in path.glob("*/en.md")))
        else:
            raise InputError("no such issue folder; pass folders that hold en.md", path)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise InputError("holds no issue folders (NNN/en.md)", paths[0] if paths else Path("issues"))
    return unique


def build_site(issues: Sequence[Path], langs: Sequence[str], glossary: Glossary | None = None) -> dict[Path, str | bytes]:
    """Every file of the site, keyed by its path relative to the site folder."""
    from ..storage import read_text
    from .aligned import aligned_html, build_alignment
    from ..markdown import source_html
    from .html import jinja_env, markdown_html
    from .inputs import load_issue

    env = jinja_env()
    all_langs = ("en", *langs)
    files: dict[Path, str | bytes] = {}
    pages: list[IssuePage] = []
    for folder in issues:
        editions = {lang: folder / f"{lang}.md" for lang in langs}
        for path in editions.values():
            if not path.is_file():
                raise InputError(f"missing edition; run `bilingual translate {folder}` first", path)
        doc, versions = load_issue(folder / "en.md", langs, {lang: folder / f"{lang}.po" for lang in langs}, editions)
        texts = {"en": doc.source, **{lang: read_text(path) for lang, path in editions.items()}}
        allowed = source_html(doc.source)
        meta = {lang: _front_matter(text) for lang, text in texts.items()}
        page = IssuePage(
            folder.name,
            folder,
            {lang: str(meta[lang].get("title") or _first_heading(texts[lang]) or folder.name) for lang in all_langs},
            str(meta["en"].get("date") or ""),
            # An edition keeps only the raw HTML that en.md has; any other shows as text.
            {lang: markdown_html(text, None if lang == "en" else allowed) for lang, text in texts.items()},
        )
        pages.append(page)
        for lang in all_langs:
            files[Path(page.name) / page_name(lang)] = env.get_template("edition.html").render(
                page=page, lang=lang, langs=all_langs, names=LANG_NAMES, page_lang=html_lang(lang), page_name=page_name
            )
        alignment = build_alignment(doc, versions, name=page.name)
        files[Path(page.name) / "aligned.html"] = aligned_html(alignment, glossary, _switcher(all_langs))
        for relative in _local_files(doc.source, *texts.values()):
            target = (folder / relative).resolve()
            if target.is_file() and folder.resolve() in target.parents:
                files[Path(page.name) / relative] = target.read_bytes()
    files[Path("index.html")] = env.get_template("index.html").render(
        pages=pages, langs=all_langs, names=LANG_NAMES, page_lang="en", page_name=page_name
    )
    return files


def _switcher(langs: Sequence[str]) -> list[dict[str, str]]:
    links = [{"href": "../index.html", "lang": "en", "label": "All issues"}]
    links += [{"href": page_name(lang), "lang": html_lang(lang), "label": LANG_NAMES.get(lang, lang)} for lang in langs]
    return links


def _front_matter(text: str) -> dict[str, object]:
    import yaml

    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    try:
        data = yaml.safe_load(text[4:end]) if end > 0 else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _first_heading(text: str) -> str:
    from ..markdown import parse

    heading = next((u for u in parse(text).units if u.kind == "heading"), None)
    return heading.content if heading else ""


def _local_files(*texts: str) -> list[PurePosixPath]:
    """Relative link and image targets in the Markdown ``texts`` (no scheme, no absolute path, no ``..``)."""
    from .html import md_parser

    found: dict[PurePosixPath, None] = {}
    for text in texts:
        for token in md_parser().parse(text):
            for child in token.children or ():
                url = child.attrGet("src") or child.attrGet("href")
                if not isinstance(url, str):
                    continue
                parts = urlsplit(url)
                path = unquote(parts.path)
                if parts.scheme or parts.netloc or not path or path.startswith("/"):
                    continue
                relative = PurePosixPath(path)
                if ".." not in relative.parts and relative.suffix not in (".md", ".po", ".html"):
                    found[relative] = None
    return list(found)
