"""A static site of the newsletter: a home page and a feed per language, each issue in every language and side by side.

::

    site/index.html            the home page in English: the newsletter's name and description,
    site/index.zh.html         and in Chinese, Japanese…: issues newest first, dates, titles
    site/feed.en.xml           an Atom feed per language (feed.zh.xml, feed.ja.xml)
    site/024/index.html        the English edition      (lang="en")
    site/024/zh.html           the Chinese edition      (lang="zh-Hans")
    site/024/ja.html           the Japanese edition     (lang="ja")
    site/024/aligned.html      the three languages side by side
    site/024/img/…             every local file the issue links to, copied as it is

The name and description come from ``newsletter.yaml`` beside the issue folders (see
:mod:`.siteconfig`). Every page has a language switch that stays on the same issue. Every link
is relative and every page self-contained (inline CSS, no scripts or fonts from elsewhere), so
the folder can be opened from disk or served from any path. A local file an issue links to that
does not exist stops the build with its file and line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .model import LANG_NAMES, html_lang
from .issuepage import IssuePage
from .review import Review

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from .siteconfig import SiteConfig


@dataclass(frozen=True)
class Site:
    """Every file of the site (paths relative to its folder) and each issue's review state."""

    files: dict[Path, str | bytes]
    pages: list[IssuePage]

    def withheld(self) -> list[tuple[str, Review]]:
        """(issue, review) of each language published as the English for want of review."""
        return [(page.name, r) for page in self.pages for r in page.reviews.values() if r.withheld]


def page_name(lang: str) -> str:
    """The file an issue's edition in ``lang`` is published as."""
    return "index.html" if lang == "en" else f"{lang}.html"


def home_name(lang: str) -> str:
    """The file the home page in ``lang`` is published as."""
    return "index.html" if lang == "en" else f"index.{lang}.html"


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


def build_site(
    issues: Sequence[Path], langs: Sequence[str], glossary: Glossary | None = None, config: SiteConfig | None = None
) -> dict[Path, str | bytes]:
    """Every file of the site, keyed by its path relative to the site folder."""
    return build(issues, langs, glossary, config).files


def build(
    issues: Sequence[Path],
    langs: Sequence[str],
    glossary: Glossary | None = None,
    config: SiteConfig | None = None,
    require: str | None = None,
) -> Site:
    """The site; ``require`` ("approved" or "none", default: the config's) gates each language on review."""
    from ..storage import read_text
    from .aligned import aligned_html, build_alignment
    from .assets import issue_assets
    from .feed import atom_feed, feed_name
    from .html import jinja_env, markdown_html, source_block_html
    from ..document.segment import segment
    from .inputs import load_issue
    from .messages import messages
    from .review import marked_html, notice, review_of
    from .siteconfig import SiteConfig

    config = config or SiteConfig()
    gate = (require or config.require) == "approved"
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
        en_html, allowed = source_block_html(doc.source)
        meta = {lang: _front_matter(text) for lang, text in texts.items()}
        reviews = {v.lang: review_of(v) for v in versions}
        reviews = {lang: replace(r, withheld=gate and not r.complete) for lang, r in reviews.items()}
        shown = {"en": "en", **{lang: "en" if reviews[lang].withheld else lang for lang in langs}}
        segments = segment(doc)
        # An edition keeps only the raw HTML that en.md has; any other shows as text.
        html = {"en": en_html}
        marked: set[str] = set()
        for version in versions:
            lang = version.lang
            if shown[lang] == "en":
                html[lang] = en_html
                continue
            spans = None if reviews[lang].complete else marked_html(doc, segments, version, texts[lang], allowed)
            html[lang] = spans if spans is not None else markdown_html(texts[lang], allowed)
            marked.update([lang] if spans is not None else [])
        page = IssuePage(
            folder.name,
            folder,
            {lang: str(meta[shown[lang]].get("title") or _first_heading(texts[shown[lang]]) or folder.name) for lang in all_langs},
            str(meta["en"].get("date") or ""),
            html,
            {lang: str(meta[shown[lang]].get("description") or "") for lang in all_langs},
            str(meta["en"].get("author") or ""),
            _updated(meta["en"].get("date"), folder / "en.md"),
            reviews,
            shown,
            frozenset(marked),
        )
        pages.append(page)
        for lang in all_langs:
            review = reviews.get(lang)
            files[Path(page.name) / page_name(lang)] = env.get_template("edition.html").render(
                page=page, lang=lang, langs=all_langs, names=LANG_NAMES, page_lang=html_lang(lang), page_name=page_name,
                home=home_name(lang), t=messages(lang), review=review,
                note=notice(review, lang, config.notes) if review else "",
                reviewed=review is None or review.complete or review.withheld,
            )
        alignment = build_alignment(doc, versions, name=page.name)
        files[Path(page.name) / "aligned.html"] = aligned_html(alignment, glossary, _switcher(all_langs))
        sources = [(folder / "en.md", doc.source), *((editions[lang], texts[lang]) for lang in langs)]
        for relative, content in issue_assets(folder, sources).items():
            files[Path(page.name) / relative] = content
    pages.sort(key=lambda p: (p.date, p.name), reverse=True)
    for lang in all_langs:
        files[Path(home_name(lang))] = env.get_template("home.html").render(
            pages=pages, lang=lang, langs=all_langs, names=LANG_NAMES, page_lang=html_lang(lang), page_name=page_name,
            home_name=home_name, feed=feed_name(lang), name=config.name_in(lang), description=config.description_in(lang),
            t=messages(lang),
        )
        files[Path(feed_name(lang))] = atom_feed(config, pages, lang, lambda p, lg: f"{p.href}/{page_name(lg)}", home_name(lang))
    return Site(files, pages)


def _updated(date: object, source: Path) -> str:
    """An issue's date as an RFC 3339 timestamp; an undated issue is as new as its en.md."""
    if isinstance(date, dt.datetime):
        return (date if date.tzinfo else date.replace(tzinfo=dt.timezone.utc)).isoformat().replace("+00:00", "Z")
    if isinstance(date, dt.date):
        return f"{date.isoformat()}T00:00:00Z"
    if isinstance(date, str):
        try:
            return f"{dt.date.fromisoformat(date).isoformat()}T00:00:00Z"
        except ValueError:
            pass
    stamp = dt.datetime.fromtimestamp(source.stat().st_mtime, dt.timezone.utc).replace(microsecond=0)
    return stamp.isoformat().replace("+00:00", "Z")


def _switcher(langs: Sequence[str]) -> list[dict[str, str]]:
    from .messages import messages

    links = [{"href": f"../{home_name('en')}", "lang": "en", "label": messages("en")("all_issues")}]
    links += [{"href": page_name(lang), "lang": html_lang(lang), "label": LANG_NAMES.get(lang, lang)} for lang in langs]
    return links


def _front_matter(text: str) -> dict[str, object]:
    import yaml

    from ..safe_yaml import load

    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    try:
        data = load(text[4:end]) if end > 0 else None  # bounded; a bad date was refused when the issue was parsed
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _first_heading(text: str) -> str:
    from ..document.markdown import parse

    heading = next((u for u in parse(text).units if u.kind == "heading"), None)
    return heading.content if heading else ""
