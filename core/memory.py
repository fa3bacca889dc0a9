"""Keeping a training job's resident memory small on a CPU (issue 7: peak RSS at most 2 GB per lab).

Two things dominate a LoRA job's memory besides its activations:

* the frozen base weights. They are float32 tensors that point straight into the memory-mapped
  ``model.safetensors`` file (transformers maps it instead of copying it), so they count in the resident set
  as file pages. Under bf16 autocast every forward pass also casts each frozen ``nn.Linear`` weight to bf16
  and keeps that copy for the backward pass. :func:`frozen_linears_in_bf16` stores those weights as bf16 for
  the length of training instead: autocast would have made exactly these copies (same rounding), so the
  matmuls and the losses are bit for bit the same, but the copy is made once, and the float32 file pages
  can be handed back to the kernel (:func:`release_file_pages`) until the float32 weights are put back.
* glibc's heap, which keeps freed memory after a phase ends; :func:`trim_heap` returns it between phases.

Everything here is best effort and changes no result: on a system without ``/proc`` or glibc the pages and
the heap simply stay where they are.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import gc
import os

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MADV_DONTNEED = 4


@functools.lru_cache(maxsize=1)
def _libc():
    name = ctypes.util.find_library("c")
    if not name or not os.path.exists("/proc/self/smaps"):
        return None
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
    except (OSError, AttributeError):  # not glibc (musl has madvise but no malloc_trim, macOS neither)
        return None
    return libc


def trim_heap() -> None:
    """Collect Python garbage and hand glibc's free heap pages back to the system."""
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def _clean_file_mappings() -> list[tuple[int, int]]:
    """Address ranges of file mappings none of whose pages were ever written (no private anonymous copy).

    Dropping a page of such a mapping loses nothing: the next access reads it back from the file."""
    ranges, current = [], None
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as f:
        for line in f:
            head = line.split(None, 5)
            if "-" in head[0] and len(head) >= 5 and ":" in head[3]:  # a mapping's header line
                start, end = (int(x, 16) for x in head[0].split("-"))
                path = head[5].strip() if len(head) > 5 else ""
                current = (start, end) if path.startswith("/") and int(head[4]) != 0 else None
            elif current is not None and head[0] == "Anonymous:":
                if int(head[1]) == 0:
                    ranges.append(current)
                current = None
    return ranges


def release_file_pages(tensors) -> int:
    """Drop the resident pages of tensors that are views of an unmodified memory-mapped file.

    Returns the bytes released. Tensors in ordinary (anonymous) memory are left alone: dropping their pages
    would zero them."""
    libc = _libc()
    if libc is None:
        return 0
    clean = _clean_file_mappings()
    released = 0
    for t in tensors:
        if t.device.type != "cpu":
            continue
        start = t.data_ptr()
        end = start + t.numel() * t.element_size()
        if not any(lo <= start and end <= hi for lo, hi in clean):
            continue
        first, last = -(-start // PAGE) * PAGE, end // PAGE * PAGE  # whole pages inside the tensor only
        if last > first and libc.madvise(first, last - first, MADV_DONTNEED) == 0:
            released += last - first
    return released


def frozen_linears(model) -> list:
    """The frozen float32 ``nn.Linear`` layers of the base model (not LoRA's, not the tied output embedding)."""
    import torch

    embedding = model.get_input_embeddings().weight if hasattr(model, "get_input_embeddings") else None
    found = []
    for name, module in model.named_modules():
        if not isinstance(module, torch.nn.Linear) or "lora_" in name:
            continue
        w = module.weight
        if w.requires_grad or w.dtype != torch.float32 or w is embedding:
            continue
        found.append(module)
    return found


@contextlib.contextmanager
def frozen_linears_in_bf16(model):
    """Within the block the frozen base ``nn.Linear`` weights are bf16 (for bf16-autocast training on a CPU)
    and their float32 file pages are released; the float32 weights (the same tensors, untouched) are back
    afterwards, also after an error."""
    import torch

    layers = frozen_linears(model)
    originals = [m.weight.data for m in layers]
    try:
        for module, w in zip(layers, originals, strict=True):
            module.weight.data = w.to(torch.bfloat16)
        release_file_pages(originals)
        yield
    finally:
        for module, w in zip(layers, originals, strict=True):
            module.weight.data = w


@contextlib.contextmanager
def bf16_forward(model, enabled: bool = True):
    """No-grad forward passes with the numbers of a bf16-autocast training step on a CPU: frozen base weights
    in bf16 (cast once for the whole block, see :func:`frozen_linears_in_bf16`) under bf16 autocast. With
    ``enabled`` False (or off a CPU): plain no-grad passes, the weights left as they are."""
    import torch

    device = next(model.parameters()).device.type
    if not enabled or device != "cpu":
        with torch.no_grad():
            yield
        return
    with frozen_linears_in_bf16(model), torch.no_grad(), torch.autocast(device, dtype=torch.bfloat16):
        yield
