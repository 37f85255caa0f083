"""Other penalties with exact zeros, briefly (chapter "Correlated features and the elastic net").

* :func:`group_lasso` -- the group lasso of Yuan and Lin (2006), by proximal gradient
  descent: whole groups of coefficients are exactly zero.
* :func:`group_alpha_max` -- the smallest penalty at which every group is zero.
* :func:`threshold_rules` -- the one-coordinate rules of the lasso, the adaptive lasso, SCAD
  and MCP for an orthonormal feature, as functions of the least-squares estimate ``z``.
* :func:`relaxed_lasso` -- the relaxed lasso of Meinshausen (2007): select with the lasso at
  ``alpha``, then refit the lasso on the selected features at ``phi * alpha``.

Scaling is scikit-learn's (see :mod:`lessonlib.solvers`), with an unpenalised intercept:
the group lasso minimises ``1/(2n) ||y_c - X_c w||^2 + alpha sum_g sqrt(p_g) ||w_g||_2``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import path
from lessonlib._validation import (
    as_float_vector,
    check_fraction,
    check_penalty,
    check_positive_int,
    check_Xy,
)

__all__ = ["group_alpha_max", "group_lasso", "relaxed_lasso", "threshold_rules"]


def _check_groups(groups: list[list[int]], p: int) -> list[np.ndarray]:
    if not isinstance(groups, (list, tuple)) or not groups:
        raise TypeError("groups must be a non-empty list of lists of column indices")
    out = [np.asarray(g, dtype=int) for g in groups]
    every = np.sort(np.concatenate(out))
    if not np.array_equal(every, np.arange(p)):
        raise ValueError(f"groups must split the columns 0..{p - 1}, each in one group")
    return out


def group_alpha_max(X: ArrayLike, y: ArrayLike, groups: list[list[int]]) -> float:
    """The smallest ``alpha`` at which the group lasso sets every group to zero.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (centred inside).
    y : array_like of shape (n,)
        Response.
    groups : list of lists of int
        A partition of the columns.

    Returns
    -------
    float
        :math:`\\max_g \\lVert X_g^\\top y_c\\rVert_2 / (n\\sqrt{p_g})`.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    >>> round(group_alpha_max(X, [2.0, -2.0, 1.0, -1.0], [[0, 1]]), 6)  # ||(1, 0.5)|| / sqrt 2
    0.790569
    """
    X, y = check_Xy(X, y)
    gs = _check_groups(groups, X.shape[1])
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    c = Xc.T @ yc / X.shape[0]
    return float(max(np.linalg.norm(c[g]) / np.sqrt(g.size) for g in gs))


def group_lasso(
    X: ArrayLike, y: ArrayLike, groups: list[list[int]], alpha: float, *, n_iter: int = 20_000
) -> np.ndarray:
    """The group lasso by proximal gradient descent (step ``1 / L``), from ``w = 0``.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (centred inside; an unpenalised intercept is fitted).
    y : array_like of shape (n,)
        Response.
    groups : list of lists of int
        A partition of the columns.
    alpha : float
        Penalty weight, ``> 0``.
    n_iter : int, default=20_000
        Steps (no stopping rule: the result's KKT conditions can be checked).

    Returns
    -------
    numpy.ndarray of shape (p,)

    Notes
    -----
    The subdifferential of :math:`\\lVert w_g\\rVert_2` at :math:`w_g = 0` is the whole unit
    ball, so, as for the lasso's :math:`|w_j|`, a group is exactly zero at the solution when
    :math:`\\lVert X_g^\\top r\\rVert_2/n \\le \\alpha\\sqrt{p_g}`. Each step applies the
    *group* soft-threshold
    :math:`w_g \\leftarrow (1 - \\eta\\alpha\\sqrt{p_g}/\\lVert z_g\\rVert)_+ z_g`
    to the gradient step :math:`z = w + \\eta\\,X_c^\\top r/n`, which returns exactly 0 for a
    whole group at once.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 4))
    >>> y = X[:, 0] + X[:, 1] + 0.1 * rng.standard_normal(50)
    >>> group_lasso(X, y, [[0, 1], [2, 3]], 0.3).round(2).tolist()
    [0.64, 0.6, 0.0, 0.0]
    """
    X, y = check_Xy(X, y)
    gs = _check_groups(groups, X.shape[1])
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    n_iter = check_positive_int(n_iter, "n_iter")
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = X.shape[0]
    G, b = Xc.T @ Xc / n, Xc.T @ yc / n
    eta = 1.0 / float(np.linalg.eigvalsh(G)[-1])
    w = np.zeros(X.shape[1])
    for _ in range(n_iter):
        z = w + eta * (b - G @ w)
        for g in gs:
            size = float(np.linalg.norm(z[g]))
            shrink = 1.0 - eta * alpha * np.sqrt(g.size) / size if size > 0 else 0.0
            w[g] = max(shrink, 0.0) * z[g]
    return w


def threshold_rules(z: ArrayLike, kappa: float, *, a: float = 3.7, gamma: float = 3.0) -> dict:
    """One orthonormal coefficient under five penalties, as a function of ``z`` (least squares).

    Parameters
    ----------
    z : array_like
        Least-squares estimates.
    kappa : float
        The threshold, ``> 0``: every rule sets ``|z| <= kappa`` to exactly 0.
    a : float, default=3.7
        SCAD's second parameter, ``> 2`` (Fan and Li's choice).
    gamma : float, default=3.0
        MCP's parameter, ``> 1``.

    Returns
    -------
    dict of numpy.ndarray
        ``"lasso"``: :math:`\\operatorname{sign}(z)(|z| - \\kappa)_+`; ``"adaptive"``: the
        adaptive lasso with weight :math:`\\kappa/|z|` (threshold :math:`\\kappa^2/|z|`),
        :math:`\\operatorname{sign}(z)(|z| - \\kappa^2/|z|)_+`; ``"scad"`` and ``"mcp"``: the
        minimisers of :math:`\\tfrac12(w - z)^2 + p(w)` for the SCAD and MCP penalties with
        parameter :math:`\\kappa`; ``"hard"``: :math:`z\\,\\mathbb 1(|z| > \\kappa)`.

    Notes
    -----
    SCAD (Fan and Li, 2001) soft-thresholds up to :math:`2\\kappa`, interpolates linearly up
    to :math:`a\\kappa` and leaves larger :math:`z` alone; MCP (Zhang, 2010) is
    :math:`\\operatorname{sign}(z)(|z| - \\kappa)_+/(1 - 1/\\gamma)` up to :math:`\\gamma\\kappa`
    and :math:`z` beyond. Both are continuous, exactly zero near 0 and unbiased for large
    :math:`|z|`, which the lasso is not.

    Examples
    --------
    >>> r = threshold_rules([0.5, 1.5, 6.0], 1.0)
    >>> r["lasso"].tolist(), r["scad"].tolist(), r["mcp"].round(4).tolist()
    ([0.0, 0.5, 5.0], [0.0, 0.5, 6.0], [0.0, 0.75, 6.0])
    """
    z = as_float_vector(z, "z")
    kappa = check_penalty(kappa, "kappa", allow_zero=False)
    if a <= 2 or gamma <= 1:
        raise ValueError(f"need a > 2 and gamma > 1, got a={a}, gamma={gamma}")
    az, sz = np.abs(z), np.sign(z)
    lasso = sz * np.maximum(az - kappa, 0.0)
    with np.errstate(divide="ignore"):
        adaptive = sz * np.maximum(az - kappa**2 / az, 0.0)
    scad = np.where(
        az <= 2 * kappa,
        lasso,
        np.where(az <= a * kappa, ((a - 1) * z - sz * a * kappa) / (a - 2), z),
    )
    mcp = np.where(az <= gamma * kappa, lasso / (1 - 1 / gamma), z)
    hard = np.where(az > kappa, z, 0.0)
    return {"lasso": lasso, "adaptive": adaptive, "scad": scad, "mcp": mcp, "hard": hard}


def relaxed_lasso(X: ArrayLike, y: ArrayLike, alpha: float, phi: float) -> np.ndarray:
    """The relaxed lasso: the lasso at ``phi * alpha`` on the lasso's selection at ``alpha``.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (an unpenalised intercept is fitted).
    y : array_like of shape (n,)
        Response.
    alpha : float
        The penalty that selects the features, ``> 0``.
    phi : float
        The relaxation, in ``[0, 1]``: 1 is the lasso, 0 least squares on the selection.

    Returns
    -------
    numpy.ndarray of shape (p,)
        Exact (by :func:`lessonlib.path.lasso_path`), zero off the selection.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((60, 5))
    >>> y = 2 * X[:, 0] + 0.1 * rng.standard_normal(60)
    >>> relaxed_lasso(X, y, 0.5, 0.0).round(2).tolist()  # the lasso shrinks x_0's by 0.5
    [2.02, 0.0, 0.0, 0.0, 0.0]
    """
    X, y = check_Xy(X, y)
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    phi = check_fraction(phi, "phi")
    selected = np.flatnonzero(path.lasso_path(X, y, [alpha])[0][0])
    w = np.zeros(X.shape[1])
    if selected.size:
        w[selected] = path.lasso_path(X[:, selected], y, [phi * alpha])[0][0]
    return w
