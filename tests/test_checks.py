"""Each check type on its own: it holds, it misses, and it points at the words."""
from __future__ import annotations

import socket

import pytest

from grader.analysis import Analysis
from grader.checks import CheckSpecError, build


def run(spec: dict, text: str):
    return build(spec).evaluate(Analysis(text))


def words(text: str, outcome) -> list[str]:
    return [text[s:e] for s, e in outcome.spans]


def test_contains_min_max_and_scope() -> None:
    text = "Fix retry in `sync()`\n\nBecause the job double-charged customers."
    assert run({"contains": {"find": "causal"}}, text).holds
    assert not run({"contains": {"find": "causal", "scope": "first_line"}}, text).holds
    assert not run({"contains": {"find": {"phrases": ["double-charg*"]}, "max": 0}}, text).holds
    outcome = run({"contains": {"find": {"phrases": ["double-charg*"]}}}, text)
    assert words(text, outcome) == ["double-charged"]


def test_absent_points_at_the_culprit() -> None:
    text = "This is simply wrong, obviously."
    outcome = run({"absent": {"find": "condescension"}}, text)
    assert not outcome.holds and words(text, outcome) == ["obviously"]


def test_near_needs_both_in_one_sentence() -> None:
    spec = {"near": {"a": "causal", "b": "impact_terms"}}
    assert run(spec, "This blocks writes, so customers see errors.").holds
    assert not run(spec, "Because reasons. Customers exist.").holds
    assert run({"near": {"a": "causal", "b": "impact_terms", "within": 5}}, "because the customers").holds


def test_order_first_part_before_second() -> None:
    spec = {"order": {"first": {"phrases": ["can I have"]}, "then": {"phrases": ["export broke"]}}}
    assert run(spec, "Can I have two engineers? The export broke twice.").holds
    assert not run(spec, "The export broke twice. Can I have two engineers?").holds


def test_if_then_is_conditional() -> None:
    spec = {"if": {"when": {"contains": {"find": {"phrases": ["TODO"]}}}, "then": {"code_references": {}}}}
    assert run(spec, "No markers here.").holds
    assert not run(spec, "TODO later").holds
    assert run(spec, "TODO in `parse()`").holds


def test_all_any_not() -> None:
    text = "See `parse()`."
    assert run({"all": [{"code_references": {}}, {"not": {"contains": {"find": "condescension"}}}]}, text).holds
    assert run({"any": [{"contains": {"find": "condescension"}}, {"code_references": {}}]}, text).holds
    assert not run({"not": {"code_references": {}}}, text).holds


def test_quantities() -> None:
    assert run({"quantities": {"min": 2}}, "Two engineers for 3 weeks.").holds
    outcome = run({"quantities": {}}, "Upgrade Postgres 12 to 16 in Q2.")
    assert not outcome.holds


def test_code_references() -> None:
    assert run({"code_references": {}}, "`retry_count` is never reset").holds
    assert not run({"code_references": {}}, "I'm not sure about this approach.").holds


@pytest.mark.parametrize(
    "text",
    [
        "Could we pass `ctx` into `fetchInvoices`?",
        "What if the export ran after the index build?",
        "I wonder whether `retry_count` should reset on success.",
        "Have you considered a `BigDecimal` for `totalPrice`?",
        "How about moving the lock into `flush()`?",
        "Would it make sense to cache the token for 5 minutes?",
        "I noticed `parse()` swallows the error; maybe log it?",
    ],
)
def test_question_framing_recognises_natural_phrasings(text: str) -> None:
    assert run({"question_framing": {}}, text).holds


@pytest.mark.parametrize("text", ["Have you considered an alternative?", "What do you think?", "Thoughts?"])
def test_question_framing_needs_something_concrete(text: str) -> None:
    assert not run({"question_framing": {"concrete": True}}, text).holds


