"""The app's review stage as plain functions: a user's corrections kept as data and replayed onto
freshly computed clusters, the tables the app shows, and the CSV downloads. No Streamlit here.

A correction names claims by a stable key (article, start, end), never by a list index or a cluster
id, so it still applies after the clusters are recomputed (another tolerance or strictness, more
articles). A cluster is named by the key of one of its claims.
"""
from __future__ import annotations

import hashlib
import re

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .export import to_csv
from .models import CLAIM_FIELDS, CLUSTER_FIELDS, Claim, Cluster
from .extract import DEFAULT_TOLERANCE
from .pipeline import compare_claims, drop_claim, merge_clusters, move_claim, recompute, rename_cluster, split_cluster

ClaimKey = tuple[str, int, int]

# the marks around the quote in the claims table's sentence column (plain text, never HTML)
QUOTE_OPEN, QUOTE_CLOSE = "⟦", "⟧"


def claim_key(claim: Claim) -> ClaimKey:
    return (claim.article, claim.start, claim.end)


@dataclass(frozen=True)
class Correction:
    """One user correction. `kind` is one of `rename`, `merge`, `split`, `move`, `drop`:
    rename: the cluster of claims[0] gets `label`;  merge: the clusters of all `claims` become one;
    split: `claims` leave their clusters for one new cluster;  move: claims[0] joins the cluster of
    `target` (or a new cluster when `target` is None);  drop: claims[0] is not a claim."""

    kind: str
    claims: tuple[ClaimKey, ...]
    label: str = ""
    target: ClaimKey | None = None

    def describe(self) -> str:
        what = {"rename": f"renamed a quantity to “{self.label}”", "merge": f"merged {len(self.claims)} quantities",
                "split": f"split {len(self.claims)} claim(s) into a new quantity",
                "move": "moved a claim to another quantity" if self.target else "moved a claim to a new quantity",
                "drop": "marked a claim as not a claim"}
        return what.get(self.kind, self.kind)


def apply_corrections(claims: Sequence[Claim], clusters: Sequence[Cluster], corrections: Iterable[Correction],
                      tolerance: float) -> tuple[list[Claim], list[Cluster]]:
    """Replay `corrections` in order onto (claims, clusters); one whose claims are gone is skipped."""
    claims, clusters = list(claims), list(clusters)
    for fix in corrections:
        index = {claim_key(c): i for i, c in enumerate(claims)}
        found = [index[k] for k in fix.claims if k in index]
        if not found:
            continue
        if fix.kind == "rename":
            claims, clusters = rename_cluster(claims, clusters, claims[found[0]].cluster, fix.label, tolerance)
        elif fix.kind == "merge":
            ids = list(dict.fromkeys(claims[i].cluster for i in found))
            claims, clusters = merge_clusters(claims, clusters, ids, tolerance)
        elif fix.kind == "split":
            claims, clusters = split_cluster(claims, clusters, found, tolerance)
        elif fix.kind == "move":
            if fix.target is None:
                claims, clusters = split_cluster(claims, clusters, found[:1], tolerance)
            elif fix.target in index:
                claims, clusters = move_claim(claims, clusters, found[0], claims[index[fix.target]].cluster,
                                              tolerance)
        elif fix.kind == "drop":
            claims, clusters = drop_claim(claims, clusters, found[0], tolerance)
    return claims, clusters


