"""comparer.charts: the range plot's rows (open intervals as arrows) and offline PNG/SVG export."""
from __future__ import annotations

from pathlib import Path

import pytest

from comparer import charts, pipeline, review

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample():
    _, claims, clusters, _ = pipeline.compare_paths([ROOT / "data"])
    return claims, clusters


def test_range_rows_keep_open_ends_open(sample):
    claims, clusters = sample
    cluster = review.disputed(clusters)[0]
    rows = charts.range_rows(claims, cluster)
    assert len(rows) == cluster.n_claims
    assert len({r["row"] for r in rows}) == len(rows)  # one row per claim
    at_least = [r for r in rows if r["qualifier"] in charts.OPEN_UP]
    assert at_least and all(r["high"] is None for r in at_least)


def test_every_chart_renders_offline_as_png_and_svg(sample):
    claims, clusters = sample
    for chart in (charts.range_chart(claims, review.disputed(clusters)[0]), charts.ranking_chart(clusters),
                  charts.heatmap_chart(claims, clusters)):
        assert charts.to_png(chart).startswith(b"\x89PNG")
        assert charts.to_svg(chart).lstrip().startswith("<svg")


def test_every_chart_is_a_valid_vega_lite_spec_of_plain_json(sample):
    """The charts are written as dicts (fast); the schema Altair validates against checks them."""
    import json

    from altair.vegalite.v6.schema.core import Root

    claims, clusters = sample
    specs = [charts.range_chart(claims, c) for c in clusters]
    specs += [charts.ranking_chart(clusters), charts.heatmap_chart(claims, clusters), charts.ranking_chart([]),
              charts.heatmap_chart([], [])]
    for spec in specs:
        Root.validate(spec)
        assert json.loads(charts.to_json(spec)) == spec  # no NaN, no numpy, nothing JSON cannot say


@pytest.mark.parametrize("x, text", [(259.0, "259"), (300000.0, "300,000"), (0.123456, "0.1235")])
def test_number(x, text):
    assert charts.number(x) == text
