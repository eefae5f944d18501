"""The shortcuts extraction takes to be fast find exactly what the plain searches find.

Each is checked against the slow way on texts made of the words and marks its patterns are about, so
that a word added to a pattern and forgotten in its shortcut fails here."""
from __future__ import annotations

import dataclasses
import re
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st

from comparer import extract as X
from comparer import patterns as P
from comparer.models import Article

SUFFIXES = {name: obj for name, obj in vars(P).items() if isinstance(obj, P.Suffix)}
SUFFIXES.update(A_BEFORE=X.A_BEFORE, DETERMINER_BEFORE=X.DETERMINER_BEFORE)

FILLER = ["the", "of", "a", "an", "Jan", "May", "March", "2022", "12", "5", "1,000", "300 000", "1.5", ".5",
          "one", "Twenty", "twenty-one", "hundred", "dozen", "half", "seventy", "someone", "tent", "at", "pm",
          "a.m.", "GMT", "9-1-1", "called", "911", "block", "St", "x", "(15-17)", "'90s", "+44", "(020)",
          "www.example.com/2013/05/story", "http://a.b/c-1-2", "MS08-078", "A320", "Su-30", "a-b-c-d-2022",
          "one-two-three-four-five", "/", "-", "–", ":", ",", ".", "(", ")", "$", "€", "US$", "minus", "°C",
          "İstanbul", "ﬁve", "٣", "2013/14", "24/7", "9:15", "10", "30-7", "Oct.", "19", "hrs", "at 1100"]
SEPARATORS = [" ", " ", " ", "\t", "\n", "", "\u00a0", "  "]


QUALIFIER_WORDS = {w for ps in P.QUALIFIER_PHRASES.values() for p in ps for w in p.split()}


def texts(words):
    token = st.sampled_from(words)
    sep = st.sampled_from(SEPARATORS)
    return st.lists(st.tuples(token, sep), max_size=25).map(lambda parts: "".join(w + s for w, s in parts))


def suffix_words():
    words = set(FILLER) | QUALIFIER_WORDS  # QUALIFIER_BEFORE is a trie: its words are not whole in its source
    for suffix in SUFFIXES.values():
        words |= set(suffix.endings)
        words |= set(re.findall(r"[A-Za-z'’]+", re.sub(r"\\[A-Za-z]", " ", suffix.pattern)))
    return sorted(words)


@settings(max_examples=300, deadline=None)
@given(texts(suffix_words()))
def test_suffix_search_finds_what_the_pattern_finds(text):
    for name, suffix in SUFFIXES.items():
        for hi in range(len(text) + 1):
            for lo in (max(0, hi - 32), 0):
                got, want = suffix.search(text, lo, hi), suffix.regex.search(text, lo, hi)
                assert (got and got.span()) == (want and want.span()), (name, text[lo:hi])
            for reach, floor in ((5, 0), (32, 0), (200, 0), (24, 3), (2, 9)):
                got = suffix.before(text, hi, reach, floor)
                want = suffix.regex.search(text, max(floor, hi - reach), hi)
                assert (got and got.span()) == (want and want.span()), (name, text[:hi], reach, floor)
            for reach in (5, 32, 200):
                got = suffix.at(P.Suffix.tail(text, hi), text, hi, reach)
                want = suffix.regex.search(text, max(0, hi - reach), hi)
                assert (got and got.span()) == (want and want.span()), (name, text[:hi], reach)


def test_suffix_search_finds_each_phrase_of_its_pattern():
    for name, suffix in SUFFIXES.items():
        words = sorted(set(suffix.endings) | set(re.findall(r"[A-Za-z'’.-]+", re.sub(r"\\[A-Za-z]", " ", suffix.pattern))))
        for first in [""] + words:
            for last in words:
                for gap in (" ", "\t", ""):
                    text = f"{first} {last}{gap}5"
                    hi = len(text) - 1
                    got, want = suffix.search(text, max(0, hi - 32), hi), suffix.regex.search(text, max(0, hi - 32), hi)
                    assert (got and got.span()) == (want and want.span()), (name, text)


# the plain forms of NUMBER's parts (patterns.DIGITS and WORD_NUMBER are written to try less at a start)
PLAIN_DIGITS = r"""
    (?<![\w.,])
    (?:
        \d{1,3}(?:,\d{3})+(?:\.\d+)?
      | \d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])
      | \d{1,3}(?:\.\d{3}){2,}(?![\d])
      | \d{1,3},\d{1,2}(?=[ \t]*(?:million|billion|thousand|mln|bln|mn|bn)\b)
      | \d+(?:\.\d+)?
      | \.\d+
    )
"""
PLAIN_WORD_NUMBER = rf"{P.NUMBER_WORD}(?:(?:[ \t]+|-)(?:and[ \t]+)?{P.NUMBER_WORD}){{0,8}}"
PLAIN_NUMBER = re.compile(rf"(?P<digits>{PLAIN_DIGITS})|(?P<words>{PLAIN_WORD_NUMBER})|(?P<dozen>{P.A_DOZEN})",
                          re.X | re.I)
NUMBER_TOKENS = ["1", "12", "123", "1234", "000", "5", "0", ",", ".", ",5", ",50", ".5", ".000", ",000", " ", "\u00a0",
                 "1234,567", "1234 567", "1234.567.890", "12 345 6789", "1.234.567.8", "1,23", " and\t", " and ",
                 "\u202f", "\u2009", "\t", "-", "x", "_", "million", "bn", "Mn", "BLN", "thousand", "one", "One", "TWELVE",
                 "ſix", "ſeven", "eİght", "eıght", "fıve", "Kone", "twenty", "hundred", "and", "AND", "anD", "a", "an",
                 "half", "dozen", "DOZEN", "times", "é", "٣", "nine", "ninety", "Forty", "fourteen", "tent", "zero"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_TOKENS), max_size=30).map("".join))
@example("1,234.5 and 1 234 567 and 1.234.567 and 1,5 million and 12,5bn and 1,23 million and 2,5\tBn")
@example("1234,567 1234 567 12 345 6789 1234.567.890 1.234.567.8 1.234 x1 .5 1.5.5")
@example("one and\ttwo, one\tand two, one-and-two, twenty-one hundred and five")
@example("Twenty-ſix thousand and fıve, half a DOZEN, an eİght")
def test_number_matches_what_the_plain_pattern_matches(text):
    """NUMBER, read with its faster DIGITS and WORD_NUMBER, matches what the plain pattern (the
    alternatives of DIGITS in turn, the number words as literals under re.I) matches at every
    position: the same span and the same groups."""
    for p in range(len(text) + 1):
        got, want = X.NUMBER.match(text, p), PLAIN_NUMBER.match(text, p)
        assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), (text, p)


