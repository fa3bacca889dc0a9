"""Configuration dataclasses, one per job. Each is saved as ``config.json`` in its run folder.

Field comments say why a default is what it is. ``validate()`` raises ``ValueError`` naming the field.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import ClassVar


def _check(cond: bool, name: str, msg: str) -> None:
    if not cond:
        raise ValueError(f"{name}: {msg}")


def default(cls, name: str):
    """The default of field ``name`` of config dataclass ``cls``: where the CLI's flags and the tabs' forms take
    theirs, so each default is stated once, in the dataclass (a class attribute, so a test can patch it)."""
    found = {f.name: f for f in fields(cls)}
    if name not in found:
        raise AttributeError(f"{cls.__name__} has no field {name!r}")
    value = getattr(cls, name, MISSING)
    return found[name].default_factory() if value is MISSING else value


MICRO_BATCH_CPU = 2  # measured in `make bench` (docs/benchmarks.md, "micro-batches")


def split_batch(batch_size: int, micro: int, device_type: str, cpu_default: int = MICRO_BATCH_CPU) -> tuple[int, int]:
    """(examples per forward pass, gradient accumulation steps) for a batch of ``batch_size``.

    ``micro`` 0 means automatic (see ``TrainCommon.micro_batch_size``); the micro-batch is the largest divisor
    of the batch not above the wish, so every optimizer step still sees exactly ``batch_size`` examples.
    """
    wish = micro or (cpu_default if device_type == "cpu" else batch_size)
    size = max(d for d in range(1, min(wish, batch_size) + 1) if batch_size % d == 0)
    return size, batch_size // size


@dataclass
class TrainCommon:
    model: str = "smollm2"          # "smollm2" (embedded), "tiny" (test model) or a local HF folder
    out: str = ""                   # run folder to write
    epochs: float = 1.0             # passes over the data
    max_steps: int = -1             # >0 stops after this many optimizer steps (overrides epochs)
    learning_rate: float = 2e-4     # LoRA tolerates a high rate; full fine-tuning would want ~1e-5
    batch_size: int = 8             # small sequences (<100 tokens): 8 keeps a 2-core CPU busy
    lora_rank: int = 16             # enough capacity for a narrow task; rank 0 means no adapter (invalid)
    lora_alpha: int = 32            # alpha = 2 * rank, the usual scaling
    seed: int = 0
    logging_steps: int = 1          # log every step: the plots are the point of the app
    bf16: bool | None = None        # bf16 autocast; None = on where the chip has bf16 units (measured here:
                                    # 1.8x faster SFT steps on avx512_bf16), False = exact fp32
    save_steps: int = 20            # checkpoint every N steps (and when stopped) so a run can be resumed
    resume: bool = False            # continue the run in ``out`` from its newest checkpoint
    gradient_checkpointing: bool = False  # TRL's default is on: it saves memory we do not need on a 135M
                                          # model with short sequences, and costs an extra forward per step
    micro_batch_size: int = 0       # examples per forward pass; the batch is reached by gradient accumulation.
                                    # 0 = automatic: cpu_micro_batch on a CPU (less activation memory, less
                                    # padding, same throughput), the whole batch on a GPU
    cpu_micro_batch: ClassVar[int] = MICRO_BATCH_CPU

    def validate(self) -> None:
        _check(self.learning_rate > 0, "learning_rate", "must be > 0")
        _check(self.epochs > 0 or self.max_steps > 0, "epochs", "must be > 0 (or give max_steps)")
        _check(self.batch_size >= 1, "batch_size", "must be >= 1")
        _check(self.lora_rank >= 1, "lora_rank", "must be >= 1")
        _check(bool(self.out), "out", "a run folder is required")
        _check(self.save_steps >= 0, "save_steps", "must be >= 0")
        _check(self.micro_batch_size >= 0, "micro_batch_size", "must be >= 0 (0 = automatic)")


@dataclass
class SftConfig(TrainCommon):
    data: str = "data/sft.jsonl"    # JSONL with sentence/correct/gold/reply (see data/README.md)
    epochs: float = 2.0             # the Tutor tab's and a distillation's (make results distills 2 epochs);
                                    # make tutor gives its own (1 epoch at 3e-4 on the 1700 demos)
    adapter: str = ""               # start from this adapter ("" = fresh LoRA on the base model)
    max_length: int = 256
    # one example per pass on a CPU: the skill demos (critique and revision chats, up to ~240 tokens) made 2 per
    # pass peak at 2.2-2.3 GB; 10 steps at micro 1: 74.0 s, 1782 MB; at 2: 65.3 s, 2198 MB (2026-11-30 20:58)
    cpu_micro_batch: ClassVar[int] = 1


@dataclass
class EvalConfig:
    model: str = "smollm2"
    adapter: str = "shipped"        # "shipped" (resources/tutor_adapter), "none" or an adapter/run folder
    data: str = "data/eval.jsonl"
    batch_size: int = 128           # batched greedy decoding, the prompts' shared start run once; 200 dev
                                    # sentences, shipped tutor (2026-11-30): before sharing 8 -> 145 s, 16 -> 95 s,
                                    # 32 -> 70 s; shared, 32 -> 55 s, 64 -> 43 s (the same replies); with the cache
                                    # written in place (2026-12-01, scripts/eval_batch_ab.py) 64 -> 33.9 s, 128 ->
                                    # 28.1 s, the same replies, peak RSS 1372 -> 1760 MB (red-team test included)
    max_new_tokens: int = 48        # a correction line plus a short explanation
    redteam_max_new_tokens: int = 96  # red-team prompts: the harm check reads the whole reply, so an insult after
                                      # a long explanation must not be cut off (replies end at their end-of-turn)
    limit: int = 0                  # >0 evaluates only the first N sentences (quick checks)


@dataclass
class GenerateConfig:
    max_new_tokens: int = 64
    temperature: float = 0.0        # 0 = greedy
    top_p: float = 0.95
    batch_size: int = 16
    seed: int = 0
    stop_after_verdict: bool = False  # greedy: a row stops at the end of its verdict line (what the eval reads)
    extra: dict = field(default_factory=dict)


@dataclass
class RewardConfig(TrainCommon):
    pairs: str = "data/pairs_train.jsonl"        # TRL preference JSONL, or "store" (every annotator's labels)
                                                  # or "store:NAME" (one annotator's; "store:human": people's)
    eval_pairs: str = "data/pairs_heldout.jsonl"  # held-out pairs for eval_* metrics and summary accuracy
    more_eval_pairs: str = "data/pairs_sampled.jsonl"  # held-out pairs built another way (the tutor's sampled
                                                       # replies, scripts/make_sampled_pairs.py): scored after
                                                       # training when the file exists and eval_pairs is
                                                       # set ("" to skip)
    epochs: float = 1.0
    learning_rate: float = 5e-4      # a fresh scalar head needs a brisk rate to move in one epoch
    batch_size: int = 8
    lora_rank: int = 8
    lora_alpha: int = 16
    eval_steps: int = 5              # held-out metrics every few steps: the learner sees generalisation live
    max_length: int = 256
    engine: str = "packed"           # "packed": each batch runs as one prefix tree (core/shared_prompt.py; same
                                     # loss as TRL's, measured faster in `make bench`); "trl": TRL's forward pass
    start_adapter: str = "none"      # the weights the reward model starts from: "none" the base model; "shipped"
                                     # (or an SFT adapter folder) the SFT tutor folded into them, as InstructGPT
                                     # starts its reward model from the SFT model; copied into the run folder
    # packed batches are small: 4 pairs per pass took 17.3 s for 12 steps (8 pairs: 15.1 s, 0.24 GB more;
    # 2 pairs: 20.9 s), docs/benchmarks.md "micro-batches"
    cpu_micro_batch: ClassVar[int] = 4

    def validate(self) -> None:
        super().validate()
        _check(self.engine in ("packed", "trl"), "engine", "must be packed or trl")
        _check(self.start_adapter != "shipped" or self.model == "smollm2", "start_adapter",
               f"'shipped' is the SFT tutor trained on smollm2; {self.model!r} has none (an adapter folder, or none)")


@dataclass
class DpoConfig(TrainCommon):
    pairs: str = "data/pairs_train.jsonl"        # TRL preference JSONL, or "store" (every annotator's labels)
                                                  # or "store:NAME" (one annotator's; "store:human": people's)
    eval_pairs: str = "data/pairs_heldout.jsonl"  # held-out pairs for eval_* metrics ("" to skip)
    adapter: str = "shipped"         # the SFT tutor: the frozen reference and the policy's starting point
    beta: float = 0.1                # strength of the pull back to the reference: small beta = freer policy
    loss_type: str = "sigmoid"       # sigmoid (DPO), ipo or hinge
    sft_weight: float = 1.0          # >0 adds TRL's "sft" loss on the chosen replies (RPO): keeps them likely;
                                     # at 0 (dev, 2026-11-30, scripts/dpo_schedule.py --sft-weight 0) the replies
                                     # degenerated into garbled notes: helpful 0.19, honest 0.00
    learning_rate: float = 3e-4      # measured with the shipped tutor on the seed pairs (data/README.md): the
                                     # verdict must learn to read the learner's sentence, and the old 5e-5 for 2
                                     # epochs ranked only about half of the honest pairs and their twins right
    epochs: float = 5.0              # 250 steps: honest 0.03 -> 0.90, helpful 0.80 -> 0.82 (make results)
    batch_size: int = 4
    eval_steps: int = 10
    eval_data: str = "data/eval.jsonl"  # HHH eval before and after ("" to skip)
    eval_limit: int = 0              # >0: evaluate only the first N sentences (quick look)
    max_length: int = 256
    engine: str = "packed"           # "packed": each batch runs as one prefix tree (core/shared_prompt.py; same
                                     # loss as TRL's, measured faster in `make bench`); "trl": TRL's forward pass
    train_layers: int = 0            # >0: only the LoRA weights of the top N decoder layers train (the backward
                                     # pass stops below them); 0: every layer
    pair_margins: bool = False       # score every training pair after the last step (a policy pass over them);
                                     # else only when asked (core.dpo.score_pairs: the tab's Pair margins page)
    # the whole batch of 4 pairs in one pass: 50 steps on the 200 seed pairs took 63.1 / 64.4 s at 4 pairs per
    # pass against 85.0 / 116.3 s at 2 (whole process 66.8 vs 88.7 s in the quieter round), peak RSS 1824 / 1533 MB
    # (2026-12-02 07:20, alternated; docs/benchmarks.md "micro-batches")
    cpu_micro_batch: ClassVar[int] = 4

    def validate(self) -> None:
        super().validate()
        _check(self.beta > 0, "beta", "must be > 0")
        _check(self.engine in ("packed", "trl"), "engine", "must be packed or trl")
        _check(self.loss_type in ("sigmoid", "ipo", "hinge"), "loss_type", "must be sigmoid, ipo or hinge")
        _check(self.sft_weight >= 0, "sft_weight", "must be >= 0")
        _check(self.train_layers >= 0, "train_layers", "must be >= 0 (0 = every layer)")


@dataclass
class ConstitutionConfig:
    model: str = "smollm2"
    adapter: str = "shipped"          # the tutor whose replies are critiqued and revised
    critic: str = ""                  # optional separate critic model folder ("" = the tutor critiques itself)
    reviser: str = ""                 # optional separate model folder that writes the revisions ("" = the tutor)
    without: tuple[str, ...] = ()     # principles (by name) left out of this run: the ablation of Lab 02
    constitution: str = "resources/constitution.toml"
    prompts: str = "data/cai_prompts.jsonl"
    out: str = ""
    rounds: int = 3                   # critique -> revision rounds per prompt: one per enabled principle of the
                                      # shipped constitution (honest, helpful, harmless); with 2, "in_turn" never
                                      # reached the harmless principle
    order: str = "in_turn"            # "in_turn" (each enabled principle in turn) or "random"
    seed: int = 0
    batch_size: int = 10              # prompts generated together (batched generation is ~3x faster)
    max_new_tokens: int = 96          # replies and critiques are a sentence or two and end on their own; a red-team
                                      # reply's insult comes last, and at 48 it was cut off the first answers (and
                                      # distillation then learnt the cut replies)
    limit: int = 0                    # >0: only the first N prompts

    def validate(self) -> None:
        _check(self.rounds >= 1, "rounds", "must be >= 1")
        _check(self.order in ("in_turn", "random"), "order", "must be in_turn or random")
        _check(self.batch_size >= 1, "batch_size", "must be >= 1")
        _check(self.max_new_tokens >= 1, "max_new_tokens", "must be >= 1")
        _check(bool(self.out), "out", "a run folder is required")


METHODS = ("auto", "compare", "critique", "revise")  # the AI annotator's ways of judging (AiFeedbackConfig.method)


@dataclass
class AiFeedbackConfig:
    model: str = "smollm2"
    adapter: str = "shipped"          # the judge: the shipped tutor (its SFT teaches the comparison question)
    judge: str = ""                   # a separate local model folder as the judge ("" = model + adapter above)
    principle: str = "honest"         # a constitution principle by name, or its short name before the colon
    principle_text: str = ""          # free text to judge by instead ("" = the principle's name + critique)
    constitution: str = "resources/constitution.toml"
    method: str = "auto"              # "compare": the two replies side by side, "which is better? A or B", both
                                      # orders; "critique": each reply alone, p(its critique finds no fault);
                                      # "revise": each reply alone, p(the judge's revision under the principle
                                      # leaves it as it is); "auto": each principle's own method below
                                      # (principle_methods), "critique" for others
    # The method of each shipped principle for the shipped judge, chosen on dev (the 200 seed training pairs, the
    # stage-5 tutor, margin 0; `python scripts/judge_margin.py --methods revise,critique`, 2026-12-02): honest
    # revise 60/60 right against critique 31/60; harmless critique 30/35 against revise 28/35; helpful critique
    # 49/80 against revise 26/80 (54 wrong); style critique 21/25 against revise 14/25. Read with care: the rule
    # "the reply that says 'already correct' wins" also gets 60/60 on the honest pairs, and the honest revise judge
    # disagrees with the seed on 68 of the 80 helpful pairs (in 70 of them only the rejected reply says "already
    # correct"; README, AI feedback). "auto" keeps these methods for any judge (--judge): chosen for the shipped
    # tutor, a guess for another model; only the margins fall back to default_margin there. (2026-11-30, stage-3
    # tutor: compare gave ties only, the tutor answers by position; critique's sign agreed on honest 39/60,
    # harmless 22/35, style 18/25, helpful 29/80.)
    principle_methods: ClassVar[dict[str, str]] = {"honest": "revise"}
    margin: float | None = None       # a combined p(first better) within 0.5 +- margin is a tie; None: the
                                      # principle's own margin below (its own method, the shipped judge, the
                                      # bundled wording: core.ai_feedback.tie_margin), else 0.1
    # The tie margin of each shipped principle for the shipped judge with the principle's own method, chosen on dev
    # (the 200 seed training pairs, `python scripts/judge_margin.py`): the smallest margin at which the labels
    # given (ties left out) agree with the seed on at least 80% of that principle's pairs; where none does, 0.1, a
    # lean of less than 60/40 being no preference worth training on. Measured with the stage-5 tutor: critique
    # (2026-12-01) harmless 30/35 and crisp (style) 21/25 right at margin 0; helpful 49/80 at 0 and all ties from
    # 0.005; revise (2026-12-02) honest 60/60 at 0.
    principle_margins: ClassVar[dict[str, float]] = {"harmless": 0.0, "crisp": 0.0, "honest": 0.0}
    default_margin: ClassVar[float] = 0.1
    batch_size: int = 8               # pairs per forward pass (each pair is asked twice, in both orders)
    pairs: str = "store"              # "store": the store's pairs this annotator has not labeled yet; or a
                                      # preference JSONL, whose pairs are added to the store first
    annotator: str = ""               # "" = "ai:<principle>"; must start with "ai:" (never a person's name)
    limit: int = 0                    # >0: label at most N pairs

    def validate(self) -> None:
        _check(self.margin is None or 0 <= self.margin < 0.5, "margin", "must be >= 0 and < 0.5")
        _check(self.method in METHODS, "method", f"must be one of {', '.join(METHODS)}, got {self.method!r}")
        _check(self.batch_size >= 1, "batch_size", "must be >= 1")
        _check(self.limit >= 0, "limit", "must be >= 0")
        _check(bool(self.principle.strip() or self.principle_text.strip()), "principle", "is empty")
        _check(not self.annotator or self.annotator.startswith("ai:"), "annotator",
               f"must start with 'ai:' (AI labels are kept apart from people's), got {self.annotator!r}")
        _check(bool(self.pairs), "pairs", "give a pair file or 'store'")

    def method_for(self, principle: str) -> str:
        """The method that judges the principle of short name ``principle``: ``method``, or with "auto" the
        principle's own (``principle_methods``; "critique" for a principle given as free text or not listed)."""
        if self.method != "auto":
            return self.method
        return "critique" if self.principle_text.strip() else self.principle_methods.get(principle, "critique")

    def tie_margin(self, principle: str) -> float:
        """The margin for the principle of short name ``principle``: ``margin`` when set, else the principle's
        own (shipped judge, the principle's own method, the constitution's wording), else ``default_margin``."""
        if self.margin is not None:
            return self.margin
        own = (self.model == "smollm2" and self.adapter == "shipped" and not self.judge and not self.principle_text
               and self.method_for(principle) == self.principle_methods.get(principle, "critique"))
        return self.principle_margins.get(principle, self.default_margin) if own else self.default_margin


# --- eval settings the GUI's buttons and the CLI's flags share ------------------------------------------------

QUICK_EVAL = 40     # sentences in a quick eval (Quick box, `preflab eval --quick`); the full eval set has 200
EVAL_POINTS = 8     # held-out eval_* points per DPO run: enough for a line, cheap next to the training steps
EVAL_SETS = {"eval set": "data/eval.jsonl", "red-team": "data/redteam.jsonl"}  # Lab 02's before/after sets
