"""Throughput of bilingual's batched ArgosEngine against Argos Translate's own per-paragraph way.

Run:  python benchmarks/bench_translate.py [--documents N]
      python benchmarks/bench_translate.py --processes [--issues 4] [--runs 5]

``--processes`` compares whole processes instead: ``bilingual translate`` as a user runs it
against a process that only loads the model and runs one sorted ``translate_batch`` (the run's
fixed cost; see ``translate_processes.py``).

Three ways translate the same sentences of a set of generated newsletter documents, with the
same model, on the same machine, in the same process:

* naive:     ``argostranslate.translate.translate()`` once per paragraph, as argos-translate-files
             does. Argos splits each paragraph into sentences and translates them in batches of
             32 tokens (its default ``ARGOS_BATCH_SIZE``).
* bilingual: the paragraphs split into sentences with the same splitter, then
             ``ArgosEngine.translate()`` on all sentences at once.
* raw:       ``Translator.translate_batch`` on the already tokenized sentences with the engine's
             settings, and nothing around it: the limit for the engine.

The model is a random-weight CTranslate2 Transformer of real Argos size (6+6 layers, d_model
512, FFN 2048, 8 heads) with an 8000-piece SentencePiece vocabulary trained on generated
English, quantized to int8 and packaged as an Argos package under benchmarks/.cache/ (built
once, about a minute). Random weights never learn when to stop, so the end token is suppressed
by a large negative output bias and every sentence decodes exactly ``--decode-tokens`` tokens on
every side: all three do the same decoding work.

Offline sentence splitting: Argos's default splitter (MiniSBD) downloads its model on first
use, so in this process Argos's sentencizer is replaced by pysbd (the splitter bilingual uses);
both sides split with pysbd. Beam size (``--beam-size``, 4 by default, Argos's own default),
compute type, threads (inter × intra), length penalty and the decoding cap are the same for all
three.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache" / "bench-translate-v2"
PACKAGES = CACHE / "packages"
PACKAGE = PACKAGES / "translate-en_zh-bench"
VOCAB_SIZE = 8000
LAYERS, D_MODEL, FFN, HEADS = 6, 512, 2048, 8



# -- generated English ----------------------------------------------------------------------

COMMON = (
    "the of and to in a is that for it as with was on be by this are or from at which an have not "
    "they we you has but their more can will one all were been would there its new also our these "
    "model models data training learning language large neural network networks paper papers "
    "results performance dataset benchmark open source code release week research team deep "
    "inference fine tuning tokens attention transformer layers parameters compute faster better "
    "accuracy evaluation agents reasoning vision text image audio video library framework"
).split()
ONSETS = ["", "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "st", "tr"]
NUCLEI = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
CODAS = ["", "", "n", "r", "s", "t", "l", "ng", "x"]


def make_lexicon(rng: random.Random, size: int = 6000) -> list[str]:
    common = list(dict.fromkeys(COMMON))
    words = set(common)
    while len(words) < size:
        word = "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS) for _ in range(rng.randint(1, 4)))
        if len(word) > 1:
            words.add(word)
    rare = sorted(words - set(common))
    rng.shuffle(rare)
    return common + rare


class TextGenerator:
    """Newsletter-like English: Zipf-distributed words, sentences of 3–40 words (median 17), numbers."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.lexicon = make_lexicon(random.Random(1234))
        weights = [1.0 / (rank + 8) for rank in range(len(self.lexicon))]
        self.cumulative = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def sentence(self) -> str:
        count = min(40, max(3, int(self.rng.lognormvariate(2.85, 0.45))))
        words = self.rng.choices(self.lexicon, cum_weights=self.cumulative, k=count)
        if self.rng.random() < 0.3:
            words[self.rng.randrange(count)] = str(self.rng.choice([2, 3, 4, 7, 8, 16, 70, 405, 2024]))
        if count > 8 and self.rng.random() < 0.4:
            words[self.rng.randrange(2, count - 2)] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + self.rng.choice(".....?!")

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 6)))

    def document(self) -> list[str]:
        return [self.paragraph() for _ in range(self.rng.randint(6, 14))]


# -- the random-weight Argos package ---------------------------------------------------------


