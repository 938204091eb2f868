"""How the Argos engine runs: command-line flags, else the user's Argos settings, else ours.

An Argos user already has settings: ``ARGOS_DEVICE_TYPE``, ``ARGOS_BEAM_SIZE``,
``ARGOS_COMPUTE_TYPE``, ``ARGOS_INTER_THREADS``, ``ARGOS_INTRA_THREADS``, in the environment
or in Argos's ``settings.json``. They are read as ``argostranslate.settings.get_setting`` reads
them (the environment wins over ``settings.json``, which lives in
``$XDG_CONFIG_HOME/argos-translate/``, by default ``~/.config/argos-translate/``) but without
importing it, since that creates Argos's folders. Flags override them; what neither sets gets
bilingual's default, chosen for the device. Every value remembers where it came from, for the
run summary (:meth:`ResolvedArgos.summary`).

``ARGOS_BATCH_SIZE`` is not used: bilingual cuts token-bounded batches itself (512 tokens on
CPU, 4,096 on a GPU), which changes the speed, not the output.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, ModelError
from .argos import ArgosOptions, default_threads

DEVICES = ("cpu", "cuda", "auto")
DEFAULT_BEAM = 2
CPU_COMPUTE = "int8"
CUDA_COMPUTE = ("int8_float16", "float16", "int8", "float32")  # first the GPU supports wins
BATCH_TOKENS = {"cpu": 512, "cuda": 4096}
ANY_COMPUTE = ("auto", "default")  # CTranslate2 chooses


@dataclass(frozen=True)
class ArgosFlags:
    """The command line's Argos options; None where the user gave none."""

    device: str | None = None
    beam_size: int | None = None
    compute_type: str | None = None
    threads: int | None = None  # CPU threads in all; 0 = pick for this machine


@dataclass(frozen=True)
class Setting:
    """One value the engine runs with, and where it came from."""

    name: str
    value: str
    source: str


@dataclass(frozen=True)
class ResolvedArgos:
    options: ArgosOptions
    settings: tuple[Setting, ...]

    def summary(self) -> str:
        """``argos: device cpu (default), beam size 4 (ARGOS_BEAM_SIZE), …`` — one line."""
        return "argos: " + ", ".join(f"{s.name} {s.value} ({s.source})" for s in self.settings)


def argos_settings_file(environ: Mapping[str, str]) -> Path:
    """Argos's ``settings.json``, where ``argostranslate.settings`` looks for it."""
    home = Path(environ["SNAP_USER_DATA"]) if "SNAP" in environ and "SNAP_USER_DATA" in environ else Path.home()
    config = Path(environ["XDG_CONFIG_HOME"]) if environ.get("XDG_CONFIG_HOME") else home / ".config"
    return config / "argos-translate" / "settings.json"


class ArgosSettings:
    """Argos's settings: the environment, then ``settings.json`` (read once, if it exists)."""

    def __init__(self, environ: Mapping[str, str], settings_file: Path) -> None:
        self.environ = environ
        self.file = settings_file
        self._from_file: dict[str, object] | None = None

    def get(self, key: str) -> tuple[str, str] | None:
        """``(value, where)`` for ``key``, or None when neither place sets it."""
        value = self.environ.get(key)
        if value is not None and value.strip() != "":
            return value.strip(), key
        stored = self._file().get(key)
        if stored is None or str(stored).strip() == "":
            return None
        return str(stored).strip(), f"{key} in {self.file}"

    def _file(self) -> dict[str, object]:
        if self._from_file is None:
            self._from_file = _read_settings(self.file)
        return self._from_file


def _read_settings(path: Path) -> dict[str, object]:
    from ..safe_json import JSONError, loads
    from ..storage import read_bytes

    if not path.exists():
        return {}
    try:
        data = loads(read_bytes(path, 1 << 20))
    except InputError as exc:
        raise InputError(f"cannot read Argos's settings ({exc.message}); fix or remove the file", path) from None
    except JSONError as exc:
        raise InputError(f"Argos's settings are not valid JSON ({exc}); fix or remove the file", path, exc.lineno) from None
    if not isinstance(data, dict):
        raise InputError("Argos's settings must be a JSON object", path, 1)
    return data


