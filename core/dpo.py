"""Lab 01: Direct Preference Optimization of the LoRA tutor with TRL's ``DPOTrainer``.

The policy is the SFT tutor's LoRA adapter, trainable; the frozen reference is a copy of that same adapter
(TRL adds it as the ``ref`` adapter), so the policy starts exactly at the reference. Reference log-probs are
computed once per dataset (``precompute_ref_log_probs``), not at every step. With no SFT adapter (e.g. the
tiny test model) a fresh LoRA is trained and the reference is the base model.

By default the trainer's forward pass is the packed engine (``engine="packed"``, core/shared_prompt.py): each
batch's pairs run as one prefix tree, so every prompt is computed once and the LM head sees reply tokens only;
loss, rewards and gradients equal TRL's (tests/core/test_shared_prompt.py). ``engine="trl"`` keeps TRL's own.

The implicit reward of a reply is ``beta * (log pi(y|x) - log pi_ref(y|x))``; the metrics keep TRL's names
(``rewards/chosen``, ``rewards/rejected``, ``rewards/margins``, ``rewards/accuracies``, ``logps/...``).

Pair margins (each training pair's final implicit reward margin) cost a policy pass over every pair, so they
are computed only when asked: :func:`score_pairs` on a finished run (the DPO tab's Pair margins page, ``preflab
dpo --pair-margins``). The run keeps what it needs for that (``reference_logps.json``: the pairs and their
reference log-probs), so only the policy runs then.
"""

from __future__ import annotations

import dataclasses
import math
import time
from pathlib import Path

from core import tutor
from core.config import EVAL_POINTS, DpoConfig, EvalConfig
from core.pairs import load_training_pairs
from core.paths import repo_path
from core.progress import (
    Cancelled,
    CancelToken,
    MetricsFn,
    Ticker,
    ignore_metrics,
    in_process,
    quiet_trainer,
    trainer_callback,
)
from core.runs import atomic_write_json, load_config, read_json
from core.training import bf16_weights, common_args, fit, open_run, packed_engine, rows_for_steps


def _conversational(rows: list[dict]) -> list[dict]:
    return [{"prompt": tutor.prompt_messages(r["prompt"]),
             "chosen": [{"role": "assistant", "content": r["chosen"]}],
             "rejected": [{"role": "assistant", "content": r["rejected"]}]} for r in rows]


def _eval(model, tok, cfg: DpoConfig, on_metrics, cancel, label: str, cache=None) -> dict | None:
    """The HHH eval on ``cfg.eval_data``; with ``cache`` (core.evaluate.cache_file) the replies come from there
    when that adapter was measured on that set before (the window's cache), and go there when not."""
    if not cfg.eval_data:
        return None
    from core.data import load_eval
    from core.evaluate import cached_result, evaluate_model, read_cached, write_cached

    examples = load_eval(repo_path(cfg.eval_data))
    if cfg.eval_limit > 0:
        examples = examples[: cfg.eval_limit]
    on_metrics({"phase": f"eval {label}"})
    replies = read_cached(cache, len(examples))
    if replies is not None:
        return cached_result(examples, replies)
    result = evaluate_model(model, tok, examples, EvalConfig(limit=cfg.eval_limit), cancel=cancel,
                            on_metrics=lambda e: on_metrics({**e, "phase": f"eval {label}"}))
    write_cached(cache, [r["reply"] for r in result["rows"]])
    return result


def _eval_or_none(model, tok, cfg, on_metrics, cancel, label, cache=None):
    """The HHH eval, or None when skipped or stopped (Stop during an eval is not a failure)."""
    if cancel.cancelled:
        return None
    try:
        return _eval(model, tok, cfg, on_metrics, cancel, label, cache)
    except Cancelled:
        return None


