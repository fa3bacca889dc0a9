"""Imported once by the fork server that job processes are forked from (``core.child.job_context``, Linux).

The server is started in the background when the window opens; it lowers its own priority first, so these
imports (seconds on a laptop) never take a time slice from the window, then imports what every job would
otherwise import again at its start. A failed import here only costs the speed-up: the job imports it itself.
Nothing here runs a tensor operation or starts a thread: the server forks, and a fork must not inherit threads.
"""

import os

from core.child import CHILD_NICENESS

if hasattr(os, "nice"):
    try:
        os.nice(CHILD_NICENESS)
    except OSError:
        pass

import datasets  # noqa: E402,F401  (after the priority: these are the slow part)
import peft  # noqa: E402,F401
import torch  # noqa: E402,F401
import transformers  # noqa: E402,F401
from trl import DPOTrainer, RewardTrainer, SFTTrainer  # noqa: E402,F401