def inputs_key(files: Iterable[tuple[bytes, str]], outlets: Mapping[str, str], excluded: Iterable[str]) -> str:
    """A digest of everything the matched claims depend on but the settings: the files (content
    and name, in order), the outlets the user gave articles and the articles left out."""
    digest = hashlib.sha256()
    for data, name in files:
        digest.update(hashlib.sha256(data).digest())
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(repr(sorted(outlets.items())).encode("utf-8", "surrogatepass"))
    digest.update(repr(sorted(excluded)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def match(claims: Sequence[Claim], strictness: float | None, texts: Mapping[str, str] | None
          ) -> tuple[list[Claim], list[Cluster]]:
    """Stage match (with compare at the default tolerance): the claims with their cluster ids, and
    the clusters, whose labels `compare` keeps. What a tolerance change does not touch."""
    return compare_claims(claims, DEFAULT_TOLERANCE, strictness, texts)


def compare(claims: Sequence[Claim], clusters: Sequence[Cluster], tolerance: float
            ) -> tuple[list[Claim], list[Cluster]]:
    """Stage compare only, on matched claims: verdicts and cluster summaries at `tolerance`, the
    clusters keeping their labels. The same as `compare_claims` at `tolerance`, without matching
    again (and without making the labels again)."""
    return recompute(claims, tolerance, {c.id: c.label for c in clusters})


def with_outlets(claims: Iterable[Claim], outlets: Mapping[str, str]) -> list[Claim]:
    """The claims with the outlet the user gave their article (`outlets` maps article -> outlet)."""
    return [replace(c, outlet=outlets[c.article]) if outlets.get(c.article) else c for c in claims]


def marked_sentence(sentence: str, quote: str) -> str:
    """The sentence with the quote wrapped in ⟦ ⟧ (the first occurrence; unchanged when absent)."""
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return sentence
    return f"{sentence[:at]}{QUOTE_OPEN}{quote}{QUOTE_CLOSE}{sentence[at + len(quote):]}"


def md_escape(text: str) -> str:
    """Text (a file name, a reason) to show through Markdown as it is: every markup character
    backslash-escaped, so a name like `[x](http://…)` or `**x**` stays literal."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def claims_csv(claims: Iterable[Claim]) -> str:
    """claims.csv (SPEC section 9): one row per claim, every claim field, formulas neutralised."""
    return to_csv((c.to_dict() for c in claims), CLAIM_FIELDS)


def clusters_csv(clusters: Iterable[Cluster]) -> str:
    """clusters.csv (SPEC section 9): id, label, unit, n_outlets, consensus, min, max, spread, status."""
    return to_csv((c.to_dict() for c in clusters), CLUSTER_FIELDS)


def overview(claims: Sequence[Claim], clusters: Sequence[Cluster]) -> dict[str, int]:
    """The headline counts: articles, outlets, claims, clusters (quantities) and conflicts."""
    return {"articles": len({c.article for c in claims}), "outlets": len({c.outlet for c in claims}),
            "claims": len(claims), "quantities": len(clusters),
            "conflicts": sum(c.status == "conflict" for c in clusters)}


def claims_table(claims: Sequence[Claim], clusters: Sequence[Cluster], *, outlets: Iterable[str] = (),
                 quantities: Iterable[str] = (), verdicts: Iterable[str] = (), sources: Iterable[str] = ()):
    """The claims as a DataFrame for reading: quantity label, outlet, verdict, quote, value,
    qualifier, unit, source and the sentence with the quote marked; filtered by outlet, cluster id,
    verdict and source (an empty filter keeps everything; source "(none)" is an unattributed claim)."""
    import pandas as pd

    labels = {c.id: c.label for c in clusters}
    outlets, quantities, verdicts, sources = set(outlets), set(quantities), set(verdicts), set(sources)
    rows = []
    for c in claims:
        source = c.attribution or "(none)"
        if ((outlets and c.outlet not in outlets) or (quantities and c.cluster not in quantities)
                or (verdicts and c.verdict not in verdicts) or (sources and source not in sources)):
            continue
        rows.append({"quantity": labels.get(c.cluster, c.cluster), "cluster": c.cluster, "outlet": c.outlet,
                     "verdict": c.verdict, "quote": c.quote, "value": c.value, "qualifier": c.qualifier,
                     "unit": c.unit, "source": c.attribution or "", "sentence": marked_sentence(c.sentence, c.quote),
                     "article": c.article})
    columns = ["quantity", "outlet", "verdict", "quote", "sentence", "value", "qualifier", "unit", "source",
               "cluster", "article"]
    return pd.DataFrame(rows, columns=columns)


def clusters_table(clusters: Sequence[Cluster]):
    """The clusters as a DataFrame: the clusters.csv columns plus claims, sources and whether the
    outlets differ by source."""
    import pandas as pd

    rows = [{**{f: getattr(c, f) for f in CLUSTER_FIELDS}, "claims": c.n_claims, "sources": "; ".join(c.sources),
             "differs by source": c.differs_by_source} for c in clusters]
    return pd.DataFrame(rows, columns=[*CLUSTER_FIELDS, "claims", "sources", "differs by source"])


def disputed(clusters: Sequence[Cluster], limit: int | None = None) -> list[Cluster]:
    """The quantities stated by more than one outlet, most disputed first: conflicts before
    consensus, then by spread, then by number of outlets."""
    shared = [c for c in clusters if c.n_outlets > 1]
    shared.sort(key=lambda c: (c.status != "conflict", -(c.spread or 1.0), -c.n_outlets, c.id))
    return shared[:limit] if limit else shared


def outlet_verdict_rows(claims: Sequence[Claim], clusters: Sequence[Cluster],
                        cluster_ids: Iterable[str] | None = None) -> list[dict]:
    """One row per (outlet, quantity) an outlet states: `differs` when any of its claims differs,
    else `agrees`, else `single`. Dicts with outlet, cluster, quantity, verdict, claims."""
    labels = {c.id: c.label for c in clusters}
    wanted = None if cluster_ids is None else set(cluster_ids)
    cells: dict[tuple[str, str], list[str]] = {}
    for c in claims:
        if wanted is None or c.cluster in wanted:
            cells.setdefault((c.outlet, c.cluster), []).append(c.verdict or "single")
    rows = []
    for (outlet, cid), found in cells.items():
        verdict = "differs" if "differs" in found else "agrees" if "agrees" in found else "single"
        rows.append({"outlet": outlet, "cluster": cid, "quantity": f"{cid} {labels.get(cid, '')}".strip(),
                     "verdict": verdict, "claims": len(found)})
    return rows


def outlet_verdicts(claims: Sequence[Claim], clusters: Sequence[Cluster], cluster_ids: Iterable[str] | None = None):
    """outlet_verdict_rows as a DataFrame with outlet, cluster, quantity, verdict, claims."""
    import pandas as pd

    return pd.DataFrame(outlet_verdict_rows(claims, clusters, cluster_ids),
                        columns=["outlet", "cluster", "quantity", "verdict", "claims"])
