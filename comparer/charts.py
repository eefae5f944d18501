"""Altair charts of a comparison, and their PNG/SVG files. Plain functions over claims and clusters;
no Streamlit here (the app shows what these return)."""
from __future__ import annotations

import math
from collections.abc import Sequence

from .models import Claim, Cluster
from .review import disputed, outlet_verdicts

VERDICT_COLOURS = {"agrees": "#1b9e77", "differs": "#d95f02", "single": "#8c8c8c"}
STATUS_COLOURS = {"conflict": "#d95f02", "consensus": "#1b9e77", "single source": "#8c8c8c"}
OPEN_UP = ("at_least", "more_than")
OPEN_DOWN = ("at_most", "less_than")
LABEL_WIDTH = 46


def _scale(v: Sequence[str], colours: dict[str, str]):
    import altair as alt

    return alt.Scale(domain=list(colours), range=[colours[k] for k in colours])


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
        rows.append({"row": row, "value": value, "low": _finite(low), "high": _finite(high),
                     "qualifier": c.qualifier, "verdict": c.verdict or "single", "outlet": c.outlet,
                     "quote": c.quote, "sentence": c.sentence, "attribution": c.attribution or "(none)",
                     "article": c.article})
    return rows


def range_chart(claims: Sequence[Claim], cluster: Cluster, width: int = 640):
    """The figures of one quantity: each claim a point at its stated value, ranges and approximate
    figures as bars, open intervals (at least / up to) as arrows to the edge, the consensus as a
    rule; coloured by verdict, with the quote, sentence, source and outlet as tooltip."""
    import altair as alt
    import pandas as pd

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
    data = pd.DataFrame(rows)
    unit = cluster.unit or "count"
    x_scale = alt.Scale(domain=[lo_edge, hi_edge], nice=False, zero=False)
    colour = alt.Color("verdict:N", scale=_scale(list(VERDICT_COLOURS), VERDICT_COLOURS), title="verdict")
    y = alt.Y("row:N", sort=None, title=None, axis=alt.Axis(labelLimit=340, labelOverlap=False))
    tooltip = [alt.Tooltip("outlet:N"), alt.Tooltip("quote:N"), alt.Tooltip("value:Q", format=",.4~g"),
               alt.Tooltip("qualifier:N"), alt.Tooltip("verdict:N"), alt.Tooltip("attribution:N", title="source"),
               alt.Tooltip("sentence:N"), alt.Tooltip("article:N")]
    base = alt.Chart(data)
    bars = base.mark_rule(strokeWidth=7, opacity=0.45).encode(
        x=alt.X("from:Q", scale=x_scale, title=f"{cluster.label} ({unit})"), x2="to:Q", y=y, color=colour,
        tooltip=tooltip)
    arrows = base.transform_filter("datum.tip !== null").mark_point(filled=True, size=160, opacity=0.8).encode(
        x=alt.X("tip:Q", scale=x_scale), y=y, color=colour,
        shape=alt.Shape("shape:N", scale=None), tooltip=tooltip)
    points = base.mark_circle(size=110, opacity=1).encode(
        x=alt.X("value:Q", scale=x_scale), y=y, color=colour, tooltip=tooltip)
    layers = [bars, arrows, points]
    if cluster.consensus is not None:
        line = pd.DataFrame([{"consensus": cluster.consensus, "text": f"consensus {number(cluster.consensus)}"}])
        rule = alt.Chart(line).mark_rule(color="#333333", strokeDash=[5, 4], strokeWidth=1.5).encode(
            x=alt.X("consensus:Q", scale=x_scale), tooltip=[alt.Tooltip("consensus:Q", format=",.4~g")])
        text = alt.Chart(line).mark_text(align="left", dx=4, dy=-6, color="#333333", baseline="bottom").encode(
            x=alt.X("consensus:Q", scale=x_scale), y=alt.value(0), text="text:N")
        layers += [rule, text]
    return alt.layer(*layers).properties(
        width=width, height=alt.Step(28), title=alt.TitleParams(f"{cluster.id} {cluster.label}",
                                                          subtitle=f"{cluster.status}, {cluster.n_outlets} outlet(s)"))


def ranking_chart(clusters: Sequence[Cluster], limit: int = 15, width: int = 520):
    """The most disputed quantities: spread (largest over smallest stated value) as bars, coloured
    by status, with the number of outlets."""
    import altair as alt
    import pandas as pd

    chosen = disputed(clusters, limit)
    finite = [c.spread for c in chosen if _finite(c.spread)]
    widest = max(finite, default=2.0)
    rows = [{"quantity": _short(f"{c.id} {c.label}", 40),
             # a spread over a figure of 0 is infinite: drawn as the widest, said so in the tooltip
             "spread": c.spread if _finite(c.spread) else widest, "shown": number(c.spread) if _finite(c.spread)
             else "infinite (a figure is 0)", "outlets": c.n_outlets, "status": c.status, "claims": c.n_claims,
             "sources": "; ".join(c.sources) or "(none)"} for c in chosen]
    data = pd.DataFrame(rows, columns=["quantity", "spread", "shown", "outlets", "status", "claims", "sources"])
    tooltip = ["quantity:N", alt.Tooltip("shown:N", title="spread"), "outlets:Q", "claims:Q", "status:N", "sources:N"]
    y = alt.Y("quantity:N", sort=None, title=None, axis=alt.Axis(labelLimit=300, labelOverlap=False))
    bars = alt.Chart(data).mark_bar(clip=True).encode(
        x=alt.X("spread:Q", title="spread (largest / smallest figure)", scale=alt.Scale(type="log", domainMin=1)),
        x2=alt.datum(1),
        y=y, color=alt.Color("status:N", scale=_scale(list(STATUS_COLOURS), STATUS_COLOURS)), tooltip=tooltip)
    labels = alt.Chart(data).mark_text(align="left", dx=4, color="#333333").encode(
        x="spread:Q", y=y, text=alt.Text("outlets:Q", format="d"), tooltip=tooltip)
    return (bars + labels).properties(width=width, height=alt.Step(24),
                                      title=alt.TitleParams("Most disputed quantities",
                                                            subtitle="bar: spread; number: outlets stating it"))


def heatmap_chart(claims: Sequence[Claim], clusters: Sequence[Cluster], limit: int = 30):
    """Outlet by quantity: whether each outlet's figure agrees, differs or is the only one."""
    import altair as alt

    chosen = disputed(clusters, limit) or list(clusters)[:limit]
    order = [f"{c.id} {c.label}" for c in chosen]
    data = outlet_verdicts(claims, clusters, [c.id for c in chosen])
    return alt.Chart(data).mark_rect(stroke="white", strokeWidth=1.5).encode(
        x=alt.X("quantity:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40, labelLimit=220, labelOverlap=False)),
        y=alt.Y("outlet:N", title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        color=alt.Color("verdict:N", scale=_scale(list(VERDICT_COLOURS), VERDICT_COLOURS)),
        tooltip=["outlet:N", "quantity:N", "verdict:N", "claims:Q"],
    ).properties(width=alt.Step(30), height=alt.Step(28),
                 title=alt.TitleParams("Outlets by quantity", subtitle="quantities stated by more than one outlet"))


def to_png(chart, scale: float = 2.0) -> bytes:
    """The chart as a PNG image (rendered offline by vl-convert)."""
    import vl_convert

    return vl_convert.vegalite_to_png(chart.to_json(), scale=scale)


def to_svg(chart) -> str:
    """The chart as an SVG image (rendered offline by vl-convert)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(chart.to_json())
