"""Defaults are stated once, in the config dataclasses: a changed default reaches both the CLI's flags and
the tab's form."""

from __future__ import annotations

from core.cli import build_parser
from core.config import ConstitutionConfig, DpoConfig, RewardConfig, SftConfig, default


def parse(*argv: str):
    return build_parser().parse_args(list(argv))


def test_cli_and_dpo_form_follow_the_dataclass_defaults(window, monkeypatch):
    from gui.tabs.dpo_tab import DpoTab

    monkeypatch.setattr(DpoConfig, "beta", 0.37)
    monkeypatch.setattr(DpoConfig, "batch_size", 6)
    monkeypatch.setattr(DpoConfig, "loss_type", "ipo")
    monkeypatch.setattr(DpoConfig, "learning_rate", 7e-5)
    args = parse("dpo", "--pairs", "data/pairs_train.jsonl", "--out", "x")
    assert (args.beta, args.loss, args.batch_size, args.learning_rate) == (0.37, "ipo", 6, 7e-5)
    tab = DpoTab(window)
    assert tab.beta.value() == 0.37 and tab.batch_size.value() == 6 and tab.loss_type.currentData() == "ipo"
    assert tab.learning_rate.text() == "7e-5"


def test_cli_and_tutor_form_follow_the_sft_defaults(window, monkeypatch):
    from gui.tabs.tutor_tab import TutorTab

    for name, value in (("epochs", 3.5), ("learning_rate", 6e-4), ("lora_rank", 12), ("max_steps", 9),
                        ("seed", 4)):
        monkeypatch.setattr(SftConfig, name, value)
    for command in (("sft", "--out", "x"), ("distill", "--revisions", "r", "--out", "x")):
        args = parse(*command)
        assert (args.epochs, args.learning_rate, args.lora_rank, args.max_steps, args.seed) == (3.5, 6e-4, 12, 9, 4)
    tab = TutorTab(window)
    assert (tab.epochs.value(), tab.learning_rate.text(), tab.lora_rank.value(), tab.max_steps.value()) == (
        3.5, "6e-4", 12, 9)


def test_cli_and_reward_form_follow_the_reward_defaults(window, monkeypatch):
    from gui.tabs.reward_tab import RewardTab

    for name, value in (("epochs", 2.5), ("learning_rate", 9e-4), ("lora_rank", 5), ("batch_size", 3),
                        ("engine", "trl")):
        monkeypatch.setattr(RewardConfig, name, value)
    args = parse("rm", "--pairs", "data/pairs_train.jsonl", "--out", "x")
    assert (args.epochs, args.learning_rate, args.lora_rank, args.batch_size, args.engine) == (
        2.5, 9e-4, 5, 3, "trl")
    tab = RewardTab(window)
    assert (tab.epochs.value(), tab.learning_rate.text(), tab.lora_rank.value(), tab.batch_size) == (
        2.5, "9e-4", 5, 3)


def test_cli_and_constitution_form_follow_the_constitution_defaults(window, monkeypatch):
    from gui.tabs.constitution_tab import ConstitutionTab

    for name, value in (("rounds", 3), ("limit", 7), ("max_new_tokens", 40), ("order", "random"), ("seed", 5)):
        monkeypatch.setattr(ConstitutionConfig, name, value)
    monkeypatch.setattr(SftConfig, "epochs", 1.5)  # the Distill page trains the tutor by SFT
    args = parse("cai", "--out", "x")
    assert (args.rounds, args.limit, args.order, args.seed) == (3, 7, "random", 5)
    tab = ConstitutionTab(window)
    assert (tab.rounds.value(), tab.limit.value(), tab.max_new_tokens.value(), tab.epochs.value()) == (3, 7, 40, 1.5)
    assert tab.order.currentData() == "random"


def test_default_reads_the_field_and_names_a_wrong_one():
    assert default(DpoConfig, "beta") == DpoConfig.beta and default(SftConfig, "epochs") == SftConfig.epochs
    try:
        default(DpoConfig, "betta")
    except AttributeError as exc:
        assert "DpoConfig has no field 'betta'" in str(exc)
    else:
        raise AssertionError("an unknown field must raise")
