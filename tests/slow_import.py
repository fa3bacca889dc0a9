"""Imported by the child of ``jobs_fake.slow_to_start``: stands in for torch's seconds-long import."""

import time

time.sleep(20)
