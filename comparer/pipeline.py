"""The one function that strings the stages together; the app, the CLI and Dask partitions call it."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import ComparerError
from .extract import DEFAULT_TOLERANCE, extract_claims
from .models import Article, Claim


def extract_articles(articles: Iterable[Article], tolerance: float = DEFAULT_TOLERANCE
                     ) -> tuple[list[Claim], list[ComparerError]]:
    """Claims of every article, in input order. An article that makes the extractor fail is
    reported as an error of its own and the others are still processed."""
    claims: list[Claim] = []
    errors: list[ComparerError] = []
    for article in articles:
        try:
            claims.extend(extract_claims(article, tolerance))
        except Exception as exc:  # a bug must not lose the rest of the user's batch
            errors.append(ComparerError(article.source, f"could not extract claims ({type(exc).__name__}: {exc})"))
    return claims, errors


def claims_from_paths(paths: Iterable[str | Path], tolerance: float = DEFAULT_TOLERANCE
                      ) -> tuple[list[Article], list[Claim], list[ComparerError]]:
    """Stages in order: ingest (read every file, directories recursively), extract (claims of every
    article). Returns the articles, their claims and one error per input that failed."""
    from .ingest import load_inputs

    articles, errors = load_inputs(paths)
    claims, extract_errors = extract_articles(articles, tolerance)
    return articles, claims, [*errors, *extract_errors]
