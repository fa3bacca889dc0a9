"""Run folders: every training job writes ``config.json``, ``metrics.jsonl``, ``adapter/`` and ``summary.json``.

Files are written to a temporary name and renamed, so a crash never leaves half a file. ``status.json`` says
whether a run is ``running``, ``finished``, ``stopped`` or ``failed``; a run left ``running`` by a killed
process is reported as ``interrupted``.

Also here: reading a run back (:func:`load_config`, the one reader of ``config.json``; :func:`resume_config`;
metrics, status, summaries), the run listing of the Runs tab (kinds, tutors, CSV). Not here: training itself
(``core.training`` opens a run for the trainers with :func:`core.training.open_run`).
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any


def atomic_write_text(path: Path, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def atomic_write_json(path: Path, obj: Any) -> None:
    atomic_write_text(path, json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n")


def read_json(path: Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_config(run_dir: str | os.PathLike, cls=None, lab: str | None = None):
    """A run's ``config.json``: the dict (with ``lab`` and what the job recorded beside its config), or with
    ``cls`` (a config dataclass) that config rebuilt from its fields (others ignored, lists back to tuples).
    Raises ``ValueError`` naming the folder when it is not a run folder, or not a run of ``lab``."""
    path = Path(run_dir) / "config.json"
    if not path.is_file():
        raise ValueError(f"{run_dir} is not a run folder (no config.json)")
    try:
        saved = read_json(path)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(saved, dict):
        raise ValueError(f"{path}: expected a JSON object")
    if lab is not None and saved.get("lab") != lab:
        raise ValueError(f"{run_dir} is not a {lab} run (config.json says lab={saved.get('lab')!r})")
    if cls is None:
        return saved
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in saved.items() if k in names})


def resume_config(cls, run_dir: str | os.PathLike):
    """The config of run ``run_dir`` (a ``cls``), set to continue that run: ``out`` is the run, ``resume`` on."""
    cfg = load_config(run_dir, cls)
    cfg.out, cfg.resume = str(run_dir), True
    return cfg


def process_rank() -> int:
    """This process's rank under ``accelerate launch`` / torchrun (0 when run alone)."""
    try:
        return int(os.environ.get("RANK", "0"))
    except ValueError:
        return 0


_OPEN: list[RunDir] = []  # the run folder this process's job opened last (see stop_open_run)


def stop_open_run() -> None:
    """Mark the run folder this process opened last ``stopped`` if it is still ``running``: a job ended during
    its set-up by a Stop (core.child) has no step to stop at and writes nothing more."""
    for run in _OPEN:
        if run_status(run.path) == "running":
            run.finish({"steps": 0, "stopped_during": "set-up"}, status="stopped")


