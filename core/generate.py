"""Batched text generation with a chat model: the tutor's replies, the eval, the constitution loop.

Prompts are chat message lists; they are rendered with the tokenizer's chat template, sorted by length so a
batch holds similar lengths (little padding), left-padded, and decoded greedily (``temperature == 0``) or by
sampling. ``cancel`` is checked between batches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from core.config import GenerateConfig
from core.progress import CancelToken


def render(tok, messages: list[dict]) -> str:
    return tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


def generate(model, tok, prompts: Sequence[list[dict]], cfg: GenerateConfig | None = None,
             cancel: CancelToken | None = None,
             on_batch: Callable[[int, int], None] | None = None,
             on_replies: Callable[[dict[int, str]], None] | None = None) -> list[str]:
    """Generate one reply per chat prompt, in the order given. ``on_replies`` gets each batch's replies as
    they finish ({prompt index: reply}), so a table can fill row by row."""
    import torch

    cfg = cfg or GenerateConfig()
    texts = [render(tok, m) for m in prompts]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    replies: list[str] = [""] * len(texts)
    device = next(model.parameters()).device
    generator_seed = cfg.seed
    old_side = tok.padding_side
    tok.padding_side = "left"
    try:
        for start in range(0, len(order), cfg.batch_size):
            if cancel is not None:
                cancel.raise_if_cancelled()
            idx = order[start:start + cfg.batch_size]
            batch = tok([texts[i] for i in idx], return_tensors="pt", padding=True, add_special_tokens=False)
            batch = {k: v.to(device) for k, v in batch.items()}
            kwargs = dict(max_new_tokens=cfg.max_new_tokens, pad_token_id=tok.pad_token_id,
                          eos_token_id=tok.eos_token_id)
            if cfg.temperature > 0:
                torch.manual_seed(generator_seed + start)
                kwargs.update(do_sample=True, temperature=cfg.temperature, top_p=cfg.top_p)
            else:
                kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
            with torch.inference_mode():
                out = model.generate(**batch, **kwargs)
            new = out[:, batch["input_ids"].shape[1]:]
            for i, row in zip(idx, new):
                replies[i] = tok.decode(row, skip_special_tokens=True).strip()
            if on_replies is not None:
                on_replies({i: replies[i] for i in idx})
            if on_batch is not None:
                on_batch(min(start + cfg.batch_size, len(order)), len(order))
    finally:
        tok.padding_side = old_side
    return replies
