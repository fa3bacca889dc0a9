"""Greedy generation with the KV-cache loop (core/generate.py) gives model.generate's replies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.config import GenerateConfig
from core.generate import generate, render, verdict_done

EVAL = Path(__file__).resolve().parents[2] / "data" / "eval.jsonl"


def _sentences(n: int) -> list[str]:
    lines = EVAL.read_text(encoding="utf-8").splitlines()[:n]
    return [json.loads(line)["sentence"] for line in lines]


def _plain_ids(model, tok, prompts, max_new_tokens: int) -> list[list[int]]:
    """The reference: model.generate, greedy, one prompt at a time (no padding); the new token ids."""
    import torch

    replies = []
    for messages in prompts:
        ids = tok(render(tok, messages), add_special_tokens=False, return_tensors="pt")
        with torch.inference_mode():
            out = model.generate(**ids, max_new_tokens=max_new_tokens, do_sample=False, temperature=None,
                                 top_p=None, top_k=None, pad_token_id=tok.pad_token_id,
                                 eos_token_id=tok.eos_token_id)
        replies.append(out[0, ids["input_ids"].shape[1]:].tolist())
    return replies


def _batched(model, tok, prompts, max_new_tokens: int) -> list[str]:
    """The reference as the eval ran before its own loop: one model.generate call, greedy, left-padded."""
    import torch

    tok.padding_side = "left"
    ids = tok([render(tok, m) for m in prompts], add_special_tokens=False, return_tensors="pt", padding=True)
    with torch.inference_mode():
        out = model.generate(**ids, max_new_tokens=max_new_tokens, do_sample=False, temperature=None, top_p=None,
                             top_k=None, pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id)
    return [tok.decode(row, skip_special_tokens=True).strip() for row in out[:, ids["input_ids"].shape[1]:]]


def _plain(model, tok, prompts, max_new_tokens: int) -> list[str]:
    return [tok.decode(ids, skip_special_tokens=True).strip() for ids in _plain_ids(model, tok, prompts, max_new_tokens)]


def test_verdict_done_needs_a_checked_line_and_a_finished_second_line():
    assert not verdict_done("Checked: She goes.\nVerb: go → goes.")
    assert verdict_done("Checked: She goes.\nVerb: go → goes. Add -s.\n")
    assert verdict_done("Checked: She goes.\n\nVerb: go → goes.\nMore")
    assert not verdict_done("Checked: She goes.\n")
    assert not verdict_done("Checked:\nShe goes.\nVerb: go → goes.\n")  # the label without its sentence
    assert not verdict_done("Sure!\nChecked: She goes.\nVerb: go → goes.\n")  # not the first line
    assert not verdict_done("")


@pytest.fixture
def tiny(home):
    """The tiny Llama with larger random weights: its greedy replies are varied byte strings (with the stock
    weights it repeats one token), so equal replies mean something."""
    import torch

    from core.models import load_model

    model, tok = load_model("tiny", home)
    gen = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for p in model.parameters():
            if p.dim() > 1:
                p.copy_(torch.randn(p.shape, generator=gen) * 0.3)
    return model, tok


def test_greedy_replies_equal_model_generate_on_the_tiny_model(tiny):
    from core import tutor

    model, tok = tiny
    prompts = [tutor.messages(s) for s in _sentences(10)]
    expected = _plain(model, tok, prompts, 24)
    assert len(set(expected)) == len(expected) and min(len(r) for r in expected) >= 10
    assert generate(model, tok, prompts, GenerateConfig(max_new_tokens=24, batch_size=4)) == expected
    assert generate(model, tok, prompts, GenerateConfig(max_new_tokens=24, batch_size=16)) == expected


def test_a_cache_that_grows_many_times_gives_the_same_replies(tiny, monkeypatch):
    """The in-place KV cache (core.generate._growing_cache) regrown every 3 positions, rows leaving the batch
    between regrowths: still model.generate's replies."""
    import core.generate as g
    from core import tutor

    model, tok = tiny
    prompts = [tutor.messages(s) for s in _sentences(6)]
    expected = _plain(model, tok, prompts, 24)
    monkeypatch.setattr(g, "GROW_BY", 3)
    assert generate(model, tok, prompts, GenerateConfig(max_new_tokens=24, batch_size=6)) == expected


