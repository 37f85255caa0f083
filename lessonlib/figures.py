"""Every figure the book draws.

Each function takes ``ax=None``: it draws into the given Axes, or makes a new figure
(white background, the book's style from :mod:`lessonlib.style`) only when none is
given. Each returns ``(ax, data)``, where ``data`` holds the arrays it plotted, so a
chapter can print them and a test can check them. matplotlib is imported inside
the functions; the numbers come from :mod:`lessonlib.simple`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib import simple
from lessonlib._validation import (
    as_float_matrix,
    as_float_vector,
    check_penalty,
)
from lessonlib.style import book_style, color

__all__ = [
    "plot_slope_vs_lambda",
    "plot_lasso_loss_curves",
    "plot_shrinkage",
    "plot_coef_paths",
    "plot_constraint_geometry",
    "constrained_solution",
    "plot_error_curve",
    "plot_polynomial_fits",
]


def _axes(ax: Any, figsize: tuple[float, float] = (6.4, 4.2)) -> Any:
    """The given Axes, or a new one on a new white figure."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=figsize, facecolor="white", layout="constrained")
    return fig.add_subplot()


def _nonnegative_vector(value: object, name: str) -> np.ndarray:
    arr = as_float_vector(value, name)
    if np.any(arr < 0):
        raise ValueError(f"{name} must be >= 0, got {arr[arr < 0][0]}")
    return arr


# ------------------------------------------------------------------ one feature
def plot_slope_vs_lambda(
    x: object, y: object, lambdas: object, *, ax: Any = None
) -> tuple[Any, dict]:
    """Ridge and lasso slopes against lambda, with ``lambda_star = 2|Sxy|`` marked.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    lambdas : array_like of shape (k,)
        Penalty weights, >= 0.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"lambda"``, ``"ridge"``, ``"lasso"`` (arrays of shape (k,)) and
        ``"lambda_star"`` (float).

    Notes
    -----
    Ridge: :math:`m = S_{xy}/(S_{xx}+\\lambda)` only approaches 0. Lasso:
    :math:`m = \\operatorname{sign}(S_{xy})(|S_{xy}| - \\lambda/2)_+/S_{xx}` is exactly 0
    for :math:`\\lambda \\ge \\lambda^* = 2|S_{xy}|`.

    Examples
    --------
    >>> ax, d = plot_slope_vs_lambda([1, 2, 3], [2, 4, 7], [0, 5, 10, 15])
    >>> d["lambda_star"], d["lasso"].tolist()
    (10.0, [2.5, 1.25, 0.0, 0.0])
    """
    s = simple.sufficient_stats(x, y)
    lambdas = _nonnegative_vector(lambdas, "lambdas")
    ridge = np.atleast_1d(simple.ridge_slope(s.Sxx, s.Sxy, lambdas))
    lasso = np.atleast_1d(simple.lasso_slope(s.Sxx, s.Sxy, lambdas))
    lam_star = 2 * abs(s.Sxy)
    with book_style():
        ax = _axes(ax)
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        ax.plot(lambdas, ridge, color=color("ridge"), label="ridge  $S_{xy}/(S_{xx}+\\lambda)$")
        ax.plot(lambdas, lasso, color=color("lasso"), label="lasso (exactly 0 past $\\lambda^*$)")
        ax.axvline(lam_star, color=color("guide"), linestyle="--", linewidth=1.5,
                   label=f"$\\lambda^* = 2|S_{{xy}}| = {lam_star:.4g}$")
        ax.set_xlabel("penalty weight $\\lambda$")
        ax.set_ylabel("slope $m$")
        ax.set_title("Ridge shrinks the slope, lasso sets it to zero")
        ax.legend()
    return ax, {"lambda": lambdas, "ridge": ridge, "lasso": lasso, "lambda_star": lam_star}


