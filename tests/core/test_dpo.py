"""Lab 01 engine on the tiny model: the policy moves, the reference does not, TRL's metric names, cancel."""

from __future__ import annotations

import json

import pytest

from core.config import DpoConfig
from core.progress import CancelToken
from core.runs import read_metrics

KEYS = {"loss", "rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies",
        "logps/chosen", "logps/rejected"}


@pytest.fixture
def pairs(tmp_path):
    rows = [{"prompt": f"Check this sentence: She go home {i}.",
             "chosen": f"Correction: She goes home {i}.\nAdd -s.",
             "rejected": "This sentence is already correct."} for i in range(8)]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def cfg_for(tmp_path, pairs, adapter, **kw):
    base = dict(model="tiny", out=str(tmp_path / "dpo"), pairs=str(pairs), eval_pairs=str(pairs),
                adapter=str(adapter), max_steps=3, batch_size=4, eval_steps=2, learning_rate=1e-2,
                eval_data="")
    base.update(kw)
    return DpoConfig(**base)


def _lora(model, adapter):
    return {n: p.detach().clone() for n, p in model.named_parameters() if f".{adapter}." in n}


def test_policy_moves_and_reference_stays_frozen(home, tmp_path, pairs, sft_adapter):
    import torch

    from core.dpo import build_trainer
    from core.models import load_model
    from core.pairs import load_training_pairs

    cfg = cfg_for(tmp_path, pairs, sft_adapter)
    model, tok = load_model("tiny", home, adapter=sft_adapter, trainable=True)
    rows = load_training_pairs(str(pairs))
    trainer = build_trainer(cfg, model, tok, rows, [], tmp_path)
    model = trainer.model
    start_policy, start_ref = _lora(model, "default"), _lora(model, "ref")
    assert start_ref and start_policy.keys() == {k.replace(".ref.", ".default.") for k in start_ref}
    for name, p in start_ref.items():  # the reference starts as an exact copy of the SFT adapter
        assert torch.equal(p, start_policy[name.replace(".ref.", ".default.")])
    assert not any(p.requires_grad for n, p in model.named_parameters() if ".ref." in n)
    trainer.train()
    end_policy, end_ref = _lora(model, "default"), _lora(model, "ref")
    assert any(not torch.equal(start_policy[n], end_policy[n]) for n in start_policy), "policy did not move"
    assert all(torch.equal(start_ref[n], end_ref[n]) for n in start_ref), "reference moved"


def test_train_layers_moves_only_the_top_layers_and_cuts_the_backward_pass(home, tmp_path, pairs, sft_adapter):
    import torch

    from core.dpo import build_trainer
    from core.models import load_model
    from core.pairs import load_training_pairs

    cfg = cfg_for(tmp_path, pairs, sft_adapter, train_layers=1)
    model, tok = load_model("tiny", home, adapter=sft_adapter, trainable=True)
    trainer = build_trainer(cfg, model, tok, load_training_pairs(str(pairs)), [], tmp_path)
    model = trainer.model
    top = max(int(n.split(".layers.")[1].split(".")[0]) for n, _ in model.named_parameters() if ".layers." in n)
    assert top >= 1, "the tiny model needs two layers for this test"
    start = _lora(model, "default")
    trains = {n for n, p in model.named_parameters() if p.requires_grad}
    assert trains and all(f".layers.{top}." in n for n in trains)
    entered = []  # layers whose backward pass ran
    for i, block in enumerate(trainer.accelerator.unwrap_model(model).get_base_model().model.layers):
        block.register_full_backward_hook(lambda *_, i=i: entered.append(i))
    trainer.train()
    end = _lora(model, "default")
    moved = {n for n in start if not torch.equal(start[n], end[n])}
    assert moved and all(f".layers.{top}." in n for n in moved)
    assert set(entered) == {top}, "no backward pass below the layers that train"
    with pytest.raises(ValueError, match="train_layers"):
        cfg_for(tmp_path, pairs, sft_adapter, train_layers=-1).validate()


def test_pair_margins_cut_the_pairs_as_training_did(home, tmp_path, pairs, sft_adapter):
    """A policy that has not moved has margin 0 on every pair, also where max_length cut the sequences (the
    reference log-probs are the trainer's, of the cut sequences; scored whole, the policy gave ±45 here)."""
    from core.dpo import run_dpo, score_pairs
    from core.paths import repo_path

    seed = tmp_path / "seed.jsonl"  # the tiny model tokenizes them long: the seed pairs pass its max_length
    seed.write_text("".join(repo_path("data/pairs_train.jsonl").read_text().splitlines(keepends=True)[:8]))
    cfg = cfg_for(tmp_path, seed, sft_adapter, learning_rate=1e-12, max_steps=2, eval_pairs="")
    run_dpo(cfg, home=home)
    saved = json.loads((tmp_path / "dpo" / "reference_logps.json").read_text())["pairs"]
    assert any(p["ref_chosen"] == p["ref_rejected"] for p in saved), "the cut must reach into the replies here"
    margins = score_pairs(tmp_path / "dpo", home)
    assert len(margins) == 8 and all(abs(m["margin"]) < 1e-3 for m in margins)