def model_spec(vocabulary: list[str], stop_after: int | None = None) -> object:
    """The random-weight Transformer of Argos size, quantized to int8.

    The end token is suppressed by a large negative output bias, so decoding runs to the cap
    it is given. With ``stop_after``, the decoder has learned position encodings that push every
    hypothesis onto the end token at position ``stop_after`` and away from it before: every
    sentence then decodes exactly ``stop_after`` tokens with no cap at all (a whole
    ``bilingual translate`` process cannot be given one).
    """
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(0)

    def dense(out_dim: int, in_dim: int) -> np.ndarray:
        return rng.normal(0.0, 0.02, (out_dim, in_dim)).astype(np.float32)

    def linear(spec: object, out_dim: int, in_dim: int) -> None:
        spec.weight = dense(out_dim, in_dim)
        spec.bias = np.zeros(out_dim, np.float32)

    def norm(spec: object) -> None:
        spec.gamma = np.ones(D_MODEL, np.float32)
        spec.beta = np.zeros(D_MODEL, np.float32)

    spec = transformer_spec.TransformerSpec.from_config((LAYERS, LAYERS), HEADS)
    spec.config.add_source_eos = True
    encoder, decoder = spec.encoder, spec.decoder
    encoder.embeddings[0].weight = dense(len(vocabulary), D_MODEL)
    decoder.embeddings.weight = dense(len(vocabulary), D_MODEL)
    norm(encoder.layer_norm)
    norm(decoder.layer_norm)
    linear(decoder.projection, len(vocabulary), D_MODEL)
    decoder.projection.bias[vocabulary.index("</s>")] = -100.0  # never stop early: equal work everywhere
    if stop_after is not None:
        direction = rng.normal(0.0, 1.0, D_MODEL).astype(np.float32)
        direction -= direction.mean()
        direction /= np.linalg.norm(direction)
        decoder.projection.weight[vocabulary.index("</s>")] = 10.0 * direction  # +226 at positions ≥ stop_after
        sign = np.where(np.arange(stop_after + 8) >= stop_after, 1.0, -1.0)
        decoder.position_encodings.encodings = (200.0 * np.outer(sign, direction)).astype(np.float32)
    for layer in list(encoder.layer) + list(decoder.layer):
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * D_MODEL, D_MODEL)
        linear(layer.self_attention.linear[1], D_MODEL, D_MODEL)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, FFN, D_MODEL)
        linear(layer.ffn.linear_1, D_MODEL, FFN)
    for layer in decoder.layer:
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], D_MODEL, D_MODEL)
        linear(layer.attention.linear[1], 2 * D_MODEL, D_MODEL)
        linear(layer.attention.linear[2], D_MODEL, D_MODEL)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")
    return spec


def build_package() -> None:
    """Train the SentencePiece model, build the CTranslate2 model and package both for Argos."""
    import sentencepiece as spm

    if (PACKAGE / "metadata.json").is_file():
        return
    started = time.perf_counter()
    print(f"building the benchmark model in {PACKAGE} (once) …", flush=True)
    work = CACHE / "build"
    shutil.rmtree(work, ignore_errors=True)
    (work / "model").mkdir(parents=True)
    generator = TextGenerator(seed=7)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([generator.paragraph() for _ in range(15000)]),
        model_prefix=str(work / "sentencepiece"),
        vocab_size=VOCAB_SIZE,
        model_type="unigram",
        character_coverage=1.0,
        num_threads=os.cpu_count() or 1,
        minloglevel=2,
    )
    processor = spm.SentencePieceProcessor(model_file=str(work / "sentencepiece.model"))
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]

    model_spec(vocabulary).save(str(work / "model"))
    meta = {
        "package_version": "1.0",  # a version, as packages/meta.py requires
        "argos_version": "1.11",
        "from_code": "en",
        "from_name": "English",
        "to_code": "zh",
        "to_name": "Chinese",
        "type": "translate",
    }
    (work / "metadata.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    (work / "sentencepiece.vocab").unlink(missing_ok=True)
    PACKAGES.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(PACKAGE, ignore_errors=True)
    os.replace(work, PACKAGE)
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)


# -- the three ways ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    name: str
    seconds: float  # wall clock
    cpu: float  # CPU seconds of this process (all threads): barely affected by other work on the machine
    sentences: int


