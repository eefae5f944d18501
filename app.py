"""comparer in the browser: upload articles, review the quantities, compare outlets, chart, download.

Thin on purpose: every computation is a function of `comparer` (ingest, pipeline, review, charts);
this file holds the page, the session state and the caching wrappers. User text is only ever shown
as plain text (dataframes, widget labels, escaped markdown), never as HTML.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from comparer import charts, ingest, match, pipeline, review

DATA = Path(__file__).resolve().parent / "data"
FORMATS = ["txt", "md", "html", "htm", "pdf", "docx", "csv", "jsonl"]
SEP = "\x1f"  # joins a claim key's parts in widget values


# --- caching wrappers and session state -------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=5000)
def extract_file(data: bytes, name: str):
    """(articles, claims, errors as (source, reason)) of one file; cached by its bytes and name, so
    changing a setting or an outlet never reads a file twice."""
    articles, errors = ingest.load_bytes(data, name)
    claims, failed = pipeline.extract_articles(articles)
    return articles, claims, [(e.source, e.reason) for e in [*errors, *failed]]


@st.cache_data(show_spinner=False)
def sample_files() -> list[tuple[bytes, str]]:
    return [(path.read_bytes(), path.name) for path in ingest.expand_paths([DATA])]


@st.cache_data(show_spinner=False, max_entries=32)
def matched(key: str, strictness: float, _claims, _texts):
    """The claims grouped into quantities (match), cached by `key`: the inputs, outlets and articles
    left out (`review.inputs_key`); so a tolerance change never matches again."""
    return review.match(_claims, strictness, _texts)


@st.cache_data(show_spinner=False, max_entries=50)
def image(spec: str, fmt: str) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=2) if fmt == "png" else vl_convert.vegalite_to_svg(spec).encode()


def init_state() -> None:
    defaults = {"files": {}, "outlets": {}, "excluded": set(), "corrections": [], "use_sample": False, "pasted": 0,
                "uploads": 0}
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)


def add_file(data: bytes, name: str) -> None:
    """Keep an upload for the whole session, keyed by its content (the same file twice is kept once)."""
    st.session_state.files.setdefault(hashlib.sha256(data).hexdigest(), (data, name))


def add_pasted() -> None:
    text = st.session_state.get("paste_text", "").strip()
    if not text:
        return
    st.session_state.pasted += 1
    name = st.session_state.get("paste_name", "").strip() or f"pasted text {st.session_state.pasted}"
    add_file(text.encode("utf-8"), name if name.lower().endswith((".txt", ".md")) else f"{name}.txt")
    st.session_state.paste_text = ""
    st.session_state.paste_name = ""


def clear_files() -> None:
    st.session_state.files = {}
    st.session_state.corrections = []
    st.session_state.use_sample = False
    st.session_state.uploads += 1  # a new uploader widget, empty


def inputs() -> list[tuple[bytes, str]]:
    """The user's files (with the sample articles if asked), or the sample articles when there are none."""
    own = list(st.session_state.files.values())
    return [*sample_files(), *own] if not own or st.session_state.use_sample else own


def key_of(claim) -> str:
    return SEP.join(map(str, review.claim_key(claim)))


def parse_key(value: str) -> review.ClaimKey:
    article, start, end = value.rsplit(SEP, 2)
    return article, int(start), int(end)


def correct(kind: str) -> None:
    """Button callback: turn the review widgets' values into one Correction kept for the session."""
    s = st.session_state
    claims, clusters = s.view
    first = {c.cluster: key_of(c) for c in reversed(claims)}
    fixes = []
    if kind == "rename" and s.get("rename_cluster") and s.get("rename_label", "").strip():
        fixes.append(review.Correction("rename", (parse_key(first[s.rename_cluster]),), label=s.rename_label.strip()))
    elif kind == "merge" and len(s.get("merge_clusters", [])) > 1:
        fixes.append(review.Correction("merge", tuple(parse_key(first[c]) for c in s.merge_clusters)))
    elif kind == "split" and s.get("split_claims"):
        fixes.append(review.Correction("split", tuple(map(parse_key, s.split_claims))))
    elif kind == "move" and s.get("move_claim"):
        target = None if s.get("move_target", "new") == "new" else parse_key(first[s.move_target])
        fixes.append(review.Correction("move", (parse_key(s.move_claim),), target=target))
    elif kind == "drop":
        fixes.extend(review.Correction("drop", (parse_key(k),)) for k in s.get("drop_claims", []))
    s.corrections = [*s.corrections, *fixes]
    for widget in ("merge_clusters", "split_claims", "drop_claims"):
        s[widget] = []
    s.rename_label = ""


def edit_articles(editor_key: str, sources: list[str]) -> None:
    """Data-editor callback: keep the outlets and the articles left out, by article name."""
    for row, change in st.session_state[editor_key].get("edited_rows", {}).items():
        source = sources[int(row)]
        if "outlet" in change:
            st.session_state.outlets[source] = str(change["outlet"] or "").strip()
        if "include" in change:
            (st.session_state.excluded.discard if change["include"] else st.session_state.excluded.add)(source)


