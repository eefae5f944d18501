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
import itertools
import math
import re
import string
from dataclasses import dataclass

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


# --- sentences ------------------------------------------------------------------------------------

def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence: lines are split at sentence ends, and a line break ends a
    sentence unless the next line starts in lower case (a wrapped line)."""
    return list(iter_sentence_spans(text))


def iter_sentence_spans(text: str):
    """sentence_spans, one at a time."""
    start = 0
    for m in P.SENTENCE_END.finditer(text):
        at = m.start()
        cut = m.end()
        if text[at] == "\n":  # the only end that starts with one
            if at and text[cut:cut + 1].islower() and not text[at - 1].isspace():
                continue
        else:
            tail = text[at - 1:at]
            # an abbreviation or a one-letter word ends in a letter: after anything but a letter or white
            # space (which the word before is read past) the word before is neither, and ends in `tail`
            if tail.isalpha() or tail.isspace():
                word = text[max(0, at - 12):at].rsplit(None, 1)
                last = word[-1].lower().lstrip("(\"'“") if word else ""
                if last in P.ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                    continue
                tail = last[-1:]
            if tail.isdigit() and text[at] == "." and DIGIT_AHEAD.match(text, cut, cut + 3):
                continue  # a decimal point
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
    """The sentence that holds a position, the sentences split only as far as figures are asked for:
    an article refused after MAX_FIGURES figures is not split to its end."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.spans: list[tuple[int, int]] = []
        self.starts: list[int] = []
        self.rest = iter_sentence_spans(text)
        self.done = False
        self.last: tuple[int, int] = (0, 0)

    def of(self, pos: int) -> tuple[int, int]:
        last = self.last
        if last[0] <= pos < last[1]:
            return last  # the figures of a sentence come one after another: no later one starts before pos
        while not self.done and (not self.starts or self.starts[-1] <= pos):
            span = next(self.rest, None)
            if span is None:
                self.done = True
            else:
                self.spans.append(span)
                self.starts.append(span[0])
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0:
            return 0, self.size
        self.last = self.spans[k]
        return self.last


# --- numbers --------------------------------------------------------------------------------------

