"""Render docs/benchmarks.json (scripts/bench.py) and docs/results.json (scripts/lab_results.py) as docs/benchmarks.md."""

from __future__ import annotations

import json
from pathlib import Path

from core.config import EvalConfig


def _f(value, digits=2, unit=""):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def _runs(process: dict) -> str:
    """How many runs of each side the process section kept the best of ("one run each" for one)."""
    counts = {len(c.get("ours_all", [])) for c in process.values() if isinstance(c, dict)}
    n = max(counts) if counts else 2
    return "two" if n == 2 else ("one (a single run of each side, `--repeats 1`)" if n == 1 else str(n))


def _compare_rows(data: dict) -> list[str]:
    rows = []
    for lab, title in (("dpo", "DPO, 1 epoch on the 200 seed pairs"), ("rm", "Reward model, 1 epoch on the 200 seed pairs"),
                       ("sft", "SFT, 10 steps")):
        r = data.get(lab)
        if not r:
            continue
        o, p = r["ours"], r["plain_trl"]
        rows.append(f"| {title} | {_f(o['wall'], 1)} s ({o['steps']} steps, {_f(o['wall'] / max(1, o['steps']))} s/step) "
                    f"| {_f(p['wall'], 1)} s ({p['steps']} steps, {_f(p['wall'] / max(1, p['steps']))} s/step) "
                    f"| **{_f(r['speedup'])}x** | {_f(o['final_loss'], 4)} / {_f(p['final_loss'], 4)} "
                    f"| {_f(o['peak_rss_mb'], 0)} / {_f(p['peak_rss_mb'], 0)} MB | {r.get('date', '')} |")
    return rows


