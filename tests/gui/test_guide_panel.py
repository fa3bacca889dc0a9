"""The lab guides (resources/guides/<language>/<lab>.md) and the collapsible GuidePanel that shows them."""

from __future__ import annotations

import difflib
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QUrl

from gui.widgets.guide_panel import (
    ANSWER_ANCHOR,
    GUIDES,
    LAB_ORDER,
    GuidePanel,
    available_labs,
    available_languages,
    fold_answers,
    guide_path,
)

HEADINGS = {
    "en": ["Goal", "Steps", "What to watch", "Check yourself", "The ideas behind it"],
    "es": ["Objetivo", "Pasos", "Qué observar", "Comprueba lo aprendido", "Las ideas de fondo"],
}
ANSWER_LABEL = {"en": "Answer", "es": "Respuesta"}
LABS = ["tutor", "label", "reward", "dpo", "constitution"]


def _text(lab: str, language: str) -> str:
    return (GUIDES / language / f"{lab}.md").read_text(encoding="utf-8")


def _sections(markdown: str) -> dict[str, str]:
    """Level-2 heading -> the text under it."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


# --- the guide files ------------------------------------------------------------------------------------

def test_every_lab_has_an_english_and_a_spanish_guide():
    assert available_labs() == LABS == list(LAB_ORDER)
    assert available_languages()[:1] == ["en"] and "es" in available_languages()
    for lab in LABS:
        for language in ("en", "es"):
            assert (GUIDES / language / f"{lab}.md").is_file(), f"{language}/{lab}.md is missing"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("lab", LABS)
def test_guide_has_the_five_sections_in_order(lab, language):
    text = _text(lab, language)
    assert text.startswith("# "), "a guide opens with its title"
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert [h.strip() for h in headings] == HEADINGS[language]
    sections = _sections(text)
    steps = sections[HEADINGS[language][1]]
    assert re.search(r"^1\. ", steps, flags=re.MULTILINE) and re.search(r"^3\. ", steps, flags=re.MULTILINE), \
        "steps are a numbered list"
    check = sections[HEADINGS[language][3]]
    assert re.search(rf"^> \*\*{ANSWER_LABEL[language]}:\*\* \S", check, flags=re.MULTILINE), \
        "the check has one question and an answer line"
    ideas = sections[HEADINGS[language][4]]
    assert "```" in ideas, "the ideas section sets its formula in a code block"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("lab", LABS)
def test_guide_is_plain_markdown_of_reasonable_length(lab, language):
    text = _text(lab, language)
    for latex in ("\\(", "\\[", "$$", "\\sigma", "\\beta", "\\pi", "\\frac"):
        assert latex not in text, f"{latex!r}: Qt's Markdown does not render LaTeX"
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    assert 300 <= len(prose.split()) <= 720


@pytest.mark.parametrize("lab", LABS)
def test_spanish_guides_are_translations_not_copies(lab):
    en, es = _text(lab, "en"), _text(lab, "es")
    prose = [re.sub(r"```.*?```|`[^`]*`|\*\*[^*]*\*\*", "", t, flags=re.DOTALL).lower().split() for t in (en, es)]
    assert difflib.SequenceMatcher(None, prose[0], prose[1], autojunk=False).ratio() < 0.25
    spanish = {"el", "la", "que", "de", "los", "las", "una", "con", "para"}
    assert len(spanish & set(prose[1])) >= 6


def test_key_facts_are_in_the_guides():
    dpo, reward, constitution = _text("dpo", "en"), _text("reward", "en"), _text("constitution", "en")
    assert "ln 2 ≈ 0.693" in dpo and "β · log(π(y|x) / π_ref(y|x))" in dpo
    assert "L  = −log σ( β · (z⁺ − z⁻) )" in dpo and "IPO" in dpo and "hinge" in dpo
    assert "P(y⁺ ≻ y⁻ | x) = σ(r(x, y⁺) − r(x, y⁻))" in reward and "L = −log σ(r(x, y⁺) − r(x, y⁻))" in reward
    assert "RLAIF" in constitution and "DPO" in constitution
    assert "over-correct" in _text("tutor", "en")


# --- paths -------------------------------------------------------------------------------------------------

def test_guide_path_falls_back_to_english_and_rejects_paths():
    assert guide_path("dpo", "es") == GUIDES / "es" / "dpo.md"
    assert guide_path("dpo", "fr") == GUIDES / "en" / "dpo.md"
    assert guide_path("reward") == GUIDES / "en" / "reward.md"
    for lab, language in (("../core", "en"), ("dpo", "../en"), ("DPO", "en"), ("", "en")):
        with pytest.raises(ValueError):
            guide_path(lab, language)


def test_fold_answers_hides_and_shows_the_answer_line():
    markdown = "Question?\n\n> **Answer:** Forty-two.\n"
    hidden, shown = fold_answers(markdown, show=False), fold_answers(markdown, show=True)
    assert "Forty-two" not in hidden and f"]({ANSWER_ANCHOR})" in hidden and "Answer" in hidden
    assert "Forty-two" in shown and "Question?" in shown


# --- the panel ---------------------------------------------------------------------------------------------

@pytest.fixture
def panel(qtbot):
    widget = GuidePanel("dpo")
    qtbot.addWidget(widget)
    widget.resize(360, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_panel_renders_the_guide(panel):
    text = panel.browser.toPlainText()
    for heading in HEADINGS["en"]:
        assert heading in text
    assert "−log σ( β · (z⁺ − z⁻) )" in text
    assert "##" not in text and "```" not in text, "the Markdown is rendered, not shown raw"
    assert panel.title.text() == "Lab 01: Direct Preference Optimization"
    assert panel.lab == "dpo" and panel.language == "en"


def test_answer_is_folded_until_clicked(panel, qtbot):
    answer = "Training works as long as the margin"
    assert answer not in panel.browser.toPlainText() and not panel.answers_shown()
    panel.browser.anchorClicked.emit(QUrl(ANSWER_ANCHOR))
    assert answer in panel.browser.toPlainText() and panel.answers_shown()
    panel.browser.anchorClicked.emit(QUrl(ANSWER_ANCHOR))
    assert answer not in panel.browser.toPlainText()


def test_panel_collapses_and_expands(panel, qtbot):
    assert not panel.is_collapsed() and panel.browser.isVisible() and not panel.rail.isVisible()
    with qtbot.waitSignal(panel.toggled) as signal:
        qtbot.mouseClick(panel.collapse_button, Qt.MouseButton.LeftButton)
    assert signal.args == [True] and panel.is_collapsed()
    assert not panel.browser.isVisible() and panel.rail.isVisible()
    assert panel.maximumWidth() <= 40
    with qtbot.assertNotEmitted(panel.toggled):
        panel.set_collapsed(True)  # no change, no signal
    with qtbot.waitSignal(panel.toggled) as signal:
        qtbot.mouseClick(panel.rail, Qt.MouseButton.LeftButton)
    assert signal.args == [False] and not panel.is_collapsed() and panel.browser.isVisible()
    assert panel.maximumWidth() > 1000


def test_panel_switches_language(panel, qtbot):
    with qtbot.waitSignal(panel.language_changed) as signal:
        panel.set_language("es")
    assert signal.args == ["es"] and panel.language == "es"
    text = panel.browser.toPlainText()
    assert "Objetivo" in text and "Las ideas de fondo" in text and "Goal" not in text
    assert panel.language_combo.currentData() == "es"
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("en"))
    assert panel.language == "en" and "Goal" in panel.browser.toPlainText()


def test_missing_language_shows_english(qtbot):
    widget = GuidePanel("tutor", "fr")
    qtbot.addWidget(widget)
    assert widget.language == "fr"
    assert "Goal" in widget.browser.toPlainText() and "imitation gap" in widget.browser.toPlainText()


@pytest.mark.parametrize("lab", LABS)
def test_every_guide_renders_in_both_languages(qtbot, lab):
    widget = GuidePanel(lab, "es")
    qtbot.addWidget(widget)
    assert HEADINGS["es"][0] in widget.browser.toPlainText()
    widget.set_language("en")
    assert HEADINGS["en"][0] in widget.browser.toPlainText()


def test_module_imports_nothing_heavy():
    code = ("import sys; import gui.widgets.guide_panel; "
            "heavy = {'torch', 'transformers', 'trl', 'pyqtgraph', 'numpy', 'core'} & set(sys.modules); "
            "print(sorted(heavy)); sys.exit(1 if heavy else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=GUIDES.parents[1])
    assert result.returncode == 0, result.stdout + result.stderr
