"""The integrity building blocks on their own: literal answers, behaviour-test verdicts, copies, YAML values.

The end-to-end attacks are in test_integrity_probes.py; these pin each rule down without nbgrader.
"""
from __future__ import annotations

import builtins
import contextlib
import io

import pytest

from grader.nbgrader import behaviour, copies, literal_items
from grader.nbgrader.feedback_scores import score_line
from grader.rubric import cut_by_comment

CHOICE_TEST = 'assert isinstance(choice, str)\nassert choice.strip().lower() == "b", "b is best"'
RANKING_TEST = ('_expected = ["c", "a", "b"]\n_pairs = [(x, y) for i, x in enumerate(_expected) for y in _expected[i + 1:]]'
                "\nfloat(sum(ranking.index(x) < ranking.index(y) for x, y in _pairs))")


@pytest.mark.parametrize("source, values", [
    ('choice = "b"', {"choice": "b"}),
    ('# choice = "?"\nchoice = "B"  # my pick', {"choice": "B"}),
    ('labels = {"c1": "blocking", "c2": "non-blocking"}', {"labels": {"c1": "blocking", "c2": "non-blocking"}}),
    ('ranking = ["c", "a", "b"]', {"ranking": ["c", "a", "b"]}),
])
def test_literal_answers_are_read_without_running_them(source: str, values: dict) -> None:
    assert literal_items.read_literal_answer(source) == literal_items.LiteralAnswer(values=values)


@pytest.mark.parametrize("source", [
    "class Any(str):\n    def __eq__(self, other):\n        return True\nchoice = Any('x')",
    "choice = str('b')",
    "import os\nchoice = 'b'",
    "ranking = sorted(['a', 'b', 'c'])",
    "choice = 'b'\nprint(choice)",
])
def test_anything_but_literals_is_a_problem(source: str) -> None:
    answer = literal_items.read_literal_answer(source)
    assert answer.problem and not answer.values and not answer.syntax_error


def test_stub_and_syntax_error() -> None:
    assert literal_items.read_literal_answer("# YOUR CODE HERE\nraise NotImplementedError()").unanswered
    broken = literal_items.read_literal_answer('choice = "b')
    assert broken.syntax_error and "line 1" in broken.problem


def test_free_names_of_a_test() -> None:
    assert literal_items.free_names(CHOICE_TEST) == {"choice"}
    assert literal_items.free_names(RANKING_TEST) == {"ranking"}
    assert literal_items.free_names("from datetime import date\nassert f(date(2026, 1, 1)) == 3") == {"f"}


def test_run_test_scores_like_a_kernel_would() -> None:
    assert literal_items.run_test(CHOICE_TEST, {"choice": "b"}) == []
    (error,) = literal_items.run_test(CHOICE_TEST, {"choice": "a"})
    assert error["output_type"] == "error" and error["evalue"] == "b is best"
    (result,) = literal_items.run_test(RANKING_TEST, {"ranking": ["c", "b", "a"]})
    assert result["output_type"] == "execute_result" and result["data"]["text/plain"] == "2.0"
    (missing,) = literal_items.run_test(CHOICE_TEST, {})
    assert missing["ename"] == "NameError"


BEHAVIOUR_TEST = "assert callable(add)\n_cases = [((2, 3), 5), ((0, 0), 0)]\nfloat(sum(add(*a) == e for a, e in _cases))"


def run_instrumented(learner_code: str, test: str = BEHAVIOUR_TEST) -> tuple[list[dict], str | None]:
    """Learner code, then the instrumented test, in one namespace (as in a kernel); the trusted outputs."""
    namespace: dict = {"__builtins__": builtins}
    stdout, outputs = io.StringIO(), []
    live = vars(builtins)
    saved = dict(live)
    try:
        with contextlib.redirect_stdout(stdout):
            exec(learner_code, namespace)  # noqa: S102 - test input
            exec(behaviour.instrument(test, "ab12"), namespace)  # noqa: S102
    except Exception as error:  # noqa: BLE001 - the kernel would show it as an error output
        outputs.append({"output_type": "error", "ename": type(error).__name__, "evalue": str(error)})
    finally:
        live.update(saved)  # undo a learner's patch of the builtins module
        for extra in set(live) - set(saved):
            del live[extra]
    outputs.insert(0, {"output_type": "stream", "name": "stdout", "text": stdout.getvalue()})
    return behaviour.read_verdict(outputs, "ab12", 2.0)


