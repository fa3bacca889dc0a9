"""Export a trained tutor (base model + LoRA adapter) as one plain Hugging Face model folder.

The result loads with ``AutoModelForCausalLM.from_pretrained(DIR)`` and needs no PEFT. Reward-model runs are
exported the same way as an ``AutoModelForSequenceClassification`` folder. Written to a temporary folder and
renamed, so a failed export leaves nothing half-written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from core.runs import load_config


def export_model(run_dir: str | Path, out: str | Path, home=None) -> Path:
    run, out = Path(run_dir), Path(out)
    cfg = load_config(run)
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"--out {out} exists and is not empty")
    if cfg.get("lab") == "reward":
        from core.reward import load_scorer

        model, tok = load_scorer(run, home)
    else:
        from core.models import adapter_folder, load_model

        model, tok = load_model(cfg.get("model", "smollm2"), home, adapter=adapter_folder(run))
    from core.models import fold_adapter

    merged = fold_adapter(model)  # a reward model's scorer comes folded already
    tmp = out.with_name(out.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    merged.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    if out.exists():
        out.rmdir()
    os.replace(tmp, out)
    return out
