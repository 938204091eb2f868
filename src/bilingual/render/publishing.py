"""``bilingual publish`` as one call: find the issues and the newsletter's settings, build the
site (and, if asked, the e-mail editions), and replace the site folder with it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from .site import Site


@dataclass(frozen=True)
class Published:
    """What a publish did: the site built, its issue folders, the files in it and how many changed."""

    site: Site
    folders: tuple[Path, ...]
    files: int
    written: int
    email_langs: tuple[str, ...] = ()


def publish_site(
    paths: Sequence[Path],
    out: Path,
    langs: Sequence[str],
    glossary: Glossary | None = None,
    config: Path | None = None,
    require: str | None = None,
    email: bool = False,
    base_url: str | None = None,
) -> Published:
    """Build the site of the issues under ``paths`` into ``out`` (replaced all or nothing).

    ``config`` is the newsletter's settings file (default: ``newsletter.yaml`` beside the issue
    folders); ``require`` ("approved" or "none", default: the settings') gates each language on
    review; with ``email`` each issue also gets its e-mail editions, whose links need
    ``base_url`` (default: the settings' ``url``).
    """
    from ..errors import InputError
    from .site import build, find_issues
    from .siteconfig import find_config, load_config
    from .siteout import check_site_folder, replace_site

    check_site_folder(out, [p for p in paths if p.exists()])
    if config is not None and not config.is_file():
        raise InputError("no such config file; see issues/newsletter.yaml for an example", config)
    settings = load_config(config if config is not None else find_config(paths))
    folders = find_issues(paths)
    check_site_folder(out, folders)
    site = build(folders, langs, glossary, settings, require)
    files = dict(site.files)
    email_langs: tuple[str, ...] = ()
    if email:
        from .mail import check_base_url, email_files

        if not (base_url or settings.url):
            raise InputError("publish --email needs the site's address for the e-mails' images and links: "
                             "pass --base-url https://… or set url: in newsletter.yaml", settings.path or "newsletter.yaml")
        address = check_base_url(base_url, "--base-url") if base_url else settings.url
        email_langs = ("en", *langs)
        files.update(email_files(site, settings, address, email_langs))
    written = replace_site(out, files)
    return Published(site, tuple(folders), len(files), written, email_langs)
