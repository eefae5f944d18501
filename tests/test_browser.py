"""The app in a real browser: `streamlit run app.py` as a subprocess on a free loopback port,
driven by Debian's chromium through Playwright. Skipped when chromium or Playwright is missing."""
from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from comparer.models import CLAIM_FIELDS
from tests.app_server import start_app, stop_app

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENS = Path("/tmp/comparer-screens")

if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed "
                               "(pip install -r requirements-test.txt)")


@pytest.fixture(scope="module")
def server():
    """The app's URL, served by a real `streamlit run`; its log is printed if it does not come up."""
    log = tempfile.TemporaryFile()
    try:
        proc, url = start_app(log)
    except RuntimeError as error:
        pytest.fail(str(error))
    yield url
    stop_app(proc)
    log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 2600}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def wait_for_charts(page, n: int = 3) -> None:
    page.wait_for_function(
        f"document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length >= {n}", timeout=60_000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    # until a rerun has drawn everything, the elements of the run before stay on the page, marked
    # stale: a locator could find a button twice (a strict-mode error seen once on a loaded machine)
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=60_000)


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def test_first_visit_shows_the_sample_compared(server, page, tmp_path):
    started = time.monotonic()
    page.goto(server)
    wait_for_charts(page)
    print(f"\ntime to first chart, sample corpus: {time.monotonic() - started:.1f} s")
    assert metric(page, "Articles") == "9"
    assert page.get_by_text("sample articles").first.is_visible()
    page.screenshot(path=tmp_path / "first-visit.png", full_page=True)
    SCREENS.mkdir(exist_ok=True)
    shutil.copy(tmp_path / "first-visit.png", SCREENS / "first-visit.png")


def test_upload_three_files_then_download_the_claims(server, page, tmp_path):
    page.goto(server)
    wait_for_charts(page)
    files = [DATA / "meridian-post.txt", DATA / "baltic-wire.html", DATA / "danube-observer.docx"]
    started = time.monotonic()
    page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files([str(f) for f in files])
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stMetric"]')]
        .some(m => m.innerText.includes('Articles') && m.innerText.trim().endsWith('3'))""", timeout=60_000)
    wait_for_charts(page)
    print(f"\ntime to first chart after uploading 3 files: {time.monotonic() - started:.1f} s")
    assert metric(page, "Outlets") == "3"
    with page.expect_download() as info:
        page.get_by_role("button", name="claims.csv").click()
    download = info.value
    assert download.suggested_filename == "claims.csv"
    path = tmp_path / "claims.csv"
    download.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == CLAIM_FIELDS
    assert {row[1] for row in rows[1:]} == {"Meridian Post", "The Baltic Wire", "Danube Observer"}
    # the download did not reset the page: the uploads and charts are still there
    assert metric(page, "Articles") == "3"
    page.screenshot(path=tmp_path / "three-uploads.png", full_page=True)
    shutil.copy(tmp_path / "three-uploads.png", SCREENS / "three-uploads.png")


def test_choosing_a_quantity_redraws_only_the_charts(server, page):
    """The charts tab is a fragment: another quantity reruns that tab only (the app's own messages
    say so), and the range plot shows the chosen quantity."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    finished = []

    def read(payload):
        if isinstance(payload, bytes):
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "script_finished":
                finished.append(msg.script_finished)

    page.on("websocket", lambda ws: ws.on("framereceived", read))
    page.goto(server)
    wait_for_charts(page)
    assert finished and finished[-1] == ForwardMsg.FINISHED_SUCCESSFULLY
    full_runs = len(finished)
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Quantity").first
    box.click()
    option = page.get_by_role("option").nth(1)
    chosen = option.inner_text().split(" — ")[0]  # "c1 Flood death toll"
    option.click()
    deadline = time.monotonic() + 60
    while len(finished) == full_runs and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    wait_for_charts(page)
    assert finished[full_runs:] == [ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY]
    shown = box.evaluate("b => [...b.querySelectorAll('input, [value], div')].map(e => e.value || "
                         "e.getAttribute('value') || '').join(' ') + ' ' + b.innerText")
    assert chosen in shown, shown
