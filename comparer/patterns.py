"""Rules as data: the compiled patterns and word lists the extract stage uses, and the two helpers
that make them fast (`trie_re`, word lists as tries; `Suffix`, patterns that end at a figure).

Every pattern here is linear: alternations of literal words, bounded repeats, no nested quantifiers
over overlapping classes, so no input can make a search backtrack catastrophically.
"""
from __future__ import annotations

import re
import string


def words_re(words, *, boundary: bool = True) -> str:
    """An alternation of literal phrases, longest first, spaces matching any run of white space."""
    alts = sorted({w for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)
    return rf"\b(?:{body})\b" if boundary else f"(?:{body})"


# --- numbers ------------------------------------------------------------------------------------

# digits with , or thin/normal space grouping, or . grouping of two or more groups, then decimals.
# Written so that a start tries little: the first digit is read once, and after a run of at most three
# digits only the groupings that may begin with the character after it are tried. Each of those begins
# with no digit, so each takes the run whole (the first digit is a run's first: a digit is \w), as the
# plain form's alternatives tried in turn do (tests/test_patterns.py compares the two).
DIGITS = r"""
    (?<![\w.,])                     # not the tail of a longer token (e.g. Su-30 is caught separately)
    (?:
        \.\d+                                   # .5
      | \d(?:
            \d{0,2}+(?:                         # a run of at most three digits, then
                ,\d{3}(?:,\d{3})*(?:\.\d+)?                                     # 300,000  1,400.5
              | [ \u00a0\u202f\u2009]\d{3}(?:[ \u00a0\u202f\u2009]\d{3})*(?![\d])  # 300 000
              | \.\d{3}(?:\.\d{3})+(?![\d])                                     # 1.400.000
              | ,\d{1,2}(?=[ \t]*(?:million|billion|thousand|mln|bln|mn|bn)\b)  # 1,5 million
            )
          | \d*(?:\.\d+)?                       # 300  1.4  0.3
        )
    )
"""

# number words that text2num parses; "a"/"an" only count in front of a scale word (a million)
UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()
SCALE_WORDS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORD = words_re(UNITS_WORDS + list(SCALE_WORDS))  # one of them (WORD_NUMBER's words, below, are faster)

A_DOZEN = r"\b(?:half[ \t]+)?an?[ \t]+dozen\b(?![ \t]+times)"


def trie_re(words, caseless: bool = False) -> str:
    """An alternation of lower-case literal words as a trie ("t(?:en|hree|wo)"): where most of the
    text is no number, trying each word at each position is the cost, and a trie tries one branch.
    `caseless`: each letter as the class of what re.I matches it with ("[tT]"), for a pattern (or a
    part of one) without re.I."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def escape(ch: str) -> str:
        return caseless and CASELESS.get(ch) or re.escape(ch)

    def emit(node: dict) -> str:
        alts = [escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


# what re.I matches each ASCII letter with, as a class (three have a third: the long s, the Kelvin sign,
# and the dotted and dotless i)
CASELESS = {c: f"[{c}{c.upper()}]" for c in string.ascii_lowercase} | {
    "s": "[sS\u017f]", "k": "[kK\u212a]", "i": "[iI\u0130\u0131]"}
# a run of number words: "three hundred thousand", "Forty-one", "two hundred and fifty". In NUMBER,
# which is compiled with re.I, its words are a trie of such classes with re.I off: a branch is then
# tried only where its first character is (under re.I, a literal opens every branch). The same
# matches as NUMBER_WORD: a word followed by \b is the start of no other (tests/test_patterns.py).
_WORD = rf"\b{trie_re(UNITS_WORDS + list(SCALE_WORDS), caseless=True)}\b"
WORD_NUMBER = rf"(?-i:{_WORD}(?:(?:[ \t]+|-)(?:[aA][nN][dD][ \t]+)?{_WORD}){{0,8}})"


# where a number may start: a run of digits (DIGIT_RUN, below) or, searched in the lower-cased text, a
# number word or "dozen" (for "(half) a dozen", A_DOZEN_BEFORE). Each is then read by the full
# number pattern (extract.NUMBER) at that position.
_NUMBER_WORDS = trie_re(UNITS_WORDS + list(SCALE_WORDS) + ["dozen"])
NUMBER_WORD_START = re.compile(r"\b(?:" + _NUMBER_WORDS + ")")
# The same number words found faster, in the lower-cased text as bytes, one for each character, with
# every character \w does not take made a space (NUMBER_VIEW, extract._word_starts): the word after a
# space, which is what \b asks before a letter. A search for a pattern that starts with one literal character skips
# to that character at memchr speed, where one that starts with \b is tried at every position and one
# that starts with a set of characters tests each character against the set.
NUMBER_WORD_AFTER_SPACE = re.compile(rb" (?:" + _NUMBER_WORDS.encode() + rb")")
NUMBER_WORD_AT = re.compile(_NUMBER_WORDS.encode())  # the text's first word
# each byte of that view (extract._number_view): an ASCII letter or "_" as it is, a digit "0" (for
# DIGIT_RUN_ZEROS: the view serves both scans), anything else (what \w does not take) a space
NUMBER_VIEW = bytes(48 if 48 <= c <= 57 else c if chr(c).isalnum() and c < 128 or c == 95 else 32 for c in range(256))
A_DOZEN_BEFORE = re.compile(r"\b(?:half[ \t]+)?an?[ \t]+\Z", re.I)
# scale after a number: "1.4 million", "300k", "€10m", "£1.2bn"; m/b only after money (10m is metres)
SCALE_AFTER = re.compile(
    r"""(?:[ \t\u00a0]*-?[ \t\u00a0]*(?P<word>thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn|dozen)\b
        | (?P<suffix>k|K|bn|mn|m|b|tn|M|B)(?![\w]))""",
    re.X,
)
SCALE_VALUES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "dozen": 12, "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}

# --- money --------------------------------------------------------------------------------------

CURRENCY_SYMBOLS = {
    "US$": "USD", "US $": "USD", "U.S. $": "USD", "U.S.$": "USD", "$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "HK$": "HKD", "NT$": "TWD", "NT $": "TWD", "NZ$": "NZD", "S$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH",
    "₽": "RUB", "₹": "INR", "₩": "KRW", "CHF": "CHF", "euro": "EUR", "Rs.": "INR", "Rs": "INR",
}
CURRENCY_CODES = "USD EUR GBP TWD JPY CNY UAH RUB INR CHF CAD AUD NZD SEK NOK DKK PLN TRY KRW HKD SGD BRL ZAR MXN".split()
CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "US dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "hryvnias": "UAH", "hryvnia": "UAH", "hryvnas": "UAH", "roubles": "RUB", "rubles": "RUB",
    "rouble": "RUB", "ruble": "RUB", "rupees": "INR", "rupee": "INR", "francs": "CHF",
    "Swiss francs": "CHF", "zlotys": "PLN", "zloty": "PLN", "lira": "TRY", "liras": "TRY",
}
CURRENCY_BEFORE = re.compile(
    "(?:" + "|".join((r"\b" if s[0].isalpha() else "") + re.escape(s)
                     for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
    + "|" + r"\b(?:" + "|".join(CURRENCY_CODES) + r")\b" + r")[ \u00a0]?\Z"
)
CURRENCY_AFTER = re.compile(
    r"[ \t\u00a0]*(?:" + words_re(list(CURRENCY_WORDS) + CURRENCY_CODES + ["pounds", "pound"]) + ")"
)

# --- percentages and units ----------------------------------------------------------------------

PERCENT_AFTER = re.compile(r"[ \t\u00a0]*(?:%|\bper[ \t]?cent\b|\bpercent\b|\bpct\b)|-per-?cent\b")
PERCENT_POINTS = re.compile(r"[ \t]*(?:percentage[ \t]+points?|pp|ppt|ppts)\b")

# units as written, mapped to what pint parses (None: pint parses the written form itself)
UNIT_FORMS = {
    # areas
    "square kilometres": "km**2", "square kilometers": "km**2", "square kilometre": "km**2",
    "square kilometer": "km**2", "sq km": "km**2", "sq. km": "km**2", "sqkm": "km**2", "km²": "km**2",
    "km2": "km**2", "kmsq": "km**2",
    "square miles": "mi**2", "square mile": "mi**2", "sq miles": "mi**2", "sq mi": "mi**2",
    "sq. mi": "mi**2", "mi²": "mi**2", "mi2": "mi**2",
    "square metres": "m**2", "square meters": "m**2", "square metre": "m**2", "square meter": "m**2",
    "sq m": "m**2", "m²": "m**2", "m2": "m**2",
    "square feet": "ft**2", "square foot": "ft**2", "sq ft": "ft**2", "ft²": "ft**2",
    "hectares": "hectare", "hectare": "hectare", "ha": "hectare", "acres": "acre", "acre": "acre",
    # lengths
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "km": "km",
    "miles": "mile", "mile": "mile", "mi": "mile", "nautical miles": "nautical_mile",
    "nautical mile": "nautical_mile",
    "metres": "m", "meters": "m", "metre": "m", "meter": "m", "m": "m",
    "centimetres": "cm", "centimeters": "cm", "centimetre": "cm", "cm": "cm",
    "millimetres": "mm", "millimeters": "mm", "millimetre": "mm", "mm": "mm",
    "inches": "inch", "inch": "inch", "feet": "foot", "foot": "foot", "ft": "foot",
    "yards": "yard", "yard": "yard",
    # masses
    "tonnes": "metric_ton", "tonne": "metric_ton", "metric tons": "metric_ton", "t": "metric_ton",
    "tons": "ton", "ton": "ton", "kilograms": "kg", "kilogrammes": "kg", "kilogram": "kg", "kg": "kg",
    "kilos": "kg", "grams": "g", "gram": "g", "g": "g", "lbs": "lb", "lb": "lb", "ounces": "oz",
    "ounce": "oz", "oz": "oz",
    # volumes
    "cubic metres": "m**3", "cubic meters": "m**3", "cubic metre": "m**3", "m³": "m**3", "m3": "m**3",
    "litres": "liter", "liters": "liter", "litre": "liter", "liter": "liter", "gallons": "gallon",
    "gallon": "gallon", "barrels": "oil_barrel", "barrel": "oil_barrel", "bcm": "km**3",
    # durations
    "seconds": "second", "second": "second", "minutes": "minute", "minute": "minute", "mins": "minute",
    "hours": "hour", "hour": "hour", "hrs": "hour", "hr": "hour", "days": "day", "day": "day", "weeks": "week",
    "week": "week", "months": "month", "month": "month", "years": "year", "year": "year",
    "yrs": "year", "decades": "10 * year", "decade": "10 * year", "centuries": "century",
    "century": "century",
    # speeds, power, energy, temperature
    "km/h": "km/h", "kph": "km/h", "kilometres per hour": "km/h", "kilometers per hour": "km/h",
    "mph": "mph", "miles per hour": "mph", "knots": "knot", "knot": "knot",
    "megawatts": "MW", "megawatt": "MW", "MW": "MW", "gigawatts": "GW", "gigawatt": "GW", "GW": "GW",
    "kilowatts": "kW", "kilowatt": "kW", "kW": "kW", "kWh": "kWh", "MWh": "MWh", "GWh": "GWh",
    "TWh": "TWh", "GB": "GB", "TB": "TB", "MB": "MB", "gigabytes": "GB", "terabytes": "TB",
    "GHz": "GHz", "MHz": "MHz", "degrees Celsius": "degC", "°C": "degC", "degrees Fahrenheit": "degF", "°F": "degF", "C": "degC", "F": "degF",
}
DURATION_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "10 * year", "century"}
# words that are units only right after a number and never start a counted noun phrase
UNIT_AFTER = re.compile(
    r"(?:[ \t\u00a0]+|-|(?=[a-zA-Z²³°/]))(?P<unit>"
    + "|".join(
        re.escape(u).replace(r"\ ", r"[ \t]+")
        for u in sorted(UNIT_FORMS, key=len, reverse=True)
    )
    + r")(?![\w²³])(?!-(?!(?:long|wide|high|deep|tall|thick|strong|old|large|plus)\b)[a-z])"  # "second-overall"
)
# a unit abbreviation fused to the number with no space or spelled with a symbol is unambiguous;
# single letters spelled out after a space ("4 m") are too, but "t" and "g" alone are only units fused
AMBIGUOUS_SPACED_UNITS = {"t", "g", "ha", "in", "C", "F"}

# "magnitude 6.1", "a 6.1-magnitude earthquake" (not a pint unit: a scale of its own)
MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:[ \t]+|[ \t]*-[ \t]*)(?:of[ \t]+)?\Z", re.I)
MAGNITUDE_AFTER = re.compile(r"[ \t]*-?[ \t]*magnitude\b", re.I)

# The first character that each pattern matched right after a figure (SCALE_AFTER and those above)
# can match once white space and hyphens are passed over (extract._lead): a figure followed by
# none of them needs no try of the pattern, and most figures are followed by a word or a comma.
# "" stands for "not known" (a long run of white space, the end of the text): the pattern is tried.
# tests/test_patterns.py checks these against matches of the patterns on generated text.
SCALE_AFTER_LEADS = frozenset("tmbdkKMB") | {""}
CURRENCY_AFTER_LEADS = frozenset(w[0] for w in [*CURRENCY_WORDS, *CURRENCY_CODES, "pounds", "pound"]) | {""}
PERCENT_LEADS = frozenset("%p") | {""}  # PERCENT_AFTER, PERCENT_POINTS
UNIT_AFTER_LEADS = frozenset(u[0] for u in UNIT_FORMS) | {""}
MAGNITUDE_AFTER_LEADS = frozenset("mM") | {""}
# Finer, for all of them at once: AFTER_ANY matches where one of them may match, past white space and
# hyphens: at the first three characters of one of the words they may match first (the first word of a
# phrase; a word of two whole), at a letter a match ends with (never followed by a letter or a digit), at
# "%". Most figures are followed by a word none of them starts ("300 people", "5 of the", "12, and"): one
# failed match instead of trying each (extract._read_figure). tests/test_patterns.py checks it against
# matches of the patterns on generated text.
AFTER_WORDS = [
    *SCALE_VALUES, "K", "M", "B",  # SCALE_AFTER
    *CURRENCY_WORDS, *CURRENCY_CODES, "pounds", "pound",  # CURRENCY_AFTER
    "per", "percent", "pct", "percentage", "pp", "ppt", "ppts",  # PERCENT_AFTER, PERCENT_POINTS
    *UNIT_FORMS,  # UNIT_AFTER
    "mag", "maG", "mAg", "mAG", "Mag", "MaG", "MAg", "MAG",  # MAGNITUDE_AFTER, in any case
]
_AFTER_WORD = (  # where AFTER_ANY matches once past white space and hyphens (none of which it starts with)
    "(?:" + trie_re({w.split()[0][:3] for w in AFTER_WORDS if len(w.split()[0]) > 1})
    + "|[" + "".join(sorted(w for w in AFTER_WORDS if len(w) == 1)) + "](?![A-Za-z0-9_])|%)"
)
AFTER_ANY = re.compile(r"[ \t\u00a0-]*" + _AFTER_WORD)

# --- qualifiers (SPEC section 4) -----------------------------------------------------------------

QUALIFIER_PHRASES = {
    "at_least": ["at least", "no fewer than", "no less than", "a minimum of", "not less than",
                 "not fewer than", "at a minimum", "minimum of"],
    "more_than": ["more than", "over", "in excess of", "above", "upwards of", "upward of",
                  "greater than", "well over", "just over", "exceeding", "north of", "some more than",
                  "well above", "just above", "more than a", "past", "beyond", "topping", "surpassing"],
    "at_most": ["up to", "at most", "no more than", "as many as", "as high as", "as much as",
                "within", "a maximum of", "not more than", "maximum of", "as large as", "as far as",
                "as long as", "not exceeding"],
    "less_than": ["less than", "fewer than", "under", "below", "just under", "just below",
                  "short of", "shy of", "lower than", "well under", "well below", "barely"],
    "approx": ["about", "around", "roughly", "some", "approximately", "nearly", "almost",
               "an estimated", "estimated", "close to", "circa", "approx.", "approx",
               "around about", "an approximate", "in the region of", "on the order of",
               "just about", "more or less", "closer to", "nearer", "nearer to", "an average of", "on average", "or so", "towards",
               "toward", "just shy of", "near"],
}
QUALIFIER_OF = {p.lower(): q for q, ps in QUALIFIER_PHRASES.items() for p in ps}
# the phrases as a trie (a search tries the pattern at each start in its window, and a trie tries one
# branch there, not each phrase), spaces matching any run of white space as in words_re. Whichever
# phrase a start reads, it ends where the white space before the figure starts: the same matches as
# the plain alternation (tests/test_patterns.py compares the two).
QUALIFIER_BEFORE = re.compile(
    "(?:^|(?<=[^\\w]))(?P<q>" + trie_re([p for ps in QUALIFIER_PHRASES.values() for p in ps]).replace(r"\ ", r"\s+")
    + r")[ \t\u00a0]+\Z",
    re.I,
)
QUALIFIER_AFTER = re.compile(
    r"(?P<q>[ \t]+or[ \t]+(?:more|greater|higher|above)|\+|-plus\b|[ \t]+plus\b(?![ \t]+\w)"
    r"|[ \t]+or[ \t]+so\b|[ \t]+or[ \t]+(?:fewer|less|under)\b|[ \t]+at[ \t]+(?:least|most)\b)",
    re.I,
)
# matches wherever QUALIFIER_AFTER or RANGE_JOIN may (a mark, or one of their first words past spaces and
# tabs): a figure followed by neither ("300 people", "5,", "300 at the", "5 other") needs neither tried.
# One match, as precise as a word; tests/test_patterns.py checks it against the patterns' matches.
_JOIN_WORD = r"(?:[-–—+]|(?:to|and|or|plus|at)\b)"  # where JOIN_ANY matches past spaces and tabs
JOIN_ANY = re.compile(r"[ \t]*" + _JOIN_WORD, re.I)
# AFTER_ANY (its group "after") or else JOIN_ANY, in one match: most figures are followed by neither, which
# one failed match tells (extract._read_figure), where each would fail in turn. Both pass the spaces and
# tabs first, then what each matches starts with none of them: they are passed once, for both, and never
# given back (*+), and AFTER_ANY's hyphens and white space after them neither (tests/test_patterns.py)
AFTER_OR_JOIN = re.compile(r"[ \t]*+(?:(?P<after>[ \t\u00a0-]*+" + _AFTER_WORD + ")|(?i:" + _JOIN_WORD + "))")
QUALIFIER_AFTER_OF = {
    "or more": "at_least", "or greater": "at_least", "or higher": "at_least", "or above": "at_least",
    "+": "more_than", "-plus": "more_than", "plus": "more_than", "or so": "approx",
    "or fewer": "at_most", "or less": "at_most", "or under": "at_most",
    "at least": "at_least", "at most": "at_most",
}

# ranges: "between 200 and 300", "200-300", "200 to 300", "from 200 to 300"
RANGE_BETWEEN = re.compile(r"\bbetween[ \t]+\Z", re.I)
RANGE_FROM = re.compile(r"\bfrom[ \t]+\Z", re.I)
RANGE_JOIN = re.compile(r"[ \t]*(?:-|–|—|\bto\b|\band\b|\bor\b)[ \t]*", re.I)
CHANGE_BEFORE_FROM = re.compile(
    r"\b(?:rose|rise|rising|risen|increased?|increasing|fell|fallen|falling|dropped|drop|climbed|jumped|"
    r"grew|grown|declined?|up|down|raised|lowered|cut|revised|went|soared|surged|plunged|slipped|"
    r"changed?|moved|shrank|expanded|doubled|tripled|upgraded|downgraded)\b[^.;,]{0,40}\Z",
    re.I,
)

# --- what is not a claim -------------------------------------------------------------------------

MONTHS = ("January February March April May June July August September October November December "
          "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTH = r"(?:" + "|".join(MONTHS) + "|" + "|".join(m.upper() for m in MONTHS if m != "May") + r"|MAY(?=[ \t]+\d))\.?"
MONTH_INITIAL = "[" + "".join(sorted({m[0] for m in MONTHS})) + "]"
# The spans that are never a claim, each alternative with the characters its first character may be
# (whatever assertions come before it) and, for one that may start at a digit, the characters that may
# come first after the run of digits (\d+) it starts at: right after the run, and after the run and the
# spaces and tabs after it ("" for none; None: any, or no run of digits at its start; a digit of another
# script counts as an ASCII one, since \d takes both). DATE_SPANS is their alternation, in this order:
# the first alternative that matches wins. DateCover tries at a position only the alternatives that may
# start at its character (DATE_SPANS_AT) and, at an ASCII digit, that may go on with the character after
# its run and blanks (date_spans_after_digits: after most runs, a plain word after a space, a comma or a
# full stop, none or one may): the same match at a fraction of the cost. A class may be wider than
# needed, never narrower: one that misses a character loses spans (tests/test_patterns.py).
MONTH_INITIALS = "".join(sorted({m[0] for m in MONTHS}))
_SLUG_AFTER_DIGITS = "-" + string.ascii_letters  # [A-Za-z0-9]+- from a digit: more letters or a hyphen
DATE_ALTERNATIVES = [
    (r"\d", "snrt", "o" + MONTH_INITIALS, rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+{MONTH}(?:,?[ \t]+(?:\d{{4}}|\d{{2}}))?\b"),  # 23 September 2022, 10 Nov 11
    (MONTH_INITIAL, None, None, rf"\b{MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?[ \t]+\d{{4}}\b)?"),  # September 23, 2022
    (MONTH_INITIAL, None, None, rf"\b{MONTH},?[ \t]+\d{{4}}\b"),  # September 2022
    (r"\d", "/.", "", r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"),  # 21/09/2022
    (r"\d", "-", "", r"\b\d{4}-\d{2}-\d{2}(?:T[\d:.+Z-]+)?"),  # 2022-09-21
    (r"\d", ":", "", r"\b\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*(?:a\.m\.|p\.m\.|am|pm|AM|PM|GMT|UTC|BST|CET|EST|ET|PT))?"),  # 9:15
    (r"\d", "apAPo", "apAPo", r"\b\d{1,2}(?:[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|o'clock\b))"),  # 9am, 10 p.m.
    (r"\d", ".", "", r"\b\d{1,2}(?:\.\d{2})[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b)"),  # 9.30am
    (r"\d", "s", "", r"\b(?:1[5-9]|20)\d{2}s\b"),  # 1990s
    (r"\d", "s", "", r"\b\d0s\b"),  # 90s
    (r"'", None, None, r"'\d0s\b"),  # '90s
    (r"\d", "-–/", "", r"\b(?:1[5-9]|20)\d{2}[-–/](?:\d{2}|\d{4})\b"),  # 2022-23, 2014/2015
    (r"\d", "/", "", r"\b\d+/\d+\b"),  # 24/7, 1/2
    (r"\d", "/", "/", r"\b\d{1,2}[ \t]*/[ \t]*\d{1,2}[ \t]*/[ \t]*\d{2,4}\b"),  # 05 / 02 / 07
    (r"[+(\d]", ").-", string.digits, r"(?:\+\d{1,3}[ .-]?)?\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b"),  # phone numbers
    (r"\d", ",.x×", "x×", r"\d[\d,.]*[ \t]*[x×][ \t]*\d[\d,.]*"),  # 1,280 x 800
    (r"\d", "-", "", r"\b\d+-of-\d+\b"),  # 11-of-36
    (r"[A-Za-z]", None, None, r"\b[A-Za-z]+\d+[-‐]\d+\b"),  # MS08-078
    (r"\d", "GUZ", "GUZ", r"\b\d{4}[ \t]*(?:GMT|UTC|Z)\b"),  # 0241 GMT
    (r"\d", "(", "(", r"\b(?:[01]\d|2[0-3])[0-5]\d[ \t]*\([ \t]*(?:[01]\d|2[0-3])[0-5]\d[ \t]*(?:GMT|UTC)[ \t]*\)"),  # 1353 (1023 GMT)
    (r"\S", None, None, r"\S*(?:https?://|www\.)\S*"),  # links
    (r"[A-Za-z0-9]", _SLUG_AFTER_DIGITS, "", r"\b(?:[A-Za-z0-9]+-){4,}[A-Za-z0-9]+\b(?:[ \t/]+\d+\b)?"),  # slugs
    (r"\d", "-", "", r"\b9-1-1\b"),  # 9-1-1
    (r"\d", "", "b", r"\b\d+[ \t]+block[ \t]+of\b"),  # the 12200 block of
    (r"\d", "h", "h", r"\b(?:[01]\d|2[0-3])[0-5]\d[ \t]*hrs\b"),  # 1100 hrs
    (r"\d", "h", "h", r"(?<=at[ \t])(?:[01]\d|2[0-3])[0-5]\d[ \t]*hours\b"),  # at 1100 hours
    (r"\d", "", string.ascii_uppercase, r"\b\d+[ \t]+(?:[A-Z][a-z]+[ \t]+){1,3}(?:St|Street|Ave|Avenue|Road|Rd|Blvd|Boulevard|Lane|Ln|Drive|Way|Place|Square)\b"),  # 54 State St
    (r"\(", None, None, r"\(\d+-\d+(?:,[^()\n]{0,30})?\)"),  # a record: (15-17)
    (r"0", None, None, r"\b0\d{3,4}[ \t-]?\d{3}[ \t-]?\d{3,4}\b"),  # 0845 125 4000
    (r"[cd]", None, None, r"\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?)[ \t]+(?:911|999|112)\b"),  # called 911
    (r"\d", ".:", "", r"\b\d{1,2}[.:]\d{2}[ \t]*(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|IST|ET|PT)\b"),  # 08.33 BST
    (r"\d", "", string.digits, r"\b\d+[ \t]+\d[ \t]*/[ \t]*\d\b"),  # 4 1 / 2
    (r"\d", "/", "/", r"\b\d+[ \t]*/[ \t]*\d+\b"),  # 41 / 2
]
DATE_SPANS = re.compile("|".join(alternative for *_, alternative in DATE_ALTERNATIVES))
LINK_ALTERNATIVE = next(alternative for *_, alternative in DATE_ALTERNATIVES if "https?://" in alternative)
# each alternative with its first character's class as a compiled test: the alternatives of a
# character are picked with no regex compiled or looked up (a few for each character on first use)
_DATE_STARTS = [(re.compile(first).fullmatch, follow, spaced, alternative)
                for first, follow, spaced, alternative in DATE_ALTERNATIVES]


def _date_spans_from(ch: str, links: bool = True) -> re.Pattern | None:
    """The alternatives of DATE_SPANS that may start at the character `ch`, in their order (the
    same first match as DATE_SPANS at a position holding `ch`), as one pattern (None for none); with
    `links` false, not the link's (for a text that holds no link head)."""
    picked = tuple(alternative for starts, _, _, alternative in _DATE_STARTS
                   if starts(ch) and (links or alternative is not LINK_ALTERNATIVE))
    return _date_union(picked) if picked else None


def _date_union(picked: tuple[str, ...]) -> re.Pattern:
    """The alternatives `picked` as one pattern, compiled once."""
    pattern = _DATE_SPANS_OF.get(picked)
    if pattern is None:
        pattern = _DATE_SPANS_OF[picked] = re.compile("|".join(picked))
    return pattern


_DATE_SPANS_OF: dict[tuple[str, ...], re.Pattern] = {}
_NEVER_MATCHES = re.compile("(?!)")
# the patterns of each character seen but the ASCII digits (see date_spans_after_digits), for a text
# with links and for one without (every other ASCII character, and other characters up to a bound
# that keeps the tables small whatever the text holds)
DATE_SPANS_AT: dict[str, re.Pattern] = {chr(c): _date_spans_from(chr(c)) or _NEVER_MATCHES
                                        for c in range(128) if not chr(c).isdigit()}
DATE_SPANS_AT_NO_LINK: dict[str, re.Pattern] = {chr(c): _date_spans_from(chr(c), False) or _NEVER_MATCHES
                                                for c in range(128) if not chr(c).isdigit()}


def date_spans_at(ch: str, table: dict[str, re.Pattern] = DATE_SPANS_AT) -> re.Pattern:
    """DATE_SPANS for a match at a position holding the character `ch`, from `table` (DATE_SPANS_AT,
    or DATE_SPANS_AT_NO_LINK for a text that holds no link head)."""
    pattern = table.get(ch)
    if pattern is None:
        pattern = _date_spans_from(ch, table is not DATE_SPANS_AT_NO_LINK) or _NEVER_MATCHES
        if len(table) < 1024:
            table[ch] = pattern
    return pattern
# the alternatives that may start at 0 and those that may start at 1 (as at every other ASCII digit),
# each with the characters it may go on with after its run of digits, right after it and after blanks
_AT_DIGIT = {zero: [(follow, spaced, alternative) for starts, follow, spaced, alternative in _DATE_STARTS
                    if starts("0" if zero else "1")] for zero in (False, True)}
# The alternatives that a digit tries on their own, not in one pattern with the others picked there
# (see date_spans_after_digits): the month's, as long as all the other alternatives a digit may start
# together (compiled in every pattern that held it, it was a third of the cost of compiling them), and
# the two that only some runs may take, the 0845 phone's (at a 0) and the link's (in a text with a link
# head), each of which made a second pattern of most others. A process compiles a third as much.
_DATE_APART = (next(alternative for first, *_, alternative in DATE_ALTERNATIVES if first == r"\d" and MONTH in alternative),
               next(alternative for first, *_, alternative in DATE_ALTERNATIVES if first == "0"),
               LINK_ALTERNATIVE)
# DATE_SPANS at an ASCII digit (see date_spans_after_digits), by (whether the digit is 0, the character
# after its run of digits, whether spaces or tabs come before that character), for a text with a link
# head and for one without
DATE_SPANS_AFTER_DIGITS: dict[tuple[bool, str, bool], tuple] = {}
DATE_SPANS_AFTER_DIGITS_NO_LINK: dict[tuple[bool, str, bool], tuple] = {}


def date_spans_after_digits(zero: bool, after: str, spaced: bool, table: dict = DATE_SPANS_AFTER_DIGITS) -> tuple:
    """DATE_SPANS at an ASCII digit (0 when `zero`, else 1 to 9, which start the same alternatives)
    whose run of digits (\\d+) the character `after` follows, after spaces and tabs when `spaced` (""
    for none: the text's end or MAX_DATE_CHARS reached first), from `table` (DATE_SPANS_AFTER_DIGITS,
    or DATE_SPANS_AFTER_DIGITS_NO_LINK for a text with no link head): the match methods of patterns to
    try in turn, the first match found being DATE_SPANS's (none where no alternative may match). They
    are the alternatives that may start there and go on with `after`, in their order, each run of them
    between those of _DATE_APART one pattern, and each of those its own."""
    key = (zero, after, spaced)
    matches = table.get(key)
    if matches is None:
        links = table is not DATE_SPANS_AFTER_DIGITS_NO_LINK
        if after.isdecimal():
            after = "0"  # \d takes a digit of any script as it takes an ASCII digit
        runs: list[list[str]] = [[]]
        for follow, after_spaces, alternative in _AT_DIGIT[zero]:
            goes_on = after_spaces if spaced else follow
            if (links or alternative is not LINK_ALTERNATIVE) and (goes_on is None or (after and after in goes_on)):
                if alternative in _DATE_APART:
                    runs += [[alternative], []]
                else:
                    runs[-1].append(alternative)
        matches = tuple(_date_union(tuple(run)).match for run in runs if run)
        if len(table) < 4096:  # (a bound whatever the characters of the texts)
            table[key] = matches
    return matches
# Where a span of DATE_SPANS may start (see extract.DateCover): a month name, the head of a link, a run
# of digits. The month names as a trie (one branch tried at a capital letter, not each name): its
# optional endings are greedy, so it finds the longest name at each place, as the names longest first
# did (tests/test_patterns.py compares the two)
MONTH_NAMES = sorted(set(MONTHS) | {m.upper() for m in MONTHS}, key=len, reverse=True)
MONTH_FIND = re.compile(trie_re(MONTH_NAMES))
MONTH_NAME_SET = frozenset(MONTH_NAMES)
LINK_FIND = re.compile(r"https?://|www\.")
DIGIT_RUN = re.compile(r"\d+")
# the same runs found faster (extract._digit_starts): in the text as bytes, one for each character, with
# every digit made "0" and nothing else (NUMBER_VIEW), the runs of "0", a literal searched for at memchr speed
DIGIT_RUN_ZEROS = re.compile(rb"00*")
# numbers inside words or codes: Su-30, F-16, MiG-29, A320, COVID-19, 5G, 3D, M142
MODEL_BEFORE = re.compile(r"(?:[A-Za-z][-‐]?|[A-Za-z]\d*[-‐])\Z")
YEAR_PREFIX = re.compile(
    r"\b(?:in|since|by|until|till|from|of|to|during|before|after|year|years|early|late|mid|summer|"
    r"winter|spring|autumn|fall|fiscal|FY|circa|around|through|between|and|the|'s|season|class|a|an|its|their|his|her|’s)[ \t-]*\Z",
    re.I,
)
# durations that only date an event: "ten months ago", "three days earlier", "in the past 24 hours"
DATING_BEFORE = re.compile(r"\b(?:the|its|their)[ \t]+(?:past|last|next|previous|coming|first|final|following)[ \t]+\Z", re.I)
DATING_AFTER = re.compile(
    r"^[ \t-]*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)[ \t]+"
    r"(?:ago|earlier|later|before|after|previously|prior|back|on|since|from[ \t]+now)\b",
    re.I,
)
FURNITURE_LINE = re.compile(
    r"^\W*(?:views?|comments?|shares?|likes?|replies|reply|photos?|images?|pictures?|videos?|page|"
    r"updated|posted|published|read|min(?:ute)?s?[ \t]+read|share|follow|followers|subscribers?|"
    r"print|email|tweet|loading|advertisement|sponsored|related|copyright|©|all rights reserved|"
    r"by|image|caption|source|file|credit|slide|gallery)\b",
    re.I,
)
URL_LINE = re.compile(r"\bhtml?\b|www\.|https?:|\.(?:com|org|net|co\.uk)\b|/[ \t]*index\b", re.I)
FURNITURE_INLINE = re.compile(
    r"(?:\b(?:Comments?|Shares?|Likes?|Views?|Replies|Photos?|Images?|Page|Slide)[ \t]*[:(]?[ \t]*\Z)", re.I
)
# "5 min read", "a 7-minute read": the reading time of a page (the minutes may be the figure's unit,
# read with it); matched where the figure ends, so no "^" (which only matches at the text's start)
READ_TIME_AFTER = re.compile(r"[ \t-]*(?P<min>(?:min(?:ute)?s?|mins?)\.?[ \t]+)?read\b", re.I)
# "1 of 12" ending a line (a caption's photo counter): both numbers; not "lost 3 of 10 tanks"
OF_TOTAL_AFTER = re.compile(r"[ \t]+of[ \t]+\d+[ \t]*(?:\n|\Z)")
OF_TOTAL_BEFORE = re.compile(r"(?<![\w.,])\d+[ \t]+of[ \t]+\Z")
LINE_ENDS = re.compile(r"[ \t]*(?:\n|\Z)")
# where READ_TIME_AFTER, OF_TOTAL_AFTER or LINE_ENDS matches, this does (their first letters past the
# blanks, the same case rule): one match tells most figures that none of the three is after them
READ_OR_COUNTER_AFTER = re.compile(r"[ \t-]*(?:mi|re|of|\n|\Z)", re.I)

# --- the thing counted or measured --------------------------------------------------------------

# words that end a counted noun phrase (function words, auxiliaries, common verbs)
STOP_WORDS = set(
    """a an the this that these those its it it's their his her our your my we they he she i you them
    and or but nor so yet as than then to for from by with without within into onto upon on at in of
    off out over under about after before since until till during while when where whereas which who
    whom whose what why how if because though although unless whether per via among between against
    toward towards across along around through throughout beyond near
    is are was were be been being am has have had having do does did done will would shall should can
    could may might must ought not no never also just only still even already more most less least
    very too quite rather almost nearly some any all each every both either neither other another such
    said says say told tells reported reports estimated estimates claimed claims confirmed announced
    stated added noted according wrote writes believe believes thought think thinks
    now then there here today yesterday tomorrow tonight ago earlier later again last next first
    since alone together respectively apiece away long wide high deep tall each altogether overnight further additional extra worldwide
    nationwide globally abroad annually daily weekly monthly yearly apiece little bit""".split()
)
# verbs that may stand between a noun phrase and the figure it states ("costs about $400,000")
LINK_VERBS = set(
    """is are was were be been being costs costing reached reaches reach stands stood stand
    totals totalled totaled totalling numbered puts put hit hits topped tops
    exceeded exceeds rose rise rises risen fell falls fallen climbed climbs jumped jumps grew grows
    dropped drops declined declines increased increases decreased decreases amounted amounts
    came comes stayed stays remained remains sat sits estimated estimates put placed set pegged
    valued worth""".split()
)
# plurals without an s, so "2000 people" is a count and "2006 accident" a year
PLURALS = set("people men women children police personnel staff aircraft cattle sheep deer fish troops".split())
# what a count "were" or "remain": "more than 20 were missing", "another 12 are still unaccounted for"
STATE_AFTER = re.compile(
    r"[ \t]+(?:were|was|are|is|remain|remained|remains|have[ \t]+been|had[ \t]+been|has[ \t]+been)[ \t]+"
    r"(?:still[ \t]+|also[ \t]+|reported[ \t]+|confirmed[ \t]+|now[ \t]+)?"
    r"(?P<state>missing|killed|dead|injured|wounded|hurt|unaccounted[ \t]+for|displaced|evacuated|arrested|"
    r"detained|homeless|hospitali[sz]ed|rescued|trapped|captured|destroyed|damaged)\b", re.I
)
# verbs that end a counted noun phrase though they end in neither -ed nor -ing ("37 candidates withdrew")
VERBS = set(
    """fled fell rose went came left lost won took gave made saw fought withdrew ran began became got held
    kept met paid sent spent stood struck thought brought bought built caught drew drove flew grew hid
    hit hurt knew led lay meant quit rode sank sat shot shut slept sold spoke stole threw understood
    wore wrote live lives need needs want wants remain remains face faces stay stays die dies
    flee flees make makes take takes come comes go goes get gets include includes including crossed
    voted""".split()
)
COMPOUND_ADJECTIVE = re.compile(r"-(?:long|wide|high|deep|tall|thick|strong|old|large|plus)\b")
NEGATIVE_BEFORE = re.compile(r"(?:\bminus[ \t]+|(?:^|(?<=[\s(]))[-−])\Z", re.I)
# nouns ending in -ing, which do not end a counted phrase ("€400 million in emergency funding")
ING_NOUNS = set(
    """funding spending housing building buildings training shelling bombing bombings fighting killing
    killings shooting shootings meeting meetings financing lending borrowing earnings savings holdings
    ceiling clothing landing landings opening offering pricing ranking rating recording setting
    shipping trading warning warnings wedding bedding flooding looting rioting mining logging
    rating ratings polling""".split()
)
PREPOSITIONS = re.compile(r"\b(?:in|on|at|of|for|to|from|by|with|within|over|under|about|around|and|or|the|a|an)\b", re.I)
# three ASCII letters in a word that is none of PREPOSITIONS: what [A-Za-z]{3,} finds in a text once
# PREPOSITIONS are taken out of it (a word is taken out whole, and what is left either side of it is no
# letter, so no new run of letters is made), in one search and no new string
LETTERS_NOT_PREPOSITION = re.compile(rf"(?!(?i:{PREPOSITIONS.pattern}))\b\w*[A-Za-z]{{3}}")
# "a 9-14 start", "a record of 18-30": won-lost records, not ranges
RECORD_AFTER = re.compile(r"[ \t]+(?:[a-z-]+[ \t]+)?(?:record|start|mark|run|finish|season|streak|lead|win|victory|loss|defeat|score|margin|tie|draw|decision|vote)s?\b", re.I)
RECORD_BEFORE = re.compile(r"\b(?:record|mark|score|tally|went|finished|stands?[ \t]+at|improved[ \t]+to|fell[ \t]+to)[ \t]+(?:of[ \t]+)?(?:a[ \t]+)?\Z", re.I)
PERIOD_ON_PERIOD = re.compile(r"[ \t]+(?:year|month|quarter|week)[- ]on[- ](?:year|month|quarter|week)\b", re.I)
DETERMINER = re.compile(r"[ \t]*(?:the|its|their|his|her|our|a|an|this|that|these|those)\b[ \t]*", re.I)
OF_THE = re.compile(r"of[ \t]+(?:the|his|her|their|its|our|those|these)\b(?:[ \t]+[\d,.]+\b)?[ \t]*", re.I)
OUTCOME_BEFORE = re.compile(
    r"\b(?P<verb>killed|kills|killing|injured|injures|injuring|wounded|wounds|wounding|displaced|evacuated|"
    r"arrested|detained|rescued)[ \t]+\Z", re.I
)
# ages: "aged 24", "at the age of 35", "died at 91", "He was 95."; in apposition: "Robert Buckley, 32,"
AGED_BEFORE = re.compile(r"\b(?:aged|age|ages|died[ \t]+at|dies[ \t]+at|(?:he|she)[ \t]+(?:was|is))[ \t]+(?:of[ \t]+)?$", re.I)
NAME_COMMA = re.compile(r"\b[A-Z][\w'’-]+,[ \t]*$")
NOUN_COMMA = re.compile(r"\b[a-z]{3,},[ \t]*$")
APPOSITION_END = re.compile(r"[ \t]*[,;)]|[ \t]*\.[ \t]*$|[ \t]*\.\s")
# the name before "32," possessive (*+, ++): what follows each run is no character of it, so giving one back
# never lets the rest match, and a search (tried at every position, up to 60) gives up at once where the
# greedy runs would be tried again at each shorter length (tests/test_attribution_fast.py)
AGE_OF = re.compile(r"((?:[A-Z][\w'’.-]*+[ \t]++){0,3}[A-Z][\w'’-]++|(?:the[ \t]++)?[a-z]++(?:[ \t]++[a-z]++)?),[ \t]*$")
OLD_AFTER = re.compile(r"[ \t]*-?[ \t]*old\b")
# a conversion in brackets right after a figure: "200 million euros ($265.3 million)"
OPEN_BRACKET = re.compile(r"[ \t]*[(\[][ \t]*(?:or|about|around|roughly|some|nearly|approximately)?[ \t]*")
PUT_WHAT = re.compile(r"\w+[ \t]+(?:(?:the|its|their|a)[ \t]+)?(?P<what>.+?)[ \t]+(?:at|closer[ \t]+to|close[ \t]+to|nearer|near)[ \t]+\Z")
# how far something reaches: "up to 4 km away", "an effective range of 4.8 km", "effective up to 4 km"
AWAY_AFTER = re.compile(r"[ \t]+away\b(?![ \t]+(?:from|of)\b)", re.I)
RANGE_WORDS = re.compile(r"\b(?:range|effective|reach)\b", re.I)
CONVERSION_AFTER = re.compile(r"[ \t]*\([^()\n]{0,40}\d[^()\n]{0,40}\)")
# what is skipped right after a figure before what it counts is read: a conversion, a compound adjective
# ("a 10-mile-long"), "year-on-year"; the three in one match, tried in this order
SKIP_AFTER = re.compile(f"(?:{CONVERSION_AFTER.pattern})|(?:{COMPOUND_ADJECTIVE.pattern})|(?i:{PERIOD_ON_PERIOD.pattern})")
# what SKIP_AFTER may find after a space: more blanks, "(", or the first letter of a period (re.I takes no
# other character for these letters): after a space and any other character it finds nothing
SKIP_AFTER_SPACED = frozenset(" \t(yYmMqQwW")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# the run of words after a figure, up to six, each a group (past spaces, tabs and no-break spaces, a
# letter and then letters, apostrophes and hyphens); the run ends at the first token that is no word (a
# mark, a figure, the end); possessive, a word is never cut in two (tests/test_thing_fast.py reads the
# words one by one to compare). Each word after the first is optional as the other branch of an empty
# alternative, "(?:word...|)", not as "(?:word...)?": the regex engine runs an optional group that holds
# groups as a repeat, which allocates its state and saves the marks at each try (about 1,000 instructions a
# match); a branch tries the same two ways in the same order, the words first (tests/test_thing_fast.py
# compares the two forms)
_AHEAD_WORD = r"[ \t\u00a0]*+([A-Za-z][A-Za-z'’-]*+)"
WORDS_AHEAD = re.compile(_AHEAD_WORD + ("(?:" + _AHEAD_WORD) * 5 + "|)" * 5)

# --- attribution ----------------------------------------------------------------------------------

SAY_VERBS = (
    "said says say told tells reported reports report estimated estimates estimate claimed claims "
    "claim confirmed confirms confirm announced announces announce stated states wrote writes added "
    "adds noted notes believes believe believed counted counts count documented documents recorded "
    "records calculated calculates showed shows show found finds find insisted insists "
    "warned warns suggested suggests revealed reveals indicated indicates projected projects "
    "predicted predicts forecast forecasts tallied tallies registered registers verified verifies "
    "acknowledged acknowledges admitted admits alleged alleges asserted asserts lists listed logs logged "
    "tracks tracked"
).split()
# before the figure ("X added 14 points" is no attribution, so "added" only counts after it)
SAY_VERB_WORDS = frozenset(v for v in SAY_VERBS if v not in ("added", "adds", "noted", "notes"))
# the words SAY_VERB takes before its verb, two at most ("has also said")
SAY_AUX = frozenset("has have had also now previously reportedly earlier later separately further can could "
                    "will would may only".split())
SAY_VERB = re.compile(
    r"(?<![-\w])(?:\b(?:has|have|had|also|now|previously|reportedly|earlier|later|separately|further|can|could|"
    r"will|would|may|only)[ \t]+){0,2}"
    r"(?<![-\w])(?P<verb>" + trie_re(SAY_VERB_WORDS) + r")\b",
)
# phrases that name the source right after them: "according to X", "citing X", "confirmed by X", "per X"
SOURCE_VERBS = ("reported confirmed estimated counted documented cited verified compiled published released provided "
                "issued quoted recorded tallied").split()  # "... by X"
SOURCE_BEFORE = re.compile(
    r"\b(?:[Aa]ccording[ \t]+to|[Bb]y[ \t]+(?:the[ \t]+)?(?:count|tally|reckoning|estimates?|figures?)[ \t]+of|[Cc]iting|[Pp]er(?=[ \t]+(?:the[ \t]|[A-Z]))|(?:"
    + "|".join(SOURCE_VERBS) + r")[ \t]+by)[ \t]+"
)
SOURCE_PHRASE = re.compile(r"(?:[^,;.:()\n]|\.(?=[A-Za-z'’])|(?<=[A-Z])\.(?=[ \t]+[A-Z]))+")
SOURCE_PHRASE_END = re.compile(r"\s+(?:that|who|which|on|in[ \t]+a|last|this|as|and[ \t]+(?:is|was|has))\s")
SAY_ALT = trie_re(SAY_VERBS)  # each is followed by the end of a word: a trie matches what the list does
SAY_ANY = re.compile(r"\b(?:" + SAY_ALT + r")\b", re.I)  # any verb of saying, in any case
# the cues of a speaker (extract._cues), searched in the lower-cased sentence in one pass: the verbs of
# saying (SAY_ANY's), the words that open a phrase of SOURCE_BEFORE ("according to", "citing", "by",
# "per") and the starts of the verbs of PUT_AT, each after a character that is no letter, digit nor "_"
# (where SAY_ANY's \b is). Searched in the sentence's one-byte view with every character that is no
# ASCII letter, digit nor "_" a space (NOT_WORD_TO_SPACE): a search that starts with one literal
# character skips to it at memchr speed, where one that starts with a class of characters ([^0-9A-Za-z_]
# in the text itself) tests each character against it, and one that starts with \b tries each position.
# One trie of all the words is faster than a group for each kind: the caller drops a match after another
# alphabet's letter or digit, and tells the words apart (a verb of saying needs a \b after it, "by" and
# "per" white space).
CUE_WORDS = trie_re(SAY_VERBS + ["according", "citing", "by", "per", "put", "plac", "estimat"])
CUES_IN_VIEW = re.compile(rb" (?:" + CUE_WORDS.encode() + rb")")
SAY_SET = frozenset(SAY_VERBS)
# what follows the verb of saying of POST_POSED, to the end: "told the BBC on Friday."
_SAID_TAIL = (
    r"(?P<tail>"
    r"(?:[ \t]+(?:reporters|journalists|the[ \t]+[A-Z][\w.]*|[A-Z][\w.]*)(?:[ \t]+[A-Z][\w.]*){0,3})?"  # "told the BBC"
    r"(?:[ \t]+(?:on|in|at|last|this|earlier|late|yesterday|today|tonight|recently|previously|separately|also)"
    r"\b[^,;:]{0,40})?)"
    r"[.!?]?[\"'”’]?[ \t]*\Z"
)
POST_POSED = re.compile(
    r",[ \t]*[\"'”’]?[ \t]*(?P<who>[^,;:\"“”]{2,90}?)[ \t]+(?:has[ \t]+|have[ \t]+|had[ \t]+|also[ \t]+)?"
    r"(?:" + SAY_ALT + r")\b" + _SAID_TAIL
)
# the same, matched right after a verb of saying: a POST_POSED match needs one (extract._post_searches)
SAID_TAIL = re.compile(_SAID_TAIL)
# verbs of saying in their base form are nouns more often than not inside a source ("a UN report")
BASE_SAY = frozenset("""say tell report estimate claim confirm announce state write add note believe count document
record calculate show find insist warn suggest reveal indicate project predict forecast tally register verify
acknowledge admit allege assert list log track""".split())
INVERTED = re.compile(r",[ \t]*[\"'”’]?[ \t]*(?:" + SAY_ALT + r")[ \t]+(?P<who>[^,;:\"“”]{2,90}?)"
                      r"(?:,[^,;:\"“”]{2,90})?[.!?]?[\"'”’]?[ \t]*\Z")
PRONOUN_SAYS = re.compile(
    r"(?:\b(?:he|she|they)[ \t]+(?:also[ \t]+|later[ \t]+|has[ \t]+|had[ \t]+)?(?:" + SAY_ALT + r")\b|"
    r"\b(?:said|says|added|told)[ \t]+(?:he|she)\b)", re.I
)
# the same in the lower-cased text, after a character that is no letter, digit nor "_" (as CUES_IN_VIEW)
PRONOUN_WORDS = (r"(?:he|she|they)[ \t]+(?:also[ \t]+|later[ \t]+|has[ \t]+|had[ \t]+)?(?:" + SAY_ALT + r")\b|"
                 r"(?:said|says|added|told)[ \t]+(?:he|she)\b")
PRONOUN_LOWER = re.compile(r"\W(?:" + PRONOUN_WORDS + ")")
PRONOUN_LOWER_AT = re.compile(PRONOUN_WORDS)
TIME_WORDS = re.compile(
    r"\b(?:(?:on|this|last|early|late|earlier|later)[ \t]+)?(?:yesterday|today|tonight|"
    r"(?:this|last|on|early|late)[ \t]+(?:morning|afternoon|evening|night|week|month|year|weekend|"
    + "|".join(WEEKDAYS) + r")|(?:on[ \t]+)?(?:" + "|".join(WEEKDAYS) + r"))\b",
    re.I,
)
# what each match of TIME_WORDS holds, in lower case ("day" for "today" and the weekdays): a phrase
# without any of them has none. Without "i" nor "s", which re.I matches in "ı" and "ſ" too, where
# lower-casing keeps those (tests/test_attribution_fast.py)
TIME_HINT = re.compile(r"day|ght|morn|noon|even|week|month|year")
PUT_AT = re.compile(r"(?<!is )(?<!are )(?<!was )(?<!were )(?<!been )(?<!be )\b(?:puts|put|putting|placed|places|estimates|estimated|estimating)\b[^.;!?]{0,80}?\b(?:at|closer[ \t]+to|close[ \t]+to|nearer|near)[ \t]+"
                    r"(?:(?:between|about|around|some|roughly|nearly|almost|least|more|than|over|up|to|under|less|fewer|"
                    r"approximately|an|estimated)[ \t]+){0,2}\Z")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "one"}
