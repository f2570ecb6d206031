"""Extraction over many articles: the engines (in process, process pool, Dask) and the batch that
writes outputs as articles finish."""
