"""comparer.review: corrections replayed by claim key, the tables and the CSV downloads."""
from __future__ import annotations

from pathlib import Path

import pytest

from comparer import pipeline, review
from comparer.review import Correction

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample():
    _, claims, clusters, errors = pipeline.compare_paths([ROOT / "data"])
    assert not errors
    return claims, clusters


def keys_of(claims, cluster_id):
    return [review.claim_key(c) for c in claims if c.cluster == cluster_id]


def test_corrections_replay_onto_recomputed_clusters(sample):
    claims, clusters = sample
    a, b = clusters[0].id, clusters[1].id
    fixes = [Correction("merge", (keys_of(claims, a)[0], keys_of(claims, b)[0])),
             Correction("rename", (keys_of(claims, a)[0],), label="Merged")]
    fixed, fixed_clusters = review.apply_corrections(claims, clusters, fixes, 0.05)
    assert len(fixed_clusters) == len(clusters) - 1
    merged = next(c for c in fixed_clusters if c.label == "Merged")
    assert merged.n_claims == clusters[0].n_claims + clusters[1].n_claims
    # the same corrections on clusters computed with another tolerance
    again, again_clusters = pipeline.compare_claims(claims, 0.2)
    _, replayed = review.apply_corrections(again, again_clusters, fixes, 0.2)
    assert "Merged" in {c.label for c in replayed} and len(replayed) == len(again_clusters) - 1


def test_split_move_and_drop(sample):
    claims, clusters = sample
    big = max(clusters, key=lambda c: c.n_claims)
    first, second = keys_of(claims, big.id)[:2]
    _, split = review.apply_corrections(claims, clusters, [Correction("split", (first, second))], 0.05)
    assert len(split) == len(clusters) + 1
    _, moved = review.apply_corrections(claims, clusters, [Correction("move", (first,), target=None)], 0.05)
    assert len(moved) == len(clusters) + 1
    kept, _ = review.apply_corrections(claims, clusters, [Correction("drop", (first,))], 0.05)
    assert len(kept) == len(claims) - 1 and first not in {review.claim_key(c) for c in kept}


def test_a_correction_whose_claims_are_gone_is_skipped(sample):
    claims, clusters = sample
    fixed, fixed_clusters = review.apply_corrections(claims, clusters, [Correction("drop", (("gone.txt", 0, 1),))],
                                                     0.05)
    assert len(fixed) == len(claims) and len(fixed_clusters) == len(clusters)


@pytest.mark.parametrize("sentence, quote, marked", [
    ("Oryx counts at least 58 aircraft.", "at least 58 aircraft", "Oryx counts ⟦at least 58 aircraft⟧."),
    ("No quote here.", "259 jets", "No quote here."),
    ("<b>259</b> jets", "259", "<b>⟦259⟧</b> jets"),
])
def test_marked_sentence(sentence, quote, marked):
    assert review.marked_sentence(sentence, quote) == marked


@pytest.mark.parametrize("text, escaped", [
    ("[x](http://evil)", r"\[x\]\(http\:\/\/evil\)".replace(r"\/", "/")),
    ("**bold**.pdf: empty file", r"\*\*bold\*\*\.pdf\: empty file"),
    ("<script>", r"\<script\>"),
])
def test_md_escape(text, escaped):
    assert review.md_escape(text) == escaped


def test_the_csv_downloads_have_the_spec_columns(sample):
    claims, clusters = sample
    assert review.claims_csv(claims).split("\r\n")[0].split(",")[:3] == ["article", "outlet", "published"]
    assert review.clusters_csv(clusters).split("\r\n")[0] == "id,label,unit,n_outlets,consensus,min,max,spread,status"


def test_tables_and_filters(sample):
    claims, clusters = sample
    assert review.overview(claims, clusters)["articles"] == 9
    table = review.claims_table(claims, clusters, verdicts=["differs"])
    assert len(table) and set(table["verdict"]) == {"differs"}
    ranked = review.disputed(clusters)
    assert ranked[0].status == "conflict" and all(c.n_outlets > 1 for c in ranked)
    cells = review.outlet_verdicts(claims, clusters)
    assert set(cells["verdict"]) <= {"agrees", "differs", "single"}


def test_compare_on_matched_claims_is_compare_claims_at_that_tolerance():
    articles, claims, errors = pipeline.claims_from_paths([ROOT / "data"])
    texts = {a.source: a.text for a in articles}
    found, clusters = review.match(claims, 0.5, texts)
    for tolerance in (0.0, 0.05, 0.12, 0.3):
        assert review.compare(found, clusters, tolerance) == pipeline.compare_claims(claims, tolerance, 0.5, texts)


def test_the_inputs_key_changes_with_the_files_the_outlets_and_the_articles_left_out():
    files = [(b"one", "a.txt"), (b"two", "b.txt")]
    key = review.inputs_key(files, {}, set())
    assert key == review.inputs_key(list(files), {}, set())
    others = [review.inputs_key(files[::-1], {}, set()), review.inputs_key([(b"one", "b.txt"), files[1]], {}, set()),
              review.inputs_key(files, {"a.txt": "A"}, set()), review.inputs_key(files, {}, {"a.txt"})]
    assert len({key, *others}) == 5


def test_the_library_never_imports_streamlit():
    for path in (ROOT / "comparer").glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path.name
