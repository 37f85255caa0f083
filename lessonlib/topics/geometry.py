"""The constrained view of ridge and the lasso in two dimensions.

The chapter "The geometry of sparsity" uses this module.

One job: measure how often a norm ball's solution lands exactly on an axis, and why.

* :func:`random_problems` -- seeded random two-feature least-squares problems.
* :func:`constrained_solution` -- the exact solution of one problem, any budget ``t >= 0``.
* :func:`constrained_solutions` -- the exact solution of ``min RSS(w)`` subject to
  ``||w||_q <= t`` for each problem (L1 or L2), with ``t`` a fraction of ``||w_ols||_q``.
* :func:`axis_hit_frequency` -- the share of solutions with a coordinate exactly ``0.0``.
* :func:`corner_of_wedge` -- which corner of the L1 diamond is optimal, read off the
  normal-cone (wedge) condition without solving anything.
* :func:`wedge_angles` -- the opening angle of each corner's wedge ``a + H^{-1} N(a)``.
* :func:`sample_correlations` -- the sample correlation of the two features of each problem.
* :func:`frequency_by_correlation` -- the share of L1 solutions on an axis, by ``|rho|``.
* :func:`share_standard_error` -- the Monte Carlo standard error of such a share.
* :func:`wedge_shares_by_correlation` -- by ``|rho|``: how far the wedges are from right
  angles, and how many corner solutions fall in the wide and in the narrow wedges.
* :func:`bridge_1d` -- the one-dimensional minimiser of ``(w - z)**2 + lam*|w|**q``.

For centred data ``X`` (shape (n, 2)) and ``y``, the residual sum of squares is

    RSS(w) = ||y - Xw||^2 = (w - w_ols)^T H (w - w_ols) + RSS(w_ols),   H = X^T X,

so the constrained problems only need ``w_ols`` and ``H``; the exact 2-D solver of one
problem is :func:`constrained_solution` (the figures and the chapter's explorer use it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._scaling import pow2_exponent, scaled
from lessonlib._validation import (
    as_float_matrix,
    as_float_vector,
    check_choice,
    check_entries,
    check_fraction,
    check_penalty,
    check_positive_int,
    check_real,
    check_seed,
)

__all__ = [
    "GeometryProblems",
    "axis_hit_frequency",
    "bridge_1d",
    "check_problem",
    "constrained_solution",
    "constrained_solutions",
    "corner_of_wedge",
    "frequency_by_correlation",
    "random_problems",
    "sample_correlations",
    "share_standard_error",
    "wedge_angles",
    "wedge_shares_by_correlation",
]


@dataclass(frozen=True, eq=False)
class GeometryProblems:
    """A batch of two-feature least-squares problems on centred data.

    Attributes
    ----------
    X : numpy.ndarray of shape (k, n, 2)
        Centred designs, one per problem.
    y : numpy.ndarray of shape (k, n)
        Centred responses.
    w_ols : numpy.ndarray of shape (k, 2)
        Least-squares coefficients.
    hessian : numpy.ndarray of shape (k, 2, 2)
        ``X^T X`` for each problem.
    """

    X: np.ndarray
    y: np.ndarray
    w_ols: np.ndarray
    hessian: np.ndarray


def random_problems(
    n_problems: int = 2000, n_samples: int = 30, *, seed: int = 0
) -> GeometryProblems:
    """Draw seeded random two-feature regression problems.

    Parameters
    ----------
    n_problems : int, default=2000
        How many problems.
    n_samples : int, default=30
        Rows of each design, >= 3.
    seed : int, default=0
        Seed of ``numpy.random.default_rng``, an int in ``[0, 2**32 - 1]``.

    Returns
    -------
    GeometryProblems

    Notes
    -----
    Each problem draws a correlation ``rho`` uniform on (-0.9, 0.9), ``n_samples`` rows
    of two standard normal features with that correlation, true coefficients
    ``beta ~ N(0, I)`` and ``y = X beta + e`` with ``e ~ N(0, 1)``; ``X`` and ``y`` are
    then centred (the intercept is not penalised, so it drops out).

    Examples
    --------
    >>> P = random_problems(3, seed=1)
    >>> P.X.shape, P.w_ols.shape, P.hessian.shape
    ((3, 30, 2), (3, 2), (3, 2, 2))
    >>> bool(np.allclose(P.X.sum(axis=1), 0.0))
    True
    """
    n_problems = check_positive_int(n_problems, "n_problems")
    n_samples = check_positive_int(n_samples, "n_samples")
    if n_samples < 3:
        raise ValueError(f"n_samples must be >= 3, got {n_samples}")
    check_entries((n_problems, n_samples, 2), "n_problems x n_samples")
    rng = np.random.default_rng(check_seed(seed))
    rho = rng.uniform(-0.9, 0.9, size=n_problems)
    Z = rng.standard_normal((n_problems, n_samples, 2))
    X = np.empty_like(Z)
    X[..., 0] = Z[..., 0]
    X[..., 1] = rho[:, None] * Z[..., 0] + np.sqrt(1 - rho[:, None] ** 2) * Z[..., 1]
    beta = rng.standard_normal((n_problems, 2))
    y = np.einsum("knj,kj->kn", X, beta) + rng.standard_normal((n_problems, n_samples))
    X -= X.mean(axis=1, keepdims=True)
    y -= y.mean(axis=1, keepdims=True)
    H = np.einsum("kni,knj->kij", X, X)
    w_ols = np.linalg.solve(H, np.einsum("kni,kn->ki", X, y)[..., None])[..., 0]
    return GeometryProblems(X=X, y=y, w_ols=w_ols, hessian=H)


def check_problem(w_ols: ArrayLike, hessian: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """A two-feature problem validated: ``w_ols`` of 2 entries, ``hessian`` 2x2 SPD.

    Parameters
    ----------
    w_ols : array_like of shape (2,)
        Least-squares coefficients.
    hessian : array_like of shape (2, 2)
        ``X^T X``: symmetric positive definite.

    Returns
    -------
    w_ols : numpy.ndarray of shape (2,)
    H : numpy.ndarray of shape (2, 2)

    Examples
    --------
    >>> check_problem([1, 2], [[2, 0], [0, 1]])[1].tolist()
    [[2.0, 0.0], [0.0, 1.0]]
    """
    w_ols = as_float_vector(w_ols, "w_ols")
    if w_ols.shape != (2,):
        raise ValueError(f"w_ols must have 2 entries, got {w_ols.size}")
    H = as_float_matrix(hessian, "hessian")
    if H.shape != (2, 2):
        raise ValueError(f"hessian must be 2x2, got shape {H.shape}")
    if not np.allclose(H, H.T):
        raise ValueError("hessian must be symmetric")
    if np.min(np.linalg.eigvalsh(H)) <= 0:
        raise ValueError("hessian must be positive definite")
    return w_ols, H


def constrained_solution(w_ols: ArrayLike, hessian: ArrayLike, t: float, norm: str) -> np.ndarray:
    """Minimise ``(w - w_ols)^T H (w - w_ols)`` over ``||w|| <= t`` in two dimensions.

    Parameters
    ----------
    w_ols : array_like of shape (2,)
        The unconstrained minimiser.
    hessian : array_like of shape (2, 2)
        ``H = X^T X``, symmetric positive definite.
    t : float
        Radius of the constraint, >= 0 (``t = 0`` gives ``(0, 0)``).
    norm : {"l1", "l2"}
        Which ball.

    Returns
    -------
    numpy.ndarray of shape (2,)

    Notes
    -----
    If ``w_ols`` is inside the ball it is the answer. Otherwise the answer is on the
    boundary. L1 (exact): the boundary is four segments between the corners
    ``(±t, 0), (0, ±t)``; on a segment ``a + s(c - a)`` the objective is a quadratic in
    ``s`` whose minimiser is clipped to ``[0, 1]``; the best of the four wins (a
    corner, i.e. an exact zero, when the clip is active). L2: the solution is
    ``(H + mu I)^{-1} H w_ols`` whose norm falls as ``mu`` grows; ``mu`` solving
    ``||w(mu)|| = t`` is found by bisection to machine precision.

    Examples
    --------
    >>> constrained_solution([2.0, 0.5], [[1.0, 0.0], [0.0, 1.0]], 1.0, "l1").tolist()
    [1.0, 0.0]
    >>> constrained_solution([0.2, -0.3], [[1.0, 0.0], [0.0, 1.0]], 1.0, "l2").tolist()
    [0.2, -0.3]
    """
    w_ols, H = check_problem(w_ols, hessian)
    t = check_penalty(t, "t")
    norm = check_choice(norm, "norm", ("l1", "l2"))
    if t == 0.0:
        return np.zeros(2)
    if np.linalg.norm(w_ols, 1 if norm == "l1" else 2) <= t:
        return w_ols.copy()
    if norm == "l2":

        def w_of(mu: float) -> np.ndarray:
            return np.linalg.solve(H + mu * np.eye(2), H @ w_ols)

        lo, hi = 0.0, 1.0
        while np.linalg.norm(w_of(hi)) > t:
            hi *= 2
        for _ in range(200):
            mid = (lo + hi) / 2
            if mid in (lo, hi):
                break
            lo, hi = (mid, hi) if np.linalg.norm(w_of(mid)) > t else (lo, mid)
        return w_of(hi)
    corners = [np.array(c, dtype=float) for c in ([t, 0], [0, t], [-t, 0], [0, -t])]
    best, best_value = corners[0], np.inf
    for a, c in zip(corners, corners[1:] + corners[:1]):
        d = c - a  # objective along the edge: (a - w_ols + s d)^T H (a - w_ols + s d)
        s = np.clip(-(d @ H @ (a - w_ols)) / (d @ H @ d), 0.0, 1.0)
        for point in (a, a + s * d) if 0 < s < 1 else (a + s * d,):
            value = (point - w_ols) @ H @ (point - w_ols)
            if value < best_value:
                best, best_value = point, value
    return np.where(np.abs(best) < 1e-15 * t, 0.0, best)


def _budgets(w_ols: np.ndarray, fraction: float, norm: str) -> np.ndarray:
    order = 1 if norm == "l1" else 2
    return fraction * np.linalg.norm(w_ols, ord=order, axis=1)


def constrained_solutions(
    problems: GeometryProblems, fraction: float, norm: str
) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``min RSS(w)`` subject to ``||w||_q <= t`` exactly, for every problem.

    Parameters
    ----------
    problems : GeometryProblems
        From :func:`random_problems`.
    fraction : float
        The budget as a share of the least-squares norm: ``t = fraction * ||w_ols||_q``,
        in (0, 1), so the constraint is active.
    norm : {"l1", "l2"}
        Diamond (lasso) or disk (ridge).

    Returns
    -------
    solutions : numpy.ndarray of shape (k, 2)
    budgets : numpy.ndarray of shape (k,)
        The ``t`` of each problem.

    Examples
    --------
    >>> P = random_problems(2, seed=3)
    >>> w, t = constrained_solutions(P, 0.5, "l1")
    >>> bool(np.allclose(np.abs(w).sum(axis=1), t))
    True
    """
    if not isinstance(problems, GeometryProblems):
        raise TypeError(f"problems must be a GeometryProblems, got {type(problems).__name__}")
    fraction = check_fraction(fraction, "fraction")
    if fraction in (0.0, 1.0):
        raise ValueError(f"fraction must be strictly between 0 and 1, got {fraction}")
    norm = check_choice(norm, "norm", ("l1", "l2"))
    budgets = _budgets(problems.w_ols, fraction, norm)
    solve = l1_batch if norm == "l1" else _l2_batch
    return solve(problems.w_ols, problems.hessian, budgets), budgets


