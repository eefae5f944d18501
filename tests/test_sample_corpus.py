"""The sample corpus in data/ keeps showing what a new user should see first (GitHub issue #4).

The app and the README open on `data/`. These tests pin what its comparison must keep showing:
every article read, enough quantities stated by several outlets, consensus where the outlets agree
however they write a figure, conflict where they do not (and whose figure it is), page furniture
left out. They also check that the committed PDF and Word files still read as the sources in
scripts/sample_sources/ say, and that rebuilding them gives the same text.
"""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from comparer.ingest import expand_paths, load_inputs, read_path
from comparer.pipeline import compare_paths

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BUILD_SCRIPT = ROOT / "scripts" / "build_sample.py"

ARTICLES = {  # file: (outlet, published date from the page's metadata, or None)
    "ashdale-gazette.pdf": ("Ashdale Gazette", None),
    "atlas-daily-ashdale-floods.html": ("Atlas Daily", "2022-09-25"),
    "atlas-daily.html": ("Atlas Daily", "2022-09-25"),
    "baltic-wire-ashdale-floods.html": ("The Baltic Wire", "2022-09-24"),
    "baltic-wire.html": ("The Baltic Wire", "2022-09-23"),
    "danube-observer.docx": ("Danube Observer", None),
    "kharkiv-herald.pdf": ("Kharkiv Herald", None),
    "meridian-post.txt": ("Meridian Post", None),
    "pennine-examiner.txt": ("Pennine Examiner", None),
}
FLOOD_ARTICLES = {"ashdale-gazette.pdf", "atlas-daily-ashdale-floods.html", "baltic-wire-ashdale-floods.html"}
WAR_OUTLETS = {"Atlas Daily", "The Baltic Wire", "Danube Observer", "Kharkiv Herald", "Meridian Post",
               "Pennine Examiner"}
FLOOD_OUTLETS = {"Ashdale Gazette", "Atlas Daily", "The Baltic Wire"}
MOD = re.compile(r"ministry of defen[cs]e|defen[cs]e ministry", re.I)


