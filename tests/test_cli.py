"""`python -m comparer claims`: output formats, --out, errors and exit statuses (SPEC section 7).

The real command runs as a subprocess where the process matters (exit status, stderr, tracebacks);
click's CliRunner runs it in-process elsewhere, which is faster.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from comparer.cli import CLAIM_TABLE, cli
from comparer.models import EXTRACT_FIELDS, QUALIFIERS

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"

ARTICLE = ("Ukraine retakes territory\n\n"
           "Oryx confirmed at least 58 aircraft losses. "
           "Ukraine retook about 2,000 km² in a week, the ministry said.\n")
NUMERIC = ("start", "end", "value", "low", "high", "norm_value")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "comparer", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "kyiv-dispatch.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_jsonl_is_one_claim_record_a_line(article):
    proc = run("claims", str(article))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 2
    for record in records:
        assert list(record) == EXTRACT_FIELDS  # no cluster or verdict
        assert (record["article"], record["outlet"], record["published"]) == (
            "kyiv-dispatch.txt", "Kyiv Dispatch", None)
        assert ARTICLE[record["start"]:record["end"]] == record["quote"]
        assert record["sentence"] in ARTICLE and record["quote"] in record["sentence"]
        assert record["qualifier"] in QUALIFIERS
    oryx, territory = records
    assert oryx == {
        "article": "kyiv-dispatch.txt", "outlet": "Kyiv Dispatch", "published": None,
        "sentence": "Oryx confirmed at least 58 aircraft losses.", "start": 42, "end": 69,
        "quote": "at least 58 aircraft losses", "value": 58, "qualifier": "at_least", "low": 58, "high": None,
        "unit": "", "norm_value": 58, "norm_unit": "", "thing": "aircraft losses", "attribution": "Oryx",
    }
    assert '"value": 58,' in lines[0]  # a whole number is written as one, not 58.0
    assert (territory["value"], territory["qualifier"], territory["low"], territory["high"]) == (
        2000, "approx", 1900, 2100)
    assert (territory["unit"], territory["norm_value"], territory["norm_unit"]) == ("km2", 2_000_000_000, "m2")
    assert territory["quote"].endswith("2,000 km²") and territory["attribution"] == "the ministry"


def test_csv_header_line_ends_and_numbers(article):
    result = invoke("claims", str(article), "--format", "csv")
    assert result.exit_code == 0
    body = result.stdout_bytes.decode("utf-8")
    assert body.startswith(",".join(EXTRACT_FIELDS) + "\r\n")
    assert body.count("\r\n") == 3 and body.replace("\r\n", "").count("\n") == 0
    rows = list(csv.DictReader(io.StringIO(body, newline="")))
    assert [row["quote"] for row in rows] == ["at least 58 aircraft losses", rows[1]["quote"]]
    assert [(row["value"], row["low"], row["high"], row["norm_value"]) for row in rows] == [
        ("58", "58", "", "58"), ("2000", "1900", "2100", "2000000000")]
    assert (rows[0]["start"], rows[0]["end"]) == ("42", "69")


def test_csv_whole_body_with_formula_injection(tmp_path):
    path = tmp_path / "=cmd.txt"
    path.write_text('=HYPERLINK("http://evil.example") 300 tanks were lost.\n', encoding="utf-8")
    result = invoke("claims", str(path), "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") == (
        "article,outlet,published,sentence,start,end,quote,value,qualifier,low,high,unit,norm_value,norm_unit,"
        "thing,attribution\r\n"
        "'=cmd.txt,'=cmd,,\"'=HYPERLINK(\"\"http://evil.example\"\") 300 tanks were lost.\",34,43,300 tanks,300,"
        "exact,300,300,,300,,tanks,\r\n"
    )


@pytest.mark.parametrize("start", ["=", "+", "@", "-"])
def test_csv_text_cells_never_start_a_formula(tmp_path, start):
    path = tmp_path / f"{start}feed.txt"
    path.write_text(f"{start}1+1 said 300 tanks were lost.\n\n-5°C was the low on Monday.\n", encoding="utf-8")
    result = invoke("claims", str(path), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))
    tanks = next(row for row in rows if row["quote"] == "300 tanks")
    cold = next(row for row in rows if row["quote"].endswith("-5°C"))
    assert tanks["article"] == f"'{start}feed.txt"
    assert tanks["sentence"] == f"'{start}1+1 said 300 tanks were lost."
    assert (tanks["value"], tanks["norm_value"], tanks["start"]) == ("300", "300", str(len(start) + 9))
    assert cold["quote"] == "'-5°C"
    assert (cold["value"], cold["low"], cold["high"], cold["norm_value"]) == ("-5", "-5", "-5", "-5")
    for row in rows:
        for name, cell in row.items():
            if name not in NUMERIC:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), (name, cell)
            elif cell:
                float(cell)  # numeric columns stay plain numbers


def test_table(article):
    result = invoke("claims", str(article), "--format", "table")
    assert result.exit_code == 0
    lines = result.stdout_bytes.decode("utf-8").splitlines()
    assert lines[0].split() == [name for name, _ in CLAIM_TABLE]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 4  # header, rule, one row per claim
    assert lines[2].split("  ")[0] == "Kyiv Dispatch"
    assert "at least 58 aircraft losses" in lines[2] and "at_least" in lines[2] and "Oryx" in lines[2]
    assert "2000" in lines[3] and "approx" in lines[3] and "km2" in lines[3]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_out_writes_the_file_and_prints_nothing(article, tmp_path, fmt):
    out = tmp_path / f"claims.{fmt}"
    result = invoke("claims", str(article), "--format", fmt, "--out", str(out))
    assert result.exit_code == 0
    assert result.stdout_bytes == b"" and result.stderr_bytes == b""
    printed = invoke("claims", str(article), "--format", fmt).stdout_bytes
    assert out.read_bytes() == printed and printed


def test_out_to_a_folder_that_does_not_exist_is_bad_usage(article, tmp_path):
    result = CliRunner().invoke(cli, ["claims", str(article), "--out", str(tmp_path / "no" / "such.csv")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_output_is_utf8_whatever_the_locale(article):
    proc = subprocess.run([sys.executable, "-m", "comparer", "claims", str(article)], cwd=ROOT, capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": "ascii"}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "2,000 km²".encode() in proc.stdout


def test_a_bad_input_never_stops_the_batch(tmp_path, article):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    sheet = tmp_path / "figures.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really a workbook")
    proc = run("claims", str(empty), str(article), str(missing), str(sheet))
    assert proc.returncode == 1
    assert [json.loads(line)["quote"] for line in proc.stdout.splitlines()][0] == "at least 58 aircraft losses"
    assert len(proc.stdout.splitlines()) == 2
    errors = proc.stderr.splitlines()
    assert len(errors) == 3, proc.stderr
    for path, reason in ((empty, "empty file"), (missing, "no such file"), (sheet, "unsupported file type .xlsx")):
        line = next(e for e in errors if str(path) in e)
        assert reason in line
    assert "Traceback" not in proc.stdout + proc.stderr


@pytest.mark.parametrize("args,message", [
    ((), "Missing argument"),
    (("{article}", "--format", "xml"), "Invalid value for '--format'"),
    (("{article}", "--frobnicate"), "No such option"),
])
def test_bad_usage_exits_2(article, args, message):
    proc = run("claims", *(a.format(article=article) for a in args))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_a_folder_is_read_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "first.txt").write_text("Oryx confirmed at least 58 aircraft losses.\n", encoding="utf-8")
    (tmp_path / "a" / "b" / "second.md").write_text("Russia has mobilised 300,000 reservists.\n", encoding="utf-8")
    (tmp_path / "a" / "b" / ".hidden.txt").write_text("Kyiv counted 12 drones.\n", encoding="utf-8")
    result = invoke("claims", str(tmp_path / "a"))
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout_bytes.decode("utf-8").splitlines()]
    assert [(r["article"], r["value"]) for r in records] == [("second.md", 300000), ("first.txt", 58)]


@pytest.mark.skipif(not (EVAL / "dev").is_dir(), reason="../shared/eval is not here")
def test_dev_gold_set_scores_above_the_floors():
    cmd = f"{shlex.quote(sys.executable)} -m comparer claims"
    proc = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(EVAL / "dev"), "--cmd", cmd, "--quiet",
         "--min-f1", "0.95", "--min-qualifier", "0.95", "--min-unit", "0.95", "--min-source", "0.90"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("command", ["claims", "compare"])
def test_a_folder_without_articles_is_an_error(tmp_path, command):
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n")
    proc = subprocess.run([sys.executable, "-m", "comparer", command, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "no articles found" in proc.stderr and str(tmp_path) in proc.stderr
