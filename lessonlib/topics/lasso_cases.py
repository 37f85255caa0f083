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
SymPy is imported only inside :func:`case_steps`. :func:`coordinate_descent` takes the
chapter from one feature to many: with the others held fixed, each coefficient solves
this one-feature problem on its partial residual.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import scale, simple
from lessonlib._validation import (
    as_float_vector,
    check_choice,
    check_penalty,
    check_positive_int,
    check_Xy,
)

__all__ = [
    "CASES",
    "case_steps",
    "case_table",
    "coordinate_descent",
    "equal_lambda_crossover",
]

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
    "that is": "that is, left derivative at most 0, right at least 0",
    "solved for Sxy": "solved for Sxy",
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


def coordinate_descent(
    X: ArrayLike, y: ArrayLike, lam: float, *, n_sweeps: int = 100
) -> np.ndarray:
    """The lasso for several features, one coordinate at a time, by this chapter's formula.

    Minimises the article's loss ``||y - c - X w||^2 + lam ||w||_1`` (unpenalised
    intercept ``c``; ``X`` and ``y`` are centred here). Holding every coefficient but
    ``w_j`` fixed leaves the one-feature lasso of the *partial residual*
    ``r_j = y_c - sum_{k != j} x_k w_k`` on ``x_j``, whose solution is
    :func:`lessonlib.simple.lasso_slope` with ``Sxx = x_j^T x_j`` and ``Sxy = x_j^T r_j``.
    Each sweep applies it to ``j = 1, ..., p`` in turn.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features; no column may be constant.
    y : array_like of shape (n,)
        Response.
    lam : float
        Penalty weight in the article's scaling (>= 0).
    n_sweeps : int, default=100
        Number of passes over the coordinates (>= 1).

    Returns
    -------
    numpy.ndarray of shape (n_sweeps, p)
        Row ``k`` holds the coefficients after sweep ``k + 1``; a coefficient that the
        soft-threshold sets to zero is exactly ``0.0``.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> coordinate_descent(X, [2.0, 0.5, -2.0, -0.5], 2.0, n_sweeps=1)[-1].tolist()
    [1.5, 0.0]
    """
    X, y = check_Xy(X, y)
    lam = check_penalty(lam, "lam")
    n_sweeps = check_positive_int(n_sweeps, "n_sweeps")
    Xc, r = X - X.mean(axis=0), y - y.mean()  # r: the residual of the current w
    Sxx = np.sum(Xc**2, axis=0)
    if np.any(Sxx == 0.0):
        raise ValueError(f"X has a constant column (column {int(np.argmin(Sxx))}): Sxx = 0")
    w = np.zeros(X.shape[1])
    history = np.empty((n_sweeps, X.shape[1]))
    for sweep in range(n_sweeps):
        for j in range(w.size):
            r_j = r + Xc[:, j] * w[j]  # the partial residual: w_j taken out
            w_j = float(simple.lasso_slope(float(Sxx[j]), float(Xc[:, j] @ r_j), lam))
            r = r_j - Xc[:, j] * w_j
            w[j] = w_j
        history[sweep] = w
    return history