@pytest.mark.parametrize(
    "text, culprit",
    [
        ("Did you even test this?", "Did you even"),
        ("Obviously this leaks.", "Obviously"),
        ("Just use the query builder.", "Just use"),
        ("Honestly, this is Mongo 101.", "101"),
        ("I'd have thought that was clear from onboarding.", "I'd have thought"),
        ("Great job breaking the build again.", "Great job breaking"),
        ("WHY IS THIS HARDCODED", "WHY"),
        ("Fix it!!!", "!!!"),
        ("Why did you remove the lock?", "Why did you"),
        ("As everyone knows, dates are hard.", "As everyone knows"),
    ],
)
def test_tone_flags_blame_condescension_sarcasm_and_shouting(text: str, culprit: str) -> None:
    outcome = run({"tone": {}}, text)
    assert not outcome.holds
    assert culprit in words(text, outcome)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for splitting this out! `retry()` never resets the counter, so a flaky API pages on-call. Could we reset it on success?",
        "This just missed the release; could we ship it in the next one?",
        "We use the AWS SDK and the HTTP client here.",
        "The query returns a cursor, so `users.length` is undefined and every customer sees the wrong banner.",
    ],
)
def test_tone_accepts_direct_but_respectful_comments(text: str) -> None:
    assert run({"tone": {}}, text).holds, words(text, run({"tone": {}}, text))


def test_readability_skips_short_texts() -> None:
    outcome = run({"readability": {"max_grade": 1}}, "Short text with extraordinarily polysyllabic vocabulary.")
    assert outcome.holds and "too short" in outcome.why