# --- the page ---------------------------------------------------------------------------------

def sidebar() -> tuple[float, float]:
    with st.sidebar:
        st.header("Your articles")
        uploaded = st.file_uploader("Drop articles here (many at once)", type=FORMATS, accept_multiple_files=True,
                                    key=f"uploader_{st.session_state.uploads}", help="Web pages, text, PDF, Word, or a CSV / JSONL with one "
                                    "article a row (a `text` column). Up to 50 MB a file.")
        for file in uploaded or []:
            add_file(file.getvalue(), file.name)
        with st.expander("Paste an article's text"):
            st.text_input("Outlet or file name", key="paste_name", placeholder="e.g. kyiv-dispatch")
            st.text_area("Text", key="paste_text", height=150)
            st.button("Add this text", on_click=add_pasted)
        if st.session_state.files:
            st.toggle("Also show the sample articles", key="use_sample")
            st.button("Remove my articles", on_click=clear_files)
        st.header("Settings")
        tolerance = st.slider("Tolerance", 0.0, 0.5, 0.05, 0.01, key="tolerance", format="%.2f",
                              help="How far apart two figures may be and still agree (0.05 = 5 %).")
        strictness = st.slider("Matching strictness", 0.0, 1.0, match.DEFAULT_STRICTNESS, 0.05, key="strictness",
                               help="0 groups claims loosely; 1 only groups near-identical descriptions.")
    return tolerance, strictness


def extract_all(files: list[tuple[bytes, str]]):
    """Articles, claims and errors of every file, with a progress bar for large batches."""
    articles, claims, errors = [], [], []
    bar = st.progress(0.0, text=f"Reading {len(files)} files…") if len(files) > 10 else None
    for n, (data, name) in enumerate(files, 1):
        found, found_claims, failed = extract_file(data, name)
        articles.extend(found)
        claims.extend(found_claims)
        errors.extend(failed)
        if bar:
            bar.progress(n / len(files), text=f"Read {n} of {len(files)} files")
    if bar:
        bar.empty()
    return articles, claims, errors


def articles_editor(articles, claims) -> None:
    counts: dict[str, int] = {}
    for c in claims:
        counts[c.article] = counts.get(c.article, 0) + 1
    sources = [a.source for a in articles]
    rows = [{"include": a.source not in st.session_state.excluded,
             "outlet": st.session_state.outlets.get(a.source) or a.outlet, "article": a.source,
             "title": a.title or "", "published": a.published or "", "claims": counts.get(a.source, 0)}
            for a in articles]
    editor_key = "articles_" + hashlib.sha256(SEP.join(sources).encode()).hexdigest()[:16]
    st.data_editor(rows, key=editor_key, hide_index=True, width="stretch", disabled=["article", "title", "published",
                   "claims"], on_change=edit_articles, args=(editor_key, sources),
                   column_config={"include": st.column_config.CheckboxColumn("include", width="small"),
                                  "outlet": st.column_config.TextColumn("outlet (editable)")})


def downloads(claims, clusters) -> None:
    row = st.container(horizontal=True)
    row.download_button("⬇ claims.csv", review.claims_csv(claims), "claims.csv", "text/csv", on_click="ignore",
                         key="dl_claims")
    row.download_button("⬇ clusters.csv", review.clusters_csv(clusters), "clusters.csv", "text/csv",
                          on_click="ignore", key="dl_clusters")


def chart_downloads(chart, name: str) -> None:
    spec = charts.to_json(chart)
    row = st.container(horizontal=True)
    row.download_button("Chart as PNG", lambda: image(spec, "png"), f"{name}.png", "image/png", on_click="ignore",
                         key=f"png_{name}")
    row.download_button("Chart as SVG", lambda: image(spec, "svg"), f"{name}.svg", "image/svg+xml", on_click="ignore",
                          key=f"svg_{name}")


@st.fragment
def charts_tab(claims, clusters) -> None:
    """A fragment: choosing another quantity redraws only this tab, not the whole page."""
    ranked = review.disputed(clusters)
    order = [c.id for c in ranked] + [c.id for c in clusters if c not in ranked]
    by_id = {c.id: c for c in clusters}
    # the options are the quantities' full descriptions, so a selection never points at another
    # quantity after the clusters are recomputed (it falls back to the most disputed one)
    names = {f"{i} {by_id[i].label} — {by_id[i].status}, {by_id[i].n_outlets} outlet(s), {by_id[i].n_claims} "
             f"claim(s)": i for i in order}
    chosen = names.get(st.selectbox("Quantity", list(names), key="quantity"))
    if chosen in by_id:
        chart = charts.range_chart(claims, by_id[chosen])
        st.vega_lite_chart(chart, width="stretch")
        st.caption("Dot: the stated figure. Bar: a range or an approximate figure. Arrow: an open interval "
                   "(at least / up to). Dashed line: the consensus.")
        chart_downloads(chart, f"range-{chosen}")
    ranking = charts.ranking_chart(clusters)
    st.vega_lite_chart(ranking, width="stretch")
    chart_downloads(ranking, "most-disputed")
    heat = charts.heatmap_chart(claims, clusters)
    st.vega_lite_chart(heat)
    chart_downloads(heat, "outlets-by-quantity")


