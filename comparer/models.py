"""Plain data passed between the stages: an ingested Article and the Claim records found in it."""
from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class Article:
    """One input article: its text and what is known about where it comes from.

    `source` is the file name (or URL); for one row of a bulk CSV/JSONL file it is `FILE#ROW`
    (1-based). It is what claim records call `article`.
    """

    text: str
    source: str
    outlet: str = ""
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    url: str | None = None


@dataclass
class Claim:
    """One numeric claim, with the fields of SPEC section 3 (cluster and verdict filled by later stages)."""

    article: str
    outlet: str
    published: str | None
    sentence: str
    start: int
    end: int
    quote: str
    value: float
    qualifier: str
    low: float | None
    high: float | None
    unit: str
    norm_value: float
    norm_unit: str
    thing: str
    attribution: str | None
    cluster: str | None = None
    verdict: str | None = None

    def to_dict(self) -> dict:
        # every field is a str, number or None: a shallow dict is what `asdict` would make, at a
        # fraction of its cost (it deep-copies each value)
        d = self.__dict__
        if tuple(d) == _CLAIM_NAMES:  # as the dataclass made it: its fields, in order
            return d.copy()
        return {name: getattr(self, name) for name in _CLAIM_NAMES}


CLAIM_FIELDS = [f.name for f in fields(Claim)]
_CLAIM_NAMES = tuple(CLAIM_FIELDS)
#: the fields `claims` prints (SPEC section 7: without cluster and verdict)
EXTRACT_FIELDS = [name for name in CLAIM_FIELDS if name not in ("cluster", "verdict")]

QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "less_than", "approx", "range")


@dataclass
class Cluster:
    """A group of claims about the same quantity and what the compare stage says about it.

    `consensus`, `min` and `max` are in `unit` (the claims' stated unit when they share one, else the
    norm unit); `members` are the indices of its claims in the claim list it was built from.
    """

    id: str
    label: str
    unit: str
    n_outlets: int
    consensus: float | None
    min: float | None
    max: float | None
    spread: float | None
    status: str
    norm_unit: str = ""
    n_claims: int = 0
    sources: list[str] = field(default_factory=list)
    differs_by_source: bool = False
    members: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        # as `asdict` makes it (the lists copied, so the dict can be changed freely), without its
        # generic deep copy
        record = {name: getattr(self, name) for name in _CLUSTER_NAMES}
        record["sources"] = list(self.sources)
        record["members"] = list(self.members)
        return record


_CLUSTER_NAMES = tuple(f.name for f in fields(Cluster))
#: the columns of clusters.csv (SPEC section 9)
CLUSTER_FIELDS = ["id", "label", "unit", "n_outlets", "consensus", "min", "max", "spread", "status"]
CLUSTER_STATUSES = ("consensus", "conflict", "single source")
VERDICTS = ("agrees", "differs", "single")
