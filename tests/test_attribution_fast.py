"""The faster forms of finding ages, clauses and sources (comparer/extract.py): each test that lets a
search be skipped, and each search narrowed to where its pattern can match, gives what the plain
pattern gives, on generated text made of the words and marks the patterns are about."""
from __future__ import annotations

import os
import re
import sys

import pytest

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


# AGE_OF without its possessive runs
AGE_OF_PLAIN = re.compile(r"((?:[A-Z][\w'’.-]*[ \t]+){0,3}[A-Z][\w'’-]+|(?:the[ \t]+)?[a-z]+(?:[ \t]+[a-z]+)?),[ \t]*$")
NAME_WORDS = ["Robert", "Buckley", "Jr.", "O'Neil", "Mc-Cain", "the", "The", "man", "old", "x", "iPhone", "5", "_", "é",
              "É", ",", ", ", ".", "'", "’", "-", "\n", "\t"]


@SETTINGS
@given(st.one_of(st.tuples(texts(NAME_WORDS), st.sampled_from([",", ", ", ",\n", " ,", ""])).map("".join),
                 st.text(max_size=30)))
@example("Robert Buckley, ")
@example("the old man,\n")
@example("and Jr. O'Neil,")
@example("Jr.,")
@example("a x,")
def test_age_of_is_its_plain_pattern(window):
    """AGE_OF, with possessive runs, finds what it finds with greedy ones: the same name."""
    m, n = P.AGE_OF.search(window), AGE_OF_PLAIN.search(window)
    assert (m and (m.span(), m.group(1))) == (n and (n.span(), n.group(1)))


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
    # and only where the sentence's verbs of saying are after its last commas (POST_POSED where one is
    # followed by SAID_TAIL), in the sentence or a clause
    memo: dict = {}
    verbs = X._cues(text, (lo, hi), memo)[3]
    for c_lo, c_hi in {X._clause(text, (lo, hi), p, memo) for p in range(lo, hi + 1)} | {(lo, hi)}:
        post, inv = X._post_searches(text, c_lo, c_hi, verbs)
        assert same(post, P.POST_POSED.search(text[c_lo:c_hi]), c_lo)
        assert same(inv, P.INVERTED.search(text[c_lo:c_hi]), c_lo)


SAY_WORDS = ["said", "Said", "SAID", "says", "added", "adds", "told", "estimated", "estimating", "reported", "report",
             "he", "He", "she", "they", "They", "also", "has", "have", "had", "later", "can", "previously",
             "reportedly", "according", "According", "to", "by", "By", "per", "Per", "citing", "confirmed", "the",
             "count", "of", "puts", "placed", "put", "at", "police", "x", "5", "-", "_", "'", "(", ",", ";", "while",
             "but", "unsaid", "mis-reported", "ſaid", "İ", "trac\u212as", "hashad", "ésaid", "éby", "x_by", "2said",
             "“said", "bypass", "percent", "putting", "replaced", "accordingly"]
# the words of SAY_VERB and PRONOUN_SAYS alone, so that they meet more often
VERB_WORDS = ["said", "says", "Said", "told", "added", "he", "she", "they", "has", "also", "had", "previously", "can",
              "would", "xhas", "-", "_", ",", "while", "x"]


def sentences(text, data):
    """A sentence of the text (lo, hi) as _Sentences gives them: any span, cut anywhere."""
    lo = data.draw(st.integers(0, len(text)))
    return lo, data.draw(st.integers(lo, len(text)))


def check_cues(text, lo, hi):
    """_cues finds a verb of saying where SAY_ANY does, a source phrase where SOURCE_BEFORE does, a verb of
    PUT_AT wherever it is (the cue may be there without it); _pronoun_says is PRONOUN_SAYS's search."""
    says, sourced, puts, verbs = X._cues(text, (lo, hi), {})
    assert says == (P.SAY_ANY.search(text, lo, hi) is not None)
    assert sourced == (P.SOURCE_BEFORE.search(text, lo, hi) is not None)
    assert puts or P.PUT_AT.regex.search(text, lo, hi) is None
    assert X._pronoun_says(text, (lo, hi), {}) == (P.PRONOUN_SAYS.search(text, lo, hi) is not None)


def check_say_verbs(text, lo, hi):
    """_say_verbs, from the verbs _cues found, gives SAY_VERB's matches in each clause of the sentence."""
    memo: dict = {}
    says, sourced, puts, verbs = X._cues(text, (lo, hi), memo)
    if verbs is None:  # a text not searched lower-cased: SAY_VERB searched itself
        return
    clauses = {X._clause(text, (lo, hi), pos, memo) for pos in range(lo, hi + 1)}
    for c_lo, c_end in clauses:
        assert X._say_verbs(text, c_lo, c_end, verbs) == \
            [m.span() for m in P.SAY_VERB.finditer(text, c_lo, c_end)], (c_lo, c_end)


@SETTINGS
@given(st.one_of(texts(SAY_WORDS), texts(VERB_WORDS)), st.data())
def test_cues_are_the_patterns(text, data):
    check_cues(text, *sentences(text, data))
    check_verbs(text, *sentences(text, data))


# the verbs of saying _cues lists, found in the plain way: each a word of its own in the lower-cased text
SAY_WORD_PLAIN = re.compile(r"(?<!\w)(?:" + "|".join(P.SAY_VERBS) + r")(?!\w)")


