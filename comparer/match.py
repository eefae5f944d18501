"""match: claims -> clusters of claims that state the same quantity (SPEC section 5).

Two claims are equivalent when they state the same counted or measured thing with the same scope,
whatever their values and sources: the value is never used here. The stages:

1. describe every claim: the head noun of its thing (plural stripped, synonyms folded: `warplanes`
   and `jets` -> `aircraft`), the thing's other words, a few content words of the clause around it,
   and scope markers (`government` vs `EU`, `district` vs `region`, `killed` vs `injured`,
   `Russian` vs `Ukrainian`);
2. block: only claims of one dimension (`norm_unit`) that share a head noun or a content word of
   their thing are candidates (an inverted index, never all pairs);
3. score candidates with rapidfuzz `process.cdist` within each block (vectorised), a shared head
   noun counting as a full match;
4. join them, best scores first, into connected components (union-find) that refuse to join
   components of conflicting scope, of different head nouns of a known kind (helicopters are
   not aircraft), or of articles about different events: every pair of articles in a component
   must be similar enough (TF-IDF cosine of their words, complete linkage), so that the death toll
   of one earthquake never joins that of another when a corpus mixes events.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from .models import Claim

#: 0 joins loosely, 1 only near-identical descriptions; see `threshold`
DEFAULT_STRICTNESS = 0.5
#: an index word shared by more descriptions than this says too little to make them candidates
MAX_POSTING = 1000
#: two articles whose word vectors are less similar than this report different events
MIN_ARTICLE_SIMILARITY = 0.07
#: head-noun groups over this many articles are joined block by block, each to its nearest articles
HEAD_BLOCK = 2000
HEAD_NEIGHBOURS = 20
#: share of the fuzzy score given by the words around the figure (the rest: the thing's words)
CONTEXT_WEIGHT = 0.15
#: in a large index posting, each description keeps at most this many fuzzy candidates
FUZZY_NEIGHBOURS = 10
#: an article with fewer content words than this is too short to tell its event from another's
MIN_ARTICLE_WORDS = 20

STOP = frozenset("""
a an the and or but its it their his her our your my this that these those some all any each every other
more most less than about around roughly nearly almost approximately over under some such which who whom
whose what when where while has have had having be been being is are was were will would could should may
might can must do does did not no so as also just only now then there here very per cent percent further
further so far since ago yet still up down out off into onto
""".split())

PREPOSITIONS = frozenset("""
of in since at for from on by to over during across within with near into per under after before than
between against among through throughout until till via toward towards
""".split())

#: the thing's head is the word after `of` for these (`number of troops` -> troops)
MEASURE_WORDS = frozenset("number amount share proportion percentage rate figure count sum value tally age".split())
#: head nouns that say too little to make two claims one quantity on their own (`10 games` and `40
#: games`, `age` with nobody named): such claims need their context words to agree as well
GENERIC_HEADS = frozenset("""
time game season point year day week month hour minute second age duration quantity other one member
thing way place case total figure distance length round match run people
""".split())
#: share of the score given to context words when both heads are generic
GENERIC_CONTEXT_WEIGHT = 0.75

#: words that say what happened to the thing rather than what it is (not head nouns)
EVENT_WORDS = frozenset("""
loss lost destroyed captured downed damaged confirmed documented reported recorded counted estimated
shot recaptured retaken reclaimed regained liberated seized taken supplied pledged promised delivered
won back retook recovered freed
sent committed announced new additional further combined overall
""".split())

#: synonyms folded to one head noun (generic vocabularies, not any one article's words)
SYNONYMS = {
    **dict.fromkeys("aircraft plane jet warplane airplane aeroplane airliner".split(), "aircraft"),
    **dict.fromkeys("helicopter chopper rotorcraft gunship".split(), "helicopter"),
    **dict.fromkeys("drone uav".split(), "drone"),
    **dict.fromkeys("troop reservist personnel soldier serviceman servicemen conscript recruit".split(), "troop"),
    **dict.fromkeys("area territory land".split(), "area"),
    **dict.fromkeys("system launcher".split(), "system"),
    **dict.fromkeys("people person individual".split(), "people"),
    **dict.fromkeys("resident inhabitant".split(), "resident"),
    **dict.fromkeys("aid assistance".split(), "aid"),
    **dict.fromkeys("death fatality dead".split(), "death"),
    **dict.fromkeys("injury injured wounded".split(), "injured"),
    **dict.fromkeys("home house dwelling".split(), "home"),
    **dict.fromkeys("crowd turnout marcher protester protestor demonstrator participant attendance".split(), "crowd"),
    **dict.fromkeys("vehicle".split(), "vehicle"),
}
#: head nouns of distinct kinds: two different ones are never the same quantity
EXCLUSIVE_HEADS = frozenset(set(SYNONYMS.values()) | set(
    "tank missile ship vessel boat artillery gun rocket shell bomb car truck train bus "
    "death injured missing displaced arrested crowd".split()))

PHRASES = [  # rewritten before tokenising
    (re.compile(r"\brotary[- ]wing aircraft\b"), "helicopter"),
    (re.compile(r"\bfixed[- ]wing aircraft\b"), "aircraft"),
    (re.compile(r"\banti[- ]"), "anti"),
    (re.compile(r"\beuropean union\b"), "eu"),
    (re.compile(r"\bunited nations\b"), "un"),
    (re.compile(r"\bdeath toll\b"), "death"),
]

#: scope markers: words of one group that differ mark different quantities
SCOPE_GROUPS = {
    "issuer": {**dict.fromkeys("government govt ministry".split(), "government"), "eu": "eu", "un": "un",
               "nato": "nato", "imf": "imf", "brussels": "eu"},
    "level": {**dict.fromkeys("district".split(), "district"),
              **dict.fromkeys("region regional".split(), "region"),
              **dict.fromkeys("city municipal".split(), "city"),
              **dict.fromkeys("county".split(), "county"),
              **dict.fromkeys("province provincial".split(), "province"),
              **dict.fromkeys("national nationwide countrywide".split(), "national"),
              **dict.fromkeys("countries worldwide international global globally".split(), "international"),
              **dict.fromkeys("local".split(), "local")},
    "outcome": {**dict.fromkeys("killed killing kill kills dead death deaths died fatality fatalities".split(),
                                "killed"),
                **dict.fromkeys("injured injuring injure injures wounded wounding hurt injury injuries".split(),
                                "injured"),
                **dict.fromkeys("missing unaccounted".split(), "missing"),
                **dict.fromkeys("displaced evacuated homeless relocated rehoused moved".split(), "displaced"),
                **dict.fromkeys("arrested detained".split(), "arrested")},
    "damage": {**dict.fromkeys("destroyed razed flattened".split(), "destroyed"),
               **dict.fromkeys("damaged".split(), "damaged")},
    "side": {**dict.fromkeys("russian russia".split(), "russia"),
             **dict.fromkeys("ukrainian ukraine".split(), "ukraine"),
             **dict.fromkeys("israeli israel".split(), "israel"),
             **dict.fromkeys("palestinian".split(), "palestine"),
             **dict.fromkeys("american".split(), "usa"),
             **dict.fromkeys("british".split(), "uk"),
             **dict.fromkeys("chinese china".split(), "china")},
}
#: groups whose markers are also read from the words right around the quote (not only the thing)
WINDOW_GROUPS = ("issuer", "level", "outcome", "damage")
#: groups read from the whole sentence when the words around the quote say nothing, provided the
#: sentence names one marker of the group only ("Across all countries, more than 2,000 have died")
SENTENCE_GROUPS = ("level",)
#: an earlier event the article recalls ("the previous quake", "last year's floods"): unlike the other
#: groups, a figure with this marker joins only figures that have it too
EARLIER = re.compile(r"\b(?:previous|prior|last[ \t]+year'?s?|(?:an|the)[ \t]+earlier)\b", re.I)
#: the year a figure is about: figures of two different years never join, but a figure without a year
#: may join one with (outlets often leave out the year of the event they all report)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: words that make a count of people the size of a crowd
PARTICIPATION = frozenset("""
march marched marching marchers protest protested protesting rally rallied demonstration demonstrated
joined attended gathered participated part turnout crowd
""".split())
#: people counted by what happened to them: `300 people killed` states the death toll
PERSON_HEADS = frozenset("people civilian victim man woman resident".split())
OUTCOME_HEADS = {"killed": "death", "injured": "injured", "missing": "missing", "displaced": "displaced",
                 "arrested": "arrested"}
WINDOW_WORDS = 6

IRREGULAR = {"people": "people", "personnel": "personnel", "aircraft": "aircraft", "news": "news",
             "series": "series", "species": "species", "men": "man", "women": "woman", "children": "child",
             "servicemen": "serviceman", "media": "media", "data": "data", "police": "police"}


def singular(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


#: a word each of PHRASES needs in the text (most texts have none: their rewriting is skipped)
PHRASE_NEEDLES = ("wing", "wing", "anti", "european union", "united nations", "death toll")
_WORD = re.compile(r"[a-z][a-z0-9]*")


def words(text: str) -> list[str]:
    return list(_words(text))


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """The lower-case words of a text, PHRASES rewritten (cached: the claims of one sentence share it)."""
    text = text.lower().replace("’", "'").replace("'s ", " ")
    for (pattern, repl), needle in zip(PHRASES, PHRASE_NEEDLES):
        if needle in text:
            text = pattern.sub(repl, text)
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """A word as compared: singular, synonyms folded."""
    w = singular(word)
    return SYNONYMS.get(w, w)


@dataclass(frozen=True)
class Description:
    """What a claim is about, as the matcher sees it."""

    head: str
    thing: str  # folded content words of the thing, head last
    context: str  # folded content words of the clause around the quote
    scope: frozenset  # (group, marker) pairs
    keys: frozenset  # inverted-index words
    age: bool = False  # a person's age: never the same quantity as another person's, nor as a duration


@lru_cache(maxsize=1 << 14)
def _verb_form(word: str) -> bool:
    from .patterns import VERBS

    return word in VERBS or word in ("made", "done", "held", "seen") or (
        len(word) > 4 and word.endswith(("ed", "en")) and word not in ("children", "women", "men", "garden", "kitchen"))


def _thing_parts(thing: str) -> tuple[list[str], list[str]]:
    """(head segment, tail) of a thing: the words before its first preposition, and after."""
    toks = _words(thing)
    for i, w in enumerate(toks):
        if w in PREPOSITIONS and i > 0:
            if toks[i - 1] in MEASURE_WORDS and w == "of":
                continue
            return toks[:i], toks[i + 1:]
    return toks, []


def _content(toks: Sequence[str]) -> list[str]:
    return [fold(w) for w in toks if w not in STOP and w not in PREPOSITIONS and len(w) > 1]


_WINDOW_BEFORE = re.compile(r"[,;:()\u2013\u2014]|\b(?:while|whereas|but|and)\b")
_WINDOW_AFTER = re.compile(r"[,;:.()\u2013\u2014]|\b(?:while|whereas|but|and)\b")
_CLAUSE_BEFORE = re.compile(r"[;:()\u2013\u2014]|\b(?:while|whereas|but)\b")
_CLAUSE_AFTER = re.compile(r"[;:.()\u2013\u2014]|\b(?:while|whereas|but)\b")
# the same separators spelt backwards: the last separator before a quote is the first one found in
# the reversed text, so a long sentence is not scanned from its start for every claim in it
_WINDOW_BEFORE_REVERSED = re.compile(r"[,;:()\u2013\u2014]|\b(?:elihw|saerehw|tub|dna)\b")
_CLAUSE_BEFORE_REVERSED = re.compile(r"[;:()\u2013\u2014]|\b(?:elihw|saerehw|tub)\b")


def _after_last(text: str, reversed_separator: re.Pattern) -> str:
    """The text after its last separator (`separator.split(text)[-1]`; separators never overlap)."""
    found = reversed_separator.search(text[::-1])
    return text[len(text) - found.start():] if found else text


def _before_first(text: str, separator: re.Pattern) -> str:
    """The text before its first separator (`separator.split(text, maxsplit=1)[0]`)."""
    found = separator.search(text)
    return text[:found.start()] if found else text


def _clause_window(sentence: str, quote: str) -> tuple[list[str], list[str]]:
    """Words of the sentence just before and just after the quote, within its clause."""
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return [], []
    before = _after_last(sentence[:at], _WINDOW_BEFORE_REVERSED)
    after = _before_first(sentence[at + len(quote):], _WINDOW_AFTER)
    return _words(before), _words(after)


def _clause_text(sentence: str, quote: str) -> str:
    """The clause around the quote, as written (its years and words like "previous" included)."""
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return quote or ""
    before = _after_last(sentence[:at], _CLAUSE_BEFORE_REVERSED)
    after = _before_first(sentence[at + len(quote):], _CLAUSE_AFTER)
    return f"{before}{quote}{after}"


def describe(claim: Claim) -> Description:
    """What the claim is about: its head noun, thing words, context words and scope markers."""
    return _describe(claim.thing or "", claim.sentence or "", claim.quote or "")


@lru_cache(maxsize=1 << 16)
def _describe(thing_text: str, sentence: str, quote: str) -> Description:
    head_seg, tail = _thing_parts(thing_text)
    if head_seg and head_seg[-1] in MEASURE_WORDS and "of" in head_seg:
        head_seg = head_seg[head_seg.index("of") + 1:]
    core = [w for w in _content(head_seg) if w not in EVENT_WORDS]
    tail_words = [w for w in _content(tail) if w not in EVENT_WORDS]
    nouns = [w for w in core if not _verb_form(w)]  # "duration lasted": the head is "duration"
    head = nouns[-1] if nouns else core[-1] if core else (tail_words[-1] if tail_words else "")
    thing = " ".join(dict.fromkeys([*core, *tail_words]))
    context, window_hits, clause_scope, near = _around(sentence, quote)

    scope: set[tuple[str, str]] = set(clause_scope)
    thing_words = _words(thing_text)
    for group, markers in SCOPE_GROUPS.items():
        found = {markers[w] for w in thing_words if w in markers}
        if not found and group in WINDOW_GROUPS:  # the nearest marker around the quote
            hit = window_hits[group]
            found = {hit} if hit else set()
        if not found and group in SENTENCE_GROUPS:
            in_sentence = _sentence_markers(sentence, group)
            found = set(in_sentence) if len(in_sentence) == 1 else set()
        scope |= {(group, m) for m in found}
    near = near.union(thing_words)
    if (not head or head in PERSON_HEADS or head in PARTICIPATION) and near & PARTICIPATION:
        head = "crowd"  # "60,000 people took part in the march", "250,000 marched": the crowd's size
    outcomes = [m for g, m in scope if g == "outcome"]
    if (head in PERSON_HEADS or head in OUTCOME_HEADS.values() or head in SCOPE_GROUPS["outcome"]) \
            and len(outcomes) == 1:
        head = OUTCOME_HEADS[outcomes[0]]  # "300 people killed", "quake kills 300": the death toll
    keys = frozenset([head, *core, *tail_words]) - {""}
    age = bool(_AGE.match(thing_text.strip()))
    return Description(head, thing, context, frozenset(scope), keys, age)


_AGE = re.compile(r"age\b", re.I)


@lru_cache(maxsize=1 << 16)
def _around(sentence: str, quote: str) -> tuple[str, dict, frozenset, frozenset]:
    """What the words around a quote say, whatever its thing (cached: claims that differ in their
    thing only share it): the context words, the nearest marker of each WINDOW_GROUPS group, the
    clause's period and year markers, and the words right around the quote."""
    before, after = _clause_window(sentence, quote)
    context = " ".join(dict.fromkeys(w for w in _content([*before[-6:], *after[:6]]) if w not in EVENT_WORDS))
    nearest = [*after[:WINDOW_WORDS], *reversed(before[-WINDOW_WORDS:])]
    window_hits = {group: next((SCOPE_GROUPS[group][w] for w in nearest if w in SCOPE_GROUPS[group]), None)
                   for group in WINDOW_GROUPS}
    clause = _clause_text(sentence, quote)
    clause_scope = {("year", y) for y in YEAR.findall(clause)}
    if EARLIER.search(clause):
        clause_scope.add(("period", "earlier"))
    return context, window_hits, frozenset(clause_scope), frozenset(nearest)