def _before_cache(cfg: DpoConfig, home, adapter):
    """The eval cache file of the start adapter on ``cfg.eval_data`` (the one the DPO tab's before / after eval
    reads): the start adapter measured once is not measured again (about 23 s for the 200 dev sentences)."""
    if not cfg.eval_data:
        return None
    from core.evaluate import cache_file

    return cache_file(home, cfg.model, adapter, repo_path(cfg.eval_data),
                      EvalConfig(model=cfg.model, adapter=str(adapter or "none"), data=cfg.eval_data,
                                 limit=cfg.eval_limit))


def sequence_logps(model, tok, rows: list[dict], batch_size: int = 16, bf16: bool = False,
                   cancel: CancelToken | None = None, on_batch=None,
                   max_length: int | None = None) -> list[tuple[float, float]]:
    """Summed log-probs of (chosen, rejected) completions under the model's active adapter.

    The pairs run as prefix trees (core/shared_prompt.py): each prompt once, the LM head on reply tokens only;
    ``bf16``: in the precision of a bf16 training step (core.memory.bf16_forward), else in fp32. ``max_length``
    cuts each prompt + reply as training did (the trainer's reference log-probs are of the cut sequences).
    ``cancel`` is checked between batches; ``on_batch(done)`` is called after each.
    """
    from core.memory import bf16_forward
    from core.shared_prompt import collate, reply_scores

    out = []
    for start in range(0, len(rows), batch_size):
        if cancel is not None:
            cancel.raise_if_cancelled()
        examples = []
        for r in rows[start:start + batch_size]:
            prompt = tok.apply_chat_template(tutor.prompt_messages(r["prompt"]), tokenize=False,
                                             add_generation_prompt=True)
            examples.append({"prompt_ids": tok(prompt, add_special_tokens=False)["input_ids"],
                             **{f"{k}_ids": tok(r[k] + tok.eos_token, add_special_tokens=False)["input_ids"]
                                for k in ("chosen", "rejected")}})
        with bf16_forward(model, bf16):
            chosen, rejected = reply_scores(model, collate(examples, tok.pad_token_id, max_length=max_length)).summed()
        out.extend(zip(chosen.tolist(), rejected.tolist()))
        if on_batch is not None:
            on_batch(len(out))
    return out


def pair_margins(model, tok, rows: list[dict], beta: float, ref: list[tuple[float, float]] | None = None,
                 bf16: bool = False, cancel: CancelToken | None = None, on_batch=None,
                 max_length: int | None = None) -> list[dict]:
    """Each training pair with its final implicit rewards (policy vs the ``ref`` adapter), lowest margin first.

    ``ref``: the pairs' reference log-probs when already known (the trainer computed them before training:
    :func:`reference_logps`), so only the policy runs; ``max_length``: the run's (the sequences cut as the
    trainer cut them)."""
    from trl.trainer.utils import use_adapter

    policy = sequence_logps(model, tok, rows, bf16=bf16, cancel=cancel, on_batch=on_batch, max_length=max_length)
    if ref is None:
        with use_adapter(model, "ref" if "ref" in model.peft_config else None):
            ref = sequence_logps(model, tok, rows, bf16=bf16, max_length=max_length)
    scored = []
    for r, (pc, pr), (rc, rr) in zip(rows, policy, ref):
        chosen, rejected = beta * (pc - rc), beta * (pr - rr)
        scored.append({**r, "reward_chosen": chosen, "reward_rejected": rejected, "margin": chosen - rejected})
    return sorted(scored, key=lambda s: s["margin"])


def reference_logps(trainer) -> list[tuple[float, float]]:
    """The (chosen, rejected) reference log-probs the trainer computed for its training pairs, in their order."""
    data = trainer.train_dataset
    return list(zip(data["ref_chosen_logps"], data["ref_rejected_logps"]))


REFERENCE_FILE = "reference_logps.json"  # in a run folder: the training pairs and their reference log-probs
MARGINS_FILE = "pair_margins.json"       # in a run folder: what score_pairs found


