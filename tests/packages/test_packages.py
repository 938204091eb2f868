"""Package files: validation, install (atomic, idempotent, upgrades), list, remove, index, network."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from conftest_argos import (  # noqa: F401 (fixtures)
    ArgosEnv,
    ServeDir,
    argos_env,
    closed_port_url,
    fake_package,
    metadata,
    package_members,
    serve_dir,
    silent_server,
    tree_snapshot,
    write_index,
    write_zip,
)

from bilingual.errors import ModelError, NetworkError
from bilingual.packages import (
    Limits,
    fetch_index,
    find_installed,
    index_pairs,
    index_url,
    install_file,
    install_from_index,
    list_installed,
    packages_dir,
    remove_package,
    validate_archive,
)

ROOT = "translate-en_zh-1_0"
FAST = Limits(timeout_s=2.0, retries=1, backoff_s=0.01)


# -- corrupt and unsafe packages are refused and leave nothing behind ------------------------


def _without(name: str) -> dict[str, bytes]:
    members = package_members()
    del members[f"{ROOT}/{name}"]
    return members


def _with_metadata(meta: object) -> dict[str, bytes]:
    members = package_members()
    members[f"{ROOT}/metadata.json"] = meta if isinstance(meta, bytes) else json.dumps(meta).encode()
    return members


def _without_key(key: str) -> dict[str, bytes]:
    meta = metadata()
    del meta[key]
    return _with_metadata(meta)


def _truncated(path: Path) -> Path:
    fake_package(path.parent)
    data = (path.parent / "translate-en_zh-1_0.argosmodel").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _crc_corrupt(path: Path) -> Path:
    members = package_members()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    raw = bytearray(path.read_bytes())
    at = raw.find(b"\x00fake model weights") + 5
    raw[at] ^= 0xFF
    path.write_bytes(bytes(raw))
    return path


CORRUPT = {
    "truncated zip": (_truncated, "not a zip archive, or truncated"),
    "not a zip": (lambda p: (p.write_text("hello"), p)[1], "not a zip archive"),
    "empty zip": (lambda p: write_zip(p, {}), "empty"),
    "two roots": (lambda p: write_zip(p, {**package_members(), "other/metadata.json": b"{}"}), "2 root folders"),
    "top-level file": (lambda p: write_zip(p, {**package_members(), "README.md": b"x"}), "at the top level"),
    "no metadata.json": (lambda p: write_zip(p, _without("metadata.json")), "no translate-en_zh-1_0/metadata.json"),
    "metadata not json": (lambda p: write_zip(p, _with_metadata(b"{nope")), "not valid JSON"),
    "metadata not an object": (lambda p: write_zip(p, _with_metadata([1, 2])), "JSON object"),
    "no from_code": (lambda p: write_zip(p, _without_key("from_code")), "lacks from_code"),
    "no to_code": (lambda p: write_zip(p, _without_key("to_code")), "lacks to_code"),
    "no package_version": (lambda p: write_zip(p, _without_key("package_version")), "lacks package_version"),
    "no model.bin": (lambda p: write_zip(p, _without("model/model.bin")), "no translate-en_zh-1_0/model/model.bin"),
    "no tokenizer": (lambda p: write_zip(p, _without("sentencepiece.model")), "sentencepiece.model or"),
    "path traversal": (
        lambda p: write_zip(p, {**package_members(), f"{ROOT}/../../evil.txt": b"x"}),
        "unsafe entry",
    ),
    "absolute path": (lambda p: write_zip(p, {**package_members(), "/tmp/evil.txt": b"x"}), "unsafe entry"),
    "backslash traversal": (
        lambda p: write_zip(p, {**package_members(), f"{ROOT}\\..\\..\\evil.txt": b"x"}),
        "unsafe entry",
    ),
    "hidden root": (lambda p: write_zip(p, package_members(root=".hidden")), "hidden root folder"),
    "corrupt data": (_crc_corrupt, "corrupt data"),
}


@pytest.mark.parametrize("case", list(CORRUPT))
def test_corrupt_package_is_refused_and_leaves_packages_dir_as_before(argos_env: ArgosEnv, case: str) -> None:
    install_file(fake_package(argos_env.root, "en", "ja", "1.0"))
    before = tree_snapshot(argos_env.packages)
    build, reason = CORRUPT[case]
    bad = build(argos_env.root / "bad.argosmodel")

    with pytest.raises(ModelError) as caught:
        install_file(bad)

    message = str(caught.value)
    assert message.startswith(f"{bad}: ")
    assert reason in message
    assert "\n" not in message
    assert tree_snapshot(argos_env.packages) == before
    assert not (argos_env.root.parent / "evil.txt").exists()


def test_missing_file_is_refused_naming_it(argos_env: ArgosEnv) -> None:
    with pytest.raises(ModelError, match="no such package file"):
        install_file(argos_env.root / "nope.argosmodel")


def test_validate_reads_metadata_without_unpacking(argos_env: ArgosEnv) -> None:
    members = package_members(metadata(target_prefix="__zh__"))
    info = validate_archive(write_zip(argos_env.root / "p.argosmodel", members))
    assert (info.root, info.meta.pair, info.meta.version, info.meta.target_prefix) == (ROOT, "en→zh", "1.0", "__zh__")
    assert info.meta.label == "translate-en_zh-1.0"
    assert list(argos_env.packages.iterdir()) == []


def test_bpe_package_is_structurally_valid(argos_env: ArgosEnv) -> None:
    members = _without("sentencepiece.model") | {f"{ROOT}/bpe.model": b"bpe"}
    assert validate_archive(write_zip(argos_env.root / "p.argosmodel", members)).meta.pair == "en→zh"


# -- install, reinstall, upgrade, list, remove ---------------------------------------------------


def test_install_unpacks_one_folder_with_metadata(argos_env: ArgosEnv) -> None:
    result = install_file(fake_package(argos_env.root))
    assert result.outcome == "installed"
    assert result.package.path == argos_env.packages / ROOT
    assert (argos_env.packages / ROOT / "metadata.json").is_file()
    assert [p.name for p in argos_env.packages.iterdir()] == [ROOT]
    assert (argos_env.packages / ROOT).stat().st_mode & 0o777 == 0o755
    assert "installed en→zh 1.0" in result.message


def test_reinstalling_the_same_version_is_a_no_op(argos_env: ArgosEnv) -> None:
    file = fake_package(argos_env.root)
    install_file(file)
    before = tree_snapshot(argos_env.packages)
    inode = (argos_env.packages / ROOT).stat().st_ino

    result = install_file(file)

    assert result.outcome == "unchanged"
    assert "already installed" in result.message
    assert tree_snapshot(argos_env.packages) == before
    assert (argos_env.packages / ROOT).stat().st_ino == inode


def test_newer_version_replaces_the_old_one(argos_env: ArgosEnv) -> None:
    install_file(fake_package(argos_env.root, version="1.0"))
    result = install_file(fake_package(argos_env.root, version="1.1"))

    assert result.outcome == "upgraded"
    assert result.message.startswith("upgraded en→zh 1.0 → 1.1")
    assert [p.name for p in argos_env.packages.iterdir()] == ["translate-en_zh-1_1"]
    assert [p.meta.version for p in list_installed()] == ["1.1"]


def test_newer_version_with_the_same_folder_name_replaces_in_place(argos_env: ArgosEnv) -> None:
    install_file(write_zip(argos_env.root / "a.argosmodel", package_members(metadata(version="1.0"))))
    result = install_file(write_zip(argos_env.root / "b.argosmodel", package_members(metadata(version="1.2"))))
    assert result.outcome == "upgraded"
    assert [p.meta.version for p in list_installed()] == ["1.2"]
    assert [p.name for p in argos_env.packages.iterdir()] == [ROOT]


def test_older_version_keeps_the_newer_one(argos_env: ArgosEnv) -> None:
    install_file(fake_package(argos_env.root, version="1.10"))
    result = install_file(fake_package(argos_env.root, version="1.9"))
    assert result.outcome == "kept-newer"
    assert [p.meta.version for p in list_installed()] == ["1.10"]


def test_folder_of_another_package_is_not_overwritten(argos_env: ArgosEnv) -> None:
    install_file(write_zip(argos_env.root / "a.argosmodel", package_members(metadata("en", "ja"))))
    with pytest.raises(ModelError, match="already exists"):
        install_file(write_zip(argos_env.root / "b.argosmodel", package_members()))


def test_list_shows_pair_version_size_and_path(argos_env: ArgosEnv) -> None:
    install_file(fake_package(argos_env.root, "en", "zh"))
    install_file(fake_package(argos_env.root, "en", "ja"))
    (argos_env.packages / ".bilingual-install-leftover").mkdir()
    (argos_env.packages / "not-a-package").mkdir()

    packages = list_installed()

    assert [(p.meta.pair, p.meta.version) for p in packages] == [("en→ja", "1.0"), ("en→zh", "1.0")]
    assert all(p.size > 0 and p.path.parent == argos_env.packages for p in packages)
    assert find_installed("en", "zh") == packages[1]
    assert find_installed("zh", "en") is None


def test_remove_deletes_the_package(argos_env: ArgosEnv) -> None:
    install_file(fake_package(argos_env.root, "en", "zh"))
    install_file(fake_package(argos_env.root, "en", "ja"))
    removed = remove_package("en", "zh")
    assert [p.meta.pair for p in removed] == ["en→zh"]
    assert [p.meta.pair for p in list_installed()] == ["en→ja"]
    assert [p.name for p in argos_env.packages.iterdir()] == ["translate-en_ja-1_0"]


def test_remove_missing_package_says_so(argos_env: ArgosEnv) -> None:
    with pytest.raises(ModelError, match="no en→zh package installed"):
        remove_package("en", "zh")


# -- Argos interoperability: the same folder layout both ways --------------------------------------


def test_argospm_sees_what_bilingual_installs(argos_env: ArgosEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    from argostranslate import package, settings

    monkeypatch.setattr(settings, "package_data_dir", argos_env.packages)
    monkeypatch.setattr(settings, "package_dirs", [argos_env.packages])
    install_file(fake_package(argos_env.root, "en", "zh", "1.0"))

    found = package.get_installed_packages()

    assert [(p.from_code, p.to_code, p.package_version) for p in found] == [("en", "zh", "1.0")]


def test_bilingual_sees_what_argospm_installs(argos_env: ArgosEnv) -> None:
    with zipfile.ZipFile(fake_package(argos_env.root, "en", "ja", "1.1")) as archive:
        archive.extractall(argos_env.packages)  # what argostranslate.package.install_from_path does
    assert [(p.meta.pair, p.meta.version) for p in list_installed()] == [("en→ja", "1.1")]


def test_packages_dir_is_read_when_called(argos_env: ArgosEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    assert packages_dir() == argos_env.packages
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(argos_env.root))
    assert packages_dir() == argos_env.root


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://example.org/argospm-index/main/", "https://example.org/argospm-index/main/index.json"),
        ("https://example.org/argospm-index/main", "https://example.org/argospm-index/main/index.json"),
        ("https://example.org/custom.json", "https://example.org/custom.json"),
        ("file:///srv/index/index.json", "file:///srv/index/index.json"),
        ("/srv/mirror", "file:///srv/mirror/index.json"),
    ],
)
def test_index_url_follows_argos(base: str, expected: str) -> None:
    assert index_url(base) == expected


def test_index_url_comes_from_the_environment(argos_env: ArgosEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://mirror.local/idx/")
    assert index_url() == "http://mirror.local/idx/index.json"


@pytest.mark.parametrize(
    ("codes", "both_ways", "pairs"),
    [
        (["zh", "ja"], False, [("en", "zh"), ("en", "ja")]),
        (["zh", "ja"], True, [("en", "zh"), ("zh", "en"), ("en", "ja"), ("ja", "en")]),
        (["ZH", "zh"], False, [("en", "zh")]),
    ],
)
def test_index_pairs(codes: list[str], both_ways: bool, pairs: list[tuple[str, str]]) -> None:
    assert index_pairs(codes, both_ways) == pairs


@pytest.mark.parametrize("codes", [["en"], ["zh/../x"], []])
def test_index_pairs_refuses_bad_codes(codes: list[str]) -> None:
    with pytest.raises(ModelError):
        index_pairs(codes)


# -- the index, over HTTP and file:// ----------------------------------------------------------------


def _published(argos_env: ArgosEnv, serve_dir: ServeDir, specs: list[tuple[str, str, str]]) -> str:
    site = argos_env.root / "site"
    site.mkdir()
    base = serve_dir(site)
    files = [fake_package(site, *spec) for spec in specs]
    write_index(site, base, files)
    return base


def test_install_from_index_over_http(
    argos_env: ArgosEnv, serve_dir: ServeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = _published(argos_env, serve_dir, [("en", "zh", "1.0"), ("en", "zh", "1.2"), ("zh", "en", "1.0")])
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    seen: list[tuple[str, int, int | None]] = []

    results = install_from_index(["zh"], both_ways=True, limits=FAST, progress=lambda *a: seen.append(a))

    assert [(r.outcome, r.package.meta.pair, r.package.meta.version) for r in results] == [
        ("installed", "en→zh", "1.2"),
        ("installed", "zh→en", "1.0"),
    ]
    assert seen and seen[-1][1] == seen[-1][2]
    assert not [p for p in argos_env.packages.iterdir() if p.name.startswith(".")]
    again = install_from_index(["zh"], both_ways=True, limits=FAST)
    assert [r.outcome for r in again] == ["unchanged", "unchanged"]


def test_index_lacking_a_pair_installs_nothing(
    argos_env: ArgosEnv, serve_dir: ServeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = _published(argos_env, serve_dir, [("en", "zh", "1.0")])
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    with pytest.raises(ModelError, match="has no en→ja package"):
        install_from_index(["zh", "ja"], limits=FAST)
    assert list(argos_env.packages.iterdir()) == []


def test_index_from_a_file_url(argos_env: ArgosEnv) -> None:
    site = argos_env.root / "mirror"
    site.mkdir()
    file = fake_package(site, "en", "ja", "1.0")
    write_index(site, site.as_uri() + "/", [file])
    results = install_from_index(["ja"], url=(site / "index.json").as_uri(), limits=FAST)
    assert [r.package.meta.pair for r in results] == ["en→ja"]


def test_closed_port_gives_a_clear_error(argos_env: ArgosEnv) -> None:
    url = closed_port_url() + "index.json"
    with pytest.raises(NetworkError) as caught:
        fetch_index(url, FAST)
    message = str(caught.value)
    assert message.startswith(f"cannot reach the Argos package index at {url}: connection refused")
    assert "bilingual models install FILE" in message


def test_silent_server_times_out(silent_server: str) -> None:
    with pytest.raises(NetworkError, match="no complete answer within 0.3 s"):
        fetch_index(silent_server, Limits(timeout_s=0.3, retries=1, backoff_s=0.01))


def test_missing_index_is_not_retried_forever(argos_env: ArgosEnv, serve_dir: ServeDir) -> None:
    base = serve_dir(argos_env.root)
    with pytest.raises(NetworkError, match="HTTP 404"):
        fetch_index(base + "index.json", FAST)


def test_index_that_is_not_json(argos_env: ArgosEnv, serve_dir: ServeDir) -> None:
    (argos_env.root / "index.json").write_text("<html>", encoding="utf-8")
    with pytest.raises(NetworkError, match="not valid JSON"):
        fetch_index(serve_dir(argos_env.root) + "index.json", FAST)


def test_broken_download_link_gives_a_clear_error(argos_env: ArgosEnv, serve_dir: ServeDir) -> None:
    site = argos_env.root / "site"
    site.mkdir()
    base = serve_dir(site)
    file = fake_package(site, "en", "zh", "1.0")
    write_index(site, base, [file])
    file.unlink()
    with pytest.raises(NetworkError, match=r"cannot download en→zh 1.0 from .*HTTP 404"):
        install_from_index(["zh"], url=base + "index.json", limits=FAST)
    assert list(argos_env.packages.iterdir()) == []


def test_corrupt_download_is_refused(argos_env: ArgosEnv, serve_dir: ServeDir) -> None:
    site = argos_env.root / "site"
    site.mkdir()
    base = serve_dir(site)
    file = fake_package(site, "en", "zh", "1.0")
    write_index(site, base, [file])
    file.write_bytes(file.read_bytes()[:100])
    with pytest.raises(ModelError, match="downloaded file is unusable"):
        install_from_index(["zh"], url=base + "index.json", limits=FAST)
    assert list(argos_env.packages.iterdir()) == []
