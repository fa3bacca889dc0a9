"""Model resolution: the tiny model is deterministic, bad folders get clear errors, nothing downloads."""

from __future__ import annotations

import json

import pytest

from core import models


def test_tiny_model_is_deterministic(home, tmp_path):
    import torch
    from transformers import AutoModelForCausalLM

    models.build_tiny(tmp_path / "a")
    models.build_tiny(tmp_path / "b")
    a = AutoModelForCausalLM.from_pretrained(tmp_path / "a")
    b = AutoModelForCausalLM.from_pretrained(tmp_path / "b")
    for (name, pa), (_, pb) in zip(a.state_dict().items(), b.state_dict().items()):
        assert torch.equal(pa, pb), name


def test_tiny_tokenizer_round_trips_and_has_chat_template():
    tok = models.tiny_tokenizer()
    text = "She go to school. Ünïcode – ok"
    ids = tok(text, add_special_tokens=False)["input_ids"]
    assert tok.decode(ids) == text
    rendered = tok.apply_chat_template([{"role": "user", "content": "hi"}], tokenize=False,
                                       add_generation_prompt=True)
    assert rendered == "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"


def test_resolve_tiny_builds_once(home):
    folder = models.resolve_model("tiny", home)
    stamp = (folder / "model.safetensors").stat().st_mtime
    assert models.resolve_model("tiny", home) == folder
    assert (folder / "model.safetensors").stat().st_mtime == stamp


@pytest.mark.parametrize("case, message", [
    ("missing", "does not exist"),
    ("file", "is not a folder"),
    ("empty", "has no config.json"),
    ("badjson", "is not valid JSON"),
    ("classifier", "not a causal language model"),
    ("noweights", "has no weights"),
])
def test_bad_model_folders_are_named(tmp_path, case, message):
    target = tmp_path / "m"
    if case == "file":
        target.write_text("x")
    elif case != "missing":
        target.mkdir()
    if case == "badjson":
        (target / "config.json").write_text("{nope")
    if case == "classifier":
        (target / "config.json").write_text(json.dumps({"architectures": ["BertForSequenceClassification"]}))
    if case == "noweights":
        (target / "config.json").write_text(json.dumps({"architectures": ["LlamaForCausalLM"]}))
    with pytest.raises(models.ModelError, match=message) as info:
        models.resolve_model(str(target))
    assert str(target) in str(info.value)


def test_local_folder_loads(home):
    folder = models.resolve_model("tiny", home)
    model, tok = models.load_model(str(folder), home)
    assert model.config.model_type == "llama" and tok.pad_token is not None


def test_adapter_resolution(tmp_path):
    assert models.resolve_adapter("none", "smollm2") is None
    assert models.resolve_adapter("shipped", "tiny") is None
    with pytest.raises(models.ModelError, match="neither a PEFT adapter"):
        models.resolve_adapter(str(tmp_path), "tiny")


def test_device_and_threads():
    assert models.pick_device() in {"cpu", "cuda", "mps"}
    assert models.configure_threads() >= 1
