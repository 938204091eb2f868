"""``bilingual models install`` against hostile servers, indexes and packages (issue 12).

Every case ends with one line on stderr, exit 2, no traceback, and an empty ARGOS_PACKAGES_DIR.
Servers listen on 127.0.0.1 only and stop themselves (tests/hostile_servers.py); the tests
configure a 2 s deadline, far below the servers' lifetime, and check for the *deadline*
message, so a case that only ended because its server gave up fails.
"""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest_argos import ArgosEnv, argos_env, metadata, package_members, write_zip  # noqa: F401 (fixtures)
from hostile_servers import (  # noqa: F401 (fixtures)
    Hostile,
    body,
    declared,
    drip_body,
    drip_headers,
    endless,
    fifo,
    hostile,
    index_of,
    redirect,
    silent,
)
from typer.testing import CliRunner

from bilingual.cli.models import app as models_app

ROOT = "translate-en_zh-1_0"
DEADLINE = ("--timeout", "2")
Start = Callable[[dict], Hostile]


def _zip_bytes(tmp: Path, members: dict[str, bytes]) -> bytes:
    return write_zip(tmp / "p.argosmodel", members).read_bytes()


def _entry(server: Hostile, name: str = "p.argosmodel", **changes: object) -> dict[str, object]:
    return {**metadata(), "links": [server.url(name)], **changes}


def _bomb(tmp: Path, megabytes: int) -> bytes:
    path = tmp / "bomb.argosmodel"
    members = package_members()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with archive.open(f"{ROOT}/model/extra.bin", "w") as sink:
            for _ in range(megabytes):
                sink.write(b"\0" * (1 << 20))
    return path.read_bytes()


def _symlink_zip(tmp: Path) -> bytes:
    path = tmp / "link.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in package_members().items():
            archive.writestr(name, data)
        link = zipfile.ZipInfo(f"{ROOT}/passwd")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return path.read_bytes()


def _serve_package(start: Start, package: bytes, content_type: str = "application/octet-stream", **entry) -> str:
    server = start({"index.json": index_of(lambda s: [_entry(s, **entry)]), "p.argosmodel": body(package, content_type)})
    return server.url("index.json")


def _local_index(tmp: Path, links: list[str], **changes: object) -> str:
    path = tmp / "local-index.json"
    path.write_text(json.dumps([{**metadata(), "links": links, **changes}]), encoding="utf-8")
    return str(path)


