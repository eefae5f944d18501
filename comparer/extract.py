"""extract: Article -> claim records (SPEC sections 3 and 4).

One pass over the text finds every number written in digits or words; each is read outwards into a
figure (currency, scale word, percent or unit, a second number for a range), then judged: dates,
times, years, ordinals, model numbers, list numbering and page furniture are dropped. What remains
gets its qualifier and interval, its norm value, the thing it counts or measures, the sentence that
holds it and who it is attributed to.

Number words are parsed by text2num and units by pint (see units.py); the patterns live in
patterns.py. Sentence splitting is our own (a regex and a list of abbreviations): the libraries
that do it well need model data or are an order of magnitude slower, and claims only need sentence
boundaries, not linguistic analysis.
"""
from __future__ import annotations

import bisect
import functools
import heapq
import re
import string
from dataclasses import dataclass, field

from . import patterns as P
from . import units
from .errors import ComparerError
from .models import Article, Claim

DEFAULT_TOLERANCE = 0.05
# Bounds that keep extraction linear in the length of the text, whatever the text: every figure is
# judged within its sentence and line, so a sentence or a line without end (1 MB without a full stop
# or a line break) would make the work per figure grow with the text.
MAX_SENTENCE_CHARS = 2000
"""A longer sentence is cut into pieces of at most this length, at a space where there is one."""
MAX_LINE_CHARS = 2000
"""A longer line is never page furniture, a link or list numbering, and is not searched for them."""
MAX_FIGURE_CHARS = 64
"""A longer run of digits is no figure a reader would check (the value would be over 1e18 anyway)."""
MAX_DATE_CHARS = 128
"""A date, a time, a link or a slug is matched over at most this many characters: each figure costs
the same however long its run of digits, commas and hyphens ("1,1,1,..." for a megabyte)."""
READ_AHEAD = 4096
"""How much further on than a figure needs DateCover reads the text: one call for the next figures
too (the work per figure stays bounded)."""
MAX_FIGURES = 20_000
"""More numbers than this in one article (a list or a table of numbers, not prose) is an error: each
claim holds its sentence, so 5 MB of "5% 5% ..." would take gigabytes and many minutes, and 1 MB of
"1-1-1-..." holds half a million numbers, each to be judged. News has a few thousand a megabyte."""
DENSE_FIGURES, DENSE_CHARS = 5_000, 50
"""More numbers than DENSE_FIGURES, at more than one every DENSE_CHARS characters on average, is an
error too: a table or a list of numbers, not prose (news has one every 150 characters or so). Such a
text would give thousands of claims without a thing or a source, and cost seconds a megabyte."""
MAX_SOURCE_CHARS = 400
"""A longer phrase is no source (a source has at most 9 words): it is not cleaned up, nor looked into."""
SUBJECT_WINDOW = 600
"""How far before a verb of saying its subject is looked for (past a parenthetical between commas)."""

NUMBER = re.compile(rf"(?P<digits>{P.DIGITS})|(?P<words>{P.WORD_NUMBER})|(?P<dozen>{P.A_DOZEN})", re.X | re.I)
DOT_GROUPED = re.compile(r"[1-9]\d{0,2}\.\d{3}")
DOTS_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")
GROUPED = re.compile(r"\d[, \u00a0\u202f\u2009.]\d{3}")
SCALE_WORD_ONLY = re.compile(r"(?:hundred|thousand|million|billion|trillion)", re.I)
SCALE_WORD_VALUES = frozenset(P.SCALE_WORDS.values())  # what parse_words reads a word of SCALE_WORD_ONLY as
A_BEFORE = P.Suffix(re.compile(
    r"(?:\b(?P<part>half[ \t]+|(?:a|one)[ \t]+(?:quarter|third)[ \t]+of[ \t]+|"
    r"(?:three[ \t]+quarters|two[ \t]+thirds)[ \t]+of[ \t]+)?(?P<a>an?)[ \t]+)\Z", re.I), ["a", "an"])
PARTS = {"half": 1 / 2, "quarter": 1 / 4, "third": 1 / 3, "three quarters": 3 / 4, "two thirds": 2 / 3}
DETERMINER_BEFORE = P.Suffix(re.compile(
    r"\b(?:the|these|those|its|their|his|her|our|your|my|all|both|every|first|last|next|other|"
    r"another|only|latest)[ \t]+$",
    re.I,
), "the these those its their his her our your my all both every first last next other another only latest".split())
HYPHEN_WORD = re.compile(r"-[A-Za-z]")
FRACTION_AFTER = re.compile(r"[ \t-]+(?:quarters?|thirds?|fifths?|halves)\b")
NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")
CURRENCY_AHEAD = re.compile(r"(?:US\$|[$€£¥₴₽₹])[ ]?")  # "$5-$10": the second figure's symbol
RANGE_TAIL = re.compile(r"[-‐][ \t]*(?:[$€£¥]|US\$)?\d")
COMPOUND_WORD = re.compile(r"-([a-z]+)\b")
AGO_AFTER = re.compile(r"[ \t]+(?:ago|earlier|later|before|after|previously|prior|back)\b", re.I)
# words that may open a sentence right before a figure without naming anything ("Only 30 ...")
SENTENCE_OPENERS = {"only", "just", "exactly", "another", "with", "all", "of", "in", "by", "for", "at", "and",
                    "but", "some", "precisely", "fully", "still", "yet", "about", "over", "nearly"}


@dataclass(slots=True)
class Figure:
    """A number as read from the text, before it is judged to be a claim."""

    value: float
    start: int
    end: int
    raw: str
    is_words: bool
    currency: str = ""
    scaled: bool = False
    percent: bool = False
    unit_written: str = ""
    grouped: bool = False
    # False when nothing that may join the figure to a range partner or a qualifier after it follows it
    # (P.JOIN_ANY does not match at its end), as _read_figure finds of most figures; True when something
    # may, or when it is not known
    joins: bool = field(default=True, compare=False, repr=False)


# --- sentences ------------------------------------------------------------------------------------