def plot_lasso_loss_curves(
    x: object, y: object, lambdas: object, *, ms: object = None, ax: Any = None
) -> tuple[Any, dict]:
    """The lasso loss (minimised over b) against m, one curve per lambda, minimisers marked.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    lambdas : array_like of shape (k,)
        Penalty weights, >= 0.
    ms : array_like, optional
        Slopes at which to draw the curves; default 601 points over
        ``[-1.5|m_ols|, 1.5|m_ols|]``. ``m = 0`` is always added, so the kink shows.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"m"`` (sorted, with 0), ``"loss"`` (shape (k, len(m)), one row per lambda),
        ``"lambdas"``, ``"minimisers"`` (the closed-form lasso slopes, shape (k,)).

    Notes
    -----
    :math:`L(m) = S_{yy} - 2mS_{xy} + m^2S_{xx} + \\lambda|m|`. Every curve passes through
    :math:`(0, S_{yy})` with a kink there; once :math:`\\lambda \\ge 2|S_{xy}|` the kink is
    the lowest point and the minimiser stays at exactly 0.

    Examples
    --------
    >>> ax, d = plot_lasso_loss_curves([1, 2, 3], [2, 4, 7], [0, 4, 12])
    >>> d["loss"].shape == (3, d["m"].size), 0.0 in d["m"], d["minimisers"].tolist()
    (True, True, [2.5, 1.5, 0.0])
    """
    s = simple.sufficient_stats(x, y)
    lambdas = _nonnegative_vector(lambdas, "lambdas")
    if ms is None:
        reach = 1.5 * abs(s.Sxy / s.Sxx)
        ms = np.linspace(-reach, reach, 601)
    ms = np.union1d(as_float_vector(ms, "ms"), [0.0])
    loss = np.array([simple.profile_loss(ms, x, y, float(lam), "l1") for lam in lambdas])
    minimisers = np.atleast_1d(simple.lasso_slope(s.Sxx, s.Sxy, lambdas))
    with book_style():
        import matplotlib.pyplot as plt

        ax = _axes(ax)
        shades = plt.get_cmap("viridis")(np.linspace(0.0, 0.85, lambdas.size))
        ax.axvline(0.0, color=color("guide"), linestyle=":", linewidth=1)
        for lam, row, m_hat, shade in zip(lambdas, loss, minimisers, shades):
            ax.plot(ms, row, color=shade, label=f"$\\lambda = {lam:.4g}$")
            loss_hat = simple.profile_loss(float(m_hat), x, y, float(lam), "l1")
            ax.plot([m_hat], [loss_hat], "o", color=shade, markeredgecolor="black")
        ax.set_xlabel("slope $m$")
        ax.set_ylabel("loss, best $b$ for each $m$")
        ax.set_title("The kink at $m = 0$ catches the minimiser")
        ax.legend()
    return ax, {"m": ms, "loss": loss, "lambdas": lambdas, "minimisers": minimisers}


def plot_shrinkage(z: object = None, t: float = 1.0, *, ax: Any = None) -> tuple[Any, dict]:
    """Soft thresholding (lasso) vs proportional shrinkage (ridge) vs hard thresholding.

    Parameters
    ----------
    z : array_like, optional
        Least-squares estimates to shrink; default 601 points on [-3t - 1, 3t + 1], plus 0.
    t : float, default=1.0
        Threshold, >= 0.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"z"``, ``"soft"``, ``"ridge"``, ``"hard"`` (same shape), and ``"t"``.

    Notes
    -----
    For an orthonormal design (``Sxx = 1``) the least-squares estimate is ``z = Sxy``.
    In the article's scaling with ``lam = 2t``: lasso gives ``soft_threshold(z, t)``,
    ridge with the same ``lam`` gives ``z / (1 + 2t)``, and hard thresholding keeps
    ``z`` where ``|z| > t`` and gives 0 elsewhere.

    Examples
    --------
    >>> ax, d = plot_shrinkage([-2.0, 0.5, 2.0], t=1.0)
    >>> d["soft"].tolist(), d["hard"].tolist()
    ([-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0])
    """
    t = check_penalty(t, "t")
    if z is None:
        z = np.union1d(np.linspace(-3 * t - 1, 3 * t + 1, 601), [0.0])
    z = as_float_vector(z, "z")
    soft = np.asarray(simple.soft_threshold(z, t))
    ridge = z / (1 + 2 * t)
    hard = np.where(np.abs(z) > t, z, 0.0)
    with book_style():
        ax = _axes(ax)
        ax.plot(z, z, color=color("guide"), linestyle=":", linewidth=1.5, label="least squares $z$")
        ax.plot(z, hard, color=color("hard"), linestyle="--", label="hard threshold")
        ax.plot(z, ridge, color=color("ridge"), label="ridge $z/(1+2t)$")
        ax.plot(z, soft, color=color("lasso"), label="lasso: soft threshold")
        ax.axvspan(-t, t, color=color("lasso"), alpha=0.08, linewidth=0)
        ax.set_xlabel("least-squares estimate $z$")
        ax.set_ylabel("penalised estimate")
        ax.set_title(f"Shrinkage rules, threshold $t = {t:g}$")
        ax.legend()
    return ax, {"z": z, "soft": soft, "ridge": ridge, "hard": hard, "t": t}


