"""The faster forms of finding ages, clauses and sources (comparer/extract.py): each test that lets a
search be skipped, and each search narrowed to where its pattern can match, gives what the plain
pattern gives, on generated text made of the words and marks the patterns are about."""
from __future__ import annotations

import os

from hypothesis import example, given, settings
from hypothesis import strategies as st

from comparer import extract as X
from comparer import patterns as P

SETTINGS = settings(deadline=None, max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 300)))
SEPARATORS = [" ", " ", " ", "", "\t", "\n", "  ", "\u00a0"]


def span(m):
    return m and m.span()


def texts(words):
    token = st.sampled_from(words)
    sep = st.sampled_from(SEPARATORS)
    return st.lists(st.tuples(token, sep), max_size=20).map(lambda parts: "".join(w + s for w, s in parts))


AGE_WORDS = ["aged", "Aged", "AGED", "age", "ages", "of", "died", "dies", "at", "He", "he", "She", "she", "was",
             "is", "ıs", "waſ", "dıed", "İs", "caged", "Buckley", "Robert", "man", "the", "x", ",", ", ", ".",
             "24", "(", "\n", ",\n", ", \n"]


@SETTINGS
@given(st.one_of(texts(AGE_WORDS), st.text(max_size=14)))
@example("he ıs ")  # re.I matches a dotless i where the Suffix's test of its endings, in lower case, does not
@example("died at \n")
@example("Robert Buckley, \n")  # "$" before a final line break
def test_age_prechecks_are_the_patterns_own(window):
    """_may_be_aged is the Suffix's test of AGED_BEFORE's endings, and a window that does not end with a
    comma (and white space) has no NAME_COMMA nor NOUN_COMMA."""
    fast = P.AGED_BEFORE.regex.search(window) if X._may_be_aged(window) else None
    assert span(fast) == span(P.AGED_BEFORE.search(window))
    if P.NAME_COMMA.search(window) or P.NOUN_COMMA.search(window):
        assert X._comma_ends(window)


POST_WORDS = ["said", "says", "told", "added", "reported", "the", "Pentagon", "John", "Smith", "a", "spokesman",
              "has", "also", "reporters", "on", "Friday", "police", "BBC", "5", "killed", ",", ", ", ",", ";", ":",
              '"', "”", "’", ".", "!", "x", "in", "a.m."]


def same(m, n, shift=0):
    """Whether two matches (or None) match the same span (n's shifted) with the same groups."""
    if m is None or n is None:
        return m is None and n is None
    return (m.start(), m.end()) == (n.start() + shift, n.end() + shift) and m.groupdict() == n.groupdict()


# the ends of sentences that name a speaker, after generated text
POST_ENDS = ["", ", police said.", ", said John Smith, a spokesman.", ", the Pentagon has also said on Friday.",
             ', "police told reporters"', ", said police", ", John Smith, said 5"]


@SETTINGS
@given(st.tuples(texts(POST_WORDS), st.sampled_from(POST_ENDS), texts(POST_WORDS)).map("".join), st.data())
@example(", said John Smith, a spokesman.", None)
@example("5 killed, police said.", None)
def test_post_posed_searches_start_at_the_last_commas(text, data):
    """_post_searches tries POST_POSED at the last comma and INVERTED at the last two: the same matches
    as their searches in text[lo:hi] (their \\Z at hi)."""
    lo = data.draw(st.integers(0, len(text))) if data else 0
    hi = data.draw(st.integers(lo, len(text))) if data else len(text)
    post, inv = X._post_searches(text, lo, hi)
    assert same(post, P.POST_POSED.search(text[lo:hi]), lo)
    assert same(inv, P.INVERTED.search(text[lo:hi]), lo)
