"""How the Runs tab names a run in the learner's words: its kind, the adapter it started from, its status, its
key settings and headline numbers, the legend labels of an overlay and the line (and warning) that says what an
overlay compares. The texts keep the Runs tab's translation context ("RunsTab"). Not here: reading run folders
(``core.runs``) and drawing them (``gui.tabs.runs_tab``).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication

from core.runs import RunInfo, headline, key_settings, run_kind, start_adapter
from gui.widgets.style import percent

translate = QCoreApplication.translate

LOSS_SCALE_WARNING = 5.0  # final losses further apart than this factor are on different scales
PERCENT_KEYS = ("heldout_accuracy", "honest_before", "honest_after")  # headline numbers shown as percentages


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def kind_text(info: RunInfo) -> str:
    """The run's kind in the learner's words (the lab as written when it is none of the known ones)."""
    kind = run_kind(info)
    return {"sft": translate("RunsTab", "tutor SFT"), "distill": translate("RunsTab", "distillation"),
            "reward": translate("RunsTab", "reward model"), "dpo": translate("RunsTab", "DPO"),
            "constitution": translate("RunsTab", "constitution loop")}.get(kind, kind or "?")


def start_text(info: RunInfo) -> str:
    """The adapter the run started from: the shipped tutor, the base model, or a run's name."""
    start = start_adapter(info)
    return {"shipped": translate("RunsTab", "shipped tutor"), "none": translate("RunsTab", "base model"),
            "": "—"}.get(start, start)


def status_text(status: str) -> str:
    return {"finished": translate("RunsTab", "finished"), "stopped": translate("RunsTab", "stopped"),
            "failed": translate("RunsTab", "failed"), "running": translate("RunsTab", "running"),
            "interrupted": translate("RunsTab", "interrupted")}.get(status, status)


def status_tip(info: RunInfo) -> str:
    if info.status == "failed":
        return str(info.status_info.get("error") or translate("RunsTab", "failed"))
    if info.status == "interrupted":
        return translate("RunsTab", "The run did not end cleanly (its process was killed or crashed): the curves "
                                    "and files show how far it got.")
    return status_text(info.status)


def setting_names() -> dict[str, str]:
    return {"beta": "β", "loss_type": translate("RunsTab", "loss"), "learning_rate": translate("RunsTab", "lr"),
            "epochs": translate("RunsTab", "epochs"), "max_steps": translate("RunsTab", "steps"),
            "lora_rank": translate("RunsTab", "rank"), "rounds": translate("RunsTab", "rounds"),
            "order": translate("RunsTab", "order"), "limit": translate("RunsTab", "limit"),
            "without": translate("RunsTab", "without")}


def settings_text(info: RunInfo, only: list[str] | None = None) -> str:
    names = setting_names()
    settings = key_settings(info.config)
    keys = [k for k in settings if only is None or k in only]
    return " · ".join(f"{names.get(k, k)}={fmt(settings[k])}" for k in keys)


def headline_names() -> dict[str, str]:
    return {"final_loss": translate("RunsTab", "final loss"),
            "final_preference_loss": translate("RunsTab", "final preference loss"),
            "steps": translate("RunsTab", "steps"),
            "heldout_accuracy": translate("RunsTab", "held-out accuracy"),
            "honest_before": translate("RunsTab", "honest before"),
            "honest_after": translate("RunsTab", "honest after"), "changed": translate("RunsTab", "replies revised"),
            "prompts": translate("RunsTab", "prompts")}