# where a clause ends: ";", ", while" (and the like), " while", " whereas", " but". Written to start with
# the one character each starts with, so that the search skips to those; the same matches as the plain
# r";|,[ \t]+(?:while|whereas|but|although|though|even[ \t]+as|as)\b|[ \t]+(?:while|whereas)\b|[ \t]+but\b"
# (tests/test_patterns.py)
CLAUSE_BREAK = re.compile(r"[;,\t ](?:(?<=;)|(?<=,)[ \t]+(?:while|whereas|but|although|though|even[ \t]+as|as)\b"
                          r"|(?<=[ \t])[ \t]*(?:while|whereas|but)\b)")
# what each CLAUSE_BREAK holds: ";", "but", "while", "whereas" (each looked for as a string: extract.
# _clause_breaks) or one of the other words after a comma, this (a search that skips to commas, where
# CLAUSE_BREAK stops at every space, and one search for all of these tests each character)
BREAK_AFTER_COMMA = re.compile(r",[ \t]+(?:although|though|even[ \t]+as|as)\b")
SUBJECT_LEADING = re.compile(
    r"^(?:and|but|while|as|so|that|because|when|if|meanwhile|however|now|yesterday|today|also|"
    r"(?:on|last|this|earlier|late)[ \t]+(?:" + "|".join(WEEKDAYS + ["week", "month", "year", "night", "morning", "evening"]) + r"))\b[ \t,]*",
    re.I,
)