def test_caseless_classes_hold_what_re_i_matches():
    """Each letter's class in patterns.CASELESS holds the characters re.I matches the letter with,
    for every code point."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for letter, cls in P.CASELESS.items():
        assert re.findall(cls, every) == re.findall(letter, every, re.I), letter


def slow_numbers(text):
    return [m.span() for m in X.NUMBER.finditer(text)]


def fast_numbers(text):
    found, scanned = [], 0
    for p in X._number_starts(text):
        if p < scanned:
            continue
        m = X.NUMBER.match(text, p)
        if m:
            found.append(m.span())
            scanned = m.end()
    return found


@settings(max_examples=400, deadline=None)
@given(texts(FILLER + P.UNITS_WORDS + list(P.SCALE_WORDS) + ["a dozen", "half a dozen", "an", "dozens"]))
def test_number_starts_find_every_number(text):
    assert fast_numbers(text) == slow_numbers(text)


ASCII_WORDS = [w for w in FILLER + P.UNITS_WORDS + list(P.SCALE_WORDS) if w.isascii()] + \
    ["oneself", "someone", "often", "_one", "x1", "2two", "ONE", "Twelve"]


ASCII_MARKS = [" ", "\t", "\n", ""] + list("-_/.,;:'\"()[]{}@#`~|\\^")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ASCII_WORDS), st.sampled_from(ASCII_MARKS)), max_size=25)
       .map(lambda parts: "".join(w + s for w, s in parts)))
@example("one")
@example("one two")
@example("_one one")
def test_ascii_scans_find_what_the_unicode_ones_find(text):
    """In an ASCII text, number words and runs of digits are scanned with patterns that skip ahead
    faster: the same places as \\b and \\d find."""
    low = X._lower(text)
    assert X._word_starts(low) == [m.start() for m in P.NUMBER_WORD_START.finditer(low)]
    assert list(X._digit_starts(text)) == [m.start() for m in P.DIGIT_RUN.finditer(text)]


def test_ascii_number_word_scan_knows_every_ascii_character_before_a_word():
    for code in range(128):
        low = f"x{chr(code)}one"
        assert X._word_starts(low) == [m.start() for m in P.NUMBER_WORD_START.finditer(low)], repr(chr(code))


UNICODE_WORDS = ASCII_WORDS + ["İstanbul", "ﬁve", "٣", "٣one", "é", "éone", "oneé", "Kone", "ſix", "’", "“two”", "½",
                               "²", "Ⅻ", "\u00a0", "\u2028", "\U0001d7d9", "\ud800", "?", "?one", "_", "x٣4"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(UNICODE_WORDS), st.sampled_from(ASCII_MARKS + ["’", "\u00a0", "—"])),
                max_size=25).map(lambda parts: "".join(w + s for w, s in parts)))
@example("٣one")
@example("é5٣")
def test_byte_scans_find_what_the_unicode_ones_find(text):
    """Number words and runs of digits are scanned in a one-byte view of the text: the same places as
    \\b and \\d find in the text itself, whatever the scripts it holds."""
    for text in (text, text + " x" * 8 * len(text)):  # as it is, and with few characters past ASCII
        low = X._lower(text)
        assert X._word_starts(low) == [m.start() for m in P.NUMBER_WORD_START.finditer(low)]
        assert list(X._digit_starts(text)) == [m.start() for m in P.DIGIT_RUN.finditer(text)]
        view = X._number_view(low)  # one view of the text lower-cased for both, as extract_claims makes it
        assert X._word_starts(low, view) == [m.start() for m in P.NUMBER_WORD_START.finditer(low)]
        assert list(X._digit_starts(text, view)) == [m.start() for m in P.DIGIT_RUN.finditer(text)]


def test_the_text_lower_cased_has_the_text_s_digits():
    """The runs of digits are read in the view of the text lower-cased: _lower makes no character a
    digit nor a digit anything else, whether it lowers each character or (a text with "İ") ASCII only."""
    text = "".join(map(chr, range(sys.maxunicode + 1)))
    for text in (text, text.replace("İ", "")):
        low = X._lower(text)
        assert [m.start() for m in re.finditer(r"\d", low)] == [m.start() for m in re.finditer(r"\d", text)]


def test_one_byte_view_keeps_what_d_and_w_take_of_every_character():
    """Each character of the one-byte view is taken by \\d and \\w as the text's own character is,
    for every code point (surrogates too); ASCII stays as it is."""
    text = "".join(map(chr, range(sys.maxunicode + 1)))
    view = X._one_byte_each(text)
    assert len(view) == len(text)
    assert view[:128] == text[:128].encode()
    for d_or_w in ("\\d", "\\w"):
        want = [m.start() for m in re.finditer(d_or_w, text)]
        assert [m.start() for m in re.finditer(d_or_w.encode(), view)] == want, d_or_w


def slow_cover(text, numbers_only=False):
    """DATE_SPANS matched at every position; with `numbers_only`, only the spans that hold a digit or
    a number word (the only ones a figure can be in)."""
    words = X._word_starts(X._lower(text))
    cover = bytearray(len(text))
    for q in range(len(text)):
        m = P.DATE_SPANS.match(text, q)
        if m and m.end() > q:
            if numbers_only and not any(ch.isdigit() for ch in m.group()) and \
                    not any(q <= w < m.end() for w in words):
                continue
            cover[q:m.end()] = b"\x01" * (m.end() - q)
    return cover


# words and marks each alternative of DATE_SPANS starts at or is made of
DATE_WORDS = FILLER + P.MONTHS + [m.upper() for m in P.MONTHS] + [
    "Monday", "block of", "Street", "State", "Ave", "called", "dial", "dialled", "calls", "hours", "hrs",
    "UTC", "BST", "Z", "o'clock", "am", "p.m.", "1353", "(1023", "GMT)", "0845", "125", "4000", "555",
    "(555)", "555-1234", "+1", "1,280", "×", "800", "11-of-36", "1990s", "90s", "2022-09-21T10:00Z",
    "21/09/2022", "05", "2014/2015", "1", "2", "3", "4", "https://x.org/a", "www.", "a-b-c-d", "e", "9.30am",
    "08.33", "1100", "23rd", "'", "+", "https://", "at ", "called 911", "x1", "B52-3", "0",
    "+1 555 125 4000", "+44(555) 125-4000", "(555) 125-4000", "dial 999", "dialling 112", "calls 112",
    "0845 125 4000", "23 September 2022", "10 Nov 11", "September 23, 2022", "SEPT 2022", "1,280 x 800",
    "1353 (1023 GMT)", "0241 GMT", "12200 block of", "54 State St", "4 1 / 2", "41 / 2", "05 / 02 / 07",
    "at 1100 hours", "1100 hrs", "10 p.m.", "(15-17, 3-2 away)"]


@settings(max_examples=400, deadline=None)
@given(texts(DATE_WORDS))
@example("a-b-c-da-b-c-d ")  # a slug with no number in it: nothing to judge there, so it may be missed
@example("a-b-c-d-5 a-b-c-d-five")
# a run of digits after spaces or slashes: the word before is a start only where it may begin a span
# (DateCover._spaced), a slug, "called 911", a token with digits or hyphens, a link through slashes
@example("a-b-c-d-e / 11614, a-b-c-d-e\t7 and ab-c-d-e 5")
@example("they called  911, dial\t999 or call 112 / 5")
@example("ab5-c 7, ab-5 7, Sept 19, Sept. 19, SEPT/19, x-MAR 5")
@example("see x.org/ab/2013/5 and ab/www.x.org/5")
# a span that starts at a word after a hyphen of a token, which its token's start misses: another
# alternative matches first there ("11-of-3611"), or \b fails there ("_x")
@example("11-of-3611-of-3611-of-36 2022 ")
@example("_x-a-b-c-d-5 and " + "a-" * 70 + "b-c-d-5")
def test_date_cover_marks_every_date_span(text):
    """Every date span that holds a number is covered, and nothing that is no date span. A span with
    no digit and no number word in it holds no figure to judge: DateCover does not look for one."""
    cover = X.date_cover(text)
    assert all(c >= w for c, w in zip(cover, slow_cover(text, numbers_only=True)))
    assert all(c <= w for c, w in zip(cover, slow_cover(text)))


@settings(max_examples=400, deadline=None)
@given(texts(DATE_WORDS))
def test_date_spans_at_match_as_date_spans(text):
    """At every position, the alternatives that may start at its character (and, in a text with no
    link head, not the link's) match what the whole alternation matches."""
    tables = [P.DATE_SPANS_AT]
    if "://" not in text and "www." not in text:
        tables.append(P.DATE_SPANS_AT_NO_LINK)
    for q in range(len(text)):
        want = P.DATE_SPANS.match(text, q, q + X.MAX_DATE_CHARS)
        for table in tables:
            got = P.date_spans_at(text[q], table).match(text, q, q + X.MAX_DATE_CHARS)
            assert (got and got.span()) == (want and want.span()), (text, q)


@settings(max_examples=600, deadline=None)
@given(texts(DATE_WORDS + ["x", "×", "–", "٣", "\t", "  ", "GUZ", "(", ")", "-", ".", "/", ":", "th", "of", "Z", "S",
                           "b", "h", "o'clock", "block", "″", "½", "‐", "\u2009", "’", "٣٣٣", "0", "00"]))
@example("10th of May, 23rd\tOct 2012 0241  GMT 1100\thrs 1990s 90s 1,280 x 800 (555) 125-4000 555 125 4000 9am 10 p.m.")
@example("12 State St, 4 1 / 2, 41 / 2, 2014–15 the 12200 block of 1353 (1023 GMT) 08.33 BST 05 / 02 / 07 11-of-36")
@example("10 of May, 2 Nov, 1st Dec, 2nd Jan, 10 PM, 10 AM, 9 o'clock, 0241 Z, 0241UTC, at 1100 hours, 24/7, 9-1-1, "
         "21.09.22, 2022-09-21, 9:15, 9.30am, 555.125.4000, 555-125-4000, 555) 125, 1,280x800, 1.5 x 2, 3-a-b-c-d, "
         "3a-b-c-d-e, 3Z-b-c-d-e, 0845 125 4000, 2014/15, 2022-23, 12 /5")
@example("4 ٣/2, 555 ٣٣٣ 4000, 10–12, 1,280×800, 5\u2009000, 12″ 0")  # digits of another script, marks past ASCII
# an alternative tried on its own (the 0845 phone's, the link's) and one before it both match: the first wins
@example("0845-125-4000-a-b 2013-14/www.x.org")
def test_date_spans_after_digits_match_as_date_spans(text):
    """At every ASCII digit, the alternatives that may start at it and go on with the character after
    its run of digits, right after it or after spaces and tabs (for none, only those that may go on
    with anything), tried in turn, match what the whole alternation matches; where none may, nothing."""
    tables = [P.DATE_SPANS_AFTER_DIGITS]
    if "://" not in text and "www." not in text:
        tables.append(P.DATE_SPANS_AFTER_DIGITS_NO_LINK)
    for q in range(len(text)):
        if "0" <= text[q] <= "9":
            end = q + X.MAX_DATE_CHARS
            e = re.compile(r"\d*[ \t]*").match(text, q, end).end()
            after = text[e] if e < min(len(text), end) else ""
            spaced = text[e - 1] in " \t"
            want = P.DATE_SPANS.match(text, q, end)
            for table in tables:
                matches = P.date_spans_after_digits(text[q] == "0", after, spaced, table)
                got = next(filter(None, (match(text, q, end) for match in matches)), None)
                assert (got and got.span()) == (want and want.span()), (text, q)


def test_digits_but_0_start_the_same_date_alternatives():
    """date_spans_after_digits picks the alternatives of 1 for every digit but 0."""
    for first, *_ in P.DATE_ALTERNATIVES:
        assert len({bool(re.fullmatch(first, d)) for d in "123456789"}) == 1, first


@settings(max_examples=500, deadline=None)
@given(texts(DATE_WORDS + ["killed", "Killed", "people,", "Sept.,", "x.", "May.", "Mayor", "ab,", "5,", "9.", "é", "Été",
                           "•", "_", "'", "\t\t\t\t\t", "b-", "999", "112", "/", ",.", "., ", "dialling"]))
@example("killed 12, Sept 19, Sept. 19, May, 2012, x. 5, x,. 5, Mayor 5, called 911, dial 999 or 112")
@example("ab-cd 5, ab5 7, é 8, _ 9, \u2010x 1, 2012 5, said Monday 5, • 6, : 7, Jan.,  5")
def test_read_skips_spaced_only_where_it_finds_nothing(text):
    """Where _PLAIN_WORD_REV matches before a run of digits after blanks (a plain word that may be no
    month name, a full stop or a comma after one or after no word, a mark), _spaced, which the read loop
    then does not call, finds no start, in a text with month names searched for before runs or not."""
    for months_before in (True, False):
        dates = X.DateCover(text)
        dates.months_before = months_before
        dates.rev = text[::-1]
        for run in re.finditer(r"(?<!\d)\d", text):
            p = run.start()
            if p and text[p - 1] in " \t/" and X._PLAIN_WORD_REV(dates.rev, len(text) - p) is not None:
                starts = []
                dates._spaced(p, starts)
                assert starts == [] and not dates.waiting, (text, p, months_before)


def test_date_cover_examples():
    text = "On 23 September 2022 at 9:15 they called 911; see www.example.com/news/2013/05 and 30-7 Oct. 19."
    cover = X.date_cover(text)
    for inside in ("23", "2022", "9:15", "911", "2013", "05", "7 Oct", "19"):
        k = text.index(inside)
        assert cover[k], inside
    assert not cover[text.index("30")]


CLAUSE_BREAK_PLAIN = re.compile(
    r";|,[ \t]+(?:while|whereas|but|although|though|even[ \t]+as|as)\b|[ \t]+(?:while|whereas)\b|[ \t]+but\b")


@settings(max_examples=300)
@given(texts(["while", "whereas", "but", "although", "though", "even", "as", "was", "butter", "x", ";", ",",
              ", ", "1,000", "awhile"]))
def test_clause_breaks_are_the_plain_pattern_s(text):
    for lo in range(0, len(text) + 1, 3):
        for hi in (len(text), max(lo, len(text) - 2)):
            assert [m.span() for m in P.CLAUSE_BREAK.finditer(text, lo, hi)] == \
                [m.span() for m in CLAUSE_BREAK_PLAIN.finditer(text, lo, hi)]


@settings(max_examples=300)
@given(texts(["while", "whereas", "but", "although", "though", "even", "as", "was", "butter", "x", ";", ",",
              ", ", ",\t", "1,000", "awhile", "whereasx", "evenas", "though,"]))
def test_clause_breaks_are_found_past_their_hint(text):
    """_clause_breaks looks for CLAUSE_BREAK only where what each break holds is found: it finds what the plain
    pattern finds, and _clause the clause between the plain breaks around each position."""
    for lo in range(0, len(text) + 1, 2):
        for hi in (len(text), max(lo, len(text) - 2), max(lo, len(text) - 5)):
            plain = [m.span() for m in CLAUSE_BREAK_PLAIN.finditer(text, lo, hi)]
            assert list(zip(*X._clause_breaks(text, lo, hi))) == plain
            memo: dict = {}
            for pos in range(lo, hi + 1):
                start = max([e for s, e in plain if e <= pos], default=lo)
                end = min([s for s, e in plain if s >= pos], default=hi)
                assert X._clause(text, (lo, hi), pos, memo) == X._clause(text, (lo, hi), pos) == (start, end)


# the patterns tried right after a figure, each with the first characters it may start with (past
# white space and hyphens, extract._lead)
AFTER_LEADS = {
    "SCALE_AFTER": P.SCALE_AFTER_LEADS, "CURRENCY_AFTER": P.CURRENCY_AFTER_LEADS,
    "PERCENT_AFTER": P.PERCENT_LEADS, "PERCENT_POINTS": P.PERCENT_LEADS,
    "UNIT_AFTER": P.UNIT_AFTER_LEADS, "MAGNITUDE_AFTER": P.MAGNITUDE_AFTER_LEADS,
}


def after_words():
    words = set(FILLER) | set(P.UNIT_FORMS) | set(P.CURRENCY_WORDS) | set(P.CURRENCY_CODES) | set(P.SCALE_VALUES)
    for name in AFTER_LEADS:
        words |= set(re.findall(r"[A-Za-z'’]+", re.sub(r"\\[A-Za-z]", " ", getattr(P, name).pattern)))
    words |= {w.upper() for w in list(words)} | {w.capitalize() for w in list(words)}
    # marks, Unicode spaces and letters that match others under re.I (K is the kelvin sign, ſ a long s)
    return sorted(words | {"%", "-", "--", "°", "²", "/", "\u2009", "\u202f", "\u2003", "K", "ſ", "İ", "ı",
                           "per-cent", "-per-cent", "-magnitude", "          ", "\u00a0\u00a0\u00a0"})


def test_after_leads_cover_what_each_pattern_matches_first():
    for name, leads in AFTER_LEADS.items():
        for word in after_words():
            for gap in ("", " ", "-", "\t", "\u00a0", " - ", "\u2009", "\n", "         "):
                text = f"5{gap}{word} x"
                if getattr(P, name).match(text, 1):
                    assert X._lead(text, 1) in leads, (name, text)


def assert_leads_hold(text, table, lead):
    """Wherever a pattern of `table` matches in `text`, `lead` there is one of the pattern's leads."""
    for name, leads in table.items():
        pattern = getattr(P, name)
        for pos in range(len(text) + 1):
            if pattern.match(text, pos):
                assert lead(text, pos) in leads, (name, text[pos:pos + 20])


@settings(max_examples=300, deadline=None)
@given(texts(after_words()))
def test_after_leads_are_never_wrong(text):
    assert_leads_hold(text, AFTER_LEADS, X._lead)


def test_after_any_matches_where_each_pattern_after_matches_first():
    for name in AFTER_LEADS:
        for word in after_words():
            for gap in ("", " ", "-", "\t", "\u00a0", " - ", "\u2009", "\n", "         ", "-\u00a0-"):
                for text in (f"5{gap}{word} x", f"5{gap}{word}", f"5{gap}{word}s", f"5{gap}{word}-"):
                    if getattr(P, name).match(text, 1):
                        assert P.AFTER_ANY.match(text, 1), (name, text)


def assert_gate_holds(text, gate, names):
    """Wherever `gate` does not match in `text`, none of the patterns `names` does either."""
    for pos in range(len(text) + 1):
        if gate.match(text, pos) is None:
            for name in names:
                assert not getattr(P, name).match(text, pos), (name, text[pos:pos + 20])


@settings(max_examples=300, deadline=None)
@given(texts(after_words()))
def test_after_any_is_never_wrong(text):
    assert_gate_holds(text, P.AFTER_ANY, AFTER_LEADS)


# the patterns tried right after a figure to state it: JOIN_ANY matches wherever one of them may
JOIN_AFTER = ("RANGE_JOIN", "QUALIFIER_AFTER")


def join_words():
    words = set(FILLER) | set(P.QUALIFIER_AFTER_OF) | {"atop", "told", "andes", "order", "plush", "toward"}
    for name in JOIN_AFTER:
        words |= set(re.findall(r"[A-Za-z'’]+", re.sub(r"\\[A-Za-z]", " ", getattr(P, name).pattern)))
    words |= {w.upper() for w in list(words)} | {w.capitalize() for w in list(words)}
    return sorted(words | {"+", "-", "–", "—", "‐", "-plus", "\u00a0", "\u2009", "K", "ſ", "İ", "ı", "        "})


def test_join_any_matches_where_each_pattern_after_matches():
    for name in JOIN_AFTER:
        for word in join_words():
            for gap in ("", " ", "\t", "\u00a0", " \t ", "\n", "         "):
                for text in (f"5{gap}{word} x", f"5{gap}{word}", f"5{gap}{word} 6"):
                    if getattr(P, name).match(text, 1):
                        assert P.JOIN_ANY.match(text, 1), (name, text)


@settings(max_examples=300, deadline=None)
@given(texts(join_words()))
def test_join_any_is_never_wrong(text):
    assert_gate_holds(text, P.JOIN_ANY, JOIN_AFTER)


def assert_after_or_join_holds(text):
    """At each position of `text`, AFTER_OR_JOIN matches where AFTER_ANY or JOIN_ANY does, with its group
    "after" where AFTER_ANY does."""
    for pos in range(len(text) + 1):
        m = P.AFTER_OR_JOIN.match(text, pos)
        after = P.AFTER_ANY.match(text, pos) is not None
        assert (m is not None) == (after or P.JOIN_ANY.match(text, pos) is not None), text[pos:pos + 20]
        assert (m is not None and m.lastindex is not None) == after, text[pos:pos + 20]


@settings(max_examples=300, deadline=None)
@given(texts(sorted(set(after_words()) | set(join_words()))))
def test_after_or_join_is_after_any_or_else_join_any(text):
    assert_after_or_join_holds(text)


def test_after_or_join_passes_blanks_and_hyphens_as_after_any_and_join_any_do():
    for word in sorted(set(after_words()) | set(join_words())):
        for gap in ("", " ", "-", "\t", "\u00a0", " - ", " -\u00a0-\t", "- ", "\u00a0 ", "\n", "         "):
            for text in (f"5{gap}{word} x", f"5{gap}{word}", f"5{gap}{word}s", f"5{gap}{word}-"):
                assert_after_or_join_holds(text)


def ends_by_last(by_last, tail):
    """Whether `tail` ends with one of the endings of `by_last` (P.by_last), as extract and Suffix ask."""
    ends = by_last.get(tail[-1:])
    return ends is not None and tail.endswith(ends)


@settings(max_examples=300, deadline=None)
@given(texts(suffix_words()))
def test_endings_before_a_figure_tell_when_no_pattern_ends_there(text):
    """_read_figure and _statement ask their patterns before a figure only when the tail ends with one of
    their endings (ENDS_BEFORE_DIGITS, ENDS_BEFORE_WORDS, ENDS_BEFORE_STATED)."""
    asked = {"ENDS_BEFORE_DIGITS": (("CURRENCY_BEFORE", 5), ("MAGNITUDE_BEFORE", 14)),
             "ENDS_BEFORE_WORDS": (("MAGNITUDE_BEFORE", 14),),
             "ENDS_BEFORE_STATED": (("RANGE_BETWEEN", 10), ("QUALIFIER_BEFORE", 32))}
    for hi in range(len(text) + 1):
        tail = P.Suffix.tail(text, hi)
        for ends, patterns in asked.items():
            if not ends_by_last(getattr(X, ends), tail):
                for name, reach in patterns:
                    assert not getattr(P, name).regex.search(text, max(0, hi - reach), hi), (ends, name, text[:hi])


# each table of endings by their last character, with the endings it is made of
ENDINGS_BY_LAST = {name: (suffix.by_last, suffix.endings) for name, suffix in SUFFIXES.items()}
ENDINGS_BY_LAST.update(
    ENDS_BEFORE_DIGITS=(X.ENDS_BEFORE_DIGITS, P.CURRENCY_BEFORE.endings + P.MAGNITUDE_BEFORE.endings),
    ENDS_BEFORE_WORDS=(X.ENDS_BEFORE_WORDS, P.MAGNITUDE_BEFORE.endings),
    ENDS_BEFORE_STATED=(X.ENDS_BEFORE_STATED, P.RANGE_BETWEEN.endings + P.QUALIFIER_BEFORE.endings),
)


@settings(max_examples=300, deadline=None)
@given(texts(suffix_words()))
@example("at least 5 US$ 6 €7 of 8 - 9 magnitude 10 between 11 about")
def test_endings_by_last_character_are_the_endings(text):
    """P.by_last: a tail ends with one of the endings kept for its last character exactly when it ends with
    one of all the endings (str.endswith of the whole tuple, which tries each in turn)."""
    for hi in range(len(text) + 1):
        for tail in (P.Suffix.tail(text, hi), text[:hi]):
            for name, (by_last, endings) in ENDINGS_BY_LAST.items():
                assert ends_by_last(by_last, tail) == tail.endswith(endings), (name, tail)


READ_WORDS = ["magnitude", "Magnitude", "of", "-", "$", "US$", "€", "£", "EUR", "usd", "minus", "5", "1.400", "2.5",
              "1,500", "300", "three", "a dozen", "half a", "million", "m", "bn", "%", "per cent", "percent",
              "points", "percentage points", "km", "miles", "°C", "degrees Celsius", "dollars", "pounds", "euros",
              "people", "the", "at", "about", "between", "and", "to", "(", "-5", "−", "mag", "years", "-year-old"]


@settings(max_examples=400, deadline=None)
@given(texts(READ_WORDS))
def test_read_figure_reads_as_read_around(text):
    """_read_figure returns most figures as it builds them, without _read_around: the same figures as
    _read_around reads from them."""
    for m in X.NUMBER.finditer(text):
        got = X._read_figure(text, m)
        raw = m.group("digits")
        if raw is None:
            fig = X._read_words(text, m)
        else:
            fig = X.Figure(X.parse_digits(raw), m.start(), m.end(), raw, False,
                           grouped=bool(X.GROUPED.search(raw)))
        want = fig and X._read_around(text, fig, P.Suffix.tail(text, fig.start),
                                      P.AFTER_ANY.match(text, fig.end) is not None)
        assert got == want, text


@settings(max_examples=300, deadline=None)
@given(texts(sorted(set(READ_WORDS) | set(join_words()))))
def test_a_figure_read_to_join_nothing_is_followed_by_no_join(text):
    """Figure.joins: a figure _read_figure says nothing may join is followed by nothing JOIN_ANY, hence
    RANGE_JOIN and QUALIFIER_AFTER, matches (extract_claims and _statement ask them only otherwise)."""
    for m in X.NUMBER.finditer(text):
        fig = X._read_figure(text, m)
        if fig is not None and not fig.joins:
            assert not P.JOIN_ANY.match(text, fig.end), text
            assert not P.RANGE_JOIN.match(text, fig.end), text


@settings(max_examples=200, deadline=None)
@given(texts(sorted(set(READ_WORDS) | set(join_words()))))
def test_figures_and_statements_made_without_their_class_are_as_it_makes_them(text):
    """_read_figure and _statement make most figures and statements with extract._new, storing each field
    themselves: every field is set, as the class would set it from the same values."""
    for m in X.NUMBER.finditer(text):
        fig = X._read_figure(text, m)
        if fig is None:
            continue
        values = {f.name: getattr(fig, f.name) for f in dataclasses.fields(fig)}  # (an unset one raises)
        assert X.Figure(**values) == fig and X.Figure(**values).joins == fig.joins, text
        st, _ = X._statement(text, fig)
        if st is not None:
            assert X.Statement(**{f.name: getattr(st, f.name) for f in dataclasses.fields(st)}) == st, text


# QUALIFIER_BEFORE as it would be with its phrases as a plain alternation, longest first
PLAIN_QUALIFIER_BEFORE = re.compile(
    "(?:^|(?<=[^\\w]))(?P<q>" + P.words_re([p for ps in P.QUALIFIER_PHRASES.values() for p in ps], boundary=False)
    + r")[ \t\u00a0]+\Z",
    re.I,
)


def _same_qualifier(text):
    for hi in range(len(text) + 1):
        for lo in (max(0, hi - 32), 0):
            got, want = P.QUALIFIER_BEFORE.regex.search(text, lo, hi), PLAIN_QUALIFIER_BEFORE.search(text, lo, hi)
            assert (got and (got.span(), got.span("q"))) == (want and (want.span(), want.span("q"))), text[lo:hi]


def test_qualifier_trie_reads_each_phrase_as_the_plain_alternation():
    phrases = [p for ps in P.QUALIFIER_PHRASES.values() for p in ps]
    for before in ["", "x ", "(", "well ", "the ", "no "]:
        for phrase in phrases:
            for text in (f"{before}{phrase} 5", f"{before}{phrase.upper()}\u00a0 5", f"{before}{phrase.replace(' ', chr(10) + ' ')}\t5"):
                _same_qualifier(text)


@settings(max_examples=300, deadline=None)
@given(texts(sorted(QUALIFIER_WORDS | set(FILLER) | {"approx.", "Approx", "İ", "ı", "K", "ſ", "\u2009", "\u202f"})))
def test_qualifier_trie_finds_what_the_plain_alternation_finds(text):
    _same_qualifier(text)


SENTENCE_END_PLAIN = re.compile(r"[.!?…]+[\"'”’)\]]*(?=[ \t\u00a0]+[\"'“‘(\[]?[A-Z0-9])|\n")
SENTENCE_MARKS = [".", "..", "...", "?!!", "!", "?!", "…", ".\"", ".”", "?'", ".)", "!]", "\n", "\n\n", " \n", "\"", "“", "(",
                  "[", "‘", "Mr", "U.S", "e.g.", "a", "B", "7", "1.5", "x", "The", "the", "Dr.", "no."]


@settings(max_examples=300)
@given(texts(SENTENCE_MARKS))
def test_sentence_ends_are_the_plain_pattern_s(text):
    assert [m.span() for m in P.SENTENCE_END.finditer(text)] == [m.span() for m in SENTENCE_END_PLAIN.finditer(text)]


def sentence_spans_plain(text):
    """sentence_spans the plain way: each end looked at with slices, each sentence stripped char by char."""
    spans, start = [], 0
    for m in SENTENCE_END_PLAIN.finditer(text):
        cut = m.end()
        if m.group() == "\n":
            if text[cut:cut + 1].islower() and text[max(0, m.start() - 1):m.start()].strip():
                continue
        else:
            word = text[max(0, m.start() - 12):m.start()].rsplit(None, 1)
            last = word[-1].lower().lstrip("(\"'“") if word else ""
            if last in P.ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            if m.group().startswith(".") and last[-1:].isdigit() and X.DIGIT_AHEAD.match(text, cut, cut + 3):
                continue
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.extend(X._span_pieces(text, s, e))
    return out


@settings(max_examples=500)
@given(texts(SENTENCE_MARKS + ["5", " .", "( ", "(“", "ﬁ", "²", "٣", "Ⅻ", "\u2003", "\u2028", "\u00a0", "\x1c",
                              "said", "Sept", "a. ", "I", "é", "$3.", "”"]))
def test_sentence_spans_are_the_plain_ones(text):
    assert X.sentence_spans(text) == sentence_spans_plain(text)


def test_sentence_spans_cut_long_sentences_as_before():
    text = "Word " * 900 + "end. Next one\nand a wrapped line. " + "x" * 2500 + "\n\n"
    assert X.sentence_spans(text) == sentence_spans_plain(text)


def test_sentence_spans_examples_as_before():
    for text in ("It rose 5 . 7 more came. Then 5. 7 left.", "Mr . Smith (a. B) 3.) 4 x\ny", ". A", "\nb"):
        assert X.sentence_spans(text) == sentence_spans_plain(text), text


SENTENCE_TOKENS = SENTENCE_MARKS + ["5", " .", "( ", "(“", "ﬁ", "²", "٣", "Ⅻ", "\u2003", "\u2028", "\u00a0", "\x1c",
                                   "said", "Sept", "a. ", "I", "é", "$3.", "”", "’", "‘", "?", "…\n", "\t", "]"]


def plain_sentence_of(text, pos):
    """The sentence that holds pos the plain way: the last of sentence_spans_plain to start at or before it."""
    spans = sentence_spans_plain(text)
    k = max((i for i, (s, _) in enumerate(spans) if s <= pos), default=-1)
    return spans[k] if k >= 0 else (0, len(text))


@settings(max_examples=500, deadline=None)
@given(texts(SENTENCE_TOKENS), st.lists(st.integers(0, 400), max_size=12))
@example("A b.\nc d. E 5.\n", [0, 2, 8, 12])
@example("x\ny. Z\n\nw\n5", [0, 3, 6, 12])
@example("A b. C d. E f\ng 5", [16])
@example("The. B 5", [3, 7])
@example("It was .5. Then", [7])
@example("x \nc 5 \nd e\nf", [0])
def test_sentence_of_a_position_is_the_plain_one(text, extra):
    """_Sentences finds the sentence of each position asked (in text order, as figures are, or out of
    it) between the sentence ends around it: the sentence sentence_spans gives, white space too. A
    figure's first character (a letter, a digit, the point of ".5") is found so without splitting the
    whole text."""
    in_order = sorted({p % (len(text) + 1) for p in extra})
    for positions in (range(len(text)), in_order, in_order[::-1] + in_order):
        sentences = X._Sentences(text)
        for pos in positions:
            assert sentences.of(pos) == plain_sentence_of(text, pos), (text, pos)
    firsts = [p for p in range(len(text)) if text[p].isalnum() or text[p:p + 2] in [f".{d}" for d in range(10)]]
    for positions in (firsts, firsts[::-1], [p for p in in_order if p in firsts]):
        sentences = X._Sentences(text)
        for pos in positions:
            assert sentences.of(pos) == plain_sentence_of(text, pos), (text, pos)
        assert sentences.every is None, text


def test_sentence_of_a_position_in_long_sentences_and_wrapped_lines():
    text = ("Word " * 900 + "end. Next one\nand a wrapped line\nthat goes on. " + "x" * 2500 + "\n\n"
            + "It rose 5.7 more. 4 x\nsaid Mr. Smith.\nend")
    for step in (1, 7, 333):
        sentences = X._Sentences(text)
        for pos in range(0, len(text), step):
            assert sentences.of(pos) == plain_sentence_of(text, pos), pos


@settings(max_examples=300)
@given(texts(SENTENCE_TOKENS))
def test_sentence_ends_in_the_marks_view_are_the_pattern_s(text):
    want = [m.span() for m in P.SENTENCE_END.finditer(text) if m.group() != "\n"]
    assert [m.span() for m in P.SENTENCE_END_IN_MARKS.finditer(X._sentence_marks(text))] == want


def test_marks_view_puts_every_character_in_its_class():
    """Each character's byte in _sentence_marks is in each class SENTENCE_END asks about just when the
    character is, for every code point."""
    text = "".join(map(chr, range(sys.maxunicode + 1)))
    marks = X._sentence_marks(text)
    assert len(marks) == len(text)
    classes = {r"[.!?…]": rb"\.", r"[\"'”’)\]]": rb"[\"')\]]", r"[\"'“‘(\[]": rb"[\"'(\[]", r"[ \t\u00a0]": rb"[ \t]",
               r"[A-Z0-9]": rb"[A-Z0-9]", r"\n": rb"\n"}
    for plain, view in classes.items():
        want = [m.start() for m in re.finditer(plain, text)]
        assert [m.start() for m in re.finditer(view, marks)] == want, plain


def test_what_ends_an_abbreviation_is_a_letter():
    """iter_sentence_spans reads no word before a sentence end that follows neither a letter nor white
    space: such a word lowered is no abbreviation nor one letter, and ends in a digit only if the
    character does. strip() strips what isspace() calls white space."""
    for k in range(sys.maxunicode + 1):
        c = chr(k)
        assert (c.strip() == "") == c.isspace()
        if c.isalpha() or c.isspace():
            continue
        for word in (c, "ab" + c, "(" + c, "1" + c):
            last = word.lower().lstrip("(\"'“")
            assert last not in P.ABBREVIATIONS and not (len(last) == 1 and last.isalpha())
            assert last[-1:].isdigit() == c.isdigit(), hex(k)


PREV_WORD_PLAIN = re.compile(r"([^\s]+)[ \t]*$")


@settings(max_examples=300)
@given(texts(["No.", "#", "Apollo", "x", "“Mr", "(a", "ab,", "\n", "\n\n", " \n", "\t", "\u00a0", "\u2028", "\x85",
              "\x1c", "\r", "٣", "ﬁ"]), st.integers(0, 40))
def test_prev_word_is_the_plain_pattern_s(text, floor):
    for pos in range(len(text) + 1):
        want = PREV_WORD_PLAIN.search(text[max(floor, pos - 30):pos])
        assert X._prev_word(text, pos, floor) == (want.group(1) if want else ""), (text, pos, floor)


def test_what_splits_a_word_is_what_the_pattern_calls_white_space():
    for k in range(sys.maxunicode + 1):
        c = chr(k)
        assert (re.match(r"\s", c) is not None) == c.isspace() == (len(("a" + c + "b").split()) == 2)


def test_suffix_before_reads_each_text_afresh():
    """The tail kept of the last text asked about is not used for another text with a figure at the same place."""
    a, b = "it was between 5", "it was around  5"
    for first, second in ((a, b), (b, a)):
        end = first.index("5")
        P.RANGE_BETWEEN.before(first, end, 10)
        assert bool(P.RANGE_BETWEEN.before(second, end, 10)) == (second is a)
        assert bool(P.RANGE_BETWEEN.search(second, end - 10, end)) == (second is a)
        P.RANGE_BETWEEN.before(first, end, 10)
        assert bool(P.RANGE_BETWEEN.at(P.Suffix.tail(second, end), second, end, 10)) == (second is a)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(P.SCALE_WORDS)), st.lists(st.booleans(), min_size=8, max_size=8))
