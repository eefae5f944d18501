"""The app's flows, run headless with Streamlit's AppTest (no browser): first load on the sample
corpus, uploads (good and bad), pasted text, settings, corrections and the CSV downloads."""
from __future__ import annotations

import csv
import io
import re
import tomllib
from pathlib import Path

import pytest
import streamlit as st
from streamlit.elements.widgets.button import ButtonMixin
from streamlit.testing.v1 import AppTest

from comparer import ingest, match, pipeline
from comparer.export import to_csv
from comparer.models import CLAIM_FIELDS, CLUSTER_FIELDS

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
DATA = ROOT / "data"


@pytest.fixture
def downloads(monkeypatch):
    """The data the app passes to every download button, by file name."""
    given: dict[str, object] = {}
    original = ButtonMixin.download_button

    def record(self, label, data, file_name=None, *args, **kwargs):
        given[file_name] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    return given


def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


def upload(at: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    at.file_uploader[0].set_value([(name, data, "application/octet-stream") for name, data in files])
    at.run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest, column: str):
    """The first dataframe shown with `column`: "sentence" for claims, "differs by source" for clusters."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_first_load_shows_the_sample_corpus_compared():
    at = run_app()
    assert metrics(at) == {"Articles": 9, "Outlets": 7, "Claims": metrics(at)["Claims"], "Quantities":
                           metrics(at)["Quantities"], "Conflicts": metrics(at)["Conflicts"]}
    assert metrics(at)["Claims"] > 50 and metrics(at)["Conflicts"] >= 1
    assert len(at.get("vega_lite_chart")) == 3  # range plot, ranking, heatmap
    assert "sample articles" in at.info[0].value
    assert not at.error
    # the range plot opens on the most disputed quantity: a conflict
    assert "conflict" in at.selectbox(key="quantity").value
    assert at.file_uploader[0].accept_multiple_files
    assert set(at.file_uploader[0].allowed_type) >= {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".csv",
                                                     ".jsonl"}


def test_uploads_replace_the_sample_and_a_bad_file_is_named_while_the_others_are_compared():
    at = run_app()
    good = [(p.name, p.read_bytes()) for p in (DATA / "meridian-post.txt", DATA / "baltic-wire.html")]
    upload(at, [*good, ("broken.pdf", b"%PDF-1.4 not really a pdf"), ("empty.txt", b"")])
    errors = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]  # shown as escaped markdown
    assert any("broken.pdf" in e for e in errors) and any("empty.txt" in e for e in errors), errors
    assert metrics(at)["Articles"] == 2
    assert metrics(at)["Outlets"] == 2
    assert len(at.get("vega_lite_chart")) == 3
    # nothing is lost on a rerun, and the sample can be brought back alongside
    at.slider(key="tolerance").set_value(0.1).run()
    assert metrics(at)["Articles"] == 2
    at.toggle(key="use_sample").set_value(True).run()
    assert metrics(at)["Articles"] == 9  # the two uploads are sample files: kept once, by content


def test_pasted_text_is_compared_with_the_uploads():
    at = run_app()
    upload(at, [("meridian-post.txt", (DATA / "meridian-post.txt").read_bytes())])
    at.text_input(key="paste_name").input("kyiv-dispatch")
    at.text_area(key="paste_text").input("Ukraine's defence ministry says 300 Russian aircraft were destroyed.")
    click(at, "Add this text")
    assert metrics(at)["Articles"] == 2
    shown = table(at, "sentence")
    assert "Kyiv Dispatch" in set(shown["outlet"])
    assert any("⟦" in s and "⟧" in s for s in shown["sentence"])


def test_changing_a_setting_does_not_read_the_files_again(monkeypatch):
    st.cache_data.clear()
    calls = []
    real = ingest.load_bytes
    monkeypatch.setattr(ingest, "load_bytes", lambda data, name: calls.append(name) or real(data, name))
    at = run_app()
    assert len(calls) == 9
    at.slider(key="tolerance").set_value(0.2).run()
    at.slider(key="strictness").set_value(0.8).run()
    assert not at.exception
    assert len(calls) == 9


def test_a_tolerance_change_neither_extracts_nor_matches_again(monkeypatch):
    _, claims, clusters, _ = pipeline.compare_paths([DATA], 0.07)  # a whole comparison at 0.07
    st.cache_data.clear()
    extracted, matched = [], []
    real_extract, real_match = pipeline.extract_claims, match.match_claims
    monkeypatch.setattr(pipeline, "extract_claims",
                        lambda a, *args: extracted.append(a.source) or real_extract(a, *args))
    monkeypatch.setattr(match, "match_claims", lambda *args: matched.append(args) or real_match(*args))
    at = run_app()
    assert len(extracted) == 9 and len(matched) == 1
    at.slider(key="tolerance").set_value(0.2).run()
    at.slider(key="tolerance").set_value(0.07).run()
    assert not at.exception
    assert len(extracted) == 9 and len(matched) == 1
    # only the verdicts were computed again, and they are those of a whole comparison at 0.07
    assert at.session_state["view"] == (claims, clusters)
    # a change of strictness matches again (and still reads nothing)
    at.slider(key="strictness").set_value(0.8).run()
    assert len(extracted) == 9 and len(matched) == 2


def test_an_outlet_edit_changes_the_claims():
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["outlets"] = {"meridian-post.txt": "The Meridian"}
    at.run()
    outlets = set(table(at, "sentence")["outlet"])
    assert "The Meridian" in outlets and "Meridian Post" not in outlets


def test_rename_and_merge_through_the_widgets_change_the_clusters(downloads):
    at = run_app()
    before = table(at, "differs by source")
    first, second = before["id"][0], before["id"][1]
    at.selectbox(key="rename_cluster").set_value(first)
    at.text_input(key="rename_label").input("Deaths in the flood")
    click(at, "Rename")
    assert not at.exception
    after = table(at, "differs by source")
    assert after.set_index("id").loc[first, "label"] == "Deaths in the flood"
    assert "Deaths in the flood" in downloads["clusters.csv"]

    at.multiselect(key="merge_clusters").set_value([first, second])
    click(at, "Merge")
    merged = table(at, "differs by source")
    assert len(merged) == len(before) - 1
    assert second not in set(merged["id"])
    assert merged.set_index("id").loc[first, "label"] == "Deaths in the flood"  # the first keeps its label
    # the corrections survive a change of setting: they are replayed onto the new clusters
    at.slider(key="tolerance").set_value(0.1).run()
    again = table(at, "differs by source")
    assert len(again) == len(before) - 1 and "Deaths in the flood" in set(again["label"])
    click(at, "Undo all")
    assert len(table(at, "differs by source")) == len(before)


def test_not_a_claim_removes_it_and_the_verdicts_follow():
    at = run_app()
    n = metrics(at)["Claims"]
    first = at.session_state["view"][0][0]
    at.multiselect(key="drop_claims").set_value([f"{first.article}\x1f{first.start}\x1f{first.end}"])
    click(at, "Remove from the comparison")
    assert metrics(at)["Claims"] == n - 1


def test_the_downloads_are_the_exported_csv(downloads):
    at = run_app()
    claims, clusters = at.session_state["view"]
    assert downloads["claims.csv"] == to_csv([c.to_dict() for c in claims], CLAIM_FIELDS)
    assert downloads["clusters.csv"] == to_csv([c.to_dict() for c in clusters], CLUSTER_FIELDS)
    rows = read_csv(downloads["claims.csv"])
    assert rows[0] == CLAIM_FIELDS and len(rows) == 1 + metrics(at)["Claims"]
    assert read_csv(downloads["clusters.csv"])[0] == CLUSTER_FIELDS
    # chart images are made on click (a callable), offline
    png = downloads[next(name for name in downloads if name.endswith(".png"))]
    assert callable(png) and png().startswith(b"\x89PNG")
    svg = downloads[next(name for name in downloads if name.endswith(".svg"))]
    assert svg().lstrip().startswith(b"<svg")


def test_a_formula_in_an_upload_is_neutralised_in_the_download(downloads):
    at = run_app()
    upload(at, [("=cmd.txt", b"=HYPERLINK(\"x\") says at least 300 soldiers died.\n\n"
                             b"Officials said 300 soldiers died in the attack.")])
    rows = read_csv(downloads["claims.csv"])
    article = rows[0].index("article")
    assert rows[1][article] == "'=cmd.txt"


def test_the_upload_limit_is_the_library_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024**2 == ingest.MAX_FILE_BYTES
    assert config["browser"]["gatherUsageStats"] is False and config["server"]["headless"] is True


def test_no_full_garbage_collection_after_every_run():
    """A forced gc.collect() after each run cost a tolerance change 50-100 ms (bench/bench_app.py)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_user_text_is_never_rendered_as_html():
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    assert "unsafe_allow_html" not in source and "st.html" not in source


