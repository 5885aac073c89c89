"""Named signals: the vocabulary rubric authors use in check parameters.

A signal is a list of spans computed from an :class:`Analysis` (cached per
answer by ``Analysis.signal``). Built-in signals are functions registered
here; every lexicon in ``grader/lexicons/*.yaml`` is also a signal under its own
name, matched outside code and outside heading/label words (a heading such as
"Impact:" is structure, not evidence of impact; tone lexicons are the exception,
see ``READ_IN_HEADINGS``).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from grader.analysis.lexicon import PhraseSet, all_lexicons, compiled
from grader.analysis.text import Analysis, Span

BUILTIN: dict[str, Callable[[Analysis], list[Span]]] = {}
# Lexicons matched in headings and labels too: "RTFM: <link>" or "## Who broke prod again" is read as much as
# the prose, while "Impact:" is a label, not evidence of impact.
READ_IN_HEADINGS = frozenset({"blame", "condescension", "sarcasm", "insult", "profanity", "dismissive", "threat",
                              "condescending_directive"})
# Matches kept per lexicon: enough for any judgement, bounded for 5 MB input.
MAX_MATCHES = 2000


def builtin(name: str):
    def register(function: Callable[[Analysis], list[Span]]):
        BUILTIN[name] = function
        return function

    return register


def known_signals() -> list[str]:
    return sorted(set(BUILTIN) | set(all_lexicons()))


def compute(name: str, analysis: Analysis) -> list[Span]:
    if name in BUILTIN:
        return BUILTIN[name](analysis)
    if name in all_lexicons():
        return lexicon_matches(analysis, compiled(name), keep_structure=name in READ_IN_HEADINGS)
    raise KeyError(name)


def lexicon_matches(analysis: Analysis, pattern: PhraseSet | re.Pattern[str], keep_structure: bool = False) -> list[Span]:
    """Matches of ``pattern`` (built by ``compile_phrases``) in the lower-cased text,
    outside code and outside headings/labels unless asked."""
    found: list[Span] = []
    for match in pattern.finditer(analysis.lower):
        span = match.span()
        if span[0] == span[1] or analysis.code.contains(span[0]):
            continue
        if not keep_structure and analysis.structure.contains_span(span):
            continue
        found.append(span)
        if len(found) >= MAX_MATCHES:
            break
    return sorted(found)


@builtin("code_ref")
def _code_ref(analysis: Analysis) -> list[Span]:
    from grader.analysis.code_refs import find_code_refs

    return find_code_refs(analysis)


@builtin("ticket_ref")
def _ticket_ref(analysis: Analysis) -> list[Span]:
    """"PR #4412", "PAY-1182", "#inc-1042": a named piece of work (not code, not a number)."""
    from grader.analysis.code_refs import TICKET

    return [m.span() for m in TICKET.finditer(analysis.norm)][:MAX_MATCHES]


@builtin("quantity")
def _quantity(analysis: Analysis) -> list[Span]:
    from grader.analysis.quantities import find_quantities

    return [s for s in find_quantities(analysis) if not analysis.code.contains(s[0])]


_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")  # digit-led: fast to scan; glued digits are skipped in code


@builtin("number")
def _number(analysis: Analysis) -> list[Span]:
    norm = analysis.norm
    found = []
    for match in _DIGITS.finditer(norm):
        start = match.start()
        if start and (norm[start - 1].isalnum() or norm[start - 1] in "_.-#"):
            continue
        found.append(match.span())
        if len(found) >= MAX_MATCHES:
            break
    return found


@builtin("question")
def _question(analysis: Analysis) -> list[Span]:
    """Sentences ending in a question mark (outside code)."""
    return [s for s in analysis.sentences if analysis.norm[s[1] - 1] == "?" or analysis.norm[s[0]:s[1]].rstrip("*_`) ").endswith("?")]


@builtin("link")
def _link(analysis: Analysis) -> list[Span]:
    return list(analysis.markdown.links)


@builtin("code_block")
def _code_block(analysis: Analysis) -> list[Span]:
    return list(analysis.markdown.code_blocks)


_SUGGESTION_FENCE = re.compile(r"[ \t]{0,3}(?:```|~~~)[ \t]*suggestion\b", re.IGNORECASE)


@builtin("suggestion_block")
def _suggestion_block(analysis: Analysis) -> list[Span]:
    """A GitHub ```suggestion block: a concrete replacement the author can apply in one click."""
    return [s for s in analysis.markdown.code_blocks if _SUGGESTION_FENCE.match(analysis.norm, s[0], s[1])]


@builtin("inline_code")
def _inline_code(analysis: Analysis) -> list[Span]:
    return list(analysis.markdown.inline_code)


@builtin("numbered_step")
def _numbered(analysis: Analysis) -> list[Span]:
    return list(analysis.markdown.numbered)


@builtin("list_item")
def _list_item(analysis: Analysis) -> list[Span]:
    return sorted(analysis.markdown.numbered + analysis.markdown.bullets)


@builtin("heading")
def _heading(analysis: Analysis) -> list[Span]:
    return list(analysis.markdown.headings)


@builtin("shouting")
def _shouting(analysis: Analysis) -> list[Span]:
    from grader.analysis.tone import shouting

    exempt = frozenset(all_lexicons().get("not_shouting", ()))
    return shouting(analysis, _common_words(), exempt)


@builtin("exasperation")
def _exasperation(analysis: Analysis) -> list[Span]:
    from grader.analysis.tone import exasperation

    return exasperation(analysis)


@builtin("scare_quotes")
def _scare_quotes(analysis: Analysis) -> list[Span]:
    from grader.analysis.tone import scare_quotes

    return scare_quotes(analysis)


@builtin("hostile_to_reader")
def _hostile(analysis: Analysis) -> list[Span]:
    from grader.analysis.tone import hostile_to_reader

    return hostile_to_reader(analysis)


@builtin("proper_noun")
def _proper_noun(analysis: Analysis) -> list[Span]:
    """Capitalised words not at the start of a sentence (names of people, products, teams)."""
    starts = {s[0] for s in analysis.sentences}
    common = _common_words()
    norm = analysis.norm
    found = []
    for token in analysis.tokens:
        text = token.text
        if token.start in starts or not text[:1].isupper() or text.isupper() and len(text) > 1:
            continue
        before = norm[max(0, token.start - 3):token.start].rstrip(" \t*_")
        if not before or before[-1] in ":;\n-\u2022>#(\"'\u201c":
            continue  # first word after a label, bullet or quote: capitalised by position
        if analysis.structure.contains(token.start):
            continue
        if text.lower() in common or text in ("I", "I'm", "I'd", "I've", "I'll"):
            continue
        found.append((token.start, token.end))
        if len(found) >= MAX_MATCHES:
            break
    return found


_ERRORISH = re.compile(
    r"error|exception|fail|denied|refused|not found|invalid|timeout|timed out|traceback|fatal|panic|"
    r"killed|oom|segfault|unauthori[sz]ed|forbidden|cannot|can't|unable|no such|undefined|null|nil|reason|"
    r"no valid|mismatch|rejected|unexpected|crash|abort|expired|deadlock|violat|bad request|"
    r"\b[45]\d\d\b|exit(?:ed)? (?:code|status)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"\"[^\"\n]{3,300}\"|\u201c[^\u201d\n]{3,300}\u201d")
_CLI = (
    r"make|npm|npx|yarn|pnpm|pip|pip3|python3?|pytest|poetry|uv|go|cargo|docker|docker-compose|kubectl|helm|"
    r"git|curl|wget|psql|mysql|redis-cli|terraform|bundle|rails|rake|mvn|gradle|\./gradlew|node|java|dotnet|aws|gcloud|az|"
    r"ssh|bash|sh|\./[\w.-]+|dbt|airflow|ansible|brew|apt|apt-get|systemctl|journalctl|xcodebuild|flutter|expo|"
    r"sudo|stripe|gh|heroku|fly|vercel|firebase|adb|xcrun|pod|fastlane|bazel|tox|nox|mix|iex|rustc|swift|deno|bun|"
    r"jq|grep|cat|tail|openssl|dig|nslookup|ping|minikube|kind|eksctl|pulumi|vault|consul|argocd|skaffold|"
    r"celery|gunicorn|uvicorn|flask|php|composer|ruby|rspec|jest|vitest|cypress|playwright|tsc|sbt|sqlite3|"
    r"mongosh|cqlsh|kcat|redis-server|"
    r"GET|POST|PUT|PATCH|DELETE"
)
_COMMAND = re.compile(r"`(?:\$\s)?(?:" + _CLI + r")\b[^`\n]{0,300}`")
# A command line in a code block or after a shell prompt: "$ make test", "~/app$ npm ci",
# "PS C:\\src> dotnet build", or a block whose line starts with a known CLI and an argument
# ("go get example.com/mod"; not output such as "npm ERR! ...").
_PROMPT_LINE = re.compile(r"^[ \t]*(?:[\w@~:/.\\-]{0,60}[$>#%]|PS [^\n>]{0,60}>)[ \t]+\S[^\n]{0,300}", re.MULTILINE)
_CLI_LINE = re.compile(r"^[ \t]*(?:sudo[ \t]+)?(?:" + _CLI + r")[ \t]+(?![A-Z]{3,}|\()[\w./@\"'=-][^\n]{0,300}", re.MULTILINE)



@builtin("error_message")
def _error_message(analysis: Analysis) -> list[Span]:
    """Pasted error text: code blocks, inline code or quotes that contain error-ish words.

    Why a signal of its own: the evidence a helper needs is usually in backticks
    ("`ERROR: permission denied for table invoices`"), where lexicons don't look.
    """
    candidates = analysis.markdown.inline_code + analysis.markdown.code_blocks
    candidates += [m.span() for m in _QUOTED.finditer(analysis.norm)][:MAX_MATCHES]
    return sorted(s for s in candidates[:MAX_MATCHES] if _ERRORISH.search(analysis.norm, s[0], s[1]))


@builtin("command")
def _command(analysis: Analysis) -> list[Span]:
    """A runnable command: in backticks (`make test`, `POST /refunds`), or a command line in a code block.

    Why code blocks too: real bug reports paste the command they ran in a fenced
    block ("$ make", "go get example.com/mod"), and that is the step someone else
    can follow. A prompt ("$ ", "PS C:\\src> ") marks a command line anywhere.
    """
    norm = analysis.norm
    found = [m.span() for m in _COMMAND.finditer(norm)][:MAX_MATCHES]
    for start, end in analysis.markdown.code_blocks[:MAX_MATCHES]:
        found.extend(m.span() for m in _CLI_LINE.finditer(norm, start, end))
        found.extend(m.span() for m in _PROMPT_LINE.finditer(norm, start, end))
    found.extend(m.span() for m in _PROMPT_LINE.finditer(norm) if norm[m.start():m.end()].lstrip()[:1] in "$~PS"
                 and not analysis.code.contains(m.start()))
    return sorted(set(found))[:MAX_MATCHES]


# Names that are a platform only when capitalised ("on Windows", "in Chrome"), not "two windows"
# or "the browser chrome"; the lexicons match lower-cased text, so these need their own signal.
_PLATFORM = re.compile(r"(?<![\w.])(?:Windows|Chrome|Edge|Safari|Mac|macOS|OS X|Xcode)(?![\w.])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*(?:[-*]\s+)?)$")


@builtin("platform_name")
def _platform_name(analysis: Analysis) -> list[Span]:
    """An operating system or browser named with its capital, not at the start of a sentence."""
    norm = analysis.norm
    found = []
    for match in _PLATFORM.finditer(norm):
        if analysis.code.contains(match.start()):
            continue
        if match.group() in ("Edge", "Mac", "Safari") and _SENTENCE_START.search(norm, max(0, match.start() - 4), match.start()):
            continue  # "Edge cases ..." at a sentence start
        found.append(match.span())
        if len(found) >= MAX_MATCHES:
            break
    return found


_VERSION_NUMBER = re.compile(r"(?<![\w.])v?\d{1,4}(?:\.\d{1,4}){0,3}(?:-[\w.]{1,20})?(?![\w]|\.\d)")
_NAME_BEFORE = re.compile(r"([A-Za-z][\w.+-]{0,30})[ @:]?$")
_NOT_NAMES = frozenset("at on in by to from since until of about around after before is was and or the a an for with than".split())


@builtin("versioned_name")
def _versioned_name(analysis: Analysis) -> list[Span]:
    """A product and its version ("Node 18", "iOS 17.5", "chart web-service 4.2.0").

    Numbers are rare next to words, so this looks at each number and the word
    before it, instead of trying a regex of product names at every word.
    """
    products = frozenset(p.lower() for p in all_lexicons().get("versioned_products", ()))
    found: list[Span] = []
    for match in _VERSION_NUMBER.finditer(analysis.norm):
        before = _NAME_BEFORE.search(analysis.norm, max(0, match.start() - 32), match.start())
        if not before:
            continue
        name = before.group(1).lower()
        dotted = "." in match.group() or match.group().startswith("v")
        if name in products or (dotted and name not in _NOT_NAMES and not name.isdigit()):
            found.append((before.start(1), match.end()))
            if len(found) >= MAX_MATCHES:
                break
    return found


_JUST = re.compile(r"\b(?:just|simply|merely)\s+([a-z]+)\b", re.IGNORECASE)
_DIRECTIVE_CONTEXT = re.compile(r"(?:^|[.!?:;,(\n\u2014-]|\b(?:you|can|should|could|then|and|just|please|to))\s*$", re.IGNORECASE)


@builtin("belittling_just")
def _belittling_just(analysis: Analysis) -> list[Span]:
    """"Just use X", "you can simply read the docs": minimising words in front of an instruction."""
    verbs = frozenset(v.lower() for v in all_lexicons().get("directive_verbs", ()))
    found: list[Span] = []
    for match in _JUST.finditer(analysis.norm):
        if match.group(1).lower() not in verbs or analysis.code.contains(match.start()):
            continue
        if _DIRECTIVE_CONTEXT.search(analysis.norm, max(0, match.start() - 12), match.start()):
            found.append(match.span())
            if len(found) >= MAX_MATCHES:
                break
    return found


_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|done|made|written|taken|given|seen|known|shown|built|sent|kept|left|lost|found|held|run|set|put|broken|chosen|forgotten|hidden)\b",
    re.IGNORECASE,
)


@builtin("passive_voice")
def _passive_voice(analysis: Analysis) -> list[Span]:
    """"was merged", "is being retried": passive constructions (a style hint, often fine)."""
    return [m.span() for m in _PASSIVE.finditer(analysis.norm) if not analysis.code.contains(m.start())][:MAX_MATCHES]


@builtin("concrete_anchor")
def _concrete(analysis: Analysis) -> list[Span]:
    """Anything concrete to point at: code, a quantity, a number, a name, a link, a date."""
    spans = analysis.signal("code_ref") + analysis.signal("quantity") + analysis.signal("number")
    spans += analysis.signal("proper_noun") + analysis.signal("link") + analysis.signal("deadline_terms")
    # "Platform Modernization 2.0": capitalised buzzwords are not names of anything.
    from grader.analysis.spans import SpanSet

    buzz = SpanSet(analysis.signal("buzzwords"))
    return sorted({s for s in spans if not buzz.contains(s[0])})


def _common_words() -> frozenset[str]:
    global _COMMON
    if _COMMON is None:
        _COMMON = frozenset(w.lower() for w in all_lexicons().get("common_words", ()))
    return _COMMON


_COMMON: frozenset[str] | None = None
