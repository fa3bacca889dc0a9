"""Lab 00 engine on the tiny model: the head and adapter train, metrics keep TRL's names, cancel, reload."""

from __future__ import annotations

import json
import math

import pytest

from core.config import RewardConfig
from core.progress import CancelToken
from core.reward import load_scorer, score_texts
from core.reward import run_reward as train_reward
from core.runs import read_metrics


@pytest.fixture
def pairs(tmp_path):
    rows = [{"prompt": f"Check this sentence: She go home {i}.",
             "chosen": f"Correction: She goes home {i}.\nAdd -s.",
             "rejected": "Correction: She went home.\nYou idiot."} for i in range(12)]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def cfg_for(tmp_path, pairs, **kw):
    base = dict(model="tiny", out=str(tmp_path / "rm"), pairs=str(pairs), eval_pairs=str(pairs), max_steps=4,
                batch_size=4, eval_steps=2, learning_rate=5e-3)
    base.update(kw)
    return RewardConfig(**base)


def test_training_changes_head_and_adapter(home, tmp_path, pairs):
    from safetensors.torch import load_file

    events = []
    summary = train_reward(cfg_for(tmp_path, pairs), home=home, on_metrics=events.append)
    assert summary["status"] == "finished" and summary["steps"] == 4
    weights = load_file(str(tmp_path / "rm" / "adapter" / "adapter_model.safetensors"))
    assert any("score" in k for k in weights), "the scalar head must be saved with the adapter"
    assert any(t.abs().sum() > 0 for k, t in weights.items() if "lora_B" in k)
    logged = read_metrics(tmp_path / "rm")
    assert any({"loss", "accuracy", "margin", "mean_reward"} <= set(m) for m in logged)
    assert any("eval_accuracy" in m and "eval_margin" in m for m in logged)
    assert 0.0 <= summary["heldout_accuracy"] <= 1.0
    assert summary["length_baseline"]["longer"] + summary["length_baseline"]["shorter"] <= 1.0
    baselines = summary["baselines"]["pairs"]  # keyed by the held-out file's name
    assert set(baselines) == {"pairs", "length_longer", "length_shorter", "lookup"}
    assert baselines["lookup"] == 1.0  # held out = the training pairs here: the lookup table knows every phrase
    margins = [p["margin"] for p in summary["heldout"]]
    assert margins == sorted(margins)  # misranked first


@pytest.mark.parametrize("max_steps", [4, 3])
def test_last_heldout_point_is_the_fp32_scoring_not_a_second_eval(home, tmp_path, pairs, max_steps):
    events = []
    summary = train_reward(cfg_for(tmp_path, pairs, max_steps=max_steps), home=home, on_metrics=events.append)
    held = [m for m in read_metrics(tmp_path / "rm") if "eval_accuracy" in m]
    # TRL's eval at step 2; the last step once, from the scoring after training (also when it is not a multiple
    # of eval_steps, where transformers adds an eval at the end of training)
    assert [m["step"] for m in held] == [2, max_steps]
    assert "eval_runtime" in held[0] and "eval_runtime" not in held[1]
    assert held[1]["eval_accuracy"] == summary["heldout_accuracy"]
    margins = [p["margin"] for p in summary["heldout"]]
    assert held[1]["eval_margin"] == pytest.approx(sum(margins) / len(margins))
    assert held[1]["eval_loss"] == pytest.approx(sum(math.log1p(math.exp(-m)) for m in margins) / len(margins))
    assert [e["step"] for e in events if "eval_accuracy" in e] == [2, max_steps]  # the window's plot gets both


def test_scores_are_the_same_after_reload(home, tmp_path, pairs):
    summary = train_reward(cfg_for(tmp_path, pairs), home=home)
    first = summary["heldout"][0]
    model, tok = load_scorer(tmp_path / "rm", home)
    again = score_texts(model, tok, [(first["prompt"], first["chosen"]), (first["prompt"], first["rejected"])])
    assert again[0] == pytest.approx(first["reward_chosen"], abs=1e-5)
    assert again[1] == pytest.approx(first["reward_rejected"], abs=1e-5)


def test_cancel(home, tmp_path, pairs):
    cancel = CancelToken()

    def stop_after_first(event):
        if "loss" in event:
            cancel.cancel()

    summary = train_reward(cfg_for(tmp_path, pairs, max_steps=30), home=home, on_metrics=stop_after_first,
                           cancel=cancel)
    assert summary["status"] == "stopped" and summary["steps"] <= 2
    # Stop answers at once: a stopped run does not score its held-out pairs (a Resume that finishes does)
    assert summary["heldout_accuracy"] is None and summary["heldout"] == [] and summary["heldout_sets"] == {}


