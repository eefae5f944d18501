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


_WINDOW_BEFORE = re.compile(r"[,;:()\u2013\u2014]|\bwhile\b|\bwhereas\b|\bbut\b|\band\b")
_WINDOW_AFTER = re.compile(r"[,;:.()\u2013\u2014]|\bwhile\b|\bwhereas\b|\bbut\b|\band\b")
_CLAUSE_BEFORE = re.compile(r"[;:()\u2013\u2014]|\bwhile\b|\bwhereas\b|\bbut\b")
_CLAUSE_AFTER = re.compile(r"[;:.()\u2013\u2014]|\bwhile\b|\bwhereas\b|\bbut\b")


def _clause_window(sentence: str, quote: str) -> tuple[list[str], list[str]]:
    """Words of the sentence just before and just after the quote, within its clause."""
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return [], []
    before = _WINDOW_BEFORE.split(sentence[:at])[-1]
    after = _WINDOW_AFTER.split(sentence[at + len(quote):], maxsplit=1)[0]
    return _words(before), _words(after)


def _clause_text(sentence: str, quote: str) -> str:
    """The clause around the quote, as written (its years and words like "previous" included)."""
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return quote or ""
    before = _CLAUSE_BEFORE.split(sentence[:at])[-1]
    after = _CLAUSE_AFTER.split(sentence[at + len(quote):], maxsplit=1)[0]
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
    before, after = _clause_window(sentence, quote)
    context = " ".join(dict.fromkeys(w for w in _content([*before[-6:], *after[:6]]) if w not in EVENT_WORDS))

    scope: set[tuple[str, str]] = set()
    thing_words = _words(thing_text)
    for group, markers in SCOPE_GROUPS.items():
        found = {markers[w] for w in thing_words if w in markers}
        if not found and group in WINDOW_GROUPS:  # the nearest marker around the quote
            near = [*after[:WINDOW_WORDS], *reversed(before[-WINDOW_WORDS:])]
            hit = next((markers[w] for w in near if w in markers), None)
            found = {hit} if hit else set()
        if not found and group in SENTENCE_GROUPS:
            in_sentence = {markers[w] for w in _words(sentence) if w in markers}
            found = in_sentence if len(in_sentence) == 1 else set()
        scope |= {(group, m) for m in found}
    clause = _clause_text(sentence, quote)
    if EARLIER.search(clause):
        scope.add(("period", "earlier"))
    scope |= {("year", y) for y in YEAR.findall(clause)}
    near = {*after[:WINDOW_WORDS], *before[-WINDOW_WORDS:], *thing_words}
    if (not head or head in PERSON_HEADS or head in PARTICIPATION) and near & PARTICIPATION:
        head = "crowd"  # "60,000 people took part in the march", "250,000 marched": the crowd's size
    outcomes = [m for g, m in scope if g == "outcome"]
    if (head in PERSON_HEADS or head in OUTCOME_HEADS.values() or head in SCOPE_GROUPS["outcome"]) \
            and len(outcomes) == 1:
        head = OUTCOME_HEADS[outcomes[0]]  # "300 people killed", "quake kills 300": the death toll
    keys = frozenset([head, *core, *tail_words]) - {""}
    age = bool(re.match(r"age\b", thing_text.strip(), re.I))
    return Description(head, thing, context, frozenset(scope), keys, age)


def threshold(strictness: float) -> float:
    """The rapidfuzz score (0-100) two descriptions need to join: 70 at strictness 0, 90 at 1."""
    return 70.0 + 20.0 * min(max(strictness, 0.0), 1.0)


_ARTICLE_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")