def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence: lines are split at sentence ends, and a line break ends a
    sentence unless the next line starts in lower case (a wrapped line)."""
    return list(iter_sentence_spans(text))


def iter_sentence_spans(text: str):
    """sentence_spans, one at a time."""
    start = 0
    for m in P.SENTENCE_END.finditer(text):
        cut = m.end()
        if not _ends_sentence(text, m.start(), cut):
            continue
        # the sentence without its surrounding white space; cut in pieces only when it is too long
        piece = text[start:cut]
        first = start + len(piece) - len(piece.lstrip())
        end = start + len(piece.rstrip())
        if end - first > MAX_SENTENCE_CHARS:
            yield from _span_pieces(text, first, end)
        elif end > first:
            yield first, end
        start = cut
    yield from _span_pieces(text, start, len(text))


def _ends_sentence(text: str, at: int, cut: int) -> bool:
    """Whether the match of SENTENCE_END at text[at:cut] ends a sentence: not a line break inside a
    wrapped line, an abbreviation, a one-letter word ("J. Smith") or a decimal point. Asks only of the
    few characters around it, so that a sentence end is known wherever it is found."""
    if text[at] == "\n":  # the only end that starts with one
        return not (at and text[cut:cut + 1].islower() and not text[at - 1].isspace())
    tail = text[at - 1:at]
    # an abbreviation or a one-letter word ends in a letter: after anything but a letter or white
    # space (which the word before is read past) the word before is neither, and ends in `tail`
    if tail.isalpha() or tail.isspace():
        word = text[max(0, at - 12):at].rsplit(None, 1)
        last = word[-1].lower().lstrip("(\"'“") if word else ""
        if last in P.ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            return False
        tail = last[-1:]
    # not a decimal point
    return not (tail.isdigit() and text[at] == "." and DIGIT_AHEAD.match(text, cut, cut + 3))


DIGIT_AHEAD = re.compile(r"\s*\d")


def _span_pieces(text: str, start: int, end: int):
    """The sentence text[start:end] without its surrounding white space, in pieces of at most
    `MAX_SENTENCE_CHARS`, cut at the last white space of a piece (or hard when it has none)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit),
                  text.rfind("\n", start + MAX_SENTENCE_CHARS // 2, limit))
        cut = cut if cut > start else limit
        yield from _span_pieces(text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


class _Sentences:
    """The sentence (as sentence_spans gives it) that holds a figure's first character, found where it
    is asked for. Whether a match of SENTENCE_END ends a sentence depends only on the characters around
    it (_ends_sentence), so the sentence of a figure runs from the last end before it to the first after
    it: found by looking back to the line break before it (at memchr speed, and further only past
    the breaks of wrapped lines) and forward from it. Sentences that hold no figure, most of a text, are
    not split at all; an article refused after MAX_FIGURES figures is not split to its end.

    Positions are asked in text order (the figures of a text): the search back stops at the end of the
    sentence found before, so each character is looked at about once whatever the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.size = len(text)
        self.segment = (0, 0)  # the text between the sentence ends before and after the last position asked
        self.spans: list[tuple[int, int]] = []  # its sentence (or the pieces of a sentence too long)
        self.starts: list[int] = []
        self.last: tuple[int, int] = (0, 0)
        self.every: list[tuple[int, int]] | None = None  # sentence_spans, for a position in white space
        self.marks: bytes | None = None  # the text's _sentence_marks, made when first asked
        self.break_after = (0, -2)  # where the line break after a position was searched from, and found (-1: none)

    def of(self, pos: int) -> tuple[int, int]:
        last = self.last
        if last[0] <= pos < last[1]:
            return last  # the figures of a sentence come one after another: no later one starts before pos
        if not self.segment[0] <= pos < self.segment[1]:
            floor = self.segment[1] if pos >= self.segment[1] else 0  # a sentence end, or the text's start
            start, cut = self._ends_around(pos, floor)
            self.segment = (start, cut)
            # the sentence without its surrounding white space (a character or two, looked at in place:
            # no copy of the sentence to strip); cut in pieces only when it is too long
            text, first, end = self.text, start, cut
            while first < end and text[first].isspace():
                first += 1
            while end > first and text[end - 1].isspace():
                end -= 1
            if end - first > MAX_SENTENCE_CHARS:
                self.spans = list(_span_pieces(self.text, first, end))
                self.starts = [s for s, _ in self.spans]
            elif first <= pos and first < end:  # the sentence whole, the figure in it: most often
                self.spans, self.starts = [(first, end)], [first]
                self.last = self.spans[0]
                return self.last
            else:
                self.spans, self.starts = ([(first, end)], [first]) if end > first else ([], [])
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0:  # white space before a sentence (never a figure): the sentence before it, if any
            if self.every is None:
                self.every = sentence_spans(self.text)
            k = bisect.bisect_right(self.every, (pos, self.size)) - 1
            return self.every[k] if k >= 0 else (0, self.size)
        self.last = self.spans[k]
        return self.last

    def _ends_around(self, pos: int, floor: int) -> tuple[int, int]:
        """Where the last sentence end before pos (no earlier than `floor`, itself a sentence end or the
        text's start) and the first after it (or the text's end) leave off: the text between them holds
        pos's sentence. A match of SENTENCE_END holds no figure's first character: each match is wholly
        before pos or after it."""
        text, size = self.text, self.size
        if self.marks is None:
            self.marks = _sentence_marks(text)
        marks, ends = self.marks, P.SENTENCE_END_IN_MARKS
        # the end marks of the line that holds pos (or of the text since floor): a run of them goes on
        # across neither a line break nor floor, and what follows a run asks for no more than the line
        before = text.rfind("\n", floor, pos)
        searched, after = self.break_after  # kept: in a text with no line breaks, each search would read to its end
        if not (searched <= pos <= after or searched <= pos and after == -1):
            after = text.find("\n", pos)
            self.break_after = (pos, after)
        start = end = -1
        hi = after if after >= 0 else size
        # most lines hold no sentence end but their line break: one search tells, and each match found
        # is searched on from its end (what finditer does, without making an iterator)
        m = ends.search(marks, before + 1 if before >= 0 else floor, hi)
        while m is not None:
            at, cut = m.span()
            if _ends_sentence(text, at, cut):
                if at >= pos:
                    end = cut
                    break
                start = cut
            m = ends.search(marks, cut, hi)
        # a line break ends a sentence unless the next line starts in lower case after no white space
        # (_ends_sentence of a line break, written out: asked of the two around most figures)
        while start < 0:  # no end in the line before pos: the line break before it, or the line before
            if before < 0:
                start = floor
            elif not (before and text[before + 1:before + 2].islower() and not text[before - 1].isspace()):
                start = before + 1
            else:  # a wrapped line: the sentence goes on from the line before
                hi, before = before, text.rfind("\n", floor, before)
                for m in ends.finditer(marks, before + 1 if before >= 0 else floor, hi):
                    at, cut = m.span()
                    if _ends_sentence(text, at, cut):
                        start = cut
        while end < 0:  # the same after pos
            if after < 0:
                end = size
            elif not (after and text[after + 1:after + 2].islower() and not text[after - 1].isspace()):
                end = after + 1
            else:
                lo, after = after + 1, text.find("\n", after + 1)
                for m in ends.finditer(marks, lo, after if after >= 0 else size):
                    at, cut = m.span()
                    if _ends_sentence(text, at, cut):
                        end = cut
                        break
        return start, end


def _sentence_marks(text: str) -> bytes:
    """The text as bytes, one for each character, in which SENTENCE_END_IN_MARKS finds the end marks
    SENTENCE_END finds in the text (but the line breaks): each end mark ".", each character past ASCII
    that SENTENCE_END asks about an ASCII character of its class, each other one "?", and each other
    ASCII character itself. An ASCII text (most) is its own bytes with "?" and "!" made ".": no table
    to translate each byte through."""
    if "?" in text:
        text = text.replace("?", ".")  # "?" is, below, every other character past ASCII
    if not text.isascii():
        for ch, mark in P.SENTENCE_MARKS_PAST_ASCII:
            if ch in text:
                text = text.replace(ch, mark)
    marks = text.encode("ascii", "replace")
    return marks.replace(b"!", b".") if b"!" in marks else marks


# --- numbers --------------------------------------------------------------------------------------

def parse_digits(raw: str) -> float:
    """Digits with , or space or (two or more) . groups, and decimals: '300 000' -> 300000."""
    if raw.isascii() and "," not in raw and " " not in raw and raw.count(".") < 2:
        return float(raw)  # "300", "1.5", ".5": no group to take out (what _parse_grouped does with them)
    return _parse_grouped(raw)


def _parse_grouped(raw: str) -> float:
    """parse_digits, for any digits."""
    text = raw.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    if DOTS_GROUPED.fullmatch(text):
        text = text.replace(".", "")
    elif DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")  # a decimal comma: "1,5 million"
    return float(text.replace(",", "").replace(" ", ""))


@functools.lru_cache(maxsize=4096)  # the same few words come back all the time
def parse_words(raw: str) -> tuple[float, int] | None:
    """A run of number words -> (value, length of the prefix used), via text2num. A run text2num
    cannot take as a whole ('three four') is shortened from the right."""
    from text_to_num import text2num

    tokens = list(re.finditer(r"[A-Za-z]+", raw))
    for n in range(len(tokens), 0, -1):
        piece = raw[:tokens[n - 1].end()]
        if piece.rstrip().lower().endswith(" and"):
            continue
        try:
            return float(text2num(piece.lower().replace("-", " "), "en")), tokens[n - 1].end()
        except ValueError:
            continue
    return None


HYPHENS = ("-", "\u2010")


class DateCover:
    """Which characters of a text lie in a date, a clock time or a similar span that is never a
    claim (patterns.DATE_SPANS).

    The spans are matched at every position where one may start, and nowhere else: a run of digits
    (or the bracket, plus sign or apostrophe just before it, the code or slug it ends, the "called"
    before 911), a month name (in a text with no link head, only where a span holding a digit may start
    at one: see __init__), the token that holds a link, and the hyphenated token around a number word
    (`words`: where number words start, as _word_starts gives). So a span that holds neither a
    digit nor a number word, which holds no figure to judge, may be left out. Overlapping spans all count
    ("30-7 Oct. 19" holds "7 Oct." and "Oct. 19"). Trying the pattern's thirty alternatives at each
    character around each figure was the largest single cost of extraction; at each start only those
    that may start at its character are tried (patterns.DATE_SPANS_AT), at a digit only those that may
    also go on with the character after its run of digits and blanks (see _match).

    The word before a run of digits after spaces is a start only where a span may start there that no
    other start finds (see _spaced): most runs of digits come after a plain word.

    The text is read only as far as figures are asked about, and READ_AHEAD further (see `covers`);
    no span is longer than MAX_DATE_CHARS: the work per figure is bounded whatever the text holds."""

    def __init__(self, text: str, words: list[int] | None = None, digits: list[int] | None = None) -> None:
        """`digits`, when given, are where the runs of digits start (as _digit_starts gives): the text
        is then not scanned for them a second time."""
        self.text = text
        self.size = len(text)
        self.cover = bytearray(len(text))
        self.tried: set[int] = set()
        self.memos = {"token": [-1, -1], "word": [-1, -1], "link": [-1, -1]}
        words = _word_starts(_lower(text)) if words is None else words
        # the link alternative of DATE_SPANS needs a link head: most texts hold none, and two plain
        # substring tests spare both scanning them with LINK_FIND and trying that alternative; most
        # hold no slash either, which a search for one character tells at memchr's speed ("://" is
        # searched for at a few instructions a character)
        has_links = ("/" in text and "://" in text) or "www." in text
        self.spans_at = P.DATE_SPANS_AT if has_links else P.DATE_SPANS_AT_NO_LINK
        self.after_digits = P.DATE_SPANS_AFTER_DIGITS if has_links else P.DATE_SPANS_AFTER_DIGITS_NO_LINK
        # each kind of start in text order, with the next one not yet read and where it has the spans
        # tried; the spans make one cover whatever the order the kinds are read in. The runs of digits,
        # the most starts, are read in _read itself, those up to a limit a slice of their list (with how
        # many are read), the others by a method each (the month names and the link heads only in a
        # text with a link head)
        self.digits = _digit_starts(text) if digits is None else digits
        self.digits_read = 0
        # the month names: in a text with no link head, the spans that start at one and hold a digit
        # are a month's before blanks and a run of digits ("Sept. 19", "May 2012"), found from the run
        # (see _spaced), or made of letters, digits and hyphens ("Jan08-078", "Sept-a-b-c-5"), which
        # the run's word starts or whose token is searched for them (_token_back); only the link's
        # ("Junehttp://...") needs them all. A search of the whole text tries every capital letter:
        # 11 ms on ECB+
        self.months_before = not has_links
        # how far each token (by its start) was searched for the words after its hyphens, asked in text
        # order for each kind of start but not across kinds (see _token_back)
        self.parts_searched: dict[int, int] = {}
        self.sources = [[iter(words), None, DateCover._word]]
        if has_links:
            self.sources += [[map(_START, P.MONTH_FIND.finditer(text)), None, DateCover._month],
                             [map(_START, P.LINK_FIND.finditer(text)), None, DateCover._link]]
        next_start = self.digits[0] if self.digits else _NEVER
        for source in self.sources:
            found = source[1] = next(source[0], None)
            if found is not None and found < next_start:
                next_start = found
        self.next_start = next_start
        self.rev = ""  # the text reversed, made when first needed (see _spaced)
        self.asked = -1  # the furthest limit asked for (see read_to)
        self.waiting: list[tuple[int, int]] = []  # (where found, start): a heap (see _back)
        self.quiet = -1  # a limit up to it leaves nothing to read (see read_to)
        self._quiet()

    def covers(self, start: int, end: int) -> bool:
        """Whether text[start:end] starts or ends inside a date or the like."""
        limit = end + MAX_DATE_CHARS  # a span that reaches back to end starts no further on
        if limit > self.asked:
            # the text is read READ_AHEAD further on, one call for the next figures too; what that
            # finds may only cover what these figures would find themselves (see _back). Most
            # figures find it read (limit up to self.quiet): the limit asked for is all that changes
            if limit > self.quiet:
                self.read_to(limit, READ_AHEAD)
            else:
                self.asked = limit
        return bool(self.cover[start]) or (end > start and bool(self.cover[end - 1]))

    def read_to(self, limit: int, ahead: int = 0) -> None:
        """Match the spans of every position up to `limit` where one may start: the cover of the text
        up to `limit`, as a figure that ends MAX_DATE_CHARS before it sees it. With `ahead`, the
        positions up to limit + ahead are read too, but a start found there more than MAX_DATE_CHARS
        before where it was found waits until `limit` reaches that place (see _back)."""
        self.asked = max(self.asked, limit)
        if limit + ahead >= self.next_start:  # else there is no start to read (most figures)
            self._read(limit + ahead)
        waiting = self.waiting
        if waiting and waiting[0][0] <= limit:
            starts = []
            while waiting and waiting[0][0] <= limit:
                starts.append(heapq.heappop(waiting)[1])
            self._match(starts)
        self._quiet()

    def _quiet(self) -> None:
        """The furthest limit that a call of read_to(limit, READ_AHEAD) would only make the limit asked
        for: no start within READ_AHEAD of it is left to read, no start waits for it (see _back)."""
        quiet = self.next_start - READ_AHEAD
        if self.waiting and self.waiting[0][0] < quiet:
            quiet = self.waiting[0][0]
        self.quiet = quiet - 1

    def _read(self, limit: int) -> None:
        """Match the spans of every position up to `limit` where one may start (but see _back)."""
        text, digits, read = self.text, self.digits, self.digits_read
        self.digits_read = now_read = bisect.bisect_right(digits, limit, read)
        starts = digits[read:now_read]  # the runs of digits, and the starts found from them below
        if starts:
            rev, size = self.rev, self.size
            for p in digits[read:now_read]:
                if p:
                    before = text[p - 1]
                    if before in " \t/":
                        # most runs come after blanks and a plain word no span may start at ("killed
                        # 12"), which one match in the reversed text tells: _spaced would find nothing
                        # there (tests/test_patterns.py checks)
                        if not rev:
                            rev = self.rev = text[::-1]
                        if _PLAIN_WORD_REV(rev, size - p) is None:
                            self._spaced(p, starts)
                    elif before in "(+'":
                        starts.append(p - 1)
                    elif before.isalpha() or before in HYPHENS:
                        self._token_back(p, p, starts)  # MS08-078, a-slug-of-4-words-2022
                        self._back(p, self._run_start(p, _in_word, "word"), starts)
        next_start = digits[now_read] if now_read < len(digits) else _NEVER
        for source in self.sources:
            found = source[1]
            if found is not None and found <= limit:
                found_starts, kind = source[0], source[2]
                while found is not None and found <= limit:
                    kind(self, found, starts)
                    found = next(found_starts, None)
                source[1] = found
            if found is not None and found < next_start:
                next_start = found
        self.next_start = next_start
        self._match(starts)

    def _back(self, p: int, q: int, starts: list[int]) -> None:
        """A start q found from the one at p (the token or the link that holds p). Found more than
        MAX_DATE_CHARS before p while reading ahead (p past the furthest limit asked for), it waits
        until a limit reaches p: the spans of a start found at or before a limit may cover what a
        figure that ends MAX_DATE_CHARS before it asks about, those of the other starts no further
        back than that from where they were found only what no figure asked about so far holds."""
        if p - q > MAX_DATE_CHARS and p > self.asked:
            heapq.heappush(self.waiting, (p, q))
        else:
            starts.append(q)

    def _match(self, starts: list[int]) -> None:
        """Match the spans at each start not tried yet."""
        # at each start, only the alternatives that may start at its character (DATE_SPANS_AT); one
        # loop with no calls but the match, as the starts are many (one or two for each figure)
        # at a digit (most starts), only those that may also go on with the character after its run
        # and the blanks after it, told apart from one right after the run (P.date_spans_after_digits, a
        # pattern or a few tried in turn):
        # after most runs that is a plain word after a space ("12 people"), which none of the
        # alternatives may take (no match is tried), a comma or a full stop, which one or a few may;
        # finding it is one more match, the thirty alternatives of the others fewer
        text, size, cover, tried, spans_at = self.text, self.size, self.cover, self.tried, self.spans_at
        after_digits = self.after_digits
        for q in starts:
            if q in tried or q >= size:
                continue
            tried.add(q)
            ch = text[q]
            end = q + MAX_DATE_CHARS  # an end past the text is the text's end
            if "0" <= ch <= "9":
                e = _DIGITS_END(text, q, end).end()
                # (0 or not, the character after, blanks before it): a key in a dict, no call
                key = (ch == "0", text[e] if e < size and e < end else "", text[e - 1] in " \t")
                matches = after_digits.get(key)
                if matches is None:
                    matches = P.date_spans_after_digits(*key, after_digits)
                for match in matches:  # most often one, none after most runs ("12 people")
                    m = match(text, q, end)
                    if m is not None:
                        break
                else:
                    continue
            else:
                m = (spans_at.get(ch) or P.date_spans_at(ch, spans_at)).match(text, q, end)
                if m is None:
                    continue
            end = m.end()
            if end > q:
                cover[q:end] = b"\x01" * (end - q)

    def _spaced(self, p: int, starts: list[int]) -> None:
        """A run of digits at p after spaces, tabs or slashes (up to 8): the spans may start at the
        token before them ("called 911", "a-slug-of-four-words / 11614"). Most runs of digits come
        after a space and a plain word ("killed 12"), where of the alternatives that may start at a
        letter only a month's can match (month names are found apart, see _month_before): a plain
        word is taken as a start only before 911 or after a slash (a link), like "called 911" or a link.
        The word is read backwards by a match in the reversed text, not a character at a time. (The read
        loop calls it only where _PLAIN_WORD_REV, which holds most of these, does not match.)"""
        rev = self.rev
        if not rev:
            rev = self.rev = self.text[::-1]
        m = _SPACED_REV.match(rev, self.size - p)  # (position k in rev is size - k in the text)
        q = self.size - m.end(1)  # where the spaces, tabs or slashes start
        if not q:
            return
        w = self.size - m.end()  # where the plain word before them starts, when there is one
        text = self.text
        if self.months_before and (text[w:q] in P.MONTH_NAME_SET or text[q - 1] in "., \t"):
            self._month_before(p, starts)
        if w == q or (w and _in_token(text[w - 1])):
            if text[q - 1].isalnum():  # no plain word there: digits, hyphens, other letters
                self._token_back(p, q, starts)
        elif text[p - 1] == "/" or text.startswith(_CALLED_NUMBERS, p):
            self._back(p, w, starts)  # the plain word is its token: it starts there, with no hyphen to skip

    def _month_before(self, p: int, starts: list[int]) -> None:
        """A month name before the blanks before the run of digits at p, with a full stop, a comma or
        both after it, where a span no longer than MAX_DATE_CHARS may start: every start MONTH_FIND
        finds where a month's span may reach the run (one in a longer word, "Mayor", is none)."""
        size = self.size
        m = _MONTH_BEFORE_REV.match(self.rev, size - p, size - p + MAX_DATE_CHARS)
        if m is not None:
            w = size - m.end()
            if self.text[w:size - m.start(1)] in P.MONTH_NAME_SET:
                self._back(p, w, starts)

    def _run_start(self, q: int, inside, memo: str) -> int:
        """The start of the run of characters `inside` that ends at q. The memo holds the query
        before (asked in text order) and its answer: a walk that reaches it stops there, so that each
        run is walked once however many figures it holds ("1-1-1-..." for a megabyte)."""
        text, last = self.text, self.memos[memo]
        p = q
        while p > 0 and inside(text[p - 1]):
            p -= 1
            if p == last[0]:
                p = last[1]
                break
        last[0], last[1] = q, p
        return p

    def _token_back(self, p: int, q: int, starts: list[int]) -> None:
        """The start of the token that ends at q, a start found from the one at p, and where a span may
        start that the token's start misses, the words after its hyphens up to MAX_DATE_CHARS before q (a
        span that starts further back ends before q; inside a word of the token \\b lets none start, and
        its runs of digits are starts of their own). The token's start misses a slug or a month name
        after a hyphen where \\b fails there ("_x-Sept-a-b-c-5", "é-a-b-c-d-5"), where the token is longer
        than MAX_DATE_CHARS, and where another alternative may match first and end in the token: one that
        starts at digits, or at letters and digits ("11-of-3611-of-36-x 2022": "11-of-3611" at the start,
        the slug up to 2022 from "of"). Elsewhere (most tokens: "Su-30", "a-slug-of-words-2022") the
        slug from its start, if any, covers what one from a later word would. Each hyphen is looked at
        once: how far a token was searched is remembered by its start."""
        t = self._token_start(q)
        self._back(p, t, starts)
        text = self.text
        if t >= q - MAX_DATE_CHARS and not (t and (text[t - 1] == "_" or text[t - 1].isalnum())) and \
                not _DIGITS_FIRST.match(text, t, q):
            return
        low = self.parts_searched.get(t, t)
        if low < q - MAX_DATE_CHARS:
            low = q - MAX_DATE_CHARS
        if low < q:
            for m in _AFTER_HYPHEN.finditer(text, low, q):
                self._back(p, m.end(), starts)
            self.parts_searched[t] = q

    def _token_start(self, q: int) -> int:
        """The start of the letters, digits and hyphens that end at q (past leading hyphens)."""
        q = self._run_start(q, _in_token, "token")
        end = min(self.size, q + MAX_DATE_CHARS)
        while q < end and self.text[q] in HYPHENS:
            q += 1
        return q

    def _month(self, p: int, starts: list[int]) -> None:
        """A month name at p."""
        starts.append(p)

    def _link(self, p: int, starts: list[int]) -> None:
        """The head of a link at p: the spans may start at the start of the token that holds it."""
        self._back(p, self._run_start(p, _not_space, "link"), starts)

    def _word(self, p: int, starts: list[int]) -> None:
        """A number word at p, in a hyphenated token: "three-alarm-fire-kills-two"."""
        text, q = self.text, p
        low = p - 1 if p else 0
        if text.find("-", low, p + 13) < 0 and text.find("\u2010", low, p + 13) < 0:
            return  # no hyphen where the loop below looks for one (most number words)
        while q < self.size and q < p + 12 and text[q].isalpha():
            q += 1
        if text[p - 1:p] in HYPHENS or text[q:q + 1] in HYPHENS:
            self._token_back(p, p, starts)


_START = re.Match.start
# (DateCover._token_back) a hyphen inside a token, before a word; a token that starts with digits, or letters then digits
_AFTER_HYPHEN = re.compile(r"[-\u2010](?=[A-Za-z0-9])")
_DIGITS_FIRST = re.compile(r"[A-Za-z]*[0-9]")
_DIGITS_END = re.compile(r"\d*[ \t]*").match  # the run of digits at a start and the blanks after it (DateCover._match)
_NEVER = 1 << 62  # the next start of a source read to its end
# from a run of digits back (in the reversed text): the spaces, tabs or slashes before it (up to 8,
# as DateCover._spaced reads them) and the plain word before them
_SPACED_REV = re.compile(r"([ \t/]{1,8})([A-Za-z]*)")
# from a run of digits after blanks back (in the reversed text): what _spaced finds no start in (most
# runs: "killed 12", "people, 12", "Mr. 5", ": 12"), so that the read loop need not call it. Up to 8
# blanks (as _SPACED_REV reads), not after "called" before 911, 999 or 112, then: a plain word (the
# letters after a character no token holds) that is no month name (its first letter begins none); a
# comma, a full stop or both, with no letter or such a word before (_month_before reads them); a mark
# that is no letter or digit of any script (a token's end), no blank, slash, comma nor full stop
_NO_MONTH_INITIAL = "".join(c for c in string.ascii_letters if c not in P.MONTH_INITIALS)
_PLAIN_WORD_REV = re.compile(
    r"(?<!119)(?<!999)(?<!211)[ \t]{1,8}(?:"
    rf"[A-Za-z]*[{_NO_MONTH_INITIAL}](?![-‐A-Za-z0-9])"
    rf"|(?:,\.|,(?!\.)|\.)(?:[A-Za-z]*[{_NO_MONTH_INITIAL}])?(?![A-Za-z])"
    r"|[^\w \t/.,])").match
# from a run of digits back (in the reversed text): the blanks before it, a comma, a full stop, and the
# ASCII letters before them (a month name when DATE_SPANS's MONTH matches there, DateCover._month_before)
_MONTH_BEFORE_REV = re.compile(r"[ \t]+,?\.?([A-Za-z]+)")
_CALLED_NUMBERS = ("911", "999", "112")  # the numbers of the "called 911" alternative of DATE_SPANS
# the characters of a token and of a word (DateCover._run_start), as set look-ups
_in_token = frozenset(string.ascii_letters + string.digits + "".join(HYPHENS)).__contains__
_in_word = frozenset(string.ascii_letters + string.digits).__contains__



def _not_space(ch: str) -> bool:
    return not ch.isspace()


def date_cover(text: str) -> bytearray:
    """1 for each character of `text` in a date or the like, 0 elsewhere (see DateCover)."""
    dates = DateCover(text)
    dates.read_to(len(text))
    return dates.cover


def _read_words(text: str, m: re.Match) -> Figure | None:
    """A number in words ("three hundred", "a dozen", "half a million"), or None for a bare scale word.
    (Digits are read by _read_figure.)"""
    if m.group("dozen") is not None:  # "a dozen air tankers", "half a dozen"
        return Figure(6.0 if m.group("dozen").lower().startswith("half") else 12.0, m.start(), m.end(),
                      m.group("dozen"), True)
    raw = m.group("words")
    parsed = parse_words(raw)
    if parsed is None:
        return None
    value, used = parsed
    start = m.start()
    end = start + used
    # a bare scale word is worth what it names: other values need no look at the words
    if value in SCALE_WORD_VALUES and SCALE_WORD_ONLY.fullmatch(raw[:used].strip()):
        a = A_BEFORE.before(text, start, 30)
        if a is None:
            return None  # "hundreds", "a thousand-year history" aside, a bare scale word is no figure
        start = a.start()
        if a.group("part"):  # "half a million", "a quarter of a million"
            part = " ".join(w for w in a.group("part").lower().split() if w not in ("a", "one", "of"))
            value *= PARTS[part]
    return Figure(value, start, end, text[start:end], True)


def _lead(text: str, pos: int) -> str:
    """The first character at or after pos past white space and hyphens (as the patterns after a
    figure pass them over), or "" when it is not within a few characters (see P.SCALE_AFTER_LEADS)."""
    return text[pos:pos + 8].lstrip(" \t\u00a0-")[:1]


def _read_after(text: str, fig: Figure, pos: int, tail: str) -> int:
    """What is written after a figure, from pos: scale, currency, percent or unit, or "magnitude" before
    it; set on the figure. Returns where the figure ends."""
    lead = _lead(text, pos)  # each pattern after the figure is tried only if it may start with it
    sc = P.SCALE_AFTER.match(text, pos) if lead in P.SCALE_AFTER_LEADS else None
    if sc and not fig.is_words:
        key = sc.group("word") or sc.group("suffix")
        fused_million = key in ("m", "M") and not sc.group("word") and re.match(
            r"[ \t]+(?:people|[a-z]+s)\b(?<!\bdays)(?<!\byears)", text[sc.end():sc.end() + 30]) and not re.match(
            r"[ \t]+(?:tall|high|long|wide|deep|away|above|below|from|of|in|across|is|was|as)\b", text[sc.end():sc.end() + 12])
        if sc.group("word") or key.lower() in ("k", "bn", "mn", "tn") or fig.currency or fused_million:
            fig.value *= P.SCALE_VALUES[key.lower()]
            fig.scaled = True
            pos = sc.end()
            lead = _lead(text, pos)
    elif fig.is_words:
        if sc and sc.group("word"):
            fig.value *= P.SCALE_VALUES[sc.group("word").lower()]
            fig.scaled = True
            pos = sc.end()
            lead = _lead(text, pos)
    if not fig.currency and lead in P.CURRENCY_AFTER_LEADS:
        ca = P.CURRENCY_AFTER.match(text, pos)
        if ca:
            word = " ".join(ca.group().split())
            code = P.CURRENCY_WORDS.get(word) or P.CURRENCY_WORDS.get(word.lower())
            if word in P.CURRENCY_CODES:
                code = word
            if word.lower() in ("pounds", "pound"):
                code = "GBP" if fig.scaled else None
            if code:
                fig.currency = code
                pos = ca.end()
                lead = _lead(text, pos)
    if not fig.currency:
        if lead in P.PERCENT_LEADS:
            pp = P.PERCENT_POINTS.match(text, pos)
            pc = P.PERCENT_AFTER.match(text, pos)
        else:
            pp = pc = None
        if pp and not fig.is_words and "point" in pp.group():
            fig.unit_written = "percentage points"
            pos = pp.end()
        elif pc:
            fig.percent = True
            pos = pc.end()
        else:
            un = P.UNIT_AFTER.match(text, pos) if lead in P.UNIT_AFTER_LEADS else None
            if un:
                written = un.group("unit")
                spaced = un.start("unit") > pos
                if not (spaced and written in P.AMBIGUOUS_SPACED_UNITS):
                    fig.unit_written = written
                    pos = un.end()
            else:
                mag = P.MAGNITUDE_AFTER.match(text, pos) if lead in P.MAGNITUDE_AFTER_LEADS else None
                if mag or P.MAGNITUDE_BEFORE.at(tail, text, fig.start, 14):
                    fig.unit_written = "magnitude"
                    if mag:
                        pos = mag.end()
    return pos


# the endings of the patterns _read_around asks before a figure in digits, and in words (no currency before
# them), by their last character (P.by_last): a tail that ends with none of them has none of those patterns
# before it (Suffix.at would say so of each, one call at a time)
ENDS_BEFORE_DIGITS = P.by_last(P.CURRENCY_BEFORE.endings + P.MAGNITUDE_BEFORE.endings)
ENDS_BEFORE_WORDS = P.by_last(P.MAGNITUDE_BEFORE.endings)


# Most figures and statements are made where _new makes them and each field is stored there: calling
# their class costs about twice as much (the arguments are made a tuple, and __init__ is found and run in
# a frame of its own). tests/test_patterns.py compares what they make with what the class makes.
_new = object.__new__


def _read_figure(text: str, m: re.Match) -> Figure | None:
    """A number and what is written around it: currency, scale, percent or unit."""
    raw = m.group("digits")
    if raw is not None:  # most figures: digits, read here
        start, end = m.span()
        # Figure(value, start, end, raw, False, grouped=...), written out (see _new)
        fig = _new(Figure)
        fig.value, fig.start, fig.end, fig.raw, fig.is_words = \
            float(raw) if raw.isdigit() and raw.isascii() else parse_digits(raw), start, end, raw, False
        fig.currency, fig.scaled, fig.percent, fig.unit_written, fig.joins = "", False, False, "", True
        fig.grouped = len(raw) > 4 and GROUPED.search(raw) is not None
        ends = ENDS_BEFORE_DIGITS
    else:
        fig = _read_words(text, m)
        if fig is None:
            return None
        start, end = fig.start, fig.end
        ends = ENDS_BEFORE_WORDS
    tail = P.Suffix.tail(text, start)  # asked of each pattern that may end before the figure
    # most figures: no scale, currency, percent or unit after them (AFTER_ANY), and no join (JOIN_ANY)
    follows = P.AFTER_OR_JOIN.match(text, end)
    after = follows is not None and follows.lastindex is not None  # its only group is AFTER_ANY's
    ends = ends.get(tail[-1:])
    if not after and (ends is None or not tail.endswith(ends)):
        # nor currency or magnitude before them: nothing for _read_around to set but a thousands dot (a
        # minus only counts before a percent or a unit)
        if raw is not None and "." in raw and DOT_GROUPED.fullmatch(raw):
            fig.value = float(raw.replace(".", ""))  # as _read_around reads it
            fig.grouped = True
        if follows is None:
            fig.joins = False  # its end stays where JOIN_ANY was asked
        return fig
    return _read_around(text, fig, tail, after)


def _read_around(text: str, fig: Figure, tail: str, after: bool) -> Figure:
    """What _read_figure reads around a figure as read so far, given the tail before it (Suffix.tail)
    and whether P.AFTER_ANY matches at its end."""
    cur = None if fig.is_words else P.CURRENCY_BEFORE.at(tail, text, fig.start, 5)
    if cur:
        symbol = cur.group().strip()
        fig.currency = P.CURRENCY_SYMBOLS.get(symbol, symbol if symbol in P.CURRENCY_CODES else "")
        fig.start = cur.start()
        tail = P.Suffix.tail(text, fig.start)
    pos = fig.end
    if not after:  # no scale, currency, percent or unit after the figure
        if not fig.currency and P.MAGNITUDE_BEFORE.at(tail, text, fig.start, 14):
            fig.unit_written = "magnitude"
    else:
        pos = _read_after(text, fig, pos, tail)
    if "." in fig.raw and DOT_GROUPED.fullmatch(fig.raw) and not (fig.scaled or fig.currency or fig.percent or fig.unit_written):
        fig.value = float(fig.raw.replace(".", ""))  # "1.400 people": a thousands dot, as in much of Europe
        fig.grouped = True
    fig.end = pos
    neg = P.NEGATIVE_BEFORE.at(tail, text, fig.start, 7) \
        if not fig.is_words and (fig.percent or fig.unit_written) else None
    if neg and (neg.group().lower().startswith("minus") or fig.unit_written in ("°C", "°F", "degrees Celsius", "degrees Fahrenheit") or fig.percent):
        fig.value = -fig.value  # "minus 5 degrees Celsius", "-3.5%"
        fig.start = neg.start()
    return fig


def _unit_of(fig: Figure) -> tuple[str, str]:
    """(unit, kind) where kind is 'money', 'percent', 'measure', 'magnitude' or 'count'."""
    if fig.currency:
        return fig.currency, "money"
    if fig.percent:
        return "%", "percent"
    if fig.unit_written == "magnitude":
        return "magnitude", "magnitude"
    if fig.unit_written == "percentage points":
        return "pp", "points"
    if fig.unit_written:
        return fig.unit_written, "measure"
    return "", "count"


# --- judging ----------------------------------------------------------------------------------------

def _prev_word(text: str, pos: int, floor: int) -> str:
    r"""The word before pos (its last 30 characters, from floor on), past spaces and tabs and one final
    line break; "" when other white space or nothing is there. What group(1) of a search for
    r"([^\s]+)[ \t]*$" finds, without trying the pattern at each position (tests/test_patterns.py)."""
    lo = pos - 30
    if lo < floor:
        lo = floor  # not max(): a builtin call costs more
    if pos > lo and text[pos - 1] == "\n":
        pos -= 1  # "$" is also before a final line break
    head = text[lo:pos].rstrip(" \t")
    if not head or head[-1].isspace():
        return ""
    return head.rsplit(None, 1)[-1]


def _is_title_case(sentence: str) -> bool:
    """Whether at least 4 words of TITLE_WORD longer than 3 characters are in the sentence and three in
    four of them begin with a capital: TITLE_WORD_CAPITAL finds those words, each as its capital or "",
    in one pass (tests/test_patterns.py compares it with TITLE_WORD's words)."""
    capitals = TITLE_WORD_CAPITAL.findall(sentence)
    words = len(capitals)
    return words >= 4 and words - capitals.count("") >= 0.75 * words


TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# TITLE_WORD's words of more than 3 characters (a shorter word fails where it starts and at each
# character after it, which start shorter words still), the capital each begins with as group 1
TITLE_WORD_CAPITAL = re.compile(r"(?:([A-Z])|[a-z])[\w'’-]{3,}")


def _title_sentence(text: str, sent: tuple[int, int], memo: dict | None) -> bool:
    """_is_title_case of the sentence `sent`, judged once for all its figures."""
    key = ("title", sent)
    title = memo.get(key) if memo is not None else None
    if title is None:
        title = _is_title_case(text[sent[0]:sent[1]])
        if memo is not None:
            memo[key] = title
    return title


def _furniture_line(line: str) -> bool:
    """Whether a line is page furniture ("Comments (12)") or the remains of a link or a file path."""
    words = len(line.split(None, 15))  # the words up to 16 (the last with the rest): a paragraph's are not all split
    if words > 15:
        return False  # a paragraph (the word count first: it is cheaper than the searches)
    if words <= 8 and P.FURNITURE_LINE.match(line):
        return True
    return _may_be_url(line) and P.URL_LINE.search(line) is not None and THREE_WORDS.search(line) is None


def _may_be_url(line: str) -> bool:
    """Whether the line holds one of the literal parts of URL_LINE (lower-cased: it ignores case), which
    it must for the search to find it: most short lines hold none, told by a few finds, not a search at
    each position (tests/test_patterns.py)."""
    if "/" in line:
        return True
    low = line.lower()
    return "htm" in low or "www." in low or "http" in low or ".com" in low or ".org" in low or ".net" in low \
        or ".co.uk" in low



def _line_of(text: str, s: int) -> tuple[int, int, int]:
    """(start, end) of the line of position s, searched no further than MAX_LINE_CHARS either way (-1 for
    a bound not found so), and the last position from s on whose line has these same bounds (-1 when
    either is -1): a later figure before the line's end finds its start as s did while no more than
    MAX_LINE_CHARS after the line break (or after the text's start, which the search reaches from M on)."""
    lo = s - MAX_LINE_CHARS
    line_start = text.rfind("\n", lo if lo > 0 else 0, s) + 1
    if line_start == 0 and s > MAX_LINE_CHARS:
        line_start = -1  # a long line: the figure does not begin it
    line_end = text.find("\n", s, s + MAX_LINE_CHARS)
    if line_end < 0 and len(text) <= s + MAX_LINE_CHARS:
        line_end = len(text)
    if line_start < 0 or line_end < 0:
        return line_start, line_end, -1
    return line_start, line_end, (line_start + MAX_LINE_CHARS - 1 if line_start else MAX_LINE_CHARS)


def _furniture_at(text: str, lo: int, hi: int) -> bool:
    """_furniture_line of text[lo:hi] ("" when a bound is -1)."""
    return _furniture_line(text[lo:hi] if lo >= 0 and hi >= 0 else "")

# the characters MODEL_BEFORE may end in (the last before a model number: "Su-30", "A320")
_MODEL_LAST = frozenset(string.ascii_letters + "-\u2010")
# the units written after a figure that make it no measure (_unit_of)
_NOT_MEASURES = ("", "magnitude", "percentage points")
NUMBERING = frozenset(("No.", "No", "Nos.", "Nos", "#", "number", "Number"))
THREE_WORDS = re.compile(r"[a-z]{3,}[ \t]+[a-z]{3,}[ \t]+[a-z]{3,}")


def _not_a_claim(text: str, fig: Figure, sent: tuple[int, int], qualified: bool, dates: DateCover,
                 memo: dict | None = None) -> bool:
    """Dates, years, times, ordinals, model numbers, names, list numbering, furniture, vague words.
    `dates` knows the dates and the like of the text; `memo` keeps what was found of a line or a
    sentence for its other figures (see extract_claims)."""
    # (each rule answers True alone, and what they keep in the memo only saves work: in any order, the
    # same answer; split in three so that the main loop may ask the first part before the figure has a
    # statement, and the first two before it has a sentence)
    return _not_a_claim_early(text, fig, dates) or _vague(fig, qualified) or \
        _not_a_claim_late(text, fig, sent, qualified, memo)


def _not_a_claim_early(text: str, fig: Figure, dates: DateCover, unit_end: int | None = None) -> bool:
    """The rules of _not_a_claim that look at neither the sentence nor the qualifier (dates, years,
    model numbers, ordinals, number words in a compound or after a determiner, durations that date):
    they take most of the figures it takes (those take few figures each that it asks last).
    `unit_end` is where the figure's unit is written when not right after it: after the second figure
    of a range ("5-10 years ago")."""
    # (the rules that take most figures come first: a figure taken earlier skips the others)
    s, end, currency = fig.start, fig.end, fig.currency
    if _dated(fig, dates):
        return True
    if not fig.is_words:
        # a letter right after the digits ("5G", "A320s"), an ordinal's "st", "nd", "rd", "th" among them
        after = text[end:end + 1]
        if after.isalpha() or after == "/" or (
                after in HYPHENS and text[end + 1:end + 2].isdigit() and not _is_range_tail(text, fig)):
            return True
        if s:
            before = text[s - 1]
            if before in "/#@_":
                return True
            # MODEL_BEFORE ends in a letter or a hyphen, which few figures come after: searched only then
            if before in _MODEL_LAST and P.MODEL_BEFORE.search(text, s - 3 if s > 3 else 0, s) and \
                    not currency and fig.unit_written != "magnitude":
                return True
    # the kind of _unit_of, without building its pair: a count has no currency, percent or unit
    unit = fig.unit_written
    plain = not currency and not fig.percent
    if plain and not unit:
        if not fig.scaled and 1500 <= abs(fig.value) <= 2100 and _year_like(fig) and _looks_like_year(text, fig):
            return True
        if fig.is_words and HYPHEN_WORD.match(text, end, end + 2):
            return True  # "a two-time winner", "seventy-something"
    if fig.is_words:
        if FRACTION_AFTER.match(text, end, end + 12):
            return True  # "three quarters of": a fraction, read with what it is a fraction of
        if fig.value < 100 and DETERMINER_BEFORE.before(text, s, 12):
            return True
    if plain and unit not in _NOT_MEASURES:  # a measure
        if unit_end is not None:
            end = unit_end
        # (DATING_AFTER starts with "^": matched in a slice that starts right before the unit)
        if P.DATING_AFTER.match(text[max(s, end - len(unit) - 1):end + 20]):
            return True
        if units.lookup(unit) in P.DURATION_UNITS and P.DATING_BEFORE.before(text, s, 20):
            return True
        if AGO_AFTER.match(text, end, end + 12):
            return True
    return False


def _vague(fig: Figure, qualified: bool) -> bool:
    """The rule of _not_a_claim on the words zero and one unqualified ("one of them", "no one"): it looks
    at the qualifier and not the sentence."""
    return fig.is_words and fig.value in (0, 1) and not fig.scaled and not qualified


def _not_a_claim_late(text: str, fig: Figure, sent: tuple[int, int], qualified: bool,
                      memo: dict | None = None) -> bool:
    """The other rules of _not_a_claim: those that look at the sentence (names), then those that take
    few figures (furniture, reading times, photo counters, list numbering), which each figure kept has
    to pass, last."""
    s, end, is_words = fig.start, fig.end, fig.is_words
    count = not fig.currency and not fig.percent and not fig.unit_written
    scaled = fig.scaled
    prev = None  # the word before the figure, found once for the two rules that look at it
    if count and not scaled and not qualified:
        # (the number starts where the figure does: a count has no currency before it)
        prev = _prev_word(text, s, sent[0])
        # most words before a figure begin in lower case: then the word is no name, and of NUMBERING
        # only "number" begins so (stripping takes no letter off)
        if not prev[:1].islower() or prev.startswith("number"):
            w = prev.strip("\"'“”‘’(")
            numbering = w in NUMBERING
            if w and not w[-1].isalnum() and not numbering:
                w = ""  # "Defence, 259 jets": punctuation ends the name
            # "No. 1", "#5", "Apollo 11": unless the sentence is in title case (a headline), judged last as
            # it costs the most
            if (numbering or (w[:1].isupper() and w not in P.MONTHS and w not in P.WEEKDAYS and not fig.grouped
                              and not is_words)) and not _title_sentence(text, sent, memo):
                if numbering:
                    return True
                first_of_sentence = text[sent[0]:s].strip() == prev and (
                    w.lower() in P.STOP_WORDS or w.lower() in P.QUALIFIER_OF or w.lower() in SENTENCE_OPENERS)
                if not first_of_sentence:
                    return True
    if is_words:
        if prev is None:
            prev = _prev_word(text, s, sent[0])
        if prev and fig.raw[:1].isupper() and text[sent[0]:s].strip() and prev[:1].isupper() \
                and not _title_sentence(text, sent, memo):
            return True  # Formula One, Channel Four
    if P.FURNITURE_INLINE.before(text, s, 14):
        return True
    # what READ_TIME_AFTER, OF_TOTAL_AFTER and LINE_ENDS may begin with, one match for the three: most
    # figures have a word after them that begins with none of them
    if P.READ_OR_COUNTER_AFTER.match(text, end):
        read_time = P.READ_TIME_AFTER.match(text, end)
        if read_time and (read_time.group("min") or fig.unit_written.lower().startswith("min")):
            return True  # "5 min read"
        if P.OF_TOTAL_AFTER.match(text, end) or (
                text[s - 1:s] in (" ", "\t") and P.LINE_ENDS.match(text, end) and P.OF_TOTAL_BEFORE.search(text, max(0, s - 16), s)):
            return True  # a photo counter: "1 of 12" at the end of a caption
    # the line of the figure (last: a figure another rule takes needs none of it), searched no further
    # than MAX_LINE_CHARS either way (see there); the figures of one line (they come in order) take its
    # bounds and whether it is furniture from the memo
    line = memo.get("line") if memo is not None else None
    if line is not None and line[0] <= s <= line[2] and s < line[1]:
        line_start, furniture = line[0], line[3]
    else:
        line_start, line_end, reach = _line_of(text, s)
        furniture = _furniture_at(text, line_start, line_end)
        if memo is not None and reach >= 0:
            memo["line"] = (line_start, line_end, reach, furniture)
    if furniture:
        return True
    if not is_words and text[end:end + 1] in (".", ")") and text[end + 1:end + 2] in (" ", "\t") and \
            line_start >= 0 and not text[line_start:s].strip():
        return True  # list numbering (the line before the figure, the longest to look at, looked at last)
    return False


def _year_like(fig: Figure) -> bool:
    return not fig.is_words and not fig.grouped and fig.value.is_integer() and 1500 <= abs(fig.value) <= 2100 \
        and "." not in fig.raw and not fig.currency and not fig.unit_written and not fig.percent


def _looks_like_year(text: str, fig: Figure) -> bool:
    if P.YEAR_PREFIX.before(text, fig.start, 16):
        return True
    nxt = NEXT_WORD.match(text, fig.end, fig.end + 30)
    if not nxt:
        return True
    word = nxt.group(1)
    if not (word.lower().endswith("s") or word.lower() in P.PLURALS):
        return True  # "a 2006 accident"
    return word[0].isupper() or word.lower() in P.STOP_WORDS or word.lower() in P.LINK_VERBS or \
        word.endswith("ed") or word.lower() in ("saw", "brought", "began", "ended", "marked")


def _is_range_tail(text: str, fig: Figure) -> bool:
    return RANGE_TAIL.match(text, fig.end, fig.end + 6) is not None


# --- ranges and qualifiers ------------------------------------------------------------------------

DASHES = ("-", "–", "—")
# what a partner after digits and a dash may start with (not number words, which _range_partner refuses
# there): digits (str.isdigit, which holds \d), a decimal point, "a dozen" or "half a dozen", a currency
# (CURRENCY_AHEAD). tests/test_patterns.py checks it against NUMBER and CURRENCY_AHEAD
DASH_PARTNER_LEADS = frozenset(".aAhHU$€£¥₴₽₹")


def _range_partner(text: str, first: Figure, head_between: bool) -> tuple[Figure, re.Match] | None:
    """The second figure of "200-300", "200 to 300", "between 200 and 300", or None."""
    j = P.RANGE_JOIN.match(text, first.end)
    if not j:
        return None
    word = j.group().strip().lower()
    if word == "and" and not head_between:
        return None
    if word in DASHES and not first.is_words and not (text[j.end():j.end() + 1].isdigit()
                                                      or text[j.end():j.end() + 1] in DASH_PARTNER_LEADS):
        return None  # "5-year-old", "2-0 win": after digits and a dash only digits are a partner (below)
    nm = NUMBER.match(text, j.end())
    if not nm:
        cm = CURRENCY_AHEAD.match(text[j.end():j.end() + 4])
        if not cm:
            return None
        nm = NUMBER.match(text, j.end() + cm.end())
        if not nm or nm.group("digits") is None:
            return None
    # (asked once a number is known to follow: most "to"s after a figure are followed by none)
    if word == "to" and not head_between and P.CHANGE_BEFORE_FROM.search(text, max(0, first.start - 60), first.start):
        return None  # "rose from 20 to 35", "rose 5% to 300": a change, not a range
    if nm.group("words") is not None and first.is_words is False and word in DASHES:
        return None
    second = _read_figure(text, nm)
    if second is None:
        return None
    if first.currency and not second.currency:
        second.currency = first.currency  # "$140-150 million"
    return second, j


def _qualifier_before(text: str, q: re.Match) -> tuple[str, int] | None:
    """(qualifier, where its phrase starts) of a match of QUALIFIER_BEFORE, or None for no bound."""
    phrase = " ".join(q.group("q").lower().split())
    if phrase in ("past", "beyond") and re.search(r"\b(?:the|its|their|his|her|last)[ \t]+$", text[max(0, q.start() - 8):q.start()]):
        return None  # "the past 24 hours" is a period, not a bound
    return P.QUALIFIER_OF.get(phrase, "approx"), q.start("q")


def _interval(qualifier: str, value: float, low: float, high: float, t: float):
    if qualifier == "exact":
        return value, value
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return None, value
    if qualifier == "approx":
        return min(value * (1 - t), value * (1 + t)), max(value * (1 - t), value * (1 + t))
    return low, high


# --- the thing counted --------------------------------------------------------------------------

SCOPE_PREPS = {"in", "across", "from", "of", "since", "at", "for"}
AUX = {"has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "could", "can",
       "may", "might", "must", "should", "did", "does", "do", "also", "now", "already", "so", "far"}
STOP_OR_SCOPE = P.STOP_WORDS | SCOPE_PREPS
STOP_OR_AUX = P.STOP_WORDS | AUX
STOP_LINK_AUX = P.STOP_WORDS | P.LINK_VERBS | AUX
# the words a phrase after a figure may open with before its noun: "7% of its workforce", "$5m in aid"
NO_WORDS: frozenset[str] = frozenset()
LEAD_OK = {kind: frozenset({"of"}) for kind in ("measure", "percent", "count_scaled")}
LEAD_OK["money"] = frozenset({"of", "in", "for", "worth"})
# words a phrase read backwards from a figure goes on past ("number of people", "toll from the quake")
CROSSING = frozenset(SCOPE_PREPS | {"to", "by"})
CROSSING_NOT_OF = CROSSING - {"of"}
SCOPE_OR_THE = frozenset(SCOPE_PREPS | {"to", "the"})
ENDS_BACKWARD = frozenset(STOP_LINK_AUX | set(P.SAY_VERBS))
# marks a phrase read backwards from a figure stops at; LAST_BREAK matches up to the last of them
BREAK_MARKS = ",;:()[]\"“”—–"
LAST_BREAK = re.compile(r".*[" + re.escape(BREAK_MARKS) + "]", re.S)
# an ASCII window before a figure as _backward_thing reads it, one byte for each character: a letter lower-cased,
# an apostrophe or a hyphen kept (P.WORD's other characters), a break mark made a comma, any other character
# (none of P.WORD's) a space
BACK_VIEW = bytes(
    ord(c.lower()) if c.isascii() and c.isalpha() or c in "'-" else ord(",") if c in BREAK_MARKS else ord(" ")
    for c in map(chr, range(256))
)
STOP_AFTER = re.compile(r"[ \t]*[.,;]")
COMMA_AFTER = re.compile(r"[ \t]*,")
AND_OR = frozenset({"and", "or"})
# the words a phrase read after a figure goes on past when the next word allows: "and", "or" and the
# scope words but "of" ("people in Kyiv")
JOINS = frozenset(AND_OR | SCOPE_PREPS - {"of"})
# the words that end a phrase read after a figure wherever they are in it: stop words, number words and
# verbs ("600 spent the night", "37 candidates withdrew")
BREAKS_FORWARD = frozenset(P.STOP_WORDS | set(P.UNITS_WORDS) | set(P.SCALE_WORDS) | P.VERBS)
# at most this many words are taken after a figure: the group of WORDS_AHEAD after them holds the word
# looked at past the last one judged
THING_WORDS = P.WORDS_AHEAD.groups - 1
# the characters after a figure where what it counts may be read after it (see _thing)
GOES_ON = frozenset(" \t\u00a0(-" + string.ascii_letters)
# the characters before the blank before a figure where OUTCOME_BEFORE may end (see _thing)
OUTCOME_LAST = frozenset("dsgDSG \t")
DIMENSION_NOUN = {"m": "distance", "m2": "area", "m3": "volume", "kg": "weight", "s": "duration"}


def _forward_thing(text: str, pos: int, limit: int, kind: str) -> tuple[str, int]:
    """The noun phrase right after a figure: '259 Russian military jets have' -> 'Russian military jets'.

    The run of words after the figure is read in one match of WORDS_AHEAD, each word a group (up to
    the first token that is no word), then judged one by one.
    Only the words that open the phrase ("of the", "worth", a compound) move on by other patterns.
    At most THING_WORDS words are taken, each judged at most once, and the word after the last one
    judged is looked at: the groups of one match hold every word asked about."""
    lows: list[str] = []  # the words taken, lower-cased, each asked about again as the phrase grows
    start = i = pos
    m = P.WORDS_AHEAD.match(text, pos, limit)
    base = 0  # the words taken before the match's: 1 with a compound
    judged = 0  # the words of the match judged before the loop below
    possessive = False
    if m is None:  # no word right after the figure: most often a mark, at times a compound
        compound = COMPOUND_WORD.match(text[i:i + 20]) if text.startswith("-", i) and kind in ("count", "count_scaled") \
            else None
        if not compound or compound.group(1) in P.STOP_WORDS:
            return "", pos
        start = i + 1  # "a 15-bed jail", "a 10-point lead"
        i += compound.end()
        lows.append(compound.group(1))
        base = 1
        m = P.WORDS_AHEAD.match(text, i, limit)
        if m is None:
            return text[start:i], i
        words = m.groups()
    else:  # the first word may open the phrase without being part of it
        words = m.groups()  # the words of the match, from its first group: those taken are its first ones
        lead_ok = LEAD_OK.get(kind, NO_WORDS)
        w = words[0].strip("'’-")
        lw = w.lower()
        det = P.OF_THE.match(text, m.start(1), limit) if lw == "of" and not lead_ok else None
        if det:
            m = P.WORDS_AHEAD.match(text, det.end(), limit)  # "37 of the candidates", "210 of the 400 seats"
        elif lw in lead_ok:
            j = m.end(1)
            if lw == "worth" and words[1] and words[1].lower() == "of":
                j = m.end(2)
            det = P.DETERMINER.match(text, j, limit)
            m = P.WORDS_AHEAD.match(text, det.end() if det else j, limit)  # "7% of its workforce"
        elif lw in BREAKS_FORWARD:
            return "", pos  # "300 of them", "20 were": as the first word below would
        elif (lw in P.VERBS or lw[-1] == "d" and lw.endswith("ed")) and P.DETERMINER.match(text, m.end(1), limit):
            return "", pos  # "45,000 filled the stadium": a verb, not "62 destroyed or captured aircraft"
        elif ("'" in w or "’" in w) and w.endswith(("'s", "’s")):
            lows.append(lw[:-2])  # "the 33-year-old actress's rep": the phrase is about the actress
            possessive = True
            judged = THING_WORDS  # no more words
        else:
            lows.append(lw)  # taken: the loop below goes on from the next word
            judged = 1
        if not judged:  # the match read again past the words that open the phrase
            if m is None:
                return "", pos
            words = m.groups()
    # each word judged makes the phrase one word longer or ends it: len(lows) is base + g at the top
    for g in range(judged, THING_WORDS - base):
        raw = words[g]
        if raw is None:
            break  # the next token is no word (a mark, a figure), or there is none
        w = raw.strip("'’-")
        lw = w.lower()
        if lows and lw in JOINS:
            nxt = words[g + 1]
            if nxt is None or nxt.lower() in P.STOP_WORDS:
                break
            if lw in AND_OR:
                # only between participles: "62 destroyed or captured Russian aircraft"
                if not (len(lows) < 3 and nxt.lower().endswith("ed") and all(x.endswith("ed") for x in lows)):
                    break
            elif not nxt[0].isupper():
                break  # "in Kyiv" goes on, "in aid" does not
            lows.append(lw)
            continue
        if lw in BREAKS_FORWARD or lw in P.LINK_VERBS and lows:
            break
        if lows and not w[0].isupper():
            last = lw[-1]  # the word's last letter, looked at once: the endings it may have
            if (last == "d" and lw.endswith("ed") or last == "g" and lw.endswith("ing") and lw not in P.ING_NOUNS) \
                    and lows[-1] not in AND_OR and not lows[-1].endswith("ly"):
                break  # "259 jets destroyed", but "four partly occupied regions"
            if last == "s" and not lw.endswith("ss") and lows[-1][-1] == "s" and lw not in P.ING_NOUNS:
                break  # "300,000 reservists hangs over the front"
        if ("'" in w or "’" in w) and w.endswith(("'s", "’s")):
            lows.append(lw[:-2])
            possessive = True
            break  # "the 33-year-old actress's rep": the phrase is about the actress
        lows.append(lw)
    n = len(lows)
    while n and lows[n - 1] in STOP_OR_SCOPE:
        n -= 1
    if not n:
        return "", pos
    k = n - base  # the words of the match kept
    if k <= 0:
        return text[start:i], i  # the compound alone
    if base == 0:
        start = m.start(1)
    end = m.end(k) - 2 if possessive and n == len(lows) else m.end(k)
    return text[start:end], end


def _lowered_words(words: list[str]) -> list[str]:
    """The words lower-cased: one str.lower for them all rather than one a word (no word of P.WORD
    holds a space, and lower-casing its ASCII letters and marks keeps them one character each)."""
    return " ".join(words).lower().split(" ") if words else []


def _word_places(text: str, floor: int, pos: int, words: list[str], first: int) -> list[int]:
    """Where words[first:] start, `words` being P.WORD.findall(text, floor, pos) (or the words _backward_thing
    finds in the view of an ASCII window, where P.WORD finds the same): each found from the last back
    with str.rfind, the last place of the word before the next one (between two words there is no
    letter, and a word starts and ends with one: it is found nowhere else there)."""
    places = []
    end = pos
    for k in range(len(words) - 1, first - 1, -1):
        end = text.rfind(words[k], floor, end)
        places.append(end)
    places.reverse()
    return places


def _backward_thing(text: str, floor: int, pos: int, drop_verb: bool = False) -> tuple[str, int]:
    """The noun phrase a figure is said of when nothing follows it: 'losses at 58' -> 'losses'.

    The words read are those of text[floor:pos] after the last of BREAK_MARKS in it, from the last one
    back. The phrase taken is always a run of consecutive words, kept as the indices lo..hi of its first
    and last; the words are found as strings and lower-cased all at once, and where they are is worked out
    only for a phrase found (_word_places). An ASCII window (most) is read in its view made with BACK_VIEW
    (one bytes.translate): its last break is its last comma (one str.rfind, where LAST_BREAK tries each
    character back from the end), and the words after it P.WORD's there, lower-cased: what str.split finds
    when no apostrophe or hyphen is left (the other characters are spaces), else P.WORD.findall. Any other
    window is read with LAST_BREAK, and P.WORD's words lower-cased by _lowered_words."""
    seg = text[floor:pos]
    if seg.isascii():
        # the view has the window's length, each word where it is in the window: the words are placed in it
        where = seg.encode().translate(BACK_VIEW).decode()
        begin = where.rfind(",") + 1  # where the words after the last break start (0: no break)
        tail = where[begin:]
        words = lows = tail.split() if "'" not in tail and "-" not in tail else P.WORD.findall(tail)
    else:
        last = LAST_BREAK.match(text, floor, pos)  # the last of them, as one pass rather than one per mark
        if last:
            floor = last.end()
        where = text[floor:pos]
        begin = 0
        words = P.WORD.findall(where)
        lows = _lowered_words(words)
    hi = len(lows) - 1
    while hi >= 0 and lows[hi] in STOP_LINK_AUX:
        hi -= 1
    if drop_verb and hi > 0 and (lows[hi] in P.VERBS or lows[hi].endswith("ed")) and lows[hi - 1] not in STOP_OR_AUX:
        hi -= 1  # "inflation eased to 6.8%", "the opposition took 38%"
    lo = hi + 1  # nothing taken yet; at most 12 words are
    while lo > 0 and hi - lo < 11:
        lw = lows[lo - 1]  # the next word back
        before = lows[lo - 2] if lo > 1 else ""  # and the one before it
        if lo <= hi:
            if lw in CROSSING and before and before not in STOP_LINK_AUX:
                lo -= 1  # "number of people", "toll from the earthquake"
                continue
            if lw == "the" and before in CROSSING:
                lo -= 1  # "in the valley"
                continue
            if lw in ENDS_BACKWARD or len(lw) > 5 and lw.endswith("ing") and lw not in P.ING_NOUNS:
                break  # "capable of striking targets": the phrase is "targets"
        elif lw in ENDS_BACKWARD:
            break
        lo -= 1
    while lo <= hi and lows[lo] in SCOPE_OR_THE:
        lo += 1
    if lo > hi:
        return "", pos
    # the first crossing word ("by", "in"...) after the phrase's first word: where its head ends
    cut = None
    for k in range(lo + 1, hi + 1):
        if lows[k] in CROSSING_NOT_OF:
            cut = k
            break
    if hi - lo > 3:  # "number of people killed by the flash floods in the valley" -> its head
        if cut:
            hi = cut - 1
    elif cut and not any(text[floor + p].isupper() for p in _word_places(where, begin, len(where), words, lo)[:hi - lo + 1]):
        # (no word of the phrase written with a capital: its first letters, as the text has them)
        if cut == lo + 1 and lows[lo].endswith("ed"):
            lo = cut + 1  # "fanned by winds gusting": the winds, not "fanned"
        else:
            hi = cut - 1
    places = _word_places(where, begin, len(where), words, lo)
    start = floor + places[0]
    return text[start:floor + places[hi - lo] + len(lows[hi])], start


# --- attribution ------------------------------------------------------------------------------------

def _clause(text: str, sent: tuple[int, int], pos: int, memo: dict | None = None) -> tuple[int, int]:
    """The span of the clause of `sent` that holds `pos`: between the clause breaks around it."""
    key = ("breaks", sent)
    breaks = None if memo is None else memo.get(key)  # asked for each figure: no closure made for it
    if breaks is None:
        breaks = _clause_breaks(text, sent[0], sent[1])
        if memo is not None:
            memo[key] = breaks
    if not breaks:  # most sentences: one clause
        return sent[0], sent[1]
    starts, ends = breaks
    before = bisect.bisect_right(ends, pos)  # the breaks that end at or before pos
    after = bisect.bisect_left(starts, pos)  # the first break that starts at or after pos
    return (ends[before - 1] if before else sent[0]), (starts[after] if after < len(starts) else sent[1])


def _clause_breaks(text: str, lo: int, hi: int) -> tuple:
    """(starts, ends) of the CLAUSE_BREAKs in text[lo:hi], or () when there is none. Nine sentences
    in ten have none, told by what every break holds (where CLAUSE_BREAK is tried at every space): ";",
    "but", "while" or "whereas", each looked for as a string, or P.BREAK_AFTER_COMMA's words after a
    comma, searched for last."""
    s = text[lo:hi]
    if not (";" in s or "but" in s or "while" in s or "whereas" in s) and \
            P.BREAK_AFTER_COMMA.search(text, lo, hi) is None:
        return ()
    return tuple(zip(*[(m.start(), m.end()) for m in P.CLAUSE_BREAK.finditer(text, lo, hi)]))


def _clean_source(raw: str) -> str | None:
    if len(raw) > MAX_SOURCE_CHARS:
        return None
    # most phrases hold none of TIME_WORDS' words: the search of them (at every position) is skipped
    src = P.TIME_WORDS.sub(" ", raw) if P.TIME_HINT.search(raw.lower()) else raw
    src = src.strip(" \t,:;\"'“”‘’()—–-")
    src = P.SUBJECT_LEADING.sub("", src).strip(" \t,")
    words = src.split()
    if not words or len(words) > 9:
        return None
    src = " ".join(words).strip(" \t,:;\"'“”‘’()")
    if NOT_A_SOURCE.search(src) or _says_something(src):
        return None
    if not src or src.lower() in P.PRONOUNS or src.lower().split()[0] in P.PRONOUNS and len(src.split()) == 1:
        return None
    if DIGIT.search(src) and len(src.split()) > 4:
        return None
    return src


NOT_A_SOURCE = re.compile(r"\b(?:was|were|is|are|been|be|would|will|could|should|can|may|who|whom|whose|which|"
                          r"that|did|does|do|not|why|how|if|when)\b|n['’]t\b")


def _says_something(src: str) -> bool:
    """Whether a would-be source holds a verb of saying ("a move Kyiv says"): one followed by "by" or
    "of" is a noun ("an independent count by the Crowd Counting Consortium")."""
    words = src.lower().split()
    if SAY_NOT_BASE.isdisjoint(words):  # most phrases: no verb of saying
        return False
    return any(w in SAY_NOT_BASE and (k + 1 == len(words) or words[k + 1] not in ("by", "of", "from"))
               for k, w in enumerate(words))


SAY_NOT_BASE = P.SAY_SET - P.BASE_SAY


def _subject_before(text: str, clause_start: int, verb_start: int) -> str | None:
    """The noun phrase before a verb of saying, skipping a parenthetical between commas."""
    prefix = text[max(clause_start, verb_start - SUBJECT_WINDOW):verb_start]
    parts = prefix.split(",")
    if len(parts) >= 3 and not parts[-1].strip():
        # "Oryx, an independent analyst, reported": the parenthetical is parts[-2]
        subject = parts[-3]
    else:
        subject = parts[-1]
        if RELATIVE_START.match(subject) and len(parts) >= 2:
            subject = parts[-2]
    # what follows the last colon or quotation mark
    subject = subject[max(subject.rfind(":"), subject.rfind("“"), subject.rfind("”"), subject.rfind('"')) + 1:]
    if RELATIVE_END.search(subject, max(0, len(subject.rstrip()) - 5)):  # it ends the subject: searched there
        return None
    # "... over Kharkiv as Kyiv counts": the speaker is what follows the last conjunction
    subject = CONJUNCTION.split(subject)[-1]
    return _clean_source(subject)


RELATIVE_START = re.compile(r"\s*(?:which|who|whose)\b")
RELATIVE_END = re.compile(r"\b(?:that|which|who)\s*$")
CONJUNCTION = re.compile(r"\b(?:as|while|after|when|because|since|but|so|if|although|though|before|until|where)\b")


def _attribution(text: str, sent: tuple[int, int], pos: int, memo: dict | None = None,
                 clause: tuple[int, int] | None = None) -> str | None:
    """Who the figure at `pos` is attributed to. `clause` is _clause of pos when already known."""
    memo = {} if memo is None else memo
    key = ("cues", sent)
    cues = memo.get(key)
    if cues is None:
        cues = memo[key] = _cues(text, sent, memo)
    if cues is NO_CUES:  # most sentences: none of the patterns of a speaker can match (see _cues)
        return None
    says, sourced, puts, verbs = cues
    c_start, c_end = _clause(text, sent, pos, memo) if clause is None else clause
    if sourced:
        according = _source_phrase(text, (c_start, c_end), sent, True, memo)
        if according:
            return according
    src = _pre_posed(text, c_start, pos, memo, c_end, says, puts, verbs)
    if src:
        return src
    if says:
        src = _post_posed(text, c_start, c_end, pos, memo, verbs)
        if src is None and (c_start, c_end) != sent:
            src = _post_posed(text, sent[0], sent[1], pos, memo, verbs)
        if src:
            return src
    src = _source_phrase(text, (c_start, c_end), sent, False, memo) if sourced else None
    if src is None and says:
        key = ("pronoun", sent)
        said = memo.get(key)
        if said is None:
            said = memo[key] = _pronoun_says(text, sent, memo)
        if said:
            return PRONOUN
    return src


def _cues(text: str, sent: tuple[int, int], memo: dict) -> tuple[bool, bool, bool, tuple | None]:
    """(whether the sentence has a verb of saying, whether it has a phrase that names a source: "according
    to", "citing"..., whether it may have a PUT_AT verb: "puts", "placed", "estimated"..., its verbs of
    saying). Every pattern of a speaker needs one of them, and most sentences with a figure have none:
    those are answered without the searches for a speaker (NO_CUES, the one tuple returned for them).

    The verbs are (start, end) of each verb of saying (SAY_ANY) in the sentence, for the searches of
    SAY_VERB (_say_verbs); None where the text is not searched lower-cased (see _lowered).

    A source phrase in a clause is one in its sentence too (SOURCE_BEFORE looks no further than its
    last character), so a sentence without one has none in any of its clauses."""
    s_start, s_end = sent
    low = _lowered(text, memo)
    if low is None:
        says = P.SAY_ANY.search(text, s_start, s_end) is not None
        sourced = P.SOURCE_BEFORE.search(text, s_start, s_end) is not None
        puts = _may_put(text, s_start, s_end)
        return (says, sourced, puts, None) if says or sourced or puts else NO_CUES
    # one pass over the sentence for the words of all three (P.CUES_IN_VIEW), each after a character that
    # is no letter, digit nor "_": the character before the sentence is the one before its first word (a
    # space before the text's first). Searched in the sentence's one-byte view: one "?" for each character
    # past ASCII, made a space as every other that is no ASCII letter, digit nor "_"; a place in it is the
    # text's less `lo`
    says = puts = False
    named = -1  # where the first word that opens a source phrase starts
    verbs = []
    lo = s_start - 1
    view = (low[lo:s_end] if s_start else " " + low[:s_end]).encode("ascii", "replace").translate(P.NUMBER_VIEW)
    found = [(lo + m.start() + 1, lo + m.end()) for m in P.CUES_IN_VIEW.finditer(view)]
    for start, end in found:
        if start and low[start - 1].isalnum():  # another alphabet's letter or digit (a space in the view)
            continue
        word = low[start:end]
        if word in P.SAY_SET and (end == s_end or not (low[end].isalnum() or low[end] == "_")):
            says = True
            verbs.append((start, end))
            if word.startswith("estimat"):  # "estimated" is both
                puts = True
        elif word.startswith(("put", "plac", "estimat")):
            puts = True
        elif named < 0 and (word in ("according", "citing")
                            or (word in ("by", "per") and end < s_end and low[end] in " \t")):
            named = start
    # each phrase of SOURCE_BEFORE holds one of the "source" words, and starts at it or at a verb right
    # before it ("reported by"): it is searched only in a sentence with one, and from there
    if named >= 0:
        while named > s_start and text[named - 1] in " \t":
            named -= 1
        sourced = P.SOURCE_BEFORE.search(text, max(s_start, named - SOURCE_VERB_CHARS), s_end) is not None
    else:
        sourced = False
    return (says, sourced, puts, tuple(verbs)) if says or sourced or puts else NO_CUES


SOURCE_VERB_CHARS = max(map(len, P.SOURCE_VERBS))


NO_CUES = (False, False, False, ())


def _pronoun_says(text: str, sent: tuple[int, int], memo: dict) -> bool:
    """Whether the sentence has PRONOUN_SAYS ("he said"): searched in the lower-cased text where it is
    (PRONOUN_LOWER, which skips to the characters before a word)."""
    s_start, s_end = sent
    low = _lowered(text, memo)
    if low is None:
        return P.PRONOUN_SAYS.search(text, s_start, s_end) is not None
    if P.PRONOUN_LOWER_AT.match(low, s_start, s_end) is not None and \
            not (s_start and (low[s_start - 1].isalnum() or low[s_start - 1] == "_")):
        return True
    return P.PRONOUN_LOWER.search(low, s_start, s_end) is not None


def _lowered(text: str, memo: dict) -> str | None:
    """`text` lower-cased, once per article: verbs of saying are searched in it without re.I. None
    where it would not find what re.I finds: "İ" lower-cases to two characters (every place after it
    moves), "ı" and "ſ" match "i" and "s" under re.I but lower-case to themselves."""
    key = ("lower",)
    if key not in memo:
        memo[key] = _searchable(_lower(text))
    return memo[key]


def _searchable(low: str) -> str | None:
    """_lowered's answer from _lower's: with "İ" in it, _lower lower-cased ASCII only (İ is the one
    character lower() makes two); with "ı" or "ſ", re.I would find what a search of it would not."""
    return None if "İ" in low or "ı" in low or "ſ" in low else low


def _source_phrase(text: str, clause: tuple[int, int], sent: tuple[int, int], strong: bool,
                   memo: dict) -> str | None:
    """The source named after "according to" (strong) or "citing", "per", "confirmed by" (weaker: only
    a name, "citing logistical problems" is a reason, not a source): in the clause, else in the sentence."""
    k = 0 if strong else 1
    for lo, hi in (clause, sent) if clause != sent else (clause,):
        key = ("source", lo, hi)
        found = memo.get(key)
        if found is None:
            found = memo[key] = _sources_in(text, lo, hi)
        if found[k]:
            return found[k]
    return None


def _sources_in(text: str, lo: int, hi: int) -> tuple[str | None, str | None]:
    """(the first strong source, the first weaker source) named in text[lo:hi] (see _source_phrase):
    one pass for both."""
    found: list[str | None] = [None, None]
    for m in P.SOURCE_BEFORE.finditer(text, lo, hi):
        head = m.group().lower()
        k = 0 if head.startswith("according") else 1
        if found[k] is not None:
            continue
        rest = P.SOURCE_PHRASE.match(text, m.end(), hi)
        if rest:
            src = _clean_source(P.SOURCE_PHRASE_END.split(rest.group())[0])
            if src and (not head.startswith("citing") or CAPITAL.search(src)):
                found[k] = src
                if found[0] is not None and found[1] is not None:
                    break
    return found[0], found[1]


CAPITAL = re.compile(r"\b[A-Z]")


PRONOUN = "\x00pronoun"  # said by "he" or "she": the caller names the last speaker


def _post_posed(text: str, lo: int, hi: int, pos: int, memo: dict, verbs: tuple | None = None) -> str | None:
    """"..., the Pentagon says." / "..., said John Smith." at the end of text[lo:hi], a clause or a
    sentence; the figure at `pos`. `verbs`: the sentence's verbs of saying, when known (see _cues)."""
    key = ("post", lo, hi)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _post_searches(text, lo, hi, verbs)
    post, inv = found
    if post and not DIGIT.search(post.group("tail") or "") and post.start() >= pos:
        src = _clean_source(post.group("who"))
        if src and not DIGIT.search(src):
            return src
    if inv and len(inv.group("who").split()) <= 8 and not INVERTED_NOT_WHO.search(inv.group("who")):
        src = _clean_source(inv.group("who"))
        if src:
            return src
    return None


def _post_searches(text: str, lo: int, hi: int, verbs: tuple | None = None) -> tuple:
    """(POST_POSED.search, INVERTED.search) of text[lo:hi] (their \\Z at hi), each tried only where it
    can start. Neither holds a comma after the one it starts with, but for INVERTED's one apposition
    (", said John Smith, a spokesman."): POST_POSED can only start at the last comma, INVERTED at one of
    the last two, and the searches would try each comma before them (90 characters each).

    Each holds a verb of saying after that comma, in lower case, after a character that is no letter,
    digit nor "_" and before the end of a word: one of the sentence's `verbs` (_cues) when they are
    known. Most sentences that name a speaker have none after their last commas. POST_POSED's verb is
    followed by what SAID_TAIL matches, to the end: where no verb after the last comma is, POST_POSED
    is not tried (a failed match tries each length of its speaker, up to 90 characters, from each of
    its starts past the comma)."""
    last = text.rfind(",", lo, hi)
    if last < 0:
        return None, None
    before = text.rfind(",", lo, last)
    after_last = after_before = verbs is None
    ended = verbs is None  # whether a verb after the last comma is followed by what ends POST_POSED
    for start, stop in verbs or ():
        if stop <= hi and start > before:
            after_before = True
            if start > last:
                after_last = True
                if P.SAID_TAIL.match(text, stop, hi) is not None:
                    ended = True
                    break
    if not after_before:
        return None, None
    inv = P.INVERTED.match(text, before, hi) if before >= 0 else None
    if not after_last:
        return None, inv
    return P.POST_POSED.match(text, last, hi) if ended else None, inv or P.INVERTED.match(text, last, hi)


DIGIT = re.compile(r"\d")
INVERTED_NOT_WHO = re.compile(r"\b(?:was|is|were|are|had|has|have|would|will|could|that|when|if)\b")


def _pre_posed(text: str, c_start: int, pos: int, memo: dict | None = None, c_end: int | None = None,
               says: bool = True, puts: bool = True, verbs: tuple | None = None) -> str | None:
    """"Ukraine's Ministry of Defence says 259 ...": the speaker before the verb, the figure after it.

    `c_end`, the end of the clause, lets the verbs of the clause be found once for all its figures.
    `says` and `puts`: whether the sentence may have a verb of saying, a verb of PUT_AT; `verbs`: the
    sentence's verbs of saying, when known (see _cues)."""
    # PUT_AT ends at the figure and is at most ~100 characters long: no need to search further back
    put = P.PUT_AT.before(text, pos, 200, c_start) if puts else None
    if put is not None:
        return _subject_before(text, c_start, put.start())  # "the Oryx blog puts losses at 58"
    if not says:  # no verb of saying in the sentence (see _attribution)
        return None
    memo = {} if memo is None else memo
    end = pos if c_end is None else c_end
    key = ("verbs", c_start, end)
    said = memo.get(key)
    if said is None:
        said = memo[key] = [(m.start(), m.end()) for m in P.SAY_VERB.finditer(text, c_start, end)] \
            if verbs is None or c_end is None else _say_verbs(text, c_start, end, verbs)
    for start, stop in said:
        if stop > pos:
            break
        key = ("speaker", c_start, start)
        if key in memo:
            src = memo[key]
        else:
            src = memo[key] = _speaker(text, c_start, start, stop)
        if src:
            return src
    return None


def _say_verbs(text: str, lo: int, end: int, verbs: tuple) -> list[tuple[int, int]]:
    """(start, end) of each match of SAY_VERB.finditer(text, lo, end), found from `verbs`, the sentence's
    verbs of saying (_cues, each with no letter, digit nor "_" before it): SAY_VERB is tried at every
    position of the clause. `end` is where the clause ends: a clause break or the sentence's end, never
    inside a word. Each verb of SAY_VERB's, in lower case as it, is taken with at most two of SAY_AUX
    before it ("has also said"), each a word of its own followed by white space."""
    found = []
    floor = lo  # no match starts before the end of the one before
    for start, stop in verbs:
        if start < floor or stop > end or text[start:stop] not in P.SAY_VERB_WORDS or text[start - 1:start] == "-":
            continue
        for _ in range(2):
            j = start  # past the white space before the verb (or the word of SAY_AUX before it)
            while j > floor and text[j - 1] in " \t":
                j -= 1
            k = j  # to the start of the word before it, of at most 11 characters
            while k > floor and j - k <= 11 and (text[k - 1].isalnum() or text[k - 1] == "_"):
                k -= 1
            if j == start or text[k:j] not in P.SAY_AUX or \
                    (k and (text[k - 1].isalnum() or text[k - 1] in "_-")):
                break
            start = k
        found.append((start, stop))
        floor = stop
    return found


def _speaker(text: str, c_start: int, verb_start: int, verb_end: int) -> str | None:
    """The speaker of the verb of saying text[verb_start:verb_end], or None when it is not one."""
    if NOUN_AFTER.match(text, verb_end, verb_end + 4):
        return None  # "Election count: ...", "a count by ...": a noun, not a verb of saying
    before = text[max(c_start, verb_start - 200):verb_start]  # only its last words are looked at
    # NOT_SPEAKER_END ends `before`: searched from where it may start (_tail_start), not from its start
    if NOT_SPEAKER_END.search(before, _tail_start(before, 2, 5)):
        return None
    return _subject_before(text, c_start, verb_start)


# the ends of the words before a verb of saying that make it no speaker's: "an estimated 1,000" (an
# adjective), "which was first reported by" (not the speaker of the figure), "a group that lists only
# losses ..." (a relative clause about the speaker). Each alternative: a word (of at most 3, 4, 5
# characters), then white space, at most 0, 1, 2 words, each followed by white space, and the end (see
# _tail_start, asked for the longest). None holds a comma: what follows the last comma ends with one
# where the whole does
NOT_SPEAKER_END = re.compile(r"\b(?:(?i:an?|the)[ \t]+|(?:was|were|is|are|been|be)[ \t]+(?:\w+[ \t]+)?|"
                             r"(?:that|which|who)[ \t]+(?:\w+[ \t]+){0,2})$")
NOUN_AFTER = re.compile(r"[ \t]*(?:[:;,.]|by\b|of\b)")


def _tail_start(s: str, words: int, longest: int) -> int:
    """Where a match in `s` of a pattern that ends it may start: one of some words (of at most `longest`
    characters), white space, at most `words` words (\\w+) each followed by white space ([ \\t]+), then
    the end of `s` (or a final line break, as $ allows). A search from the start of `s` tries each of
    its positions; this one looks back from its end past the words that may follow the first."""
    end = len(s.rstrip(" \t\n"))  # where the last word ends
    for _ in range(words):
        k = max(s.rfind(" ", 0, end), s.rfind("\t", 0, end))  # the white space before it (a word has none)
        if k < 0:
            break
        while k > 0 and s[k - 1] in " \t":
            k -= 1
        end = k  # where the word before it ends
    return max(0, end - longest)


# --- the stage --------------------------------------------------------------------------------------

@dataclass(slots=True)
class Statement:
    """A figure as the text states it: with its qualifier, its interval and where its quote starts."""

    fig: Figure
    value: float
    qualifier: str
    low: float | None
    high: float | None
    start: int  # the quote's start: the qualifier, "between", or the figure
    end: int  # the end of the figure, of its range partner or of a qualifier after it
    is_range: bool


# the endings of the patterns _statement asks before a figure, by their last character (see ENDS_BEFORE_DIGITS)
ENDS_BEFORE_STATED = P.by_last(P.RANGE_BETWEEN.endings + P.QUALIFIER_BEFORE.endings)


def _statement(text: str, fig: Figure) -> tuple[Statement | None, int]:
    """The figure with its range partner or qualifier, or (None, position to skip to) for a pair of
    numbers that is no range: years ("from 1943 to 1947"), won-lost records, scores."""
    start, end = fig.start, fig.end
    tail = P.Suffix.tail(text, start)  # as _read_figure left it, unless the figure took a minus
    # most figures have neither "between" nor a qualifier before them, and neither a range's join nor a
    # qualifier after them: one test each side instead of a call for each pattern
    ends = ENDS_BEFORE_STATED.get(tail[-1:])
    before = ends is not None and tail.endswith(ends)
    joined = fig.joins and P.JOIN_ANY.match(text, end) is not None
    between = P.RANGE_BETWEEN.at(tail, text, start, 10) if before else None
    if joined:
        partner = _range_partner(text, fig, between is not None)
        if partner is not None:
            stated = _range(text, fig, partner, between, tail)
            if stated is not None:
                return stated
    qualifier = "exact"
    q = P.QUALIFIER_BEFORE.at(tail, text, start, 32) if before else None
    if q is not None:
        qualifier, start = _qualifier_before(text, q) or (qualifier, start)
    after = P.QUALIFIER_AFTER.match(text, end) if joined else None
    if after and qualifier == "exact":
        qualifier = P.QUALIFIER_AFTER_OF[" ".join(after.group("q").lower().split())]
        end = after.end()
    # Statement(fig, fig.value, qualifier, None, None, start, end, False), written out (see _new)
    st = _new(Statement)
    st.fig, st.value, st.qualifier, st.low, st.high, st.start, st.end, st.is_range = \
        fig, fig.value, qualifier, None, None, start, end, False
    return st, end


def _range(text: str, fig: Figure, partner: tuple[Figure, re.Match], between: re.Match | None,
           tail: str) -> tuple[Statement | None, int] | None:
    """The statement of a figure and its range partner, (None, position to skip to) for a pair that is no
    range, or None when the partner does not make a range of it (then the figure is stated alone; it may
    have taken the partner's scale or unit)."""
    second, join = partner
    hyphen = join.group().strip() in ("-", "–", "—")
    plain = not (fig.unit_written or fig.currency or fig.percent or fig.scaled or second.unit_written
                 or second.currency or second.percent or second.scaled)
    if _year_like(fig) and _year_like(second) and fig.value < second.value:
        return None, second.end  # "from 1943 to 1947", "between 1998 and 2002": years
    if hyphen and plain and (P.RECORD_AFTER.match(text, second.end)
                             or P.RECORD_BEFORE.before(text, fig.start, 30)):
        return None, second.end  # "a 9-14 start", "a record of 18-30": won-lost records
    if hyphen and plain and second.value <= fig.value:
        return None, second.end  # a score such as 3-1 or 13-13, not a range
    factor = _scale_of(second)
    if not fig.scaled and factor > 1 and fig.value < second.value / factor:
        fig.value *= factor  # "1-2 million", "between two and three thousand"
        fig.scaled = True
    fig.unit_written = fig.unit_written or second.unit_written
    fig.percent = fig.percent or second.percent
    fig.currency = fig.currency or second.currency
    if second.value <= fig.value or _unit_of(second)[0] != _unit_of(fig)[0]:
        return None
    start = fig.start
    opener = between or P.RANGE_FROM.at(tail, text, fig.start, 6)
    if opener:
        start = opener.start()
    return Statement(fig, (fig.value + second.value) / 2, "range", fig.value, second.value, start, second.end,
                     True), second.end


def _normalised(st: Statement) -> tuple[str, str, float, str, int]:
    """(unit, kind, norm_value, norm_unit, end) of a statement; an unknown unit leaves a count."""
    fig = st.fig
    if not (fig.currency or fig.percent or fig.unit_written):
        return "", "count", st.value, "", st.end  # most figures: a count (what _unit_of says of them)
    unit, kind = _unit_of(fig)
    if kind == "measure":
        try:
            unit, norm_value, norm_unit = units.normalise(st.value, fig.unit_written)
            return unit, kind, norm_value, norm_unit, st.end
        except Exception:  # an unknown unit: keep the figure as a count of what follows
            return "", "count", st.value, "", fig.end - len(fig.unit_written)
    return unit, kind, st.value, "%" if kind == "percent" else unit, st.end


def _age(text: str, st: Statement, sent: tuple[int, int], kind: str) -> tuple[str, int] | None:
    """(thing, quote start) when a count is a person's age: "aged 24", "He was 95.", "Robert Buckley, 32,"."""
    fig = st.fig
    if kind != "count" or fig.grouped or not 0 < fig.value < 120:
        return None
    start = fig.start
    lo = max(sent[0], start - 12)
    window = text[lo:start]  # searched as a string of its own: its \b at its start as there
    aged = P.AGED_BEFORE.regex.search(window) if _may_be_aged(window) else None
    if aged and aged.group().lower().startswith(("he", "she")) and not STOP_AFTER.match(text, fig.end, fig.end + 2):
        aged = None
    if aged:
        return "age", min(st.start, lo + aged.start())
    if st.qualifier != "exact" or fig.is_words or not fig.value.is_integer():
        return None
    before = text[max(sent[0], start - 40):start]
    if not _comma_ends(before):  # most figures: NAME_COMMA and NOUN_COMMA are not searched
        return None
    if (P.NAME_COMMA.search(before) and P.APPOSITION_END.match(text[fig.end:fig.end + 3] or ".")) or \
            (P.NOUN_COMMA.search(before) and COMMA_AFTER.match(text, fig.end, fig.end + 2)):
        name = P.AGE_OF.search(text[max(sent[0], start - 60):start])  # "Robert Buckley, 32, died"
        return (f"age of {name.group(1)}" if name else "age"), st.start
    return None


def _may_be_aged(window: str) -> bool:
    """Whether AGED_BEFORE may be found in `window`: the test of its endings that P.AGED_BEFORE (a
    Suffix) makes before its search, made here without the call (a third of _age's cost) and without
    replacing the Suffix's memory of the last place asked, which the other patterns at this figure use."""
    return window.rstrip().lower().endswith(P.AGED_BEFORE.endings)


def _comma_ends(before: str) -> bool:
    """Whether `before` ends with a comma and white space, as NAME_COMMA and NOUN_COMMA (",[ \\t]*$") need."""
    return before.rstrip(" \t\n").endswith(",")


def _thing(text: str, st: Statement, kind: str, end: int, sent: tuple[int, int], clause: tuple[int, int],
           before: tuple[int, str]) -> tuple[str, int, int]:
    """(thing, quote start, quote end): what the figure counts or measures, read after it, from a
    verb before it, or backwards from it. `before` is the end and the thing of the figure before."""
    fig, q_start = st.fig, st.start
    old = P.OLD_AFTER.match(text, end) if kind == "measure" and fig.unit_written in ("year", "years") else None
    if old:  # "the 33-year-old actress": what is read after "old" is all there is
        noun, noun_end = _forward_thing(text, old.end(), sent[1], "count")
        return (f"age of {noun}", q_start, noun_end) if noun else ("age", q_start, old.end())
    # a conversion, "-long", "year-on-year": most figures are followed by a space and a letter that
    # none of SKIP_AFTER's alternatives starts with (SKIP_AFTER_SPACED), and then none is looked for.
    # SKIP_AFTER, the words _forward_thing reads (or a compound, "-bed") and STATE_AFTER each start with
    # a blank, a letter, "(" or "-" (GOES_ON): after a mark, a line break or at the end ("killed 26,000.",
    # "of 12,": one figure in eight), none is looked for
    if end + 1 < sent[1] and text[end] == " " and text[end + 1] not in P.SKIP_AFTER_SPACED:
        ahead = end
    elif text[end:end + 1] in GOES_ON:
        skip = P.SKIP_AFTER.match(text, end)
        ahead = skip.end() if skip else end
    else:
        ahead = -1  # nothing read after the figure
    if ahead >= 0:
        thing_kind = "count_scaled" if (kind == "count" and fig.scaled) else kind
        thing, q_end = _forward_thing(text, ahead, sent[1], thing_kind)
        if thing:  # most figures: what follows them
            return thing, q_start, q_end
        state = P.STATE_AFTER.match(text, end)
        if state:  # "more than 20 were missing"
            return " ".join(state.group("state").lower().split()), q_start, end
    prev_end, prev_thing = before
    if prev_thing and prev_end <= fig.start and P.OPEN_BRACKET.fullmatch(text, prev_end, q_start):
        return prev_thing, q_start, end  # "200 million euros ($265.3 million)": a conversion says what the figure before says
    # "the quake killed 26,000": the count is of people killed. OUTCOME_BEFORE's verbs end in "d", "s"
    # or "g" before the blanks that end the match: where another character and one blank come before
    # the figure (most figures), there is none (nor where "ſ" does, which only re.I takes for "s":
    # the Suffix's test of its endings finds none there)
    if q_start > 1 and text[q_start - 1] in " \t" and text[q_start - 2] in OUTCOME_LAST:
        outcome = P.OUTCOME_BEFORE.before(text, q_start, 24, clause[0])
        if outcome:
            return outcome.group("verb"), q_start, end
    lo = q_start - 120  # (not max(): a builtin call costs more)
    if lo < clause[0]:
        lo = clause[0]
    if _may_put(text, lo, fig.start):
        put = P.PUT_AT.search(text, lo, fig.start)
        said = P.PUT_WHAT.match(put.group()) if put else None
        if said and len(said.group("what").split()) <= 9:
            # "puts the number of Russian aircraft destroyed, damaged or captured at 62"
            return said.group("what"), q_start, end
    floor = clause[0] if clause[0] > sent[0] else sent[0]
    if prev_end > floor and not P.LETTERS_NOT_PREPOSITION.search(text[prev_end:q_start]):
        floor = prev_end  # "250mm in 48 hours": nothing of its own before the figure
    back, back_start = _backward_thing(text, floor, q_start, kind != "measure")  # (after the last break mark)
    if back and back_start >= q_start - 60:
        q_start = back_start
    return back, q_start, end


def _may_put(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] may hold a verb of PUT_AT: each (case-sensitive) holds one of these. Most
    figures have none before them, and PUT_AT, a search tried at every place, is not searched then.
    Looked for with `in` in the window's copy: three str.find calls cost more (their arguments parsed)."""
    window = text[lo:hi]
    return "put" in window or "plac" in window or "estimat" in window


def _word_starts(low: str, view: bytes | None = None) -> list[int]:
    """Where a number word (or "dozen") starts in the lower-cased text `low`: where NUMBER_WORD_START
    matches, found in its _number_view (patterns.NUMBER_WORD_AFTER_SPACE), `view` when given."""
    if view is None:
        if not _few_past_ascii(low):
            return [m.start() for m in P.NUMBER_WORD_START.finditer(low)]
        view = _number_view(low)
    starts = [m.start() + 1 for m in P.NUMBER_WORD_AFTER_SPACE.finditer(view)]  # past the space
    if P.NUMBER_WORD_AT.match(view):
        starts.insert(0, 0)
    return starts


def _digit_starts(text: str, view: bytes | None = None) -> list[int]:
    """Where each run of digits (DIGIT_RUN) starts, in text order; found in the text's _number_view
    (patterns.DIGIT_RUN_ZEROS), `view` when given: that of the text or of the text lower-cased, whose
    digits are the same characters (lower() maps no character to a digit or from one)."""
    if view is None:
        if not _few_past_ascii(text):
            return [m.start() for m in P.DIGIT_RUN.finditer(text)]
        view = _number_view(text)
    return [m.start() for m in P.DIGIT_RUN_ZEROS.finditer(view)]


def _number_view(text: str) -> bytes:
    """The text's one-byte view (_one_byte_each) that both scans for numbers search: each character \\w
    does not take a space, each digit "0", each other (a letter or "_") as it is (patterns.NUMBER_VIEW)."""
    return _one_byte_each(text).translate(P.NUMBER_VIEW)


def _few_past_ascii(text: str) -> bool:
    """Whether at most one character in 16 is past ASCII: the text's one-byte view then costs less than
    a search of the text itself (_one_byte_each looks at each character past ASCII in turn); a text in
    another script is searched as it is."""
    return text.isascii() or (text.encode("ascii", "replace").count(b"?") - text.count("?")) * 16 <= len(text)


def _one_byte_each(text: str) -> bytes:
    """The text as bytes, one for each character, so that a position in one is the same in the other:
    an ASCII character as it is, one past ASCII as "?" but a digit of another script (which \\d takes)
    as "0" and another letter or digit (which \\w takes) as "_". Byte patterns then find what
    the Unicode ones find in the text, and the text can be translated at bytes' speed first."""
    if text.isascii():
        return text.encode("ascii")
    raw = text.encode("ascii", "replace")  # one "?" for each character past ASCII, surrogates too
    fixed = None
    p = raw.find(b"?")
    while p >= 0:  # the few characters past ASCII (and the text's own "?")
        ch = text[p]
        if ch != "?" and ch.isalnum():  # what \w takes past ASCII; \d what isdecimal() does
            if fixed is None:
                fixed = bytearray(raw)
            fixed[p] = 48 if ch.isdecimal() else 95
        p = raw.find(b"?", p + 1)
    return raw if fixed is None else bytes(fixed)


def _number_starts(text: str, words: list[int] | None = None, digits=None):
    """Where a number may start, in text order: the same numbers as searching NUMBER at every
    position finds, at a fraction of the cost. `words` are where number words start (_word_starts:
    a trie of literal words searched in the lower-cased text); `digits` where runs of digits start
    (_digit_starts, read here when not given)."""
    words = _word_starts(_lower(text)) if words is None else words
    starts = []
    for p in words:
        if text[p:p + 5].lower() == "dozen":  # "a dozen", "half a dozen"
            a = P.A_DOZEN_BEFORE.search(text, max(0, p - 16), p)
            if a is None:
                continue
            p = a.start()
        starts.append(p)
    # a run of digits after a point starts at the point (".5"); both kinds in one list, sorted (a merge
    # of two sorted runs): a number word never starts where a run of digits does
    starts += [p - 1 if p and text[p - 1] == "." else p for p in (_digit_starts(text) if digits is None else digits)]
    starts.sort()
    return iter(starts)


def _lower(text: str) -> str:
    """The text in lower case, each character where it was."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"): lower ASCII only
        low = text.translate(ASCII_LOWER)
    return low


ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def extract_claims(article: Article, tolerance: float = DEFAULT_TOLERANCE) -> list[Claim]:
    """Every numeric claim of an article, in text order (cluster and verdict left empty). For each
    number: read the figure, state it (range, qualifier), judge it (dates, years, names...), normalise
    its unit, find what it counts and who it is attributed to."""
    text = article.text
    if not text:
        return []
    low = _lower(text)
    # one view of the text for both scans (a text mostly past ASCII is searched as it is), and the text
    # scanned once for runs of digits: the date cover and the numbers each read them
    view = _number_view(low) if _few_past_ascii(low) else None
    words = _word_starts(low, view)
    sentences = _Sentences(text)
    digits = _digit_starts(text, view)
    dates = DateCover(text, words, digits)
    claims: list[Claim] = []
    # what was found in a line, a sentence or a clause, kept for its other figures: searched once, not
    # once per figure (a sentence of many figures would cost their square); the text lower-cased once
    memo: dict = {("lower",): _searchable(low)}
    consumed = prev_end = scanned = figures = 0
    last_speaker = last_sent = sentence = None
    for p in _number_starts(text, words, digits):
        if p < scanned:
            continue
        m = NUMBER.match(text, p)
        if m is None:
            continue
        m_start, scanned = m.span()
        figures += 1
        if figures > MAX_FIGURES:
            raise ComparerError(article.source, f"over {MAX_FIGURES:,} figures: a list of numbers, not an article")
        if figures > DENSE_FIGURES and scanned < figures * DENSE_CHARS:
            raise ComparerError(article.source, f"over {DENSE_FIGURES:,} figures, one every {max(1, round(scanned / figures))} "
                                                f"characters: a table or a list of numbers, not an article")
        if m_start < consumed:
            continue
        if scanned - m_start > MAX_FIGURE_CHARS:
            consumed = scanned
            continue
        fig = _read_figure(text, m)
        if fig is None:
            continue
        # a figure with no range join after it is stated as it is read (no range, no pair refused, the
        # figure unchanged): the rules of _not_a_claim that look at neither its sentence nor its qualifier
        # (a date, a year, a model number...) judge it before either is found, as they would after
        joined = fig.joins and P.RANGE_JOIN.match(text, fig.end) is not None
        if not joined and _not_a_claim_early(text, fig, dates):
            consumed = scanned
            continue
        st, skip_to = _statement(text, fig)
        if st is None:
            consumed = skip_to
            continue
        qualified = st.qualifier != "exact"
        # the words zero and one unqualified need no sentence either: judged before it is found
        if (joined and _not_a_claim_early(text, fig, dates, st.end if st.is_range else None)) or \
                _vague(fig, qualified):
            consumed = st.end if st.is_range else scanned
            continue
        sent = sentences.of(m_start)
        if _not_a_claim_late(text, fig, sent, qualified, memo):
            consumed = st.end if st.is_range else scanned
            continue
        consumed = st.end
        unit, kind, norm_value, norm_unit, end = _normalised(st)
        q_start = st.start
        age = _age(text, st, sent, kind)
        clause = _clause(text, sent, fig.start, memo)
        if age:
            unit, norm_value, norm_unit = units.normalise(st.value, "years")
            kind, (thing, q_start), q_end = "age", age, end
        else:
            previous = (prev_end, claims[-1].thing if claims else None)
            thing, q_start, q_end = _thing(text, st, kind, end, sent, clause, previous)
        if norm_unit == "m" and (P.AWAY_AFTER.match(text, end) or P.RANGE_WORDS.search(thing)):
            thing = "range"  # "can hit aircraft up to 4 km away", "an effective range of 4.8 km"
        if kind == "measure" and not thing.startswith("age") and (
                not thing or thing.endswith(("ed", "en")) or any(w in P.VERBS for w in thing.lower().split())):
            noun = DIMENSION_NOUN.get(norm_unit)
            if noun:  # "the army recaptured 2,000 km2" -> "area recaptured"
                thing = f"{noun} {thing.split()[-1] if thing else ''}".strip()
        low, high = _interval(st.qualifier, st.value, st.low, st.high, tolerance)
        # (nan and infinity are no less than 1e18 either)
        if not (abs(st.value) < 1e18 and abs(norm_value) < 1e18 and abs(low or 0) < 1e18 and abs(high or 0) < 1e18):
            continue  # a run of digits no reader would call a figure
        prev_end = end
        source = _attribution(text, sent, fig.start, memo, clause)
        if source == PRONOUN:
            source = last_speaker
        if sent != last_sent:  # the claims of a sentence share one copy of it
            last_sent, sentence = sent, text[sent[0]:sent[1]]
        # (most figures: the interval's ends and the norm value are the value itself, tidied once)
        value = _tidy(st.value)
        claims.append(Claim(
            article=article.source, outlet=article.outlet, published=article.published,
            sentence=sentence, start=q_start, end=q_end, quote=text[q_start:q_end],
            value=value, qualifier=st.qualifier, low=value if low == st.value else _tidy(low),
            high=value if high == st.value else _tidy(high), unit=unit,
            norm_value=value if norm_value == st.value else _tidy(norm_value), norm_unit=norm_unit, thing=thing,
            attribution=source,
        ))
        last_speaker = source or last_speaker
    return claims


def _dated(fig: Figure, dates: DateCover) -> bool:
    """Whether the figure lies in a date or the like (DateCover): its first or last character, the
    number's own for money ("$2012" is no date, "2012 dollars" may be)."""
    # DateCover.covers written out: called for most figures (first of _not_a_claim_early's rules), which
    # mostly find the text read and need only the limit asked for set and the cover looked at
    s = fig.start
    if fig.currency:
        s += 1
        e = s + 1
    else:
        e = fig.end
    limit = e + MAX_DATE_CHARS
    if limit > dates.asked:
        if limit > dates.quiet:
            dates.read_to(limit, READ_AHEAD)
        else:
            dates.asked = limit
    cover = dates.cover
    return bool(cover[s]) or (e > s and bool(cover[e - 1]))


def _scale_of(fig: Figure) -> float:
    """The scale word's factor a figure carries: the ratio of its value to its digits, or for number
    words the value of the scale word they end with ("three thousand" -> 1000)."""
    if fig.is_words:
        last = fig.raw.split()[-1].lower() if fig.raw.split() else ""
        return P.SCALE_WORDS.get(last, 1.0) if last != "hundred" else 1.0
    base = parse_digits(fig.raw)
    return fig.value / base if base else 1.0


def _tidy(x):
    """A float without the noise of binary arithmetic: 4.1 * 1e6 is 4100000, not 4099999.9999999995."""
    if x is None:
        return None
    x = float(x)
    if -1e12 < x < 1e12 and x.is_integer():
        # twelve digits or fewer: already what the rounding below gives; float(int(x)) is x itself,
        # but for -0.0, which it makes 0.0 (as `x or 0.0` does, without two conversions)
        return x or 0.0
    x = float(f"{x:.12g}")
    if x.is_integer() and abs(x) < 1e15:
        return float(int(x))
    return x
