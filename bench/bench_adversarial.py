"""Time extraction (and the HTML gate) on adversarial 1 MB inputs against ordinary text of the
same size (a script, not a test).

No pattern may backtrack catastrophically: each adversarial input should take at most 3 times as
long as ordinary news text of the same size. The ordinary text is the ECB+ corpus
(`../shared/corpora/ecbplus/articles.jsonl`) concatenated to the size; without it, a sample article
from data/ repeated.

    .venv/bin/python bench/bench_adversarial.py               # 1 MB inputs
    .venv/bin/python bench/bench_adversarial.py --size 200000 --only digits-commas
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from comparer.errors import ComparerError  # noqa: E402
from comparer.extract import extract_claims  # noqa: E402
from comparer.ingest import read_bytes  # noqa: E402
from comparer.models import Article  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "ecbplus" / "articles.jsonl"
TARGET = 3.0


def ordinary(size: int) -> str:
    if CORPUS.exists():
        parts, total = [], 0
        with CORPUS.open(encoding="utf-8") as handle:
            for line in handle:
                text = json.loads(line)["text"]
                parts.append(text)
                total += len(text) + 2
                if total >= size:
                    break
        text = "\n\n".join(parts)
    else:
        text = (ROOT / "data" / "meridian-post.txt").read_text(encoding="utf-8")
    while len(text) < size:
        text += "\n\n" + text
    return text[:size]


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def nested_html(size: int) -> str:
    depth = size // 12
    return "<html><body>" + "<div><b>" * (depth // 2) + "Officials said 259 jets were lost." + "</b></div>" * (depth // 2)


TEXTS = {  # name -> (kind, make(size)); kind "text" is extracted, "html" goes through ingest first
    "ordinary news text": ("text", ordinary),
    "one line, no full stop": ("text", lambda n: repeat("officials said 259 Russian jets were lost and ", n)),
    "one word, no spaces": ("text", lambda n: "a" * n),
    "digits only": ("text", lambda n: "1" * n),
    "digits-commas": ("text", lambda n: repeat("1,", n)),
    "digits-commas-spaces": ("text", lambda n: repeat("1, ", n)),
    "digits-dots": ("text", lambda n: repeat("1.", n)),
    "digit groups": ("text", lambda n: repeat("100,000 ", n)),
    "1-1-1-...": ("text", lambda n: repeat("1-", n)),
    "1 to 1 to ...": ("text", lambda n: repeat("1 to ", n)),
    "a list: 1, 2, 3, ...": ("text", lambda n: repeat("1, 2, 3, ", n)),
    "number words": ("text", lambda n: repeat("one hundred and twenty-three thousand ", n)),
    "number words, hyphens": ("text", lambda n: repeat("forty-one-", n)),
    "scale words": ("text", lambda n: repeat("million ", n)),
    "between 1 and ...": ("text", lambda n: repeat("between 1 and ", n)),
    "nested qualifiers": ("text", lambda n: repeat("at least more than about up to nearly ", n)),
    "qualifiers + numbers": ("text", lambda n: repeat("at least about 5 ", n)),
    "units": ("text", lambda n: repeat("5 square kilometres per cent km² ", n)),
    "currency signs": ("text", lambda n: repeat("$€£", n)),
    "money": ("text", lambda n: repeat("$1.2bn-$", n)),
    "percent signs": ("text", lambda n: repeat("5%", n)),
    "sentences of digits": ("text", lambda n: repeat("1. ", n)),
    "abbreviations": ("text", lambda n: repeat("Mr. Dr. U.S. ", n)),
    "attribution words": ("text", lambda n: repeat("according to said the ministry ", n)),
    "capitalised words": ("text", lambda n: repeat("The Ministry Of Defence ", n)),
    "quotes and brackets": ("text", lambda n: repeat("(\"“5”\") ", n)),
    "newlines": ("text", lambda n: "\n" * n),
    "numbers on lines": ("text", lambda n: repeat("5\n", n)),
    "dates": ("text", lambda n: repeat("23 September 2022 ", n)),
    "html: ordinary": ("html", lambda n: "<html><body>" + "".join(
        f"<p>{p}</p>" for p in ordinary(n).split("\n\n"))[:n - 30] + "</body></html>"),
    "html: nested elements": ("html", nested_html),
    "html: unclosed tags": ("html", lambda n: "<html><body>" + repeat("<p><div><span>5 ", n)),
}


def run(kind: str, text: str) -> tuple[float, int, str]:
    """(seconds, number of claims, the error if the input was refused) of one input."""
    started = time.perf_counter()
    found, refused = 0, ""
    if kind == "html":
        try:
            articles = read_bytes(text.encode("utf-8"), "bench.html")
        except Exception as error:  # an IngestError is a fine answer; it is the time that counts
            articles, refused = [], getattr(error, "reason", str(error))
        for article in articles:
            found += len(extract_claims(article))
    else:
        try:
            found = len(extract_claims(Article(text=text, source="bench.txt", outlet="Bench")))
        except ComparerError as error:  # over MAX_FIGURES: refused once that many are read
            refused = error.reason
    return time.perf_counter() - started, found, refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per input (default 1 MB)")
    parser.add_argument("--only", help="run only the inputs whose name contains this")
    args = parser.parse_args()
    for kind, warm in TEXTS.items():  # imports, unit registry and caches, off the clock
        run(warm[0], warm[1](2000))
    base = {"text": run("text", ordinary(args.size)), "html": run("html", TEXTS["html: ordinary"][1](args.size))}
    print(f"ratio: time over the time of ordinary text (or HTML) of {args.size:,} characters; "
          f"ms/claim: milliseconds per claim found (a dense input has many more claims a MB than news text)")
    print(f"{'input':<26} {'seconds':>8} {'ratio':>6} {'claims':>8} {'ms/claim':>9}  note")
    worst = 0.0
    for name, (kind, make) in TEXTS.items():
        if args.only and args.only not in name:
            continue
        seconds, found, refused = run(kind, make(args.size))
        ratio = seconds / base[kind][0]
        worst = max(worst, ratio)
        per_claim = f"{1000 * seconds / found:9.3f}" if found else f"{'-':>9}"
        note = ("over 3x; " if ratio > TARGET else "") + (f"refused: {refused}" if refused else "")
        print(f"{name:<26} {seconds:8.2f} {ratio:6.2f} {found:8} {per_claim}  {note}", flush=True)
    print(f"worst ratio {worst:.2f} (target at most {TARGET:g})")


if __name__ == "__main__":
    main()
