"""Vega-Lite charts of a comparison, and their PNG/SVG files. Plain functions over claims and
clusters that return the chart as a Vega-Lite spec (a JSON-ready dict, data inline); no Streamlit
here (the app shows what these return).

The specs are written as dicts rather than built with Altair: Altair validates every channel and
every spec against the Vega-Lite schema as it builds and serialises it (~0.1 s a chart), which made
each rerun of the app (a tolerance change) slow. tests/test_charts.py validates these dicts
against the Vega-Lite schema instead."""
from __future__ import annotations

import json
import math
from collections.abc import Sequence

from .models import Claim, Cluster
from .review import disputed, outlet_verdict_rows

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
VERDICT_COLOURS = {"agrees": "#1b9e77", "differs": "#d95f02", "single": "#8c8c8c"}
STATUS_COLOURS = {"conflict": "#d95f02", "consensus": "#1b9e77", "single source": "#8c8c8c"}
OPEN_UP = ("at_least", "more_than")
OPEN_DOWN = ("at_most", "less_than")
LABEL_WIDTH = 46


def _scale(colours: dict[str, str]) -> dict:
    return {"domain": list(colours), "range": list(colours.values())}


def _field(name: str, kind: str = "nominal", **more) -> dict:
    return {"field": name, "type": kind, **more}


