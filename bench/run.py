"""The benchmark suite of issue 7: speed and memory of comparer on real news text at 1x, 10x and
100x the ECB+ corpus, beside quantulum3 (a script, never part of the test command).

The corpus is `../shared/corpora/ecbplus/articles.jsonl` (961 real articles, 1.9 MB). The 10x and
100x copies are built in a temporary folder: the same texts, each copy with its own id, url and
outlet suffix so that every copy is an article of its own. For each size, each step runs in a fresh
subprocess of this interpreter, so that start-up is counted and peak memory is that of the step
alone (ru_maxrss of that one child, from os.wait4):

  extract   ingest the JSONL, then `extract_claims` on every article, in one process:
            MB of article text (UTF-8, 10^6 bytes) per second
  match     `match_claims` on the claims the extract step found (loaded from a pickle, untimed)
  compare   `python -m comparer compare FILE --out DIR`, wall time end to end (start-up included)

quantulum3 runs on the 1x articles in its own venv (`.venv-bench`, see bench/requirements.txt; it is
never a runtime dependency of comparer), and its throughput is set beside ours as a ratio. When
bench/bench_app.py exists, its output lines (the app's timings, measured in a browser) are added as
they are, reported but not checked. The figures, the machine and the date go to bench/RESULTS.md.

    .venv/bin/python bench/run.py                    # 1x and 10x, quantulum3 on all 961 articles
    .venv/bin/python bench/run.py --sizes 1,10,100   # with the 100x copy (long while extraction is slow)
    .venv/bin/python bench/run.py --quick            # 1x only, quantulum3 on the first 100 articles

Exit status: 0 when every target that was measured is met, 1 when one is not, 2 when a step failed.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import pickle
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# only the standard library at the top: the quantulum3 worker runs this file in another venv

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "ecbplus" / "articles.jsonl"
RESULTS = ROOT / "bench" / "RESULTS.md"
BENCH_VENV_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
APP_BENCH = ROOT / "bench" / "bench_app.py"

MB = 1_000_000
TARGET_EXTRACT_MBS = 5.0           # extraction, one process, MB/s
TARGET_RATIO = 200.0               # ours / quantulum3 ("about 200x")
TARGET_COMPARE_1X = 2.0            # s, end to end, start-up included
TARGET_COMPARE_10X = 15.0          # s
TARGET_RSS_10X = 1_000_000_000     # bytes (1 GB)
TARGET_GROWTH_100X = 12.0          # compare time 100x / 10x


# --- workers (run in a fresh subprocess; each writes one JSON object to its result file) -------

def worker_extract(corpus: str, claims_out: str, result: str) -> None:
    """Ingest + extract_claims per article, timed apart; the claims and texts go to a pickle."""
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    from comparer.errors import ComparerError
    from comparer.extract import DEFAULT_TOLERANCE, extract_claims
    from comparer.ingest import load_inputs
    t1 = time.perf_counter()
    articles, ingest_errors = load_inputs([corpus])
    t2 = time.perf_counter()
    claims, failed = [], 0
    for article in articles:
        try:
            claims.extend(extract_claims(article, DEFAULT_TOLERANCE))
        except ComparerError:
            failed += 1
    t3 = time.perf_counter()
    text_bytes = sum(len(a.text.encode("utf-8")) for a in articles)
    with open(claims_out, "wb") as fh:
        pickle.dump((claims, {a.source: a.text for a in articles}), fh, protocol=pickle.HIGHEST_PROTOCOL)
    _dump(result, {"import_s": t1 - t0, "ingest_s": t2 - t1, "extract_s": t3 - t2, "articles": len(articles),
                   "ingest_errors": len(ingest_errors), "extract_errors": failed, "claims": len(claims),
                   "text_bytes": text_bytes})


def worker_match(claims_in: str, result: str) -> None:
    """match_claims on the pickled claims (loading them is not timed), then the compare stage."""
    sys.path.insert(0, str(ROOT))
    from comparer.match import DEFAULT_STRICTNESS, match_claims
    with open(claims_in, "rb") as fh:
        claims, texts = pickle.load(fh)
    t0 = time.perf_counter()
    groups = match_claims(claims, DEFAULT_STRICTNESS, texts)
    t1 = time.perf_counter()
    out = {"match_s": t1 - t0, "claims": len(claims), "groups": len(groups),
           "largest_group": max(map(len, groups), default=0)}
    try:  # the compare stage as pipeline.compare_claims runs it after matching
        from dataclasses import replace

        from comparer.pipeline import recompute
        cluster_of = {i: f"c{n}" for n, group in enumerate(sorted(groups, key=min), 1) for i in group}
        assigned = [replace(c, cluster=cluster_of[i], verdict=None) for i, c in enumerate(claims)]
        recompute(assigned)
        out["compare_stage_s"] = time.perf_counter() - t1
    except Exception as exc:  # the library changed under the benchmark: say so, keep the match time
        out["compare_stage_error"] = f"{type(exc).__name__}: {exc}"
    _dump(result, out)


def worker_quantulum(corpus: str, result: str, limit: int) -> None:
    """quantulum3's parser on the articles' texts (the first `limit` of them when limit > 0)."""
    import warnings

    warnings.simplefilter("ignore")  # "classifier dependencies not installed": its default without extras
    t0 = time.perf_counter()
    import quantulum3
    from quantulum3 import parser
    parser.parse("Officials said 259 jets were lost 5 km away.")  # the first parse loads its unit tables
    t1 = time.perf_counter()
    texts = []
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                texts.append(json.loads(line)["text"])
    if limit > 0:
        texts = texts[:limit]
    t2 = time.perf_counter()
    quantities = sum(len(parser.parse(text)) for text in texts)
    t3 = time.perf_counter()
    try:
        from importlib.metadata import version
        ver = version("quantulum3")
    except Exception:
        ver = getattr(quantulum3, "__version__", "?")
    _dump(result, {"version": ver, "startup_s": t1 - t0, "parse_s": t3 - t2, "articles": len(texts),
                   "text_bytes": sum(len(t.encode("utf-8")) for t in texts), "quantities": quantities})


def _dump(path: str, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh)


# --- running a step ------------------------------------------------------------------------------

class StepFailed(Exception):
    pass


def run_child(argv: list[str], workdir: Path, name: str, timeout: float, ok_codes=(0,)) -> dict:
    """Run argv in a fresh process; wall time, peak RSS of that child alone (bytes), exit code."""
    out_path, err_path = workdir / f"{name}.stdout", workdir / f"{name}.stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)  # its own process group, killed whole on timeout
        timed_out = threading.Event()

        def kill(timeout_hit: bool = True) -> None:
            if timeout_hit:
                timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C: the step must not go on running on its own
            kill(False)
            raise
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    if timed_out.is_set():
        raise StepFailed(f"{name}: killed after {timeout:.0f} s")
    if proc.returncode not in ok_codes:
        tail = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-8:]
        raise StepFailed(f"{name}: exit status {proc.returncode}\n    " + "\n    ".join(tail))
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return {"wall_s": wall, "rss": rss, "exit": proc.returncode, "stdout": out_path, "stderr": err_path}


def run_worker(python: str, kind: str, args: list[str], workdir: Path, name: str, timeout: float) -> dict:
    result = workdir / f"{name}.json"
    child = run_child([python, str(Path(__file__).resolve()), "--worker", kind, *args, str(result)],
                      workdir, name, timeout)
    return {**child, **json.loads(result.read_text(encoding="utf-8"))}


# --- the corpus copies ---------------------------------------------------------------------------

def build_copy(source: Path, times: int, dest: Path) -> Path:
    """`times` copies of the JSONL corpus in one file; copy k > 0 of a row gets id `ID-copyK`, url
    `URL?copy=K` and outlet `OUTLET (copy K)` (an empty outlet stays empty: the row name stands for it)."""
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with dest.open("w", encoding="utf-8") as fh:
        for k in range(times):
            for row in rows:
                if k:
                    row = dict(row)
                    row["id"] = f"{row.get('id', '')}-copy{k}"
                    if row.get("url"):
                        row["url"] = f"{row['url']}?copy={k}"
                    if row.get("outlet"):
                        row["outlet"] = f"{row['outlet']} (copy {k})"
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return dest


def count_csv_rows(path: Path) -> int | None:
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as fh:
        return max(sum(1 for _ in csv.reader(fh)) - 1, 0)


# --- the machine ---------------------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "comparer"],
                               cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        commit += " (comparer/ has uncommitted changes)" if dirty else ""
    except (OSError, subprocess.SubprocessError):
        commit = ""
    commit = commit or "unknown (not a git checkout)"
    return {"load": _load(), "cpu": cpu, "cores": os.cpu_count(), "ram": ram, "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}", "commit": commit,
            "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")}


def _load() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine slows every figure."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


# --- the benchmark -------------------------------------------------------------------------------

def quantulum_python(given: str | None = None) -> tuple[str | None, str]:
    """The interpreter that has quantulum3 (the one given, else .venv-bench's, else this one), or
    None and why not."""
    if given:
        candidates = [given]
    else:
        candidates = [str(BENCH_VENV_PYTHON)] if BENCH_VENV_PYTHON.exists() else []
        candidates.append(sys.executable)
    for python in candidates:
        try:
            probe = subprocess.run([python, "-c", "import quantulum3"], capture_output=True, timeout=120)
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return python, ""
    if given:
        return None, f"{given} cannot import quantulum3"
    return None, ("quantulum3 is not installed: python3 -m venv .venv-bench && .venv-bench/bin/pip install "
                  "-r requirements.txt -r bench/requirements.txt")


def best_of(repeat: int, run, key: str) -> dict:
    """The fastest of `repeat` runs of a step (by `key`), with the highest peak RSS of them all:
    other work on a shared machine only ever makes a run slower."""
    runs = [run() for _ in range(max(repeat, 1))]
    return {**min(runs, key=lambda r: r[key]), "rss": max(r["rss"] for r in runs)}


def measure_size(times: int, path: Path, workdir: Path, timeout: float, log, repeat: int = 1) -> dict:
    name = f"{times}x"
    row: dict = {"size": name, "times": times, "file_bytes": path.stat().st_size}
    ex = best_of(repeat, lambda: run_worker(sys.executable, "extract", [str(path), str(workdir / f"{name}.claims.pkl")],
                                            workdir, f"{name}-extract", timeout), "extract_s")
    row.update(articles=ex["articles"], claims=ex["claims"], text_bytes=ex["text_bytes"],
               ingest_s=ex["ingest_s"], extract_s=ex["extract_s"], extract_rss=ex["rss"],
               extract_errors=ex["ingest_errors"] + ex["extract_errors"])
    row["extract_mbs"] = ex["text_bytes"] / MB / (ex["ingest_s"] + ex["extract_s"])
    row["extract_only_mbs"] = ex["text_bytes"] / MB / ex["extract_s"]
    log(f"  extract  {ex['articles']:,} articles, {ex['text_bytes'] / MB:.1f} MB of text, {ex['claims']:,} claims: "
        f"ingest {ex['ingest_s']:.2f} s + extract {ex['extract_s']:.2f} s = {row['extract_mbs']:.2f} MB/s "
        f"(extract alone {row['extract_only_mbs']:.2f} MB/s), peak RSS {ex['rss'] / MB:.0f} MB")
    ma = best_of(repeat, lambda: run_worker(sys.executable, "match", [str(workdir / f"{name}.claims.pkl")], workdir,
                                            f"{name}-match", timeout), "match_s")
    (workdir / f"{name}.claims.pkl").unlink(missing_ok=True)
    row.update(match_s=ma["match_s"], groups=ma["groups"], largest_group=ma["largest_group"], match_rss=ma["rss"],
               compare_stage_s=ma.get("compare_stage_s"))
    log(f"  match    {ma['claims']:,} claims -> {ma['groups']:,} groups (largest {ma['largest_group']:,}): "
        f"{ma['match_s']:.2f} s" + (f", compare stage {ma['compare_stage_s']:.2f} s" if "compare_stage_s" in ma
                                     else f", compare stage failed: {ma.get('compare_stage_error')}")
        + f", peak RSS {ma['rss'] / MB:.0f} MB")
    out_dir = workdir / f"{name}-out"
    argv = [sys.executable, "-m", "comparer", "compare", str(path), "--out", str(out_dir)]
    cli = best_of(repeat, lambda: run_child(argv, workdir, f"{name}-compare", timeout, ok_codes=(0, 1)), "wall_s")
    # exit status 1: some rows failed and the rest ran (the failures are counted by the extract step)
    row.update(compare_s=cli["wall_s"], compare_rss=cli["rss"], compare_exit=cli["exit"],
               compare_claims=count_csv_rows(out_dir / "claims.csv"),
               compare_clusters=count_csv_rows(out_dir / "clusters.csv"))
    shutil.rmtree(out_dir, ignore_errors=True)
    log(f"  compare  python -m comparer compare: {cli['wall_s']:.2f} s end to end, peak RSS {cli['rss'] / MB:.0f} MB, "
        f"{row['compare_claims']} claims in {row['compare_clusters']} clusters (exit {cli['exit']})")
    return row


def run_app_bench(timeout: float, log) -> tuple[list[str], str]:
    """The output lines of bench/bench_app.py (another script), or why there are none."""
    if not APP_BENCH.is_file():
        return [], "bench/bench_app.py is not there: the app was not measured"
    try:
        proc = subprocess.run([sys.executable, str(APP_BENCH)], cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return [], f"bench/bench_app.py did not finish within {timeout:.0f} s"
    except OSError as exc:
        return [], f"bench/bench_app.py could not run: {exc}"
    lines = [line.rstrip() for line in proc.stdout.splitlines() if line.strip()]
    note = "" if proc.returncode == 0 else f"bench/bench_app.py exited with status {proc.returncode}: " + \
        " | ".join(proc.stderr.strip().splitlines()[-3:])
    for line in lines:
        log(f"  {line}")
    if note:
        log(f"  {note}")
    return lines, note


def check_targets(rows: dict[int, dict], quantulum: dict | None) -> list[tuple[str, str, str]]:
    """(target, measured, PASS/FAIL/NOT RUN) for every target of issue 7 that this script checks."""
    out = []
    one, ten, hundred = rows.get(1), rows.get(10), rows.get(100)

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    if one:
        out.append((f"extraction >= {TARGET_EXTRACT_MBS:g} MB/s in one process (1x, ingest + extract)",
                    f"{one['extract_mbs']:.2f} MB/s", verdict(one["extract_mbs"] >= TARGET_EXTRACT_MBS)))
    else:
        out.append((f"extraction >= {TARGET_EXTRACT_MBS:g} MB/s in one process", "-", "NOT RUN"))
    if one and quantulum:
        ratio = one["extract_only_mbs"] * MB / quantulum["bps"]
        out.append((f"extraction about {TARGET_RATIO:g}x quantulum3's (extract alone / quantulum3 parse)",
                    f"{ratio:.0f}x", verdict(ratio >= TARGET_RATIO)))
    else:
        out.append((f"extraction about {TARGET_RATIO:g}x quantulum3's", "-", "NOT RUN"))
    if one:
        out.append((f"`compare` of the 961 articles <= {TARGET_COMPARE_1X:g} s end to end",
                    f"{one['compare_s']:.2f} s", verdict(one["compare_s"] <= TARGET_COMPARE_1X)))
    else:
        out.append((f"`compare` of the 961 articles <= {TARGET_COMPARE_1X:g} s end to end", "-", "NOT RUN"))
    if ten:
        out.append((f"`compare` of the 10x copy <= {TARGET_COMPARE_10X:g} s", f"{ten['compare_s']:.2f} s",
                    verdict(ten["compare_s"] <= TARGET_COMPARE_10X)))
        out.append(("`compare` of the 10x copy within 1 GB peak RSS", f"{ten['compare_rss'] / MB:.0f} MB",
                    verdict(ten["compare_rss"] <= TARGET_RSS_10X)))
    else:
        out.append((f"`compare` of the 10x copy <= {TARGET_COMPARE_10X:g} s within 1 GB", "-", "NOT RUN"))
    if ten and hundred:
        growth = hundred["compare_s"] / ten["compare_s"]
        out.append((f"`compare` time from 10x to 100x grows <= {TARGET_GROWTH_100X:g}x", f"{growth:.1f}x",
                    verdict(growth <= TARGET_GROWTH_100X)))
    else:
        out.append((f"`compare` time from 10x to 100x grows <= {TARGET_GROWTH_100X:g}x", "-",
                    "NOT RUN (--sizes 1,10,100)"))
    return out


def write_results(path: Path, info: dict, rows: dict[int, dict], startup: dict | None, quantulum: dict | None,
                  quantulum_note: str, targets, app_lines: list[str], app_note: str, failures: list[str],
                  command: str, final: bool = True, repeat: int = 1, repeat_up_to: int = 1) -> None:
    ram = f"{info['ram'] / 1024**3:.1f} GiB" if info["ram"] else "?"
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{command}` (see the README's \"Benchmarks\"). Each step ran in a fresh subprocess;",
        "peak RSS is that child's own ru_maxrss. MB = 10^6 bytes of article text (UTF-8).",
        f"Sizes up to {repeat_up_to}x: the fastest of {repeat} runs of each step (and the highest peak RSS); "
        "larger sizes: one run.",
        "",
        *([] if final else ["**Partial: the run was still going when this was written.**", ""]),
        "## Machine",
        "",
        f"- date: {info['date']}",
        f"- CPU: {info['cpu']}, {info['cores']} cores",
        f"- RAM: {ram}",
        f"- Python {info['python']} on {info['os']}",
        f"- load average (1, 5, 15 min) at the start: {info['load']}; when this was written: {info['load_after']}",
        f"- comparer at commit {info['commit']}",
        "",
        "## Targets",
        "",
        "| target | measured | result |",
        "| --- | --- | --- |",
        *[f"| {t} | {m} | {v} |" for t, m, v in targets],
        "",
        "## Figures",
        "",
    ]
    if rows:
        sizes = sorted(rows)
        head = "| | " + " | ".join(rows[s]["size"] for s in sizes) + " |"

        def line(label: str, fmt) -> str:
            cells = []
            for s in sizes:
                try:
                    cells.append(fmt(rows[s]))
                except (TypeError, KeyError):
                    cells.append("-")
            return f"| {label} | " + " | ".join(cells) + " |"

        lines += [
            head,
            "| --- |" + " --- |" * len(sizes),
            line("articles", lambda r: f"{r['articles']:,}"),
            line("JSONL file", lambda r: f"{r['file_bytes'] / MB:.1f} MB"),
            line("article text", lambda r: f"{r['text_bytes'] / MB:.1f} MB"),
            line("claims found", lambda r: f"{r['claims']:,}"),
            line("ingest", lambda r: f"{r['ingest_s']:.2f} s"),
            line("extract", lambda r: f"{r['extract_s']:.2f} s"),
            line("**extraction throughput** (ingest + extract)", lambda r: f"**{r['extract_mbs']:.2f} MB/s**"),
            line("extraction throughput (extract alone)", lambda r: f"{r['extract_only_mbs']:.2f} MB/s"),
            line("extract step peak RSS", lambda r: f"{r['extract_rss'] / MB:.0f} MB"),
            line("**matching** (`match_claims`)", lambda r: f"**{r['match_s']:.2f} s**"),
            line("groups (largest)", lambda r: f"{r['groups']:,} ({r['largest_group']:,})"),
            line("compare stage after matching", lambda r: f"{r['compare_stage_s']:.2f} s"),
            line("match step peak RSS", lambda r: f"{r['match_rss'] / MB:.0f} MB"),
            line("**`compare` end to end**", lambda r: f"**{r['compare_s']:.2f} s**"),
            line("**`compare` peak RSS**", lambda r: f"**{r['compare_rss'] / MB:.0f} MB**"),
            line("`compare` claims / clusters written",
                 lambda r: f"{r['compare_claims']:,} / {r['compare_clusters']:,}"),
            line("`compare` exit status", lambda r: str(r["compare_exit"])),
            "",
        ]
        errors = {rows[s]["size"]: rows[s]["extract_errors"] for s in sizes if rows[s]["extract_errors"]}
        if errors:
            lines += [f"Inputs that failed (ingest or extract): {errors}.", ""]
    if startup:
        lines += [f"Start-up alone (`python -m comparer --help`): {startup['wall_s']:.2f} s, "
                  f"peak RSS {startup['rss'] / MB:.0f} MB.", ""]
    lines += ["## quantulum3", ""]
    if quantulum:
        sample = "all of the 1x articles" if quantulum["all"] else \
            f"a fixed sample: the first {quantulum['articles']:,} of the 1x articles"
        lines += [
            f"quantulum3 {quantulum['version']} (without its optional classifier extras), in one process, on "
            f"{sample} ({quantulum['text_bytes'] / MB:.2f} MB of text): {quantulum['parse_s']:.1f} s, "
            f"**{quantulum['bps'] / 1000:.1f} KB/s** ({quantulum['quantities']:,} quantities; its start-up and "
            f"first parse, {quantulum['startup_s']:.1f} s, left out). "
            + (f"comparer's extraction alone on the 1x articles: {rows[1]['extract_only_mbs']:.2f} MB/s, "
               f"**{rows[1]['extract_only_mbs'] * MB / quantulum['bps']:.0f}x** quantulum3's." if 1 in rows else ""),
            "",
        ]
    else:
        lines += [f"Not measured: {quantulum_note}", ""]
    lines += ["## The app (measured in the browser by bench/bench_app.py; reported, not checked)", ""]
    if app_lines:
        lines += ["```", *app_lines, "```", ""]
    if app_note:
        lines += [app_note, ""]
    if failures:
        lines += ["## Steps that failed", "", *[f"- {f}" for f in failures], ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--sizes", default=None,
                        help="comma-separated copies of the corpus to measure (default 1,10; 100 is long while "
                             "extraction is slow)")
    parser.add_argument("--quick", action="store_true",
                        help="1x only (unless --sizes) and quantulum3 on the first 100 articles")
    parser.add_argument("--quantulum-articles", type=int, default=None,
                        help="quantulum3 on the first N articles of the 1x corpus (0: all; default all, 100 "
                             "with --quick); -1 skips it")
    parser.add_argument("--quantulum-python", help="an interpreter that has quantulum3 (default: .venv-bench's "
                                                   "if it is there, else this one)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the results (Markdown)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds one step may take")
    parser.add_argument("--repeat", type=int, default=3,
                        help="run each step of the small sizes this many times and keep the fastest (default 3)")
    parser.add_argument("--repeat-up-to", type=int, default=1, metavar="TIMES",
                        help="sizes up to this many copies are repeated (default 1: only the 1x corpus)")
    parser.add_argument("--no-app", action="store_true", help="do not run bench/bench_app.py")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (copies, logs)")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        kind, *rest = args.worker
        if kind == "extract":
            worker_extract(*rest)
        elif kind == "match":
            worker_match(*rest)
        elif kind == "quantulum":
            corpus, limit, result = rest
            worker_quantulum(corpus, result, int(limit))
        else:
            parser.error(f"unknown worker {kind}")
        return

    try:
        sizes = sorted({int(s) for s in (args.sizes or ("1" if args.quick else "1,10")).split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes whole numbers, like 1,10,100")
    if not sizes or min(sizes) < 1:
        parser.error("--sizes takes whole numbers of at least 1")
    q_limit = args.quantulum_articles if args.quantulum_articles is not None else (100 if args.quick else 0)
    if not args.corpus.is_file():
        sys.exit(f"run.py: the corpus {args.corpus} is not there")

    command = "python bench/run.py" + "".join(f" {a}" for a in sys.argv[1:])
    info = machine()
    print(f"{info['date']}: {info['cpu']}, {info['cores']} cores, Python {info['python']}, commit {info['commit']}, "
          f"load average {info['load']}")
    rows: dict[int, dict] = {}
    failures: list[str] = []
    state = {"startup": None, "quantulum": None, "q_note": "not run yet", "app_lines": [], "app_note": "not run yet"}

    def report(final: bool) -> list:
        """Targets so far; the results file is written after every step, so a long run that is
        stopped still leaves what it measured."""
        targets = check_targets(rows, state["quantulum"])
        write_results(args.results, {**info, "load_after": _load()}, rows, state["startup"], state["quantulum"],
                      state["q_note"], targets, state["app_lines"], state["app_note"], failures,
                      command, final, args.repeat, args.repeat_up_to)
        return targets

    workdir = Path(tempfile.mkdtemp(prefix="comparer-bench-"))
    try:
        try:
            startup = best_of(args.repeat, lambda: run_child([sys.executable, "-m", "comparer", "--help"], workdir,
                                                             "startup", args.timeout), "wall_s")
            state["startup"] = startup
            print(f"start-up  python -m comparer --help: {startup['wall_s']:.2f} s, "
                  f"peak RSS {startup['rss'] / MB:.0f} MB")
        except StepFailed as exc:
            failures.append(str(exc))
            print(f"FAILED {exc}")
        for times in sizes:
            path = args.corpus if times == 1 else build_copy(args.corpus, times, workdir / f"articles-{times}x.jsonl")
            print(f"{times}x: {path.stat().st_size / MB:.1f} MB file ({path})", flush=True)
            try:
                rows[times] = measure_size(times, path, workdir, args.timeout, lambda s: print(s, flush=True),
                                           args.repeat if times <= args.repeat_up_to else 1)
            except StepFailed as exc:
                failures.append(str(exc))
                print(f"  FAILED {exc}", flush=True)
            if path != args.corpus and not args.keep:
                path.unlink(missing_ok=True)
            report(False)

        if q_limit < 0:
            state["q_note"] = "skipped (--quantulum-articles -1)"
        else:
            python, state["q_note"] = quantulum_python(args.quantulum_python)
            if python is None:
                print(f"quantulum3: skipped: {state['q_note']}")
            else:
                try:
                    q = run_worker(python, "quantulum", [str(args.corpus), str(q_limit)], workdir, "quantulum",
                                   args.timeout)
                    total = sum(1 for line in args.corpus.open(encoding="utf-8") if line.strip())
                    state["quantulum"] = quantulum = {**q, "bps": q["text_bytes"] / q["parse_s"],
                                                      "all": q["articles"] >= total}
                    print(f"quantulum3 {q['version']} ({python}): {q['articles']:,} articles, "
                          f"{q['text_bytes'] / MB:.2f} MB in {q['parse_s']:.1f} s = {quantulum['bps'] / 1000:.1f} KB/s "
                          f"(start-up {q['startup_s']:.1f} s left out), peak RSS {q['rss'] / MB:.0f} MB", flush=True)
                except StepFailed as exc:
                    state["q_note"] = f"quantulum3 failed: {exc}"
                    failures.append(str(exc))
                    print(f"FAILED {exc}")
        report(False)

        if args.no_app:
            state["app_note"] = "skipped (--no-app)"
        else:
            print("app (bench/bench_app.py):", flush=True)
            state["app_lines"], state["app_note"] = run_app_bench(args.timeout, lambda s: print(s, flush=True))
            if state["app_note"] and not state["app_lines"]:
                print(f"  {state['app_note']}")

        targets = report(True)
        print("targets:")
        for target, measured, result in targets:
            print(f"  {result:<8} {target}: {measured}")
        print(f"written to {args.results}")
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if failures:
        sys.exit(2)
    sys.exit(1 if any(v == "FAIL" for _, _, v in targets) else 0)

if __name__ == "__main__":
    main()