def save_reference(run_dir: Path, rows: list[dict], ref: list[tuple[float, float]], bf16: bool) -> None:
    """What :func:`score_pairs` needs later: the pairs (prompt, chosen, rejected), their reference log-probs
    and the precision they were computed in (the policy is scored in the same)."""
    atomic_write_json(Path(run_dir) / REFERENCE_FILE, {"bf16": bf16, "pairs": [
        {"prompt": r["prompt"], "chosen": r["chosen"], "rejected": r["rejected"], "ref_chosen": c,
         "ref_rejected": j} for r, (c, j) in zip(rows, ref)]})


@in_process(imports=("trl",))
def score_pairs(run_dir: str | Path, home=None, *, on_metrics: MetricsFn = ignore_metrics,
                cancel: CancelToken | None = None) -> list[dict]:
    """The pair margins of a finished DPO run (:func:`pair_margins`), lowest first: from ``pair_margins.json``
    when it was computed before, else the run's adapter scored on its training pairs (saved in
    ``reference_logps.json``) and the result saved. A job: the DPO tab's Pair margins page runs it on demand."""
    from core.models import load_model

    run_dir = Path(run_dir)
    saved_margins = run_dir / MARGINS_FILE
    if saved_margins.is_file():
        return read_json(saved_margins)
    cfg = load_config(run_dir, DpoConfig, lab="dpo")
    path = run_dir / REFERENCE_FILE
    if not path.is_file():
        raise ValueError(f"{run_dir}: no {REFERENCE_FILE} (a run from before it was kept, or one that did not "
                         "reach its first step): its pair margins cannot be computed")
    if not (run_dir / "adapter" / "adapter_config.json").is_file():
        raise ValueError(f"{run_dir}: no adapter/ (the run did not finish)")
    saved = read_json(path)
    rows = saved["pairs"]
    ref = [(r["ref_chosen"], r["ref_rejected"]) for r in rows]
    on_metrics({"phase": "loading model"})
    model, tok = load_model(cfg.model, home, adapter=run_dir)
    ticker = Ticker(len(rows))
    on_metrics({"phase": "pair margins", "done": 0, "total": len(rows)})
    margins = pair_margins(model, tok, rows, cfg.beta, ref=ref, bf16=saved["bf16"], cancel=cancel,
                           max_length=cfg.max_length,
                           on_batch=lambda done: on_metrics(ticker.stamp(done, {"phase": "pair margins",
                                                                                 "done": done, "total": len(rows)})))
    margins = save_margins(run_dir, margins)
    summary = run_dir / "summary.json"
    if summary.is_file():  # the run folder says what is known about it (the Runs tab reads its summary)
        atomic_write_json(summary, {**read_json(summary), "pair_margins": margins})
    return margins


def save_margins(run_dir: Path, margins: list[dict]) -> list[dict]:
    """Write ``pair_margins.json`` (each pair's texts, rewards and margin); return what was written."""
    margins = [{k: m[k] for k in ("prompt", "chosen", "rejected", "reward_chosen", "reward_rejected", "margin")}
               for m in margins]
    atomic_write_json(Path(run_dir) / MARGINS_FILE, margins)
    return margins


def _on_disk(dataset, folder: Path):
    """The dataset saved in the run folder and read back from there.

    TRL caches the reference log-probs next to the dataset's files; an in-memory dataset would put them in a
    per-process temp dir that the other processes of `accelerate launch` cannot see.
    """
    from accelerate import PartialState
    from datasets import load_from_disk

    state = PartialState()
    if state.is_main_process:
        dataset.save_to_disk(str(folder))
    state.wait_for_everyone()
    return load_from_disk(str(folder))


def _loss_args(cfg: DpoConfig) -> dict:
    if cfg.sft_weight > 0:
        return {"loss_type": [cfg.loss_type, "sft"], "loss_weights": [1.0, cfg.sft_weight]}
    return {"loss_type": [cfg.loss_type]}