XSS = "<script>alert(1)</script> <img src=x onerror=alert(1)>"


def test_markup_in_an_article_or_its_name_is_shown_as_text_never_as_html():
    at = run_app()
    text = f"{XSS}\n\nOfficials said {XSS} that 300 soldiers died in the attack.\n".encode()
    page = ("<html><body><article><h1>Attack</h1><p>Officials said &lt;script&gt;alert(1)&lt;/script&gt; "
            "&lt;img src=x onerror=alert(1)&gt; that 300 soldiers died.</p><script>alert(2)</script>"
            "<img src=x onerror=alert(3)></article></body></html>").encode()
    upload(at, [("xss.txt", text), ("xss.html", page), (f"{XSS}.txt", b"")])
    # no element is allowed to render HTML: no st.html, no markdown with unsafe_allow_html
    assert not at.get("html")
    for element in [*at.markdown, *at.caption, *at.error, *at.info, *at.warning, *at.success]:
        assert not getattr(element.proto, "allow_html", False), element
    # the name is shown in the error as escaped markdown: the markup comes out as literal text
    (error,) = at.error
    assert re.sub(r"\\(.)", r"\1", error.value) == f"{XSS}.txt: empty file"
    assert "<" not in error.value.replace("\\<", "")
    # the article's text is data in a table, the markup kept as written (the page's own script dropped)
    sentences = list(table(at, "sentence")["sentence"])
    assert any("<script>alert(1)</script>" in s and "<img src=x onerror=alert(1)>" in s for s in sentences
               if "300" in s)
    assert len([s for s in sentences if "⟦300 soldiers⟧" in s]) == 2  # one of each file
    assert not any("alert(2)" in s or "alert(3)" in s for s in sentences)
