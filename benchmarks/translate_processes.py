"""``bench_translate.py --processes``: a whole ``bilingual translate`` process against a process
that does only the engine's work.

Two commands, each a new process, run interleaved (A B A B …, after one warm-up round), so
that other work on the machine hits both alike:

* baseline:  a small script that imports ctranslate2 and sentencepiece, loads the package's
             model and tokenizer with the engine's settings, tokenizes the sentences bilingual
             sends to the engine, runs one ``translate_batch`` on them sorted by length (the
             engine's token budget per batch, beam, length penalty), detokenizes, writes them.
* bilingual: ``bilingual translate ISSUES --to zh --beam-size 4 --out FRESH`` as a user runs it,
             on generated short issues, with the same Argos package installed; every run writes
             a fresh ``--out`` folder and skip-stamps are off, so every run translates all.

The model is the benchmark's random-weight Transformer with decoder position encodings that end
every hypothesis after exactly ``--decode-tokens`` tokens (a command line has no decoding cap to
give it), packaged once under ``benchmarks/.cache/``. Both sides decode the same tokens; the
script checks the count it decodes and bilingual's summary line (sentences sent to the engine).

With ``--before SRC`` a third process runs in every round: ``bilingual translate`` with
``PYTHONPATH=SRC`` (the sources of another commit), so a change is measured before and after
under the same load.

Reported: the median wall time and the median CPU time (user + sys of the process and its
threads, from ``wait4``) of each process, the CPU seconds bilingual spends over the baseline
(its fixed cost), and bilingual / baseline for both. On a shared machine wall times swing with
other work; CPU times barely do.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BASELINE = '''\
import json, sys
import ctranslate2, sentencepiece
config = json.load(open(sys.argv[1], encoding="utf-8"))
translator = ctranslate2.Translator(config["model"], device="cpu", compute_type=config["compute_type"],
                                   inter_threads=config["inter_threads"], intra_threads=config["intra_threads"])
processor = sentencepiece.SentencePieceProcessor(model_file=config["sentencepiece"])
texts = sorted(config["texts"], key=len)
tokens = processor.encode(texts, out_type=str)
per_thread = -(-sum(map(len, tokens)) // config["parallel"])
results = translator.translate_batch(tokens, max_batch_size=max(1, min(config["max_batch_tokens"], per_thread)),
                                     batch_type="tokens", beam_size=config["beam_size"], num_hypotheses=1,
                                     length_penalty=0.2, max_decoding_length=config["max_decoding_length"])
decoded = [result.hypotheses[0] for result in results]
with open(config["out"], "w", encoding="utf-8") as out:
    out.write("\\n".join(processor.decode(tokens) for tokens in decoded))
print(len(decoded), sum(map(len, decoded)))
'''


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds, start of the process to its end
    cpu: float  # user + sys seconds of the process (all its threads), from wait4


def build_stop_package(cache: Path, source: Path, decode_tokens: int) -> Path:
    """The benchmark package with a model that stops after ``decode_tokens`` tokens; its packages folder."""
    from bench_translate import model_spec

    packages = cache / f"packages-stop-{decode_tokens}"
    package = packages / "translate-en_zh-bench"
    if (package / "metadata.json").is_file():
        return packages
    import sentencepiece as spm

    print(f"building the stopping model in {package} (once) …", flush=True)
    work = cache / f"build-stop-{decode_tokens}"
    shutil.rmtree(work, ignore_errors=True)
    (work / "model").mkdir(parents=True)
    shutil.copy2(source / "sentencepiece.model", work / "sentencepiece.model")
    shutil.copy2(source / "metadata.json", work / "metadata.json")
    processor = spm.SentencePieceProcessor(model_file=str(work / "sentencepiece.model"))
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    model_spec(vocabulary, stop_after=decode_tokens).save(str(work / "model"))
    packages.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(package, ignore_errors=True)
    os.replace(work, package)
    return packages


def write_issues(root: Path, count: int, seed: int) -> Path:
    """``count`` short generated issues (a title and 6–14 paragraphs each) under ``root/issues``."""
    from bench_translate import TextGenerator

    generator = TextGenerator(seed=seed)
    issues = root / "issues"
    for number in range(1, count + 1):
        folder = issues / f"{number:03d}"
        folder.mkdir(parents=True)
        body = "\n\n".join(generator.document())
        (folder / "en.md").write_text(f"# Issue {number}: {generator.sentence().rstrip('.?!')}\n\n{body}\n", encoding="utf-8")
    return issues


def engine_texts(issues: Path) -> list[str]:
    """The distinct sentences ``bilingual translate`` sends to the engine for these issues."""
    import bilingual
    from bilingual.document.segment import has_words
    from bilingual.engines.argostext import normalise_input

    texts: dict[str, None] = {}
    for source in sorted(issues.glob("*/en.md")):
        for segment in bilingual.segment(source.read_text(encoding="utf-8"), str(source)):
            if has_words(segment.text):
                texts[normalise_input(segment.text)] = None
    return list(texts)


def timed(command: list[str], env: dict[str, str], cwd: Path, log: Path) -> Sample:
    """Run ``command`` to its end; its wall time and its CPU time (wait4's user + sys)."""
    with log.open("w", encoding="utf-8") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[:2]} failed ({process.returncode}):\n{log.read_text(encoding='utf-8')[-2000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime)


def run(cache: Path, source_package: Path, issues_count: int, runs: int, decode_tokens: int, beam_size: int,
        before: Path | None = None) -> None:
    """Build the package, write the issues, and time the processes interleaved; ``before``: a ``src``
    folder whose bilingual is timed too (``PYTHONPATH``), in the same rounds."""
    from bilingual.engines.argos import ArgosOptions

    packages = build_stop_package(cache, source_package, decode_tokens)
    package = packages / "translate-en_zh-bench"
    bilingual = Path(sys.executable).parent / "bilingual"
    options = ArgosOptions(beam_size=beam_size)  # what `bilingual translate --beam-size N` runs with here
    with tempfile.TemporaryDirectory(prefix="bench-processes-") as tmp:
        root = Path(tmp)
        issues = write_issues(root, issues_count, seed=2026)
        texts = engine_texts(issues)
        config = {
            "model": str(package / "model"), "sentencepiece": str(package / "sentencepiece.model"), "texts": texts,
            "compute_type": options.compute_type, "inter_threads": options.inter_threads,
            "intra_threads": options.intra_threads, "parallel": options.parallel, "beam_size": beam_size,
            "max_batch_tokens": options.max_batch_tokens, "max_decoding_length": options.max_decoding_length,
            "out": str(root / "baseline.txt"),
        }
        (root / "config.json").write_text(json.dumps(config), encoding="utf-8")
        (root / "baseline.py").write_text(BASELINE, encoding="utf-8")
        env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "BILINGUAL_CACHE_DIR": "off"}
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[name] = str(cache / "xdg" / name.lower())
        # Bytecode is cached as an installed package's is (compiled at install): the warm-up pair writes
        # it where an environment turned that off, so no measured process compiles bilingual's sources.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for name in ("ARGOS_BEAM_SIZE", "ARGOS_COMPUTE_TYPE", "ARGOS_INTER_THREADS", "ARGOS_INTRA_THREADS", "ARGOS_DEVICE_TYPE"):
            env.pop(name, None)
        baseline_cmd = [sys.executable, str(root / "baseline.py"), str(root / "config.json")]
        print(
            f"{issues_count} generated issues, {len(texts)} distinct sentences to the engine, {decode_tokens} tokens decoded "
            f"each; beam {beam_size}, {options.compute_type}, {options.inter_threads}×{options.intra_threads} threads, "
            f"{os.cpu_count()} cores; {runs} runs of each, interleaved (after one warm-up round)",
            flush=True,
        )
        sides = {"baseline": (baseline_cmd, env)}
        sides["bilingual"] = (None, env)
        if before is not None:  # another checkout's sources, e.g. the commit before a change, measured alike
            sides["bilingual (before)"] = (None, {**env, "PYTHONPATH": str(before)})
        samples: dict[str, list[Sample]] = {name: [] for name in sides}
        for number in range(runs + 1):
            measured: dict[str, Sample] = {}
            for name, (command, side_env) in sides.items():
                log = root / "process.log"
                if command is not None:
                    measured[name] = timed(command, side_env, root, log)
                    line = log.read_text(encoding="utf-8").split()
                    assert line == [str(len(texts)), str(len(texts) * decode_tokens)], f"baseline did other work: {line}"
                    continue
                out = root / f"out-{number}"  # a fresh output folder: every sentence goes to the engine
                translate = [str(bilingual), "translate", str(issues), "--to", "zh", "--beam-size", str(beam_size), "--out", str(out)]
                measured[name] = timed(translate, side_env, root, log)
                said = log.read_text(encoding="utf-8")
                assert f" {len(texts)} sentence(s) sent to argos" in said, f"{name} did other work:\n{said}"
                shutil.rmtree(out)
            if number == 0:
                continue  # warm-up: file caches, bytecode
            for name, sample in measured.items():
                samples[name].append(sample)
            print(f"  run {number}/{runs}: " + ", ".join(f"{name} {m.wall:.2f} s ({m.cpu:.2f} s CPU)" for name, m in measured.items()),
                  flush=True)
    report(samples)


def report(samples: dict[str, list[Sample]]) -> None:
    base = samples["baseline"]
    wall = {name: statistics.median(s.wall for s in runs) for name, runs in samples.items()}
    cpu = {name: statistics.median(s.cpu for s in runs) for name, runs in samples.items()}
    print()
    print(f"medians of {len(base)} interleaved runs each (wall: start to end of the process; CPU: user + sys, all threads)")
    print(f"{'process':<20}{'wall s':>9}{'CPU s':>9}{'CPU s over baseline':>22}")
    for name in samples:
        print(f"{name:<20}{wall[name]:>9.2f}{cpu[name]:>9.2f}{cpu[name] - cpu['baseline']:>22.2f}")
    print()
    for name, ours in samples.items():
        if name == "baseline":
            continue
        pair_wall = statistics.median(o.wall / b.wall for b, o in zip(base, ours))
        pair_cpu = statistics.median(o.cpu / b.cpu for b, o in zip(base, ours))
        print(f"{name} / baseline: wall {wall[name] / wall['baseline']:.2f}× (median of pairs {pair_wall:.2f}×), "
              f"CPU {cpu[name] / cpu['baseline']:.2f}× (median of pairs {pair_cpu:.2f}×); goal ≤ 1.10×")