def field_names() -> dict[str, str]:
    """The learner's words for the keys of a run's summary.json and config.json (the Runs tab's tree; the key
    itself is the row's tooltip). A key not named here shows as written."""
    return {
        "status": translate("RunsTab", "status"),
        "steps": translate("RunsTab", "steps"),
        "train_seconds": translate("RunsTab", "training seconds"),
        "seconds_per_step": translate("RunsTab", "seconds per step"),
        "train_pairs": translate("RunsTab", "training pairs"),
        "heldout_pairs": translate("RunsTab", "held-out pairs"),
        "heldout_accuracy": translate("RunsTab", "held-out accuracy"),
        "length_baseline": translate("RunsTab", "length baseline"),
        "baselines": translate("RunsTab", "baselines"),
        "heldout_sets": translate("RunsTab", "held-out sets"),
        "heldout": translate("RunsTab", "held-out pairs scored"),
        "pairs_heldout": translate("RunsTab", "pairs_heldout (built like the training pairs)"),
        "pairs_sampled": translate("RunsTab", "pairs_sampled (the tutor's sampled replies)"),
        "right": translate("RunsTab", "ranked right"),
        "longer": translate("RunsTab", "longer wins"),
        "shorter": translate("RunsTab", "shorter wins"),
        "length_longer": translate("RunsTab", "longer wins"),
        "length_shorter": translate("RunsTab", "shorter wins"),
        "lookup": translate("RunsTab", "phrase lookup"),
        "eval_before": translate("RunsTab", "eval before"),
        "eval_after": translate("RunsTab", "eval after"),
        "pair_margins": translate("RunsTab", "pair margins"),
        "final_loss": translate("RunsTab", "final loss"),
        "examples": translate("RunsTab", "examples"),
        "cached": translate("RunsTab", "from the cache"),
        "changed": translate("RunsTab", "replies revised"),
        "discarded": translate("RunsTab", "revisions discarded"),
        "finished": translate("RunsTab", "prompts finished"),
        "lab": translate("RunsTab", "lab"),
        "rows": translate("RunsTab", "rows"),
        "revisions": translate("RunsTab", "revisions"),
        "n": translate("RunsTab", "sentences"),
        "n_wrong": translate("RunsTab", "with an error"),
        "n_correct": translate("RunsTab", "correct"),
        "helpful": translate("RunsTab", "helpful"),
        "honest": translate("RunsTab", "honest"),
        "harmless": translate("RunsTab", "harmless"),
        "missed": translate("RunsTab", "missed errors"),
        "false_alarms": translate("RunsTab", "false alarms"),
        "k_helpful": translate("RunsTab", "helpful (count)"),
        "k_honest": translate("RunsTab", "honest (count)"),
        "k_harmless": translate("RunsTab", "harmless (count)"),
        "k_missed": translate("RunsTab", "missed errors (count)"),
        "k_false_alarms": translate("RunsTab", "false alarms (count)"),
        "intervals": translate("RunsTab", "95% intervals"),
        "rate": translate("RunsTab", "rate"),
        "k": translate("RunsTab", "count"),
        "low": translate("RunsTab", "low"),
        "high": translate("RunsTab", "high"),
        "margin": translate("RunsTab", "margin"),
        "model": translate("RunsTab", "model"),
        "out": translate("RunsTab", "run folder"),
        "epochs": translate("RunsTab", "epochs"),
        "max_steps": translate("RunsTab", "max steps"),
        "learning_rate": translate("RunsTab", "learning rate"),
        "batch_size": translate("RunsTab", "batch size"),
        "lora_rank": translate("RunsTab", "LoRA rank"),
        "lora_alpha": translate("RunsTab", "LoRA alpha"),
        "seed": translate("RunsTab", "seed"),
        "logging_steps": translate("RunsTab", "log every (steps)"),
        "bf16": translate("RunsTab", "bf16"),
        "save_steps": translate("RunsTab", "checkpoint every (steps)"),
        "resume": translate("RunsTab", "resume"),
        "gradient_checkpointing": translate("RunsTab", "gradient checkpointing"),
        "micro_batch_size": translate("RunsTab", "micro-batch"),
        "data": translate("RunsTab", "data"),
        "adapter": translate("RunsTab", "adapter"),
        "max_length": translate("RunsTab", "max length (tokens)"),
        "pairs": translate("RunsTab", "pairs"),
        "eval_pairs": translate("RunsTab", "held-out pairs file"),
        "more_eval_pairs": translate("RunsTab", "second held-out pairs file"),
        "eval_steps": translate("RunsTab", "held-out eval every (steps)"),
        "engine": translate("RunsTab", "engine"),
        "start_adapter": translate("RunsTab", "started from"),
        "beta": translate("RunsTab", "beta (β)"),
        "loss_type": translate("RunsTab", "loss"),
        "sft_weight": translate("RunsTab", "SFT term weight"),
        "eval_data": translate("RunsTab", "eval set"),
        "eval_limit": translate("RunsTab", "eval limit"),
        "train_layers": translate("RunsTab", "trained layers"),
        "constitution": translate("RunsTab", "constitution"),
        "critic": translate("RunsTab", "critic"),
        "reviser": translate("RunsTab", "reviser"),
        "rounds": translate("RunsTab", "rounds"),
        "prompts": translate("RunsTab", "prompts"),
        "limit": translate("RunsTab", "limit"),
        "order": translate("RunsTab", "order"),
        "without": translate("RunsTab", "without"),
        "max_new_tokens": translate("RunsTab", "max new tokens"),
        "only_accepted": translate("RunsTab", "accepted only"),
        "annotator": translate("RunsTab", "annotator"),
        "judge": translate("RunsTab", "judge"),
        "method": translate("RunsTab", "method"),
        "principle": translate("RunsTab", "principle"),
        "principle_text": translate("RunsTab", "principle text"),
    }