def _finite(x) -> float | None:
    return x if isinstance(x, (int, float)) and math.isfinite(x) else None


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def number(x: float) -> str:
    """A figure for a label: 259 -> "259", 300000.0 -> "300,000", 0.1234567 -> "0.1235"."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"


def range_rows(claims: Sequence[Claim], cluster: Cluster) -> list[dict]:
    """One row per claim of `cluster` in the cluster's unit: value, low, high (open ends None),
    a row label and the tooltip fields."""
    rows, seen = [], {}
    for c in claims:
        if c.cluster != cluster.id:
            continue
        if c.unit == cluster.unit or not c.value:
            value, low, high = c.value, c.low, c.high
        else:  # the cluster is in the norm unit: convert the claim's interval with its own factor
            factor = c.norm_value / c.value
            value = c.norm_value
            low = None if c.low is None else c.low * factor
            high = None if c.high is None else c.high * factor
        row = _short(f"{c.outlet} · {c.quote}")
        seen[row] = seen.get(row, 0) + 1
        if seen[row] > 1:
            row = f"{row} ({seen[row]})"
        rows.append({"row": row, "value": _finite(value), "low": _finite(low), "high": _finite(high),
                     "qualifier": c.qualifier, "verdict": c.verdict or "single", "outlet": c.outlet,
                     "quote": c.quote, "sentence": c.sentence, "attribution": c.attribution or "(none)",
                     "article": c.article})
    return rows


def range_chart(claims: Sequence[Claim], cluster: Cluster, width: int = 640) -> dict:
    """The figures of one quantity: each claim a point at its stated value, ranges and approximate
    figures as bars, open intervals (at least / up to) as arrows to the edge, the consensus as a
    rule; coloured by verdict, with the quote, sentence, source and outlet as tooltip."""
    rows = range_rows(claims, cluster)
    known = [x for r in rows for x in (r["value"], r["low"], r["high"]) if x is not None]
    if cluster.consensus is not None:
        known.append(cluster.consensus)
    top = max(known, default=1.0)
    bottom = min(known, default=0.0)
    pad = max((top - bottom) * 0.12, abs(top) * 0.08) or 1.0  # room for the arrows of open intervals
    lo_edge, hi_edge = 0.0 if bottom >= 0 else bottom - pad, top + pad
    for r in rows:
        r["from"] = r["low"] if r["low"] is not None else (lo_edge if r["qualifier"] in OPEN_DOWN else r["value"])
        r["to"] = r["high"] if r["high"] is not None else (hi_edge if r["qualifier"] in OPEN_UP else r["value"])
        r["tip"] = (hi_edge if r["qualifier"] in OPEN_UP else lo_edge if r["qualifier"] in OPEN_DOWN else None)
        r["shape"] = "triangle-right" if r["qualifier"] in OPEN_UP else "triangle-left"
    unit = cluster.unit or "count"
    x_scale = {"domain": [lo_edge, hi_edge], "nice": False, "zero": False}
    colour = _field("verdict", scale=_scale(VERDICT_COLOURS), title="verdict")
    y = _field("row", sort=None, title=None, axis={"labelLimit": 340, "labelOverlap": False})
    tooltip = [_field("outlet"), _field("quote"), _field("value", "quantitative", format=",.4~g"),
               _field("qualifier"), _field("verdict"), _field("attribution", title="source"),
               _field("sentence"), _field("article")]
    layers = [
        {"mark": {"type": "rule", "strokeWidth": 7, "opacity": 0.45},
         "encoding": {"x": _field("from", "quantitative", scale=x_scale, title=f"{cluster.label} ({unit})"),
                      "x2": {"field": "to"}, "y": y, "color": colour, "tooltip": tooltip}},
        {"transform": [{"filter": "datum.tip !== null"}],
         "mark": {"type": "point", "filled": True, "size": 160, "opacity": 0.8},
         "encoding": {"x": _field("tip", "quantitative", scale=x_scale), "y": y, "color": colour,
                      "shape": _field("shape", scale=None), "tooltip": tooltip}},
        {"mark": {"type": "circle", "size": 110, "opacity": 1},
         "encoding": {"x": _field("value", "quantitative", scale=x_scale), "y": y, "color": colour,
                      "tooltip": tooltip}},
    ]
    if cluster.consensus is not None:
        line = {"values": [{"consensus": cluster.consensus, "text": f"consensus {number(cluster.consensus)}"}]}
        layers += [
            {"data": line, "mark": {"type": "rule", "color": "#333333", "strokeDash": [5, 4], "strokeWidth": 1.5},
             "encoding": {"x": _field("consensus", "quantitative", scale=x_scale),
                          "tooltip": [_field("consensus", "quantitative", format=",.4~g")]}},
            {"data": line, "mark": {"type": "text", "align": "left", "dx": 4, "dy": -6, "color": "#333333",
                                    "baseline": "bottom"},
             "encoding": {"x": _field("consensus", "quantitative", scale=x_scale), "y": {"value": 0},
                          "text": _field("text")}},
        ]
    return {"$schema": SCHEMA, "data": {"values": rows}, "layer": layers, "width": width, "height": {"step": 28},
            "title": {"text": f"{cluster.id} {cluster.label}",
                      "subtitle": f"{cluster.status}, {cluster.n_outlets} outlet(s)"}}


def ranking_chart(clusters: Sequence[Cluster], limit: int = 15, width: int = 520) -> dict:
    """The most disputed quantities: spread (largest over smallest stated value) as bars, coloured
    by status, with the number of outlets."""
    chosen = disputed(clusters, limit)
    finite = [c.spread for c in chosen if _finite(c.spread)]
    widest = max(finite, default=2.0)
    rows = [{"quantity": _short(f"{c.id} {c.label}", 40),
             # a spread over a figure of 0 is infinite: drawn as the widest, said so in the tooltip
             "spread": c.spread if _finite(c.spread) else widest, "shown": number(c.spread) if _finite(c.spread)
             else "infinite (a figure is 0)", "outlets": c.n_outlets, "status": c.status, "claims": c.n_claims,
             "sources": "; ".join(c.sources) or "(none)"} for c in chosen]
    tooltip = [_field("quantity"), _field("shown", title="spread"), _field("outlets", "quantitative"),
               _field("claims", "quantitative"), _field("status"), _field("sources")]
    y = _field("quantity", sort=None, title=None, axis={"labelLimit": 300, "labelOverlap": False})
    bars = {"mark": {"type": "bar", "clip": True},
            "encoding": {"x": _field("spread", "quantitative", title="spread (largest / smallest figure)",
                                     scale={"type": "log", "domainMin": 1}),
                         "x2": {"datum": 1}, "y": y, "color": _field("status", scale=_scale(STATUS_COLOURS)),
                         "tooltip": tooltip}}
    labels = {"mark": {"type": "text", "align": "left", "dx": 4, "color": "#333333"},
              "encoding": {"x": _field("spread", "quantitative"), "y": y,
                           "text": _field("outlets", "quantitative", format="d"), "tooltip": tooltip}}
    return {"$schema": SCHEMA, "data": {"values": rows}, "layer": [bars, labels], "width": width,
            "height": {"step": 24}, "title": {"text": "Most disputed quantities",
                                              "subtitle": "bar: spread; number: outlets stating it"}}


def heatmap_chart(claims: Sequence[Claim], clusters: Sequence[Cluster], limit: int = 30) -> dict:
    """Outlet by quantity: whether each outlet's figure agrees, differs or is the only one."""
    chosen = disputed(clusters, limit) or list(clusters)[:limit]
    order = [f"{c.id} {c.label}" for c in chosen]
    rows = outlet_verdict_rows(claims, clusters, [c.id for c in chosen])
    return {"$schema": SCHEMA, "data": {"values": rows},
            "mark": {"type": "rect", "stroke": "white", "strokeWidth": 1.5},
            "encoding": {
                "x": _field("quantity", sort=order, title=None,
                            axis={"labelAngle": -40, "labelLimit": 220, "labelOverlap": False}),
                "y": _field("outlet", title=None, axis={"labelLimit": 220, "labelOverlap": False}),
                "color": _field("verdict", scale=_scale(VERDICT_COLOURS)),
                "tooltip": [_field("outlet"), _field("quantity"), _field("verdict"), _field("claims", "quantitative")]},
            "width": {"step": 30}, "height": {"step": 28},
            "title": {"text": "Outlets by quantity", "subtitle": "quantities stated by more than one outlet"}}


def to_json(chart) -> str:
    """The chart's Vega-Lite JSON (a spec dict from this module, or anything with `to_json`)."""
    return chart.to_json() if hasattr(chart, "to_json") else json.dumps(chart, allow_nan=False)


def to_png(chart, scale: float = 2.0) -> bytes:
    """The chart as a PNG image (rendered offline by vl-convert)."""
    import vl_convert

    return vl_convert.vegalite_to_png(to_json(chart), scale=scale)


def to_svg(chart) -> str:
    """The chart as an SVG image (rendered offline by vl-convert)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(to_json(chart))
