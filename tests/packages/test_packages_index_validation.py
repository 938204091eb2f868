"""Strict checks of index entries and package metadata, and which links an index may give."""

from __future__ import annotations

import pytest
from conftest_argos import ArgosEnv, argos_env, fake_package, metadata, package_members, write_index, write_zip  # noqa: F401

from bilingual.errors import ModelError, NetworkError
from bilingual.packages import Limits, install_file, install_from_index, parse_index
from bilingual.packages.meta import differences, parse_metadata

REMOTE = "https://example.org/index.json"
LOCAL = "file:///srv/mirror/index.json"
LINK = ["https://example.org/p.argosmodel"]


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("not an object", "must hold a JSON object"),
        ({**metadata()}, "links must be a list of URLs, not NoneType"),
        ({**metadata(), "links": "https://example.org/p.argosmodel"}, "links must be a list of URLs, not str"),
        ({**metadata(), "links": []}, "links must be a list of URLs"),
        ({**metadata(), "links": [7]}, "links must be a list of URLs"),
        ({**metadata(), "links": ["ftp://example.org/p"]}, "link 'ftp://example.org/p' is not an http(s) URL"),
        ({**metadata(), "links": ["https:///p"]}, "is not an http(s) URL"),
        ({**metadata(), "links": ["file:///etc/passwd"]}, "a remote index may only link http(s) URLs"),
        ({**metadata(from_code="../x"), "links": LINK}, "from_code '../x' is not a language code"),
        ({**metadata(to_code="ZH"), "links": LINK}, "to_code 'ZH' is not a language code"),
        ({**metadata(to_code="zh-CN"), "links": LINK}, "to_code 'zh-CN' is not a language code"),
        ({**metadata(to_code=["zh"]), "links": LINK}, "to_code must be a string, not a list"),
        ({**metadata(version=1.0), "links": LINK}, "package_version must be a string, not a number (1.0)"),
        ({**metadata(version="1/../2"), "links": LINK}, "package_version '1/../2' is not a version"),
        ({**metadata(type=3), "links": LINK}, "type must be a string"),
        ({**metadata(target_prefix=True), "links": LINK}, "target_prefix must be a string, not a boolean"),
    ],
)
def test_a_bad_entry_stops_and_is_named(entry: object, reason: str) -> None:
    good = {**metadata(to_code="ja"), "links": LINK}
    with pytest.raises(NetworkError) as caught:
        parse_index([good, entry], REMOTE)
    message = str(caught.value)
    assert message.startswith(f"the Argos package index at {REMOTE}: entry 2")
    assert reason in message
    assert message.endswith("fix the index, or point ARGOS_PACKAGE_INDEX at another one")


@pytest.mark.parametrize("code", ["en", "zh", "yue", "pt_BR", "zh_Hant", "zt"])
def test_language_codes_argos_uses_are_accepted(code: str) -> None:
    assert parse_metadata(metadata(to_code=code)).to_code == code


def test_a_local_index_may_link_local_files() -> None:
    entries = parse_index([{**metadata(), "links": ["file:///srv/mirror/p.argosmodel", *LINK]}], LOCAL)
    assert entries[0].links == ("file:///srv/mirror/p.argosmodel", *LINK)


def test_an_index_that_is_not_a_list_is_refused() -> None:
    with pytest.raises(NetworkError, match="is not a list of packages"):
        parse_index({"packages": []}, REMOTE)


def test_differences_name_each_field() -> None:
    package = parse_metadata(metadata("en", "zh", "0.1"))
    promised = parse_metadata(metadata("en", "ja", "9.9"))
    assert differences(package, promised) == [
        "to_code is zh in the package, ja in the index",
        "package_version is 0.1 in the package, 9.9 in the index",
    ]
    assert differences(package, package) == []


def test_a_package_that_is_not_what_the_index_promised_is_not_installed(argos_env: ArgosEnv) -> None:
    site = argos_env.root / "mirror"
    site.mkdir()
    file = fake_package(site, "en", "zh", "1.0")
    index = write_index(site, site.as_uri() + "/", [file])
    index.write_text(index.read_text(encoding="utf-8").replace('"to_code": "zh"', '"to_code": "ja"'), encoding="utf-8")
    with pytest.raises(ModelError, match="to_code is zh in the package, ja in the index; nothing installed"):
        install_from_index(["ja"], url=index.as_uri(), limits=Limits(timeout_s=2.0))
    assert list(argos_env.packages.iterdir()) == []


@pytest.mark.parametrize(
    ("meta", "reason"),
    [
        (metadata(from_code="../x"), "from_code '../x' is not a language code"),
        (metadata(version=2), "package_version must be a string, not a number (2)"),
        (metadata(to_code=None), "to_code must be a string, not null"),
    ],
)
def test_package_files_with_bad_metadata_are_refused(argos_env: ArgosEnv, meta: dict, reason: str) -> None:
    bad = write_zip(argos_env.root / "bad.argosmodel", package_members(meta))
    with pytest.raises(ModelError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        install_file(bad)
    assert list(argos_env.packages.iterdir()) == []
