"""`make bench`: speed and memory of the labs, each side by side with a plain TRL script in the same run.

    python scripts/bench.py [--sections roof,sft,rm,dpo,micro,gen,eval,ask,process,gui,launch] [--home DIR]

Each job runs in its own subprocess (so peak RSS is its own); results are merged into docs/benchmarks.json
(sections not run keep their last figures, with the date they were measured) and docs/benchmarks.md is
rewritten from it. Ratios are the figures to read: absolute times on a shared 2-core machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs"
PY = sys.executable
SECTIONS = ("roof", "sft", "rm", "dpo", "micro", "gen", "eval", "ask", "guess", "profile", "stop", "process", "gui", "launch")


def sub(args: list[str], home: str, timeout: int = 3000) -> dict:
    env = {**os.environ, "PREFLAB_HOME": home, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    out = subprocess.run([PY, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


N_PARAMS = 134.5e6  # SmolLM2-135M (embeddings tied with the LM head, counted once)
N_HEAD = 49152 * 576  # the LM head's share of it


def training_gflops(run_dir: str, lab: str, seconds: float) -> tuple[int, float]:
    """(tokens, achieved GFLOP/s) of a training run, counting the work actually done.

    LoRA costs ~4 FLOPs per parameter per token (forward 2, backward to the inputs 2; frozen weights get no
    gradient). TRL's jobs run every token through all N parameters; the packed engine runs each distinct token
    of a batch's prefix tree once (``num_tokens_packed``) and the LM head only on reply tokens
    (``num_tokens_scored``). DPO adds the reference forward (2 per parameter per token, once per dataset)."""
    from core.runs import read_metrics

    logged = [m for m in read_metrics(run_dir) if "num_tokens" in m]
    if not logged:
        return 0, 0.0
    last = logged[-1]
    tokens = int(last.get("num_tokens_packed", last["num_tokens"]))
    if lab == "rm":  # a sequence classifier: no LM head, a 1-output score
        per_token_params, head = N_PARAMS - N_HEAD, 0
    else:
        scored = int(last.get("num_tokens_scored", tokens))
        per_token_params, head = N_PARAMS - N_HEAD, N_HEAD * scored
    passes = 4 + (2 if lab == "dpo" else 0)
    flops = passes * (per_token_params * tokens + head)
    return tokens, flops / max(seconds, 1e-9) / 1e9


# --- jobs run inside a child process ------------------------------------------------------------------------

def job(lab: str, home: str, max_steps: int, micro: int = 0) -> dict:
    """One lab's training at the app's defaults (``micro``: micro-batch size, 0 = the app's automatic choice)."""
    import resource

    from core.config import DpoConfig, RewardConfig, SftConfig

    out = str(Path(home) / "bench-runs" / f"{lab}-{int(time.time())}")
    common = dict(model="smollm2", out=out, max_steps=max_steps, micro_batch_size=micro)
    if lab == "sft":
        from core.sft import run_sft

        s = run_sft(SftConfig(**common, batch_size=8), home=home)
    elif lab == "rm":
        from core.reward import run_reward

        s = run_reward(RewardConfig(**common, eval_pairs=""), home=home)
    else:
        from core.dpo import run_dpo

        s = run_dpo(DpoConfig(**common, epochs=1, eval_pairs="", eval_data=""), home=home)  # one epoch, as plain
    from core.runs import read_metrics

    losses = [m["loss"] for m in read_metrics(out) if "loss" in m]
    tokens, gflops = training_gflops(out, lab, s["train_seconds"])
    return {"wall": s["train_seconds"], "steps": s["steps"], "final_loss": losses[-1] if losses else None,
            "tokens": tokens, "gflops": gflops,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


# operator families of a training step's profile: an aten op (leading underscores dropped) belongs to the first
# family with a word its name starts with
FAMILIES = (("matmul", ("mm", "addmm", "bmm", "baddbmm", "matmul", "linear")),
            ("attention", ("scaled_dot_product", "flash_attention", "efficient_attention")),
            ("softmax and loss", ("softmax", "log_softmax", "nll", "gather", "logsigmoid", "cross_entropy")),
            ("copies and casts", ("copy", "to_copy", "clone", "contiguous", "cat", "index", "stack", "empty",
                                  "zeros", "fill", "pad", "where", "masked_fill", "embedding", "slice", "select")),
            ("optimizer", ("foreach", "addcdiv", "addcmul", "lerp", "sqrt")),
            ("elementwise", ("mul", "add", "sub", "div", "silu", "neg", "pow", "rsqrt", "mean", "sum", "exp",
                             "sigmoid", "threshold", "rsub", "reciprocal", "sin", "cos", "clamp")))


def family(op: str) -> str:
    name = op.split("::")[-1].lstrip("_")
    return next((fam for fam, words in FAMILIES if any(name.startswith(w) for w in words)), "other")


def profile_steps(lab: str, home: str, steps: int) -> dict:
    """Where a training step's time goes, per operator family (torch.profiler, self CPU time of each aten op,
    forward and backward), for the reward-model or DPO job at the app's defaults on SmolLM2: the profiler
    starts when the first step has ended (steady state) and stops at the run's end. The matmuls' FLOPs come
    from the profiler (with_flops), so their own GFLOP/s is beside the whole step's; then the same bf16
    matmuls alone, at the shapes one packed step gives them, against the 2048x2048 roof."""
    import resource

    import torch

    from core.config import DpoConfig, RewardConfig

    out = str(Path(home) / "bench-runs" / f"profile-{lab}-{int(time.time())}")
    prof = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], with_flops=True)
    seen: dict = {"start": None, "first": None, "last": None}

    def on_metrics(event: dict) -> None:
        step = event.get("step")
        if not isinstance(step, int) or "loss" not in event:
            return
        if seen["first"] is None:
            seen["first"], seen["start"] = step, time.perf_counter()
            prof.start()
        seen["last"] = step

    common = dict(model="smollm2", out=out, max_steps=steps, eval_pairs="")
    try:
        if lab == "rm":
            from core.reward import run_reward

            run_reward(RewardConfig(**common), home=home, on_metrics=on_metrics)
        else:
            from core.dpo import run_dpo

            run_dpo(DpoConfig(**common, eval_data=""), home=home, on_metrics=on_metrics)
    finally:
        if seen["first"] is not None:
            prof.stop()
    wall = time.perf_counter() - seen["start"]
    profiled = seen["last"] - seen["first"]
    by_family: dict[str, float] = {}
    flops = mm_seconds = 0.0
    for avg in prof.key_averages():
        if not avg.key.startswith("aten::"):
            continue
        fam = family(avg.key)
        by_family[fam] = by_family.get(fam, 0.0) + avg.self_cpu_time_total / 1e6
        if fam == "matmul":
            flops += avg.flops or 0
            mm_seconds += avg.self_cpu_time_total / 1e6
    total = sum(by_family.values())
    return {"lab": lab, "steps_profiled": profiled, "wall_s": wall,
            "seconds_per_step": wall / max(profiled, 1),
            "families": {k: v / total for k, v in sorted(by_family.items(), key=lambda kv: -kv[1])},
            "op_seconds": total, "matmul_gflops": flops / max(mm_seconds, 1e-9) / 1e9,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _matmul_gflops(m: int, k: int, n: int, dtype, repeats: int) -> float:
    """GFLOP/s of ``x @ W^T`` (x: m x k, W: n x k, a linear layer's forward), best of ``repeats`` after one
    warm-up."""
    import torch

    a, w = torch.randn(m, k, dtype=dtype), torch.randn(n, k, dtype=dtype)
    a @ w.t()
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        a @ w.t()
        best = min(best, time.perf_counter() - t)
    return 2 * m * k * n / best / 1e9


def shape_roof() -> dict:
    """bf16 and fp32 matmul GFLOP/s at the shapes a packed training step gives the decoder's linear layers
    (512 tokens: 576 -> 1536, 1536 -> 576, 576 -> 576, 576 -> 192; forward x @ W^T), beside 2048x2048."""
    import torch

    from core.models import configure_threads

    configure_threads()
    return {f"{str(dtype).split('.')[-1]} {m}x{k}x{n}": _matmul_gflops(m, k, n, dtype, 20 if m < 2048 else 5)
            for dtype in (torch.float32, torch.bfloat16)
            for m, k, n in ((2048, 2048, 2048), (512, 576, 1536), (512, 1536, 576), (512, 576, 576), (512, 576, 192))}


def roof() -> dict:
    import torch

    from core.models import configure_threads

    return {"threads": configure_threads(),
            **{f"gflops_{str(dtype).split('.')[-1]}": _matmul_gflops(2048, 2048, 2048, dtype, 5)
               for dtype in (torch.float32, torch.bfloat16)}}


def generation(home: str) -> dict:
    import time as _t

    from core import tutor
    from core.config import GenerateConfig
    from core.constitution import load_prompts
    from core.generate import generate
    from core.models import load_model, resolve_adapter

    model, tok = load_model("smollm2", home, adapter=resolve_adapter("shipped", "smollm2"))
    prompts = [tutor.prompt_messages(p) for p in load_prompts(ROOT / "data" / "cai_prompts.jsonl")[:16]]
    result = {}
    for label, batch in (("one_at_a_time", 1), ("batched", 16)):
        cfg = GenerateConfig(max_new_tokens=48, batch_size=batch)
        t = _t.perf_counter()
        replies = generate(model, tok, prompts, cfg)
        wall = _t.perf_counter() - t
        tokens = sum(len(tok(r, add_special_tokens=False)["input_ids"]) + 1 for r in replies)
        result[label] = {"seconds": wall, "tokens": tokens, "tokens_per_s": tokens / wall}
    result["speedup"] = result["batched"]["tokens_per_s"] / result["one_at_a_time"]["tokens_per_s"]
    return result


def gui_stall(home: str, lab: str, steps: int, delay: float = 0.0) -> dict:
    """Largest gap between 10 ms heartbeats of the real window's event loop while a job runs (the tab's job
    function through a JobRunner, as the tab starts it), and the seconds from Start to the first training point.
    As in the app (gui/app.py), the jobs' fork server starts its imports WARM_UP_MS after the window shows; Start
    is pressed ``delay`` seconds after the window shows (0: at once, before those imports have finished)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from core.child import warm_up
    from core.config import DpoConfig, RewardConfig, SftConfig
    from gui.app import WARM_UP_MS
    from gui.main_window import MainWindow
    from gui.worker import JobRunner

    app = QApplication.instance() or QApplication([])
    window = MainWindow(home=home, model_spec="smollm2")
    window.show()
    QTimer.singleShot(WARM_UP_MS, warm_up)
    out = str(Path(home) / "bench-runs" / f"gui-{lab}-{int(time.time())}")
    # the tabs' job functions (core), started the way the tabs start them (in a child process)
    if lab == "sft":
        from core.sft import train_tutor as fn

        cfg = SftConfig(model="smollm2", out=out, max_steps=steps)
    elif lab == "rm":
        from core.reward import train_reward as fn

        cfg = RewardConfig(model="smollm2", out=out, eval_pairs="", max_steps=steps)
    else:
        from core.dpo import train_dpo as fn

        cfg = DpoConfig(model="smollm2", out=out, eval_pairs="", eval_data="", max_steps=steps)
    clock, gaps, events = QElapsedTimer(), [], []
    clock.start()
    last = [clock.elapsed()]

    def beat() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(beat)
    runner = JobRunner(window)
    first_step = []  # seconds from Start to the first training point the plot gets
    runner.metrics.connect(events.append)
    runner.metrics.connect(lambda e: first_step or ("step" in e and first_step.append(clock.elapsed() / 1000)))
    runner.finished.connect(app.quit)
    timer.start()
    started = []

    def start() -> None:
        clock.restart()
        last[0] = 0
        gaps.clear()
        started.append(runner.start(fn, cfg, home))

    QTimer.singleShot(int(delay * 1000), start)
    app.exec()
    timer.stop()
    return {"max_stall_ms": max(gaps) - 10 if gaps else None, "beats": len(gaps), "events": len(events),
            "first_step_s": first_step[0] if first_step else None}


def ask_time(home: str) -> dict:
    """"Ask the tutor" through the kept model process (core/session.py, what the Tutor tab uses): the first
    question (start the process, load the model and the shipped adapter) and the next two, in seconds."""
    from core import tutor
    from core.models import resolve_adapter
    from core.session import ModelProcess

    process = ModelProcess(home)
    adapter = str(resolve_adapter("shipped", "smollm2"))
    times = []
    try:
        for sentence in ("She go to school every day.", "They has two cats.", "We visited Rome last year."):
            t = time.perf_counter()
            process.call("load", spec="smollm2", adapter=adapter)
            process.call("generate", messages_list=[tutor.messages(sentence)])
            times.append(time.perf_counter() - t)
    finally:
        process.close()
    return {"first_s": times[0], "second_s": times[1], "third_s": times[2]}


def guess_time(home: str) -> dict:
    """One-prompt generation as the learner waits for it once the model is loaded, with guessing ahead
    (core.generate.Drafter, as now) and without it (the plain token loop), each case twice, alternated, and the
    replies of both compared. "ask": Ask the tutor on the three questions of section ask and the first nine
    dev sentences. "try": the Constitution tab's Try it, a critique and then a revision given it (the tab's
    settings) on the tab's samples, with the shipped constitution's principle for each kind (harmless for
    red-team replies, honest for invented errors). Seconds per case."""
    import statistics

    import core.generate as g
    from core import principles, tutor
    from core.config import ConstitutionConfig, GenerateConfig
    from core.constitution import critique_messages, revision_messages, try_samples
    from core.data import demo_replies, load_eval
    from core.models import load_for_inference, resolve_adapter

    model, tok = load_for_inference("smollm2", home, adapter=resolve_adapter("shipped", "smollm2"))
    shipped = principles.load().principles
    family = {"redteam": "harm", "invented": "honest"}

    class NoGuesses(g.Drafter):
        AHEAD = 0

    sides = {"guessing": g.Drafter(tok, demo_replies()), "plain": NoGuesses()}

    def ask(sentence: str, drafter) -> tuple[str, ...]:
        return tuple(g.generate(model, tok, [tutor.messages(sentence)], GenerateConfig(), drafter=drafter))

    def try_it(sample: dict, drafter) -> tuple[str, ...]:
        p = next(p for p in shipped if family[sample["kind"]] in p.name.lower())
        gen = GenerateConfig(max_new_tokens=ConstitutionConfig.max_new_tokens, batch_size=1)
        critique = g.generate(model, tok, [critique_messages(sample["prompt"], sample["reply"], p)], gen,
                              drafter=drafter)[0]
        return critique, g.generate(model, tok, [revision_messages(sample["prompt"], sample["reply"], p, critique)],
                                    gen, drafter=drafter)[0]

    sentences = ["She go to school every day.", "They has two cats.", "We visited Rome last year."]
    sentences += [row["sentence"] for row in load_eval(ROOT / "data" / "eval.jsonl")[:9]]
    result = {}
    for name, fn, cases in (("ask", ask, sentences), ("try", try_it, try_samples())):
        fn(cases[0], sides["plain"])  # warm-up
        seconds, texts = {side: [] for side in sides}, {side: [] for side in sides}
        for k, case in enumerate(cases):
            for side in (("guessing", "plain") if k % 2 == 0 else ("plain", "guessing")):
                t = time.perf_counter()
                texts[side].append(fn(case, sides[side]))
                seconds[side].append(time.perf_counter() - t)
        result[name] = {"cases": len(cases),
                        **{f"{side}_median_s": statistics.median(v) for side, v in seconds.items()},
                        **{f"{side}_mean_s": statistics.mean(v) for side, v in seconds.items()},
                        **{f"{side}_max_s": max(v) for side, v in seconds.items()},
                        "differ": sum(a != b for a, b in zip(texts["guessing"], texts["plain"]))}
    return result


def stop_time(home: str) -> dict:
    """Stop pressed part-way through a training step on SmolLM2 (each lab's defaults, from the shipped tutor
    where the lab starts from it): seconds from Stop until the job returned (core.training.stop_within_steps
    ends the step in flight, then the checkpoint, adapter and run folder are saved), beside the length of the
    first step. Stop comes 1 s after the first step's event, inside the second step; the window waits for
    the job's return before it says "stopped"."""
    import tempfile
    import threading

    from core.config import DpoConfig, RewardConfig, SftConfig
    from core.dpo import run_dpo
    from core.progress import CancelToken
    from core.reward import run_reward
    from core.sft import run_sft

    pairs = str(ROOT / "data" / "pairs_train.jsonl")
    labs = {"sft": (run_sft, lambda out: SftConfig(model="smollm2", out=out, max_steps=4, save_steps=2)),
            "rm": (run_reward, lambda out: RewardConfig(model="smollm2", out=out, pairs=pairs, eval_pairs="",
                                                        max_steps=4, save_steps=2)),
            "dpo": (run_dpo, lambda out: DpoConfig(model="smollm2", out=out, pairs=pairs, eval_pairs="",
                                                   eval_data="", max_steps=4, save_steps=2))}
    result = {}
    for lab, (job, config) in labs.items():
        cancel, events = CancelToken(), []

        def on_metrics(event, events=events):
            if "loss" in event and "step" in event:
                events.append((time.perf_counter(), event))

        with tempfile.TemporaryDirectory() as out:
            done: list = []

            def work(job=job, cfg=config(out), done=done, on_metrics=on_metrics, cancel=cancel):
                done.append(job(cfg, home=home, on_metrics=on_metrics, cancel=cancel))

            thread = threading.Thread(target=work)
            start = time.perf_counter()
            thread.start()
            while not events and thread.is_alive():
                time.sleep(0.01)
            time.sleep(1.0)
            stopped_at = time.perf_counter()
            cancel.cancel()
            thread.join()
            returned = time.perf_counter()
        first = events[0][1] if events else {}
        result[lab] = {"status": done[0]["status"] if done else "failed", "steps_done": len(events),
                       "first_step_s": first.get("elapsed"), "until_first_step_s": events[0][0] - start if events else None,
                       "stop_to_return_s": returned - stopped_at}
    return result


