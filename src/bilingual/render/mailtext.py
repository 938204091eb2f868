"""The plain-text alternative of an e-mail edition: its HTML as text, links as numbered references.

::

    ## Papers

    Researchers trained a model [1]. See the figure:
    [image: a chart] [2]

    Links
    [1] https://example.org/paper
    [2] https://example.org/news/024/img/chart.png

Headings keep their Markdown level marks, list items a dash, quotes ``> ``, code its lines as
they are; a link whose text is its address is not repeated as a reference.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "ul", "ol", "li", "blockquote", "pre", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br"}
_SKIP = {"style", "script", "head", "title"}


class _Text(HTMLParser):
    def __init__(self, image_word: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.links: list[str] = []
        self.image_word = image_word
        self.quote = self.pre = self.skip = 0
        self.href: list[str | None] = []
        self.link_text: list[int] = []  # where each open link's text starts in the current line

    def _break(self, blank: bool = False) -> None:
        if self.lines[-1].strip():
            self.lines.append("")
        if blank and len(self.lines) > 1 and self.lines[-2] != "":
            self.lines.insert(len(self.lines) - 1, "")

    def _write(self, text: str) -> None:
        if not self.lines[-1]:
            self.lines[-1] = "> " * self.quote
        self.lines[-1] += text

    def _reference(self, url: str) -> int:
        if url not in self.links:
            self.links.append(url)
        return self.links.index(url) + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCKS:
            self._break(blank=tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "blockquote", "ul", "ol"))
            if tag == "blockquote":
                self.quote += 1
            elif tag == "pre":
                self.pre += 1
            elif tag == "li":
                self._write("- ")
            elif tag.startswith("h") and tag[1:].isdigit():
                self._write("#" * int(tag[1]) + " ")
            elif tag == "hr":
                self._write("----")
                self._break()
        elif tag == "a":
            self.href.append(values.get("href"))
            self.link_text.append(len(self.lines[-1]))
        elif tag == "img" and values.get("src"):
            alt = (values.get("alt") or "").strip()
            self._write(f"[{self.image_word}: {alt}] [{self._reference(values['src'] or '')}]" if alt else f"[{self.image_word}] [{self._reference(values['src'] or '')}]")
        elif tag in ("td", "th") and not self.lines[-1].endswith("| ") and self.lines[-1].strip():
            self._write(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "a" and self.href:
            href, start = self.href.pop(), self.link_text.pop()
            shown = self.lines[-1][start:].strip()
            if href and not href.startswith("mailto:") and shown != href:
                self._write(f" [{self._reference(href)}]")
        elif tag in _BLOCKS:
            if tag == "blockquote":
                self.quote = max(0, self.quote - 1)
            elif tag == "pre":
                self.pre = max(0, self.pre - 1)
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:
            parts = data.split("\n")
            for k, part in enumerate(parts):
                if k:
                    self.lines.append("")
                self._write(part)
            return
        text = re.sub(r"\s+", " ", data)
        if not self.lines[-1].strip() or self.lines[-1].endswith("> "):
            text = text.lstrip()
        if text:
            self._write(text)


def html_text(html: str, links_heading: str = "Links", image_word: str = "image") -> str:
    """``html`` as plain text with numbered link references under ``links_heading``."""
    parser = _Text(image_word)
    parser.feed(html)
    parser.close()
    lines = [line.rstrip() for line in parser.lines]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    if parser.links:
        text += f"\n\n{links_heading}\n" + "\n".join(f"[{n}] {url}" for n, url in enumerate(parser.links, 1))
    return text + "\n"
