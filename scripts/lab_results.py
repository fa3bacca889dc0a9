"""`make results`: what each lab achieves with the embedded SmolLM2, measured end to end on this machine.

    python scripts/lab_results.py [--sections model,tutor,rm,dpo,cai] [--home DIR]

Each section runs the same engine functions the GUI and CLI run, in a child process (so peak RSS is its own),
and merges its figures into docs/benchmarks.json under "labs"/"models"; docs/benchmarks.md is regenerated.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs"
RATES = ("helpful", "honest", "missed", "harmless")


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rates(result: dict | None) -> dict | None:
    return None if result is None else {k: result[k] for k in ("n", *RATES, "false_alarms")}


def section_model(home: str) -> dict:
    from core import models

    fresh = Path(tempfile.mkdtemp(prefix="preflab-convert-"))
    try:
        t = time.monotonic()
        models.resolve_model("smollm2", fresh)
        convert = time.monotonic() - t
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    models.resolve_model("smollm2", home)
    t = time.monotonic()
    models.load_model("smollm2", home)
    cached = time.monotonic() - t
    return {"first_conversion_s": convert, "cached_load_s": cached}


def section_tutor(home: str) -> dict:
    from core.config import EvalConfig
    from core.evaluate import run_eval

    t = time.monotonic()
    base = run_eval(EvalConfig(model="smollm2", adapter="none", data=str(ROOT / "data" / "eval.jsonl")), home=home)
    base_s = time.monotonic() - t
    tutor = run_eval(EvalConfig(model="smollm2", adapter="shipped", data=str(ROOT / "data" / "eval.jsonl")), home=home)
    red_base = run_eval(EvalConfig(model="smollm2", adapter="none", data=str(ROOT / "data" / "redteam.jsonl")), home=home)
    red_tutor = run_eval(EvalConfig(model="smollm2", adapter="shipped", data=str(ROOT / "data" / "redteam.jsonl")),
                         home=home)
    return {"base": _rates(base), "tutor": _rates(tutor), "redteam_base": _rates(red_base),
            "redteam_tutor": _rates(red_tutor), "eval_seconds": base_s, "peak_rss_mb": _rss()}


def section_rm(home: str) -> dict:
    from core.config import RewardConfig
    from core.reward import run_reward

    t = time.monotonic()
    cfg = RewardConfig(model="smollm2", out=str(Path(home) / "results" / "rm"))
    s = run_reward(cfg, home=home)
    return {"epochs": cfg.epochs, "learning_rate": cfg.learning_rate, "lab_seconds": time.monotonic() - t, "train_seconds": s["train_seconds"], "steps": s["steps"],
            "seconds_per_step": s["seconds_per_step"], "heldout_accuracy": s["heldout_accuracy"],
            "length_baseline": s["length_baseline"], "peak_rss_mb": _rss()}


def section_dpo(home: str, beta: float = 0.1) -> dict:
    from core.config import DpoConfig
    from core.dpo import run_dpo

    t = time.monotonic()
    cfg = DpoConfig(model="smollm2", out=str(Path(home) / "results" / "dpo"), beta=beta)
    s = run_dpo(cfg, home=home)
    return {"epochs": cfg.epochs, "learning_rate": cfg.learning_rate, "beta": cfg.beta, "sft_weight": cfg.sft_weight,
            "lab_seconds": time.monotonic() - t, "train_seconds": s["train_seconds"], "steps": s["steps"],
            "seconds_per_step": s["seconds_per_step"], "before": _rates(s["eval_before"]),
            "after": _rates(s["eval_after"]), "peak_rss_mb": _rss()}


def section_cai(home: str) -> dict:
    from core import constitution as cai
    from core.config import ConstitutionConfig, EvalConfig, SftConfig
    from core.data import load_eval
    from core.evaluate import evaluate_model
    from core.models import load_model, resolve_adapter

    run = Path(home) / "results" / "cai"
    t = time.monotonic()
    s = cai.run_constitution(ConstitutionConfig(model="smollm2", out=str(run), rounds=2), home=home)
    loop_s = time.monotonic() - t
    distill = Path(home) / "results" / "distill"
    shipped = resolve_adapter("shipped", "smollm2")
    d = cai.run_distill(SftConfig(model="smollm2", out=str(distill), adapter=str(shipped), epochs=2, data=""), run,
                        home=home)
    out = {"loop_seconds": loop_s, "prompts": s["prompts"], "changed": s["changed"], "discarded": s["discarded"],
           "rounds": 2 * s["prompts"], "distill_steps": d["steps"]}
    for label, adapter in (("before", shipped), ("after", distill)):
        model, tok = load_model("smollm2", home, adapter=adapter)
        for name in ("eval", "redteam"):
            examples = load_eval(ROOT / "data" / f"{name}.jsonl")
            out[f"{name}_{label}"] = _rates(evaluate_model(model, tok, examples, EvalConfig()))
    out["peak_rss_mb"] = _rss()
    return out


SECTIONS = {"model": section_model, "tutor": section_tutor, "rm": section_rm, "dpo": section_dpo, "cai": section_cai}


def markdown(labs: dict) -> list[str]:
    def pct(r, k):
        return "—" if not r or r.get(k) is None else f"{r[k]:.2f}"

    lines = []
    if "model" in labs:
        m = labs["model"]
        lines += [f"- SmolLM2 GGUF → safetensors, first run: {m['first_conversion_s']:.1f} s; cached load: "
                  f"{m['cached_load_s']:.1f} s ({m['date']})."]
    table = ["| model | set | helpful | honest | missed | harmless |", "|---|---|---|---|---|---|"]
    if "tutor" in labs:
        t = labs["tutor"]
        for name, key in (("base SmolLM2", "base"), ("shipped SFT tutor", "tutor")):
            table.append(f"| {name} | eval (200) | " + " | ".join(pct(t[key], k) for k in RATES) + " |")
        for name, key in (("base SmolLM2", "redteam_base"), ("shipped SFT tutor", "redteam_tutor")):
            table.append(f"| {name} | red-team (40) | " + " | ".join(pct(t[key], k) for k in RATES) + " |")
    if "dpo" in labs:
        d = labs["dpo"]
        table.append("| DPO tutor (before = SFT) | eval | " + " | ".join(
            f"{pct(d['before'], k)} → {pct(d['after'], k)}" for k in RATES) + " |")
    if "cai" in labs:
        c = labs["cai"]
        for name in ("eval", "redteam"):
            table.append(f"| distilled constitution tutor | {name} | " + " | ".join(
                f"{pct(c[f'{name}_before'], k)} → {pct(c[f'{name}_after'], k)}" for k in RATES) + " |")
    if len(table) > 2:
        lines += ["", *table, ""]
    if "rm" in labs:
        r = labs["rm"]
        lines += [f"- Reward model, {r.get('epochs', 1):g} epoch{'' if r.get('epochs', 1) == 1 else 's'} at lr {r.get('learning_rate', 5e-4):g} on the 200 seed pairs: "
                  f"held-out accuracy **{r['heldout_accuracy']:.3f}** "
                  f"(length baseline: longer wins {r['length_baseline']['longer']:.3f}, shorter wins "
                  f"{r['length_baseline']['shorter']:.3f}); whole lab {r['lab_seconds']:.0f} s, "
                  f"{r['seconds_per_step']:.2f} s/step, peak RSS {r['peak_rss_mb']:.0f} MB ({r['date']})."]
    if "dpo" in labs:
        d = labs["dpo"]
        lines += [f"- DPO, the lab's defaults ({d.get('epochs', 2):g} epochs on the 200 seed pairs, beta {d.get('beta', 0.1):g}, "
                  f"lr {d.get('learning_rate', 5e-5):g}, SFT term {d.get('sft_weight', 1.0):g}): training {d['train_seconds']:.0f} s "
                  f"({d['seconds_per_step']:.2f} s/step), whole lab with both evals {d['lab_seconds']:.0f} s, "
                  f"peak RSS {d['peak_rss_mb']:.0f} MB ({d['date']})."]
    if "cai" in labs:
        c = labs["cai"]
        unused = (f"{c['discarded']} of {c['rounds']} revisions not used (not a reply: see core.constitution."
                  f"revision_problem); " if "discarded" in c else "")
        lines += [f"- Constitution loop, {c['prompts']} prompts x 2 rounds: {c['loop_seconds']:.0f} s; {unused}"
                  f"{c['changed']} final revisions differ from the first answer; distilled in {c['distill_steps']} "
                  f"SFT steps; peak RSS {c['peak_rss_mb']:.0f} MB ({c['date']})."]
    if "tutor" in labs:
        lines += [f"- Eval of 200 sentences (batched greedy): {labs['tutor']['eval_seconds']:.0f} s; peak RSS "
                  f"{labs['tutor']['peak_rss_mb']:.0f} MB."]
    return lines


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", nargs="?", default="run")
    ap.add_argument("--sections", default="model,tutor,rm,dpo,cai")
    ap.add_argument("--home", default=os.environ.get("PREFLAB_HOME") or str(ROOT / "runs" / "bench-home"))
    args = ap.parse_args()
    if args.cmd.startswith("_"):
        print(json.dumps(SECTIONS[args.cmd[1:]](args.home)))
        return 0
    path = DOCS / "benchmarks.json"
    for name in [s for s in args.sections.split(",") if s]:
        env = {**os.environ, "PREFLAB_HOME": args.home, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
        out = subprocess.run([sys.executable, __file__, f"_{name}", "--home", args.home], capture_output=True,
                             text=True, env=env, cwd=ROOT)
        if out.returncode != 0:
            print(out.stderr[-4000:], file=sys.stderr)
            return 1
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(name, json.dumps(result), flush=True)
        data = json.loads(path.read_text()) if path.exists() else {}
        labs = data.setdefault("labs", {})
        labs[name] = {**result, "date": time.strftime("%Y-%m-%d %H:%M")}
        labs["markdown"] = markdown({k: v for k, v in labs.items() if k != "markdown"})
        path.write_text(json.dumps(data, indent=2) + "\n")
        from scripts.bench_report import write_markdown

        write_markdown(data, DOCS / "benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
