"""Random argument lists never crash `preflab`: exit 0 or a one-line error with exit code 2.

The job functions are replaced by recorders, so what is exercised is parsing and validation, not training.
"""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core.cli as cli

COMMANDS = ["tutor", "sft", "eval", "rm", "score", "dpo", "cai", "distill", "cai-pairs", "export-model",
            "prefs", "import", "export", "stats"]
FLAGS = ["--model", "--workspace", "--adapter", "--data", "--epochs", "--max-steps", "--learning-rate", "--lr",
         "--batch-size", "--lora-rank", "--out", "--resume", "--pairs", "--from-store", "--eval-pairs", "--beta",
         "--loss", "--json", "--limit", "--rm", "--prompt", "--reply", "--rounds", "--constitution", "--prompts",
         "--critic", "--revisions", "--only-accepted", "--format", "--seed", "--help-me", "-x"]
VALUES = ["0", "-1", "1e-4", "nan", "inf", "3", "abc", "", "tiny", "none", "shipped", "data/pairs_train.jsonl",
          "data/eval.jsonl", "/nonexistent", "sigmoid", "kto", "jsonl", "hf", "1" * 40, "ünïcødé", "--"]


@pytest.fixture(scope="module")
def recorded():
    calls = []
    import core.constitution
    import core.dpo
    import core.evaluate
    import core.export
    import core.models
    import core.reward
    import core.sft

    def recorder(name):
        def fake(*args, **kwargs):
            calls.append(name)
            return {"status": "finished", "n": 0, "helpful": None, "honest": None, "false_alarms": None,
                    "missed": None, "harmless": None, "rows": [], "records": [], "heldout": []}
        return fake

    patches = [(core.sft, "run_sft"), (core.reward, "run_reward"), (core.dpo, "run_dpo"),
               (core.constitution, "run_constitution"), (core.constitution, "run_distill"),
               (core.constitution, "send_pairs"), (core.evaluate, "run_eval"), (core.export, "export_model")]
    saved = [(m, n, getattr(m, n)) for m, n in patches]
    for m, n in patches:
        setattr(m, n, recorder(n))

    def refuse_model(*a, **k):
        raise ValueError("model loading is not part of this test")

    saved += [(core.models, "load_model", core.models.load_model), (core.reward, "load_scorer", core.reward.load_scorer)]
    core.models.load_model = refuse_model
    core.reward.load_scorer = refuse_model
    yield calls
    for m, n, f in saved:
        setattr(m, n, f)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(COMMANDS), st.sampled_from(FLAGS), st.sampled_from(VALUES),
                          st.text(max_size=12)), max_size=8))
def test_random_argument_lists(recorded, home, argv):
    err = io.StringIO()
    old_err, old_out = sys.stderr, sys.stdout
    sys.stderr, sys.stdout = err, io.StringIO()
    try:
        code = cli.main(["--workspace", str(home), *argv])
    except SystemExit as exc:  # --help prints usage and exits 0
        code = exc.code
    finally:
        sys.stderr, sys.stdout = old_err, old_out
    assert code in (0, 2), (argv, err.getvalue())
    if code == 2:
        lines = [ln for ln in err.getvalue().splitlines() if ln.strip()]
        assert lines and lines[-1].startswith("error:"), (argv, err.getvalue())