def resolve_argos(
    flags: ArgosFlags,
    environ: Mapping[str, str] | None = None,
    settings_file: Path | None = None,
    cuda_devices: Callable[[], int] | None = None,
    compute_types: Callable[[str], frozenset[str]] | None = None,
    cpu_count: int | None = None,
) -> ResolvedArgos:
    """The options the Argos engine runs with, each with its source.

    ``cuda_devices`` and ``compute_types`` default to CTranslate2's
    ``get_cuda_device_count`` and ``get_supported_compute_types`` (imported only when needed).
    """
    environ = os.environ if environ is None else environ
    argos = ArgosSettings(environ, settings_file if settings_file is not None else argos_settings_file(environ))
    cuda_devices = cuda_devices or _cuda_device_count
    compute_types = compute_types or _supported_compute_types
    cores = max(1, cpu_count if cpu_count is not None else (os.cpu_count() or 1))

    device, device_source = _device(flags, argos, cuda_devices)
    compute, compute_source = _compute_type(flags, argos, device, compute_types)
    beam, beam_source = _number(flags.beam_size, "--beam-size", argos, "ARGOS_BEAM_SIZE", DEFAULT_BEAM, 1)
    inter, intra, threads_source = _threads(flags, argos, device, cores)
    devices = cuda_devices() if device == "cuda" else 1
    options = ArgosOptions(
        beam_size=beam,
        compute_type=compute,
        inter_threads=inter,
        intra_threads=intra,
        max_batch_tokens=BATCH_TOKENS[device],
        device=device,
        device_index=tuple(range(devices)),
    )
    shown_threads = f"{inter}×{intra}" + (f" on each of {devices} GPUs" if devices > 1 else "")
    settings = (
        Setting("device", device, device_source),
        Setting("compute type", compute, compute_source),
        Setting("beam size", str(beam), beam_source),
        Setting("threads", shown_threads, threads_source),
        Setting("batch", f"{BATCH_TOKENS[device]} tokens", f"default for {device}"),
    )
    return ResolvedArgos(options, settings)


def _device(flags: ArgosFlags, argos: ArgosSettings, cuda_devices: Callable[[], int]) -> tuple[str, str]:
    if flags.device is not None:
        wanted, source = flags.device, "--device"
    else:
        found = argos.get("ARGOS_DEVICE_TYPE")
        wanted, source = found if found is not None else ("cpu", "default")
    wanted = wanted.lower()
    if wanted not in DEVICES:
        raise InputError(f"{source}: device '{wanted}' is not one of {', '.join(DEVICES)}")
    if wanted == "auto":
        count = cuda_devices()
        return ("cuda", f"{source} auto: {count} CUDA device(s)") if count else ("cpu", f"{source} auto: no CUDA device")
    if wanted == "cuda" and cuda_devices() == 0:
        raise ModelError(
            f"{source} asks for cuda, but CTranslate2 sees no CUDA device "
            "(ctranslate2.get_cuda_device_count() is 0); use --device cpu or --device auto"
        )
    return wanted, source


def _compute_type(
    flags: ArgosFlags, argos: ArgosSettings, device: str, compute_types: Callable[[str], frozenset[str]]
) -> tuple[str, str]:
    if flags.compute_type is not None:
        wanted, source = flags.compute_type, "--compute-type"
    else:
        found = argos.get("ARGOS_COMPUTE_TYPE")
        if found is None:
            return _default_compute(device, compute_types), f"default for {device}"
        wanted, source = found
    if wanted in ANY_COMPUTE:
        return wanted, source
    supported = compute_types(device)
    if wanted not in supported:
        choices = ", ".join(sorted(supported | set(ANY_COMPUTE)))
        raise InputError(f"{source}: compute type '{wanted}' is not supported on {device}; choose one of {choices}")
    return wanted, source


def _default_compute(device: str, compute_types: Callable[[str], frozenset[str]]) -> str:
    if device == "cpu":
        return CPU_COMPUTE
    supported = compute_types(device)
    return next((c for c in CUDA_COMPUTE if c in supported), "default")


def _number(flag: int | None, flag_name: str, argos: ArgosSettings, key: str, default: int, least: int) -> tuple[int, str]:
    if flag is not None:
        return flag, flag_name
    found = argos.get(key)
    if found is None:
        return default, "default"
    value, source = found
    try:
        number = int(value)
    except ValueError:
        number = least - 1
    if number < least:
        raise InputError(f"{source}: '{value}' must be a whole number of at least {least}")
    return number, source


def _threads(flags: ArgosFlags, argos: ArgosSettings, device: str, cores: int) -> tuple[int, int, str]:
    if flags.threads:
        inter = 2 if flags.threads >= 4 else 1
        return inter, max(1, flags.threads // inter), "--threads"
    if device == "cuda":
        default_inter, default_intra, default_source = 1, cores, "default for cuda"
    else:
        default_inter, default_intra = default_threads(cores)
        default_source = f"default for {cores} cores"
    if flags.threads == 0:  # --threads 0: pick for this machine, whatever Argos's settings say
        return default_inter, default_intra, f"--threads 0: {default_source}"
    inter, inter_source = _number(None, "", argos, "ARGOS_INTER_THREADS", 0, 1)
    intra, intra_source = _number(None, "", argos, "ARGOS_INTRA_THREADS", -1, 0)
    sources = [s for s in (inter_source, intra_source) if s != "default"]
    if inter == 0:
        inter = default_inter
    if intra == -1:
        intra = default_intra if inter == default_inter else max(1, cores // inter)
    return inter, intra, " and ".join(sources) if sources else default_source


def _cuda_device_count() -> int:
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except RuntimeError:
        return 0


def _supported_compute_types(device: str) -> frozenset[str]:
    import ctranslate2

    try:
        return frozenset(ctranslate2.get_supported_compute_types(device))
    except (RuntimeError, ValueError):
        return frozenset()
