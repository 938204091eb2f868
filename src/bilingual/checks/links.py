"""How two link destinations relate: the same, localised for the reader, or changed.

A translator may point a link at the page in the reader's language: ``/en-US/docs/…`` →
``/zh-CN/docs/…``, ``nodejs.org/`` → ``nodejs.org/ja/``, ``v2.vuejs.org`` → ``v2.cn.vuejs.org``,
``?hl=en`` → ``?hl=ja``, or at the same page with or without its ``.md`` extension or ``index``
file, or by an absolute path or the site's full URL where the source has a relative one, or at the site's pages in the
reader's language (``/blog/…`` → ``/zh/blog/…``), whose page names are its own. That is a translator's right (graded info). A link whose host or path
changed otherwise points somewhere else (an error).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlsplit

if TYPE_CHECKING:
    from ..values import Unit

_LANG = re.compile(r"^(?:en|en[-_](?:us|gb)|zh|zh[-_](?:cn|hans|hant|tw|hk|sg)|cn|ja|ja[-_]jp|jp|intl)$", re.IGNORECASE)
_LANG_KEYS = frozenset({"hl", "lang", "language", "locale", "lng"})
_LANG_SUFFIX = re.compile(r"[-_.](?:en|en[-_]us|zh|zh[-_](?:cn|hans|hant|tw)|cn|ja|ja[-_]jp|jp)(?=\.[A-Za-z0-9]+$|$)", re.IGNORECASE)


_PAGE_SUFFIX = re.compile(r"\.(?:md|mdx|html?)$", re.IGNORECASE)


def _delocalised(url: str) -> tuple[str, str, str, str] | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = ".".join(label for label in (parts.hostname or "").split(".") if not _LANG.match(label))
    path = "/".join(_LANG_SUFFIX.sub("", seg) for seg in parts.path.split("/") if not _LANG.match(seg) and seg != ".")
    path = _PAGE_SUFFIX.sub("", path)  # a docs site's page with or without its source extension: meta.md, meta
    path = re.sub(r"(?:^|/)index$", "", path)  # a folder's page by its index file: api/index.html, api/
    query = "&".join(f"{k}={v}" for k, v in sorted(parse_qsl(parts.query)) if k.lower() not in _LANG_KEYS)
    return parts.scheme.lower(), host.lower(), path.rstrip("/"), query


#: Prefixes a site puts before its translated pages, source → target (``/docs/`` → ``/zh-cn/docs/``,
#: ``/`` → ``../``): given by ``check --link-map``.
LinkMap = tuple[tuple[str, str], ...]


def parse_link_map(values: list[str] | None) -> LinkMap:
    """``--link-map SRC=TGT`` values as pairs; a value without ``=`` or with an empty side is an input error."""
    from ..errors import InputError

    out = []
    for value in values or ():
        src, sep, tgt = value.partition("=")
        if not sep or not src or not tgt:
            raise InputError(f"--link-map {value!r}: write SOURCE_PREFIX=TARGET_PREFIX, e.g. /docs/=/zh-cn/docs/")
        out.append((src, tgt))
    return tuple(out)


def relation(source: str, target: str, link_map: LinkMap = ()) -> str:
    """``same``, ``localised`` (the same page in another language, its anchor perhaps translated, or a page of
    the site's edition for the reader's country: ``greptime.cn`` for ``greptime.com``) or ``changed``.

    ``link_map`` names the site's own prefixes for translated pages: a target that is the source with
    one prefix replaced is localised too.
    """
    if source == target:
        return "same"
    if _same_page_path(source, target):
        return "localised"  # the same page by a relative path in one and the site's absolute path in the other
    for src, tgt in link_map:
        if source.startswith(src) and target.startswith(tgt) and _page(source[len(src):]) == _page(target[len(tgt):]):
            return "localised"
    a, b = _delocalised(source), _delocalised(target)
    if a is not None and a == b:
        return "localised"
    if a is not None and b is not None and a[1] and a[:2] == b[:2] and _host(source) != _host(target):
        return "localised"  # the reader's language edition of the site (ja.wikipedia.org): its own page names
    if (a is not None and b is not None and a[:2] == b[:2] and a[2].split("/")[:2] == b[2].split("/")[:2]
            and _marked(target) and not _marked(source)):
        return "localised"  # the same section of the site in the reader's language (/zh/blog/…): its own page names
    if _country_edition(_site(_host(source)), _site(_host(target))):
        return "localised"  # the site's edition for the reader's country (greptime.cn for greptime.com): its own page names
    return "changed"


#: The country domains of the readers' editions of a site (``greptime.cn`` beside ``greptime.com``), longest first.
_READER_DOMAINS = ("com.cn", "co.jp", "cn", "jp")


def _country_edition(source_host: str, target_host: str) -> bool:
    """Whether ``target_host`` is ``source_host``'s name under a Chinese or Japanese country domain."""
    if not source_host or not target_host or source_host == target_host or "." not in source_host:
        return False
    domain = next((d for d in _READER_DOMAINS if target_host.endswith("." + d)), None)
    return domain is not None and target_host[: -len(domain) - 1] == source_host.rsplit(".", 1)[0]