def test_run_logs_trl_keys_and_writes_run_folder(home, tmp_path, pairs, sft_adapter):
    from core.dpo import run_dpo

    events = []
    summary = run_dpo(cfg_for(tmp_path, pairs, sft_adapter, pair_margins=True), home=home, on_metrics=events.append)
    assert summary["status"] == "finished" and summary["steps"] == 3
    logged = read_metrics(tmp_path / "dpo")
    assert any(KEYS <= set(m) for m in logged)
    assert any({f"eval_{k}" for k in KEYS - {"loss"}} <= set(m) for m in logged)
    assert (tmp_path / "dpo" / "adapter" / "adapter_config.json").is_file()
    assert not (tmp_path / "dpo" / "adapter" / "ref").exists(), "only the policy adapter is saved"
    margins = [p["margin"] for p in summary["pair_margins"]]
    assert len(margins) == 8 and margins == sorted(margins)


def test_pair_margins_on_demand_equal_those_after_the_last_step(home, tmp_path, pairs, sft_adapter):
    """Without ``pair_margins`` a run scores no pair after its last step; score_pairs does it later, from the
    saved reference log-probs and the run's adapter, and finds the margins the run would have found."""
    from core.dpo import MARGINS_FILE, run_dpo, score_pairs

    later = run_dpo(cfg_for(tmp_path / "later", pairs, sft_adapter, eval_pairs=""), home=home)
    assert later["pair_margins"] == [] and not (tmp_path / "later" / "dpo" / MARGINS_FILE).exists()
    now = run_dpo(cfg_for(tmp_path, pairs, sft_adapter, pair_margins=True, eval_pairs=""), home=home)
    run = tmp_path / "dpo"
    (run / MARGINS_FILE).unlink()  # the same run's adapter, scored again on demand
    events = []
    scored = score_pairs(run, home, on_metrics=events.append)
    assert [p["prompt"] for p in scored] == [p["prompt"] for p in now["pair_margins"]]
    assert [p["margin"] for p in scored] == pytest.approx([p["margin"] for p in now["pair_margins"]], abs=1e-4)
    assert events[-1]["done"] == events[-1]["total"] == 8
    assert (run / MARGINS_FILE).is_file() and score_pairs(run, home) == scored  # read back, not scored again
    score_pairs(tmp_path / "later" / "dpo", home)
    assert len(json.loads((tmp_path / "later" / "dpo" / "summary.json").read_text())["pair_margins"]) == 8


def test_score_pairs_names_what_is_missing(home, tmp_path, pairs, sft_adapter):
    from core.dpo import REFERENCE_FILE, run_dpo, score_pairs

    run_dpo(cfg_for(tmp_path, pairs, sft_adapter, eval_pairs=""), home=home)
    (tmp_path / "dpo" / REFERENCE_FILE).unlink()
    with pytest.raises(ValueError, match=REFERENCE_FILE):
        score_pairs(tmp_path / "dpo", home)
    with pytest.raises(ValueError, match="not a run folder"):
        score_pairs(tmp_path, home)


@pytest.mark.parametrize("loss", ["ipo", "hinge"])
def test_other_losses(home, tmp_path, pairs, sft_adapter, loss):
    from core.dpo import run_dpo

    summary = run_dpo(cfg_for(tmp_path, pairs, sft_adapter, loss_type=loss, max_steps=1, eval_pairs=""), home=home)
    assert summary["status"] == "finished"


def test_cancel(home, tmp_path, pairs, sft_adapter):
    from core.dpo import run_dpo

    cancel = CancelToken()

    def stop(event):
        if "loss" in event:
            cancel.cancel()

    summary = run_dpo(cfg_for(tmp_path, pairs, sft_adapter, max_steps=40, eval_pairs=""), home=home,
                      on_metrics=stop, cancel=cancel)
    assert summary["status"] == "stopped" and summary["steps"] <= 2


@pytest.mark.parametrize("field, value", [("beta", 0), ("beta", -1), ("loss_type", "nope"), ("learning_rate", 0)])
def test_bad_settings_are_named(tmp_path, pairs, field, value):
    from core.dpo import run_dpo

    cfg = cfg_for(tmp_path, pairs, "none")
    setattr(cfg, field, value)
    with pytest.raises(ValueError, match=field):
        run_dpo(cfg)


