"""The Dask engine gives what the local engine gives: the same claims, clusters (ids included),
verdicts and errors, on a LocalCluster of two worker processes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the Dask engine's tests need requirements-dask.txt")

from comparer import dask_engine, pipeline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev" / "articles"
ECBPLUS = SHARED / "corpora" / "ecbplus" / "articles.jsonl"


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


def outcome(result):
    articles, claims, clusters, errors = result
    return ([a.__dict__ for a in articles], [c.to_dict() for c in claims], [c.to_dict() for c in clusters],
            [(type(e).__name__, e.source, e.reason) for e in errors])


def assert_same(paths, client, **options):
    local = outcome(pipeline.compare_paths(paths, jobs=1))
    on_dask = outcome(dask_engine.compare_paths(paths, client=client, **options))
    for name, a, b in zip(("articles", "claims", "clusters", "errors"), local, on_dask):
        assert a == b, f"the {name} differ"
    return local


def test_dev_gold_set_as_the_local_engine(client):
    _, claims, clusters, errors = assert_same([DEV, ROOT / "data"], client)
    assert len(claims) > 100 and errors == []
    assert any(c["n_outlets"] > 1 for c in clusters)


def test_ecbplus_in_chunks_as_the_local_engine(client):
    if not ECBPLUS.exists():
        pytest.skip("ECB+ corpus not present")
    # the 961 articles in chunks of 200 kB: rows are numbered across chunks, the clusters span them
    _, claims, clusters, _ = assert_same([ECBPLUS], client, chunk_bytes=200_000, partitions=5)
    assert len(claims) > 5000
    assert claims[-1]["article"] == "articles.jsonl#961"
    assert max(c["n_claims"] for c in clusters) > 10


def test_a_bulk_file_in_chunks_keeps_its_row_numbers_and_errors(tmp_path, client):
    lines = ['{"text": "Officials said 120 soldiers were killed on Monday.", "outlet": "A"}', "",
             "{broken", '   ', '["not an object"]', '{"title": "no text"}',
             '{"text": "At least 118 soldiers were killed, the army said.", "outlet": "B"}\r',
             '{"text": "", "outlet": "C"}', '{"text": "The ministry put the toll at 130 soldiers.", "outlet": "D"}']
    bulk = tmp_path / "feed.jsonl"
    bulk.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines * 6).encode("utf-8"))
    _, claims, _, errors = assert_same([bulk], client, chunk_bytes=100)
    assert [e[1] for e in errors][:4] == ["feed.jsonl#2", "feed.jsonl#3", "feed.jsonl#4", "feed.jsonl#6"]
    assert claims[-1]["article"] == "feed.jsonl#42"


@pytest.mark.parametrize("content", [
    b'{"title": "a"}\n{"title": "b"}\n' * 20,  # no 'text' field in any row: the file's error
    b"{broken\n" * 30,  # not JSON lines
    "\n".join(['{"text": "Caf\u00e9 owners said 40 people came."}'] * 10).encode("cp1252") + b"\n"
    + "\n".join(['{"text": "Caf\u00e9 owners said 40 people came."}'] * 10).encode("utf-8"),  # mixed: read whole
    b"\n" * 400,  # no rows
])
def test_a_bulk_file_unusable_as_a_whole_says_so_as_the_local_engine(tmp_path, client, content):
    bulk = tmp_path / "bad.jsonl"
    bulk.write_bytes(content)
    assert_same([bulk, ROOT / "data" / "baltic-wire.html"], client, chunk_bytes=64)


def test_bad_files_are_reported_and_the_rest_compared(tmp_path, client):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "note.txt").write_text("The mayor said 2,000 homes were flooded.", encoding="utf-8")
    _, claims, _, errors = assert_same([tmp_path, tmp_path / "missing.txt"], client)
    assert {e[1].rsplit("/", 1)[-1] for e in errors} == {"empty.txt", "scan.pdf", "missing.txt"}
    assert claims


def test_cli_dask_engine_writes_what_the_local_engine_writes(tmp_path):
    args = [sys.executable, "-m", "comparer", "compare", str(ROOT / "data")]
    local = subprocess.run([*args, "--out", str(tmp_path / "local")], cwd=ROOT, capture_output=True)
    dask = subprocess.run([*args, "--out", str(tmp_path / "dask"), "--engine", "dask", "--jobs", "2",
                           "--partitions", "3"], cwd=ROOT, capture_output=True, text=True)
    assert local.returncode == dask.returncode == 0, dask.stderr
    for name in ("claims.csv", "clusters.csv", "claims.parquet", "clusters.parquet"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name


def test_cli_without_a_scheduler_there_says_so(tmp_path):
    import socket

    with socket.socket() as s:  # a port on which nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = subprocess.run([sys.executable, "-m", "comparer", "compare", str(ROOT / "data"), "--engine", "dask",
                           "--scheduler", f"tcp://127.0.0.1:{port}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert f"tcp://127.0.0.1:{port}: cannot reach the Dask scheduler" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_scheduler_needs_the_dask_engine():
    done = subprocess.run([sys.executable, "-m", "comparer", "compare", str(ROOT / "data"), "--partitions", "4"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "need --engine dask" in done.stderr


def test_cli_connects_to_an_existing_scheduler(tmp_path, client):
    done = subprocess.run([sys.executable, "-m", "comparer", "compare", str(ROOT / "data" / "baltic-wire.html"),
                           "--engine", "dask", "--scheduler", client.scheduler.address], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    local = subprocess.run([sys.executable, "-m", "comparer", "compare", str(ROOT / "data" / "baltic-wire.html")],
                           cwd=ROOT, capture_output=True, text=True)
    assert [json.loads(line) for line in done.stdout.splitlines()] == \
        [json.loads(line) for line in local.stdout.splitlines()]
    assert client.scheduler_info()["workers"]  # the cluster is still up: the CLI closed its client only


def test_relative_paths_are_read_where_the_user_is(tmp_path, monkeypatch, client):
    """The workers run in a folder of their own: a path relative to the user's folder still names the
    same file, and the errors and sources still name it as the user gave it."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text("The mayor said 2,000 homes were flooded.", encoding="utf-8")
    (tmp_path / "in" / "feed.jsonl").write_text(
        "\n".join(json.dumps({"text": f"Rescuers said {n} people were evacuated."}) for n in range(40)) + "\n{bad\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, claims, _, errors = assert_same(["in", "in/missing.txt"], client, chunk_bytes=300)
    assert len(claims) == 41 and [e[1] for e in errors] == ["feed.jsonl#41", "in/missing.txt"]


def test_cli_says_when_the_cluster_cannot_run_comparer(tmp_path):
    """A scheduler started where comparer cannot be imported fails the run: one message, no traceback."""
    import os
    import time

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    scheduler_file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", "0", "--no-dashboard", "--scheduler-file", str(scheduler_file)],
                                 cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, address = time.monotonic() + 60, None
        while address is None and time.monotonic() < deadline:
            try:
                address = json.loads(scheduler_file.read_text())["address"]
            except (OSError, ValueError, KeyError):  # not written yet, or not whole
                time.sleep(0.1)
        done = subprocess.run([sys.executable, "-m", "comparer", "compare", str(ROOT / "data"), "--engine", "dask",
                               "--scheduler", address, "--out", str(tmp_path / "out")], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    finally:
        scheduler.terminate()
        scheduler.wait(30)
    assert done.returncode == 1
    assert "the Dask cluster failed" in done.stderr and "comparer importable" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_the_hostile_batch_as_the_local_engine(tmp_path, client):
    """Every broken and hostile input of tests/test_hostile.py, its bulk files in small chunks: the
    same errors (each named as given) and claims."""
    from tests.test_hostile import BAD, GOOD_TEXT, READ

    (tmp_path / "kyiv-dispatch.txt").write_text(GOOD_TEXT, encoding="utf-8")
    for name, (make, _) in BAD.items():
        (tmp_path / name).write_bytes(make())
    for name, make in READ.items():
        (tmp_path / name).write_bytes(make())
    files = [str(path) for path in sorted(tmp_path.iterdir())]
    _, claims, _, errors = assert_same(files, client, chunk_bytes=40)
    assert len(errors) > len(BAD) and any(c["article"] == "broken-rows.jsonl#1" for c in claims)
