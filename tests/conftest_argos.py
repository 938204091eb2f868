"""Shared fixtures for the Argos package, engine and ``models`` CLI tests.

Test modules import what they use from here (``from conftest_argos import ...``). Every
fixture that touches packages points ``ARGOS_PACKAGES_DIR`` at a fresh temporary folder,
and ``ARGOS_PACKAGE_INDEX`` at a closed local port, so no test reaches the real index.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import importlib.util
import json
import socket
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bilingual.engines.argos import ArgosEngine, ArgosOptions

FIXTURE_MODELS = Path(__file__).parent / "fixtures" / "models"
FIXTURE_PAIRS = ("en_zh", "en_ja", "zh_en", "ja_en")
ServeDir = Callable[[Path], str]  # the serve_dir fixture: folder -> base URL


@dataclass(frozen=True)
class ArgosEnv:
    packages: Path  # ARGOS_PACKAGES_DIR
    root: Path  # a scratch folder outside the packages dir


def closed_port_url() -> str:
    """An http URL on 127.0.0.1 whose port nothing listens on (connections are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture
def argos_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ArgosEnv:
    """A private ARGOS_PACKAGES_DIR (also patched into argostranslate.settings if it is loaded)."""
    packages = tmp_path / "argos-packages"
    packages.mkdir()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_port_url())
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name.lower()))
    monkeypatch.delenv("SNAP", raising=False)
    settings = sys.modules.get("argostranslate.settings")
    if settings is not None:
        monkeypatch.setattr(settings, "package_data_dir", packages)
        monkeypatch.setattr(settings, "package_dirs", [packages])
    return ArgosEnv(packages=packages, root=scratch)


# -- synthetic package files ----------------------------------------------------------------


def metadata(from_code: str = "en", to_code: str = "zh", version: str = "1.0", **extra: object) -> dict[str, object]:
    return {
        "package_version": version,
        "argos_version": "1.0",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
        **extra,
    }


def package_members(meta: dict[str, object] | None = None, root: str = "translate-en_zh-1_0") -> dict[str, bytes]:
    """The entries of a structurally valid (not loadable) package: name → content."""
    meta = metadata() if meta is None else meta
    return {
        f"{root}/metadata.json": json.dumps(meta).encode(),
        f"{root}/model/model.bin": b"\x00fake model weights" * 64,
        f"{root}/model/config.json": b'{"add_source_eos": true}',
        f"{root}/model/shared_vocabulary.json": b'["<unk>", "<s>", "</s>"]',
        f"{root}/sentencepiece.model": b"fake sentencepiece model",
        f"{root}/README.md": b"A test package.\n",
    }


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def fake_package(folder: Path, from_code: str = "en", to_code: str = "zh", version: str = "1.0") -> Path:
    """A valid-looking ``translate-FROM_TO-VERSION.argosmodel`` in ``folder``."""
    root = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    name = f"{root}.argosmodel"
    return write_zip(folder / name, package_members(metadata(from_code, to_code, version), root))


def tree_snapshot(folder: Path) -> dict[str, str]:
    """Every path below ``folder`` with a hash of its content ("dir" for folders)."""
    snapshot = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        snapshot[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return snapshot


# -- the tiny real models the fixture builder trained -------------------------------------


def fixture_model(pair: str) -> Path:
    """``tests/fixtures/models/translate-PAIR-0_1.argosmodel``; skips the test if it is not built."""
    path = FIXTURE_MODELS / f"translate-{pair}-0_1.argosmodel"
    if not path.is_file():
        pytest.skip(f"fixture model {path.name} not built (tests/fixtures/models/build.py)")
    return path


@functools.cache
def corpus() -> list[dict[str, str]]:
    """The sentence triples the fixture models memorised (tests/fixtures/models/corpus.yaml)."""
    spec = importlib.util.spec_from_file_location("fixture_corpus", FIXTURE_MODELS / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load_corpus()


def greedy_engine() -> ArgosEngine:
    """An ArgosEngine with greedy search: the fixture models memorised their corpus greedily
    (beam search may pick another hypothesis on a few entries of such tiny models)."""
    return ArgosEngine(ArgosOptions(beam_size=1))


@pytest.fixture
def installed_fixtures(argos_env: ArgosEnv) -> ArgosEnv:
    """The four fixture models installed into the private packages dir."""
    from bilingual.packages import install_file

    for pair in FIXTURE_PAIRS:
        install_file(fixture_model(pair))
    return argos_env


# -- local servers ----------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass


@pytest.fixture
def serve_dir() -> Iterator[ServeDir]:
    """``serve_dir(folder) -> base URL``: serve a folder over HTTP on 127.0.0.1 (ephemeral port)."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A URL on 127.0.0.1 that accepts connections and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/index.json"
    sock.close()


def write_index(folder: Path, base_url: str, files: list[Path]) -> Path:
    """An Argos ``index.json`` in ``folder`` offering ``files`` (already in ``folder``) at ``base_url``."""
    entries = []
    for file in files:
        with zipfile.ZipFile(file) as archive:
            meta_name = next(n for n in archive.namelist() if n.endswith("/metadata.json") and n.count("/") == 1)
            meta = json.loads(archive.read(meta_name))
        entries.append({**meta, "links": [base_url + file.name]})
    path = folder / "index.json"
    path.write_text(json.dumps(entries, indent=1), encoding="utf-8")
    return path
