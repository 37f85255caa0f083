"""When the lasso finds the true support: the primal-dual witness of Wainwright (2009), and
the phase transition of exact support recovery as the sample size grows (chapter
"Correlated features and the elastic net").

* :func:`primal_dual_witness` -- solve the lasso on the true support only and check whether
  that restricted solution, padded with zeros, satisfies the KKT conditions of the full
  problem with room to spare.
* :func:`support_recovery` -- simulate ``y = X beta + e`` with Gaussian ``X`` and ``k`` true
  features, and count how often the lasso at ``alpha = c sigma sqrt(2 log p / n)`` has
  exactly the true support with the true signs, and how often the witness succeeds.
* :func:`share_interval` -- the Wilson 95% interval of such a share, which, unlike
  share +- 2 standard errors, stays inside [0, 1] and has a width at a share of 0 or 1.

Scaling is scikit-learn's (see :mod:`lessonlib.solvers`), with an unpenalised intercept.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import path
from lessonlib._validation import (
    as_float_vector,
    check_penalty,
    check_positive_int,
    check_seed,
    check_Xy,
)

__all__ = ["primal_dual_witness", "share_interval", "support_recovery"]


def primal_dual_witness(
    X: ArrayLike, y: ArrayLike, support: ArrayLike, alpha: float
) -> dict[str, object]:
    """The primal-dual witness construction for a candidate support.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (centred inside).
    y : array_like of shape (n,)
        Response.
    support : array_like of int
        The candidate support ``S`` (distinct indices, at least one, fewer than ``p``).
    alpha : float
        The penalty, ``> 0``.

    Returns
    -------
    dict
        ``"coef"``: the lasso solution restricted to ``S`` (zeros off ``S``);
        ``"dual_max"``: :math:`\\max_{j \\notin S} |g_j| / \\alpha` at that coefficient vector;
        ``"strict"``: ``dual_max < 1``; ``"signs"``: the signs of ``coef`` on ``S``.

    Notes
    -----
    Step 1 solves the lasso with the columns of ``S`` only. Its solution, padded with zeros,
    satisfies every KKT condition of the full problem except, possibly, those of the features
    outside ``S``: :math:`|g_j| \\le \\alpha`. Step 2 checks them. If they hold strictly
    (``strict``) and the columns of ``S`` are linearly independent, the padded vector is the
    *unique* lasso solution, so the lasso's support lies inside ``S``; if moreover no
    coefficient on ``S`` is zero and their signs are the true ones, the lasso recovers the
    signed support exactly (Wainwright, 2009).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((60, 10))
    >>> y = X[:, :2] @ np.array([2.0, -1.5]) + 0.3 * rng.standard_normal(60)
    >>> out = primal_dual_witness(X, y, [0, 1], 0.2)
    >>> bool(out["strict"]), out["signs"].tolist()
    (True, [1.0, -1.0])
    """
    X, y = check_Xy(X, y)
    p = X.shape[1]
    S = np.asarray(support)
    if S.ndim != 1 or S.size == 0 or not np.issubdtype(S.dtype, np.integer):
        raise ValueError(f"support must be a non-empty 1-D array of ints, got {support!r}")
    if S.size >= p or np.unique(S).size != S.size or S.min() < 0 or S.max() >= p:
        raise ValueError(f"support must hold distinct indices in [0, {p}), fewer than {p}")
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    coef = np.zeros(p)
    coef[S] = path.lasso_path(X[:, S], y, [alpha])[0][0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    g = Xc.T @ (yc - Xc @ coef) / X.shape[0]
    dual_max = float(np.max(np.abs(np.delete(g, S)))) / alpha
    return {"coef": coef, "dual_max": dual_max, "strict": dual_max < 1.0, "signs": np.sign(coef[S])}


def support_recovery(
    n_grid: ArrayLike,
    p: int,
    k: int,
    *,
    sigma: float = 0.5,
    c: float = 2.0,
    n_reps: int = 60,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """How often the lasso recovers the signed support, for several sample sizes.

    Parameters
    ----------
    n_grid : array_like of int
        Sample sizes, each ``>= 3``.
    p : int
        Number of features, ``> k``.
    k : int
        Number of true features (the first ``k``), each with coefficient ``+1`` or ``-1``.
    sigma : float, default=0.5
        Noise standard deviation, ``> 0``.
    c : float, default=2.0
        The penalty is ``alpha = c sigma sqrt(2 log p / n)``.
    n_reps : int, default=60
        Data sets per sample size.
    seed : int, default=0
        Seed of ``numpy.random.default_rng`` (one generator for the whole grid).

    Returns
    -------
    dict of numpy.ndarray
        ``"n"``; ``"exact"``: the share of data sets whose lasso solution (exact, by
        :func:`lessonlib.path.lasso_path`) has the true signs everywhere, zeros included;
        ``"witness"``: the share in which :func:`primal_dual_witness` on the true support
        succeeds (strictly, with the true signs).

    Examples
    --------
    >>> out = support_recovery([20, 80], 50, 2, n_reps=10)
    >>> out["exact"].tolist() == out["witness"].tolist(), bool(out["exact"][1] >= out["exact"][0])
    (True, True)
    """
    ns = as_float_vector(n_grid, "n_grid").astype(int)
    p, k = check_positive_int(p, "p"), check_positive_int(k, "k")
    if k >= p or np.any(ns < 3):
        raise ValueError(f"need k < p and every n >= 3, got k={k}, p={p}, n_grid={ns.tolist()}")
    sigma = check_penalty(sigma, "sigma", allow_zero=False)
    c = check_penalty(c, "c", allow_zero=False)
    n_reps = check_positive_int(n_reps, "n_reps")
    rng = np.random.default_rng(check_seed(seed))
    exact, witness = np.zeros(ns.size), np.zeros(ns.size)
    for i, n in enumerate(ns):
        for _ in range(n_reps):
            X = rng.standard_normal((n, p))
            beta = np.zeros(p)
            beta[:k] = rng.choice([-1.0, 1.0], k)
            y = X @ beta + sigma * rng.standard_normal(n)
            alpha = c * sigma * np.sqrt(2 * np.log(p) / n)
            w = path.lasso_path(X, y, [alpha])[0][0]
            exact[i] += np.array_equal(np.sign(w), np.sign(beta))
            pdw = primal_dual_witness(X, y, np.arange(k), alpha)
            signs = np.asarray(pdw["signs"], dtype=float)
            witness[i] += bool(pdw["strict"]) and np.array_equal(signs, beta[:k])
    return {"n": ns, "exact": exact / n_reps, "witness": witness / n_reps}


def share_interval(successes: ArrayLike, trials: int, confidence: float = 0.95) -> np.ndarray:
    """Wilson score interval for shares of successes in independent trials.

    Parameters
    ----------
    successes : array_like of int, shape (m,)
        Number of successes of each share, each a whole number in ``[0, trials]``.
    trials : int
        Number of independent trials behind every share, ``>= 1``.
    confidence : float, default=0.95
        Coverage of the interval, in ``(0, 1)``.

    Returns
    -------
    numpy.ndarray of shape (m, 2)
        Lower and upper ends of each interval, inside ``[0, 1]``.

    Notes
    -----
    With :math:`\\hat s = k/N` and :math:`z` the normal quantile of ``(1 + confidence)/2``,
    the interval is the set of rates :math:`\\pi` with
    :math:`|\\hat s - \\pi| \\le z\\sqrt{\\pi(1 - \\pi)/N}` (Wilson, 1927):

    .. math::
        \\frac{k + z^2/2}{N + z^2}
        \\pm \\frac{z}{N + z^2}\\sqrt{\\frac{k(N - k)}{N} + \\frac{z^2}{4}}.

    The usual standard error :math:`\\sqrt{\\hat s(1 - \\hat s)/N}` is 0 at
    :math:`k = 0` or :math:`k = N`, as if such a share were certain; the Wilson interval
    is then :math:`[0, z^2/(N + z^2)]` or its mirror image.

    Examples
    --------
    >>> share_interval([0, 30], 60).round(4).tolist()
    [[0.0, 0.0602], [0.3774, 0.6226]]
    """
    from scipy.special import ndtri

    n = check_positive_int(trials, "trials")
    k = np.asarray(successes)
    if k.ndim != 1 or not np.issubdtype(k.dtype, np.integer) or np.any((k < 0) | (k > n)):
        raise ValueError(
            f"successes must be a 1-D array of whole numbers in [0, trials={n}], got {successes!r}"
        )
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie in (0, 1), got {confidence!r}")
    z = float(ndtri((1.0 + confidence) / 2.0))
    centre = (k + z**2 / 2) / (n + z**2)
    half = z / (n + z**2) * np.sqrt(k * (n - k) / n + z**2 / 4)
    lower = np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    upper = np.where(k == n, 1.0, np.clip(centre + half, 0.0, 1.0))
    return np.column_stack([lower, upper])