def _packed_trainer_class():
    """TRL's ``DPOTrainer`` with the forward pass of core/shared_prompt.py: same losses, same metric names."""
    import functools

    import torch
    import torch.nn.functional as F
    from trl import DPOTrainer
    from trl.trainer.utils import use_adapter

    from core.shared_prompt import PackedFlops, collate, reply_scores

    class PackedDPOTrainer(PackedFlops, DPOTrainer):
        def __init__(self, *args, processing_class=None, **kwargs):
            pad = processing_class.pad_token_id
            super().__init__(*args, processing_class=processing_class, **kwargs,
                             data_collator=functools.partial(collate, pad_id=pad, max_length=kwargs["args"].max_length))
            self._computed = self._scored = 0  # tokens run through the model / through the LM head (bench FLOPs)
            # Reference log-probs once per dataset, computed here (build_trainer turns TRL's precompute off: it
            # hashes every weight of the model and writes the log-probs to cache files first).
            self.precompute_ref_logps = True
            self.train_dataset = self._with_reference(self.train_dataset)
            if self.eval_dataset is not None:
                self.eval_dataset = self._with_reference(self.eval_dataset)

        def _with_reference(self, dataset, batch_size: int = 16):
            """The dataset with ``ref_chosen_logps`` and ``ref_rejected_logps`` columns (in memory): packed
            forward passes without grad, in the precision of the training steps (bf16 weights on a CPU)."""
            from core.memory import bf16_forward
            from core.training import bf16_weights

            chosen, rejected = [], []
            columns = dataset.select_columns(["prompt_ids", "chosen_ids", "rejected_ids"])
            with bf16_forward(self.accelerator.unwrap_model(self.model), bf16_weights(self)):
                for start in range(0, len(columns), batch_size):
                    part = columns[start:start + batch_size]
                    examples = [dict(zip(part, values)) for values in zip(*part.values())]
                    c, r = self.compute_ref_log_probs(self.model, self.data_collator(examples))
                    chosen += c.float().tolist()
                    rejected += r.float().tolist()
            return dataset.add_column("ref_chosen_logps", chosen).add_column("ref_rejected_logps", rejected)

        def _reference(self):
            """Context that makes the model the reference: the frozen ``ref`` adapter (or no adapter at all)."""
            unwrapped = self.accelerator.unwrap_model(self.model)
            return use_adapter(unwrapped, adapter_name="ref" if "ref" in unwrapped.peft_config else None)

        def compute_ref_log_probs(self, model, inputs):
            with torch.no_grad(), self._reference(), self.accelerator.autocast():
                return reply_scores(self.accelerator.unwrap_model(self.model), inputs).summed()

        def _compute_loss(self, model, inputs, return_outputs):
            mode = "train" if self.model.training else "eval"
            with self.accelerator.autocast():  # the packed forward bypasses the model's autocast-wrapped forward()
                scores = reply_scores(model, inputs, stats=True)
            chosen_logps, rejected_logps = scores.summed()
            if self.precompute_ref_logps:
                ref_chosen, ref_rejected = inputs["ref_chosen_logps"], inputs["ref_rejected_logps"]
            else:
                ref_chosen, ref_rejected = self.compute_ref_log_probs(model, inputs)
            chosen_logratios, rejected_logratios = chosen_logps - ref_chosen, rejected_logps - ref_rejected
            delta = chosen_logratios - rejected_logratios
            chosen_tokens = scores.chosen_tokens()
            loss = 0.0
            terms = {}  # preference_loss: the sigmoid / ipo / hinge term; nll_loss: the SFT (RPO) term, TRL's old name
            for loss_type, weight in zip(self.loss_types, self.loss_weights, strict=True):
                if loss_type == "sigmoid":
                    per_pair = -F.logsigmoid(self.beta * delta)
                elif loss_type == "hinge":
                    per_pair = torch.relu(1 - self.beta * delta)
                elif loss_type == "ipo":  # TRL's length-normalised IPO
                    chosen_len, rejected_len = scores.lengths()
                    ipo_delta = chosen_logratios / chosen_len.clamp(min=1) - rejected_logratios / rejected_len.clamp(min=1)
                    per_pair = (ipo_delta - 1 / (2 * self.beta)) ** 2
                elif loss_type == "sft":
                    per_pair = -scores.logps[chosen_tokens].mean().expand(delta.size(0))
                else:
                    raise ValueError(f"loss_type: the packed engine has sigmoid, hinge, ipo and sft, not {loss_type}")
                loss = loss + per_pair.mean() * weight
                terms["nll_loss" if loss_type == "sft" else "preference_loss"] = per_pair.mean().item()

            m = self._metrics[mode]
            for name, value in terms.items():  # the loss's terms apart (unweighted): the plot shows each
                m[name].append(value)
            rejected_tokens = ~chosen_tokens
            m["entropy"].append(scores.entropy.mean().item())
            if mode == "train":
                self._total_train_tokens += int(inputs["unpacked_tokens"])
                self._computed += int(inputs["packed_tokens"])
                self._scored += int(scores.logps.numel())
                m["num_tokens_packed"], m["num_tokens_scored"] = [self._computed], [self._scored]
            m["num_tokens"] = [self._total_train_tokens]
            m["logits/chosen"].append(scores.mean_logits[chosen_tokens].mean().item())
            m["logits/rejected"].append(scores.mean_logits[rejected_tokens].mean().item())
            m["mean_token_accuracy"].append(scores.is_top1[chosen_tokens].float().mean().item())
            chosen_rewards, rejected_rewards = self.beta * chosen_logratios.detach(), self.beta * rejected_logratios.detach()
            m["rewards/chosen"].append(chosen_rewards.mean().item())
            m["rewards/rejected"].append(rejected_rewards.mean().item())
            m["rewards/accuracies"].append((chosen_rewards > rejected_rewards).float().mean().item())
            m["rewards/margins"].append((chosen_rewards - rejected_rewards).mean().item())
            m["logps/chosen"].append(chosen_logps.detach().mean().item())
            m["logps/rejected"].append(rejected_logps.detach().mean().item())
            return (loss, None) if return_outputs else loss

    return PackedDPOTrainer


