"""Lab 00: a reward model trained on pairwise preferences with TRL's ``RewardTrainer``.

The reward model is the tutor's base model with a scalar head (``AutoModelForSequenceClassification``,
``num_labels=1``) and LoRA; the head is trained in full (``modules_to_save=["score"]``). Loss is the
Bradley-Terry ``-log sigmoid(r_chosen - r_rejected)``. Text is the chat template applied to the tutor prompt
plus the reply, tokenized here once so training and scoring read exactly the same ids.

By default the trainer's forward pass is the packed engine (``engine="packed"``, core/shared_prompt.py): the
chosen and rejected sequences of a batch run as one prefix tree, so their shared prompt is computed once; loss,
metrics and gradients equal TRL's (tests/core/test_shared_prompt.py). ``engine="trl"`` keeps TRL's own.

``start_adapter`` chooses where the reward model starts: the base model (``"none"``), or the SFT tutor's LoRA
folded into the base weights before the reward model's own LoRA goes on (``"shipped"`` or a folder), as
InstructGPT starts its reward model from the SFT model: a model that has learnt to correct verbs may tell a
right correction from a wrong one sooner. The start adapter is copied into the run folder
(``start_adapter/``), so a saved reward model loads the same weights after the shipped tutor changes.
"""

from __future__ import annotations

import math
import shutil
import time
from pathlib import Path

from core import tutor
from core.baselines import length_baseline, reward_baselines
from core.config import RewardConfig
from core.pairs import load_training_pairs
from core.paths import repo_path
from core.progress import CancelToken, MetricsFn, ignore_metrics, in_process, quiet_trainer, trainer_callback
from core.runs import load_config
from core.training import common_args, fit, open_run, packed_engine, rows_for_steps, skip_at_last_step

LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def encode(tok, prompt: str, reply: str, max_length: int = 256) -> list[int]:
    """Token ids of one (prompt, reply) conversation, ending with the end-of-turn token."""
    msgs = tutor.prompt_messages(prompt) + [{"role": "assistant", "content": reply}]
    text = tok.apply_chat_template(msgs, tokenize=False).rstrip("\n")
    ids = tok(text, add_special_tokens=False)["input_ids"]
    return ids[-max_length:]  # keep the end: the reply is what is being judged


START_FOLDER = "start_adapter"  # in a run folder: the SFT adapter the reward model started from


def fold_start(base, start: str | Path):
    """``base`` (a sequence classifier) with the SFT adapter at ``start`` added into its decoder weights. The
    adapter was trained on the causal LM, whose decoder has the same module names; it is read as a plain LoRA
    (no task head) and merged, so nothing of it stays trainable or separate."""
    from peft import PeftConfig, PeftModel

    config = PeftConfig.from_pretrained(str(start))
    config.task_type = None  # a causal-LM adapter on a classifier: only its decoder layers are wanted
    return PeftModel.from_pretrained(base, str(start), config=config).merge_and_unload()


def load_reward_model(model_spec: str, home=None, adapter: str | Path | None = None, trainable: bool = False,
                      cfg: RewardConfig | None = None, start: str | Path | None = None):
    """(model, tokenizer): the base model with a scalar head, ``start``'s SFT adapter folded in when given, and
    either the saved reward-model ``adapter`` or a fresh LoRA (``cfg``'s rank) to train."""
    import torch
    from peft import LoraConfig, PeftModel, get_peft_model
    from transformers import AutoModelForSequenceClassification

    from core.models import configure_threads, load_tokenizer, pick_device, resolve_model

    configure_threads()
    folder = resolve_model(model_spec, home)
    tok = load_tokenizer(folder)
    with torch.random.fork_rng():
        torch.manual_seed(cfg.seed if cfg else 0)  # the fresh head's init is part of the run's seed
        base = AutoModelForSequenceClassification.from_pretrained(folder, num_labels=1, dtype=torch.float32)
    base.config.pad_token_id = tok.pad_token_id
    if start is not None:
        base = fold_start(base, start)
    if adapter is not None:
        model = PeftModel.from_pretrained(base, str(adapter), is_trainable=trainable)
    else:
        cfg = cfg or RewardConfig()
        lora = LoraConfig(r=cfg.lora_rank, lora_alpha=cfg.lora_alpha, lora_dropout=0.0,
                          target_modules=LORA_TARGETS, modules_to_save=["score"], task_type="SEQ_CLS")
        model = get_peft_model(base, lora)
    model.to(pick_device())
    if not trainable:
        model.eval()
    return model, tok


