"""`python -m comparer compare` and the pipeline functions behind it (SPEC sections 7 and 9)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from comparer import pipeline
from comparer.cli import cli
from comparer.models import CLAIM_FIELDS, CLUSTER_FIELDS

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev" / "articles"

LEDGER = """Northern Ledger

Ukraine's Ministry of Defence says 259 Russian warplanes and 220 helicopters have been destroyed so far.
The open-source group Oryx has confirmed at least 58 aircraft losses.
"""
COURIER = """Eastern Courier

Ukrainian officials claim Russia has lost 255 planes since the start of the invasion.
"""
DISPATCH = """Kyiv Dispatch

Independent analysts at Oryx have documented 62 destroyed or captured Russian aircraft.
"""


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "northern-ledger.txt").write_text(LEDGER, encoding="utf-8")
    (tmp_path / "eastern-courier.txt").write_text(COURIER, encoding="utf-8")
    (tmp_path / "kyiv-dispatch.txt").write_text(DISPATCH, encoding="utf-8")
    return tmp_path


def run(*args):
    result = CliRunner().invoke(cli, ["compare", *map(str, args)])
    # stdout_bytes: click's `stdout` turns the CSV's \r\n into \n
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


def test_jsonl_records_are_complete(articles):
    code, out, err = run(articles, "--format", "jsonl")
    assert code == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["quote"] for r in records] == ["255 planes", "62 destroyed or captured Russian aircraft",
                                            "259 Russian warplanes", "220 helicopters",
                                            "at least 58 aircraft losses"]
    assert all(list(r) == CLAIM_FIELDS for r in records)
    planes, analysts, warplanes, helicopters, oryx = records
    assert planes["cluster"] == analysts["cluster"] == warplanes["cluster"] == oryx["cluster"]
    assert helicopters["cluster"] != planes["cluster"]
    assert [r["verdict"] for r in records] == ["agrees", "differs", "agrees", "single", "agrees"]


def test_csv_prints_claims(articles):
    code, out, _ = run(articles, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.startswith(",".join(CLAIM_FIELDS) + "\r\n")
    assert len(rows) == 5 and {r["verdict"] for r in rows} == {"agrees", "differs", "single"}


def test_out_writes_claims_and_clusters(articles, tmp_path):
    out_dir = tmp_path / "out"
    code, out, _ = run(articles, "--out", out_dir)
    assert code == 0 and out == ""
    clusters = (out_dir / "clusters.csv").read_bytes().decode("utf-8")
    assert clusters == (
        "id,label,unit,n_outlets,consensus,min,max,spread,status\r\n"
        "c1,Russian warplanes,,3,255,58,259,4.4655172413793105,conflict\r\n"
        "c2,Helicopters,,1,220,220,220,1,single source\r\n")
    claims = list(csv.DictReader(io.StringIO((out_dir / "claims.csv").read_bytes().decode("utf-8"))))
    assert [c["cluster"] for c in claims] == ["c1", "c1", "c1", "c2", "c1"]


def test_out_neutralises_formulas(tmp_path):
    (tmp_path / "=evil.txt").write_text("Officials say 40 tanks were lost.", encoding="utf-8")
    code, _, _ = run(tmp_path / "=evil.txt", "--out", tmp_path / "out")
    assert code == 0
    text = (tmp_path / "out" / "claims.csv").read_bytes().decode("utf-8")
    assert "\r\n'=evil.txt," in text


def test_out_writes_the_tables_as_parquet_too(articles, tmp_path):
    """Parquet columns keep the type of the record's field whatever the values (every value whole
    here: still doubles); text is as it is, with no quote before a formula-like cell."""
    import pyarrow.parquet as pq

    (articles / "=evil.txt").write_text("Officials say 40 tanks were lost.", encoding="utf-8")
    code, _, _ = run(articles, "--out", tmp_path / "out")
    assert code == 0
    claims = pq.read_table(tmp_path / "out" / "claims.parquet")
    clusters = pq.read_table(tmp_path / "out" / "clusters.parquet")
    assert claims.column_names == CLAIM_FIELDS and clusters.column_names == CLUSTER_FIELDS
    assert str(claims.schema.field("value").type) == "double" and str(claims.schema.field("start").type) == "int64"
    assert str(clusters.schema.field("n_outlets").type) == "int64"
    rows = claims.to_pylist()
    assert rows[0]["article"] == "=evil.txt" and rows[0]["value"] == 40.0
    csv_rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "claims.csv").read_bytes().decode("utf-8"))))
    assert [(r["quote"], r["value"], r["cluster"]) for r in rows] == \
        [(r["quote"], float(r["value"]), r["cluster"]) for r in csv_rows]
    assert max(c["spread"] for c in clusters.to_pylist()) == pytest.approx(259 / 58)


def test_table_summarises_clusters(articles):
    code, out, _ = run(articles, "--format", "table")
    assert code == 0
    assert "c1  Russian warplanes — conflict, 3 outlets, consensus 255, spread 4.47" in out
    assert ("outlets differ by source: Ukrainian officials; Independent analysts at Oryx; "
            "Ukraine's Ministry of Defence") in out
    assert "agrees   Northern Ledger          at least 58 aircraft losses  (The open-source group Oryx)" in out


def test_tolerance_changes_verdicts(articles):
    _, out, _ = run(articles, "--tolerance", "0")
    verdicts = {json.loads(line)["quote"]: json.loads(line)["verdict"] for line in out.splitlines()}
    assert verdicts["255 planes"] == "differs"  # agrees only with `at least 58`: one of three
    assert verdicts["259 Russian warplanes"] == "differs"  # 255 is no longer within tolerance
    assert verdicts["at least 58 aircraft losses"] == "agrees"


def test_failed_inputs_exit_1_and_the_rest_is_reported(articles):
    (articles / "empty.txt").write_bytes(b"")
    code, out, err = run(articles, "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 5
    assert len(err.strip().splitlines()) == 1 and "empty.txt" in err


@pytest.mark.parametrize("args", [["--tolerance", "-1"], ["--tolerance", "x"], ["--format", "xml"], []])
def test_bad_usage_exits_2(articles, args):
    code, _, _ = run(*([articles] if args else []), *args)
    assert code == 2


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not here")
def test_module_entry_point_runs_compare():
    proc = subprocess.run([sys.executable, "-m", "comparer", "compare", str(DEV), "--format", "jsonl"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 27


# --- pipeline corrections ----------------------------------------------------------------------

@pytest.fixture
def compared(articles):
    _, claims, clusters, errors = pipeline.compare_paths([articles])
    assert not errors
    return claims, clusters


def test_merge_clusters(compared):
    claims, clusters = pipeline.merge_clusters(*compared, ["c1", "c2"])
    assert [c.id for c in clusters] == ["c1"] and clusters[0].label == "Russian warplanes"
    assert {c.cluster for c in claims} == {"c1"}
    assert compared[0][3].cluster == "c2"  # the input is left as it was


def test_split_cluster_and_move_claim(compared):
    claims, clusters = pipeline.split_cluster(*compared, [1])  # the 62 on its own
    assert [c.cluster for c in claims] == ["c1", "c3", "c1", "c2", "c1"]
    assert claims[1].verdict == "single" and clusters[2].status == "single source"
    assert clusters[0].status == "consensus" and clusters[0].label == "Russian warplanes"
    claims, clusters = pipeline.move_claim(claims, clusters, 1, "c1")
    assert [c.cluster for c in claims] == ["c1", "c1", "c1", "c2", "c1"]
    assert [c.id for c in clusters] == ["c1", "c2"] and clusters[0].status == "conflict"


def test_rename_and_drop(compared):
    claims, clusters = pipeline.rename_cluster(*compared, "c1", "Russian aircraft lost")
    assert clusters[0].label == "Russian aircraft lost"
    claims, clusters = pipeline.drop_claim(claims, clusters, 1)  # the 62 is "not a claim"
    assert len(claims) == 4 and clusters[0].label == "Russian aircraft lost"
    assert clusters[0].status == "consensus" and clusters[0].spread == pytest.approx(259 / 58)


def test_frames_for_the_app(articles):
    uploads = [(p.read_bytes(), p.name) for p in sorted(articles.iterdir())]
    claims_df, clusters_df, errors = pipeline.compare_uploads(uploads + [(b"", "empty.txt")])
    assert len(errors) == 1
    assert list(claims_df.columns) == CLAIM_FIELDS and len(claims_df) == 5
    assert list(clusters_df.columns[:len(CLUSTER_FIELDS)]) == CLUSTER_FIELDS
    assert clusters_df["status"].tolist() == ["conflict", "single source"]


def test_the_local_engine_never_imports_dask(tmp_path):
    """Dask is an optional extra: the default engine runs, and writes its outputs, without it."""
    code = ("import sys\nfrom comparer.cli import main\ntry:\n    main(['compare', 'data', '--out', sys.argv[1]])\n"
            "except SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
    assert (tmp_path / "out" / "claims.parquet").is_file()