def scored(outputs: list[dict]) -> float | None:
    if any(o["output_type"] == "error" for o in outputs):
        return 0.0
    results = [o for o in outputs if o["output_type"] == "execute_result"]
    return float(results[0]["data"]["text/plain"]) if results else None


def test_an_honest_function_earns_its_score() -> None:
    outputs, failure = run_instrumented("def add(a, b):\n    return a + b")
    assert failure is None and scored(outputs) == 2.0
    outputs, _ = run_instrumented("def add(a, b):\n    return 5")
    assert scored(outputs) == 1.0


@pytest.mark.parametrize("learner_code", [
    "float = lambda *args: 2.0\ndef add(a, b):\n    return -1",
    "sum = lambda *args: 2\ndef add(a, b):\n    return -1",
    "class Anything:\n    def __eq__(self, other):\n        return True\ndef add(a, b):\n    return Anything()",
    "class Int(int):\n    def __eq__(self, other):\n        return True\n    __hash__ = int.__hash__\n"
    "def add(a, b):\n    return Int(-1)",
    "import builtins\nbuiltins.float = lambda *args: 2.0\ndef add(a, b):\n    return -1",
])
def test_cheats_score_zero(learner_code: str) -> None:
    outputs, _ = run_instrumented(learner_code)
    assert scored(outputs) == 0.0


def test_patched_builtin_is_named() -> None:
    outputs, _ = run_instrumented("import builtins\nbuiltins.sum = builtins.max\ndef add(a, b):\n    return a + b")
    assert "builtin(s) sum were replaced" in outputs[-1]["evalue"]


def test_no_verdict_or_no_assertion_is_a_fail() -> None:
    outputs, failure = behaviour.read_verdict([], "ab12", 2.0)
    assert failure == "did not run to the end" and scored(outputs) == 0.0
    forged = [{"output_type": "stream", "name": "stdout", "text": "[multiplier-verdict 0000] asserts=1 result=2.0\n"}]
    assert behaviour.read_verdict(forged, "ab12", 2.0)[1] == "did not run to the end"
    outputs, failure = run_instrumented("x = 1", test="y = 2")
    assert failure == "ran no assertion" and scored(outputs) == 0.0


def test_copies() -> None:
    text = ("Blocking: the decorator retries on every exception, so a declined card is charged again on each "
            "retry. Please limit the retry to timeouts and connection resets and keep the first idempotency key.")
    assert copies.similarity(text, text) == 1.0
    assert copies.copies_model(text.replace("Please", "Could we"), text) is not None
    assert copies.similarity("too short to compare", "too short to compare") == 0.0
    other = ("I would merge this once the retry stops on CardDeclined; a refused card should fail fast and the "
             "customer should see the bank's message instead of waiting for three more attempts to time out.")
    assert copies.similarity(text, other) < copies.THRESHOLD
    assert copies.near_duplicates({"ana": text, "bo": text.upper(), "cy": other}) == [("ana", "bo", 1.0)]


def test_yaml_values_cut_at_a_comment_are_caught() -> None:
    assert cut_by_comment("hint: Name the moment, e.g. PR #4412.").startswith("line 1:")
    assert cut_by_comment("  - id: x\n    hint: 'Name PR #4412.'") is None
    assert cut_by_comment('hint: "PR #4412"\nother: plain # a real comment') is not None
    assert cut_by_comment("text: |\n  runs #4811 failed\n  Expected: #1\nnext: ok") is None


def test_feedback_score_line() -> None:
    assert score_line(3.5, 6.0, 10.0).startswith("Your score: 6 / 10 points, set by your instructor (automatic "
                                                 "score: 3.5 / 10")
    assert score_line(7.5, None, 10.0).startswith("Your score: 7.5 / 10 points (automatic")