def test_a_bare_scale_word_is_read_as_a_scale_value(word, upper):
    """extract._read_words looks at the words of a figure for a bare scale word only when its value is
    one of SCALE_WORD_VALUES: each word SCALE_WORD_ONLY takes whole is read so (or not read at all)."""
    word = "".join(c.upper() if up else c for c, up in zip(word, upper + [False] * len(word)))
    assert X.SCALE_WORD_ONLY.fullmatch(word)
    parsed = X.parse_words(word)
    assert parsed is None or parsed[0] in X.SCALE_WORD_VALUES, (word, parsed)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789.,  \u00a0\u2009\u202f٣e_-", max_size=14))
@example("300")
@example("1.5")
@example("1.400")
@example("1.400.000")
@example("1,5")
@example("300 000")
def test_parse_digits_reads_as_the_grouped_reading(raw):
    """parse_digits reads digits with no group mark itself; the same value as _parse_grouped, which takes
    the group marks out, or the same refusal."""
    def read(parse):
        try:
            return parse(raw)
        except ValueError:
            return "refused"
    assert repr(read(X.parse_digits)) == repr(read(X._parse_grouped))


@settings(max_examples=300)
@given(texts(FILLER + ["Su-", "F-", "MiG-29", "A", "x‐", "B52‐", "COVID-19", "5G", "M142", "é", "a-"]))
def test_model_before_is_searched_only_after_a_letter_or_a_hyphen(text):
    """_not_a_claim searches MODEL_BEFORE only where the character before the figure is one of
    _MODEL_LAST: wherever the search of the three characters before finds it, that character is one."""
    for s in range(len(text) + 1):
        want = P.MODEL_BEFORE.search(text[max(0, s - 3):s])
        got = s and text[s - 1] in X._MODEL_LAST and P.MODEL_BEFORE.search(text, max(0, s - 3), s)
        assert bool(got) == bool(want), (text, s)
        lo = max(0, s - 3)
        assert (got.span() if got else None) == ((want.start() + lo, want.end() + lo) if want else None), (text, s)