@lru_cache(maxsize=1 << 14)
def _sentence_markers(sentence: str, group: str) -> frozenset:
    """The markers of a scope group that a sentence names (cached: claims of a sentence share them)."""
    markers = SCOPE_GROUPS[group]
    return frozenset(markers[w] for w in _words(sentence) if w in markers)


def threshold(strictness: float) -> float:
    """The rapidfuzz score (0-100) two descriptions need to join: 70 at strictness 0, 90 at 1."""
    return 70.0 + 20.0 * min(max(strictness, 0.0), 1.0)


_ARTICLE_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")


class ArticleSimilarity:
    """Cosine similarity of the articles' TF-IDF word vectors (smoothed idf, so that a handful of
    articles on one event still look alike). An article too short to tell (a pasted paragraph)
    counts as similar to every other.

    Identical texts (wire copy run by many outlets) are one row: `row[a]` is article a's text, and
    every other method takes and returns text rows. The vectors are sparse: a word's weights meet
    only the texts that hold it. Up to DENSE_TEXTS distinct texts the whole matrix is kept (the
    common words multiplied as one dense block, the rarer ones pair by pair). Beyond, the texts are
    cut into parts of at most PART_TEXTS texts that share their most telling words (`_parts`), and a
    matrix is kept for each part: texts of two parts count as unlike, so that no step compares all
    pairs of a large corpus."""

    DENSE_TEXTS = 4000
    PART_TEXTS = 1000
    #: a word in more texts than this is multiplied densely (BLAS), rarer ones pair by pair
    COMMON_WORD_TEXTS = 24
    #: the words of a text that place it in a part, and the most texts such a word may gather
    TELLING_WORDS = 3
    TELLING_WORD_TEXTS = 200

    def __init__(self, texts: Sequence[str]):
        import numpy as np

        index: dict[str, int] = {}
        self.row = np.array([index.setdefault(t, len(index)) for t in texts], dtype=np.int64)
        copies = np.bincount(self.row, minlength=len(index)).astype(np.float64)
        indptr, words_of, counts, short = [0], [], [], []
        for text in index:
            found = Counter(_ARTICLE_WORD.findall(text.lower()))
            doc = {w.strip("'-"): c for w, c in found.items() if w not in STOP}
            words_of.extend(doc)
            counts.extend(doc.values())
            indptr.append(len(words_of))
            short.append(sum(doc.values()) < MIN_ARTICLE_WORDS)
        vocab = {w: i for i, w in enumerate(dict.fromkeys(words_of))}
        terms = list(map(vocab.__getitem__, words_of))
        n_texts, n = len(index), len(texts)
        self.indptr = np.array(indptr, dtype=np.int64)
        self.terms = np.array(terms, dtype=np.int64)
        self.doc = np.repeat(np.arange(n_texts), np.diff(self.indptr))
        df = np.bincount(self.terms, weights=copies[self.doc], minlength=len(vocab))  # articles, not texts
        weight = (1 + np.log(np.array(counts, dtype=np.float64))) * (np.log((1 + n) / (1 + df[self.terms])) + 1)
        weight = weight.astype(np.float32)
        norm = np.sqrt(np.bincount(self.doc, weights=weight.astype(np.float64) ** 2, minlength=n_texts))
        self.weight = weight / (norm.astype(np.float32)[self.doc] + np.float32(1e-9))
        self.short = np.array(short, dtype=bool)
        self.short_ids = frozenset(np.flatnonzero(self.short).tolist())
        if n_texts <= self.DENSE_TEXTS:
            self.part = np.zeros(n_texts, dtype=np.int64)
            self.local = np.arange(n_texts)
            members = [np.arange(n_texts)]
        else:
            self.part, members = self._parts(n_texts)
            self.local = np.empty(n_texts, dtype=np.int64)
            for ids in members:
                self.local[ids] = np.arange(len(ids))
        self.matrices = [self._matrix(ids) for ids in members]
        # which texts are similar enough to which (short ones, similar to all, are left out of the
        # complete linkage checks, see `similar_all`)
        self.ok = [m >= MIN_ARTICLE_SIMILARITY for m in self.matrices]

    def _vectors(self, ids):
        """(text, word, weight) entries of these texts, texts numbered 0.. in the order given."""
        import numpy as np

        starts, ends = self.indptr[ids], self.indptr[ids + 1]
        sizes = ends - starts
        at = np.repeat(starts - np.cumsum(np.r_[0, sizes[:-1]]), sizes) + np.arange(sizes.sum())
        return np.repeat(np.arange(len(ids)), sizes), self.terms[at], self.weight[at]

    def _matrix(self, ids):
        """The similarity matrix of these texts (float32), short texts and the diagonal set to 1."""
        import numpy as np

        k = len(ids)
        doc, term, weight = self._vectors(ids)
        order = np.argsort(term, kind="stable")
        doc, term, weight = doc[order], term[order], weight[order]
        uniq, start, inverse, df = np.unique(term, return_index=True, return_inverse=True, return_counts=True)
        sim = np.zeros((k, k), dtype=np.float64)
        common = df > max(self.COMMON_WORD_TEXTS, k // 20)  # a dense column costs k x k, a word's pairs df x df
        if common.any():  # a dense texts x common-words block: one BLAS product
            take = common[inverse]
            block = np.zeros((k, int(common.sum())), dtype=np.float32)
            block[doc[take], (np.cumsum(common) - 1)[inverse[take]]] = weight[take]
            sim += block @ block.T
        entry = np.flatnonzero(~common[inverse])  # every entry of a rare word meets each entry of it
        times, first = df[inverse[entry]], start[inverse[entry]]
        ends = np.cumsum(times)
        cuts = np.searchsorted(ends, np.arange(1 << 23, int(ends[-1]) if len(ends) else 0, 1 << 23))
        for lo, hi in zip(np.r_[0, cuts].tolist(), np.r_[cuts, len(entry)].tolist()):  # bounded memory
            n_pairs = times[lo:hi]
            left = np.repeat(entry[lo:hi], n_pairs)
            right = np.repeat(first[lo:hi] - (np.cumsum(n_pairs) - n_pairs), n_pairs) + np.arange(len(left))
            sim += np.bincount(doc[left] * k + doc[right],
                               weights=weight[left].astype(np.float64) * weight[right],
                               minlength=k * k).reshape(k, k)
        sim = sim.astype(np.float32)
        short = self.short[ids]
        sim[short, :] = 1.0
        sim[:, short] = 1.0
        np.fill_diagonal(sim, 1.0)
        return sim

    def _parts(self, n_texts):
        """Texts grouped into parts of at most PART_TEXTS: texts that share one of their
        TELLING_WORDS heaviest words (one held by at most TELLING_WORD_TEXTS texts) are joined
        (union-find), and the groups are packed into parts in order, a group too large for one
        part being cut. Linear in the corpus."""
        import numpy as np

        parent = list(range(n_texts))

        order = np.lexsort((-self.weight, self.doc))  # each text's entries, heaviest first
        rank = np.arange(len(order)) - self.indptr[self.doc[order]]
        telling = order[rank < self.TELLING_WORDS]
        words_df = np.bincount(self.terms)
        telling = telling[words_df[self.terms[telling]] <= self.TELLING_WORD_TEXTS]
        first: dict[int, int] = {}
        for d, t in zip(self.doc[telling].tolist(), self.terms[telling].tolist()):
            other = first.setdefault(t, d)
            if other != d:
                parent[_find(parent, d)] = _find(parent, other)
        roots = np.array([_find(parent, i) for i in range(n_texts)])
        sizes = np.bincount(roots, minlength=n_texts)
        by_group = np.lexsort((np.arange(n_texts), roots, -sizes[roots]))  # large groups first
        part = np.empty(n_texts, dtype=np.int64)
        members, current, filled = [], [], 0
        for root, ids in _runs(roots[by_group], by_group):
            if filled and filled + len(ids) > self.PART_TEXTS:
                members.append(np.array(current, dtype=np.int64))
                current, filled = [], 0
            for lo in range(0, len(ids), self.PART_TEXTS):
                chunk = ids[lo:lo + self.PART_TEXTS]
                if filled + len(chunk) > self.PART_TEXTS:
                    members.append(np.array(current, dtype=np.int64))
                    current, filled = [], 0
                current.extend(chunk.tolist())
                filled += len(chunk)
        if current:
            members.append(np.array(current, dtype=np.int64))
        for p, ids in enumerate(members):
            part[ids] = p
        return part, members

    def parts(self, rows: Sequence[int]) -> list[list[int]]:
        """Positions in `rows` grouped by part: texts of two parts are never similar."""
        groups: dict[int, list[int]] = {}
        for i, r in enumerate(rows):
            groups.setdefault(int(self.part[r]), []).append(i)
        return list(groups.values())

    def block(self, rows: Sequence[int], cols: Sequence[int]):
        """Similarities of texts `rows` x `cols` (texts of different parts: 0, unless short)."""
        import numpy as np

        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        if len(self.matrices) == 1:
            return self.matrices[0][np.ix_(rows, cols)]
        out = np.zeros((len(rows), len(cols)), dtype=np.float32)
        for p in np.unique(self.part[rows]).tolist():
            r, c = np.flatnonzero(self.part[rows] == p), np.flatnonzero(self.part[cols] == p)
            out[np.ix_(r, c)] = self.matrices[p][np.ix_(self.local[rows[r]], self.local[cols[c]])]
        out[self.short[rows], :] = 1.0
        out[:, self.short[cols]] = 1.0
        return out

    def similar_masks(self) -> list[int]:
        """For each text (one matrix only), the long texts similar enough to it, as a bit mask
        (made once: each part of a match asks for them)."""
        import numpy as np

        masks = self.__dict__.get("_masks")
        if masks is None:
            ok = self.ok[0] & ~self.short[None, :]
            packed = np.packbits(ok, axis=1, bitorder="little")
            masks = self._masks = [int.from_bytes(row.tobytes(), "little") for row in packed]
        return masks

    def similar_all(self, rows: set[int], cols: set[int]) -> bool:
        """Whether every text of `rows` is similar enough to every text of `cols`, short ones aside."""
        import numpy as np

        rows, cols = rows - self.short_ids, cols - self.short_ids
        if not rows or not cols:
            return True
        if len(self.ok) == 1:
            ok = self.ok[0]
            if len(rows) * len(cols) <= 16:  # a few lookups: cheaper than building index arrays
                return all(ok[r, c] for r in rows for c in cols)
            return bool(ok[np.ix_(list(rows), list(cols))].all())
        rows, cols = np.fromiter(rows, np.int64, len(rows)), np.fromiter(cols, np.int64, len(cols))
        p = self.part[rows[0]]
        if (self.part[rows] != p).any() or (self.part[cols] != p).any():
            return False
        return bool(self.ok[p][np.ix_(self.local[rows], self.local[cols])].all())


def _find(parent, i: int) -> int:
    """The root of i in a union-find forest (`parent`: a list or a dict), halving the path to it."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _runs(keys, values):
    """(key, values) for each run of equal keys (numpy arrays, sorted by key)."""
    import numpy as np

    if not len(keys):
        return
    cuts = np.flatnonzero(np.diff(keys)) + 1
    for lo, hi in zip(np.r_[0, cuts].tolist(), np.r_[cuts, len(keys)].tolist()):
        yield keys[lo], values[lo:hi]


def article_similarity(texts: Sequence[str]):
    """The articles' similarity matrix (see ArticleSimilarity), as an N x N numpy array."""
    sim = ArticleSimilarity(texts)
    return sim.block(sim.row, sim.row)


class _Components:
    """Union-find whose components refuse to join when their scopes or head kinds conflict, or
    when some pair of their articles is about different events."""

    def __init__(self, descs: Sequence[Description], articles: Sequence[int] | None = None, similarity=None):
        self.similarity = similarity
        self.articles = [{a} for a in articles] if articles is not None else None
        # with one similarity matrix, a component's texts are bit masks: its texts, its long texts,
        # and the texts every long text of it is similar to (complete linkage is then one AND)
        self.masks = None
        if articles is not None and similarity is not None and len(similarity.ok) == 1:
            self.articles = None
            similar = similarity.similar_masks()
            self.masks = [1 << a for a in articles]
            self.long = [0 if a in similarity.short_ids else 1 << a for a in articles]
            self.common = [None if a in similarity.short_ids else similar[a] for a in articles]
        self.refused: set[tuple[int, int]] = set()
        self.parent = list(range(len(descs)))
        self.scope = [dict() for _ in descs]  # group -> set of markers
        self.heads = [set() for _ in descs]
        for i, d in enumerate(descs):
            for group, marker in d.scope:
                self.scope[i].setdefault(group, set()).add(marker)
            if d.head in EXCLUSIVE_HEADS or (d.age and d.head not in GENERIC_HEADS):
                self.heads[i].add(d.head)  # ages of different people never join

    def find(self, i: int) -> int:
        return _find(self.parent, i)

    def union(self, a: int, b: int) -> bool:
        parent = self.parent  # find, inlined: this runs once for every candidate edge
        while parent[a] != a:
            parent[a] = a = parent[parent[a]]
        while parent[b] != b:
            parent[b] = b = parent[parent[b]]
        ra, rb = a, b
        if ra == rb:
            return True
        if (ra, rb) in self.refused:  # refusals stand: a component only grows
            return False
        if not self._compatible(ra, rb):
            self.refused.update({(ra, rb), (rb, ra)})
            return False
        self.parent[rb] = ra
        if self.articles is not None:
            self.articles[ra] |= self.articles[rb]
        if self.masks is not None:
            self.masks[ra] |= self.masks[rb]
            self.long[ra] |= self.long[rb]
            ca, cb = self.common[ra], self.common[rb]
            self.common[ra] = cb if ca is None else ca if cb is None else ca & cb
        self.heads[ra] |= self.heads[rb]
        for group, markers in self.scope[rb].items():
            self.scope[ra].setdefault(group, set()).update(markers)
        return True

    def _compatible(self, ra: int, rb: int) -> bool:
        if self.heads[ra] and self.heads[rb] and self.heads[ra] != self.heads[rb]:
            return False
        sa, sb = self.scope[ra], self.scope[rb]
        for group in sa.keys() & sb.keys():
            if not sa[group] & sb[group]:  # "destroyed or captured" covers "destroyed"
                return False
        pa, pb = sa.get("period", set()), sb.get("period", set())
        if (pa or pb) and not pa & pb:
            return False  # the previous earthquake's toll is not this week's
        if self.masks is not None:
            if self.masks[ra].bit_count() < self.masks[rb].bit_count():
                ra, rb = rb, ra
            if not self.masks[rb] & ~self.masks[ra]:
                return True  # every pair of these articles was checked when they joined
            common = self.common[rb]  # what every long text of the smaller side is similar to
            return common is None or not self.long[ra] & ~common  # complete linkage
        if self.articles is not None and self.similarity is not None:
            arts_a, arts_b = self.articles[ra], self.articles[rb]
            if len(arts_a) < len(arts_b):
                arts_a, arts_b = arts_b, arts_a
            if arts_b <= arts_a:
                return True  # every pair of these articles was checked when they joined
            return self.similarity.similar_all(arts_b, arts_a)  # complete linkage
        return True


def _head_edges(same: list[int], descs: Sequence[Description], node_article: Sequence[int],
                similarity) -> list[tuple[float, int, int]]:
    """Edges among descriptions with one head noun: a chain within each (article, scope), and one
    edge between every two (article, scope) groups whose articles are similar enough, the more
    similar first (scope and events are checked again when components join). `node_article` holds
    text rows of `similarity` (identical texts are one)."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i in same:
        groups[(node_article[i], descs[i].scope)].append(i)
    edges = [(100.0, a, b) for nodes in groups.values() for a, b in zip(nodes, nodes[1:])]
    reps = [nodes[0] for nodes in groups.values()]
    if len(reps) < 2:
        return edges
    if similarity is None:
        return edges + [(99.0, a, b) for a, b in zip(reps, reps[1:])]
    for part in similarity.parts([node_article[i] for i in reps]):  # texts of two parts are unlike
        edges.extend(_neighbour_edges([reps[i] for i in part], node_article, similarity))
    return edges


def _neighbour_edges(reps: list[int], node_article: Sequence[int], similarity) -> list[tuple[float, int, int]]:
    """Edges between representatives whose articles are similar enough, each keeping its
    HEAD_NEIGHBOURS most similar when there are many."""
    import numpy as np

    edges: list[tuple[float, int, int]] = []
    arts = [node_article[i] for i in reps]
    rep_ids = np.array(reps, dtype=np.int64)
    for start in range(0, len(reps), HEAD_BLOCK):  # row blocks bound the memory on big corpora
        sim = similarity.block(arts[start:start + HEAD_BLOCK], arts)
        ok = sim >= MIN_ARTICLE_SIMILARITY
        if len(reps) > HEAD_NEIGHBOURS:  # many articles: each keeps its most similar neighbours only
            keep = np.argsort(-sim, axis=1)[:, :HEAD_NEIGHBOURS]
            mask = np.zeros_like(ok)
            np.put_along_axis(mask, keep, True, axis=1)
            ok &= mask
        rows, cols = np.nonzero(ok)
        keep = (start + rows < cols) | ((start + rows != cols) if len(reps) > HEAD_NEIGHBOURS else False)
        rows, cols = rows[keep], cols[keep]
        scores = 90.0 + 10.0 * np.minimum(sim[rows, cols].astype(np.float64), 1.0)
        edges.extend(zip(scores.tolist(), rep_ids[start + rows].tolist(), rep_ids[cols].tolist()))
    return edges


def _workers(scores: int) -> int:
    """rapidfuzz threads for this many scores: starting threads costs more than small matrices take."""
    return -1 if scores >= 1 << 18 else 1


def _candidate_edges(descs: Sequence[Description], members: list[int], limit: float,
                     node_article: Sequence[int], similarity, too_common: frozenset = frozenset()
                     ) -> list[tuple[float, int, int]]:
    """Scored pairs (score, i, j) of one dimension's descriptions that share an index word (not one
    of `too_common`, held by over MAX_POSTING descriptions of the whole dimension)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    edges: list[tuple[float, int, int]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    by_head: dict[str, list[int]] = defaultdict(list)
    for i in members:
        if descs[i].head and descs[i].head not in GENERIC_HEADS:
            by_head[descs[i].head].append(i)
        for key in descs[i].keys:
            postings[key].append(i)
    for same in by_head.values():  # a shared head noun is a full match (scope checked on union)
        edges.extend(_head_edges(same, descs, node_article, similarity))
    # the least thing score that can pass
    need = (limit - 100.0 * GENERIC_CONTEXT_WEIGHT) / (1.0 - GENERIC_CONTEXT_WEIGHT)
    seen: set[tuple[int, int]] = set()
    for key, posting in postings.items():
        if len(posting) < 2 or len(posting) > MAX_POSTING or key in too_common:
            continue
        heads = [descs[i].head for i in posting]
        head_id: dict[str, int] = {}
        head_ids = np.array([head_id.setdefault(h, len(head_id)) for h in heads])
        generic = np.array([h in GENERIC_HEADS or not h for h in heads], dtype=bool)
        if len(head_id) == 1 and not generic[0]:
            continue  # one head noun: already joined by it
        thing_id: dict[str, int] = {}  # each distinct thing scored once (copies of a story repeat them)
        ids = np.array([thing_id.setdefault(descs[i].thing, len(thing_id)) for i in posting])
        things = list(thing_id)
        s_thing = process.cdist(things, things, scorer=fuzz.token_set_ratio, dtype=np.float32,
                                workers=_workers(len(things) ** 2))[np.ix_(ids, ids)]
        other_head = (head_ids[:, None] != head_ids[None, :]) | (generic[:, None] & generic[None, :])
        rows, cols = np.nonzero(np.triu(s_thing >= need, k=1) & other_head)
        if not rows.size:
            continue
        ctx_id: dict[str, int] = {}
        ctx = np.array([ctx_id.setdefault(descs[i].context, len(ctx_id)) for i in posting])
        contexts = list(ctx_id)
        if len(contexts) ** 2 <= 4 * len(rows):  # few distinct contexts: score each two once
            s_ctx = process.cdist(contexts, contexts, scorer=fuzz.token_sort_ratio, dtype=np.float32,
                                  workers=_workers(len(contexts) ** 2))[ctx[rows], ctx[cols]]
        else:
            s_ctx = process.cpdist([contexts[k] for k in ctx[rows].tolist()],
                                   [contexts[k] for k in ctx[cols].tolist()],
                                   scorer=fuzz.token_sort_ratio, dtype=np.float32, workers=_workers(len(rows)))
        no_context = np.array([not c for c in contexts], dtype=bool)
        empty = no_context[ctx[rows]] | no_context[ctx[cols]]
        s_ctx = np.where(empty, 0.0, s_ctx)  # two empty contexts are not alike, they say nothing
        weight = np.where(generic[rows] | generic[cols], GENERIC_CONTEXT_WEIGHT, CONTEXT_WEIGHT)
        score = (1.0 - weight) * s_thing[rows, cols] + weight * s_ctx
        keep = score >= limit
        rows, cols, score = rows[keep], cols[keep], score[keep]
        if len(rows) > FUZZY_NEIGHBOURS * len(posting):  # each description keeps its best few
            order = np.lexsort((-score, rows))
            rows, cols, score = rows[order], cols[order], score[order]
            starts = np.r_[0, np.flatnonzero(np.diff(rows)) + 1]
            rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
            keep = rank < FUZZY_NEIGHBOURS
            rows, cols, score = rows[keep], cols[keep], score[keep]
        for r, c, value in zip(rows.tolist(), cols.tolist(), score.tolist()):
            pair = (posting[r], posting[c])
            if pair not in seen:
                seen.add(pair)
                edges.append((value, *pair))
    return edges


@dataclass
class MatchPlan:
    """What the matcher joins: one node per distinct (dimension, text, description) (a claim's
    duplicates in one article, or in articles that print one text, are one node), each in a block of
    its dimension (`norm_unit`, ages apart), and the articles' similarity. Built once for a corpus;
    the blocks, or the independent parts of them (`independent_parts`), are then matched apart."""

    nodes: list  # Description of each node
    node_article: list  # text row (of `similarity`) of each node
    claim_node: list  # node of each claim
    blocks: list  # node ids of each dimension with more than one node, in order of first node
    similarity: object  # ArticleSimilarity, or None for one article


def match_plan(claims: Sequence[Claim], texts: Mapping[str, str] | None = None,
               descriptions: Sequence[Description] | None = None) -> MatchPlan:
    """The matcher's first steps (see match_claims): describe, find the nodes, block by dimension."""
    all_descs = list(descriptions) if descriptions is not None else [describe(c) for c in claims]
    article_ids: dict[str, int] = {}
    for c in claims:
        article_ids.setdefault(c.article, len(article_ids))
    if texts is None or any(a not in texts for a in article_ids):
        sentences: dict[str, dict[str, None]] = defaultdict(dict)
        for c in claims:
            sentences[c.article][c.sentence] = None
        texts = {a: " ".join(s) for a, s in sentences.items()}
    similarity = ArticleSimilarity([texts[a] for a in article_ids]) if len(article_ids) > 1 else None
    # the matcher tells events apart by text: articles with one text (the same wire story run by
    # several outlets) are one row of the similarity
    text_of = similarity.row.tolist() if similarity is not None else [0] * len(article_ids)
    # identical descriptions of one dimension in one text are one node: in one article, and in
    # articles that print one text (their claims are the same figures, whatever the outlet)
    node_of: dict[tuple, int] = {}
    nodes: list[Description] = []
    node_article: list[int] = []
    claim_node = []
    blocks: dict[str, list[int]] = defaultdict(list)
    for c, d in zip(claims, all_descs):
        text = text_of[article_ids[c.article]]
        key = (c.norm_unit, text, d)
        if key not in node_of:
            node_of[key] = len(nodes)
            blocks[c.norm_unit + ("/age" if d.age else "")].append(len(nodes))  # ages apart from durations
            nodes.append(d)
            node_article.append(text)
        claim_node.append(node_of[key])
    return MatchPlan(nodes, node_article, claim_node, [m for m in blocks.values() if len(m) > 1], similarity)


def match_claims(claims: Sequence[Claim], strictness: float = DEFAULT_STRICTNESS,
                 texts: Mapping[str, str] | None = None,
                 descriptions: Sequence[Description] | None = None) -> list[list[int]]:
    """Groups of claim indices that state the same quantity, each in input order, groups ordered by
    their first claim. Values are never compared. `texts` maps each claim's `article` to the
    article's text (to tell events apart); without it the claims' sentences stand for the text.
    `descriptions`, each claim's `describe(claim)`, when they were made already (in the processes
    that extracted the claims)."""
    plan = match_plan(claims, texts, descriptions)
    limit = threshold(strictness)
    edges: list[tuple[float, int, int]] = []
    for members in plan.blocks:
        edges.extend(_candidate_edges(plan.nodes, members, limit, plan.node_article, plan.similarity))
    return group_claims(plan.claim_node, _join(plan.nodes, plan.node_article, plan.similarity, edges))


def _join(nodes: Sequence[Description], node_article: Sequence[int], similarity,
          edges: list[tuple[float, int, int]]) -> list[int]:
    """The group of each node (one node of it) once the edges join them, best first."""
    edges.sort(key=itemgetter(0), reverse=True)  # stable (reverse too): best first, then in input order
    comps = _Components(nodes, node_article, similarity)
    for _, i, j in edges:
        comps.union(i, j)
    return [comps.find(n) for n in range(len(nodes))]


def group_claims(claim_node: Sequence[int], node_group: Sequence[int]) -> list[list[int]]:
    """Groups of claim indices from each node's group id, each in input order, ordered by first claim."""
    groups: dict[int, list[int]] = {}
    for ci, n in enumerate(claim_node):
        groups.setdefault(node_group[n], []).append(ci)
    return list(groups.values())


def independent_parts(plan: MatchPlan) -> list[tuple[list[int], frozenset]]:
    """The blocks cut into parts that never meet: nodes that share a head noun (not a generic one)
    or an index word held by at most MAX_POSTING nodes, the only pairs `_candidate_edges` scores, are
    in one part, each part's nodes in input order. Matching each part alone (`match_part`) joins
    exactly what matching every block at once does: the union-find of a part sees only its own edges,
    in the same order. Parts are the units the Dask engine spreads over its workers. Each part comes
    with the index words of its block held by over MAX_POSTING nodes (no pair is scored for them)."""
    parts: list[tuple[list[int], frozenset]] = []
    for members in plan.blocks:
        parent = {i: i for i in members}
        first: dict[tuple, int] = {}
        size: Counter = Counter()
        for i in members:
            d = plan.nodes[i]
            for key in d.keys:
                size[key] += 1
        for i in members:
            d = plan.nodes[i]
            linked = [("key", k) for k in d.keys if size[k] <= MAX_POSTING]
            if d.head and d.head not in GENERIC_HEADS:
                linked.append(("head", d.head))
            for link in linked:
                other = first.setdefault(link, i)
                if other != i:
                    parent[_find(parent, i)] = _find(parent, other)
        too_common = frozenset(k for k, n in size.items() if n > MAX_POSTING)
        by_root: dict[int, list[int]] = {}
        for i in members:
            by_root.setdefault(_find(parent, i), []).append(i)
        parts.extend((part, too_common) for part in by_root.values())
    return parts


def match_part(nodes: Sequence[Description], node_article: Sequence[int], too_common: frozenset,
               similarity, strictness: float) -> list[int]:
    """Union-find over one part (of `independent_parts`: its nodes in input order, their text rows
    in `similarity`, its block's too common index words): the group of each node, as the position of
    one node of its group."""
    edges = _candidate_edges(nodes, list(range(len(nodes))), threshold(strictness), node_article, similarity,
                             too_common)
    return _join(nodes, node_article, similarity, edges)


def _written_head(thing: str) -> str:
    """The thing as written, up to its first preposition (`helicopters since February` -> `helicopters`)."""
    parts = re.split(r"\s+(?:%s)\s+" % "|".join(sorted(PREPOSITIONS)), thing.strip(), maxsplit=1)
    return parts[0] if parts and parts[0] else thing.strip()


def label(claims: Sequence[Claim], descriptions: Sequence[Description] | None = None) -> str:
    """A short readable label: the most specific description that covers the most claims (`Russian
    aircraft` covers `aircraft` too), as one claim wrote it, capitalised, with the unit when there is
    one (`Russian warplanes`, `Area retaken (km2)`). `descriptions` as for match_claims."""
    if not claims:
        return ""
    descs = list(descriptions) if descriptions is not None else [describe(c) for c in claims]
    things = Counter(d.thing for d in descs if d.thing and d.thing.split()[0] not in MEASURE_WORDS) or \
        Counter(d.thing for d in descs if d.thing)
    if things:
        def cover(t: str) -> tuple[int, int, int]:
            words_t = set(t.split())
            covered = sum(n for other, n in things.items() if set(other.split()) <= words_t)
            return covered, things[t], -len(t)

        best = max(things, key=cover)
        written = Counter(" ".join(c.thing.split()) if len(c.thing.split()) <= 4 else _written_head(c.thing)
                          for c, d in zip(claims, descs) if d.thing == best)
        text = max(written, key=lambda t: (written[t], -len(t)))
        text = re.sub(r"^(?:the|a|an|some|its|their)\s+", "", text, flags=re.I) or best
    else:
        text = "Quantity"
    text = text[:1].upper() + text[1:]
    return text
