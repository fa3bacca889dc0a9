"""Supervised fine-tuning (SFT) of the LoRA grammar tutor with TRL's ``SFTTrainer``.

Data are prompt/completion chat pairs: the prompt is the tutor's system + user turn for a sentence, the
completion is the ideal reply; the loss is on the completion only. The same job distills constitutional
revisions (``rows`` given directly instead of a data file).
"""

from __future__ import annotations

import time
from pathlib import Path

from core import tutor
from core.config import SftConfig
from core.models import load_model, resolve_adapter
from core.progress import CancelToken, MetricsFn, ignore_metrics, in_process, quiet_trainer, trainer_callback
from core.training import common_args, fit, open_run, rows_for_steps

LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def sft_rows_from_file(path: str | Path) -> list[dict]:
    """Chat prompt/completion rows from an SFT JSONL: ``sentence`` + ``reply`` (a tutoring demo), or ``messages``
    (a skill demo, ``core.skill_demos``: it trains on the last assistant turn, the turns before it are the prompt)."""
    from core.data import load_sft

    rows = []
    for ex in load_sft(path):
        if "messages" in ex:
            rows.append({"prompt": ex["messages"][:-1], "completion": ex["messages"][-1:]})
        else:
            rows.append({"prompt": tutor.messages(ex["sentence"]),
                         "completion": [{"role": "assistant", "content": ex["reply"]}]})
    return rows


# Batches are padded to a multiple of 16 tokens. With a new length at every step the heap could not reuse the
# blocks of the previous one (the full-vocabulary logits are tens of MB): 30 steps of the tutor's SFT peaked at
# 1866 MB, padded 1530 MB, for 6% more time (82.6 vs 78.0 s; 64 tokens: 36% more time).
PAD_TO_MULTIPLE_OF = 16


def lora_config(cfg):
    from peft import LoraConfig

    return LoraConfig(r=cfg.lora_rank, lora_alpha=cfg.lora_alpha, lora_dropout=0.0,
                      target_modules=LORA_TARGETS, task_type="CAUSAL_LM")


def run_sft(cfg: SftConfig, *, home=None, rows: list[dict] | None = None,
            on_metrics: MetricsFn = ignore_metrics, cancel: CancelToken | None = None, **record) -> dict:
    """Train; write the run folder; return the summary. A cancelled run is saved and marked ``stopped``.
    ``record`` goes into config.json beside the config (a distillation's ``kind`` and ``revisions``)."""
    from datasets import Dataset
    from peft import get_peft_model
    from trl import SFTConfig, SFTTrainer

    cfg.validate()
    cancel = cancel or CancelToken()
    rows = rows if rows is not None else sft_rows_from_file(cfg.data)
    if not rows:
        raise ValueError("data: no training examples")
    with open_run(cfg, "sft", rows, on_metrics, "training examples", **record) as (run, resume_from):
        rows = rows_for_steps(rows, cfg)  # with max_steps: only what the steps will see is tokenized
        adapter = resolve_adapter(cfg.adapter, cfg.model) if cfg.adapter else None
        model, tok = load_model(cfg.model, home, adapter=adapter, trainable=True)
        if adapter is None:
            model = get_peft_model(model, lora_config(cfg))
        t0 = time.monotonic()
        args = SFTConfig(**common_args(cfg, run.path, model), max_length=cfg.max_length, completion_only_loss=True,
                         pad_to_multiple_of=PAD_TO_MULTIPLE_OF)
        trainer = SFTTrainer(model=model, args=args, train_dataset=Dataset.from_list(rows), processing_class=tok,
                             callbacks=[trainer_callback(on_metrics, cancel, sink=run.log)])
        quiet_trainer(trainer)
        status, wall, model = fit(trainer, cancel, resume_from, started=t0)
        run.save_adapter(model)
        steps = trainer.state.global_step
        losses = [h["loss"] for h in trainer.state.log_history if "loss" in h]
        summary = {"steps": steps, "train_seconds": wall, "seconds_per_step": wall / max(1, steps),
                   "final_loss": losses[-1] if losses else None, "examples": len(rows), "status": status}
        run.finish(summary, status)
        return summary


@in_process(imports=("datasets", "trl"))
def train_tutor(cfg: SftConfig, home, *, on_metrics: MetricsFn, cancel: CancelToken) -> dict:
    """The Tutor tab's job (and ``preflab sft``'s): :func:`run_sft`'s summary plus the run folder."""
    return {**run_sft(cfg, home=home, on_metrics=on_metrics, cancel=cancel), "out": cfg.out}


def ask_tutor(spec: str, home, adapter: str, sentence: str, *, on_metrics: MetricsFn = ignore_metrics,
              cancel: CancelToken | None = None) -> dict:
    """The tutor's reply to ``sentence`` with ``adapter`` (the Tutor tab's Ask). A short job: it runs on a
    thread and keeps the shared model loaded between calls."""
    from core.config import GenerateConfig
    from core.generate import generate
    from core.models import shared_model

    adapter_path = resolve_adapter(adapter, spec)
    on_metrics({"phase": "loading model"})
    model, tok = shared_model(spec, home, adapter_path,
                              on_progress=lambda f, msg: on_metrics({"phase": msg, "fraction": f}))
    if cancel is not None:
        cancel.raise_if_cancelled()
    on_metrics({"phase": "generating"})
    reply = generate(model, tok, [tutor.messages(sentence)], GenerateConfig(max_new_tokens=64), cancel)[0]
    return {"reply": reply, "adapter": str(adapter_path) if adapter_path else None}
