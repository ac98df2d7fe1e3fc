"""Sentence segmentation.

A terminal mark followed by space and a capital, digit or opening quote ends a
sentence unless the word before it is a known abbreviation or a single
capital initial; a line break always ends one (wire copy puts each paragraph
on its own line). Working on the raw text with one regex keeps this cheap.

A "sentence" longer than `MAX_SENTENCE_CHARS` is cut into pieces, at a comma
or semicolon where there is one, else at a space: argument and trigger
search is superlinear within a sentence, so an unbroken 100 KB run of text
(boilerplate, tables, hostile input) must not become one sentence. Real
sentences stay far below the cap (the golden set's longest is under 300).
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass

# A line break, or a terminal mark with its closing quotes and brackets and
# the space after it. The one class in front lets re skip to candidates fast.
_BOUNDARY_RE = re.compile(r"[.!?…\n](?:(?<=\n)\s*|[\"”’')\]]*[ \t]+(?=[\"“‘'(]?[A-Z0-9]))")
_LAST_WORD_RE = re.compile(r"([\w.']+)\.$")
MAX_SENTENCE_CHARS = 1000


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int  # character offsets into the article body, [start, end)
    end: int


def split_sentences(text: str, abbreviations: Set[str]) -> list[Sentence]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        mark_end = match.start() + 1
        if text[match.start()] == "." and "\n" not in match.group():
            before = _LAST_WORD_RE.search(text, max(start, match.start() - 24), mark_end)
            word = before.group(1) if before else ""
            # An initialism ("U.S.") far more often sits inside a sentence
            # ("U.S. President ...") than at its end.
            if word in abbreviations or (len(word) == 1 and word.isupper()) or "." in word:
                continue
        end = match.start()
        if text[end].isspace():
            while end > start and text[end - 1] in " \t":
                end -= 1
        else:
            end += len(match.group().rstrip())
        if end > start:
            spans.append((start, end))
        start = match.end()
    tail = text[start:].rstrip()
    if tail:
        spans.append((start, start + len(tail)))
    pieces = [piece for s, e in spans for piece in _capped(text, s, e)]
    return [Sentence(i, s, e) for i, (s, e) in enumerate(pieces)]


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) as pieces of at most MAX_SENTENCE_CHARS, cut after a comma or
    semicolon in the piece's second half, else at its last space, else hard."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        half = start + MAX_SENTENCE_CHARS // 2
        cut = max(text.rfind(", ", half, limit), text.rfind("; ", half, limit)) + 1
        if cut <= 0:
            cut = text.rfind(" ", half, limit)
        if cut <= start:
            cut = limit
        pieces.append((start, cut))
        start = cut
        while start < end and text[start] in " \t":
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces
