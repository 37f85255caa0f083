"""The exact lasso path by homotopy (LARS with the lasso modification), and the ridge path.

One job: the whole solution path, for every alpha at once.

* :func:`lasso_homotopy` -- the knots of the piecewise-linear lasso path, with the events
  (a feature *enters* or *leaves* the active set) that create them.
* :func:`lasso_path` -- exact lasso coefficients at any alphas, interpolated between knots.
* :func:`ridge_path` -- ridge coefficients at any alphas from one SVD.

Objectives are scikit-learn's (see :mod:`lessonlib.solvers`)::

    lasso  1/(2n) ||y - Xw - c||^2 + alpha * ||w||_1
    ridge         ||y - Xw - c||^2 + alpha * ||w||_2^2

with ``c`` an unpenalised intercept when ``fit_intercept=True`` (centre, solve, then
``c = mean(y) - mean(X) @ w``). Paths are returned with **one row per alpha**:
``coefs[k]`` is the coefficient vector at ``alphas[k]``. This is the transpose of
scikit-learn's ``lasso_path`` / ``lars_path`` layout (features x alphas).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._centring import center
from lessonlib._scaling import ldexp, pow2_exponent, scaled
from lessonlib._validation import (
    check_bool,
    check_nonnegative_vector,
    check_penalty,
    check_positive_int,
    check_Xy,
)
from lessonlib.solvers import ridge_svd

__all__ = ["LassoPath", "PathEvent", "lasso_homotopy", "lasso_path", "ridge_path"]

# Two knots closer than this (relative) are one knot: ties are processed together.
_TIE = 1e-10
# A feature whose column is (almost) a combination of the active columns cannot enter.
_DEGENERATE = 1e-12
# A correlation or coefficient within this (relative) of the size of the terms it is
# computed from is rounding noise of an exact 0.
_ROUNDING = 1e-13
# At a knot with more tied features than this, ties are not checked (2**12 candidate sets).
_MAX_TIED = 12
# sigma_j g_j, the slope of an inactive boundary correlation sigma_j c_j(a) (the boundary
# itself has slope 1), is compared with 1 to this (relative) slack: within it the feature
# stays on the boundary (its column is in the span of the active ones, so its roots are
# 0 / 0), and only a slope below 1 - _SLOPE counts as moving outward. It is far above
# the rounding error of g = G d (eps times the condition number of G_AA, unless G_AA is
# nearly singular) and far below the slope differences of a genuine event.
_SLOPE = 1e-9
# A coefficient that entered at a knot must move away from 0 with its sign: its slope
# s_j d_j must exceed this fraction of the largest |d|. A smaller one is rounding noise
# of a coefficient that stays at 0 (the feature has not really entered).
_SLOPE_NOISE = 1e-9
# The column (1, -1): the boundaries c_j(a) = +a and c_j(a) = -a of the candidate knots.
_PLUS_MINUS = np.array([[1.0], [-1.0]])
# The shortcuts of _start and _segment (rounding noise, boundary), _leaves_consistently
# and _events_at_knot skip work when a cheap bound shows there is nothing to do, or that
# the general code would give the same (tests/test_path_speed.py turns them off and
# compares the paths).
_SHORTCUTS = True


class PathEvent(NamedTuple):
    """A feature entering or leaving the active set at a knot of the lasso path."""

    alpha: float
    feature: int
    kind: str  # "enter" or "leave"


@dataclass(frozen=True, eq=False)
class LassoPath:
    """The exact lasso path, as returned by :func:`lasso_homotopy`.

    Attributes
    ----------
    alphas : numpy.ndarray of shape (k,)
        The knots, decreasing from ``alpha_max`` (all coefficients zero).
    coefs : numpy.ndarray of shape (k, p)
        Exact coefficients at the knots, one row per knot. Between two knots every
        coefficient is a linear function of alpha.
    intercepts : numpy.ndarray of shape (k,)
        Intercepts at the knots (zeros when ``fit_intercept=False``).
    events : list of PathEvent
        ``(alpha, feature, "enter" | "leave")`` in path order.
    feature_order : list of int
        Features in the order they first entered.
    complete : bool
        True when the path reached ``alpha_min``; False when ``max_steps`` ran out first.
    alpha_min : float
        The alpha the path was asked to reach (``lasso_homotopy``'s argument).
    x_mean : numpy.ndarray of shape (p,) or None
        Column means of ``X`` (zeros without an intercept): with ``y_mean`` they give the
        intercept ``y_mean - w @ x_mean`` at any alpha. None: :meth:`at` interpolates
        ``intercepts`` instead.
    y_mean : float
        Mean of ``y`` (0 without an intercept).
    """

    alphas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    events: list[PathEvent]
    feature_order: list[int]
    complete: bool
    alpha_min: float = 0.0
    x_mean: np.ndarray | None = None
    y_mean: float = 0.0

    def at(self, alphas: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """Exact coefficients and intercepts at any alphas, from the knots alone.

        Parameters
        ----------
        alphas : array_like of shape (m,)
            Penalty weights, each ``>= 0`` and not below ``alpha_min``, in any order.

        Returns
        -------
        coefs : numpy.ndarray of shape (m, p)
            ``coefs[i]`` solves the lasso at ``alphas[i]`` (one row per alpha).
        intercepts : numpy.ndarray of shape (m,)

        Notes
        -----
        Between two knots :math:`\\alpha_{k+1} \\le \\alpha \\le \\alpha_k` the path is
        linear, so

        .. math:: w(\\alpha) = (1 - t)\\,w(\\alpha_k) + t\\,w(\\alpha_{k+1}),
                  \\qquad t = \\frac{\\alpha_k - \\alpha}{\\alpha_k - \\alpha_{k+1}},

        is exact (up to rounding), not an approximation. Alphas at or above the first
        knot (``alpha_max``) give all zeros. Alphas below the end of the path (below
        ``alpha_min``, or below the last knot of an incomplete path) raise a ValueError.

        Examples
        --------
        >>> import numpy as np
        >>> rng = np.random.default_rng(0)
        >>> X = rng.standard_normal((50, 4))
        >>> y = X @ np.array([3.0, 0.0, -2.0, 0.5]) + 0.5 * rng.standard_normal(50)
        >>> coefs, intercepts = lasso_homotopy(X, y).at([3.0, 1.0, 0.1])
        >>> np.round(coefs, 3)
        array([[ 0.   ,  0.   ,  0.   ,  0.   ],
               [ 1.572,  0.   , -0.739,  0.   ],
               [ 2.844,  0.   , -1.861,  0.475]])
        """
        return self._at(check_nonnegative_vector(alphas, "alphas"))

    def _at(self, alphas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`at` on alphas already checked (a float vector, each ``>= 0``)."""
        if not self.complete and alphas.min() < self.alphas[-1]:
            raise ValueError(
                f"alphas below {self.alphas[-1]:.6g} lie beyond the end of the lasso path, "
                "which stopped early after max_steps knots"
            )
        if alphas.min() < self.alpha_min:
            raise ValueError(
                f"alphas below alpha_min = {self.alpha_min:.6g} lie beyond the "
                "end of this lasso path (compute it with a smaller alpha_min)"
            )
        knots = self.alphas[::-1]  # increasing
        coefs_up = self.coefs[::-1]
        coefs = np.zeros((alphas.size, self.coefs.shape[1]))
        inside = alphas < self.alphas[0]  # at or above alpha_max the coefficients are zero
        if inside.any() and knots.size > 1:
            a = alphas[inside]
            k = np.clip(np.searchsorted(knots, a, side="right") - 1, 0, knots.size - 2)
            lo, hi = knots[k], knots[k + 1]
            width = hi - lo
            t = np.divide(a - lo, width, out=np.zeros_like(a), where=width > 0)[:, None]
            coefs[inside] = (1 - t) * coefs_up[k] + t * coefs_up[k + 1]
        if self.x_mean is None:  # the intercept is linear in w, so between knots in alpha
            return coefs, np.interp(alphas, knots, self.intercepts[::-1])
        return coefs, self.y_mean - coefs @ self.x_mean


def _inverse_cholesky_append(R: np.ndarray, G_Aj: np.ndarray, G_jj: float) -> np.ndarray | None:
    """``R = L^{-1}``, the inverse Cholesky factor of ``G_AA``, grown by feature j.

    If ``G_AA = L L^T``, adding feature j gives the factor ``[[L, 0], [r^T, delta]]`` with
    ``r = L^{-1} G_Aj`` and ``delta^2 = G_jj - r^T r`` (the part of column j that the
    active columns do not explain), whose inverse is
    ``[[L^{-1}, 0], [-r^T L^{-1} / delta, 1 / delta]]``; then ``G_AA^{-1} v = R^T (R v)``
    costs two matrix-vector products. Returns None when ``delta`` is (numerically)
    zero: column j is a combination of the active columns. (A new, contiguous array:
    NumPy copies a slice of a larger one before every product.)
    """
    k = R.shape[0]
    r = R.dot(G_Aj)
    delta2 = G_jj - float(r.dot(r))
    if delta2 <= _DEGENERATE * G_jj:
        return None
    delta = math.sqrt(delta2)
    grown = np.zeros((k + 1, k + 1))
    grown[:k, :k] = R
    np.divide(r.dot(R), -delta, out=grown[k, :k])
    grown[k, k] = 1.0 / delta
    return grown


def _inverse_cholesky_drop(R: np.ndarray, i: int) -> np.ndarray:
    """``R = L^{-1}``, the inverse Cholesky factor of ``G_AA``, without the feature of row i.

    ``G_AA^{-1} = R^T R``; without feature i it is ``M^T (I - v v^T / v^T v) M``, with
    ``M`` the other columns of ``R`` and ``v = R[:, i]`` (zero above row i). Rotating rows
    (r, r + 1) for r = i, ..., k - 2 so as to carry ``v`` down to the last row, then
    dropping that row, leaves ``M`` lower triangular: the new factor, in ``O(k^2)``
    operations where a new factorisation costs ``O(k^3)``.
    """
    k, v = R.shape[0], R[:, i].tolist()
    M = np.empty((k, k - 1))  # R without column i (C order, as the rotations expect)
    M[:, :i], M[:, i:] = R[:, :i], R[:, i + 1 :]
    rotation = np.empty((2, 2))  # filled in place: cheaper than a new array per rotation
    for r in range(i, k - 1):
        h = math.hypot(v[r], v[r + 1])
        if h > 0.0:  # the rotation taking (v_r, v_r+1) to (0, h)
            c, s = v[r + 1] / h, v[r] / h
            rotation[0, 0], rotation[0, 1], rotation[1, 0], rotation[1, 1] = c, -s, s, c
            rows = M[r : r + 2, : r + 1]
            rows[...] = rotation.dot(rows)
            v[r + 1] = h
    return M[:-1]


def _check_dependent(
    dependent: set[int],
    refused: set[int],
    boundary: list[int],
    sigma: np.ndarray,
    g: np.ndarray,
) -> list[tuple[int, float]]:
    """Once-refused inactive features on the boundary ``c_j(alpha) = sigma_j alpha`` to retry.

    With ``c_j(a) = e_j + a g_j``, the correlation grows past ``a`` as ``a`` decreases
    iff ``sigma_j g_j < 1``: such features try to enter again unless already refused at
    this knot. (The others are boundary features like any: one in the span of the
    active columns stays on the boundary, and its roots, 0 / 0 up to rounding, are
    ignored; one that moves inside may meet the other side later, a genuine event.)
    """
    return [
        (j, float(sigma[j]))
        for j in boundary
        if j in dependent and sigma[j] * g[j] < 1 - _SLOPE and j not in refused
    ]


def _leaves_consistently(walk: _Walk, seg: _Segment) -> bool:
    """Does the segment below the knot keep the lasso conditions, to first order?

    A feature that entered at the knot has ``w_j = 0`` there and must move away from 0
    with its sign (``s_j d_j > 0``; one that would stay at 0 has not entered); an inactive
    feature on the boundary (``c_j = sigma_j alpha``) must not cross it
    (``sigma_j g_j >= 1``). In general position both hold by construction; at a tie
    (several events at one knot) processing them all at once can break them.

    Rounding noise of a slope is below ``_SLOPE_NOISE`` times the largest ``|d_j|``, itself
    at most ``(|R^T| |R| 1)_j <= sqrt(fro2) sqrt(k fro2)`` (Cauchy-Schwarz): above that
    bound (doubled against rounding) a slope is not noise, and usually every new one is,
    without a pass over ``d`` (a NaN or infinite bound passes none).
    """
    sigma, g = seg.sigma, seg.g
    if seg.boundary and not all(sigma[j] * g[j] >= 1 - _SLOPE for j in seg.boundary):
        return False
    s, d, fresh = walk.s, seg.d, walk.fresh
    if not fresh:
        return True
    if _SHORTCUTS:
        bound = 2.0 * _SLOPE_NOISE * walk.fro2 * math.sqrt(seg.d_A.size)
        for j in fresh:  # (a loop: cheaper than all() over one or two features)
            if not s.item(j) * d.item(j) > bound:
                break
        else:
            return True
    abs_d = np.abs(seg.d_A)  # |d_A|: d is 0 off A
    noise = _SLOPE_NOISE * abs_d.item(abs_d.argmax())  # (NaN if any is: no comparison holds)
    return all(s.item(j) * d.item(j) > noise for j in fresh)


def _resolve_tie(
    gram: _Gram,
    sure: list[int],
    tied: list[int],
    natural: set[int],
    sigma: np.ndarray,
    max_active: int,
) -> tuple[list[int], np.ndarray] | None:
    """The active set below a knot where processing the tied events together went wrong.

    ``sure`` are the active features with non-zero coefficients at the knot, ``tied`` the
    features at ``w_j = 0`` and ``|c_j| = alpha`` there, each with the sign ``sigma_j`` of
    its correlation. Below the knot some subset S of ``tied`` is active, with
    ``A = sure + S``, ``d = G_AA^{-1} sigma_A`` and ``g = G d``: ``sigma_j d_j > 0`` on S
    (the new coefficients move away from 0 with their signs; one that would stay at 0 is
    left out) and ``sigma_j g_j >= 1`` off S (those correlations stay within ``alpha``).
    Such an S exists (the lasso path does). We try the subsets in order of how few
    features they change from ``natural`` (what processing all events together gave),
    skipping those with dependent columns, and return ``A`` with the inverse Cholesky
    factor of ``G_AA``, or None if none qualifies.
    """

    def changes(S: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
        return len(natural.symmetric_difference(S)), S

    subsets = sorted(
        (tuple(j for k, j in enumerate(tied) if mask >> k & 1) for mask in range(2 ** len(tied))),
        key=changes,
    )
    G_T = gram.cols(sure + tied)  # the columns G[:, j] of every candidate j ...
    at = {j: i for i, j in enumerate(sure + tied)}  # ... in column at[j]
    R_sure = _extend_factor(np.zeros((0, 0)), sure, G_T, at)  # the same for every S
    for S in subsets:
        A = sure + list(S)
        R = None if R_sure is None or len(A) > max_active else _extend_factor(R_sure, A, G_T, at)
        if R is None:
            continue  # too many features, or dependent columns
        d = R.T @ (R @ sigma[A])
        top = float(np.max(np.abs(d), initial=0.0))
        off = [j for j in tied if j not in S]
        if all(sigma[j] * d[k] > _SLOPE_NOISE * top for k, j in enumerate(A) if j in S) and all(
            sigma[j] * float(G_T[A, at[j]] @ d) >= 1 - _SLOPE
            for j in off  # sigma_j g_j
        ):
            return A, R
    return None


def _extend_factor(
    R: np.ndarray, A: list[int], G_T: np.ndarray, at: dict[int, int]
) -> np.ndarray | None:
    """The inverse Cholesky factor ``R`` of ``G`` on the first features of ``A``, grown by
    the others (``G[:, j]`` is ``G_T[:, at[j]]``); None if the columns are dependent."""
    for k in range(R.shape[0], len(A)):
        j = A[k]
        grown = _inverse_cholesky_append(R, G_T[A[:k], at[j]], G_T[j, at[j]])
        if grown is None:
            return None
        R = grown
    return R


def lasso_homotopy(
    X: ArrayLike,
    y: ArrayLike,
    *,
    fit_intercept: bool = True,
    alpha_min: float = 0.0,
    max_steps: int | None = None,
) -> LassoPath:
    """The exact lasso path by homotopy (LARS with the lasso drop step).

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    fit_intercept : bool, default=True
        Fit an unpenalised intercept (centre ``X`` and ``y`` first).
    alpha_min : float, default=0.0
        Follow the path down to this alpha (``>= 0``).
    max_steps : int, optional
        Most knots after the first; default ``8 * p + 100``.

    Returns
    -------
    LassoPath
        Knots, exact coefficients and intercepts at the knots, the enter/leave events,
        the order in which features entered, and whether the path is complete;
        :meth:`LassoPath.at` reads it at any other alphas.

    Notes
    -----
    Write :math:`G = X_c^\\top X_c / n` and :math:`b = X_c^\\top y_c / n`. The lasso
    optimality conditions say that on the *active set* :math:`A` (non-zero
    coefficients, with signs :math:`s_A`) the correlations equal :math:`\\alpha s_A`:

    .. math:: G_{AA} w_A = b_A - \\alpha s_A
              \\quad\\Longrightarrow\\quad
              w_A(\\alpha) = u - \\alpha d,\\quad
              u = G_{AA}^{-1} b_A,\\ d = G_{AA}^{-1} s_A,

    so while :math:`A` and :math:`s_A` do not change, the path is *linear* in alpha.
    Starting from :math:`\\alpha_{\\max} = \\max_j |b_j|` with the arg-max active, we
    lower alpha until the first of two events:

    * **enter**: an inactive feature's correlation
      :math:`c_j(\\alpha) = b_j - G_{jA} w_A(\\alpha)` reaches :math:`\\pm\\alpha`;
    * **leave** (the lasso modification of LARS): an active coefficient
      :math:`u_j - \\alpha d_j` reaches 0 -- it is dropped, and may re-enter later.

    Both are solutions of linear equations in alpha, so each knot is exact. Events
    within a relative ``1e-10`` of each other are treated as one knot (ties), processed
    leaves first, then enters, each in feature order. At a tie this can be wrong (a
    feature that leaves may have to stay because another enters, or of two features
    tied to enter only one may): if the segment below the knot would move a new
    coefficient against its sign or push an inactive correlation past alpha, the
    active set below the knot is chosen among the tied features so that it does not
    (the fewest changes first; up to 12 tied features). ``G_AA`` is kept as a Cholesky
    factor (its inverse, so each solve is two matrix products), grown by one row
    when a feature enters and recomputed when one leaves. Each step works with the
    active columns :math:`G_{:,A}` only: all of :math:`G` is formed once when
    :math:`n \\ge p`, and when :math:`p > n` (where it would cost :math:`n p^2`) a
    column is computed the first time a feature enters.

    Rounding turns exact zeros into noise: a correlation :math:`x_j^\top y = 0`, and a
    correlation or coefficient that reaches 0 exactly at ``alpha = 0`` because the active
    features fit ``y`` exactly. A value within ``1e-13`` of the size of the terms it is
    a sum of is taken as 0, and a feature is on the boundary :math:`|c_j| = \alpha` to
    within the larger of the tie tolerance and that rounding error, so noise is not
    read as an event.

    The path ends at ``alpha_min``. The active set never exceeds the rank of
    :math:`X_c` (at most ``n - 1`` with an intercept, ``n`` without): when ``n < p``
    the last segment runs down to ``alpha_min`` with at most ``n - 1`` features, and
    at ``alpha = 0`` it reaches one of the (then non-unique) interpolating solutions.
    A feature whose column is a linear combination of the active ones (a duplicated
    column, say) is refused: the lasso solution is then not unique, and keeping that
    coefficient at 0 gives one of the solutions. Its correlation stays at
    :math:`\\pm\\alpha`; it is offered again whenever a later change of the active set
    would push it past alpha.

    The knots agree with ``sklearn.linear_model.lars_path(X_c, y_c, method="lasso")``,
    whose alphas are on the same ``1/n`` scale.

    Data whose largest entries are far from 1 (beyond a factor ``2**64``) are followed on
    ``X_c / 2**kx`` and ``y_c / 2**ky`` (powers of two that bring the largest entries into
    [0.5, 1)), whose knots are ``alpha / 2**(kx + ky)`` and whose coefficients are
    ``w * 2**(kx - ky)``: exact, so the answer is right for data near ``1e-160`` or
    ``1e160``, where ``G`` would underflow or overflow, and ordinary data, which need no
    rescaling, get the same bits as rescaled ones. A path that is nevertheless not finite raises
    a ``ValueError`` rather than returning NaN.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 4))
    >>> y = X @ np.array([3.0, 0.0, -2.0, 0.5]) + 0.5 * rng.standard_normal(50)
    >>> path = lasso_homotopy(X, y)
    >>> path.feature_order
    [0, 2, 3, 1]
    >>> path.alphas.round(3).tolist()
    [2.281, 1.665, 0.408, 0.001, 0.0]
    >>> path.events[1]
    PathEvent(alpha=1.6650610505445933, feature=2, kind='enter')
    >>> path.coefs[-1].round(2)  # at alpha = 0: least squares
    array([ 3.01,  0.  , -2.01,  0.63])
    """
    X, y = check_Xy(X, y)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    if not (type(alpha_min) is float and alpha_min == 0.0):  # (the default needs no check)
        alpha_min = check_penalty(alpha_min, "alpha_min")
    if max_steps is not None:
        max_steps = check_positive_int(max_steps, "max_steps")
    return lasso_homotopy_unchecked(X, y, fit_intercept, alpha_min, max_steps, copy_X=False)


def lasso_homotopy_unchecked(
    X: np.ndarray,
    y: np.ndarray,
    fit_intercept: bool,
    alpha_min: float,
    max_steps: int | None,
    *,
    copy_X: bool = True,
) -> LassoPath:
    """:func:`lasso_homotopy` on arguments already checked (``check_input=False``).

    For callers that validated ``X`` and ``y`` once and fit many subsets of them (the
    bootstrap refits of :mod:`lessonlib.topics.entry_order` and ``selection``); not in
    ``__all__``. ``X`` and ``y`` must be finite float64 arrays of shapes (n, p) and (n,),
    ``alpha_min >= 0``. With ``copy_X=False`` they are the caller's to overwrite (centred
    and scaled in place: no new array of the size of ``X``, whose fresh pages cost more
    than the arithmetic on a large ``X``).
    """
    n, p = X.shape
    max_steps = 8 * p + 100 if max_steps is None else max_steps
    Xc, yc, X_mean, y_mean = center(X, y, fit_intercept, copy=copy_X)
    own = fit_intercept or not copy_X  # Xc and yc are new arrays, or ours to overwrite
    kx, ky = pow2_exponent(Xc), pow2_exponent(yc)
    if abs(kx) <= _ORDINARY_EXPONENT and abs(ky) <= _ORDINARY_EXPONENT:
        kx, ky = 0, 0  # scaling would change no bit of the path: skip it
    Xs = scaled(Xc, -kx, out=Xc if own else None) if kx else Xc
    ys = scaled(yc, -ky, out=yc if own else None) if ky else yc
    walk = _homotopy(
        Xs,
        ys,
        ldexp(alpha_min, -(kx + ky)),
        max_steps,
        max_active=min(p, n - 1 if fit_intercept else n),
    )
    _check_last_knot(walk)
    alphas, coefs = np.array(walk.knots), np.array(walk.coefs)
    if kx or ky:
        with np.errstate(over="ignore"):  # a path beyond float64 is refused just below
            alphas, coefs = scaled(alphas, kx + ky, out=alphas), scaled(coefs, ky - kx, out=coefs)
    if not (_finite(alphas) and _finite(coefs)):
        raise ValueError(
            "X is degenerate at working precision: the lasso path of these data "
            "is not finite in float64 (rescale the columns of X)"
        )
    # (tuple.__new__ makes the PathEvent without NamedTuple's Python-level __new__)
    if kx + ky:
        unscaled = dict(zip(walk.knots, alphas.tolist()))  # every event is at a knot
        events = [tuple.__new__(PathEvent, (unscaled[a], j, kind)) for a, j, kind in walk.events]
    else:
        events = [tuple.__new__(PathEvent, event) for event in walk.events]
    return LassoPath(
        alphas=alphas,
        coefs=coefs,
        intercepts=y_mean - coefs.dot(X_mean),
        events=events,
        feature_order=list(dict.fromkeys(j for _, j, kind in walk.events if kind == "enter")),
        complete=walk.complete,
        alpha_min=alpha_min,
        x_mean=X_mean,
        y_mean=y_mean,
    )


def _finite(a: np.ndarray) -> bool:
    """Whether every entry of ``a`` (not empty) is finite.

    On a small array (the usual path) its largest and smallest entries say it at less
    cost than ``numpy.isfinite(a).all()``: NumPy's arg-max and arg-min return the first
    NaN if there is one, so a NaN is seen too.
    """
    if a.size > 4096:
        return bool(np.isfinite(a).all())
    return math.isfinite(a.item(a.argmax())) and math.isfinite(a.item(a.argmin()))


# Centred data whose largest entries lie within a factor 2**64 of 1 (in X and in y) are
# not rescaled: multiplying by a power of two is exact, so rescaling them changes no bit
# unless an intermediate comes within 2**128 of float64's limits, which takes data that
# span most of float64's range by themselves (where rescaling cannot help). It is for
# data near 1e-160 or 1e160 as a whole, whose G and knots would underflow or overflow.
_ORDINARY_EXPONENT = 64


# The optimality conditions at the path's last knot hold to this fraction of alpha_max, or
# the path has lost its accuracy (an ill-conditioned X, far down the path).
KKT_TOLERANCE = 1e-8


def _check_last_knot(walk: _Walk) -> None:
    """Refuse a path whose end breaks the lasso's optimality conditions.

    Each segment is solved with the inverse Cholesky factor of the active features' Gram
    matrix, whose condition number is the square of ``X``'s: on polynomial features, say,
    rounding can send the path down a wrong branch. Rather than return such an answer,
    the last knot is checked (errors only grow along the path): its correlations
    ``c = b - G w`` are computed afresh from the Gram columns of the active features (the
    only non-zero coefficients), ``G_A``, and must be ``alpha sign(w_j)`` where
    ``w_j != 0`` and at most ``alpha`` in size elsewhere.
    """
    knots, w, A = walk.knots, walk.coefs[-1], walk.active_idx[: len(walk.active)]
    if knots[0] == 0.0:
        return  # y is constant (or X is): the path is w = 0, exactly
    alpha = knots[-1]
    c = walk.b - walk.G_A[:, : A.size].dot(w[A])
    # |c_j - alpha sign(w_j)| where w_j != 0; |c_j| - alpha where w_j = 0 (sign 0); at
    # alpha = 0 (where most paths end) that is |c_j|, and NaN in w is NaN in c too
    excess = np.abs(c) if alpha == 0.0 else np.abs(c - alpha * np.sign(w)) - alpha * (w == 0)
    worst = max(excess.item(excess.argmax()), 0.0)
    if worst > KKT_TOLERANCE * knots[0]:
        raise ValueError(
            "the exact lasso path lost its accuracy on this X: at its end the optimality "
            f"conditions fail by {worst / knots[0]:.1e} of alpha_max (X is too "
            "ill-conditioned for the homotopy this far down); stop the path at a larger "
            "alpha_min, or use lessonlib.solvers.lasso_cd"
        )


class _Gram:
    """The columns of ``G = X^T X / n`` that the path reads.

    All of ``G`` at once (one product) when ``n >= p``; when ``p > n`` a column is
    computed the first time it is asked for (``n p`` operations) and kept, since ``G``
    would cost ``n p^2`` and the path reads only the columns of the features that enter
    (or tie).
    """

    def __init__(self, X: np.ndarray) -> None:
        n, p = X.shape
        self.X, self.n = X, n
        self.G = X.T.dot(X) / n if n >= p else None
        self.diag = self.G.diagonal() if self.G is not None else np.einsum("ij,ij->j", X, X) / n
        self.computed: dict[int, np.ndarray] = {}

    def cols(self, idx: int | list[int]) -> np.ndarray:
        """``G[:, idx]``: one column for a feature, a matrix for a list of them."""
        if self.G is not None:
            return self.G[:, idx]
        if isinstance(idx, list):
            return np.column_stack([self._col(j) for j in idx]) if idx else self.X[:0].T
        return self._col(int(idx))

    def _col(self, j: int) -> np.ndarray:
        if j not in self.computed:
            self.computed[j] = self.X.T.dot(self.X[:, j]) / self.n
        return self.computed[j]


@dataclass(eq=False, slots=True)
class _Walk:
    """The state of the homotopy at the current knot (see :func:`_homotopy`).

    ``gram``, ``b``, ``norm`` and ``norm_y`` are fixed data; the rest changes from knot to
    knot. ``R`` is the inverse Cholesky factor of ``G_AA`` with the rows in the order of
    ``active``, ``G_A[:, :k]`` the columns ``G[:, A]``, ``norm_A[:k]`` the norms and
    ``active_idx[:k]`` the features (an index array) in the same order;
    ``t2 = ||t||^2`` with ``t = |R| norm_A``, and ``fro2 = ||R||_F^2``
    (all grown by a row or column when a feature enters, rebuilt when one leaves; they
    size the rounding errors of :func:`_segment`); ``s`` holds the signs of the active
    coefficients (0 off the active set); ``entering`` are the ``(feature, sign)`` pairs
    to add at this knot.
    """

    gram: _Gram
    b: np.ndarray  # correlations of the features with y at w = 0
    norm: np.ndarray  # ||x_j|| / sqrt(n)
    norm_max: float  # max_j norm_j
    norm_y: float  # ||y|| / sqrt(n)
    alpha_min: float
    max_active: int
    alpha: float  # the current knot
    complete: bool
    entering: list[tuple[int, float]]
    R: np.ndarray
    t2: float
    fro2: float
    norm_A: np.ndarray
    active_idx: np.ndarray
    G_A: np.ndarray
    s: np.ndarray
    # u and d of the segment below the knot: zero off the active set (kept so, when a
    # feature leaves, rather than allocated anew for each segment)
    u: np.ndarray
    d: np.ndarray
    roots: np.ndarray  # (3, p) work array for the candidate knots
    knots: list[float]
    coefs: list[np.ndarray]
    # (alpha, feature, kind) in path order, made PathEvents (on the caller's scale) at the end
    events: list[tuple[float, int, str]] = field(default_factory=list)
    active: list[int] = field(default_factory=list)  # in the order of the rows of R
    dependent: set[int] = field(default_factory=set)  # once refused: in the active span
    refused_here: set[int] = field(default_factory=set)  # ... refused at this knot
    before: list[int] = field(default_factory=list)  # the active set just above the knot
    fresh: list[int] = field(default_factory=list)  # features that entered at this knot
    resolved: bool = False  # whether a tie at this knot has been resolved


class _Segment(NamedTuple):
    """The linear piece below the current knot: ``w(a) = u - a d``, ``c(a) = e + a g``.

    ``u`` and ``d`` are ``walk.u`` and ``walk.d``, overwritten by the next segment.
    """

    A: np.ndarray  # the active features
    u: np.ndarray
    d: np.ndarray
    e: np.ndarray
    g: np.ndarray
    boundary: list[int]  # inactive features with |c_j| = alpha at the knot
    sigma: np.ndarray  # sign of each correlation at the knot (on A and the boundary)
    d_A: np.ndarray  # d on A, in the order of A


def _homotopy(
    Xc: np.ndarray, yc: np.ndarray, alpha_min: float, max_steps: int, max_active: int
) -> _Walk:
    """The loop of :func:`lasso_homotopy` on centred (and scaled) data.

    Returns the walk at its end: the knots, the coefficients at the knots, the events and
    whether the path reached ``alpha_min``. Each pass applies the events at the current
    knot, computes the segment below it, applies the knot's events again if they turned
    out wrong (a refused feature to retry, a tie), else steps to the next knot.
    """
    walk = _start(Xc, yc, alpha_min, max_active)
    # a root 0 / 0 or x / 0 is NaN or inf, and dropped: no warning, once for the whole path
    with np.errstate(divide="ignore", invalid="ignore"):
        # book:loop-start
        while True:
            _apply_entering(walk)  # grow A by this knot's entering features
            if walk.complete or len(walk.knots) > max_steps:
                break
            seg = _segment(walk)  # step 2: u, d, and the correlations e + a g
            if _redo_knot(walk, seg):  # a tie or a refused feature: redo the knot
                continue
            if _step(walk, seg, _candidate_knots(walk, seg)):  # steps 3 and 4
                break
        # book:loop-end
    return walk


def _start(Xc: np.ndarray, yc: np.ndarray, alpha_min: float, max_active: int) -> _Walk:
    """The first knot, ``alpha_max``, with every feature tied for the top correlation."""
    n, p = Xc.shape
    gram = _Gram(Xc)
    b = Xc.T.dot(yc) / n  # correlations of the features with y at w = 0
    # Rounding errs on G_jk and b_j by ~eps times the sizes of the terms they are sums of,
    # at most (Cauchy-Schwarz) norm_j norm_k and norm_j norm_y, with norm_j = ||x_j|| / sqrt(n)
    norm = np.sqrt(gram.diag)
    norm_y, norm_max = math.sqrt(yc.dot(yc) / n), norm.item(norm.argmax())
    # x_j^T y = 0 in exact arithmetic (x_j _|_ y) comes out as rounding noise: make it 0
    # (usually every |b_j| is above even the noise bound of the largest norm_j)
    abs_b = np.abs(b)
    if not (_SHORTCUTS and abs_b.item(abs_b.argmin()) > _ROUNDING * norm_max * norm_y):
        noise = abs_b <= _ROUNDING * norm * norm_y
        b[noise], abs_b[noise] = 0.0, 0.0
    alpha = abs_b.item(abs_b.argmax())
    complete = alpha <= alpha_min
    # every feature tied for the largest correlation enters at alpha_max (b_j != 0)
    tied = [] if complete else (abs_b >= alpha * (1 - _TIE)).nonzero()[0].tolist()
    entering = [(j, 1.0 if b.item(j) > 0.0 else -1.0) for j in tied]
    return _Walk(
        gram=gram,
        b=b,
        norm=norm,
        norm_max=norm_max,
        norm_y=norm_y,
        alpha_min=alpha_min,
        max_active=max_active,
        alpha=alpha,
        complete=complete,
        entering=entering,
        R=np.zeros((0, 0)),
        t2=0.0,
        fro2=0.0,
        norm_A=np.zeros(max_active),
        active_idx=np.zeros(max_active, dtype=np.intp),
        G_A=np.zeros((p, max_active), order="F"),
        s=np.zeros(p),
        u=np.zeros(p),
        d=np.zeros(p),
        roots=np.empty((3, p)),
        knots=[alpha],
        coefs=[np.zeros(p)],
    )


def _apply_entering(walk: _Walk) -> None:
    """Grow the active set by the features entering at the current knot.

    A feature whose column is a combination of the active columns (or one beyond the
    rank of the data) is refused: the lasso solution is then not unique, and keeping
    ``w_j = 0`` gives one of them.
    """
    for j, sign in walk.entering:
        if not _grow(walk, j):
            walk.dependent.add(j)
            walk.refused_here.add(j)
            continue
        walk.active.append(j)
        walk.fresh.append(j)
        walk.s[j] = sign
        walk.events.append((walk.alpha, j, "enter"))


def _grow(walk: _Walk, j: int) -> bool:
    """Add feature ``j`` to ``R``, ``G_A``, ``norm_A``, ``active_idx``, ``t2`` and ``fro2``.

    Returns False, changing nothing, if it cannot enter (see :func:`_apply_entering`).

    The rows of ``R`` above the new one do not change, so neither do their terms
    ``t_i^2`` of ``t2`` (``t_i = |R_i| norm_A``) and ``|R_i|^2`` of ``fro2``.
    """
    k, G_A = len(walk.active), walk.G_A
    if k >= walk.max_active:
        return False
    G_j = walk.gram.cols(j)
    R = _inverse_cholesky_append(walk.R, G_A[j, :k], G_j.item(j))  # G_A[j, :k] is G[j, A]
    if R is None:
        return False
    G_A[:, k], walk.norm_A[k], walk.active_idx[k] = G_j, walk.norm[j], j
    row = R[k]
    t_k = float(np.abs(row).dot(walk.norm_A[: k + 1]))
    walk.R, walk.t2, walk.fro2 = R, walk.t2 + t_k * t_k, walk.fro2 + float(row.dot(row))
    return True


def _segment(walk: _Walk) -> _Segment:
    """The segment below the current knot: ``w(a) = u - a d``, zero off the active set.

    Also the correlations ``c(a) = e + a g``, with exact zeros restored where rounding
    turned them into noise, and the inactive features on the boundary at the knot.
    """
    b, s, alpha = walk.b, walk.s, walk.alpha
    A = walk.active_idx[: len(walk.active)]
    R, G_A = walk.R, walk.G_A[:, : A.size]  # G_A holds G[:, A]
    # book:segment-start (literalinclude marker of book/lasso_path.ipynb)
    u_A = R.T.dot(R.dot(b[A]))  # G_AA^{-1} b_A
    d_A = R.T.dot(R.dot(s[A]))  # G_AA^{-1} s_A
    # book:segment-end
    # rounding noise of an exact 0 in u_A: none near when every |u_j| is above the bound
    # of _zero_rounding_noise (doubled against its own rounding)
    abs_u = np.abs(u_A)
    bound = 2.0 * (_ROUNDING * walk.norm_y) * math.sqrt(walk.fro2 * walk.t2)
    if u_A.size and not (_SHORTCUTS and abs_u.item(abs_u.argmin()) > bound):
        _zero_rounding_noise(walk, u_A, abs_u)
    # book:correlations-start
    # The correlations c(a) = b - G w(a) = e + a g move linearly too. Each event is
    # a root of a linear equation in a; row 0: an active w_j(a) reaches 0 (leave);
    # rows 1, 2: an inactive c_j(a) reaches +a or -a (enter with sign + or -).
    e, g = b - G_A.dot(u_A), G_A.dot(d_A)  # G u and G d, with G_A = G[:, A]
    # book:correlations-end
    # e_j is the correlation at a = 0; where y is fitted exactly it is 0 in exact
    # arithmetic but rounding noise here, whose root would be a spurious event: noise
    # is |e_j| <= tol norm_j (size_e times norm_j is the size of e_j's terms, norm_y +
    # norm_A |R^T| |R| norm_A norm_y). Usually every inactive |e_j| is above even
    # tol norm_max, which one arg-min shows (the active ones, inf for now, are not noise)
    size_e = walk.norm_y * (1.0 + walk.t2)
    tol, e[A] = _ROUNDING * size_e, np.inf
    abs_e = np.abs(e)
    if not (_SHORTCUTS and abs_e.item(abs_e.argmin()) > tol * walk.norm_max):
        e[abs_e <= tol * walk.norm] = 0.0
    # on A, c_j(a) = s_j a: no enter event and not on the boundary; NaN says so (every
    # root and comparison made of it is NaN or False)
    e[A] = np.nan
    c = e + alpha * g  # the correlations at the knot
    abs_c = np.abs(c)
    abs_c[A] = 0.0  # (not NaN: NumPy's arg-max returns the first NaN)
    # usually no inactive |c_j| comes near alpha: below even the lowest edge (see _boundary)
    size_c = size_e + 2.0 * alpha * math.sqrt(walk.t2 * A.size * walk.fro2)
    low = min(alpha * (1 - _TIE), alpha - _ROUNDING * size_c * walk.norm_max)
    boundary: list[int] = []
    sigma = s  # with no boundary, the signs are those of the active set
    if not (_SHORTCUTS and abs_c.item(abs_c.argmax()) < low):  # (NaN < low is False)
        abs_c[A] = np.nan
        boundary, sigma = _boundary(walk, c, abs_c, size_e, d_A)
    u, d = walk.u, walk.d  # zero off the active set
    u[A], d[A] = u_A, d_A
    return _Segment(A, u, d, e, g, boundary, sigma, d_A)


def _zero_rounding_noise(walk: _Walk, u_A: np.ndarray, abs_u: np.ndarray) -> None:
    """Make exact the zeros of ``u_A`` (``abs_u = |u_A|``) that rounding turned into noise.

    ``u_j`` is ``w_j`` at ``a = 0``; where ``y`` is fitted exactly without feature j it is
    0 in exact arithmetic but rounding noise here, whose root would be a spurious leave.
    ``bound = |R^T| |R| norm_A`` times ``norm_y`` (``>= |R^T| |R| |b_A|``) bounds
    ``|u_A|`` and, times eps, its error. Each ``bound_j <= |R_{:,j}| |t| <= sqrt(fro2 t2)``
    (Cauchy-Schwarz), so when every ``|u_j|`` is above that bound's rounding error (the
    usual case) nothing is near noise, and :func:`_segment` does not call this.
    """
    abs_R = np.abs(walk.R)
    tol = _ROUNDING * walk.norm_y
    u_A[abs_u <= tol * abs_R.T.dot(abs_R.dot(walk.norm_A[: u_A.size]))] = 0.0


def _boundary(
    walk: _Walk, c: np.ndarray, abs_c: np.ndarray, size_e: float, d_A: np.ndarray
) -> tuple[list[int], np.ndarray]:
    """The inactive features on the boundary ``|c_j| = alpha``, and the signs ``sigma``.

    ``c`` are the correlations at the knot and ``abs_c`` their sizes, NaN on the active
    set. On the boundary means to the tie tolerance or, at an alpha so small that rounding
    errs by more, to the rounding error of ``c_j``: ``size_c`` times ``norm_j`` times
    1e-13, with ``size_c = size_e + alpha norm_A |d_A|`` the size of the terms of
    ``c = e + alpha g``. ``sigma`` is ``s`` on the active set and the sign of ``c_j`` on
    the boundary (nothing reads it elsewhere; with no boundary it is ``s`` itself).

    Usually no ``|c_j|`` comes near ``alpha`` and :func:`_segment` does not call this:
    below even the lowest edge, that of the largest ``norm_j`` with
    ``norm_A |d_A| <= |t| |(|R| 1)| <= sqrt(t2 k fro2)`` (Cauchy-Schwarz,
    ``|d_A| <= |R^T| |R| 1``; doubled against rounding), there is no boundary and no
    edge to compute.
    """
    alpha = walk.alpha
    size_c = size_e + alpha * float(walk.norm_A[: d_A.size].dot(np.abs(d_A)))
    slack = _ROUNDING * size_c
    edge = (
        alpha * (1 - _TIE)  # the same, as slack * norm_j <= alpha * _TIE / 2 for every j
        if slack * walk.norm_max <= 0.5 * alpha * _TIE
        else np.minimum(alpha * (1 - _TIE), alpha - slack * walk.norm)
    )
    boundary = (abs_c >= edge).nonzero()[0].tolist()
    if not boundary:
        return boundary, walk.s
    sigma = walk.s.copy()
    sigma[boundary] = np.sign(c[boundary])
    return boundary, sigma


def _redo_knot(walk: _Walk, seg: _Segment) -> bool:
    """Change the events of the current knot if the segment below shows them wrong.

    A once-refused feature that would move outward is offered again; otherwise, the first
    time at this knot, a tie whose segment breaks the lasso conditions is resolved (see
    :func:`_resolve_tie`). Returns True when the knot's events changed and the segment
    must be computed again.
    """
    if walk.dependent:  # refused features sit at |c_j| = alpha: retry those moving outward
        retry = _check_dependent(walk.dependent, walk.refused_here, seg.boundary, seg.sigma, seg.g)
        if retry and seg.A.size < walk.max_active:
            walk.entering = retry
            return True
    if walk.resolved or _leaves_consistently(walk, seg):
        return False
    walk.resolved, walk.refused_here = True, set()
    tied = sorted(set(walk.fresh) | set(seg.boundary))
    sure = [j for j in walk.active if j not in tied]
    new = (
        None
        if len(tied) > _MAX_TIED
        else _resolve_tie(walk.gram, sure, tied, set(walk.fresh), seg.sigma, walk.max_active)
    )
    if new is None:
        return False
    _redo_events(walk, *new, seg.sigma)
    return True


def _redo_events(walk: _Walk, active: list[int], R: np.ndarray, sigma: np.ndarray) -> None:
    """Replace the current knot's events by those that lead to the active set ``active``."""
    signs = sigma[active]  # (before s changes: sigma may be s itself)
    walk.active = active
    walk.u[:], walk.d[:] = 0.0, 0.0  # u and d, zero off the new active set
    walk.G_A[:, : len(active)] = walk.gram.cols(active)
    _set_factor(walk, R)
    walk.s[:] = 0.0
    walk.s[active] = signs
    alpha, before = walk.alpha, walk.before
    walk.events = [ev for ev in walk.events if ev[0] != alpha]
    walk.events += [(alpha, j, "leave") for j in sorted(set(before) - set(active))]
    walk.events += [(alpha, j, "enter") for j in sorted(set(active) - set(before))]
    walk.fresh, walk.entering = [j for j in active if j not in before], []


def _candidate_knots(walk: _Walk, seg: _Segment) -> np.ndarray:
    """Every feature's next event below the current knot: ``roots[kind, j]``.

    Row 0 holds leaves, rows 1 and 2 enters with sign + and -; ``-inf`` is no event.
    (A division by zero gives a NaN or an infinite root, dropped by :func:`_step`.)
    """
    u, d, e, g, roots = seg.u, seg.d, seg.e, seg.g, walk.roots
    # book:roots-start
    # u and d are 0 off A, e is NaN on A: a root of the wrong kind is NaN
    np.divide(u, d, out=roots[0])  # leave: u_j - a d_j = 0
    # enter: e_j + a g_j = +a or -a, at a = e_j / (1 - g_j) or e_j / (-1 - g_j)
    np.divide(e, _PLUS_MINUS - g, out=roots[1:])  # _PLUS_MINUS: the column (1, -1)
    # book:roots-end
    if seg.A.size >= walk.max_active:  # the active columns already span the data
        roots[1:] = -np.inf
    # w_j(a) of a feature that entered here, and c_j(a) - sigma_j a of one on the
    # boundary, are linear in a and 0 at this knot: they have no other root (one just
    # below is rounding noise, which an ill-conditioned G_AA can push past the tie
    # tolerance)
    for j in walk.fresh:
        roots[0, j] = -np.inf
    for j in seg.boundary:
        roots[1 if seg.sigma[j] > 0 else 2, j] = -np.inf
        if abs(seg.sigma[j] * g[j] - 1) <= _SLOPE:  # it stays on the boundary (a
            roots[1:, j] = -np.inf  # duplicate, say): its other root is 0 / 0 too, no event
    return roots


def _step(walk: _Walk, seg: _Segment, roots: np.ndarray) -> bool:
    """Step down to the next knot (the largest root) and record it.

    Returns True when the path has reached ``alpha_min``.
    """
    alpha, alpha_min, u, d = walk.alpha, walk.alpha_min, seg.u, seg.d
    # book:step-start
    # only events strictly below the current alpha (this also drops NaN)
    roots[~(roots < alpha * (1 - _TIE))] = -np.inf

    top = roots.item(roots.argmax())  # the largest root
    # alpha_min itself, never a root of -0.0
    alpha = top if top > alpha_min else alpha_min
    w = u - alpha * d
    # book:step-end
    walk.alpha = alpha
    walk.knots.append(alpha)
    walk.coefs.append(w)
    if alpha <= alpha_min:
        walk.complete = True
        return True
    _events_at_knot(walk, roots, w)
    return False


def _events_at_knot(walk: _Walk, roots: np.ndarray, w: np.ndarray) -> None:
    """The events at the new knot (several only if tied): apply the leaves, queue the enters.

    ``w``, the coefficients at the knot, gets exact zeros for the features that leave.
    """
    alpha, active, s = walk.alpha, walk.active, walk.s
    walk.refused_here = set()
    walk.before, walk.fresh, walk.resolved = list(active), [], False
    # a single event (the usual case) is the largest root; one that enters needs no more
    # here (the general lines below give the same, at three times the cost)
    if _SHORTCUTS:
        (at,) = (roots.ravel() >= alpha * (1 - _TIE)).nonzero()  # (flat indices of the roots)
        kind, j = divmod(at.item(0), roots.shape[1]) if at.size == 1 else (0, 0)
        if kind:
            walk.entering = [(j, 1.0 if kind == 1 else -1.0)]
            return
    # book:events-start
    kind, feature = np.nonzero(roots >= alpha * (1 - _TIE))
    events = list(zip(kind.tolist(), feature.tolist()))
    entering = sorted((j, 1.0 if k == 1 else -1.0) for k, j in events if k)
    leaving = [j for k, j in events if not k]
    for j in leaving:
        active.remove(j)
        s[j] = w[j] = 0.0
        walk.events.append(PathEvent(alpha, j, "leave"))
    # book:events-end
    walk.entering = entering
    if leaving:  # rebuild the factor without them (leaves are rare)
        walk.u[leaving] = walk.d[leaving] = 0.0  # u and d are zero off A
        _refactor(walk, leaving)


def _refactor(walk: _Walk, leaving: list[int]) -> None:
    """``R``, ``G_A``, ``t2`` and ``fro2`` for the active set, once ``leaving`` have left."""
    rows = [walk.before.index(j) for j in leaving]
    R = walk.R
    for i in sorted(rows, reverse=True):  # from the last row up: the others keep their place
        R = _inverse_cholesky_drop(R, i)
    kept = [i for i in range(len(walk.before)) if i not in rows]
    walk.G_A[:, : len(kept)] = walk.G_A[:, kept]
    _set_factor(walk, R)


def _set_factor(walk: _Walk, R: np.ndarray) -> None:
    """Install ``R``, the inverse Cholesky factor of a new active set, with its ``t2``, ``fro2``."""
    k = R.shape[0]
    walk.active_idx[:k] = walk.active
    walk.norm_A[:k] = walk.norm[walk.active_idx[:k]]
    t = np.abs(R).dot(walk.norm_A[:k])
    walk.R, walk.t2, walk.fro2 = R, float(t.dot(t)), float(np.vdot(R, R))


def lasso_path(
    X: ArrayLike, y: ArrayLike, alphas: ArrayLike, *, fit_intercept: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Exact lasso coefficients at any alphas.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alphas : array_like of shape (m,)
        Penalty weights, each ``>= 0``, in any order.
    fit_intercept : bool, default=True
        Fit an unpenalised intercept.

    Returns
    -------
    coefs : numpy.ndarray of shape (m, p)
        ``coefs[i]`` solves the lasso at ``alphas[i]`` (one row per alpha, the
        transpose of scikit-learn's layout).
    intercepts : numpy.ndarray of shape (m,)

    Notes
    -----
    The path is computed once by :func:`lasso_homotopy` down to ``min(alphas)`` and read
    off by :meth:`LassoPath.at`; since it is linear between knots
    :math:`\\alpha_{k+1} \\le \\alpha \\le \\alpha_k`,

    .. math:: w(\\alpha) = (1 - t)\\,w(\\alpha_k) + t\\,w(\\alpha_{k+1}),
              \\qquad t = \\frac{\\alpha_k - \\alpha}{\\alpha_k - \\alpha_{k+1}},

    is exact (up to rounding), not an approximation. Alphas at or above
    ``alpha_max`` give all zeros.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 4))
    >>> y = X @ np.array([3.0, 0.0, -2.0, 0.5]) + 0.5 * rng.standard_normal(50)
    >>> coefs, intercepts = lasso_path(X, y, [3.0, 1.0, 0.1])
    >>> np.round(coefs, 3)
    array([[ 0.   ,  0.   ,  0.   ,  0.   ],
           [ 1.572,  0.   , -0.739,  0.   ],
           [ 2.844,  0.   , -1.861,  0.475]])
    """
    X, y = check_Xy(X, y)
    alphas = check_nonnegative_vector(alphas, "alphas")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    path = lasso_homotopy_unchecked(X, y, fit_intercept, float(alphas.min()), None, copy_X=False)
    return path._at(alphas)  # alphas checked above


def ridge_path(
    X: ArrayLike, y: ArrayLike, alphas: ArrayLike, *, fit_intercept: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Ridge coefficients at many alphas from one singular value decomposition.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alphas : array_like of shape (m,)
        Penalty weights, each ``>= 0``.
    fit_intercept : bool, default=True
        Fit an unpenalised intercept.

    Returns
    -------
    coefs : numpy.ndarray of shape (m, p)
        One row per alpha.
    intercepts : numpy.ndarray of shape (m,)

    Notes
    -----
    Minimises :math:`\\|y - Xw - c\\|^2 + \\alpha\\|w\\|^2`. With the thin SVD
    :math:`X_c = U \\operatorname{diag}(\\sigma) V^\\top`,

    .. math::

        w(\\alpha) = V \\operatorname{diag}\\Bigl(\\frac{\\sigma_i}{\\sigma_i^2 + \\alpha}\\Bigr)
        U^\\top y_c ,

    so each coefficient shrinks smoothly and none is ever exactly zero. At
    ``alpha = 0`` (zero singular values dropped) this is the minimum-norm least-squares fit.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> coefs, intercepts = ridge_path(X, y, [0.0, 1.0, 100.0])
    >>> np.round(coefs, 4)
    array([[1.6667, 0.6667],
           [1.4118, 0.5294],
           [0.0854, 0.0286]])
    """
    X, y = check_Xy(X, y)
    alphas = check_nonnegative_vector(alphas, "alphas")
    Xc, yc, X_mean, y_mean = center(X, y, check_bool(fit_intercept, "fit_intercept"))
    coefs = ridge_svd(Xc, yc, alphas)  # shared with solvers.ridge
    return coefs, y_mean - coefs @ X_mean
