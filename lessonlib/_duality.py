"""The duality gap of the lasso and the elastic net, written once.

Every gap lessonlib reports comes from :func:`gap_terms`: the stopping rule and the
history of :func:`lessonlib.solvers.lasso_cd` / ``enet_cd``, the gap of
:func:`lessonlib.solvers.subgradient_descent`, :func:`lessonlib.solvers.duality_gap`,
and :func:`lessonlib.optimality.gap_along` and ``dual_certificate``. It works on data
that are already checked and centred (scikit-learn's ``check_input=False`` pattern):
the callers validate their arguments once, and the coordinate-descent loop calls it
after every epoch with the residual it keeps up to date.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class GapTerms(NamedTuple):
    """The two sides of the gap and the factor that makes the dual point feasible."""

    primal: float  # P(w)
    dual: float  # D(theta) at theta = scale * r / n
    scale: float  # s = min(1, alpha1 / ||X_c^T r / n - alpha2 w||_inf)


def gap_terms(
    Xc: np.ndarray,
    yc: np.ndarray,
    w: np.ndarray,
    r: np.ndarray,
    alpha1: float,
    alpha2: float = 0.0,
) -> GapTerms:
    """Primal and dual objective of the elastic net at ``w`` and the dual point from ``r``.

    Parameters
    ----------
    Xc : numpy.ndarray of shape (n, p)
        Centred features (or the features as given, without an intercept).
    yc : numpy.ndarray of shape (n,)
        Centred response.
    w : numpy.ndarray of shape (p,)
        Coefficients.
    r : numpy.ndarray of shape (n,)
        Their residual ``yc - Xc @ w`` (passed in: a solver keeps it up to date).
    alpha1 : float
        Weight of the L1 penalty, ``> 0``.
    alpha2 : float, default=0.0
        Weight of the L2 penalty (0 for the lasso).

    Returns
    -------
    GapTerms
        ``primal`` :math:`P(w)`, ``dual`` :math:`D(\\theta)` and ``scale`` :math:`s`;
        the duality gap is ``primal - dual``.

    Notes
    -----
    With :math:`s = \\min(1, \\alpha_1 / \\|X_c^\\top r/n - \\alpha_2 w\\|_\\infty)` and
    :math:`\\theta = s\\,r/n`,

    .. math::

        P(w) = \\frac{1}{2n}\\|r\\|^2 + \\alpha_1\\|w\\|_1 + \\frac{\\alpha_2}{2}\\|w\\|^2,
        \\qquad
        D(\\theta) = \\frac{1}{2n}\\bigl(\\|y_c\\|^2 - \\|y_c - s\\,r\\|^2\\bigr)
                    - \\frac{\\alpha_2}{2} s^2 \\|w\\|^2

    (scikit-learn's ``enet_coordinate_descent``; the derivation is in
    :func:`lessonlib.solvers.duality_gap`).

    Examples
    --------
    >>> import numpy as np
    >>> Xc = np.array([[-1.0], [0.0], [1.0]]); yc = np.array([-1.0, 0.0, 1.0])
    >>> w = np.array([0.0])
    >>> terms = gap_terms(Xc, yc, w, yc - Xc @ w, alpha1=2.0)
    >>> terms.scale, round(terms.primal - terms.dual, 6)  # w = 0 is optimal: no gap
    (1.0, 0.0)
    """
    n = Xc.shape[0]
    grad = Xc.T @ r / n - alpha2 * w  # X^T r / n - alpha2 * w
    dual_norm = float(np.max(np.abs(grad)))
    scale = 1.0 if dual_norm <= alpha1 else alpha1 / dual_norm
    rr, ww = float(r @ r), float(w @ w)
    primal = rr / (2 * n) + alpha1 * float(np.abs(w).sum()) + 0.5 * alpha2 * ww
    dual = (float(yc @ yc) - float((yc - scale * r) @ (yc - scale * r))) / (
        2 * n
    ) - 0.5 * alpha2 * scale**2 * ww
    return GapTerms(primal, dual, scale)


def enet_gap(
    Xc: np.ndarray,
    yc: np.ndarray,
    w: np.ndarray,
    r: np.ndarray,
    alpha1: float,
    alpha2: float = 0.0,
) -> float:
    """The duality gap ``max(P(w) - D(theta), 0)`` of :func:`gap_terms`.

    Parameters
    ----------
    Xc, yc, w, r, alpha1, alpha2
        As in :func:`gap_terms`.

    Returns
    -------
    float
        The gap, ``>= 0`` (rounding can make ``P - D`` a hair negative at the optimum).

    Examples
    --------
    >>> import numpy as np
    >>> Xc = np.array([[-1.0], [0.0], [1.0]]); yc = np.array([-1.0, 0.0, 1.0])
    >>> w = np.array([0.0])
    >>> round(enet_gap(Xc, yc, w, yc - Xc @ w, alpha1=0.5), 6)  # w = 0 is not optimal
    0.020833
    """
    terms = gap_terms(Xc, yc, w, r, alpha1, alpha2)
    return max(terms.primal - terms.dual, 0.0)
