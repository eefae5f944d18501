"""Extraction in worker processes gives what one process gives, errors included."""
from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

from comparer import pipeline
from comparer.errors import ComparerError, IngestError
from comparer.models import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def articles():
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    out = [Article(text=texts[n % len(texts)], source=f"a{n}.txt", outlet=f"Outlet {n}") for n in range(60)]
    out[7] = Article(text="5% " * 6000, source="list.txt")  # refused: a list of numbers
    return out


def test_errors_survive_a_trip_to_a_worker_process():
    for error in (ComparerError("a.txt", "no text"), IngestError("b.pdf", "encrypted")):
        back = pickle.loads(pickle.dumps(error))
        assert (type(back), back.source, back.reason, str(back)) == (type(error), error.source, error.reason, str(error))


def test_workers_give_the_claims_and_errors_of_one_process(monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_CHARS", 1)
    batch = articles()
    one = pipeline.extract_articles(batch, jobs=1)
    two = pipeline.extract_articles(batch, jobs=2)
    assert [c.to_dict() for c in two[0]] == [c.to_dict() for c in one[0]]
    assert [(e.source, e.reason) for e in two[1]] == [(e.source, e.reason) for e in one[1]] == [
        ("list.txt", "over 5,000 figures, one every 3 characters: a table or a list of numbers, not an article")]


def test_the_cli_output_does_not_depend_on_the_number_of_jobs(tmp_path):
    rows = [{"text": a.text, "outlet": a.outlet, "id": a.source} for a in articles() * 3]
    corpus = tmp_path / "big.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert sum(len(r["text"]) for r in rows) >= pipeline.PARALLEL_MIN_CHARS  # workers are used
    outs = [subprocess.run([sys.executable, "-m", "comparer", "compare", str(corpus), "--jobs", jobs],
                           capture_output=True, text=True, cwd=ROOT, timeout=300) for jobs in ("1", "2")]
    assert outs[0].returncode == outs[1].returncode == 1  # the refused list
    assert outs[0].stdout == outs[1].stdout and outs[0].stdout.count("\n") > 100
    assert outs[0].stderr == outs[1].stderr
