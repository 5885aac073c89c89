"""``softskills check`` where the writing happens: commit messages, READMEs, pull requests.

A grade is only useful in a review tool if it points at the right place in the
file the author edits. The graded text is not always the whole file (git strips
comment lines from a commit message; a README hook grades one section), so
:mod:`grader.review.document` keeps the map from graded offsets back to file
lines and byte columns, and the renderers (:mod:`grader.review.reviewdog`,
:mod:`grader.review.checkstyle`) only ever use that map.
"""
