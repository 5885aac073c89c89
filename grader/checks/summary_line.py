"""``summary_line``: a commit's first line that tells a reader on its own what changed.

Short enough for ``git log --oneline`` (``max_chars``, 72 by convention, "about"
72: a few characters over are tolerated, and the ``(#123)`` that a squash merge
appends is not the writer's text), and saying what changes: a change verb
("add", "pin", "retry", "revert") with a concrete object. "fix bug", "resolve
issue", "WIP", a lone ticket id or "improve code quality" name no object;
"Finally!!! after 3 days" names no change.

Real conventions, read as structure rather than content: subsystem prefixes
("net/http: ", "libcontainer: user: "), Conventional-Commit types ("fix(api)!:"),
bracket tags ("[12.x]", "(maint)") and emoji shortcodes (":bug:"). What cannot
be a summary on its own: a merge commit's "Merge pull request #12 from
someone/branch" (it names a branch, not a change), a first line that is a list
item or is cut mid-sentence and continues on the next line, and a first line
that runs into a second sentence.
"""
from __future__ import annotations

import re

from grader.analysis import Analysis
from grader.analysis.code_refs import TICKET
from grader.checks.base import Check, Outcome, Params, quote, register

_TICKET_ONLY = re.compile(r"[\s\[\]()#:A-Z0-9-]*", re.ASCII)
# Structure before the subject proper, any number of times: "[12.x] ", "(maint) ", ":bug: ",
# "net/http: ", "fix(api)!: ", "libcontainer: user: ".
_PREFIX = re.compile(
    r"\s*(?:(?:\[[^\]\n]{1,40}\]|\([A-Za-z][\w.-]{0,20}\)|:[a-z_+-]{2,30}:)\s*"
    r"|[\w.*/-]{1,40}(?:\([^)\n]{0,40}\))?!?:\s+)+"
)
_WORD = re.compile(r"[\w'<>=.+/-]+")
_CHANGE_TYPE = re.compile(r"\s*(?:fix|feat|perf|revert|refactor|build|ci|docs|test|style|security|deps)\b")
_VERSION = re.compile(r"v?[\d.]+")  # "Release 4.12 changes" names no change
# What a squash merge or a maintainer appends: " (#12066)", " (#348, #3217)".
_PR_SUFFIX = re.compile(r"(?:\s*\(#\d+(?:,\s*#\d+)*\))+\s*$")
# "about" 72: this many characters over the limit still count as a summary line.
LENGTH_TOLERANCE = 3
_MERGE = re.compile(r"\s*(?:Merge (?:pull request|branch|remote-tracking branch|tag)\b|Merged? (?:in |from )?#\d+|Manual merge\b)", re.IGNORECASE)
_LIST_ITEM = re.compile(r"\s*[-*\u2022]\s")
# A second sentence inside the line ("Updated X. We should ..."), not "e.g. x" or "v1.2. x".
_SECOND_SENTENCE = re.compile(r"[a-z)\]`'\"](?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)\.\s+\(?[A-Za-z]")
# The line stops on a word that cannot end a summary: the writer wrapped it.
_DANGLING = re.compile(r"(?:\b(?:and|or|the|a|an|of|to|for|in|on|with|that|which|when|where|if|so|but|by|from|as)|[,\-:])\s*$", re.IGNORECASE)
# camelCase, snake_case, dotted or path-like, a call: an identifier, however short the line.
_IDENTIFIER = re.compile(r"[a-z][A-Z][a-z]|\w[_./<>]\w|\w\(")


@register
class SummaryLine(Check):
    name = "summary_line"

    def __init__(self, raw: object, path: str) -> None:
        params = Params(raw, path)
        self.max_chars = params.number("max_chars", 72, minimum=20)
        self.min_words = params.number("min_words", 3, minimum=1)
        params.done()

    def evaluate(self, analysis: Analysis) -> Outcome:
        lines = analysis.nonblank_lines
        if not lines:
            return Outcome(False, "there is no first line")
        first = lines[0]
        text = analysis.slice(first).strip()
        own = _PR_SUFFIX.sub("", text)
        if len(own) > self.max_chars + LENGTH_TOLERANCE:
            return Outcome(False, f"the first line is {len(own)} characters; keep it to {self.max_chars:g}", (first,))
        if _MERGE.match(text):
            return Outcome(False, "the first line names a merge, not what the change does", (first,))
        if _LIST_ITEM.match(text):
            return Outcome(False, "the first line is a list item, not a summary of the commit", (first,))
        if _continues(analysis, first, own):
            return Outcome(False, "the first line stops mid-sentence and goes on in the next line", (first,))
        if _SECOND_SENTENCE.search(own):
            return Outcome(False, "the first line runs into a second sentence; keep it to one", (first,))
        prefix = _PREFIX.match(analysis.norm, first[0], first[1])
        body_start = prefix.end() if prefix else first[0]
        body_end = first[0] + len(analysis.norm[first[0]:first[1]].rstrip()) - (len(text) - len(own))
        words = _WORD.findall(analysis.norm, body_start, body_end)
        code_like = any(body_start <= s[0] < body_end for s in analysis.signal("code_ref")) or any(
            _IDENTIFIER.search(w) for w in words[1:])
        generic_verb = any(s[0] == body_start for s in analysis.signal("generic_summary"))  # "Update config.yaml"
        enough = len(words) >= self.min_words or (len(words) == 2 and code_like and not generic_verb)  # "Remove sniffTest"
        if _TICKET_ONLY.fullmatch(text) or not enough:
            return Outcome(False, "the first line is too short to say what changes", (first,))
        in_line = lambda spans: [s for s in spans if body_start <= s[0] < body_end]  # noqa: E731
        verbs = in_line(analysis.signal("change_verbs"))
        if prefix and _CHANGE_TYPE.match(analysis.lower, first[0]):
            verbs.append((first[0], prefix.end()))  # "fix(auth): ..." names the kind of change
        if not verbs:
            return Outcome(False, "the first line doesn't say what the commit changes, e.g. add, fix, remove or pin", (first,))
        generic = in_line(analysis.signal("generic_summary")) + in_line(analysis.signal("buzzwords"))
        covered = verbs + generic
        content = [
            w for w in _WORD.finditer(analysis.norm, body_start, body_end)
            if not any(s <= w.start() < e and (w.end() <= e or not _IDENTIFIER.search(w.group())) for s, e in covered)
            and w.group().lower() not in _FILLER and not _VERSION.fullmatch(w.group())
            and not TICKET.fullmatch(w.group())
        ]
        # "fix DAU bug", "Fix the iOS crash": a qualifier on a generic noun still names no change.
        if not content or (len(content) < 2 and generic and not any(_IDENTIFIER.search(w.group()) for w in content)):
            return Outcome(False, f"the first line is generic: {quote(analysis, generic or verbs)}", (first,))
        return Outcome(True, f"first line of {len(text)} characters: \u201c{text}\u201d", (first,))


def _continues(analysis: Analysis, first: tuple[int, int], text: str) -> bool:
    """The first line was wrapped by its writer: no blank line after it and the sentence is not over."""
    after = analysis.norm[first[1]:first[1] + 2]
    if not after.startswith("\n") or after == "\n\n" or first[1] + 1 >= len(analysis.norm):
        return False
    nxt = analysis.norm[first[1] + 1:].split("\n", 1)[0].strip()
    if not nxt or nxt[0] in "-*#>":
        return False
    return bool(_DANGLING.search(text)) or (len(text) >= 60 and nxt[0].islower() and text[-1] not in ".!?)")


_FILLER = frozenset("a an the to of for in on at and or with from by into this that it its our some all up".split())