def score_pairs(model, tok, rows: list[dict], max_length: int = 256) -> list[dict]:
    """Rewards of chosen and rejected for each pair; adds ``reward_chosen``, ``reward_rejected``, ``margin``."""
    texts = [(r["prompt"], reply) for r in rows for reply in (r["chosen"], r["rejected"])]
    rewards = score_texts(model, tok, texts, max_length=max_length)
    return [{**r, "reward_chosen": rewards[2 * i], "reward_rejected": rewards[2 * i + 1],
             "margin": rewards[2 * i] - rewards[2 * i + 1]} for i, r in enumerate(rows)]


SCORE_ROW = 8            # sequences per packed row when scoring: a training row's 4 pairs (PAIRS_PER_ROW)
SCORE_ROWS_PER_PASS = 4


def score_texts(model, tok, texts: list[tuple[str, str]], max_length: int = 256) -> list[float]:
    """The reward of each (prompt, reply), in fp32 like every score after training. The sequences run as packed
    prefix trees, as in training (core/shared_prompt.py): consecutive texts with the same prompt compute it once.
    Scoring the 48 held-out and 59 sampled pairs after a SmolLM2 run took 6.1 s and 8.5 s instead of 12.1 s and
    13.6 s in padded rows, the rewards within 5e-6 of theirs (2026-12-02; bf16 autocast would take 3.0 s and
    4.2 s, its margins up to 0.1 away from fp32's, one sampled pair ranked the other way)."""
    import torch

    from core.shared_prompt import hidden_states, pack

    head = (model.get_base_model() if hasattr(model, "get_base_model") else model).score
    seqs = [encode(tok, p, r, max_length) for p, r in texts]
    out: list[float] = []
    per_pass = SCORE_ROW * SCORE_ROWS_PER_PASS
    with torch.inference_mode():
        for start in range(0, len(seqs), per_pass):
            chunk = seqs[start:start + per_pass]
            groups = [chunk[i:i + SCORE_ROW] for i in range(0, len(chunk), SCORE_ROW)]
            batch, paths, width = pack(groups, tok.pad_token_id)
            last = [r * width + path[max((j for j, t in enumerate(seq) if t != tok.pad_token_id), default=len(seq) - 1)]
                    for r, (group, group_paths) in enumerate(zip(groups, paths))
                    for seq, path in zip(group, group_paths)]
            h = hidden_states(model, batch)
            rewards = head(h[torch.tensor(last, device=h.device)]).squeeze(-1)
            out.extend(rewards.float().tolist())
    return out


def _dataset(tok, rows, max_length):
    from datasets import Dataset

    return Dataset.from_list([{"chosen_ids": encode(tok, r["prompt"], r["chosen"], max_length),
                               "rejected_ids": encode(tok, r["prompt"], r["rejected"], max_length)}
                              for r in rows])


def _packed_trainer_class():
    """TRL's ``RewardTrainer`` with the forward pass of core/shared_prompt.py: same loss, same metric names."""
    import functools

    import torch
    import torch.nn.functional as F
    from trl import RewardTrainer

    from core.shared_prompt import PackedFlops, collate_reward, sequence_rewards

    class PackedRewardTrainer(PackedFlops, RewardTrainer):
        def __init__(self, *args, processing_class=None, **kwargs):
            super().__init__(*args, processing_class=processing_class,
                             data_collator=functools.partial(collate_reward, pad_id=processing_class.pad_token_id),
                             **kwargs)
            self._computed = 0  # tokens run through the model (bench FLOPs)

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            mode = "train" if self.model.training else "eval"
            with self.accelerator.autocast():  # the packed forward bypasses the model's autocast-wrapped forward()
                chosen, rejected = (r.float() for r in sequence_rewards(model, inputs))
            loss = -F.logsigmoid(chosen - rejected).mean()
            if self.args.center_rewards_coefficient is not None:
                loss = loss + self.args.center_rewards_coefficient * torch.mean((chosen + rejected) ** 2)
            m = self._metrics[mode]
            if mode == "train":
                self._total_train_tokens += int(inputs["unpacked_tokens"])
                self._computed += int(inputs["packed_tokens"])
                m["num_tokens_packed"] = [self._computed]
            m["num_tokens"] = [self._total_train_tokens]
            with torch.no_grad():
                rewards = torch.cat([chosen, rejected])
                m["min_reward"].append(rewards.min().item())
                m["mean_reward"].append(rewards.mean().item())
                m["max_reward"].append(rewards.max().item())
                m["accuracy"].append((chosen > rejected).float().mean().item())
                m["margin"].append((chosen - rejected).mean().item())
            # as TRL's: one logit per sequence, all chosen then all rejected
            return (loss, {"logits": torch.cat([chosen, rejected]).unsqueeze(-1)}) if return_outputs else loss

    return PackedRewardTrainer


