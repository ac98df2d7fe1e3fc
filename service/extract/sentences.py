"""Sentence segmentation.

A terminal mark followed by space and a capital, digit or opening quote ends a
sentence unless the word before it is a known abbreviation or a single
capital initial; a line break always ends one (wire copy puts each paragraph
on its own line). Working on the raw text with one regex keeps this cheap.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass

_BOUNDARY_RE = re.compile(r"[.!?…][\"”’')\]]*[ \t]+(?=[\"“‘'(]?[A-Z0-9])|\n\s*")
_LAST_WORD_RE = re.compile(r"([\w.']+)\.$")


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
    return [Sentence(i, s, e) for i, (s, e) in enumerate(spans)]