def write_markdown(data: dict, path: Path) -> None:
    lines = ["# Benchmarks", "",
             "Measured on this project's CI-like machine (2 cores, no GPU). Regenerate with `make bench` "
             "(`scripts/bench.py`, speed and memory) and `make results` (`scripts/lab_results.py`, what each lab "
             "achieves). Every row says when it was measured; ratios come from one run, side by side.", ""]
    if any(k in data for k in ("dpo", "rm", "sft")):
        lines += ["## Training: the app's jobs vs a plain TRL script at its defaults", "",
                  "Same model (SmolLM2-135M), LoRA, data and batch size. The plain script keeps TRL's defaults "
                  "(`scripts/baselines/trl_plain.py`; `use_cpu=True` is the one addition, without it TRL's default "
                  "bf16 refuses to start on a CPU). Ours: the packed engine (each batch's pairs run as one prefix "
                  "tree: every prompt once, the LM head on reply tokens only; core/shared_prompt.py), "
                  "no gradient checkpointing, bf16 autocast where the CPU has bf16 units, reference log-probs once "
                  "per dataset, and for DPO an SFT term on the chosen replies (so its loss is not comparable with "
                  "the plain script's).", "",
                  "| job | ours | plain TRL | speed-up | final loss (ours / plain) | peak RSS (ours / plain) | measured |",
                  "|---|---|---|---|---|---|---|", *_compare_rows(data), "",
                  "Memory, ours (core/memory.py, core/shared_prompt.py): during training on a CPU the frozen base "
                  "weights of the linear layers are stored in bf16, the copies autocast would make at every step "
                  "anyway (same bits: tests/core/test_memory.py), and the float32 pages of the memory-mapped weights "
                  "file are handed back to the kernel until training ends; packed rows are padded to a multiple of 64 "
                  "tokens, the LM head runs on 64 reply tokens at a time and SFT batches are padded to a multiple of "
                  "16, so every step allocates blocks of the same few sizes and the heap reuses them (with a new size "
                  "at every step it grew by 10-20 MB a step); glibc's free heap is handed back before and after "
                  "training. The plain TRL script has none of this.", ""]
    if "micro" in data:
        m = data["micro"]
        lines += ["## Micro-batches (same optimizer batch, smaller forward passes)", "",
                  "12 optimizer steps at the app's batch size (DPO 4 pairs, reward model 8 pairs), the batch split "
                  "into micro-batches by gradient accumulation (`TrainCommon.micro_batch_size`; the gradient is the "
                  "same, `tests/core/test_dpo.py`). Smaller passes keep fewer activations; on this CPU each pass also has "
                  "a fixed cost (small matmuls, per-layer overhead), so too small is slower. The app's defaults on a "
                  "CPU: DPO 4 (the whole batch), reward model 4, SFT 1 (`cpu_micro_batch` in core/config.py). "
                  f"Measured {m.get('date', '')}.", "",
                  "| job | micro-batch | s/step (incl. set-up) | peak RSS |", "|---|---|---|---|"]
        for key, r in m.items():
            if isinstance(r, dict) and "wall" in r:
                lab, size = key.rsplit("_", 1)
                lines.append(f"| {lab} | {size} | {_f(r['wall'] / max(1, r['steps']))} | {_f(r['peak_rss_mb'], 0)} MB |")
        lines.append("")
    if "roof" in data:
        r = data["roof"]
        lines += ["## Matmul roof and achieved training throughput", "",
                  f"2048x2048 matmul, {r['threads']} threads: fp32 {_f(r['gflops_float32'], 1)} GFLOP/s, bf16 "
                  f"{_f(r['gflops_bfloat16'], 1)} GFLOP/s ({r.get('date', '')}). Training runs in bf16 autocast "
                  "(this CPU has avx512_bf16); issue 19's target is 0.30 of the bf16 roof. Each job's share is "
                  "against the roof measured on the same day (the host behind this project's 2-core machine "
                  "changes between sessions: the bf16 roof was 838 GFLOP/s on 2026-11-27 and 415 on 2026-11-30, "
                  "an AMD EPYC; on 2026-12-02 an Intel Xeon with AMX tiles, whose bf16 matmul of 2048x2048 ran at "
                  "about 2.5 TFLOP/s, six times its fp32); the profile below says why a step stays far under such "
                  "a roof: its matmuls are small and the rest of a step is bound by memory.", "",
                  "| job (ours) | measured | tokens | achieved GFLOP/s | share of fp32 roof | share of bf16 roof |",
                  "|---|---|---|---|---|---|"]
        for lab in ("sft", "rm", "dpo"):
            o = data.get(lab, {}).get("ours", {})
            when = data.get(lab, {}).get("date", "")
            if o.get("gflops"):
                same = when[:10] == r.get("date", "")[:10]
                lines.append(f"| {lab} | {when} | {o['tokens']} | {_f(o['gflops'], 1)} | "
                             + (f"{_f(o['gflops'] / r['gflops_float32'])} | {_f(o['gflops'] / r['gflops_bfloat16'])} |"
                                if same else "another day's roof | — |"))
        lines += ["", "FLOPs are the work actually done: 4 per parameter per token computed (LoRA: forward and "
                  "backward to the inputs), plus 2 for DPO's reference forward; the packed engine computes each "
                  "distinct token of a batch's prefix tree once and runs the 28 M-parameter LM head on reply "
                  "tokens only (the reward model has no LM head); the padding that rounds a packed row up to a "
                  "multiple of 64 tokens is computed but not counted. `scripts/bench.py training_gflops`.", ""]
    if "profile" in data:
        pr = data["profile"]
        labs = [lab for lab in ("rm", "dpo") if lab in pr]
        families = sorted({f for lab in labs for f in pr[lab]["families"]},
                          key=lambda f: -max(pr[lab]["families"].get(f, 0) for lab in labs))
        lines += ["## Where a training step's time goes", "",
                  "The reward-model and DPO jobs at the app's defaults on SmolLM2 (bf16 autocast, packed engine), "
                  "profiled with torch.profiler from the end of the first step to the run's end: each aten "
                  "operator's own CPU time, forward and backward, summed by family (`scripts/bench.py` "
                  f"`profile_steps`, `FAMILIES`; section profile, {pr.get('date', '')}). The matmuls' FLOPs "
                  "are the profiler's. The profiler costs each operator a few microseconds, so a profiled step "
                  "is slower and the many small operators (elementwise, copies) weigh more than they do without "
                  "it: read the shares as an upper bound for those families.", "",
                  "| operator family | " + " | ".join(labs) + " |", "|---|" + "---|" * len(labs)]
        for f in families:
            lines.append(f"| {f} | " + " | ".join(_f(pr[lab]["families"].get(f, 0.0) * 100, 0, " %")
                                                   for lab in labs) + " |")
        def plain_step(lab: str) -> str:
            o = data.get(lab, {}).get("ours") or {}
            return _f(o["wall"] / o["steps"], 2, " s") if o.get("steps") else "—"

        lines.append("| seconds per step: profiled (steps) / without the profiler (section " + "/".join(labs) + ") | "
                     + " | ".join(f"{_f(pr[lab]['seconds_per_step'], 2, ' s')} ({pr[lab]['steps_profiled']}) / "
                                  f"{plain_step(lab)}" for lab in labs) + " |")
        lines.append("| matmuls' own GFLOP/s | " + " | ".join(_f(pr[lab]["matmul_gflops"], 0) for lab in labs) + " |")
        shapes = pr.get("shapes") or {}
        lines += ["", "Why a step stays near 0.30 of the bf16 roof: its matmuls alone run at about half of it (the "
                  "matmuls' own GFLOP/s above; the same shapes alone, below, reach the roof), and they are well "
                  "under half of the step's operator time. The rest is elementwise work (RMSNorm, SiLU, rotary "
                  "positions, LoRA's adds), copies and casts, and attention: operators that move memory rather "
                  "than multiply, bound by this machine's memory bandwidth, not by its bf16 units. Only fusing "
                  "them (a compiler, or hand-written kernels) would lift the step toward the roof."]
        if shapes:
            lines += ["", "The same matmuls alone (best of 20, 2 threads), at the shapes a packed step gives the "
                      "decoder's linear layers (512 tokens; forward x·Wᵀ), beside 2048x2048:", "",
                      "| shape (M x K x N) | fp32 GFLOP/s | bf16 GFLOP/s |", "|---|---|---|"]
            for shape in dict.fromkeys(k.split(" ", 1)[1] for k in shapes):
                lines.append(f"| {shape} | {_f(shapes.get('float32 ' + shape), 0)} | "
                             f"{_f(shapes.get('bfloat16 ' + shape), 0)} |")
        lines.append("")
    if "gen" in data:
        g = data["gen"]
        lines += ["## Generation (shipped tutor, 16 prompts, up to 48 new tokens)", "",
                  "| mode | tokens/s |", "|---|---|",
                  f"| one at a time | {_f(g['one_at_a_time']['tokens_per_s'], 1)} |",
                  f"| batched (16) | {_f(g['batched']['tokens_per_s'], 1)} |",
                  f"| speed-up | **{_f(g['speedup'])}x** |", ""]
    if "eval" in data:
        e = data["eval"]
        lines += [f"## The HHH eval ({e['sentences']} sentences of data/eval.jsonl, shipped tutor)", "",
                  "`core.evaluate.evaluate_model`: batched greedy generation over the model's KV cache, rows sorted by "
                  "length, each row leaving the batch when it ends or has finished its verdict line (the scorer reads "
                  "nothing after it; the replies equal `model.generate`'s up to there, tests/core/test_generate.py). "
                  "The tokens every prompt of a batch starts with (the chat template and the system prompt, 27 of "
                  "about 41) run once per batch and their cache is copied to each row (core/generate.py). "
                  f"The app's batch size: {e['default_batch']} (`EvalConfig.batch_size`) when measured, "
                  f"{EvalConfig.batch_size} now. Measured {e.get('date', '')}. Target: 200 "
                  "sentences in 30 s on this 2-core machine.", "",
                  "Before the shared start (same machine, 2026-11-30 15:16, `python scripts/eval_prefix_ab.py eval,test`: the old path is the "
                  "new one with sharing turned off, one model loaded, alternated per set): dev 200 sentences at "
                  "batch 32 70.4 s old, 54.7 s shared, 43.4 s shared at batch 64; test 340 sentences 111.2 s old, "
                  "113.0 s shared at 32, 89.5 s shared at 64. The replies were the same in every case (540 of 540).",
                  "",
                  "Then the KV cache written in place (a buffer with room to grow, instead of transformers' "
                  "DynamicCache, which concatenates the whole cache of every layer at every token: a quarter of a "
                  "batch's time) and the adapter folded into the weights for jobs that only generate (same machine, "
                  "2026-11-30 17:14, `python scripts/eval_cache_ab.py eval,test`, batch 64, best of two, "
                  "alternated): dev 45.4 s before, 37.9 s after; test 81.5 s before, 69.9 s after; 0 of 540 "
                  "replies differ.", "",
                  "Then batch 128 (2026-12-01 07:48, `python scripts/eval_batch_ab.py`: one process, alternated, best "
                  "of two): dev 33.9 s at 64, 28.1 s at 128, 0 of 200 replies differ; peak RSS 1372 MB at 64, 1710 MB "
                  "at 128, 1760 MB after the red-team test set (92 prompts, up to 96 new tokens) at 128. An earlier "
                  "run (07:45, a draft of the script: 64, 128, 64, 128, then 96 at 29.4 s, no red-team set): 36.2 s "
                  "and 29.1 s. The app's default is "
                  "128 since.",
                  "",
                  "| batch size | seconds | helpful | honest | harmless |", "|---|---|---|---|---|"]
        for key, r in e.items():
            if key.startswith("batch_") and isinstance(r, dict):
                lines.append(f"| {key.split('_')[1]} | {_f(r['seconds'], 1)} | {_f(r['helpful'])} | {_f(r['honest'])} "
                             f"| {_f(r['harmless'])} |")
        lines.append("")
    if "process" in data:
        p = data["process"]
        lines += ["## Whole processes: what the learner waits for", "",
                  "Start to exit, `preflab dpo|rm --epochs 1 --eval-pairs \"\"` (DPO also `--eval-data \"\"`, from the "
                  "shipped tutor) vs the plain TRL script at its defaults doing the same work and saving its adapter "
                  "(`scripts/baselines/trl_plain.py --pairs P --save DIR`): same pairs, 1 epoch, batch 4 (DPO) or 8 "
                  f"(reward model), evals off on both sides. Alternated in one run, best of {_runs(p)}. Phases of ours from "
                  "its progress lines (`scripts/bench.py phases`): start-up (imports) until the model loads; model "
                  "load; reference log-probs with the trainer's set-up; the steps; everything after the last step "
                  f"(saving, pair margins, exit). The machine is noisy: read the ratios. Measured {p.get('date', '')}.",
                  "", "| job | ours | plain TRL | speed-up | ours: start-up / model load / reference / steps / after |",
                  "|---|---|---|---|---|"]
        titles = {"dpo_40": "DPO, 40 pairs", "dpo_200": "DPO, 200 seed pairs", "rm_200": "Reward model, 200 seed pairs"}
        for key, title in titles.items():
            r = p.get(key)
            if not isinstance(r, dict):
                continue
            o = r["ours"]
            parts = " / ".join(_f(o.get(k), 1, " s") for k in ("start_up", "model_load", "reference_logps", "steps",
                                                               "after_last_step"))
            lines.append(f"| {title} ({o.get('n_steps', '?')} steps) | {_f(o['wall'], 1)} s | "
                         f"{_f(r['plain_trl']['wall'], 1)} s | **{_f(r['speedup'])}x** | {parts} |")
        if p.get("note"):
            lines.append(f"\n{p['note']}")
        lines.append("")
    if "gui" in data:
        lines += ["## The window while a job runs (10 ms heartbeat in the real window, offscreen)", "",
                  "The tab's job started as the tab starts it (a child process, forked from the fork server of "
                  "core/child.py, which the window starts 1.5 s after it shows); the first training point is the "
                  "first step event the plot receives, counted from Start (target 15 s). Start pressed at once "
                  "(the fork server still importing torch and the rest) and 10 s after the window showed. Measured "
                  f"{data['gui'].get('date', '')}.", "",
                  "| job (4 steps on SmolLM2) | largest stall | first training point | Start 10 s after the window "
                  "showed: stall | first training point |", "|---|---|---|---|---|"]
        for lab, v in data["gui"].items():
            if not isinstance(v, dict) or "max_stall_ms" not in v or lab.endswith("_after_10s"):
                continue
            w = data["gui"].get(f"{lab}_after_10s") or {}
            lines.append(f"| {lab} | {_f(v['max_stall_ms'], 0)} ms | {_f(v.get('first_step_s'), 1, ' s')} | "
                         f"{_f(w.get('max_stall_ms'), 0, ' ms')} | {_f(w.get('first_step_s'), 1, ' s')} |")
        lines.append("")
    if "ask" in data:
        a = data["ask"]
        lines += ["## Ask the tutor", "", "Through the kept model process (`core/session.py`, what the Tutor tab "
                  "uses): the first question starts the process and loads SmolLM2 with the shipped adapter, the "
                  f"next ones reuse it (target 2 s). Measured {a.get('date', '')}.", "",
                  "| first question | second | third |", "|---|---|---|",
                  f"| {_f(a['first_s'], 1, ' s')} | {_f(a['second_s'], 1, ' s')} | {_f(a['third_s'], 1, ' s')} |", ""]
    if "guess" in data:
        gs = data["guess"]
        lines += ["## One prompt at a time: guessing ahead", "", "What the learner waits for once the model is "
                  "loaded, in one process, each case twice, alternated: one-prompt greedy generation as it is now "
                  "(core.generate.Drafter guesses up to 8 tokens from n-grams of the prompt, the reply so far and "
                  "the SFT demos' replies, and one pass checks them) and without guesses (the plain token loop). "
                  "Ask: the three questions above and nine dev sentences (target 2 s). Try it: the Constitution "
                  "tab's critique and then revision on its 10 samples (target 5 s). `python scripts/bench.py "
                  f"--sections guess`, {gs.get('date', '')}.", "",
                  "| wait | cases | guessing: median / mean / max | plain: median / mean / max | plain ÷ guessing "
                  "(mean) | replies that differ |", "|---|---|---|---|---|---|"]
        for name, label in (("ask", "Ask the tutor"), ("try", "Try it (critique + revision)")):
            v = gs.get(name)
            if not v:
                continue
            lines.append(f"| {label} | {v['cases']} | {_f(v['guessing_median_s'], 2, ' s')} / "
                         f"{_f(v['guessing_mean_s'], 2, ' s')} / {_f(v['guessing_max_s'], 2, ' s')} | "
                         f"{_f(v['plain_median_s'], 2, ' s')} / {_f(v['plain_mean_s'], 2, ' s')} / "
                         f"{_f(v['plain_max_s'], 2, ' s')} | {v['plain_mean_s'] / v['guessing_mean_s']:.2f}x | "
                         f"{v['differ']} of {v['cases']} |")
        lines.append("")
    if "stop" in data:
        st = data["stop"]
        lines += ["## Stop during a training step", "", "Stop pressed 1 s after the first step's event, inside the "
                  "second step, on SmolLM2 with each lab's defaults (`scripts/bench.py` section stop): the step in "
                  "flight ends part-way (core/training.py, `stop_within_steps`: checks before each decoder layer's "
                  "forward pass and as the backward pass reaches it), then the checkpoint, adapter and run folder "
                  f"are saved; seconds from Stop until the job returned (target 1 s). Measured {st.get('date', '')}.",
                  "", "| job | a step takes | Stop → job returned | status |", "|---|---|---|---|"]
        for lab, v in st.items():
            if isinstance(v, dict):
                lines.append(f"| {lab} | {_f(v.get('first_step_s'), 1, ' s')} | {_f(v.get('stop_to_return_s'), 2, ' s')} "
                             f"| {v.get('status')} after {v.get('steps_done')} step(s) |")
        lines.append("")
    if "launch" in data:
        lines += ["## Launch", "", f"`preflab` to a visible window: {_f(data['launch']['seconds'])} s "
                  f"(best of 3, offscreen).", ""]
    results = path.parent / "results.json"  # scripts/lab_results.py: every lab's figures with their intervals
    if results.exists():
        lines += ["## What the labs achieve", "", *json.loads(results.read_text(encoding="utf-8"))["markdown"], ""]
    else:  # the figures of lab_results.py before it wrote results.json, until `make results` runs again
        for key, title in (("models", "## Model"), ("labs", "## What the labs achieve")):
            if key in data:
                lines += [title, "", *data[key].get("markdown", []), ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