def build_trainer(cfg: RewardConfig, model, tok, rows: list[dict], eval_rows: list[dict], out: Path, callbacks=()):
    """TRL's RewardTrainer (or its packed subclass) over the pairs, held-out metrics every ``eval_steps``."""
    from trl import RewardConfig as TrlRewardConfig
    from trl import RewardTrainer

    args = TrlRewardConfig(**common_args(cfg, out, model), per_device_eval_batch_size=EVAL_BATCH,
                           max_length=cfg.max_length, eval_strategy="steps" if eval_rows else "no",
                           eval_steps=cfg.eval_steps)
    trainer_class = _packed_trainer_class() if packed_engine(cfg) else RewardTrainer
    trainer = trainer_class(model=model, args=args, train_dataset=_dataset(tok, rows, cfg.max_length),
                            eval_dataset=_dataset(tok, eval_rows, cfg.max_length) if eval_rows else None,
                            processing_class=tok, callbacks=list(callbacks))
    quiet_trainer(trainer)
    return trainer


def run_reward(cfg: RewardConfig, *, home=None, on_metrics: MetricsFn = ignore_metrics,
               cancel: CancelToken | None = None) -> dict:
    """Train the reward model; write the run folder; return the summary (held-out accuracy, per-pair rewards)."""
    cfg.validate()
    cancel = cancel or CancelToken()
    rows = load_training_pairs(cfg.pairs, home)
    eval_rows = load_training_pairs(cfg.eval_pairs, home) if cfg.eval_pairs else []
    with open_run(cfg, "reward", rows, on_metrics) as (run, resume_from):
        rows = rows_for_steps(rows, cfg)
        model, tok = load_reward_model(cfg.model, home, trainable=True, cfg=cfg, start=keep_start(cfg, run.path))
        t0 = time.monotonic()
        trainer = build_trainer(cfg, model, tok, rows, eval_rows, run.path,
                                callbacks=[trainer_callback(on_metrics, cancel, sink=run.log),
                                           # the fp32 scoring after training is the last step's held-out point
                                           skip_at_last_step(should_evaluate=False)])
        status, wall, model = fit(trainer, cancel, resume_from, started=t0)
        run.save_adapter(model)
        # A stopped run is not scored: Stop answers at once (scoring the 48 held-out pairs takes seconds), and
        # a Resume scores it when it finishes.
        score = eval_rows if status == "finished" else []
        if score:
            # the LoRA folded into the weights for scoring (the 48 + 59 held-out pairs 10.9 s instead of 14.2 s
            # on SmolLM2, margins within 7e-6, no pair ranked the other way; 2026-12-02)
            from core.models import fold_adapter

            model = fold_adapter(model)
            model.eval()
        scored = score_pairs(model, tok, score, max_length=cfg.max_length) if score else []
        steps = trainer.state.global_step
        if scored:  # the held-out point of the last step: the fp32 scores above, not a second pass
            final = {"step": steps, "max_steps": trainer.state.max_steps, "epoch": trainer.state.epoch,
                     "elapsed": time.monotonic() - t0, "eta": 0.0, **heldout_metrics(scored)}
            run.log(final)
            on_metrics(final)
        sets = {Path(cfg.eval_pairs).stem: (score, scored)} if score else {}
        # the second held-out set goes with the first: no held-out evals asked for (eval_pairs ""), none run
        more = repo_path(cfg.more_eval_pairs) if cfg.more_eval_pairs and score else None
        if more is not None and more.is_file():
            more_rows = load_training_pairs(str(more), home)
            sets[more.stem] = (more_rows, score_pairs(model, tok, more_rows, max_length=cfg.max_length))
        summary = {
            "status": status, "steps": steps, "train_seconds": wall, "seconds_per_step": wall / max(1, steps),
            "train_pairs": len(rows), "heldout_pairs": len(eval_rows),
            "heldout_accuracy": sum(s["margin"] > 0 for s in scored) / len(scored) if scored else None,
            "length_baseline": length_baseline(eval_rows) if eval_rows else None,
            # no-model rules on the same held-out pairs, per held-out set (core/baselines.py)
            "baselines": {name: reward_baselines(rows, held) for name, (held, _) in sets.items()},
            # the model's accuracy per held-out set, beside those baselines
            "heldout_sets": {name: {"pairs": len(s), "right": sum(p["margin"] > 0 for p in s)}
                             for name, (_, s) in sets.items()},
            "heldout": sorted(scored, key=lambda s: s["margin"]),  # misranked (negative margin) first
        }
        run.finish(summary, status)
        on_metrics({"phase": status, "summary": {k: v for k, v in summary.items() if k != "heldout"}})
        return summary