def test_count_and_measure_are_the_kinds_of_unit_of():
    """_not_a_claim (and _normalised) tell a count and a measure from the figure's currency, percent and
    unit, without _unit_of's pair: the same kinds as _unit_of gives."""
    for currency in ("", "$", "EUR"):
        for percent in (False, True):
            for unit in ("", "magnitude", "percentage points", "km", "years", "°C", "per cent"):
                fig = X.Figure(5.0, 0, 1, "5", False, currency, False, percent, unit)
                plain = not currency and not percent
                assert (plain and not unit) == (X._unit_of(fig)[1] == "count"), (currency, percent, unit)
                assert (plain and unit not in X._NOT_MEASURES) == (X._unit_of(fig)[1] == "measure"), \
                    (currency, percent, unit)
                unit_of = X._unit_of(fig)
                if unit_of[1] in ("count", "money", "percent"):  # _normalised says the same of a count
                    st = X.Statement(fig, 5.0, "exact", None, None, 0, 3, False)  # (a qualifier after it)
                    want = unit_of + (5.0, "%" if unit_of[1] == "percent" else unit_of[0], 3)
                    assert X._normalised(st) == want, (currency, percent, unit)


@settings(max_examples=200)
@given(texts(["Comments", "(12)", "www.x.com", "a", "read", "the", "index", "html", "five"]))
@example("www.x.com" + " (12)" * 15)
@example("www.x.com" + " (12)" * 16)
def test_furniture_line_counts_the_words_as_split_does(line):
    """_furniture_line splits no more than 17 words: a line of more than 15 is a paragraph, so the
    answer is the one the whole split gives."""
    words = len(line.split())
    if words > 15:
        assert not X._furniture_line(line)
    else:
        want = (words <= 8 and P.FURNITURE_LINE.match(line)) or \
            (P.URL_LINE.search(line) and not X.THREE_WORDS.search(line))
        assert X._furniture_line(line) == bool(want), line