def test_sequence_logps_matches_one_at_a_time_full_logits(home):
    """The packed prefix-tree forward (reply tokens only through the head) gives the plain computation's sums."""
    import torch

    from core import tutor
    from core.dpo import sequence_logps
    from core.models import load_model

    model, tok = load_model("tiny", home)
    rows = [{"prompt": "Check this sentence: She go home.", "chosen": "Correction: She goes home.",
             "rejected": "This sentence is already correct. Sure."},
            {"prompt": "Check this sentence: We plays chess now.", "chosen": "x",
             "rejected": "Correction: We play chess now.\nPlural subject."}]
    fast = sequence_logps(model, tok, rows)
    for (got_c, got_r), row in zip(fast, rows):
        for got, reply in ((got_c, row["chosen"]), (got_r, row["rejected"])):
            prompt = tok.apply_chat_template(tutor.prompt_messages(row["prompt"]), tokenize=False,
                                             add_generation_prompt=True)
            p = tok(prompt, add_special_tokens=False)["input_ids"]
            c = tok(reply + tok.eos_token, add_special_tokens=False)["input_ids"]
            ids = torch.tensor([p + c])
            with torch.no_grad():
                logp = torch.log_softmax(model(ids).logits[0, :-1].float(), -1)
            want = logp.gather(-1, ids[0, 1:].unsqueeze(-1)).squeeze(-1)[len(p) - 1:].sum().item()
            assert got == pytest.approx(want, abs=1e-3)


def test_micro_batches_give_the_same_step_as_the_whole_batch(home, tmp_path, pairs, sft_adapter):
    """Gradient accumulation over micro-batches (less memory and padding on a CPU) gives the optimizer the
    same loss and gradient as the whole batch at once (fp32)."""
    import torch
    from transformers import TrainerCallback

    from core.dpo import build_trainer
    from core.models import load_model
    from core.pairs import load_training_pairs

    class Grads(TrainerCallback):
        def on_pre_optimizer_step(self, args, state, control, model=None, **kw):
            self.grads = {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}

    rows = load_training_pairs(str(pairs))
    seen = {}
    for micro in (4, 1):
        cfg = cfg_for(tmp_path / f"m{micro}", pairs, sft_adapter, max_steps=1, micro_batch_size=micro,
                      bf16=False, eval_pairs="")
        model, tok = load_model("tiny", home, adapter=sft_adapter, trainable=True)
        trainer = build_trainer(cfg, model, tok, rows, [], tmp_path / f"m{micro}")
        assert trainer.args.per_device_train_batch_size == micro
        assert trainer.args.gradient_accumulation_steps == 4 // micro
        grads = Grads()
        trainer.add_callback(grads)
        trainer.train()
        seen[micro] = (grads.grads, trainer.state.log_history[0]["loss"])
    (whole, loss_whole), (micro, loss_micro) = seen[4], seen[1]
    assert abs(loss_whole - loss_micro) < 1e-4
    assert whole.keys() == micro.keys() and whole
    for name, g in whole.items():
        assert torch.allclose(g, micro[name], rtol=1e-4, atol=1e-7), name


def test_the_start_adapter_measured_once_is_not_measured_again(home, tmp_path, pairs, sft_adapter):
    """The eval before DPO of an adapter already measured on that set comes from the window's eval cache (the
    DPO tab's compare job writes and reads the same file): 23 s of a 6-minute lab on SmolLM2."""
    from core.dpo import _before_cache, run_dpo
    from core.evaluate import compare_models

    cfg = cfg_for(tmp_path, pairs, sft_adapter, eval_data="data/eval.jsonl", eval_limit=3, max_steps=1)
    from core.models import resolve_adapter

    cache = _before_cache(cfg, home, resolve_adapter(cfg.adapter, cfg.model))
    assert not cache.exists()
    first = run_dpo(cfg, home=home)["eval_before"]
    assert cache.is_file() and not first.get("cached")
    second = run_dpo(cfg_for(tmp_path, pairs, sft_adapter, eval_data="data/eval.jsonl", eval_limit=3, max_steps=1,
                             out=str(tmp_path / "dpo2")), home=home)["eval_before"]
    assert second["cached"] and [r["reply"] for r in second["rows"]] == [r["reply"] for r in first["rows"]]
    assert {k: v for k, v in second.items() if k not in ("rows", "cached")} == \
        {k: v for k, v in first.items() if k not in ("rows", "cached")}
    # the window's compare job reads the same file for the same adapter, set and limit
    shown = compare_models("tiny", home, {"before": str(sft_adapter)}, {"dev": "data/eval.jsonl"}, limit=3)
    assert shown["results"]["before"]["dev"]["cached"]