def launch_time() -> dict:
    times = []
    for _ in range(3):
        t0 = time.time()
        out = subprocess.run([PY, "-m", "gui.app"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                             env={**os.environ, "PREFLAB_EXIT_WHEN_SHOWN": "1", "QT_QPA_PLATFORM": "offscreen"})
        line = next(ln for ln in out.stdout.splitlines() if ln.startswith("shown "))
        times.append(float(line.split()[1]) - t0)
    return {"seconds": min(times), "all": times}


def eval_time(home: str, batch_sizes: tuple[int, ...] = (32, 64, 128)) -> dict:
    """The HHH eval of the shipped tutor on the 200 sentences of data/eval.jsonl (core.evaluate.evaluate_model:
    batched greedy generation, KV cache written in place, adapter folded in, rows stopped after their verdict
    line), at each batch size."""
    from core.config import EvalConfig
    from core.data import load_eval
    from core.evaluate import evaluate_model
    from core.models import load_for_inference, resolve_adapter

    model, tok = load_for_inference("smollm2", home, adapter=resolve_adapter("shipped", "smollm2"))
    examples = load_eval(ROOT / "data" / "eval.jsonl")
    result = {"sentences": len(examples), "default_batch": EvalConfig().batch_size}
    for size in batch_sizes:
        t = time.perf_counter()
        rates = evaluate_model(model, tok, examples, EvalConfig(batch_size=size))
        result[f"batch_{size}"] = {"seconds": time.perf_counter() - t,
                                   **{k: rates[k] for k in ("helpful", "honest", "missed", "harmless")}}
    return result


# --- whole processes: the learner's wait, start to exit -----------------------------------------------------

def timed_process(args: list[str], home: str, timeout: int = 3000) -> dict:
    """Run a command start to exit; (seconds since start, line) of each line it writes to stderr."""
    env = {**os.environ, "PREFLAB_HOME": home, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    t0 = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    lines = [(time.monotonic() - t0, line.rstrip()) for line in proc.stderr]
    if proc.wait(timeout=timeout) != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n" + "\n".join(line for _, line in lines[-30:]))
    return {"wall": time.monotonic() - t0, "lines": lines}


def phases(lines: list[tuple[float, str]], wall: float) -> dict:
    """Where a `preflab dpo|rm` process's time went, from the progress lines it prints (core/cli.py):
    start-up (imports, reading the pairs) until ``[loading model]``; model load until the next phase line;
    reference log-probs (DPO; with the trainer's set-up and tokenization) until training starts; the steps;
    and everything after the last step (saving, pair margins, exit). Training starts one step-time before
    the first step's line."""
    def first(prefix: str) -> float | None:
        return next((t for t, line in lines if line.startswith(prefix)), None)

    steps = [(t, line) for t, line in lines if line.lstrip().startswith("step ")]
    loading = first("[loading model]")
    if not steps or loading is None:
        return {}
    n = int(steps[-1][1].split()[1].split("/")[1])
    per_step = (steps[-1][0] - steps[0][0]) / max(1, n - 1)
    train_start = steps[0][0] - per_step
    # a phase line between the model load and training (DPO's reference log-probs); the reward model has none
    after_load = next((t for t, line in lines if line.startswith("[") and loading < t < train_start
                       and not line.startswith("[loading model]")), None)
    out = {"start_up": loading, "model_load": (after_load or train_start) - loading}
    if after_load is not None:
        out["reference_logps"] = train_start - after_load
    out.update(steps=steps[-1][0] - train_start, after_last_step=wall - steps[-1][0], n_steps=n)
    return out


PROCESS_CASES = (  # (name, lab, pairs: None = all 200 seed pairs, else the first N of them)
    ("dpo_40", "dpo", 40), ("dpo_200", "dpo", None), ("rm_200", "rm", None))


def process_case(lab: str, pairs: int | None, home: str, repeats: int = 2) -> dict:
    """`preflab dpo|rm` vs the plain TRL script (scripts/baselines/trl_plain.py --save), whole processes,
    alternated, best of ``repeats``: the same pairs, 1 epoch, the app's batch (DPO 4 from the shipped tutor,
    reward model 8), held-out evals off on both sides."""
    source = ROOT / "data" / "pairs_train.jsonl"
    pairs_file = source
    if pairs is not None:
        pairs_file = Path(home) / f"bench-pairs-{pairs}.jsonl"
        pairs_file.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:pairs]),
                              encoding="utf-8")
    preflab = str(Path(PY).parent / "preflab")
    runs = Path(home) / "bench-runs"
    ours_runs, plain_runs = [], []
    for k in range(repeats):
        out = runs / f"process-{lab}-{int(time.time())}-{k}"
        extra = ["--eval-data", "", "--adapter", "shipped"] if lab == "dpo" else []
        ours = timed_process([preflab, lab, "--model", "smollm2", "--pairs", str(pairs_file), "--epochs", "1",
                              "--eval-pairs", "", *extra, "--out", str(out)], home)
        ours_runs.append({"wall": ours["wall"], **phases(ours["lines"], ours["wall"])})
        plain = timed_process([PY, str(ROOT / "scripts" / "baselines" / "trl_plain.py"), lab, "--home", home,
                               "--pairs", str(pairs_file), "--save", str(out) + "-plain"], home)
        plain_runs.append({"wall": plain["wall"]})
    best_ours = min(ours_runs, key=lambda r: r["wall"])
    best_plain = min(plain_runs, key=lambda r: r["wall"])
    return {"lab": lab, "pairs": pairs or sum(1 for _ in source.open(encoding="utf-8")),
            "ours": best_ours, "plain_trl": best_plain, "ours_all": [r["wall"] for r in ours_runs],
            "plain_all": [r["wall"] for r in plain_runs], "speedup": best_plain["wall"] / best_ours["wall"]}