def claims_and_covers(text, ahead):
    """The claims of a text and each answer of _dated (DateCover.covers written out) on the way, each
    also asked of DateCover.covers on a cover read the plain way, READ_AHEAD set to `ahead`."""
    answers = []
    dated, read_ahead = X._dated, X.READ_AHEAD
    plain: dict = {}

    def recording(fig, dates):
        start, end = (fig.start + 1, fig.start + 2) if fig.currency else (fig.start, fig.end)
        if id(dates) not in plain:
            plain.clear()
            plain[id(dates)] = X.DateCover(dates.text)
        answer = dated(fig, dates)
        assert answer == plain[id(dates)].covers(start, end), (text, start, end)
        answers.append((start, end, answer))
        return answer

    X._dated, X.READ_AHEAD = recording, ahead
    try:
        claims = X.extract_claims(Article(source="t", text=text))
    finally:
        X._dated, X.READ_AHEAD = dated, read_ahead
    return [(c.start, c.end, c.quote, c.thing) for c in claims], answers


# long tokens and links: a start found reading ahead may lie more than MAX_DATE_CHARS before where it
# was found (the token "km-a-a-...-7" starts at "km", which "5 km" ends in)
READ_AHEAD_WORDS = DATE_WORDS + ["5 km-" + "a-" * 80, "five-" + "b-" * 70, "x" * 140, "www.x.org/" + "y" * 130,
                                 "-" * 130, "a-b-c-d-e-f", "7", "2013", "km"]