def test_readability_runs_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """textstat 0.7.8 is pinned because later releases fetch an NLTK corpus; prove no network is touched."""

    def no_network(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    text = " ".join(["The export runs every night and finishes before the finance team starts work."] * 12)
    outcome = run({"readability": {"max_grade": 12, "min_words": 100}}, text)
    assert outcome.holds and "reading grade" in outcome.why
    assert not run({"readability": {"max_grade": 1, "min_words": 100}}, text).holds


def test_length_and_structure() -> None:
    text = "## Steps\n1. run `make`\n2. open the page\n"
    assert run({"structure": {"numbered": 2, "headings": 1}}, text).holds
    assert not run({"structure": {"code_blocks": 1}}, text).holds
    assert run({"length": {"min_words": 3, "max_words": 20}}, text).holds
    assert not run({"length": {"max_words": 2}}, text).holds


def test_substitution_suggests_the_rewrite() -> None:
    outcome = run({"substitution": {"swap": {"utilize": "use", "in order to": "to"}}}, "We utilize X in order to win.")
    assert not outcome.holds
    assert "\u201cutilize\u201d \u2192 \u201cuse\u201d" in outcome.why


def test_substance_fails_keyword_stuffing() -> None:
    stuffed = "Respectfully, consider a refactor for readability, maintainability and performance, in line with best practices and SOLID principles going forward."
    assert not run({"substance": {}}, stuffed).holds
    assert run({"substance": {}}, "`parse()` on L12 drops the timezone, so 3% of bookings shift by an hour.").holds


def test_plain_language_flags_unexplained_jargon() -> None:
    jargon = "We need to migrate the ORM layer to CQRS with a read-optimised projection store to fix p99 TTFB on PDPs."
    assert not run({"plain_language": {}}, jargon).holds
    assert run({"plain_language": {}}, "Customers wait too long for the product page, and some give up before paying.").holds
    explained = "We need SOC2 (the security audit our biggest customers require) by June."
    assert run({"plain_language": {}}, explained).holds


@pytest.mark.parametrize("line, ok", [
    ("Retry ledger calls on 503 with exponential backoff", True),
    ("fix bug", False),
    ("JIRA-123", False),
    ("Improve code quality", False),
    ("Make the nightly export resumable after a worker restart so finance gets the numbers on time every day", False),
    # real conventions: subsystem and tag prefixes are structure, a squash merge's "(#123)" is not the writer's text
    ("billing/ledger: move retry helpers to internal/retry", True),
    ("[2.x] (maint) Pin grpcio below 1.60 for the arm64 wheels", True),
    ("Make `RetryPolicy` honour the Retry-After header on 429 responses (#40213)", True),
    ("Make `RetryPolicy` honour the Retry-After header on 429 and 503 responses", True),  # 74: "about" 72
    ("Make `RetryPolicy` honour the Retry-After header on every 429 and 503 response here", False),
    ("Remove legacyExportJob", True),  # two words, but the object is an identifier
    ("Update settings.toml", False),  # a generic verb on a file names no change
    ("Merge pull request #812 from someone/feature-branch", False),
    ("Merge branch 'release-3.2' into main", False),
    ("- Fixed the ledger retry loop", False),  # a list item, not a subject
    ("Stop the exporter from retrying. We should also look at the timeout", False),
])
def test_summary_line(line: str, ok: bool) -> None:
    assert run({"summary_line": {}}, line + "\n\nBody text.").holds is ok


def test_summary_line_cut_mid_sentence_is_not_a_summary() -> None:
    wrapped = "Stop the nightly exporter from retrying failed uploads forever and\nlet the on-call page fire after three attempts instead."
    outcome = run({"summary_line": {}}, wrapped)
    assert not outcome.holds and "mid-sentence" in outcome.why
    # a subject followed straight by its body (no blank line) is still a subject
    assert run({"summary_line": {}}, "Pin grpcio below 1.60 for arm64\nThe 1.60 wheels segfault on import.").holds


GOOD_PY = '''
LATE_FEE_RATE = 0.02
GRACE_PERIOD_DAYS = 14


def late_fee_cents(invoice_total_cents: int, days_overdue: int) -> int:
    """Late fee to add to an overdue invoice, so the dunning job charges it consistently.

    Takes the invoice total in cents and the days overdue; returns the fee in cents
    (0 inside the grace period). Raises ValueError for a negative total.
    """
    if invoice_total_cents < 0:
        raise ValueError("negative total")
    if days_overdue <= GRACE_PERIOD_DAYS:
        return 0
    return round(invoice_total_cents * LATE_FEE_RATE)
'''

BAD_PY = '''
def do_it(x, d2):
    tmp = x * 0.02
    if d2 > 14:
        return tmp
    return 0
'''


def test_python_checks_on_clear_and_confusing_code() -> None:
    for name in ("py_descriptive_names", "py_docstring_why", "py_docstring_contract", "py_named_constants"):
        assert run({name: {}}, GOOD_PY).holds, name
        assert not run({name: {}}, BAD_PY).holds, name
    outcome = run({"py_descriptive_names": {}}, BAD_PY)
    assert {"do_it", "x", "d2", "tmp"} <= set(words(BAD_PY, outcome))
    outcome = run({"py_named_constants": {}}, BAD_PY)
    assert words(BAD_PY, outcome) == ["0.02", "14"]


def test_python_docstring_that_repeats_the_name_fails() -> None:
    code = 'def compute_total(items):\n    """Compute the total."""\n    return sum(items)\n'
    assert not run({"py_docstring_why": {}}, code).holds


def test_python_syntax_error_is_a_clear_miss() -> None:
    outcome = run({"py_descriptive_names": {}}, "def broken(:\n    pass\n")
    assert not outcome.holds and "line 1" in outcome.why


def test_unknown_parameters_are_rejected() -> None:
    with pytest.raises(CheckSpecError, match="check.tone.sentimnet"):
        build({"tone": {"sentimnet": False}})


def test_tone_uses_vader_for_hostility_the_lexicons_do_not_list() -> None:
    text = "You ruined the launch, I hate working with you and it was a total disaster."
    assert run({"tone": {"sentiment": False}}, text).holds  # no lexicon entry matches
    outcome = run({"tone": {}}, text)
    assert not outcome.holds and words(text, outcome) == [text]


def test_negative_facts_addressed_to_the_reader_are_not_hostile() -> None:
    text = "You're right that this is a big risk: the outage cost us a painful, terrible weekend."
    assert run({"tone": {}}, text).holds


@pytest.mark.parametrize(
    "text",
    [
        "Happy to help you understand how indexes work, since this seems to be new to you.",
        "No worries, I know async code is confusing for a lot of people at first.",
        "I'm sure you had your reasons for not writing any tests here.",
        "Interesting approach! Not one I'd ever take, but interesting.",
        "With respect, this is a beginner's mistake in `parse_date`.",
        "Let me know if you need me to explain what a race condition is.",
        "As I've mentioned several times before, `retry()` must be idempotent.",
        "Per my last message, the cache key needs the locale.",
        "Not sure if you're aware, but `datetime.now()` is local time.",
        "This might be a bit advanced, but have you heard of transactions?",
        "I'll keep it simple for you: don't call the API in a loop.",
        "Great question, although it's covered on the first page of the docs.",
        "Who taught you to write SQL like this?",
        "This is the kind of code that gets people paged at 3am. Please do better.",
        "I can't believe this passed review.",
        "Did you actually read the ticket?",
    ],
)
def test_tone_catches_condescension_dressed_as_politeness(text: str) -> None:
    assert not run({"tone": {}}, text).holds


@pytest.mark.parametrize(
    "text",
    [
        "I'm not sure this handles a null `user_id`; could we add a guard in `load_profile()`?",
        "Honestly I missed this too the first time: `retry()` isn't idempotent, so a timeout can charge twice.",
        "This is a tricky one, and the docs don't make it obvious: `datetime.now()` returns local time.",
        "Thanks, this is much clearer. One small thing: the `limit` default of 10,000 could exhaust memory.",
        "Nice catch on the timeout. Could we also log the request id so on-call can trace it?",
        "We can do better than a full table scan here: an index on `created_at` would help.",
    ],
)
def test_tone_accepts_plain_respectful_review_language(text: str) -> None:
    assert run({"tone": {}}, text).holds


PYTHON_VARIANTS = {
    # Google-style docstring, constant at module level: everything met.
    "google": ('''
SECONDS_PER_DAY = 86_400


def days_until_expiry(expires_at: float, now: float) -> int:
    """Whole days left before a trial account expires, for the reminder emails.

    The billing team sends reminders at 7, 3 and 1 days left, so this rounds down.

    Args:
        expires_at: expiry time as a Unix timestamp in seconds.
        now: the current time, same unit.

    Returns:
        Days left, never negative.
    """
    remaining_seconds = max(expires_at - now, 0)
    return int(remaining_seconds // SECONDS_PER_DAY)
''', {"descriptive-names", "docstring-explains-why", "docstring-contract", "named-constants"}),
    # A docstring that restates the name says neither why nor the contract.
    "restates": ('''
def get_user_name(user):
    """Get the user name."""
    return user["name"]
''', {"descriptive-names", "named-constants"}),
    # A class constant is a named constant; a bare 404 is not.
    "http": ('''
def is_missing(response) -> bool:
    """True when the API says the resource is gone, so callers can drop it from the cache.

    Takes the HTTP response; returns a bool.
    """
    return response.status_code == 404
''', {"descriptive-names", "docstring-explains-why", "docstring-contract"}),
}


@pytest.mark.parametrize("name", sorted(PYTHON_VARIANTS))
def test_self_documenting_code_rubric_on_typical_rewrites(name: str) -> None:
    import grader

    code, expected = PYTHON_VARIANTS[name]
    result = grader.check(code, "async/self-documenting-code")
    assert {c.id for c in result.criteria if c.met} == expected


def test_section_min_sections_needs_that_many_titled_parts() -> None:
    spec = {"section": {"title": {"pattern": "(?:[a-z]+'s|my) case"}, "min_words": 5, "min_sections": 2}}
    both = ("Bea's case: /bulk is 2 % of calls but 60 % of load.\n\n"
            "My case: launch on 14 Dec with per-tenant limits, per-endpoint in January.")
    outcome = run(spec, both)
    assert outcome.holds and "Bea's case" in outcome.why and "My case" in outcome.why
    one = "Bea's case: /bulk is 2 % of calls but 60 % of load.\n\nMy view: ship it."
    missed = run(spec, one)
    assert not missed.holds and "needs 2 such sections, found 1" in missed.why
    empty = "Bea's case: /bulk is 2 % of calls but 60 % of load.\n\nMy case: yes."
    assert not run(spec, empty).holds
    with pytest.raises(CheckSpecError):
        build({"section": {"title": "x", "min_sections": 0}})