# Each case: (tmp, start, fifo) -> (index URL or path, extra args); then the fragment the error names.
CASES: dict[str, tuple[Callable[..., tuple[str, tuple[str, ...]]], str]] = {
    "silent index server": (
        lambda tmp, start, fifo: (start({"index.json": silent}).url("index.json"), DEADLINE),
        "no complete answer within 2 s",
    ),
    "index body drips": (
        lambda tmp, start, fifo: (start({"index.json": drip_body("application/json")}).url("index.json"), DEADLINE),
        "no complete answer within 2 s",
    ),
    "index headers drip": (
        lambda tmp, start, fifo: (start({"index.json": drip_headers}).url("index.json"), DEADLINE),
        "no complete answer within 2 s",
    ),
    "endless index": (
        lambda tmp, start, fifo: (start({"index.json": endless("application/json", b"[")}).url("index.json"), ()),
        "larger than the 16 MB limit",
    ),
    "index declares a huge Content-Length": (
        lambda tmp, start, fifo: (start({"index.json": declared(10**12, b"[", "application/json", True)}).url("index.json"), ()),
        "Content-Length 1000000000000 is larger than the 16 MB limit",
    ),
    "index Content-Length lies (shorter body)": (
        lambda tmp, start, fifo: (start({"index.json": declared(1000, b"[]", "application/json")}).url("index.json"), ()),
        "incomplete transfer (2 of 1000 bytes)",
    ),
    "index is an HTML page": (
        lambda tmp, start, fifo: (start({"index.json": body(b"<html>login</html>", "text/html")}).url("index.json"), ()),
        "Content-Type text/html",
    ),
    "index redirects to file:": (
        lambda tmp, start, fifo: (start({"index.json": redirect("file:///etc/passwd")}).url("index.json"), ()),
        "redirect to file:///etc/passwd refused",
    ),
    "index redirects in a loop": (
        lambda tmp, start, fifo: (start({"index.json": redirect(lambda s: s.url("index.json"))}).url("index.json"), ()),
        "too many redirects",
    ),
    "remote index links a local file": (
        lambda tmp, start, fifo: (start({"index.json": index_of(lambda s: [{**metadata(), "links": ["file:///etc/passwd"]}])}).url("index.json"), ()),
        "link file:///etc/passwd refused: a remote index may only link http(s) URLs",
    ),
    "links is a string": (
        lambda tmp, start, fifo: (start({"index.json": index_of(lambda s: [{**metadata(), "links": s.url("p.argosmodel")}])}).url("index.json"), ()),
        "links must be a list of URLs",
    ),
    "index code is a path": (
        lambda tmp, start, fifo: (start({"index.json": index_of(lambda s: [_entry(s, from_code="../x")])}).url("index.json"), ()),
        "from_code '../x' is not a language code",
    ),
    "index version is a number": (
        lambda tmp, start, fifo: (start({"index.json": index_of(lambda s: [_entry(s, package_version=1.0)])}).url("index.json"), ()),
        "package_version must be a string",
    ),
    "silent package server": (
        lambda tmp, start, fifo: (start({"index.json": index_of(lambda s: [_entry(s)]), "p.argosmodel": silent}).url("index.json"), DEADLINE),
        "no complete answer within 2 s",
    ),
    "package drips": (
        lambda tmp, start, fifo: (start({"index.json": index_of(lambda s: [_entry(s)]), "p.argosmodel": drip_body()}).url("index.json"), DEADLINE),
        "no complete answer within 2 s",
    ),
    "endless package": (
        lambda tmp, start, fifo: (start({"index.json": index_of(lambda s: [_entry(s)]), "p.argosmodel": endless()}).url("index.json"), ("--max-package-mb", "1")),
        "larger than the 1 MB limit",
    ),
    "package declares a huge Content-Length": (
        lambda tmp, start, fifo: (start({"index.json": index_of(lambda s: [_entry(s)]), "p.argosmodel": declared(5 * 2**30, b"PK", then_hang=True)}).url("index.json"), ()),
        "Content-Length 5368709120 is larger than the 2048 MB limit",
    ),
    "package Content-Length lies (longer body)": (
        lambda tmp, start, fifo: (start({"index.json": index_of(lambda s: [_entry(s)]), "p.argosmodel": declared(4, b"PK\3\4" + b"\0" * 100000)}).url("index.json"), ()),
        "not a zip archive",
    ),
    "package is an HTML page": (
        lambda tmp, start, fifo: (_serve_package(start, b"<html>error</html>", "text/html"), ()),
        "Content-Type text/html",
    ),
    "package redirects to file:": (
        lambda tmp, start, fifo: (start({"index.json": index_of(lambda s: [_entry(s)]), "p.argosmodel": redirect("file:///dev/zero")}).url("index.json"), ()),
        "redirect to file:///dev/zero refused",
    ),
    "zip bomb (ratio)": (
        lambda tmp, start, fifo: (_serve_package(start, _bomb(tmp, 20)), ()),
        "compression ratio",
    ),
    "zip bomb (unpacked size)": (
        lambda tmp, start, fifo: (_serve_package(start, _bomb(tmp, 3)), ("--max-package-mb", "2")),
        "unpacked size",
    ),
    "path traversal": (
        lambda tmp, start, fifo: (_serve_package(start, _zip_bytes(tmp, {**package_members(), f"{ROOT}/../../evil.txt": b"x"})), ()),
        "unsafe entry",
    ),
    "symlink member": (
        lambda tmp, start, fifo: (_serve_package(start, _symlink_zip(tmp)), ()),
        "is a symbolic link",
    ),
    "package metadata code is a path": (
        lambda tmp, start, fifo: (_serve_package(start, _zip_bytes(tmp, package_members(metadata(from_code="../x")))), ()),
        "from_code '../x' is not a language code",
    ),
    "package version differs from the index": (
        lambda tmp, start, fifo: (_serve_package(start, _zip_bytes(tmp, package_members()), package_version="9.9"), ()),
        "package_version is 1.0 in the package, 9.9 in the index",
    ),
    "local index links a FIFO": (
        lambda tmp, start, fifo: (_local_index(tmp, [fifo.as_uri()]), DEADLINE),
        "not a regular file",
    ),
    "local index links /dev/zero": (
        lambda tmp, start, fifo: (_local_index(tmp, ["file:///dev/zero"]), DEADLINE),
        "not a regular file",
    ),
    "local index is a FIFO": (
        lambda tmp, start, fifo: (str(fifo), DEADLINE),
        "not a regular file",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_install_is_one_line_exit_2_and_leaves_nothing(
    argos_env: ArgosEnv, hostile: Start, fifo: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    build, fragment = CASES[case]
    index, extra = build(argos_env.root, hostile, fifo)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index)

    result = CliRunner().invoke(models_app, ["install", "--index", "zh", *extra])

    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("bilingual: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.output
    assert list(argos_env.packages.iterdir()) == []


def test_a_real_process_prints_one_line_without_traceback(argos_env: ArgosEnv, hostile: Start) -> None:
    server = hostile({"index.json": drip_body("application/json")})
    env = {"ARGOS_PACKAGE_INDEX": server.url("index.json")}
    done = subprocess.run(
        [sys.executable, "-c", "from bilingual.cli import main; main()", "models", "install", "--index", "zh", "--timeout", "2"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**_child_env(argos_env), **env},
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"bilingual: error: cannot reach the Argos package index at {server.url('index.json')}: "
        "no complete answer within 2 s (raise --timeout or BILINGUAL_NETWORK_TIMEOUT if the network is slow); "
        "install from a file with `bilingual models install FILE`"
    ]
    assert list(argos_env.packages.iterdir()) == []


def _child_env(argos_env: ArgosEnv) -> dict[str, str]:
    import os

    keep = {k: v for k, v in os.environ.items() if not k.startswith("BILINGUAL_NETWORK")}
    return {**keep, "ARGOS_PACKAGES_DIR": str(argos_env.packages)}