@settings(max_examples=200, deadline=None)
@given(texts(READ_AHEAD_WORDS))
@example("5 km-" + "a-" * 80 + "7 and more")
@example("They found 5 km-" + "a-" * 80 + "7, then " + "five-" + "b-" * 70 + "8.")
def test_reading_ahead_changes_no_answer(text):
    """DateCover reads READ_AHEAD further on than a figure needs: every answer of covers, and so every
    claim, is what reading no further than the figure needs gives."""
    assert claims_and_covers(text, X.READ_AHEAD) == claims_and_covers(text, 0)


@settings(max_examples=200, deadline=None)
@given(texts(READ_AHEAD_WORDS), st.integers(1, 40))
@example("5 km-" + "a-" * 80 + "7 and more", 1)
def test_reading_ahead_covers_before_a_figure_what_reading_to_it_covers(text, step):
    """Whatever a figure ending at e may ask about (the text before e), the cover after covers(_, e),
    which reads READ_AHEAD further on, is the cover read to e + MAX_DATE_CHARS: a start found reading
    ahead more than MAX_DATE_CHARS before where it was found ("km" of "km-a-a-...-7") waits."""
    ahead, plain = X.DateCover(text), X.DateCover(text)
    for end in range(1, len(text) + 1, step):
        ahead.covers(end - 1, end)
        plain.read_to(end + X.MAX_DATE_CHARS)
        assert ahead.cover[:end] == plain.cover[:end], (text, end)


