"""The long-lived model process on the tiny model: loaded once, errors answered without ending the loop."""

from __future__ import annotations

import pytest

from core import tutor
from core.config import GenerateConfig
from core.session import ModelProcess, SessionError


@pytest.fixture
def session(tmp_path):
    proc = ModelProcess(home=tmp_path)
    yield proc
    proc.close()


def test_the_model_is_loaded_once_and_kept(session):
    first = session.call("load", spec="tiny", adapter="none")
    assert first == {**first, "reloaded": True, "loads": 1, "adapter": None}
    gen = GenerateConfig(max_new_tokens=8)
    one = session.call("generate", messages_list=[tutor.messages("She go to school.")], gen_cfg=gen)
    again = session.call("load", spec="tiny", adapter="none")
    assert again["reloaded"] is False and again["loads"] == 1
    two = session.call("generate", messages_list=[tutor.messages("She go to school."),
                                                  tutor.messages("They has a car.")], gen_cfg=gen)
    assert len(two["replies"]) == 2 and two["replies"][0] == one["replies"][0]  # greedy: the same reply
    assert len(two["harm"]) == 2 and all(isinstance(r, list) for r in two["harm"])  # judged in the child
    assert session.loads == 1


def test_errors_come_back_and_the_loop_goes_on(session, tmp_path):
    with pytest.raises(SessionError, match="no model loaded"):
        session.call("generate", messages_list=[tutor.messages("She go.")])
    missing = tmp_path / "no-such-run"
    with pytest.raises(SessionError, match="no-such-run"):
        session.call("load", spec="tiny", adapter=str(missing))
    with pytest.raises(SessionError, match="unknown request"):
        session.call("fly")
    pid = session.pid
    assert session.call("load", spec="tiny", adapter="none")["loads"] == 1
    assert session.pid == pid and session.alive


def test_close_ends_the_process(tmp_path):
    proc = ModelProcess(home=tmp_path)
    proc.call("load", spec="tiny", adapter="none")
    process = proc._process
    proc.close()
    assert not process.is_alive() and not proc.started


def test_an_adapter_is_folded_into_the_weights_and_answers_as_the_eval_does(session, tmp_path):
    """The process merges a LoRA adapter into the weights (faster per token); its greedy replies are those of
    the unmerged model that the eval and the labs generate with."""
    import torch
    from peft import LoraConfig, get_peft_model

    from core.generate import generate
    from core.models import load_model

    model, tok = load_model("tiny", tmp_path)
    torch.manual_seed(0)  # the random adapter below: unseeded, one draw in two made a near-tie of the tiny
    # model's logits that the merged weights' rounding flipped (seen 2026-11-30); seeded, the test is one case
    lora = get_peft_model(model, LoraConfig(r=4, target_modules=["q_proj", "v_proj", "down_proj"],
                                            init_lora_weights=False))  # random, so it changes the replies
    lora.save_pretrained(tmp_path / "adapter")
    messages = [tutor.messages(s) for s in ("She go to school.", "They has a car.", "We visited Rome.")]
    gen = GenerateConfig(max_new_tokens=8)
    base = generate(load_model("tiny", tmp_path)[0], tok, messages, gen)
    unmerged = generate(load_model("tiny", tmp_path, adapter=tmp_path / "adapter")[0], tok, messages, gen)
    session.call("load", spec="tiny", adapter=str(tmp_path / "adapter"))
    merged = session.call("generate", messages_list=messages, gen_cfg=gen)["replies"]
    assert merged == unmerged and unmerged != base
