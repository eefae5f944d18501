"""The article similarity the matcher uses to tell events apart: sparse, exact, identical texts as one
row, and cut into parts on corpora too large for one matrix (no step compares all pairs)."""
from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from comparer import match
from comparer.models import Claim

WORDS = ("earthquake magnitude struck province rescue collapsed buildings election ballots turnout candidate "
         "parliament coalition flood river rainfall evacuated bridge tournament striker goals transfer season "
         "refinery pipeline barrels output strike union wages factory").split()


def texts(n: int, seed: int = 3) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        topic = rnd.randrange(6)
        pool = WORDS[topic * 5:topic * 5 + 5] + rnd.sample(WORDS, 4)
        out.append(" ".join(rnd.choice(pool) for _ in range(rnd.choice([5, 30, 60]))))
    return out


def reference(docs: list[str]) -> np.ndarray:
    """The TF-IDF cosine as first written: a dense vector per article over the whole vocabulary."""
    counts = []
    for text in docs:
        found = Counter(match._ARTICLE_WORD.findall(text.lower()))
        counts.append({w.strip("'-"): c for w, c in found.items() if w not in match.STOP})
    df = Counter(w for d in counts for w in d)
    vocab = {w: i for i, w in enumerate(df)}
    n = len(docs)
    x = np.zeros((n, max(len(vocab), 1)))
    for i, d in enumerate(counts):
        for w, c in d.items():
            x[i, vocab[w]] = (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    sim = x @ x.T
    short = np.array([sum(d.values()) < match.MIN_ARTICLE_WORDS for d in counts])
    sim[short, :] = 1.0
    sim[:, short] = 1.0
    np.fill_diagonal(sim, 1.0)
    return sim


@pytest.mark.parametrize("common", [0, 3, 10 ** 9])  # all words dense, a mix, all pair by pair
def test_sparse_similarity_equals_the_dense_definition(monkeypatch, common):
    monkeypatch.setattr(match.ArticleSimilarity, "COMMON_WORD_TEXTS", common)
    docs = texts(60)
    assert np.allclose(match.article_similarity(docs), reference(docs), atol=1e-5)


def test_identical_texts_are_one_row_and_count_as_articles_for_idf():
    docs = texts(20)
    copies = docs + docs[:5]
    sim = match.ArticleSimilarity(copies)
    assert sim.row.tolist() == list(range(20)) + list(range(5))
    assert np.allclose(match.article_similarity(copies), reference(copies), atol=1e-5)


def test_large_corpora_are_cut_into_parts_of_similar_texts(monkeypatch):
    monkeypatch.setattr(match.ArticleSimilarity, "DENSE_TEXTS", 10)
    monkeypatch.setattr(match.ArticleSimilarity, "PART_TEXTS", 12)
    docs = texts(80)
    sim = match.ArticleSimilarity(docs)
    assert len(sim.matrices) > 1 and all(len(m) <= 12 for m in sim.matrices)
    assert sorted(np.concatenate([np.flatnonzero(sim.part == p) for p in range(len(sim.matrices))])) == \
        list(range(80))
    full, ref = sim.block(sim.row, sim.row), reference(docs)
    same_part = sim.part[:, None] == sim.part[None, :]
    assert np.allclose(full[same_part], ref[same_part], atol=1e-5)  # exact within a part
    long = ~sim.short
    assert (full[~same_part & long[:, None] & long[None, :]] == 0).all()  # unlike across parts
    rows = set(np.flatnonzero(long & (sim.part == 0)).tolist())
    assert sim.similar_all(rows, rows) == bool((ref[np.ix_(sorted(rows), sorted(rows))]
                                                >= match.MIN_ARTICLE_SIMILARITY).all())


QUAKE = ("A magnitude 6.1 earthquake struck the northern province on Tuesday, collapsing buildings and "
         "sending rescue teams into the mountain villages, where residents searched the rubble overnight "
         "while aftershocks rattled the valley and hospitals asked for blood donors. ")
ELECTION = ("Voters went to the polls on Sunday in a parliamentary election that the ruling coalition "
            "was expected to lose, with turnout high in the capital and ballots counted late into the night "
            "as the opposition candidate promised lower taxes and a referendum on the constitution. ")


def claim(article, outlet, text, quote, thing):
    sentence = f"Officials said {quote} were confirmed."
    at = sentence.index(quote)
    return Claim(article=article, outlet=outlet, published=None, sentence=sentence, start=at,
                 end=at + len(quote), quote=quote, value=1.0, qualifier="exact", low=1.0, high=1.0, unit="",
                 norm_value=1.0, norm_unit="", thing=thing, attribution=None)


def test_copies_of_a_story_join_their_claims_and_events_stay_apart():
    """One wire story run by three outlets: its claims are one node per text; the death toll of
    the quake still never joins a count from the election."""
    base = [claim("quake.txt", "A", QUAKE, "300 people killed", "people killed"),
            claim("vote.txt", "B", ELECTION, "300 people killed", "people killed")]
    copies = [replace(base[0], article=f"quake-{k}.txt", outlet=f"Outlet {k}") for k in range(3)]
    claims = [*base, *copies]
    texts_of = {"quake.txt": QUAKE * 2, "vote.txt": ELECTION * 2, **{f"quake-{k}.txt": QUAKE * 2 for k in range(3)}}
    groups = sorted(match.match_claims(claims, texts=texts_of))
    assert groups == [[0, 2, 3, 4], [1]]


PIECES = ["while", "whereas", "but", "and", "butter", "android", "awhile", "While", ",", ";", ":", "(", ")",
          "\u2013", "\u2014", ".", " ", "  ", "300", "people", "x", "é", "_", "'"]


@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_separators_found_from_the_end_are_those_split_finds(pieces):
    text = "".join(pieces)
    assert match._after_last(text, match._WINDOW_BEFORE_REVERSED) == match._WINDOW_BEFORE.split(text)[-1]
    assert match._after_last(text, match._CLAUSE_BEFORE_REVERSED) == match._CLAUSE_BEFORE.split(text)[-1]
    assert match._before_first(text, match._WINDOW_AFTER) == match._WINDOW_AFTER.split(text, maxsplit=1)[0]
    assert match._before_first(text, match._CLAUSE_AFTER) == match._CLAUSE_AFTER.split(text, maxsplit=1)[0]
