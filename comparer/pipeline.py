"""The one function that strings the stages together; the app, the CLI and Dask partitions call it."""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from .errors import ComparerError
from .extract import DEFAULT_TOLERANCE, extract_claims
from .models import CLUSTER_FIELDS, Article, Claim, Cluster


PARALLEL_MIN_CHARS = 300_000
"""Less article text than this is extracted in the calling process: starting workers would cost more
than they save."""


def extract_articles(articles: Iterable[Article], tolerance: float = DEFAULT_TOLERANCE, jobs: int = 1
                     ) -> tuple[list[Claim], list[ComparerError]]:
    """Claims of every article, in input order. An article that makes the extractor fail is
    reported as an error of its own and the others are still processed.

    `jobs` worker processes share the articles (0: one per CPU core) when there is enough text to
    gain from it; the claims and errors are the same, in the same order, as with one. The caller
    must be a process that may fork (the CLI; not a web server's thread)."""
    claims, errors, _ = _extract(list(articles), tolerance, jobs, False)
    return claims, errors


def _extract(articles: list[Article], tolerance: float, jobs: int, described: bool
             ) -> tuple[list[Claim], list[ComparerError], list | None]:
    """extract_articles, and when `described` and worker processes are used, each claim's
    match.describe made there too (the matcher's first step, shared by the workers); else None."""
    jobs = (os.cpu_count() or 1) if jobs == 0 else jobs
    if jobs > 1 and len(articles) > 1 and sum(len(a.text) for a in articles) >= PARALLEL_MIN_CHARS:
        return _extract_parallel(articles, tolerance, jobs, described)
    claims, errors, _ = _extract_part(articles, tolerance, False)
    return claims, errors, None


def _extract_part(articles: list[Article], tolerance: float, described: bool
                  ) -> tuple[list[Claim], list[ComparerError], list | None]:
    claims: list[Claim] = []
    errors: list[ComparerError] = []
    for article in articles:
        try:
            claims.extend(extract_claims(article, tolerance))
        except ComparerError as exc:  # an article the extractor refuses, with its reason
            errors.append(exc)
        except Exception as exc:  # a bug must not lose the rest of the user's batch
            errors.append(ComparerError(article.source, f"could not extract claims ({type(exc).__name__}: {exc})"))
    if not described:
        return claims, errors, None
    from .match import describe

    return claims, errors, [describe(c) for c in claims]


def _extract_parallel(articles: list[Article], tolerance: float, jobs: int, described: bool
                      ) -> tuple[list[Claim], list[ComparerError], list | None]:
    """_extract over `jobs` processes: the articles in contiguous parts (a few per worker, so that a
    slow part does not hold the others up), the results joined in input order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(articles) // (jobs * 4))
    parts = [articles[i:i + size] for i in range(0, len(articles), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    claims: list[Claim] = []
    errors: list[ComparerError] = []
    descriptions: list | None = [] if described else None
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
        for found, failed, descs in pool.map(_extract_part, parts, [tolerance] * len(parts),
                                             [described] * len(parts)):
            claims.extend(found)
            errors.extend(failed)
            if descriptions is not None:
                descriptions.extend(descs)
    return claims, errors, descriptions


def claims_from_paths(paths: Iterable[str | Path], tolerance: float = DEFAULT_TOLERANCE, jobs: int = 1
                      ) -> tuple[list[Article], list[Claim], list[ComparerError]]:
    """Stages in order: ingest (read every file, directories recursively), extract (claims of every
    article, in `jobs` processes: see extract_articles). Returns the articles, their claims and one
    error per input that failed."""
    articles, claims, errors, _ = _claims_from_paths(paths, tolerance, jobs, False)
    return articles, claims, errors


def _claims_from_paths(paths: Iterable[str | Path], tolerance: float, jobs: int, described: bool):
    """claims_from_paths, with the claims' descriptions when `_extract` makes them."""
    from .ingest import load_inputs

    articles, errors = load_inputs(paths)
    claims, extract_errors, descriptions = _extract(articles, tolerance, jobs, described)
    return articles, claims, [*errors, *extract_errors], descriptions


# --- match and compare ------------------------------------------------------------------------

def _with(claim: Claim, **changes) -> Claim:
    """A copy of the claim with some fields changed (`dataclasses.replace` without its per-call
    introspection: the stages copy every claim once or twice)."""
    new = object.__new__(type(claim))
    fields = claim.__dict__.copy()
    fields.update(changes)
    new.__dict__ = fields
    return new


def _cluster_ids(claims: Sequence[Claim]) -> list[str]:
    """Cluster ids in order of first appearance."""
    return list(dict.fromkeys(c.cluster for c in claims if c.cluster is not None))