@settings(max_examples=300)
@given(texts(DATE_WORDS + ["Sep", "Sept", "SEPTEMBER", "Jun", "JUNE", "Mayor", "MAYBE", "JANOV", "Decade", "ma"]))
def test_month_find_finds_what_the_names_longest_first_find(text):
    plain = re.compile("|".join(P.MONTH_NAMES))
    assert [m.span() for m in P.MONTH_FIND.finditer(text)] == [m.span() for m in plain.finditer(text)]


def plain_line_bounds(text, s):
    """The line of position s as _not_a_claim has always found it: searched no further than
    MAX_LINE_CHARS either way, -1 for a bound not found so."""
    line_start = text.rfind("\n", max(0, s - X.MAX_LINE_CHARS), s) + 1
    if line_start == 0 and s > X.MAX_LINE_CHARS:
        line_start = -1
    line_end = text.find("\n", s, s + X.MAX_LINE_CHARS)
    if line_end < 0 and len(text) <= s + X.MAX_LINE_CHARS:
        line_end = len(text)
    return line_start, line_end


@settings(max_examples=300)
@given(texts(["a", "bb", "\n", "\n\n", "x y", " "]), st.integers(1, 8))
def test_line_of_and_the_positions_that_share_its_bounds(text, reach):
    """_line_of gives the plain bounds, and every later position up to the one it names (and before the
    line's end), which _not_a_claim takes the bounds of from the memo, has the same plain bounds; a
    MAX_LINE_CHARS shorter than the lines, so that long lines are among them."""
    kept = X.MAX_LINE_CHARS
    X.MAX_LINE_CHARS = reach
    try:
        for s in range(len(text) + 1):
            start, end, last = X._line_of(text, s)
            assert (start, end) == plain_line_bounds(text, s), (text, s)
            if last < 0:
                assert start < 0 or end < 0
                continue
            for later in range(s, len(text) + 1):
                same = plain_line_bounds(text, later) == (start, end)
                if start <= later <= last and later < end:
                    assert same, (text, s, later)
                elif later == last + 1 and later < end:
                    assert not same, (text, s, later)  # the last one it names, not one short of it
    finally:
        X.MAX_LINE_CHARS = kept


def test_furniture_at_is_furniture_line_of_the_slice():
    for line in ("Comments (12)", "www.x.com/a/5", "the five people who came to see", ""):
        text = "a\n" + line + "\nb"
        lo = 2
        assert X._furniture_at(text, lo, lo + len(line)) == X._furniture_line(line)
    assert X._furniture_at("Comments 5", -1, 10) is X._furniture_at("Comments 5", 0, -1) is False


URL_WORDS = ["html", "HTM", "htmx", "www.", "WwW.", "http:", "HTTPS:", "hTTp", ".com", ".CoM", ".org", ".net",
             ".co.uk", ".CO.\u212a", "/ index", "/", "w\u0130w.", "ht\u0131ml", "a", " ", "\t", "."]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(URL_WORDS), max_size=8).map("".join))
def test_may_be_url_wherever_url_line_is_found(line):
    """_furniture_line searches URL_LINE only where _may_be_url finds one of its literal parts."""
    if P.URL_LINE.search(line):
        assert X._may_be_url(line), line


def test_may_be_url_lower_cases_as_url_line_ignores_case():
    """Each character URL_LINE's ignoring of case takes for a letter of its words lower-cases to it."""
    letters = "htmlwpcorgneuk"
    any_letter = re.compile(f"[{letters}]", re.I)  # the few characters to look at closer, one match each
    for k in range(sys.maxunicode + 1):
        c = chr(k)
        if any_letter.match(c):
            for letter in letters:
                if re.match(letter, c, re.I):
                    assert letter in c.lower(), (hex(k), letter)


AFTER_WORDS = ["read", "Read", "min", "MINS.", "minute", "of", "OF", "12", "-", " ", "\t", "\n", "x", "r", "m",
               "o", "mi", "re", "\u0130", "\u0131"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(AFTER_WORDS), max_size=8).map("".join), st.integers(0, 3))
@example(" of 12", 0)
@example("-  5 mins. read", 2)
def test_read_or_counter_after_wherever_the_three_match(text, pos):
    """Where READ_TIME_AFTER, OF_TOTAL_AFTER or LINE_ENDS matches, READ_OR_COUNTER_AFTER does."""
    pos = min(pos, len(text))
    if P.READ_TIME_AFTER.match(text, pos) or P.OF_TOTAL_AFTER.match(text, pos) or P.LINE_ENDS.match(text, pos):
        assert P.READ_OR_COUNTER_AFTER.match(text, pos), (text, pos)


@settings(max_examples=500)
@given(texts(["Apollo", "the", "Big", "Fish", "of", "X-Ray", "it's", "Don’t", "éa", "Éclair", "_ab", "9abcd",
              "abc", "ABC", "Abcd", "aBcd", "a1b2", "ﬁsh", "Öl"]))
@example("The Five Best Ways To Win")
@example("The five best ways to win")
def test_title_word_capital_finds_title_words_longer_than_three(text):
    """_is_title_case's one findall gives the words of TITLE_WORD longer than 3 characters, each as its
    capital or ""."""
    words = [w for w in X.TITLE_WORD.findall(text) if len(w) > 3]
    assert X.TITLE_WORD_CAPITAL.findall(text) == [w[0] if w[0].isupper() else "" for w in words], text
    plain = len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
    assert X._is_title_case(text) == plain, text


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["n", "N", "o", "O", "number", "Number", "No.", "#", "\"", "“", "(", "'", "a", "é",
                                 "É", "ǅ", "ß", ",", ".", "1", "numbers", "ﬁ"]), min_size=1, max_size=4).map("".join))
def test_a_word_in_lower_case_is_no_name_and_no_numbering(prev):
    """_not_a_claim skips the name rule for a word before the figure that begins in lower case (unless
    it begins "number"): stripped as the rule strips it, it is then in no case a NUMBERING word nor
    begins with a capital."""
    if prev[:1].islower() and not prev.startswith("number"):
        w = prev.strip("\"'“”‘’(")
        assert w not in X.NUMBERING and not w[:1].isupper(), prev


# what the rules of _not_a_claim take, and what makes a range, a pair refused or a qualifier of a figure
JUDGE_WORDS = FILLER + [
    "Su-30", "F-16", "to", "40", "jets", "1943", "1947", "from", "between", "and", "or", "plus", "+", "-", "–",
    "zero", "one", "One", "two", "three", "Formula", "No.", "#", "number", "Apollo", "11", "5G", "5th", "days",
    "ago", "the past", "24", "hours", "years", "km", "magnitude", "Comments", "(12)", "Photo", "1 of 12",
    "min read", "\n1.", "million", "$", "%", "more", "at least", "about", "nearly", "9-14", "record", "3-1",
    "two-time", "three quarters", "the", "this", "rose", "in", "2012", "2012s", "season", "people"]


