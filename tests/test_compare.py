"""Agreement, verdicts, consensus, spread and status (SPEC section 6)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparer import compare
from comparer.models import Claim


def claim(value, qualifier="exact", outlet="A", low=None, high=None, unit="", factor=1.0, attribution=None):
    if qualifier == "range":
        value = (low + high) / 2
    return Claim(article=f"{outlet}.txt", outlet=outlet, published=None, sentence="", start=0, end=0,
                 quote=str(value), value=value, qualifier=qualifier, low=low, high=high, unit=unit,
                 norm_value=value * factor, norm_unit="m" if unit else "", thing="aircraft",
                 attribution=attribution)


def worked_example():
    return [claim(259, outlet="A", attribution="Ukraine's Ministry of Defence"),
            claim(259, outlet="B", attribution="the General Staff"),
            claim(255, outlet="C"),
            claim(58, "at_least", outlet="D", low=58, attribution="Oryx"),
            claim(62, outlet="E", attribution="analysts at Oryx"),
            claim(58, outlet="F", attribution="the Oryx blog")]


def test_worked_example_of_spec_section_6():
    result = compare.compare_cluster(worked_example(), 0.05)
    assert result.consensus == 259
    assert result.verdicts == ["agrees", "agrees", "agrees", "agrees", "differs", "differs"]
    assert result.status == "conflict"
    assert round(result.spread, 2) == 4.47
    assert (result.min, result.max) == (58, 259)
    assert result.n_outlets == 6
    assert result.sources == ["Ukraine's Ministry of Defence", "the General Staff", "Oryx"]
    assert result.differs_by_source is True


def test_worked_example_support_counts():
    claims = worked_example()
    support = {v: sum(compare.agrees_with_value(c, v, 0.05) for c in claims) for v in (259, 255, 62, 58)}
    assert support == {259: 4, 255: 4, 62: 3, 58: 3}


@pytest.mark.parametrize("a, b, expected", [
    (claim(58, "at_least", low=58), claim(10_000), True),  # open upper end stays open
    (claim(58, "more_than", low=58), claim(55.3), True),  # 58·0.95 = 55.1 <= 55.3·1.05
    (claim(58, "more_than", low=58), claim(50), False),
    (claim(100, "at_most", high=100), claim(1), True),  # open lower end stays open
    (claim(100, "less_than", high=100), claim(106), True),  # 105 overlaps 106·0.95
    (claim(100, "less_than", high=100), claim(120), False),
    (claim(5, "at_most", high=5), claim(6, "at_least", low=6), False),  # 5.25 < 5.7
    (claim(5, "at_most", high=5), claim(5.5, "at_least", low=5.5), True),  # 5.25 >= 5.225
])
def test_open_intervals(a, b, expected):
    assert compare.agree(a, b, 0.05) is expected
    assert compare.agree(b, a, 0.05) is expected


def test_approx_is_widened_twice():
    # about 100 at t: [100(1-t), 100(1+t)] widened again -> [100(1-t)², 100(1+t)²]
    about = claim(100, "approx", low=95, high=105)
    assert compare.agree(about, claim(110), 0.05)  # 110·0.95 = 104.5 <= 110.25
    assert not compare.agree(claim(100), claim(111), 0.05)
    assert not compare.agree(about, claim(117), 0.05)  # 117·0.95 = 111.15 > 110.25
    # the interval follows the tolerance asked for, not the one extraction used
    assert compare.interval(about, 0.10) == pytest.approx((90, 110))
    assert compare.agree(about, claim(130), 0.10)  # 121 >= 130·0.9 = 117


def test_ranges_use_low_and_high():
    r = claim(None, "range", low=200, high=300)
    assert compare.interval(r, 0.05) == (200, 300)
    assert compare.agree(r, claim(310), 0.05)
    assert not compare.agree(r, claim(180), 0.05)


def test_norm_units_are_compared():
    km = claim(2, unit="km", factor=1000.0, outlet="A")
    m = claim(2000, unit="m", factor=1.0, outlet="B")
    assert compare.agree(km, m)
    result = compare.compare_cluster([km, m])
    assert result.status == "consensus" and result.unit == "km" and result.consensus == 2


def test_figures_are_shown_in_the_unit_most_claims_state():
    a = claim(770, unit="mi2", factor=2589988.110336, outlet="A")
    b = claim(770, unit="mi2", factor=2589988.110336, outlet="B")
    c = claim(2000, unit="km2", factor=1e6, outlet="C")
    result = compare.compare_cluster([a, b, c])
    assert result.unit == "mi2"
    assert result.consensus == 770
    assert result.min == 770 and result.max == pytest.approx(2000 * 1e6 / 2589988.110336)


def test_single_source():
    result = compare.compare_cluster([claim(10, outlet="A"), claim(20, outlet="A")], 0.05)
    assert result.verdicts == ["single", "single"]
    assert result.status == "single source"
    assert result.spread == 2


def test_no_consensus_without_a_majority():
    claims = [claim(10, outlet="A"), claim(20, outlet="B"), claim(40, outlet="C")]
    result = compare.compare_cluster(claims)
    assert result.consensus is None
    assert result.verdicts == ["differs", "differs", "differs"]
    assert result.status == "conflict"


def test_consensus_tie_goes_to_the_lower():
    claims = [claim(100, outlet="A"), claim(109, outlet="B")]
    assert compare.consensus_value(claims) == 100


def test_differs_by_source_needs_a_disagreement_between_sources():
    claims = [claim(259, outlet="A", attribution="MoD"), claim(58, outlet="B", attribution="the MoD")]
    assert compare.compare_cluster(claims).status == "conflict"
    assert compare.differs_by_source(claims) is False
    claims[1].attribution = "Oryx"
    assert compare.differs_by_source(claims) is True


qualified = st.one_of(
    st.builds(lambda v, o: claim(v, outlet=o), st.floats(1, 1000), st.sampled_from("ABCD")),
    st.builds(lambda v, o: claim(v, "approx", outlet=o), st.floats(1, 1000), st.sampled_from("ABCD")),
    st.builds(lambda v, o: claim(v, "at_least", low=v, outlet=o), st.floats(1, 1000), st.sampled_from("ABCD")),
    st.builds(lambda v, o: claim(v, "less_than", high=v, outlet=o), st.floats(1, 1000), st.sampled_from("ABCD")),
    st.builds(lambda v, w, o: claim(None, "range", low=min(v, w), high=max(v, w), outlet=o),
              st.floats(1, 1000), st.floats(1, 1000), st.sampled_from("ABCD")),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(qualified, min_size=1, max_size=7), st.randoms(use_true_random=False),
       st.floats(0, 0.5))
def test_verdicts_do_not_depend_on_input_order(claims, rnd, t):
    order = list(range(len(claims)))
    rnd.shuffle(order)
    before = compare.verdicts(claims, t)
    after = compare.verdicts([claims[i] for i in order], t)
    assert [before[i] for i in order] == after
    assert compare.status(claims, t) == compare.status([claims[i] for i in order], t)
    assert compare.consensus_value(claims, t) == compare.consensus_value([claims[i] for i in order], t)


@settings(max_examples=150, deadline=None)
@given(qualified, qualified, st.floats(0, 0.5), st.floats(0, 0.5))
def test_more_tolerance_never_turns_agreement_into_disagreement(a, b, t1, t2):
    low, high = sorted((t1, t2))
    if compare.agree(a, b, low):
        assert compare.agree(a, b, high)
