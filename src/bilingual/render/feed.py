"""An Atom 1.0 feed (RFC 4287) of the newsletter in one language, newest issue first."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from .model import html_lang

if TYPE_CHECKING:
    from .issuepage import IssuePage
    from .siteconfig import SiteConfig

ATOM = "http://www.w3.org/2005/Atom"


def feed_name(lang: str) -> str:
    """The file the feed in ``lang`` is published as."""
    return f"feed.{lang}.xml"


def atom_feed(config: SiteConfig, pages: Sequence[IssuePage], lang: str, page_path: Callable[[IssuePage, str], str], home: str) -> str:
    """The feed of ``pages`` (newest first) in ``lang``; links are relative unless ``config.url`` is set."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": html_lang(lang)})
    _text(feed, "title", config.name_in(lang))
    if config.description_in(lang):
        _text(feed, "subtitle", config.description_in(lang))
    _text(feed, "id", _id(config, feed_name(lang)))
    _text(feed, "updated", max((page.updated for page in pages), default="1970-01-01T00:00:00Z"))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=config.url + feed_name(lang))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=config.url + home)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", config.name_in(lang))
    _text(feed, "generator", "bilingual")
    for page in pages:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        if page.shown.get(lang, lang) != lang:  # withheld by the review gate: the English stands in
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", html_lang(page.shown[lang]))
        href = page_path(page, lang)
        _text(entry, "title", page.titles[lang])
        _text(entry, "id", _id(config, href))
        _text(entry, "updated", page.updated)
        if page.author:
            _text(ET.SubElement(entry, f"{{{ATOM}}}author"), "name", page.author)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=config.url + href)
        if page.summaries.get(lang):
            _text(entry, "summary", page.summaries[lang])
        content = _text(entry, "content", page.html[lang])
        content.set("type", "html")
        content.set("{http://www.w3.org/XML/1998/namespace}base", config.url + href.rsplit("/", 1)[0] + "/")  # its images
    from ..xmltext import xml_safe  # a form feed in an edition must not make the feed ill-formed

    return '<?xml version="1.0" encoding="utf-8"?>\n' + xml_safe(ET.tostring(feed, encoding="unicode")) + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _id(config: SiteConfig, path: str) -> str:
    """A permanent id: the absolute address when the site has one, else a name-based UUID."""
    if config.url:
        return config.url + path
    return uuid.uuid5(uuid.NAMESPACE_URL, f"bilingual:{config.name_in('en')}/{path}").urn
