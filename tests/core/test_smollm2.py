"""Integration on the real embedded SmolLM2-135M: convert (once), one SFT step, one generation, offline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.smollm2


def test_smollm2_convert_train_generate(home, tmp_path, no_network):
    from core import models, tutor
    from core.config import GenerateConfig, SftConfig
    from core.generate import generate
    from core.sft import run_sft

    progress = []
    folder = models.resolve_model("smollm2", home, on_progress=lambda f, m: progress.append((f, m)))
    assert (folder / "model.safetensors").is_file()
    if progress:  # first conversion in this data dir: progress was reported up to 1.0
        assert progress[-1][0] == 1.0 and any("converting tensor" in m for _, m in progress)
    rows = [{"prompt": tutor.messages("She go to school."),
             "completion": [{"role": "assistant", "content": "Correction: She goes to school.\nAdd -s."}]}]
    summary = run_sft(SftConfig(model="smollm2", out=str(tmp_path / "run"), max_steps=1, batch_size=1),
                      home=home, rows=rows)
    assert summary["status"] == "finished" and summary["steps"] == 1 and summary["final_loss"] < 10
    model, tok = models.load_model("smollm2", home, adapter=tmp_path / "run")
    reply = generate(model, tok, [tutor.messages("She go to school.")], GenerateConfig(max_new_tokens=12))[0]
    assert isinstance(reply, str) and reply.strip()
    assert no_network == []
