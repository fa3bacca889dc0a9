"""What the three TRL-backed jobs (SFT, reward model, DPO) share: trainer arguments, checkpoints, resume, stop.

A run saves a checkpoint (adapter, optimizer, scheduler, RNG state) every ``save_steps`` steps into
``RUN/checkpoints/`` and once more when it is stopped; ``resume=True`` continues from the newest one, to the
same result as an uninterrupted run with the same seed. :func:`open_run` is the opening the three trainers
share (batch check, run folder started or resumed, failure recorded, seed); :func:`fit` trains until done or
stopped. Not here: what each job trains (``core.sft``, ``core.reward``, ``core.dpo``) or the run folder's
files (``core.runs``).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from core.progress import Cancelled, CancelToken
from core.runs import RunDir


def common_args(cfg, out_dir: Path, model) -> dict:
    """Keyword arguments of TRL's ``*Config`` that every job sets the same way (see ``TrainCommon``)."""
    from core.config import split_batch
    from core.models import use_bf16

    micro, accumulate = split_batch(cfg.batch_size, cfg.micro_batch_size, model.device.type, cfg.cpu_micro_batch)
    return dict(
        output_dir=str(Path(out_dir) / "checkpoints"), per_device_train_batch_size=micro,
        gradient_accumulation_steps=accumulate,
        num_train_epochs=cfg.epochs, max_steps=cfg.max_steps, learning_rate=cfg.learning_rate,
        logging_steps=cfg.logging_steps, report_to=[], seed=cfg.seed, data_seed=cfg.seed, disable_tqdm=True,
        dataloader_num_workers=0, use_cpu=model.device.type == "cpu", bf16=use_bf16(cfg.bf16),
        activation_checkpointing=cfg.gradient_checkpointing, lr_scheduler_type="linear",  # transformers 5: the new name
        save_strategy="steps" if cfg.save_steps > 0 else "no", save_steps=max(1, cfg.save_steps),
        save_total_limit=2, save_only_model=False,
        logging_nan_inf_filter=False,  # a NaN loss must reach the learner, not be averaged away
    )


def packed_engine(cfg) -> bool:
    """Whether a preference job runs its batches as prefix trees (core/shared_prompt.py) or through TRL's forward.

    TRL's is kept for ``engine="trl"`` and for more than one process (``accelerate launch``): the packed forward
    calls the model underneath DDP's wrapper, which would skip its gradient all-reduce. Before the trainer's
    arguments exist, accelerate's state on a CPU-only ``--multi_gpu`` launch still says one process, so the
    launcher's ``WORLD_SIZE`` is asked too."""
    import os

    from accelerate import PartialState

    processes = max(PartialState().num_processes, int(os.environ.get("WORLD_SIZE") or 1))
    return cfg.engine == "packed" and processes == 1


def seed_everything(seed: int) -> None:
    """Same seed, same run: LoRA and head initialisation happen before the Trainer seeds itself."""
    from transformers import set_seed

    set_seed(seed)


def latest_checkpoint(run_dir: str | Path) -> Path | None:
    folder = Path(run_dir) / "checkpoints"
    found = [p for p in folder.glob("checkpoint-*") if p.name.split("-")[-1].isdigit()] if folder.is_dir() else []
    return max(found, key=lambda p: int(p.name.split("-")[-1])) if found else None


def _checkpoint_if_stopped(trainer, status: str) -> None:
    """A Stop that arrives between two steps ends training without the usual save: keep the work anyway."""
    step = trainer.state.global_step
    if status != "stopped" or step == 0 or str(trainer.args.save_strategy) in ("no", "SaveStrategy.NO"):
        return
    if (Path(trainer.args.output_dir) / f"checkpoint-{step}").is_dir():
        return
    trainer._save_checkpoint(trainer.model, trial=None)


def bf16_weights(trainer) -> bool:
    """Whether training stores the frozen base weights in bf16 (core/memory.py): on a CPU under bf16 autocast,
    where autocast would cast them to bf16 at every forward pass anyway. (On a GPU the float32 copy stays in
    device memory, so a second, bf16 copy would only add to it.)"""
    return bool(trainer.args.bf16) and trainer.model.device.type == "cpu"


