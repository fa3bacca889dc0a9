"""Batched text generation with a chat model: the tutor's replies, the eval, the constitution loop.

Prompts are chat message lists; they are rendered with the tokenizer's chat template, sorted by length so a
batch holds similar lengths (little padding) and left-padded. ``cancel`` is checked between batches and, in
greedy decoding, before every token.

Greedy decoding (``temperature == 0``) runs its own loop over the model's KV cache: the same forward passes,
positions and masks as ``model.generate`` (tests/core/test_generate.py compares the replies), but a row leaves
the batch as soon as it is finished, so the batch shrinks instead of carrying finished rows to the longest
reply. A row is finished at the end-of-turn token, after ``max_new_tokens``, or, with
``GenerateConfig.stop_after_verdict``, at the end of the tutor's verdict line (the newline after its ``Verb:``
line, see :func:`verdict_done`): the eval reads nothing after it. The tokens every prompt of a batch starts with
(the chat template and the system prompt) are run once and their cache is copied to each row, so the batch's
first pass computes only what differs (padding sits between the shared start and each row's own tokens, and the
positions skip it, as they skip left padding). Sampling goes through ``model.generate``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from core.config import GenerateConfig
from core.progress import CancelToken

# A batch's prompts share the chat template's start and the tutor's system prompt (27 of the eval prompts' ~41
# tokens): those are computed once for the batch and their cache copied to every row. Below this many shared
# tokens the extra forward pass is not worth it.
MIN_SHARED = 8
_CHECKED_RE = re.compile(r"^[ \t]*checked[ \t]*:[ \t]*\S", re.IGNORECASE)  # as core.tutor's label, with a sentence


def render(tok, messages: list[dict]) -> str:
    return tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


def verdict_done(text: str) -> bool:
    """Whether a reply being written has finished its verdict: its first non-empty line is a ``Checked:
    <sentence>`` line and a second non-empty line (the ``Verb:`` line) has ended with a newline.

    core.tutor.parse_reply decides such a reply from these two lines alone, so the eval's verdicts are the
    same on the reply cut here as on the whole one."""
    lines = [ln for ln in text.split("\n")[:-1] if ln.strip()]  # complete lines only
    return len(lines) >= 2 and _CHECKED_RE.match(lines[0]) is not None


def generate(model, tok, prompts: Sequence[list[dict]], cfg: GenerateConfig | None = None,
             cancel: CancelToken | None = None,
             on_batch: Callable[[int, int], None] | None = None,
             on_replies: Callable[[dict[int, str]], None] | None = None,
             drafter: Drafter | None = None) -> list[str]:
    """Generate one reply per chat prompt, in the order given. ``on_replies`` gets each batch's replies as
    they finish ({prompt index: reply}), so a table can fill row by row. A greedy batch of one prompt (a
    question asked in the window) guesses ahead with ``drafter`` (or one that copies from the prompt only) and
    checks the guesses in one pass: see :class:`Drafter`."""
    cfg = cfg or GenerateConfig()
    ids = [tok(render(tok, m), add_special_tokens=False)["input_ids"] for m in prompts]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    replies: list[str] = [""] * len(ids)
    for start in range(0, len(order), cfg.batch_size):
        if cancel is not None:
            cancel.raise_if_cancelled()
        idx = order[start:start + cfg.batch_size]
        batch = [ids[i] for i in idx]
        if cfg.temperature > 0:
            new = _sampled(model, tok, batch, cfg, start)
        elif len(batch) == 1 and _full_attention(model):
            new = [_greedy_drafted(model, tok, batch[0], cfg, drafter or Drafter(), cancel)]
        else:
            new = _greedy(model, tok, batch, cfg, cancel)
        for i, row in zip(idx, new):
            replies[i] = tok.decode(row, skip_special_tokens=True).strip()
        if on_replies is not None:
            on_replies({i: replies[i] for i in idx})
        if on_batch is not None:
            on_batch(min(start + cfg.batch_size, len(order)), len(order))
    return replies


def _left_padded(rows: list[list[int]], pad_id: int, device):
    import torch

    width = max(len(r) for r in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for k, r in enumerate(rows):
        input_ids[k, width - len(r):] = torch.tensor(r, dtype=torch.long)
        mask[k, width - len(r):] = 1
    return input_ids.to(device), mask.to(device)


def _sampled(model, tok, rows: list[list[int]], cfg: GenerateConfig, start: int) -> list[list[int]]:
    import torch

    input_ids, mask = _left_padded(rows, tok.pad_token_id, next(model.parameters()).device)
    torch.manual_seed(cfg.seed + start)
    with torch.inference_mode():
        out = model.generate(input_ids=input_ids, attention_mask=mask, max_new_tokens=cfg.max_new_tokens,
                             pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id, do_sample=True,
                             temperature=cfg.temperature, top_p=cfg.top_p)
    return out[:, input_ids.shape[1]:].tolist()


def _shared_prefix(rows: list[list[int]]) -> int:
    """How many leading tokens every row of a batch shares (each row keeps at least its last token to run);
    0 when there is nothing worth sharing (one row, or fewer than :data:`MIN_SHARED` tokens)."""
    if len(rows) < 2:
        return 0
    n = min(len(r) for r in rows) - 1
    first = rows[0]
    for r in rows[1:]:
        n = next((i for i in range(n) if r[i] != first[i]), n)
    return n if n >= MIN_SHARED else 0


def _full_attention(model) -> bool:
    """Whether every layer of the model attends to all earlier positions (no sliding window, no linear or
    convolutional state): the in-place cache is for those, and only their cache can forget wrong guesses."""
    kinds = getattr(model.config.get_text_config(decoder=True), "layer_types", None) or ()
    return all(kind == "full_attention" for kind in kinds)


def _growing_cache(model=None):
    """A KV cache whose layers write each new token's keys and values in place, into buffers with room to grow.
    ``transformers``' DynamicCache concatenates, copying the whole cache of every layer at each token: a
    quarter of an eval batch's time on a CPU (measured 2026-11-30, 64 rows). The values attention reads are the
    same."""
    from transformers.cache_utils import Cache, DynamicCache, DynamicLayer

    if model is not None and not _full_attention(model):  # other kinds of layers keep transformers' cache
        return DynamicCache(config=model.config)

    class GrowingLayer(DynamicLayer):
        def lazy_initialization(self, key_states, value_states) -> None:
            super().lazy_initialization(key_states, value_states)
            self._k = self._v = None  # [batch, heads, capacity, dim]; keys/values are views of the first _n
            self._n = 0

        def update(self, key_states, value_states, *args, **kwargs):
            if not self.is_initialized:
                self.lazy_initialization(key_states, value_states)
            end = self._n + key_states.shape[-2]
            if self._k is None or end > self._k.shape[-2]:
                self._k, self._v = (_grown(buf, new, self._n, end) for buf, new in
                                    ((self._k, key_states), (self._v, value_states)))
            self._k[:, :, self._n:end] = key_states
            self._v[:, :, self._n:end] = value_states
            self._n = end
            return self._views()

        def _views(self):
            self.keys, self.values = self._k[:, :, :self._n], self._v[:, :, :self._n]
            return self.keys, self.values

        def get_seq_length(self) -> int:
            return self._n if self.is_initialized else 0

        def batch_repeat_interleave(self, repeats: int) -> None:
            if self._n:
                self._k, self._v = self._k.repeat_interleave(repeats, 0), self._v.repeat_interleave(repeats, 0)
                self._views()

        def batch_select_indices(self, indices) -> None:
            if self._n:
                self._k, self._v = self._k[indices], self._v[indices]
                self._views()

        def crop(self, max_length: int) -> None:  # -k forgets the last k positions (guesses that were wrong)
            if max_length >= 0:
                raise ValueError("crop takes a negative number: how many positions to forget")
            self._n += max_length
            self._views()

    class GrowingCache(DynamicCache):
        def __init__(self) -> None:
            Cache.__init__(self, layer_class_to_replicate=GrowingLayer)

    return GrowingCache()


GROW_BY = 64  # positions a growing cache layer adds when full: an eval reply (48 tokens at most) grows it once


def _grown(buf, new, n: int, end: int):
    """A buffer shaped like ``new`` with room for ``end`` + :data:`GROW_BY` positions, holding ``buf``'s first
    ``n``."""
    capacity = end + GROW_BY
    b, h, _, d = new.shape
    out = new.new_empty((b, h, capacity, d))
    if n:
        out[:, :, :n] = buf[:, :, :n]
    return out


def _finished(tok, reply: list[int], cfg: GenerateConfig) -> bool:
    """Whether a greedy reply ends with its last token: the end of turn, ``max_new_tokens``, or (with
    ``stop_after_verdict``) a newline that completes the verdict."""
    token = reply[-1]
    return (token == tok.eos_token_id or len(reply) >= cfg.max_new_tokens
            or (cfg.stop_after_verdict and "\n" in tok.decode([token])
                and verdict_done(tok.decode(reply, skip_special_tokens=True))))


def _greedy(model, tok, rows: list[list[int]], cfg: GenerateConfig,
            cancel: CancelToken | None = None) -> list[list[int]]:
    """Greedy replies (token ids, the end-of-turn token included when reached) of one left-padded batch."""
    import torch

    device = next(model.parameters()).device
    shared = _shared_prefix(rows)
    input_ids, mask = _left_padded([r[shared:] for r in rows], tok.pad_token_id, device)
    # as model.generate: a padded row's positions count its real tokens only
    positions = shared + (mask.cumsum(-1) - 1).masked_fill(mask == 0, 0)
    out: list[list[int]] = [[] for _ in rows]
    live = list(range(len(rows)))  # batch row -> index in ``rows``
    with torch.inference_mode():
        cache = _growing_cache(model)
        if shared:  # the prompts' common start (the system prompt) runs once, its cache copied to every row
            head = torch.tensor([rows[0][:shared]], dtype=torch.long, device=device)
            model(input_ids=head, cache=cache, use_cache=True, logits_to_keep=1)
            cache.batch_repeat_interleave(len(rows))
            mask = torch.cat([mask.new_ones((len(rows), shared)), mask], dim=1)
        step_out = model(input_ids=input_ids, attention_mask=mask, position_ids=positions, cache=cache,
                         use_cache=True, logits_to_keep=1)
        logits, cache = step_out.logits, step_out.cache
        positions = positions[:, -1:]
        for _ in range(cfg.max_new_tokens):
            if cancel is not None:
                cancel.raise_if_cancelled()
            next_tokens = logits[:, -1].argmax(-1)
            keep = []
            for b, token in enumerate(next_tokens.tolist()):
                out[live[b]].append(token)
                if not _finished(tok, out[live[b]], cfg):
                    keep.append(b)
            if not keep:
                break
            if len(keep) < len(live):
                chosen = torch.tensor(keep, device=device)
                cache.batch_select_indices(chosen)
                next_tokens, mask, positions = next_tokens[chosen], mask[chosen], positions[chosen]
                live = [live[b] for b in keep]
            mask = torch.cat([mask, mask.new_ones((len(live), 1))], dim=1)
            positions = positions + 1
            logits = model(input_ids=next_tokens[:, None], attention_mask=mask, position_ids=positions,
                           cache=cache, use_cache=True).logits
    return out


class Drafter:
    """Guesses the next tokens of a greedy reply, to be checked by the model in one pass (speculative
    decoding with n-gram lookup, no second model). A reply copies much of its prompt (the tutor's ``Checked:``
    line is the learner's sentence; a revision rewrites a reply) and repeats its own phrasing (the notes'
    explanations), so the last few tokens written are looked up in the prompt and the reply so far, and in
    ``texts``: replies like the ones expected (the tutor's SFT demos), tokenized once.

    One row is nearly memory-bound on a CPU: a pass over 1 + :attr:`AHEAD` tokens costs less than two passes
    over one, and every guess the model agrees with is a pass saved. A guess is kept only where it equals the
    model's argmax, so the reply is the greedy one up to rounding: a pass over several positions adds in
    another order, which could flip a near-tie (measured: 0 of 83 test-set questions and 0 of 22 bench cases
    differ from the plain loop). Used only for models whose layers all attend fully (``_full_attention``):
    their cache can forget wrong guesses."""

    AHEAD = 8  # tokens guessed per pass (5 and 12 were slower on the shipped tutor's replies, 2026-11-30)
    LONGEST = 4  # longest n-gram looked up
    SHORTEST = 2  # a single token seen before is too weak a clue: its guesses were mostly wrong, and a wrong
    # pass over 9 positions costs about two over one (12 CAI prompts, 2026-11-30: 2.56 s a reply guessing from
    # one token up, 2.30 s from two, 2.71 s without guesses; with the SFT demos 2.03 and 1.80 s)

    def __init__(self, tok=None, texts: Sequence[str] = ()) -> None:
        self.corpus: list[int] = []
        for text in texts:
            self.corpus += tok(text, add_special_tokens=False)["input_ids"]
            if tok.eos_token_id is not None:  # a reply ends with the end of turn
                self.corpus.append(tok.eos_token_id)
        self._at: dict[tuple, int] = {}  # n-gram -> where its first occurrence in the corpus ends
        for n in range(1, self.LONGEST + 1):
            for end in range(n, len(self.corpus)):
                self._at.setdefault(tuple(self.corpus[end - n:end]), end)

    def draft(self, seq: list[int], limit: int) -> list[int]:
        """Up to ``limit`` tokens guessed to follow ``seq`` (prompt and reply so far): what followed the
        longest recent n-gram (:attr:`SHORTEST` to :attr:`LONGEST` tokens) seen before, in ``seq`` itself
        (latest occurrence) or in the corpus; nothing when no such n-gram was seen."""
        limit = min(limit, self.AHEAD)
        if limit <= 0:
            return []
        for n in range(min(self.LONGEST, len(seq) - 1), self.SHORTEST - 1, -1):
            tail = seq[-n:]
            for end in range(len(seq) - 1, n - 1, -1):  # the latest earlier occurrence of the tail
                if seq[end - n:end] == tail:
                    return seq[end:end + limit]
            end = self._at.get(tuple(tail))
            if end is not None:
                return self.corpus[end:end + limit]
        return []


def _greedy_drafted(model, tok, row: list[int], cfg: GenerateConfig, drafter: Drafter,
                    cancel: CancelToken | None = None) -> list[int]:
    """Greedy reply (token ids) of one prompt, with the drafter's guesses checked a pass at a time: the same
    stopping rules as :func:`_greedy` (end of turn, ``max_new_tokens``, the verdict line)."""
    import torch

    if cfg.max_new_tokens <= 0:
        return []
    device = next(model.parameters()).device
    out: list[int] = []
    with torch.inference_mode():
        cache = _growing_cache(model)
        logits = model(input_ids=torch.tensor([row], device=device), cache=cache, use_cache=True,
                       logits_to_keep=1).logits
        chosen = [int(logits[0, -1].argmax())]  # the model's own next tokens, not yet in the cache
        while True:
            if cancel is not None:
                cancel.raise_if_cancelled()
            for token in chosen:
                out.append(token)
                if _finished(tok, out, cfg):
                    return out
            guess = drafter.draft(row + out, cfg.max_new_tokens - len(out) - 1)
            step = torch.tensor([[out[-1]] + guess], device=device)
            logits = model(input_ids=step, cache=cache, use_cache=True).logits[0]
            best = logits.argmax(-1).tolist()
            agreed = next((i for i, g in enumerate(guess) if best[i] != g), len(guess))
            if agreed < len(guess):
                cache.crop(agreed - len(guess))  # forget the positions of guesses the model did not make
            chosen = guess[:agreed] + [best[agreed]]