def test_batch_larger_than_data_is_refused(home, tmp_path, pairs):
    with pytest.raises(ValueError, match="batch_size"):
        train_reward(cfg_for(tmp_path, pairs, batch_size=64), home=home)


def test_score_cli(home, tmp_path, pairs, capsys):
    from core.cli import main

    train_reward(cfg_for(tmp_path, pairs, max_steps=1), home=home)
    assert main(["score", "--rm", str(tmp_path / "rm"), "--prompt", "Check this sentence: a", "--reply", "b",
                 "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out)["reward"], float)
    assert main(["score", "--rm", str(tmp_path), "--prompt", "x", "--reply", "y"]) == 2


def test_a_reward_model_started_from_the_sft_tutor_reads_the_tutors_decoder(home, sft_adapter):
    """start_adapter folds the SFT LoRA into the classifier's decoder: its hidden states are the tutor's."""
    import torch

    from core.models import adapter_folder, load_model
    from core.reward import load_reward_model

    tutor_lm, tok = load_model("tiny", home, adapter=sft_adapter)
    rm, _ = load_reward_model("tiny", home, start=adapter_folder(sft_adapter))
    plain, _ = load_reward_model("tiny", home)
    ids = tok("Check this sentence: He walk home.", return_tensors="pt")["input_ids"]
    with torch.no_grad():
        want = tutor_lm(ids, output_hidden_states=True).hidden_states[-1]
        got = rm(ids, output_hidden_states=True).hidden_states[-1]
        base = plain(ids, output_hidden_states=True).hidden_states[-1]
    assert torch.allclose(got, want, atol=1e-5)
    assert not torch.allclose(base, want, atol=1e-3), "the SFT adapter must change the decoder"


def test_a_reward_model_keeps_its_start_adapter_and_reloads_with_it(home, tmp_path, pairs, sft_adapter):
    summary = train_reward(cfg_for(tmp_path, pairs, start_adapter=str(sft_adapter)), home=home)
    kept = tmp_path / "rm" / "start_adapter"
    assert (kept / "adapter_config.json").is_file() and (kept / "adapter_model.safetensors").is_file()
    first = summary["heldout"][0]
    model, tok = load_scorer(tmp_path / "rm", home)
    again = score_texts(model, tok, [(first["prompt"], first["chosen"]), (first["prompt"], first["rejected"])])
    assert again[0] == pytest.approx(first["reward_chosen"], abs=1e-5)
    assert again[1] == pytest.approx(first["reward_rejected"], abs=1e-5)
    # a fresh run from the base model into the same folder does not score with the earlier run's start
    summary = train_reward(cfg_for(tmp_path, pairs, start_adapter="none"), home=home)
    assert not kept.exists()
    first = summary["heldout"][0]
    model, tok = load_scorer(tmp_path / "rm", home)
    assert score_texts(model, tok, [(first["prompt"], first["chosen"])])[0] == \
        pytest.approx(first["reward_chosen"], abs=1e-5)


def test_the_shipped_start_is_refused_for_a_model_it_was_not_trained_on(home, tmp_path, pairs):
    with pytest.raises(ValueError, match="start_adapter: 'shipped'"):
        train_reward(cfg_for(tmp_path, pairs, start_adapter="shipped"), home=home)


def test_packed_scores_equal_the_classifiers_own_forward(home, tmp_path, pairs):
    """score_texts runs prefix trees (rows of 8 sequences sharing their prompts): each reward must be the one the
    sequence classifier gives the sequence alone, in fp32."""
    import torch

    from core.reward import encode

    train_reward(cfg_for(tmp_path, pairs, max_steps=2), home=home)
    model, tok = load_scorer(tmp_path / "rm", home)
    rows = [json.loads(line) for line in pairs.read_text().splitlines()]
    # 51 texts: two passes (32 sequences each at most), rows of unequal trees, a prompt in several rows, and a
    # last row of 3 sequences with different prompts
    texts = [(r["prompt"], reply) for r in rows + rows for reply in (r["chosen"], r["rejected"])] + \
        [(rows[0]["prompt"], "Correct."), (rows[1]["prompt"], "x"), ("Check this sentence: Hi.", "Fine.")]
    got = score_texts(model, tok, texts)
    with torch.inference_mode():
        want = [model(input_ids=torch.tensor([encode(tok, p, r)])).logits[0, 0].item() for p, r in texts]
    assert len(got) == len(texts) == 51
    assert got == pytest.approx(want, abs=1e-5)
    assert len(set(round(w, 4) for w in want)) > 2, "the trained head must tell the texts apart"