def skip_at_last_step(**flags: bool):
    """A callback that clears ``control`` flags (``should_save``, ``should_evaluate``) that transformers sets at
    the last step. Add it after transformers' own callbacks. ``should_save=False``: a finished run is not resumed
    (RunDir.finish deletes its checkpoints) and the job saves the adapter once; ``should_evaluate=False``: the
    job scores the held-out set itself after training (core/reward.py)."""
    from transformers import TrainerCallback

    class SkipAtLastStep(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step >= state.max_steps:
                for name, value in flags.items():
                    setattr(control, name, value)
            return control

    return SkipAtLastStep()


def _blocks(model) -> list:
    """The model's repeated blocks (its decoder layers): the longest ``nn.ModuleList`` inside it."""
    import torch

    lists = [m for m in model.modules() if isinstance(m, torch.nn.ModuleList)]
    return list(max(lists, key=len)) if lists else []


@contextlib.contextmanager
def stop_within_steps(model, cancel: CancelToken):
    """Let a Stop end a training step part-way: before each decoder layer's forward pass, and as the backward
    pass reaches each layer's output, raise :class:`Cancelled` when ``cancel`` is set. A step on the embedded
    model takes seconds (7 s for an SFT step of 16 on a 2-core laptop); the Trainer's own stop waits for it to
    end. A step cut part-way has not reached the optimizer, so the weights are those of the last completed
    step, which :func:`fit` checkpoints."""

    def check(*_):
        if cancel.cancelled:
            raise Cancelled()

    def watch_backward(_module, _args, output):
        hidden = output[0] if isinstance(output, tuple) else output
        if getattr(hidden, "requires_grad", False):
            hidden.register_hook(check)  # returns None: the gradient passes unchanged

    handles = []
    for block in _blocks(model):
        handles += [block.register_forward_pre_hook(check), block.register_forward_hook(watch_backward)]
    try:
        yield
    finally:
        for handle in handles:
            handle.remove()


def fit(trainer, cancel: CancelToken, resume_from: Path | None = None, started: float | None = None):
    """Train until done or stopped. Returns (status, seconds, model unwrapped for fp32 use after training).

    ``started`` (a ``time.monotonic()``) counts the trainer's set-up too: TRL tokenizes, and DPO computes the
    reference log-probs, while the trainer is built."""
    from core.memory import frozen_linears_in_bf16, trim_heap

    t0 = time.monotonic() if started is None else started
    trainer.add_callback(skip_at_last_step(should_save=False))  # after transformers' own, which asks for it
    trim_heap()  # what the eval before and the trainer's set-up freed
    try:
        if cancel.cancelled:
            raise Cancelled()
        # Several processes (accelerate launch) stop together at a step's end: one leaving a step part-way
        # would leave the others waiting in the step's gradient all-reduce.
        alone = trainer.accelerator.num_processes == 1
        with (frozen_linears_in_bf16(trainer.model) if bf16_weights(trainer) else contextlib.nullcontext(),
              stop_within_steps(trainer.model, cancel) if alone else contextlib.nullcontext()):
            trainer.train(resume_from_checkpoint=str(resume_from) if resume_from else None)
    except Cancelled:  # a step cut part-way (stop_within_steps) leaves the gradients of its micro-batches
        trainer.model.zero_grad(set_to_none=True)
    finally:
        trim_heap()  # the activations and bf16 weights of training, before the evals after it
    status = "stopped" if cancel.cancelled else "finished"
    _checkpoint_if_stopped(trainer, status)
    # Accelerate wrapped forward() in bf16 autocast; scoring and eval after training run in fp32.
    model = trainer.accelerator.unwrap_model(trainer.model, keep_fp32_wrapper=False)
    return status, time.monotonic() - t0, model


def rows_for_steps(rows: list, cfg) -> list:
    """The rows (pairs, demos) a run with ``max_steps`` will see: when the steps cover fewer rows than there
    are, a seeded random ``max_steps * batch_size`` of them (times the launch's processes), so the trainer
    tokenizes (and DPO computes reference log-probs for) only those; otherwise all of them. The sample depends on
    the rows: a pair source that changed between a Stop and a Resume gives another one."""
    import random

    # every process of a launch (accelerate launch) takes its own batch at each step
    used = cfg.max_steps * cfg.batch_size * max(1, int(os.environ.get("WORLD_SIZE") or 1))
    if cfg.max_steps <= 0 or used >= len(rows):
        return rows
    keep = sorted(random.Random(cfg.seed).sample(range(len(rows)), used))
    return [rows[i] for i in keep]


@contextlib.contextmanager
def open_run(cfg, lab: str, rows: list, on_metrics, what: str = "training pairs", **record):
    """The opening the three trainers share: ``batch_size`` checked against ``rows``, the run folder started
    (``record`` goes into config.json beside the config) or resumed (metrics.jsonl cut back to the checkpoint),
    a failure inside recorded in status.json, "loading model" said, the seed set. Yields (run, the checkpoint
    to resume from or None); the job loads its model and trains inside."""
    if cfg.batch_size > len(rows):
        raise ValueError(f"batch_size: {cfg.batch_size} is larger than the {len(rows)} {what}")
    run = RunDir(cfg.out, lab)
    run.start(cfg, resume=cfg.resume, **record)
    with run.failing():
        resume_from = prepare_resume(cfg, run)
        on_metrics({"phase": "loading model"})
        seed_everything(cfg.seed)
        yield run, resume_from


def prepare_resume(cfg, run: RunDir) -> Path | None:
    """For ``cfg.resume``: the checkpoint to continue from, with metrics.jsonl cut back to its step."""
    if not getattr(cfg, "resume", False):
        return None
    checkpoint = latest_checkpoint(run.path)
    if checkpoint is None:
        raise ValueError(f"resume: {run.path} has no checkpoint to resume from")
    run.truncate_metrics(int(checkpoint.name.split("-")[-1]))
    return checkpoint
