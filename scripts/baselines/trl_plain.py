"""The comparison point of `make bench`: a plain TRL script at TRL's defaults.

Same model, LoRA (rank, alpha, target modules), data and batch size as the app's job; everything else is what
TRL does out of the box (bf16 autocast, gradient checkpointing on, reference log-probs recomputed every step,
padding to the longest in the batch). Prints one JSON line: wall seconds, steps, final loss, peak RSS.

    python scripts/baselines/trl_plain.py dpo|rm|sft --home DIR [--max-steps N] [--pairs FILE] [--save DIR]

``--save DIR`` ends the script the way a user's script ends, with ``trainer.save_model(DIR)`` (the whole-process
comparison of `make bench` times it start to exit).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("lab", choices=["dpo", "rm", "sft"])
    ap.add_argument("--home", required=True)
    ap.add_argument("--max-steps", type=int, default=-1)
    ap.add_argument("--model", default="smollm2")
    ap.add_argument("--pairs", default=str(ROOT / "data" / "pairs_train.jsonl"))
    ap.add_argument("--save", default="", help="save the trained model (adapter) here after training")
    args = ap.parse_args()

    from datasets import Dataset
    from peft import LoraConfig, PeftModel

    from core import tutor
    from core.models import configure_threads, load_tokenizer, resolve_adapter, resolve_model
    from core.pairs import load_pairs
    from core.sft import LORA_TARGETS

    configure_threads()
    folder = resolve_model(args.model, args.home)
    tok = load_tokenizer(folder)
    pairs = load_pairs(Path(args.pairs))
    # use_cpu=True is the one thing added to the defaults: without it TRL's default bf16 refuses to run on a CPU.
    common = dict(output_dir=str(Path(args.home) / "baseline-out"), report_to=[], save_strategy="no", use_cpu=True,
                  logging_steps=1, max_steps=args.max_steps, num_train_epochs=1, disable_tqdm=True)
    if args.lab == "dpo":
        from transformers import AutoModelForCausalLM
        from trl import DPOConfig, DPOTrainer

        model = AutoModelForCausalLM.from_pretrained(folder)
        adapter = resolve_adapter("shipped", args.model)
        if adapter:  # the SFT tutor, trainable; TRL copies it as the reference adapter
            model = PeftModel.from_pretrained(model, str(adapter), is_trainable=True)
        data = Dataset.from_list([{"prompt": tutor.prompt_messages(p["prompt"]),
                                   "chosen": [{"role": "assistant", "content": p["chosen"]}],
                                   "rejected": [{"role": "assistant", "content": p["rejected"]}]} for p in pairs])
        t0 = time.monotonic()  # as in the app's jobs: trainer set-up + training
        trainer = DPOTrainer(model=model, args=DPOConfig(per_device_train_batch_size=4, learning_rate=5e-5, **common),
                             train_dataset=data, processing_class=tok,
                             peft_config=None if adapter else LoraConfig(r=16, lora_alpha=32, target_modules=LORA_TARGETS))
    elif args.lab == "rm":
        from transformers import AutoModelForSequenceClassification
        from trl import RewardConfig, RewardTrainer

        model = AutoModelForSequenceClassification.from_pretrained(folder, num_labels=1)
        model.config.pad_token_id = tok.pad_token_id
        data = Dataset.from_list([{"prompt": tutor.prompt_messages(p["prompt"]),
                                   "chosen": [{"role": "assistant", "content": p["chosen"]}],
                                   "rejected": [{"role": "assistant", "content": p["rejected"]}]} for p in pairs])
        t0 = time.monotonic()  # as in the app's jobs: trainer set-up + training
        trainer = RewardTrainer(model=model, args=RewardConfig(per_device_train_batch_size=8, learning_rate=5e-4, **common),
                                train_dataset=data, processing_class=tok,
                                peft_config=LoraConfig(r=8, lora_alpha=16, target_modules=LORA_TARGETS,
                                                       modules_to_save=["score"], task_type="SEQ_CLS"))
    else:
        from transformers import AutoModelForCausalLM
        from trl import SFTConfig, SFTTrainer

        model = AutoModelForCausalLM.from_pretrained(folder)
        from core.sft import sft_rows_from_file  # the same rows as the app's: tutoring and skill demos

        rows = sft_rows_from_file(ROOT / "data" / "sft.jsonl")
        t0 = time.monotonic()  # as in the app's jobs: trainer set-up + training
        trainer = SFTTrainer(model=model, args=SFTConfig(per_device_train_batch_size=8, learning_rate=2e-4, **common),
                             train_dataset=Dataset.from_list(rows), processing_class=tok,
                             peft_config=LoraConfig(r=16, lora_alpha=32, target_modules=LORA_TARGETS))
    trainer.train()
    wall = time.monotonic() - t0
    if args.save:
        trainer.save_model(args.save)
    losses = [h["loss"] for h in trainer.state.log_history if "loss" in h]
    print(json.dumps({"wall": wall, "steps": trainer.state.global_step, "final_loss": losses[-1] if losses else None,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
