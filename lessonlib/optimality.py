"""Optimality conditions of the lasso: subgradients, KKT correlations, and stable zeros.

One job: the quantities that say *why* a lasso coefficient is exactly zero (the chapter
"Subgradients and the optimality conditions", and the coordinate-descent chapter).

* :func:`abs_subdifferential` -- the subdifferential of :math:`|w|`: ``sign(w)``, or the
  whole interval ``[-1, 1]`` at ``w = 0``.
* :func:`feature_correlations` -- :math:`g_j = x_{c,j}^\\top (y_c - X_c w) / n`, the numbers
  the KKT conditions compare with ``alpha``.
* :func:`perturbed_one_feature_slopes` -- one-feature lasso and ridge slopes for many
  small perturbations of ``y``: the lasso zero survives every one of them.
* :func:`coordinate_stats` -- the one-coordinate problem of coordinate descent written as
  the article's one-feature regression: its ``Sxx`` and ``Sxy``.
* :func:`gap_along` -- the duality gap of every iterate of a solver's history.
* :func:`dual_certificate` -- the lasso dual, the feasible dual point built from the
  residual, and the primal and dual values whose difference is the duality gap.

Scaling is scikit-learn's (see :mod:`lessonlib.solvers`)::

    lasso  1/(2n) ||y - Xw - c||^2 + alpha * ||w||_1

For one feature this is the article's ``SSE + lam*|m|`` divided by ``2n`` with
``lam = 2 n alpha`` (:mod:`lessonlib.simple`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import scale, simple
from lessonlib._centring import center
from lessonlib._duality import enet_gap, gap_terms
from lessonlib._validation import (
    as_float_matrix,
    as_float_vector,
    check_bool,
    check_entries,
    check_penalty,
    check_positive_int,
    check_same_length,
    check_seed,
)

__all__ = [
    "abs_subdifferential",
    "coordinate_stats",
    "dual_certificate",
    "feature_correlations",
    "gap_along",
    "perturbed_one_feature_slopes",
]


def _centred(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``X`` with its column means subtracted and ``y`` with its mean subtracted."""
    return X - X.mean(axis=0), y - y.mean()


