"""Package archives from strangers: the zip directory is checked before unpacking, and again while unpacking."""

from __future__ import annotations

import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from conftest_argos import ArgosEnv, argos_env, fake_package, package_members, tree_snapshot, write_zip  # noqa: F401

from bilingual.errors import ModelError
from bilingual.packages import Limits, install_archive, install_file, validate_archive
from bilingual.packages.archive import extract_archive

ROOT = "translate-en_zh-1_0"


def _with_member(path: Path, name: str, size: int, data: bytes = b"\0") -> Path:
    """A valid package plus one member of ``size`` bytes repeating ``data`` (streamed, deflated)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in package_members().items():
            archive.writestr(member, content)
        with archive.open(name, "w") as sink:
            block = (data * (1 << 16))[: 1 << 16]
            for _ in range(size // len(block)):
                sink.write(block)
    return path


def _special_member(path: Path, mode: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in package_members().items():
            archive.writestr(member, content)
        special = zipfile.ZipInfo(f"{ROOT}/special")
        special.external_attr = mode << 16
        archive.writestr(special, b"/etc/passwd")
    return path


def _many_members(path: Path, count: int) -> Path:
    members = package_members() | {f"{ROOT}/extra/{n}.txt": b"x" for n in range(count)}
    return write_zip(path, members)


def _duplicate(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive, pytest.warns(UserWarning, match="Duplicate name"):
        for member, content in package_members().items():
            archive.writestr(member, content)
        archive.writestr(f"{ROOT}/metadata.json", b'{"from_code": "en", "to_code": "ja", "package_version": "1"}')
    return path


REFUSED = {
    "member ratio (a zip bomb)": (lambda p: _with_member(p, f"{ROOT}/model/pad.bin", 8 << 20), Limits(), "compression ratio"),
    "unpacked size": (lambda p: _with_member(p, f"{ROOT}/model/pad.bin", 2 << 20, os.urandom(4096)), Limits(max_package_bytes=1 << 20), "unpacked size"),
    "too many members": (lambda p: _many_members(p, 30), Limits(max_members=20), r"36 entries in the archive \(at most 20\)"),
    "symbolic link": (lambda p: _special_member(p, stat.S_IFLNK | 0o777), Limits(), "is a symbolic link"),
    "device": (lambda p: _special_member(p, stat.S_IFCHR | 0o666), Limits(), "is not a regular file"),
    "pipe": (lambda p: _special_member(p, stat.S_IFIFO | 0o666), Limits(), "is not a regular file"),
    "duplicate name": (_duplicate, Limits(), "appears twice"),
    "huge metadata.json": (
        lambda p: write_zip(p, package_members() | {f"{ROOT}/metadata.json": b'{"from_code": "en"' + b" " * 2048 + b"}"}),
        Limits(max_metadata_bytes=1024),
        "metadata.json is 2067 bytes",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_archive_is_refused_before_anything_is_unpacked(argos_env: ArgosEnv, case: str) -> None:
    build, limits, reason = REFUSED[case]
    bad = build(argos_env.root / "bad.argosmodel")
    with pytest.raises(ModelError, match=reason) as caught:
        install_file(bad, limits=limits)
    assert "\n" not in str(caught.value)
    assert list(argos_env.packages.iterdir()) == []


def test_overall_ratio_is_checked_too(argos_env: ArgosEnv) -> None:
    # 40 members of 512 KiB of zeros: each is below the size from which a member's own ratio
    # counts, together they unpack to 20 MiB from a few kilobytes
    members = package_members() | {f"{ROOT}/model/part{n}.bin": bytes(512 << 10) for n in range(40)}
    bomb = write_zip(argos_env.root / "b.argosmodel", members)
    with pytest.raises(ModelError, match=r"the archive unpacks to .* \(compression ratio"):
        install_file(bomb)
    assert list(argos_env.packages.iterdir()) == []


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_package_file_that_is_not_a_regular_file_is_refused(argos_env: ArgosEnv, kind: str) -> None:
    path = argos_env.root / "p.argosmodel"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path("/dev/zero")
    with pytest.raises(ModelError, match="not a regular file"):
        install_file(path)
    assert list(argos_env.packages.iterdir()) == []


def test_an_archive_swapped_after_validation_is_checked_again_while_unpacking(argos_env: ArgosEnv) -> None:
    file = fake_package(argos_env.root)
    info = validate_archive(file)
    _with_member(file, f"{ROOT}/model/pad.bin", 8 << 20)  # the same path now holds a bomb
    with pytest.raises(ModelError, match="compression ratio"):
        install_archive(info)
    assert list(argos_env.packages.iterdir()) == []


def test_unpacking_counts_bytes_against_the_declared_sizes(argos_env: ArgosEnv) -> None:
    file = fake_package(argos_env.root)
    info = validate_archive(file)
    raw = bytearray(file.read_bytes())
    with zipfile.ZipFile(file) as archive:
        member = archive.getinfo(f"{ROOT}/model/model.bin")
    # the central directory and the local header both claim fewer bytes than the member holds
    declared = member.file_size.to_bytes(4, "little")
    smaller = (member.file_size // 2).to_bytes(4, "little")
    assert raw.count(declared) >= 2
    file.write_bytes(bytes(raw).replace(declared, smaller))
    staging = argos_env.root / "staging"
    staging.mkdir()
    with pytest.raises(ModelError, match="corrupt data|more than it declares"):
        extract_archive(info, staging)
    shutil.rmtree(staging)


def test_real_fixture_models_pass_every_check(argos_env: ArgosEnv) -> None:
    from conftest_argos import FIXTURE_PAIRS, fixture_model

    for pair in FIXTURE_PAIRS:
        assert install_file(fixture_model(pair)).outcome == "installed"
    assert tree_snapshot(argos_env.packages)
