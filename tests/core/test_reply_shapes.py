"""scripts/reply_shapes.py: the shape of a reply (copied or changed Checked: line, repeating note, verdict)."""

from scripts.reply_shapes import shape


def _row(sentence, correct, reply, verdict):
    return {"sentence": sentence, "correct": correct, "reply": reply, "verdict": verdict}


def test_a_copied_correct_sentence_with_an_invented_error():
    row = _row("She has seen it.", True, "Checked: She has seen it.\nVerb: seen → seen. Use 'seen' here.", "false alarm")
    assert shape(row) == ("correct", "copied", "X → X", "false alarm")


def test_a_changed_wrong_sentence_with_a_note_naming_two_words():
    row = _row("He go home.", False, "Checked: He goes home\nVerb: go → goes. One person needs 'goes'.", "fixed")
    assert shape(row) == ("error", "changed", "X → Y", "fixed")


def test_a_reply_without_checked_line_or_note():
    assert shape(_row("He go home.", False, "This sentence is already correct.", "missed")) == \
        ("error", "none", "none", "missed")
