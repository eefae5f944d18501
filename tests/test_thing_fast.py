"""The faster forms of reading what a figure counts (comparer/extract.py): the marks and regexes of
_thing and _age give what the plain forms they replaced give, on generated text. (_forward_thing and
_backward_thing were checked against their plain forms when they were made faster; the forms they are
built of are compared with plain ones here, and their behaviour is tested by examples here and in
test_extract.py.)"""
from __future__ import annotations

import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from comparer import patterns as P
from comparer.extract import (AUX, COMMA_AFTER, LAST_BREAK, SCOPE_PREPS, STOP_AFTER, _backward_thing,
                              _forward_thing, _words_lowered)

SETTINGS = settings(deadline=None, max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 300)))


_VOCAB = sorted(
    set(list(P.STOP_WORDS)[:40]) | set(list(P.LINK_VERBS)[:10]) | set(list(AUX)[:10]) | set(list(P.VERBS)[:15])
    | set(list(P.ING_NOUNS)[:10]) | set(SCOPE_PREPS) | set(P.SAY_VERBS[:8])
    | {"to", "by", "the", "of", "and", "or", "worth", "in", "for", "its", "their", "destroyed", "captured",
       "damaged", "killed", "partly", "occupied", "striking", "gusting", "jets", "reservists", "hangs", "class",
       "aircraft", "Russian", "Kyiv", "actress's", "Buckley’s", "bed", "point", "long", "old", "year", "seven",
       "twenty", "dozen", "x", "A", "I", "number", "people", "toll", "earthquake", "valley", "winds", "fanned"})
# the words the rules single out, drawn more often than the rest so that they meet each other
_RULE_WORDS = ["for", "in", "worth", "of", "and", "or", "destroyed", "captured", "damaged", "its", "the",
               "of's", "jets", "by", "to", "Kyiv"]
_WORD = st.one_of(st.sampled_from(_VOCAB), st.sampled_from(_RULE_WORDS)).flatmap(
    lambda w: st.sampled_from([w, w, w.capitalize(), w.upper()]))
_MARK = st.sampled_from(list(",;:()[]\"“”—–.-'’0123456789%$") + ["-bed", "-year-", " of the ", "'s", "\n", "İ", "K", "é"])
_TEXT = st.lists(st.tuples(st.one_of(_WORD, _WORD, _MARK), st.sampled_from(["", " ", " ", " ", " ", " ", "  ", "\t", "\u00a0"])),
                 max_size=30).map(lambda ps: "".join(p + gap for p, gap in ps))


@SETTINGS
@given(st.one_of(_TEXT, st.text()), st.data())
def test_marks_and_regexes_as_plain(text, data):
    q_start = data.draw(st.integers(0, len(text) + 1))
    for floor in range(q_start + 2):
        last = LAST_BREAK.match(text, floor, q_start)
        assert (last.end() - 1 if last else -1) == max(text.rfind(ch, floor, q_start) for ch in ",;:()[]\"“”—–")
    for i in range(len(text) + 1):
        assert bool(STOP_AFTER.match(text, i, i + 2)) == bool(re.match(r"[ \t]*[.,;]", text[i:i + 2]))
        assert bool(COMMA_AFTER.match(text, i, i + 2)) == bool(re.match(r"[ \t]*,", text[i:i + 2]))


def test_examples():
    assert _forward_thing("259 Russian military jets have", 3, 30, "count") == ("Russian military jets", 25)
    assert _forward_thing("a 15-bed jail", 4, 13, "count")[0] == "bed jail"
    assert _forward_thing("7% of its workforce", 2, 19, "percent")[0] == "workforce"
    assert _backward_thing("the number of people killed by the flash floods in the valley at ", 0, 64)[0] == "number of people killed"


def test_participles():
    """The rare path between participles."""
    assert _forward_thing("62 destroyed or captured Russian aircraft", 2, 41, "count")[0] == \
        "destroyed or captured Russian aircraft"


@SETTINGS
@given(st.one_of(_TEXT, st.text()), st.data())
def test_words_lowered_all_at_once_as_one_by_one(text, data):
    """_backward_thing lower-cases the words before a figure in one go."""
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    found = list(P.WORD.finditer(text, lo, hi))
    assert _words_lowered(found) == [m.group().lower() for m in found]


def test_backward_examples():
    assert _backward_thing("the death toll from the earthquake rose to ", 0, 43, True) == ("death toll", 4)
    assert _backward_thing("fanned by winds gusting at ", 0, 27) == ("winds gusting", 10)
    assert _backward_thing("capable of striking targets at ", 0, 31) == ("targets", 20)
    assert _backward_thing("inflation eased to ", 0, 19, True) == ("inflation", 0)
    assert _backward_thing("inflation eased to ", 0, 19, False) == ("inflation eased", 0)
    assert _backward_thing("he said it was ", 0, 15) == ("", 15)
    assert _backward_thing("toll in Kyiv at ", 0, 16) == ("toll in Kyiv", 0)
