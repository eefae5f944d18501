# pytest does not collect the fuzz targets (run them by hand: see fuzz_pipeline.py)
collect_ignore_glob = ["*.py"]
