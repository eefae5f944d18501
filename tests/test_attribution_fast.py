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
