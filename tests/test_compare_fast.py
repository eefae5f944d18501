"""The compare stage's sorted-bounds counting gives what the pairwise definitions of SPEC section 6
give, on any cluster; and the cheap `to_dict`/`to_csv` give what their generic versions gave."""
from __future__ import annotations

import csv
import io
from dataclasses import asdict

from hypothesis import given, settings
from hypothesis import strategies as st

from comparer import compare, export
from comparer.models import CLAIM_FIELDS, CLUSTER_FIELDS, Claim, Cluster

QUALIFIERS = ["exact", "at_least", "more_than", "at_most", "less_than", "approx", "range"]
SOURCES = [None, "Oryx", "analysts at Oryx", "Ukraine's Ministry of Defence", "the MoD", "police", "the"]


@st.composite
def claims(draw):
    """A cluster: few distinct values (so that ties and touching intervals are common), a few
    outlets (so that same-outlet pairs are common), units with a scale now and then."""
    n = draw(st.integers(1, 14))
    values = draw(st.lists(st.sampled_from([0.0, -3.0, 1.0, 50.0, 52.5, 55.0, 58.0, 100.0, 105.0, 1e6]),
                           min_size=1, max_size=4))
    out = []
    for _ in range(n):
        q = draw(st.sampled_from(QUALIFIERS))
        v = draw(st.sampled_from(values))
        low = high = None
        if q == "range":
            low, high = sorted([v, draw(st.sampled_from(values))])
            v = (low + high) / 2
        elif q in ("at_least", "more_than"):
            low = v
        elif q in ("at_most", "less_than"):
            high = v
        else:
            low = high = v
        factor = draw(st.sampled_from([1.0, 1.0, 1000.0]))
        outlet = draw(st.sampled_from(["A", "B", "C", ""]))
        out.append(Claim(article=f"{outlet or 'x'}-{len(out) % 3}.txt", outlet=outlet, published=None,
                         sentence="", start=0, end=0, quote="q", value=v, qualifier=q, low=low, high=high,
                         unit="km" if factor != 1.0 else "", norm_value=v * factor, norm_unit="m",
                         thing="thing", attribution=draw(st.sampled_from(SOURCES))))
    return out


def pairwise_consensus(cs, t):
    """SPEC section 6's consensus value, as first written: every stated value against every claim."""
    best = None
    stated = {}
    for c in cs:
        stated[c.norm_value] = stated.get(c.norm_value, 0) + 1
    for v, times in stated.items():
        support = sum(1 for c in cs if compare.agrees_with_value(c, v, t))
        key = (support, times, -v)
        if best is None or key > best[0]:
            best = (key, v)
    (support, _, _), v = best
    return v if 2 * support > len(cs) else None


@settings(max_examples=600, deadline=None)
@given(claims(), st.sampled_from([0.0, 0.05, 0.1, 0.5]))
def test_counting_equals_the_pairwise_definitions(cs, t):
    m = compare.agreement_matrix(cs, t)
    assert compare.verdicts(cs, t) == compare.verdicts(cs, t, m)
    assert compare.status(cs, t) == compare.status(cs, t, m)
    assert compare.differs_by_source(cs, t) == compare.differs_by_source(cs, t, m)
    assert compare.consensus_value(cs, t) == pairwise_consensus(cs, t)
    result = compare.compare_cluster(cs, t)
    assert result.verdicts == compare.verdicts(cs, t, m)
    assert result.status == compare.status(cs, t, m)
    assert result.differs_by_source == compare.differs_by_source(cs, t, m)


def test_a_nan_bound_keeps_the_pairwise_definition():
    nan = float("nan")
    cs = [Claim(article=f"{o}.txt", outlet=o, published=None, sentence="", start=0, end=0, quote="q", value=v,
                qualifier="exact", low=v, high=v, unit="", norm_value=v, norm_unit="", thing="t", attribution=None)
          for o, v in (("A", nan), ("B", 5.0), ("C", 5.0))]
    m = compare.agreement_matrix(cs)
    assert compare.verdicts(cs) == compare.verdicts(cs, matrix=m) == ["differs", "agrees", "agrees"]
    assert compare.status(cs) == compare.status(cs, matrix=m) == "conflict"


def test_sources_keep_first_spellings_in_order():
    cs = [Claim(article="a", outlet="A", published=None, sentence="", start=0, end=0, quote="q", value=1.0,
                qualifier="exact", low=1.0, high=1.0, unit="", norm_value=1.0, norm_unit="", thing="t",
                attribution=a) for a in ("Oryx", "the Oryx blog", "Oryx", None, "the MoD", "Oryx", "the MoD")]
    assert compare.sources(cs) == ["Oryx", "the MoD"]


def test_to_dict_is_what_asdict_makes():
    claim = Claim(article="a.txt", outlet="A", published="2024-01-02", sentence="s", start=1, end=2, quote="q",
                  value=1.5, qualifier="approx", low=1.4, high=1.6, unit="km", norm_value=1500.0, norm_unit="m",
                  thing="t", attribution=None, cluster="c1", verdict="agrees")
    assert claim.to_dict() == asdict(claim)
    assert list(claim.to_dict()) == CLAIM_FIELDS
    cluster = Cluster(id="c1", label="L", unit="km", n_outlets=2, consensus=None, min=1.0, max=2.0, spread=2.0,
                      status="conflict", sources=["Oryx"], members=[0, 3])
    record = cluster.to_dict()
    assert record == asdict(cluster)
    record["members"].append(9)  # a copy, as asdict made it
    assert cluster.members == [0, 3]


def reference_csv(records, fields):
    """to_csv as first written: `plain` then `safe_cell` on every cell."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(fields)
    for r in records:
        writer.writerow(["" if export.plain(r.get(f)) is None else export.safe_cell(export.plain(r.get(f)))
                         for f in fields])
    return buf.getvalue()


@given(st.lists(st.fixed_dictionaries({f: st.one_of(
    st.none(), st.text(max_size=6), st.integers(), st.floats(allow_nan=True), st.booleans(),
    st.sampled_from(["=1+1", "-3", "@x", "\tx", "+", "plain"])) for f in CLUSTER_FIELDS}), max_size=5))
def test_to_csv_cells_are_what_plain_and_safe_cell_make(records):
    assert export.to_csv(records, CLUSTER_FIELDS) == reference_csv(records, CLUSTER_FIELDS)


def test_to_csv_without_fields_keeps_a_row_per_record():
    assert export.to_csv([{"a": 1}, {"a": 2}], []) == reference_csv([{"a": 1}, {"a": 2}], []) == "\r\n\r\n\r\n"


def test_to_dict_of_a_claim_with_an_extra_attribute_keeps_the_fields_only():
    claim = Claim(article="a.txt", outlet="A", published=None, sentence="s", start=1, end=2, quote="q",
                  value=1.0, qualifier="exact", low=1.0, high=1.0, unit="", norm_value=1.0, norm_unit="",
                  thing="t", attribution=None)
    claim.note = "kept aside"
    assert claim.to_dict() == asdict(claim) and list(claim.to_dict()) == CLAIM_FIELDS
    copy = claim.to_dict()
    copy["value"] = 5.0
    assert claim.value == 1.0
