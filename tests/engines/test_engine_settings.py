"""Argos's settings are bilingual's defaults, flags override them, and the summary says which won.

The end-to-end tests wrap ``ctranslate2.Translator.translate_batch`` to see the beam size that
really reaches CTranslate2 on a run of ``bilingual translate`` with a fixture package.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest_argos import FIXTURE_MODELS, closed_port_url

from bilingual.cli import app
from bilingual.engines.argos import ArgosOptions
from bilingual.engines.settings import ArgosFlags, argos_settings_file, resolve_argos
from bilingual.errors import InputError, ModelError

CPU_TYPES = frozenset({"int8", "int8_float32", "float32"})
GPU_TYPES = frozenset({"int8", "int8_float16", "float16", "float32", "bfloat16"})


def resolve(flags: ArgosFlags = ArgosFlags(), env: dict[str, str] | None = None, file: Path | None = None, gpus: int = 0):
    return resolve_argos(
        flags,
        environ=env or {},
        settings_file=file or Path("/nonexistent/settings.json"),
        cuda_devices=lambda: gpus,
        compute_types=lambda device: GPU_TYPES if device == "cuda" else CPU_TYPES,
        cpu_count=2,
    )


def _settings(resolved) -> dict[str, tuple[str, str]]:
    return {s.name: (s.value, s.source) for s in resolved.settings}


def test_nothing_set_gives_bilinguals_cpu_defaults() -> None:
    resolved = resolve()
    assert resolved.options == ArgosOptions(2, "int8", 2, 1, 512, 256, "cpu", (0,))
    assert resolved.summary() == (
        "argos: device cpu (default), compute type int8 (default for cpu), beam size 2 (default), "
        "threads 2×1 (default for 2 cores), batch 512 tokens (default for cpu)"
    )


@pytest.mark.parametrize(
    "flags, env, file, beam, source",
    [
        (ArgosFlags(), {"ARGOS_BEAM_SIZE": "4"}, {}, 4, "ARGOS_BEAM_SIZE"),
        (ArgosFlags(), {}, {"ARGOS_BEAM_SIZE": "3"}, 3, "ARGOS_BEAM_SIZE in {file}"),
        (ArgosFlags(), {}, {"ARGOS_BEAM_SIZE": 5}, 5, "ARGOS_BEAM_SIZE in {file}"),
        (ArgosFlags(), {"ARGOS_BEAM_SIZE": "4"}, {"ARGOS_BEAM_SIZE": "3"}, 4, "ARGOS_BEAM_SIZE"),
        (ArgosFlags(beam_size=1), {"ARGOS_BEAM_SIZE": "4"}, {"ARGOS_BEAM_SIZE": "3"}, 1, "--beam-size"),
    ],
)
def test_beam_size_flag_then_environment_then_settings_json(tmp_path: Path, flags, env, file, beam, source) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(file), encoding="utf-8")
    resolved = resolve(flags, env, path)
    assert resolved.options.beam_size == beam
    assert _settings(resolved)["beam size"] == (str(beam), source.format(file=path))


def test_every_argos_setting_is_read(tmp_path: Path) -> None:
    env = {"ARGOS_COMPUTE_TYPE": "float32", "ARGOS_INTER_THREADS": "1", "ARGOS_INTRA_THREADS": "2", "ARGOS_DEVICE_TYPE": "cpu"}
    resolved = resolve(env=env)
    assert (resolved.options.compute_type, resolved.options.inter_threads, resolved.options.intra_threads) == ("float32", 1, 2)
    assert _settings(resolved)["threads"] == ("1×2", "ARGOS_INTER_THREADS and ARGOS_INTRA_THREADS")
    assert _settings(resolved)["device"] == ("cpu", "ARGOS_DEVICE_TYPE")


def test_threads_flag_overrides_argos_threads() -> None:
    resolved = resolve(ArgosFlags(threads=4), {"ARGOS_INTER_THREADS": "1", "ARGOS_INTRA_THREADS": "1"})
    assert (resolved.options.inter_threads, resolved.options.intra_threads) == (2, 2)
    assert _settings(resolved)["threads"] == ("2×2", "--threads")


def test_threads_zero_picks_for_the_machine_over_argos_threads() -> None:
    resolved = resolve(ArgosFlags(threads=0), {"ARGOS_INTER_THREADS": "1", "ARGOS_INTRA_THREADS": "1"})
    assert (resolved.options.inter_threads, resolved.options.intra_threads) == (2, 1)
    assert _settings(resolved)["threads"] == ("2×1", "--threads 0: default for 2 cores")


def test_auto_picks_cuda_with_gpu_compute_type_and_batches() -> None:
    resolved = resolve(ArgosFlags(device="auto"), gpus=2)
    o = resolved.options
    assert (o.device, o.device_index, o.compute_type, o.max_batch_tokens, o.inter_threads) == ("cuda", (0, 1), "int8_float16", 4096, 1)
    assert _settings(resolved)["device"] == ("cuda", "--device auto: 2 CUDA device(s)")
    assert _settings(resolved)["threads"] == ("1×2 on each of 2 GPUs", "default for cuda")


def test_auto_without_a_gpu_runs_on_cpu() -> None:
    resolved = resolve(ArgosFlags(device="auto"))
    assert (resolved.options.device, resolved.options.compute_type) == ("cpu", "int8")
    assert _settings(resolved)["device"] == ("cpu", "--device auto: no CUDA device")


def test_a_gpu_without_int8_float16_gets_float16() -> None:
    resolved = resolve_argos(
        ArgosFlags(device="cuda"), {}, Path("/nonexistent"), lambda: 1, lambda d: frozenset({"float16", "float32"}), 2
    )
    assert resolved.options.compute_type == "float16"


def test_device_flag_overrides_argos_device_type() -> None:
    resolved = resolve(ArgosFlags(device="cpu"), {"ARGOS_DEVICE_TYPE": "cuda"}, gpus=1)
    assert _settings(resolved)["device"] == ("cpu", "--device")


def test_cuda_without_a_gpu_is_one_clear_error() -> None:
    with pytest.raises(ModelError, match="ARGOS_DEVICE_TYPE asks for cuda, but CTranslate2 sees no CUDA device"):
        resolve(env={"ARGOS_DEVICE_TYPE": "cuda"})


@pytest.mark.parametrize(
    "flags, env, message",
    [
        (ArgosFlags(), {"ARGOS_BEAM_SIZE": "four"}, "ARGOS_BEAM_SIZE: 'four' must be a whole number of at least 1"),
        (ArgosFlags(), {"ARGOS_BEAM_SIZE": "0"}, "ARGOS_BEAM_SIZE: '0' must be a whole number of at least 1"),
        (ArgosFlags(), {"ARGOS_DEVICE_TYPE": "tpu"}, "ARGOS_DEVICE_TYPE: device 'tpu' is not one of cpu, cuda, auto"),
        (ArgosFlags(compute_type="float16"), {}, "--compute-type: compute type 'float16' is not supported on cpu"),
    ],
)
def test_bad_values_name_their_source(flags, env, message) -> None:
    with pytest.raises(InputError, match=message):
        resolve(flags, env)


def test_broken_settings_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{\n  "ARGOS_BEAM_SIZE": 4,\n}\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        resolve(env={}, file=path)
    assert str(caught.value).startswith(f"{path}:3: Argos's settings are not valid JSON")


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"XDG_CONFIG_HOME": "/x/config"}, Path("/x/config/argos-translate/settings.json")),
        ({}, Path.home() / ".config" / "argos-translate" / "settings.json"),
        ({"SNAP": "/snap/a", "SNAP_USER_DATA": "/snap/home"}, Path("/snap/home/.config/argos-translate/settings.json")),
    ],
)
def test_settings_json_is_where_argos_keeps_it(env: dict[str, str], expected: Path) -> None:
    assert argos_settings_file(env) == expected


# -- end to end: what reaches translate_batch ------------------------------------------------


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner):
    """A packages dir with the en→zh fixture, no Argos settings, and a recording translate_batch."""
    import ctranslate2

    calls: list[dict[str, object]] = []

    class RecordingTranslator(ctranslate2.Translator):
        def translate_batch(self, source, *args, **options):
            calls.append(options)
            return super().translate_batch(source, *args, **options)

    monkeypatch.setattr(ctranslate2, "Translator", RecordingTranslator)
    packages = tmp_path / "packages"
    packages.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_port_url())
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for key in ("ARGOS_BEAM_SIZE", "ARGOS_DEVICE_TYPE", "ARGOS_COMPUTE_TYPE", "ARGOS_INTER_THREADS", "ARGOS_INTRA_THREADS"):
        monkeypatch.delenv(key, raising=False)
    assert runner.invoke(app, ["models", "install", str(FIXTURE_MODELS / "translate-en_zh-0_1.argosmodel")]).exit_code == 0
    return calls


def _translate(runner, tmp_path: Path, *flags: str):
    doc = tmp_path / "doc"
    doc.mkdir(exist_ok=True)
    (doc / "en.md").write_text("# Papers\n\nThis week we read three papers.\n", encoding="utf-8")
    return runner.invoke(app, ["translate", str(doc), "--to", "zh", "--no-glossary", *flags])


def test_argos_beam_size_reaches_translate_batch(recorded, runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARGOS_BEAM_SIZE", "4")
    result = _translate(runner, tmp_path)
    assert result.exit_code == 0, result.output
    assert [call["beam_size"] for call in recorded] == [4]
    assert "beam size 4 (ARGOS_BEAM_SIZE)" in result.output


def test_beam_size_flag_overrides_argos_beam_size(recorded, runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARGOS_BEAM_SIZE", "4")
    result = _translate(runner, tmp_path, "--beam-size", "1")
    assert result.exit_code == 0, result.output
    assert [call["beam_size"] for call in recorded] == [1]
    assert "beam size 1 (--beam-size)" in result.output


def test_settings_json_beam_size_reaches_translate_batch(recorded, runner, tmp_path: Path) -> None:
    settings = tmp_path / "config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"ARGOS_BEAM_SIZE": "3"}', encoding="utf-8")
    result = _translate(runner, tmp_path)
    assert result.exit_code == 0, result.output
    assert [call["beam_size"] for call in recorded] == [3]
    assert f"beam size 3 (ARGOS_BEAM_SIZE in {settings})" in result.output


def test_a_bad_argos_setting_stops_the_run_with_one_line(recorded, runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARGOS_BEAM_SIZE", "many")
    result = _translate(runner, tmp_path)
    assert result.exit_code == 2
    assert "ARGOS_BEAM_SIZE: 'many' must be a whole number of at least 1" in result.output
    assert recorded == [] and not (tmp_path / "doc" / "zh.md").exists()


def test_device_auto_asks_ctranslate2(recorded, runner, tmp_path: Path) -> None:
    import ctranslate2

    result = _translate(runner, tmp_path, "--device", "auto", "--beam-size", "1")
    if ctranslate2.get_cuda_device_count() == 0:
        assert result.exit_code == 0, result.output
        assert "device cpu (--device auto: no CUDA device)" in result.output
    else:  # a machine with a GPU
        assert "device cuda (--device auto:" in result.output
