"""The feedback panel's HTML: status in words, escaping, highlights labelled by criterion."""
from __future__ import annotations

import re

from grader.notebook.panel import (
    FeedbackPanel,
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


def test_highlights_are_labelled_with_criterion_ids():
    html = highlighted_answer_html(make_result())
    assert re.search(r"<mark[^>]*>because</mark><sup[^>]*>\[gives-reason\]</sup>", html)
    assert re.search(r"<mark[^>]*>\?</mark><sup[^>]*>\[asks-question\]</sup>", html)
    assert "[s1]" in html  # the suggestion span is labelled too


def test_overlapping_spans_each_get_their_label():
    text = "because because"
    result = Result("x/y", "T", text, (
        CriterionResult("one", "d", 1, 1, True, "", ((0, 15),)),
        CriterionResult("two", "d", 1, 1, True, "", ((8, 15),)),
    ))
    html = highlighted_answer_html(result)
    assert "[one, two]" in html
    assert html.count("<mark") == 2


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
    assert "sho<mark" in highlighted_answer_html(result)


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


def test_same_label_is_not_repeated_on_nearby_words_but_every_mark_names_it():
    text = "because because because" + " filler" * 20 + " because"
    spans = ((0, 7), (8, 15), (16, 23), (len(text) - 7, len(text)))
    result = Result("x/y", "T", text, (CriterionResult("reason", "d", 1, 1, True, "", spans),))
    html = highlighted_answer_html(result)
    assert html.count("<mark") == 4
    assert html.count('title="reason"') == 4
    assert html.count("[reason]") == 2  # first stretch, then again far away