def _quad(v: np.ndarray, H: np.ndarray) -> np.ndarray:
    """``v_k^T H_k v_k`` for every problem k."""
    return np.einsum("ki,kij,kj->k", v, H, v)


def l1_batch(w_ols: np.ndarray, H: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Exact L1-constrained solutions, vectorised (the method of ``constrained_solution``).

    The diamond's boundary is four edges from corner ``a`` to corner ``c``; along
    ``a + s (c - a)`` the RSS is a quadratic in ``s`` whose minimiser is clipped to
    ``[0, 1]``. A clipped ``s`` is replaced by the corner itself, so corners carry
    exact zeros. The best of the four edge minimisers is the solution.
    """
    k = w_ols.shape[0]
    unit = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    corners = unit[None, :, :] * t[:, None, None]  # (k, 4, 2)
    best = np.zeros((k, 2))
    best_value = np.full(k, np.inf)
    for e in range(4):
        a, c = corners[:, e], corners[:, (e + 1) % 4]
        d = c - a
        s = -np.einsum("ki,kij,kj->k", d, H, a - w_ols) / _quad(d, H)
        point = a + np.clip(s, 0.0, 1.0)[:, None] * d
        point = np.where((s <= 0)[:, None], a, np.where((s >= 1)[:, None], c, point))
        value = _quad(point - w_ols, H)
        better = value < best_value
        best[better], best_value[better] = point[better], value[better]
    return best


def _l2_batch(w_ols: np.ndarray, H: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Exact L2-constrained solutions, vectorised.

    On the boundary the solution is ``w(mu) = (H + mu I)^{-1} H w_ols`` with ``mu > 0``
    chosen so that ``||w(mu)||_2 = t``. With ``H = Q diag(e) Q^T`` and ``u = Q^T w_ols``,
    ``||w(mu)||^2 = sum_i (e_i u_i / (e_i + mu))^2`` falls strictly in ``mu``, so ``mu``
    is found by bisection to machine precision.
    """
    e, Q = np.linalg.eigh(H)
    u = np.einsum("kji,kj->ki", Q, w_ols)

    def norm2(mu: np.ndarray) -> np.ndarray:
        return np.sum((e * u / (e + mu[:, None])) ** 2, axis=1)

    lo = np.zeros(t.size)
    hi = np.ones(t.size)
    while np.any(norm2(hi) > t**2):
        hi = np.where(norm2(hi) > t**2, 2 * hi, hi)
    for _ in range(200):
        mid = (lo + hi) / 2
        if np.all((mid == lo) | (mid == hi)):
            break
        outside = norm2(mid) > t**2
        lo, hi = np.where(outside, mid, lo), np.where(outside, hi, mid)
    shifted = e / (e + hi[:, None]) * u
    return np.einsum("kij,kj->ki", Q, shifted)


def axis_hit_frequency(solutions: ArrayLike) -> float:
    """Share of solutions with at least one coordinate exactly ``0.0``.

    Parameters
    ----------
    solutions : array_like of shape (k, 2)
        Constrained solutions, one per row.

    Returns
    -------
    float
        In [0, 1]. Only exact zeros count (``== 0.0``), never small numbers.

    Examples
    --------
    >>> axis_hit_frequency([[1.0, 0.0], [0.5, 0.5], [0.0, -2.0], [1e-300, 1.0]])
    0.5
    """
    W = as_float_matrix(solutions, "solutions")
    if W.shape[1] != 2:
        raise ValueError(f"solutions must have 2 columns, got shape {W.shape}")
    return float(np.mean(np.any(W == 0.0, axis=1)))


def corner_of_wedge(w_ols: ArrayLike, hessian: ArrayLike, t: float) -> int:
    """Which corner of the diamond ``||w||_1 <= t`` solves the constrained problem, if any.

    Parameters
    ----------
    w_ols : array_like of shape (2,)
        Least-squares coefficients, with ``||w_ols||_1 > t``.
    hessian : array_like of shape (2, 2)
        ``X^T X``, symmetric positive definite.
    t : float
        The budget, > 0.

    Returns
    -------
    int
        ``0`` for ``(t, 0)``, ``1`` for ``(0, t)``, ``2`` for ``(-t, 0)``, ``3`` for
        ``(0, -t)``; ``-1`` if the solution is not a corner.

    Notes
    -----
    A corner ``c`` is optimal exactly when ``-grad RSS(c) / 2 = H (w_ols - c)`` lies in the
    normal cone of the diamond at ``c``. At ``c = (s t, 0)`` that cone is
    ``{v : s v_1 >= |v_2|}``, at ``c = (0, s t)`` it is ``{v : s v_2 >= |v_1|}``. So the
    corner wins when ``w_ols`` lies in the wedge ``c + H^{-1} cone``: a region of positive
    area, which is why corners (exact zeros) happen with positive probability.

    Examples
    --------
    >>> corner_of_wedge([2.0, 0.5], [[1.0, 0.0], [0.0, 1.0]], 1.0)
    0
    >>> corner_of_wedge([1.0, 1.0], [[1.0, 0.0], [0.0, 1.0]], 1.0)
    -1
    """
    w_ols = as_float_vector(w_ols, "w_ols")
    if w_ols.shape != (2,):
        raise ValueError(f"w_ols must have 2 entries, got {w_ols.size}")
    H = as_float_matrix(hessian, "hessian")
    if H.shape != (2, 2):
        raise ValueError(f"hessian must be 2x2, got shape {H.shape}")
    t = check_penalty(t, "t", allow_zero=False)
    if np.abs(w_ols).sum() <= t:
        raise ValueError("w_ols must lie outside the diamond (||w_ols||_1 > t)")
    corners = [(0, 1.0), (1, 1.0), (0, -1.0), (1, -1.0)]  # (axis, sign)
    for index, (axis, sign) in enumerate(corners):
        c = np.zeros(2)
        c[axis] = sign * t
        v = H @ (w_ols - c)
        if sign * v[axis] >= abs(v[1 - axis]) and sign * v[axis] > 0:
            return index
    return -1


def bridge_1d(z: float, lam: float, q: float) -> float:
    """Minimise ``(w - z)**2 + lam * |w|**q`` over one real ``w`` (the "bridge" penalty).

    Parameters
    ----------
    z : float
        The least-squares estimate (the unpenalised minimiser).
    lam : float
        Penalty weight, >= 0.
    q : float
        Exponent, > 0.

    Returns
    -------
    float
        The global minimiser; exactly ``0.0`` when zero wins.

    Notes
    -----
    The minimiser has the sign of ``z`` and lies in ``[0, |z|]``; write ``a = |z|`` and
    ``f(w) = (w - a)^2 + lam w^q`` on ``w >= 0``, ``f'(w) = 2(w - a) + lam q w^{q-1}``.

    * ``q > 1``: ``f`` is convex and ``f'(0) = -2a < 0``, so the minimiser is the root of
      ``f'`` in ``(0, a)``: never zero unless ``z = 0``.
    * ``q = 1``: soft thresholding, zero exactly when ``a <= lam / 2``.
    * ``q < 1``: ``f'(0+) = +inf``; ``f'`` falls until ``w0 = (lam q (1-q)/2)^{1/(2-q)}``
      and then rises, so the only candidate besides 0 is the root of ``f'`` in
      ``(w0, a)``; the smaller of ``f(0) = a^2`` and ``f(root)`` wins.

    Roots are found by bisection to machine precision.

    Examples
    --------
    >>> bridge_1d(3.0, 2.0, 1.0), bridge_1d(0.9, 2.0, 1.0)
    (2.0, 0.0)
    >>> round(bridge_1d(3.0, 2.0, 2.0), 12)   # ridge: z / (1 + lam)
    1.0
    """
    z = check_real(z, "z")
    lam = check_penalty(lam, "lam")
    q = check_penalty(q, "q", allow_zero=False)
    a = abs(z)
    if a == 0.0 or lam == 0.0:
        return z

    def fprime(w: float) -> float:
        return 2 * (w - a) + _times_power(lam * q, w, q - 1)

    lo = (lam * q * (1 - q) / 2) ** (1 / (2 - q)) if q < 1 else 0.0  # (a power below 1)
    if lo >= a or (q >= 1 and fprime(lo) >= 0) or (q < 1 and fprime(lo) >= 0):
        return 0.0
    hi = a  # fprime(a) = lam q a^{q-1} > 0
    for _ in range(2200):  # from 1e308 down to 1e-308 in halvings, then 52 bits
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        lo, hi = (mid, hi) if fprime(mid) < 0 else (lo, mid)
    w = hi
    # f(w) >= f(0) = a**2, divided by w > 0: no square of a (a**2 overflows for a > 1e154)
    if q < 1 and _times_power(lam, w, q - 1) >= 2 * a - w:
        return 0.0
    return float(np.sign(z) * w)


def _times_power(c: float, w: float, e: float) -> float:
    """``c * w**e`` for ``c > 0`` and ``w >= 0``, also where ``w**e`` alone is not a float64.

    (``w**e`` overflows, and Python raises, or underflows to 0 for ``w`` near ``1e+-150``
    while ``c * w**e`` is an ordinary number: then it is computed from logarithms.)
    """
    if w == 0.0:
        return 0.0 if e > 0 else math.inf if e < 0 else c
    try:
        power = w**e
    except OverflowError:
        power = math.inf
    if np.finfo(float).tiny <= power < math.inf:
        return c * power
    log = math.log(c) + e * math.log(w)
    return math.exp(log) if log < 709.0 else math.inf


def wedge_angles(hessian: ArrayLike) -> np.ndarray:
    """Opening angle, in degrees, of the wedge of each corner of the L1 diamond.

    Parameters
    ----------
    hessian : array_like of shape (2, 2)
        ``H = X^T X``, symmetric positive definite.

    Returns
    -------
    numpy.ndarray of shape (4,)
        Angles at the corners ``(t, 0)``, ``(0, t)``, ``(-t, 0)``, ``(0, -t)`` (the order
        of :func:`corner_of_wedge`). They do not depend on ``t``, and they sum to 360.

    Notes
    -----
    The normal cone of the diamond at ``(t, 0)`` is spanned by the edge normals
    ``(1, 1)`` and ``(1, -1)``; the wedge of least-squares points sent to that corner
    is spanned by ``H^{-1}(1, 1)`` and ``H^{-1}(1, -1)``. The four normal cones tile
    the plane and ``H^{-1}`` is an invertible linear map that keeps orientation, so the
    four wedges' directions tile the plane too: a wedge can widen only if another
    narrows. Opposite corners have equal angles (the map commutes with ``v -> -v``).

    Examples
    --------
    >>> wedge_angles([[1.0, 0.0], [0.0, 1.0]]).tolist()
    [90.0, 90.0, 90.0, 90.0]
    >>> wedge_angles([[2.0, 0.9], [0.9, 1.0]]).round(1).tolist()
    [141.6, 38.4, 141.6, 38.4]
    """
    H = as_float_matrix(hessian, "hessian")
    if H.shape != (2, 2):
        raise ValueError(f"hessian must be 2x2, got shape {H.shape}")
    H = scaled(H, -pow2_exponent(H))  # exact; the angles do not depend on the scale of H
    if not np.allclose(H, H.T) or np.min(np.linalg.eigvalsh(H)) <= 0:
        raise ValueError("hessian must be symmetric positive definite")
    Hinv = np.linalg.inv(H)
    normals = np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]])
    edges = normals @ Hinv.T  # H^{-1} n for each edge normal n
    angles = []
    for k in range(4):  # corner k lies between edge normals k - 1 and k
        u, v = edges[k - 1], edges[k]
        cos = float(u @ v) / float(np.linalg.norm(u) * np.linalg.norm(v))
        angles.append(float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))))
    return np.array(angles)


