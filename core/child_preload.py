"""Imported once by the fork server that job processes are forked from (``core.child.job_context``, Linux).

The server is started in the background when the window opens; it lowers its own priority first, so these
imports (seconds on a laptop) never take a time slice from the window, then imports what every job would
otherwise import again at its start. A failed import here only costs the speed-up: the job imports it itself
(and reports its error). Nothing here runs a tensor operation or starts a thread: the server forks, and a fork
must not inherit threads.
"""

import os

from core.child import CHILD_NICENESS

if hasattr(os, "nice"):
    try:
        os.nice(CHILD_NICENESS)
    except OSError:
        pass

import importlib  # noqa: E402

for _name in ("torch", "transformers", "peft", "datasets", "trl.trainer.sft_trainer", "trl.trainer.dpo_trainer",
              "trl.trainer.reward_trainer"):
    try:  # the server must not die of an import: multiprocessing's fork server survives only ImportError
        importlib.import_module(_name)
    except Exception:  # noqa: BLE001, S112 - the job imports it again itself, and reports the error there
        continue
