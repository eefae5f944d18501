"""The compare pipeline on Dask (`python -m comparer compare --engine dask`): the same stages as
`pipeline.compare_paths`, spread over the workers of a Dask cluster, with the same results.

1. ingest + extract: the inputs become units of work (a file, or a chunk of lines of a large
   `.jsonl`), and each partition of a dask.bag of them is read, extracted and described by the pure
   function `ingest_extract` (a chunked file is scanned first: its rows are numbered across chunks,
   and its checks as a whole file are made from the chunks' counts);
2. match: the driver finds the matcher's nodes and cuts its blocks into parts that never meet
   (`match.independent_parts`); the parts are matched on the workers (`match.match_part`, the
   articles' similarity broadcast to each worker once) and the driver merges their groups into
   cluster ids `c1`, `c2`... by first claim, as the local engine numbers them;
3. compare: the clusters are summarised on the workers (`pipeline.summarise_cluster`).

Dask is an optional extra (requirements-dask.txt), imported only here, and this module only when
the engine is asked for. The inputs must be readable at the same paths on every worker.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import ComparerError
from .extract import DEFAULT_TOLERANCE
from .models import Article, Claim, Cluster

MIN_CHUNK_BYTES = 256 * 1024
"""A `.jsonl` is cut into chunks of its total share of a partition, but never smaller than this."""

PARTITIONS_PER_THREAD = 4
"""Default partitions: this many for each worker thread (a slow partition then holds no one up)."""


class DaskUnavailable(ComparerError):
    """The Dask engine was asked for but cannot run (not installed, no scheduler at the address)."""


def connect(scheduler: str | None = None, workers: int = 0):
    """A distributed.Client: to the scheduler at `scheduler` (`tcp://host:8786`), else to a new
    LocalCluster of `workers` processes (0: one per CPU core) on this machine."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskUnavailable("--engine dask", "Dask is not installed: pip install -r requirements-dask.txt") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise DaskUnavailable(scheduler, f"cannot reach the Dask scheduler ({exc})") from None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster)


def close(client) -> None:
    """Close a client made by `connect`, and its LocalCluster when it made one."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def compare_paths(paths: Iterable[str | Path], tolerance: float = DEFAULT_TOLERANCE,
                  strictness: float | None = None, *, client, partitions: int | None = None,
                  chunk_bytes: int | None = None, timings: dict | None = None
                  ) -> tuple[list[Article], list[Claim], list[Cluster], list[ComparerError]]:
    """`pipeline.compare_paths` on the Dask cluster of `client`: the same articles, claims (with
    cluster and verdict), clusters and errors. `partitions` of the extraction (default: four for
    each worker thread), and the parts of the match and compare stages spread in as many tasks;
    `chunk_bytes`, the size of the chunks a large `.jsonl` is read in (default: its share of a
    partition, at least MIN_CHUNK_BYTES). `timings`, when given, gets the seconds of each stage
    and each unit's figures (bytes of text, claims, seconds in its worker) for benchmarks."""
    from .ingest import expand_paths
    from .match import DEFAULT_STRICTNESS

    clock = time.perf_counter
    timings = {} if timings is None else timings
    started = clock()
    strictness = DEFAULT_STRICTNESS if strictness is None else strictness
    if partitions is None:
        partitions = PARTITIONS_PER_THREAD * max(1, sum(client.nthreads().values()))
    files = [str(p) for p in expand_paths(paths)]
    # (claims are extracted at the default tolerance, as the local engine does; `tolerance` is the compare stage's)
    articles, claims, descriptions, errors = _ingest_extract_all(client, files, DEFAULT_TOLERANCE, partitions,
                                                                 chunk_bytes, timings)
    timings["ingest_extract_s"] = clock() - started
    started = clock()
    groups = _match_all(client, claims, descriptions, {a.source: a.text for a in articles}, strictness, partitions,
                        timings)
    timings["match_s"] = clock() - started
    started = clock()
    claims, clusters = _compare_all(client, claims, descriptions, groups, tolerance, partitions)
    timings["compare_s"] = clock() - started
    return articles, claims, clusters, errors


# --- ingest and extract -------------------------------------------------------------------------

def _sizes(files: Sequence[str]) -> list[int]:
    sizes = []
    for f in files:
        try:
            sizes.append(os.stat(f).st_size if os.path.isfile(f) else 0)
        except OSError:
            sizes.append(0)  # reading it reports why
    return sizes


