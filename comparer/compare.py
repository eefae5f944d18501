"""compare: clusters of claims -> verdicts, consensus, spread and status (SPEC section 6).

Pure functions over plain data. Claims are compared in their norm units (`norm_value`,
`norm_unit`), so `2 km` and `2,000 m` state the same figure; a claim's interval is rebuilt from
its value and qualifier for the tolerance asked for (the extractor's `low`/`high` of an `approx`
claim were computed with the default tolerance).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .models import Claim

DEFAULT_TOLERANCE = 0.05

Interval = tuple[float | None, float | None]


@dataclass
class ClusterResult:
    """What the compare stage says about one cluster (values in the cluster's `unit`)."""

    verdicts: list[str]
    status: str
    consensus: float | None
    min: float | None
    max: float | None
    spread: float | None
    n_outlets: int
    unit: str
    norm_unit: str
    sources: list[str] = field(default_factory=list)
    differs_by_source: bool = False


def _scale(claim: Claim) -> float:
    """The factor from the stated unit to the norm unit."""
    if claim.value:
        return claim.norm_value / claim.value
    return 1.0


def stated_value(claim: Claim) -> float:
    """The stated value in norm units (a range's midpoint)."""
    return claim.norm_value


def interval(claim: Claim, tolerance: float = DEFAULT_TOLERANCE) -> Interval:
    """The interval the claim's qualifier implies (SPEC section 4), in norm units, not yet widened."""
    v, q, s = claim.value, claim.qualifier, _scale(claim)
    if q == "approx":
        lo, hi = v - abs(v) * tolerance, v + abs(v) * tolerance
    elif q == "range":
        lo = claim.low if claim.low is not None else v
        hi = claim.high if claim.high is not None else v
    elif q in ("at_least", "more_than"):
        lo, hi = v, None
    elif q in ("at_most", "less_than"):
        lo, hi = None, v
    else:
        lo, hi = v, v
    if claim.value == 0 and q == "exact":  # a zero cannot carry the unit's scale: use the norm value
        return claim.norm_value, claim.norm_value
    lo = None if lo is None else lo * s
    hi = None if hi is None else hi * s
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return lo, hi


def widen(iv: Interval, tolerance: float) -> Interval:
    """[low·(1−t), high·(1+t)]; an open end stays open (for negatives the interval still grows)."""
    lo, hi = iv
    return (None if lo is None else lo - abs(lo) * tolerance,
            None if hi is None else hi + abs(hi) * tolerance)


def overlap(a: Interval, b: Interval) -> bool:
    a_lo, a_hi = a
    b_lo, b_hi = b
    return (a_lo is None or b_hi is None or a_lo <= b_hi) and (b_lo is None or a_hi is None or b_lo <= a_hi)


def agree(a: Claim, b: Claim, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    """Two claims agree when their widened intervals overlap."""
    return overlap(widen(interval(a, tolerance), tolerance), widen(interval(b, tolerance), tolerance))


def agrees_with_value(claim: Claim, value: float, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    """A claim agrees with a value v (norm units) when its widened interval overlaps [v(1−t), v(1+t)]."""
    return overlap(widen(interval(claim, tolerance), tolerance), widen((value, value), tolerance))


def _outlet(claim: Claim) -> str:
    return claim.outlet or claim.article


def agreement_matrix(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE) -> list[list[bool]]:
    """Whether each two claims agree (n x n: for small groups and tests; the stage itself never
    builds it, see `_Bounds`)."""
    widened = [widen(interval(c, tolerance), tolerance) for c in claims]
    return [[overlap(a, b) for b in widened] for a in widened]


_INF = float("inf")


class _Bounds:
    """The claims' widened intervals as sorted bounds, so that "how many claims agree with this
    one" is two binary searches rather than a row of the agreement matrix: a cluster of n claims
    costs n log n, not n squared. An open end is an infinite bound; intervals agree exactly when
    `overlap` says so (a <= b on the same floats)."""

    def __init__(self, claims: Sequence[Claim], tolerance: float):
        self.outlets = [_outlet(c) for c in claims]
        self.lo, self.hi = [], []
        for c in claims:
            lo, hi = widen(interval(c, tolerance), tolerance)
            self.lo.append(-_INF if lo is None else lo)
            self.hi.append(_INF if hi is None else hi)
        # a NaN bound compares false both ways: such groups keep the pairwise definition
        self.exact = not any(x != x for x in (*self.lo, *self.hi))
        self.sorted_lo, self.sorted_hi = sorted(self.lo), sorted(self.hi)
        self.by_outlet: dict[str, list[int]] = {}
        for i, o in enumerate(self.outlets):
            self.by_outlet.setdefault(o, []).append(i)

    def count(self, lo: float, hi: float, sorted_lo: list[float], sorted_hi: list[float]) -> int:
        """How many intervals (given by their sorted bounds) overlap [lo, hi]: those that start at
        or below `hi`, less those that end below `lo` (which all start below `hi` too)."""
        return bisect_right(sorted_lo, hi) - bisect_left(sorted_hi, lo)

    def agreeing_others(self) -> list[tuple[int, int]]:
        """For each claim, (claims of other outlets it agrees with, claims of other outlets)."""
        n = len(self.lo)
        result = []
        per_outlet = {o: (sorted(self.lo[i] for i in idx), sorted(self.hi[i] for i in idx))
                      for o, idx in self.by_outlet.items() if len(idx) > 1}
        for i in range(n):
            lo, hi, o = self.lo[i], self.hi[i], self.outlets[i]
            agreeing = self.count(lo, hi, self.sorted_lo, self.sorted_hi)
            own = len(self.by_outlet[o])
            agreeing -= self.count(lo, hi, *per_outlet[o]) if own > 1 else 1  # a claim agrees with itself
            result.append((agreeing, n - own))
        return result


def _top2(indices: Sequence[int], key: Sequence[float], outlets: Sequence[str], reverse: bool) -> list[int]:
    """The claim with the least key (the greatest if `reverse`) and the best of the other outlets."""
    order = sorted(indices, key=lambda i: key[i], reverse=reverse)
    best = order[:1]
    for i in order[1:]:
        if outlets[i] != outlets[best[0]]:
            return [best[0], i]
    return best


def _apart(b: _Bounds, below: Sequence[int], above: Sequence[int]) -> bool:
    """Whether a claim of `above` lies wholly above a claim of `below` from another outlet. Only
    the two lowest-ending claims of distinct outlets of `below` and the two highest-starting of
    `above` need a look: any such pair can be traded for one of these."""
    if not below or not above:
        return False
    lows = _top2(below, b.hi, b.outlets, reverse=False)
    highs = _top2(above, b.lo, b.outlets, reverse=True)
    return any(b.outlets[i] != b.outlets[j] and b.lo[j] > b.hi[i] for i in lows for j in highs)


def verdicts(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE,
             matrix: list[list[bool]] | None = None) -> list[str]:
    """Each claim's verdict, in input order: `agrees` with at least half of the claims from other
    outlets, `differs` otherwise, `single` when no other outlet states the quantity."""
    bounds = _Bounds(claims, tolerance) if matrix is None else None
    if bounds is not None and bounds.exact:
        return _verdicts(bounds)
    m = matrix if matrix is not None else agreement_matrix(claims, tolerance)
    result = []
    for i, c in enumerate(claims):
        others = [j for j, o in enumerate(claims) if _outlet(o) != _outlet(c)]
        if not others:
            result.append("single")
            continue
        n_agree = sum(1 for j in others if m[i][j])
        result.append("agrees" if 2 * n_agree >= len(others) else "differs")
    return result


def status(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE,
           matrix: list[list[bool]] | None = None) -> str:
    """`single source`, `consensus` (every pair from different outlets agrees) or `conflict`."""
    if len({_outlet(c) for c in claims}) < 2:
        return "single source"
    bounds = _Bounds(claims, tolerance) if matrix is None else None
    if bounds is not None and bounds.exact:
        return _status(bounds)
    m = matrix if matrix is not None else agreement_matrix(claims, tolerance)
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            if _outlet(a) != _outlet(claims[j]) and not m[i][j]:
                return "conflict"
    return "consensus"


def consensus_value(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE) -> float | None:
    """The stated value (norm units) most claims agree with; ties go to the value stated most
    often, then to the lower. None unless more than half of the claims agree with it."""
    return _consensus(claims, _Bounds(claims, tolerance), tolerance) if claims else None


def _verdicts(bounds: _Bounds) -> list[str]:
    return ["single" if not others else "agrees" if 2 * n_agree >= others else "differs"
            for n_agree, others in bounds.agreeing_others()]


def _status(bounds: _Bounds) -> str:
    if len(bounds.by_outlet) < 2:
        return "single source"
    everyone = range(len(bounds.lo))  # two intervals disagree when one lies wholly above the other
    return "conflict" if _apart(bounds, everyone, everyone) else "consensus"


def _consensus(claims: Sequence[Claim], bounds: _Bounds, tolerance: float) -> float | None:
    stated = Counter(stated_value(c) for c in claims)
    best = None
    for v, times in stated.items():
        if bounds.exact and v == v:
            lo, hi = widen((v, v), tolerance)
            support = bounds.count(lo, hi, bounds.sorted_lo, bounds.sorted_hi)
        else:
            support = sum(1 for c in claims if agrees_with_value(c, v, tolerance))
        key = (support, times, -v)
        if best is None or key > best[0]:
            best = (key, v)
    (support, _, _), v = best
    return v if 2 * support > len(claims) else None


_SOURCE_STOP = {"the", "a", "an", "of", "at", "in", "for", "and", "said", "says", "group", "open", "source",
                "independent", "analysts", "analyst", "officials", "official", "blog", "team", "move", "its"}


def _source_words(attribution: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", attribution.lower().replace("'s", ""))
    return {w for w in words if w not in _SOURCE_STOP}


def same_source(a: str | None, b: str | None) -> bool:
    """Whether two attributions name the same source (`Oryx` and `the open-source group Oryx`)."""
    if not a or not b:
        return False
    wa, wb = _source_words(a), _source_words(b)
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    return wa <= wb or wb <= wa or len(wa & wb) * 2 >= min(len(wa), len(wb)) + 1


def sources(claims: Sequence[Claim]) -> list[str]:
    """The distinct attributions of the claims, in order of first appearance."""
    found: list[str] = []
    seen: set[str] = set()  # an attribution met before is settled: it is in `found` or matches one
    for c in claims:
        if c.attribution and c.attribution not in seen:
            seen.add(c.attribution)
            if not any(same_source(c.attribution, s) for s in found):
                found.append(c.attribution)
    return found


def _differs_by_source(bounds: _Bounds, claims: Sequence[Claim]) -> bool:
    """Whether two claims of different outlets and different sources disagree: the claims are
    grouped by attribution, and each two groups of different sources are looked at by `_apart`."""
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        if c.attribution:
            groups.setdefault(c.attribution, []).append(i)
    names = list(groups)
    for x, a in enumerate(names):
        for b in names[x + 1:]:
            if not same_source(a, b) and (_apart(bounds, groups[a], groups[b]) or
                                          _apart(bounds, groups[b], groups[a])):
                return True
    return False


def differs_by_source(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE,
                      matrix: list[list[bool]] | None = None) -> bool:
    """True when the cluster is in conflict and some disagreeing pair of claims from different
    outlets is attributed to different sources (MoD vs Oryx rather than two figures from one)."""
    bounds = _Bounds(claims, tolerance) if matrix is None else None
    if bounds is not None and bounds.exact:
        return _differs_by_source(bounds, claims)  # such a pair is a conflict already
    m = matrix if matrix is not None else agreement_matrix(claims, tolerance)
    if status(claims, tolerance, m) != "conflict":
        return False
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if (_outlet(a) != _outlet(b) and not m[i][j] and a.attribution and b.attribution
                    and not same_source(a.attribution, b.attribution)):
                return True
    return False


def compare_cluster(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE) -> ClusterResult:
    """Verdicts, status, consensus, min, max and spread of one cluster. Values are given in the unit
    the claims state most often (`770 mi2` rather than `1994290844.96 m2`), else in the norm unit."""
    bounds = _Bounds(claims, tolerance)
    m = None if bounds.exact else agreement_matrix(claims, tolerance)
    norm_unit = claims[0].norm_unit if claims else ""
    stated = Counter(c.unit for c in claims if c.value and c.norm_value)
    unit = stated.most_common(1)[0][0] if stated else norm_unit
    in_unit = [c for c in claims if c.unit == unit and c.value and c.norm_value]
    factor = _scale(in_unit[0]) if in_unit else 1.0

    def shown(norm: float | None) -> float | None:
        if norm is None:
            return None
        for c in in_unit:  # a figure someone stated, exactly as stated
            if c.norm_value == norm:
                return c.value
        return norm / factor if factor else norm

    values = [stated_value(c) for c in claims]
    lo, hi = (min(values), max(values)) if values else (None, None)
    spread = hi / lo if values and lo and lo > 0 and hi is not None and hi >= 0 else None
    return ClusterResult(
        verdicts=_verdicts(bounds) if m is None else verdicts(claims, tolerance, m),
        status=_status(bounds) if m is None else status(claims, tolerance, m),
        consensus=shown(_consensus(claims, bounds, tolerance) if claims else None),
        min=shown(lo),
        max=shown(hi),
        spread=spread,
        n_outlets=len({_outlet(c) for c in claims}),
        unit=unit,
        norm_unit=norm_unit,
        sources=sources(claims),
        differs_by_source=_differs_by_source(bounds, claims) if m is None else
        differs_by_source(claims, tolerance, m),
    )