def claims_judged_after_the_sentence(text):
    """The claims of a text with each figure judged the plain way: every rule of _not_a_claim asked once
    the figure's statement and sentence are found (_not_a_claim_early and _vague then answer no before
    them)."""
    early, vague, late = X._not_a_claim_early, X._vague, X._not_a_claim_late
    covers = []

    def not_yet(text, fig, dates, unit_end=None):
        covers.append((dates, unit_end))
        return False

    def every_rule(text, fig, sent, qualified, memo):
        return early(text, fig, *covers[-1]) or vague(fig, qualified) or late(text, fig, sent, qualified, memo)

    X._not_a_claim_early, X._vague, X._not_a_claim_late = not_yet, lambda fig, qualified: False, every_rule
    try:
        return X.extract_claims(Article(source="t", text=text))
    finally:
        X._not_a_claim_early, X._vague, X._not_a_claim_late = early, vague, late


@settings(max_examples=500, deadline=None)
@given(texts(JUDGE_WORDS))
@example("The Su-30 to 40 jets flew.")
@example("Her marriage lasted from 1943 to 1947 and one or two of 5G to 6 days ago.")
@example("It happened 5 to 10 years ago, or 3-4 days later.")
def test_rules_judged_before_the_sentence_judge_as_after_it(text):
    """extract_claims asks _not_a_claim_early of a figure with no range join after it before its
    statement and sentence are found, and _vague before its sentence: the same claims as every rule
    asked after them."""
    assert X.extract_claims(Article(source="t", text=text)) == claims_judged_after_the_sentence(text)


@settings(max_examples=500, deadline=None)
@given(texts(JUDGE_WORDS))
def test_a_figure_with_no_range_join_is_stated_as_read(text):
    """Why the rules that look at the figure alone may judge it before its statement: with no RANGE_JOIN
    after it, _statement makes no range of it, refuses no pair and leaves the figure as it was read."""
    for m in X.NUMBER.finditer(text):
        fig = X._read_figure(text, m)
        if fig is None or P.RANGE_JOIN.match(text, fig.end):
            continue
        read = X.Figure(**{k: getattr(fig, k) for k in X.Figure.__slots__})
        st, _ = X._statement(text, fig)
        assert st is not None and not st.is_range and fig == read, (text, m.span())


def find_months_everywhere(dates):
    """A DateCover not read yet made to take every month name MONTH_FIND finds as a start, as it does
    in a text with a link head: the plain form of finding month names from the runs of digits after
    them and in the tokens of the runs (_month_before, _token_back)."""
    dates.months_before = False
    months = [map(X._START, P.MONTH_FIND.finditer(dates.text)), None, X.DateCover._month]
    dates.sources.append(months)
    months[1] = next(months[0], None)
    if months[1] is not None:
        dates.next_start = min(dates.next_start, months[1])
    dates._quiet()
    return dates


def claims_and_answers(text, everywhere):
    """The claims of a text and each answer of _dated on the way, month names found everywhere or not."""
    answers = []
    dated = X._dated

    def recording(fig, dates):
        if everywhere and dates.months_before:
            find_months_everywhere(dates)
        answers.append((fig.start, fig.end, dated(fig, dates)))
        return answers[-1][2]

    X._dated = recording
    try:
        claims = X.extract_claims(Article(source="t", text=text))
    finally:
        X._dated = dated
    return [(c.start, c.end, c.quote, c.thing) for c in claims], answers


MONTH_WORDS = DATE_WORDS + ["Sept.", "Sept.,", "JUNE,", "MAY", "Mayor", "xMarch", "_", "é", "Dec-", "Jan08-078",
                            "Oct-a-b-c-5", "        ", " \t ", "/", "a-" * 62, "x-Sept-", "_x-", "five", "-a-b-c-"]


@settings(max_examples=500, deadline=None)
@given(texts(MONTH_WORDS))
@example("Sept.        \t    19, and May, 2012 or JUNE. 5 and xMarch 5 or _May 5 or éMay 5 or May/5 or SEPT 7")
@example("Oct-a-b-c-5, Jan08-078, x-Dec-a-b-c-d-9, _x-Sept-a-b-c-d-5 and x-Sept-" + "a-" * 62 + "5")
@example("_x-Sept-a-b-c-five and y-7")  # a number word's token, asked after a later run of digits
def test_months_found_where_needed_cover_what_month_find_covers(text):
    """In a text with no link head, the month names are starts only where found from the run of digits
    after them or in a token a run of digits or a number word ends (DateCover._month_before,
    _token_back): every figure is judged as with every month name found, and the cover differs only
    where a span holds no digit (a slug of words: no figure there)."""
    if "://" not in text and "www." not in text:
        assert claims_and_answers(text, False) == claims_and_answers(text, True), text
        plain = find_months_everywhere(X.DateCover(text))
        plain.read_to(len(text))
        cover = X.date_cover(text)
        assert all(c <= w for c, w in zip(cover, plain.cover)), text
        assert all(c == w for c, w, ch in zip(cover, plain.cover, text) if ch.isdigit()), text


def test_qualifier_before_is_found_from_its_last_words():
    """Suffix.at finds QUALIFIER_BEFORE by matching its phrases backwards at the end of the tail (the longest
    first), or, where that phrase starts before the window, by a search from the last P.QUALIFIER_BEFORE.words
    runs of non-blank characters: it finds each phrase there as the search of the whole window does."""
    for head in ("", "x", "The toll rose to", "a b c d e f g h i j k", "the\n", "very much more or", "out of", "with"):
        for phrase in sorted(P.QUALIFIER_OF):
            for sep in SEPARATORS:
                for mark in ("", " ", " (", "x", "-", " \u00a0"):
                    text = head + mark + phrase.replace(" ", sep or " ") + " 5"
                    hi = len(text) - 1
                    for reach in (5, 32, 200):
                        got = P.QUALIFIER_BEFORE.at(P.Suffix.tail(text, hi), text, hi, reach)
                        want = P.QUALIFIER_BEFORE.regex.search(text, max(0, hi - reach), hi)
                        assert (got and got.span()) == (want and want.span()), (text, reach)


def test_magnitude_before_is_searched_only_with_its_word():
    """Suffix.at searches MAGNITUDE_BEFORE only in an ASCII tail that holds "magnitude" (P.MAGNITUDE_BEFORE.word),
    in any case: it finds what the search of the window finds."""
    for head in ("", "a ", "The quake, a ", "(", "x", "İ ", "ı"):
        for word in ("magnitude", "Magnitude", "MAGNITUDE", "magnitudes", "magnitüde", "magnıtude", "MAGNİTUDE", "of", "-"):
            for join in (" ", "-", " - ", " of ", "-of ", " of", "\t", "  \t "):
                if not join.strip() and not word.isascii():
                    continue  # (the endings, lower-cased, miss "MAGNİTUDE" before blanks alone, as before)
                text = f"{head}{word}{join} 5"
                hi = len(text) - 1
                for reach in (5, 14, 48, 200):
                    got = P.MAGNITUDE_BEFORE.at(P.Suffix.tail(text, hi), text, hi, reach)
                    want = P.MAGNITUDE_BEFORE.regex.search(text, max(0, hi - reach), hi)
                    assert (got and got.span()) == (want and want.span()), (text, reach)


PARTNER_WORDS = ["5", "٣", "²", ".5", "1,000", "a dozen", "A dozen", "half a dozen", "Half a Dozen", "an dozen", "US$5",
                 "US$ 5", "$5", "€5", "£ 5", "five", "Five", "year-old", "old", "based", "ſ", "K", "İ", "ı", "a", "h",
                 "-", "x", " 5", "\u00a0", "U.S.", "dozen", "hundred", "a hundred"]


@settings(max_examples=300, deadline=None)
@given(texts(PARTNER_WORDS), st.sampled_from(X.DASHES))
def test_dash_partner_leads_hold_where_a_partner_may_start(text, dash):
    """After digits and a dash _range_partner reads a partner only where DASH_PARTNER_LEADS (or a digit)
    starts one: digits or a dozen (NUMBER, not its number words), or a currency before digits."""
    text = "5" + dash + text
    k = P.RANGE_JOIN.match(text, 1).end()
    c = text[k:k + 1]
    nm = X.NUMBER.match(text, k)
    if (nm is not None and nm.group("words") is None) or X.CURRENCY_AHEAD.match(text[k:k + 4]):
        assert c.isdigit() or c in X.DASH_PARTNER_LEADS, text
    if X._range_partner(text, X._read_figure(text, X.NUMBER.match(text)), False) is not None:
        assert c.isdigit() or c in X.DASH_PARTNER_LEADS, text