@st.fragment
def claims_tab(claims, clusters) -> None:
    """A fragment: a filter change redraws only this tab, not the whole page."""
    labels = {c.id: f"{c.id} {c.label}" for c in clusters}
    cols = st.columns(4)
    outlets = cols[0].multiselect("Outlet", sorted({c.outlet for c in claims}), key="f_outlet")
    quantities = cols[1].multiselect("Quantity", list(labels), format_func=labels.get, key="f_quantity")
    verdicts = cols[2].multiselect("Verdict", ["agrees", "differs", "single"], key="f_verdict")
    sources = cols[3].multiselect("Source", sorted({c.attribution or "(none)" for c in claims}), key="f_source")
    table = review.claims_table(claims, clusters, outlets=outlets, quantities=quantities, verdicts=verdicts,
                                sources=sources)
    st.caption(f"{len(table)} of {len(claims)} claims. In the sentence, the claim is marked ⟦like this⟧.")
    st.dataframe(table, hide_index=True, width="stretch", key="claims_table",
                 column_config={"sentence": st.column_config.TextColumn("sentence", width="large"),
                                "value": st.column_config.NumberColumn("value", format="%g")})


def review_tab(claims, clusters) -> None:
    st.dataframe(review.clusters_table(clusters), hide_index=True, width="stretch", key="clusters_table")
    ids = [c.id for c in clusters]
    names = {c.id: f"{c.id} {c.label} ({c.n_claims} claims)" for c in clusters}
    claim_names = {key_of(c): f"{c.cluster} · {c.outlet}: {c.quote}" for c in claims}
    st.subheader("Correct the quantities")
    left, right = st.columns(2)
    with left:
        st.selectbox("Rename the quantity", ids, format_func=names.get, key="rename_cluster")
        st.text_input("New name", key="rename_label")
        st.button("Rename", on_click=correct, args=("rename",))
        st.multiselect("Merge these quantities into the first", ids, format_func=names.get, key="merge_clusters")
        st.button("Merge", on_click=correct, args=("merge",))
        st.multiselect("Split these claims into a new quantity", list(claim_names), format_func=claim_names.get,
                       key="split_claims")
        st.button("Split", on_click=correct, args=("split",))
    with right:
        st.selectbox("Move the claim", list(claim_names), format_func=claim_names.get, key="move_claim")
        st.selectbox("to the quantity", ["new", *ids], format_func=lambda i: "a new quantity" if i == "new"
                     else names[i], key="move_target")
        st.button("Move", on_click=correct, args=("move",))
        st.multiselect("These are not claims", list(claim_names), format_func=claim_names.get, key="drop_claims")
        st.button("Remove from the comparison", on_click=correct, args=("drop",))
    if st.session_state.corrections:
        st.markdown("**Your corrections** (kept for this session and in the downloads)")
        for fix in st.session_state.corrections:
            st.text(f"• {fix.describe()}")
        row = st.container(horizontal=True)
        row.button("Undo the last", on_click=lambda: st.session_state.corrections.pop())
        row.button("Undo all", on_click=lambda: st.session_state.corrections.clear())


def main() -> None:
    st.set_page_config(page_title="comparer: compare outlets' figures", page_icon="📊", layout="wide")
    init_state()
    tolerance, strictness = sidebar()
    st.title("comparer")
    st.caption("Which figures do news outlets agree on, and where do they differ?")
    if not st.session_state.files:
        st.info("You are looking at the **sample articles** (seven invented outlets). To compare your own, "
                "drop them into **Your articles** in the sidebar, or paste their text there.", icon=":material/arrow_back:")

    files = inputs()
    articles, claims, errors = extract_all(files)
    for source, reason in errors:
        st.error(review.md_escape(f"{source}: {reason}"), icon=":material/error:")
    kept = [c for c in review.with_outlets(claims, st.session_state.outlets)
            if c.article not in st.session_state.excluded]
    texts = {a.source: a.text for a in articles}
    key = review.inputs_key(files, st.session_state.outlets, st.session_state.excluded)
    found, clusters = review.compare(*matched(key, strictness, kept, texts), tolerance)
    claims, clusters = review.apply_corrections(found, clusters, st.session_state.corrections, tolerance)
    st.session_state.view = (claims, clusters)

    numbers = review.overview(claims, clusters)
    for column, (name, value) in zip(st.columns(len(numbers)), numbers.items()):
        column.metric(name.capitalize(), value)
    if not claims:
        st.warning("No numeric claims found yet: add articles in the sidebar.")
    downloads(claims, clusters)
    charts_view, claims_view, review_view, articles_view = st.tabs(
        ["Charts", "Claims", "Quantities & corrections", f"Articles ({len(articles)})"])
    with charts_view:
        if clusters:
            charts_tab(claims, clusters)
    with claims_view:
        claims_tab(claims, clusters)
    with review_view:
        review_tab(claims, clusters)
    with articles_view:
        st.caption("Edit an outlet's name or leave an article out; the comparison follows.")
        articles_editor(articles, claims)


main()
