"""Plain data passed between the stages: an ingested Article and the Claim records found in it."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields


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
        return asdict(self)


CLAIM_FIELDS = [f.name for f in fields(Claim)]
#: the fields `claims` prints (SPEC section 7: without cluster and verdict)
EXTRACT_FIELDS = [name for name in CLAIM_FIELDS if name not in ("cluster", "verdict")]

QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "less_than", "approx", "range")
