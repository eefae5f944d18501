"""Hostile and broken inputs, all in one batch with a good article, through the CLI (a subprocess)
and through `comparer.pipeline.compare_uploads` (what the app calls): every bad input gives one
clear error naming it and the reason, or correct claims; the good article is still compared; nothing
is inflated, fetched or run. Every input is built here at test time (no committed binaries).

The single-format cases (each reason word for word) are in test_ingest.py; this file checks the
promises of a whole batch, the inputs that are large or adversarial, and the app's page.
"""
from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from comparer import ingest, pipeline
from comparer.errors import ComparerError
from comparer.extract import extract_claims
from comparer.models import Article

ROOT = Path(__file__).resolve().parents[1]
MB = 1024**2
GOOD_TEXT = "Ukraine's Ministry of Defence says 259 Russian aircraft have been destroyed since February.\n"
SMART = "The café owners said “at least 1,400 workers” lost €10m, or £8.5m, in the floods.\n"


def pdf(text: str | None = None, *, password: str | None = None) -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    if text is None:
        document.rect(20, 20, 100, 60, style="F")  # a drawing, as a scan is an image: no text layer
    else:
        document.set_font("helvetica", size=11)
        document.multi_cell(0, 6, text)
    data = bytes(document.output())
    if password is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A .docx whose document part inflates 1,000 times: 40 MB of zeros in about 40 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", bytes(40 * MB))
    return out.getvalue()


def nested_html(depth: int = 50_000) -> bytes:
    return ("<html><body>" + "<div>" * depth + GOOD_TEXT + "</div>" * depth + "</body></html>").encode()


def hundred_thousand_rows() -> bytes:
    rows = ["text,outlet"]
    for n in range(100_000):
        rows.append("Officials said 259 Russian aircraft were lost.,Wire" if n % 25_000 == 0 else "Nothing new today.,Wire")
    return ("\n".join(rows) + "\n").encode()


# name -> bytes, and what must be said about it: the reason (a regular expression), or None when
# the input is read and gives claims
BAD = {
    "empty.txt": (lambda: b"", r"empty file"),
    "nested-50000.html": (nested_html, r"HTML nested too deeply \(over 256 levels of elements\)"),
    "whitespace.txt": (lambda: b" \n\t \r\n " * 100, r"no text"),
    "binary.txt": (lambda: random.Random(1).randbytes(20_000), r"not text: looks like binary data"),
    "truncated.pdf": (lambda: pdf(GOOD_TEXT)[:600], r"corrupt PDF: .+"),
    "corrupt.pdf": (lambda: b"%PDF-1.7\n" + random.Random(2).randbytes(5000), r"corrupt PDF: .+"),
    "encrypted.pdf": (lambda: pdf(GOOD_TEXT, password="secret"), r"encrypted PDF"),
    "scan.pdf": (lambda: pdf(None), r"PDF has no text layer \(scanned\? OCR is not supported\)"),
    "corrupt.docx": (lambda: b"PK\x03\x04" + random.Random(3).randbytes(3000), r"corrupt \.docx: not a zip archive"),
    "bomb.docx": (zip_bomb, r"\.docx member word/document\.xml is compressed over 100 times \(zip bomb\?\)"),
    "report.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), r"unsupported file type \.doc \(use .+\)"),
    "figures.xlsx": (lambda: b"PK\x03\x04" + bytes(200), r"unsupported file type \.xlsx \(use .+\)"),
    "chart.png": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), r"unsupported file type \.png \(use .+\)"),
    "no-text-column.csv": (lambda: b"body,outlet\nOfficials said 259 jets.,A\n", r"CSV has no 'text' column"),
    "no-text-field.jsonl": (lambda: b'{"body": "259 jets"}\n', r"JSONL has no 'text' field"),
}
# inputs that are read (their claims are checked below) although they are hostile
READ = {
    "nested.html": lambda: nested_html(200),
    "long-line.txt": lambda: (GOOD_TEXT.strip() + " and " + "the river rose again and " * 45_000).encode(),
    "digits.txt": lambda: ("1,234," * 180_000).encode(),
    "utf16.txt": lambda: SMART.encode("utf-16"),
    "cp1252.txt": lambda: SMART.encode("cp1252"),
    "latin1.txt": lambda: "The café said 40 businesses closed in Zürich.\n".encode("latin-1"),
    "mixed.txt": lambda: SMART.encode("utf-8") + "Le café a fermé 12 jours.\n".encode("cp1252"),
    "broken-rows.jsonl": lambda: (json.dumps({"text": "Officials said 58 aircraft were lost.", "outlet": "Oryx"})
                                  + '\n{"text": "broken\n[1, 2]\n{"text": 42}\n').encode(),
    "broken-rows.csv": lambda: b'text,outlet\n"Officials said 62 aircraft were lost.",B\n  ,C\n"",D\n',
    "rows.csv": hundred_thousand_rows,
}
ROW_ERRORS = {  # the bad rows of the bulk files that are read
    "broken-rows.jsonl#2": r"broken JSON: .+", "broken-rows.jsonl#3": r"not a JSON object",
    "broken-rows.jsonl#4": r"'text' is not a string",
    "broken-rows.csv#2": r"empty text", "broken-rows.csv#3": r"empty text",
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "kyiv-dispatch.txt").write_text(GOOD_TEXT, encoding="utf-8")
    for name, (make, _) in BAD.items():
        (folder / name).write_bytes(make())
    for name, make in READ.items():
        (folder / name).write_bytes(make())
    return folder


