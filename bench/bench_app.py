"""How fast the app feels in a real browser (issue 7, the app part). A script, not a test.

Starts `streamlit run app.py` headless on a free 127.0.0.1 port, drives Debian's chromium through
Playwright and measures, in the browser's own clock:

  (a) time from navigation to the first chart on the sample corpus, on a cold server (nothing
      cached, extraction included) and again on a reload (the server's caches warm);
  (b) time from a tolerance change (the slider moved one step with the keyboard, to a value not
      seen before) to the re-rendered page, the median of --repeat steps, with the sample corpus and
      with 50 uploaded articles;
  (c) time from giving the uploader 50 different articles (ECB+ texts, from --corpus, written as
      .txt files) to the first chart with all of them read.

"Re-rendered" is detected from the app's own messages: a page script wraps the WebSocket and reads
the top-level fields of every ForwardMsg, so it sees the `script_finished` message arrive; the page
counts as re-rendered two animation frames after that, or after the last DOM change in the main
area when that comes later (charts redrawn by vega-embed). Both ends are `performance.now()` in the
page, so the times include the websocket round trip, the server's rerun and the browser's drawing.

    .venv/bin/python bench/bench_app.py [--repeat 5] [--articles 50] [--corpus JSONL] [--headed]

The last lines have the form `app: <what> <seconds> s (target <= X s)`, for other scripts to parse.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.app_server import start_app, stop_app  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "ecbplus" / "articles.jsonl"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Runs in the page before the app's own code: timestamps key presses, `script_finished` messages
# (ForwardMsg field 6, a varint) and DOM changes in the main area, all in performance.now().
PROBE = r"""
(() => {
  const ba = window.__ba = {keydown: null, finished: [], messages: [], lastMutation: 0, mutations: 0};
  document.addEventListener('keydown', () => { ba.keydown = performance.now(); }, true);
  const varint = (b, p) => { let v = 0, s = 0, x;
    do { x = b[p.i++]; v += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80 && p.i < b.length); return v; };
  const scan = (buf, t) => { const b = new Uint8Array(buf), p = {i: 0}; ba.messages.push([t, b.length]);
    while (p.i < b.length) { const tag = varint(b, p), field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { const v = varint(b, p);
        if (field === 6) { const f = {t, status: v, painted: null}; ba.finished.push(f);
          requestAnimationFrame(() => requestAnimationFrame(() => { f.painted = performance.now(); })); return; } }
      else if (wire === 2) { const n = varint(b, p); p.i += n; }
      else if (wire === 1) { p.i += 8; } else if (wire === 5) { p.i += 4; }
      else return; } };
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', (e) => { const t = performance.now();
      if (e.data instanceof ArrayBuffer) scan(e.data, t);
      else if (e.data instanceof Blob) e.data.arrayBuffer().then(d => scan(d, t)); });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  const watch = () => { const main = document.querySelector('[data-testid="stMain"]');
    if (!main) return setTimeout(watch, 20);
    new MutationObserver(() => { ba.lastMutation = performance.now(); ba.mutations++; })
      .observe(main, {subtree: true, childList: true, attributes: true, characterData: true}); };
  watch();
})();
"""

CHARTS_DRAWN = "document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length"


def start_server(log) -> tuple[subprocess.Popen, str]:
    try:
        return start_app(log)
    except RuntimeError as error:
        sys.exit(str(error))


def write_articles(n: int, into: Path, corpus: Path = CORPUS) -> list[Path]:
    """The first `n` different ECB+ articles with some text, one .txt file each (the outlet is the
    file name)."""
    paths, seen = [], set()
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if not row.get("text", "").strip() or row["text"] in seen:
                continue  # the app keeps a file once by its content: every text different
            seen.add(row["text"])
            path = into / f"{row['id']}.txt"
            path.write_text(row["text"], encoding="utf-8")
            paths.append(path)
            if len(paths) == n:
                break
    return paths


def settle(page, quiet_ms: int = 400) -> None:
    """Wait until the last run has finished and the main area has not changed for `quiet_ms`."""
    page.wait_for_function(f"""() => {{ const b = window.__ba; return b.finished.length > 0 &&
        !document.querySelector('[data-testid="stStatusWidget"]') &&
        performance.now() - Math.max(b.lastMutation, b.finished.at(-1).t) > {quiet_ms}; }}""",
                           polling=50, timeout=120_000)


def rendered_at(page, after: float, quiet_ms: int = 400) -> float:
    """performance.now() at which the page was re-rendered after `after`: two animation frames after
    the first script_finished message that came after it, or the last DOM change in the main area
    if that came later (the page must then stay unchanged for `quiet_ms`)."""
    return page.evaluate(f"""() => new Promise(done => {{ const b = window.__ba; const poll = () => {{
        const f = b.finished.find(x => x.t > {after});
        if (f && f.painted !== null && performance.now() - Math.max(b.lastMutation, f.painted) > {quiet_ms})
          done(Math.max(b.lastMutation, f.painted)); else setTimeout(poll, 25); }}; poll(); }})""")


def tolerance_change(page, direction: str = "ArrowRight") -> tuple[float, float, float, int]:
    """One slider step: seconds from the key press to the re-rendered page, to the first message of
    the rerun and to its script_finished message, and the bytes the rerun sent."""
    slider = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').filter(has_text="Tolerance")
    thumb = slider.locator('input[type="range"]')
    before = page.evaluate("performance.now()")
    thumb.press(direction)
    done = rendered_at(page, before)
    pressed, first, finished, size = page.evaluate(f"""() => {{ const b = window.__ba,
        f = b.finished.find(x => x.t > {before}).t, run = b.messages.filter(m => m[0] > {before} && m[0] <= f);
        return [b.keydown, run[0][0], f, run.reduce((n, m) => n + m[1], 0)]; }}""")
    return (done - pressed) / 1000, (first - pressed) / 1000, (finished - pressed) / 1000, size


def step(rendered: float, first: float, finished: float, size: int) -> str:
    return (f"re-rendered {rendered * 1000:.0f} ms (first message {first * 1000:.0f} ms, script finished "
            f"{finished * 1000:.0f} ms, {size / 1024:.0f} kB sent)")


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="tolerance changes to time in each setting")
    parser.add_argument("--articles", type=int, default=50, help="articles to upload")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSONL of articles (a `text` field) to take "
                        "the uploads from; without it the upload figures are left out")
    parser.add_argument("--headed", action="store_true", help="show the browser (for debugging)")
    args = parser.parse_args()
    if not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="ba_bench_") as tmp, tempfile.TemporaryFile() as log:
        files = write_articles(args.articles, Path(tmp), args.corpus) if args.corpus.is_file() else []
        if not files:
            print(f"no articles to upload ({args.corpus} is not there): the upload figures are left out")
        proc, url = start_server(log)
        try:
            with sync_playwright() as p:
                flags = [a for a in CHROMIUM_ARGS if not (args.headed and a == "--headless")]
                browser = p.chromium.launch(executable_path=CHROMIUM, args=flags, headless=not args.headed)
                context = browser.new_context(viewport={"width": 1440, "height": 2600})
                context.add_init_script(PROBE)
                page = context.new_page()
                page.set_default_timeout(120_000)

                # (a) the sample corpus, cold
                page.goto(url)
                page.wait_for_function(f"{CHARTS_DRAWN} >= 1", polling="raf", timeout=120_000)
                first = page.evaluate("performance.now()") / 1000
                page.wait_for_function(f"{CHARTS_DRAWN} >= 3", polling="raf", timeout=120_000)
                settle(page)
                done = page.evaluate("window.__ba.finished[0].t") / 1000
                results["sample corpus: first chart (cold)"] = first
                print(f"sample corpus, cold: first chart {first:.2f} s, run finished {done:.2f} s after navigation")

                # the same page loaded again: the server's caches are warm
                page.reload()
                page.wait_for_function(f"{CHARTS_DRAWN} >= 1", polling="raf", timeout=120_000)
                warm = page.evaluate("performance.now()") / 1000
                settle(page)
                results["sample corpus: first chart (warm)"] = warm
                print(f"sample corpus, warm: first chart {warm:.2f} s after navigation")

                # (b) tolerance changes, sample corpus
                times = []
                for n in range(args.repeat):
                    rendered, first, finished, size = tolerance_change(page)
                    times.append(rendered)
                    print(f"sample corpus: tolerance step {n + 1}: {step(rendered, first, finished, size)}")
                results["sample corpus: tolerance change"] = median(times)

                if not files:
                    browser.close()
                    return report(results, args.articles)
                # (c) 50 uploaded articles to the first chart
                before = page.evaluate("performance.now()")
                page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files([str(f) for f in files])
                # the Articles tab counts every article read (the metric only those with claims)
                page.wait_for_function(f"""() => [...document.querySelectorAll('[role="tab"]')]
                    .some(t => t.innerText.trim() === 'Articles ({len(files)})') && {CHARTS_DRAWN} >= 1""",
                                       polling="raf", timeout=300_000)
                shown = page.evaluate("performance.now()")
                settle(page)
                results[f"{len(files)} uploaded articles: first chart"] = (shown - before) / 1000
                print(f"{len(files)} uploaded articles: first chart {(shown - before) / 1000:.2f} s after the "
                      "files were given to the uploader")

                # (b) tolerance changes, 50 articles
                times = []
                for n in range(args.repeat):
                    rendered, first, finished, size = tolerance_change(page)
                    times.append(rendered)
                    print(f"{len(files)} articles: tolerance step {n + 1}: {step(rendered, first, finished, size)}")
                results[f"{len(files)} articles: tolerance change"] = median(times)
                browser.close()
        finally:
            stop_app(proc)

    return report(results, args.articles)


def report(results: dict[str, float], articles: int) -> int:
    """The lines for other scripts: `app: <what> <seconds> s (target <= X s)`."""
    targets = {"sample corpus: tolerance change": 0.3, f"{articles} uploaded articles: first chart": 3.0,
               f"{articles} articles: tolerance change": 0.3}
    print()
    for what, seconds in results.items():
        target = f" (target <= {targets[what]:g} s)" if what in targets else ""
        print(f"app: {what} {seconds:.3f} s{target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