def plan_units(files: Sequence[str], partitions: int, chunk_bytes: int | None = None
               ) -> list[tuple[str, list[tuple[int, int]]]]:
    """(file, chunks) for each file in order: the byte ranges a large `.jsonl` is cut into, [] for a
    file read whole (any other file, and one that is too large or unreadable: reading it says why)."""
    from .ingest import MAX_BULK_BYTES, _extension, jsonl_chunks

    sizes = _sizes(files)
    if chunk_bytes is None:
        chunk_bytes = max(MIN_CHUNK_BYTES, -(-sum(sizes) // max(1, partitions)))
    units = []
    for f, size in zip(files, sizes):
        if _extension(f) == ".jsonl" and chunk_bytes < size <= MAX_BULK_BYTES:
            units.append((f, jsonl_chunks(size, chunk_bytes)))
        else:
            units.append((f, []))
    return units


def ingest_extract(units: Iterable[tuple], tolerance: float = DEFAULT_TOLERANCE) -> list[dict]:
    """One partition: for each unit, ("file", name) or ("chunk", name, start, end, rows_before), its
    articles, their claims and the claims' match descriptions, the errors of reading it and of
    extracting, and for a chunk its JSON objects and objects with text (the file's checks). Each
    unit ends with the file's absolute path, where it is read (a worker runs in a folder of its own)."""
    from .errors import IngestError
    from .ingest import load_file, read_jsonl_chunk
    from .pipeline import _extract_part

    out = []
    for unit in units:
        started = time.perf_counter()
        objects = with_text = 0
        if unit[0] == "file":
            articles, failed = load_file(unit[2], unit[1])
        else:
            _, name, start, end, rows_before, path = unit
            try:
                articles, failed, objects, with_text = read_jsonl_chunk(path, start, end, rows_before, name)
            except (IngestError, OSError) as exc:
                articles, failed = [], [IngestError(name, getattr(exc, "reason", None) or f"cannot read: {exc}")]
        claims, extract_errors, descriptions = _extract_part(articles, tolerance, True)
        out.append({"unit": unit, "articles": articles, "ingest_errors": failed, "objects": objects,
                    "with_text": with_text, "claims": claims, "descriptions": descriptions,
                    "extract_errors": extract_errors, "seconds": time.perf_counter() - started,
                    "text_bytes": sum(len(a.text.encode("utf-8")) for a in articles)})
    return out


def _scan_chunks(client, units, partitions: int) -> dict[str, list[int] | None]:
    """The rows before each chunk of each chunked file, or None for a file to read whole."""
    import dask.bag as db

    from .ingest import jsonl_chunks_usable, scan_jsonl_chunk

    args = [(f, start, end) for f, chunks in units for start, end in chunks]
    if not args:
        return {}
    bag = db.from_sequence([(os.path.abspath(f), start, end) for f, start, end in args],
                           npartitions=min(partitions, len(args))).starmap(scan_jsonl_chunk)
    scans = client.compute(bag, sync=True)
    found: dict[str, list] = {}
    for (f, _, _), scan in zip(args, scans):
        found.setdefault(f, []).append(scan)
    return {f: jsonl_chunks_usable(s) for f, s in found.items()}


def _ingest_extract_all(client, files: Sequence[str], tolerance: float, partitions: int,
                        chunk_bytes: int | None, timings: dict):
    import dask.bag as db

    from .ingest import finish_jsonl_chunks

    started = time.perf_counter()
    units = plan_units(files, partitions, chunk_bytes)
    rows_before = _scan_chunks(client, units, partitions)
    timings["scan_s"] = time.perf_counter() - started
    work: list[tuple] = []
    for f, chunks in units:
        before = rows_before.get(f)
        path = os.path.abspath(f)
        if before is None:
            work.append(("file", f, path))
        else:
            work.extend(("chunk", f, start, end, rows, path) for (start, end), rows in zip(chunks, before))
    bag = db.from_sequence(work, npartitions=max(1, min(partitions, len(work))))
    started = time.perf_counter()
    results = client.compute(bag.map_partitions(ingest_extract, tolerance), sync=True)
    timings["extract_s"] = time.perf_counter() - started
    timings["units"] = [(r["text_bytes"], len(r["claims"]), r["seconds"]) for r in results]

    articles: list[Article] = []
    claims: list[Claim] = []
    descriptions: list = []
    ingest_errors: list[ComparerError] = []
    extract_errors: list[ComparerError] = []
    chunked: dict[str, list[dict]] = {}
    for r in results:
        unit = r["unit"]
        if unit[0] == "chunk":
            parts = chunked.setdefault(unit[1], [])
            parts.append(r)
            if len(parts) == len(rows_before[unit[1]]):  # the file's errors once all of its chunks are in
                row_errors = [e for p in parts for e in p["ingest_errors"]]
                ingest_errors.extend(finish_jsonl_chunks(
                    unit[1], row_errors, sum(p["objects"] for p in parts), sum(p["with_text"] for p in parts),
                    sum(len(p["articles"]) for p in parts)))
        else:
            ingest_errors.extend(r["ingest_errors"])
        articles.extend(r["articles"])
        claims.extend(r["claims"])
        descriptions.extend(r["descriptions"])
        extract_errors.extend(r["extract_errors"])
    return articles, claims, descriptions, [*ingest_errors, *extract_errors]


# --- match --------------------------------------------------------------------------------------

def _balanced(sizes: Sequence[int], n: int) -> list[list[int]]:
    """Positions of `sizes` packed into at most n batches of about equal total (largest first, each
    to the lightest batch), each batch in input order."""
    import heapq

    n = max(1, min(n, len(sizes)))
    heap = [(0, b) for b in range(n)]
    batches: list[list[int]] = [[] for _ in range(n)]
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        load, b = heapq.heappop(heap)
        batches[b].append(i)
        heapq.heappush(heap, (load + sizes[i], b))
    return [sorted(b) for b in batches if b]


def match_parts(parts: Sequence[tuple], similarity, strictness: float) -> list[list[int]]:
    """One task: `match.match_part` of each part (nodes, text rows, too common words)."""
    from .match import match_part

    return [match_part(nodes, rows, too_common, similarity, strictness) for nodes, rows, too_common in parts]


def _match_all(client, claims: Sequence[Claim], descriptions: Sequence, texts: dict[str, str],
               strictness: float, partitions: int, timings: dict) -> list[list[int]]:
    from .match import group_claims, independent_parts, match_plan

    started = time.perf_counter()
    plan = match_plan(claims, texts, descriptions)
    parts = independent_parts(plan)
    timings["match_plan_s"] = time.perf_counter() - started
    timings["match_nodes"], timings["match_parts"] = len(plan.nodes), len(parts)
    timings["match_largest_part"] = max((len(m) for m, _ in parts), default=0)
    node_group = list(range(len(plan.nodes)))  # a node in no part is a group of its own
    if parts:
        # a part costs about the square of its nodes (its candidate pairs)
        batches = _balanced([len(members) ** 2 for members, _ in parts], partitions)
        payloads = [[([plan.nodes[i] for i in parts[p][0]], [plan.node_article[i] for i in parts[p][0]],
                      parts[p][1]) for p in batch] for batch in batches]
        similarity = None if plan.similarity is None else client.scatter(plan.similarity, broadcast=True, hash=False)
        futures = client.map(match_parts, client.scatter(payloads, hash=False), similarity=similarity,
                             strictness=strictness, pure=False)
        for batch, local_groups in zip(batches, client.gather(futures)):
            for p, local in zip(batch, local_groups):
                members = parts[p][0]
                for i, g in zip(members, local):
                    node_group[i] = members[g]
    return group_claims(plan.claim_node, node_group)


# --- compare ------------------------------------------------------------------------------------

def summarise_clusters(items: Sequence[tuple], tolerance: float) -> list[tuple[list[str], Cluster]]:
    """One task: `pipeline.summarise_cluster` of each (id, claims, members, descriptions)."""
    from .pipeline import summarise_cluster

    return [summarise_cluster(cid, group, members, tolerance, None, descs) for cid, group, members, descs in items]


def _compare_all(client, claims: Sequence[Claim], descriptions: Sequence, groups: list[list[int]],
                 tolerance: float, partitions: int) -> tuple[list[Claim], list[Cluster]]:
    from .pipeline import _with, cluster_ids, cluster_members, with_verdicts

    members = cluster_members(cluster_ids(groups, len(claims)))
    order = list(members)  # clusters in order of first claim, as the local engine lists them
    if not order:
        return [], []
    # a cluster costs about the square of its claims (each claim is compared with the others)
    batches = _balanced([len(members[cid]) ** 2 for cid in order], partitions)
    # the claims sent without their sentence and quote, most of their bytes: compare and label read
    # neither (the tests that compare the engines would tell)
    payloads = [[(order[k], [_with(claims[i], sentence="", quote="") for i in members[order[k]]], members[order[k]],
                  [descriptions[i] for i in members[order[k]]]) for k in batch] for batch in batches]
    futures = client.map(summarise_clusters, client.scatter(payloads, hash=False), tolerance=tolerance, pure=False)
    summaries: list = [None] * len(order)
    for batch, results in zip(batches, client.gather(futures)):
        for k, result in zip(batch, results):
            summaries[k] = result
    return with_verdicts(claims, members, summaries)
