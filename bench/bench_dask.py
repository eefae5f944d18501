"""The Dask engine on 1 and 2 workers (a script, never part of the test command; needs
requirements-dask.txt): `compare --engine dask` on N copies of the ECB+ corpus (default 100, built
as bench/run.py builds them), each worker count in a fresh process with a LocalCluster of that many
single-threaded worker processes on this machine. Prints, and writes to bench/DASK_RESULTS.md, the
wall time of each stage, the per-partition figures (MB of text and claims a partition, its seconds
in its worker, so MB/s a worker), peak RSS of the driver and of each worker, and what crosses the
network (the pickled claims, descriptions and articles the partitions send to the driver). The local
engine (`--jobs 1`) runs beside them for reference. docs/scaling.md reads these figures.

    .venv/bin/python bench/bench_dask.py                 # 100x, 1 and 2 workers
    .venv/bin/python bench/bench_dask.py --times 10      # a quicker look
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
RESULTS = ROOT / "bench" / "DASK_RESULTS.md"
MB = 1_000_000


def child(corpus: str, workers: int, out: str) -> None:
    """One run in this process: a LocalCluster of `workers`, the engine with its timings."""
    import pickle

    from distributed import Client, LocalCluster

    from comparer import dask_engine

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        timings: dict = {}
        started = time.perf_counter()
        articles, claims, clusters, errors = dask_engine.compare_paths([corpus], client=client, timings=timings)
        wall = time.perf_counter() - started
        worker_rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    sample = slice(0, max(1, len(claims) // 20))  # the pickled size of a twentieth, times 20
    from comparer.match import describe

    sent = 20 * (len(pickle.dumps(claims[sample])) + len(pickle.dumps([describe(c) for c in claims[sample]]))) + \
        len(pickle.dumps(articles))
    data = {"workers": workers, "wall_s": wall, "timings": timings, "claims": len(claims), "clusters": len(clusters),
            "errors": len(errors), "articles": len(articles),
            "text_bytes": sum(len(a.text.encode("utf-8")) for a in articles),
            "driver_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "worker_rss": sorted(worker_rss.values()), "gathered_bytes": sent}
    Path(out).write_text(json.dumps(data))


def run_local(corpus: Path, workdir: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "comparer", "compare", str(corpus), "--jobs", "1", "--out",
                           str(workdir / "local")], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall_s": wall, "status": done.returncode, "rss": usage.ru_maxrss * 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, default=100, help="copies of the ECB+ corpus (default 100)")
    parser.add_argument("--workers", default="1,2", help="worker counts (default 1,2)")
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "WORKERS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return
    from run import CORPUS, build_copy, machine

    info = machine()
    with tempfile.TemporaryDirectory(prefix="comparer-dask-") as tmp:
        workdir = Path(tmp)
        corpus = build_copy(CORPUS, args.times, workdir / f"articles-{args.times}x.jsonl")
        print(f"{args.times}x: {corpus.stat().st_size / MB:.1f} MB file", flush=True)
        runs = []
        for workers in [int(w) for w in args.workers.split(",")]:
            out = workdir / f"dask-{workers}.json"
            subprocess.run([sys.executable, __file__, "--child", str(corpus), str(workers), str(out)], cwd=ROOT,
                           check=True)
            runs.append(json.loads(out.read_text()))
            r = runs[-1]
            print(f"  dask, {workers} worker(s): {r['wall_s']:.1f} s ({r['claims']:,} claims in "
                  f"{r['clusters']:,} clusters)", flush=True)
        local = run_local(corpus, workdir)
        print(f"  local engine, --jobs 1: {local['wall_s']:.1f} s end to end", flush=True)
    text = report(args.times, info, runs, local)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


def report(times: int, info: dict, runs: list[dict], local: dict) -> str:
    lines = [f"# The Dask engine on {times}x the ECB+ corpus", "",
             f"Written by `python bench/bench_dask.py --times {times}` on {info['date']}: {info['cpu']}, "
             f"{info['ram'] / 2**30:.1f} GiB RAM, Python {platform.python_version()}, comparer at commit {info['commit']}. "
             "Each worker count ran in a fresh process with a LocalCluster of single-threaded worker processes "
             "on this one machine (the driver shares its cores).", "",
             "| | " + " | ".join(f"{r['workers']} worker{'s' if r['workers'] > 1 else ''}" for r in runs) + " |",
             "| --- |" + " --- |" * len(runs)]

    def row(name, cell):
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in runs) + " |")

    def per_unit(r):
        units = r["timings"]["units"]
        mb = [b / MB for b, _, _ in units]
        secs = [s for _, _, s in units]
        return units, mb, secs

    row("articles / claims / clusters", lambda r: f"{r['articles']:,} / {r['claims']:,} / {r['clusters']:,}")
    row("**end to end** (cluster start-up excluded)", lambda r: f"**{r['wall_s']:.1f} s**")
    row("ingest + extract (partitions)", lambda r: f"{r['timings']['ingest_extract_s']:.1f} s "
        f"({len(r['timings']['units'])})")
    row("of which: scanning the .jsonl's chunks; extracting and gathering",
        lambda r: f"{r['timings']['scan_s']:.1f} s; {r['timings']['extract_s']:.1f} s")
    row("extraction throughput, all workers",
        lambda r: f"{r['text_bytes'] / MB / r['timings']['ingest_extract_s']:.2f} MB/s")
    row("a partition: MB of text, claims", lambda r: f"{sum(per_unit(r)[1]) / len(per_unit(r)[1]):.2f} MB, "
        f"{sum(c for _, c, _ in per_unit(r)[0]) / len(per_unit(r)[0]):,.0f} claims")
    row("a partition: seconds in its worker (mean, max)", lambda r: f"{sum(per_unit(r)[2]) / len(per_unit(r)[2]):.2f} s, "
        f"{max(per_unit(r)[2]):.2f} s")
    row("a worker's extraction throughput", lambda r: f"{sum(per_unit(r)[1]) / sum(per_unit(r)[2]):.2f} MB/s")
    row("match (driver plan; nodes, parts, largest)", lambda r: f"{r['timings']['match_s']:.1f} s "
        f"({r['timings']['match_plan_s']:.1f} s; {r['timings']['match_nodes']:,}, {r['timings']['match_parts']:,}, "
        f"{r['timings']['match_largest_part']:,})")
    row("compare per cluster", lambda r: f"{r['timings']['compare_s']:.1f} s")
    row("gathered by the driver (pickled claims, descriptions, articles)",
        lambda r: f"{r['gathered_bytes'] / MB:,.0f} MB")
    row("peak RSS, driver", lambda r: f"{r['driver_rss'] / MB:,.0f} MB")
    row("peak RSS, each worker", lambda r: ", ".join(f"{b / MB:,.0f} MB" for b in r["worker_rss"]))
    if len(runs) > 1:
        base = runs[0]
        lines += ["", "Speed-up over the first column: " + ", ".join(
            f"{r['workers']} workers {base['wall_s'] / r['wall_s']:.2f}x end to end, "
            f"{base['timings']['ingest_extract_s'] / r['timings']['ingest_extract_s']:.2f}x ingest + extract"
            for r in runs[1:]) + "."]
    lines += ["", f"The local engine (`compare --jobs 1`, one process, start-up included) on the same file: "
              f"{local['wall_s']:.1f} s (exit {local['status']}).", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
