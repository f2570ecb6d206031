"""Extraction over many articles: the engines (in process, process pool, Dask), the batch that
writes outputs as articles finish, and the job (``job.run_job``) that is one ``newsgraph extract``."""