class RunDir:
    """A run folder being written by a job. Under ``accelerate launch`` only rank 0 writes the shared files."""

    def __init__(self, path: str | os.PathLike, lab: str) -> None:
        self.path = Path(path)
        self.lab = lab
        self.main = process_rank() == 0
        self.path.mkdir(parents=True, exist_ok=True)
        self.metrics_path = self.path / "metrics.jsonl"
        self.adapter_dir = self.path / "adapter"

    def start(self, config: Any, resume: bool = False, **extra: Any) -> None:
        """Write config.json (the config's fields, plus ``extra`` such as ``kind`` and ``revisions`` of a
        distillation) and mark the run running."""
        if not self.main:
            return
        cfg = dataclasses.asdict(config) if dataclasses.is_dataclass(config) else dict(config)
        cfg.pop("resume", None)  # resuming is how this process started, not a setting of the run
        atomic_write_json(self.path / "config.json", {"lab": self.lab, **cfg, **extra})
        if not resume:
            self.metrics_path.write_text("", encoding="utf-8")
        self.set_status("running")
        _OPEN[:] = [self]

    def truncate_metrics(self, last_step: int) -> None:
        """Keep the logged events up to ``last_step`` (resuming from the checkpoint taken there)."""
        kept = [m for m in read_metrics(self.metrics_path) if int(m.get("step", 0)) <= last_step]
        atomic_write_text(self.metrics_path, "".join(json.dumps(m, default=str) + "\n" for m in kept))

    def log(self, event: dict[str, Any]) -> None:
        if not self.main:
            return
        # One JSON object per line, flushed at once: a crash loses at most the line being written.
        with open(self.metrics_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(event, default=str) + "\n")

    def set_status(self, status: str, **extra: Any) -> None:
        if not self.main:
            return
        atomic_write_json(self.path / "status.json", {"status": status, "lab": self.lab, "time": time.time(),
                                                      "pid": os.getpid(), **extra})

    @contextlib.contextmanager
    def failing(self):
        """Mark the run ``failed`` (with the error and the log path) if the body raises."""
        try:
            yield self
        except BaseException as exc:
            from core.logs import log_path

            self.set_status("failed", error=f"{type(exc).__name__}: {exc}", log=str(log_path() or ""))
            raise

    def save_adapter(self, model, **kwargs: Any) -> None:
        """The trained adapter (rank 0); every rank records a checksum of its weights in ``ranks/``."""
        if self.main:
            model.save_pretrained(str(self.adapter_dir), **kwargs)
        if int(os.environ.get("WORLD_SIZE", "1")) > 1:
            atomic_write_json(self.path / "ranks" / f"rank{process_rank()}.json",
                              {"rank": process_rank(), "trainable_sha256": weights_checksum(model)})

    def finish(self, summary: dict[str, Any], status: str = "finished") -> None:
        if not self.main:
            return
        checkpoints = self.path / "checkpoints"  # TRL's output_dir; checkpoints are only kept to resume from
        if status == "finished" and checkpoints.is_dir():
            shutil.rmtree(checkpoints, ignore_errors=True)
        shutil.rmtree(self.path / "datasets", ignore_errors=True)  # tokenized copies made for the trainer
        atomic_write_json(self.path / "summary.json", {"lab": self.lab, "status": status, **summary})
        self.set_status(status)


def weights_checksum(model) -> str:
    """SHA-256 over the trainable parameters (names and exact bytes), to compare processes or runs."""
    import hashlib

    digest = hashlib.sha256()
    for name, param in sorted(model.named_parameters()):
        if param.requires_grad:
            digest.update(name.encode())
            digest.update(param.detach().float().cpu().numpy().tobytes())
    return digest.hexdigest()