def recompute(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE,
              labels: Mapping[str, str] | None = None) -> tuple[list[Claim], list[Cluster]]:
    """Verdicts and cluster summaries from the claims' `cluster` ids (a claim without one is a
    cluster of its own). Returns new claims (with `verdict` set) and one Cluster per id, in order of
    first appearance; `labels` keeps labels the user gave (others are made from the claims)."""
    claims = list(claims)
    used = set(_cluster_ids(claims))
    n = 0
    ids = []
    for c in claims:
        cid = c.cluster
        if cid is None:
            n += 1
            while f"c{n}" in used:
                n += 1
            used.add(f"c{n}")
            cid = f"c{n}"
        ids.append(cid)
    return _summarise(claims, ids, tolerance, labels)


def _summarise(claims: list[Claim], ids: list[str], tolerance: float, labels: Mapping[str, str] | None,
               descriptions: Sequence | None = None) -> tuple[list[Claim], list[Cluster]]:
    """`recompute` once each claim's cluster id is known (`ids`): one new claim per claim."""
    members = cluster_members(ids)
    summaries = [summarise_cluster(cid, [claims[i] for i in idx], idx, tolerance, (labels or {}).get(cid),
                                   None if descriptions is None else [descriptions[i] for i in idx])
                 for cid, idx in members.items()]
    return with_verdicts(claims, members, summaries)


def cluster_members(ids: Sequence[str]) -> dict[str, list[int]]:
    """The positions of each cluster id's claims, clusters in order of first claim."""
    members: dict[str, list[int]] = {}
    for i, cid in enumerate(ids):
        members.setdefault(cid, []).append(i)
    return members


def with_verdicts(claims: Sequence[Claim], members: Mapping[str, list[int]],
                  summaries: Sequence[tuple[list[str], Cluster]]) -> tuple[list[Claim], list[Cluster]]:
    """New claims with their cluster id and verdict, and the clusters, from `summarise_cluster` of each
    cluster of `members` (in its order)."""
    out = list(claims)
    for (cid, idx), (verdicts, _) in zip(members.items(), summaries):
        for i, verdict in zip(idx, verdicts):
            out[i] = _with(claims[i], cluster=cid, verdict=verdict)
    return out, [cluster for _, cluster in summaries]


def summarise_cluster(cid: str, group: list[Claim], members: list[int], tolerance: float,
                      label: str | None = None, descriptions: Sequence | None = None
                      ) -> tuple[list[str], Cluster]:
    """The compare stage of one cluster (its claims `group`, at positions `members` of the claim
    list): each claim's verdict and the Cluster (`label` as the user gave it, else made from the
    claims and their `descriptions`). Clusters are summarised apart (on Dask, in many tasks)."""
    from .compare import compare_cluster
    from .match import label as make_label

    result = compare_cluster(group, tolerance)
    return result.verdicts, Cluster(
        id=cid, label=label or make_label(group, descriptions), unit=result.unit,
        n_outlets=result.n_outlets, consensus=result.consensus, min=result.min, max=result.max,
        spread=result.spread, status=result.status, norm_unit=result.norm_unit, n_claims=len(members),
        sources=result.sources, differs_by_source=result.differs_by_source, members=members)


def compare_claims(claims: Sequence[Claim], tolerance: float = DEFAULT_TOLERANCE,
                   strictness: float | None = None, texts: Mapping[str, str] | None = None,
                   descriptions: Sequence | None = None) -> tuple[list[Claim], list[Cluster]]:
    """Stages match (claims about the same quantity get one cluster id, `c1`, `c2`... in order of
    first appearance) and compare (verdicts, consensus, spread, status). `texts` maps each
    article's source to its text, which tells articles about different events apart;
    `descriptions` are each claim's match.describe when they were made already."""
    from .match import DEFAULT_STRICTNESS, match_claims

    groups = match_claims(claims, DEFAULT_STRICTNESS if strictness is None else strictness, texts, descriptions)
    return _summarise(list(claims), cluster_ids(groups, len(claims)), tolerance, None, descriptions)


def cluster_ids(groups: Iterable[Sequence[int]], n_claims: int) -> list[str]:
    """Each claim's cluster id from groups of claim indices: `c1`, `c2`... in order of first claim."""
    ids = [""] * n_claims
    for n, group in enumerate(sorted(groups, key=min), 1):
        cid = f"c{n}"
        for i in group:
            ids[i] = cid
    return ids


def compare_paths(paths: Iterable[str | Path], tolerance: float = DEFAULT_TOLERANCE,
                  strictness: float | None = None, jobs: int = 1
                  ) -> tuple[list[Article], list[Claim], list[Cluster], list[ComparerError]]:
    """Stages in order: ingest, extract (in `jobs` processes: see extract_articles), match, compare.
    Returns the articles, the claims (with cluster and verdict), the clusters and one error per
    input that failed."""
    articles, found, errors, descriptions = _claims_from_paths(paths, DEFAULT_TOLERANCE, jobs, True)
    claims, clusters = compare_claims(found, tolerance, strictness, {a.source: a.text for a in articles},
                                      descriptions)
    return articles, claims, clusters, errors