def headline_value(key: str, value: Any) -> str:
    return percent(value) if key in PERCENT_KEYS else fmt(value)


def headline_text(info: RunInfo) -> str:
    """The run's headline numbers in one line (the Result column)."""
    h = headline(info)
    parts = []
    if "heldout_accuracy" in h:
        parts.append(translate("RunsTab", "held-out accuracy {accuracy}").format(
            accuracy=percent(h["heldout_accuracy"])))
    if "honest_before" in h and "honest_after" in h:
        parts.append(translate("RunsTab", "honest {before} → {after}").format(before=percent(h["honest_before"]),
                                                                             after=percent(h["honest_after"])))
    elif "honest_before" in h:
        parts.append(translate("RunsTab", "honest {before} before").format(before=percent(h["honest_before"])))
    if "changed" in h and "prompts" in h:
        parts.append(translate("RunsTab", "{changed} of {prompts} replies revised").format(changed=h["changed"],
                                                                                          prompts=h["prompts"]))
    if "final_loss" in h:
        parts.append(translate("RunsTab", "final loss {loss:.3f}").format(loss=h["final_loss"]))
    if "final_preference_loss" in h:
        parts.append(translate("RunsTab", "final preference loss {loss:.3f}").format(loss=h["final_preference_loss"]))
    if "steps" in h:
        parts.append(translate("RunsTab", "1 step") if h["steps"] == 1
                     else translate("RunsTab", "{steps} steps").format(steps=h["steps"]))
    if info.status == "failed" and info.status_info.get("error"):
        parts.insert(0, str(info.status_info["error"]).splitlines()[0][:80])
    return " · ".join(parts) or "—"


def compare_labels(runs: list[RunInfo]) -> list[str]:
    """Legend names: the lab, the settings that differ between the runs, and the start time."""
    settings = [key_settings(r.config) for r in runs]
    keys = list(dict.fromkeys(k for s in settings for k in s))
    differing = [k for k in keys if len({repr(s.get(k)) for s in settings}) > 1]
    labels = []
    for info in runs:
        parts = [kind_text(info), settings_text(info, only=differing),
                 "(" + time.strftime("%H:%M", time.localtime(info.started)) + ")"]
        labels.append(" ".join(p for p in parts if p))
    for i, label in enumerate(labels):  # same settings, same minute: tell them apart by folder
        if labels.count(label) > 1:
            labels[i] = f"{label} {runs[i].path.name}"
    return labels


def overlay_text(runs: list[RunInfo]) -> str:
    """One line: what the overlay compares."""
    kinds = sorted({kind_text(r) for r in runs})
    return translate("RunsTab", "Overlay of {n} runs ({kinds}): each colour is one run, plotted by optimizer step "
                                "on the same axes; the legend names the settings in which they differ.").format(
        n=len(runs), kinds=", ".join(kinds))


def overlay_warning_text(runs: list[RunInfo]) -> str:
    """A warning when the runs do not compare like for like: different kinds (a distillation's loss is on a few
    revisions, a tutor SFT's on the tutoring demos), or final losses of different scales."""
    heads = [headline(r) for r in runs]
    losses = [h.get("final_loss", h.get("final_preference_loss")) for h in heads]
    losses = [v for v in losses if isinstance(v, (int, float)) and v > 0]
    spread = ""
    if len(losses) >= 2 and max(losses) / min(losses) > LOSS_SCALE_WARNING:
        spread = translate("RunsTab", "final losses from {low:.3g} to {high:.3g}").format(low=min(losses),
                                                                                        high=max(losses))
    names = sorted({kind_text(r) for r in runs})
    kinds = ", ".join(names)
    if len(names) > 1 and spread:
        return translate("RunsTab", "⚠ These runs are of different kinds ({kinds}): their losses are measured on "
                                    "different data ({spread}), so compare the shapes of the curves, not their "
                                    "heights.").format(kinds=kinds, spread=spread)
    if len(names) > 1:
        return translate("RunsTab", "⚠ These runs are of different kinds ({kinds}): their losses are measured on "
                                    "different data, so compare the shapes of the curves, not their heights.").format(
            kinds=kinds)
    if spread:
        return translate("RunsTab", "⚠ Their losses are on different scales ({spread}): compare the shapes of the "
                                    "curves, not their heights.").format(spread=spread)
    return ""