def build_trainer(cfg: DpoConfig, model, tok, rows: list[dict], eval_rows: list[dict], out: Path,
                  callbacks=(), with_new_lora: bool = False):
    """TRL's DPOTrainer over (policy = trainable SFT adapter, reference = its frozen copy ``ref``)."""
    from datasets import Dataset
    from trl import DPOConfig as TrlDpoConfig
    from trl import DPOTrainer

    from core.sft import lora_config

    packed = packed_engine(cfg)  # the packed trainer computes the reference log-probs itself, in memory
    args = TrlDpoConfig(**common_args(cfg, out, model), per_device_eval_batch_size=8, max_length=cfg.max_length,
                        beta=cfg.beta, precompute_ref_log_probs=not packed, precompute_ref_batch_size=16,
                        **_loss_args(cfg),
                        eval_strategy="steps" if eval_rows else "no", eval_steps=cfg.eval_steps)
    train, held_out = Dataset.from_list(_conversational(rows)), None
    if eval_rows:
        held_out = Dataset.from_list(_conversational(eval_rows))
    if not packed:
        train = _on_disk(train, Path(out) / "datasets" / "train")
        held_out = _on_disk(held_out, Path(out) / "datasets" / "eval") if eval_rows else None
    trainer_class = _packed_trainer_class() if packed else DPOTrainer
    trainer = trainer_class(model=model, args=args, train_dataset=train, eval_dataset=held_out,
                            processing_class=tok, peft_config=lora_config(cfg) if with_new_lora else None,
                            callbacks=list(callbacks))
    quiet_trainer(trainer)
    if cfg.train_layers:
        train_top_layers(trainer.model, cfg.train_layers)
    return trainer


def train_top_layers(model, n: int) -> int:
    """Freeze the trainable weights of every decoder layer but the top ``n``; returns how many were frozen.
    Nothing below them then needs a gradient, so the backward pass stops at the lowest layer that trains."""
    import re

    def layer(name: str) -> int | None:
        found = re.search(r"\.layers\.(\d+)\.", name)
        return int(found.group(1)) if found else None

    count = 1 + max(i for name, _ in model.named_parameters() if (i := layer(name)) is not None)
    frozen = 0
    for name, param in model.named_parameters():
        i = layer(name)
        if param.requires_grad and i is not None and i < count - n:
            param.requires_grad_(False)
            frozen += 1
    return frozen


