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

from lessonlib import simple
from lessonlib._validation import as_float_vector

__all__ = ["CASES", "case_steps", "case_table"]

CASES = ("m > 0", "m < 0", "m = 0")

# which steps of derive_lasso() to show for a case, and what to call them
_STEP_LABELS = {
    "put b in: the loss as a function of m (centred sums)": (
        "with the best intercept b, the loss as a function of m"
    ),
    "with Sxx = Sum_xx - n xbar^2, Sxy = Sum_xy - n xbar ybar": "set dL/dm = 0",
    "slope": "solve for m",
    "consistent with m > 0 iff": "this m is positive only if",
    "consistent with m < 0 iff": "this m is negative only if",
    "subgradient of L at m = 0": "derivatives of L at m = 0 from the left and from the right",
    "0 is a minimiser iff": "m = 0 is a minimiser if and only if",
    "that is": "that is, both ends on the correct side of 0",
    "i.e.": "or, in one inequality",
}


def case_table(x: object, y: object, lambdas: object) -> dict[str, np.ndarray]:
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
        solution has the assumed sign. For ``m = 0``: the interval of slopes of the
        loss at 0, the condition that it contains 0, and that condition rewritten.

    Examples
    --------
    >>> [label for label, _ in case_steps("m > 0")][-2:]
    ['solve for m', 'this m is positive only if']
    >>> case_steps("m < 0")[-1][1]
    S_xy < -lambda/2
    """
    if not isinstance(case, str):
        raise TypeError(f"case must be a string, got {type(case).__name__}")
    if case not in CASES:
        raise ValueError(f"case must be one of {CASES}, got {case!r}")
    from lessonlib.derive import Derivation, derive_lasso

    if derivation is None:
        derivation = derive_lasso()
    elif not isinstance(derivation, Derivation) or derivation.name != "lasso":
        raise TypeError("derivation must be the result of lessonlib.derive.derive_lasso(), "
                        f"got {type(derivation).__name__}")
    prefix = f"case {case}: "
    steps = []
    for label, expr in derivation.steps:
        if label.startswith(prefix) and label[len(prefix):] in _STEP_LABELS:
            steps.append((_STEP_LABELS[label[len(prefix):]], expr))
    return steps