def check_errors(errors: dict[str, str]) -> None:
    """One error per bad input (by name), each with the reason expected."""
    expected = {**{name: reason for name, (_, reason) in BAD.items()}, **ROW_ERRORS}
    assert set(errors) == set(expected), sorted(set(errors) ^ set(expected))
    for name, reason in errors.items():
        assert re.fullmatch(expected[name], reason), (name, reason)


def check_claims(claims: list[dict]) -> None:
    by_article: dict[str, list[dict]] = {}
    for claim in claims:
        by_article.setdefault(claim["article"], []).append(claim)
    assert [c["value"] for c in by_article["kyiv-dispatch.txt"]] == [259]
    assert by_article["kyiv-dispatch.txt"][0]["attribution"] == "Ukraine's Ministry of Defence"
    assert [c["value"] for c in by_article["nested.html"]] == [259]
    assert [c["value"] for c in by_article["long-line.txt"]] == [259]
    assert len(by_article.get("digits.txt", [])) <= 1  # 1,234,1,234,...: its first figure at most
    for name in ("utf16.txt", "cp1252.txt"):
        assert [(c["value"], c["unit"]) for c in by_article[name]] == [(1400, ""), (10_000_000, "EUR"),
                                                                       (8_500_000, "GBP")], name
        assert "café" in by_article[name][0]["sentence"]
    assert [c["value"] for c in by_article["latin1.txt"]] == [40]
    assert "Zürich" in by_article["latin1.txt"][0]["sentence"]
    assert [c["value"] for c in by_article["mixed.txt"]] == [1400, 10_000_000, 8_500_000, 12]
    assert "café" in by_article["mixed.txt"][-1]["sentence"]  # the Windows-1252 line is read as such
    assert [c["value"] for c in by_article["broken-rows.jsonl#1"]] == [58]
    assert [c["value"] for c in by_article["broken-rows.csv#1"]] == [62]
    assert sorted(a for a in by_article if a.startswith("rows.csv")) == [
        "rows.csv#1", "rows.csv#25001", "rows.csv#50001", "rows.csv#75001"]
    assert all(c["verdict"] in ("agrees", "differs", "single") for c in claims)