def abs_subdifferential(w: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """The subdifferential of :math:`|w|`, as the interval ``[low, high]`` for each entry.

    Parameters
    ----------
    w : array_like of shape (p,)
        Points at which to evaluate it.

    Returns
    -------
    low, high : numpy.ndarray of shape (p,)
        ``low == high == sign(w_j)`` where ``w_j != 0``; ``low = -1``, ``high = 1`` where
        ``w_j == 0`` (exactly).

    Notes
    -----
    A number :math:`g` is a subgradient of a convex :math:`f` at :math:`w` when
    :math:`f(v) \\ge f(w) + g\\,(v - w)` for every :math:`v`: the line through
    :math:`(w, f(w))` with slope :math:`g` stays below the graph. For :math:`f = |\\cdot|`
    at :math:`w \\ne 0` only the derivative :math:`\\operatorname{sign}(w)` qualifies; at
    :math:`w = 0` the condition :math:`|v| \\ge g v` for all :math:`v` holds exactly when
    :math:`|g| \\le 1`.

    Examples
    --------
    >>> low, high = abs_subdifferential([-2.0, 0.0, 3.0])
    >>> low.tolist(), high.tolist()
    ([-1.0, -1.0, 1.0], [-1.0, 1.0, 1.0])
    """
    w = as_float_vector(w, "w")
    s = np.sign(w)
    zero = w == 0.0
    return np.where(zero, -1.0, s), np.where(zero, 1.0, s)


def feature_correlations(
    X: ArrayLike, y: ArrayLike, coef: ArrayLike, *, fit_intercept: bool = True
) -> np.ndarray:
    """The correlations of every feature with the residual, :math:`g = X_c^\\top r / n`.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    coef : array_like of shape (p,)
        Coefficients ``w``.
    fit_intercept : bool, default=True
        Centre ``X`` and ``y`` first (the optimal intercept then drops out).

    Returns
    -------
    numpy.ndarray of shape (p,)
        :math:`g_j = x_{c,j}^\\top (y_c - X_c w) / n`.

    Notes
    -----
    :math:`-g` is the gradient of the smooth part :math:`\\frac{1}{2n}\\|y_c - X_c w\\|^2`.
    The lasso's optimality (KKT) conditions read :math:`g_j = \\alpha\\operatorname{sign}(w_j)`
    if :math:`w_j \\ne 0` and :math:`|g_j| \\le \\alpha` if :math:`w_j = 0`.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> feature_correlations(X, y, [0.0, 0.0]).tolist()  # alpha_max is the largest
    [2.25, 0.75]
    """
    X = as_float_matrix(X, "X")
    y = as_float_vector(y, "y")
    check_same_length(X, y, "X", "y")
    w = as_float_vector(coef, "coef")
    if w.size != X.shape[1]:
        raise ValueError(f"coef must have one entry per column of X ({X.shape[1]}), got {w.size}")
    if check_bool(fit_intercept, "fit_intercept"):
        X, y = _centred(X, y)
    return X.T @ (y - X @ w) / X.shape[0]


def perturbed_one_feature_slopes(
    x: ArrayLike, y: ArrayLike, alpha: float, radius: float, *, n_draws: int = 200, seed: int = 0
) -> dict[str, np.ndarray]:
    """Lasso and ridge slopes of one feature after many random perturbations of ``y``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        One feature and the response.
    alpha : float
        scikit-learn's lasso penalty weight, ``> 0``; the article's ``lam = 2 n alpha``
        is used for both the lasso and the ridge slope.
    radius : float
        Each perturbation ``delta`` is drawn uniformly on the sphere ``||delta|| = radius``
        (``>= 0``).
    n_draws : int, default=200
        Number of perturbations.
    seed : int, default=0
        Seed for ``numpy.random.default_rng``, an int in ``[0, 2**32 - 1]``.

    Returns
    -------
    dict
        ``"lasso"`` and ``"ridge"`` (slopes, shape ``(n_draws,)``), ``"Sxy"`` (the centred
        cross-product of each perturbed data set), ``"Y"`` (the perturbed responses, one
        row per draw) and ``"lam"``.

    Notes
    -----
    With :math:`S_{xy} = x_c^\\top y_c` the lasso slope is 0 iff
    :math:`|S_{xy}| \\le \\lambda/2 = n\\alpha`, an inequality with room to spare: since
    :math:`|x_c^\\top \\delta| \\le \\|x_c\\|\\,\\|\\delta\\|`, every perturbation with
    :math:`\\|\\delta\\| \\le (n\\alpha - |S_{xy}|)/\\|x_c\\|` keeps it. The ridge slope
    :math:`S_{xy}/(S_{xx} + \\lambda)` is 0 only on the hyperplane :math:`S_{xy} = 0`.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([-1.0, 0.0, 1.0]); y = np.array([0.0, 1.0, 0.2])
    >>> out = perturbed_one_feature_slopes(x, y, alpha=0.2, radius=0.1, n_draws=5)
    >>> bool(np.all(out["lasso"] == 0.0)), bool(np.all(out["ridge"] != 0.0))
    (True, True)
    """
    x = as_float_vector(x, "x", min_length=2)
    y = as_float_vector(y, "y", min_length=2)
    check_same_length(x, y, "x", "y")
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    radius = check_penalty(radius, "radius")
    n_draws = check_positive_int(n_draws, "n_draws")
    check_entries((n_draws, x.size), "n_draws")
    seed = check_seed(seed)
    xc = x - x.mean()
    with np.errstate(over="ignore"):
        Sxx = float(xc @ xc)
    if np.all(x == x[0]):
        raise ValueError("x must not be constant")
    if not np.finfo(float).tiny <= Sxx < np.inf:  # name x, not the Sxx it never passed
        raise ValueError(
            "x is too large or has too little spread for float64: Sxx = sum((x - xbar)**2) "
            f"is {Sxx:g}; rescale x"
        )
    n = x.size
    lam = scale.lasso_lambda(alpha, n)
    rng = np.random.default_rng(seed)
    delta = rng.standard_normal((n_draws, n))
    delta *= radius / np.linalg.norm(delta, axis=1, keepdims=True)
    Y = y + delta
    Sxy = (Y - Y.mean(axis=1, keepdims=True)) @ xc
    lasso = np.array([simple.lasso_slope(Sxx, float(s), lam) for s in Sxy])
    ridge = np.array([simple.ridge_slope(Sxx, float(s), lam) for s in Sxy])
    return {"lasso": lasso, "ridge": ridge, "Sxy": Sxy, "Y": Y, "lam": np.float64(lam)}


def gap_along(
    X: ArrayLike, y: ArrayLike, coefs: ArrayLike, alpha: float, *, fit_intercept: bool = True
) -> np.ndarray:
    """The lasso duality gap of every row of ``coefs`` (e.g. a solver's history).

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    coefs : array_like of shape (k, p)
        One coefficient vector per row.
    alpha : float
        Lasso penalty weight, ``> 0``.
    fit_intercept : bool, default=True
        Whether the model has an (optimal) intercept.

    Returns
    -------
    numpy.ndarray of shape (k,)
        The gap of each row: the same number, to the last bit, as
        :func:`lessonlib.solvers.duality_gap` with the optimal intercept (both call one
        implementation, the one coordinate descent stops on).

    Notes
    -----
    For each row :math:`w` with residual :math:`r = y_c - X_c w`, the dual point is
    :math:`\\theta = s\\,r/n` with
    :math:`s = \\min(1, \\alpha / \\lVert X_c^\\top r/n\\rVert_\\infty)`,
    and the gap is

    .. math:: \\frac{1}{2n}\\lVert r\\rVert^2 + \\alpha\\lVert w\\rVert_1
              - \\frac{1}{2n}\\bigl(\\lVert y_c\\rVert^2
              - \\lVert y_c - s\\,r\\rVert^2\\bigr) \\ge 0 .

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> gap_along(X, y, [[0.0, 0.0]], 0.5).round(4).tolist()
    [1.2855]
    """
    X = as_float_matrix(X, "X")
    y = as_float_vector(y, "y")
    check_same_length(X, y, "X", "y")
    W = as_float_matrix(coefs, "coefs")
    if W.shape[1] != X.shape[1]:
        raise ValueError(
            f"coefs must have one column per column of X ({X.shape[1]}), got shape {W.shape}"
        )
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    Xc, yc, _, _ = center(X, y, check_bool(fit_intercept, "fit_intercept"))
    return np.array([enet_gap(Xc, yc, w, yc - Xc @ w, alpha) for w in W])


def coordinate_stats(
    X: ArrayLike, y: ArrayLike, coef: ArrayLike, j: int, *, fit_intercept: bool = True
) -> tuple[float, float]:
    """The article's ``(Sxx, Sxy)`` for the lasso in coordinate ``j``, all others fixed.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    coef : array_like of shape (p,)
        Current coefficients; only the entries ``k != j`` matter.
    j : int
        The coordinate to update, ``0 <= j < p``.
    fit_intercept : bool, default=True
        Centre ``X`` and ``y`` first.

    Returns
    -------
    Sxx, Sxy : float
        :math:`x_j^\\top x_j` and :math:`x_j^\\top r_j`, with the *partial residual*
        :math:`r_j = y - \\sum_{k \\ne j} x_k w_k` (centred columns).

    Notes
    -----
    As a function of :math:`w_j` alone, :math:`2n` times the lasso objective is
    :math:`\\lVert r_j\\rVert^2 - 2 w_j x_j^\\top r_j + w_j^2 x_j^\\top x_j + 2n\\alpha|w_j|`,
    the article's one-feature loss with :math:`S_{yy} = \\lVert r_j\\rVert^2`,
    :math:`S_{xy} = x_j^\\top r_j`, :math:`S_{xx} = x_j^\\top x_j`, :math:`\\lambda = 2n\\alpha`.
    So the best :math:`w_j` is ``lessonlib.simple.lasso_slope(Sxx, Sxy, 2 * n * alpha)``.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> coordinate_stats(X, y, [0.0, 1.0], j=0)
    (5.0, 8.0)
    """
    X = as_float_matrix(X, "X")
    y = as_float_vector(y, "y")
    check_same_length(X, y, "X", "y")
    w = as_float_vector(coef, "coef")
    p = X.shape[1]
    if w.size != p:
        raise ValueError(f"coef must have one entry per column of X ({p}), got {w.size}")
    if isinstance(j, bool) or not isinstance(j, (int, np.integer)):
        raise TypeError(f"j must be an integer, got {type(j).__name__}")
    if not 0 <= j < p:
        raise ValueError(f"j must be in [0, {p - 1}], got {j}")
    if check_bool(fit_intercept, "fit_intercept"):
        X, y = _centred(X, y)
    x_j = X[:, j]
    r_j = y - X @ w + x_j * w[j]
    return float(x_j @ x_j), float(x_j @ r_j)


def dual_certificate(X: ArrayLike, y: ArrayLike, coef: ArrayLike, alpha: float) -> dict:
    """The lasso's dual point built from the residual of ``coef``, and the duality gap.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (centred inside; the intercept is the optimal one for ``coef``).
    y : array_like of shape (n,)
        Response.
    coef : array_like of shape (p,)
        Any coefficient vector ``w``.
    alpha : float
        Lasso penalty weight, ``> 0``.

    Returns
    -------
    dict
        ``"theta"`` (shape (n,), the dual point), ``"scale"`` (the factor ``s``),
        ``"dual_norm"`` (:math:`\\lVert X_c^\\top\\theta\\rVert_\\infty`, at most
        ``alpha``), ``"primal"`` :math:`P(w)`, ``"dual"`` :math:`D(\\theta)` and
        ``"gap"`` :math:`P(w) - D(\\theta)`.

    Notes
    -----
    The lasso :math:`P(w) = \\frac{1}{2n}\\lVert y_c - X_c w\\rVert^2 + \\alpha\\lVert w\\rVert_1`
    has the dual

    .. math::

        \\max_\\theta\\; D(\\theta) = \\frac{1}{2n}\\bigl(\\lVert y_c\\rVert^2
        - \\lVert y_c - n\\theta\\rVert^2\\bigr)
        \\quad\\text{subject to}\\quad \\lVert X_c^\\top \\theta\\rVert_\\infty \\le \\alpha,

    and :math:`P(w) \\ge D(\\theta)` for every ``w`` and every feasible ``theta``. The
    residual :math:`r = y_c - X_c w` gives the feasible point
    :math:`\\theta = s\\,r/n` with
    :math:`s = \\min(1, \\alpha / \\lVert X_c^\\top r/n\\rVert_\\infty)`.
    At the solution :math:`s = 1` and the gap is 0. The gap is the number
    :func:`lessonlib.solvers.duality_gap` returns.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> cert = dual_certificate(X, y, [0.0, 0.0], 0.5)
    >>> round(cert["scale"], 4), round(cert["gap"], 4)
    (0.2222, 1.2855)
    """
    X = as_float_matrix(X, "X")
    y = as_float_vector(y, "y")
    check_same_length(X, y, "X", "y")
    w = as_float_vector(coef, "coef")
    if w.size != X.shape[1]:
        raise ValueError(f"coef must have {X.shape[1]} entries, got {w.size}")
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    Xc, yc, _, _ = center(X, y, True)
    r = yc - Xc @ w
    terms = gap_terms(Xc, yc, w, r, alpha)
    theta = terms.scale * r / X.shape[0]
    return {
        "theta": theta,
        "scale": terms.scale,
        "dual_norm": float(np.max(np.abs(Xc.T @ theta))),
        "primal": terms.primal,
        "dual": terms.dual,
        "gap": terms.primal - terms.dual,
    }