def run_dpo(cfg: DpoConfig, *, home=None, on_metrics: MetricsFn = ignore_metrics,
            cancel: CancelToken | None = None) -> dict:
    """Train; write the run folder (adapter = the DPO tutor); return the summary with the eval before/after."""
    from core.models import fold_adapter, load_model, resolve_adapter

    cfg.validate()
    cancel = cancel or CancelToken()
    rows = load_training_pairs(cfg.pairs, home)
    eval_rows = load_training_pairs(cfg.eval_pairs, home) if cfg.eval_pairs else []
    adapter = resolve_adapter(cfg.adapter, cfg.model)
    with open_run(cfg, "dpo", rows, on_metrics) as (run, resume_from):
        rows = rows_for_steps(rows, cfg)  # reference log-probs only for the pairs the run will see
        model, tok = load_model(cfg.model, home, adapter=adapter, trainable=adapter is not None)
        before = _eval_or_none(model, tok, cfg, on_metrics, cancel, "before", _before_cache(cfg, home, adapter))
        on_metrics({"phase": "reference log-probs"})
        t0 = time.monotonic()  # wall time includes tokenization and the reference log-probs
        trainer = build_trainer(cfg, model, tok, rows, eval_rows, run.path, with_new_lora=adapter is None,
                                callbacks=[trainer_callback(on_metrics, cancel, sink=run.log)])
        status, wall, model = fit(trainer, cancel, resume_from, started=t0)
        run.save_adapter(model, selected_adapters=["default"])
        model.eval()
        ref = reference_logps(trainer)
        save_reference(run.path, rows, ref, bf16_weights(trainer))
        margins = []
        if status == "finished" and cfg.pair_margins:  # else on demand: score_pairs
            on_metrics({"phase": "pair margins"})
            margins = save_margins(run.path, pair_margins(model, tok, rows, cfg.beta, ref=ref,
                                                          bf16=bf16_weights(trainer), max_length=cfg.max_length))
        if status == "finished" and cfg.eval_data:  # the model's last use: generation only, the adapter saved
            model = fold_adapter(model)
        after = _eval_or_none(model, tok, cfg, on_metrics, cancel, "after") if status == "finished" else None
        steps = trainer.state.global_step
        summary = {"status": status, "steps": steps, "train_seconds": wall, "seconds_per_step": wall / max(1, steps),
                   "train_pairs": len(rows), "eval_before": before, "eval_after": after, "pair_margins": margins}
        run.finish(summary, status)
        on_metrics({"phase": status})
        return summary


@in_process(imports=("datasets", "trl"))
def train_dpo(cfg: DpoConfig, home, *, eval_points: int = EVAL_POINTS, on_metrics: MetricsFn = ignore_metrics,
              cancel: CancelToken | None = None) -> dict:
    """The DPO tab's job (and ``preflab dpo``'s): :func:`run_dpo` with about ``eval_points`` held-out evals
    over the run (0: every ``cfg.eval_steps``); adds the run folder and the starting adapter to the summary."""
    from core.models import resolve_adapter

    if cfg.eval_pairs and eval_points > 0 and not cfg.resume:
        n = len(load_training_pairs(cfg.pairs, home))
        total = cfg.max_steps if cfg.max_steps > 0 else math.ceil(n / cfg.batch_size) * cfg.epochs
        cfg = dataclasses.replace(cfg, eval_steps=max(1, math.ceil(total / eval_points)))
    start = resolve_adapter(cfg.adapter, cfg.model)
    summary = run_dpo(cfg, home=home, on_metrics=on_metrics, cancel=cancel)
    return {**summary, "out": cfg.out, "start_adapter": str(start) if start else None}