EVAL_BATCH = 16  # held-out pairs per eval batch (TRL's eval loop, and heldout_metrics, average over batches)


def heldout_metrics(scored: list[dict]) -> dict:
    """TRL's held-out metrics of scored pairs, as its eval loop logs them: ``eval_loss`` the mean of
    -log sigmoid(margin) over the pairs; ``eval_accuracy``, ``eval_margin`` and the rewards' min / mean / max
    each computed per batch of :data:`EVAL_BATCH` pairs, then averaged over the batches."""
    margins = [s["margin"] for s in scored]
    loss = math.fsum(math.log1p(math.exp(-m)) if m > -30 else -m for m in margins) / len(margins)
    batches = [scored[i:i + EVAL_BATCH] for i in range(0, len(scored), EVAL_BATCH)]

    def per_batch(fn) -> float:
        return math.fsum(fn(b) for b in batches) / len(batches)

    def rewards(b: list[dict]) -> list[float]:
        return [s[key] for s in b for key in ("reward_chosen", "reward_rejected")]

    return {"eval_loss": loss,
            "eval_accuracy": per_batch(lambda b: sum(s["margin"] > 0 for s in b) / len(b)),
            "eval_margin": per_batch(lambda b: math.fsum(s["margin"] for s in b) / len(b)),
            "eval_min_reward": per_batch(lambda b: min(rewards(b))),
            "eval_mean_reward": per_batch(lambda b: math.fsum(rewards(b)) / len(rewards(b))),
            "eval_max_reward": per_batch(lambda b: max(rewards(b)))}


def keep_start(cfg: RewardConfig, run_dir: Path) -> Path | None:
    """The run's copy of the SFT adapter it starts from (made on the first start, reused on resume), or None."""
    from core.models import resolve_adapter

    kept = run_dir / START_FOLDER
    if cfg.resume and (kept / "adapter_config.json").is_file():
        return kept
    if kept.exists():  # a fresh run into a folder an earlier run started from a tutor: not this run's start
        shutil.rmtree(kept)
    source = resolve_adapter(cfg.start_adapter, cfg.model)
    if source is None:
        return None
    kept.mkdir(parents=True, exist_ok=True)
    for name in ("adapter_config.json", "adapter_model.safetensors"):
        shutil.copy2(source / name, kept / name)
    return kept


def load_scorer(run_dir: str | Path, home=None):
    """(model, tokenizer) of a saved reward-model run, for :func:`score_texts`."""
    run = Path(run_dir)
    cfg = load_config(run, lab="reward")
    start = run / START_FOLDER
    from core.models import fold_adapter

    model, tok = load_reward_model(cfg["model"], home, adapter=run / "adapter",
                                   start=start if (start / "adapter_config.json").is_file() else None)
    return fold_adapter(model), tok


# --- the jobs the Reward tab runs (``preflab rm`` and ``preflab score`` call them too) -----------------------

@in_process(imports=("datasets", "trl"))
def train_reward(cfg: RewardConfig, home, *, on_metrics: MetricsFn, cancel: CancelToken) -> dict:
    """:func:`run_reward`'s summary plus the run folder."""
    return {**run_reward(cfg, home=home, on_metrics=on_metrics, cancel=cancel), "out": cfg.out}


_SCORER: dict[str, tuple] = {}  # run folder -> (model, tokenizer): one scorer, reused for repeated scoring


def score_reply(run_dir: str, home, prompt: str, reply: str, *, on_metrics: MetricsFn = ignore_metrics,
                cancel: CancelToken | None = None) -> float:
    """The reward the run's model gives ``reply`` to ``prompt`` (the model stays loaded for the next call)."""
    if run_dir not in _SCORER:
        on_metrics({"phase": "loading reward model"})
        _SCORER.clear()
        _SCORER[run_dir] = load_scorer(run_dir, home)
    if cancel is not None:
        cancel.raise_if_cancelled()
    model, tok = _SCORER[run_dir]
    return score_texts(model, tok, [(prompt, reply)])[0]
