"""Batch runs: many inputs converted once each, in one process or several, resumably.

Takes the paths a command names (:mod:`.inputs` walks folders in sorted order) and
:class:`.run.BatchOptions`; :func:`.run.run_batch` converts each file (:mod:`.job`) in a
pool of workers (:mod:`.engines`), writes every output atomically, and records it in the
output folder's manifest (:mod:`.manifest`) so that a re-run skips what is done and a
crash loses only the files in flight. One bad file is reported and the run goes on.
"""

from __future__ import annotations

from ..moved import forward
from .run import BatchOptions, run_batch

__all__ = ["BatchOptions", "run_batch"]

#: What the old module memo_tei.batch held besides these, with a warning naming its new place.
__getattr__ = forward(__name__, "memo_tei.batch.job")