_READER = re.compile(r"^(?:zh|zh[-_](?:cn|hans|hant|tw|hk|sg)|cn|ja|ja[-_]jp|jp)$", re.IGNORECASE)


def _marked(url: str) -> bool:
    """Whether ``url`` names a Chinese or Japanese edition in its host or path (``/zh/``, ``ja.``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return any(_READER.match(label) for label in [*(parts.hostname or "").split("."), *parts.path.split("/")])


def _same_page_path(source: str, target: str) -> bool:
    """Whether two links name the same page of the site in two ways, language codes and fragments aside:
    a relative path (``../signals/``) and the site's absolute path ending in the same page
    (``/docs/concepts/signals``), or the site's page as a full URL (``https://openfunction.dev/docs/a/b``)
    where the other side has its path: the same absolute path, or a relative path of two segments or
    more that the URL's path ends with (one segment, such as ``../install``, is no evidence)."""
    def segments(url: str) -> tuple[str, list[str]] | None:
        parts = _delocalised(url.split("#", 1)[0])
        if parts is None or parts[0] not in ("", "http", "https") or bool(parts[0]) != bool(parts[1]):
            return None
        return parts[1], [seg for seg in parts[2].split("/") if seg not in ("", ".", "..")]

    if source.startswith("#") or target.startswith("#"):
        return False
    a, b = segments(source), segments(target)
    if a is None or b is None or not a[1] or not b[1] or (a[0] and b[0]):
        return False
    (_, near), (host, far) = (a, b) if not a[0] else (b, a)  # ``far`` is the absolute one
    near_url = source if not a[0] else target
    if host:  # the site's own page as a full URL
        if near_url.startswith("/"):
            return near == far and len(far) >= 2
        return len(near) >= 2 and len(near) <= len(far) and far[-len(near):] == near
    rel, absolute = (source, target) if not source.startswith("/") else (target, source)
    if rel.startswith("/") or not absolute.startswith("/"):
        return False
    rel_segments, abs_segments = (a[1], b[1]) if rel is source else (b[1], a[1])
    return len(rel_segments) <= len(abs_segments) and abs_segments[-len(rel_segments):] == rel_segments


#: Reference works a translator links a term to for the reader: encyclopedias and dictionaries.
_REFERENCE_HOSTS = ("wikipedia.org", "wiktionary.org", "baike.baidu.com", "kotobank.jp")


def explains(url: str, text: str) -> bool:
    """Whether ``url`` is a reference page (Wikipedia, Wiktionary, Baidu Baike, Kotobank) on a term that
    ``text`` (the source sentence) has: the page's title, ``Single_source_of_truth``, read as words."""
    host = _host(url)
    if not any(host == h or host.endswith("." + h) for h in _REFERENCE_HOSTS):
        return False
    try:
        title = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    except ValueError:
        return False
    words = re.sub(r"\s*\([^)]*\)$", "", title).replace("_", " ").strip().casefold()  # Flux_(architecture): Flux
    return len(words) >= 3 and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text.casefold()) is not None


#: A name of a project as a sentence writes it: capitalised, maybe joined by hyphens (HugeGraph-Toolchain).
_NAME = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![\w-])")


