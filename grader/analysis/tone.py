"""Tone signals: VADER sentiment per sentence plus shouting (ALL CAPS, "!!!").

Why VADER is only one signal: it scores *sentiment*, and a good review comment
is often negative about the code ("every customer sees the wrong banner"). What
makes a comment disrespectful is negativity aimed at the person, so the tone
check combines VADER on sentences addressed to "you" with curated lexicons of
blame, condescension and sarcasm (grader/lexicons/tone.yaml).
"""
from __future__ import annotations

import re
from functools import lru_cache

from grader.analysis.text import Analysis, Span

# VADER costs ~65-200 microseconds a sentence. Past this many sentences (~6,000
# words) the answer is not a chat message any more; the lexicons still cover the rest.
MAX_SENTENCES = 300
MAX_SENTENCE_CHARS = 2000
_SECOND_PERSON = re.compile(r"(?<!\w)(?:you|your|you're|youre|yours|yourself|u)(?!\w)", re.IGNORECASE)
_CAPS_WORD = re.compile(r"(?<![\w`])[A-Z]{2,}(?:'[A-Z]+)?(?![\w`])")
# "!!!" and "???" shout; a friendly "Congrats!!" does not.
_BANGS = re.compile(r"!{3,}[!?]*|\?{3,}|[!?]*(?:\?!|!\?)[!?]*")
# "any update??", "why?!": two marks with a question already read as exasperation in an issue
# thread; "!!" alone does not (a friendly "Congrats on your first PR!!").
_DOUBLED = re.compile(r"[!?]*(?:\?\?|\?!|!\?)[!?]*")
# A word or two in quotes, mocking a claim: the "fix", your "design". Not a quoted string
# with spaces inside a sentence of its own (that is a citation, kept by the 3-word limit).
_SCARE_QUOTES = re.compile(r"(?<![\w\"\u201c])[\"\u201c][A-Za-z][\w'-]*(?: [\w'-]+)?[\"\u201d](?![\w\"])")


@lru_cache(maxsize=1)
def _vader():
    """The VADER analyser, loaded once per process (its lexicon is ~7,500 lines)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def hostile_to_reader(analysis: Analysis, threshold: float = -0.8) -> list[Span]:
    """Very negative sentences addressed to the reader ("you", "your").

    Why -0.8: measured on the calibration set, sentences between -0.5 and -0.8
    were honest descriptions of problems ("you're right that this is a big
    risk"), never insults; below -0.8 VADER sees real hostility. Only sentences
    that address the reader are scored, which also keeps VADER's cost down.
    """
    analyser = _vader()
    found = []
    scored = 0
    for span in analysis.sentences:
        if scored >= MAX_SENTENCES:
            break
        if analysis.code.contains(span[0]) or not _SECOND_PERSON.search(analysis.norm, span[0], span[1]):
            continue
        scored += 1
        text = analysis.slice(span)[:MAX_SENTENCE_CHARS]
        if analyser.polarity_scores(text)["compound"] <= threshold:
            found.append(span)
    return found
def shouting(analysis: Analysis, common_words: frozenset[str], exempt: frozenset[str] = frozenset()) -> list[Span]:
    """ALL-CAPS ordinary words (not acronyms or SQL keywords) and runs of "!!" / "???" outside code."""
    found: list[Span] = []
    caps = [
        m for m in _CAPS_WORD.finditer(analysis.norm)
        if not analysis.code.contains(m.start()) and m.group() not in exempt
    ]
    for i, match in enumerate(caps):
        word = match.group().lower()
        in_run = (
            i + 1 < len(caps) and caps[i + 1].start() - match.end() <= 2
        ) or (i > 0 and match.start() - caps[i - 1].end() <= 2)
        if word in common_words and (len(word) >= 3 or in_run):
            found.append(match.span())
    found += [m.span() for m in _BANGS.finditer(analysis.norm) if not analysis.code.contains(m.start())]
    return sorted(found)


def exasperation(analysis: Analysis) -> list[Span]:
    """Doubled "??" / "?!" outside code: a feature of frustration and impatience (not a veto)."""
    return [m.span() for m in _DOUBLED.finditer(analysis.norm) if not analysis.code.contains(m.start())]


def scare_quotes(analysis: Analysis) -> list[Span]:
    """One or two words in double quotes outside code ("the "fix""): mocking or doubting someone's claim."""
    return [m.span() for m in _SCARE_QUOTES.finditer(analysis.norm) if not analysis.code.contains(m.start())]