def parse_digits(raw: str) -> float:
    """Digits with , or space or (two or more) . groups, and decimals: '300 000' -> 300000."""
    if raw.isascii() and raw.isdigit():
        return float(raw)
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
    before 911), a month name, the token that holds a link, and the hyphenated token around a number
    word (`words`: where number words start, as _word_starts gives). So a span that holds neither a
    digit nor a number word, which holds no figure to judge, may be left out. Overlapping spans all count
    ("30-7 Oct. 19" holds "7 Oct." and "Oct. 19"). Trying the pattern's thirty alternatives at each
    character around each figure was the largest single cost of extraction; at each start only those
    that may start at its character are tried (patterns.DATE_SPANS_AT).

    The text is read only as far as figures are asked about (see `covers`), and no span is longer
    than MAX_DATE_CHARS: the work per figure is bounded whatever the text holds."""

    def __init__(self, text: str, words: list[int] | None = None, digits=None) -> None:
        """`digits`, when given, are where the runs of digits start (an iterator, as _digit_starts
        gives): the text is then not scanned for them a second time."""
        self.text = text
        self.size = len(text)
        self.cover = bytearray(len(text))
        self.tried: set[int] = set()
        self.memos = {"token": [-1, -1], "word": [-1, -1], "link": [-1, -1]}
        words = _word_starts(_lower(text)) if words is None else words
        # the link alternative of DATE_SPANS needs a link head: most texts hold none, and two plain
        # substring tests spare both scanning them with LINK_FIND and trying that alternative
        has_links = "://" in text or "www." in text
        self.spans_at = P.DATE_SPANS_AT if has_links else P.DATE_SPANS_AT_NO_LINK
        links = P.LINK_FIND.finditer(text) if has_links else ()
        # each kind of start in text order, with the next one not yet read and where it has the spans
        # tried; the spans make one cover whatever the order the kinds are read in
        self.sources = [[_digit_starts(text) if digits is None else digits, None, DateCover._digits],
                        [map(_START, P.MONTH_FIND.finditer(text)), None, DateCover._month],
                        [map(_START, links), None, DateCover._link],
                        [iter(words), None, DateCover._word]]
        for source in self.sources:
            source[1] = next(source[0], None)

    def covers(self, start: int, end: int) -> bool:
        """Whether text[start:end] starts or ends inside a date or the like."""
        self.read_to(end + MAX_DATE_CHARS)  # a span that reaches back to end starts no further on
        return bool(self.cover[start]) or (end > start and bool(self.cover[end - 1]))

    def read_to(self, limit: int) -> None:
        """Match the spans of every position up to `limit` where one may start."""
        starts: list[int] = []
        for source in self.sources:
            found = source[1]
            if found is None or found > limit:
                continue
            found_starts, kind = source[0], source[2]
            while found is not None and found <= limit:
                kind(self, found, starts)
                found = next(found_starts, None)
            source[1] = found
        # at each start, only the alternatives that may start at its character (DATE_SPANS_AT); one
        # loop with no calls but the match, as the starts are many (one or two for each figure)
        text, size, cover, tried, spans_at = self.text, self.size, self.cover, self.tried, self.spans_at
        for q in starts:
            if q in tried or q >= size:
                continue
            tried.add(q)
            ch = text[q]
            spans = spans_at.get(ch) or P.date_spans_at(ch, spans_at)
            m = spans.match(text, q, q + MAX_DATE_CHARS)  # an end past the text is the text's end
            if m is not None:
                end = m.end()
                if end > q:
                    cover[q:end] = b"\x01" * (end - q)

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

    def _token_start(self, q: int) -> int:
        """The start of the letters, digits and hyphens that end at q (past leading hyphens)."""
        q = self._run_start(q, _in_token, "token")
        end = min(self.size, q + MAX_DATE_CHARS)
        while q < end and self.text[q] in HYPHENS:
            q += 1
        return q

    def _digits(self, p: int, starts: list[int]) -> None:
        """A run of digits at p: the spans may start at it, at the bracket, plus sign or apostrophe
        just before it, at the code or slug it ends, at the word before it ("called 911")."""
        starts.append(p)
        if not p:
            return
        text = self.text
        before = text[p - 1]
        if before in "(+'":
            starts.append(p - 1)
        elif before.isalpha() or before in HYPHENS:
            starts.append(self._token_start(p))  # MS08-078, a-slug-of-4-words-2022
            starts.append(self._run_start(p, _in_word, "word"))
        elif before in " \t/":
            q, floor = p - 1, max(0, p - 8)
            while q > floor and text[q - 1] in " \t/":
                q -= 1
            if q and text[q - 1].isalnum():
                starts.append(self._token_start(q))  # "called 911", "a-slug-of-four-words / 11614"

    def _month(self, p: int, starts: list[int]) -> None:
        """A month name at p."""
        starts.append(p)

    def _link(self, p: int, starts: list[int]) -> None:
        """The head of a link at p: the spans may start at the start of the token that holds it."""
        starts.append(self._run_start(p, _not_space, "link"))

    def _word(self, p: int, starts: list[int]) -> None:
        """A number word at p, in a hyphenated token: "three-alarm-fire-kills-two"."""
        text, q = self.text, p
        while q < self.size and q < p + 12 and text[q].isalpha():
            q += 1
        if text[p - 1:p] in HYPHENS or text[q:q + 1] in HYPHENS:
            starts.append(self._token_start(p))


_START = re.Match.start
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


def _read_number(text: str, m: re.Match) -> Figure | None:
    raw = m.group("digits")
    if raw is not None:  # most figures: the arguments by position, the cheaper call
        return Figure(parse_digits(raw), m.start(), m.end(), raw, False, "", False, False, "",
                      len(raw) > 4 and GROUPED.search(raw) is not None)
    if m.group("dozen") is not None:  # "a dozen air tankers", "half a dozen"
        return Figure(6.0 if m.group("dozen").lower().startswith("half") else 12.0, m.start(), m.end(),
                      m.group("dozen"), True)
    raw = m.group("words")
    parsed = parse_words(raw)
    if parsed is None:
        return None
    value, used = parsed
    start, end = m.start(), m.start() + used
    if SCALE_WORD_ONLY.fullmatch(raw[:used].strip()):
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


def _read_figure(text: str, m: re.Match) -> Figure | None:
    """A number and what is written around it: currency, scale, percent or unit."""
    fig = _read_number(text, m)
    if fig is None:
        return None
    cur = None if fig.is_words else P.CURRENCY_BEFORE.before(text, fig.start, 5)
    if cur:
        symbol = cur.group().strip()
        fig.currency = P.CURRENCY_SYMBOLS.get(symbol, symbol if symbol in P.CURRENCY_CODES else "")
        fig.start = cur.start()
    pos = fig.end
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
                if mag or P.MAGNITUDE_BEFORE.before(text, fig.start, 14):
                    fig.unit_written = "magnitude"
                    if mag:
                        pos = mag.end()
    if "." in fig.raw and DOT_GROUPED.fullmatch(fig.raw) and not (fig.scaled or fig.currency or fig.percent or fig.unit_written):
        fig.value = float(fig.raw.replace(".", ""))  # "1.400 people": a thousands dot, as in much of Europe
        fig.grouped = True
    fig.end = pos
    neg = P.NEGATIVE_BEFORE.before(text, fig.start, 7) \
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
    lo = max(floor, pos - 30)
    if pos > lo and text[pos - 1:pos] == "\n":
        pos -= 1  # "$" is also before a final line break
    head = text[lo:pos].rstrip(" \t")
    if not head or head[-1].isspace():
        return ""
    return head.rsplit(None, 1)[-1]


def _is_title_case(sentence: str) -> bool:
    words = [w for w in TITLE_WORD.findall(sentence) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")


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
    words = len(line.split())
    if words > 15:
        return False  # a paragraph (the word count first: it is cheaper than the searches)
    if words <= 8 and P.FURNITURE_LINE.match(line):
        return True
    return bool(P.URL_LINE.search(line) and not THREE_WORDS.search(line))


NUMBERING = frozenset(("No.", "No", "Nos.", "Nos", "#", "number", "Number"))
THREE_WORDS = re.compile(r"[a-z]{3,}[ \t]+[a-z]{3,}[ \t]+[a-z]{3,}")


def _not_a_claim(text: str, fig: Figure, sent: tuple[int, int], qualified: bool, dates: DateCover,
                 memo: dict | None = None) -> bool:
    """Dates, years, times, ordinals, model numbers, names, list numbering, furniture, vague words.
    `dates` knows the dates and the like of the text; `memo` keeps what was found of a line or a
    sentence for its other figures (see _memo)."""
    s = fig.start
    if dates.covers(s if not fig.currency else s + 1, fig.end if not fig.currency else s + 2):
        return True
    before = text[max(0, s - 3):s]
    head = text[s:s + 16]
    num_start = s + (len(head) - len(head.lstrip("$€£¥₴₽₹USDEURGBP")) if fig.currency else 0)
    if not fig.is_words:
        if P.MODEL_BEFORE.search(before) and not fig.currency and fig.unit_written != "magnitude":
            return True
        after = text[fig.end:fig.end + 3]
        if P.ORDINAL_AFTER.match(after):
            return True
        if after[:1].isalpha() or (after[:1] in "-‐" and after[1:2].isdigit() and not _is_range_tail(text, fig)):
            return True
        if text[fig.end:fig.end + 1] == "/" or text[s - 1:s] in ("/", "#", "@", "_"):
            return True
    # the line of the figure, searched no further than MAX_LINE_CHARS either way (see there)
    line_start = text.rfind("\n", max(0, s - MAX_LINE_CHARS), s) + 1
    if line_start == 0 and s > MAX_LINE_CHARS:
        line_start = -1  # a long line: the figure does not begin it
    line_end = text.find("\n", s, s + MAX_LINE_CHARS)
    if line_end < 0 and len(text) <= s + MAX_LINE_CHARS:
        line_end = len(text)
    key = ("furniture", line_start, line_end)
    furniture = memo.get(key) if memo is not None else None
    if furniture is None:
        furniture = _furniture_line(text[line_start:line_end] if line_start >= 0 and line_end >= 0 else "")
        if memo is not None:
            memo[key] = furniture
    if furniture:
        return True
    if P.FURNITURE_INLINE.before(text, s, 14):
        return True
    if P.READ_TIME_AFTER.match(text, fig.end) or P.OF_TOTAL_AFTER.match(text, fig.end):
        return True
    if line_start >= 0 and not text[line_start:s].strip() and text[fig.end:fig.end + 1] in (".", ")") and \
            text[fig.end + 1:fig.end + 2] in (" ", "\t") and not fig.is_words:
        return True  # list numbering
    unit, kind = _unit_of(fig)
    if kind == "count" and not fig.scaled and _year_like(fig) and _looks_like_year(text, fig):
        return True
    if kind == "count" and not fig.scaled and not qualified:
        prev = _prev_word(text, num_start, sent[0])
        w = prev.strip("\"'“”‘’(")
        numbering = w in NUMBERING
        if w and not w[-1].isalnum() and not numbering:
            w = ""  # "Defence, 259 jets": punctuation ends the name
        # "No. 1", "#5", "Apollo 11": unless the sentence is in title case (a headline), judged last as
        # it costs the most
        if (numbering or (w[:1].isupper() and w not in P.MONTHS and w not in P.WEEKDAYS and not fig.grouped
                          and not fig.is_words)) and not _title_sentence(text, sent, memo):
            if numbering:
                return True
            first_of_sentence = text[sent[0]:num_start].strip() == prev and (
                w.lower() in P.STOP_WORDS or w.lower() in P.QUALIFIER_OF or w.lower() in SENTENCE_OPENERS)
            if not first_of_sentence:
                return True
    if fig.is_words:
        if kind == "count" and HYPHEN_WORD.match(text, fig.end, fig.end + 2):
            return True  # "a two-time winner", "seventy-something"
        if FRACTION_AFTER.match(text[fig.end:fig.end + 12]):
            return True  # "three quarters of": a fraction, read with what it is a fraction of
        if fig.value in (0, 1) and not fig.scaled and not qualified:
            return True
        if fig.value < 100 and DETERMINER_BEFORE.before(text, s, 12):
            return True
        prev = _prev_word(text, s, sent[0])
        if prev and fig.raw[:1].isupper() and text[sent[0]:s].strip() and prev[:1].isupper() \
                and not _title_sentence(text, sent, memo):
            return True  # Formula One, Channel Four
    if kind == "measure" and P.DATING_AFTER.match(text[s:fig.end + 20][fig.end - s - len(fig.unit_written) - 1:]):
        return True
    if kind == "measure" and units.lookup(fig.unit_written) in P.DURATION_UNITS and \
            P.DATING_BEFORE.before(text, s, 20):
        return True
    if kind == "measure" and AGO_AFTER.match(text[fig.end:fig.end + 12]):
        return True
    return False


def _year_like(fig: Figure) -> bool:
    return not fig.is_words and not fig.grouped and fig.value.is_integer() and 1500 <= abs(fig.value) <= 2100 \
        and "." not in fig.raw and not fig.currency and not fig.unit_written and not fig.percent


def _looks_like_year(text: str, fig: Figure) -> bool:
    if P.YEAR_PREFIX.before(text, fig.start, 16):
        return True
    nxt = NEXT_WORD.match(text[fig.end:fig.end + 30])
    if not nxt:
        return True
    word = nxt.group(1)
    if not (word.lower().endswith("s") or word.lower() in P.PLURALS):
        return True  # "a 2006 accident"
    return word[0].isupper() or word.lower() in P.STOP_WORDS or word.lower() in P.LINK_VERBS or \
        word.endswith("ed") or word.lower() in ("saw", "brought", "began", "ended", "marked")


def _is_range_tail(text: str, fig: Figure) -> bool:
    return bool(RANGE_TAIL.match(text[fig.end:fig.end + 6]))


# --- ranges and qualifiers ------------------------------------------------------------------------

def _range_partner(text: str, first: Figure, head_between: bool) -> tuple[Figure, re.Match] | None:
    """The second figure of "200-300", "200 to 300", "between 200 and 300", or None."""
    j = P.RANGE_JOIN.match(text, first.end)
    if not j:
        return None
    word = j.group().strip().lower()
    if word == "and" and not head_between:
        return None
    if word == "to" and not head_between and P.CHANGE_BEFORE_FROM.search(text, max(0, first.start - 60), first.start):
        return None  # "rose from 20 to 35", "rose 5% to 300": a change, not a range
    nm = NUMBER.match(text, j.end())
    if not nm:
        cm = CURRENCY_AHEAD.match(text[j.end():j.end() + 4])
        if not cm:
            return None
        nm = NUMBER.match(text, j.end() + cm.end())
        if not nm or nm.group("digits") is None:
            return None
    if nm.group("words") is not None and first.is_words is False and word in ("-", "–", "—"):
        return None
    second = _read_figure(text, nm)
    if second is None:
        return None
    if first.currency and not second.currency:
        second.currency = first.currency  # "$140-150 million"
    return second, j


def _qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    q = P.QUALIFIER_BEFORE.before(text, start, 32)
    if not q:
        return None
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
STOP_AFTER = re.compile(r"[ \t]*[.,;]")
COMMA_AFTER = re.compile(r"[ \t]*,")
AND_OR = frozenset({"and", "or"})
# the words that end a phrase read after a figure wherever they are in it: stop words, number words and
# verbs ("600 spent the night", "37 candidates withdrew")
BREAKS_FORWARD = frozenset(P.STOP_WORDS | set(P.UNITS_WORDS) | set(P.SCALE_WORDS) | P.VERBS)
# at most this many words are taken after a figure: the group of WORDS_AHEAD after them holds the word
# looked at past the last one judged
THING_WORDS = P.WORDS_AHEAD.groups - 1
DIMENSION_NOUN = {"m": "distance", "m2": "area", "m3": "volume", "kg": "weight", "s": "duration"}


def _forward_thing(text: str, pos: int, limit: int, kind: str) -> tuple[str, int]:
    """The noun phrase right after a figure: '259 Russian military jets have' -> 'Russian military jets'.

    The run of words after the figure is read in one match of WORDS_AHEAD, each word a group (the
    tokens THING_TOKEN would read one by one, up to the first that is no word), then judged one by one.
    Only the words that open the phrase ("of the", "worth", a compound) move on by other patterns.
    At most THING_WORDS words are taken, each judged at most once, and the word after the last one
    judged is looked at: the groups of one match hold every word asked about."""
    lows: list[str] = []  # the words taken, lower-cased, each asked about again as the phrase grows
    start = i = pos
    m = P.WORDS_AHEAD.match(text, pos, limit)
    first = None  # the first word of the match and its lower case, when worked out before the loop
    if m is None:  # no word right after the figure: most often a mark, at times a compound
        compound = COMPOUND_WORD.match(text[i:i + 20]) if text.startswith("-", i) and kind in ("count", "count_scaled") \
            else None
        if not compound or compound.group(1) in P.STOP_WORDS:
            return "", pos
        start = i + 1  # "a 15-bed jail", "a 10-point lead"
        i += compound.end()
        lows.append(compound.group(1))
        m = P.WORDS_AHEAD.match(text, i, limit)
        if m is None:
            return text[start:i], i
    else:  # the first word may open the phrase without being part of it
        lead_ok = LEAD_OK.get(kind, NO_WORDS)
        w = m.group(1).strip("'’-")
        lw = w.lower()
        det = P.OF_THE.match(text, m.start(1), limit) if lw == "of" and not lead_ok else None
        if det:
            m = P.WORDS_AHEAD.match(text, det.end(), limit)  # "37 of the candidates", "210 of the 400 seats"
        elif lw in lead_ok:
            j = m.end(1)
            if lw == "worth" and m.group(2) and m.group(2).lower() == "of":
                j = m.end(2)
            det = P.DETERMINER.match(text, j, limit)
            m = P.WORDS_AHEAD.match(text, det.end() if det else j, limit)  # "7% of its workforce"
        elif (lw.endswith("ed") or lw in P.VERBS) and P.DETERMINER.match(text, m.end(1), limit):
            return "", pos  # "45,000 filled the stadium": a verb, not "62 destroyed or captured aircraft"
        elif lw in BREAKS_FORWARD:
            return "", pos  # "300 of them", "20 were": as the first word below would
        else:
            first = w, lw
        if m is None:
            return "", pos
    words = m.groups()  # the words of the match, from its first group: those taken are its first ones
    base = len(lows)  # 1 with a compound before them
    possessive = False
    for g, raw in enumerate(words):
        if raw is None or len(lows) == THING_WORDS:
            break  # the next token is no word (a mark, a figure), or there is none
        if first:
            (w, lw), first = first, None
        else:
            w = raw.strip("'’-")
            lw = w.lower()
        if lows and (lw in AND_OR or lw in SCOPE_PREPS and lw != "of"):
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
            if (lw.endswith("ed") or lw.endswith("ing") and lw not in P.ING_NOUNS) \
                    and lows[-1] not in AND_OR and not lows[-1].endswith("ly"):
                break  # "259 jets destroyed", but "four partly occupied regions"
            if lw.endswith("s") and not lw.endswith("ss") and lows[-1].endswith("s") and lw not in P.ING_NOUNS:
                break  # "300,000 reservists hangs over the front"
        if w.endswith(("'s", "’s")):
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
    """Where words[first:] start, `words` being P.WORD.findall(text, floor, pos): each found from the
    last back with str.rfind, the last place of the word before the next one (between two words there
    is no letter, and a word starts and ends with one: it is found nowhere else there)."""
    places = []
    end = pos
    for k in range(len(words) - 1, first - 1, -1):
        end = text.rfind(words[k], floor, end)
        places.append(end)
    places.reverse()
    return places


def _backward_thing(text: str, floor: int, pos: int, drop_verb: bool = False) -> tuple[str, int]:
    """The noun phrase a figure is said of when nothing follows it: 'losses at 58' -> 'losses'.

    The words before `pos` are read from the last one back. The phrase taken is always a run of
    consecutive words, kept as the indices lo..hi of its first and last; the words are found as
    strings and lower-cased all at once (_lowered_words), and where they are is worked out only for
    a phrase found (_word_places)."""
    words = P.WORD.findall(text, floor, pos)
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
            if lw in ENDS_BACKWARD or lw.endswith("ing") and len(lw) > 5 and lw not in P.ING_NOUNS:
                break  # "capable of striking targets": the phrase is "targets"
        elif lw in ENDS_BACKWARD:
            break
        lo -= 1
    while lo <= hi and lows[lo] in SCOPE_OR_THE:
        lo += 1
    if lo > hi:
        return "", pos
    # the first crossing word ("by", "in"...) after the phrase's first word: where its head ends
    cut = next((k for k in range(lo + 1, hi + 1) if lows[k] in CROSSING_NOT_OF), None)
    if hi - lo > 3:  # "number of people killed by the flash floods in the valley" -> its head
        if cut:
            hi = cut - 1
    elif cut and not any(words[k][0].isupper() for k in range(lo, hi + 1)):
        if cut == lo + 1 and lows[lo].endswith("ed"):
            lo = cut + 1  # "fanned by winds gusting": the winds, not "fanned"
        else:
            hi = cut - 1
    places = _word_places(text, floor, pos, words, lo)
    return text[places[0]:places[hi - lo] + len(words[hi])], places[0]


# --- attribution ------------------------------------------------------------------------------------

def _memo(memo: dict | None, key: tuple, make):
    """`make()`, kept in `memo` under `key`: what is found once per sentence or clause is not searched
    for again for each of its figures (a sentence of many figures would cost their square)."""
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _clause(text: str, sent: tuple[int, int], pos: int, memo: dict | None = None) -> tuple[int, int]:
    """The span of the clause of `sent` that holds `pos`: between the clause breaks around it."""
    key = ("breaks", sent)
    breaks = None if memo is None else memo.get(key)  # asked for each figure: no closure made for it
    if breaks is None:
        breaks = tuple(zip(*[(m.start(), m.end()) for m in P.CLAUSE_BREAK.finditer(text, sent[0], sent[1])])) \
            or ((), ())
        if memo is not None:
            memo[key] = breaks
    starts, ends = breaks
    before = bisect.bisect_right(ends, pos)  # the breaks that end at or before pos
    after = bisect.bisect_left(starts, pos)  # the first break that starts at or after pos
    return (ends[before - 1] if before else sent[0]), (starts[after] if after < len(starts) else sent[1])


def _clean_source(raw: str) -> str | None:
    if len(raw) > MAX_SOURCE_CHARS:
        return None
    src = P.TIME_WORDS.sub(" ", raw).strip(" \t,:;\"'“”‘’()—–-")
    src = P.SUBJECT_LEADING.sub("", src).strip(" \t,")
    words = src.split()
    if not words or len(words) > 9:
        return None
    src = " ".join(words).strip(" \t,:;\"'“”‘’()")
    if re.search(r"\b(?:was|were|is|are|been|be|would|will|could|should|can|may|who|whom|whose|which|that|did|"
                 r"does|do|not|why|how|if|when)\b|n['’]t\b", src) or _says_something(src):
        return None
    if not src or src.lower() in P.PRONOUNS or src.lower().split()[0] in P.PRONOUNS and len(src.split()) == 1:
        return None
    if re.search(r"\d", src) and len(src.split()) > 4:
        return None
    return src


def _says_something(src: str) -> bool:
    """Whether a would-be source holds a verb of saying ("a move Kyiv says"): one followed by "by" or
    "of" is a noun ("an independent count by the Crowd Counting Consortium")."""
    words = src.lower().split()
    return any(w in P.SAY_VERBS and w not in P.BASE_SAY
               and (k + 1 == len(words) or words[k + 1] not in ("by", "of", "from"))
               for k, w in enumerate(words))


def _subject_before(text: str, clause_start: int, verb_start: int) -> str | None:
    """The noun phrase before a verb of saying, skipping a parenthetical between commas."""
    prefix = text[max(clause_start, verb_start - SUBJECT_WINDOW):verb_start]
    parts = prefix.split(",")
    if len(parts) >= 3 and not parts[-1].strip():
        # "Oryx, an independent analyst, reported": the parenthetical is parts[-2]
        subject = parts[-3]
    else:
        subject = parts[-1]
        if re.match(r"\s*(?:which|who|whose)\b", subject) and len(parts) >= 2:
            subject = parts[-2]
    subject = re.split(r"[:“”\"]", subject)[-1]
    if re.search(r"\b(?:that|which|who)\s*$", subject):
        return None
    # "... over Kharkiv as Kyiv counts": the speaker is what follows the last conjunction
    subject = re.split(r"\b(?:as|while|after|when|because|since|but|so|if|although|though|before|until|where)\b",
                       subject)[-1]
    return _clean_source(subject)


def _attribution(text: str, sent: tuple[int, int], pos: int, memo: dict | None = None,
                 clause: tuple[int, int] | None = None) -> str | None:
    """Who the figure at `pos` is attributed to. `clause` is _clause of pos when already known."""
    memo = {} if memo is None else memo
    s_start, s_end = sent
    c_start, c_end = _clause(text, sent, pos, memo) if clause is None else clause
    key = ("cues", sent)
    cues = memo.get(key)
    if cues is None:
        cues = memo[key] = _cues(text, sent, memo)
    says, sourced, puts = cues
    if sourced:
        according = _source_phrase(text, (c_start, c_end), (s_start, s_end), strong=True, memo=memo)
        if according:
            return according
    src = _pre_posed(text, c_start, pos, memo, c_end, says, puts)
    if src:
        return src
    for lo, hi in ((c_start, c_end), (s_start, s_end)) if says else ():
        found = _memo(memo, ("post", lo, hi), lambda: (P.POST_POSED.search(text[lo:hi]), P.INVERTED.search(text[lo:hi])))
        src = _post_posed(text[lo:hi], pos - lo, found)
        if src:
            return src
    src = _source_phrase(text, (c_start, c_end), (s_start, s_end), strong=False, memo=memo) if sourced else None
    if src is None and says and _memo(memo, ("pronoun", sent), lambda: P.PRONOUN_SAYS.search(text, s_start, s_end)):
        return PRONOUN
    return src


def _cues(text: str, sent: tuple[int, int], memo: dict) -> tuple[bool, bool, bool]:
    """(whether the sentence has a verb of saying, whether it has a phrase that names a source: "according
    to", "citing"..., whether it may have a PUT_AT verb: "puts", "placed", "estimated"...). Every pattern
    of a speaker needs one of them, and most sentences with a figure have none: those are answered
    without the searches for a speaker.

    A source phrase in a clause is one in its sentence too (SOURCE_BEFORE looks no further than its
    last character), so a sentence without one has none in any of its clauses."""
    s_start, s_end = sent
    low = _lowered(text, memo)
    if low is None:
        says = P.SAY_ANY.search(text, s_start, s_end) is not None
    else:  # SAY_ANY, its \b before the verb checked here: no letter, digit or "_" before it
        says = False
        for m in P.SAY_LOWER.finditer(low, s_start, s_end):
            k = m.start()
            if not k or not (low[k - 1].isalnum() or low[k - 1] == "_"):
                says = True
                break
    # each phrase of SOURCE_BEFORE holds one of these: most sentences need no search of it
    sourced = (low is None or low.find("by", s_start, s_end) >= 0 or low.find("per", s_start, s_end) >= 0
               or low.find("ccording", s_start, s_end) >= 0 or low.find("iting", s_start, s_end) >= 0) \
        and P.SOURCE_BEFORE.search(text, s_start, s_end) is not None
    # each verb of PUT_AT (case-sensitive) starts with one of these
    puts = text.find("put", s_start, s_end) >= 0 or text.find("plac", s_start, s_end) >= 0 \
        or text.find("estimat", s_start, s_end) >= 0
    return says, sourced, puts


def _lowered(text: str, memo: dict) -> str | None:
    """`text` lower-cased, once per article: verbs of saying are searched in it without re.I. None
    where it would not find what re.I finds: "İ" lower-cases to two characters (every place after it
    moves), "ı" and "ſ" match "i" and "s" under re.I but lower-case to themselves."""
    key = ("lower",)
    if key not in memo:
        low = text.lower()
        memo[key] = low if len(low) == len(text) and "ı" not in low and "ſ" not in low else None
    return memo[key]


def _source_phrase(text: str, *spans: tuple[int, int], strong: bool, memo: dict | None = None) -> str | None:
    """The source named after "according to" (strong) or "citing", "per", "confirmed by" (weaker: only
    a name, "citing logistical problems" is a reason, not a source)."""
    for lo, hi in spans:
        src = _memo(memo, ("source", lo, hi), lambda: _sources_in(text, lo, hi))[0 if strong else 1]
        if src:
            return src
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


def _post_posed(sentence: str, pos: int, found: tuple | None = None) -> str | None:
    """"..., the Pentagon says." / "..., said John Smith." at the end of a clause or sentence.
    `found`: the searches of POST_POSED and INVERTED in `sentence`, when done already."""
    post, inv = found or (P.POST_POSED.search(sentence), P.INVERTED.search(sentence))
    if post and not re.search(r"\d", post.group("tail") or "") and post.start() >= pos:
        src = _clean_source(post.group("who"))
        if src and not re.search(r"\d", src):
            return src
    if inv and len(inv.group("who").split()) <= 8 and not re.search(
            r"\b(?:was|is|were|are|had|has|have|would|will|could|that|when|if)\b", inv.group("who")):
        src = _clean_source(inv.group("who"))
        if src:
            return src
    return None


def _pre_posed(text: str, c_start: int, pos: int, memo: dict | None = None, c_end: int | None = None,
               says: bool = True, puts: bool = True) -> str | None:
    """"Ukraine's Ministry of Defence says 259 ...": the speaker before the verb, the figure after it.

    `c_end`, the end of the clause, lets the verbs of the clause be found once for all its figures.
    `says` and `puts`: whether the sentence may have a verb of saying, a verb of PUT_AT (see _cues)."""
    # PUT_AT ends at the figure and is at most ~100 characters long: no need to search further back
    put = P.PUT_AT.before(text, pos, 200, c_start) if puts else None
    if put is not None:
        return _subject_before(text, c_start, put.start())  # "the Oryx blog puts losses at 58"
    if not says:  # no verb of saying in the sentence (see _attribution)
        return None
    end = pos if c_end is None else c_end
    verbs = _memo(memo, ("verbs", c_start, end), lambda: [(m.start(), m.end()) for m in P.SAY_VERB.finditer(text, c_start, end)])
    for start, stop in verbs:
        if stop > pos:
            break
        src = _memo(memo, ("speaker", c_start, start), lambda: _speaker(text, c_start, start, stop))
        if src:
            return src
    return None


def _speaker(text: str, c_start: int, verb_start: int, verb_end: int) -> str | None:
    """The speaker of the verb of saying text[verb_start:verb_end], or None when it is not one."""
    before = text[max(c_start, verb_start - 200):verb_start]  # only its last words are looked at
    if re.search(r"\b(?:an?|the)[ \t]+$", before, re.I):
        return None  # "an estimated 1,000": an adjective, not a speaker
    if re.search(r"\b(?:was|were|is|are|been|be)[ \t]+(?:\w+[ \t]+)?$", before):
        return None  # "which was first reported by": not the speaker of the figure
    if re.search(r"\b(?:that|which|who)[ \t]+(?:\w+[ \t]+){0,2}$", before.rsplit(",", 1)[-1]):
        return None  # "a group that lists only losses ...": a relative clause about the speaker
    if re.match(r"[ \t]*(?:[:;,.]|by\b|of\b)", text[verb_end:verb_end + 4]):
        return None  # "Election count: ...", "a count by ...": a noun, not a verb of saying
    return _subject_before(text, c_start, verb_start)


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


def _statement(text: str, fig: Figure) -> tuple[Statement | None, int]:
    """The figure with its range partner or qualifier, or (None, position to skip to) for a pair of
    numbers that is no range: years ("from 1943 to 1947"), won-lost records, scores."""
    between = P.RANGE_BETWEEN.before(text, fig.start, 10)
    head_between = between is not None
    partner = _range_partner(text, fig, head_between)
    second = None
    if partner is not None:
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
            second = None
    if second is not None:
        start = fig.start
        opener = between or P.RANGE_FROM.before(text, fig.start, 6)
        if opener:
            start = opener.start()
        return Statement(fig, (fig.value + second.value) / 2, "range", fig.value, second.value, start, second.end,
                         True), second.end
    qualifier, start = _qualifier_before(text, fig.start) or ("exact", fig.start)
    end = fig.end
    after = P.QUALIFIER_AFTER.match(text, end)
    if after and qualifier == "exact":
        qualifier = P.QUALIFIER_AFTER_OF[" ".join(after.group("q").lower().split())]
        end = after.end()
    return Statement(fig, fig.value, qualifier, None, None, start, end, False), end


def _normalised(st: Statement) -> tuple[str, str, float, str, int]:
    """(unit, kind, norm_value, norm_unit, end) of a statement; an unknown unit leaves a count."""
    fig = st.fig
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
    lo = max(sent[0], fig.start - 12)
    aged = P.AGED_BEFORE.search(text[lo:fig.start])
    if aged and aged.group().lower().startswith(("he", "she")) and not STOP_AFTER.match(text, fig.end, fig.end + 2):
        aged = None
    if aged:
        return "age", min(st.start, lo + aged.start())
    if st.qualifier != "exact" or fig.is_words or not fig.value.is_integer():
        return None
    before = text[max(sent[0], fig.start - 40):fig.start]
    if (P.NAME_COMMA.search(before) and P.APPOSITION_END.match(text[fig.end:fig.end + 3] or ".")) or \
            (P.NOUN_COMMA.search(before) and COMMA_AFTER.match(text, fig.end, fig.end + 2)):
        name = P.AGE_OF.search(text[max(sent[0], fig.start - 60):fig.start])  # "Robert Buckley, 32, died"
        return (f"age of {name.group(1)}" if name else "age"), st.start
    return None


def _thing(text: str, st: Statement, kind: str, end: int, sent: tuple[int, int], clause: tuple[int, int],
           before: tuple[int, str]) -> tuple[str, int, int]:
    """(thing, quote start, quote end): what the figure counts or measures, read after it, from a
    verb before it, or backwards from it. `before` is the end and the thing of the figure before."""
    fig, q_start = st.fig, st.start
    prev_end, prev_thing = before
    old = P.OLD_AFTER.match(text, end) if kind == "measure" and fig.unit_written in ("year", "years") else None
    if old:  # "the 33-year-old actress": what is read after "old" is all there is
        noun, noun_end = _forward_thing(text, old.end(), sent[1], "count")
        thing, q_end = (f"age of {noun}", noun_end) if noun else ("age", old.end())
    else:
        skip = P.SKIP_AFTER.match(text, end)  # a conversion, "-long", "year-on-year"
        thing_kind = "count_scaled" if (kind == "count" and fig.scaled) else kind
        thing, q_end = _forward_thing(text, skip.end() if skip else end, sent[1], thing_kind)
        if not thing:
            q_end = end
    state = P.STATE_AFTER.match(text, end) if not thing else None
    if state:
        thing = " ".join(state.group("state").lower().split())  # "more than 20 were missing"
    if not thing and prev_thing is not None and prev_end <= fig.start and P.OPEN_BRACKET.fullmatch(text, prev_end, q_start):
        thing = prev_thing  # "200 million euros ($265.3 million)": a conversion says what the figure before says
    outcome = None if thing else P.OUTCOME_BEFORE.before(text, q_start, 24, clause[0])
    if outcome:
        thing = outcome.group("verb")  # "the quake killed 26,000": the count is of people killed
    if not thing:
        lo = max(clause[0], q_start - 120)
        put = P.PUT_AT.search(text, lo, fig.start) if _may_put(text, lo, fig.start) else None
        said = P.PUT_WHAT.match(put.group()) if put else None
        if said and len(said.group("what").split()) <= 9:
            thing = said.group("what")  # "puts the number of Russian aircraft destroyed, damaged or captured at 62"
    if not thing:
        floor = max(clause[0], sent[0])
        if prev_end > floor and not P.LETTERS_NOT_PREPOSITION.search(text[prev_end:q_start]):
            floor = prev_end  # "250mm in 48 hours": nothing of its own before the figure
        last = LAST_BREAK.match(text, floor, q_start)  # the last of them, as one pass rather than one per mark
        punct = last.end() - 1 if last else -1
        back, back_start = _backward_thing(text, max(floor, punct + 1), q_start, drop_verb=kind != "measure")
        if back:
            thing = back
            if back_start >= q_start - 60:
                q_start = back_start
    return thing, q_start, q_end


def _may_put(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] may hold a verb of PUT_AT: each (case-sensitive) holds one of these. Most
    figures have none before them, and PUT_AT, a search tried at every place, is not searched then."""
    return text.find("put", lo, hi) >= 0 or text.find("plac", lo, hi) >= 0 or text.find("estimat", lo, hi) >= 0


def _word_starts(low: str) -> list[int]:
    """Where a number word (or "dozen") starts in the lower-cased text `low`."""
    return [m.start() for m in P.NUMBER_WORD_START.finditer(low)]


def _digit_starts(text: str):
    """Where each run of digits starts, in text order, read as far as asked."""
    return map(_START, P.DIGIT_RUN.finditer(text))


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
    starts.sort()
    k, n = 0, len(starts)
    for p in _digit_starts(text) if digits is None else digits:
        if p and text[p - 1] == ".":
            p -= 1  # ".5"
        while k < n and starts[k] < p:
            yield starts[k]
            k += 1
        yield p
    yield from starts[k:]


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
    words = _word_starts(_lower(text))
    sentences = _Sentences(text)
    # the text is scanned once for runs of digits; the date cover and the numbers each read them
    digits_for_numbers, digits_for_dates = itertools.tee(_digit_starts(text))
    dates = DateCover(text, words, digits_for_dates)
    claims: list[Claim] = []
    memo: dict = {}  # what was found in a sentence or clause, for its other figures (see _memo)
    consumed = prev_end = scanned = figures = 0
    last_speaker = None
    for p in _number_starts(text, words, digits_for_numbers):
        if p < scanned:
            continue
        m = NUMBER.match(text, p)
        if m is None:
            continue
        scanned = m.end()
        figures += 1
        if figures > MAX_FIGURES:
            raise ComparerError(article.source, f"over {MAX_FIGURES:,} figures: a list of numbers, not an article")
        if figures > DENSE_FIGURES and m.end() < figures * DENSE_CHARS:
            raise ComparerError(article.source, f"over {DENSE_FIGURES:,} figures, one every {max(1, round(m.end() / figures))} "
                                                f"characters: a table or a list of numbers, not an article")
        if m.start() < consumed:
            continue
        if m.end() - m.start() > MAX_FIGURE_CHARS:
            consumed = m.end()
            continue
        fig = _read_figure(text, m)
        if fig is None:
            continue
        sent = sentences.of(m.start())
        st, skip_to = _statement(text, fig)
        if st is None:
            consumed = skip_to
            continue
        if _not_a_claim(text, fig, sent, st.qualifier != "exact", dates, memo):
            consumed = st.end if st.is_range else m.end()
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
        if not all(math.isfinite(x) and abs(x) < 1e18 for x in (st.value, norm_value, low or 0, high or 0)):
            continue  # a run of digits no reader would call a figure
        prev_end = end
        source = _attribution(text, sent, fig.start, memo, clause)
        if source == PRONOUN:
            source = last_speaker
        claims.append(Claim(
            article=article.source, outlet=article.outlet, published=article.published,
            sentence=text[sent[0]:sent[1]], start=q_start, end=q_end, quote=text[q_start:q_end],
            value=_tidy(st.value), qualifier=st.qualifier, low=_tidy(low), high=_tidy(high), unit=unit,
            norm_value=_tidy(norm_value), norm_unit=norm_unit, thing=thing, attribution=source,
        ))
        last_speaker = source or last_speaker
    return claims


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
    if x.is_integer() and abs(x) < 1e12:
        return float(int(x))  # twelve digits or fewer: already what the rounding below gives
    x = float(f"{x:.12g}")
    if x.is_integer() and abs(x) < 1e15:
        return float(int(x))
    return x