def compare_articles(articles: Iterable[Article], tolerance: float = DEFAULT_TOLERANCE,
                     strictness: float | None = None) -> tuple[list[Claim], list[Cluster], list[ComparerError]]:
    """Extract, match and compare already ingested articles (pasted text, a Dask partition)."""
    articles = list(articles)
    found, errors = extract_articles(articles)
    claims, clusters = compare_claims(found, tolerance, strictness, {a.source: a.text for a in articles})
    return claims, clusters, errors


def frames(claims: Sequence[Claim], clusters: Sequence[Cluster]):
    """(claims DataFrame with every claim field, clusters DataFrame) for the app and exports."""
    import pandas as pd

    from .models import CLAIM_FIELDS

    claims_df = pd.DataFrame([c.to_dict() for c in claims], columns=CLAIM_FIELDS)
    cluster_columns = [*CLUSTER_FIELDS, "norm_unit", "n_claims", "sources", "differs_by_source"]
    rows = [{**{k: v for k, v in c.to_dict().items() if k in cluster_columns},
             "sources": "; ".join(c.sources)} for c in clusters]
    clusters_df = pd.DataFrame(rows, columns=cluster_columns)
    return claims_df, clusters_df


def compare_uploads(uploads: Iterable[tuple[bytes, str]], tolerance: float = DEFAULT_TOLERANCE,
                    strictness: float | None = None, texts: Iterable[tuple[str, str]] = ()):
    """The app's one call: uploaded files (bytes, name) and pasted texts (text, name) ->
    (claims DataFrame, clusters DataFrame, errors). A bad upload is an error of its own."""
    from .ingest import load_bytes

    articles: list[Article] = []
    errors: list[ComparerError] = []
    for data, name in uploads:
        found, failed = load_bytes(data, name)
        articles.extend(found)
        errors.extend(failed)
    for text, name in texts:
        found, failed = load_bytes(text.encode("utf-8"), name)
        articles.extend(found)
        errors.extend(failed)
    claims, clusters, extract_errors = compare_articles(articles, tolerance, strictness)
    claims_df, clusters_df = frames(claims, clusters)
    return claims_df, clusters_df, [*errors, *extract_errors]


# --- corrections (each returns new data with verdicts recomputed) -----------------------------

def _labels(clusters: Sequence[Cluster]) -> dict[str, str]:
    return {c.id: c.label for c in clusters}


def _new_id(claims: Sequence[Claim]) -> str:
    used = set(_cluster_ids(claims))
    n = 1
    while f"c{n}" in used:
        n += 1
    return f"c{n}"


def merge_clusters(claims: Sequence[Claim], clusters: Sequence[Cluster], ids: Sequence[str],
                   tolerance: float = DEFAULT_TOLERANCE) -> tuple[list[Claim], list[Cluster]]:
    """Join the clusters `ids` into the first of them (which keeps its label)."""
    if not ids:
        return recompute(claims, tolerance, _labels(clusters))
    target, others = ids[0], set(ids[1:])
    moved = [replace(c, cluster=target) if c.cluster in others else c for c in claims]
    return recompute(moved, tolerance, _labels(clusters))


def split_cluster(claims: Sequence[Claim], clusters: Sequence[Cluster], indices: Iterable[int],
                  tolerance: float = DEFAULT_TOLERANCE) -> tuple[list[Claim], list[Cluster]]:
    """Move the claims at `indices` (of one cluster or several) out into one new cluster."""
    new_id = _new_id(claims)
    chosen = set(indices)
    moved = [replace(c, cluster=new_id) if i in chosen else c for i, c in enumerate(claims)]
    return recompute(moved, tolerance, _labels(clusters))


def move_claim(claims: Sequence[Claim], clusters: Sequence[Cluster], index: int, target: str,
               tolerance: float = DEFAULT_TOLERANCE) -> tuple[list[Claim], list[Cluster]]:
    """Put the claim at `index` into the cluster `target` (a new id makes a new cluster)."""
    moved = [replace(c, cluster=target) if i == index else c for i, c in enumerate(claims)]
    return recompute(moved, tolerance, _labels(clusters))


def rename_cluster(claims: Sequence[Claim], clusters: Sequence[Cluster], cluster_id: str, new_label: str,
                   tolerance: float = DEFAULT_TOLERANCE) -> tuple[list[Claim], list[Cluster]]:
    """Give the cluster `cluster_id` the label `new_label`."""
    labels = {**_labels(clusters), cluster_id: new_label}
    return recompute(claims, tolerance, labels)


def drop_claim(claims: Sequence[Claim], clusters: Sequence[Cluster], index: int,
               tolerance: float = DEFAULT_TOLERANCE) -> tuple[list[Claim], list[Cluster]]:
    """Mark the claim at `index` as "not a claim": it leaves the claims and its cluster."""
    kept = [c for i, c in enumerate(claims) if i != index]
    return recompute(kept, tolerance, _labels(clusters))
