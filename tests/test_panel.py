"""The feedback panel's HTML: status in words, escaping, highlights labelled by criterion."""
from __future__ import annotations

import re

from grader.notebook.panel import (
    FeedbackPanel,
    criteria_chips_html,
    evidence,
    highlighted_answer_html,
    render_empty_html,
    render_message_html,
    render_result_html,
    render_result_text,
)
from grader.result import CriterionResult, Result, Suggestion


def make_result(text: str = "Could we keep the lock because workers share it?") -> Result:
    because = text.find("because")
    return Result(
        rubric="pr-review/comment",
        title="Review comment",
        text=text,
        criteria=(
            CriterionResult("asks-question", "Ask, don't order", 2, 2, True, "You asked a question.",
                            ((len(text) - 1, len(text)),)),
            CriterionResult("gives-reason", "Give the reason", 3, 3, True, "Reason given.",
                            ((because, because + 7),)),
            CriterionResult("names-next-step", "Name the next step", 1, 0, False,
                            "Say what would unblock the PR, e.g. 'add a test for X'."),
        ),
        suggestions=(Suggestion("Consider a shorter first sentence.", ((0, 5),)),),
    )


def test_score_number_and_bar_are_shown():
    html = render_result_html(make_result())
    assert "5 / 6" in html
    assert 'aria-valuenow="83"' in html


def test_every_criterion_row_has_icon_and_word_not_only_colour():
    html = render_result_html(make_result())
    assert html.count("Met</td>") == 2
    assert html.count("Not yet</td>") == 1
    assert "&#10004;" in html and "&#10008;" in html
    assert "Say what would unblock the PR" in html  # the hint for the missed criterion
    assert "1 of 3 criteria not met yet" in html


def test_points_per_criterion():
    html = render_result_html(make_result())
    assert "2 / 2" in html and "3 / 3" in html and "0 / 1" in html


def test_one_highlight_per_sentence_listing_every_criterion_it_met():
    html = highlighted_answer_html(make_result())  # both criteria fire inside the one sentence
    assert html.count("<mark") == 1
    assert re.search(r"<mark[^>]*>Could we keep the lock because workers share it\?</mark>", html)
    assert "\u2714 asks-question \u00b7 \u2714 gives-reason \u00b7 s1" in html


def test_word_spans_and_whole_sentence_spans_give_the_same_highlights():
    text = "The cache is shared. Could we keep the lock? It doubled the load in March."
    second, third = text.index("Could"), text.index("It doubled")
    def result(spans_a, spans_b):
        return Result("x/y", "T", text, (
            CriterionResult("asks", "d", 1, 1, True, "", spans_a),
            CriterionResult("impact", "d", 1, 0, False, "", spans_b),
        ))
    words = result(((second, second + 5),), ((third + 3, third + 10),))  # "Could", "doubled"
    sentences = result(((second, third - 1),), ((third, len(text)),))
    assert evidence(words) == evidence(sentences)
    html = highlighted_answer_html(words)
    assert html.count("<mark") == 2 and "The cache is shared." not in re.findall(r"<mark[^>]*>(.*?)</mark>", html)
    assert "\u2714 asks" in html and "\u2718 impact" in html


def test_a_sentence_that_met_one_criterion_and_cost_another_is_one_highlight_in_the_missed_colour():
    text = "You broke the build again, the lock in refresh() is gone."
    result = Result("x/y", "T", text, (
        CriterionResult("specific", "d", 1, 1, True, "", ((39, 48),)),
        CriterionResult("respectful-tone", "d", 1, 0, False, "", ((0, 9),)),
    ))
    (unit,) = evidence(result)
    assert (unit.start, unit.end, unit.met, unit.missed) == (0, len(text), ("specific",), ("respectful-tone",))
    html = highlighted_answer_html(result)
    assert html.count("<mark") == 1 and "--jp-warn-color0" in html.split("<mark")[1].split(">")[0]


def test_colours_come_from_the_jupyterlab_theme_with_light_fallbacks():
    html = render_result_html(make_result())
    assert "var(--jp-layout-color1, #ffffff)" in html and "var(--jp-content-font-color1, #1f2328)" in html
    assert not re.search(r"(?<![, ])#[0-9a-fA-F]{6}", html)  # every colour is a fallback inside var()
    assert "a sentence that met a criterion" in html  # the legend


def test_chips_show_every_criterion_in_one_line():
    chips = criteria_chips_html(make_result())
    assert chips.count("\u2714") == 2 and chips.count("\u2718") == 1 and "names next step" in chips
    assert "5/6" in chips
    todo = criteria_chips_html(make_result(), todo=True)
    assert todo.count("\u2610") == 3 and "5/6" not in todo


def test_learner_html_is_escaped_everywhere():
    evil = "<script>alert(1)</script> because?"
    result = make_result(evil)
    result = Result(result.rubric, result.title, evil, result.criteria,
                    (Suggestion("<img src=x onerror=alert(1)>"),))
    html = render_result_html(result)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html


def test_spans_outside_the_text_are_ignored_not_crashing():
    result = Result("x/y", "T", "short", (CriterionResult("c", "d", 1, 1, True, "", ((3, 99), (50, 60))),))
    html = highlighted_answer_html(result)  # the one sentence "short" is highlighted once
    assert html.count("<mark") == 1 and ">short</mark>" in html


def test_suggestions_are_listed_separately_as_not_scored():
    html = render_result_html(make_result())
    assert "Suggestions (not scored)" in html
    assert "Consider a shorter first sentence." in html


def test_honesty_note_is_present():
    html = render_result_html(make_result())
    assert "signals" in html and "instructor has the final word" in html


def test_no_suggestion_section_without_suggestions():
    result = make_result()
    result = Result(result.rubric, result.title, result.text, result.criteria, ())
    assert "Suggestions (not scored)" not in render_result_html(result)


def test_empty_panel_lists_criteria_as_todo_without_score():
    html = render_empty_html(make_result(""))
    assert "Write your answer here" in html
    assert html.count("To do</td>") == 3
    assert "Not yet" not in html
    assert "(6 points)" in html


def test_message_panel_escapes():
    html = render_message_html("Unknown rubric", "no rubric '<b>x</b>'")
    assert "&lt;b&gt;" in html


def test_widget_panel_carries_the_html():
    panel = FeedbackPanel()
    panel.show(make_result())
    assert panel.widget.value == render_result_html(make_result())
    panel.show_message("T", "m")
    assert "T" in panel.html


def test_text_summary_names_each_criterion_status():
    text = render_result_text(make_result())
    assert text.splitlines()[0] == "Review comment (pr-review/comment): 5 / 6 points"
    assert "  [NOT YET] names-next-step: Say what would unblock the PR" in text
    assert "suggestion (not scored): Consider a shorter first sentence." in text