def _build_module():
    spec = importlib.util.spec_from_file_location("build_sample", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_sample", module)
    spec.loader.exec_module(module)
    return module


build_sample = _build_module()


@pytest.fixture(scope="module")
def compared():
    articles, claims, clusters, errors = compare_paths([DATA])
    assert errors == []
    return articles, claims, clusters


def find_claim(claims, article: str, quote: str):
    """The one claim of `article` whose quote holds `quote`."""
    found = [c for c in claims if c.article == article and quote in c.quote]
    assert len(found) == 1, f"{article}: {len(found)} claims quoting {quote!r}: {[c.quote for c in found]}"
    return found[0]


def cluster_of(compared, article: str, quote: str):
    """(cluster, its claims) of the claim of `article` quoting `quote`."""
    _, claims, clusters = compared
    cluster_id = find_claim(claims, article, quote).cluster
    cluster = next(cl for cl in clusters if cl.id == cluster_id)
    return cluster, [claims[i] for i in cluster.members]


# --- reading ----------------------------------------------------------------------------------------

def test_every_article_is_read_with_its_outlet_and_date():
    articles, errors = load_inputs([DATA])
    assert errors == []
    assert {a.source: (a.outlet, a.published) for a in articles} == ARTICLES


def test_the_corpus_readme_is_not_read_as_an_article():
    assert (DATA / "README.md").is_file()
    assert "README.md" not in {p.name for p in expand_paths([DATA])}


def test_every_format_is_represented():
    assert {Path(name).suffix for name in ARTICLES} == {".txt", ".html", ".pdf", ".docx"}


def test_page_furniture_gives_no_claims(compared):
    _, claims, _ = compared
    furniture = ("commission", "shares", "comments", "cents", "bureaus", "Subscribe", "Gas storage",
                 "Live:", "Morning Atlas", "straight week", "Flood cover")
    html_claims = [c for c in claims if c.article.endswith(".html")]
    assert html_claims
    assert [c.sentence for c in html_claims if any(word in c.sentence for word in furniture)] == []


# --- what the comparison shows -------------------------------------------------------------------

def test_at_least_six_quantities_are_stated_by_three_or_more_outlets(compared):
    _, _, clusters = compared
    shared = [cl for cl in clusters if cl.n_outlets >= 3]
    assert len(shared) >= 6, [cl.label for cl in shared]
    statuses = [cl.status for cl in shared]
    assert statuses.count("conflict") >= 2 and statuses.count("consensus") >= 2, statuses


def test_the_two_stories_never_share_a_cluster(compared):
    _, claims, clusters = compared
    for cl in clusters:
        stories = {claims[i].article in FLOOD_ARTICLES for i in cl.members}
        assert len(stories) == 1, [claims[i].quote for i in cl.members]


def test_the_mobilisation_figure_is_in_consensus_however_it_is_written(compared):
    cluster, members = cluster_of(compared, "baltic-wire.html", "300,000 reservists")
    assert cluster.status == "consensus"
    assert cluster.consensus == 300000
    assert cluster.n_outlets >= 5
    assert {c.outlet for c in members} >= {"The Baltic Wire", "Danube Observer", "Kharkiv Herald",
                                           "Meridian Post", "Pennine Examiner"}
    quotes = {c.quote for c in members}
    assert {"0.3 million reservists", "three hundred thousand reservists"} <= quotes
    assert all(c.verdict == "agrees" for c in members)
    assert all(c.value == 300000 for c in members if c.qualifier == "exact")


def test_aircraft_losses_conflict_between_the_ministry_and_oryx(compared):
    cluster, members = cluster_of(compared, "baltic-wire.html", "259 aircraft")
    assert cluster.status == "conflict"
    assert cluster.consensus == 259
    assert cluster.n_outlets >= 5
    assert cluster.differs_by_source
    ministry = [c for c in members if c.attribution and MOD.search(c.attribution)]
    oryx = [c for c in members if c.attribution and "Oryx" in c.attribution]
    assert {c.value for c in ministry} <= {259, 261} and len({c.outlet for c in ministry}) >= 4
    assert all(c.verdict == "agrees" for c in ministry)
    assert any(c.value == 58 and c.qualifier == "exact" and c.verdict == "differs" for c in oryx)
    assert find_claim(members, "danube-observer.docx", "58 Russian aircraft") in oryx
    assert not any(re.search(r"helicopter|rotary", c.thing, re.I) for c in members)


def test_helicopters_are_their_own_quantity_even_as_rotary_wing_aircraft(compared):
    cluster, members = cluster_of(compared, "baltic-wire.html", "220 helicopters")
    assert cluster.status == "consensus"
    assert cluster.n_outlets == 6
    assert find_claim(members, "pennine-examiner.txt", "220 rotary-wing aircraft")
    assert {c.value for c in members} <= {220, 222}


def test_stinger_deliveries_agree_across_six_outlets(compared):
    cluster, members = cluster_of(compared, "baltic-wire.html", "1,400 Stinger")
    assert cluster.status == "consensus"
    assert cluster.n_outlets == 6
    assert {c.qualifier for c in members} == {"more_than"}


def test_territory_agrees_in_square_kilometres_and_square_miles(compared):
    cluster, members = cluster_of(compared, "baltic-wire.html", "2,000 square kilometres")
    assert cluster.status == "consensus"
    assert cluster.n_outlets >= 3
    assert {"km2", "mi2"} <= {c.unit for c in members}
    assert {c.norm_unit for c in members} == {"m2"}


def test_rainfall_agrees_in_millimetres_and_inches(compared):
    cluster, members = cluster_of(compared, "baltic-wire-ashdale-floods.html", "180 mm")
    assert cluster.status == "consensus"
    assert {c.outlet for c in members} == FLOOD_OUTLETS
    assert {c.unit for c in members} == {"mm", "in"}


def test_the_flood_death_toll_rose_and_the_outlets_conflict(compared):
    cluster, members = cluster_of(compared, "atlas-daily-ashdale-floods.html", "Climbs to 23")
    assert cluster.status == "conflict"
    assert {c.outlet for c in members} == FLOOD_OUTLETS
    by_outlet = {(c.outlet, c.value, c.qualifier) for c in members}
    assert {("Ashdale Gazette", 19, "exact"), ("Atlas Daily", 23, "exact"),
            ("The Baltic Wire", 11, "at_least")} <= by_outlet


# --- the README's excerpt ----------------------------------------------------------------------

def _readme_excerpt() -> tuple[str, list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## The sample corpus[ \t]*\n(.*?)(?=^## |\Z)", readme, re.M | re.S).group(1)
    blocks = [line[4:] for line in section.splitlines() if line.startswith("    ")]
    command, *excerpt = blocks
    return command, [line for line in excerpt if line.strip() and line.strip() != "..."]


def _without_id(line: str) -> str:
    return re.sub(r"^c\d+\s+", "", line)


def test_the_readme_excerpt_is_what_the_command_prints():
    command, excerpt = _readme_excerpt()
    assert command == "python -m comparer compare data/ --format table"
    argv = [sys.executable if arg == "python" else arg for arg in command.split()]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    printed = {_without_id(line) for line in proc.stdout.decode("utf-8").splitlines()}
    assert len(excerpt) >= 10
    stale = [line for line in excerpt if _without_id(line) not in printed]
    assert stale == [], "README's sample corpus excerpt no longer matches the output; paste it again"


# --- the PDF and Word files and their sources ------------------------------------------------------

SOURCES = build_sample.sources()


def test_every_source_has_its_built_file_and_every_binary_its_source():
    built = {f"{s.name}.{s.format}" for s in SOURCES}
    binaries = {p.name for p in DATA.iterdir() if p.suffix in (".pdf", ".docx")}
    assert built == binaries == {"ashdale-gazette.pdf", "danube-observer.docx", "kharkiv-herald.pdf"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.name)
def test_the_committed_file_reads_as_its_source(source):
    (article,) = read_path(DATA / f"{source.name}.{source.format}")
    assert article.text == build_sample.expected_text(source)
    assert article.title == source.title


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.name)
def test_rebuilding_gives_a_file_that_reads_the_same(source, tmp_path):
    name = f"{source.name}.{source.format}"
    (tmp_path / name).write_bytes(build_sample.build(source))
    (rebuilt,) = read_path(tmp_path / name)
    (committed,) = read_path(DATA / name)
    assert (rebuilt.text, rebuilt.title) == (committed.text, committed.title)


def test_the_build_script_runs_from_the_command_line(tmp_path):
    proc = subprocess.run([sys.executable, str(BUILD_SCRIPT), "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ashdale-gazette.pdf", "danube-observer.docx",
                                                          "kharkiv-herald.pdf"]


def test_a_pdf_source_outside_latin_1_is_refused(tmp_path):
    source = tmp_path / "curly.txt"
    source.write_text("format: pdf\ntitle: T\n---\nMASTHEAD\n\nIt\u2019s here.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside Latin-1"):
        build_sample.build(build_sample.parse_source(source))
