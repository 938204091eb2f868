"""The e-mail edition of each issue in each language, ready for any mail service.

::

    site/024/zh.email.html    table layout 600 px wide, every style inline (css-inline), dark-mode
                              rules kept in a <style> that layout does not need, every image and
                              link an absolute URL under the site's address
    site/024/zh.email.txt     the plain-text alternative, links as numbered references
    site/024/zh.eml           both as multipart/alternative, UTF-8, Content-Language: zh-Hans

The text is what the site's page shows, review gate included: a language ``--require approved``
withholds is mailed as the English with the notice, and unreviewed sentences are marked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..errors import InputError
from .model import LANG_NAMES, html_lang

if TYPE_CHECKING:
    from .issuepage import IssuePage
    from .site import Site
    from .siteconfig import SiteConfig

_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_URL_ATTR = re.compile(r"""(\s(?:src|href)\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.I)


def email_names(lang: str) -> tuple[str, str, str]:
    """The HTML, text and message files of an issue's e-mail edition in ``lang``."""
    return f"{lang}.email.html", f"{lang}.email.txt", f"{lang}.eml"


def check_base_url(url: str, origin: str) -> str:
    """``url`` as the site's address (ending in ``/``); raises unless it is an absolute http(s) address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{url!r} is not an http(s) address; the e-mail's images and links need the site's address", origin)
    return url if url.endswith("/") else url + "/"


def email_files(site: Site, config: SiteConfig, base_url: str, langs: Sequence[str]) -> dict[Path, str | bytes]:
    """Every e-mail edition of ``site``'s issues, keyed by path relative to the site folder."""
    files: dict[Path, str | bytes] = {}
    for page in site.pages:
        for lang in langs:
            html, text, message = email_edition(page, lang, langs, config, base_url)
            for name, content in zip(email_names(lang), (html, text, message), strict=True):
                files[Path(page.name) / name] = content
    return files


def email_edition(page: IssuePage, lang: str, langs: Sequence[str], config: SiteConfig, base_url: str) -> tuple[str, str, bytes]:
    """One issue in one language as e-mail: (HTML, plain text, the .eml message)."""
    import css_inline

    from .html import jinja_env
    from .mailtext import html_text
    from .messages import messages
    from .review import notice
    from .site import page_name

    t = messages(lang)
    web = urljoin(base_url, f"{page.href}/{page_name(lang)}")
    body = absolute_urls(page.html[lang], web)
    review = page.reviews.get(lang)
    note = notice(review, lang, config.notes) if review else ""
    others = [
        {"lang": other, "name": LANG_NAMES.get(other, other), "href": urljoin(base_url, f"{page.href}/{page_name(other)}")}
        for other in langs if other != lang
    ]
    template = jinja_env().get_template("email.html")
    page_html = template.render(
        page_lang=html_lang(lang), title=page.titles[lang], name=config.name_in(lang), web_url=web, others=others,
        note=note, reviewed=review is None or review.complete or review.withheld, shown=page.shown.get(lang, lang),
        body=body, issue=page.name, date=page.date, t=t,
    )
    inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
    html = inliner.inline(page_html).rstrip("\n") + "\n"
    heading = f"{config.name_in(lang)}\n{page.titles[lang]}\n"
    intro = f"{note}\n\n" if note else ""
    text = heading + "\n" + intro + html_text(body, t("links"), t("image")) + f"\n{t('view_online')}: {web}\n"
    return html, text, _message(page, lang, html, text)


def absolute_urls(html: str, page_url: str) -> str:
    """``html`` with every ``src`` and ``href`` made absolute against ``page_url``."""

    def tag(match: re.Match[str]) -> str:
        return _URL_ATTR.sub(attribute, match.group(0))

    def attribute(match: re.Match[str]) -> str:
        value = match.group(2) if match.group(2) is not None else match.group(3)
        quote = '"' if match.group(2) is not None else "'"
        return f"{match.group(1)}{quote}{urljoin(page_url, value)}{quote}"

    return _TAG.sub(tag, html)


def _message(page: IssuePage, lang: str, html: str, text: str) -> bytes:
    from email import policy
    from email.message import EmailMessage
    from email.utils import format_datetime

    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = page.titles[lang]
    when = _date(page.updated)
    if when is not None:
        message["Date"] = format_datetime(when)
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # After add_alternative, which moves the Content-* headers into the first part.
    message["Content-Language"] = html_lang(lang)
    for part in message.iter_parts():
        del part["Content-Language"]
        part["Content-Language"] = html_lang(lang)
    # A boundary from the content, so publishing the same issue again writes the same bytes.
    message.set_boundary("bilingual-" + hashlib.sha256((text + html).encode("utf-8")).hexdigest()[:32])
    return message.as_bytes()


def _date(updated: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(updated.replace("Z", "+00:00"))
    except ValueError:
        return None
