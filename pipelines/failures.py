"""Failures of one file or one step: a time budget for a file's work, and errors told in one line
(no dagster, no duckdb).

The budget is a ``SIGALRM`` timer, so it bounds pure-Python work and any C loop that hands control
back to Python; it applies in the main thread (where Dagster's in-process executor runs steps) and
is skipped elsewhere, where signals cannot be delivered.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class BudgetExceeded(Exception):
    """One file's work took longer than its time budget."""


@contextmanager
def time_budget(seconds: float | None, what: str) -> Iterator[None]:
    """Raise ``BudgetExceeded`` inside the block once ``seconds`` have passed (``None`` or 0: no limit).

    >>> with time_budget(5, "nothing"):
    ...     pass
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise BudgetExceeded(f"{what} took longer than its budget of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def one_line_error(error: BaseException) -> str:
    """``Type: first line of the message`` (at most 500 characters), for a ledger column.

    >>> one_line_error(ValueError("year 0 is out of range\\nmore"))
    'ValueError: year 0 is out of range'
    """
    lines = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    return text[:500]


def root_cause(error: BaseException) -> BaseException:
    """The innermost exception under ``error`` (Dagster wraps user code errors)."""
    while error.__cause__ is not None:
        error = error.__cause__
    return error