def test_the_cli_reports_each_bad_input_and_compares_the_rest(batch):
    files = [str(path) for path in sorted(batch.iterdir())]  # named: a folder walk skips .doc, .png...
    out = subprocess.run([sys.executable, "-m", "comparer", "compare", *files, "--format", "jsonl"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    errors = {}
    for line in out.stderr.splitlines():
        match = re.fullmatch(r"comparer: (.+?): (.+)", line)
        assert match, line
        source = Path(match.group(1)).name
        assert source not in errors, f"two lines for {source}"
        errors[source] = match.group(2)
    check_errors(errors)
    check_claims([json.loads(line) for line in out.stdout.splitlines()])


def test_the_app_call_reports_each_bad_upload_and_compares_the_rest(batch, monkeypatch):
    import docx

    inflated = []
    monkeypatch.setattr(docx, "Document", lambda *a, **k: inflated.append(a) or pytest.fail("inflated"))
    uploads = [(path.read_bytes(), path.name) for path in sorted(batch.iterdir())]
    claims, clusters, errors = pipeline.compare_uploads(uploads)
    assert not inflated  # the zip bomb was refused from its declared sizes, never opened by python-docx
    assert len({e.source for e in errors}) == len(errors)
    check_errors({e.source: e.reason for e in errors})
    check_claims(claims.to_dict("records"))
    assert set(claims["cluster"]) <= set(clusters["id"])


def test_a_real_zip_bomb_is_refused_without_being_inflated(monkeypatch):
    import zlib

    bomb = zip_bomb()
    calls = []
    real = zlib.decompressobj
    monkeypatch.setattr(zlib, "decompressobj", lambda *a, **k: calls.append(a) or real(*a, **k))
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("a member was opened"))
    articles, errors = ingest.load_bytes(bomb, "bomb.docx")
    assert articles == [] and [e.reason for e in errors] == [
        ".docx member word/document.xml is compressed over 100 times (zip bomb?)"]
    assert calls == []


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: b"a" * (ingest.MAX_FILE_BYTES + 1), "file is 50.0 MB, over the 50 MB limit"),
        (lambda: ("1 " * (ingest.MAX_TEXT_CHARS // 2 + 1)).encode(), "text is 5,000,002 characters, over the 5,000,000 limit"),
    ],
    ids=["file-size", "text-size"],
)
def test_the_limits_are_errors_of_their_own_in_a_batch(make, reason):
    claims, _, errors = pipeline.compare_uploads([(make(), "huge.txt"), (GOOD_TEXT.encode(), "good.txt")])
    assert [(e.source, e.reason) for e in errors] == [("huge.txt", reason)]
    assert list(claims["value"]) == [259]


def test_the_limits_are_documented_and_the_upload_limit_matches():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"up to {ingest.MAX_FILE_BYTES // MB} MB" in readme
    assert f"up to {ingest.MAX_BULK_BYTES // MB} MB" in readme
    assert f"up to {ingest.MAX_TEXT_CHARS:,} characters" in readme
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(rf"^maxUploadSize = {ingest.MAX_FILE_BYTES // MB}$", config, re.M)


# --- linear time: the behaviour the bounds of extract.py keep (bench/bench_adversarial.py times it)


def claims_of(text: str):
    return extract_claims(Article(text=text, source="a.txt", outlet="A"))


def test_a_sentence_without_end_is_read_in_pieces_with_every_figure():
    text = "Officials said 259 Russian jets were lost and " * 500  # 23,000 characters, no full stop
    claims = claims_of(text)
    assert len(claims) == 500 and {c.value for c in claims} == {259}
    assert all(len(c.sentence) <= 2000 and c.sentence in text for c in claims)
    assert sum(c.thing == "Russian jets" for c in claims) >= 490  # but where a cut parts "Officials | said"


def test_a_run_of_digits_is_no_figure():
    assert claims_of("1" * 100_000) == []
    assert claims_of("Officials said " + "9" * 65 + " jets were lost.") == []


def test_a_long_line_is_not_page_furniture_and_its_figures_are_kept():
    text = "Views: 259 and " + "the river rose again and " * 200 + "officials counted 40 homes lost."
    assert [c.value for c in claims_of(text)] == [40]  # "Views: 259" is furniture at the start of a line
    assert [c.value for c in claims_of("x " * 1500 + "\n1. Officials counted 40 homes.")] == [40]


def test_a_speaker_far_before_the_verb_is_not_looked_for():
    long_subject = "The " + "very " * 200 + "ministry"
    assert claims_of(f"{long_subject} said 259 jets were lost.")[0].attribution is None
    assert claims_of("The ministry said 259 jets were lost.")[0].attribution == "The ministry"


# --- nothing fetched, nothing run -------------------------------------------------------------------


def test_nothing_is_fetched_from_the_links_in_an_input(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        pytest.fail(f"a connection was opened: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = ('<html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"><script src="http://127.0.0.1:9/x.js">'
            '</script></head><body><article><img src="http://127.0.0.1:9/x.png"><iframe src="http://127.0.0.1:9/">'
            f"</iframe><p>{GOOD_TEXT}</p></article></body></html>").encode()
    bulk = json.dumps({"text": GOOD_TEXT, "url": "http://127.0.0.1:9/article"}).encode()
    claims, _, errors = pipeline.compare_uploads([(page, "page.html"), (bulk, "rows.jsonl"),
                                                  (b"http://127.0.0.1:9/", "link.txt")])
    assert list(claims["value"]) == [259, 259] and [e.source for e in errors] == []


def test_markup_in_outlet_names_stays_text_in_the_svg_charts():
    from comparer import charts

    articles = [Article(text=GOOD_TEXT, source=f"{n}.txt", outlet=f"<script>alert({n})</script>") for n in (1, 2)]
    claims, clusters, _ = pipeline.compare_articles(articles)
    svg = charts.to_svg(charts.range_chart(claims, clusters[0]))
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_an_article_of_more_figures_than_any_article_is_an_error_of_its_own():
    from comparer.extract import MAX_FIGURES

    many = ("5% " * (MAX_FIGURES + 1)).encode()
    claims, _, errors = pipeline.compare_uploads([(many, "list.txt"), (GOOD_TEXT.encode(), "good.txt")])
    assert [(e.source, e.reason) for e in errors] == [
        ("list.txt", "over 5,000 figures, one every 3 characters: a table or a list of numbers, not an article")]
    assert list(claims["value"]) == [259]


@pytest.mark.parametrize("unit", ["1-", "1 to ", "at least about 5 ", "officials said 259 Russian jets were lost and "])
def test_a_text_denser_in_figures_than_prose_is_refused_before_its_end(unit):
    """Half a million numbers ("1-1-1-...") or thousands of claims a line were judged one by one (a
    minute a megabyte); the text is refused once it is plainly a list, not read to its end."""
    from comparer.extract import DENSE_FIGURES

    text = unit * (2 * DENSE_FIGURES)
    with pytest.raises(ComparerError, match=r"over 5,000 figures, one every \d+ characters"):
        extract_claims(Article(text=text, source="list.txt"))


def test_prose_with_many_figures_is_not_refused():
    sentence = "The ministry said 259 Russian jets were lost over the long and bitter winter months. "
    claims = extract_claims(Article(text=sentence * 5100, source="long.txt"))
    assert len(claims) == 5100