def timed(name: str, work: Callable[[], int]) -> Run:
    """Run ``work`` (which returns the number of sentences it translated) and time it."""
    wall, cpu = time.perf_counter(), time.process_time()
    sentences = work()
    return Run(name, time.perf_counter() - wall, time.process_time() - cpu, sentences)


class CappedTranslator:
    """Argos's Translator with the decoding length capped like the engine's (Argos passes none)."""

    def __init__(self, translator: object, max_decoding_length: int) -> None:
        self.translator = translator
        self.max_decoding_length = max_decoding_length
        self.sentences = 0  # counted, to show that Argos translated the same sentences
        self.decoded = 0  # target tokens decoded

    def translate_batch(self, tokens: list[list[str]], **options: object) -> object:
        results = self.translator.translate_batch(tokens, max_decoding_length=self.max_decoding_length, **options)
        self.sentences += len(tokens)
        self.decoded += sum(len(result.hypotheses[0]) for result in results)
        return results


def naive_translation(options: object) -> object:
    """Argos's ``translate()``, set up with the engine's settings and pysbd sentence splitting."""
    import ctranslate2
    import pysbd
    from argostranslate import settings
    from argostranslate import translate as argos_translate

    class PysbdSentencizer:
        def __init__(self, pkg: object) -> None:
            self.segmenter = pysbd.Segmenter(language="en", clean=False)

        def split_sentences(self, text: str) -> list[str]:
            return [s.strip() for s in self.segmenter.segment(text) if s.strip()]

    argos_translate.MiniSBDSentencizer = PysbdSentencizer  # offline: no MiniSBD download
    settings.beam_size = options.beam_size
    settings.compute_type = options.compute_type
    settings.device = options.device
    settings.inter_threads = options.inter_threads  # the same threads as the engine
    settings.intra_threads = options.intra_threads
    argos_translate.get_installed_languages.cache_clear()
    translation = argos_translate.get_translation_from_codes("en", "zh")
    underlying = translation.underlying
    underlying.translator = CappedTranslator(
        ctranslate2.Translator(
            str(underlying.pkg.package_path / "model"),
            device=settings.device,
            inter_threads=settings.inter_threads,
            intra_threads=settings.intra_threads,
            compute_type=settings.compute_type,
        ),
        options.max_decoding_length,
    )
    return argos_translate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=6, help="generated documents to translate (default 6)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; the best of each way counts")
    parser.add_argument("--decode-tokens", type=int, default=36, help="target tokens per sentence (default 36)")
    parser.add_argument("--beam-size", type=int, default=4, help="beam size of all three ways (default 4)")
    parser.add_argument("--processes", action="store_true",
                        help="whole processes: `bilingual translate` against a script that only runs the model (see below)")
    parser.add_argument("--issues", type=int, default=4, help="--processes: generated short issues (default 4)")
    parser.add_argument("--runs", type=int, default=5, help="--processes: interleaved runs of each (default 5)")
    parser.add_argument("--before", type=Path, help="--processes: also time the bilingual of this src folder "
                        "(e.g. `git worktree add` of the commit before a change, then its src), in the same rounds")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(PACKAGES)  # before anything imports argostranslate.settings
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):  # keep Argos's folders in the cache
        os.environ[name] = str(CACHE / "xdg" / name.lower())
    build_package()
    if args.processes:
        from translate_processes import run

        run(CACHE, PACKAGE, args.issues, args.runs, args.decode_tokens, args.beam_size, args.before)
        return

    import pysbd
    import sentencepiece as spm

    from bilingual.engines.argos import ArgosEngine, ArgosOptions

    generator = TextGenerator(seed=2025)
    documents = [generator.document() for _ in range(args.documents)]
    paragraphs = [p for doc in documents for p in doc]
    segmenter = pysbd.Segmenter(language="en", clean=False)

    def split(paragraph: str) -> list[str]:
        return [s.strip() for s in segmenter.segment(paragraph) if s.strip()]

    sentences = [s for p in paragraphs for s in split(p)]
    options = ArgosOptions(beam_size=args.beam_size, max_decoding_length=args.decode_tokens)
    processor = spm.SentencePieceProcessor(model_file=str(PACKAGE / "sentencepiece.model"))
    tokens = processor.encode(sentences, out_type=str)
    print(
        f"{len(documents)} documents, {len(paragraphs)} paragraphs, {len(sentences)} sentences, "
        f"{sum(map(len, tokens)) / len(tokens):.1f} source tokens/sentence, {args.decode_tokens} decoded; "
        f"beam {options.beam_size}, {options.compute_type}, {options.inter_threads}×{options.intra_threads} threads, "
        f"{options.max_batch_tokens}-token batches, {os.cpu_count()} cores",
        flush=True,
    )

    engine = ArgosEngine(options)
    engine.check_pairs([("en", "zh")])  # loads the model
    engine.translate(sentences[:8], "en", "zh")  # warm-up
    [package] = engine.route("en", "zh")
    raw = engine.load(package).translator  # the very same Translator the engine uses

    def raw_work() -> int:
        results = raw.translate_batch(
            tokens,
            max_batch_size=engine.batch_tokens(tokens),
            batch_type="tokens",
            beam_size=options.beam_size,
            length_penalty=0.2,
            max_decoding_length=options.max_decoding_length,
            replace_unknowns=True,
        )
        assert sum(len(result.hypotheses[0]) for result in results) == len(tokens) * args.decode_tokens
        return len(results)

    def bilingual_work() -> int:
        batch = [s for p in paragraphs for s in split(p)]  # the same splitter Argos gets, timed too
        assert len(engine.translate(batch, "en", "zh")) == len(sentences)
        return len(batch)

    argos_translate = naive_translation(options)
    # Warm-up on a paragraph outside the set: Argos's CachedTranslation remembers the paragraphs
    # of the previous call, and a hit would skip work.
    argos_translate.translate(generator.paragraph(), "en", "zh")

    capped = argos_translate.get_translation_from_codes("en", "zh").underlying.translator

    def naive_work() -> int:
        capped.sentences = capped.decoded = 0
        for paragraph in paragraphs:
            argos_translate.translate(paragraph, "en", "zh")
        expected = (len(sentences), len(sentences) * args.decode_tokens)
        assert (capped.sentences, capped.decoded) == expected, f"naive did other work: {capped.sentences=}"
        return capped.sentences

    raw_work()  # warm-up at full batch size
    ways = {
        "naive argostranslate": naive_work,
        "bilingual ArgosEngine": bilingual_work,
        "raw translate_batch": raw_work,
    }
    # Interleaved, so changes in other load hit every way; the fast two twice a round (ABBA).
    order = ["naive argostranslate", "bilingual ArgosEngine", "raw translate_batch"]
    order += ["raw translate_batch", "bilingual ArgosEngine"]
    runs: dict[str, list[Run]] = {name: [] for name in ways}
    for number in range(1, args.rounds + 1):
        print(f"round {number}/{args.rounds} …", flush=True)
        for name in order:
            runs[name].append(timed(name, ways[name]))
    naive_run, bilingual_run, raw_run = (min(runs[name], key=lambda run: run.seconds) for name in ways)

    rate = {r.name: r.sentences / r.seconds for r in (naive_run, bilingual_run, raw_run)}
    print()
    print(f"best of {len(runs[naive_run.name])} (naive) or {len(runs[raw_run.name])} interleaved runs; other work")
    print("on the machine only slows a run down. cpu s: CPU time of this process in that run, all threads.")
    print(f"{'way':<24}{'seconds':>9}{'cpu s':>8}{'sentences/s':>13}{'× naive':>9}{'of raw':>8}")
    for r in (naive_run, bilingual_run, raw_run):
        speed = rate[r.name]
        print(
            f"{r.name:<24}{r.seconds:>9.2f}{r.cpu:>8.2f}{speed:>13.1f}"
            f"{speed / rate[naive_run.name]:>9.2f}{speed / rate[raw_run.name]:>8.0%}"
        )
    speedup = rate[bilingual_run.name] / rate[naive_run.name]
    of_raw = rate[bilingual_run.name] / rate[raw_run.name]
    print()
    over_raw = bilingual_run.seconds / raw_run.seconds
    print(
        f"beam {options.beam_size}: bilingual / naive = {speedup:.2f}× (goal ≥ 3×); "
        f"bilingual time / raw time = {over_raw:.2f}× (goal ≤ 1.15×; {of_raw:.0%} of raw speed)"
    )


if __name__ == "__main__":
    main()