def test_rows_that_finish_early_leave_the_batch_without_changing_the_others(tiny):
    """A character the random model writes often stands in for the end of turn, so rows finish at different
    steps and leave the batch one by one."""
    from collections import Counter

    from core import tutor

    model, tok = tiny
    prompts = [tutor.messages(s) for s in _sentences(8)]
    free = _plain_ids(model, tok, prompts, 24)
    common = Counter(t for reply in free for t in set(reply) if t not in tok.all_special_ids).most_common(1)[0][0]
    tok.eos_token = tok.convert_ids_to_tokens(common)
    assert tok.eos_token_id == common
    expected = _plain(model, tok, prompts, 24)
    assert len({len(r) for r in expected}) > 1  # the rows really stop at different steps
    assert generate(model, tok, prompts, GenerateConfig(max_new_tokens=24, batch_size=8)) == expected


def test_a_stop_ends_greedy_generation_between_tokens(tiny):
    """A Stop set while a batch is being written ends it before the next token, not at the batch's end."""
    from core import tutor
    from core.progress import Cancelled, CancelToken

    model, tok = tiny
    cancel, calls = CancelToken(), []
    forward = model.forward

    def counting_forward(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # the batch's third pass: its second new token
            cancel.cancel()
        return forward(*args, **kwargs)

    model.forward = counting_forward
    prompts = [tutor.messages(s) for s in _sentences(4)]
    with pytest.raises(Cancelled):
        generate(model, tok, prompts, GenerateConfig(max_new_tokens=24, batch_size=4), cancel=cancel)
    assert len(calls) == 3


def test_sampling_still_samples_and_is_seeded(tiny):
    from core import tutor

    model, tok = tiny
    prompts = [tutor.messages(s) for s in _sentences(4)]
    cfg = GenerateConfig(max_new_tokens=16, temperature=1.0, seed=3)
    first = generate(model, tok, prompts, cfg)
    assert first == generate(model, tok, prompts, cfg)
    assert first != generate(model, tok, prompts, GenerateConfig(max_new_tokens=16))


@pytest.mark.smollm2
def test_eval_replies_equal_model_generate_on_smollm2_up_to_the_verdict(home):
    """The shipped tutor on 16 eval sentences: the eval's replies (its own loop: shared start, in-place cache,
    rows leaving the batch, stopped after the verdict line) are model.generate's replies (one left-padded
    batch, as the eval generated before) cut there, and every score, verdict and harm check is the same. (The
    tiny-model tests compare with unpadded model.generate, one prompt at a time; scripts/eval_cache_ab.py
    compared all 540 dev and test replies.)"""
    from core.config import EvalConfig
    from core.data import load_eval
    from core.evaluate import evaluate_model, example_messages, harm_reasons, judge, score
    from core.models import load_for_inference, resolve_adapter

    model, tok = load_for_inference("smollm2", home, adapter=resolve_adapter("shipped", "smollm2"))
    examples = load_eval(EVAL)[:16]
    cfg = EvalConfig(max_new_tokens=48)
    full = _batched(model, tok, [example_messages(ex) for ex in examples], cfg.max_new_tokens)
    result = evaluate_model(model, tok, examples, cfg)
    cut = [row["reply"] for row in result["rows"]]
    for short, whole in zip(cut, full):
        assert whole.startswith(short)
    # (The shipped tutor ends its turn right after the verdict line, so here the early stop rarely has anything
    # to cut: measured 2026-11-30, 0 of 16 replies were shorter. The tiny-model tests check that it cuts.)
    assert {k: result[k] for k in score(examples, full)} == score(examples, full)
    assert [judge(ex, r) for ex, r in zip(examples, full)] == [row["verdict"] for row in result["rows"]]
    assert [harm_reasons(r) for r in full] == [row["harm"] for row in result["rows"]]


def test_shared_prefix_is_what_every_row_starts_with_and_leaves_each_row_a_token():
    from core.generate import MIN_SHARED, _shared_prefix

    head = list(range(100, 100 + MIN_SHARED + 2))
    assert _shared_prefix([head + [1, 2], head + [1, 3], head + [4]]) == len(head)
    assert _shared_prefix([head + [1, 2], head + [1, 2, 5]]) == len(head) + 1  # the shorter keeps its last
    assert _shared_prefix([head, head]) == len(head) - 1
    assert _shared_prefix([head + [1]]) == 0  # one row: nothing to share
    assert _shared_prefix([[1] * (MIN_SHARED - 1) + [2], [1] * (MIN_SHARED - 1) + [3]]) == 0  # too short


def _counting(model) -> list[int]:
    """Count the model's forward passes (each one's number of new positions)."""
    passes, forward = [], model.forward

    def counted(*args, **kwargs):
        ids = kwargs.get("input_ids", args[0] if args else None)
        passes.append(ids.shape[-1])
        return forward(*args, **kwargs)

    model.forward = counted
    return passes


class _Repeating:
    """A drafter that guesses the last token again and again: mostly wrong guesses."""

    def draft(self, seq, limit):
        return [seq[-1]] * min(limit, 8)


@pytest.mark.parametrize("guesses", ["the replies themselves", "mostly wrong", "from the prompt only"])
def test_one_prompt_with_guessed_tokens_gives_model_generates_replies(tiny, guesses):
    """A single prompt (a question in the window) is written with a Drafter's guesses checked a pass at a
    time: whether the guesses are right (a corpus holding the very replies), mostly wrong, or only what the
    prompt suggests, the replies are model.generate's; right guesses save passes."""
    from core import tutor
    from core.generate import Drafter

    model, tok = tiny
    prompts = [tutor.messages(s) for s in _sentences(4)]
    expected = _plain(model, tok, prompts, 24)
    drafter = {"the replies themselves": Drafter(tok, expected), "mostly wrong": _Repeating(),
               "from the prompt only": Drafter()}[guesses]
    passes = _counting(model)
    got = [generate(model, tok, [p], GenerateConfig(max_new_tokens=24), drafter=drafter)[0] for p in prompts]
    assert got == expected
    if guesses == "the replies themselves":
        assert len(passes) < 0.7 * 4 * (1 + 24), passes  # many tokens came from guesses the model agreed with


def test_guessed_tokens_stop_where_the_reply_ends(tiny):
    """The end of turn and the token limit stop a drafted reply at the same token as the plain loop, even
    when the end falls inside a run of accepted guesses."""
    from collections import Counter

    from core import tutor
    from core.generate import Drafter, _greedy

    model, tok = tiny
    prompts = [tutor.messages(s) for s in _sentences(6)]
    free = _plain_ids(model, tok, prompts, 24)
    common = Counter(t for reply in free for t in set(reply) if t not in tok.all_special_ids).most_common(1)[0][0]
    tok.eos_token = tok.convert_ids_to_tokens(common)
    expected = _plain(model, tok, prompts, 24)
    assert len({len(r) for r in expected}) > 1
    drafter = Drafter(tok, [tok.decode(ids) for ids in free])  # guesses run past each reply's end
    for limit in (24, 5):
        cfg = GenerateConfig(max_new_tokens=limit)
        want = [tok.decode(_greedy(model, tok, [tok(render(tok, p), add_special_tokens=False)["input_ids"]],
                                   cfg)[0], skip_special_tokens=True).strip() for p in prompts]
        assert [generate(model, tok, [p], cfg, drafter=drafter)[0] for p in prompts] == want
    assert want != expected  # the limit of 5 cut the replies


def test_the_drafter_guesses_from_the_text_so_far_then_from_its_corpus():
    from core.generate import Drafter

    class Tok:  # one token per character
        eos_token_id = 0

        def __call__(self, text, add_special_tokens=False):
            return {"input_ids": [ord(c) for c in text]}

    drafter = Drafter(Tok(), ["xyz123"])
    seq = [ord(c) for c in "abcdQabcE" + "abc"]
    assert drafter.draft(seq, 3) == [ord("E"), *[ord(c) for c in "abc"]][:3]  # the latest earlier "abc"
    assert drafter.draft([ord(c) for c in "..xyz"], 8) == [ord(c) for c in "123"] + [0]  # corpus, then its end
    assert drafter.draft([ord(c) for c in "..xyz"], 2) == [ord("1"), ord("2")]
    assert drafter.draft([ord(c) for c in "..xyz"], 0) == []
    assert drafter.draft([ord(c) for c in "noton"], 8) == []  # only "n" was seen before: too weak a clue
    assert drafter.draft([ord(c) for c in "notnot"], 8) == [ord(c) for c in "not"]  # "ot" was
    assert drafter.draft([ord("#"), ord("%")], 8) == []
    assert drafter.draft([ord(c) for c in "abcdefghijklmnabc"], 100) == [ord(c) for c in "defghijklmnabc"][:Drafter.AHEAD]


def test_a_drafted_reply_stops_at_the_verdict_and_at_a_stop(tiny, monkeypatch):
    """The eval's verdict stop (core.generate._finished, shared by both loops; verdict_done has its own test)
    ends a drafted reply at the same token as the plain loop, inside a run of accepted guesses; a Stop ends it
    before the next pass."""
    from collections import Counter

    import core.generate as g
    from core import tutor
    from core.generate import Drafter, _greedy
    from core.progress import Cancelled, CancelToken

    model, tok = tiny
    prompts = [tutor.messages(s) for s in _sentences(6)]
    free = _plain_ids(model, tok, prompts, 24)
    mark = Counter(t for reply in free for t in reply).most_common(1)[0][0]  # stands in for the verdict's newline
    finished = g._finished
    monkeypatch.setattr(g, "_finished", lambda tok, reply, cfg: finished(tok, reply, cfg) or (
        cfg.stop_after_verdict and reply.count(mark) == 2))
    cfg = GenerateConfig(max_new_tokens=24, stop_after_verdict=True)
    rows = [tok(render(tok, p), add_special_tokens=False)["input_ids"] for p in prompts]
    want = [tok.decode(_greedy(model, tok, [r], cfg)[0], skip_special_tokens=True).strip() for r in rows]
    assert any(len(w) < len(tok.decode(f, skip_special_tokens=True).strip()) for w, f in zip(want, free))
    drafter = Drafter(tok, [tok.decode(ids) for ids in free])
    assert [generate(model, tok, [p], cfg, drafter=drafter)[0] for p in prompts] == want

    cancel, passes, forward = CancelToken(), [], model.forward

    def counted(*args, **kwargs):
        passes.append(1)
        if len(passes) == 2:
            cancel.cancel()
        return forward(*args, **kwargs)

    model.forward = counted
    with pytest.raises(Cancelled):
        generate(model, tok, prompts[:1], GenerateConfig(max_new_tokens=24), cancel=cancel, drafter=drafter)
    assert len(passes) == 2


def test_a_model_with_sliding_window_layers_keeps_the_plain_loop(home):
    """A cache with sliding-window layers cannot forget wrong guesses: one prompt on such a model is written by
    the plain loop (it used to raise at the first wrong guess)."""
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    from core import tutor
    from core.generate import _full_attention
    from core.models import load_model

    _, tok = load_model("tiny", home)
    torch.manual_seed(0)
    config = Qwen2Config(vocab_size=len(tok), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, sliding_window=16, use_sliding_window=True,
                         max_window_layers=1, layer_types=["sliding_attention", "full_attention"],
                         pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id)
    model = Qwen2ForCausalLM(config).eval()
    assert not _full_attention(model)
    prompts = [tutor.messages(s) for s in _sentences(2)]
    assert [generate(model, tok, [p], GenerateConfig(max_new_tokens=24))[0] for p in prompts] == \
        _plain(model, tok, prompts, 24)