def check_verbs(text, lo, hi):
    """The verbs of saying _cues finds (in the sentence's one-byte view, P.CUES_IN_VIEW) are the words of
    SAY_VERBS in the lower-cased sentence, each with no letter, digit nor "_" before or after it."""
    low = X._lower(text)
    if X._searchable(low) is None:  # not searched lower-cased: no verbs listed
        return
    verbs = X._cues(text, (lo, hi), {})[3]
    assert list(verbs) == [m.span() for m in SAY_WORD_PLAIN.finditer(low, lo, hi)]


@SETTINGS
@given(st.one_of(texts(SAY_WORDS), texts(VERB_WORDS)), st.data())
def test_say_verbs_are_say_verb_s_matches(text, data):
    check_say_verbs(text, *sentences(text, data))


@pytest.mark.parametrize("text,lo", [
    ("5 dead, per the police.", 0), ("x_said 5", 2), ("x_he said", 2), ("Police had also said 5", 0),
    ("the ministry previously said 5", 0), ("xhas said", 0), ("he-has said", 3), ("has has said", 0),
    ("5 dead, by the count of police", 0), ("he said", 1), ("They later told 5", 0), ("said he", 0),
    ("Police had\t also\tsaid 5", 0), ("5 dead, per\tthe police", 0), ("5 dead, by\tthe count of police", 0),
    ("5 dead, documented \t  by police", 0), ("documented by police", 0), ("x documented by police", 2),
    ("the résaid 5", 0), ("the é said 5", 0), ("the said_ 5", 0), ("the said_", 0), ("Officials estimated-ish 5", 0), ("It placed losses at 5", 0),
])
def test_cues_and_say_verbs_examples(text, lo):
    for hi in (len(text), len(text) - 1):
        check_cues(text, lo, hi)
        check_say_verbs(text, lo, hi)
        check_verbs(text, lo, hi)


TIME_TEXT = ["yesterday", "Today", "TONIGHT", "this", "last", "on", "early", "morning", "afternoon", "evening",
             "night", "week", "month", "year", "weekend", "Monday", "SUNDAY", "wee\u212a", "la\u017ft", "tonıght",
             "the", "minister", "x", ",", "said"]


@SETTINGS
@given(st.one_of(texts(TIME_TEXT), st.text(max_size=20)))
def test_time_words_hold_their_hint(raw):
    """_clean_source searches TIME_WORDS only in a phrase where TIME_HINT finds something lower-cased."""
    if P.TIME_WORDS.search(raw):
        assert P.TIME_HINT.search(raw.lower())


def test_time_hint_letters_have_no_other_case():
    """TIME_HINT's letters are matched under re.I (TIME_WORDS') by no character that lower-cases to
    another: the lower-cased phrase holds the hint wherever TIME_WORDS matches."""
    letters = sorted(set("".join(P.TIME_HINT.pattern.split("|"))))
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)
    for m in re.finditer("|".join(letters), every, re.I):  # the letters as literals, as in TIME_WORDS
        assert m.group().lower() in letters, m.group()


# the ends of the words before a verb of saying that make it no speaker's (X.NOT_SPEAKER_END, one pattern)
ARTICLE_END = re.compile(r"\b(?:an?|the)[ \t]+$", re.I)
PASSIVE_END = re.compile(r"\b(?:was|were|is|are|been|be)[ \t]+(?:\w+[ \t]+)?$")
RELATIVE_WORDS_END = re.compile(r"\b(?:that|which|who)[ \t]+(?:\w+[ \t]+){0,2}$")

SPEAKER_WORDS = ["a", "an", "The", "the", "was", "were", "is", "be", "been", "that", "which", "who", "first", "only",
                 "x", "Oryx", "group", "lists", "said", "5", "_", ",", ":", "“", "”", '"', "-", "é", "by", "of", "."]


@SETTINGS
@given(st.one_of(texts(SPEAKER_WORDS), st.text(max_size=30)))
@example("the \n")
@example("was first \t")
@example("that only x \n")
@example("be\t\t\t\t\t x ")
def test_speaker_searches_from_their_tail(before):
    """_speaker's and _subject_before's patterns that end the text, searched from where _tail_start (or
    the stripped end) says they may start, find what their searches from the start find (NOT_SPEAKER_END
    what its three alternatives find, the relative clause's after the last comma); the subject after the
    last colon or quotation mark is the last piece of the split at them."""
    plain = ARTICLE_END.search(before) or PASSIVE_END.search(before) or \
        RELATIVE_WORDS_END.search(before.rsplit(",", 1)[-1])
    assert (X.NOT_SPEAKER_END.search(before, X._tail_start(before, 2, 5)) is None) == (plain is None)
    if len(before) <= 200:  # as _speaker asks, before a verb of saying (nothing after it: no noun)
        text = before + "said"
        assert X._speaker(text, 0, len(before), len(text)) == \
            (None if plain else X._subject_before(text, 0, len(before)))
    assert (X.RELATIVE_END.search(before, max(0, len(before.rstrip()) - 5)) is None) == \
        (X.RELATIVE_END.search(before) is None)
    assert before[max(before.rfind(":"), before.rfind("“"), before.rfind("”"), before.rfind('"')) + 1:] == \
        re.split(r"[:“”\"]", before)[-1]
    for k in range(len(before) + 1):
        assert bool(X.NOUN_AFTER.match(before, k, k + 4)) == bool(X.NOUN_AFTER.match(before[k:k + 4]))