# ------------------------------------------------------------- several features
def plot_coef_paths(
    alphas: object,
    coefs: object,
    feature_names: list[str],
    *,
    title: str | None = None,
    ax: Any = None,
    log_x: bool = True,
) -> tuple[Any, dict]:
    """Coefficient paths from precomputed arrays; exact zeros drawn as open circles.

    Parameters
    ----------
    alphas : array_like of shape (k,)
        Penalty weights (> 0 when ``log_x``).
    coefs : array_like of shape (k, p)
        ``coefs[i, j]`` is coefficient ``j`` at ``alphas[i]``.
    feature_names : list of str
        ``p`` names, for the legend.
    title : str, optional
        Axes title.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.
    log_x : bool, default=True
        Log scale for the penalty axis.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"alphas"``, ``"coefs"`` and ``"zero_mask"`` (``coefs == 0.0``, exact).

    Examples
    --------
    >>> ax, d = plot_coef_paths([0.1, 1.0, 10.0], [[2.0, 1.0], [1.0, 0.0], [0.0, 0.0]], ["a", "b"])
    >>> int(d["zero_mask"].sum())
    3
    """
    alphas = as_float_vector(alphas, "alphas")
    coefs = as_float_matrix(coefs, "coefs")
    if coefs.shape[0] != alphas.size:
        raise ValueError(
            f"coefs must have one row per alpha ({alphas.size}), got shape {coefs.shape}"
        )
    names = [str(name) for name in feature_names]
    if len(names) != coefs.shape[1]:
        raise ValueError(f"feature_names must have {coefs.shape[1]} names, got {len(names)}")
    if log_x and np.any(alphas <= 0):
        raise ValueError("alphas must be > 0 for a log axis (or pass log_x=False)")
    if np.any(alphas < 0):
        raise ValueError(f"alphas must be >= 0, got {alphas[alphas < 0][0]}")
    zero_mask = coefs == 0.0
    with book_style():
        ax = _axes(ax, figsize=(7.0, 4.5))
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        for j, name in enumerate(names):
            (line,) = ax.plot(alphas, coefs[:, j], label=name)
            zeros = zero_mask[:, j]
            ax.plot(alphas[zeros], coefs[zeros, j], "o", markerfacecolor="white",
                    markeredgecolor=line.get_color(), markersize=5, linestyle="none")
        if log_x:
            ax.set_xscale("log")
        ax.set_xlabel("penalty weight")
        ax.set_ylabel("coefficient")
        ax.set_title(title or "Coefficient paths (open circles: exactly 0)")
        if len(names) <= 12:
            ax.legend(fontsize=9, ncol=2 if len(names) > 6 else 1)
    return ax, {"alphas": alphas, "coefs": coefs, "zero_mask": zero_mask}


# --------------------------------------------------------------- the geometry
def constrained_solution(w_ols: object, hessian: object, t: float, norm: str) -> np.ndarray:
    """Minimise ``(w - w_ols)^T H (w - w_ols)`` over ``||w|| <= t`` in two dimensions.

    Parameters
    ----------
    w_ols : array_like of shape (2,)
        The unconstrained minimiser.
    hessian : array_like of shape (2, 2)
        ``H = X^T X``, symmetric positive definite.
    t : float
        Radius of the constraint, > 0.
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
    """
    w_ols, H, t, norm = _check_geometry(w_ols, hessian, t, norm)
    order = 1 if norm == "l1" else 2
    if np.linalg.norm(w_ols, order) <= t:
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


def _check_geometry(w_ols: object, hessian: object, t: float, norm: str) -> tuple:
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
    t = check_penalty(t, "t", allow_zero=False)
    if not isinstance(norm, str) or norm not in ("l1", "l2"):
        raise ValueError(f"norm must be 'l1' or 'l2', got {norm!r}")
    return w_ols, H, t, norm


