"""The prefix-tree forward pass (core/shared_prompt.py) gives TRL's numbers on the same batch, with less work."""

from __future__ import annotations

import json

import pytest

from core.shared_prompt import _tree, collate


def test_tree_shares_every_common_prefix_once():
    tokens, parents, depths, paths = _tree([[1, 2, 3, 4], [1, 2, 3, 5, 6], [1, 7]])
    assert tokens == [1, 2, 3, 4, 5, 6, 7]
    assert parents == [-1, 0, 1, 2, 2, 4, 0]
    assert depths == [0, 1, 2, 3, 3, 4, 1]
    assert paths == [[0, 1, 2, 3], [0, 1, 2, 4, 5], [0, 6]]


def test_collate_packs_pairs_with_ancestor_only_attention():
    examples = [{"prompt_ids": [1, 2], "chosen_ids": [3, 4], "rejected_ids": [5]},
                {"prompt_ids": [1, 9], "chosen_ids": [3], "rejected_ids": [3, 8]}]
    b = collate(examples, pad_id=0, pairs_per_row=2, multiple=1)
    assert b["input_ids"].tolist() == [[1, 2, 3, 4, 5, 9, 3, 8]]
    assert b["position_ids"].tolist() == [[0, 1, 2, 3, 2, 1, 2, 3]]
    mask = b["attention_mask"][0, 0]
    assert mask[3].nonzero().flatten().tolist() == [0, 1, 2, 3]  # token 4 sees 1 2 3 and itself
    assert mask[4].nonzero().flatten().tolist() == [0, 1, 4]      # rejected 5 does not see chosen 3 4
    assert mask[7].nonzero().flatten().tolist() == [0, 5, 6, 7]
    # reply tokens: (predicting node, token, reply number); pair 2's chosen and rejected share the node of "3"
    got = list(zip(b["predictor"].tolist(), b["target"].tolist(), b["reply"].tolist()))
    assert got == [(1, 3, 0), (2, 4, 0), (1, 5, 1), (5, 3, 2), (5, 3, 3), (6, 8, 3)]
    assert int(b["unpacked_tokens"]) == 4 + 3 + 3 + 4 and int(b["packed_tokens"]) == 8
    # rows are padded to the widest group; a padding node sees only itself
    two = collate(examples, pad_id=0, pairs_per_row=1, multiple=1)
    assert two["input_ids"].shape == (2, 5) and two["attention_mask"][1, 0, 4].nonzero().flatten().tolist() == [4]
    # and to a multiple of ``multiple`` tokens (few distinct shapes); the reply indexes follow the wider rows
    wide = collate(examples, pad_id=0, pairs_per_row=1, multiple=8)
    assert wide["input_ids"].shape == (2, 8) and int(wide["packed_tokens"]) == int(two["packed_tokens"])
    assert wide["attention_mask"][0, 0, 7].nonzero().flatten().tolist() == [7]
    assert (wide["predictor"] // 8).tolist() == (two["predictor"] // 5).tolist()


@pytest.fixture
def pairs(tmp_path):
    rows = [{"prompt": f"Check this sentence: She go home {i}.",
             "chosen": f"Checked: She goes home {i}.\nVerb: go → goes. Add -s." + " Really." * (i % 3),
             "rejected": "This sentence is already correct." if i % 2 else f"Checked: She go home {i}."}
            for i in range(6)]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _move_policy(model):
    """A fresh LoRA starts equal to the reference (B = 0); give it the same random B in both engines."""
    import torch

    gen = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):
            if "lora_B" in name and p.requires_grad:
                p.copy_(torch.randn(p.shape, generator=gen) * 0.05)


