"""The command line's time budget: it interrupts the body and always restores the handler."""

from __future__ import annotations

import signal
import time

import pytest
from service.budget import BudgetExceeded, time_budget


def test_the_budget_interrupts_the_body_and_restores_the_handler() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(BudgetExceeded), time_budget(0.05):
        time.sleep(5)
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_alarm_before_the_body_still_restores_the_handler(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A process descheduled right after arming can take the alarm before the
    # body runs; arming that fires at once stands in for it.
    def fire_at_once(which: int, seconds: float, interval: float = 0.0) -> tuple[float, float]:
        handler = signal.getsignal(signal.SIGALRM)
        if seconds and callable(handler):
            handler(signal.SIGALRM, None)
        return (0.0, 0.0)

    before = signal.getsignal(signal.SIGALRM)
    monkeypatch.setattr(signal, "setitimer", fire_at_once)
    ran = False
    with pytest.raises(BudgetExceeded), time_budget(10):
        ran = True
    assert not ran
    assert signal.getsignal(signal.SIGALRM) == before


def test_a_budget_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"), time_budget(0):
        pass
