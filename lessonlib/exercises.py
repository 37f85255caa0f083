"""Checks a student runs on an exercise's answer: right, or what is off, never the answer.

A computational exercise ends with a starter cell::

    from lessonlib.exercises import check

    answer = ...  # your answer
    check("ex-lasso-numbers", answer)

:func:`check` prints "Right." or says what is off: the sign, a factor of 2, the article's
λ given where scikit-learn's α was asked for (a factor of 2n), the wrong number of values,
or only that it is not right. It computes the expected answer itself, from the book's
data and closed forms, and never prints it. Each exercise's checker is registered with
:func:`checker`; the chapters' checkers live in :mod:`lessonlib.topics.exercise_checks`.

Examples
--------
>>> from lessonlib.exercises import check
>>> check("ex-lasso-numbers", [0.4, 0.0, -0.4, 0.0])
Right.
>>> check("ex-lasso-numbers", [0.5, 0.0, -0.5, 0.0])
Not yet: the exact zeros are right, but 2 of 4 values are off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Checker", "check", "checker", "diagnose", "registered"]

RTOL = 1e-4  # answers worked by hand to four or five figures count as right


@dataclass(frozen=True)
class Checker:
    """How to check one exercise.

    Parameters
    ----------
    expected : callable
        Computes the right answer (a number or an array of numbers).
    n : int or None
        The sample size, for telling the article's λ from scikit-learn's α (a factor 2n).
    rtol : float
        The relative tolerance of a right answer.
    """

    expected: Callable[[], Any]
    n: int | None = None
    rtol: float = RTOL


_REGISTRY: dict[str, Checker] = {}


def checker(label: str, *, n: int | None = None, rtol: float = RTOL) -> Callable:
    """Register the decorated function as the expected answer of exercise ``label``.

    Parameters
    ----------
    label : str
        The exercise's label in the book (``ex-...``).
    n : int, optional
        The sample size, when a factor ``2n`` is a typical slip (λ against α).
    rtol : float
        The relative tolerance of a right answer.

    Returns
    -------
    callable
        A decorator that registers its function and returns it unchanged.
    """
    if not label.startswith("ex-"):
        raise ValueError(f"label must start with 'ex-', got {label!r}")

    def register(expected: Callable[[], Any]) -> Callable[[], Any]:
        _REGISTRY[label] = Checker(expected, n, rtol)
        return expected

    return register


def registered() -> list[str]:
    """The labels of every exercise that has a check, sorted."""
    _load()
    return sorted(_REGISTRY)


def _load() -> None:
    # the chapters' checkers register themselves when their module is imported
    from lessonlib.topics import exercise_checks  # noqa: F401


def _close(a: np.ndarray, b: np.ndarray, rtol: float) -> bool:
    scale = np.maximum(np.abs(b), 1e-12)
    return bool(np.all(np.abs(a - b) <= rtol * scale + 1e-12))


def diagnose(answer: Any, expected: Any, *, n: int | None = None, rtol: float = RTOL) -> str:
    """What a student's ``answer`` gets right or wrong against ``expected``.

    Parameters
    ----------
    answer, expected : float or array_like
        The student's answer and the right one, of the same shape.
    n : int, optional
        The sample size: an answer off by ``2n`` (or ``1/(2n)``) is the article's λ given
        for scikit-learn's α, or the other way round.
    rtol : float
        The relative tolerance of a right answer.

    Returns
    -------
    str
        "Right." or a sentence saying what is off, which never contains ``expected``.

    Examples
    --------
    >>> diagnose([0.4, 0.0], [0.4, 0.0])
    'Right.'
    >>> diagnose([0.4], [0.4, 0.0])
    'Not yet: expected 2 values, got 1.'
    >>> print(diagnose(0.03, 3.0, n=50))
    Not yet: off by a factor of 2n = 100: the article's λ and scikit-learn's α differ by 2n.
    """
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return f"Not yet: the answer must be a number or numbers, got {type(answer).__name__}."
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        return f"Not yet: expected {want.size} value{'s' * (want.size != 1)}, got {got.size}."
    if not np.all(np.isfinite(got)):
        return "Not yet: the answer has a NaN or an infinity."
    if _close(got, want, rtol):
        return "Right."
    nonzero = np.abs(want) > 1e-12
    if np.any(nonzero) and _close(-got, want, rtol):
        return "Not yet: the size is right but the sign is wrong."
    zeros_right = np.array_equal(np.abs(got) < 1e-12, ~nonzero)
    for factor, how in ((2.0, "twice"), (0.5, "half")):
        if _close(got, factor * want, rtol) and np.any(nonzero):
            return f"Not yet: {how} the right size: a factor of 2 is missing or extra."
    if n is not None and np.any(nonzero):
        for factor in (2 * n, 1 / (2 * n)):
            if _close(got, factor * want, rtol):
                return (
                    f"Not yet: off by a factor of 2n = {2 * n}: the article's λ and "
                    "scikit-learn's α differ by 2n."
                )
    if want.size > 1 and not zeros_right:
        return "Not yet: not the right entries are exactly zero."
    if want.size > 1:
        wrong = int(np.sum(~np.isclose(got, want, rtol=rtol, atol=1e-12)))
        return f"Not yet: the exact zeros are right, but {wrong} of {want.size} values are off."
    return "Not yet: not close enough."


def check(label: str, answer: Any) -> None:
    """Check the answer to exercise ``label`` and print what the check found.

    Parameters
    ----------
    label : str
        The exercise's label, as the starter cell gives it.
    answer : float or array_like
        The student's answer.
    """
    _load()
    if label not in _REGISTRY:
        raise ValueError(f"label {label!r} has no check; those that do: {registered()}")
    rule = _REGISTRY[label]
    print(diagnose(answer, rule.expected(), n=rule.n, rtol=rule.rtol))