# --- sentences ------------------------------------------------------------------------------------

# a sentence end: punctuation before white space and a capital or a digit, or a line break. Written to
# start with the one character each starts with, so that the search skips to those (a pattern that
# starts with an alternation is tried at every position); the same matches as the plain
# r"[.!?…]+[\"'”’)\]]*(?=[ \t\u00a0]+[\"'“‘(\[]?[A-Z0-9])|\n" (tests/test_patterns.py)
SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=\n)|(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=[ \t\u00a0]+[\"'“‘(\[]?[A-Z0-9]))")
# The same end marks, but the line breaks, searched for faster (extract._Sentences) in a view of the text
# with one byte for each character (extract._sentence_marks): an end mark is ".", a closing quote past
# ASCII ")", an opening one "(", a no-break space " ", any other character past ASCII "?" (in no class
# here) and every other ASCII character itself. Starting with one literal character, the search skips to
# it at memchr speed.
SENTENCE_END_IN_MARKS = re.compile(rb"\.\.*[\"')\]]*(?=[ \t]+[\"'(\[]?[A-Z0-9])")
# the characters past ASCII SENTENCE_END asks about, made ASCII ones of the same class first (the
# encoding makes "?" of every other character past ASCII, and "?" in the text an end mark, ".", before)
SENTENCE_MARKS_PAST_ASCII = (("…", "."), ("”", ")"), ("’", ")"), ("“", "("), ("‘", "("), ("\u00a0", " "))
ABBREVIATIONS = set(
    """mr mrs ms dr st gen lt col sgt capt maj gov sen rep prof jr sr inc corp ltd co vs etc no nos
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx est fig
    adm cmdr brig rev hon pres dept univ mt ft""".split()
)


# --- patterns that end where a figure starts ---------------------------------------------------------

def by_last(endings) -> dict[str, tuple[str, ...]]:
    """The endings by their last character: a tail ends with one of `endings` when it ends with one of
    by_last(endings).get(tail[-1:]) (None: with none). str.endswith tries the endings of a tuple one after
    another, and most tails end with a character that few endings or none end with."""
    found: dict[str, list[str]] = {}
    for e in endings:
        found.setdefault(e[-1], []).append(e)
    return {last: tuple(ends) for last, ends in found.items()}


class _Kept:
    """The tail a Suffix worked out last, as (text, end, tail, tail's last character): asked again for each
    pattern that may end at the same figure. Replaced whole, never changed in place, so threads (the app's
    sessions) each see one consistent. Kept in an instance, not in an attribute of Suffix: writing an
    attribute of a class voids what the interpreter has cached of the class, and each Suffix call after
    it (at each figure) would look up its method and attributes the slow way."""

    __slots__ = ("last",)

    def __init__(self) -> None:
        self.last = (None, -1, "", "")


_KEPT = _Kept()


class Suffix:
    """A pattern searched in a short window that ends where a figure starts ("about" in "about 300"),
    with the words or marks it can end with (before white space).

    A regex search tries the pattern at every position of the window, and most figures have none of
    the endings right before them: those are answered without searching. Same results as the pattern's
    own `search` (tests/test_patterns.py checks each against the words of its pattern)."""

    __slots__ = ("regex", "endings", "by_last", "words", "reversed", "word")
    WINDOW = 48  # the longest window searched this way; a longer one only looks at its last 48 chars

    def __init__(self, regex: re.Pattern, endings, phrases=(), word: str = "") -> None:
        """`phrases`, when given, are all the phrases a match may be (lower case, words separated by white
        space, the first word maybe after a mark: "(about 300"), and `word` a word every match holds (lower
        case), which `at` uses to search less (see there). A pattern of phrases matches one of them in any
        case, its spaces any run of white space (\\s+), at the text's start or after a character that is
        no letter, digit nor "_" (\\w), and then spaces, tabs or no-break spaces to the end."""
        self.regex = regex
        self.word = word
        self.endings = tuple(sorted({e.lower() for e in endings}))
        if "" in self.endings:
            raise ValueError("an empty ending would end every window")
        # a tail that ends in none of their last characters ends with no ending, told by one look-up
        # instead of trying each ending, and one that does may end only with the few that end so
        self.by_last = by_last(self.endings)
        # the most runs of non-blank characters a match spans
        self.words = max((len(p.split()) for p in phrases), default=0)
        # the phrases written backwards, as a trie, and no \w after them: matched at the start of a tail
        # written backwards, the longest phrase that ends the tail where a match may start before it (a
        # trie tries a longer phrase first, and a shorter one where the longer does not end so)
        self.reversed = re.compile(
            "(?:" + trie_re([" ".join(p.split())[::-1] for p in phrases]).replace(r"\ ", r"\s+") + r")(?!\w)"
        ) if phrases else None

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def search(self, text: str, lo: int = 0, hi: int | None = None):
        hi = len(text) if hi is None else hi
        if not self._may_end(text, hi):
            return None
        return self.regex.search(text, lo, hi)

    def before(self, text: str, end: int, reach: int, floor: int = 0):
        """search(text, max(floor, end - reach), end): the window's start is worked out only when the
        pattern is searched (most figures have none of the endings before them)."""
        if not self._may_end(text, end):
            return None
        lo = end - reach
        return self.regex.search(text, lo if lo > floor else floor, end)

    def _may_end(self, text: str, end: int) -> bool:
        """Whether the text before `end` ends with one of the endings (its tail, kept for the next
        pattern asked at the same place; the tail reaches before a window's start at times: it only
        tells when to search)."""
        last = _KEPT.last
        if last[1] != end or last[0] is not text:
            Suffix.tail(text, end)
            last = _KEPT.last
        ends = self.by_last.get(last[3])
        return ends is not None and last[2].endswith(ends)

    @staticmethod
    def tail(text: str, end: int) -> str:
        """The tail _may_end looks at before `end`, kept as it keeps it. A caller that asks several
        patterns at one figure takes it once and asks each `at(tail, ...)`, with no look-up of the
        kept tail each time (see extract._read_figure); other patterns asked there later find it kept."""
        last = _KEPT.last
        if last[1] == end and last[0] is text:
            return last[2]
        lo = end - Suffix.WINDOW
        tail = text[lo if lo > 0 else 0:end].rstrip().lower()  # not max(): a builtin call costs more
        _KEPT.last = (text, end, tail, tail[-1:])
        return tail

    def at(self, tail: str, text: str, end: int, reach: int):
        """before(text, end, reach), given the tail before `end` (Suffix.tail)."""
        ends = self.by_last.get(tail[-1:])
        if ends is None or not tail.endswith(ends):
            return None
        if self.word and self.word not in tail and reach <= Suffix.WINDOW and tail.isascii():
            return None  # the match, in the tail's window, would hold the word (as re.I reads ASCII)
        lo = end - reach
        if lo < 0:
            lo = 0
        if self.words:  # a pattern of phrases
            if reach < Suffix.WINDOW and tail.isascii():
                # A match ends its phrase where the tail ends (it is followed by white space only), and the
                # search finds the one that starts first: the longest phrase that ends the tail after a
                # character that is no \w (which lies in the tail: the window starts after the tail's
                # start), or at the text's start, which the tail backwards matches first. Lower-cased ASCII
                # is what re.I matches, and \w and \s match there what they match in the text. The regex,
                # matched there, tells whether white space that it takes follows (most tails that end
                # with an ending end no phrase: "with a", "out of", "was").
                found = self.reversed.match(tail[::-1])
                if found is None:
                    return None
                start = (end - Suffix.WINDOW if end > Suffix.WINDOW else 0) + len(tail) - found.end()
                if start >= lo:
                    return self.regex.match(text, start, end)
            # a match starts in one of the last `words` runs: searched from the run before them
            runs = text[lo:end].rsplit(None, self.words)
            if len(runs) > self.words:
                lo += len(runs[0])
        return self.regex.search(text, lo, end)


def _words_of(source: str) -> list[str]:
    """The literal words of (a part of) a pattern's source, its escapes (\\b, \\t, \\Z) left out."""
    return [w for w in re.findall(r"[\w'’]+", re.sub(r"\\[A-Za-z]", " ", source)) if not w.isdigit()]


CURRENCY_BEFORE = Suffix(CURRENCY_BEFORE, list(CURRENCY_SYMBOLS) + CURRENCY_CODES)
QUALIFIER_BEFORE = Suffix(QUALIFIER_BEFORE, [p.split()[-1] for ps in QUALIFIER_PHRASES.values() for p in ps],
                          [p for ps in QUALIFIER_PHRASES.values() for p in ps])
MAGNITUDE_BEFORE = Suffix(MAGNITUDE_BEFORE, ["magnitude", "-", "of"], word="magnitude")
RANGE_BETWEEN = Suffix(RANGE_BETWEEN, ["between"])
RANGE_FROM = Suffix(RANGE_FROM, ["from"])
YEAR_PREFIX = Suffix(YEAR_PREFIX, _words_of(YEAR_PREFIX.pattern) + ["-"])
DATING_BEFORE = Suffix(DATING_BEFORE, "past last next previous coming first final following".split())
FURNITURE_INLINE = Suffix(FURNITURE_INLINE, "comment comments share shares like likes view views replies photo photos "
                                            "image images page slide : (".split())
NEGATIVE_BEFORE = Suffix(NEGATIVE_BEFORE, ["minus", "-", "−"])
RECORD_BEFORE = Suffix(RECORD_BEFORE, "record mark score tally went finished stand stands at to of a".split())
OUTCOME_BEFORE = Suffix(OUTCOME_BEFORE, _words_of(OUTCOME_BEFORE.pattern.split("(?P<verb>", 1)[1]))
AGED_BEFORE = Suffix(AGED_BEFORE, "aged age ages at was is of".split())
PUT_AT = Suffix(PUT_AT, _words_of(PUT_AT.pattern.split(r"\b(?:at|", 1)[1]) + ["at"])