@pytest.mark.parametrize("loss", ["sigmoid", "ipo", "hinge"])
def test_packed_dpo_loss_and_metrics_match_trl_on_the_same_batch(home, tmp_path, pairs, loss):
    """Same tokenized pairs through TRL's DPOTrainer and the packed one: loss, rewards and log-probs to 1e-4
    (fp32), reference log-probs included."""
    import torch

    from core.config import DpoConfig
    from core.dpo import build_trainer
    from core.models import load_model
    from core.pairs import load_training_pairs

    rows = load_training_pairs(str(pairs))
    seen = {}
    for engine in ("trl", "packed"):
        cfg = DpoConfig(model="tiny", out=str(tmp_path / engine), pairs=str(pairs), eval_pairs="", adapter="none",
                        bf16=False, loss_type=loss, engine=engine, batch_size=6, max_steps=1)
        torch.manual_seed(0)
        model, tok = load_model("tiny", home)
        trainer = build_trainer(cfg, model, tok, rows, [], tmp_path / engine, with_new_lora=True)
        _move_policy(trainer.model)
        trainer.model.eval()  # no LoRA dropout: the two forward passes see the same weights
        data = trainer.train_dataset
        batch = trainer._prepare_inputs(trainer.data_collator([data[i] for i in range(len(data))]))
        with torch.no_grad():
            value = trainer.compute_loss(trainer.model, batch).item()
        metrics = {k: v[-1] for k, v in trainer._metrics["eval"].items()}
        seen[engine] = value, metrics, list(zip(data["ref_chosen_logps"], data["ref_rejected_logps"]))
    (trl_loss, trl_m, trl_ref), (packed_loss, packed_m, packed_ref) = seen["trl"], seen["packed"]
    assert packed_loss == pytest.approx(trl_loss, abs=1e-4)
    assert [x for p in trl_ref for x in p] == pytest.approx([x for p in packed_ref for x in p], abs=1e-4)
    assert abs(trl_m["rewards/margins"]) > 0.01, "the policy should differ from the reference"
    for key in ("rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies", "logps/chosen",
                "logps/rejected", "logits/chosen", "logits/rejected", "mean_token_accuracy", "entropy", "num_tokens"):
        assert packed_m[key] == pytest.approx(trl_m[key], abs=1e-4, rel=1e-5), key


def test_packed_gradient_matches_trl(home, tmp_path, pairs):
    """One backward pass through each engine gives the LoRA weights the same gradient (fp32)."""
    import torch

    from core.config import DpoConfig
    from core.dpo import build_trainer
    from core.models import load_model
    from core.pairs import load_training_pairs

    rows = load_training_pairs(str(pairs))
    grads = {}
    for engine in ("trl", "packed"):
        cfg = DpoConfig(model="tiny", out=str(tmp_path / engine), pairs=str(pairs), eval_pairs="", adapter="none",
                        bf16=False, engine=engine, batch_size=6, max_steps=1)
        torch.manual_seed(0)
        model, tok = load_model("tiny", home)
        trainer = build_trainer(cfg, model, tok, rows, [], tmp_path / engine, with_new_lora=True)
        _move_policy(trainer.model)
        trainer.model.eval()
        data = trainer.train_dataset
        batch = trainer._prepare_inputs(trainer.data_collator([data[i] for i in range(len(data))]))
        trainer.compute_loss(trainer.model, batch).backward()
        grads[engine] = {n: p.grad.clone() for n, p in trainer.model.named_parameters() if p.grad is not None}
    assert grads["trl"].keys() == grads["packed"].keys() and grads["trl"]
    for name, g in grads["trl"].items():
        assert torch.allclose(grads["packed"][name], g, rtol=1e-3, atol=1e-6), name


def test_packed_reward_loss_metrics_and_gradient_match_trl(home, tmp_path, pairs):
    """The reward model's loss, TRL's metrics and the gradient of one batch through both engines (fp32)."""
    import torch

    from core.config import RewardConfig
    from core.pairs import load_training_pairs
    from core.reward import build_trainer, load_reward_model

    rows = load_training_pairs(str(pairs))
    seen = {}
    for engine in ("trl", "packed"):
        cfg = RewardConfig(model="tiny", out=str(tmp_path / engine), pairs=str(pairs), eval_pairs="", bf16=False,
                           engine=engine, batch_size=6, max_steps=1)
        torch.manual_seed(0)
        model, tok = load_reward_model("tiny", home, trainable=True, cfg=cfg)
        trainer = build_trainer(cfg, model, tok, rows, [], tmp_path / engine)
        _move_policy(trainer.model)
        trainer.model.eval()
        data = trainer.train_dataset
        batch = trainer._prepare_inputs(trainer.data_collator([data[i] for i in range(len(data))]))
        loss = trainer.compute_loss(trainer.model, batch)
        loss.backward()
        grads = {n: p.grad.clone() for n, p in trainer.model.named_parameters() if p.grad is not None}
        seen[engine] = loss.item(), {k: v[-1] for k, v in trainer._metrics["eval"].items()}, grads
    (trl_loss, trl_m, trl_g), (packed_loss, packed_m, packed_g) = seen["trl"], seen["packed"]
    assert packed_loss == pytest.approx(trl_loss, abs=1e-4)
    assert abs(trl_m["margin"]) > 1e-3, "the rewards of chosen and rejected should differ"
    for key in ("accuracy", "margin", "min_reward", "mean_reward", "max_reward", "num_tokens"):
        assert packed_m[key] == pytest.approx(trl_m[key], abs=1e-4), key
    assert trl_g.keys() == packed_g.keys() and trl_g
    for name, g in trl_g.items():
        assert torch.allclose(packed_g[name], g, rtol=1e-3, atol=1e-6), name


