"""A hard time budget for one piece of work in this process, for the command line.

The extraction core is pure Python and reads no clock, so its caller bounds
it: an interval timer (SIGALRM) interrupts whatever runs when the budget is
spent, including a regular expression mid-match (the matcher checks for
signals). It needs the main thread on a POSIX system. The stream does not
use this: it runs the core in extraction processes that it can kill
(`service.stream.runner`), so a budget there also survives C code that never
returns to the interpreter.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class BudgetExceeded(BaseException):
    """The work ran out of time.

    A BaseException, like KeyboardInterrupt, so that an `except Exception`
    in the interrupted code cannot swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"did not finish within {seconds:g} s")
        self.seconds = seconds


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded in the body once `seconds` of wall time have passed."""
    if seconds <= 0:
        raise ValueError(f"a time budget must be positive, got {seconds!r}")

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise BudgetExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        # Armed inside the try: an alarm that comes before the body starts (a
        # descheduled process, a tiny budget) still restores the handler.
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        # Disarm before restoring the handler, so a late alarm cannot reach
        # the previous handler (by default, SIGALRM ends the process).
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
