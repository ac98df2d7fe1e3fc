"""Why the core refuses an article: a reason code from the dead-letter vocabulary."""

from __future__ import annotations

from service.models import DeadLetterReason


class ArticleRejected(Exception):
    """The article cannot be coded; `reason` is a dead-letter reason code."""

    def __init__(self, reason: DeadLetterReason, message: str) -> None:
        super().__init__(message)
        self.reason: DeadLetterReason = reason
        self.message = message