# --- orchestration ------------------------------------------------------------------------------------------

def compare(lab: str, home: str, steps: int) -> dict:
    ours = sub([__file__, "_job", lab, "--home", home, "--steps", str(steps)], home)
    plain = sub([str(ROOT / "scripts" / "baselines" / "trl_plain.py"), lab, "--home", home, "--max-steps", str(steps)],
                home)
    return {"steps": steps, "ours": ours, "plain_trl": plain,
            "speedup": (plain["wall"] / plain["steps"]) / (ours["wall"] / ours["steps"])}


def run(sections: list[str], home: str, cases: tuple[str, ...] = tuple(c[0] for c in PROCESS_CASES),
        repeats: int = 2):
    """Yield (section, result) one section at a time, so each is saved as soon as it is measured."""
    jobs = {
        "roof": lambda: sub([__file__, "_roof"], home),
        "launch": launch_time,
        "gen": lambda: sub([__file__, "_gen", "--home", home], home),
        "eval": lambda: sub([__file__, "_eval", "--home", home], home),
        "ask": lambda: sub([__file__, "_ask", "--home", home], home),
        "guess": lambda: sub([__file__, "_guess", "--home", home], home),
        "profile": lambda: {**{lab: sub([__file__, "_profile", lab, "--home", home, "--steps", "6"], home)
                               for lab in ("rm", "dpo")},
                            "shapes": sub([__file__, "_shapes"], home)},
        "stop": lambda: sub([__file__, "_stop", "--home", home], home),
        "process": lambda: {name: process_case(lab, pairs, home, repeats) for name, lab, pairs in PROCESS_CASES
                            if name in cases},
        "sft": lambda: compare("sft", home, 10),
        "rm": lambda: compare("rm", home, -1),    # one epoch on the 200 seed pairs
        "dpo": lambda: compare("dpo", home, -1),
        # micro-batches: the same optimizer batch in smaller forward passes (gradient accumulation)
        "micro": lambda: {f"{lab}_{m}": sub([__file__, "_job", lab, "--home", home, "--steps", "12", "--micro", str(m)],
                                            home)
                          for lab, sizes in (("dpo", (4, 2, 1)), ("rm", (8, 4, 2))) for m in sizes},
        "gui": lambda: {f"{lab}{suffix}": sub([__file__, "_gui", lab, "--home", home, "--steps", "4",
                                               "--delay", delay], home)
                        for lab in ("sft", "rm", "dpo") for suffix, delay in (("", "0"), ("_after_10s", "10"))},
    }
    for name in sections:
        yield name, jobs[name]()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", nargs="?", default="run")
    ap.add_argument("lab", nargs="?")
    ap.add_argument("--sections", default=",".join(SECTIONS))
    ap.add_argument("--home", default=os.environ.get("PREFLAB_HOME") or str(ROOT / "runs" / "bench-home"))
    ap.add_argument("--steps", type=int, default=-1)
    ap.add_argument("--micro", type=int, default=0)
    ap.add_argument("--delay", type=float, default=0.0, help="_gui: seconds from the window shown to Start")
    ap.add_argument("--cases", default=",".join(c[0] for c in PROCESS_CASES), help="whole-process cases to run")
    ap.add_argument("--repeats", type=int, default=2, help="whole-process runs of each side (best is kept)")
    args = ap.parse_args()
    child = {  # what a section runs in its own process (sub): the result is printed as JSON
        "_job": lambda: job(args.lab, args.home, args.steps, args.micro),
        "_roof": roof,
        "_shapes": shape_roof,
        "_gen": lambda: generation(args.home),
        "_eval": lambda: eval_time(args.home),
        "_stop": lambda: stop_time(args.home),
        "_ask": lambda: ask_time(args.home),
        "_guess": lambda: guess_time(args.home),
        "_profile": lambda: profile_steps(args.lab, args.home, args.steps),
        "_gui": lambda: gui_stall(args.home, args.lab, args.steps, args.delay),
    }
    if args.cmd in child:
        print(json.dumps(child[args.cmd]()))
        return 0
    Path(args.home).mkdir(parents=True, exist_ok=True)
    sections = [s for s in args.sections.split(",") if s]
    path = DOCS / "benchmarks.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    stamp = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.processor() or platform.machine()}, "
             f"{os.cpu_count()} logical cores"}
    from scripts.bench_report import write_markdown

    for name, value in run(sections, args.home, tuple(args.cases.split(",")), args.repeats):
        data = json.loads(path.read_text()) if path.exists() else {}
        if name == "process":  # cases not run keep their last figures
            value = {**{k: v for k, v in data.get(name, {}).items() if isinstance(v, dict)}, **value}
        data[name] = {**value, **stamp}
        path.write_text(json.dumps(data, indent=2) + "\n")
        write_markdown(data, DOCS / "benchmarks.md")
        print(name, json.dumps(value), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