class ArticleSimilarity:
    """Cosine similarity of the articles' TF-IDF word vectors (smoothed idf, so that a handful of
    articles on one event still look alike). An article too short to tell (a pasted paragraph)
    counts as similar to every other. Up to DENSE_ARTICLES articles the whole matrix is kept;
    beyond, words are hashed into HASHED_DIMENSIONS and blocks are computed when asked for."""

    DENSE_ARTICLES = 4000
    HASHED_DIMENSIONS = 2048

    def __init__(self, texts: Sequence[str]):
        import math
        import zlib

        import numpy as np

        docs = []
        for text in texts:
            counts = Counter(_ARTICLE_WORD.findall(text.lower()))
            docs.append({w.strip("'-"): c for w, c in counts.items() if w not in STOP})
        df: dict[str, int] = {}
        for d in docs:
            for w in d:
                df[w] = df.get(w, 0) + 1
        n = len(docs)
        dense = n <= self.DENSE_ARTICLES
        vocab = {w: i for i, w in enumerate(df)} if dense else None
        width = max(len(df), 1) if dense else self.HASHED_DIMENSIONS
        x = np.zeros((n, width), dtype=np.float32)
        for i, d in enumerate(docs):
            for w, c in d.items():
                col = vocab[w] if dense else zlib.crc32(w.encode()) % width
                x[i, col] += (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1)
        x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
        self.short = np.array([sum(d.values()) < MIN_ARTICLE_WORDS for d in docs], dtype=bool)
        self.x = x
        self.matrix = self._compute(np.arange(n), np.arange(n)) if dense else None
        # for each article, the articles similar enough to it (complete linkage checks are set lookups);
        # short articles, similar to all, are left out of these sets and out of the checks
        self.short_ids = frozenset(np.flatnonzero(self.short).tolist())
        self.similar = None
        if dense:
            full = self.matrix >= MIN_ARTICLE_SIMILARITY
            full[:, self.short] = False
            self.similar = [set(np.flatnonzero(row).tolist()) for row in full]

    def _compute(self, rows, cols):
        import numpy as np

        sim = self.x[rows] @ self.x[cols].T
        sim[self.short[rows], :] = 1.0
        sim[:, self.short[cols]] = 1.0
        sim[np.asarray(rows)[:, None] == np.asarray(cols)[None, :]] = 1.0
        return sim

    def block(self, rows: Sequence[int], cols: Sequence[int]):
        import numpy as np

        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        if self.matrix is not None:
            return self.matrix[np.ix_(rows, cols)]
        return self._compute(rows, cols)


def article_similarity(texts: Sequence[str]):
    """The articles' similarity matrix (see ArticleSimilarity), as an N x N numpy array."""
    import numpy as np

    sim = ArticleSimilarity(texts)
    n = len(texts)
    return sim.block(np.arange(n), np.arange(n))


class _Components:
    """Union-find whose components refuse to join when their scopes or head kinds conflict, or
    when some pair of their articles is about different events."""

    def __init__(self, descs: Sequence[Description], articles: Sequence[int] | None = None, similarity=None):
        self.similarity = similarity
        self.articles = [{a} for a in articles] if articles is not None else None
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
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
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
        if self.articles is not None and self.similarity is not None:
            arts_a, arts_b = self.articles[ra], self.articles[rb]
            if len(arts_a) < len(arts_b):
                arts_a, arts_b = arts_b, arts_a
            if arts_b <= arts_a:
                return True  # every pair of these articles was checked when they joined
            similar, short = self.similarity.similar, self.similarity.short_ids
            if similar is not None:
                long_a = arts_a - short
                return all(long_a <= similar[b] for b in arts_b - short)
            # complete linkage (on at most a few hundred articles a side in very large components)
            aa, ab = sorted(arts_a)[:400], sorted(arts_b)[:400]
            if self.similarity.block(aa, ab).min() < MIN_ARTICLE_SIMILARITY:
                return False
        return True


def _head_edges(same: list[int], descs: Sequence[Description], node_article: Sequence[int],
                similarity) -> list[tuple[float, int, int]]:
    """Edges among descriptions with one head noun: a chain within each (article, scope), and one
    edge between every two (article, scope) groups whose articles are similar enough, the more
    similar first (scope and events are checked again when components join)."""
    import numpy as np

    groups: dict[tuple, list[int]] = defaultdict(list)
    for i in same:
        groups[(node_article[i], descs[i].scope)].append(i)
    edges = [(100.0, a, b) for nodes in groups.values() for a, b in zip(nodes, nodes[1:])]
    reps = [nodes[0] for nodes in groups.values()]
    if len(reps) < 2:
        return edges
    if similarity is None:
        return edges + [(99.0, a, b) for a, b in zip(reps, reps[1:])]
    arts = [node_article[i] for i in reps]
    for start in range(0, len(reps), HEAD_BLOCK):  # row blocks bound the memory on big corpora
        sim = similarity.block(arts[start:start + HEAD_BLOCK], arts)
        ok = sim >= MIN_ARTICLE_SIMILARITY
        if len(reps) > HEAD_NEIGHBOURS:  # many articles: each keeps its most similar neighbours only
            keep = np.argsort(-sim, axis=1)[:, :HEAD_NEIGHBOURS]
            mask = np.zeros_like(ok)
            np.put_along_axis(mask, keep, True, axis=1)
            ok &= mask
        rows, cols = np.nonzero(ok)
        edges.extend((90.0 + 10.0 * min(float(sim[r, c]), 1.0), reps[start + r], reps[c])
                     for r, c in zip(rows.tolist(), cols.tolist()) if start + r < c or
                     (len(reps) > HEAD_NEIGHBOURS and start + r != c))
    return edges


