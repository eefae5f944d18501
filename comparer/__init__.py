"""comparer: compare the figures that different news outlets report.

Stages (each a plain function over plain data): ingest -> extract -> match -> compare -> export;
`comparer.pipeline` strings them together for the app, the CLI and Dask.
"""
