"""compare: clusters of claims -> verdicts, consensus, spread and status (SPEC section 6).

Pure functions over plain data. Claims are compared in their norm units (`norm_value`,
`norm_unit`), so `2 km` and `2,000 m` state the same figure; a claim's interval is rebuilt from
its value and qualifier for the tolerance asked for (the extractor's `low`/`high` of an `approx`
claim were computed with the default tolerance).
"""
from __future__ import annotations

import re
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
    widened = [widen(interval(c, tolerance), tolerance) for c in claims]
    return [[overlap(a, b) for b in widened] for a in widened]


def verdicts(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE,
             matrix: list[list[bool]] | None = None) -> list[str]:
    """Each claim's verdict, in input order: `agrees` with at least half of the claims from other
    outlets, `differs` otherwise, `single` when no other outlet states the quantity."""
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
    m = matrix if matrix is not None else agreement_matrix(claims, tolerance)
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            if _outlet(a) != _outlet(claims[j]) and not m[i][j]:
                return "conflict"
    return "consensus"


def consensus_value(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE) -> float | None:
    """The stated value (norm units) most claims agree with; ties go to the value stated most
    often, then to the lower. None unless more than half of the claims agree with it."""
    if not claims:
        return None
    stated = Counter(stated_value(c) for c in claims)
    best = None
    for v, times in stated.items():
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
    for c in claims:
        if c.attribution and not any(same_source(c.attribution, s) for s in found):
            found.append(c.attribution)
    return found


def differs_by_source(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE,
                      matrix: list[list[bool]] | None = None) -> bool:
    """True when the cluster is in conflict and some disagreeing pair of claims from different
    outlets is attributed to different sources (MoD vs Oryx rather than two figures from one)."""
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
    m = agreement_matrix(claims, tolerance)
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
        verdicts=verdicts(claims, tolerance, m),
        status=status(claims, tolerance, m),
        consensus=shown(consensus_value(claims, tolerance)),
        min=shown(lo),
        max=shown(hi),
        spread=spread,
        n_outlets=len({_outlet(c) for c in claims}),
        unit=unit,
        norm_unit=norm_unit,
        sources=sources(claims),
        differs_by_source=differs_by_source(claims, tolerance, m),
    )