def plot_constraint_geometry(
    w_ols: object, hessian: object, *, t: float = 1.0, norm: str = "l1", ax: Any = None
) -> tuple[Any, dict]:
    """RSS contour ellipses around ``w_ols`` meeting the L1 diamond or the L2 disk.

    Parameters
    ----------
    w_ols : array_like of shape (2,)
        Least-squares coefficients, the centre of the ellipses.
    hessian : array_like of shape (2, 2)
        ``X^T X``: the RSS is ``(w - w_ols)^T H (w - w_ols)`` plus a constant.
    t : float, default=1.0
        Radius of the constraint ``||w||_1 <= t`` or ``||w||_2 <= t``, > 0.
    norm : {"l1", "l2"}, default="l1"
        Diamond (lasso) or disk (ridge).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"solution"`` (shape (2,), from :func:`constrained_solution`),
        ``"contour_levels"`` (increasing; the middle one touches the constraint at the
        solution), ``"boundary"`` (shape (k, 2), the constraint's closed outline).

    Examples
    --------
    >>> ax, d = plot_constraint_geometry([2.0, 0.5], [[1.0, 0.0], [0.0, 1.0]], t=1.0)
    >>> d["solution"].tolist()
    [1.0, 0.0]
    """
    w_ols, H, t, norm = _check_geometry(w_ols, hessian, t, norm)
    solution = constrained_solution(w_ols, H, t, norm)
    rss = lambda w: (w - w_ols) @ H @ (w - w_ols)  # noqa: E731
    touch = rss(solution)
    if touch <= 0:  # w_ols inside the ball: draw ellipses of a size set by t
        touch = t**2 * np.max(np.linalg.eigvalsh(H)) / 4
    levels = touch * np.array([0.15, 0.45, 1.0, 1.8])
    if norm == "l1":
        boundary = np.array([[t, 0], [0, t], [-t, 0], [0, -t], [t, 0]], dtype=float)
    else:
        angle = np.linspace(0, 2 * np.pi, 361)
        boundary = t * np.column_stack([np.cos(angle), np.sin(angle)])
    extent = np.sqrt(levels[-1] * np.diag(np.linalg.inv(H)))  # half-widths of the outer ellipse
    low = np.minimum(w_ols - extent, -t) - 0.1 * t
    high = np.maximum(w_ols + extent, t) + 0.1 * t
    W1, W2 = np.meshgrid(np.linspace(low[0], high[0], 301), np.linspace(low[1], high[1], 301))
    D = np.stack([W1 - w_ols[0], W2 - w_ols[1]], axis=-1)
    Q = np.einsum("...i,ij,...j->...", D, H, D)
    name = "lasso" if norm == "l1" else "ridge"
    with book_style():
        ax = _axes(ax, figsize=(5.5, 5.5))
        ax.axhline(0.0, color=color("guide"), linewidth=1)
        ax.axvline(0.0, color=color("guide"), linewidth=1)
        ax.fill(boundary[:, 0], boundary[:, 1], color=color("constraint"), alpha=0.35,
                label=f"$\\|w\\|_{norm[1]} \\leq {t:g}$")
        ax.contour(W1, W2, Q, levels=levels, colors=color("data"), linewidths=[1, 1, 2.2, 1])
        ax.plot(*w_ols, "x", color=color("ols"), markersize=10, mew=2.5, label="least squares")
        ax.plot(*solution, "o", color=color(name), markeredgecolor="black", markersize=9,
                label=f"{name} solution ({solution[0]:.3g}, {solution[1]:.3g})")
        ax.set_aspect("equal")
        ax.set_xlim(low[0], high[0])
        ax.set_ylim(low[1], high[1])
        ax.set_xlabel("$w_1$")
        ax.set_ylabel("$w_2$")
        corners = "The diamond's corners give zeros"
        ax.set_title(corners if norm == "l1" else "The disk has no corners")
        ax.legend(loc="lower left", fontsize=9)
    return ax, {"solution": solution, "contour_levels": levels, "boundary": boundary}