def sample_correlations(problems: GeometryProblems) -> np.ndarray:
    """The sample correlation of the two (centred) features of every problem.

    Parameters
    ----------
    problems : GeometryProblems
        From :func:`random_problems`.

    Returns
    -------
    numpy.ndarray of shape (k,)
        ``H_12 / sqrt(H_11 H_22)``, in (-1, 1).

    Examples
    --------
    >>> P = random_problems(3, seed=1)
    >>> bool(np.all(np.abs(sample_correlations(P)) < 1))
    True
    """
    if not isinstance(problems, GeometryProblems):
        raise TypeError(f"problems must be a GeometryProblems, got {type(problems).__name__}")
    H = problems.hessian
    return H[:, 0, 1] / np.sqrt(H[:, 0, 0] * H[:, 1, 1])


def frequency_by_correlation(
    problems: GeometryProblems, fraction: float, edges: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Share of L1-constrained solutions with an exact zero, by bins of ``|rho|``.

    Parameters
    ----------
    problems : GeometryProblems
        From :func:`random_problems`.
    fraction : float
        Budget ``t = fraction * ||w_ols||_1``, strictly between 0 and 1.
    edges : array_like of shape (m + 1,)
        Increasing bin edges for the absolute sample correlation, from 0 to 1; a
        problem falls in bin ``i`` when ``edges[i] <= |rho| < edges[i + 1]``.

    Returns
    -------
    counts : numpy.ndarray of shape (m,)
        Problems per bin.
    frequencies : numpy.ndarray of shape (m,)
        Share of them whose solution has a coordinate exactly ``0.0`` (NaN for an
        empty bin).

    Examples
    --------
    >>> P = random_problems(50, seed=2)
    >>> counts, freq = frequency_by_correlation(P, 0.5, [0.0, 0.5, 1.0])
    >>> int(counts.sum())
    50
    """
    rho = np.abs(sample_correlations(problems))
    edges = as_float_vector(edges, "edges", min_length=2)
    if np.any(np.diff(edges) <= 0) or edges[0] < 0 or edges[-1] > 1:
        raise ValueError("edges must increase strictly from >= 0 to <= 1")
    solutions, _ = constrained_solutions(problems, fraction, "l1")
    hit = np.any(solutions == 0.0, axis=1)
    counts = np.zeros(edges.size - 1, dtype=int)
    freq = np.full(edges.size - 1, np.nan)
    for i in range(edges.size - 1):
        inside = (rho >= edges[i]) & (rho < edges[i + 1])
        if i == edges.size - 2:
            inside |= rho == edges[-1]
        counts[i] = int(inside.sum())
        if counts[i]:
            freq[i] = float(hit[inside].mean())
    return counts, freq


def share_standard_error(shares: ArrayLike, counts: ArrayLike) -> np.ndarray:
    """Monte Carlo standard error of shares counted over independent problems.

    Parameters
    ----------
    shares : array_like of shape (m,)
        Shares in [0, 1], each the mean of ``counts[i]`` independent yes/no outcomes (such
        as the frequencies of :func:`frequency_by_correlation`).
    counts : array_like of shape (m,) or int
        How many outcomes each share counts, each a positive whole number.

    Returns
    -------
    numpy.ndarray of shape (m,)
        :math:`\\sqrt{s (1 - s) / N}` for each share :math:`s` of :math:`N` outcomes.

    Notes
    -----
    A share of :math:`N` independent outcomes, each a success with probability
    :math:`\\pi`, has standard deviation :math:`\\sqrt{\\pi (1 - \\pi) / N}`; the standard
    error puts the share itself in place of :math:`\\pi`. It equals the standard deviation
    of the 0/1 outcomes (divisor :math:`N`) divided by :math:`\\sqrt N`. Two shares from
    disjoint sets of problems are independent, so the standard error of their difference
    is :math:`\\sqrt{\\mathrm{se}_1^2 + \\mathrm{se}_2^2}`.

    Examples
    --------
    >>> share_standard_error([0.5, 0.1], [100, 400]).round(4).tolist()
    [0.05, 0.015]
    """
    s = as_float_vector(shares, "shares")
    if np.any((s < 0) | (s > 1)):
        raise ValueError("shares must lie in [0, 1]")
    n = as_float_vector(np.ravel(counts) if np.ndim(counts) == 0 else counts, "counts")
    if np.any(n < 1) or np.any(n != np.round(n)):
        raise ValueError("counts must be positive whole numbers")
    if n.size not in (1, s.size):
        raise ValueError(f"counts must have 1 or {s.size} entries (one per share), got {n.size}")
    return np.sqrt(s * (1 - s) / n)


def wedge_shares_by_correlation(
    problems: GeometryProblems, fraction: float, edges: ArrayLike
) -> dict[str, np.ndarray]:
    """How far the wedges are from right angles, and where the corner solutions fall, by ``|rho|``.

    Parameters
    ----------
    problems : GeometryProblems
        From :func:`random_problems`.
    fraction : float
        Budget ``t = fraction * ||w_ols||_1``, strictly between 0 and 1.
    edges : array_like of shape (m + 1,)
        Bin edges for the absolute sample correlation, as in :func:`frequency_by_correlation`.

    Returns
    -------
    dict of numpy.ndarray of shape (m,)
        ``counts``: problems per bin; ``median_tilt`` and ``p90_tilt``: the median and 90th
        percentile of ``|angle - 90|`` (degrees) of the wedges at ``(+-t, 0)``; ``wide`` and
        ``narrow``: the share of the bin's problems whose solution is a corner with a wedge
        of at least and of less than 90 degrees.

    Notes
    -----
    Opposite wedges are equal and the four add to 360 degrees, so one pair opens by as
    much as the other closes; ``wide + narrow`` is :func:`frequency_by_correlation`'s share.

    Examples
    --------
    >>> P = random_problems(50, seed=2)
    >>> out = wedge_shares_by_correlation(P, 0.5, [0.0, 0.5, 1.0])
    >>> int(out["counts"].sum()), bool(np.all(out["median_tilt"] >= 0))
    (50, True)
    """
    counts, _ = frequency_by_correlation(problems, fraction, edges)  # also checks the edges
    rho = np.abs(sample_correlations(problems))
    edges = np.asarray(edges, dtype=float)
    angles = np.array([wedge_angles(H) for H in problems.hessian])
    _, t = constrained_solutions(problems, fraction, "l1")
    corner = np.array(
        [corner_of_wedge(w, H, tk) for w, H, tk in zip(problems.w_ols, problems.hessian, t)]
    )
    hit = corner >= 0
    wide = hit & (angles[np.arange(corner.size), np.maximum(corner, 0)] >= 90.0)
    out = {k: np.full(counts.size, np.nan) for k in ("median_tilt", "p90_tilt", "wide", "narrow")}
    for i in range(counts.size):
        last = (i == counts.size - 1) & (rho == edges[-1])  # the last bin is closed
        inside = (rho >= edges[i]) & ((rho < edges[i + 1]) | last)
        if counts[i]:
            tilt = np.abs(angles[inside, 0] - 90.0)
            out["median_tilt"][i], out["p90_tilt"][i] = np.median(tilt), np.percentile(tilt, 90)
            out["wide"][i], out["narrow"][i] = wide[inside].mean(), (hit & ~wide)[inside].mean()
    return {"counts": counts, **out}