def _candidate_edges(descs: Sequence[Description], members: list[int], limit: float,
                     node_article: Sequence[int], similarity) -> list[tuple[float, int, int]]:
    """Scored pairs (score, i, j) of one dimension's descriptions that share an index word."""
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
    for posting in postings.values():
        if len(posting) < 2 or len(posting) > MAX_POSTING:
            continue
        heads = [descs[i].head for i in posting]
        _, head_ids = np.unique(heads, return_inverse=True)
        generic = np.array([h in GENERIC_HEADS or not h for h in heads], dtype=bool)
        if head_ids.max() == 0 and not generic[0]:
            continue  # one head noun: already joined by it
        things = [descs[i].thing for i in posting]
        s_thing = process.cdist(things, things, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=-1)
        other_head = (head_ids[:, None] != head_ids[None, :]) | (generic[:, None] & generic[None, :])
        rows, cols = np.nonzero(np.triu(s_thing >= need, k=1) & other_head)
        if not rows.size:
            continue
        s_ctx = process.cpdist([descs[posting[r]].context for r in rows.tolist()],
                               [descs[posting[c]].context for c in cols.tolist()],
                               scorer=fuzz.token_sort_ratio, dtype=np.float32, workers=-1)
        empty = np.array([not descs[posting[r]].context or not descs[posting[c]].context
                          for r, c in zip(rows.tolist(), cols.tolist())], dtype=bool)
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


def match_claims(claims: Sequence[Claim], strictness: float = DEFAULT_STRICTNESS,
                 texts: Mapping[str, str] | None = None) -> list[list[int]]:
    """Groups of claim indices that state the same quantity, each in input order, groups ordered by
    their first claim. Values are never compared. `texts` maps each claim's `article` to the
    article's text (to tell events apart); without it the claims' sentences stand for the text."""
    all_descs = [describe(c) for c in claims]
    article_ids: dict[str, int] = {}
    for c in claims:
        article_ids.setdefault(c.article, len(article_ids))
    if texts is None or any(a not in texts for a in article_ids):
        sentences: dict[str, dict[str, None]] = defaultdict(dict)
        for c in claims:
            sentences[c.article][c.sentence] = None
        texts = {a: " ".join(s) for a, s in sentences.items()}
    similarity = ArticleSimilarity([texts[a] for a in article_ids]) if len(article_ids) > 1 else None
    # identical descriptions of one dimension in one article are one node
    node_of: dict[tuple, int] = {}
    nodes: list[Description] = []
    units: list[str] = []
    node_article: list[int] = []
    claim_node = []
    for c, d in zip(claims, all_descs):
        key = (c.norm_unit, c.article, d)
        if key not in node_of:
            node_of[key] = len(nodes)
            nodes.append(d)
            units.append(c.norm_unit + ("/age" if d.age else ""))  # ages are blocked apart from durations
            node_article.append(article_ids[c.article])
        claim_node.append(node_of[key])

    blocks: dict[str, list[int]] = defaultdict(list)
    for n, unit in enumerate(units):
        blocks[unit].append(n)
    limit = threshold(strictness)
    edges: list[tuple[float, int, int]] = []
    for members in blocks.values():
        if len(members) > 1:
            edges.extend(_candidate_edges(nodes, members, limit, node_article, similarity))
    edges.sort(key=lambda e: -e[0])  # stable: best first, then in input order
    comps = _Components(nodes, node_article, similarity)
    for _, i, j in edges:
        comps.union(i, j)

    groups: dict[int, list[int]] = {}
    for ci, n in enumerate(claim_node):
        groups.setdefault(comps.find(n), []).append(ci)
    return list(groups.values())


def _written_head(thing: str) -> str:
    """The thing as written, up to its first preposition (`helicopters since February` -> `helicopters`)."""
    parts = re.split(r"\s+(?:%s)\s+" % "|".join(sorted(PREPOSITIONS)), thing.strip(), maxsplit=1)
    return parts[0] if parts and parts[0] else thing.strip()


def label(claims: Sequence[Claim]) -> str:
    """A short readable label: the most specific description that covers the most claims (`Russian
    aircraft` covers `aircraft` too), as one claim wrote it, capitalised, with the unit when there is
    one (`Russian warplanes`, `Area retaken (km2)`)."""
    if not claims:
        return ""
    descs = [describe(c) for c in claims]
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