# ------------------------------------------------------------------ over-fitting (Regularization)
def plot_error_curve(curve: dict, *, ax: Any = None) -> tuple[Any, dict]:
    """Training and test mean squared error against lambda (log axis).

    Parameters
    ----------
    curve : dict
        As returned by :func:`lessonlib.overfitting.error_curve`: ``"lambda"``,
        ``"train_mse"`` and ``"test_mse"``. Entries with ``lambda == 0`` cannot be
        shown on a log axis; they are left out of the plot (and of ``data``).
    ax : matplotlib Axes, optional

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"lambda"``, ``"train_mse"``, ``"test_mse"`` as plotted, and ``"best_lambda"``
        (the plotted lambda with the lowest test error, marked on the figure).

    Examples
    --------
    >>> curve = {"lambda": np.array([0.1, 1.0, 10.0]), "train_mse": np.array([0.1, 0.2, 0.4]),
    ...          "test_mse": np.array([0.5, 0.3, 0.6])}
    >>> ax, d = plot_error_curve(curve)
    >>> d["best_lambda"]
    1.0
    """
    lambdas = _nonnegative_vector(curve["lambda"], "curve['lambda']")
    train = as_float_vector(curve["train_mse"], "curve['train_mse']")
    test = as_float_vector(curve["test_mse"], "curve['test_mse']")
    if not (lambdas.size == train.size == test.size):
        raise ValueError("curve's 'lambda', 'train_mse' and 'test_mse' must have the same length")
    keep = lambdas > 0
    if not keep.any():
        raise ValueError("curve['lambda'] must contain a positive lambda to plot on a log axis")
    lambdas, train, test = lambdas[keep], train[keep], test[keep]
    best = float(lambdas[np.argmin(test)])
    with book_style():
        ax = _axes(ax)
        ax.plot(lambdas, train, color=color("ols"), label="training error")
        ax.plot(lambdas, test, color=color("highlight"), label="test error")
        ax.axvline(best, color=color("guide"), linestyle="--", linewidth=1.5,
                   label=f"lowest test error, $\\lambda = {best:.2g}$")
        ax.set_xscale("log")
        ax.set_xlabel("penalty weight $\\lambda$ (log scale)")
        ax.set_ylabel("mean squared error")
        ax.set_title("Too little penalty over-fits, too much under-fits")
        ax.legend()
    return ax, {"lambda": lambdas, "train_mse": train, "test_mse": test, "best_lambda": best}


def plot_polynomial_fits(data: Any, fits: dict, *, ax: Any = None,
                         n_grid: int = 400) -> tuple[Any, dict]:
    """Training points, the true curve ``sin(2 pi x)`` and several fitted polynomials.

    Parameters
    ----------
    data : lessonlib.overfitting.SineData
    fits : dict
        Label -> ``(coef, intercept)`` from :func:`lessonlib.overfitting.fit_polynomial`.
    ax : matplotlib Axes, optional
    n_grid : int, default=400
        Points on [0, 1] where the curves are evaluated.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"x"`` (the grid), ``"truth"`` and ``"curves"`` (label -> fitted values on the grid).

    Examples
    --------
    >>> from lessonlib import overfitting
    >>> d = overfitting.make_sine_data(seed=0)
    >>> ax, out = plot_polynomial_fits(d, {"ridge": overfitting.fit_polynomial(d.x_train, d.y_train, 3, 1.0)})
    >>> out["curves"]["ridge"].shape
    (400,)
    """
    from lessonlib import overfitting

    grid = np.linspace(0.0, 1.0, n_grid)
    truth = np.sin(2 * np.pi * grid)
    palette = [color("ols"), color("ridge"), color("highlight"), color("lasso"), color("elastic net")]
    curves = {
        label: overfitting.predict_polynomial(grid, data.x_train, np.asarray(coef), intercept)
        for label, (coef, intercept) in fits.items()
    }
    with book_style():
        ax = _axes(ax)
        ax.plot(grid, truth, color=color("guide"), linestyle="--", label="true curve")
        for (label, values), col in zip(curves.items(), palette):
            ax.plot(grid, values, color=col, label=label)
        ax.scatter(data.x_train, data.y_train, color=color("data"), zorder=3, label="training points")
        spread = np.ptp(data.y_train)
        ax.set_ylim(data.y_train.min() - 0.6 * spread, data.y_train.max() + 0.6 * spread)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.set_title("Degree-9 polynomial fits")
        ax.legend(loc="lower left", fontsize=9)
    return ax, {"x": grid, "truth": truth, "curves": curves}
