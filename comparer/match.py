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
   components of conflicting scope or of different head nouns of a known kind (helicopters are
   not aircraft).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Claim

#: 0 joins loosely, 1 only near-identical descriptions; see `threshold`
DEFAULT_STRICTNESS = 0.5
#: an index word shared by more descriptions than this says too little to make them candidates
MAX_POSTING = 3000

STOP = frozenset("""
a an the and or but its it their his her our your my this that these those some all any each every other
more most less than about around roughly nearly almost approximately over under some such which who whom
whose what when where while has have had having be been being is are was were will would could should may
might can must do does did not no so as also just only now then there here very per cent percent further
further total so far since ago yet still up down out off into onto
""".split())

PREPOSITIONS = frozenset("""
of in since at for from on by to over during across within with near into per under after before than
between against among through throughout until till via toward towards
""".split())

#: the thing's head is the word after `of` for these (`number of troops` -> troops)
MEASURE_WORDS = frozenset("number amount share proportion percentage rate figure count sum value tally".split())

#: words that say what happened to the thing rather than what it is (not head nouns)
EVENT_WORDS = frozenset("""
loss lost destroyed captured downed damaged confirmed documented reported recorded counted estimated
shot recaptured retaken reclaimed regained liberated seized taken supplied pledged promised delivered
sent committed announced new additional further combined overall total confirmed
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
    **dict.fromkeys("vehicle".split(), "vehicle"),
}
#: head nouns of distinct kinds: two different ones are never the same quantity
EXCLUSIVE_HEADS = frozenset(set(SYNONYMS.values()) | set(
    "tank missile ship vessel boat artillery gun rocket shell bomb car truck train bus".split()))

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
              **dict.fromkeys("local".split(), "local")},
    "outcome": {**dict.fromkeys("killed dead death died fatality fatalities".split(), "killed"),
                **dict.fromkeys("injured wounded hurt injury injuries".split(), "injured"),
                **dict.fromkeys("missing".split(), "missing"),
                **dict.fromkeys("displaced evacuated homeless".split(), "displaced"),
                **dict.fromkeys("arrested detained".split(), "arrested")},
    "side": {**dict.fromkeys("russian russia".split(), "russia"),
             **dict.fromkeys("ukrainian ukraine".split(), "ukraine"),
             **dict.fromkeys("israeli israel".split(), "israel"),
             **dict.fromkeys("palestinian".split(), "palestine"),
             **dict.fromkeys("american".split(), "usa"),
             **dict.fromkeys("british".split(), "uk"),
             **dict.fromkeys("chinese china".split(), "china")},
}
#: groups whose markers are also read from the words right around the quote (not only the thing)
WINDOW_GROUPS = ("issuer", "level", "outcome")
WINDOW_WORDS = 3

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


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("'s ", " ")
    for pattern, repl in PHRASES:
        text = pattern.sub(repl, text)
    return re.findall(r"[a-z][a-z0-9]*", text)


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


def _thing_parts(thing: str) -> tuple[list[str], list[str]]:
    """(head segment, tail) of a thing: the words before its first preposition, and after."""
    toks = words(thing)
    for i, w in enumerate(toks):
        if w in PREPOSITIONS and i > 0:
            if toks[i - 1] in MEASURE_WORDS and w == "of":
                continue
            return toks[:i], toks[i + 1:]
    return toks, []


def _content(toks: Sequence[str]) -> list[str]:
    return [fold(w) for w in toks if w not in STOP and w not in PREPOSITIONS and len(w) > 1]


def _clause_window(claim: Claim) -> tuple[list[str], list[str]]:
    """Words of the sentence just before and just after the quote, within its clause."""
    sentence, quote = claim.sentence or "", claim.quote or ""
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return [], []
    before = re.split(r"[,;:()\u2013\u2014]|\bwhile\b|\bwhereas\b|\bbut\b", sentence[:at])[-1]
    after = re.split(r"[,;:.()\u2013\u2014]|\bwhile\b|\bwhereas\b|\bbut\b|\band\b", sentence[at + len(quote):])[0]
    return words(before), words(after)


def describe(claim: Claim) -> Description:
    head_seg, tail = _thing_parts(claim.thing or "")
    if head_seg and head_seg[-1] in MEASURE_WORDS and "of" in head_seg:
        head_seg = head_seg[head_seg.index("of") + 1:]
    core = [w for w in _content(head_seg) if w not in EVENT_WORDS]
    tail_words = [w for w in _content(tail) if w not in EVENT_WORDS]
    head = core[-1] if core else (tail_words[-1] if tail_words else "")
    thing = " ".join(dict.fromkeys([*core, *tail_words]))
    before, after = _clause_window(claim)
    context = " ".join(dict.fromkeys(w for w in _content([*before[-6:], *after[:6]]) if w not in EVENT_WORDS))

    scope: set[tuple[str, str]] = set()
    thing_words = words(claim.thing or "")
    for group, markers in SCOPE_GROUPS.items():
        found = {markers[w] for w in thing_words if w in markers}
        if not found and group in WINDOW_GROUPS:  # the nearest marker around the quote
            near = [*after[:WINDOW_WORDS], *reversed(before[-WINDOW_WORDS:])]
            hit = next((markers[w] for w in near if w in markers), None)
            found = {hit} if hit else set()
        scope |= {(group, m) for m in found}
    keys = frozenset([head, *core, *tail_words]) - {""}
    return Description(head, thing, context, frozenset(scope), keys)


def threshold(strictness: float) -> float:
    """The rapidfuzz score (0-100) two descriptions need to join: 70 at strictness 0, 90 at 1."""
    return 70.0 + 20.0 * min(max(strictness, 0.0), 1.0)


class _Components:
    """Union-find whose components refuse to join when their scopes or head kinds conflict."""

    def __init__(self, descs: Sequence[Description]):
        self.parent = list(range(len(descs)))
        self.scope = [dict() for _ in descs]  # group -> set of markers
        self.heads = [set() for _ in descs]
        for i, d in enumerate(descs):
            for group, marker in d.scope:
                self.scope[i].setdefault(group, set()).add(marker)
            if d.head in EXCLUSIVE_HEADS:
                self.heads[i].add(d.head)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.heads[ra] and self.heads[rb] and self.heads[ra] != self.heads[rb]:
            return False
        sa, sb = self.scope[ra], self.scope[rb]
        for group in sa.keys() & sb.keys():
            if sa[group] != sb[group]:
                return False
        self.parent[rb] = ra
        self.heads[ra] |= self.heads[rb]
        for group, markers in sb.items():
            sa.setdefault(group, set()).update(markers)
        return True


def _candidate_edges(descs: Sequence[Description], members: list[int], limit: float) -> list[tuple[float, int, int]]:
    """Scored pairs (score, i, j) of one dimension's descriptions that share an index word."""
    import numpy as np
    from rapidfuzz import fuzz, process

    edges: list[tuple[float, int, int]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    by_head: dict[str, list[int]] = defaultdict(list)
    for i in members:
        if descs[i].head:
            by_head[descs[i].head].append(i)
        for key in descs[i].keys:
            postings[key].append(i)
    for same in by_head.values():  # a shared head noun is a full match (scope checked on union)
        edges.extend((100.0, same[0], j) for j in same[1:])
        edges.extend((99.0, a, b) for a, b in zip(same[1:], same[2:]))
    seen: set[tuple[int, int]] = set()
    for key, posting in postings.items():
        if len(posting) < 2 or len(posting) > MAX_POSTING:
            continue
        heads = {descs[i].head for i in posting}
        if len(heads) == 1:
            continue  # already joined by the head
        things = [descs[i].thing for i in posting]
        contexts = [descs[i].context for i in posting]
        s_thing = process.cdist(things, things, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=-1)
        s_ctx = process.cdist(contexts, contexts, scorer=fuzz.token_sort_ratio, dtype=np.float32, workers=-1)
        score = 0.75 * s_thing + 0.25 * s_ctx
        rows, cols = np.nonzero(np.triu(score >= limit, k=1))
        for r, c in zip(rows.tolist(), cols.tolist()):
            i, j = posting[r], posting[c]
            if (i, j) not in seen and descs[i].head != descs[j].head:
                seen.add((i, j))
                edges.append((float(score[r, c]), i, j))
    return edges


def match_claims(claims: Sequence[Claim], strictness: float = DEFAULT_STRICTNESS) -> list[list[int]]:
    """Groups of claim indices that state the same quantity, each in input order, groups ordered by
    their first claim. Values are never compared."""
    all_descs = [describe(c) for c in claims]
    # identical descriptions of one dimension are one node
    node_of: dict[tuple, int] = {}
    nodes: list[Description] = []
    units: list[str] = []
    claim_node = []
    for c, d in zip(claims, all_descs):
        key = (c.norm_unit, d)
        if key not in node_of:
            node_of[key] = len(nodes)
            nodes.append(d)
            units.append(c.norm_unit)
        claim_node.append(node_of[key])

    blocks: dict[str, list[int]] = defaultdict(list)
    for n, unit in enumerate(units):
        blocks[unit].append(n)
    limit = threshold(strictness)
    edges: list[tuple[float, int, int]] = []
    for members in blocks.values():
        if len(members) > 1:
            edges.extend(_candidate_edges(nodes, members, limit))
    edges.sort(key=lambda e: -e[0])  # stable: best first, then in input order
    comps = _Components(nodes)
    for _, i, j in edges:
        comps.union(i, j)

    groups: dict[int, list[int]] = {}
    for ci, n in enumerate(claim_node):
        groups.setdefault(comps.find(n), []).append(ci)
    return list(groups.values())


def label(claims: Sequence[Claim]) -> str:
    """A short readable label: the most common thing (as written, before its preposition),
    capitalised, with the unit when there is one (`Russian warplanes`, `Area retaken (km2)`)."""
    if not claims:
        return ""
    descs = [describe(c) for c in claims]
    common = Counter(d.thing for d in descs if d.thing)
    if common:
        best_thing = max(common, key=lambda t: (common[t], len(t.split())))
        written = Counter(" ".join(_thing_parts(c.thing)[0]) if c.thing else ""
                          for c, d in zip(claims, descs) if d.thing == best_thing)
        text = max(written, key=lambda t: (written[t], len(t))) or best_thing
        text = " ".join(w for w in text.split() if w not in STOP) or best_thing
    else:
        text = "quantity"
    text = text[:1].upper() + text[1:]
    units = Counter(c.unit for c in claims if c.unit)
    if units:
        text += f" ({units.most_common(1)[0][0]})"
    return text