def read_metrics(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Read ``metrics.jsonl`` of a run folder (or the file itself), skipping a torn last line."""
    p = Path(path)
    if p.is_dir():
        p = p / "metrics.jsonl"
    rows = []
    if not p.exists():
        return rows
    for line in p.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return rows


def run_status(path: str | os.PathLike) -> str:
    """finished / stopped / failed / running; a run left ``running`` by a dead process is ``interrupted``."""
    p = Path(path) / "status.json"
    try:
        info = read_json(p)
        status = info["status"]
    except (OSError, ValueError, KeyError, TypeError):
        return "unknown"
    if status == "running" and not _alive(info.get("pid")):
        return "interrupted"
    return status


def _alive(pid) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- run history: listing, reading back, deleting, CSV export ------------------------------------------

RUN_FILES = ("config.json", "status.json", "summary.json", "metrics.jsonl")
# Config fields that tell runs apart, in the order the history shows them (absent fields are skipped).
KEY_SETTINGS = ("beta", "loss_type", "learning_rate", "epochs", "max_steps", "lora_rank", "rounds", "order",
                "limit")
DATA_FIELDS = ("pairs", "data", "prompts", "revisions")
_TAIL_BYTES = 64 * 1024


@dataclasses.dataclass
class RunInfo:
    """A run folder as read back for the history. Reading never raises: unreadable files read as empty."""

    path: Path
    lab: str                 # "sft", "reward", "dpo", "constitution"; "" when no file names it
    status: str              # finished / stopped / failed / running / interrupted
    started: float           # epoch seconds: config.json's mtime (else status.json's, else the folder's)
    config: dict[str, Any]
    summary: dict[str, Any] | None
    status_info: dict[str, Any]  # status.json as written ({} if unreadable): error and log for failed runs
    torn: bool               # metrics.jsonl ends in a half-written line


def is_run_dir(path: str | os.PathLike) -> bool:
    """True for a folder holding at least one of the files a run writes."""
    p = Path(path)
    return p.is_dir() and any((p / name).is_file() for name in RUN_FILES)


def _read_dict(path: Path) -> dict[str, Any] | None:
    try:
        value = read_json(path)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _metrics_tail(path: Path) -> tuple[list[dict[str, Any]], bool]:
    """The parsable rows among the last ~64 KiB of ``metrics.jsonl``, and whether its last line is torn."""
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - _TAIL_BYTES))
            data = fh.read()
    except OSError:
        return [], False
    lines = data.decode("utf-8", errors="replace").split("\n")
    if size > len(data):
        lines = lines[1:]  # the window may start mid-line
    rows, bad = [], []
    for line in filter(str.strip, lines):
        try:
            row = json.loads(line)
        except ValueError:
            bad.append(line)
            continue
        if isinstance(row, dict):
            rows.append(row)
    # Every complete line ends with "\n": a crash mid-write leaves a last line without one, or unparsable.
    last = next((line for line in reversed(lines) if line.strip()), "")
    torn = bool(last) and (lines[-1].strip() != "" or last in bad)
    return rows, torn


def _history_status(status: str, summary: dict | None, torn: bool) -> str:
    # A live writer may be mid-line, and a failed run's error says more than "interrupted". Anything else
    # that lacks a summary, or whose metrics end in a torn line, did not end cleanly.
    if status in ("running", "failed"):
        return status
    if status == "unknown" and summary is not None and summary.get("status") in ("finished", "stopped"):
        status = summary["status"]
    if status in ("finished", "stopped") and summary is not None and not torn:
        return status
    return "interrupted"


def read_run(path: str | os.PathLike) -> RunInfo:
    """Read a run folder back (config, summary, status, whether its metrics are torn); never raises."""
    p = Path(path)
    config = _read_dict(p / "config.json") or {}
    summary = _read_dict(p / "summary.json")
    status_info = _read_dict(p / "status.json") or {}
    torn = _metrics_tail(p / "metrics.jsonl")[1]
    lab = next((str(d["lab"]) for d in (config, status_info, summary or {}) if d.get("lab")), "")
    started = 0.0
    for candidate in (p / "config.json", p / "status.json", p):
        with contextlib.suppress(OSError):
            started = candidate.stat().st_mtime
            break
    return RunInfo(p, lab, _history_status(run_status(p), summary, torn), started, config, summary,
                   status_info, torn)


def list_runs(root: str | os.PathLike | None, extra: tuple | list = ()) -> list[RunInfo]:
    """Every run folder directly inside ``root`` (None: none) plus the ``extra`` folders, newest first."""
    found: list[Path] = []
    if root is not None:
        with contextlib.suppress(OSError):  # no runs folder yet
            found = [p for p in Path(root).iterdir() if not p.name.startswith(".") and is_run_dir(p)]
    seen, infos = set(), []
    for p in [*found, *(Path(e) for e in extra)]:
        key = os.path.normcase(os.path.abspath(p))
        if key in seen or not is_run_dir(p):
            continue
        seen.add(key)
        infos.append(read_run(p))
    return sorted(infos, key=lambda info: (info.started, info.path.name), reverse=True)


def record_evals(run_dir: str | os.PathLike, results: dict[str, dict[str, dict]]) -> None:
    """Write the eval a tab ran after a finished job into its run's ``summary.json``: ``eval_before`` and
    ``eval_after``, each the dev set's result (``core.evaluate.compare_models``' ``results[name]["dev"]``), as a
    job that evaluates itself (``preflab dpo``) writes them; the Runs tab reads honesty before and after there.
    Nothing is written when the run has no summary or the results have no dev set."""
    path = Path(run_dir) / "summary.json"
    summary = json.loads(path.read_text(encoding="utf-8"))
    evals = {f"eval_{name}": results[name]["dev"] for name in ("before", "after")
             if isinstance(results.get(name), dict) and results[name].get("dev")}
    if evals:
        atomic_write_json(path, {**summary, **evals})


def key_settings(config: dict[str, Any]) -> dict[str, Any]:
    """The config fields that tell runs apart (see :data:`KEY_SETTINGS`); ``max_steps`` only when it is set;
    ``without`` (the principles a constitution run left out, by short name) first, when there are any."""
    out = {k: config[k] for k in KEY_SETTINGS if k in config and not isinstance(config[k], (dict, list))}
    left_out = config.get("without")  # the constitution loop's ablation: the principles it ran without
    if isinstance(left_out, list) and left_out:
        out = {"without": ", ".join(str(name).split(":")[0] for name in left_out), **out}
    if not isinstance(out.get("max_steps"), int) or out["max_steps"] <= 0:
        out.pop("max_steps", None)
    if not out.get("limit"):
        out.pop("limit", None)
    return out


def data_name(config: dict[str, Any]) -> str:
    """The training data of a run: a file name, ``store`` (the learner's labels) or ""."""
    for field in DATA_FIELDS:
        value = config.get(field)
        if isinstance(value, str) and value:
            return value if value == "store" else Path(value).name
    return ""


def headline(info: RunInfo) -> dict[str, Any]:
    """The numbers that sum a run up: ``final_loss``, ``steps``, and per lab ``heldout_accuracy`` (reward),
    ``honest_before``/``honest_after`` (DPO), ``changed``/``prompts`` (constitution). Missing ones are absent.
    A DPO run that logged its loss in parts has ``final_preference_loss`` instead of ``final_loss``: the sum
    with the SFT term is drawn nowhere (the DPO tab and the Runs tab plot the parts)."""
    summary = info.summary or {}
    out: dict[str, Any] = {}
    rows = _metrics_tail(info.path / "metrics.jsonl")[0]
    losses = [r["loss"] for r in rows if isinstance(r.get("loss"), (int, float))]
    parts = [r["preference_loss"] for r in rows if isinstance(r.get("preference_loss"), (int, float))]
    if parts:
        out["final_preference_loss"] = parts[-1]
    elif isinstance(summary.get("final_loss"), (int, float)):
        out["final_loss"] = summary["final_loss"]
    elif losses:
        out["final_loss"] = losses[-1]
    if isinstance(summary.get("steps"), int):
        out["steps"] = summary["steps"]
    elif rows and isinstance(rows[-1].get("step"), int):
        out["steps"] = rows[-1]["step"]
    if isinstance(summary.get("heldout_accuracy"), (int, float)):
        out["heldout_accuracy"] = summary["heldout_accuracy"]
    for when in ("before", "after"):
        honest = (summary.get(f"eval_{when}") or {}).get("honest")
        if isinstance(honest, (int, float)):
            out[f"honest_{when}"] = honest
    for key in ("changed", "prompts"):
        if isinstance(summary.get(key), int):
            out[key] = summary[key]
    return out


# What a run is, in the learner's words: the lab of config.json, except that a distillation is an SFT run too.
RUN_KINDS = ("sft", "distill", "reward", "dpo", "constitution")
TUTOR_KINDS = ("sft", "distill", "dpo")  # runs whose adapter is a tutor that can be asked and evaluated


def run_kind(info: RunInfo) -> str:
    """``sft`` (tutor SFT), ``distill`` (SFT on a constitution run's revisions), ``reward``, ``dpo``,
    ``constitution``, or the lab as written ("" when unknown).

    A distillation records ``kind: distill`` in its config.json; older ones are SFT runs with no data file
    (``preflab distill``) or a folder named ``distill-`` (the Constitution tab)."""
    kind = info.config.get("kind")
    if isinstance(kind, str) and kind:
        return kind
    if info.lab == "sft" and (info.config.get("revisions") or info.config.get("data") == ""
                              or info.path.name.startswith("distill-")):
        return "distill"
    return info.lab


def start_adapter(info: RunInfo) -> str:
    """Where a run started from: ``shipped`` (the shipped tutor), ``none`` (the base model, fresh LoRA), the
    name of the run (or folder) whose adapter it started from, or "" (not recorded: a reward model trained
    before ``start_adapter`` existed). A reward model's start is its ``start_adapter`` (the tutor folded into its
    weights); the constitution loop names its tutor in ``adapter`` too."""
    adapter = info.config.get("adapter", info.config.get("start_adapter"))
    if not isinstance(adapter, str):
        return ""
    if adapter in ("", "none"):
        return "none"
    if adapter == "shipped":  # the shipped tutor exists for smollm2 only; other models start from their base
        return "shipped" if info.config.get("model", "smollm2") == "smollm2" else "none"
    path = Path(adapter)
    from core.models import SHIPPED_ADAPTER

    with contextlib.suppress(OSError):
        if path.resolve() == SHIPPED_ADAPTER.resolve():
            return "shipped"
    return (path.parent if path.name == "adapter" else path).name


def tutor_runs(root: str | os.PathLike | None, model: str) -> list[RunInfo]:
    """Finished or stopped runs in ``root`` whose adapter is a tutor of ``model`` (tutor SFT, distillation,
    DPO) and is on disk, newest first: the tutors the Tutor tab can ask and evaluate."""
    out = []
    for info in list_runs(root):
        if (run_kind(info) in TUTOR_KINDS and info.status in ("finished", "stopped")
                and info.config.get("model", "smollm2") == model
                and (info.path / "adapter" / "adapter_config.json").is_file()):
            out.append(info)
    return out


def runs_to_csv(runs: list[tuple[str, str | os.PathLike]], path: str | os.PathLike) -> int:
    """Write several runs' metrics as one CSV, a ``run`` column first (the name given with each folder), then
    ``step`` and every key in first-seen order. Written atomically; returns the number of rows."""
    tables = [(name, [r for r in read_metrics(folder) if isinstance(r, dict)]) for name, folder in runs]
    columns = ["run", "step"]
    for _, rows in tables:
        for row in rows:
            columns += [k for k in row if k not in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for name, rows in tables:
        for row in rows:
            writer.writerow([name] + [_csv_cell(row.get(k)) for k in columns[1:]])
            count += 1
    atomic_write_text(Path(path), buffer.getvalue())
    return count


def delete_run(path: str | os.PathLike, root: str | os.PathLike | None, opened: tuple | list = ()) -> None:
    """Delete a run folder that lies inside ``root`` (the runs dir; None: no folder) or is one of ``opened``;
    refuse anything else.

    A symlink is removed as a link: its target is never touched. Raises ``ValueError`` when refused.
    """
    def real(p) -> Path:  # resolve the parents, not the last part (a link stays a link)
        p = Path(os.path.abspath(p))
        return p.parent.resolve() / p.name

    target = real(path)
    base = Path(root).resolve() if root is not None else None
    allowed = (base is not None and base in target.parents) or any(target == real(o) for o in opened)
    if not allowed or (base is not None and (target == base or target in base.parents)):
        raise ValueError(f"{path}: not a run folder inside {root} nor one opened by hand")
    if target.is_symlink():
        target.unlink()
        return
    if not is_run_dir(target):
        raise ValueError(f"{path}: not a run folder")
    shutil.rmtree(target)


def metrics_to_csv(run_dir: str | os.PathLike, path: str | os.PathLike) -> int:
    """Write a run's ``metrics.jsonl`` as CSV (``step`` first, then every key in first-seen order; nested
    values as JSON). Written atomically; returns the number of rows."""
    rows = [r for r in read_metrics(run_dir) if isinstance(r, dict)]
    columns = ["step"]
    for row in rows:
        columns += [k for k in row if k not in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(k)) for k in columns])
    atomic_write_text(Path(path), buffer.getvalue())
    return len(rows)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def new_run_dir(home, prefix: str) -> Path:
    """A fresh ``<runs dir>/<prefix>-YYYYmmdd-HHMMSS[-n]`` path (not created) for a new run."""
    from core import workspace

    runs = workspace.runs_dir(workspace.data_home(home))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out, n = runs / f"{prefix}-{stamp}", 2
    while out.exists():
        out, n = runs / f"{prefix}-{stamp}-{n}", n + 1
    return out
