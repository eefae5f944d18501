"""Time `match_claims` on many synthetic claims (a script, not a test).

The claims are sampled from the claims the extractor finds in the ECB+ corpus
(`../shared/corpora/ecbplus/articles.jsonl`: real news text, many events and outlets), spread over
synthetic articles and varied with a modifier word now and then, so that descriptions repeat about
as often as in a large real corpus. Without the corpus, things are made up from word lists.

    .venv/bin/python bench/bench_match.py                 # 100,000 claims over 4,000 articles
    .venv/bin/python bench/bench_match.py --claims 20000 --articles 1000
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from comparer.models import Claim  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "ecbplus" / "articles.jsonl"
MODIFIERS = ["Russian", "Ukrainian", "local", "new", "civilian", "military", "regional", "total", "armed",
             "foreign", "injured", "missing", "British", "additional", "annual"]
THINGS = ["aircraft", "helicopters", "tanks", "troops", "reservists", "people", "residents", "homes",
          "votes", "points", "games", "shares", "employees", "jobs", "passengers", "missiles", "drones"]


def seed_claims() -> list[Claim]:
    """The claims of the ECB+ corpus, or made-up ones when it is not there."""
    if CORPUS.exists():
        from comparer.pipeline import claims_from_paths

        _, claims, _ = claims_from_paths([CORPUS])
        if claims:
            return claims
    rnd = random.Random(1)
    made = []
    for i in range(2000):
        thing = rnd.choice(THINGS)
        sentence = f"Officials said {i} {thing} were counted in the {rnd.choice(MODIFIERS).lower()} area."
        quote = f"{i} {thing}"
        made.append(Claim(article="seed.txt", outlet="Seed", published=None, sentence=sentence,
                          start=sentence.index(quote), end=sentence.index(quote) + len(quote), quote=quote,
                          value=float(i), qualifier="exact", low=float(i), high=float(i), unit="", norm_value=float(i),
                          norm_unit="", thing=thing, attribution=None))
    return made


def synthetic(seeds: list[Claim], n: int, articles: int, seed: int = 7) -> list[Claim]:
    rnd = random.Random(seed)
    out = []
    for k in range(n):
        c = rnd.choice(seeds)
        thing = c.thing
        if thing and rnd.random() < 0.3:
            thing = f"{rnd.choice(MODIFIERS)} {thing}"
        article = f"synthetic-{k % articles}.txt"
        out.append(replace(c, article=article, outlet=f"Outlet {k % articles % 300}", thing=thing,
                           value=c.value * rnd.uniform(0.5, 1.5)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=4_000)
    parser.add_argument("--strictness", type=float, default=None)
    args = parser.parse_args()

    from comparer.match import DEFAULT_STRICTNESS, match_claims

    start = time.perf_counter()
    seeds = seed_claims()
    claims = synthetic(seeds, args.claims, args.articles)
    prepared = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    groups = match_claims(claims, DEFAULT_STRICTNESS if args.strictness is None else args.strictness)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"seed claims: {len(seeds):,} (prepared in {prepared:.1f} s)")
    print(f"match_claims: {len(claims):,} claims over {args.articles:,} articles -> {len(groups):,} clusters "
          f"in {took:.1f} s ({len(claims) / took:,.0f} claims/s; {cpu:.1f} s CPU; load average "
          f"{os.getloadavg()[0]:.1f}; peak RSS {peak_rss_mb():,.0f} MB)")


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


if __name__ == "__main__":
    main()
