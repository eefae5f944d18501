"""Fuzz the whole pipeline with atheris: bytes -> ingest -> extract -> match -> compare.

Not a pytest test (the file name does not start with `test_`, and tests/fuzz/conftest.py tells
pytest to skip this folder). Run it from the project root:

    pip install -r requirements-fuzz.txt
    python tests/fuzz/fuzz_pipeline.py --minutes 10 [--corpus DIR] [--artifacts DIR] [-- LIBFUZZER_FLAGS...]

The first byte of each input picks the file extension (`comparer.ingest.SUPPORTED`), the rest is
the file. The seed corpus is the sample articles in data/, each under its own extension. A crash
is any exception other than `IngestError` from ingest, any exception at all from the later stages,
a broken invariant of SPEC sections 3 and 6, or an input slower than `--timeout` seconds; libFuzzer
writes it to the artifacts folder (`crash-*`, `timeout-*`) and stops.

When atheris cannot be installed, `--engine hypothesis` runs the same checks in a loop of random
and mutated seed inputs for the same number of minutes.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# the heavy libraries are imported (uninstrumented) before comparer, so only comparer is traced
import charset_normalizer  # noqa: E402,F401
import docx  # noqa: E402,F401
import lxml.html  # noqa: E402,F401
import pypdf  # noqa: E402,F401
import trafilatura  # noqa: E402,F401

try:
    import atheris
except ImportError:  # pragma: no cover - the fallback engine needs no atheris
    atheris = None


def _import_comparer():
    global ingest, extract_claims, compare_claims, IngestError, QUALIFIERS, VERDICTS, CLUSTER_STATUSES
    from comparer import ingest
    from comparer.errors import IngestError
    from comparer.extract import extract_claims
    from comparer.models import CLUSTER_STATUSES, QUALIFIERS, VERDICTS
    from comparer.pipeline import compare_claims


if atheris is not None:
    with atheris.instrument_imports(include=["comparer"]):
        _import_comparer()
else:
    _import_comparer()


def split_input(data: bytes) -> tuple[bytes, str]:
    """(file bytes, file name) of one fuzz input: its first byte picks the extension."""
    if not data:
        return b"", "fuzz.txt"
    extension = ingest.SUPPORTED[data[0] % len(ingest.SUPPORTED)]
    return data[1:], "fuzz" + extension


def check(data: bytes) -> None:
    """One run of the pipeline on one input; raises on a crash or a broken invariant."""
    body, name = split_input(data)
    articles, errors = ingest.load_bytes(body, name)
    for error in errors:
        assert isinstance(error, IngestError) and error.reason, error
    claims = []
    for article in articles:
        assert article.text.strip() and len(article.text) <= ingest.MAX_TEXT_CHARS
        found = extract_claims(article)
        for c in found:
            assert 0 <= c.start < c.end <= len(article.text), c
            assert article.text[c.start:c.end] == c.quote, c
            assert c.qualifier in QUALIFIERS, c
            assert math.isfinite(c.value) and math.isfinite(c.norm_value), c
            assert c.low is None or c.high is None or c.low <= c.high, c
        claims.extend(found)
    result, clusters = compare_claims(claims, texts={a.source: a.text for a in articles})
    assert len(result) == len(claims)
    assert all(c.verdict in VERDICTS and c.cluster for c in result)
    members = sorted(i for cl in clusters for i in cl.members)
    assert members == list(range(len(claims)))
    for cl in clusters:
        assert cl.status in CLUSTER_STATUSES
        assert cl.spread is None or cl.spread >= 1 - 1e-9
        assert all(result[i].cluster == cl.id for i in cl.members)


def seeds() -> list[bytes]:
    """The sample articles of data/, each with the first byte that selects its extension."""
    found = []
    for path in sorted((ROOT / "data").iterdir()):
        extension = path.suffix.lower()
        if extension in ingest.SUPPORTED:
            found.append(bytes([ingest.SUPPORTED.index(extension)]) + path.read_bytes())
    found.append(bytes([ingest.SUPPORTED.index(".csv")]) + b"text,outlet\n\"At least 58 jets, Oryx said.\",A\n")
    found.append(bytes([ingest.SUPPORTED.index(".jsonl")]) + b'{"text": "between 200 and 300 km2", "outlet": "B"}\n')
    return found


def run_atheris(args, extra: list[str]) -> None:
    corpus = Path(args.corpus or tempfile.mkdtemp(prefix="comparer-fuzz-corpus-"))
    corpus.mkdir(parents=True, exist_ok=True)
    for n, seed in enumerate(seeds()):
        (corpus / f"seed-{n:02d}").write_bytes(seed)
    artifacts = Path(args.artifacts)
    artifacts.mkdir(parents=True, exist_ok=True)
    flags = [sys.argv[0], str(corpus), f"-max_total_time={int(args.minutes * 60)}", f"-timeout={args.timeout}",
             "-rss_limit_mb=4096", f"-max_len={args.max_len}", f"-artifact_prefix={artifacts}/",
             "-print_final_stats=1", *extra]
    atheris.Setup(flags, check)
    atheris.Fuzz()


def mutate(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.choice(["flip", "cut", "splice", "repeat", "insert"])
        if op == "flip" and out:
            out[rng.randrange(len(out))] = rng.randrange(256)
        elif op == "cut" and len(out) > 1:
            del out[rng.randrange(1, len(out)):]
        elif op == "splice":
            at = rng.randrange(len(out) + 1)
            out[at:at + rng.randint(0, 64)] = rng.randbytes(rng.randint(0, 64))
        elif op == "repeat" and len(out) > 2:
            a = rng.randrange(1, len(out))
            b = min(len(out), a + rng.randint(1, 32))
            out[a:a] = out[a:b] * rng.randint(2, 200)
        elif op == "insert":
            at = rng.randrange(1, len(out) + 1) if out else 0
            out[at:at] = rng.choice([b"at least ", b"between 1 and ", b"1-", b"1,", b"<div>", b"million ",
                                     b" km2", b"\x00", b"\xff\xfe", b"PK\x03\x04", b"%PDF-1.4\n", b"\n"])
    return bytes(out[:args_max_len])


args_max_len = 65536


def run_hypothesis_loop(args) -> None:
    """The fallback engine: random and mutated seed inputs until the time is up."""
    global args_max_len
    args_max_len = args.max_len
    rng = random.Random(args.seed)
    pool = seeds()
    deadline = time.monotonic() + args.minutes * 60
    runs = 0
    artifacts = Path(args.artifacts)
    while time.monotonic() < deadline:
        data = mutate(rng, rng.choice(pool)) if rng.random() < 0.9 else rng.randbytes(rng.randint(0, 2000))
        started = time.monotonic()
        try:
            check(data)
        except Exception:
            artifacts.mkdir(parents=True, exist_ok=True)
            path = artifacts / f"crash-{runs}"
            path.write_bytes(data)
            print(f"crash on input {runs}, written to {path}", file=sys.stderr)
            raise
        if time.monotonic() - started > args.timeout:
            artifacts.mkdir(parents=True, exist_ok=True)
            (artifacts / f"timeout-{runs}").write_bytes(data)
            sys.exit(f"input {runs} took over {args.timeout} s, written to {artifacts}/timeout-{runs}")
        runs += 1
        if rng.random() < 0.05:
            pool.append(data)
    print(f"done: {runs} executions, no crash")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to fuzz (default 1)")
    parser.add_argument("--corpus", help="corpus folder (default: a new temporary folder)")
    parser.add_argument("--artifacts", default="fuzz-artifacts", help="where crashes are written")
    parser.add_argument("--timeout", type=int, default=20, help="seconds one input may take")
    parser.add_argument("--max-len", type=int, default=65536, help="longest input, in bytes")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the hypothesis engine")
    parser.add_argument("--engine", choices=["atheris", "hypothesis"],
                        default="atheris" if atheris is not None else "hypothesis")
    args, extra = parser.parse_known_args()
    if args.engine == "atheris":
        if atheris is None:
            sys.exit("atheris is not installed: pip install -r requirements-fuzz.txt, or --engine hypothesis")
        run_atheris(args, [flag for flag in extra if flag != "--"])
    else:
        run_hypothesis_loop(args)


if __name__ == "__main__":
    main()
