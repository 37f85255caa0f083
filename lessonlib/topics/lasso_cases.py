"""The lasso slope case by case: which of the three cases holds, and why the others fail.

The chapter "The lasso slope: three cases and an exact zero" uses this module. For one
feature and the article's loss ``SSE(m, b) + lam*|m|`` (see :mod:`lessonlib.simple`)
the derivation splits on the sign of ``m`` and gets two *candidate* formulas,

    m > 0:  m_plus  = (Sxy - lam/2) / Sxx     valid only if it is > 0,  i.e. Sxy >  lam/2
    m < 0:  m_minus = (Sxy + lam/2) / Sxx     valid only if it is < 0,  i.e. Sxy < -lam/2

and a third case, ``m = 0``, valid when ``|Sxy| <= lam/2``. :func:`case_table` evaluates
all three for a grid of ``lam`` so a chapter can print which candidate contradicts its
own assumption. :func:`case_steps` picks the steps of one case from the SymPy
derivation :func:`lessonlib.derive.derive_lasso` and labels them in plain words.
SymPy is imported only inside :func:`case_steps`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import scale, simple
from lessonlib._validation import as_float_vector, check_choice

__all__ = ["CASES", "case_steps", "case_table", "equal_lambda_crossover"]

CASES = ("m > 0", "m < 0", "m = 0")

# which steps of derive_lasso() to show for a case, and what to call them
_STEP_LABELS = {
    "put b in: the loss as a function of m (centred sums)": "the loss with the best b",
    "with Sxx = Sum_xx - n xbar^2, Sxy = Sum_xy - n xbar ybar": "set dL/dm = 0",
    "slope": "solve for m",
    "consistent with m > 0 iff": "this m is positive only if",
    "consistent with m < 0 iff": "this m is negative only if",
    "the loss of m alone": "the loss with the best b",
    "subgradient of L at m = 0": "left and right derivatives at m = 0",
    "0 is a minimiser iff": "m = 0 is a minimiser if and only if",
    "that is": "that is, right >= 0 and left <= 0",
    "solved for Sxy": "SymPy solves the two inequalities for Sxy",
    "i.e.": "a symmetric interval, in one inequality",
}


def case_table(x: ArrayLike, y: ArrayLike, lambdas: ArrayLike) -> dict[str, np.ndarray]:
    """Evaluate the lasso's three cases for each penalty weight in ``lambdas``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target (``x`` not constant).
    lambdas : array_like of shape (k,)
        Penalty weights of the article's loss, each >= 0.

    Returns
    -------
    dict of numpy.ndarray, each of shape (k,)
        ``"lambda"``; ``"m_plus"`` and ``"m_minus"``, the candidate slopes
        ``(Sxy -/+ lam/2)/Sxx`` of the cases ``m > 0`` and ``m < 0``, computed whether
        or not they are valid; ``"plus_ok"`` (``m_plus > 0``), ``"minus_ok"``
        (``m_minus < 0``) and ``"zero_ok"`` (``|Sxy| <= lam/2``), booleans; ``"case"``,
        the name of the valid case (``"m > 0"``, ``"m < 0"`` or ``"m = 0"``), and
        ``"slope"``, the lasso slope (exactly ``0.0`` in the case ``m = 0``).

    Notes
    -----
    Exactly one of the three flags is true for every ``lam``: ``m_plus > 0`` means
    ``Sxy > lam/2``, ``m_minus < 0`` means ``Sxy < -lam/2``, and the remaining
    values are ``|Sxy| <= lam/2``. So the three cases never overlap and never
    leave a gap, and the slope is ``soft_threshold(Sxy, lam/2) / Sxx``.

    Examples
    --------
    >>> t = case_table([1, 2, 3], [2, 4, 7], [4.0, 10.0, 12.0])
    >>> t["case"].tolist()
    ['m > 0', 'm = 0', 'm = 0']
    >>> t["m_plus"].tolist(), t["slope"].tolist()
    ([1.5, 0.0, -0.5], [1.5, 0.0, 0.0])
    >>> t["minus_ok"].tolist()
    [False, False, False]
    """
    s = simple.sufficient_stats(x, y)
    lam = as_float_vector(lambdas, "lambdas")
    if np.any(lam < 0):
        raise ValueError(f"lambdas must be >= 0, got {lam[lam < 0][0]}")
    half = lam / 2
    m_plus = (s.Sxy - half) / s.Sxx
    m_minus = (s.Sxy + half) / s.Sxx
    plus_ok = m_plus > 0
    minus_ok = m_minus < 0
    zero_ok = np.abs(s.Sxy) <= half
    case = np.where(plus_ok, CASES[0], np.where(minus_ok, CASES[1], CASES[2]))
    slope = np.where(plus_ok, m_plus, np.where(minus_ok, m_minus, 0.0))
    return {
        "lambda": lam,
        "m_plus": m_plus,
        "m_minus": m_minus,
        "plus_ok": plus_ok,
        "minus_ok": minus_ok,
        "zero_ok": zero_ok,
        "case": case,
        "slope": slope,
    }


def case_steps(case: str, *, derivation: Any = None) -> list[tuple[str, Any]]:
    """The key steps of one case of the SymPy lasso derivation, labelled in plain words.

    Parameters
    ----------
    case : {"m > 0", "m < 0", "m = 0"}
        Which case of :func:`lessonlib.derive.derive_lasso`.
    derivation : lessonlib.derive.Derivation, optional
        The result of :func:`lessonlib.derive.derive_lasso`, if already computed (saves
        deriving it again); derived here by default.

    Returns
    -------
    list of (str, sympy expression)
        For ``m > 0`` and ``m < 0``: the loss with the best intercept put in, the
        equation ``dL/dm = 0``, its solution and the condition under which the
        solution has the assumed sign. For ``m = 0``: the loss of ``m`` alone, the
        interval between its one-sided derivatives at 0, the condition that it contains
        0, that condition as two inequalities, their solution for ``Sxy``, and that
        solution as one inequality.

    Examples
    --------
    >>> [label for label, _ in case_steps("m > 0")][-2:]
    ['solve for m', 'this m is positive only if']
    >>> case_steps("m < 0")[-1][1]
    S_xy < -lambda/2
    """
    case = check_choice(case, "case", CASES)
    from lessonlib.derive import Derivation, derive_lasso

    if derivation is None:
        derivation = derive_lasso()
    elif not isinstance(derivation, Derivation) or derivation.name != "lasso":
        raise TypeError(
            "derivation must be the result of lessonlib.derive.derive_lasso(), "
            f"got {type(derivation).__name__}"
        )
    prefix = f"case {case}: "
    steps = []
    for label, expr in derivation.steps:
        if label.startswith(prefix) and label[len(prefix) :] in _STEP_LABELS:
            steps.append((_STEP_LABELS[label[len(prefix) :]], expr))
    return steps


def equal_lambda_crossover(x: ArrayLike, y: ArrayLike) -> float:
    """The penalty weight at which the lasso and ridge slopes are equal, or NaN if none.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target (``x`` not constant).

    Returns
    -------
    float
        ``2|Sxy| - Sxx`` if it is positive, else ``nan``: the ``lam > 0`` with
        ``lasso_slope(Sxx, Sxy, lam) == ridge_slope(Sxx, Sxy, lam)`` in the article's
        losses ``SSE + lam|m|`` and ``SSE + lam m^2``.

    Notes
    -----
    For ``Sxy > 0``, ``(Sxy - lam/2)/Sxx = Sxy/(Sxx + lam)`` reduces to
    ``lam (2 Sxy - Sxx - lam) = 0`` (and by symmetry ``2|Sxy| - Sxx`` for ``Sxy < 0``).
    The two ``lam`` have different units (``lam|m|`` and ``lam m^2`` must both be in the
    units of ``y**2``), so this number is not a property of the data: multiplying ``x`` by
    ``k`` turns it into ``2k|Sxy| - k**2 Sxx``.

    Examples
    --------
    >>> equal_lambda_crossover([1, 2, 3], [2, 4, 7])
    8.0
    >>> equal_lambda_crossover([10, 20, 30], [2, 4, 7])
    nan
    """
    lam = scale.lambda_star(x, y) - simple.sufficient_stats(x, y).Sxx
    return float(lam) if lam > 0 else float("nan")