def test_max_length_cuts_sequences_as_trl_does():
    examples = [{"prompt_ids": [1, 2, 3], "chosen_ids": [4, 5, 6], "rejected_ids": [7]},
                {"prompt_ids": [1, 2, 3, 4, 5], "chosen_ids": [6], "rejected_ids": [7]}]
    b = collate(examples, pad_id=0, max_length=4)
    # pair 1 keeps one chosen token and its rejected token; pair 2's prompt fills the length: no reply tokens
    assert b["target"].tolist() == [4, 7] and b["reply"].tolist() == [0, 1]
    assert int(b["unpacked_tokens"]) == 4 + 4 + 4 + 4 and int(b["pairs"]) == 2


@pytest.mark.parametrize("lab", ["dpo", "rm"])
def test_packed_forward_runs_under_the_trainers_bf16_autocast(home, tmp_path, pairs, lab):
    """The packed forward calls the model underneath accelerate's autocast wrapper: it must open the same
    autocast itself (it once ran in fp32 by mistake, 2x slower)."""
    import torch

    from core.pairs import load_training_pairs

    rows = load_training_pairs(str(pairs))
    if lab == "dpo":
        from core.config import DpoConfig
        from core.dpo import build_trainer
        from core.models import load_model

        cfg = DpoConfig(model="tiny", out=str(tmp_path), pairs=str(pairs), eval_pairs="", adapter="none", bf16=True,
                        batch_size=2, max_steps=1)
        model, tok = load_model("tiny", home)
        trainer = build_trainer(cfg, model, tok, rows, [], tmp_path, with_new_lora=True)
    else:
        from core.config import RewardConfig
        from core.reward import build_trainer, load_reward_model

        cfg = RewardConfig(model="tiny", out=str(tmp_path), pairs=str(pairs), eval_pairs="", bf16=True,
                           batch_size=2, max_steps=1)
        model, tok = load_reward_model("tiny", home, trainable=True, cfg=cfg)
        trainer = build_trainer(cfg, model, tok, rows, [], tmp_path)
    seen = []
    layer = next(m for m in trainer.model.modules() if isinstance(m, torch.nn.Linear))
    handle = layer.register_forward_hook(lambda mod, args, out: seen.append(out.dtype))
    data = trainer.train_dataset
    batch = trainer._prepare_inputs(trainer.data_collator([data[i] for i in range(2)]))
    loss = trainer.compute_loss(trainer.model, batch)
    handle.remove()
    assert seen and set(seen) == {torch.bfloat16}
    assert loss.dtype == torch.float32


def test_head_chunks_give_the_same_scores_and_gradients(home, monkeypatch):
    """The LM head runs on equal-size chunks of reply tokens (the last one filled up and cut off): any chunk
    size gives the same log-probs, statistics and gradients."""
    import torch

    from core import shared_prompt
    from core.models import load_model

    model, _ = load_model("tiny", home)
    examples = [{"prompt_ids": [5, 6, 7], "chosen_ids": [8, 9, 10, 11], "rejected_ids": [8, 12]},
                {"prompt_ids": [5, 13], "chosen_ids": [14, 15, 16], "rejected_ids": [17, 18, 19, 20, 21]}]
    batch = collate(examples, pad_id=0)
    results = {}
    for chunk in (1000, 4, 3):
        monkeypatch.setattr(shared_prompt, "HEAD_CHUNK", chunk)
        model.zero_grad()
        scores = shared_prompt.reply_scores(model, batch, stats=True)
        scores.logps.sum().backward()
        grad = model.get_input_embeddings().weight.grad.clone()
        with torch.no_grad():
            plain = shared_prompt.reply_scores(model, batch).logps
        results[chunk] = (scores, grad, plain)
    n = int(batch["target"].numel())
    assert n == 14 and n % 4 and n % 3  # the last chunk needs filling for both sizes
    ref, ref_grad, _ = results[1000]
    for chunk in (4, 3):
        scores, grad, plain = results[chunk]
        assert scores.logps.shape == (n,)
        for key in ("logps", "entropy", "mean_logits"):
            assert torch.allclose(getattr(scores, key), getattr(ref, key), atol=1e-5), key
        assert torch.equal(scores.is_top1, ref.is_top1)
        assert torch.allclose(plain, ref.logps.detach(), atol=1e-5)
        assert torch.allclose(grad, ref_grad, atol=1e-5)