def added_for_reader(url: str, text: str, linked: Sequence[str] = ()) -> str | None:
    """Why ``url``, a link the translator added (every link of the source sentence ``text`` kept), is fine; None if not.

    The home page of a name the sentence has (`[CUE](https://cuelang.org/)` for "with CUE": the host's first
    label starts with the name), its project page (`[HugeGraph](https://github.com/apache/hugegraph)` for
    "HugeGraph main project": the path's last of at most two segments is the name) or a page of the site itself whose path names a word of the sentence
    (`[应用](./core-concept)` for "the application concepts"), not a page the sentence already links
    (``linked``: another link to it is a sentence the source no longer has): the reader gets a way to the term."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    segments = [p for p in parts.path.split("/") if p]
    if parts.scheme in ("http", "https") and 1 <= len(segments) <= 2 and not parts.query and not parts.fragment:
        repository = segments[-1].removesuffix(".git").casefold()  # github.com/apache/hugegraph for "HugeGraph"
        if len(repository) >= 3 and any(n.casefold() == repository for n in _NAME.findall(text)):
            return " (the project page of a name the source sentence has, added for the reader)"
    if parts.scheme in ("http", "https") and parts.path.strip("/") == "" and not parts.query:
        label = _host(url).removeprefix("www.").split(".", 1)[0]
        names = re.findall(r"(?<![\w-])[A-Z][A-Za-z]{1,}(?![\w-])", text)
        if any(len(n) >= 2 and label.startswith(n.casefold()) for n in names):
            return " (the home page of a name the source sentence has, added for the reader)"
        return None
    page = re.sub(r"\.html?$", "", parts.path).rstrip("/")
    if parts.scheme or parts.netloc or url.startswith("#") or any(
            re.sub(r"\.html?$", "", link.split("#", 1)[0]).rstrip("/") == page for link in linked):
        return None
    slug = [w.casefold() for w in re.findall(r"[A-Za-z]{4,}", parts.path.rsplit("/", 1)[-1])]
    if any(re.search(rf"(?<![a-z]){re.escape(w)}", text.casefold()) for w in slug):
        return " (a page of the site on a word of the source sentence, added for the reader)"
    return None


#: A list entry citing an external record: its link, then the record's title (`{1}CVE-2024-27348{/1}: HugeGraph-Server -
#: Command execution in gremlin`).
_CITATION = re.compile(r"\{(\d+)\}([^{}]+)\{/\1\}\s*[:：—–-]\s*([^{}]+)")
#: A record's identifier: one token with a digit (CVE-2024-27348, #1234, RFC 7231, GHSA-xxxx-1234).
_RECORD_ID = re.compile(r"(?:[A-Z]{2,}[ -]?)?#?[\w-]*\d[\w-]*")


def cited_title(unit: Unit) -> bool:
    """Whether ``unit`` is a list entry citing an external record by its identifier, then its title, as a
    security advisory or a changelog lists them (`[CVE-2024-27348](https://www.cve.org/…): HugeGraph-Server -
    Command execution in gremlin`): the title is the record's own, kept as the record writes it."""
    match = _CITATION.fullmatch(unit.text.strip())
    if match is None or not _RECORD_ID.fullmatch(match.group(2).strip()):
        return False
    title = match.group(3).strip()
    if title.endswith((".", "?", "!")) or len(title.split()) > 12:
        return False  # a sentence about the record, not its title
    destination = next((p.raw for p in unit.placeholders if p.kind == "link" and p.raw.startswith("](")), "")
    return re.match(r"\]\(<?https?://", destination) is not None  # an external record, not a page of the site


def canonical(url: str) -> str:
    """``url`` as the alignment compares it: language codes out of host and path (``/zh-cn/docs/`` is
    ``/docs/``), and no fragment, since a translation may localise both."""
    parts = _delocalised(url.split("#", 1)[0])
    return "#" if url.startswith("#") else url.split("#", 1)[0] if parts is None else "|".join(parts)


def _page(rest: str) -> str:
    """The part after a mapped prefix, without its anchor (a translation may translate the anchor)."""
    return rest.split("#", 1)[0].rstrip("/")


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def slug(heading: str) -> str:
    """A heading's anchor as GitHub and VitePress make it: lower case, punctuation out, spaces to hyphens."""
    text = unicodedata.normalize("NFKC", heading).strip().lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_" or ord(ch) > 0x2E80 and unicodedata.category(ch)[0] in "LN")
    return re.sub(r"\s", "-", text)


def anchor(destination: str) -> str | None:
    """The fragment of a same-page link (``#intro`` → ``intro``), unquoted; None for other links."""
    return unquote(destination[1:]).lower() if destination.startswith("#") else None


_URL = re.compile(r"https?://[^\s)<>\"'\]]+")


def _site(host: str) -> str:
    return host.removeprefix("www.")


def _sections(document: str) -> frozenset[tuple[str, str]]:
    """The (host without ``www.``, first path segment) of each absolute link of ``document``."""
    out = set()
    for url in _URL.findall(document):
        try:
            parts = urlsplit(url)
        except ValueError:
            continue
        out.add((_site((parts.hostname or "").lower()), parts.path.strip("/").split("/", 1)[0]))
    return frozenset(out)


def other_host(source: str, target: str, document: str) -> bool:
    """Whether ``target`` is ``source`` on another host name of the same site: the same path, query and anchor
    (a trailing slash aside), on the host with or without ``www.``, or on a host the source document itself
    links under the same first path segment (`kcl-lang.github.io/docs/…` and `www.kcl-lang.io/docs/…` on one page)."""
    try:
        s, t = urlsplit(source), urlsplit(target)
    except ValueError:
        return False
    if s.scheme not in ("http", "https") or t.scheme not in ("http", "https"):
        return False
    if (s.path.rstrip("/"), s.query, s.fragment) != (t.path.rstrip("/"), t.query, t.fragment) or not s.path.strip("/"):
        return False
    hs, ht = _site((s.hostname or "").lower()), _site((t.hostname or "").lower())
    if hs == ht:
        return True
    first = s.path.strip("/").split("/", 1)[0]
    return {(hs, first), (ht, first)} <= _sections(document)
