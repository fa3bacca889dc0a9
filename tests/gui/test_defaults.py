"""Defaults are stated once, in the config dataclasses: a changed default reaches both the CLI's flags and
the tab's form."""

from __future__ import annotations

from core.cli import build_parser
from core.config import DpoConfig


def test_cli_and_dpo_form_follow_the_dataclass_defaults(window, monkeypatch):
    from gui.tabs.dpo_tab import DpoTab

    monkeypatch.setattr(DpoConfig, "beta", 0.37)
    monkeypatch.setattr(DpoConfig, "batch_size", 6)
    monkeypatch.setattr(DpoConfig, "loss_type", "ipo")
    args = build_parser().parse_args(["dpo", "--pairs", "data/pairs_train.jsonl", "--out", "x"])
    assert (args.beta, args.loss) == (0.37, "ipo")
    tab = DpoTab(window)
    assert tab.beta.value() == 0.37 and tab.batch_size.value() == 6 and tab.loss_type.currentData() == "ipo"
