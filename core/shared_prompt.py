"""Preference pairs run as one prefix tree: every shared token is computed once, head on replies only.

TRL's preference trainers run ``prompt + chosen`` and ``prompt + rejected`` as two rows padded to the longest
in the batch, so each prompt goes through the model twice, padding costs as much as text, and on a CPU the
49k-vocabulary LM head scores every position. Here the token sequences of a group of pairs are merged into a
prefix tree (the tutor's system prompt, each pair's prompt and any common start of the two replies become
single nodes) and the tree runs as one packed row: a node attends to itself and its ancestors, at the position
it has in its own sequence, so each node's hidden state is exactly the one the unpacked row would compute. The
LM head then runs only on the nodes that predict a reply token. Rows are padded only at the end, to a multiple
of ``WIDTH_MULTIPLE`` tokens (a few shapes instead of a new one at every step, which cost memory; see there).

The sums of log-probs are the same numbers as TRL's (tests/core/test_shared_prompt.py checks them, and the DPO
loss and rewards, against TRL's to 1e-4 in fp32).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

PAIRS_PER_ROW = 4  # a packed row holds the tree of up to this many pairs: attention cost grows with its square
# Rows are padded to a multiple of this many tokens. With a new width at every step a DPO job grew by ~20 MB a
# step (heap blocks of ever-new sizes that glibc could not reuse, and per-shape state of the bf16 matmuls):
# 24 steps on SmolLM2 peaked at 1963 MB, padded to 64 at 1675 MB, and took 24.4 s instead of 27.7 s (the
# ~30 padding tokens of a row cost less than the new shapes did; padded to 32: 1623 MB, 27.3 s). One run each.
WIDTH_MULTIPLE = 64


def _tree(sequences: list[list[int]]) -> tuple[list[int], list[int], list[int], list[list[int]]]:
    """(token, parent, depth) of each node of the sequences' prefix tree, and each sequence's path of nodes."""
    tokens, parents, depths, paths = [], [], [], []
    index: dict[tuple[int, int], int] = {}
    for seq in sequences:
        node, path = -1, []
        for tok in seq:
            child = index.get((node, tok))
            if child is None:
                child = index[(node, tok)] = len(tokens)
                tokens.append(tok)
                parents.append(node)
                depths.append(depths[node] + 1 if node >= 0 else 0)
            node = child
            path.append(node)
        paths.append(path)
    return tokens, parents, depths, paths


def pack(groups: list[list[list[int]]], pad_id: int, multiple: int = WIDTH_MULTIPLE) -> tuple[dict, list[list[list[int]]], int]:
    """One packed row per group of token sequences: (tensors, each group's node paths, row width).

    A node attends to itself and its ancestors; padding nodes at the end of a row (up to the widest tree, then
    to a multiple of ``multiple``) attend only to themselves, and nothing reads their hidden states.
    """
    trees = [_tree(seqs) for seqs in groups]
    width = -(-max(len(t[0]) for t in trees) // multiple) * multiple
    ids = torch.full((len(trees), width), pad_id, dtype=torch.long)
    positions = torch.zeros((len(trees), width), dtype=torch.long)
    allowed = torch.zeros((len(trees), 1, width, width), dtype=torch.bool)
    for r, (tokens, parents, depths, _) in enumerate(trees):
        n = len(tokens)
        ids[r, :n] = torch.tensor(tokens)
        positions[r, :n] = torch.tensor(depths)
        mask = allowed[r, 0]
        for i, p in enumerate(parents):  # parents come before children: copy the parent's row, add yourself
            if p >= 0:
                mask[i] = mask[p]
            mask[i, i] = True
        mask[torch.arange(n, width), torch.arange(n, width)] = True
    packed = {"input_ids": ids, "position_ids": positions, "attention_mask": allowed,
              "packed_tokens": torch.tensor(sum(len(t[0]) for t in trees))}
    return packed, [t[3] for t in trees], width


def collate(examples: list[dict], pad_id: int, pairs_per_row: int = PAIRS_PER_ROW, max_length: int | None = None,
            multiple: int = WIDTH_MULTIPLE) -> dict:
    """Pack TRL's tokenized DPO pairs (``prompt_ids``, ``chosen_ids``, ``rejected_ids``, optional ``ref_*_logps``).

    Replies are numbered ``2 * pair`` (chosen) and ``2 * pair + 1`` (rejected). For each reply token the batch
    holds the flat index (``row * width + node``) of the node that predicts it, the token, and its reply number.
    ``max_length`` cuts each prompt + reply sequence as TRL's collator does (keeping the start).
    """
    groups = [examples[i:i + pairs_per_row] for i in range(0, len(examples), pairs_per_row)]
    seqs = [[(e["prompt_ids"] + e[key])[:max_length] for e in group for key in ("chosen_ids", "rejected_ids")]
            for group in groups]
    batch, paths, width = pack(seqs, pad_id, multiple)
    predictor, target, reply = [], [], []
    reply_no = 0
    for r, (group, group_seqs, group_paths) in enumerate(zip(groups, seqs, paths)):
        for k, (seq, path) in enumerate(zip(group_seqs, group_paths)):
            for j in range(max(1, len(group[k // 2]["prompt_ids"])), len(seq)):
                predictor.append(r * width + path[j - 1])
                target.append(seq[j])
                reply.append(reply_no)
            reply_no += 1
    batch.update(predictor=torch.tensor(predictor, dtype=torch.long), target=torch.tensor(target, dtype=torch.long),
                 reply=torch.tensor(reply, dtype=torch.long), pairs=torch.tensor(len(examples)),
                 # what TRL runs: every pair's prompt twice plus both replies (its ``num_tokens`` metric)
                 unpacked_tokens=torch.tensor(sum(len(seq) for group in seqs for seq in group)))
    for key in ("ref_chosen_logps", "ref_rejected_logps"):
        if key in examples[0]:
            batch[key] = torch.tensor([e[key] for e in examples], dtype=torch.float32)
    return batch


def collate_reward(examples: list[dict], pad_id: int, pairs_per_row: int = PAIRS_PER_ROW,
                   multiple: int = WIDTH_MULTIPLE) -> dict:
    """Pack TRL's tokenized reward-model pairs (``chosen_ids``, ``rejected_ids``: prompt and reply together).

    ``last`` is the flat index of the node each sequence is scored at: its last token that is not the padding
    token, as transformers' sequence classifiers choose it. Sequences are interleaved chosen, rejected."""
    groups = [examples[i:i + pairs_per_row] for i in range(0, len(examples), pairs_per_row)]
    seqs = [[e[key] for e in group for key in ("chosen_ids", "rejected_ids")] for group in groups]
    batch, paths, width = pack(seqs, pad_id, multiple)
    last = []
    for r, (group_seqs, group_paths) in enumerate(zip(seqs, paths)):
        for seq, path in zip(group_seqs, group_paths):
            keep = [j for j, tok in enumerate(seq) if tok != pad_id]
            last.append(r * width + path[keep[-1] if keep else len(seq) - 1])
    batch.update(last=torch.tensor(last, dtype=torch.long), pairs=torch.tensor(len(examples)),
                 unpacked_tokens=torch.tensor(sum(len(seq) for group in seqs for seq in group)))
    return batch


class PackedFlops:
    """Trainer mixin: the FLOP count transformers logs (6 x parameters x tokens), with the parameters counted
    once instead of by walking every module at every step, and the tokens the packed rows really hold."""

    _flop_params: int | None = None

    def floating_point_ops(self, inputs: dict) -> int:
        if self._flop_params is None:
            self._flop_params = self.model.num_parameters(exclude_embeddings=True)
        return 6 * int(inputs["packed_tokens"]) * self._flop_params


@dataclass
class ReplyScores:
    """One entry per reply token (flat), with the reply it belongs to; ``n_replies`` = 2 x pairs."""

    logps: torch.Tensor
    reply: torch.Tensor
    n_replies: int
    entropy: torch.Tensor | None = None
    mean_logits: torch.Tensor | None = None
    is_top1: torch.Tensor | None = None

    def per_reply(self, values: torch.Tensor | None = None) -> torch.Tensor:
        values = self.logps if values is None else values
        return values.new_zeros(self.n_replies).index_add(0, self.reply, values)

    def summed(self) -> tuple[torch.Tensor, torch.Tensor]:
        """Summed log-probs (chosen, rejected), each of shape ``(pairs,)``."""
        total = self.per_reply()
        return total[0::2], total[1::2]

    def lengths(self) -> tuple[torch.Tensor, torch.Tensor]:
        count = self.per_reply(torch.ones_like(self.logps))
        return count[0::2], count[1::2]

    def chosen_tokens(self) -> torch.Tensor:
        return self.reply % 2 == 0


def _unwrap(model):
    """The transformers model with its LoRA layers in place (a PeftModel's base model; the active adapter stays)."""
    return model.get_base_model() if hasattr(model, "get_base_model") else model


def tree_mask(allowed: torch.Tensor, model) -> torch.Tensor:
    """The packed tree's mask in the form the attention implementation takes (bool for sdpa, additive for eager)."""
    implementation = getattr(model.config, "_attn_implementation", "sdpa")
    if implementation == "sdpa":
        return allowed
    if implementation == "eager":
        dtype = next(model.parameters()).dtype
        return torch.zeros(allowed.shape, dtype=dtype, device=allowed.device).masked_fill(~allowed, torch.finfo(dtype).min)
    raise ValueError(f"attention: packed preference batches need sdpa or eager attention, not {implementation}")


def hidden_states(model, batch: dict) -> torch.Tensor:
    """Final hidden states of the packed rows, flattened to ``(rows * width, hidden)``."""
    lm = _unwrap(model)
    device = next(lm.parameters()).device
    out = lm.base_model(input_ids=batch["input_ids"].to(device), position_ids=batch["position_ids"].to(device),
                        attention_mask=tree_mask(batch["attention_mask"].to(device), lm), use_cache=False)
    h = out.last_hidden_state
    return h.reshape(-1, h.size(-1))


HEAD_CHUNK = 64  # reply tokens per LM-head call


def _head_weight(head: torch.nn.Linear) -> torch.Tensor:
    """The LM head's weight in the dtype its matmul runs in: cast once per batch, not once per chunk (under
    autocast each call would make, and keep for the backward pass, its own 57 MB bf16 copy of SmolLM2's head)."""
    dtype = torch.get_autocast_dtype(head.weight.device.type) if torch.is_autocast_enabled(head.weight.device.type) else None
    return head.weight if dtype is None else head.weight.to(dtype)


def reply_scores(model, batch: dict, stats: bool = False) -> ReplyScores:
    """Log-prob of every reply token (and TRL's per-token statistics when ``stats``).

    The 49k-wide logits are made for ``HEAD_CHUNK`` reply tokens at a time, every chunk the same size (the last
    one is filled up with copies of the first token and cut off): a batch then allocates a few equal blocks
    instead of one block whose size changes at every step, which glibc's heap could not reuse and kept. 50 DPO
    steps on SmolLM2 (bf16): peak RSS 1799 MB before, 1501 MB after, flat from the first step; the same speed
    (forward and backward of 6 batches, best of 6: 2.69 s unchunked, 2.78 s chunked)."""
    lm = _unwrap(model)
    h = hidden_states(model, batch)
    device = h.device
    target = batch["target"].to(device)
    predictor = batch["predictor"].to(device)
    n = target.numel()
    fill = -n % HEAD_CHUNK
    predictor = torch.cat([predictor, predictor[:1].expand(fill)])
    padded_target = torch.cat([target, target[:1].expand(fill)])
    head = lm.get_output_embeddings()
    weight = _head_weight(head)
    bias = None if head.bias is None else head.bias.to(weight.dtype)
    parts: dict[str, list[torch.Tensor]] = {"logps": [], "entropy": [], "mean_logits": [], "is_top1": []}
    for rows, t in zip(predictor.split(HEAD_CHUNK), padded_target.split(HEAD_CHUNK), strict=True):
        logits = torch.nn.functional.linear(h[rows].to(weight.dtype), weight, bias).float()
        logz = torch.logsumexp(logits, -1)
        parts["logps"].append(logits.gather(-1, t.unsqueeze(-1)).squeeze(-1) - logz)
        if stats:
            with torch.no_grad():
                probs = torch.softmax(logits, -1)
                parts["entropy"].append(logz - (probs * logits).sum(-1))
                parts["mean_logits"].append(logits.mean(-1))
                parts["is_top1"].append(logits.argmax(-1) == t)
    joined = {k: torch.cat(v)[:n] for k, v in parts.items() if v}
    return ReplyScores(reply=batch["reply"].to(device), n_replies=2 * int(batch["pairs"]), **joined)


def sequence_rewards(model, batch: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """A sequence classifier's scalar reward of each (chosen, rejected) sequence, each of shape ``(pairs,)``."""
    lm = _unwrap(model)
    h = hidden_states(model, batch)
    rewards = lm.score(h[batch["last"].to(h.device)]).squeeze(-1)
    return rewards[0::2], rewards[1::2]
