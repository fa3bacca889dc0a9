"""A tutor exported with `preflab export-model` loads with plain transformers and answers the same."""

from __future__ import annotations

import json

from core import tutor
from core.cli import main


def test_merged_model_matches_base_plus_adapter(home, tmp_path):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from core.config import GenerateConfig, SftConfig
    from core.generate import generate
    from core.models import load_model
    from core.sft import run_sft

    rows = [{"prompt": tutor.messages(f"He walk {i}."),
             "completion": [{"role": "assistant", "content": f"Correction: He walks {i}."}]} for i in range(8)]
    run = tmp_path / "run"
    run_sft(SftConfig(model="tiny", out=str(run), max_steps=3, batch_size=4, learning_rate=5e-2, bf16=False),
            home=home, rows=rows)
    assert main(["export-model", str(run), "--out", str(tmp_path / "merged")]) == 0
    assert not (tmp_path / "merged" / "adapter_config.json").exists()
    plain = AutoModelForCausalLM.from_pretrained(tmp_path / "merged")
    tok = AutoTokenizer.from_pretrained(tmp_path / "merged")
    peft_model, peft_tok = load_model("tiny", home, adapter=run)
    prompts = [tutor.messages("She go home.")]
    cfg = GenerateConfig(max_new_tokens=12)
    assert generate(plain, tok, prompts, cfg) == generate(peft_model, peft_tok, prompts, cfg)
    ids = tok("hello", return_tensors="pt")["input_ids"]
    with torch.no_grad():
        assert torch.allclose(plain(ids).logits, peft_model(ids).logits, atol=1e-4)


def test_export_refuses_bad_input(tmp_path, capsys):
    assert main(["export-model", str(tmp_path), "--out", str(tmp_path / "x")]) == 2
    assert "not a run folder" in capsys.readouterr().err
    (tmp_path / "config.json").write_text(json.dumps({"lab": "sft", "model": "tiny"}))
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "f").write_text("x")
    assert main(["export-model", str(tmp_path), "--out", str(tmp_path / "busy")]) == 2
    assert not (tmp_path / "busy" / "config.json").exists()
